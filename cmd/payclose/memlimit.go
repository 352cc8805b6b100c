package main

import (
	"fmt"
	"os"
	"runtime/debug"
	"strconv"
	"strings"
)

// defaultMemoryLimit is the soft heap limit when neither --memory-limit nor GOMEMLIMIT says: three
// quarters of the memory the process may use (the cgroup limit of a container, else the machine's),
// leaving room for the stacks, the Parquet buffers outside the heap and the page cache. When the
// machine cannot be read, no limit.
func defaultMemoryLimit() int64 {
	avail := int64(0)
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if f := strings.Fields(line); len(f) >= 2 && f[0] == "MemTotal:" {
				if kb, err := strconv.ParseInt(f[1], 10, 64); err == nil {
					avail = kb << 10
				}
			}
		}
	}
	for _, p := range []string{"/sys/fs/cgroup/memory.max", "/sys/fs/cgroup/memory/memory.limit_in_bytes"} {
		if b, err := os.ReadFile(p); err == nil {
			if n, err := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64); err == nil && n > 0 && (avail == 0 || n < avail) {
				avail = n
			}
		}
	}
	if avail <= 0 {
		return -1 // debug.SetMemoryLimit: a negative input leaves the limit unchanged
	}
	return avail / 4 * 3
}

// parseMemoryLimit reads a size as GOMEMLIMIT writes it: bytes, or a number with B, KiB, MiB, GiB
// or TiB.
func parseMemoryLimit(s string) (int64, error) {
	s = strings.TrimSpace(s)
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		m      int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"TiB", 1 << 40}, {"B", 1}} {
		if strings.HasSuffix(s, u.suffix) {
			s, mult = strings.TrimSuffix(s, u.suffix), u.m
			break
		}
	}
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n <= 0 || n > (1<<62)/mult {
		return 0, fmt.Errorf("--memory-limit %q: expected a size such as 4GiB or 1500MiB", s)
	}
	return n * mult, nil
}

// setMemoryLimit applies --memory-limit (PAYCLOSE_MEMORY_LIMIT), which wins over GOMEMLIMIT.
func setMemoryLimit(s string) error {
	if s == "" {
		return nil
	}
	n, err := parseMemoryLimit(s)
	if err != nil {
		return cliUsage{err}
	}
	debug.SetMemoryLimit(n)
	return nil
}

package main

import (
	"path/filepath"
	"runtime/debug"
	"strings"
	"testing"
)

func TestMemoryLimit(t *testing.T) {
	for in, want := range map[string]int64{"1500MiB": 1500 << 20, "4GiB": 4 << 30, "123456": 123456, "2048KiB": 2 << 20} {
		if got, err := parseMemoryLimit(in); err != nil || got != want {
			t.Errorf("%s: %d %v, want %d", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "4GB", "-1", "x"} {
		if _, err := parseMemoryLimit(bad); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
	if d := defaultMemoryLimit(); d == 0 || (d > 0 && d < 64<<20) {
		t.Errorf("default limit %d: neither none (-1) nor a plausible fraction of the machine", d)
	}
	prev := debug.SetMemoryLimit(-1)
	defer debug.SetMemoryLimit(prev)
	if code, _, errs := runCLI(t, "validate", "--sample", "--memory-limit", "3GiB", "--out", filepath.Join(t.TempDir(), "v")); code != exitRejects {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	if got := debug.SetMemoryLimit(-1); got != 3<<30 {
		t.Errorf("limit after --memory-limit 3GiB: %d", got)
	}
	if code, _, errs := runCLI(t, "validate", "--sample", "--memory-limit", "lots", "--out", t.TempDir()); code != exitUsage || !strings.Contains(errs, "memory-limit") {
		t.Errorf("bad --memory-limit: exit %d\n%s", code, errs)
	}
}

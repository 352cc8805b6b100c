package pipeline_test

import (
	"context"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/payclose/payclose/pipeline"
)

// A commit touches only what it writes: closing a second week leaves the first week's files with
// their inode, link count and change time (re-linking them, as the old commit did, changes the
// last two).
func TestCommitTouchesOnlyItsFiles(t *testing.T) {
	out := filepath.Join(t.TempDir(), "ledger")
	var first map[string]syscall.Stat_t
	for i, w := range []string{week1, week2} {
		if i == 1 {
			first = stats(t, out)
		}
		cfg := sampleConfig(t, out)
		cfg.Week, cfg.Weeks = date(t, w), 1
		if _, err := pipeline.Run(context.Background(), cfg); err != nil {
			t.Fatal(err)
		}
	}
	after := stats(t, out)
	n := 0
	for p, st := range first {
		if !strings.HasPrefix(p, "pay_lines/") && !strings.HasPrefix(p, "accruals/") && !strings.HasPrefix(p, "runs/") {
			continue
		}
		n++
		a := after[p]
		if a.Ino != st.Ino || a.Nlink != st.Nlink || a.Ctim != st.Ctim {
			t.Errorf("%s was touched by the second close", p)
		}
	}
	if n < 5 {
		t.Fatalf("only %d files of the first week checked", n)
	}
}

func stats(t *testing.T, dir string) map[string]syscall.Stat_t {
	t.Helper()
	out := map[string]syscall.Stat_t{}
	for rel := range readTree(t, dir) {
		var st syscall.Stat_t
		if err := syscall.Stat(filepath.Join(dir, rel), &st); err != nil {
			t.Fatal(err)
		}
		out[filepath.ToSlash(rel)] = st
	}
	return out
}

package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/fixtures"
)

// A close on a disk with less free space than it needs stops before writing anything, saying
// how much it needs; with enough it runs.
func TestCloseStopsWhenTheDiskIsShort(t *testing.T) {
	dir := t.TempDir()
	if err := fixtures.WriteSample(dir); err != nil {
		t.Fatal(err)
	}
	week, _ := calendars.ParseISODate(fixtures.SampleWeek)
	out := filepath.Join(dir, "out")
	cfg := Config{Punches: filepath.Join(dir, "punches.csv"), Roster: filepath.Join(dir, "roster.csv"),
		Schedule: filepath.Join(dir, "schedule.csv"), Week: week, Weeks: fixtures.SampleWeeks, Out: out}
	defer func(old func(string) (int64, bool)) { freeSpace = old }(freeSpace)
	var asked string
	freeSpace = func(d string) (int64, bool) { asked = d; return 63 << 20, true }
	_, err := Run(context.Background(), cfg)
	if err == nil || !strings.Contains(err.Error(), "not enough free disk") || !strings.Contains(err.Error(), "needs about 64 MiB") {
		t.Fatalf("63 MiB free: %v", err)
	}
	if asked != out {
		t.Errorf("free space asked of %q, want the output directory %q", asked, out)
	}
	if _, err := os.Stat(filepath.Join(out, "pay_lines")); err == nil {
		t.Error("pay lines written on a short disk")
	}
	freeSpace = func(string) (int64, bool) { return 65 << 20, true }
	if _, err := Run(context.Background(), cfg); err != nil {
		t.Fatalf("65 MiB free: %v", err)
	}
}

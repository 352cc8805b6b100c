package pipeline

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/payclose/payclose/calendars"
)

// BenchmarkIdentify hashes a generated week's inputs (PAYCLOSE_BENCH_WEEK=DIR holding punches.csv,
// roster.csv and schedule.csv; skipped without it): the pass before the close that gives the run id.
func BenchmarkIdentify(b *testing.B) {
	dir := os.Getenv("PAYCLOSE_BENCH_WEEK")
	if dir == "" {
		b.Skip("PAYCLOSE_BENCH_WEEK not set")
	}
	cfg := Config{Punches: filepath.Join(dir, "punches.csv"), Roster: filepath.Join(dir, "roster.csv"),
		Schedule: filepath.Join(dir, "schedule.csv"), Week: calendars.NewDate(2026, 11, 15), Weeks: 1, ctx: context.Background()}
	var n int64
	for b.Loop() {
		in, _, err := identify(&cfg, nil)
		if err != nil {
			b.Fatal(err)
		}
		n = 0
		for _, x := range in {
			n += x.Bytes
		}
	}
	b.SetBytes(n)
}

package handoff

import (
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/stages/emit"
)

// BenchmarkHandoff hands off the week 2026-11-15 of a close's output directory named by
// PAYCLOSE_HANDOFF_OUT (e.g. of `payclose run` on `payclose gen --employees 1000000`), the files
// written to io.Discard; cpu-s/op is the process's user+sys CPU during the hand-offs. Run it with
// GOGC=200, as payclose runs. With -cpuprofile it is the hand-off alone.
func BenchmarkHandoff(b *testing.B) {
	dir := os.Getenv("PAYCLOSE_HANDOFF_OUT")
	if dir == "" {
		b.Skip("PAYCLOSE_HANDOFF_OUT not set")
	}
	start, _ := calendars.ParseISODate("2026-11-15")
	w := Week{Start: start}
	w.PayLines, _ = filepath.Glob(filepath.Join(dir, "pay_lines", "week_start=2026-11-15", "*.parquet"))
	w.Accruals, _ = filepath.Glob(filepath.Join(dir, "accruals", "week_start=2026-11-15", "*.parquet"))
	var gross int64
	for _, p := range w.PayLines {
		if err := emit.ReadPayLines(p, func(r *emit.PayLineRow) { gross += r.Amount }); err != nil {
			b.Fatal(err)
		}
	}
	create := func(rel string, write func(io.Writer) (emit.Output, error)) error {
		_, err := write(io.Discard)
		return err
	}
	cpu := func() float64 {
		var ru syscall.Rusage
		syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
		return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
	}
	b.ResetTimer()
	c0 := cpu()
	for range b.N {
		in := &Input{RunID: "bench", Weeks: []Week{w}, Manifest: &emit.Manifest{}, Gross: gross}
		if err := Write(in, Options{}, create); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric((cpu()-c0)/float64(b.N), "cpu-s/op")
}

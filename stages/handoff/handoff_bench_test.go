package handoff

import (
	"io"
	"os"
	"path/filepath"
	"runtime/metrics"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/stages/emit"
)

// BenchmarkHandoff hands off the week 2026-11-15 of a close's output directory named by
// PAYCLOSE_HANDOFF_OUT (e.g. of `payclose run` on `payclose gen --employees 1000000`), the files
// written to io.Discard; cpu-s/op is the process's user+sys CPU during the hand-offs. Run it with
// GOGC=200, as payclose runs. With -cpuprofile it is the hand-off alone. peak-heap-MB is the
// largest heap (live and not yet collected objects) sampled every millisecond, peak-live-MB the
// largest heap marked live by a collection. With
// PAYCLOSE_HANDOFF_PREV=1 the same files also stand for the week before (Input.Previous), so the
// report's variance compares every employee.
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
	var prev *Week
	if os.Getenv("PAYCLOSE_HANDOFF_PREV") != "" {
		p := w
		p.Start = start.AddDays(-7)
		prev = &p
	}
	stop, peak, live := make(chan struct{}), uint64(0), uint64(0)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/gc/heap/live:bytes"}}
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-stop:
				return
			case <-t.C:
				metrics.Read(s)
				peak, live = max(peak, s[0].Value.Uint64()), max(live, s[1].Value.Uint64())
			}
		}
	}()
	b.ResetTimer()
	c0 := cpu()
	for range b.N {
		in := &Input{RunID: "bench", Weeks: []Week{w}, Previous: prev, Manifest: &emit.Manifest{}, Gross: gross}
		if err := Write(in, Options{}, create); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric((cpu()-c0)/float64(b.N), "cpu-s/op")
	close(stop)
	wg.Wait()
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	b.ReportMetric(float64(live)/(1<<20), "peak-live-MB")
}

// BenchmarkReadPayLines reads the pay_lines files named by PAYCLOSE_PAYLINES (a glob) as the
// hand-off does, adding up the amounts; the hand-off's own work on the rows is left out.
func BenchmarkReadPayLines(b *testing.B) {
	files, _ := filepath.Glob(os.Getenv("PAYCLOSE_PAYLINES"))
	if len(files) == 0 {
		b.Skip("PAYCLOSE_PAYLINES not set or matches nothing")
	}
	interned := map[string]string{}
	intern := func(s string) string {
		if c, ok := interned[s]; ok {
			return c
		}
		c := strings.Clone(s)
		interned[c] = c
		return c
	}
	var rows int
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		var sum int64
		rows = 0
		for _, p := range files {
			if err := readPayLines(p, intern, func(r *payLine) error {
				sum += r.Amount + r.Hours + r.Rate
				rows++
				return nil
			}); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(rows)*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
}

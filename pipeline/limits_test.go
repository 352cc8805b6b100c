package pipeline_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/payclose/payclose/pipeline"
)

// peakHeap samples the live heap while f runs; good enough to tell megabytes from gigabytes.
func peakHeap(f func()) uint64 {
	var peak atomic.Uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapAlloc > peak.Load() {
				peak.Store(ms.HeapAlloc)
			}
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	f()
	close(stop)
	<-done
	return peak.Load()
}

// A week with 100,000 punch rows for one employee (a clock gone wrong, or a hostile file) closes in
// bounded time and memory: rows that copy an earlier row are DUPLICATE_ROW rejects, rows that
// overlap an earlier span are OVERLAPPING_SPAN rejects, the rest are paid, and the reconciliation still balances row for row.
func TestHugeWeekForOneEmployee(t *testing.T) {
	cfg := sampleConfig(t, filepath.Join(t.TempDir(), "out"))
	cfg.AllowEmpty = []string{"punches"} // the rows fill the first of the sample's two weeks only
	const rows = 100_000
	var b bytes.Buffer
	b.WriteString("PERSONNUM,EVENTDATE,PAYCODENAME,PUNCHDTM,ENDPUNCHDTM,HOURS,LABORACCOUNT\n")
	for i := 0; i < rows; i++ {
		// Two-hour spans starting every minute through the week: each overlaps the last kept span
		// unless it starts at or after its end.
		m := i % (7 * 24 * 60)
		day := 15 + m/(24*60)
		start := m % (24 * 60)
		end := start + 120
		endDay := day
		if end >= 24*60 {
			end -= 24 * 60
			endDay++
		}
		fmt.Fprintf(&b, "100109,2026-11-%02d,,2026-11-%02dT%02d:%02d,2026-11-%02dT%02d:%02d,,UMMH/MED/4EAST/PCA/-/-/-\n",
			day, day, start/60, start%60, endDay, end/60, end%60)
	}
	if err := os.WriteFile(cfg.Punches, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	var res *pipeline.Result
	var err error
	began := time.Now()
	peak := peakHeap(func() { res, err = pipeline.Run(context.Background(), cfg) })
	took := time.Since(began)
	t.Logf("100k punches for one employee: %v, peak heap %d MiB", took, peak>>20)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Manifest.Reconciliation.OK {
		t.Fatalf("reconciliation: %+v", res.Manifest.Reconciliation)
	}
	for _, r := range res.Rejects.First { // the first of rejects.csv: the rest are on disk
		if r.Detail == "" || r.Line == 0 {
			t.Fatalf("reject without line or detail: %+v", r)
		}
	}
	// The spans repeat every week of minutes: every row after the first 10,080 is an exact copy of
	// an earlier one (DUPLICATE_ROW), and most of the first 10,080 overlap a kept span.
	const distinct = 7 * 24 * 60
	reasons := res.Rejects.ByReason
	if reasons["DUPLICATE_ROW"] != rows-distinct || reasons["OVERLAPPING_SPAN"] < distinct*9/10 {
		t.Errorf("rejects by reason %v: want %d DUPLICATE_ROW and most of the rest OVERLAPPING_SPAN", reasons, rows-distinct)
	}
	if peak > 512<<20 {
		t.Errorf("peak heap %d MiB for a 100k-row week: memory is not bounded", peak>>20)
	}
	if took > 60*time.Second {
		t.Errorf("took %v: worse than linear in the rows of one employee", took)
	}
}

// A file that is not CSV text fails the run with an error that names the file.
func TestNotCSV(t *testing.T) {
	for name, data := range map[string][]byte{
		"png":    append([]byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), bytes.Repeat([]byte{0, 0xff, 0x13}, 200)...),
		"json":   []byte(`{"punches": [{"id": 1}]}` + "\n"),
		"empty":  nil,
		"binary": bytes.Repeat([]byte{0x00, 0x01, 0xfe}, 4096),
	} {
		t.Run(name, func(t *testing.T) {
			cfg := sampleConfig(t, filepath.Join(t.TempDir(), "out"))
			bad := filepath.Join(filepath.Dir(cfg.Punches), "export."+name)
			if err := os.WriteFile(bad, data, 0o644); err != nil {
				t.Fatal(err)
			}
			for _, which := range []string{"punches", "roster", "schedule"} {
				c := cfg
				switch which {
				case "punches":
					c.Punches = bad
				case "roster":
					c.Roster = bad
				case "schedule":
					c.Schedule = bad
				}
				_, err := pipeline.Run(context.Background(), c)
				if err == nil {
					t.Fatalf("%s = %s: no error", which, name)
				}
				if !strings.Contains(err.Error(), bad) {
					t.Errorf("%s = %s: error %q does not name the file", which, name, err)
				}
				if _, serr := os.Stat(c.Out); serr == nil {
					t.Errorf("%s = %s: output directory written", which, name)
				}
			}
		})
	}
}

// A punch row longer than 1 MiB is a reject with its line; the rest of the week closes and
// reconciles.
func TestLineOverOneMiB(t *testing.T) {
	cfg := sampleConfig(t, filepath.Join(t.TempDir(), "out"))
	orig, err := os.ReadFile(cfg.Punches)
	if err != nil {
		t.Fatal(err)
	}
	head, rest, _ := bytes.Cut(orig, []byte("\n"))
	var b bytes.Buffer
	b.Write(head)
	b.WriteString("\n100109,2026-11-16,,2026-11-16T07:00,2026-11-16T08:00,,")
	b.WriteString(strings.Repeat("X", 1<<20+10))
	b.WriteString("\n")
	b.Write(rest)
	if err := os.WriteFile(cfg.Punches, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := pipeline.Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, r := range res.Rejects.First {
		if r.Line == 2 && r.File == cfg.Punches {
			found = true
			t.Logf("reject: %s %s: %s", r.Reason, r.Column, r.Detail)
			if len(r.Value) > 200 {
				t.Errorf("reject carries %d bytes of the line; a report needs a short excerpt", len(r.Value))
			}
		}
	}
	if !found {
		t.Fatal("no reject for the 1 MiB line 2")
	}
	if !res.Manifest.Reconciliation.OK {
		t.Fatalf("reconciliation: %+v", res.Manifest.Reconciliation)
	}
	if res.Totals.Employees < 40 {
		t.Errorf("only %d employees paid: one long line stopped the close", res.Totals.Employees)
	}
}

package pipeline_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/payclose/payclose/benchmarks/gen"
	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/pipeline"
)

// FuzzClose closes a small generated week with random byte mutations of each input (issue 10):
// whatever the bytes, the close does not panic, never fails its own accounting (a reconciliation
// failure is a bug: the inputs may be garbage, the arithmetic may not), and when it completes,
// every physical line of every input is the header, blank, accepted or rejected, and the hours
// reconcile.
func FuzzClose(f *testing.F) {
	week, _ := calendars.ParseISODate("2026-11-15")
	var roster, schedule, punches bytes.Buffer
	if _, err := gen.Generate(&roster, &schedule, &punches, gen.Config{Employees: 4, Week: week, Seed: 3, BadPer10k: 2000}); err != nil {
		f.Fatal(err)
	}
	f.Add(punches.Bytes(), roster.Bytes(), schedule.Bytes())
	// A few hand-made shapes the mutator would take long to find.
	p := punches.String()
	f.Add([]byte(strings.Replace(p, ",", `,"`, 3)), roster.Bytes(), schedule.Bytes())
	f.Add([]byte(strings.ReplaceAll(p, "\n", "\r\r\n")), roster.Bytes(), []byte(strings.SplitAfter(schedule.String(), "\n")[0]))
	lines := strings.SplitAfter(p, "\n")
	f.Add([]byte(p+lines[1]+lines[2]), roster.Bytes(), schedule.Bytes())
	f.Fuzz(func(t *testing.T, punches, roster, schedule []byte) {
		dir := t.TempDir()
		files := map[string][]byte{"punches.csv": punches, "roster.csv": roster, "schedule.csv": schedule}
		for n, b := range files {
			if err := os.WriteFile(filepath.Join(dir, n), b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		cfg := pipeline.Config{
			Punches: filepath.Join(dir, "punches.csv"), Roster: filepath.Join(dir, "roster.csv"),
			Schedule: filepath.Join(dir, "schedule.csv"), Week: week, Out: filepath.Join(dir, "out"),
			Validate: true, Workers: 1,
		}
		res, err := pipeline.Run(context.Background(), cfg)
		if errors.Is(err, pipeline.ErrReconciliation) {
			t.Fatalf("the close failed its own accounting: %v", err)
		}
		if err != nil {
			return // unreadable or incomplete input: refused as a whole, which is allowed
		}
		m := res.Manifest
		if !m.Reconciliation.OK {
			t.Fatalf("reconciliation %+v", m.Reconciliation)
		}
		for _, in := range m.Inputs {
			b := files[filepath.Base(in.Path)]
			lines := int64(bytes.Count(b, []byte{'\n'}))
			if len(b) > 0 && b[len(b)-1] != '\n' {
				lines++
			}
			if in.LinesRead != lines || in.BytesRead != int64(len(b)) ||
				in.LinesRead != in.HeaderLines+in.BlankLines+in.LinesAccepted+in.LinesRejected || in.LinesAccepted < 0 {
				t.Fatalf("%s: %d of %d lines, %d of %d bytes: %+v", in.Name, in.LinesRead, lines, in.BytesRead, len(b), in)
			}
		}
	})
}

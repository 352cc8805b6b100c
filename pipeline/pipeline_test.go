package pipeline_test

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/fixtures"
	"github.com/payclose/payclose/pipeline"
	_ "github.com/payclose/payclose/stages/rules/all"
)

func sampleConfig(t *testing.T, out string) pipeline.Config {
	t.Helper()
	dir := t.TempDir()
	if err := fixtures.WriteSample(dir); err != nil {
		t.Fatal(err)
	}
	week, _ := calendars.ParseISODate(fixtures.SampleWeek)
	return pipeline.Config{
		Punches:  filepath.Join(dir, "punches.csv"),
		Roster:   filepath.Join(dir, "roster.csv"),
		Schedule: filepath.Join(dir, "schedule.csv"),
		Week:     week,
		Out:      out,
	}
}

// readTree returns every file under dir by relative path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[rel] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// The sample closes, reconciles, and rejects exactly its seven deliberate bad rows, each with its
// own reason.
func TestSampleCloses(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	res, err := pipeline.Run(context.Background(), sampleConfig(t, out))
	if err != nil {
		t.Fatal(err)
	}
	if !res.Manifest.Reconciliation.OK {
		t.Fatalf("reconciliation: %+v", res.Manifest.Reconciliation)
	}
	got := map[string]int{}
	for _, r := range res.Rejects {
		got[r.Reason]++
		if r.File == "" || r.Line == 0 || r.Detail == "" {
			t.Errorf("reject without file/line/detail: %+v", r)
		}
	}
	for _, reason := range []string{"MISSING_OUT_PUNCH", "OUT_BEFORE_IN", "SPAN_TOO_LONG", "UNKNOWN_EMPLOYEE", "OVERLAPPING_SPAN", "BAD_DATETIME", "BAD_HOURS"} {
		if got[reason] < 1 {
			t.Errorf("no %s reject; got %v", reason, got)
		}
	}
	if res.Totals.Employees != 46 {
		t.Errorf("employees = %d, want the 46 on the roster", res.Totals.Employees)
	}
	for _, f := range []string{"manifest.json", "rejects.csv", "exceptions.csv", "pay_lines/week_start=2026-11-15/part-00000.parquet"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("missing output %s", f)
		}
	}
}

// Same inputs, same bytes: a rerun into a fresh directory, and a run with a different number of
// workers, produce identical files.
func TestRerunIsByteIdentical(t *testing.T) {
	base := t.TempDir()
	var trees []map[string][]byte
	for i, workers := range []int{1, 4, 1} {
		out := filepath.Join(base, "out", string(rune('a'+i)))
		cfg := sampleConfig(t, out)
		cfg.Workers = workers
		// The input files live in a per-call temp dir: make their paths identical by copying to a
		// fixed place, since paths appear in rejects and the manifest.
		fixed := filepath.Join(base, "in")
		os.MkdirAll(fixed, 0o755)
		for _, p := range []*string{&cfg.Punches, &cfg.Roster, &cfg.Schedule} {
			b, _ := os.ReadFile(*p)
			np := filepath.Join(fixed, filepath.Base(*p))
			os.WriteFile(np, b, 0o644)
			*p = np
		}
		if _, err := pipeline.Run(context.Background(), cfg); err != nil {
			t.Fatal(err)
		}
		trees = append(trees, readTree(t, out))
	}
	for i := 1; i < len(trees); i++ {
		if len(trees[i]) != len(trees[0]) {
			t.Fatalf("run %d wrote %d files, run 0 wrote %d", i, len(trees[i]), len(trees[0]))
		}
		for name, b := range trees[0] {
			if !bytes.Equal(b, trees[i][name]) {
				t.Errorf("run %d: %s differs", i, name)
			}
		}
	}
}

// An export that is not grouped by employee is still closed correctly (re-read in memory), with the
// same pay lines as the grouped export.
func TestUnsortedInput(t *testing.T) {
	base := t.TempDir()
	cfg := sampleConfig(t, filepath.Join(base, "sorted"))
	sorted, err := pipeline.Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(cfg.Punches)
	lines := strings.Split(strings.TrimRight(string(b), "\r\n"), "\n")
	body := append([]string(nil), lines[1:]...)
	sort.SliceStable(body, func(i, j int) bool { return body[i][len(body[i])/2:] < body[j][len(body[j])/2:] })
	shuffled := filepath.Join(base, "shuffled.csv")
	os.WriteFile(shuffled, []byte(lines[0]+"\n"+strings.Join(body, "\n")+"\n"), 0o644)
	cfg.Punches = shuffled
	cfg.Out = filepath.Join(base, "unsorted")
	res, err := pipeline.Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if res.Totals.Gross != sorted.Totals.Gross || res.Totals.PayLines != sorted.Totals.PayLines || !res.Manifest.Reconciliation.OK {
		t.Fatalf("unsorted gross %s lines %d; sorted gross %s lines %d", res.Totals.Gross, res.Totals.PayLines, sorted.Totals.Gross, sorted.Totals.PayLines)
	}
}

// Usage errors are typed so the command can exit 2.
func TestUsageErrors(t *testing.T) {
	cfg := sampleConfig(t, filepath.Join(t.TempDir(), "out"))
	cfg.Week = cfg.Week + 1 // a Monday
	_, err := pipeline.Run(context.Background(), cfg)
	var u pipeline.UsageError
	if !errors.As(err, &u) {
		t.Fatalf("a Monday --week: %v", err)
	}
	cfg.Week--
	cfg.Shard, cfg.Shards = 3, 2
	if _, err := pipeline.Run(context.Background(), cfg); !errors.As(err, &u) {
		t.Fatalf("--shard 3/2: %v", err)
	}
}

// Shards partition the employees: together they pay exactly what one run pays.
func TestShardsPartitionTheWeek(t *testing.T) {
	base := t.TempDir()
	one, err := pipeline.Run(context.Background(), sampleConfig(t, filepath.Join(base, "one")))
	if err != nil {
		t.Fatal(err)
	}
	var employees, lines int64
	var gross int64
	for i := 0; i < 3; i++ {
		cfg := sampleConfig(t, filepath.Join(base, "shard", string(rune('a'+i))))
		cfg.Shard, cfg.Shards = i, 3
		res, err := pipeline.Run(context.Background(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		employees += res.Totals.Employees
		lines += res.Totals.PayLines
		gross += int64(res.Totals.Gross)
	}
	if employees != one.Totals.Employees || lines != one.Totals.PayLines || gross != int64(one.Totals.Gross) {
		t.Fatalf("shards: %d employees %d lines %d cents; one run: %d %d %d", employees, lines, gross,
			one.Totals.Employees, one.Totals.PayLines, one.Totals.Gross)
	}
}

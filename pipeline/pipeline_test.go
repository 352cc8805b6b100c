package pipeline_test

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"slices"
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
		Weeks:    fixtures.SampleWeeks,
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

// The sample closes both its weeks for all five rule sets, reconciles, and rejects exactly its
// deliberate bad rows (sample/README.md): seven SHARE punch rows, each with its own reason. The
// PSU_EXEMPT member 300113, rejected before the exempt rule sets existed, is now paid.
func TestSampleCloses(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	cfg := sampleConfig(t, out)
	var log bytes.Buffer
	cfg.Log = slog.New(slog.NewTextHandler(&log, nil))
	res, err := pipeline.Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	// The sample's roster, schedule and punches are sorted by employee id: nothing is held.
	if res.Mode != "sorted streams" {
		t.Errorf("mode %q, want the sorted streams", res.Mode)
	}
	if !res.Manifest.Reconciliation.OK {
		t.Fatalf("reconciliation: %+v", res.Manifest.Reconciliation)
	}
	// The sample is in Kronos order, so it streams instead of being re-read into memory.
	if strings.Contains(log.String(), "not grouped by employee") {
		t.Errorf("the sample fell back to reading in memory:\n%s", log.String())
	}
	got := map[string]int{}
	for _, r := range res.Rejects.First {
		got[r.Reason]++
		if r.File == "" || r.Line == 0 || r.Detail == "" {
			t.Errorf("reject without file/line/detail: %+v", r)
		}
	}
	want := map[string]int{"MISSING_OUT_PUNCH": 1, "OUT_BEFORE_IN": 1, "SPAN_TOO_LONG": 1, "OVERLAPPING_SPAN": 1,
		"BAD_DATETIME": 1, "BAD_HOURS": 1, "UNKNOWN_EMPLOYEE": 1}
	if !maps.Equal(got, want) {
		t.Errorf("rejects by reason = %v, want %v", got, want)
	}
	// 47 SHARE + 12 PSU non-exempt + 8 non-unit + 2 PSU exempt + 2 non-unit exempt.
	if res.Totals.Employees != 71 || res.Totals.EmployeeWeeks != 2*71 {
		t.Errorf("employees = %d (%d employee-weeks), want the 71 on the roster for 2 weeks", res.Totals.Employees, res.Totals.EmployeeWeeks)
	}
	if rs := res.Manifest.RuleSets; !slices.Equal(rs, []string{"NONUNIT_EXEMPT", "NONUNIT_NONEXEMPT", "PSU_EXEMPT", "PSU_NONEXEMPT", "SHARE"}) {
		t.Errorf("rule sets = %v, want all five", rs)
	}
	for _, f := range []string{"manifest.json", "runs/" + res.Manifest.RunID + "/manifest.json", "runs/" + res.Manifest.RunID + "/rejects.csv",
		"runs/" + res.Manifest.RunID + "/exceptions.csv", "pay_lines/week_start=2026-11-15/part-00000.parquet",
		"pay_lines/week_start=2026-11-22/part-00000.parquet"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("missing output %s", f)
		}
	}
	// The five hand-worked employees of fixtures/sample/EXPECTED.md, week of 2026-11-15: gross as
	// worked out there from rules/share.md and the share-2018 profile (its "Summary" table).
	for _, c := range []struct{ id, gross string }{
		{"100101", "1370.00"}, // Maria Santos: REG 40 × 34.25
		{"100102", "869.79"},  // James Whitfield: 789.04 + evening 79.50 + weekend 1.25
		{"100103", "1539.60"}, // Denise Okafor: 1,389.60 + evening 24.00 + night 96.00 + weekend 30.00
		{"100104", "1498.47"}, // Robert Kowalski: 1,136.00 + OT 340.80 + true-up 1.67 + weekend 20.00
		{"100105", "1303.70"}, // Linda Nguyen: 741.00 + 47.50 + vacation 249.60 + 16.00 + sick 249.60
	} {
		x, err := pipeline.Explain(context.Background(), sampleConfig(t, ""), c.id)
		if err != nil {
			t.Fatal(err)
		}
		if len(x.Weeks) == 0 || x.Weeks[0].Start != "2026-11-15" || x.Weeks[0].Gross != c.gross {
			t.Errorf("%s: week of 2026-11-15 pays %+v, EXPECTED.md works out %s", c.id, x.Weeks, c.gross)
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

// The university employees of the sample (sample/README.md, "University employees"): week 1 as
// worked out by hand in the README's table, week 2 (no rows, Thanksgiving on Thursday) = the
// salaried week (PSU 37.5 h, or 22.5 h for 300111; non-unit 40 h) × rate, holiday included, and
// for hourly non-unit staff only the holiday, a day of budgeted ÷ 5 hours.
func TestSampleUniversityGross(t *testing.T) {
	cfg := sampleConfig(t, "")
	tests := []struct{ id, week1, week2 string }{
		{"300101", "1125.00", "1125.00"}, // 37.5 h × 30.00
		{"300102", "1200.00", "1125.00"},
		{"300103", "1312.00", "1200.00"}, // 37.5 × 32.00
		{"300104", "1160.00", "1050.00"}, // 37.5 × 28.00, no shift worked so no DIFF_SHIFT
		{"300105", "1125.00", "1087.50"}, // 37.5 × 29.00
		{"300106", "1200.00", "1125.00"},
		{"300107", "1245.00", "1125.00"},
		{"300108", "1267.50", "1125.00"},
		{"300109", "1383.50", "1162.50"}, // 37.5 × 31.00
		{"300110", "1305.00", "1125.00"},
		{"300111", "675.00", "675.00"}, // 22.5 × 30.00
		{"300112", "1125.00", "1125.00"},
		{"300201", "1200.00", "1200.00"}, // 40 × 30.00
		{"300202", "1290.00", "1200.00"},
		{"300203", "1200.00", "1200.00"},
		{"300204", "1100.00", "1100.00"}, // 40 × 27.50
		{"300205", "1260.00", "1200.00"},
		{"300206", "1200.50", "196.00"}, // hourly: holiday 8 h × 24.50
		{"300207", "352.00", "88.00"},   // hourly, 20 h budget: holiday 4 h × 22.00
		{"300208", "800.00", "1000.00"}, // LWOP in week 1 only; 40 × 25.00
		// PSU exempt, $71,000: 71,000 ÷ 52 = 1,365.3846 → $1,365.38 a week, punches or not
		// (PSU-RS2-SAL); 8 h on Monday earn no comp.
		{"300113", "1365.38", "1365.38"},
		// Non-unit exempt $83,200: $1,600.00 whatever the 48 hours, + 3 h ADDITIONAL COMP at
		// 83,200 ÷ 2080 = $40.00 (NUT-V).
		{"300301", "1720.00", "1600.00"},
		// 43-week non-unit exempt: 69,000 ÷ 1.15 = 60,000 ÷ 52 = $1,153.85 (NUT-VI-1).
		{"300302", "1153.85", "1153.85"},
		// PSU exempt $78,000: $1,500.00; 5 + 2 + 1.5 h of comp, no cash (PSU-18.2-A, 18.3-B/C).
		{"300303", "1500.00", "1500.00"},
	}
	for _, tc := range tests {
		t.Run(tc.id, func(t *testing.T) {
			x, err := pipeline.Explain(context.Background(), cfg, tc.id)
			if err != nil {
				t.Fatal(err)
			}
			if len(x.Weeks) != 2 || x.Weeks[0].Gross != tc.week1 || x.Weeks[1].Gross != tc.week2 {
				var got []string
				for _, w := range x.Weeks {
					got = append(got, w.Start+" "+w.Gross)
				}
				t.Errorf("weeks %v, want %s and %s", got, tc.week1, tc.week2)
			}
		})
	}
	if _, err := pipeline.Explain(context.Background(), cfg, "NOBODY"); !errors.Is(err, pipeline.ErrNoSuchEmployee) {
		t.Errorf("NOBODY: %v, want ErrNoSuchEmployee", err)
	}
}

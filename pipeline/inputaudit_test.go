package pipeline_test

import (
	"context"
	"encoding/csv"
	"errors"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/payclose/payclose/pipeline"
)

// One file given as two inputs (the export as --punches and again as --oncall) is refused: its
// rows would be read twice, and the rejects of the copy, kept by path, counted against the export
// too, so that the manifest said every row of the export was rejected while every one was paid.
// Another spelling of the path, or a link to the file, is the same file.
func TestSameFileAsTwoInputsIsRefused(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	base := sampleConfig(t, out)
	link := filepath.Join(t.TempDir(), "oncall.csv")
	if err := os.Symlink(base.Punches, link); err != nil {
		t.Fatal(err)
	}
	dir, name := filepath.Split(base.Punches)
	for _, tc := range []struct {
		what string
		set  func(*pipeline.Config)
		flag string
	}{
		{"--oncall = --punches", func(c *pipeline.Config) { c.OnCall = c.Punches }, "--oncall"},
		{"--oncall another spelling", func(c *pipeline.Config) { c.OnCall = dir + "./" + name }, "--oncall"},
		{"--oncall a link to --punches", func(c *pipeline.Config) { c.OnCall = link }, "--oncall"},
		{"--schedule = --punches", func(c *pipeline.Config) { c.Schedule = c.Punches }, "--schedule"},
	} {
		cfg := base
		tc.set(&cfg)
		_, err := pipeline.Run(context.Background(), cfg)
		var u pipeline.UsageError
		if !errors.As(err, &u) || !strings.Contains(err.Error(), tc.flag) || !strings.Contains(err.Error(), "--punches") {
			t.Errorf("%s: %v, want a usage error naming %s and --punches", tc.what, err, tc.flag)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Fatalf("%s: %s was created (%v): a refused run writes nothing", tc.what, out, err)
		}
	}
}

// rejectsCSV reads the run's rejects.csv as line → reason and hours cell, for the punch file.
func rejectsCSV(t *testing.T, out string, res *pipeline.Result) map[string][2]string {
	t.Helper()
	f, err := os.Open(filepath.Join(out, "runs", res.Manifest.RunID, "rejects.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][2]string{}
	for _, r := range recs[1:] {
		if strings.HasSuffix(r[0], "punches.csv") {
			got[r[1]] = [2]string{r[4], r[7]}
		}
	}
	return got
}

// A rejected row whose hours could not be read (no out punch, an out punch before the in punch,
// a punch or HOURS that is not one) has an empty hours cell in rejects.csv, not 0.0000, which a
// clerk reads as 0 hours; the manifest's rejected_rows_unknown_hours counts exactly those rows.
func TestRejectsOfUnknownHoursHaveNoHours(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	res, err := pipeline.Run(context.Background(), sampleConfig(t, out))
	if err != nil {
		t.Fatal(err)
	}
	got := rejectsCSV(t, out, res)
	want := map[string][2]string{
		"494": {"MISSING_OUT_PUNCH", ""}, "515": {"OUT_BEFORE_IN", ""}, "536": {"SPAN_TOO_LONG", "28.0167"},
		"553": {"OVERLAPPING_SPAN", "2.5000"}, "570": {"BAD_DATETIME", ""}, "582": {"BAD_HOURS", ""},
		"772": {"UNKNOWN_EMPLOYEE", "8.6167"},
	}
	if !maps.Equal(got, want) {
		t.Errorf("rejects.csv punch rows (line: reason, hours) = %v\nwant %v", got, want)
	}
	if n := res.Manifest.Reconciliation.RejectedUnknownHours; n != 4 {
		t.Errorf("rejected_rows_unknown_hours = %d, want the 4 rows with empty hours", n)
	}
	// explain says the same of the employee's reject.
	x, err := pipeline.Explain(context.Background(), sampleConfig(t, filepath.Join(t.TempDir(), "x")), "100135")
	if err != nil || len(x.Rejects) != 1 || x.Rejects[0].Reason != "BAD_HOURS" || x.Rejects[0].Hours != "" {
		t.Errorf("explain 100135: %v, rejects %+v; want BAD_HOURS with empty hours", err, x.Rejects)
	}
}

// An out punch before the in punch in the small hours is passed on by the reader (it may be a
// span in a fall-back repeated hour) and rejected by assemble when it is not: its hours are unknown
// there too, as the reader's own OUT_BEFORE_IN (line 515), not 0 h known.
func TestOutBeforeInFromAssembleHasUnknownHours(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	cfg := sampleConfig(t, out)
	f, err := os.OpenFile(cfg.Punches, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.WriteString("100101,Maria Santos,11/18/2026,,11/18/2026 1:30,11/18/2026 1:15,,UMMH/MED/4EAST/RN/-/-/-,\n"); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	res, err := pipeline.Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	got := rejectsCSV(t, out, res)
	if got["995"] != [2]string{"OUT_BEFORE_IN", ""} || got["515"] != [2]string{"OUT_BEFORE_IN", ""} {
		t.Errorf("OUT_BEFORE_IN rows: line 995 %v, line 515 %v; want both with empty hours", got["995"], got["515"])
	}
	if n := res.Manifest.Reconciliation.RejectedUnknownHours; n != 5 {
		t.Errorf("rejected_rows_unknown_hours = %d, want 5 (the sample's 4 and line 995)", n)
	}
}

package pipeline

import (
	"bytes"
	"context"
	"maps"
	"os"
	"path/filepath"
	"testing"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/fixtures"
)

// A close whose exceptions go to disk in sorted runs (here every 4 exceptions) writes the same
// files, byte for byte, and reports the same counts as one that holds them all, approvals
// included; its Result carries a sample of at most 3 open exceptions per code, and no spill file
// is left behind. Validate (reports into --out) as well.
func TestSpilledExceptionsWriteTheSameFiles(t *testing.T) {
	dir := t.TempDir()
	if err := fixtures.WriteSample(dir); err != nil {
		t.Fatal(err)
	}
	approvals := filepath.Join(dir, "approvals.csv")
	os.WriteFile(approvals, []byte("PERSONNUM,DATE,EXCEPTION,DECISION,BY,NOTE\n"+
		"100104,11/21/2026,UNAPPROVED_OT,APPROVED,M. Chen,census surge\n"+
		"100108,2026-11-18,UNAPPROVED_OT,DENIED,M. Chen,\n"+
		"100110,11/20/2026,UNAPPROVED_OT,APPROVED,M. Chen,\n"), 0o644) // matches nothing: a reject
	week, _ := calendars.ParseISODate(fixtures.SampleWeek)
	run := func(out string, validate bool, spillAt int) *Result {
		t.Helper()
		defer func(old int) { spillExceptions = old }(spillExceptions)
		spillExceptions = spillAt
		cfg := Config{Punches: filepath.Join(dir, "punches.csv"), Roster: filepath.Join(dir, "roster.csv"),
			Schedule: filepath.Join(dir, "schedule.csv"), Approvals: approvals, Week: week, Weeks: fixtures.SampleWeeks,
			Out: out, Validate: validate}
		res, err := Run(context.Background(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	for _, validate := range []bool{false, true} {
		held := run(filepath.Join(dir, "held"), validate, 1<<30)
		spilled := run(filepath.Join(dir, "spilled"), validate, 4)
		if held.ExceptionsSampled || !spilled.ExceptionsSampled {
			t.Fatalf("validate=%v: sampled %v / %v, want false / true", validate, held.ExceptionsSampled, spilled.ExceptionsSampled)
		}
		if len(held.Exceptions) < 20 {
			t.Fatalf("validate=%v: the sample raises %d exceptions; the test needs more than a few runs of 4", validate, len(held.Exceptions))
		}
		if !maps.Equal(held.OpenExceptions, spilled.OpenExceptions) || !maps.Equal(held.Manifest.ExceptionsByCode, spilled.Manifest.ExceptionsByCode) ||
			!maps.Equal(held.Manifest.ExceptionsByStatus, spilled.Manifest.ExceptionsByStatus) || !maps.Equal(held.Manifest.RejectsByReason, spilled.Manifest.RejectsByReason) {
			t.Errorf("validate=%v: counts differ:\nheld    %v %v %v\nspilled %v %v %v", validate, held.OpenExceptions, held.Manifest.ExceptionsByStatus, held.Manifest.RejectsByReason,
				spilled.OpenExceptions, spilled.Manifest.ExceptionsByStatus, spilled.Manifest.RejectsByReason)
		}
		if held.Manifest.ExceptionsByStatus["APPROVED"] != 1 || held.Manifest.ExceptionsByStatus["DENIED"] != 1 || held.Manifest.RejectsByReason["UNMATCHED_APPROVAL"] != 1 {
			t.Errorf("validate=%v: approvals not applied: %v %v", validate, held.Manifest.ExceptionsByStatus, held.Manifest.RejectsByReason)
		}
		per := map[string]int{}
		for _, e := range spilled.Exceptions {
			if e.Status != "" && e.Status != "OPEN" {
				t.Errorf("sample holds a decided exception %+v", e)
			}
			if per[e.Code]++; per[e.Code] > sampleExceptions {
				t.Errorf("sample holds more than %d exceptions of %s", sampleExceptions, e.Code)
			}
		}
		a, z := tree(t, filepath.Join(dir, "held")), tree(t, filepath.Join(dir, "spilled"))
		if len(a) != len(z) {
			t.Errorf("validate=%v: %d files held, %d spilled: %v", validate, len(a), len(z), keys(z))
		}
		for name, data := range a {
			if !bytes.Equal(data, z[name]) {
				t.Errorf("validate=%v: %s differs", validate, name)
			}
		}
		os.RemoveAll(filepath.Join(dir, "held"))
		os.RemoveAll(filepath.Join(dir, "spilled"))
	}
}

func keys(m map[string][]byte) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(append([]string{"payclose"}, args...), &out, &errb)
	return code, out.String(), errb.String()
}

// The exit codes are the contract with the scheduler: 0 ok, 1 failed, 2 usage, 3 rejects.
func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	if code, out, _ := runCLI(t, "run", "--sample", "--out", filepath.Join(dir, "out")); code != exitRejects || !strings.Contains(out, "Reconciliation") {
		t.Fatalf("sample run: exit %d\n%s", code, out)
	}
	if code, _, errs := runCLI(t, "run", "--sample"); code != exitUsage || !strings.Contains(errs, "--out") {
		t.Fatalf("missing --out: exit %d %s", code, errs)
	}
	if code, _, _ := runCLI(t, "run", "--nope"); code != exitUsage {
		t.Fatalf("unknown flag: exit %d", code)
	}
	// Issue 17 rough edge 6: an unknown command and a missing required flag are bad usage too.
	if code, _, errs := runCLI(t, "nosuch"); code != exitUsage || !strings.Contains(errs, `unknown command "nosuch"`) {
		t.Fatalf("unknown command: exit %d %s", code, errs)
	}
	if code, _, errs := runCLI(t, "calendar"); code != exitUsage || !strings.Contains(errs, "--year is required") {
		t.Fatalf("calendar without --year: exit %d %s", code, errs)
	}
	if code, _, errs := runCLI(t, "gen", "--week", "2026-11-15"); code != exitUsage {
		t.Fatalf("gen without its required flags: exit %d %s", code, errs)
	}
	if _, out, _ := runCLI(t, "calendar", "--help"); strings.Contains(out, "default: 0") {
		t.Errorf("calendar --help offers a default year of 0:\n%s", out)
	}
	if code, _, _ := runCLI(t, "run", "--sample", "--week", "2026-11-16", "--out", filepath.Join(dir, "o2")); code != exitUsage {
		t.Fatalf("a Monday week: exit %d", code)
	}
	if code, _, errs := runCLI(t, "run", "--punches", filepath.Join(dir, "missing.csv"), "--roster", "x", "--schedule", "y",
		"--week", "2026-11-15", "--out", filepath.Join(dir, "o3")); code != exitFailed || !strings.Contains(errs, "missing.csv") {
		t.Fatalf("missing input: exit %d %s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "o3")); !os.IsNotExist(err) {
		t.Fatalf("a failed run left an output directory")
	}
	if code, out, _ := runCLI(t, "validate", "--sample", "--out", filepath.Join(dir, "v")); code != exitRejects || !strings.Contains(out, "MISSING_OUT_PUNCH") {
		t.Fatalf("validate: exit %d\n%s", code, out)
	}
	// validate writes the reports, and no pay.
	if b, err := os.ReadFile(filepath.Join(dir, "v", "rejects.csv")); err != nil || !strings.Contains(string(b), "MISSING_OUT_PUNCH") {
		t.Errorf("validate rejects.csv: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "v", "pay_lines")); !os.IsNotExist(err) {
		t.Errorf("validate wrote pay lines")
	}
}

// --sample closes every week the embedded sample holds (fixtures.SampleWeeks) unless --weeks says
// otherwise; the sample is in Kronos order, so it streams without the in-memory fallback, and it
// covers all five rule sets.
func TestSampleDefaultsToItsWeeks(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := runCLI(t, "run", "--sample", "--out", filepath.Join(dir, "both"))
	if code != exitRejects {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if !strings.Contains(out, "weeks [2026-11-15 2026-11-22]") || !strings.Contains(out, ": OK") {
		t.Errorf("want both weeks closed and reconciled:\n%s", out)
	}
	for _, rs := range []string{"SHARE ", "PSU_NONEXEMPT ", "NONUNIT_NONEXEMPT "} {
		if !strings.Contains(out, rs) {
			t.Errorf("no %s in the summary:\n%s", rs, out)
		}
	}
	if strings.Contains(errs, "not grouped by employee") {
		t.Errorf("the sample fell back to reading in memory:\n%s", errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "both", "pay_lines", "week_start=2026-11-22")); err != nil {
		t.Error(err)
	}
	code, out, errs = runCLI(t, "run", "--sample", "--weeks", "1", "--out", filepath.Join(dir, "one"))
	if code != exitRejects || !strings.Contains(out, "weeks [2026-11-15] ") {
		t.Errorf("--weeks 1: exit %d\n%s%s", code, out, errs)
	}
}

// Flags can come from PAYCLOSE_* variables.
func TestFlagsFromEnvironment(t *testing.T) {
	t.Setenv("PAYCLOSE_OUT", filepath.Join(t.TempDir(), "envout"))
	if code, _, errs := runCLI(t, "run", "--sample"); code != exitRejects {
		t.Fatalf("exit %d: %s", code, errs)
	}
	if _, err := os.Stat(filepath.Join(os.Getenv("PAYCLOSE_OUT"), "manifest.json")); err != nil {
		t.Fatal(err)
	}
}

func TestCalendarAndSchema(t *testing.T) {
	if code, out, _ := runCLI(t, "calendar", "--year", "2026", "--ruleset", "SHARE"); code != 0 || !strings.Contains(out, "2026-11-26") {
		t.Fatalf("calendar: %d\n%s", code, out)
	}
	if code, out, _ := runCLI(t, "schema"); code != 0 || !strings.Contains(out, "amount") {
		t.Fatalf("schema: %d\n%s", code, out)
	}
}

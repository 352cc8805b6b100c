package pipeline_test

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/payclose/payclose/pipeline"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/emit"
)

func readCSV(t *testing.T, p string) [][]string {
	t.Helper()
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func cents(t *testing.T, s string) int64 {
	t.Helper()
	m, err := rates.ParseMoney(s)
	if err != nil {
		t.Fatalf("money %q: %v", s, err)
	}
	return int64(m)
}

// The register and the journal of the sample come to the manifest's gross; the journal balances
// every week; both are listed in the run manifest and, per week, in the ledger index.
func TestHandoffTotalsEqualManifest(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	res, err := pipeline.Run(context.Background(), sampleConfig(t, out))
	if err != nil {
		t.Fatal(err)
	}
	m := res.Manifest
	gross := cents(t, m.Totals.Gross)
	byRS := map[string]int64{}
	for rs, codes := range m.Totals.GrossByRuleSet {
		for _, a := range codes {
			byRS[rs] += cents(t, a)
		}
	}
	listed := map[string]bool{}
	for _, o := range m.Outputs {
		listed[o.Path] = true
	}
	x, err := emit.ReadIndex(out)
	if err != nil {
		t.Fatal(err)
	}
	var regTotal, payTotal int64
	regRS := map[string]int64{}
	for _, w := range m.WeekStarts {
		reg := "register/week_start=" + w + "/register.csv"
		jrn := "journal/week_start=" + w + "/journal.csv"
		for _, p := range []string{reg, jrn, "register/week_start=" + w + "/register.parquet"} {
			if !listed[p] {
				t.Errorf("%s not in the run manifest", p)
			}
			found := false
			for _, f := range x.Week(w).Current[0].Files {
				found = found || f.Path == p
			}
			if !found {
				t.Errorf("%s not in the ledger index under week %s", p, w)
			}
		}
		rows := readCSV(t, filepath.Join(out, reg))
		if strings.Join(rows[0], ",") != "week_start,employee_id,rule_set,earning_code,description,hours,rate,amount,employee_hours,employee_gross" {
			t.Fatalf("register header %v", rows[0])
		}
		empGross := map[string]int64{}
		empListed := map[string]int64{}
		for _, r := range rows[1:] {
			a := cents(t, r[7])
			regTotal += a
			regRS[r[2]] += a
			empGross[r[1]] += a
			empListed[r[1]] = cents(t, r[9])
		}
		for e, g := range empGross {
			if empListed[e] != g {
				t.Errorf("week %s employee %s: employee_gross %d, rows add to %d", w, e, empListed[e], g)
			}
		}
		var dr, cr, pay int64
		for _, r := range readCSV(t, filepath.Join(out, jrn))[1:] {
			dr += cents(t, r[5])
			cr += cents(t, r[6])
			if r[4] == "accrued_payroll" {
				pay += cents(t, r[6])
			}
			// UMMH/MED/4EAST/UC has one employee in the sample (PCA-level unit clerk, REG 32 h for
			// $611.20 in the Thanksgiving week: base rate 19.10). The banks grew 4.3077 h, valued
			// at the base rate: 4.3077 × 19.10 = 82.277 → 82.28.
			if w == "2026-11-22" && r[3] == "UMMH/MED/4EAST/UC/-/-/-" && r[4] == "accrual_liability_change" {
				if r[5] != "82.28" || r[7] != "4.3077" {
					t.Errorf("UC accrual liability: %v, want debit 82.28 for 4.3077 h", r)
				}
			}
		}
		if dr != cr {
			t.Errorf("journal %s: debits %d != credits %d", w, dr, cr)
		}
		payTotal += pay
	}
	if regTotal != gross || payTotal != gross {
		t.Errorf("register %d, journal accrued payroll %d, manifest gross %d", regTotal, payTotal, gross)
	}
	for rs, g := range byRS {
		if regRS[rs] != g {
			t.Errorf("rule set %s: register %d, manifest %d", rs, regRS[rs], g)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "report.html")); err != nil {
		t.Errorf("OUT/report.html: %v", err)
	}
}

// A mapping file with a bad header fails the run before anything is written.
func TestHandoffBadMapping(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "earn.csv")
	os.WriteFile(bad, []byte("code,earning\nREG,R\n"), 0o644)
	out := filepath.Join(dir, "out")
	cfg := sampleConfig(t, out)
	cfg.Handoff.EarningCodes = bad
	if _, err := pipeline.Run(context.Background(), cfg); err == nil || !strings.Contains(err.Error(), "expected columns") && !strings.Contains(err.Error(), "expected \"pay_code\"") {
		t.Fatalf("err = %v, want a mapping error", err)
	}
	if _, err := os.Stat(filepath.Join(out, "manifest.json")); err == nil {
		t.Error("a failed run left a ledger index")
	}
}

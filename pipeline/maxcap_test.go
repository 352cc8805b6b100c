package pipeline_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/payclose/payclose/pipeline"
	"github.com/payclose/payclose/stages/emit"
)

// maxcapConfig closes testdata/maxcap (three SHARE employees at the ADM3 Max cap after the raise
// of 2019-09-29, rates.csv rows with a bonus rate) from week on, for weeks.
func maxcapConfig(t *testing.T, week string, weeks int) pipeline.Config {
	t.Helper()
	return testdataConfig(t, "maxcap", week, weeks)
}

// SHARE-WAGE-05, seed 004 "Wages": "Any amount greater than Max Cap is paid as a bonus. Bonus =
// (bonus rate) x (hours paid in previous FY, including overtime)." The raise of 2019-09-29 took
// 600001 (ADM3, $22.27) to max(22.27 × 1.0295 = 22.93, 22.87) = $22.93, over the Max cap $22.49:
// the rate is $22.49 and the bonus rate $0.44 (payclose raises wrote the row, with the prior
// fiscal year's 1,987.8333 hours paid, 61.25 of them overtime). Closing the weeks of 09-22, 09-29
// and 10-06, by hand:
//
//   - week of 09-22: Monday 8 h × $22.27 = $178.16 (the old rate; no bonus);
//   - week of 09-29, the first pay week on or after the raise (catalog: "paid as a lump sum (pay
//     code MAXCAP_BONUS) in the first pay week on or after the event"): Monday 8 h × $22.49 =
//     $179.92; MAXCAP_BONUS $0.44 × 1,987.8333 h = $874.646652 → $874.65; the true-up of the
//     prior year's overtime (ambiguity 2: "MAXCAP_BONUS_OT_TRUEUP = 0.5 × bonus_rate × prior-FY OT
//     hours") 0.5 × $0.44 × 61.25 h = $13.475 → $13.48 (half away from zero); both lump lines
//     with no hours, on the home account M/A; gross $1,068.05. The lines stay out of the week's
//     regular rate (they belong to the prior year's weeks): no REG_RATE_TRUEUP, RR = $22.49;
//   - week of 10-06: Monday 8 h × $22.49 = $179.92; no bonus again.
//
// 600003 worked nothing that week and is paid its bonus all the same: $0.10 × 1,000 h = $100.00
// on its home account M/C, no overtime hours, no true-up line. 600002's row has the bonus rate
// but no BONUS_HOURS: nothing is paid and the week has MAXCAP_BONUS_NO_HOURS.
func TestSHARE_WAGE_05_MaxCapBonusPaidInTheRaiseWeek(t *testing.T) {
	cfg := maxcapConfig(t, "2019-09-22", 3)
	gross, lines := linesOf(t, cfg, "600001")
	if strings.Join(gross, " ") != "178.16 1068.05 179.92" {
		t.Errorf("600001 gross %v, want [178.16 1068.05 179.92]", gross)
	}
	want := []string{
		"2019-09-29 MAXCAP_BONUS SHARE-WAGE-05 0.0000×0.4400=874.65 M/A",
		"2019-09-29 MAXCAP_BONUS_OT_TRUEUP SHARE-WAGE-05 0.0000×0.2200=13.48 M/A",
		"2019-09-30 REG SHARE-G-06 8.0000×22.4900=179.92 M/A",
	}
	if len(lines) != 3 || strings.Join(lines[1], "\n") != strings.Join(want, "\n") {
		t.Errorf("600001 week of 09-29:\n%s\nwant:\n%s", strings.Join(lines[1], "\n"), strings.Join(want, "\n"))
	}
	for _, k := range []int{0, 2} {
		if len(lines) > k && strings.Contains(strings.Join(lines[k], " "), "MAXCAP") {
			t.Errorf("week %d pays a bonus: %q", k, lines[k])
		}
	}
	if gross, lines := linesOf(t, cfg, "600003"); strings.Join(gross, " ") != "0.00 100.00 0.00" ||
		strings.Join(lines[1], "|") != "2019-09-29 MAXCAP_BONUS SHARE-WAGE-05 0.0000×0.1000=100.00 M/C" {
		t.Errorf("600003 (no work in the week): gross %v, lines %q", gross, lines)
	}

	// The close itself: the lines are in the ledger (the same amounts), 600002's exception too.
	cfg.Out = filepath.Join(t.TempDir(), "out")
	res, err := pipeline.Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	var exc []string
	for _, e := range res.Exceptions {
		if e.Code == "MAXCAP_BONUS_NO_HOURS" {
			exc = append(exc, e.Employee+" "+e.Date.String()+" "+e.RuleID)
		}
	}
	if strings.Join(exc, "|") != "600002 2019-09-29 SHARE-WAGE-05" {
		t.Errorf("MAXCAP_BONUS_NO_HOURS: %q, want 600002's in the week of 09-29", exc)
	}
	paid := map[string]int64{}
	files, _ := filepath.Glob(filepath.Join(cfg.Out, "pay_lines", "week_start=2019-09-29", "*.parquet"))
	for _, f := range files {
		if err := emit.ReadPayLines(f, func(r *emit.PayLineRow) {
			if strings.HasPrefix(r.PayCode, "MAXCAP") {
				paid[r.Employee+" "+r.PayCode] += r.Amount
			}
		}); err != nil {
			t.Fatal(err)
		}
	}
	if len(paid) != 3 || paid["600001 MAXCAP_BONUS"] != 87465 || paid["600001 MAXCAP_BONUS_OT_TRUEUP"] != 1348 || paid["600003 MAXCAP_BONUS"] != 10000 {
		t.Errorf("ledger's MAXCAP lines of the week of 09-29 (cents): %v", paid)
	}
}

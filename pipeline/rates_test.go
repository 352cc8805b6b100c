package pipeline_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/pipeline"
	"github.com/payclose/payclose/rates"
)

// ratesConfig closes testdata/rates (four employees, with rates.csv) from week on, for weeks.
func ratesConfig(t *testing.T, week string, weeks int) pipeline.Config {
	t.Helper()
	cfg := testdataConfig(t, "rates", week, weeks)
	cfg.AllowEmpty = []string{cfg.Punches}
	return cfg
}

// testdataConfig closes a copy of testdata/name (roster, rates, punches, schedule) from week on,
// for weeks.
func testdataConfig(t *testing.T, name, week string, weeks int) pipeline.Config {
	t.Helper()
	dir := t.TempDir()
	for _, f := range []string{"roster.csv", "rates.csv", "punches.csv", "schedule.csv"} {
		b, err := os.ReadFile(filepath.Join("testdata", name, f))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, f), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	w, err := calendars.ParseISODate(week)
	if err != nil {
		t.Fatal(err)
	}
	return pipeline.Config{
		Punches: filepath.Join(dir, "punches.csv"), Roster: filepath.Join(dir, "roster.csv"),
		Schedule: filepath.Join(dir, "schedule.csv"), Rates: filepath.Join(dir, "rates.csv"),
		Week: w, Weeks: weeks,
	}
}

// linesOf explains one employee and returns, per week, its gross and its lines as
// "date code rule hours×rate=amount account".
func linesOf(t *testing.T, cfg pipeline.Config, id string) (gross []string, lines [][]string) {
	t.Helper()
	x, err := pipeline.Explain(context.Background(), cfg, id)
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range x.Weeks {
		gross = append(gross, w.Gross)
		var ls []string
		for _, l := range w.Lines {
			ls = append(ls, l.WorkDate+" "+l.PayCode+" "+l.RuleID+" "+l.Hours+"×"+l.Rate+"="+l.Amount+" "+l.Account)
		}
		lines = append(lines, ls)
		if !w.RegularRate.Matches {
			t.Errorf("week %s: %s", w.Start, w.RegularRate.Explanation)
		}
	}
	return gross, lines
}

// SHARE-WAGE-02, seed 004 "Notes about wages" 1: "All raises begin on the first payroll shift of
// the new payroll week beginning on the dates indicated above." Employee 500001 earns $30.00; a
// rates.csv row raises her to $31.00 from Sunday 2019-09-29 (the Year 2 date). Closing the weeks of
// 09-22 and 09-29 together, worked by hand:
//
//   - week of 09-22: Monday 07:00-11:00 + 11:30-15:30 = 8 h × $30.00 = $240.00; the Saturday night
//     shift 23:00 Sat 09-28 to 07:30 Sun 09-29 (8.5 h less the unpunched 0.5 h meal = 8 h) is a
//     shift of Saturday's workday, so wholly at the old rate although it ends on the raise's
//     Sunday: 8 h × $30.00 = $240.00, night differential 8 h × $4.00 = $32.00, weekend 8 h × $2.50 =
//     $20.00. Week: $532.00.
//   - week of 09-29: Monday 8 h × $31.00 = $248.00.
//
// The catalog's TC-DER-W-07 (effective instant) is this week: "night shift Sat 2019-09-28
// 23:00–Sun 07:30 → old rate for the whole shift".
func TestSHARE_WAGE_02_RaiseBeginsWithThePayrollWeek(t *testing.T) {
	gross, lines := linesOf(t, ratesConfig(t, "2019-09-22", 2), "500001")
	if len(gross) != 2 || gross[0] != "532.00" || gross[1] != "248.00" {
		t.Fatalf("gross %v, want [532.00 248.00]", gross)
	}
	for _, l := range lines[0] {
		if strings.Contains(l, " REG ") && !strings.Contains(l, "×30.0000=240.00") {
			t.Errorf("week 1 line %q: the old rate, $30.00, for 8 h", l)
		}
	}
	if len(lines[1]) != 1 || lines[1][0] != "2019-09-30 REG SHARE-G-06 8.0000×31.0000=248.00 H/A" {
		t.Errorf("week 2 lines %q", lines[1])
	}
}

// The same week with the raise dated a Wednesday (2019-10-02) instead: under SHARE-WAGE-02 it
// begins with the next payroll week, so the whole week of 09-29 is still paid $30.00 — a shift is
// never split across two rates, nor is a SHARE week. (A non-unit rate dated a Wednesday is paid
// from that Wednesday: TestRatesByWorkday.)
func TestSHARE_WAGE_02_RaiseDatedMidweekWaitsForTheNextWeek(t *testing.T) {
	cfg := ratesConfig(t, "2019-09-29", 1)
	b, _ := os.ReadFile(cfg.Rates)
	if err := os.WriteFile(cfg.Rates, []byte(strings.Replace(string(b), "500001,2019-09-29", "500001,2019-10-02", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	gross, _ := linesOf(t, cfg, "500001")
	if len(gross) != 1 || gross[0] != "240.00" {
		t.Fatalf("gross %v, want [240.00]: 8 h at the old $30.00", gross)
	}
}

// Two jobs in one week and overtime, SHARE-OT-E ("an employee's regular rate of pay will include
// all pay differentials ... paid during the work week") with the weighted regular rate of 29 CFR
// 778.115 ("his regular rate for that week is the weighted average of such rates"). Employee 500002
// earns $30.00 on the home account H/A and $40.00 on a second job charged to B/ICU (rates.csv).
// Week of 2019-10-06, six 8-hour day shifts, Sunday to Thursday on H/A, Friday on B/ICU: 48 h, the
// last 8 are weekly overtime (SHARE-OT-A), and they fall on the $40.00 job. By hand:
//
//	straight time: 40 h × $30.00 + 8 h × $40.00 + Sunday's weekend diff 8 h × $2.50 = $1,540.00
//	regular rate:  $1,540.00 ÷ 48 h = $32.0833
//	owed:          $1,540.00 + ½ × $32.0833 × 8 h = $1,540.00 + $128.33 = $1,668.33
//	paid as:       REG 40 h × $30 = $1,200.00, DIFF_WKND $20.00, OT 8 h × $60.00 = $480.00, and
//	               REG_RATE_TRUEUP ½ × 8 × ($32.0833 − $40.00) = −$31.67: $1,668.33.
//
// Moving the second job to Sunday leaves the overtime on the $30.00 job: the same $1,668.33
// (OT 8 h × $45.00 = $360.00, true-up ½ × 8 × ($32.0833 − $30.00) = +$8.33). Which job the
// overtime hours fell on does not change what the week is owed.
func TestSHARE_OT_E_WeightedRegularRateOfTwoJobs(t *testing.T) {
	cfg := ratesConfig(t, "2019-10-06", 1)
	gross, lines := linesOf(t, cfg, "500002")
	if len(gross) != 1 || gross[0] != "1668.33" {
		t.Fatalf("gross %v, want [1668.33]", gross)
	}
	want := []string{
		"2019-10-11 OT SHARE-OT-A 8.0000×60.0000=480.00 B/ICU",
		"2019-10-11 REG_RATE_TRUEUP SHARE-OT-E 8.0000×-3.9584=-31.67 B/ICU",
	}
	for _, w := range want {
		if !strings.Contains(strings.Join(lines[0], "\n"), w) {
			t.Errorf("no line %q in\n%s", w, strings.Join(lines[0], "\n"))
		}
	}

	b, _ := os.ReadFile(cfg.Punches)
	s := strings.ReplaceAll(string(b), "10/11/2019 15:30,,B/ICU", "10/11/2019 15:30,,H/A")
	s = strings.ReplaceAll(s, "10/11/2019 11:00,,B/ICU", "10/11/2019 11:00,,H/A")
	s = strings.ReplaceAll(s, "10/6/2019 15:30,,H/A", "10/6/2019 15:30,,B/ICU")
	s = strings.ReplaceAll(s, "10/6/2019 11:00,,H/A", "10/6/2019 11:00,,B/ICU")
	if err := os.WriteFile(cfg.Punches, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
	gross, lines = linesOf(t, cfg, "500002")
	if len(gross) != 1 || gross[0] != "1668.33" {
		t.Fatalf("second job on Sunday: gross %v, want [1668.33]", gross)
	}
	if !strings.Contains(strings.Join(lines[0], "\n"), "2019-10-11 REG_RATE_TRUEUP SHARE-OT-E 8.0000×1.0417=8.33 H/A") {
		t.Errorf("second job on Sunday: lines\n%s", strings.Join(lines[0], "\n"))
	}
}

// A non-unit rate change is in force from its date, by workday (rate_effective WORKDAY): employee
// 500003 earns $25.00 and $26.00 from Wednesday 2019-10-09. Monday to Friday 8 h a day: 16 h ×
// $25.00 + 24 h × $26.00 = $400.00 + $624.00 = $1,024.00, no overtime (NU-OT-1: 40 h).
func TestRatesByWorkday(t *testing.T) {
	gross, lines := linesOf(t, ratesConfig(t, "2019-10-06", 1), "500003")
	if len(gross) != 1 || gross[0] != "1024.00" {
		t.Fatalf("gross %v, want [1024.00]\n%s", gross, strings.Join(lines[0], "\n"))
	}
}

// rates.csv is an input like any other: its lines are accounted for, its rows are checked against
// the rule set's limits like the roster's rate, and a row for nobody on the roster is rejected.
func TestRatesFileAccounting(t *testing.T) {
	cfg := ratesConfig(t, "2019-10-06", 1)
	b, _ := os.ReadFile(cfg.Rates)
	bad := string(b) + "999999,2019-01-01,,30.00,,,,,,\n500003,2019-01-01,,1.50,,,,,,TYPO\n500003,2019-10-09,,27.00,,,,,,AGAIN\n"
	if err := os.WriteFile(cfg.Rates, []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg.Out = filepath.Join(t.TempDir(), "out")
	res, err := pipeline.Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]int32{}
	for _, r := range res.Rejects.First {
		if r.File == cfg.Rates {
			got[r.Reason] = r.Line
		}
	}
	if got["UNKNOWN_EMPLOYEE"] != 6 || got["IMPLAUSIBLE_RATE"] != 7 || got["DUPLICATE_RATE"] != 8 || len(got) != 3 {
		t.Errorf("rates.csv rejects %v", got)
	}
	for _, in := range res.Manifest.Inputs {
		if in.Name == "rates" && (in.LinesRead != 8 || in.LinesAccepted != 4 || in.LinesRejected != 3) {
			t.Errorf("rates accounting %+v", in)
		}
	}
}

// Retro pay on a raise is a correction of the weeks already paid: closing them again with the new
// rates (SHARE-WAGE-04: "the year 1 increase is retroactive ... on all hours paid", read with the
// catalog as a full recomputation of each week, OT-E: "retroactive wage increases ... applicable
// for the particular workweek"; SHARE-WAGE-08: "the SHARE member will receive the corrected
// amount back to the date of the error") gives adjustment lines of recomputed minus paid, never
// hours × the raise. The week of 2019-10-06 is closed, then a rates.csv row raises 500002's home
// job from $30.00 to $32.00 from 10-06 and 500003's from $25.00 to $25.10 (a typing error found
// later), and the week is closed again, paid in the week of 10-13. By hand:
//
//   - 500002 (two jobs, 8 h of overtime on the $40.00 job): straight time 40 × $32.00 + 8 × $40.00 +
//     $20.00 weekend = $1,620.00; RR = $1,620.00 ÷ 48 = $33.75; owed $1,620.00 + ½ × $33.75 × 8 =
//     $1,755.00; paid $1,668.33 (TestSHARE_OT_E_WeightedRegularRateOfTwoJobs): +$86.67, where
//     40 h × $2.00 would have been $80.00.
//   - 500003: Monday and Tuesday 16 h × $0.10 = +$1.60.
//
// SHARE-WAGE-09, seed 004 "Parking": "Paycheck discrepancies of $25.00 or less will be dealt with
// by mailing a check to the affected employee within the week after the payroll department
// receives notice": 500003's $1.60 is non-unit, so it is paid in the pay week like 500002's
// $86.67 (above $25.00); a SHARE correction of $8.00 (500001's Monday at $31.00 instead of
// $30.00) is listed as an off-cycle check due within 7 days.
func TestSHARE_WAGE_04_RetroIsARecomputation(t *testing.T) {
	cfg := ratesConfig(t, "2019-10-06", 1)
	cfg.Out = filepath.Join(t.TempDir(), "ledger")
	if _, err := pipeline.Run(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(cfg.Rates)
	raised := string(b) + "500002,2019-10-06,,32.00,,,,,,RETRO\n500003,2019-10-06,,25.10,,,,,,ERROR\n"
	if err := os.WriteFile(cfg.Rates, []byte(raised), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg.PayWeek, _ = calendars.ParseISODate("2019-10-13")
	res, err := pipeline.Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	delta := map[string]int64{}
	for _, a := range res.Adjustments {
		delta[a.Employee] += a.DeltaAmount()
	}
	if delta["500002"] != 8667 || delta["500003"] != 160 || len(delta) != 2 {
		t.Errorf("adjustments by employee (cents) %v, want 500002 8667 and 500003 160", delta)
	}
	if len(res.Manifest.Corrections) != 1 || !res.Manifest.Corrections[0].OK || res.Manifest.Corrections[0].Adjustments != "88.27" {
		t.Errorf("corrections %+v", res.Manifest.Corrections)
	}
	if len(res.Manifest.OffCycleChecks) != 0 {
		t.Errorf("off-cycle checks %+v: neither is a SHARE correction of $25.00 or less", res.Manifest.OffCycleChecks)
	}
}

func TestSHARE_WAGE_09_SmallCorrectionIsAnOffCycleCheck(t *testing.T) {
	cfg := ratesConfig(t, "2019-09-29", 1)
	cfg.Out = filepath.Join(t.TempDir(), "ledger")
	b, _ := os.ReadFile(cfg.Rates)
	// Paid at $30.00 first: the raise row was not yet loaded.
	if err := os.WriteFile(cfg.Rates, []byte(strings.Replace(string(b), "500001,2019-09-29,,31.00,,1,NSG4,,,RAISE-2\n", "", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := pipeline.Run(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cfg.Rates, b, 0o644); err != nil {
		t.Fatal(err)
	}
	cfg.PayWeek, _ = calendars.ParseISODate("2019-10-13")
	res, err := pipeline.Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"500001 SHARE 8.00 SHARE-WAGE-09 2019-10-20"}
	var got []string
	for _, o := range res.Manifest.OffCycleChecks {
		got = append(got, strings.Join([]string{o.Employee, o.RuleSet, o.Amount, o.RuleID, o.Due}, " "))
	}
	if strings.Join(got, ";") != strings.Join(want, ";") {
		t.Errorf("off-cycle checks %q, want %q", got, want)
	}
}

// A week across which a profile parameter changes is paid under both versions, each line under the
// one in force on its work date. The weekend differential (SHARE-SHIFT-04, seed 004: "Weekend
// Diff: $2.50/hour") is given a dated series here, $3.00 from Wednesday 2019-09-25. Employee
// 500001 works Sunday 09-22 07:00-15:30 (meal punched: 8 h) as well as the week's Monday and
// Saturday night: Sunday's weekend hours are paid at $2.50 (8 h = $20.00), Saturday night's at
// $3.00 (8 h = $24.00). Week: REG 24 h × $30.00 = $720.00 + night 8 × $4.00 = $32.00 + $20.00 +
// $24.00 = $796.00.
func TestProfileChangeInsideAWeek(t *testing.T) {
	cfg := ratesConfig(t, "2019-09-22", 1)
	b, _ := os.ReadFile(cfg.Punches)
	sunday := "500001,Raise Across,9/22/2019,,9/22/2019 7:00,9/22/2019 11:00,,H/A,\n500001,Raise Across,9/22/2019,,9/22/2019 11:30,9/22/2019 15:30,,H/A,\n"
	if err := os.WriteFile(cfg.Punches, []byte(strings.Replace(string(b), "\n", "\n"+sunday, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	src := filepath.Join("..", "rates", "profiles")
	names, _ := filepath.Glob(filepath.Join(src, "*.json"))
	for _, n := range names {
		data, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		if filepath.Base(n) == "share-2018.json" {
			const old = `"weekend": "2.50",`
			if !strings.Contains(string(data), old) {
				t.Fatalf("share-2018.json has no %s", old)
			}
			data = []byte(strings.Replace(string(data), old, `"weekend": {"series": [{"from": "2018-09-30", "value": "2.50", "ref": "seed 004"}, {"from": "2019-09-25", "value": "3.00", "ref": "a test"}]},`, 1))
		}
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(n)), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	reg, err := rates.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Registry = reg
	gross, lines := linesOf(t, cfg, "500001")
	all := strings.Join(lines[0], "\n")
	if len(gross) != 1 || gross[0] != "796.00" {
		t.Fatalf("gross %v, want [796.00]\n%s", gross, all)
	}
	for _, w := range []string{"2019-09-22 DIFF_WKND SHARE-SHIFT-04 8.0000×2.5000=20.00", "2019-09-28 DIFF_WKND SHARE-SHIFT-04 8.0000×3.0000=24.00"} {
		if !strings.Contains(all, w) {
			t.Errorf("no line %q in\n%s", w, all)
		}
	}
}

// The sample's float nurse (fixtures/sample/EXPECTED.md, "400101"): $36.00 on 4 East, $41.00 on
// the ICU from rates.csv, $37.00 on 4 East from Sunday 2026-11-22 (a payroll week's first day).
// Week 1: Sunday to Thursday 8 h on 4 East, Friday 8 h on the ICU, weekly overtime on Friday:
// straight time 40 × $36.00 + 8 × $41.00 + 8 × $2.50 weekend = $1,788.00, RR $37.25, owed
// $1,788.00 + ½ × $37.25 × 8 = $1,937.00. Week 2 (Thanksgiving): 24 h × $37.00 + the holiday
// benefit 8 h × $37.00 (SHARE-HOL-05) = $1,184.00.
func TestSampleFloatNurse(t *testing.T) {
	cfg := sampleConfig(t, "")
	cfg.Rates = filepath.Join(filepath.Dir(cfg.Roster), "rates.csv")
	gross, lines := linesOf(t, cfg, "400101")
	if len(gross) != 2 || gross[0] != "1937.00" || gross[1] != "1184.00" {
		t.Fatalf("gross %v, want [1937.00 1184.00]\n%s", gross, strings.Join(lines[0], "\n"))
	}
}

// A salary raise inside the week, by workday: 500004 (PSU exempt, $78,000) is raised to $83,200
// from Wednesday 2019-10-09. PSU-RS2-SAL pays "annual ÷ 52" a week; the week is its five weekdays
// each at the salary in force that day: (2 × 78,000 + 3 × 83,200) ÷ (52 × 5) = 405,600 ÷ 260 =
// $1,560.00 (Monday and Tuesday at $300.00 a day, Wednesday to Friday at $320.00).
func TestRatesSalaryByWorkday(t *testing.T) {
	gross, lines := linesOf(t, ratesConfig(t, "2019-10-06", 1), "500004")
	if len(gross) != 1 || gross[0] != "1560.00" {
		t.Fatalf("gross %v, want [1560.00]\n%s", gross, strings.Join(lines[0], "\n"))
	}
}

// leaverLines closes the week of 2019-10-06 for one more employee (roster row, rates.csv rows) who
// resigns on Friday 2019-10-11 with 10 h of comp, and returns the week's pay lines of emp.
func leaverLines(t *testing.T, emp, roster, rateRows string) [][]string {
	t.Helper()
	cfg := ratesConfig(t, "2019-10-06", 1)
	dir := filepath.Dir(cfg.Roster)
	appendTo := func(path, rows string) {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, append(b, rows...), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	appendTo(cfg.Roster, roster)
	appendTo(cfg.Rates, rateRows)
	cfg.Separations = filepath.Join(dir, "separations.csv")
	cfg.Balances = filepath.Join(dir, "balances.csv")
	if err := os.WriteFile(cfg.Separations, []byte("PERSONNUM,SEPARATION_DATE,REASON\n"+emp+",2019-10-11,VOLUNTARY\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(cfg.Balances, []byte("PERSONNUM,BANK,HOURS\n"+emp+",COMP,10\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, lines := linesOf(t, cfg, emp)
	return lines
}

// PSU-39.6-E5 / NU-OT-8 at separation, with the rate history of rates.csv: FLSA comp time is paid
// at "(1) the average regular rate of pay received by the employee during the last three years
// employment, or (2) The regular rate of pay received by such employee, whichever is higher"
// (NU-OT-8, the statutory floor under PSU-39.6-E5's "final regular rate of pay"; the catalog's
// TC-D-09: final $30.00, 3-year average $31.00 → the average). 500005 (PSU non-exempt) earned
// $32.00 from 2016 and $30.00 from a demotion on 2018-07-01, and resigns on Friday 2019-10-11 with
// 10 h of comp. The three years are 2016-10-12 to 2019-10-11, 1,095 days: 627 at $32.00 and 468
// at $30.00, an average of (627 × 32 + 468 × 30) ÷ 1,095 = $31.1452 an hour, above the final
// $30.00: 10 h × $31.1452 = $311.45 (at the final rate it would be $300.00). rates.csv holds base
// rates, so the average is of base rates.
func TestPSU_39_6_E5_ThreeYearAverageRate(t *testing.T) {
	lines := leaverLines(t, "500005", "500005,Demoted Leaver,PSU_NONEXEMPT,30.00,,37.5,DAY,STANDARD,Y,,2010-01-04,2010-01-04,P/A\n",
		"500005,2016-01-01,,32.00,,,,,,HIRE\n500005,2018-07-01,,30.00,,,,,,DEMOTION\n")
	if !strings.Contains(strings.Join(lines[0], "\n"), "TERM_PAYOUT PSU-39.6-E5 10.0000×31.1452=311.45") {
		t.Errorf("no comp payout at the three-year average in\n%s", strings.Join(lines[0], "\n"))
	}
}

// NU-OT-8 "the regular rate of pay received by such employee" (and PSU-39.6-E5 "the member's final
// regular rate of pay") is the rate in force on the separation date, not the rate the separation
// week began at. 500006 (non-unit hourly) earned $20.00 from 2016 and $22.00 from a raise on
// Wednesday 2019-10-09 (rates.csv, by workday), and resigns on Friday 2019-10-11 with 10 h of
// comp. The three-year average (2016-10-12 to 2019-10-11, 1,095 days: 1,092 at $20.00, 3 at
// $22.00) is 21,906 ÷ 1,095 = $20.0055; the final rate $22.00 is higher: 10 h × $22.00 = $220.00
// (the old code took the week's first rate, $20.00, as final and paid the average: $200.06).
func TestNU_OT_8_FinalRateInSeparationWeek(t *testing.T) {
	lines := leaverLines(t, "500006", "500006,Raised Leaver,NONUNIT_NONEXEMPT,20.00,,40,DAY,STANDARD,Y,,2010-01-04,2010-01-04,N/A\n",
		"500006,2016-01-01,,20.00,,,,,,HIRE\n500006,2019-10-09,,22.00,,,,,,MERIT\n")
	if !strings.Contains(strings.Join(lines[0], "\n"), "TERM_PAYOUT NU-OT-8 10.0000×22.0000=220.00") {
		t.Errorf("no comp payout at the final rate $22.00 in\n%s", strings.Join(lines[0], "\n"))
	}
}

// rates.csv pays the same whatever the export's order: the punch rows reversed (employees in
// reverse order, each employee's rows reversed) close to the same pay lines as in Kronos order.
// With rates.csv the roster is held in memory and employees are closed in the export's order, so
// the rows are compared as a set.
func TestRatesAnyExportOrder(t *testing.T) {
	cfg := ratesConfig(t, "2019-09-22", 3)
	close := func() ([]string, string) {
		cfg.Out = filepath.Join(t.TempDir(), "out")
		res, err := pipeline.Run(context.Background(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		files, _ := filepath.Glob(filepath.Join(cfg.Out, "pay_lines", "*", "*.parquet"))
		var rows []string
		for _, f := range files {
			rows = append(rows, parquetRows(t, f)...)
		}
		return rows, res.Mode
	}
	want, _ := close()
	b, _ := os.ReadFile(cfg.Punches)
	rows := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	for i, j := 1, len(rows)-1; i < j; i, j = i+1, j-1 {
		rows[i], rows[j] = rows[j], rows[i]
	}
	if err := os.WriteFile(cfg.Punches, []byte(strings.Join(rows, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, mode := close()
	sort.Strings(got)
	sort.Strings(want)
	if len(want) == 0 || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("reversed export (%s):\n%s\nKronos order:\n%s", mode, strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// The minimum-rate limit is the Massachusetts minimum wage of the week closed, a dated series in
// the profiles ($12.00 in 2019, $15.00 from 2023), not today's: Appendix C of seed 004 pays ADM3 at
// its 10/1/2019 Min of $13.65, which must be paid in 2019, while $11.50 that year is below the
// law's $12.00 and is rejected.
func TestMinimumRateOfTheWeek(t *testing.T) {
	for _, tc := range []struct {
		rate   string
		reject bool
	}{{"13.65", false}, {"11.50", true}} {
		cfg := ratesConfig(t, "2019-09-22", 1)
		b, _ := os.ReadFile(cfg.Roster)
		if err := os.WriteFile(cfg.Roster, []byte(strings.Replace(string(b), "500001,Raise Across,SHARE,30.00", "500001,Raise Across,SHARE,"+tc.rate, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
		cfg.Out = filepath.Join(t.TempDir(), "out")
		res, err := pipeline.Run(context.Background(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, r := range res.Rejects.First {
			if r.Reason == "IMPLAUSIBLE_RATE" {
				got = append(got, r.Detail)
			}
		}
		if tc.reject != (len(got) == 1) || (tc.reject && !strings.Contains(got[0], "12.00")) {
			t.Errorf("BASE_RATE %s in 2019: IMPLAUSIBLE_RATE rejects %q", tc.rate, got)
		}
	}
}

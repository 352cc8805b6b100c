package separate

import (
	"testing"
	"time"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
)

var week = calendars.NewDate(2026, time.November, 15) // Sun; Fri 11-20, November has 30 days

func profile(t *testing.T, name string) *rates.RuleSet {
	t.Helper()
	rs, err := rates.Default.Lookup(name, week.Time())
	if err != nil {
		t.Fatal(err)
	}
	if rs.Separation == nil {
		t.Fatalf("%s has no separation profile", name)
	}
	return rs
}

func run(t *testing.T, rs *rates.RuleSet, e model.Employee, sep model.Separation) (Final, *model.Result) {
	t.Helper()
	sep.Employee = e.ID
	w := &model.Week{Emp: &e, Start: week}
	res := &model.Result{}
	return Compute(w, rs, &sep, res), res
}

func day(y int, m time.Month, d int) calendars.Date { return calendars.NewDate(y, m, d) }

// SHARE-SEV-01: "Severance pay will be one week for every year of service, up to 8, with a minimum
// of two weeks. Severance and benefit time will be paid out weekly until exhausted." Completed
// years from the adjusted service date to the layoff: 0 years → 2 weeks (the minimum), 5 years →
// 5, 27 years → 8 (the maximum); a week is the budgeted week (36 h here: 3 weeks = 108 h). Only a
// layoff pays it; a resignation does not. Massachusetts: final wages of an involuntary discharge
// are due that day, a resignation's on the next payday (Fri 11-27).
func TestSHARE_SEV_01(t *testing.T) {
	rs := profile(t, "SHARE")
	for _, c := range []struct {
		seniority calendars.Date
		reason    string
		weeks     int64
		due       calendars.Date
	}{
		{day(2026, time.March, 1), model.SepLayoff, 2, day(2026, time.November, 20)},
		{day(2021, time.November, 20), model.SepLayoff, 5, day(2026, time.November, 20)},
		{day(2021, time.November, 21), model.SepLayoff, 4, day(2026, time.November, 20)}, // one day short of 5 years
		{day(1999, time.April, 12), model.SepLayoff, 8, day(2026, time.November, 20)},
		{day(1999, time.April, 12), model.SepVoluntary, 0, day(2026, time.November, 27)},
	} {
		f, _ := run(t, rs, model.Employee{ID: "S", RuleSet: "SHARE", BaseRate: rates.Dollars(30, 0), BudgetedWeekly: 36 * 3600, Seniority: c.seniority},
			model.Separation{Date: day(2026, time.November, 20), Reason: c.reason})
		if f.SeveranceSecs != c.weeks*36*3600 || f.Due != c.due {
			t.Errorf("seniority %s %s: severance %d h due %s, want %d weeks × 36 h due %s", c.seniority, c.reason, f.SeveranceSecs/3600, f.Due, c.weeks, c.due)
		}
	}
}

// NUT-I.D-1: "the University will provide 1 month of notice of termination, or, at the discretion
// of the University, payment of one (1) month's salary in lieu of notice" — "Termination … for
// Reasons Other than Cause". $62,400 a year is $5,200 a month; laid off Fri 11-20 with 10 days'
// notice of November's 30: 20 days in lieu = 62,400 × 20 ÷ 360 = $3,466.67. Full notice (30 days)
// → nothing; discharged for cause or resigning → nothing.
func TestNUT_I_D_1(t *testing.T) {
	rs := profile(t, "NONUNIT_NONEXEMPT")
	e := model.Employee{ID: "N", RuleSet: "NONUNIT_NONEXEMPT", AnnualSalary: 6240000, BudgetedWeekly: 40 * 3600, Seniority: day(2016, time.January, 4)}
	for _, c := range []struct {
		reason string
		notice int
		want   rates.Money
	}{
		{model.SepLayoff, 10, 346667},
		{model.SepInvoluntary, 0, 520000},
		{model.SepLayoff, 30, 0},
		{model.SepCause, 0, 0},
		{model.SepVoluntary, 0, 0},
	} {
		_, res := run(t, rs, e, model.Separation{Date: day(2026, time.November, 20), Reason: c.reason, NoticeDays: c.notice})
		var got rates.Money
		for _, l := range res.Lines {
			if l.PayCode != CodeNoticePay || l.RuleID != "NUT-I.D-1" {
				t.Fatalf("line %+v", l)
			}
			got += l.Amount
		}
		if got != c.want {
			t.Errorf("%s, %d days' notice: %s, want %s", c.reason, c.notice, got, c.want)
		}
	}
}

// NUT-I.D-2: "offers, and the non-unit employee executes, a general release of claims … based on
// one month for each complete year of continuous service to the University not to exceed one year
// (inclusive of the one (1) month above)". $62,400: 10 complete years (2016-01-04 to 2026-11-20) →
// 10 months = $52,000.00; 10 days' notice given are deducted: (10 × 30 − 10) ÷ 360 × 62,400 =
// $50,266.67. 20 years → capped at 12 months = $62,400.00. Under a year → the one month.
// Continuous service counts from SENIORITY_DATE, which carries prior unit service (NUT-I.D-3).
// A 43-week appointment's month is of the 43-week salary (the catalog's reading): $69,000 ÷ 1.15 =
// $60,000, 10 months = $50,000.00.
func TestNUT_I_D_2(t *testing.T) {
	rs := profile(t, "NONUNIT_EXEMPT")
	base := model.Employee{ID: "N", RuleSet: "NONUNIT_EXEMPT", AnnualSalary: 6240000, BudgetedWeekly: 40 * 3600}
	for _, c := range []struct {
		seniority calendars.Date
		notice    int
		weeks43   bool
		salary    rates.Money
		want      rates.Money
	}{
		{day(2016, time.January, 4), 0, false, 6240000, 5200000},
		{day(2016, time.January, 4), 10, false, 6240000, 5026667},
		{day(2006, time.January, 4), 0, false, 6240000, 6240000},
		{day(2026, time.June, 1), 0, false, 6240000, 520000},
		{day(2016, time.January, 4), 0, true, 6900000, 5000000},
	} {
		e := base
		e.Seniority, e.Weeks43, e.AnnualSalary = c.seniority, c.weeks43, c.salary
		_, res := run(t, rs, e, model.Separation{Date: day(2026, time.November, 20), Reason: model.SepLayoff, NoticeDays: c.notice, Release: true})
		if len(res.Lines) != 1 || res.Lines[0].PayCode != CodeReleasePay || res.Lines[0].RuleID != "NUT-I.D-2" || res.Lines[0].Amount != c.want {
			t.Errorf("seniority %s notice %d: %+v, want %s", c.seniority, c.notice, res.Lines, c.want)
		}
	}
}

// NUT-I.D-6: "Any notice of termination or payment in lieu of notice of employees funded through
// external funds (e.g., grants or contracts) will be consistent with the requirements of the
// funding source and contingent on availability of funds." No line; an exception for the clerk.
func TestNUT_I_D_6(t *testing.T) {
	rs := profile(t, "NONUNIT_EXEMPT")
	_, res := run(t, rs, model.Employee{ID: "N", RuleSet: "NONUNIT_EXEMPT", AnnualSalary: 6240000, BudgetedWeekly: 40 * 3600, Seniority: day(2016, time.January, 4)},
		model.Separation{Date: day(2026, time.November, 20), Reason: model.SepLayoff, Release: true, External: true})
	if len(res.Lines) != 0 || len(res.Exceptions) != 1 || res.Exceptions[0].RuleID != "NUT-I.D-6" || res.Exceptions[0].Code != ExcExternal {
		t.Fatalf("externally funded: %+v %+v", res.Lines, res.Exceptions)
	}
}

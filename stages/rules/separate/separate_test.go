package separate

import (
	"strings"
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

// NUT-I.D-1 in a week with a raise: "payment of one (1) month's salary in lieu of notice" is of the
// salary in force on the separation date. $62,400 raised to $66,560 from Wednesday 11-18
// (rates.csv by workday), laid off Friday 11-20 with 10 days' notice of November's 30: 20 days in
// lieu = 66,560 × 20 ÷ 360 = $3,697.78 (the old code paid the week's first salary: $3,466.67).
func TestNUT_I_D_1_SalaryInForce(t *testing.T) {
	rs := profile(t, "NONUNIT_NONEXEMPT")
	e := model.Employee{ID: "N", RuleSet: "NONUNIT_NONEXEMPT", AnnualSalary: 6240000, BudgetedWeekly: 40 * 3600, Seniority: day(2016, time.January, 4)}
	w := &model.Week{Emp: &e, Start: week, Pays: []model.Pay{{AnnualSalary: e.AnnualSalary}, {AnnualSalary: 6656000}},
		DayPay: [7]uint8{0, 0, 0, 1, 1, 1, 1}}
	res := &model.Result{}
	Compute(w, rs, &model.Separation{Employee: "N", Date: day(2026, time.November, 20), Reason: model.SepLayoff, NoticeDays: 10}, res)
	if len(res.Lines) != 1 || res.Lines[0].Amount != 369778 {
		t.Fatalf("lines %+v, want one NOTICE line of $3,697.78", res.Lines)
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

// repay runs Repayment for a re-employment and returns the amount of its exception (0: none).
func repay(t *testing.T, rs *rates.RuleSet, e model.Employee, sep model.Separation) rates.Money {
	t.Helper()
	sep.Employee = e.ID
	res := &model.Result{}
	Repayment(&model.Week{Emp: &e, Start: calendars.WeekStart(sep.Rehire, time.Sunday)}, rs, &sep, res)
	switch {
	case len(res.Exceptions) == 0:
		return 0
	case len(res.Exceptions) > 1 || res.Exceptions[0].Code != ExcRepayment || res.Exceptions[0].RuleID != "NUT-I.D-4" || res.Exceptions[0].Date != sep.Rehire:
		t.Fatalf("exceptions %+v", res.Exceptions)
	}
	f := strings.Fields(res.Exceptions[0].Detail[strings.Index(res.Exceptions[0].Detail, "repay ")+len("repay "):])
	amount, err := rates.ParseMoney(f[0])
	if err != nil {
		t.Fatalf("detail %q: %v", res.Exceptions[0].Detail, err)
	}
	return amount
}

// NUT-I.D-4: "This repayment requirement applies to former employees who received a payment in
// lieu of notice in accordance with this Policy and who, after receiving such payment, have been
// offered a new position of employment with the University. Such employees must repay the
// University fifty percent of the remaining value of their payment." The policy's own examples:
// "if an employee received a payment in lieu of notice based on six (6) months, and two (2) months
// have passed since their layoff date, then the remaining value is four months. Fifty percent of
// that value is equal to two (2) months" (TC-S-09) — $31,200 over 6 months ($5,200 a month), laid
// off 2026-03-06, re-employed 2026-05-06: remaining 6 − 2 = 4 months, 0.5 × 4 × $5,200 = 2 ×
// $5,200 = $10,400.00; "and seven (7) months have passed … does not need to make a repayment of
// any amount" (TC-S-10) — re-employed 2026-10-06: remaining max(0, 6 − 7) = 0, nothing. The
// catalog's TC-D-22 (fractional months as days ÷ 30, its reading): 4 months, $30,000, re-employed
// 1.5 months after (2026-04-01 → 2026-05-16: 1 month and 15 days) → 0.5 × 2.5 × $7,500 =
// $9,375.00; 4 months after → nothing. Elapsed time runs to REHIRE_DATE: the catalog's default
// is the new position's start; the policy's "have been offered" reads as the offer date, and its
// examples ("months have passed since their layoff date") do not settle which — the clerk gives
// the date HR measures to, the computation is the same.
//
// Without PAID_IN_LIEU the payment is the one NUT-I.D-1/2 pay for the row: $62,400 a year, 10
// complete years, a release → 10 months, $52,000.00 (TestNUT_I_D_2); laid off 2026-11-20,
// re-employed 2027-01-20 → 8 months remain → 0.5 × 8 × $5,200 = $20,800.00. With 10 days'
// notice and no release the payment is 20 of November's 30 days, $3,466.67 for 2/3 of a month;
// re-employed 10 days later 1/3 of a month remains → 0.5 × 3,466.67 × (1/3) ÷ (2/3) = $866.67.
// A discharge for cause received no payment: nothing to repay.
func TestNUT_I_D_4(t *testing.T) {
	rs := profile(t, "NONUNIT_EXEMPT")
	e := model.Employee{ID: "N", RuleSet: "NONUNIT_EXEMPT", AnnualSalary: 6240000, BudgetedWeekly: 40 * 3600, Seniority: day(2016, time.January, 4)}
	for _, c := range []struct {
		name   string
		sep    model.Separation
		repaid rates.Money
	}{
		{"policy example 1 (TC-S-09)", model.Separation{Date: day(2026, time.March, 6), Reason: model.SepLayoff, Rehire: day(2026, time.May, 6), PaidInLieu: 3120000, PaidMonths: 600}, 1040000},
		{"policy example 2 (TC-S-10)", model.Separation{Date: day(2026, time.March, 6), Reason: model.SepLayoff, Rehire: day(2026, time.October, 6), PaidInLieu: 3120000, PaidMonths: 600}, 0},
		{"TC-D-22 1.5 months", model.Separation{Date: day(2026, time.April, 1), Reason: model.SepLayoff, Rehire: day(2026, time.May, 16), PaidInLieu: 3000000, PaidMonths: 400}, 937500},
		{"TC-D-22 4 months", model.Separation{Date: day(2026, time.April, 1), Reason: model.SepLayoff, Rehire: day(2026, time.August, 1), PaidInLieu: 3000000, PaidMonths: 400}, 0},
		{"computed, release", model.Separation{Date: day(2026, time.November, 20), Reason: model.SepLayoff, Release: true, Rehire: day(2027, time.January, 20)}, 2080000},
		{"computed, notice", model.Separation{Date: day(2026, time.November, 20), Reason: model.SepLayoff, NoticeDays: 10, Rehire: day(2026, time.November, 30)}, 86667},
		{"cause", model.Separation{Date: day(2026, time.November, 20), Reason: model.SepCause, Rehire: day(2026, time.December, 20)}, 0},
	} {
		if got := repay(t, rs, e, c.sep); got != c.repaid {
			t.Errorf("%s: repay %s, want %s", c.name, got, c.repaid)
		}
	}
}

// NUT-I.D-5: "the University may offer the employee the option of paying back the required
// amount of money over a period of time at the discretion of the Chief Human Resources Officer".
// The close computes the whole amount once, in the week of the re-employment date, and says
// installments are the CHRO's; the next week raises nothing again.
func TestNUT_I_D_5(t *testing.T) {
	rs := profile(t, "NONUNIT_EXEMPT")
	e := model.Employee{ID: "N", RuleSet: "NONUNIT_EXEMPT", AnnualSalary: 6240000, BudgetedWeekly: 40 * 3600}
	sep := model.Separation{Employee: "N", Date: day(2026, time.March, 6), Reason: model.SepLayoff, Rehire: day(2026, time.May, 6), PaidInLieu: 3120000, PaidMonths: 600}
	res := &model.Result{}
	Repayment(&model.Week{Emp: &e, Start: day(2026, time.May, 3)}, rs, &sep, res)
	if len(res.Exceptions) != 1 || !strings.Contains(res.Exceptions[0].Detail, "installments (NUT-I.D-5)") || !strings.Contains(res.Exceptions[0].Detail, "repay 10400.00") {
		t.Fatalf("exceptions %+v", res.Exceptions)
	}
	res = &model.Result{}
	Repayment(&model.Week{Emp: &e, Start: day(2026, time.May, 10)}, rs, &sep, res)
	if len(res.Exceptions) != 0 {
		t.Fatalf("the week after: %+v", res.Exceptions)
	}
}

// exceptions returns the details of the exceptions of one code.
func exceptions(res *model.Result, code, rule string) []string {
	var out []string
	for _, x := range res.Exceptions {
		if x.Code == code && x.RuleID == rule {
			out = append(out, x.Detail)
		}
	}
	return out
}

// SHARE-SEV-01's notice: "Employees will receive notice of an impending layoff at least six (6)
// calendar weeks before the layoff date" — 42 days. 42 days given → nothing; 30 → 12 days short;
// none recorded → 42 short. A resignation owes no notice. The contract names no pay for short
// notice, so the exception carries the days, not an amount.
func TestSHARE_SEV_01_notice(t *testing.T) {
	rs := profile(t, "SHARE")
	e := model.Employee{ID: "S", RuleSet: "SHARE", BaseRate: rates.Dollars(28, 40), BudgetedWeekly: 40 * 3600, Seniority: day(1999, time.April, 12)}
	for _, c := range []struct {
		reason string
		notice int
		want   string
	}{
		{model.SepLayoff, 42, ""},
		{model.SepLayoff, 30, "30 days of layoff notice recorded (NOTICE_GIVEN_DAYS + NOTICE_BUYOUT_DAYS), 42 owed (27 years of service): 12 days short; the contract names no pay for it"},
		{model.SepLayoff, 0, "0 days of layoff notice recorded (NOTICE_GIVEN_DAYS + NOTICE_BUYOUT_DAYS), 42 owed (27 years of service): 42 days short; the contract names no pay for it"},
		{model.SepVoluntary, 0, ""},
	} {
		_, res := run(t, rs, e, model.Separation{Date: day(2026, time.November, 20), Reason: c.reason, NoticeDays: c.notice})
		if got := strings.Join(exceptions(res, ExcNoticeShort, "SHARE-SEV-01"), "|"); got != c.want {
			t.Errorf("%s, %d days: %q, want %q", c.reason, c.notice, got, c.want)
		}
	}
}

// SHARE-SEC-01: "The income security period begins after the notice period and before severance
// payments. During this time, the SHARE Work Security candidate will continue on the payroll at
// their old wages and benefits" and "decide at the end of the notice period and after each 30 days
// in the income security period whether the Income Security will be extended another 30 days, up
// to 90 days." Who is granted it is decided month to month, no input, so a layoff raises its value
// for review: 40 h × $28.40 = $1,136.00 a week, × 30/7 = $4,868.57 per 30 days, × 90/7 =
// $14,605.71 for 90 days. A resignation raises nothing.
func TestSHARE_SEC_01(t *testing.T) {
	rs := profile(t, "SHARE")
	e := model.Employee{ID: "S", RuleSet: "SHARE", BaseRate: rates.Dollars(28, 40), BudgetedWeekly: 40 * 3600, Seniority: day(1999, time.April, 12)}
	_, res := run(t, rs, e, model.Separation{Date: day(2026, time.November, 20), Reason: model.SepLayoff, NoticeDays: 42})
	want := "income security at old wages before severance, decided 30 days at a time: 1136.00 a week, 4868.57 per 30 days, up to 14605.71 for 90 days; if granted, SEPARATION_DATE is its last day (severance follows it)"
	if got := exceptions(res, ExcIncomeSecurity, "SHARE-SEC-01"); len(got) != 1 || got[0] != want {
		t.Errorf("layoff: %q", got)
	}
	_, res = run(t, rs, e, model.Separation{Date: day(2026, time.November, 20), Reason: model.SepVoluntary})
	if got := exceptions(res, ExcIncomeSecurity, "SHARE-SEC-01"); len(got) != 0 {
		t.Errorf("resignation: %q", got)
	}
}

// PSU-13.4: "The Employer/University Administration shall provide a thirty (30) calendar day notice
// before bargaining unit members are laid off. Except in extreme financial circumstances, the
// following notices shall be given: 2 years but less than 5 | 60; 5 years or more | 90." Years of
// service at the notice date (the catalog's reading), laid off Fri 2026-11-20: a year of service
// and 30 days' notice → nothing, 20 days → 10 short; service from 2023-01-01, 30 days → 60 owed,
// 30 short; service from 2021-11-01 and 30 days' notice (given 2026-10-21, 4 years then, 5 at the
// layoff) → 60 owed, 30 short; 2010, 90 days → nothing; 69 days given and 21 bought out
// (PSU-13.3-D) count as 90 → nothing; service from 2021-09-10, notice given 70 days before the
// layoff (2026-09-11, 5 years) and 10 days bought out → 90 owed, 80 counted, 10 short (the days
// bought out shortened the notice after it was given: the notice date stays 70 days back). A
// resignation owes no notice. TC-S-33 (< 2 years 30 days, 2 to < 5 years 60, 5 or more 90).
func TestPSU_13_4(t *testing.T) {
	rs := profile(t, "PSU_NONEXEMPT")
	for _, c := range []struct {
		seniority      calendars.Date
		reason         string
		notice, buyout int
		want           string
	}{
		{day(2025, time.June, 1), model.SepLayoff, 30, 0, ""},
		{day(2025, time.June, 1), model.SepLayoff, 20, 0, "20 days of layoff notice recorded (NOTICE_GIVEN_DAYS + NOTICE_BUYOUT_DAYS), 30 owed (1 years of service): 10 days short; the contract names no pay for it"},
		{day(2023, time.January, 1), model.SepLayoff, 30, 0, "30 days of layoff notice recorded (NOTICE_GIVEN_DAYS + NOTICE_BUYOUT_DAYS), 60 owed (3 years of service): 30 days short; the contract names no pay for it"},
		{day(2021, time.November, 1), model.SepLayoff, 30, 0, "30 days of layoff notice recorded (NOTICE_GIVEN_DAYS + NOTICE_BUYOUT_DAYS), 60 owed (4 years of service): 30 days short; the contract names no pay for it"},
		{day(2010, time.January, 4), model.SepLayoff, 90, 0, ""},
		{day(2010, time.January, 4), model.SepLayoff, 69, 21, ""},
		{day(2021, time.September, 10), model.SepLayoff, 70, 10, "80 days of layoff notice recorded (NOTICE_GIVEN_DAYS + NOTICE_BUYOUT_DAYS), 90 owed (5 years of service): 10 days short; the contract names no pay for it"},
		{day(2010, time.January, 4), model.SepVoluntary, 0, 0, ""},
	} {
		e := model.Employee{ID: "P", RuleSet: "PSU_NONEXEMPT", AnnualSalary: 5850000, BudgetedWeekly: 37*3600 + 1800, Seniority: c.seniority}
		_, res := run(t, rs, e, model.Separation{Date: day(2026, time.November, 20), Reason: c.reason, NoticeDays: c.notice, BuyoutDays: c.buyout})
		if got := strings.Join(exceptions(res, ExcNoticeShort, "PSU-13.4"), "|"); got != c.want {
			t.Errorf("service from %s, %d+%d days: %q, want %q", c.seniority, c.notice, c.buyout, got, c.want)
		}
	}
}

// PSU-13.3-D: "the Employer/University Administration and the affected bargaining unit member by
// mutual agreement may abbreviate the length of the previously given notice period by agreeing to
// a lump sum payment of fifty (50) percent of the bargaining unit member's weekly salary for each
// week that the previously given notice is shortened." $58,500 a year is $1,125.00 a week (the
// catalog's TC-D-28): shortened 3 weeks (21 days) → 0.5 × 1,125 × 3 = $1,687.50; 10 days → 0.5 ×
// 1,125 × 10/7 = $803.57 (a partial week as days ÷ 7, the catalog's reading). Not shortened →
// no line. TC-S-41: 50% of the weekly salary for each week the notice is shortened.
func TestPSU_13_3_D(t *testing.T) {
	rs := profile(t, "PSU_NONEXEMPT")
	e := model.Employee{ID: "P", RuleSet: "PSU_NONEXEMPT", AnnualSalary: 5850000, BudgetedWeekly: 37*3600 + 1800, Seniority: day(2010, time.January, 4)}
	for _, c := range []struct {
		buyout int
		want   rates.Money
	}{{21, 168750}, {10, 80357}, {0, 0}} {
		_, res := run(t, rs, e, model.Separation{Date: day(2026, time.November, 20), Reason: model.SepLayoff, NoticeDays: 90 - c.buyout, BuyoutDays: c.buyout})
		var got rates.Money
		for _, l := range res.Lines {
			if l.PayCode != CodeNoticeBuyout || l.RuleID != "PSU-13.3-D" {
				t.Fatalf("line %+v", l)
			}
			got += l.Amount
		}
		if got != c.want {
			t.Errorf("shortened %d days: %s, want %s", c.buyout, got, c.want)
		}
	}
}

// NUT-I.D-1 and NUT-I.D-2 with the catalog's TC-D-21: "payment of one (1) month's salary in lieu
// of notice", and with an executed release "one month for each complete year of continuous
// service to the University not to exceed one year (inclusive of the one (1) month above)".
// $90,000 a year is $7,500.00 a month; laid off Fri 2026-11-20 with no notice given: no release
// → 1 month, $7,500.00; a release with 4.5 years (from 2022-05-20: 4 complete years) → 4 months,
// $30,000.00; 15 years → capped at 12 months, $90,000.00; 0.8 years (from 2026-02-01) → the one
// month, $7,500.00. Externally funded → nothing computed (NUT-I.D-6, TestNUT_I_D_6).
func TestNUT_I_D_2_TCD21(t *testing.T) {
	rs := profile(t, "NONUNIT_EXEMPT")
	for _, c := range []struct {
		seniority calendars.Date
		release   bool
		external  bool
		rule      string
		want      rates.Money
	}{
		{day(2022, time.May, 20), false, false, "NUT-I.D-1", 750000},
		{day(2022, time.May, 20), true, false, "NUT-I.D-2", 3000000},
		{day(2011, time.November, 20), true, false, "NUT-I.D-2", 9000000},
		{day(2026, time.February, 1), true, false, "NUT-I.D-2", 750000},
		{day(2011, time.November, 20), true, true, "", 0},
	} {
		e := model.Employee{ID: "N", RuleSet: "NONUNIT_EXEMPT", AnnualSalary: 9000000, BudgetedWeekly: 40 * 3600, Seniority: c.seniority}
		_, res := run(t, rs, e, model.Separation{Date: day(2026, time.November, 20), Reason: model.SepLayoff, Release: c.release, External: c.external})
		var got rates.Money
		for _, l := range res.Lines {
			if l.RuleID != c.rule {
				t.Errorf("seniority %s: line %+v, want rule %s", c.seniority, l, c.rule)
			}
			got += l.Amount
		}
		if got != c.want {
			t.Errorf("seniority %s release %v external %v: %s, want %s", c.seniority, c.release, c.external, got, c.want)
		}
	}
}

package rules

import (
	"testing"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
)

// PSU-18.1-A: "For the purpose of basic scheduling needs, as well as leave accrual and hourly base
// rate calculations, the regular work week of members of the bargaining unit is defined as 37.5
// hours per week": $58,500 ÷ (52 × 37.5) = $30.00, the same as PSU-39.5-A's ÷ 1950; a half-time
// member at $29,250 on 18.75 h is also $30.00. Non-unit, NU-OT-1's divisor 52 × scheduled hours:
// $62,400 on 40 h = $30.00. A 43-week appointment (NUT-VI-1, ÷ 1.15): $69,000 → $60,000.00; an
// hourly row is its BASE_RATE × budgeted × 52: $25.00 × 40 × 52 = $52,000.00.
func TestHourlyAndAnnual(t *testing.T) {
	rs := &rates.RuleSet{Weeks43Divisor: rates.Ratio{Num: 23, Den: 20}}
	for _, c := range []struct {
		e      model.Employee
		annual rates.Money
		hourly rates.Rate
	}{
		{model.Employee{AnnualSalary: 5850000, BudgetedWeekly: 37*3600 + 1800}, 5850000, rates.Dollars(30, 0)},
		{model.Employee{AnnualSalary: 2925000, BudgetedWeekly: 18*3600 + 2700}, 2925000, rates.Dollars(30, 0)},
		{model.Employee{AnnualSalary: 6240000, BudgetedWeekly: 40 * 3600}, 6240000, rates.Dollars(30, 0)},
		{model.Employee{AnnualSalary: 6900000, BudgetedWeekly: 40 * 3600, Weeks43: true}, 6000000, rates.Rate(288462)},
		{model.Employee{BaseRate: rates.Dollars(25, 0), BudgetedWeekly: 40 * 3600}, 5200000, rates.Dollars(25, 0)},
	} {
		a := Annual(&c.e, rs)
		if a != c.annual || Hourly(a, c.e.BudgetedWeekly) != c.hourly {
			t.Errorf("%+v: annual %s hourly %s, want %s and %s", c.e, a, Hourly(a, c.e.BudgetedWeekly), c.annual, c.hourly)
		}
	}
}

// ESL-D1: "Employees may begin accruing sick time on the first date of actual work" (the roster's
// HIRE_DATE), and a salary is earned only while employed. The week of Sunday 2026-11-15 has five
// weekdays, Mon 16 … Fri 20: hired Friday 20 → 1 of 5; hired Thursday 19 and leaving Friday 20 →
// 2 of 5; hired after the week (Mon 30) → 0 of 5; hired on the week's Sunday or before, or no
// hire date, nothing ending → the whole week (1 of 1); leaving Monday 16 → 1 of 5 (PSU-22.4).
func TestESL_D1_EmployedShare(t *testing.T) {
	start := calendars.NewDate(2026, 11, 15)
	for _, c := range []struct {
		hire, sep calendars.Date
		days, per int64
	}{
		{start + 5, model.NoDate, 1, 5},
		{start + 4, start + 5, 2, 5},
		{start + 15, model.NoDate, 0, 5},
		{start, model.NoDate, 1, 1},
		{start - 300, model.NoDate, 1, 1},
		{model.NoDate, model.NoDate, 1, 1},
		{start - 300, start + 1, 1, 5},
	} {
		w := &model.Week{Emp: &model.Employee{Hire: c.hire}, Start: start}
		if c.sep != model.NoDate {
			w.Separation = &model.Separation{Date: c.sep}
		}
		if d, p := EmployedShare(w); d != c.days || p != c.per {
			t.Errorf("hire %s, separation %s: %d of %d, want %d of %d", c.hire, c.sep, d, p, c.days, c.per)
		}
	}
}

// ESL-A7: the benefit year runs "from January 1 to December 31", so the week of Sunday 2026-12-27
// (weekdays Mon 28 … Thu 31 in 2026, Fri 2027-01-01) counts its days by year: 5 weekdays in
// employment, 1 of them from January 1; hired Wednesday 12-30 → 3 of 5, 1 from January 1; leaving
// Thursday 12-31 → 4 of 5, none from January 1. EmployedShare's days are EmployedSplit's.
func TestESL_A7_EmployedSplit(t *testing.T) {
	start, jan1 := calendars.NewDate(2026, 12, 27), calendars.NewDate(2027, 1, 1)
	for _, c := range []struct {
		hire, sep        calendars.Date
		days, after, per int64
	}{
		{model.NoDate, model.NoDate, 5, 1, 5},
		{start + 3, model.NoDate, 3, 1, 5},
		{start - 300, start + 4, 4, 0, 5},
	} {
		w := &model.Week{Emp: &model.Employee{Hire: c.hire}, Start: start}
		if c.sep != model.NoDate {
			w.Separation = &model.Separation{Date: c.sep}
		}
		if d, a, p := EmployedSplit(w, jan1); d != c.days || a != c.after || p != c.per {
			t.Errorf("hire %s, separation %s: %d (%d from Jan 1) of %d, want %d (%d) of %d", c.hire, c.sep, d, a, p, c.days, c.after, c.per)
		}
		if d, p := EmployedShare(w); p == 5 && (d != c.days || p != c.per) {
			t.Errorf("hire %s, separation %s: EmployedShare %d of %d", c.hire, c.sep, d, p)
		}
	}
}

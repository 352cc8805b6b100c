package rules

import (
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
)

// Annual is the salary an employee's week is paid from: ANNUAL_SALARY, converted for a 43-week
// appointment (NUT-VI-1: "divide the annual 52 week salary by 1.15 to arrive at the annual 43
// week salary", the profile's weeks43_salary_divisor), or for an hourly roster row BASE_RATE ×
// budgeted hours × 52.
func Annual(e *model.Employee, rs *rates.RuleSet) rates.Money {
	annual := e.AnnualSalary
	if annual <= 0 {
		annual = rates.Money(rates.Round(int64(e.BaseRate)*e.BudgetedWeekly*52, 3600*100))
	}
	if e.Weeks43 && rs.Weeks43Divisor.Num > 0 {
		d := rs.Weeks43Divisor
		annual = rates.Money(rates.Round(int64(annual)*d.Den, d.Num))
	}
	return annual
}

// Hourly is the hourly equivalent of a salary: annual ÷ (52 × weekly hours). For PSU that is
// PSU-18.1-A's "hourly base rate" over the 37.5-hour week (annual ÷ 1950 for a full-time member,
// the same for part-time members as PSU-39.5-A's ÷ (1950 × FTE)); for non-unit staff the catalog's
// NU-OT-1 divisor "52 × the employee's scheduled weekly hours".
func Hourly(annual rates.Money, budgeted int64) rates.Rate {
	if annual <= 0 || budgeted <= 0 {
		return 0
	}
	return rates.Rate(rates.Round(int64(annual)*100*3600, 52*budgeted))
}

package rules

import (
	"time"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
)

// Pay codes and the exception of a salaried week (FORMATS.md).
const (
	CodeSalary        = "SALARY_CONT"
	ExcUnaccountedPay = "UNACCOUNTED_SCHEDULED_TIME"
)

// Salary keeps a salaried week whole, the one copy for the families that pay salaries (PSU-39.4-B,
// PSU-39-ALG steps 6–7; non-unit NU-OT-1): the budgeted week less LWOP (unpaid) that work and paid
// leave did not account for is paid as SALARY_CONT at base under ruleID, and — unless it is
// overtime the salary already pays and the employee took as comp (covered) — raised for review
// ("salary is not reduced; raise UNACCOUNTED_SCHEDULED_TIME"). So an employee with no punches is
// paid the salary.
//
// In the week an employment begins or ends the budgeted week is the part of it employed
// (EmployedShare): a salary is not earned before the hire date or after the last day employed, so
// a salaried member who leaves on a Wednesday is kept whole through Wednesday only, and one hired
// on a Thursday from Thursday on.
//
// bases are the family's hourly bases of the week's pays (Bases). The salary is the one in force
// on each day (a salary "paid as annual ÷ 52", PSU-39-ALG step 7; NU-OT-1's salaried rate): in the
// usual week that is the home pay's base; in a week whose salary changes inside it (rates.csv by
// workday, Week.DayPay) salaryByDay pays the gap at the base of the days it falls on.
func (l *Lines) Salary(w *model.Week, res *model.Result, ruleID string, bases []rates.Rate, accounted, unpaid, covered int64) {
	budgeted := w.Emp.BudgetedWeekly
	if days, per := EmployedShare(w); days < per {
		budgeted = rates.Round(budgeted*days, per)
	}
	gap := max(0, budgeted-unpaid) - accounted
	if gap <= 0 {
		return
	}
	if w.DayPay == [7]uint8{} {
		l.Add(w.Start, CodeSalary, ruleID, BaseOf(bases, 0), "", gap, w.From, w.To)
	} else {
		l.salaryByDay(w, ruleID, bases, budgeted, gap)
	}
	if gap > covered {
		res.Exceptions = append(res.Exceptions, model.Exception{Employee: w.Emp.ID, Date: w.Start, Code: ExcUnaccountedPay,
			RuleID: ruleID, Detail: l.unaccountedDetail(gap - covered)})
	}
}

// salaryByDay pays gap seconds of SALARY_CONT in a week whose salary changes inside it, at the
// base in force on the days the salary was not accounted for: each weekday in employment owes an
// equal share of the budgeted week; a day's shortfall is its share less the time worked or on
// leave (any pay-code row, LWOP too: an unpaid day is taken off the week already) dated on it;
// the gap is spread over the days in proportion to their shortfalls (all of them when they add
// up to it, as when whole days are missing), or over every weekday in employment when no day is
// short (the gap is then overtime taken as comp). A raise from the Wednesday with Wednesday not
// accounted for pays Wednesday's 7.5 h at the new base, not the week's first: the week is the
// salary of Monday and Tuesday at the old salary and of Wednesday to Friday at the new one.
func (l *Lines) salaryByDay(w *model.Week, ruleID string, bases []rates.Rate, budgeted, gap int64) {
	var acc, short [7]int64
	for i := range w.Spans {
		if sp := &w.Spans[i]; sp.Kind == model.SpanWorked {
			if k := int(sp.Workday - w.Start); k >= 0 && k < 7 {
				acc[k] += sp.Seconds()
			}
		}
	}
	for i := range w.Absences {
		if k := int(w.Absences[i].Date - w.Start); k >= 0 && k < 7 {
			acc[k] += w.Absences[i].Seconds
		}
	}
	var employed [7]bool
	var n, total int64
	for k := range employed {
		d := w.Start.AddDays(k)
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday && Employed(w, d) {
			employed[k] = true
			n++
		}
	}
	if n == 0 {
		l.Add(w.Start, CodeSalary, ruleID, BaseOf(bases, 0), "", gap, w.From, w.To)
		return
	}
	for k := range employed {
		if employed[k] {
			short[k] = max(0, rates.Round(budgeted, n)-acc[k])
			total += short[k]
		}
	}
	if total == 0 {
		for k := range employed {
			if employed[k] {
				short[k] = 1
				total++
			}
		}
	}
	var cum, paid int64
	for k := range short {
		if short[k] == 0 {
			continue
		}
		cum += short[k]
		part := rates.Round(gap*cum, total) - paid
		paid += part
		l.Add(w.Start, CodeSalary, ruleID, BaseOf(bases, w.DayPay[k]), "", part, w.From, w.To)
	}
}

// unaccountedDetail is the text of UNACCOUNTED_SCHEDULED_TIME for secs not accounted for, built
// in a stack buffer and made a string once (a concatenation around a decimal's String was four
// allocations), and kept: about one employee-week in seventeen of a generated close raises it,
// short by one of a few thousand amounts (whole minutes of a week), so a worker soon has the text
// of most and allocates nothing. At most maxDetails are kept, so memory stays bounded whatever
// the amounts.
func (l *Lines) unaccountedDetail(secs int64) string {
	if d, ok := l.details[secs]; ok {
		return d
	}
	var buf [96]byte
	b := append(buf[:0], "salaried week paid in full: "...)
	b = rates.AppendHours(b, secs)
	b = append(b, " h neither worked nor on leave (LWOP would reduce it)"...)
	d := string(b)
	if l.details == nil {
		l.details = map[int64]string{}
	}
	if len(l.details) < maxDetails {
		l.details[secs] = d
	}
	return d
}

// maxDetails bounds unaccountedDetail's memory per worker (~100 bytes a text).
const maxDetails = 4096

// EmployedShare is the part of week w in employment: days of per, the weekdays (Monday to Friday)
// from the hire date (w.Emp.Hire, the roster's HIRE_DATE, "the first date of actual work") up to
// the separation date of an employment ending in the week (w.Separation), of the week's weekdays
// (1 of 1 when the whole week is: hired before it, nothing ending in it). Days before the hire
// are not in employment: no salary is earned on them, nor sick time ("Employees may begin
// accruing sick time on the first date of actual work", ESL); a hire after the week is 0 of 5.
// The one copy for exempt and salaried non-exempt staff, and for the accrual stage's scheduled and
// assumed bases (accrue.Input.Days, Per).
func EmployedShare(w *model.Week) (days, per int64) {
	if w.Separation == nil && (w.Emp == nil || w.Emp.Hire == model.NoDate || w.Emp.Hire <= w.Start) {
		return 1, 1
	}
	days, _, per = EmployedSplit(w, w.Start+7)
	return days, per
}

// EmployedSplit is EmployedShare counted in weekdays even when the whole week is in employment,
// with after, how many of the days fall on or after from. The accrual stage splits the scheduled
// or assumed base of a week holding January 1 between the two calendar years by it
// (accrue.Input.NewYearDays: ESL-A5, "The University will use a year that runs from January 1 to
// December 31").
func EmployedSplit(w *model.Week, from calendars.Date) (days, after, per int64) {
	for d := w.Start; d < w.Start+7; d++ {
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			per++
			if Employed(w, d) {
				days++
				if d >= from {
					after++
				}
			}
		}
	}
	return days, after, per
}

// Employed reports whether date d is in employment: on or after the hire date (w.Emp.Hire) and,
// when the employment ends in the week, on or before the separation date. The one test of a day
// that EmployedSplit counts and a salaried family deducts by (an unpaid day outside employment is
// not a day of salary to take back: it was never paid).
func Employed(w *model.Week, d calendars.Date) bool {
	if w.Separation != nil && d > w.Separation.Date {
		return false
	}
	return w.Emp == nil || w.Emp.Hire == model.NoDate || d >= w.Emp.Hire
}

// Absence reads one pay-code row the one way every family pays it: the profile's pay code for
// the row's input code, the rate (base, or nothing for an unpaid code such as LWOP) and the row's
// start (its date's midnight, where absence lines sit); the row's hours count as absent.
func Absence(w *model.Week, rs *rates.RuleSet, a *model.Absence, base rates.Rate, res *model.Result) (pc rates.PayCode, rate rates.Rate, from int64) {
	pc = rs.PayCodes[a.Input]
	rate = base
	if !pc.Paid {
		rate = 0
	}
	res.Absent += a.Seconds
	return pc, rate, w.Zone.Instant(a.Date, 0)
}

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

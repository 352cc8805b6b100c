// Package exempt is the rule family of the university's salaried staff exempt from the overtime
// provisions of the FLSA: PSU exempt professionals (seed 003 Article 18 and the PSU common rules;
// catalog psu-nonunit-esl.md §2, RS2) and non-unit exempt staff (seed 002 Doc. T94-023; catalog
// §6, RS5, with the non-overtime parts of RS3). The two rule sets share the mechanics (a weekly
// salary, full-day deductions only, 43-week appointments) and differ in rule ids and in what the
// profile switches on (exempt comp time, PSU only).
//
// "Exempt members are salaried; no overtime pay exists" (catalog §2): no overtime, differential,
// standby or call-back minimum is ever paid here. For PSU, Article 39 "does not apply in any respect
// to members … determined to be exempt" (SEL-2), so none of package psu's rules is consulted.
//
// Lines. Worked time is shown as REG at a zero rate (it is paid within the salary, so the hours
// reconcile with the punches); paid leave is a leave line at the hourly equivalent; the salary is
// one SALARY line whose amount is the weekly salary less full-day deductions less the leave lines,
// so the week always pays exactly annual ÷ 52 when nothing is deducted.
package exempt

import (
	"strconv"
	"time"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
	"github.com/payclose/payclose/stages/rules"
)

// Rule ids (catalog §2, §6, §0.3).
const (
	rulePSUSalary   = "PSU-RS2-SAL" // weekly salary, never reduced for a partial day
	ruleNUSalary    = "SEL-1"       // NON_UNIT ∧ EXEMPT → RS5: salaried, no overtime
	rule43          = "NUT-VI-1"    // 52 → 43-week salary conversion, paid over 52 weeks
	ruleCompHours   = "PSU-18.2-A"  // hours over 40 × FTE
	ruleCompApprove = "PSU-18.2-B"  // hour for hour with the department head's approval
	ruleFormal      = "PSU-18.3-A1" // formal on-call system: a salary adjustment, no comp
	ruleFormalCB    = "PSU-18.3-A2" // formal system: comp only for an approved prolonged call-back
	ruleOnCallComp  = "PSU-18.3-B"  // ≥ 1 h comp per 8 h on call
	ruleCallBack    = "PSU-18.3-C"  // 1 h comp per call-back hour
	ruleClosure     = "PSU-18.5-B"  // 1 h comp per full hour worked in a closure
	ruleApproval    = "NUT-IV-1"    // President's approval above $200,000
	ruleContract    = "NUT-I.C"     // an employment contract of at most 3 years
	ruleHolWorked   = "PSU-21.3"    // a holiday worked: 8 h × FTE comp (the catalog's reading)
	ruleHolOff      = "PSU-21.8-B"  // full time, not scheduled on the holiday: 8 h comp
	ruleHolLWOP     = "PSU-21.5"    // unpaid on the scheduled workday before or after: no holiday pay
	rulePartTime    = "PSU-21.8-A"  // part time: 7.5 h × FTE holiday pay whatever the schedule
)

const (
	codeReg      = "REG"
	codeSalary   = "SALARY"
	codeComp     = "XCOMP_EARNED"
	codeOnCall   = "ON_CALL"
	codeHolComp  = "HOL_COMP_EARNED"
	codeHolBen   = rules.CodeHolBenefit
	swComp       = "exempt_comp" // the rule set keeps exempt comp time (PSU Article 18)
	excNoSalary  = "EXEMPT_WITHOUT_SALARY"
	excPartial   = "PARTIAL_DAY_LWOP_NOT_DEDUCTED"
	excLeave     = "LEAVE_EXCEEDS_SALARY"
	excNoApprove = "COMP_NOT_APPROVED"
	excApproval  = "SALARY_NEEDS_PRESIDENT_APPROVAL"
	excContract  = "CONTRACT_TOO_LONG"
	excHolLWOP   = rules.ExcHolidayLWOP
)

// flavor is what differs between the two rule sets that is not a number of the profile: the rule
// that pays the salary.
type flavor struct{ salaryRule string }

type family struct{ f flavor }

func init() {
	rules.Register("psuexempt", family{flavor{salaryRule: rulePSUSalary}})
	rules.Register("nonunitexempt", family{flavor{salaryRule: ruleNUSalary}})
}

func (fam family) NewCalc() rules.Calc { return &Calc{f: fam.f} }

// Calc holds scratch memory reused across employee-weeks; one per worker.
type Calc struct {
	f     flavor
	lines rules.Lines
	lwop  [7]int64
	cal   *calendars.Calendar
}

// Calculate computes one employee-week.
func (c *Calc) Calculate(w *model.Week, rs *rates.RuleSet, res *model.Result) {
	c.lines.Reset()
	e := w.Emp
	annual, salaryRule := c.annual(w, rs, res)
	weekly := weeklySalary(w, rs, annual)
	hourly := rules.Hourly(annual, e.BudgetedWeekly)

	c.worked(w, salaryRule, res)
	leave, deducted := c.absences(w, rs, hourly, salaryRule, res)
	if rs.HolidayCompDay > 0 {
		deducted += c.holidays(w, rs, hourly, res)
	}
	// A full day deducted costs a full day's salary: a fifth of the whole week's salary, taken
	// before the week is cut to the days employed, not a share of the cut week (which would
	// prorate the deduction a second time: hired on a Wednesday with Thursday unpaid, 3 of 5 days
	// less 1 day is 2 days, $600 of a $1,500 week, not 900 − 900 × 1 ÷ 5 = $720). PSU-RS2-SAL:
	// "deduct only full-day LWOP/AWOP"; absences counts only days in employment.
	var deduction rates.Money
	if e.BudgetedWeekly > 0 && deducted > 0 {
		deduction = rates.Money(rates.Round(int64(weekly)*deducted, e.BudgetedWeekly))
	}
	if days, per := rules.EmployedShare(w); days < per {
		// The first and the final week pay the days employed (a salary is not earned before the
		// hire date nor after the employment ends).
		weekly = rates.Money(rates.Round(int64(weekly)*days, per))
	}
	weekly = max(0, weekly-deduction)
	pay := weekly - leave
	if pay < 0 {
		res.Exceptions = append(res.Exceptions, model.Exception{Employee: e.ID, Date: w.Start, Code: excLeave, RuleID: salaryRule,
			Detail: "paid leave of the week (" + leave.String() + ") is more than the weekly salary (" + weekly.String() + "); the salary line is zero"})
		pay = 0
	}
	c.lines.Lump(w.Start, codeSalary, salaryRule, hourly, pay, "", 0, w.From, w.To)
	if rs.Switch(swComp) {
		c.comp(w, rs, res)
	}
	c.lines.Flush(w, res)
}

// weeklySalary is annual ÷ 52, or, when the salary changes inside the week (rates.csv, by
// workday), the week's weekdays each at the salary in force that day: Σ annual ÷ (52 × weekdays),
// rounded once, so a raise from a Wednesday pays Monday and Tuesday at the old salary.
func weeklySalary(w *model.Week, rs *rates.RuleSet, annual rates.Money) rates.Money {
	if w.DayPay == [7]uint8{} {
		return rates.Money(rates.Round(int64(annual), 52))
	}
	var sum, days int64
	for d := range w.DayPay {
		if wd := w.Start.AddDays(d).Weekday(); wd == time.Saturday || wd == time.Sunday {
			continue
		}
		a := annual
		if k := w.DayPay[d]; k != 0 {
			var tmp model.Employee
			a = rules.Annual(w.PayOf(k, &tmp), rs)
		}
		sum += int64(a)
		days++
	}
	return rates.Money(rates.Round(sum, 52*days))
}

// annual is the salary the week is paid from. A 43-week appointment converts the position's
// 52-week salary: NUT-VI-1 "divide the annual 52 week salary by 1.15 to arrive at the annual 43
// week salary", paid "over a 52 week period" (NUT-VI-3), so a week is salary43 ÷ 52 whether the
// member is on duty or in a non-responsibility week. PSU exempt members "will continue to be
// eligible for 43-week contract appointments" (PSU-SL-NE43), prorated by the same policy.
func (c *Calc) annual(w *model.Week, rs *rates.RuleSet, res *model.Result) (rates.Money, string) {
	e := w.Emp
	annual := e.AnnualSalary
	if annual <= 0 {
		// An exempt employee is salaried; an hourly roster row is paid its budgeted week and raised.
		annual = rates.Money(rates.Round(int64(e.BaseRate)*e.BudgetedWeekly*52, 3600*100))
		res.Exceptions = append(res.Exceptions, model.Exception{Employee: e.ID, Date: w.Start, Code: excNoSalary, RuleID: c.f.salaryRule,
			Detail: "exempt staff are paid a salary: ANNUAL_SALARY is empty, so BASE_RATE × budgeted hours × 52 was used"})
	}
	if rs.ApprovalSalary > 0 && annual > rs.ApprovalSalary {
		// NUT-IV-1: "if the new hire salary or the adjusted salary exceeds $200,000" the President
		// must approve it in advance; the roster carries no approval, so the week is raised.
		res.Exceptions = append(res.Exceptions, model.Exception{Employee: e.ID, Date: w.Start, Code: excApproval, RuleID: ruleApproval,
			Detail: "annual salary " + annual.String() + " exceeds " + rs.ApprovalSalary.String() + ": the President's advance approval must be on file"})
	}
	// NUT-I.C: "Such contract may not be more than 3 years in duration" — its last day at most the
	// day before the same date three years on (2024-01-01 → 2026-12-31; 2024-02-29 → 2027-02-28).
	// The week is paid; the contract is raised.
	if rs.ContractMaxMonths > 0 && e.ContractStart != model.NoDate {
		if last := (e.ContractStart - 1).AddMonths(rs.ContractMaxMonths); e.ContractEnd > last {
			res.Exceptions = append(res.Exceptions, model.Exception{Employee: e.ID, Date: w.Start, Code: excContract, RuleID: ruleContract,
				Detail: "employment contract " + e.ContractStart.String() + " to " + e.ContractEnd.String() + " runs past " + last.String() +
					": a contract may not be more than " + strconv.Itoa(rs.ContractMaxMonths/12) + " years"})
		}
	}
	if e.Weeks43 && rs.Weeks43Divisor.Num > 0 {
		return rules.Annual(e, rs), rule43
	}
	return annual, c.f.salaryRule
}

// worked shows the week's worked time as REG at no rate: it is paid within the salary.
func (c *Calc) worked(w *model.Week, rule string, res *model.Result) {
	for i := range w.Spans {
		sp := &w.Spans[i]
		if sp.Kind != model.SpanWorked {
			continue
		}
		c.lines.Add(sp.Workday, codeReg, rule, 0, sp.Account, sp.Seconds(), sp.Start, sp.End)
		res.Worked += sp.Seconds()
		res.Regular += sp.Seconds()
	}
}

// absences writes leave lines at the hourly equivalent (their amounts come out of the salary, not
// on top of it) and additional compensation (a lump-sum code) on top of it. Unpaid time reduces
// the salary only in whole days: the catalog's PSU-RS2-SAL "never reduce exempt salary for
// partial-day absences; deduct only full-day LWOP/AWOP (FLSA salary-basis rule, 29 CFR 541.602)".
// A day is the budgeted week ÷ 5 (PSU-18.1-A: "7.5 × FTE"). It returns the leave amount taken from
// the salary and the unpaid seconds deducted.
func (c *Calc) absences(w *model.Week, rs *rates.RuleSet, hourly rates.Rate, salaryRule string, res *model.Result) (leave rates.Money, deducted int64) {
	c.lwop = [7]int64{}
	for i := range w.Absences {
		a := &w.Absences[i]
		pc := rs.PayCodes[a.Input]
		from := w.Zone.Instant(a.Date, 0)
		res.Absent += a.Seconds
		switch {
		case !pc.Paid:
			c.lines.Lump(a.Date, pc.Code, pc.RuleID, 0, 0, a.Account, a.Seconds, from, from+a.Seconds)
			if k := int(a.Date - w.Start); k >= 0 && k < 7 {
				c.lwop[k] += a.Seconds
			}
		case pc.LumpSum:
			// NUT-V: "additional compensation … paid to an FLSA exempt non-unit employee, over and
			// above their regular rate of pay": the hours given, at the hourly equivalent.
			c.lines.Lump(a.Date, pc.Code, pc.RuleID, hourly, rates.Amount(a.Seconds, hourly), a.Account, a.Seconds, from, from+a.Seconds)
		default:
			amt := rates.Amount(a.Seconds, hourly)
			c.lines.Lump(a.Date, pc.Code, pc.RuleID, hourly, amt, a.Account, a.Seconds, from, from+a.Seconds)
			leave += amt
		}
	}
	day := int64(0)
	if rs.StandardWeek > 0 {
		day = rates.Round(int64(rs.StandardDay)*w.Emp.BudgetedWeekly, int64(rs.StandardWeek))
	}
	for k, n := range c.lwop {
		switch {
		case n == 0:
		case !rules.Employed(w, w.Start.AddDays(k)):
			// Outside employment no salary is paid (EmployedShare), so there is none to deduct.
		case day > 0 && n >= day:
			deducted += day
		default:
			res.Exceptions = append(res.Exceptions, model.Exception{Employee: w.Emp.ID, Date: w.Start.AddDays(k), Code: excPartial, RuleID: c.f.salaryRule,
				Detail: rates.HoursDecimal(n).String() + " h unpaid on a day of " + rates.HoursDecimal(day).String() +
					" h: an exempt salary is not reduced for part of a day (only full days are deducted)"})
		}
	}
	return leave, deducted
}

// holidays credits holiday comp time; a holiday's pay is in the salary. PSU-21.8-B: "A full-time
// employee not scheduled to work on a holiday shall earn a full day (8 hours) of compensatory time
// for that holiday." PSU-21.3 gives a member "required to work" a holiday nothing beyond the
// salary; the catalog recommends "credit HOLIDAY_COMP 8.0 h × FTE by analogy with PSU-21.8-B", and
// so does this. A week with no posted schedule is read as Monday to Friday.
//
// PSU-21.8-A: "A part-time employee shall earn pay or compensatory time for a holiday in the same
// proportion that his/her service bears to full-time service. Such pay for a holiday shall be paid
// whether or not the holiday falls on the employee's regularly scheduled workday." On a scheduled
// day the salary pays it; on a day the part-time member is not scheduled the salary pays nothing
// for it, so it is a HOL_BENEFIT line on top of the salary: 7.5 h × FTE at the hourly equivalent
// (catalog: "pay by default; comp only on election"; the roster carries no such election, and the
// PSU non-exempt family pays it the same way, psu.holidayBenefits).
//
// PSU-21.5: "A bargaining unit member who is on leave without pay or is absent without pay for any
// of his/her scheduled workdays immediately preceding or immediately following a holiday shall
// not receive pay for that holiday." A holiday on a scheduled workday is paid inside the salary
// (PSU-21.3), so forfeiting it takes the day out of the salary like a full unpaid day: holidays
// returns the seconds to deduct (a day, 7.5 h × FTE, per holiday forfeited) and raises
// HOLIDAY_FORFEITED_LWOP. "for any of" is read as any unpaid minutes on that day (the catalog's
// recommendation, the literal reading); the text forfeits pay, so the comp of PSU-21.8-B and
// PSU-21.3 is kept. The neighbouring workday is the member's posted shift nearest before or after
// the holiday in the week (Monday to Friday, less holidays, when nothing is posted); when it lies
// in the week before or after, the close does not see it and the holiday is not forfeited — the
// close pays one week at a time and does not guess at a week it was not given.
func (c *Calc) holidays(w *model.Week, rs *rates.RuleSet, hourly rates.Rate, res *model.Result) (forfeit int64) {
	c.cal = rs.Calendar() // the profile names it (one way to get a calendar, issue 13)
	if c.cal == nil || rs.StandardWeek <= 0 || !c.cal.AnyIn(w.Start, w.Start+7) {
		return 0 // most weeks have no holiday: nothing below is looked up
	}
	e := w.Emp
	fullTime := e.BudgetedWeekly >= int64(rs.StandardWeek)
	day := rates.Round(int64(rs.StandardDay)*e.BudgetedWeekly, int64(rs.StandardWeek))
	workdays, posted := rules.Workdays(w, c.cal)
	for k := 0; k < 7; k++ {
		d := w.Start.AddDays(k)
		if _, ok := c.cal.ObservedOn(d); !ok {
			continue
		}
		worked := false
		for i := range w.Spans {
			worked = worked || (w.Spans[i].Kind == model.SpanWorked && w.Spans[i].Workday == d)
		}
		// rules.Workdays leaves holidays out of an unposted week (they are no one's workday next
		// to another holiday); the holiday itself is a workday of the Monday-to-Friday week.
		sched := workdays&(1<<k) != 0 || (!posted && d.Weekday() != time.Saturday && d.Weekday() != time.Sunday)
		from := w.Zone.Instant(d, 0)
		switch {
		case worked:
			n := int64(rs.HolidayCompDay)
			if !fullTime {
				n = rates.Round(n*e.BudgetedWeekly, int64(rs.StandardWeek))
			}
			res.HolidayCompEarned += n
			c.lines.Add(d, codeHolComp, ruleHolWorked, 0, "", n, from, from+n)
		case sched:
			// The holiday's pay is the salary's day (PSU-21.3), unless PSU-21.5 takes it.
			// An unpaid holiday is deducted by absences already; outside employment it was
			// never paid.
			if c.lwop[k] > 0 || !rules.Employed(w, d) || day <= 0 {
				continue
			}
			if adj, ok := c.unpaidNeighbour(w, k, workdays); ok {
				forfeit += day
				res.Exceptions = append(res.Exceptions, model.Exception{Employee: e.ID, Date: d, Code: excHolLWOP, RuleID: ruleHolLWOP,
					Detail: "unpaid time on " + adj.String() + ", the scheduled workday next to the holiday: the holiday's " +
						rates.HoursDecimal(day).String() + " h are not paid (deducted from the salary)"})
			}
		case !fullTime:
			// PSU-21.8-A off the schedule: holiday pay, so PSU-21.5 may take it too.
			if c.lwop[k] > 0 || !rules.Employed(w, d) || day <= 0 {
				continue
			}
			if adj, ok := c.unpaidNeighbour(w, k, workdays); ok {
				res.Exceptions = append(res.Exceptions, model.Exception{Employee: e.ID, Date: d, Code: excHolLWOP, RuleID: ruleHolLWOP,
					Detail: "unpaid time on " + adj.String() + ", the scheduled workday next to the holiday: the holiday's " +
						rates.HoursDecimal(day).String() + " h are not paid"})
				continue
			}
			c.lines.Add(d, codeHolBen, rulePartTime, hourly, "", day, from, from+day)
		default:
			n := int64(rs.HolidayCompDay)
			res.HolidayCompEarned += n
			c.lines.Add(d, codeHolComp, ruleHolOff, 0, "", n, from, from+n)
		}
	}
	return forfeit
}

// unpaidNeighbour finds the scheduled workdays immediately before and after the holiday on day k
// of the week, within the week (rules.HolidayNeighbours), and returns the first of them with unpaid
// time (c.lwop, filled by absences). A neighbour outside the week is not seen (see holidays).
func (c *Calc) unpaidNeighbour(w *model.Week, k int, workdays uint8) (calendars.Date, bool) {
	prev, next := rules.HolidayNeighbours(workdays, k)
	for _, j := range [2]int{prev, next} {
		if j >= 0 && c.lwop[j] > 0 {
			return w.Start.AddDays(j), true
		}
	}
	return 0, false
}

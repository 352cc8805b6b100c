// Package nonunit is the rule family of the university's non-unit non-exempt staff (seed 001,
// HR-Internal-09 Overtime/Compensatory Time Guidelines and Hours of Work Guidance; catalog
// psu-nonunit-esl.md §4, RS3). Overtime is 1.5 × the regular rate over 8 hours in a tour of duty
// or 40 in a week, counting only hours actually worked; an agreed fixed schedule of up to 40 hours
// has no daily overtime within it; comp time replaces overtime pay at 1.5 h per hour by agreement.
// There is no differential, standby or call-back minimum for this group.
//
// A salaried member (ANNUAL_SALARY) is paid the budgeted week: worked minutes are REG or OT lines,
// leave is a leave line, and salaried time not accounted for is SALARY_CONT, so REG + OT equals
// the minutes worked. An hourly member (BASE_RATE) is paid the time only.
package nonunit

import (
	"time"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
	"github.com/payclose/payclose/stages/rules"
)

// Rule ids (catalog §4.1).
const (
	ruleDef      = "NU-OT-DEF" // hours worked; paid time off is not hours worked
	ruleOT       = "NU-OT-1"   // thresholds, rate, straight-time gap
	ruleFixed    = "NU-OT-2"   // agreed fixed schedule
	ruleComp     = "NU-OT-5"   // comp in lieu
	ruleCompCash = "NU-OT-6"   // overflow over the 240-hour cap paid
)

const (
	codeReg     = rules.CodeREG
	codeOT      = rules.CodeOT
	codeComp    = rules.CodeCompEarned
	codeHolBen  = rules.CodeHolBenefit
	excNoRate   = "NO_BASE_RATE"
	swFixedNone = "nu_fixed_schedule_no_daily_ot" // NU-OT-2 read literally: no daily OT at all
)

func init() { rules.Register("nonunit", family{}) }

type family struct{}

func (family) NewCalc() rules.Calc { return &Calc{} }

// Calc holds scratch memory reused across employee-weeks; one per worker.
type Calc struct {
	to     int64 // end of the week being closed (weekly overtime stops there)
	slices []slice
	lines  rules.Lines
	worked [7]int64
	sched  [7]int64 // posted span of each workday (a holiday falls on a scheduled day)
	work   [7]int64 // scheduled work of each workday: the posted span less its meal (NU-OT-2's Sch_d)
	leave  [7]bool
	cal    *calendars.Calendar
	bases  []rates.Rate  // the regular rate of each of the week's pays (rules.Bases)
	shares []rules.Share // labor accounts of the overtime hours (the true-up's split)
}

type slice struct {
	start, end int64
	wd         int
	ot         bool
	comp       bool
	compCash   bool
	account    string
	base       rates.Rate // the regular rate of the job and rate the slice is worked at
}

func (s *slice) secs() int64 { return s.end - s.start }

// Calculate computes one employee-week.
func (c *Calc) Calculate(w *model.Week, rs *rates.RuleSet, res *model.Result) {
	c.lines.Reset()
	c.cal = rs.Calendar()
	base := regularRate(w.Emp, rs)
	if base <= 0 {
		res.Exceptions = append(res.Exceptions, model.Exception{Employee: w.Emp.ID, Date: w.Start, Code: excNoRate,
			RuleID: ruleOT, Detail: "no ANNUAL_SALARY or BASE_RATE to derive the regular rate from"})
	}
	c.bases = rules.Bases(c.bases, w, rs, regularRate)
	res.Added += c.buildSlices(w, rs)
	paid, unpaid := c.absences(w, rs, res)
	paid += c.holidays(w, rs)
	c.overtime(w, rs)
	compSecs, covered := c.comp(w, rs, paid, unpaid, res)
	c.payWorked(w, rs, res)
	if w.Emp.AnnualSalary > 0 {
		c.lines.Salary(w, res, ruleOT, c.bases, res.Worked-compSecs+paid, unpaid, covered)
	}
	c.lines.Flush(w, res)
}

// regularRate is NU-OT-1's "regular hourly rate": the roster's hourly rate, or for salaried staff
// annual ÷ (weeks_per_year (52) × scheduled weekly hours), the FLSA divisor the catalog recommends over a fixed
// 1950 ("divisor = 52 × the employee's scheduled weekly hours from the roster"): $62,400 on a
// 40-hour week is $30.00. The annual salary is rules.Annual's, as for exempt staff: on a 43-week
// schedule (roster APPOINTMENT_WEEKS=43) NUT-VI-1 "Non-unit employees who are employed on a 52
// week schedule may request a 43 week schedule with a 15 percent reduction in base annual salary
// ... divide the annual 52 week salary by 1.15 to arrive at the annual 43 week salary" (profile
// weeks43_salary_divisor), paid "over a 52 week period" (NUT-VI-3): $62,400 on 43 weeks is
// $54,260.87 a year, $26.0870 an hour on 40 hours.
func regularRate(e *model.Employee, rs *rates.RuleSet) rates.Rate {
	if e.AnnualSalary <= 0 || e.BudgetedWeekly <= 0 || rs.WeeksPerYear <= 0 {
		return e.BaseRate
	}
	return rates.Rate(rates.Round(int64(rules.Annual(e, rs))*100*3600, rs.WeeksPerYear*e.BudgetedWeekly))
}

// buildSlices cuts worked spans per workday and notes each workday's worked and scheduled time.
// A punched break between two worked spans of one workday that is shorter than the profile's
// paid_break_under_minutes (30) is worked time (rules.PaidBreak): NU-HOW-IIIB "Rest periods
// generally shorter than 20 minutes are payable", and the catalog's reading "g < 20 min → WORK",
// "20 ≤ g < 30 → WORK (not a bona fide meal; recommend)".
// It counts toward overtime like any worked minute (29 CFR 785.18), on the account and rate of
// the span before it; a 30-minute meal stays unpaid ("a break of 30 minutes or more need not be
// payable"). It returns the seconds of break added (Result.Added).
//
// A day's scheduled work is its posted span less the meal inside it (rules.PostedMeal):
// schedule.csv carries no meal, but the roster's budgeted week is hours of work, so a posted week
// longer than it holds the difference as meals, spread evenly over the posted shifts. A share is a
// meal only from paid_break_under_minutes (30: "a break of 30 minutes or more need not be
// payable"); a shorter one would be paid time, not a meal. The non-unit texts set no longest
// meal. Mon–Thu 07:00–17:30 on an agreed 40-hour week: (42 − 40) ÷ 4 = a 30-minute meal, a 10-hour
// day. A posting that says no meal (uneven excess, a week posted in part) is taken as all work, as
// before this reading.
func (c *Calc) buildSlices(w *model.Week, rs *rates.RuleSet) (added int64) {
	c.slices = c.slices[:0]
	c.worked, c.sched, c.work, c.leave = [7]int64{}, [7]int64{}, [7]int64{}, [7]bool{}
	var prev *model.Span
	for i := range w.Spans {
		sp := &w.Spans[i]
		if sp.Kind != model.SpanWorked {
			continue
		}
		wd := min(max(int(sp.Workday-w.Start), 0), 6)
		if prev != nil && prev.Workday == sp.Workday {
			if gap := rules.PaidBreak(rs, prev.End, sp.Start); gap > 0 {
				c.slices = append(c.slices, slice{start: prev.End, end: sp.Start, wd: wd, account: prev.Account, base: rules.BaseOf(c.bases, prev.Pay)})
				c.worked[wd] += gap
				added += gap
			}
		}
		prev = sp
		c.slices = append(c.slices, slice{start: sp.Start, end: sp.End, wd: wd, account: sp.Account, base: rules.BaseOf(c.bases, sp.Pay)})
		c.worked[wd] += sp.Seconds()
	}
	var meal int64
	if w.Emp.ScheduleType == model.ScheduleFixed { // only NU-OT-2's fixed schedules read c.work
		meal, _ = rules.PostedMeal(w, int64(rs.PaidBreakUnder)*60, 0)
	}
	for _, s := range w.Schedule {
		if k := int(s.Date - w.Start); k >= 0 && k < 7 {
			c.sched[k] += s.End - s.Start
			c.work[k] += max(0, s.End-s.Start-meal)
		}
	}
	return added
}

// absences pays pay-code rows at the regular rate. None of them counts toward overtime: "Paid time
// off such as vacation time, sick time, personal time, holiday time, and Compensatory Time off,
// are not included in hours worked" (NU-OT-DEF).
func (c *Calc) absences(w *model.Week, rs *rates.RuleSet, res *model.Result) (paid, unpaid int64) {
	for i := range w.Absences {
		a := &w.Absences[i]
		pc, rate, from := rules.Absence(w, rs, a, rules.BaseOf(c.bases, a.Pay), res)
		c.lines.Add(a.Date, pc.Code, pc.RuleID, rate, a.Account, a.Seconds, from, from+a.Seconds)
		if k := int(a.Date - w.Start); k >= 0 && k < 7 {
			c.leave[k] = true
		}
		switch {
		case !pc.Paid:
			unpaid += a.Seconds
		case !pc.LumpSum:
			paid += a.Seconds
		}
	}
	return paid, unpaid
}

// holidays pays a university holiday that falls on a scheduled day (or, with no posted schedule,
// on a weekday: UMPO is open "Monday through Friday from 8:30 AM to 5:00 PM (excluding holidays)")
// and that nobody worked or coded: a day of the budgeted week (8 h of a 40-hour week). Holiday time
// is paid time off, not hours worked (NU-OT-DEF), so it never counts toward overtime. The sources
// give non-unit staff no holiday premium; a worked holiday is ordinary work. The day is paid at the
// regular rate in force on it (w.DayPay): with a raise from the Tuesday (rates.csv, by workday),
// Thursday's holiday is 8 h at the new rate, as Wednesday's work was.
func (c *Calc) holidays(w *model.Week, rs *rates.RuleSet) (paid int64) {
	if rs.StandardWeek <= 0 || !c.cal.AnyIn(w.Start, w.Start+7) {
		return 0 // the usual week: no holiday to look up day by day
	}
	dayPay := rates.Round(int64(rs.StandardDay)*w.Emp.BudgetedWeekly, int64(rs.StandardWeek))
	var anySched bool
	for k := range c.sched {
		anySched = anySched || c.sched[k] > 0
	}
	for k := 0; k < 7; k++ {
		d := w.Start.AddDays(k)
		if _, ok := c.cal.ObservedOn(d); !ok || c.worked[k] > 0 || c.leave[k] {
			continue
		}
		wd := d.Weekday()
		if c.sched[k] > 0 || (!anySched && wd != time.Saturday && wd != time.Sunday) {
			from := w.Zone.Instant(d, 0)
			c.lines.Add(d, codeHolBen, ruleDef, rules.BaseOf(c.bases, w.DayPay[k]), "", dayPay, from, from+dayPay)
			paid += dayPay
		}
	}
	return paid
}

// overtime marks NU-OT-1: "one and one-half times (1.5) the employee's regular hourly rate in
// excess of eight (8) hours in any one Tour of Duty or forty (40) hours in any one Workweek",
// counting worked time only (NU-HOW-I: "only payable time that is actually worked is counted
// toward the forty-hour requirement"). NU-OT-2: "An employee who has an agreed upon fixed
// schedule, as long as the hours do not exceed forty (40) hours in a week, would not be subject to
// daily Overtime." The catalog reads that as no daily overtime within the agreed day: the daily
// threshold becomes "T_d = max(480, Sch_d)", 8 h or the day's scheduled work (its posted span less
// its meal, buildSlices) if longer, so unscheduled hours beyond both are still daily overtime (its
// default BEYOND_SCHEDULE); the switch nu_fixed_schedule_no_daily_ot removes daily overtime
// altogether (its NONE). Daily overtime is the last worked minutes of the tour,
// weekly the last of the week not already overtime.
func (c *Calc) overtime(w *model.Week, rs *rates.RuleSet) {
	fixed := fixedSchedule(w, rs)
	for k := range c.worked {
		if limit, ok := dailyLimit(rs, fixed, c.work[k]); ok {
			if dot := c.worked[k] - limit; dot > 0 {
				c.markLast(k, dot)
			}
		}
	}
	if rs.WeeklyOT > 0 {
		// Split at the week's end (ENG-3): a Saturday-night shift's hours after midnight count
		// toward next week; last week's such hours (CarryIn) count toward this one, less the
		// part of them that was that tour's daily overtime (its last hours, paid as overtime
		// with it: NU-OT-1's WOT = ΣW − ΣDOT − 2400).
		c.to = w.To
		carry := w.CarryIn
		if carry > 0 {
			worked, after := rules.CarriedDay(w, rs, true)
			var over int64
			if limit, ok := dailyLimit(rs, fixed, carriedWork(w, rs)); ok {
				over = worked - limit
			}
			carry = rules.CarriedStraight(w, after, over)
		}
		if wot := rules.StraightBefore(&c.slices, w.To) + carry - int64(rs.WeeklyOT); wot > 0 {
			c.markLast(-1, wot)
		}
	}
}

// fixedSchedule reports NU-OT-2's "agreed upon fixed schedule, as long as the hours do not
// exceed forty (40) hours in a week".
func fixedSchedule(w *model.Week, rs *rates.RuleSet) bool {
	return w.Emp.ScheduleType == model.ScheduleFixed && w.Emp.BudgetedWeekly <= int64(rs.WeeklyOT)
}

// dailyLimit is the daily overtime threshold of a tour whose scheduled work is work (NU-OT-1's 8
// hours; NU-OT-2's fixed schedule: the day's scheduled work if longer), ok false when the rule
// set has no daily overtime for the employee.
func dailyLimit(rs *rates.RuleSet, fixed bool, work int64) (limit int64, ok bool) {
	if rs.DailyOT <= 0 || (fixed && rs.Switch(swFixedNone)) {
		return 0, false
	}
	limit = int64(rs.DailyOT)
	if fixed {
		limit = max(limit, work)
	}
	return limit, true
}

// carriedWork is the scheduled work of last week's Saturday (buildSlices' c.work for that day):
// its posted shifts, in the week's schedule from the day before it, less the meal this week's
// posting holds (rules.PostedMeal; the previous week's posting is not in the input: its meal is
// taken to be this week's).
func carriedWork(w *model.Week, rs *rates.RuleSet) int64 {
	var meal int64
	if w.Emp.ScheduleType == model.ScheduleFixed {
		meal, _ = rules.PostedMeal(w, int64(rs.PaidBreakUnder)*60, 0)
	}
	return rules.PostedWork(w, w.Start-1, meal)
}

func (c *Calc) markLast(wd int, n int64) {
	rules.MarkLast(&c.slices, n, func(s *slice) bool {
		return (wd < 0 || s.wd == wd) && (wd >= 0 || s.end <= c.to)
	})
}

// The rules.Timed methods: the overtime mechanics shared with other families.
func (s *slice) Span() (int64, int64) { return s.start, s.end }
func (s *slice) Overtime() bool       { return s.ot }
func (s *slice) SetOvertime()         { s.ot = true }
func (s *slice) SetComp()             { s.comp = true }
func (s *slice) SetCompCash()         { s.compCash = true }
func (s *slice) Workday() int         { return s.wd }
func (s *slice) Cut(t int64) (slice, slice) {
	left, right := *s, *s
	left.end, right.start = t, t
	return left, right
}

// comp applies NU-OT-5: "the Compensatory Time must be credited at the same rate as cash Overtime:
// no less than one and one-half (1.5) hours of Compensatory Time for each hour of Overtime
// worked" (0.5 h for overtime minutes the salary already pays at straight time, the catalog's
// reading), and NU-OT-6: "Once employees have accrued 240 hours of Compensatory Time, they must be
// paid for time worked … in excess of the 240-hour maximum" — the cap applies to all overtime (the
// catalog's recommendation); the overflow is paid as cash overtime. COMP_ELECT=Y stands for the
// signed comp agreement. Returns the comp seconds and how many of them the salary covers.
func (c *Calc) comp(w *model.Week, rs *rates.RuleSet, paid, unpaid int64, res *model.Result) (int64, int64) {
	var cand, worked int64
	for i := range c.slices {
		worked += c.slices[i].secs()
		if c.slices[i].ot {
			cand += c.slices[i].secs()
		}
	}
	cov := int64(0)
	if w.Emp.AnnualSalary > 0 {
		cov = max(0, w.Emp.BudgetedWeekly-unpaid)
	}
	comp, covered, earned := rules.CompTime(w, rs, cand, cov, worked+paid)
	if comp == 0 && earned == 0 {
		return 0, 0
	}
	day := rules.MarkComp(&c.slices, w, comp, func(s *slice) bool { return s.ot })
	res.CompEarned += earned
	if earned > 0 {
		c.lines.Add(day, codeComp, ruleComp, 0, "", earned, w.From, w.To)
	}
	return comp, covered
}

// payWorked writes REG at the regular rate and OT at 1.5 × it (NU-OT-1); comp minutes are OT at
// no cash (NU-OT-5). Fixed-schedule hours beyond 8 that were not overtime carry NU-OT-2. A week
// worked at two rates (two jobs, or a raise inside the week) has one regular rate, their weighted
// average (rules.WeightedTrueUp): NU-OT-1's "one and one-half times the regular rate" is the FLSA
// regular rate.
func (c *Calc) payWorked(w *model.Week, rs *rates.RuleSet, res *model.Result) {
	fixed := w.Emp.ScheduleType == model.ScheduleFixed
	var dayReg [7]int64
	var straight, worked, otSecs, otBase int64
	c.shares = c.shares[:0]
	for i := range c.slices {
		s := &c.slices[i]
		n := s.secs()
		date := w.Start.AddDays(s.wd)
		res.Worked += n
		worked += n
		straight += n * int64(s.base)
		switch {
		case s.comp:
			c.lines.Add(date, codeOT, ruleComp, 0, s.account, n, s.start, s.end)
			res.Overtime += n
		case s.ot:
			rule := ruleOT
			if s.compCash {
				rule = ruleCompCash
			}
			c.lines.Add(date, codeOT, rule, s.base.Scale(rs.OTMult.Num, rs.OTMult.Den), s.account, n, s.start, s.end)
			res.Overtime += n
			otSecs += n
			otBase += n * int64(s.base)
			c.shares = rules.AddShare(c.shares, s.account, date, n)
		default:
			// Straight time past 8 h in a day exists only under a fixed schedule (NU-OT-2).
			regular := n
			if fixed {
				regular = max(0, min(n, int64(rs.DailyOT)-dayReg[s.wd]))
			}
			dayReg[s.wd] += n
			c.lines.Add(date, codeReg, ruleOT, s.base, s.account, regular, s.start, s.start+regular)
			c.lines.Add(date, codeReg, ruleFixed, s.base, s.account, n-regular, s.start+regular, s.end)
			res.Regular += n
		}
	}
	if _, half, amount := rules.WeightedTrueUp(straight, worked, otSecs, otBase); amount != 0 {
		c.lines.LumpSplit(rules.CodeTrueUp, ruleOT, half, amount, c.shares, true, w.From, w.To)
	}
}

// Params are the profile keys the non-unit family reads (rules.Params).
func (family) Params() []string {
	return []string{
		"comp_cap_hours", "comp_multiplier", "daily_ot_hours", "ot_multiplier", "paid_break_under_minutes",
		"standard_day_hours", "standard_week_hours", "weekly_ot_hours",
		"weeks43_salary_divisor", "weeks_per_year", "switches." + swFixedNone,
	}
}

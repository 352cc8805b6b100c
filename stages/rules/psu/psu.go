// Package psu is the rule family of the PSU non-exempt rule set (contract 003, Article 39; catalog
// psu-nonunit-esl.md §1, RS1). Members are salaried on a 37.5-hour week at an hourly base of
// annual salary ÷ 1950; Article 39 adds straight time up to 40/8, overtime at 1.5 × (rate + shift
// differential), comp time in lieu, standby, call-back, holiday pay and the holiday differential.
//
// Pay is written per minute, not as salary plus adjustments: worked minutes are REG or OT lines,
// paid leave is a leave line, and the part of the salaried week nobody accounted for is a
// SALARY_CONT line. The total is the catalog's PSU-39-ALG gross (salary + extra straight time +
// premiums), and REG + OT stays equal to the minutes worked.
package psu

import (
	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
	"github.com/payclose/payclose/stages/rules"
)

// Rule ids (catalog psu-nonunit-esl.md §1).
const (
	ruleStraight  = "PSU-39.6-E1"  // straight time up to 40 h / 8 h
	ruleOT        = "PSU-39.6-E2"  // overtime at 1.5 × (rate + shift differential)
	ruleComp      = "PSU-39.6-E3"  // comp time in lieu of overtime pay
	ruleCompCash  = "PSU-39.6-E4"  // overtime paid in cash because the comp bank is full
	ruleLeave     = "PSU-39.6-D1"  // paid leave (counts toward overtime except sick)
	ruleShiftDiff = "PSU-39.5-B"   // second/third shift differential
	ruleFLSA      = "PSU-39.5-A"   // base pay "determined by applicable law": the FLSA floor
	ruleSalary    = "PSU-39.4-B"   // the salaried 37.5-hour week
	ruleStandby   = "PSU-39.9-C"   // standby periods
	ruleCallBack  = "PSU-39.14"    // call-back minimum
	ruleHolSched  = "PSU-39.10-A1" // holiday on a scheduled workday, not worked
	ruleHolDayOff = "PSU-39.10-A2" // holiday on a day off, ≥ 5-day week
	ruleHolWorked = "PSU-39.10-B"  // required to work on a holiday
	ruleHolLWOP   = "PSU-39.10-D"  // entire days of LWOP either side of a holiday: no holiday pay
	ruleHolDiff   = "PSU-39.10-F"  // holiday differential on the five named holidays
	ruleClosure   = "PSU-39.13"    // emergency closure work
	rulePartTime  = "PSU-21.8-A"   // part-time holiday proration
	ruleFullComp  = "PSU-21.8-B"   // full-time not scheduled: 8 h comp
	ruleUnpaid    = "PSU-39-ALG"   // LWOP: the salaried week is reduced (step 7)
)

// Pay codes this family adds to the core list of FORMATS.md.
const (
	codeReg       = rules.CodeREG
	codeOT        = rules.CodeOT
	codeShiftDiff = rules.CodeDiffShift
	codeHolDiff   = rules.CodeDiffHoliday
	codeHolPrem   = rules.CodeHolPremium
	codeHolBen    = rules.CodeHolBenefit
	codeHolComp   = rules.CodeHolComp // zero-amount line: holiday comp credited (hours only)
	codeClosPrem  = rules.CodeClosPremium
	codeClosComp  = rules.CodeClosComp   // zero-amount line: closure comp credited (hours only)
	codeComp      = rules.CodeCompEarned // zero-amount line: FLSA comp credited (hours only)
	codeStandby   = rules.CodeStandby
	codeCallBack  = rules.CodeGuarantee
	codeTrueUp    = rules.CodeTrueUp
)

// Exception codes.
const (
	excNoRate = "NO_BASE_RATE"
)

// Switches of the ambiguity register read by this family (rates/profiles/psu-*.json).
const (
	swDailyCountsLeave = "psu_daily_threshold_counts_leave" // PSU-39.6-D1: leave counts toward the 8 h test
	swDayOffPay        = "psu_holiday_dayoff_pay"           // PSU-39.10-A2: pay instead of the comp day
)

const (
	hour = int64(3600)
	day  = 24 * hour
)

func init() { rules.Register("psu", family{}) }

type family struct{}

func (family) NewCalc() rules.Calc { return &Calc{} }

// Calc holds scratch memory reused across employee-weeks; one per worker.
type Calc struct {
	to      int64 // end of the week being closed (weekly overtime stops there)
	slices  []slice
	pieces  []piece
	zp      []calendars.Piece
	lines   rules.Lines
	days    [7]dayTotals
	holDays [7]holDay
	cal     *calendars.Calendar
	shares  []rules.Share // labor accounts of the overtime hours (the true-up's split)
	cbRate  rates.Rate    // the call-back guarantee's rate, for Explain
	cbMin   int64         // the call-back minimum, for Explain
	bases   []rates.Rate  // the base of each of the week's pays (rules.Bases)
	// near is the week's zone: one offset lookup for the week when it keeps one
	near calendars.Near
	// holidayNear: a holiday is observed on some date the week's holiday rules look at
	// (markHolidays); else they look up nothing
	holidayNear bool
}

// slice is worked time with one classification: one workday, one calendar date, one side of
// 23:00, one overtime status.
type slice struct {
	start, end int64 // instants
	local      int64 // wall clock at start
	wd         int   // workday index in the week, 0..6
	piece      int
	sd         rates.Rate // shift differential of the workday (0 when the workday does not qualify; shiftDiffs)
	holDouble  bool       // worked on a holiday paid double time (PSU-39.10-B, DOUBLE)
	closure    bool       // worked in a declared emergency closure, paid double (PSU-39.13, DOUBLE)
	holDiff    bool       // inside a named holiday's 23:00–23:00 window (PSU-39.10-F)
	ot         bool       // over 8 in the workday or 40 in the week
	comp       bool       // overtime taken as comp time
	compCash   bool       // overtime elected as comp but paid because the bank is full
	account    string
	base       rates.Rate // the hourly base of the job and rate the slice is worked at
}

func (s *slice) secs() int64 { return s.end - s.start }

// piece is worked spans of one workday closer than the merge gap: one stretch at work.
type piece struct {
	start, end int64
	wd         int
	sched      bool // overlaps or adjoins a posted shift
	back       bool // the member came back after punching out (model.CameBack)
	calledIn   bool // starts with a WORKRULE CALLED_IN row after a punch-out
	callBack   bool
	event      int // call-back event the piece belongs to (first piece's index)
	rule       model.WorkRule
}

type dayTotals struct {
	worked  int64 // worked seconds attributed to the workday
	counted int64 // paid leave that counts toward overtime, dated that day
	first   int64 // wall clock of the first in and last out of the workday
	last    int64
	over    int64 // the daily overtime left to mark (overtime)
}

type holDay struct {
	worked bool  // worked minutes on the date
	leave  bool  // a pay-code row on the date
	unpaid int64 // seconds of unpaid (LWOP) rows on the date (PSU-39.10-D)
}

// Calculate computes one employee-week.
func (c *Calc) Calculate(w *model.Week, rs *rates.RuleSet, res *model.Result) {
	c.lines.Reset()
	c.near.Set(w.Zone, w.From, w.To)
	c.cal = rs.Calendar()
	base := baseRate(w.Emp, rs)
	if base <= 0 {
		res.Exceptions = append(res.Exceptions, model.Exception{Employee: w.Emp.ID, Date: w.Start, Code: excNoRate,
			RuleID: ruleFLSA, Detail: "no ANNUAL_SALARY or BASE_RATE to derive the hourly base from"})
	}
	c.bases = rules.Bases(c.bases, w, rs, baseRate)
	c.buildPieces(w, rs)
	res.Added += c.buildSlices(w, rs)
	c.markHolidays(w, rs)
	c.markClosures(w, rs, res)
	lv := c.absences(w, rs, res)
	hol := c.holidayBenefits(w, rs, res)
	lv.counted += hol.counted
	lv.paid += hol.counted
	lv.unpaid += hol.unpaid // a holiday forfeited by PSU-39.10-D
	c.overtime(w, rs, lv.counted)
	var cr compResult
	cr.secs, cr.covered = c.comp(w, rs, lv, res)
	standby := c.standby(w, rs)
	c.payWorked(w, rs, res)
	c.callBackGuarantee(w, rs)
	c.salary(w, lv, cr, res)
	c.flsaFloor(w, rs, standby)
	c.lines.Flush(w, res)
}

// baseRate is PSU-39.5-A: "The base hourly rate is calculated by dividing annual salary by 1950
// hours." For a part-time member the catalog reads the salary as the full-time equivalent
// (annual ÷ (1950 × FTE), FTE = budgeted weekly hours ÷ 37.5), so a half-time member earns the same
// hourly base as a full-time one. A roster BASE_RATE is taken as the base itself.
func baseRate(e *model.Employee, rs *rates.RuleSet) rates.Rate {
	if e.AnnualSalary <= 0 || rs.SalaryDivisor <= 0 || e.BudgetedWeekly <= 0 {
		return e.BaseRate
	}
	// cents × 100 = rate units (1/10000 $); × standard week / budgeted week = ÷ FTE.
	return rates.Rate(rates.Round(int64(e.AnnualSalary)*100*int64(rs.StandardWeek), rs.SalaryDivisor*e.BudgetedWeekly))
}

// Params are the profile keys the PSU family reads (rules.Params).
func (family) Params() []string {
	return []string{
		"callback_min_hours", "closure_worked_multiplier", "comp_cap_hours", "comp_multiplier",
		"daily_ot_hours", "holiday_comp_day_hours", "holiday_diff", "holiday_eve_hours",
		"holiday_worked_multiplier", "ot_multiplier", "paid_break_under_minutes", "salary_divisor", "second_shift_end_hours",
		"second_shift_start_hours", "shift_diff", "standard_day_hours", "standard_week_hours",
		"standby", "standby_day_hours", "standby_day_start_hours", "third_shift_end_hours",
		"third_shift_start_hours", "weekly_ot_hours",
		"switches." + swDailyCountsLeave, "switches." + swDayOffPay,
	}
}

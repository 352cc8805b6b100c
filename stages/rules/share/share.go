// Package share computes pay for employees covered by the SHARE contract (seed 004): shift
// classification and differentials, charge and preceptor pay, extension incentives and changes of
// regular shift, paid absences, and overtime with the FLSA regular rate. Rule text and ids are in
// shared/rules/share.md; every pay line names the rule that produced it.
package share

import (
	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
	"github.com/payclose/payclose/stages/rules"
)

func init() { rules.Register("share", family{}) }

type family struct{}

func (family) NewCalc() rules.Calc { return &Calc{} }

// Pay codes of the output (FORMATS.md).
const (
	codeREG      = rules.CodeREG
	codeOT       = rules.CodeOT
	codeEve      = rules.CodeDiffEve
	codeNight    = rules.CodeDiffNight
	codeWeekend  = rules.CodeDiffWeekend
	codeCharge   = rules.CodeDiffCharge
	codePrecept  = rules.CodeDiffPrecept
	codeExt      = rules.CodeDiffExt     // extension incentive at management request (SHIFT-17)
	codeRegShift = rules.CodeDiffRegular // regular-shift differential where it is a blend of evening and night
	codeTrueUp   = rules.CodeTrueUp
	codeOnCall   = rules.CodeOnCall
)

// Rule ids used by this file's lines.
const (
	ruleBase      = "SHARE-G-06"
	ruleWeekend   = "SHARE-SHIFT-04"
	ruleCharge    = "SHARE-DIFF-02"
	rulePreceptor = "SHARE-DIFF-03"
	ruleAbsence   = "SHARE-SHIFT-20"
	ruleWeeklyOT  = "SHARE-OT-A"
	ruleDailyStd  = "SHARE-OT-B"
	ruleDailyFlex = "SHARE-OT-C"
	ruleRegRate   = "SHARE-OT-E"
	ruleAllPaid   = "SHARE-OT-L"

	excUnapprovedOT = "UNAPPROVED_OT"
	excConsecutive  = "CONSECUTIVE_DAYS_VIOLATION"
	ruleConsecutive = "SHARE-OT-I"
	ruleStandby     = "SHARE-OC-A"
)

// otKind marks how a slice of worked time is paid.
type otKind uint8

const (
	straight otKind = iota
	dailyOT
	weeklyOT
)

// slice is a piece of worked time over which everything that decides pay is constant: one shift,
// one DST offset, no clock boundary inside. It holds no strings (its differential's code and rule
// are small indexes, its labor account its span's): a week's slices are built, cut and passed
// over several times, and a slice without pointers is a shorter copy and compares as integers.
type slice struct {
	start, end int64 // instants
	local      int64 // wall clock at start
	shift      int32 // index into Calc.shifts
	// workday is the shift's, kept here too: the overtime and pay passes ask for it slice by slice
	workday calendars.Date
	// span indexes w.Spans: the punched span the time is worked on (its account is the slice's)
	span     int32
	day      int8 // indexes Calc.days, the week's workdays (eight or nine at most), set by overtime
	class    class
	diffCode diffCode // the pay code of diff
	diffRule diffRule // the rule that set diff
	slicePay
}

// slicePay is what decides the pay of a slice besides its differential's code and rule, its
// account and its workday, in one block of 24 bytes without padding, which samePay compares as
// three words (payWorked adds a run of slices with equal pay at once).
type slicePay struct {
	diff    rates.Rate // shift differential paid on this slice (after SHIFT-17/18)
	base    rates.Rate // the hourly base of the job and rate the slice is worked at
	rule    model.WorkRule
	weekend bool
	ot      otKind
	premium bool // already paid at an overtime-type premium (call-back, extended day)
	cb      cbKind
	hol     int8 // 1 + index into Calc.hols of the holiday whose hours contain the slice; 0 none
	minor   bool // in the hours of a minor holiday's actual date ($0.85, HOL-08)
}

func (s *slice) secs() int64 { return s.end - s.start }

// shift is worked spans separated by less than the merge gap: one span in the catalog's terms.
type shift struct {
	start, end   int64 // instants of first in and last out (rounded)
	lstart, lend int64 // the same on the wall clock
	workday      calendars.Date
	rule         model.WorkRule // union of the spans' work rules
	sched        int            // index of the scheduled shift it belongs to, -1 if none
	worked       int64
	punchedBreak bool  // an out and an in between the shift's spans: the meal was punched (BRK-01)
	meal, mealTo int64 // the deducted unpunched meal [meal, mealTo), or meal == mealTo
	// inBudget: the week's worked time up to the end of this shift is within the budgeted week,
	// or the rule set does not ask (switch shift_change_requires_within_budget, SHIFT-18)
	inBudget bool
}

// Calc holds scratch memory reused across employee-weeks; one per worker.
type Calc struct {
	rs     *rates.RuleSet // the version c.sw was read from
	sw     switches
	win    windows // the rule set's clock windows (SHIFT-01)
	slices []slice
	shifts []shift
	pieces []calendars.Piece
	lines  rules.Lines
	days   []dayTotal
	cbs    []callBack
	cover  []ival
	hols   []holEntry
	cday   []shift       // the previous workweek's Saturday, carried (carriedShifts)
	shares []rules.Share // labor accounts of the overtime hours (the true-up's split)
	bases  []rates.Rate  // the base of each of the week's pays (rules.Bases)
	abs    []absRow      // the week's absence rows: holiday part and part left unpaid (absences)
	order  []int32       // the absence rows in date order (limitToBalance)
	// unpaidCounted: seconds of rows counting toward the 40 left unpaid for want of balance
	// (SHARE-PTO-19), taken off the paid absences overtime counts
	unpaidCounted int64
	// coverOK: cover is this week's (coverage)
	coverOK bool
	// anyOT: overtime may have marked some slice overtime this week (else none is)
	anyOT bool
	// near is the week's zone: one offset lookup for the week when it keeps one
	near calendars.Near
	// notWorked is the part of the week's spans that holds its on-call ones (model.NotWorked, set
	// by buildShifts): most weeks none, so callBacks and standby look at no span
	notWorked []model.Span
}

type dayTotal struct {
	day     calendars.Date
	worked  int64
	premium int64 // of worked, the time paid at a premium already (call-back, extended day)
	limit   int64
	rule    string
	over    int64 // of worked, the daily overtime left to mark (overtime)
}

// switches are the rule set's ambiguity-register switches this family reads, resolved once per
// rule-set version rather than looked up by name for every slice.
type switches struct {
	withinBudget, weekendDayShifts, topUpCounts, lowCensusStandby, shortBreakPaid bool
}

func (c *Calc) useRuleSet(rs *rates.RuleSet) {
	if c.rs == rs {
		return
	}
	c.rs = rs
	c.win = newWindows(rs)
	c.sw = switches{
		withinBudget:     rs.Switch("shift_change_requires_within_budget"),
		weekendDayShifts: rs.Switch("weekend_diff_day_shifts"),
		topUpCounts:      rs.Switch("callback_topup_counts"),
		lowCensusStandby: rs.Switch("low_census_standby"),
		shortBreakPaid:   rs.Switch("short_break_paid"),
	}
}

// Calculate computes one employee-week.
func (c *Calc) Calculate(w *model.Week, rs *rates.RuleSet, res *model.Result) {
	c.useRuleSet(rs)
	c.lines.Reset()
	c.near.Set(w.Zone, w.From, w.To)
	c.bases = rules.Bases(c.bases, w, rs, family{}.Base)
	c.buildShifts(w, rs)
	deducted, added := c.buildSlices(w, rs)
	res.Deducted += deducted
	res.Added += added
	c.callBacks(w, rs)
	c.holidays(w, rs)
	c.absences(w, rs, res)
	counted := c.holidayPay(w, rs, res)
	counted += c.guarantees(w, rs)
	standby := c.standby(w, rs, res)
	counted += c.sleep(w, rs, res)
	c.overtime(w, rs, counted)
	c.unapprovedOvertime(w, res)
	c.payWorked(w, rs, res, standby)
	c.bonuses(w, res)
	c.lines.Flush(w, res)
}

// Params are the profile keys the SHARE family reads (rules.Params).
func (family) Params() []string {
	return []string{
		"accrual", // the banks whose rows are paid only up to the balance (SHARE-PTO-19)
		"callback_min_hours", "charge", "daily_ot_hours", "evening", "extension_evening",
		"day_window_start", "evening_window_start", "night_window_start", "within_one_hour_hours",
		"evening_cutoff", "weekend_window_start", "weekend_window_end",
		"holiday_12h_max_hours", "holiday_12h_min_hours", "holiday_12h_start_early_hours",
		"holiday_12h_start_late_hours", "holiday_12h_window_start", "holiday_benefit_divisor",
		"holiday_benefit_round_hours", "holiday_evening_window_start", "holiday_window_start",
		"major_holiday_multiplier", "meal_after_hours", "meal_deduct_hours", "minor_holiday", "night",
		"paid_break_under_minutes",
		"on_call", "ot_multiplier", "preceptor", "sleep_bonus_from", "sleep_bonus_hours",
		"sleep_bonus_to", "sleep_cond1_min_hours", "sleep_cond2_max_hours", "sleep_cond2_until",
		"sleep_max_hours", "sleep_min_hours", "sleep_window_end", "sleep_window_start",
		"sleep_window_start_cond1", "sleep_window_start_cond2", "stay_late_max_hours", "weekend",
		"weekly_ot_hours",
		"switches.callback_topup_counts", "switches.low_census_standby",
		"switches.shift_change_requires_within_budget", "switches.short_break_paid",
		"switches.weekend_diff_day_shifts",
	}
}

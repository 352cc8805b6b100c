package share

import (
	"math"
	"slices"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
	"github.com/payclose/payclose/stages/rules"
)

// absences pays pay-code rows at the base rate, with the regular shift differential on the codes
// the contract names: "Employees receive the appropriate shift differential for vacation, holiday,
// bereavement and jury duty. Differentials shall not be paid on sick, personal or hours cashed out."
// (SHIFT-20). It returns nothing: the counted hours are read back by overtime from the week.
//
// A HOLIDAY row on a holiday not worked is that holiday's benefit: the automatic benefit pays only
// what it leaves of Q (holidayPay). Time off from an approved PTO bank on a holiday not worked is
// paid as holiday first: "When a holiday falls within an approved paid time off period, holiday
// time will be paid." (HOL-20); only the rest of the row is charged to the bank.
func (c *Calc) absences(w *model.Week, rs *rates.RuleSet, res *model.Result) {
	q := holidayQ(w.Emp, rs)
	for i := range w.Absences {
		a := &w.Absences[i]
		if e := c.holidayOff(a.Date); e != nil && rs.PayCodes[a.Input].Code == codeHolBenefit {
			e.paid += a.Seconds
		}
	}
	c.abs = slices.Grow(c.abs[:0], len(w.Absences))[:len(w.Absences)]
	for i := range w.Absences {
		a := &w.Absences[i]
		c.abs[i] = absRow{}
		if e := c.holidayOff(a.Date); e != nil && isPTO(rs.PayCodes[a.Input]) && q > e.paid {
			c.abs[i].hol = min(a.Seconds, q-e.paid)
			e.paid += c.abs[i].hol
		}
	}
	// Only the balance at the close of the prior week is paid from a bank the profile limits so
	// (SHARE-PTO-19); the rest of a row is unpaid and counts toward no overtime (c.unpaidCounted).
	c.unpaidCounted = 0
	c.limitToBalance(w, rs, res)
	for i := range w.Absences {
		a := &w.Absences[i]
		pc, rate, from := rules.Absence(w, rs, a, rules.BaseOf(c.bases, a.Pay), res)
		secs := a.Seconds
		if hol := c.abs[i].hol; hol > 0 {
			c.lines.Add(a.Date, codeHolBenefit, ruleHolInPTO, rules.BaseOf(c.bases, a.Pay), a.Account, hol, from, from+hol)
			if r, code := c.regularRate(w, rs, a.Date); r > 0 {
				c.lines.Add(a.Date, code.code(), ruleHolDiff, r, a.Account, hol, from, from+hol)
			}
			secs -= hol
			from += hol
		}
		unpaid := c.abs[i].unpaid
		secs -= unpaid
		to := from + secs
		c.lines.Add(a.Date, pc.Code, pc.RuleID, rate, a.Account, secs, from, to)
		if pc.ShiftDiff && pc.Paid {
			if r, code := c.regularRate(w, rs, a.Date); r > 0 {
				c.lines.Add(a.Date, code.code(), ruleAbsence, r, a.Account, secs, from, to)
			}
		}
		if unpaid > 0 {
			// Written as an unpaid LWOP row is: a $0 line with its hours, so the week still
			// accounts for every hour of the row (input = paid + rejected).
			c.lines.Add(a.Date, codeLWOP, rulePTO19, 0, a.Account, unpaid, to, to+unpaid)
			if pc.CountsOT {
				c.unpaidCounted += unpaid
			}
		}
	}
}

// holidayOff returns the holiday kept (or falling) on date d when the employee did not work it.
func (c *Calc) holidayOff(d calendars.Date) *holEntry {
	for k := range c.hols {
		if e := &c.hols[k]; (e.date == d || e.h.Actual == d) && e.worked == 0 {
			return e
		}
	}
	return nil
}

// countedAbsence is the paid absence time that counts toward the weekly 40 (Overtime G).
func countedAbsence(w *model.Week, rs *rates.RuleSet) int64 {
	var n int64
	for i := range w.Absences {
		if pc := rs.PayCodes[w.Absences[i].Input]; pc.CountsOT && pc.Paid {
			n += w.Absences[i].Seconds
		}
	}
	return n
}

// overtime marks daily then weekly overtime on the slices (Overtime Calculation A–D, H and the
// catalog's OT-ALG): daily first, per workday, on the last hours of the day; then weekly on the
// last straight-time hours of the week, counting paid absences that count toward 40. A slice gets
// at most one overtime premium (no pyramiding).
//
// counted is paid time that is not an absence row but counts toward the 40: holiday benefit,
// call-back top-up, sleep time, holiday bank paid out for a holiday that was to be off.
func (c *Calc) overtime(w *model.Week, rs *rates.RuleSet, counted int64) {
	c.days = c.days[:0]
	c.anyOT = false
	// The weekly 40 counts the straight time worked inside the week, summed in the walk that
	// totals the days; inside: every slice that can become overtime lies inside the week.
	var straightSecs int64
	inside := true
	for i := range c.slices {
		s := &c.slices[i]
		d := s.workday
		k := len(c.days) - 1
		for k >= 0 && c.days[k].day != d {
			k--
		}
		if k < 0 {
			limit, rule := dailyLimit(w, rs, d)
			c.days = append(c.days, dayTotal{}) // zeroed and filled in place (see Lines.Add)
			dt := &c.days[len(c.days)-1]
			dt.day, dt.limit, dt.rule = d, limit, rule
			k = len(c.days) - 1
		}
		s.day = int8(k)
		c.days[k].worked += s.secs()
		if s.premium {
			c.days[k].premium += s.secs()
		} else if s.start >= w.From && s.end <= w.To {
			straightSecs += s.secs() // none is overtime yet
		} else {
			inside = false
		}
	}
	var daily int64
	for k := range c.days {
		dt := &c.days[k]
		dt.over = 0
		if dt.worked > dt.limit {
			dt.over = dt.worked - dt.limit - dt.premium // already paid a premium: "Only one overtime premium will apply"
			daily += max(dt.over, 0)
		}
	}
	// Every day's overtime in one walk back over the week: a day's marks leave the others' slices
	// as they were.
	c.anyOT = daily > 0
	c.markDaily(daily)

	inWeek := func(s *slice) bool { return s.ot == straight && !s.premium && s.start >= w.From && s.end <= w.To }
	if inside {
		// Daily overtime took all of daily, inside the week: a day's over is at most its time
		// not paid at a premium (its limit is not negative), and MarkLastEach marks all of it.
		straightSecs -= daily
	} else {
		// Some marks may fall outside the week, or cut a slice across one of its ends so that
		// a half of it lies inside: sum again, after the marks.
		straightSecs = 0
		for i := range c.slices {
			if inWeek(&c.slices[i]) {
				straightSecs += c.slices[i].secs()
			}
		}
	}
	carry := w.CarryIn
	if carry > 0 {
		carry = c.carried(w, rs) // the rare week after a Saturday-night shift
	}
	counted += straightSecs + countedAbsence(w, rs) - c.unpaidCounted + carry
	weekly := min(straightSecs, max(0, counted-int64(rs.WeeklyOT)))
	c.markLast(weekly, weeklyOT, inWeek)
}

// carried is the straight time of last week's Saturday worked inside this week, the part of
// CarryIn that counts toward this week's 40 (SHARE-G-02: the shift is paid with its workday;
// FLSA: its hours count in the week they are worked). That day's daily overtime (OT-B/C, its
// dailyLimit) is its last hours, paid as overtime with the Saturday: counting them again here
// would pay them twice ("Only one overtime premium will apply", OT-H). The day is read as
// buildShifts and placeMeal read a workday: spans closer than the merge gap are one shift, a short
// punched break is worked (switch short_break_paid), a shift punched straight through has its
// meal deducted (BRK-01). Its call-back premium hours are not known here: the day is taken to
// have none (they would only shrink its daily overtime).
func (c *Calc) carried(w *model.Week, rs *rates.RuleSet) int64 {
	worked, after := rules.CarriedDay(w, rs, c.sw.shortBreakPaid)
	for _, sh := range c.carriedShifts(w, rs) {
		if sh.mealTo > sh.meal {
			worked -= sh.mealTo - sh.meal
			after -= max(0, sh.mealTo-max(sh.meal, w.From))
		}
	}
	limit, _ := dailyLimit(w, rs, w.Start-1)
	return rules.CarriedStraight(w, after, worked-limit)
}

// carriedShifts reads the previous workweek's Saturday (w.Carried) as buildShifts and placeMeal
// read a workday: spans closer than the merge gap are one shift, a shift punched straight through
// has its meal deducted (BRK-01), worked is its spans' time less that meal. It fills and returns
// c.cday (the shifts' sched is -1: that day's schedule is the previous week's to match).
func (c *Calc) carriedShifts(w *model.Week, rs *rates.RuleSet) []shift {
	c.cday = c.cday[:0]
	for i := range w.Carried {
		sp := &w.Carried[i]
		if n := len(c.cday); n > 0 && sp.Start-c.cday[n-1].end < int64(rs.SpanGapMerge) {
			sh := &c.cday[n-1]
			sh.punchedBreak = sh.punchedBreak || sp.RawStart > w.Carried[i-1].RawEnd
			sh.end, sh.rule = max(sh.end, sp.End), sh.rule|sp.Rule
			sh.worked += sp.Seconds()
			continue
		}
		c.cday = append(c.cday, shift{start: sp.Start, end: sp.End, workday: sp.Workday, rule: sp.Rule, sched: -1, worked: sp.Seconds()})
	}
	for k := range c.cday {
		sh := &c.cday[k]
		sh.lstart, sh.lend = w.Zone.Local(sh.start), w.Zone.Local(sh.end)
		c.placeMeal(sh, rs)
	}
	return c.cday
}

// markDaily is rules.MarkLastEach for SHARE's workdays (each day's over, total in all), written
// out: the generic walk reaches the slice's methods and its two closures through its shape's
// dictionary, calls that are most of its cost per slice.
func (c *Calc) markDaily(total int64) {
	for i := len(c.slices) - 1; i >= 0 && total > 0; i-- {
		s := &c.slices[i]
		if s.Overtime() {
			continue
		}
		n := &c.days[s.day].over
		if *n <= 0 {
			continue
		}
		start, end := s.start, s.end
		if end-start > *n {
			c.slices = rules.SplitAt(c.slices, i, end-*n)
			s = &c.slices[i+1]
			start = end - *n
		}
		s.ot = dailyOT
		*n -= end - start
		total -= end - start
	}
}

// markLast marks the last n seconds (chronologically) of the straight-time slices that match as
// overtime of kind, splitting a slice where the overtime starts inside it (rules.MarkLastAs).
func (c *Calc) markLast(n int64, kind otKind, match func(*slice) bool) {
	c.anyOT = c.anyOT || n > 0
	rules.MarkLastAs(&c.slices, n, match, func(s *slice) { s.ot = kind })
}

// dailyLimit is the daily overtime threshold of a workday: 8 hours on a standard schedule
// (Overtime B, D), the budgeted daily hours when over 8 on a flexible one (Overtime C).
func dailyLimit(w *model.Week, rs *rates.RuleSet, d calendars.Date) (int64, string) {
	limit := int64(rs.DailyOT)
	if w.Emp.ScheduleType != model.ScheduleFlex {
		return limit, ruleDailyStd
	}
	var today int64
	for i := range w.Schedule {
		if s := &w.Schedule[i]; s.Date == d {
			today += scheduledWork(rs, s.End-s.Start)
		}
	}
	if today == 0 { // an unscheduled day of a flexible scheduler: their budgeted day
		for i := range w.Schedule {
			today = max(today, scheduledWork(rs, w.Schedule[i].End-w.Schedule[i].Start))
		}
	}
	return max(limit, today), ruleDailyFlex
}

// scheduledWork is the paid length of a posted shift: the posted span less the unpaid meal of a
// long shift (SHARE-BRK-01, meal_deduct_hours after meal_after_hours: 07:00–19:30 budgets 12 hours).
func scheduledWork(rs *rates.RuleSet, span int64) int64 {
	if rs.MealDeduct > 0 && span >= int64(rs.MealAfter) {
		return span - int64(rs.MealDeduct)
	}
	return span
}

// payWorked writes the lines for worked time and the regular-rate true-up: straight time at the
// base rate, overtime at time and a half of the base, every differential on every worked hour,
// and the half-time on the differentials for the overtime hours (Overtime E: "an employee's regular
// rate of pay will include all pay differentials ... paid during the work week").
//
// Call-back and extended-day slices are paid "at time and-one-half including appropriate
// differentials" (OC-B, OC-STAY): an OT line at 1.5 × base and each differential at 1.5 × its rate,
// under the call-back's rule; they enter the regular rate at their straight value. Major-holiday
// slices add HOL_PREMIUM, 0.5 × base, kept out of the regular rate (OT-E, HOL-09), and under the
// rule OT-K when the slice is also overtime; a call-back on a major holiday is paid the call-back
// rate only, the higher of the two (cfg.holiday_callback_stack).
func (c *Calc) payWorked(w *model.Week, rs *rates.RuleSet, res *model.Result, standbySecsRate int64) {
	var num, workedSecs, otSecs, otBase int64
	c.shares = c.shares[:0]
	for i := 0; i < len(c.slices); {
		s := &c.slices[i]
		d := s.workday
		// The run of slices of one workday paid alike (a shift's slices cut at clock times where
		// its pay does not change, or either side of its meal) makes the same lines: they are
		// added once, with the run's seconds, first start and last end (what lines.Add would
		// have summed and kept slice by slice).
		secs, start, end := int64(0), int64(math.MaxInt64), int64(math.MinInt64)
		if s.end > s.start {
			secs, start, end = s.secs(), s.start, s.end
		}
		for i++; i < len(c.slices); i++ {
			n := &c.slices[i]
			if n.workday != d || !samePay(s, n) || !sameAccount(w, s, n) {
				break
			}
			if n.end > n.start {
				secs += n.secs()
				start, end = min(start, n.start), max(end, n.end)
			}
		}
		workedSecs += secs
		account := s.account(w)
		base := s.base
		rate := base
		diffRule := ""
		mult := rates.Ratio{Num: 1, Den: 1}
		switch {
		case s.cb == cbOnCall || s.cb == cbStay:
			diffRule = ruleCallBack
			if s.cb == cbStay {
				diffRule = ruleStayLate
			}
			mult = rs.OTMult
			c.lines.Add(d, codeOT, diffRule, rates.Rate(rs.OTMult.Apply(int64(base))), account, secs, start, end)
			res.Overtime += secs
		case s.ot == straight:
			c.lines.Add(d, codeREG, ruleBase, base, account, secs, start, end)
			res.Regular += secs
		default:
			rule := ruleWeeklyOT
			if s.ot == dailyOT {
				rule = c.days[s.day].rule
			}
			c.lines.Add(d, codeOT, rule, rates.Rate(rs.OTMult.Apply(int64(base))), account, secs, start, end)
			res.Overtime += secs
			otSecs += secs
			otBase += secs * int64(base)
			c.shares = rules.AddShare(c.shares, account, d, secs)
		}
		diff := func(code, rule string, r rates.Rate) {
			if diffRule != "" {
				rule = diffRule
			}
			c.lines.Add(d, code, rule, rates.Rate(mult.Apply(int64(r))), account, secs, start, end)
			rate += r
		}
		if s.diff > 0 {
			diff(s.diffCode.code(), s.diffRule.id(), s.diff)
		}
		if s.weekend {
			diff(codeWeekend, ruleWeekend, rs.Weekend)
		}
		if s.rule&model.RuleCharge != 0 {
			diff(codeCharge, ruleCharge, rs.Charge)
		}
		if s.rule&model.RulePreceptor != 0 {
			diff(codePrecept, rulePreceptor, rs.Preceptor)
		}
		if s.minor {
			diff(codeHolDiff, ruleHolMinor, rs.MinorHoliday)
		}
		if s.hol > 0 && c.hols[s.hol-1].h.Class == calendars.Major && !s.premium {
			rule := ruleHolMajor
			if s.ot != straight {
				rule = ruleOTK
			}
			prem := rates.Rate(rs.MajorHolMult.Apply(int64(base))) - base
			c.lines.Add(d, codeHolPremium, rule, prem, account, secs, start, end)
		}
		num += secs * int64(rate)
	}
	res.Worked += workedSecs
	// The half-time on (RR − base) for each overtime hour, rounded once for the week, and charged
	// to the labor accounts of the overtime hours in proportion to them. At one base RR ≥ base
	// (differentials only add); a week worked at two rates has RR the weighted average
	// (rules.WeightedTrueUp), and the line is negative when its overtime fell on the better-paid
	// job: "time and one-half the regular rate", and the regular rate is the week's.
	if _, half, amount := rules.WeightedTrueUp(num+standbySecsRate, workedSecs, otSecs, otBase); amount != 0 {
		c.lines.LumpSplit(codeTrueUp, ruleRegRate, half, amount, c.shares, true, w.From, w.To)
	}
}

// unapprovedOvertime raises UNAPPROVED_OT once per workday whose overtime was worked outside the
// posted shift without management's request. "All hours worked must be paid, therefore an
// employee may not work beyond his/her scheduled hours without obtaining advance approval"
// (Overtime L): the time is paid as worked; the clerk sees that approval is missing. A call-in
// (On-Call J: "called and agree to come in") was asked for.
func (c *Calc) unapprovedOvertime(w *model.Week, res *model.Result) {
	if !c.anyOT {
		return // most weeks: no slice is overtime
	}
	var flagged calendars.Date = model.NoDate
	for i := range c.slices {
		s := &c.slices[i]
		if s.ot == straight || s.premium {
			continue
		}
		sh := &c.shifts[s.shift]
		if sh.rule&(model.RuleMgmtRequest|model.RuleCalledIn) != 0 || sh.workday == flagged {
			continue
		}
		if sh.sched >= 0 {
			if sc := w.Schedule[sh.sched]; s.start >= sc.Start && s.end <= sc.End {
				continue // overtime on the posted shift itself (e.g. paid leave counted earlier)
			}
		}
		flagged = sh.workday
		res.Exceptions = append(res.Exceptions, model.Exception{Employee: w.Emp.ID, Date: sh.workday, Code: excUnapprovedOT,
			RuleID: ruleAllPaid, Detail: "overtime worked outside the posted shift without a management request; paid as worked, approval missing"})
	}
}

package psu

import (
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
	"github.com/payclose/payclose/stages/rules"
)

// overtime marks the overtime minutes of PSU-39.6-C: "Overtime status exists when total actual
// work hours from all sources within the University exceed forty (40) hours in a workweek (Sunday
// through Saturday) or eight hours in a day", with PSU-39.6-D1: "With the exception of paid sick
// time, all time for which an employee is on paid leave status shall be considered actual time
// worked for the purpose of calculating overtime." Leave counts toward the thresholds but only
// worked minutes are paid as overtime: the chronologically last worked minutes of the workday
// (daily), then the last not yet overtime of the week (weekly) — PSU-39-ALG steps 1–3.
func (c *Calc) overtime(w *model.Week, rs *rates.RuleSet, counted int64) {
	countsLeave := rs.Switch(swDailyCountsLeave) // a map lookup: once per week, not per day
	var daily int64
	for k := range c.days {
		d := &c.days[k]
		d.over = dailyOver(rs, countsLeave, d.worked, d.counted)
		daily += d.over
	}
	// Every workday's overtime in one walk back over the week: a day's marks leave the others'
	// slices as they were.
	c.markDaily(daily)
	if rs.WeeklyOT > 0 {
		// The week's total is split at its end (ENG-3: "A punch interval crossing Saturday→Sunday
		// midnight is split at the boundary for weekly totals"): the part of a Saturday-night
		// shift after midnight counts toward next week, as last week's did toward this one.
		c.to = w.To
		straight := c.straightBefore(w.To)
		carry := w.CarryIn
		if carry > 0 {
			// Last week's Saturday night: only its straight time counts here. Its daily
			// overtime, the day's last hours, was paid with it (PSU-39.6-G: no pyramiding).
			// Its leave is not in this week: taken as none.
			worked, after := rules.CarriedDay(w, rs, true)
			carry = rules.CarriedStraight(w, after, dailyOver(rs, countsLeave, worked, 0))
		}
		if wot := min(straight, max(0, straight+counted+carry-int64(rs.WeeklyOT))); wot > 0 {
			c.markLast(wot)
		}
	}
}

// dailyOver is a workday's daily overtime (PSU-39.6-C, "eight hours in a day"): its worked time
// over 8 h, its paid leave counted toward the 8 when the rule set says so (PSU-39.6-D1), never more
// than the time worked.
func dailyOver(rs *rates.RuleSet, countsLeave bool, worked, counted int64) int64 {
	if rs.DailyOT <= 0 {
		return 0
	}
	over := worked - int64(rs.DailyOT)
	if countsLeave {
		over += counted
	}
	return min(worked, max(0, over))
}

// markDaily is rules.MarkLastEach for PSU's workdays (each day's over, total in all), and
// straightBefore rules.StraightBefore, written out: the generic walks reach the slice's methods
// and the closures through their shape's dictionary, calls that are most of their cost per slice
// (TestWalksAreTheGenericOnes holds them to the generic ones).
func (c *Calc) markDaily(total int64) {
	for i := len(c.slices) - 1; i >= 0 && total > 0; i-- {
		s := &c.slices[i]
		if s.ot {
			continue
		}
		n := &c.days[s.wd].over
		if *n <= 0 {
			continue
		}
		start, end := s.start, s.end
		if end-start > *n {
			c.splitAt(i, end-*n)
			s = &c.slices[i+1]
			start = end - *n
		}
		s.ot = true
		*n -= end - start
		total -= end - start
	}
}

// splitAt is rules.SplitAt with the slice's Cut called directly.
func (c *Calc) splitAt(i int, t int64) {
	left, right := c.slices[i].Cut(t)
	c.slices = append(c.slices, slice{})
	copy(c.slices[i+2:], c.slices[i+1:])
	c.slices[i], c.slices[i+1] = left, right
}

func (c *Calc) straightBefore(t int64) int64 {
	var n int64
	for i := 0; i < len(c.slices); i++ {
		s := &c.slices[i]
		if s.start < t && t < s.end {
			c.splitAt(i, t)
			s = &c.slices[i]
		}
		if s.end <= t && !s.ot {
			n += s.end - s.start
		}
	}
	return n
}

// markLast marks the last n seconds of the week's worked time not yet overtime as overtime.
func (c *Calc) markLast(n int64) {
	rules.MarkLast(&c.slices, n, func(s *slice) bool { return s.end <= c.to })
}

// comp applies PSU-39.6-E3: "the department may authorize compensatory time off, calculated at
// one and one-half times the overtime hours … may be accumulated up to 240 hours", and E4:
// "Members who have accrued the maximum amount of compensatory time shall be paid the hourly rate
// authorized for overtime work." With COMP_ELECT=Y, threshold overtime (not call-back or holiday
// minutes, which carry their own premium) becomes comp at 1.5 h per hour — or 0.5 h for minutes
// the salary already pays at straight time (catalog step 5). The bank is capped at the profile's
// comp cap over the week's opening balance; overtime beyond the room is paid in cash (E4).
// It returns the comp seconds (no cash) and how many of them the salary covers.
func (c *Calc) comp(w *model.Week, rs *rates.RuleSet, lv leave, res *model.Result) (compSecs, covered int64) {
	var cand, worked int64
	for i := range c.slices {
		s := &c.slices[i]
		worked += s.secs()
		if c.compable(s) {
			cand += s.secs()
		}
	}
	cov := max(0, w.Emp.BudgetedWeekly-lv.unpaid)
	comp, covered, earned := rules.CompTime(w, rs, cand, cov, worked+lv.paid)
	if comp == 0 && earned == 0 {
		return 0, 0
	}
	day := rules.MarkComp(&c.slices, w, comp, c.compable)
	res.CompEarned += earned
	if earned > 0 {
		c.lines.Add(day, codeComp, ruleComp, 0, "", earned, w.From, w.To)
	}
	return comp, covered
}

func (c *Calc) compable(s *slice) bool {
	return s.ot && !s.holDouble && !c.pieces[s.piece].callBack
}

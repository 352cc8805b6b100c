package share

import (
	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
	"github.com/payclose/payclose/stages/rules"
)

// Sleep time (share.md §5). The entitlement comes from the call-backs of one on-call night; it is
// paid against the next day's scheduled hours that were not worked, inferred from the schedule and
// the punches: a late start is sleep taken at the beginning of the shift, an early leave sleep taken
// at the end. Sleep at the end earns the bonus only "by mutual agreement" for operational needs,
// which the input says with WORKRULE MGMT_REQUEST on the next day's shift.

const (
	codeSleep    = rules.CodeSleep
	ruleSleepPay = "SHARE-SLEEP-02"
	excSleepNext = "SLEEP_TIME_NEXT_WEEK"
)

// sleep pays the sleep time of every on-call night of the week and returns the seconds paid, which
// count toward the weekly 40: "Our intent is to count sleep time, like other paid time, toward the
// calculation of overtime for the week." (SLEEP-02).
func (c *Calc) sleep(w *model.Week, rs *rates.RuleSet, res *model.Result) (paid int64) {
	for i := 0; i < len(c.cbs); {
		if c.cbs[i].oc < 0 {
			i++
			continue
		}
		night := nightOf(w, rs, &w.Spans[c.cbs[i].oc])
		j := i + 1
		for j < len(c.cbs) && c.cbs[j].oc >= 0 && nightOf(w, rs, &w.Spans[c.cbs[j].oc]) == night {
			j++
		}
		paid += c.sleepNight(w, rs, res, night, c.cbs[i:j])
		i = j
	}
	return paid
}

// nightOf is the date an on-call span's night begins: the night of an on-call period that starts
// after midnight (before the sleep window ends) belongs to the previous date.
func nightOf(w *model.Week, rs *rates.RuleSet, sp *model.Span) calendars.Date {
	l := w.Zone.Local(sp.Start)
	d := calendars.FloorDiv(l, day)
	if l-d*day < int64(rs.SleepTo) {
		d--
	}
	return calendars.Date(d)
}

// sleepNight pays the sleep time earned by the call-backs cbs of the night starting on date n.
func (c *Calc) sleepNight(w *model.Week, rs *rates.RuleSet, res *model.Result, n calendars.Date, cbs []callBack) int64 {
	ocStart := w.Spans[cbs[0].oc].Start
	from := int64(n)*day + int64(rs.SleepFrom)
	to := int64(n+1)*day + int64(rs.SleepTo)
	prior, hasPrior := c.priorShift(w, n, ocStart)
	until := int64(n+1)*day + int64(rs.SleepCond2Until)
	reaches := false
	for _, cb := range cbs {
		if w.Zone.Local(cb.r) < until && w.Zone.Local(cb.end) >= until {
			reaches = true
		}
	}
	switch {
	case hasPrior && prior >= int64(rs.SleepLongShift): // Condition 1
		from = int64(n)*day + int64(rs.SleepFromLong)
	case (!hasPrior || prior <= int64(rs.SleepShortShift)) && reaches: // Condition 2
		from = int64(n)*day + int64(rs.SleepFromShort)
	}
	// SLEEP-01: "paid sleep time hours equal to actual hours worked" inside the window.
	var worked int64
	var last int64
	bonus := false
	for _, cb := range cbs {
		last = max(last, cb.end)
		for i := range c.slices {
			s := &c.slices[i]
			if s.start >= cb.r && s.end <= cb.end && int(s.shift) == cb.shift {
				worked += max(0, min(s.local+s.secs(), to)-max(s.local, from))
			}
		}
		t := w.Zone.Local(cb.r) - calendars.FloorDiv(w.Zone.Local(cb.r), day)*day
		if t >= int64(rs.SleepBonusFrom) || t <= int64(rs.SleepBonusTo) {
			bonus = true // SLEEP-03, by report time
		}
	}
	if worked == 0 {
		return 0
	}
	next := -1
	for k := range w.Schedule {
		if w.Schedule[k].Date == n+1 && w.Schedule[k].Start >= last {
			next = k
			break
		}
	}
	if next < 0 {
		return 0 // "scheduled to work the day immediately following" (SLEEP-01)
	}
	base := max(int64(rs.SleepMin), worked)
	sc := w.Schedule[next]
	if sc.Date >= w.Start+7 {
		res.Exceptions = append(res.Exceptions, model.Exception{Employee: w.Emp.ID, Date: sc.Date, Code: excSleepNext, RuleID: ruleSleepPay,
			Detail: "sleep time of " + rates.HoursDecimal(min(base, int64(rs.SleepMax))).String() + " h or more is due on the first day of next week: pay it there by hand"})
		return 0
	}
	begin, end, mgmt := c.unworked(w, sc)
	entBegin, entEnd := base, base
	if bonus {
		entBegin += int64(rs.SleepBonus)
		if mgmt {
			entEnd += int64(rs.SleepBonus)
		}
	}
	entBegin, entEnd = min(entBegin, int64(rs.SleepMax)), min(entEnd, int64(rs.SleepMax))
	paid, at := min(entBegin, begin), sc.Start
	if e := min(entEnd, end); e > paid {
		paid, at = e, sc.End-e
	}
	if paid <= 0 {
		return 0
	}
	acct := w.Spans[c.firstSpan(w, cbs[0].shift)].Account
	c.lines.Add(sc.Date, codeSleep, ruleSleepPay, w.Emp.BaseRate, acct, paid, at, at+paid)
	return paid
}

// priorShift is the worked time, before the on-call period, of the shift worked on date n before
// it began ("has worked a 10 or 12-hour shift before being on-call"); false for a day off.
func (c *Calc) priorShift(w *model.Week, n calendars.Date, ocStart int64) (int64, bool) {
	var worked int64
	found := false
	for i := range c.slices {
		s := &c.slices[i]
		sh := &c.shifts[s.shift]
		if sh.workday != n || sh.start >= ocStart || s.cb != cbNone && s.cb != cbStay {
			continue
		}
		found = true
		if s.start < ocStart {
			worked += min(s.end, ocStart) - s.start
		}
	}
	return worked, found
}

// unworked returns the scheduled time of sc not worked at its beginning and at its end, and whether
// the shift's work carries MGMT_REQUEST (sleep at the end for operational needs).
func (c *Calc) unworked(w *model.Week, sc model.ScheduledShift) (begin, end int64, mgmt bool) {
	first, last := int64(-1), int64(-1)
	for i := range c.slices {
		s := &c.slices[i]
		if s.end > sc.Start && s.start < sc.End && s.cb == cbNone {
			if first < 0 {
				first = s.start
			}
			last = s.end
			mgmt = mgmt || s.rule&model.RuleMgmtRequest != 0
		}
	}
	if first < 0 {
		// Not worked at all: the whole paid length of the shift, less absences paid that day.
		n := scheduledWork(c.rs, sc.End-sc.Start)
		for i := range w.Absences {
			if w.Absences[i].Date == sc.Date {
				n -= w.Absences[i].Seconds
			}
		}
		return max(0, n), max(0, n), false
	}
	return max(0, first-sc.Start), max(0, sc.End-last), mgmt
}

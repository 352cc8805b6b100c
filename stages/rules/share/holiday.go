package share

import (
	"time"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
	"github.com/payclose/payclose/stages/rules"
)

// Holidays (share.md §7). The calendar is the profile's (rs.Calendar(), "calendar": "SHARE"); this file decides which
// worked slices are holiday slices, and what a holiday off or worked earns.

const (
	codeHolPremium = rules.CodeHolPremium
	codeHolDiff    = rules.CodeDiffHoliday
	codeHolBenefit = rules.CodeHolBenefit
	codeHolPayout  = rules.CodeHolPayout
	codeHolUsed    = rules.CodeHolUsed // bank hours paying an alternate day off in the week (HOL-12 option 3)

	ruleHolBenefit = "SHARE-HOL-05"
	ruleHolDiff    = "SHARE-HOL-06"
	ruleHolMinor   = "SHARE-HOL-08"
	ruleHolMajor   = "SHARE-HOL-09"
	ruleHolBank    = "SHARE-HOL-12"
	ruleHolSick    = "SHARE-HOL-19"
	ruleHolInPTO   = "SHARE-HOL-20"
	ruleOTK        = "SHARE-OT-K"

	excHolSick = "HOLIDAY_FORFEITED_SICK"
)

// holEntry is one holiday as this employee keeps it.
type holEntry struct {
	h       calendars.Holiday
	date    calendars.Date // the day kept: observed for Monday–Friday staff, else actual (HOL-17)
	exc1    int            // shift qualifying for the 12-hour exception on date, -1 none
	exc1Act int            // the same for the actual date (minor differential)
	// twelve, twelveAct: the hours of date (of the actual date) are Exception 1's, 19:00 to
	// 19:00: exc1 (exc1Act) >= 0, or the qualifying shift is the previous workweek's Saturday
	// night, carried (w.Carried), which that week pays
	twelve, twelveAct bool
	evening           bool  // evening staff on Christmas / New Year's (Exception 2)
	worked            int64 // worked seconds in the window of date, the carried Saturday's included
	paid              int64 // benefit already paid from pay-code rows (HOLIDAY, or PTO on the day)
	sched             int   // the posted shift with the most time in the holiday's hours, -1 none
}

// holidays finds the holidays around the week and tags each worked slice: s.hol = 1 + the entry
// whose window (around the day kept) contains it, s.minor when it is in the window of a minor
// holiday's actual date ("Holiday differential will not be paid for working on observed holidays
// that are different from the actual holiday", HOL-17).
func (c *Calc) holidays(w *model.Week, rs *rates.RuleSet) {
	c.hols = c.hols[:0]
	cal := rs.Calendar()
	if !cal.AnyIn(w.Start-2, w.Start+9) {
		return // the usual week: no holiday near, nothing to look up day by day
	}
	var carried []shift // the previous workweek's Saturday, whole (w.Carried): empty in most weeks
	if len(w.Carried) > 0 {
		carried = c.carriedShifts(w, rs)
	}
	for d := w.Start - 2; d < w.Start+9; d++ {
		h, ok := cal.On(d)
		if !ok {
			continue
		}
		e := holEntry{h: h, date: h.Actual, exc1: -1, exc1Act: -1, sched: -1}
		if w.Emp.WeekdayOnly {
			e.date = h.Observed
		}
		_, m, md := h.Actual.YMD()
		e.evening = w.Emp.HomeShift == model.ShiftEvening && ((m == time.December && md == 25) || (m == time.January && md == 1))
		e.exc1 = twelveHourShift(c.shifts, rs, e.date)
		e.exc1Act = twelveHourShift(c.shifts, rs, h.Actual)
		e.twelve = e.exc1 >= 0 || twelveHourShift(carried, rs, e.date) >= 0
		e.twelveAct = e.exc1Act >= 0 || twelveHourShift(carried, rs, h.Actual) >= 0
		e.sched = holidayShift(w, rs, &e)
		if len(carried) > 0 && e.date >= w.Start && e.date < w.Start+7 {
			e.worked = c.carriedHoliday(w, rs, carried, &e)
		}
		c.hols = append(c.hols, e)
	}
	if len(c.hols) == 0 {
		return // slices are made with no holiday (s.hol 0, s.minor false), and cut copies them
	}
	for i := range c.slices {
		s := &c.slices[i]
		s.hol, s.minor = 0, false
		for k := range c.hols {
			e := &c.hols[k]
			if c.inHoliday(s, rs, e.date, e.exc1, e.twelve, e.evening) {
				s.hol = int8(k + 1)
				e.worked += s.secs()
			}
			if e.h.Class == calendars.Minor && c.inHoliday(s, rs, e.h.Actual, e.exc1Act, e.twelveAct, e.evening) {
				s.minor = true
			}
		}
	}
}

// twelveHourShift returns the shift of shifts (the week's, or the carried Saturday's) that
// qualifies for Exception 1 of HOL-04 on holiday d: "any SHARE member who works a 12-hour shift or
// a 12.5 hour shift beginning anytime between 6:30pm-7:15pm the evening before the actual holiday
// and 6:30am-7:15am on the morning of the actual holiday", or -1.
func twelveHourShift(shifts []shift, rs *rates.RuleSet, d calendars.Date) int {
	evening := int64(d-1)*day + int64(rs.Holiday12From)
	for i := range shifts {
		sh := &shifts[i]
		n := sh.end - sh.start
		if (n < int64(rs.Holiday12Min) || n > int64(rs.Holiday12Max)) &&
			(sh.worked < int64(rs.Holiday12Min) || sh.worked > int64(rs.Holiday12Max)) {
			continue
		}
		for _, at := range [2]int64{evening, evening + 12*hour} {
			if sh.lstart >= at-int64(rs.Holiday12Early) && sh.lstart <= at+int64(rs.Holiday12Late) {
				return i
			}
		}
	}
	return -1
}

// inHoliday reports whether slice s is in the hours of holiday d (HOL-04): "a holiday officially
// begins at 11pm the night before and ends at 11pm the evening of the holiday"; the whole of a
// qualifying 12-hour shift (exc1, the week's), and a 19:00–19:00 window for that employee's other
// spans (twelve); for evening staff on Christmas and New Year's, from 15:00 the day before (a
// 24-hour window, SHIFTED_24H).
func (c *Calc) inHoliday(s *slice, rs *rates.RuleSet, d calendars.Date, exc1 int, twelve, evening bool) bool {
	if exc1 >= 0 && int(s.shift) == exc1 {
		return true
	}
	from := holidayFrom(rs, d, twelve, evening)
	return s.local >= from && s.local < from+day
}

// holidayFrom is the local start of the 24 hours of holiday d for an employee (HOL-04): 23:00 the
// night before; 19:00 for one who works a qualifying 12-hour shift (twelve); 15:00 for evening
// staff on Christmas and New Year's.
func holidayFrom(rs *rates.RuleSet, d calendars.Date, twelve, evening bool) int64 {
	switch {
	case twelve:
		return int64(d-1)*day + int64(rs.Holiday12From)
	case evening:
		return int64(d-1)*day + int64(rs.HolidayEveFrom)
	}
	return int64(d-1)*day + int64(rs.HolidayFrom)
}

// holidayShift returns the posted shift the employee was scheduled to work the holiday on: of the
// shifts lying mostly (more than half) inside the holiday's hours, the one with the most time
// there; -1 when none does. "a holiday officially begins at 11pm the night before" (HOL-04): the
// night shift posted on the day before, 23:00–07:30, is the holiday's, and the one posted on the
// holiday at 23:00 is not; nor is the evening shift of the day before, 15:00–23:30, whose last half
// hour only is in the holiday: that nurse has the holiday off. It decides "calls in sick on a
// holiday that they are scheduled to work" (HOL-19) and "supposed to have the holiday off"
// (HOL-15).
func holidayShift(w *model.Week, rs *rates.RuleSet, e *holEntry) int {
	from := holidayFrom(rs, e.date, e.twelve, e.evening)
	best, pick := int64(0), -1
	for i := range w.Schedule {
		s := &w.Schedule[i]
		if ov := min(w.Zone.Local(s.End), from+day) - max(w.Zone.Local(s.Start), from); ov > best && 2*ov > s.End-s.Start {
			best, pick = ov, i
		}
	}
	return pick
}

// holidayQ is the holiday benefit unit: "1/5 of your budgeted weekly hours, rounded to the nearest
// 1/4 hour" (HOL-03).
func holidayQ(emp *model.Employee, rs *rates.RuleSet) int64 {
	inc := int64(rs.HolidayRound)
	if inc <= 0 || rs.HolidayDivisor <= 0 {
		return 0
	}
	return rates.Round(emp.BudgetedWeekly, rs.HolidayDivisor*inc) * inc
}

// isPTO reports a pay code from an approved time-off bank, the "approved paid time off period" of
// HOL-20.
func isPTO(pc rates.PayCode) bool {
	return pc.Paid && (pc.Bank == "VACATION" || pc.Bank == "EARNED" || pc.Bank == "PERSONAL")
}

// holidayPay pays each holiday kept in the week: a holiday off earns the benefit Q with the
// regular shift differential (HOL-05, HOL-06) unless the employee called in sick on a scheduled
// holiday (HOL-19); a holiday worked earns bank hours max(worked, Q) (HOL-10), banked, paid out or
// used for another day off by the roster election (HOL-12). It returns the seconds that count
// toward the weekly 40 (HOL-07, HOL-15).
func (c *Calc) holidayPay(w *model.Week, rs *rates.RuleSet, res *model.Result) (counted int64) {
	q := holidayQ(w.Emp, rs)
	base := w.Emp.BaseRate
	for k := range c.hols {
		e := &c.hols[k]
		if e.date < w.Start || e.date >= w.Start+7 {
			continue
		}
		from := w.Zone.Instant(e.date, 0)
		acct := rules.FallbackAccount(w) // the benefit has no row of its own
		// "If a SHARE member calls in sick on a holiday that they are scheduled to work, they do not
		// receive the holiday benefit" — nor bank hours for the minutes of the holiday window they
		// worked on the shift before (HOL-19 Logic: no HOL_BENEFIT and no HOL_BANK).
		if e.sched >= 0 && c.sickOn(w, w.Schedule[e.sched].Date) {
			res.Exceptions = append(res.Exceptions, model.Exception{Employee: w.Emp.ID, Date: e.date, Code: excHolSick, RuleID: ruleHolSick,
				Detail: "called in sick on a scheduled holiday (" + e.h.Name + "): no holiday benefit or bank hours"})
			continue
		}
		if e.worked > 0 {
			bank := max(e.worked, q)
			switch w.Emp.HolidayElect {
			case "PAYOUT", "DAYOFF":
				code := codeHolPayout
				if w.Emp.HolidayElect == "DAYOFF" {
					code = codeHolUsed
				}
				c.lines.Add(e.date, code, ruleHolBank, base, acct, bank, from, from+bank)
				// "If you were supposed to have the holiday off but you agree to come in, and you take
				// the holiday bank time as cash … those hours count" (HOL-15).
				if e.sched < 0 {
					counted += bank
				}
			default:
				res.HolidayBank += bank
			}
			continue
		}
		rest := q - e.paid
		if rest <= 0 {
			continue
		}
		c.lines.Add(e.date, codeHolBenefit, ruleHolBenefit, base, acct, rest, from, from+rest)
		if r, code := c.regularRate(w, rs, e.date); r > 0 {
			c.lines.Add(e.date, code.code(), ruleHolDiff, r, acct, rest, from, from+rest)
		}
		counted += rest
	}
	return counted
}

// sickOn reports a sick call (a paid absence that does not count toward 40) on date d.
func (c *Calc) sickOn(w *model.Week, d calendars.Date) bool {
	for i := range w.Absences {
		a := &w.Absences[i]
		if a.Date == d && (a.Code == "SICK" || a.Code == "ESL") {
			return true
		}
	}
	return false
}

// carriedHoliday is the time worked in the hours of holiday e (HOL-04) on the previous
// workweek's Saturday, carried (carried, w.Carried's shifts): the night shift that starts at
// 23:00 (19:00 for a 12-hour one, 15:00 for evening staff) before a holiday on the week's
// Sunday. That shift is paid with its workday, the holiday premium on its hours included
// (SHARE-G-02, HOL-09), and its time after midnight counts toward this week's 40 as carry-in
// (carried): here it only makes the holiday a holiday worked, "the greater of: the number of
// hours that you work on the holiday, or 1/5 your scheduled weekly hours" (HOL-10), not one off
// (HOL-05). The time is read as the slices are: the whole of a qualifying 12-hour shift, a short
// punched break worked (switch short_break_paid), a deducted meal not.
func (c *Calc) carriedHoliday(w *model.Week, rs *rates.RuleSet, carried []shift, e *holEntry) (n int64) {
	from := holidayFrom(rs, e.date, e.twelve, e.evening)
	in := func(a, b int64) int64 {
		return max(0, min(w.Zone.Local(b), from+day)-max(w.Zone.Local(a), from))
	}
	whole := twelveHourShift(carried, rs, e.date)
	k := 0
	for i := range w.Carried {
		sp := &w.Carried[i]
		for k+1 < len(carried) && carried[k+1].start <= sp.Start {
			k++
		}
		if k == whole {
			continue
		}
		start := sp.Start
		if i > 0 && c.sw.shortBreakPaid && w.Carried[i-1].Start >= carried[k].start {
			start -= rules.PaidBreak(rs, w.Carried[i-1].End, sp.Start)
		}
		n += in(start, sp.End)
	}
	for k := range carried {
		if sh := &carried[k]; k == whole {
			n += sh.worked
		} else if sh.mealTo > sh.meal {
			n -= in(sh.meal, sh.mealTo)
		}
	}
	return n
}

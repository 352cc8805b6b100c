package rules

import (
	"fmt"
	"time"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
)

// Describer is implemented by families that describe themselves to `payclose explain`: the clock
// windows they pay differently and how their lines make the week's regular rate. The pipeline
// holds no contract knowledge; what explain prints about a contract comes from here.
type Describer interface {
	// Windows reports, for the local wall-clock interval [ls, le) (seconds since 1970-01-01 on
	// the site's clock), the seconds inside each window of the family, named with its clock times
	// from the profile (e.g. "EVENING 15-23"); note says which holiday a holiday window is.
	Windows(rs *rates.RuleSet, ls, le int64, add func(window string, secs int64, note string))
	// Base is the employee's hourly base: the roster's BASE_RATE, or the rate the family derives
	// from ANNUAL_SALARY.
	Base(e *model.Employee, rs *rates.RuleSet) rates.Rate
	// RegularRatePart says how one pay line of the week enters its regular rate. base is the
	// base of the job and rate the line is paid at.
	RegularRatePart(w *model.Week, rs *rates.RuleSet, l *model.PayLine, base rates.Rate) RRPart
	// TopUpOnly reports whether the family's REG_RATE_TRUEUP only tops the week's overtime premium
	// up to the FLSA floor, (overtime multiplier − 1) × regular rate × overtime hours, when the
	// contract's premiums pay less, and is never negative (the contract may pay more than the
	// law). Otherwise the true-up settles the half-time at the regular rate exactly, Σ (RR − the
	// hour's base) × (multiplier − 1) over the overtime hours, negative when the overtime fell on
	// the better-paid work of a week at several rates (29 CFR 778.115, WeightedTrueUp).
	TopUpOnly() bool
}

// RRPart is how one pay line enters the week's FLSA regular rate (Describer.RegularRatePart).
// Pay is in seconds × rate units (rates.Amount's units).
type RRPart struct {
	Worked int64 // worked seconds: the regular rate's divisor
	// OT is the overtime seconds among them the FLSA half-time is owed on in cash (not comp time
	// taken in lieu, nor hours a contract premium pays instead).
	OT       int64
	Straight int64 // straight-time pay: the regular rate's numerator
	// OTBase is Σ over the OT seconds of the rate the line paid the overtime multiplier on: the
	// line has paid (multiplier − 1) × OTBase of the half-time already.
	OTBase int64
	// Premium is pay above straight time, other than (multiplier − 1) × OTBase, that the family
	// credits toward the half-time owed (29 CFR 778.202, 778.203: overtime, holiday and call-back
	// premiums).
	Premium int64
	TrueUp  bool // the line is the REG_RATE_TRUEUP line itself
}

const (
	hourSecs = int64(3600)
	daySecs  = 24 * hourSecs
)

// InWindow is the time of local [ls, le) inside the daily clock window [from, to) (seconds after
// midnight; a to at or before from ends the next day).
func InWindow(ls, le, from, to int64) int64 {
	if to <= from {
		to += daySecs
	}
	var n int64
	for d := calendars.FloorDiv(ls, daySecs) - 1; d*daySecs < le; d++ {
		n += overlap(ls, le, d*daySecs+from, d*daySecs+to)
	}
	return n
}

// InWeekly is the time of local [ls, le) inside a weekly window from clock from on weekday
// fromDay to clock to on weekday toDay (the weekend window, Friday 23:00 to Sunday 23:00).
func InWeekly(ls, le int64, fromDay time.Weekday, from int64, toDay time.Weekday, to int64) int64 {
	span := (int64(toDay)-int64(fromDay)+7)%7*daySecs + to - from
	if span <= 0 {
		span += 7 * daySecs
	}
	var n int64
	for d := calendars.FloorDiv(ls, daySecs) - 7; d*daySecs < le; d++ {
		if calendars.Date(d).Weekday() == fromDay {
			n += overlap(ls, le, d*daySecs+from, d*daySecs+from+span)
		}
	}
	return n
}

// Holidays reports the time of local [ls, le) inside each holiday's window: from the holiday's
// midnight + startOff (negative: the evening before) to its midnight + endOff, for the actual date
// and, where the holiday is moved, the observed one.
func Holidays(cal *calendars.Calendar, ls, le, startOff, endOff int64, name string, add func(window string, secs int64, note string)) {
	if cal == nil {
		return
	}
	for d := calendars.FloorDiv(ls-endOff, daySecs); d*daySecs+startOff < le; d++ {
		date := calendars.Date(d)
		at := d * daySecs
		if h, ok := cal.On(date); ok {
			add(name, overlap(ls, le, at+startOff, at+endOff), fmt.Sprintf("%s (%s, actual date %s)", h.Name, h.Class, date))
		}
		if h, ok := cal.ObservedOn(date); ok && h.Shifted() {
			add(name, overlap(ls, le, at+startOff, at+endOff), fmt.Sprintf("%s (%s, observed on %s)", h.Name, h.Class, date))
		}
	}
}

// Clock formats a clock time in seconds after midnight as the windows' names write it: "15",
// "23", "18:30", "24" for midnight at the end of the day; later times wrap ("31" is "07").
func Clock(secs int64) string {
	if secs != daySecs {
		secs = (secs%daySecs + daySecs) % daySecs
	}
	h, m := secs/hourSecs, secs%hourSecs/60
	if m == 0 {
		return fmt.Sprintf("%02d", h)
	}
	return fmt.Sprintf("%02d:%02d", h, m)
}

// OnAbsence reports whether a line is paid on an absence (it starts at the absence date's
// midnight, where an absence row of that date is): pay for time not worked, out of the regular rate.
func OnAbsence(w *model.Week, l *model.PayLine) bool {
	for i := range w.Absences {
		a := &w.Absences[i]
		if a.Date == l.WorkDate && l.Start == w.Zone.Instant(a.Date, 0) {
			return true
		}
	}
	return false
}

func overlap(a, b, c, d int64) int64 {
	if lo, hi := max(a, c), min(b, d); hi > lo {
		return hi - lo
	}
	return 0
}

package share

import (
	"slices"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
)

// Shift classification by the SHARE RULES SUMMARY. Every function here works on local wall-clock
// seconds (seconds since 1970-01-01 on the site's clock): windows are wall-clock, pay is elapsed.

const (
	hour = int64(3600)
	day  = 24 * hour
)

// class is the shift differential a slice of worked time earns.
type class uint8

const (
	classNone class = iota
	classEve
	classNight
)

// diffRule is the rule that set a slice's shift differential, an index into diffRuleIDs: a slice
// carries no strings (see slice).
type diffRule uint8

// The rules that can set a differential: one per sentence of the RULES SUMMARY that can decide a
// slice's class, and management's extension (SHIFT-17) and change of regular shift (SHIFT-18).
const (
	ruleNone diffRule = iota
	ruleRS1
	ruleRS3
	ruleRS4
	ruleRS5
	ruleRS6
	ruleRS8
	ruleShift03
	ruleShift07
	ruleExtension
	ruleChange
)

var diffRuleIDs = [...]string{
	ruleNone:      "",
	ruleRS1:       "SHARE-SHIFT-RS-1",
	ruleRS3:       "SHARE-SHIFT-RS-3",
	ruleRS4:       "SHARE-SHIFT-RS-4",
	ruleRS5:       "SHARE-SHIFT-RS-5",
	ruleRS6:       "SHARE-SHIFT-RS-6",
	ruleRS8:       "SHARE-SHIFT-RS-8",
	ruleShift03:   "SHARE-SHIFT-03", // evening/night shift proper
	ruleShift07:   "SHARE-SHIFT-07", // day shift starting before 06:00
	ruleExtension: "SHARE-SHIFT-17", // extension incentive at management request
	ruleChange:    "SHARE-SHIFT-18", // change of regular shift at management request
}

// id is the rule id a pay line names.
func (r diffRule) id() string { return diffRuleIDs[r] }

// windows are the clock times of the RULES SUMMARY, read once per rule-set version from the
// profile, in seconds after local midnight. SHARE-SHIFT-01: "Day Shift: 7:00 am - 3:00 pm Evening
// Shift: 3:00 pm - 11:00 pm Night Shift: 11:00 pm - 7:00 am Weekend Shift: 11:00 pm Friday until
// 11:00 pm Sunday". SHARE-SHIFT-06: "Non-day shift employees whose shift starts or finishes within
// one hour of the defined shift times will be paid the differential for all hours on the shift."
// RS-1/RS-2 and SHIFT-17 turn on 7:00 pm ("ENDS at 7:00 pm or later"; "3:00 pm to 6:59 pm").
type windows struct {
	day, eve, night int64     // window starts: 07:00, 15:00, 23:00
	within          int64     // the within-one-hour margin
	cutoff          int64     // 19:00
	wkStart, wkEnd  int64     // weekend: from this time on Friday to this time on Sunday
	wkFrom, wkTo    int64     // the same counted from Thursday midnight, within Friday and Sunday
	bounds          [16]int64 // sorted, then day: next's search stops there at the latest
	nbounds         int       // bounds before the closing day
	fromHour        [24]uint8 // index of the first bound after the start of each hour: where next looks first
}

func newWindows(rs *rates.RuleSet) windows {
	w := windows{day: int64(rs.DayFrom), eve: int64(rs.EveningFrom), night: int64(rs.NightFrom),
		within: int64(rs.WithinHour), cutoff: int64(rs.EveningCutoff), wkStart: int64(rs.WeekendFrom), wkEnd: int64(rs.WeekendTo)}
	// The clock times where a slice's classification can change for a fixed span: the windows,
	// 7:00 pm, the weekend and the holiday windows (§7), midnight. The within-one-hour margins of
	// the day window are not among them: RS-8 ("ENDS before 8:00 am") holds only for a span that
	// ends by 8:00, whose slices of that day all start before 8:00, and RS-3 ("BEGINS at 2:00 pm
	// or later") only for a span that begins after 2:00 pm, whose slices all start after it; a
	// cut there would give both halves the same class.
	for _, b := range []int64{0, w.day, w.eve, w.cutoff, w.night, w.wkStart, w.wkEnd,
		int64(rs.HolidayFrom), int64(rs.Holiday12From), int64(rs.HolidayEveFrom)} {
		if b >= 0 && b < day && w.nbounds < len(w.bounds)-1 {
			w.bounds[w.nbounds] = b
			w.nbounds++
		}
	}
	slices.Sort(w.bounds[:w.nbounds])
	w.bounds[w.nbounds] = day
	w.setWeekend(w.wkStart, w.wkEnd)
	for h := range w.fromHour {
		k := 0
		for k < w.nbounds && w.bounds[k] <= int64(h)*hour {
			k++
		}
		w.fromHour[h] = uint8(k)
	}
	return w
}

// next returns the first clock boundary strictly after local time c.
func (w *windows) next(c int64) int64 { return w.nextAt(c, calendars.FloorDiv(c, day)*day) }

// nextAt is next for a local time c whose local midnight d is known (addInterval's slices pass
// theirs on to classifyAt: one division where there were two).
func (w *windows) nextAt(c, d int64) int64 {
	t := c - d
	// A bound after t is after the start of t's hour: the bounds before fromHour[t/hour] are not.
	// Usually the first one looked at is after t (no bound inside the hour before t).
	k := w.fromHour[uint64(t)/uint64(hour)]
	for w.bounds[k] <= t {
		k++
	}
	return d + w.bounds[k]
}

// classify returns the differential class of the worked slice starting at local time c, in a
// span [s, e) (local times of the rounded first in and last out punches), and the rule that decided
// it. It is SHARE-SHIFT-ALG of the catalog, one branch per window; each branch quotes its sentence
// of the RULES SUMMARY.
func (w *windows) classify(c, s, e int64) (class, diffRule) {
	return w.classifyAt(c, calendars.FloorDiv(c, day)*day, s, e)
}

// classifyAt is classify for a local time c whose local midnight x is known.
func (w *windows) classifyAt(c, x, s, e int64) (class, diffRule) {
	t := c - x
	switch {
	case t >= w.eve && t < w.night: // evening window
		switch {
		case s >= x+w.night-w.within && s < x+w.night:
			// RS-6 "When a shift BEGINS at 10:00 pm or later ... night differential is paid from
			// the beginning of that shift."
			return classNight, ruleRS6
		case s >= x+w.eve-w.within && s < x+w.eve:
			// RS-3 "When a shift BEGINS at 2:00 pm or later ... evening differential is paid from
			// the beginning of that shift."
			return classEve, ruleRS3
		case s >= x+w.eve:
			if e > x+day {
				// RS-4 "... ENDS after midnight, then the hours between 3-11 are paid as evening"
				return classEve, ruleRS4
			}
			return classEve, ruleShift03
		case e >= x+w.cutoff:
			// RS-1 "... the shift ENDS at 7:00 pm or later, then all hours from 3:00 pm will be
			// paid the evening differential." (RS-2: ending before 7:00 pm, all day rate.)
			return classEve, ruleRS1
		}
		return classNone, ruleNone
	case t >= w.night || t < w.day: // night window, which began at 23:00 on x0
		x0 := x
		if t < w.day {
			x0 = x - day
		}
		switch {
		case t >= w.night && s < x0+w.night-w.within && e <= x0+w.night+w.within:
			// RS-5 "When the evening shift extends beyond 11:00 pm but ENDS before midnight, the
			// hours are paid as evening."
			return classEve, ruleRS5
		case s >= x0+day+w.day-w.within && s < x0+day+w.day:
			// RS-9 "When a shift BEGINS at 6:00 am or later ... the day rate is paid from the
			// beginning of that shift."
			return classNone, ruleNone
		case s >= x0+w.night-w.within && s < x0+w.night:
			return classNight, ruleRS6
		case s < x0+w.night-w.within:
			return classNight, ruleRS4 // an evening (or longer) shift running past midnight
		case s >= x0+day && s < x0+day+w.day-w.within:
			// SHIFT-07 "... or begins work more than one hour before the end of the night shift."
			return classNight, ruleShift07
		}
		return classNight, ruleShift03
	default: // day window
		if t >= w.eve-w.within && s >= x+w.eve-w.within && s < x+w.eve {
			return classEve, ruleRS3
		}
		if t < w.day+w.within && s < x+w.day-w.within && e <= x+w.day+w.within {
			// RS-8 "When the night shift extends beyond 7:00 am but ENDS before 8:00 am, the hours
			// are paid as night."
			return classNight, ruleRS8
		}
		return classNone, ruleNone
	}
}

// setWeekend sets the weekend window, from clock time from on Friday to clock time to on Sunday.
// Friday is day 1 and Sunday day 3 from Thursday; a time outside its day means all or none of it.
func (w *windows) setWeekend(from, to int64) {
	w.wkStart, w.wkEnd = from, to
	w.wkFrom, w.wkTo = day+min(max(from, 0), day), 3*day+min(max(to, 0), day)
}

// isWeekend reports whether local time c is in the weekend window, Friday 23:00 to Sunday 23:00:
// one interval of the week counted from Thursday midnight (1970-01-01 was a Thursday), so one
// division finds it rather than a day and then its weekday.
func (w *windows) isWeekend(c int64) bool {
	const week = 7 * day
	return w.inWeekend(c - calendars.FloorDiv(c, week)*week)
}

// inWeekend is isWeekend for a local time given as the seconds since its week's Thursday midnight.
func (w *windows) inWeekend(t int64) bool { return t >= w.wkFrom && t < w.wkTo }

package share

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

// Rule ids of the classification, one per sentence of the RULES SUMMARY that can decide a slice.
const (
	ruleRS1     = "SHARE-SHIFT-RS-1"
	ruleRS3     = "SHARE-SHIFT-RS-3"
	ruleRS4     = "SHARE-SHIFT-RS-4"
	ruleRS5     = "SHARE-SHIFT-RS-5"
	ruleRS6     = "SHARE-SHIFT-RS-6"
	ruleRS8     = "SHARE-SHIFT-RS-8"
	ruleShift03 = "SHARE-SHIFT-03" // evening/night shift proper
	ruleShift07 = "SHARE-SHIFT-07" // day shift starting before 06:00
)

// boundaries are the clock hours where a slice's classification can change for a fixed span:
// the windows (07, 15, 23), the sub-windows of the summary (08, 14), midnight, and 19:00 (holiday
// exception windows).
var boundaries = [...]int64{0, 7 * hour, 8 * hour, 14 * hour, 15 * hour, 19 * hour, 23 * hour, day}

// nextBoundary returns the first clock boundary strictly after local time c.
func nextBoundary(c int64) int64 {
	d := floorDiv(c, day) * day
	t := c - d
	for _, b := range boundaries {
		if b > t {
			return d + b
		}
	}
	return d + day
}

// classify returns the differential class of the worked slice starting at local time c, in a
// span [s, e) (local times of the rounded first in and last out punches), and the rule that decided
// it. It is SHARE-SHIFT-ALG of the catalog, one branch per window.
func classify(c, s, e int64) (class, string) {
	x := floorDiv(c, day) * day // local midnight of the slice's date
	t := c - x
	switch {
	case t >= 15*hour && t < 23*hour: // evening window
		switch {
		case s >= x+22*hour && s < x+23*hour:
			return classNight, ruleRS6
		case s >= x+14*hour && s < x+15*hour:
			return classEve, ruleRS3
		case s >= x+15*hour:
			if e > x+day {
				return classEve, ruleRS4
			}
			return classEve, ruleShift03
		case e >= x+19*hour:
			return classEve, ruleRS1
		}
		return classNone, ""
	case t >= 23*hour || t < 7*hour: // night window, which began at 23:00 on x0
		x0 := x
		if t < 7*hour {
			x0 = x - day
		}
		switch {
		case t >= 23*hour && s < x0+22*hour && e <= x0+day:
			return classEve, ruleRS5
		case s >= x0+day+6*hour && s < x0+day+7*hour:
			return classNone, ""
		case s >= x0+22*hour && s < x0+23*hour:
			return classNight, ruleRS6
		case s < x0+22*hour:
			return classNight, ruleRS4 // an evening (or longer) shift running past midnight
		case s >= x0+day && s < x0+day+6*hour:
			return classNight, ruleShift07
		}
		return classNight, ruleShift03
	default: // 07:00–15:00
		if t >= 14*hour && s >= x+14*hour && s < x+15*hour {
			return classEve, ruleRS3
		}
		if t < 8*hour && s < x+6*hour && e <= x+8*hour {
			return classNight, ruleRS8
		}
		return classNone, ""
	}
}

// isWeekend reports whether local time c is in the weekend window, Friday 23:00 to Sunday 23:00.
func isWeekend(c int64) bool {
	d := floorDiv(c, day)
	wd := (d%7 + 7 + 4) % 7 // 1970-01-01 was a Thursday
	t := c - d*day
	switch wd {
	case 5: // Friday
		return t >= 23*hour
	case 6:
		return true
	case 0:
		return t < 23*hour
	}
	return false
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

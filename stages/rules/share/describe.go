package share

import (
	"strings"
	"time"

	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
	"github.com/payclose/payclose/stages/rules"
)

// Windows (rules.Describer): the RULES SUMMARY windows of the profile (SHARE-SHIFT-01) and the
// holiday window, 23:00 the evening before to 23:00 on the holiday (HOL-04).
func (family) Windows(rs *rates.RuleSet, ls, le int64, add func(window string, secs int64, note string)) {
	w := newWindows(rs)
	add("EVENING "+rules.Clock(w.eve)+"-"+rules.Clock(w.night), rules.InWindow(ls, le, w.eve, w.night), "")
	add("NIGHT "+rules.Clock(w.night)+"-"+rules.Clock(w.day), rules.InWindow(ls, le, w.night, w.day), "")
	add("WEEKEND Fri "+rules.Clock(w.wkStart)+" - Sun "+rules.Clock(w.wkEnd),
		rules.InWeekly(ls, le, time.Friday, w.wkStart, time.Sunday, w.wkEnd), "")
	from := int64(rs.HolidayFrom)
	rules.Holidays(rs.Calendar(), ls, le, from-day, from, "HOLIDAY "+rules.Clock(from)+"-"+rules.Clock(from), add)
}

// Base (rules.Describer): SHARE pays the roster's hourly rate.
func (family) Base(e *model.Employee, _ *rates.RuleSet) rates.Rate { return e.BaseRate }

// RegularRatePart (rules.Describer): Overtime E, "an employee's regular rate of pay will include
// all pay differentials ... paid during the work week": straight time and overtime hours at base,
// every differential on worked time, on-call pay. Call-back and extended-day hours are paid at
// time and a half of base and differentials already (OC-B, OC-STAY): their straight part enters
// the rate, and no true-up is owed on them.
func (family) RegularRatePart(w *model.Week, rs *rates.RuleSet, l *model.PayLine, base rates.Rate) rules.RRPart {
	premium := l.RuleID == ruleCallBack || l.RuleID == ruleStayLate
	diff := strings.HasPrefix(l.PayCode, "DIFF_")
	switch {
	case l.PayCode == codeREG:
		return rules.RRPart{Worked: l.Seconds, Straight: l.Seconds * int64(base)}
	case l.PayCode == codeOT && premium:
		return rules.RRPart{Worked: l.Seconds, Straight: l.Seconds * int64(base)}
	case l.PayCode == codeOT:
		return rules.RRPart{Worked: l.Seconds, OT: l.Seconds, Straight: l.Seconds * int64(base), OTBase: l.Seconds * int64(base)}
	case diff && premium:
		// the straight-time part of a differential paid at the overtime multiplier
		return rules.RRPart{Straight: l.Seconds * int64(l.Rate) * rs.OTMult.Den / rs.OTMult.Num}
	case l.PayCode == codeTrueUp:
		return rules.RRPart{TrueUp: true}
	case diff && l.RuleID == ruleHolDiff:
		// the differential of holiday hours not worked (HOL-06, on the holiday benefit): pay for
		// time not worked, out of the regular rate (29 CFR 778.218), as payWorked leaves it out
		return rules.RRPart{}
	case l.PayCode == codeOnCall:
		return rules.RRPart{Straight: l.Seconds * int64(l.Rate)}
	case diff && !rules.OnAbsence(w, l):
		return rules.RRPart{Straight: l.Seconds * int64(l.Rate)}
	}
	return rules.RRPart{}
}

// TopUpOnly (rules.Describer): Overtime E's true-up settles the half-time at the weighted regular
// rate exactly, negative when the overtime fell on the better-paid job (rules.WeightedTrueUp).
func (family) TopUpOnly() bool { return false }

package psu

import (
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
	"github.com/payclose/payclose/stages/rules"
)

// Windows (rules.Describer): the PSU-39.4-D shift windows of the profile ("second shift" starts at
// or after the second window's start and ends by its end; likewise the third) and the holiday
// differential's window, 23:00 on the eve to 23:00 on the holiday (PSU-39.10-F).
func (family) Windows(rs *rates.RuleSet, ls, le int64, add func(window string, secs int64, note string)) {
	s2, e2 := int64(rs.SecondShiftStart), int64(rs.SecondShiftEnd)
	s3, e3 := int64(rs.ThirdShiftStart), int64(rs.ThirdShiftEnd)
	add("SECOND SHIFT "+rules.Clock(s2)+"-"+rules.Clock(e2), rules.InWindow(ls, le, s2, e2%day), "")
	add("THIRD SHIFT "+rules.Clock(s3)+"-"+rules.Clock(e3), rules.InWindow(ls, le, s3, e3%day), "")
	eve := int64(rs.HolidayEve)
	rules.Holidays(rs.Calendar(), ls, le, eve-day, eve, "HOLIDAY "+rules.Clock(eve)+"-"+rules.Clock(eve), add)
}

// Base (rules.Describer): the salary ÷ salary_divisor (PSU-39.5-A), or the roster's hourly rate.
func (family) Base(e *model.Employee, rs *rates.RuleSet) rates.Rate { return baseRate(e, rs) }

// RegularRatePart (rules.Describer): PSU-39-ALG step 8, the FLSA regular rate is (base × hours
// worked + shift and holiday differentials + standby) ÷ hours worked; the half-time is owed on
// overtime hours, not on call-back hours, which PSU-39.14 pays at the overtime rate already, nor
// on overtime taken as comp time (PSU-39.6-E3: "compensatory time off, calculated at one and
// one-half times the overtime hours worked … in lieu of paid overtime": no cash overtime, so no
// cash half-time; flsaFloor counts only cash overtime too).
func (family) RegularRatePart(w *model.Week, rs *rates.RuleSet, l *model.PayLine, base rates.Rate) (worked, ot, numer int64, trueUp bool) {
	switch l.PayCode {
	case codeReg:
		return l.Seconds, 0, l.Seconds * int64(base), false
	case codeOT:
		if l.RuleID == ruleCallBack || l.RuleID == ruleComp {
			return l.Seconds, 0, l.Seconds * int64(base), false
		}
		return l.Seconds, l.Seconds, l.Seconds * int64(base), false
	case codeShiftDiff, codeHolDiff:
		return 0, 0, l.Seconds * int64(l.Rate), false
	case codeStandby:
		return 0, 0, int64(l.Amount) * 100 * hour, false // cents → rate units × seconds
	case codeTrueUp:
		return 0, 0, 0, true
	}
	return 0, 0, 0, false
}

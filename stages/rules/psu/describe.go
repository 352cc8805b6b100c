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
// worked + shift and holiday differentials + standby) ÷ hours worked. An OT line pays 1.5 × (base
// + shift differential) (PSU-39.6-E2), so its straight time is its rate ÷ the multiplier, the
// differential included, and the rest is premium. The half-time is owed on overtime hours, not on
// call-back hours, which PSU-39.14 pays at the overtime rate already, nor on overtime taken as comp
// time (PSU-39.6-E3: "compensatory time off, calculated at one and one-half times the overtime
// hours worked … in lieu of paid overtime": no cash overtime, so no cash half-time; flsaFloor
// counts only cash overtime too). What the contract pays above straight time on worked hours
// (overtime, call-back, holiday and closure premiums) is credited toward it (29 CFR 778.202,
// 778.203).
func (family) RegularRatePart(w *model.Week, rs *rates.RuleSet, l *model.PayLine, base rates.Rate) rules.RRPart {
	switch l.PayCode {
	case codeReg:
		return rules.RRPart{Worked: l.Seconds, Straight: l.Seconds * int64(base)}
	case codeOT:
		if l.RuleID == ruleComp {
			return rules.RRPart{Worked: l.Seconds, Straight: l.Seconds * int64(base)}
		}
		full := base
		if m := rs.OTMult; m.Num > 0 {
			full = l.Rate.Scale(m.Den, m.Num)
		}
		p := rules.RRPart{Worked: l.Seconds, Straight: l.Seconds * int64(full), Premium: l.Seconds * int64(l.Rate-full)}
		if l.RuleID != ruleCallBack {
			p.OT = l.Seconds
		}
		return p
	case codeShiftDiff, codeHolDiff:
		return rules.RRPart{Straight: l.Seconds * int64(l.Rate)}
	case codeHolPrem, codeClosPrem:
		return rules.RRPart{Premium: l.Seconds * int64(l.Rate)}
	case codeStandby:
		return rules.RRPart{Straight: int64(l.Amount) * 100 * hour} // cents → rate units × seconds
	case codeTrueUp:
		return rules.RRPart{TrueUp: true}
	}
	return rules.RRPart{}
}

// TopUpOnly (rules.Describer): the REG_RATE_TRUEUP line of PSU-39.5-A ("determined by applicable
// law") is the shortfall of the contract's premiums against the FLSA floor, never negative
// (flsaFloor): the contract may pay more than the law.
func (family) TopUpOnly() bool { return true }

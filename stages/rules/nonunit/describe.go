package nonunit

import (
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
	"github.com/payclose/payclose/stages/rules"
)

// Windows (rules.Describer): the non-unit family pays no clock differential; its only windows are
// the holidays of its calendar, whole days.
func (family) Windows(rs *rates.RuleSet, ls, le int64, add func(window string, secs int64, note string)) {
	rules.Holidays(rs.Calendar(), ls, le, 0, 24*3600, "HOLIDAY 00-24", add)
}

// Base (rules.Describer): NU-OT-1's regular hourly rate.
func (family) Base(e *model.Employee, rs *rates.RuleSet) rates.Rate { return regularRate(e, rs) }

// RegularRatePart (rules.Describer): NU-OT-1 "regular hourly rate": only hours worked, at it.
// Overtime taken as comp (NU-OT-5, a zero-rate OT line) is hours worked, in the rate at its base,
// but "in lieu of" overtime pay: no cash half-time is owed on it. The REG_RATE_TRUEUP line (NU-OT-1,
// rules.WeightedTrueUp) is the true-up, negative when the overtime fell on the better-paid job.
func (family) RegularRatePart(w *model.Week, rs *rates.RuleSet, l *model.PayLine, base rates.Rate) rules.RRPart {
	switch {
	case l.PayCode == codeReg || (l.PayCode == codeOT && l.RuleID == ruleComp):
		return rules.RRPart{Worked: l.Seconds, Straight: l.Seconds * int64(base)}
	case l.PayCode == codeOT:
		return rules.RRPart{Worked: l.Seconds, OT: l.Seconds, Straight: l.Seconds * int64(base), OTBase: l.Seconds * int64(base)}
	case l.PayCode == rules.CodeTrueUp:
		return rules.RRPart{TrueUp: true}
	}
	return rules.RRPart{}
}

// TopUpOnly (rules.Describer): the true-up settles the half-time at the weighted regular rate
// exactly, negative or not (rules.WeightedTrueUp).
func (family) TopUpOnly() bool { return false }

package exempt

import (
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
	"github.com/payclose/payclose/stages/rules"
)

// Windows (rules.Describer): exempt pay has no clock windows (no differentials, SEL-2: Article 39
// "does not apply in any respect" to exempt members); only the holidays, which earn comp
// (PSU-21.8-B), are shown.
func (family) Windows(rs *rates.RuleSet, ls, le int64, add func(window string, secs int64, note string)) {
	rules.Holidays(rs.Calendar(), ls, le, 0, 24*3600, "HOLIDAY 00-24", add)
}

// Base (rules.Describer): the salary's hourly equivalent (PSU-18.1-A; NUT-VI-1 for a 43-week
// appointment).
func (family) Base(e *model.Employee, rs *rates.RuleSet) rates.Rate {
	return rules.Hourly(rules.Annual(e, rs), e.BudgetedWeekly)
}

// RegularRatePart (rules.Describer): worked hours are covered by the salary and no overtime is
// owed, so no true-up exists; the hours worked enter at the hourly equivalent for the record.
func (family) RegularRatePart(w *model.Week, rs *rates.RuleSet, l *model.PayLine, base rates.Rate) rules.RRPart {
	if l.PayCode == codeReg {
		return rules.RRPart{Worked: l.Seconds, Straight: l.Seconds * int64(base)}
	}
	return rules.RRPart{}
}

// TopUpOnly (rules.Describer): no overtime is owed, so there is no true-up either way.
func (family) TopUpOnly() bool { return false }

package rules

import (
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
)

// Bases fills dst with the base rate of each of the week's pays (model.Week.Pays, indexed by
// Span.Pay and Absence.Pay), each derived by the family's base from the employee record the pay
// gives, so a second job or a raise inside the week is turned into an hourly base the one way the
// home rate is. A week with no pays (built by hand) has the one base of its employee.
func Bases(dst []rates.Rate, w *model.Week, rs *rates.RuleSet, base func(*model.Employee, *rates.RuleSet) rates.Rate) []rates.Rate {
	dst = append(dst[:0], base(w.Emp, rs))
	for k := 1; k < len(w.Pays); k++ {
		var tmp model.Employee // escapes through base: allocated only for a week at several rates
		dst = append(dst, base(w.PayOf(uint8(k), &tmp), rs))
	}
	return dst
}

// BaseOf is the base of pay index k (0 when out of range: a hand-built week).
func BaseOf(bases []rates.Rate, k uint8) rates.Rate {
	if int(k) < len(bases) {
		return bases[k]
	}
	return bases[0]
}

// WeightedTrueUp is the half-time that brings the overtime of a week to half its FLSA regular
// rate, 29 CFR 778.115: "where an employee in a single workweek works at two or more different
// types of work for which different nonovertime rates of pay ... have been established, his
// regular rate for that week is the weighted average of such rates. That is, his total earnings
// (except statutory exclusions) are computed to include his compensation during the workweek from
// all such rates, and are then divided by the total number of hours worked at all jobs."
//
// straight is Σ seconds × (base + differentials) of the worked time (plus anything else the
// regular rate includes, in rate-seconds), worked its seconds; otSecs the overtime seconds and
// otBase Σ seconds × base over them, which the overtime lines already paid at time and a half of
// their own base. The rate is rr = straight ÷ worked (rounded once, to 1/100 cent) and the
// amount Σ over the overtime of ½ × (rr − its base), rounded once for the week; rate is that
// half-time per overtime hour. At one base this is ½ × (rr − base) × overtime hours; at several
// it is negative when the overtime fell on the better-paid job: the weighted rate, not the job's,
// is the regular rate.
func WeightedTrueUp(straight, worked, otSecs, otBase int64) (rr, rate rates.Rate, amount rates.Money) {
	if worked <= 0 || otSecs <= 0 {
		return 0, 0, 0
	}
	rr = rates.Rate(rates.Round(straight, worked))
	short := otSecs*int64(rr) - otBase
	return rr, rates.Rate(rates.Round(short, 2*otSecs)), rates.Money(rates.Round(short, 2*3600*100))
}

package rules

import (
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
)

// PaidBreak is the one mechanic of a paid short break, shared by the families: the time off the
// clock between worked time that ends at end and resumes at start, inside one shift, that the rule
// set pays as worked time, or 0. A break is paid when it is shorter than the rule set's
// paid_break_under_minutes: SHARE-BRK-01's "a shorter break is paid" (shorter than the 30-minute
// meal), NU-HOW-IIIB's "Rest periods generally shorter than 20 minutes are payable", and PSU-39.8's
// rest period ("One fifteen-minute rest period will be given to members during each four-hour work
// period"; the catalog: "Rest periods are WORK (paid; FLSA 29 CFR 785.18, HRG: breaks < 20 min
// payable)"). A longer gap is a meal or time off, unpaid. The family decides what "one shift" is
// (its own merge of spans, never across a call-back) and adds the paid break as worked slices,
// counted toward overtime (29 CFR 785.18) and reported as Result.Added, so the reconciliation
// "input + breaks paid = paid + meals deducted + rejected" holds.
func PaidBreak(rs *rates.RuleSet, end, start int64) int64 {
	if gap := start - end; gap > 0 && gap < int64(rs.PaidBreakUnder)*60 {
		return gap
	}
	return 0
}

// CarriedDay is the previous workweek's last workday as the week has it (model.Week.Carried):
// its time worked in all and the part of that from the week's start, a punched break between its
// spans shorter than paid_break_under_minutes worked (PaidBreak) when paidBreaks. Daily overtime
// is the last hours of the day, so a family's own daily rule applied to worked says how much of
// after was overtime there; the rest is the straight time that counts toward this week's 40
// (CarriedStraight).
func CarriedDay(w *model.Week, rs *rates.RuleSet, paidBreaks bool) (worked, after int64) {
	for i := range w.Carried {
		sp := &w.Carried[i]
		start := sp.Start
		if i > 0 && paidBreaks {
			if gap := PaidBreak(rs, w.Carried[i-1].End, sp.Start); gap > 0 {
				start -= gap
			}
		}
		worked += sp.End - start
		after += max(0, sp.End-max(start, w.From))
	}
	return worked, after
}

// CarriedStraight is the carried time that counts toward the week's 40: the carried workday's
// time after the week's start (after, CarriedDay's, less what the family deducts from it) less the
// part of it the day's daily overtime (over, the family's own rule) took. A week built without
// the carried spans (Carried empty: a test's week) counts CarryIn as given.
func CarriedStraight(w *model.Week, after, over int64) int64 {
	if len(w.Carried) == 0 {
		return w.CarryIn
	}
	return max(0, after-max(0, over))
}

package rules

import "github.com/payclose/payclose/rates"

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

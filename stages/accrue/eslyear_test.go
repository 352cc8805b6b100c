package accrue

import (
	"testing"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
)

// The week holding January 1 and the ESL benefit year. The texts:
//
//   - HR-Internal-01 (Definitions): "The University will use a year that runs from January 1 to
//     December 31."
//   - ESL-A5: "Once employees have accrued 40 hours of earned sick time during the benefit year,
//     they do not continue to accrue more hours of earned sick time regardless of the additional
//     hours they work."
//   - ESL-A7: the year-to-date accrual restarts "On Jan 1".
//
// So the hours of the week before January 1 accrue in the old year, within what its 40 h cap
// leaves, and the hours from January 1 in the new year, at 0 + those. The week of Sunday
// 2026-12-27 runs Mon 28, Tue 29, Wed 30, Thu 31 (2026), Fri 2027-01-01, Sat 01-02. In 2026's
// numbering (weeks from Sunday 2025-12-28, the week of Thursday 2026-01-01) it is week k = 364/7
// = 52, so its 2026 part is credited at P = 52 × 40 h = 2,080 h; its 2027 part is week 0 of 2027
// (P = 0), as the whole week was before.

// eslYearEnd closes the week of 2026-12-27 for a non-unit employee with the given ESL opening
// (balance, YTD) and returns the ESL row.
func eslYearEnd(t *testing.T, rs *rates.RuleSet, emp *model.Employee, balance, ytd string, res *model.Result, days, newYear, per int64) model.Accrual {
	t.Helper()
	st := opening(t, "ESL", balance)
	st.Slots[ESL].YTD = hrs(t, ytd)
	var out []model.Accrual
	var exc []model.Exception
	var e Engine
	e.Week(&Input{Emp: emp, RuleSet: rs, Week: day(t, "2026-12-27"), Result: res, Days: days, NewYearDays: newYear, Per: per}, &st, &out, &exc)
	for _, r := range out {
		if r.Bank == "ESL" {
			if r.YTD != st.Slots[ESL].YTD || r.Closing != st.Slots[ESL].Balance {
				t.Fatalf("row %+v, state %+v", r, st.Slots[ESL])
			}
			return r
		}
	}
	t.Fatalf("no ESL row: %+v", out)
	return model.Accrual{}
}

// worked is a week of REG lines of 8 h on the given days, as the non-unit family writes them.
func worked(t *testing.T, days ...string) *model.Result {
	res := &model.Result{}
	for _, d := range days {
		res.Lines = append(res.Lines, model.PayLine{WorkDate: day(t, d), PayCode: "REG", Seconds: secs(8), RuleID: "NU-OT-1"})
		res.Worked += secs(8)
		res.Regular += secs(8)
	}
	return res
}

// The audit's case 2: a non-exempt employee whose 2026 accrual is already 40 h (YTD 40, balance
// 10) works 32 h Mon 12-28 – Thu 12-31, all in 2026. 2026 part: rate × 32 h at week 52 =
// R((2080 + 32)/30) − R(2080/30) = 70.4000 − 69.3333 = 1.0667, capped by the 40 − 40 = 0 h 2026
// leaves → 0 (ESL-A5). 2027 part: no hours → 0. Earned 0, closing 10, YTD (2027) 0, rule ESL-A5.
// The whole-week reading earned 32/30 = 1.0667 h with YTD reset to 1.0667.
func TestESL_A7_Dec31CapReached(t *testing.T) {
	emp := nuEmp(t, 40)
	r := eslYearEnd(t, registryRS(t, "NONUNIT_NONEXEMPT"), emp, "10", "40", worked(t, "2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31"), 0, 0, 0)
	want(t, "earned", r.Earned, "0")
	want(t, "closing", r.Closing, "10")
	want(t, "YTD 2027", r.YTD, "0")
	if r.RuleID != "ESL-A5" {
		t.Errorf("rule %s, want ESL-A5", r.RuleID)
	}
}

// The week splits: 24 h worked Mon 12-28 – Wed 12-30 (2026), 16 h Fri 01-01 and Sat 01-02 (2027).
//
//   - YTD 38 (2 h of 2026 left): 2026 gets R((2080 + 24)/30) − R(2080/30) = 70.1333 − 69.3333 =
//     0.8000 = min(24/30 = 0.8, 2); 2027 gets R(16/30) − R(0) = 0.5333. Earned 1.3333, closing
//     11.3333, YTD 0.5333 (2027's only; the whole-week reading: 1.3333), rule ESL-A1.
//   - YTD 39.5 (0.5 h left): 2026 gets min(0.8, 0.5) = 0.5 (ESL-A5); 2027 still 0.5333 (its own
//     40 h). Earned 1.0333, closing 11.0333, YTD 0.5333, rule ESL-A5. The whole-week reading
//     earned 1.3333.
//
// The next week (2027-01-03, k = 1) carries the 2027 YTD on: 40 h → R(80/30) − R(40/30) = 2.6667
// − 1.3333 = 1.3334, YTD 0.5333 + 1.3334 = 1.8667.
func TestESL_A7_WeekSplitAtJan1(t *testing.T) {
	rs := registryRS(t, "NONUNIT_NONEXEMPT")
	emp := nuEmp(t, 40)
	week := func() *model.Result {
		return worked(t, "2026-12-28", "2026-12-29", "2026-12-30", "2027-01-01", "2027-01-02")
	}
	r := eslYearEnd(t, rs, emp, "10", "38", week(), 0, 0, 0)
	want(t, "earned (room 2)", r.Earned, "1.3333")
	want(t, "closing (room 2)", r.Closing, "11.3333")
	want(t, "YTD 2027 (room 2)", r.YTD, "0.5333")
	if r.RuleID != "ESL-A1" {
		t.Errorf("room 2: rule %s, want ESL-A1", r.RuleID)
	}
	r = eslYearEnd(t, rs, emp, "10", "39.5", week(), 0, 0, 0)
	want(t, "earned (room 0.5)", r.Earned, "1.0333")
	want(t, "closing (room 0.5)", r.Closing, "11.0333")
	want(t, "YTD 2027 (room 0.5)", r.YTD, "0.5333")
	if r.RuleID != "ESL-A5" {
		t.Errorf("room 0.5: rule %s, want ESL-A5", r.RuleID)
	}

	var e Engine
	st := opening(t, "ESL", "10")
	st.Slots[ESL].YTD = hrs(t, "38")
	var out []model.Accrual
	var exc []model.Exception
	e.Week(&Input{Emp: emp, RuleSet: rs, Week: day(t, "2026-12-27"), Result: week()}, &st, &out, &exc)
	out = out[:0]
	e.Week(&Input{Emp: emp, RuleSet: rs, Week: day(t, "2027-01-03"),
		Result: worked(t, "2027-01-04", "2027-01-05", "2027-01-06", "2027-01-07", "2027-01-08")}, &st, &out, &exc)
	for _, r := range out {
		if r.Bank == "ESL" {
			want(t, "next week earned", r.Earned, "1.3334")
			want(t, "next week YTD", r.YTD, "1.8667")
		}
	}
}

// ESL-A3's assumed week splits by its weekdays (rules.EmployedSplit, the salary's days): a
// non-unit exempt employee (40 h) in the week of 2026-12-27 has 5 weekdays in employment, 1 of
// them (Fri 01-01) in 2027. 2026: 40 × 4/5 = 32 h (the cap of the assumed week, 40 × 4/5 = 32 h,
// does not bind) at week 52 → R(2112/30) − R(2080/30) = 70.4000 − 69.3333 = 1.0667; YTD 39.5
// leaves 0.5 → 0.5 (ESL-A5). 2027: 40 − 32 = 8 h at week 0 → R(8/30) = 0.2667. Earned 0.7667,
// YTD 0.2667 (the whole-week reading: 1.3333 and 1.3333). With 8 h of vacation on Tue 12-29 (not
// worked, ESL-A2) 2026 has 24 h → R(2104/30) − R(2080/30) = 0.8000, capped at 0.5 all the same;
// with YTD 30 it keeps 0.8000: earned 1.0667, YTD 0.2667.
func TestESL_A7_AssumedWeekSplitByDays(t *testing.T) {
	rs := registryRS(t, "NONUNIT_EXEMPT")
	emp := hired(employee(t, "", "2020-01-06", 40), t, "2020-01-06")
	emp.RuleSet = "NONUNIT_EXEMPT"
	r := eslYearEnd(t, rs, emp, "10", "39.5", &model.Result{}, 5, 1, 5)
	want(t, "earned", r.Earned, "0.7667")
	want(t, "YTD 2027", r.YTD, "0.2667")
	if r.RuleID != "ESL-A5" {
		t.Errorf("rule %s, want ESL-A5", r.RuleID)
	}
	vac := func() *model.Result {
		return &model.Result{Lines: []model.PayLine{{WorkDate: day(t, "2026-12-29"), PayCode: "VACATION", Seconds: secs(8)}}}
	}
	r = eslYearEnd(t, rs, emp, "10", "39.5", vac(), 5, 1, 5)
	want(t, "earned, vacation, YTD 39.5", r.Earned, "0.7667")
	r = eslYearEnd(t, rs, emp, "10", "30", vac(), 5, 1, 5)
	want(t, "earned, vacation, YTD 30", r.Earned, "1.0667")
	want(t, "YTD 2027, vacation", r.YTD, "0.2667")
}

// The common week is untouched: a week not holding January 1 after its Sunday (one starting on
// January 1 is all the new year's) credits as before.
func TestESL_A7_WeekStartingJan1(t *testing.T) {
	rs := registryRS(t, "NONUNIT_NONEXEMPT")
	emp := nuEmp(t, 40)
	st := opening(t, "ESL", "10")
	st.Slots[ESL].YTD = hrs(t, "40")
	var out []model.Accrual
	var exc []model.Exception
	var e Engine
	w := calendars.NewDate(2023, 1, 1) // a Sunday
	res := &model.Result{Worked: secs(40)}
	for d := w + 1; d <= w+5; d++ {
		res.Lines = append(res.Lines, model.PayLine{WorkDate: d, PayCode: "REG", Seconds: secs(8)})
	}
	e.Week(&Input{Emp: emp, RuleSet: rs, Week: w, Result: res}, &st, &out, &exc)
	// Week 0 of 2023: R(40/30) = 1.3333, YTD restarted at 0 on Jan 1.
	want(t, "earned", out[len(out)-1].Earned, "1.3333")
	want(t, "YTD", out[len(out)-1].YTD, "1.3333")
}

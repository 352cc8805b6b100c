package accrue

import (
	"testing"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
)

func registryRS(t *testing.T, name string) *rates.RuleSet {
	t.Helper()
	rs, err := rates.Default.Lookup(name, day(t, "2026-11-15").Time())
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// NU-OT-8: "At the time of separation, transfer, or a change of status from non-exempt to exempt,
// the employee will be paid for all accrued Compensatory Time by the department in which it was
// earned." 10 h of comp at a final rate of $30.00 = $300.00 (TERM_PAYOUT), the bank closes at 0.
// ESL is not paid out (no such rule). The payment at the higher of the final and the three-year
// average rate needs the regular-rate history the ledger keeps; here the final rate.
func TestNU_OT_8_Payout(t *testing.T) {
	rs := registryRS(t, "NONUNIT_NONEXEMPT")
	st := opening(t, "COMP", "10", "ESL", "6")
	emp := hired(employee(t, "", "2016-01-04", 40), t, "2016-01-04")
	emp.RuleSet = "NONUNIT_NONEXEMPT"
	res := &model.Result{}
	var out []model.Accrual
	var exc []model.Exception
	w := day(t, "2026-11-15")
	var e Engine
	e.Week(&Input{Emp: emp, RuleSet: rs, Week: w, Result: res, Separated: true, SeparationDate: w + 5, PayoutRate: rates.Dollars(30, 0), Account: "A"}, &st, &out, &exc)
	if len(res.Lines) != 1 || res.Lines[0].PayCode != CodeTermPayout || res.Lines[0].RuleID != "NU-OT-8" || res.Lines[0].Amount != 30000 {
		t.Fatalf("payout lines %+v", res.Lines)
	}
	for _, r := range out {
		if r.Bank == "COMP" && (r.Used != hrs(t, "10") || r.Closing != 0 || r.RuleID != "NU-OT-8") {
			t.Errorf("COMP row %+v", r)
		}
		if r.Bank == "ESL" && r.Closing != hrs(t, "6") {
			t.Errorf("ESL is not paid out: %+v", r)
		}
	}
}

// SHARE-SEV-01 "Severance and benefit time will be paid out weekly until exhausted" and SHARE-PTO-16
// "Employees who receive salary continuation as part of a severance agreement do not accrue earned
// time or sick and vacation time during the severance period". A layoff credits 2 weeks (80 h) in
// the separation week and pays the EARNED balance (12 h × $25 = $300.00); the next two weeks
// (employment ended) each pay 40 h × $25 = $1,000.00 and accrue nothing; the third pays nothing
// and shows no severance row.
func TestSHARE_SEV_01_Weekly(t *testing.T) {
	rs := registryRS(t, "SHARE")
	st := opening(t, "EARNED", "12", "SICK", "20")
	emp := employee(t, "EARNED", "2020-01-06", 40)
	w := day(t, "2026-11-15")
	var e Engine
	week := func(start calendars.Date, in Input) ([]model.Accrual, *model.Result) {
		res := &model.Result{} // no time worked: only the banks move
		in.Emp, in.RuleSet, in.Week, in.Result, in.PayoutRate = emp, rs, start, res, rates.Dollars(25, 0)
		var out []model.Accrual
		var exc []model.Exception
		e.Week(&in, &st, &out, &exc)
		return out, res
	}
	_, res := week(w, Input{Separated: true, SeparationDate: w + 5, SeveranceHours: 80 * 3600})
	if len(res.Lines) != 1 || res.Lines[0].RuleID != "SHARE-PTO-16" || res.Lines[0].Amount != 30000 {
		t.Fatalf("separation week: %+v", res.Lines)
	}
	for k := 1; k <= 3; k++ {
		out, res := week(w+calendars.Date(7*k), Input{After: true})
		var paid rates.Money
		for _, l := range res.Lines {
			if l.PayCode != CodeSeverance || l.RuleID != "SHARE-SEV-01" {
				t.Fatalf("week %d line %+v", k, l)
			}
			paid += l.Amount
		}
		want := rates.Money(100000)
		if k == 3 {
			want = 0
		}
		if paid != want {
			t.Errorf("week %d pays %s severance, want %s", k, paid, want)
		}
		for _, r := range out {
			if r.Earned != 0 {
				t.Errorf("week %d accrued during severance: %+v", k, r)
			}
			if r.Bank == "SEVERANCE" && k == 3 {
				t.Errorf("week 3 still shows severance: %+v", r)
			}
		}
	}
}

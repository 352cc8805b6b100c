package accrue

import (
	"strings"
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

// PSU-20.1-M: "Bargaining unit members who retire shall be paid twenty (20) percent of the value of
// their unused accrued sick leave at the time of their retirement" and "The estate of a bargaining
// unit member who deceases shall be paid twenty (20) percent of the value of his/her unused accrued
// sick leave at the time of death." PSU-SL-SICK: "for an employee who is not vested as of June 30,
// 2020, any sick leave payout on retirement will be limited to the maximum of 20% of 120 days"
// (the catalog: 120 days × 7.5 h = 900 h × FTE). The catalog's TC-D-26 at $30.00 an hour: 600 h
// at retirement → 20% = 120 h = $3,600.00 (not vested, under the cap); 1,000 h not vested → 20% of
// 900 h = 180 h = $5,400.00 and SICK_PAYOUT_CAPPED; 1,000 h vested → 200 h = $6,000.00; a
// resignation → nothing and the balance stays. Death pays the estate the same: 600 h → $3,600.00;
// the side letter caps the "payout on retirement" only, so 1,000 h at death → 200 h = $6,000.00
// (the catalog applies the cap to death too; the contract wins).
// Half time (18.75 h of 37.5): the cap is 450 h → 90 h = $2,700.00. The rest of the balance is
// forfeited. The separation week still accrues 14/260 × 37.5 = 2.0192 h of sick leave (1.0096 h
// half time) before the payout, so the openings are 2.0192 h short of the round balances.
// Vacation is paid in full as usual (PSU-22.4), a line of its own not counted here.
func TestPSU_20_1_M(t *testing.T) {
	rs := registryRS(t, "PSU_NONEXEMPT")
	w := day(t, "2026-11-15")
	for _, c := range []struct {
		name     string
		balance  string
		budgeted float64
		reason   string
		vested   bool
		amount   rates.Money
		closing  string
		capped   bool
	}{
		{"retire 600 h", "597.9808", 37.5, model.SepRetirement, false, 360000, "0", false},
		{"retire 1,000 h not vested", "997.9808", 37.5, model.SepRetirement, false, 540000, "0", true},
		{"retire 1,000 h vested", "997.9808", 37.5, model.SepRetirement, true, 600000, "0", false},
		{"resign", "597.9808", 37.5, model.SepVoluntary, false, 0, "600", false},
		{"death", "597.9808", 37.5, model.SepDeath, false, 360000, "0", false},
		{"death 1,000 h not vested", "997.9808", 37.5, model.SepDeath, false, 600000, "0", false},
		{"half time, not vested", "998.9904", 18.75, model.SepRetirement, false, 270000, "0", true},
	} {
		st := opening(t, "SICK", c.balance)
		emp := hired(employee(t, "", "2001-03-05", c.budgeted), t, "2001-03-05")
		emp.RuleSet = "PSU_NONEXEMPT"
		res := &model.Result{}
		var out []model.Accrual
		var exc []model.Exception
		var e Engine
		e.Week(&Input{Emp: emp, RuleSet: rs, Week: w, Result: res, Separated: true, SeparationDate: w + 5, Reason: c.reason, Vested: c.vested,
			PayoutRate: rates.Dollars(30, 0), Account: "A"}, &st, &out, &exc)
		var paid rates.Money
		for _, l := range res.Lines {
			if l.RuleID == "PSU-20.1-M" {
				if l.PayCode != CodeTermPayout {
					t.Errorf("%s: line %+v", c.name, l)
				}
				paid += l.Amount
			}
		}
		capped := false
		for _, x := range exc {
			capped = capped || (x.Code == ExcSharePayoutCapped && x.RuleID == "PSU-SL-SICK")
		}
		if paid != c.amount || capped != c.capped {
			t.Errorf("%s: paid %s capped %v, want %s capped %v", c.name, paid, capped, c.amount, c.capped)
		}
		for _, r := range out {
			if r.Bank == "SICK" && r.Closing != hrs(t, c.closing) {
				t.Errorf("%s: SICK row %+v, want closing %s", c.name, r, c.closing)
			}
		}
	}
}

// SHARE-RET-01: "a cash payment equivalent to 20% of the amount remaining in their sick time banks
// (up to the amount at time of transfer)" and "The pension benefit office will authorize payment
// at the rate of pay at time of termination if all conditions are met." The conditions (pension
// group, vesting, age, the balance at transfer) are not inputs, so the close raises the amount
// for the pension office and pays nothing: TRADITIONAL, SICK 200 h, $28.40, retiring → 20% = 40 h ×
// $28.40 = $1,136.00 in SICK_PAYOUT_TO_AUTHORIZE; no line; SICK stays at 200 h (nothing is paid
// in the week, so nothing accrues). A layoff raises nothing.
func TestSHARE_RET_01(t *testing.T) {
	rs := registryRS(t, "SHARE")
	w := day(t, "2026-11-15")
	for _, reason := range []string{model.SepRetirement, model.SepLayoff} {
		st := opening(t, "SICK", "200")
		emp := employee(t, "TRADITIONAL", "1999-04-12", 40)
		res := &model.Result{}
		var out []model.Accrual
		var exc []model.Exception
		var e Engine
		e.Week(&Input{Emp: emp, RuleSet: rs, Week: w, Result: res, Separated: true, SeparationDate: w + 6, Reason: reason,
			PayoutRate: rates.Dollars(28, 40), Account: "A"}, &st, &out, &exc)
		var raised []string
		for _, x := range exc {
			if x.Code == ExcSharePayoutToAuth {
				raised = append(raised, x.RuleID+": "+x.Detail)
			}
		}
		for _, l := range res.Lines {
			if l.RuleID == "SHARE-RET-01" {
				t.Errorf("%s: the close paid %+v", reason, l)
			}
		}
		want := []string{"SHARE-RET-01: 20% of 200.0000 h of SICK = 40.0000 h × 28.4000 = 1136.00 if the pension office authorizes it; not paid by the close"}
		if reason != model.SepRetirement {
			want = nil
		}
		if strings.Join(raised, "\n") != strings.Join(want, "\n") {
			t.Errorf("%s: raised %q, want %q", reason, raised, want)
		}
		for _, r := range out {
			if r.Bank == "SICK" && r.Closing != hrs(t, "200") {
				t.Errorf("%s: SICK row %+v", reason, r)
			}
		}
	}
}

// PSU-22.4: a member who separates "shall be paid an amount equal to the vacation leave that had
// been accrued prior to such termination but which had not been used". A full-time member (37.5 h,
// hired 2021-06-07: 5 completed years at the week's end, the 21/260 tier) leaves on Monday
// 2026-11-16, the first of the week's five weekdays (Days 1 of Per 5, the salary's notion of the
// part of the week employed, rules.EmployedShare). The scheduled base is 37.5 × 1/5 = 7.5 h, not
// the whole week:
//
//	vacation 7.5 × 21/260 = 0.605769 h; the week is the 47th of 2026 (k = 46), so it is credited
//	as the difference of the cumulative amounts (package comment): round(1732.5 × 21/260) −
//	round(1725 × 21/260) = 139.9327 − 139.3269 = 0.6058 h, paid out at once (TERM_PAYOUT):
//	0.6058 h = 2,181 s (a line is whole seconds) × $30.00 = $18.175 → $18.18, not the whole
//	week's 3.0289 h ($90.87);
//	sick 7.5 × 14/260 = 0.403846 h: round(1732.5 × 14/260) − round(1725 × 14/260) = 93.2885 −
//	92.8846 = 0.4039 h, not 2.0192 h (SICK is not paid out: it stays in the bank).
//
// Before the fix the whole week accrued (the audit's case 1).
func TestPSU_22_4_SeparationWeek(t *testing.T) {
	rs := registryRS(t, "PSU_NONEXEMPT")
	emp := hired(employee(t, "", "2021-06-07", 37.5), t, "2021-06-07")
	emp.RuleSet = "PSU_NONEXEMPT"
	w := day(t, "2026-11-15")
	var st State
	res := &model.Result{Worked: secs(7.5)}
	var out []model.Accrual
	var exc []model.Exception
	var e Engine
	e.Week(&Input{Emp: emp, RuleSet: rs, Week: w, Result: res, Separated: true, SeparationDate: w + 1, Days: 1, Per: 5,
		PayoutRate: rates.Dollars(30, 0), Account: "A"}, &st, &out, &exc)
	got := map[string]model.Accrual{}
	for _, r := range out {
		got[r.Bank] = r
	}
	want(t, "VACATION earned", got["VACATION"].Earned, "0.6058")
	want(t, "VACATION paid out", got["VACATION"].Used, "0.6058")
	want(t, "SICK earned", got["SICK"].Earned, "0.4039")
	want(t, "SICK closing", got["SICK"].Closing, "0.4039")
	var payout []model.PayLine
	for _, l := range res.Lines {
		if l.PayCode == CodeTermPayout {
			payout = append(payout, l)
		}
	}
	if len(payout) != 1 || payout[0].RuleID != "PSU-22.4" || payout[0].Seconds != 2181 || payout[0].Amount != 1818 {
		t.Errorf("vacation payout %+v, want 2181 s (0.6058 h) = $18.18 under PSU-22.4", payout)
	}
	// The whole week (Days = Per, or not given) still earns the week: 37.5 × 21/260 → 3.0289 h.
	st = State{}
	out = out[:0]
	e.Week(&Input{Emp: emp, RuleSet: rs, Week: w, Result: &model.Result{Worked: secs(37.5)}, Days: 5, Per: 5}, &st, &out, &exc)
	if len(out) == 0 || out[0].Bank != "VACATION" {
		t.Fatalf("rows %+v", out)
	}
	want(t, "VACATION, whole week", out[0].Earned, "3.0289")
}

// ESL-A3: exempt employees "shall be assumed to work 40 hours in each work week for purposes of
// earned sick time accrual"; the catalog: "prorate partial weeks by days in pay status". A
// non-unit exempt employee (40 h) who leaves on Monday 2026-11-16 (Days 1 of Per 5) is assumed to
// work 40 × 1/5 = 8 h that week: 8 ÷ 30 = 0.266667 h, credited (k = 46) as round(1848 ÷ 30) −
// round(1840 ÷ 30) = 61.6000 − 61.3333 = 0.2667 h, not the whole week's 1.3334 h (the audit's
// case 1). The cap of the assumed week (base_cap_hours 40) is a week's too: a 45-hour job leaving
// on Monday is assumed 40 × 1/5 = 8 h, the same 0.2667 h, not 9 h.
func TestESL_A3_SeparationWeek(t *testing.T) {
	rs := registryRS(t, "NONUNIT_EXEMPT")
	w := day(t, "2026-11-15")
	for _, budgeted := range []float64{40, 45} {
		emp := hired(employee(t, "", "2020-01-06", budgeted), t, "2020-01-06")
		emp.RuleSet = "NONUNIT_EXEMPT"
		var st State
		var out []model.Accrual
		var exc []model.Exception
		var e Engine
		e.Week(&Input{Emp: emp, RuleSet: rs, Week: w, Result: &model.Result{Worked: secs(8)}, Separated: true, SeparationDate: w + 1,
			Days: 1, Per: 5, PayoutRate: rates.Dollars(40, 0), Account: "A"}, &st, &out, &exc)
		if len(out) != 1 || out[0].Bank != "ESL" {
			t.Fatalf("rows %+v", out)
		}
		want(t, "ESL earned", out[0].Earned, "0.2667")
	}
}

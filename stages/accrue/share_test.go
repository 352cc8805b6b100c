package accrue

import (
	"fmt"
	"testing"

	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
)

// chartRow is one row of SHARE-PTO-06 (Charts 1A, 1B, 2A, 2B, 2C at 40 h/week).
type chartRow struct {
	system string // EARNED or TRADITIONAL
	bank   string
	senior int // a year whose July 1 seniority date selects the chart
	years  int // completed years in the tested week
	tier   string
	weekly string // "Weekly (40h)" column
	perH   string // "Per hour paid" column, 5 dp
	cap    string // "Cap (hours, 40h/wk)" column
}

var chartRows = []chartRow{
	{"EARNED", "EARNED", 2013, 0, "ET2-1A 1-4y", "3.5385", "0.08846", "432"},
	{"EARNED", "EARNED", 2013, 4, "ET2-1A 5-14y", "4.3077", "0.10769", "512"},
	{"EARNED", "EARNED", 2013, 14, "ET2-1A 15-17y", "4.3077", "0.10769", "512"},
	{"EARNED", "EARNED", 2013, 17, "ET2-1A 18-19y", "4.3077", "0.10769", "512"},
	{"EARNED", "EARNED", 2013, 19, "ET2-1A 20y+", "5.0769", "0.12692", "592"},
	{"EARNED", "EARNED", 2010, 0, "ET2-1B 1-4y", "4.0000", "0.10000", "432"},
	{"EARNED", "EARNED", 2010, 4, "ET2-1B 5-14y", "4.7692", "0.11923", "512"},
	{"EARNED", "EARNED", 2010, 14, "ET2-1B 15-17y", "4.7692", "0.11923", "512"},
	{"EARNED", "EARNED", 2010, 17, "ET2-1B 18-19y", "4.7692", "0.11923", "512"},
	{"EARNED", "EARNED", 2010, 19, "ET2-1B 20y+", "5.5385", "0.13846", "592"},
	{"TRADITIONAL", "VACATION", 2000, 0, "ETS3-2A 1-4y", "1.5385", "0.03846", "160"},
	{"TRADITIONAL", "VACATION", 2000, 4, "ETS3-2A 5-9y", "2.3077", "0.05769", "240"},
	{"TRADITIONAL", "VACATION", 2000, 9, "ETS3-2A 10y+", "3.0769", "0.07692", "320"},
	{"TRADITIONAL", "VACATION", 1980, 0, "ETS-2B 1-4y", "2.0000", "0.05000", "208"},
	{"TRADITIONAL", "VACATION", 1980, 4, "ETS-2B 5-9y", "2.7692", "0.06923", "288"},
	{"TRADITIONAL", "VACATION", 1980, 9, "ETS-2B 10-19y", "3.5385", "0.08846", "368"},
	{"TRADITIONAL", "VACATION", 1980, 19, "ETS-2B 20y+", "4.3077", "0.10769", "448"},
	{"TRADITIONAL", "SICK", 2000, 0, "2C all", "2.3077", "0.05769", "520"},
}

// TC-DOC-17, SHARE-PTO-06: "Earned Time accrual per hour paid (up to 40/week)"; "Vacation accrual
// per hour paid (up to 40/week)"; "Sick accrual per hour paid (up to 40/week)". With 40 h paid in
// the first week of a year (where the credit is rate × 40 rounded in isolation), every chart's
// weekly figure, its 5-dp per-hour rate and its cap at 40 h/week come out exactly.
func TestSHARE_PTO_06(t *testing.T) {
	rs := shareRS(t)
	for _, c := range chartRows {
		t.Run(c.tier, func(t *testing.T) {
			year := c.senior + c.years + 1
			emp := employee(t, c.system, fmt.Sprintf("%d-07-01", c.senior), 40)
			var e Engine
			st := State{}
			rows, _ := close1(t, &e, emp, rs, firstWeek(year), wk{worked: 40}, &st)
			r := rows[c.bank]
			if r.Tier != c.tier {
				t.Fatalf("tier %q, want %q", r.Tier, c.tier)
			}
			want(t, "weekly accrual", r.Earned, c.weekly)
			// The per-hour column is the exact rate rounded to 5 dp; the weekly column is not
			// 40 × that (40 × 0.08846 = 3.5384), which is why rates are kept as fractions.
			p := e.planFor(rs, c.system)
			b, _ := ParseBank(c.bank)
			ch := p.rules[b].Chart(emp.Seniority.Time())
			rate := ch.TierFor(c.years).Rate
			if got := rates.Round(rate.Num*100000, rate.Den); fmt.Sprintf("0.%05d", got) != c.perH {
				t.Errorf("per hour = 0.%05d, want %s", got, c.perH)
			}
			// Cap: at the cap the whole week's accrual leaves the bank (ET: to SICK, SHARE-PTO-08;
			// Traditional: forfeited, SHARE-PTO-09); one week below it, nothing does.
			st = opening(t, c.bank, c.cap)
			rows, _ = close1(t, &e, emp, rs, firstWeek(year), wk{worked: 40}, &st)
			r = rows[c.bank]
			if c.system == "EARNED" {
				want(t, "ET earned at cap", r.Earned, "0")
				want(t, "overflow to SICK", rows["SICK"].Earned, c.weekly)
			} else {
				want(t, "forfeited at cap", r.Forfeited, c.weekly)
			}
			want(t, "closing at cap", r.Closing, c.cap)
			below := hrs(t, c.cap) - hrs(t, c.weekly)
			st = opening(t, c.bank, below.String())
			rows, _ = close1(t, &e, emp, rs, firstWeek(year), wk{worked: 40}, &st)
			want(t, "closing one week below cap", rows[c.bank].Closing, c.cap)
			want(t, "forfeited one week below cap", rows[c.bank].Forfeited, "0")
		})
	}
}

// SHARE-PTO-03: "Multiply the "accrual per hour" rate by the number of hours you were paid for (up
// to 40 hours/week) to get your accrual for the week." TC-DER-ACC-01/03 and TC-DOC-17's 46 h.
func TestSHARE_PTO_03(t *testing.T) {
	rs := shareRS(t)
	emp := employee(t, "EARNED", "2015-07-01", 40) // 1A, Y=2 in January 2018
	for _, c := range []struct {
		name   string
		worked float64
		want   string
	}{
		{"TC-DER-ACC-01 24 h: 24 × 23/260 = 2.12308", 24, "2.1231"},
		{"TC-DER-ACC-03 46 h: base capped at 40", 46, "3.5385"},
		{"TC-DOC-17 40 h", 40, "3.5385"},
		{"no hours", 0, "0"},
	} {
		var e Engine
		var st State
		rows, _ := close1(t, &e, emp, rs, firstWeek(2018), wk{worked: c.worked}, &st)
		want(t, c.name, rows["EARNED"].Earned, c.want)
	}
}

// SHARE-PTO-04: "They accrue on the first forty (40) hours during the week that are either worked
// or paid as time off." Standby, cash-outs and holiday-bank payouts are not accrual base
// ("On-call hours are not considered hours worked for purposes of … benefit accruals").
func TestSHARE_PTO_04(t *testing.T) {
	rs := shareRS(t)
	emp := employee(t, "EARNED", "2015-07-01", 40)
	st := opening(t, "EARNED", "100", "HOLIDAY", "0")
	var e Engine
	// TC-DER-ACC-02: 30 worked + 12 standby → base 30 → 30 × 23/260 = 2.65385 → 2.6538.
	rows, _ := close1(t, &e, emp, rs, firstWeek(2018), wk{worked: 30, lines: []ln{{code: "ONCALL", hours: 12}}}, &st)
	want(t, "TC-DER-ACC-02", rows["EARNED"].Earned, "2.6538")
	// 16 worked + 8 EARNED time + 4 sleep + 8 cash-out (not base; it debits EARNED) → base 28:
	// 28 × 23/260 = 2.47692 → 2.4769.
	st = opening(t, "EARNED", "100")
	rows, _ = close1(t, &e, emp, rs, firstWeek(2018), wk{worked: 16, lines: []ln{{code: "EARNED", hours: 8}, {code: "SLEEP", hours: 4}, {code: "CASH_OUT", hours: 8}, {code: "DIFF_EVE", hours: 8}}}, &st)
	want(t, "worked+PTO+sleep", rows["EARNED"].Earned, "2.4769")
	want(t, "EARNED used (8 PTO + 8 cash-out)", rows["EARNED"].Used, "16")
}

// SHARE-PTO-05 / TC-DER-ACC-07: "After you complete 4 full years and enter your 5th year, you begin
// to accrue at the new higher rate". Seniority 2014-06-13; the 4th anniversary is Wed 2018-06-13,
// so the week Sun 6/10 – Sat 6/16 accrues at 28 days (tier as of the week's end).
func TestSHARE_PTO_05(t *testing.T) {
	rs := shareRS(t)
	emp := employee(t, "EARNED", "2014-06-13", 40)
	var e Engine
	st := opening(t, "EARNED", "0")
	// The week of 6/3 is week k=22 of 2018 (weeks counted from Sun 2017-12-31): its credit is
	// R(23 × 3.538462) − R(22 × 3.538462) = 81.3846 − 77.8462 = 3.5384; the catalog's 3.5385 is
	// rate × 40 rounded alone, and this week carries the −0.0001 that makes the year exactly 184.
	rows, _ := close1(t, &e, emp, rs, day(t, "2018-06-03"), wk{worked: 40}, &st)
	want(t, "week before the anniversary", rows["EARNED"].Earned, "3.5384")
	if rows["EARNED"].Tier != "ET2-1A 1-4y" {
		t.Errorf("tier %s", rows["EARNED"].Tier)
	}
	// k=23: R(24 × 4.307692) − R(23 × 4.307692) = 103.3846 − 99.0769 = 4.3077.
	rows, _ = close1(t, &e, emp, rs, day(t, "2018-06-10"), wk{worked: 40}, &st)
	want(t, "anniversary week", rows["EARNED"].Earned, "4.3077")
	if rows["EARNED"].Tier != "ET2-1A 5-14y" {
		t.Errorf("tier %s", rows["EARNED"].Tier)
	}
}

// TC-DOC-18, SHARE-PTO-05: "so that by the end of the 5th year you will have accrued one extra
// week." 52 weeks × 40 h at Y=3 then 52 at Y=4 (and the other transitions the catalog lists): the
// second year exceeds the first by exactly 40 h, and each year is the exact rational total.
func TestSHARE_PTO_05_OneExtraWeek(t *testing.T) {
	rs := shareRS(t)
	for _, c := range []struct {
		system, bank string
		senior       int // seniority Jan 1 of this year: the anniversary is in week 0 of a year
		from         int // completed years in the first year
		y1, y2       string
	}{
		{"EARNED", "EARNED", 2014, 3, "184", "224"},
		{"EARNED", "EARNED", 2009, 3, "208", "248"},
		{"TRADITIONAL", "VACATION", 2000, 3, "80", "120"},
		{"TRADITIONAL", "VACATION", 1990, 3, "104", "144"},
		{"TRADITIONAL", "VACATION", 2000, 8, "120", "160"},
		{"TRADITIONAL", "VACATION", 1990, 8, "144", "184"},
		{"EARNED", "EARNED", 2014, 18, "224", "264"},
		{"EARNED", "EARNED", 1995, 18, "248", "288"},
		{"TRADITIONAL", "VACATION", 1978, 18, "184", "224"},
	} {
		t.Run(fmt.Sprintf("%s-%d-Y%d", c.bank, c.senior, c.from), func(t *testing.T) {
			emp := employee(t, c.system, fmt.Sprintf("%d-01-01", c.senior), 40)
			var e Engine
			var st State
			var totals [2]rates.Hours
			for y := 0; y < 2; y++ {
				year := c.senior + c.from + y
				for k := 0; k < 52; k++ {
					rows, _ := close1(t, &e, emp, rs, firstWeek(year)+7*calendarsDays(k), wk{worked: 40}, &st)
					totals[y] += rows[c.bank].Earned
				}
				// Longevity days (ET, 18th/19th anniversary: +16 h) are not part of the rate.
				if c.system == "EARNED" && c.from == 18 {
					totals[y] -= hrs(t, "16")
				}
			}
			want(t, "year 1", totals[0], c.y1)
			want(t, "year 2", totals[1], c.y2)
			want(t, "one extra week", totals[1]-totals[0], "40")
		})
	}
}

// SHARE-PTO-07 / TC-DER-ACC-06: "When an employee reduces their hours, their earned/vacation time
// cap will go down." 1A Y=2 at B = 24 → cap 432 × 24/40 = 259.2; ET 259.0 + 2.1231 → ET 259.2,
// SICK +1.9231.
func TestSHARE_PTO_07(t *testing.T) {
	rs := shareRS(t)
	emp := employee(t, "EARNED", "2015-07-01", 24)
	var e Engine
	st := opening(t, "EARNED", "259")
	rows, _ := close1(t, &e, emp, rs, firstWeek(2018), wk{worked: 24}, &st)
	want(t, "ET earned", rows["EARNED"].Earned, "0.2")
	want(t, "ET closing = prorated cap", rows["EARNED"].Closing, "259.2")
	want(t, "SICK overflow", rows["SICK"].Earned, "1.9231")
}

// SHARE-PTO-08 / TC-DER-ACC-04: "Earned time that is not credited to the employee's earned time bank
// because the employee's accrual has reached the cap will be credited to the employee's sick
// leave bank on a one (1) hour for one (1) hour basis." ET 430 + 3.5385 → ET +2 (432), SICK +1.5385.
func TestSHARE_PTO_08(t *testing.T) {
	rs := shareRS(t)
	emp := employee(t, "EARNED", "2015-07-01", 40)
	var e Engine
	st := opening(t, "EARNED", "430", "SICK", "10")
	rows, _ := close1(t, &e, emp, rs, firstWeek(2018), wk{worked: 40}, &st)
	want(t, "ET earned", rows["EARNED"].Earned, "2")
	want(t, "ET closing", rows["EARNED"].Closing, "432")
	want(t, "ET forfeited", rows["EARNED"].Forfeited, "0")
	want(t, "SICK earned", rows["SICK"].Earned, "1.5385")
	want(t, "SICK closing", rows["SICK"].Closing, "11.5385")
	if rows["EARNED"].RuleID != "SHARE-PTO-08" {
		t.Errorf("rule %s", rows["EARNED"].RuleID)
	}
}

// SHARE-PTO-09 / TC-DER-ACC-05: "Once the employee's vacation accrual has reached the cap, no more
// vacation time will be credited. It will not go into the sick bank." 2A Y=2, VAC 159 → +1.0 (160),
// 0.5385 forfeited; SICK +2.3077 (2C) as usual.
func TestSHARE_PTO_09(t *testing.T) {
	rs := shareRS(t)
	emp := employee(t, "TRADITIONAL", "2015-07-01", 40)
	var e Engine
	st := opening(t, "VACATION", "159", "SICK", "0")
	rows, _ := close1(t, &e, emp, rs, firstWeek(2018), wk{worked: 40}, &st)
	v := rows["VACATION"]
	want(t, "VAC earned", v.Earned, "1.5385")
	want(t, "VAC forfeited", v.Forfeited, "0.5385")
	want(t, "VAC closing", v.Closing, "160")
	want(t, "SICK earned", rows["SICK"].Earned, "2.3077")
	if v.RuleID != "SHARE-PTO-09" {
		t.Errorf("rule %s", v.RuleID)
	}
}

// SHARE-PTO-10 / TC-DER-ACC-08: "Longevity Days show up in your paycheck all at once just after
// your anniversary date." 1B, seniority 2000-03-15: +8 h in the weeks holding the 15th, 16th and
// 17th anniversaries, +16 h at the 18th and 19th, +24 h from the 20th; none at the 14th; B = 32
// scales 8 h to 6.4 h. No hours are worked, so the rate adds nothing.
func TestSHARE_PTO_10(t *testing.T) {
	rs := shareRS(t)
	for _, c := range []struct {
		anniv    string
		budgeted float64
		want     string
	}{
		{"2014-03-15", 40, "0"},
		{"2015-03-15", 40, "8"},
		{"2016-03-15", 40, "8"},
		{"2017-03-15", 40, "8"},
		{"2018-03-15", 40, "16"},
		{"2019-03-15", 40, "16"},
		{"2020-03-15", 40, "24"},
		{"2025-03-15", 40, "24"},
		{"2015-03-15", 32, "6.4"},
	} {
		emp := employee(t, "EARNED", "2000-03-15", c.budgeted)
		var e Engine
		st := opening(t, "EARNED", "0")
		d := day(t, c.anniv)
		rows, _ := close1(t, &e, emp, rs, d-calendarsDays(int(d.Weekday())), wk{}, &st)
		want(t, c.anniv, rows["EARNED"].Earned, c.want)
		// The week after the anniversary credits nothing more.
		rows, _ = close1(t, &e, emp, rs, d-calendarsDays(int(d.Weekday()))+7, wk{}, &st)
		want(t, c.anniv+" next week", rows["EARNED"].Earned, "0")
	}
}

// SHARE-PTO-19 / TC-DER-NEG-01: "Earned time must be accrued before it is paid. Negative balances in
// the earned time bank are not permitted." ET usable 6.0, 8 h requested → 6 debited, exception for
// 2 h. The catalog pays 6 and leaves 2 unpaid; the rules already paid 8 (this stage cannot unpay),
// so the exception tells the clerk to recover or recode the 2 h.
func TestSHARE_PTO_19(t *testing.T) {
	rs := shareRS(t)
	emp := employee(t, "EARNED", "2015-07-01", 40)
	var e Engine
	st := opening(t, "EARNED", "6")
	rows, exc := close1(t, &e, emp, rs, firstWeek(2018), wk{worked: 32, lines: []ln{{code: "EARNED", hours: 8}}}, &st)
	r := rows["EARNED"]
	want(t, "used", r.Used, "6")
	// Base 32 + 8 = 40 → 3.5385; closing 6 + 3.5385 − 6.
	want(t, "closing", r.Closing, "3.5385")
	if len(exc) != 1 || exc[0].Code != ExcInsufficient || exc[0].RuleID != "SHARE-PTO-19" {
		t.Fatalf("exceptions %+v", exc)
	}
	// Usage is funded by the prior week's close only, not by this week's accrual.
	st = opening(t, "EARNED", "0")
	rows, exc = close1(t, &e, emp, rs, firstWeek(2018), wk{worked: 40, lines: []ln{{code: "EARNED", hours: 1}}}, &st)
	want(t, "used from zero", rows["EARNED"].Used, "0")
	if len(exc) != 1 {
		t.Fatalf("exceptions %+v", exc)
	}
}

// SHARE-PTO-18: "The earned time accrual is debited one (1) hour for each hour paid." Each pay code
// debits its bank; under Earned Time vacation and holiday-bank payouts come out of the earned bank
// ("holiday bank hours are placed in the earned bank", SHARE-HOL-11), under Traditional Time out of
// VACATION and HOLIDAY.
func TestSHARE_PTO_18(t *testing.T) {
	rs := shareRS(t)
	var e Engine
	et := employee(t, "EARNED", "2015-07-01", 40)
	st := opening(t, "EARNED", "100", "SICK", "50")
	rows, exc := close1(t, &e, et, rs, firstWeek(2018), wk{lines: []ln{{code: "VACATION", hours: 8}, {code: "EARNED", hours: 4}, {code: "SICK", hours: 8}, {code: "HOL_BANK_PAYOUT", hours: 2}}}, &st)
	want(t, "ET used", rows["EARNED"].Used, "14")
	want(t, "SICK used", rows["SICK"].Used, "8")
	if len(exc) != 0 {
		t.Errorf("exceptions %+v", exc)
	}
	tr := employee(t, "TRADITIONAL", "2015-07-01", 40)
	st = opening(t, "VACATION", "100", "SICK", "50", "HOLIDAY", "10")
	rows, _ = close1(t, &e, tr, rs, day(t, "2018-02-04"), wk{lines: []ln{{code: "VACATION", hours: 8}, {code: "EARNED", hours: 4}, {code: "HOL_BANK_PAYOUT", hours: 2}}}, &st)
	want(t, "VAC used", rows["VACATION"].Used, "12")
	want(t, "HOLIDAY used", rows["HOLIDAY"].Used, "2")
}

// SHARE-HOL-11: "Under the Earned Time system, holiday bank hours are placed in the earned bank.
// Under the Traditional Time system, holiday bank hours are placed in the holiday bank."
func TestSHARE_HOL_11(t *testing.T) {
	rs := shareRS(t)
	var e Engine
	et := employee(t, "EARNED", "2015-07-01", 40)
	st := opening(t, "EARNED", "0")
	rows, _ := close1(t, &e, et, rs, firstWeek(2018), wk{hbank: 8}, &st)
	want(t, "ET +8 holiday bank", rows["EARNED"].Earned, "8")
	tr := employee(t, "TRADITIONAL", "2015-07-01", 40)
	st = State{}
	rows, _ = close1(t, &e, tr, rs, firstWeek(2018), wk{hbank: 12}, &st)
	want(t, "TRAD HOLIDAY +12", rows["HOLIDAY"].Earned, "12")
	want(t, "TRAD VACATION untouched", rows["VACATION"].Earned, "0")
}

// SHARE-HOL-13 / TC-DER-HOL-10: "SHARE employees on Traditional Time will be paid for all hours
// accrued over forty (40) hours in their holiday comp bank after each quarter of the fiscal year."
// HOL_COMP 52.5 at 12/31/2020 → 12.5 h to pay in the first week starting after the quarter
// (Sun 2021-01-03), balance 40; the week before pays nothing.
func TestSHARE_HOL_13(t *testing.T) {
	rs := shareRS(t)
	var e Engine
	tr := employee(t, "TRADITIONAL", "2015-07-01", 40)
	st := opening(t, "HOLIDAY", "52.5")
	rows, exc := close1(t, &e, tr, rs, day(t, "2020-12-27"), wk{}, &st)
	want(t, "week holding 12/31", rows["HOLIDAY"].Used, "0")
	if len(exc) != 0 {
		t.Fatalf("exceptions %+v", exc)
	}
	rows, exc = close1(t, &e, tr, rs, day(t, "2021-01-03"), wk{}, &st)
	want(t, "paid out", rows["HOLIDAY"].Used, "12.5")
	want(t, "kept", rows["HOLIDAY"].Closing, "40")
	if len(exc) != 1 || exc[0].Code != ExcQuarterPayout || exc[0].RuleID != "SHARE-HOL-13" {
		t.Fatalf("exceptions %+v", exc)
	}
}

// SHARE-HOL-12: a worked holiday taken as cash ("gets them paid out at straight time") is paid as
// HOL_BANK_PAYOUT under SHARE-HOL-12 without ever entering the bank, so it debits nothing; the
// HOLIDAY BANK PAYOUT pay-code row (SHARE-OT-G) does.
func TestSHARE_HOL_12(t *testing.T) {
	rs := shareRS(t)
	var e Engine
	tr := employee(t, "TRADITIONAL", "2015-07-01", 40)
	st := opening(t, "HOLIDAY", "10")
	rows, exc := close1(t, &e, tr, rs, day(t, "2018-02-04"), wk{lines: []ln{{code: "HOL_BANK_PAYOUT", hours: 8, rule: "SHARE-HOL-12"}, {code: "HOL_BANK_PAYOUT", hours: 3}}}, &st)
	want(t, "HOLIDAY used", rows["HOLIDAY"].Used, "3")
	if len(exc) != 0 {
		t.Errorf("exceptions %+v", exc)
	}
}

// SHARE-HOL-13, the payout as pay: "SHARE employees on Traditional Time will be paid for all hours
// accrued over forty (40) hours in their holiday comp bank after each quarter of the fiscal year"
// (Holiday Policy §3); the catalog: "pay (balance − 40) × base … and set the balance to 40". The
// audit's case: opening HOLIDAY 50 h, base $30.00, the week of Sun 2026-10-04 (the first to start
// after the quarter ending 9/30): 50 − 40 = 10 h paid, 10 h × $30.00 = $300.00, one
// HOL_BANK_PAYOUT line under SHARE-HOL-13 on the labor account, dated 10/04; the bank closes at
// 40. Paid, it is no exception. The old code took the 10 h out of the bank and wrote no line.
func TestSHARE_HOL_13_PaidAsPayLine(t *testing.T) {
	rs := shareRS(t)
	var e Engine
	tr := employee(t, "TRADITIONAL", "2000-01-03", 40)
	tr.BaseRate = rates.Dollars(30, 0)
	st := opening(t, "HOLIDAY", "50")
	w := day(t, "2026-10-04")
	// 40 h worked, paid as REG by the rules ($1,200.00): not a bank's, untouched here.
	res := &model.Result{Worked: secs(40), Lines: []model.PayLine{{WorkDate: w + 1, PayCode: "REG", Seconds: secs(40), Rate: rates.Dollars(30, 0), Amount: 120000, RuleID: "SHARE-OT-A", Account: "A"}}}
	var out []model.Accrual
	var exc []model.Exception
	e.Week(&Input{Emp: tr, RuleSet: rs, Week: w, Result: res, PayoutRate: rates.Dollars(30, 0), Account: "A"}, &st, &out, &exc)
	if len(res.Lines) != 2 {
		t.Fatalf("lines %+v", res.Lines)
	}
	l := res.Lines[1]
	if l.PayCode != "HOL_BANK_PAYOUT" || l.RuleID != "SHARE-HOL-13" || l.Seconds != secs(10) || l.Rate != rates.Dollars(30, 0) ||
		l.Amount != 30000 || l.Account != "A" || l.WorkDate != w {
		t.Fatalf("payout line %+v", l)
	}
	if gross := res.Lines[0].Amount + l.Amount; gross != 150000 {
		t.Errorf("gross %s, want $1,200.00 + $300.00 = $1,500.00", gross)
	}
	for _, r := range out {
		if r.Bank == "HOLIDAY" && (r.Used != hrs(t, "10") || r.Closing != hrs(t, "40") || r.RuleID != "SHARE-HOL-13") {
			t.Errorf("HOLIDAY row %+v", r)
		}
	}
	if len(exc) != 0 {
		t.Errorf("a paid payout is no exception: %+v", exc)
	}
}

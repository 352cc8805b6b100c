package accrue

import (
	"testing"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
)

var xcompCodes = map[string]rates.PayCode{
	"VACATION":       {Code: "VACATION", Paid: true, Bank: "VACATION", AccrualBase: true},
	"COMP TIME USED": {Code: "XCOMP_USED", Paid: true, Bank: "EXEMPT_COMP", AccrualBase: true, RuleID: "PSU-18.2-C4"},
}

func psuExemptRS(t testing.TB) *rates.RuleSet {
	rs := profileRS(t, "accruals-psu-exempt.json", "PSU_EXEMPT", xcompCodes)
	// The week and day of the rule set (PSU-11.3's "one day"): 37.5 h and 7.5 h.
	reg, err := rates.Default.Lookup("PSU_EXEMPT", day(t, "2026-11-15").Time())
	if err != nil {
		t.Fatal(err)
	}
	rs.StandardWeek, rs.StandardDay = reg.StandardWeek, reg.StandardDay
	return rs
}

// lotWeek closes one week of the exempt comp bank: earned hours credited by the rules, hours used
// (a COMP TIME USED line), whether the employment ends. It checks that the lot rows add up to the
// bank row and returns the bank row, the lot rows and the exceptions.
func lotWeek(t *testing.T, e *Engine, st *State, week calendars.Date, earned, used float64, separated bool) (model.Accrual, []model.Accrual, []model.Exception) {
	t.Helper()
	sep := model.NoDate
	if separated {
		sep = week + 3
	}
	return lotWeekOn(t, e, st, week, earned, used, sep)
}

// lotWeekOn is lotWeek with the employment ending on sep (model.NoDate: not this week).
func lotWeekOn(t *testing.T, e *Engine, st *State, week calendars.Date, earned, used float64, sep calendars.Date) (model.Accrual, []model.Accrual, []model.Exception) {
	t.Helper()
	emp := hired(employee(t, "", "2010-01-01", 37.5), t, "2010-01-01")
	emp.RuleSet = "PSU_EXEMPT"
	res := &model.Result{ExemptCompEarned: secs(earned)}
	if used > 0 {
		res.Lines = append(res.Lines, model.PayLine{WorkDate: week + 1, PayCode: "XCOMP_USED", RuleID: "PSU-18.2-C4", Seconds: secs(used)})
	}
	var out []model.Accrual
	var exc []model.Exception
	e.Week(&Input{Emp: emp, RuleSet: psuExemptRS(t), Week: week, Result: res, Separated: sep != model.NoDate, SeparationDate: sep}, st, &out, &exc)
	var bank model.Accrual
	var lots []model.Accrual
	var sum model.Accrual
	for _, r := range out {
		if r.Bank != "EXEMPT_COMP" {
			continue
		}
		if !r.Lot {
			bank = r
			continue
		}
		lots = append(lots, r)
		sum.Opening += r.Opening
		sum.Earned += r.Earned
		sum.Used += r.Used
		sum.Forfeited += r.Forfeited
		sum.Closing += r.Closing
		if r.Closing != r.Opening+r.Earned-r.Used-r.Forfeited {
			t.Fatalf("lot %s: closing %s != opening %s + earned %s - used %s - forfeited %s", r.CreditDate, r.Closing, r.Opening, r.Earned, r.Used, r.Forfeited)
		}
	}
	if bank.Bank == "" {
		t.Fatalf("week %s: no EXEMPT_COMP bank row", week)
	}
	if sum.Opening != bank.Opening || sum.Earned != bank.Earned || sum.Used != bank.Used || sum.Forfeited != bank.Forfeited || sum.Closing != bank.Closing {
		t.Fatalf("week %s: lots %+v do not add up to the bank row %+v", week, sum, bank)
	}
	return bank, lots, exc
}

// PSU-18.2-C1: "Compensatory time not used within twelve calendar months after it is credited will
// be forfeited." The catalog: "same day-of-month; end-of-month clamp, e.g. credited 2024-02-29 →
// expires 2025-02-28 end of day".
func TestPSU_18_2_C1_LotExpires(t *testing.T) {
	for _, c := range []struct {
		credit string
		months int
		want   string
	}{
		{"2024-02-29", 12, "2025-02-28"}, // the catalog's example
		{"2025-01-11", 12, "2026-01-11"},
		{"2025-03-31", 12, "2026-03-31"},
		{"2025-01-31", 1, "2025-02-28"}, // a shorter month clamps
		{"2025-12-20", 12, "2026-12-20"},
	} {
		if got := LotExpires(day(t, c.credit), c.months); got != day(t, c.want) {
			t.Errorf("%s + %d months = %s, want %s", c.credit, c.months, got, c.want)
		}
	}
}

// PSU-18.2-B, PSU-18.2-D and PSU-18.2-C1 across a year of chained weeks. "Compensatory time is granted on
// an hour-for-hour basis" (a lot per credit week, dated the week's Saturday, the catalog's
// "credit_date (the week-end date)"); "Compensatory time used will be counted in a first earned,
// first used basis"; "not used within twelve calendar months after it is credited will be
// forfeited", with the catalog's "Emit warning 30 days before expiry".
//
// Week of Sun 2025-01-05: 5 h credited → lot 2025-01-11, last day 2026-01-11.
// Week of 2025-01-12: 3 h → lot 2025-01-18, last day 2026-01-18.
// Week of 2025-03-02: 6 h used → the older lot gives its 5 h, the newer 1 h, 2 h left.
// Week of 2025-12-14 (holds 2025-12-19 = 2026-01-18 − 30 days): COMP_LOT_EXPIRING for the 2 h.
// Week of 2026-01-11 (to Sat 01-17): the lot is still good. Week of 2026-01-18: 2 h forfeited.
// TC-S-42: comp not used within 12 calendar months after it is credited is forfeited.
func TestPSU_18_2_D_FIFOAndExpiry(t *testing.T) {
	var e Engine
	var st State
	w := day(t, "2025-01-05")
	var warned, forfeitedIn calendars.Date = model.NoDate, model.NoDate
	for ; w <= day(t, "2026-01-25"); w += 7 {
		earned, used := 0.0, 0.0
		switch w {
		case day(t, "2025-01-05"):
			earned = 5
		case day(t, "2025-01-12"):
			earned = 3
		case day(t, "2025-03-02"):
			used = 6
		}
		bank, lots, exc := lotWeek(t, &e, &st, w, earned, used, false)
		if w == day(t, "2025-01-12") {
			if len(lots) != 2 || lots[0].CreditDate != day(t, "2025-01-11") || lots[1].CreditDate != day(t, "2025-01-18") ||
				lots[0].Expires != day(t, "2026-01-11") || lots[1].Earned != hrs(t, "3") {
				t.Fatalf("lots after two credits: %+v", lots)
			}
		}
		if w == day(t, "2025-03-02") {
			if lots[0].Used != hrs(t, "5") || lots[1].Used != hrs(t, "1") || bank.Closing != hrs(t, "2") || bank.RuleID != "PSU-18.2-B" {
				t.Fatalf("FIFO use of 6 h: bank %+v lots %+v", bank, lots)
			}
			if len(st.Lots) != 1 || st.Lots[0].Credit != day(t, "2025-01-18") {
				t.Fatalf("lots carried: %+v", st.Lots)
			}
		}
		for _, x := range exc {
			switch x.Code {
			case ExcLotExpiring:
				if warned != model.NoDate {
					t.Fatalf("warned twice: %s and %s", warned, w)
				}
				warned = w
				if x.RuleID != "PSU-18.2-C1" || x.Date != day(t, "2026-01-18") {
					t.Fatalf("warning %+v", x)
				}
			case ExcLotForfeited:
				forfeitedIn = w
			}
		}
		if bank.Forfeited > 0 {
			if bank.Forfeited != hrs(t, "2") || bank.RuleID != "PSU-18.2-C1" || bank.Closing != 0 {
				t.Fatalf("expiry: %+v", bank)
			}
		}
	}
	if warned != day(t, "2025-12-14") {
		t.Fatalf("warning in the week of %s, want 2025-12-14", warned)
	}
	if forfeitedIn != day(t, "2026-01-18") {
		t.Fatalf("forfeited in the week of %s, want 2026-01-18", forfeitedIn)
	}
	if len(st.Lots) != 0 || st.Slots[ExemptComp].Balance != 0 {
		t.Fatalf("after expiry: %+v %+v", st.Lots, st.Slots[ExemptComp])
	}
}

// PSU-18.2-C3: "There is no payout of compensatory time and any remaining compensatory time is
// lost when an employee separates from the University." 4 h + 2 h in lots, 1 h used in the final
// week: 5 h forfeited under PSU-18.2-C3 (and the week's own 1.5 h credit with them), nothing paid.
// TC-S-42: no payout at separation.
func TestPSU_18_2_C3_Separation(t *testing.T) {
	var e Engine
	var st State
	w := day(t, "2025-06-01")
	lotWeek(t, &e, &st, w, 4, 0, false)
	lotWeek(t, &e, &st, w+7, 2, 0, false)
	bank, lots, exc := lotWeekOn(t, &e, &st, w+14, 1.5, 1, w+18)
	if bank.Used != hrs(t, "1") || bank.Forfeited != hrs(t, "6.5") || bank.Closing != 0 || bank.RuleID != "PSU-18.2-C3" {
		t.Fatalf("separation: %+v", bank)
	}
	if len(lots) != 3 || lots[0].Forfeited != hrs(t, "3") || lots[1].Forfeited != hrs(t, "2") || lots[2].Forfeited != hrs(t, "1.5") {
		t.Fatalf("lots: %+v", lots)
	}
	n := 0
	for _, x := range exc {
		if x.Code == ExcLotForfeited && x.RuleID == "PSU-18.2-C3" {
			n++
		}
	}
	if n != 3 || len(st.Lots) != 0 {
		t.Fatalf("want a COMP_FORFEITED exception per lot (2 opening, 1 of the final week), got %d; lots %+v", n, st.Lots)
	}
}

// A book of opening lots (balances.csv CREDIT_DATE rows, or a previous run's lot rows) opens the
// bank at their sum, oldest first, and an Opening copy does not share the book's lots.
func TestBookLots(t *testing.T) {
	b := NewBook()
	b.PutLot("E1", ExemptComp, day(t, "2025-05-03"), hrs(t, "2"))
	b.PutLot("E1", ExemptComp, day(t, "2025-04-05"), hrs(t, "1.5"))
	b.PutLot("E1", ExemptComp, day(t, "2025-05-03"), hrs(t, "1"))
	b.PutLotBank("E1", ExemptComp, hrs(t, "4.5"))
	var st State
	b.Opening("E1", &st)
	if len(st.Lots) != 2 || st.Lots[0].Credit != day(t, "2025-04-05") || st.Lots[1].Hours != hrs(t, "3") ||
		st.Slots[ExemptComp].Balance != hrs(t, "4.5") || st.Slots[ExemptComp].YTD != hrs(t, "4.5") {
		t.Fatalf("opening: %+v", st)
	}
	st.Lots[0].Hours = 0
	var again State
	b.Opening("E1", &again)
	if again.Lots[0].Hours != hrs(t, "1.5") {
		t.Fatal("Opening shares the book's lots")
	}
}

// ESL-A3: "Employees exempt from overtime requirements under 29 U.S.C. § 213(a)(1) shall be assumed
// to work 40 hours in each work week for purposes of earned sick time accrual unless their jobs
// specify a lower number of hours per week". A 40-hour exempt week earns 40 ÷ 30 = 1.3333 h
// whatever the punches say; a 37.5-hour job 1.25 h (the catalog: "37.5-h exempt job → 75 min ESL
// per week"); a week with 8 h of vacation earns on 32 h (time on leave is not worked, ESL-A2):
// 1.0667 h; a week with 8 h of LWOP the same; 5 h of additional compensation on top of the week
// (NUT-V, a lump sum) take nothing away: 1.3333 h.
func TestESL_A3(t *testing.T) {
	rs := profileRS(t, "accruals-nonunit-exempt.json", "NONUNIT_EXEMPT", map[string]rates.PayCode{
		"VACATION":        {Code: "VACATION", Paid: true, AccrualBase: true},
		"LWOP":            {Code: "LWOP"},
		"ADDITIONAL COMP": {Code: "ADDL_COMP_NU", Paid: true, LumpSum: true},
	})
	for _, c := range []struct {
		budgeted, worked float64
		code             string
		hours            float64
		want             string
	}{
		{40, 0, "", 0, "1.3333"},
		{40, 52, "", 0, "1.3333"},
		{37.5, 10, "", 0, "1.2500"},
		{40, 32, "VACATION", 8, "1.0667"},
		{40, 32, "LWOP", 8, "1.0667"},
		{40, 40, "ADDL_COMP_NU", 5, "1.3333"},
	} {
		var e Engine
		var st State
		emp := hired(employee(t, "", "2020-01-01", c.budgeted), t, "2020-01-01")
		emp.RuleSet = "NONUNIT_EXEMPT"
		res := &model.Result{Worked: secs(c.worked)}
		if c.code != "" {
			res.Lines = append(res.Lines, model.PayLine{PayCode: c.code, Seconds: secs(c.hours)})
			res.Absent = secs(c.hours)
		}
		var out []model.Accrual
		var exc []model.Exception
		// The first week of the year, where the cumulative rounding (package comment) starts.
		e.Week(&Input{Emp: emp, RuleSet: rs, Week: firstWeek(2025), Result: res}, &st, &out, &exc)
		if len(out) != 1 || out[0].Bank != "ESL" {
			t.Fatalf("rows %+v", out)
		}
		want(t, "ESL earned", out[0].Earned, c.want)
	}
}

// NUT-VI-5: "However, vacation leave, sick leave, and paid personal leave shall be prorated" for
// 43-week staff; the catalog prorates by time on duty, 43/52 (not 1/1.15). A full-time PSU exempt
// member hired 2024-07-01 (first tier, 20 days) earns 37.5 × 20/260 = 2.8846 h of vacation and
// 37.5 × 14/260 = 2.0192 h of sick leave a week; on a 43-week appointment 2.8846 × 43/52 = 2.3854 h
// and 2.0192 × 43/52 = 1.6697 h (PSU-SL-NE43: prorated "in accordance with the 43-week policy").
func TestNUT_VI_5(t *testing.T) {
	rs := psuExemptRS(t)
	for _, c := range []struct {
		weeks43   bool
		vac, sick string
	}{{false, "2.8846", "2.0192"}, {true, "2.3854", "1.6697"}} {
		emp := hired(employee(t, "", "2024-07-01", 37.5), t, "2024-07-01")
		emp.RuleSet, emp.Weeks43 = "PSU_EXEMPT", c.weeks43
		var e Engine
		var st State
		var out []model.Accrual
		var exc []model.Exception
		e.Week(&Input{Emp: emp, RuleSet: rs, Week: firstWeek(2026), Result: &model.Result{}}, &st, &out, &exc)
		for _, r := range out {
			switch r.Bank {
			case "VACATION":
				want(t, "vacation", r.Earned, c.vac)
			case "SICK":
				want(t, "sick", r.Earned, c.sick)
			}
		}
	}
}

// PSU-11.3: "The following conditions are likely indicators of an excessive workload: … The
// compensatory time balance accrued is greater than one regular work week of that bargaining unit
// member for a four-month period; Compensatory time expiring is greater than one day." A full-time
// member's week is 37.5 h, a day 7.5 h.
//   - Expiring: a lot of 8 h credited 2025-11-22 expires 2026-11-22, in the week of Sun 11-22: 8 h
//     > 7.5 h → EXCESSIVE_WORKLOAD; 7.5 h is not greater → nothing (the forfeit is shown either way).
//   - Held: lots of 20 h credited 2026-07-18 and 20 h 2026-07-25. The week ending Sat 11-21 holds 20
//     h four months old (credited by 07-21) → not more than a week; the week ending 11-28 holds 40
//     h credited by 07-28 → raised once; the week ending 12-05 still does, and raises nothing new.
//     With 3 h used in the week of 11-22 (oldest first: 17 + 20 = 37 h) it is not raised.
//
// TC-S-51's second and third alerts; its first ("extra weekly hours persisting > 2 months") needs
// a history of weeks the close does not keep and is not raised (README).
func TestPSU_11_3(t *testing.T) {
	for _, c := range []struct {
		hours string
		want  bool
	}{{"8", true}, {"7.5", false}} {
		var e Engine
		st := State{Lots: []Lot{{Credit: day(t, "2025-11-22"), Hours: hrs(t, c.hours)}}}
		_, _, exc := lotWeek(t, &e, &st, day(t, "2026-11-22"), 0, 0, false)
		got := false
		for _, x := range exc {
			got = got || (x.Code == ExcWorkload && x.RuleID == "PSU-11.3")
		}
		if got != c.want {
			t.Errorf("%s h expiring: raised %v, want %v (%+v)", c.hours, got, c.want, exc)
		}
	}
	for _, c := range []struct {
		used float64
		want []bool // raised in the weeks of 11-15, 11-22, 11-29
	}{{0, []bool{false, true, false}}, {3, []bool{false, false, false}}} {
		var e Engine
		st := State{Lots: []Lot{{Credit: day(t, "2026-07-18"), Hours: hrs(t, "20")}, {Credit: day(t, "2026-07-25"), Hours: hrs(t, "20")}}}
		for k, w := range []string{"2026-11-15", "2026-11-22", "2026-11-29"} {
			used := 0.0
			if k == 1 {
				used = c.used
			}
			_, _, exc := lotWeek(t, &e, &st, day(t, w), 0, used, false)
			got := false
			for _, x := range exc {
				got = got || (x.Code == ExcWorkload && x.RuleID == "PSU-11.3")
			}
			if got != c.want[k] {
				t.Errorf("used %v, week %s: raised %v, want %v (%+v)", c.used, w, got, c.want[k], exc)
			}
		}
	}
}

// PSU-18.2-C1, a use after the lot's last day: "Compensatory time not used within twelve calendar
// months after it is credited will be forfeited." The audit's case: a 7.5 h lot credited
// 2025-11-15 expires 2025-11-15 + 12 months = 2026-11-15 (Sunday, end of day); the week of
// 2026-11-15 uses 7.5 h of comp on Friday 11/20, after it. The lot cannot pay it: 7.5 h forfeited
// (COMP_FORFEITED), 0 h used, and the Friday's 7.5 h have no balance (INSUFFICIENT_BALANCE). A
// use on Sunday 11/15 itself, the last day, is still paid (used 7.5 h, nothing forfeited). The
// old code took the Friday use from the expired lot and forfeited nothing.
func TestPSU_18_2_C1_UseAfterExpiry(t *testing.T) {
	w := day(t, "2026-11-15")
	for _, c := range []struct {
		use             calendars.Date
		used, forfeited string
		short           bool
	}{{w + 5, "0", "7.5", true}, {w, "7.5", "0", false}} {
		var e Engine
		st := State{Lots: []Lot{{Credit: day(t, "2025-11-15"), Hours: hrs(t, "7.5")}}}
		emp := hired(employee(t, "", "2010-01-01", 37.5), t, "2010-01-01")
		emp.RuleSet = "PSU_EXEMPT"
		res := &model.Result{Lines: []model.PayLine{{WorkDate: c.use, PayCode: "XCOMP_USED", RuleID: "PSU-18.2-C4", Seconds: secs(7.5)}}}
		var out []model.Accrual
		var exc []model.Exception
		e.Week(&Input{Emp: emp, RuleSet: psuExemptRS(t), Week: w, Result: res}, &st, &out, &exc)
		for _, r := range out {
			if r.Bank == "EXEMPT_COMP" && !r.Lot && (r.Used != hrs(t, c.used) || r.Forfeited != hrs(t, c.forfeited) || r.Closing != 0) {
				t.Errorf("use on %s: bank row %+v, want used %s forfeited %s closing 0", c.use, r, c.used, c.forfeited)
			}
		}
		var short, forfeited bool
		for _, x := range exc {
			short = short || (x.Code == ExcInsufficient && x.Date == c.use)
			forfeited = forfeited || x.Code == ExcLotForfeited
		}
		if short != c.short || forfeited != c.short {
			t.Errorf("use on %s: exceptions %+v", c.use, exc)
		}
	}
}

// PSU-18.2-C1 with the catalog's TC-D-13: "Compensatory time not used within twelve calendar
// months after it is credited will be forfeited." 6.0 h earned in the week Sun 2024-03-10 – Sat
// 2024-03-16 make a lot credited on the week's last day, 2024-03-16, whose last day is 2024-03-16
// + 12 months = 2025-03-16 (a Sunday): kept through the week of 2025-03-09, forfeited (6 h) in the
// week of 2025-03-16, the first week that runs past that day.
func TestPSU_18_2_C1_TCD13(t *testing.T) {
	var e Engine
	var st State
	_, lots, _ := lotWeek(t, &e, &st, day(t, "2024-03-10"), 6, 0, false)
	if len(lots) != 1 || lots[0].CreditDate != day(t, "2024-03-16") || lots[0].Expires != day(t, "2025-03-16") || lots[0].Closing != hrs(t, "6") {
		t.Fatalf("lot %+v", lots)
	}
	bank, _, _ := lotWeek(t, &e, &st, day(t, "2025-03-09"), 0, 0, false)
	if bank.Forfeited != 0 || bank.Closing != hrs(t, "6") {
		t.Fatalf("the week before: %+v", bank)
	}
	bank, _, _ = lotWeek(t, &e, &st, day(t, "2025-03-16"), 0, 0, false)
	if bank.Forfeited != hrs(t, "6") || bank.Closing != 0 || bank.RuleID != "PSU-18.2-C1" {
		t.Fatalf("the week of 2025-03-16: %+v", bank)
	}
}

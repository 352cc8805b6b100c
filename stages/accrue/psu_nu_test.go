package accrue

import (
	"testing"

	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
)

func psuEmp(t *testing.T, hire string, budgeted float64) *employeeT {
	e := hired(employee(t, "", "1990-01-01", budgeted), t, hire)
	e.RuleSet = "PSU_NONEXEMPT"
	return e
}

// PSU-22.1-A / TC-S-32 / TC-D-24: "Date of hire up to 5 years | 20 days"; "5 years up to 10 years |
// 21 days"; "10 years up to 20 years | 22 days"; "20 or more years | 23 days". Days of 7.5 h × FTE
// over 52 weeks = days × budgeted / 260 a week: 3 y FT 150/52 = 2.884615; the catalog's biweekly
// 5.769231 is two of these. The tier follows the hire date, not seniority.
func TestPSU_22_1_A(t *testing.T) {
	rs := psuRS(t)
	for _, c := range []struct {
		hire     string
		budgeted float64
		want     string
	}{
		{"2015-07-01", 37.5, "2.8846"},  // 3 y: 20 × 37.5 / 260 = 2.884615
		{"2015-07-01", 18.75, "1.4423"}, // FTE 0.5: 1.442308
		{"2012-07-01", 37.5, "3.0288"},  // 6 y: 21 days → 3.028846
		{"2006-07-01", 37.5, "3.1731"},  // 12 y: 22 days → 3.173077
		{"1995-07-01", 37.5, "3.3173"},  // 23 y: 23 days → 3.317308
	} {
		var e Engine
		var st State
		rows, _ := close1(t, &e, psuEmp(t, c.hire, c.budgeted), rs, firstWeek(2019), wk{worked: c.budgeted}, &st)
		want(t, c.hire, rows["VACATION"].Earned, c.want)
	}
	// A year of full weeks is the table's days exactly: 20 × 7.5 = 150 h.
	var e Engine
	var st State
	var total rates.Hours
	for k := 0; k < 52; k++ {
		rows, _ := close1(t, &e, psuEmp(t, "2015-07-01", 37.5), rs, firstWeek(2019)+calendarsDays(7*k), wk{}, &st)
		total += rows["VACATION"].Earned
	}
	want(t, "year", total, "150")
}

// PSU-22.1-C / TC-D-24: "Vacation accrues to a maximum of sixty-four (64) days." and "shall have such
// vacation leave converted to sick leave". VAC 479 + 2.8846 → VAC 480 (+1.0), 1.8846 to SICK on top
// of its own 2.0192 (14 × 37.5 / 260 = 2.019231) = 3.9038; nothing forfeited.
func TestPSU_22_1_C(t *testing.T) {
	rs := psuRS(t)
	var e Engine
	st := opening(t, "VACATION", "479", "SICK", "100")
	rows, _ := close1(t, &e, psuEmp(t, "2015-07-01", 37.5), rs, firstWeek(2019), wk{}, &st)
	want(t, "VAC earned", rows["VACATION"].Earned, "1")
	want(t, "VAC closing", rows["VACATION"].Closing, "480")
	want(t, "VAC forfeited", rows["VACATION"].Forfeited, "0")
	want(t, "SICK earned", rows["SICK"].Earned, "3.9038")
	if rows["VACATION"].RuleID != "PSU-22.1-C" {
		t.Errorf("rule %s", rows["VACATION"].RuleID)
	}
}

// PSU-20.1-A / TC-S-29: "at the rate of one and one-half work days for each full payroll month of
// employment for a total of fourteen (14) days per year." Weekly: 14 × budgeted / 260; a year of
// full weeks is 105 h (FT) and 84 h (FTE 0.8), exactly: TC-D-25's 8.75 h and 7.0 h a month × 12.
func TestPSU_20_1_A(t *testing.T) {
	rs := psuRS(t)
	for _, c := range []struct {
		budgeted float64
		want     string
	}{{37.5, "105"}, {30, "84"}} {
		var e Engine
		var st State
		var total rates.Hours
		for k := 0; k < 52; k++ {
			rows, _ := close1(t, &e, psuEmp(t, "2015-07-01", c.budgeted), rs, firstWeek(2019)+calendarsDays(7*k), wk{}, &st)
			total += rows["SICK"].Earned
		}
		want(t, "year", total, c.want)
	}
}

// PSU-20.1-D: "shall not accrue sick leave credits for any months in which he/she was on leave
// without pay or absent without pay for a total of more than one (1) day." Weekly reading of the
// monthly test (the catalog's own biweekly alternative, scaled ×12/52): the limit is 12/260 of the
// budgeted week, 37.5 h × 12/260 = 1.730769 h (6,230.77 s) for a full-time member. More unpaid
// than that → no sick credit; vacation accrues on the paid fraction (PSU-22.1-B, proportional, the
// catalog's reading): 2 h unpaid → 20 × 35.5 / 260 = 2.730769 → 2.7308 h.
func TestPSU_20_1_D(t *testing.T) {
	rs := psuRS(t)
	var e Engine
	var st State
	rows, _ := close1(t, &e, psuEmp(t, "2015-07-01", 37.5), rs, firstWeek(2019), wk{lines: []ln{{code: "LWOP", hours: 2}}}, &st)
	want(t, "sick, 2 h unpaid", rows["SICK"].Earned, "0")
	want(t, "vacation on 35.5 h: 20 × 35.5 / 260 = 2.730769", rows["VACATION"].Earned, "2.7308")
}

// PSU-20.1-D at or below the limit: the clause takes the month's credit away only for "more than
// one (1) day" unpaid (the catalog: "exactly 450 still accrues"), so at or below the limit the
// credit is the full one: the week (the first of 2019, no earlier nominal weeks to round against)
// earns 37.5 × 14/260 = 2.019231 → 2.0192 h of sick leave with 1.5 h unpaid (the audit's case 4),
// and with 103 min (6,180 s ≤ 6,230.77 s); 104 min (6,240 s) is more than the day → 0. This test
// used to expect 14 × 36/260 = 1.9385 h for 1.5 h unpaid (the sick base reduced by the unpaid time):
// the contract wins, nothing in §20.1.D prorates. Vacation is still proportional (PSU-22.1-B):
// 1.5 h unpaid → 20 × 36/260 = 2.769231 → 2.7692 h.
func TestPSU_20_1_D_AtOrBelowLimitAccruesInFull(t *testing.T) {
	rs := psuRS(t)
	var e Engine
	for _, c := range []struct {
		unpaid ln
		sick   string
	}{
		{ln{code: "LWOP", hours: 1.5}, "2.0192"},
		{ln{code: "LWOP", minutes: 103}, "2.0192"},
		{ln{code: "LWOP", minutes: 104}, "0"},
	} {
		var st State
		rows, _ := close1(t, &e, psuEmp(t, "2015-07-01", 37.5), rs, firstWeek(2019), wk{lines: []ln{c.unpaid}}, &st)
		want(t, "sick, "+lnString(c.unpaid)+" unpaid", rows["SICK"].Earned, c.sick)
	}
	var st State
	rows, _ := close1(t, &e, psuEmp(t, "2015-07-01", 37.5), rs, firstWeek(2019), wk{lines: []ln{{code: "LWOP", hours: 1.5}}}, &st)
	want(t, "vacation on 36 h: 20 × 36 / 260 = 2.769231", rows["VACATION"].Earned, "2.7692")
}

func lnString(l ln) string { return rates.HoursOf(lineSecs(l)).String() + " h" }

// PSU-SL-SICK: "a 120-day cap on the accrual of sick leave for employees hired on or after January
// 1, 2018". 900 h × FTE; SICK 899 + 2.0192 → 900, 1.0192 forfeited; a 2010 hire has no cap.
func TestPSU_SL_SICK(t *testing.T) {
	rs := psuRS(t)
	var e Engine
	st := opening(t, "SICK", "899")
	rows, _ := close1(t, &e, psuEmp(t, "2018-01-01", 37.5), rs, firstWeek(2019), wk{}, &st)
	want(t, "closing", rows["SICK"].Closing, "900")
	want(t, "forfeited", rows["SICK"].Forfeited, "1.0192")
	st = opening(t, "SICK", "899")
	rows, _ = close1(t, &e, psuEmp(t, "2010-01-01", 37.5), rs, firstWeek(2019), wk{}, &st)
	want(t, "no cap before 2018", rows["SICK"].Closing, "901.0192")
}

// PSU-20.1-G / TC-D-20: "Sick leave must be charged against unused sick leave credits in units of
// fifteen (15) minutes". 10 min → 0.25 h, 20 min → 0.5 h, 60 min → 1 h.
func TestPSU_20_1_G(t *testing.T) {
	rs := psuRS(t)
	for _, c := range []struct {
		minutes int64
		want    string
	}{{10, "0.25"}, {20, "0.5"}, {60, "1"}} {
		var e Engine
		st := opening(t, "SICK", "10")
		rows, _ := close1(t, &e, psuEmp(t, "2015-07-01", 37.5), rs, firstWeek(2019), wk{lines: []ln{{code: "SICK", minutes: c.minutes}}}, &st)
		want(t, "charged", rows["SICK"].Used, c.want)
	}
}

// PSU-20.1-L: "Reject sick charges that would make the balance < 0". 8 h sick on 5 h → 5 debited
// and an INSUFFICIENT_BALANCE exception under PSU-20.1-L.
func TestPSU_20_1_L(t *testing.T) {
	rs := psuRS(t)
	var e Engine
	st := opening(t, "SICK", "5")
	rows, exc := close1(t, &e, psuEmp(t, "2015-07-01", 37.5), rs, firstWeek(2019), wk{lines: []ln{{code: "SICK", hours: 8}}}, &st)
	want(t, "used", rows["SICK"].Used, "5")
	if len(exc) != 1 || exc[0].RuleID != "PSU-20.1-L" || exc[0].Code != ExcInsufficient {
		t.Fatalf("exceptions %+v", exc)
	}
}

// PSU-39.6-E3 / TC-S-01: "compensatory time off, calculated at one and one-half times the overtime
// hours … may be accumulated up to 240 hours". The rules credit 5 OT h × 1.5 = 7.5 h (already
// capped against Week.CompBalance); this stage banks it and debits COMP TIME USED.
func TestPSU_39_6_E3(t *testing.T) {
	rs := psuRS(t)
	var e Engine
	st := opening(t, "COMP", "10")
	rows, _ := close1(t, &e, psuEmp(t, "2015-07-01", 37.5), rs, firstWeek(2019), wk{comp: 7.5, lines: []ln{{code: "COMP_USED", hours: 4}}}, &st)
	want(t, "earned", rows["COMP"].Earned, "7.5")
	want(t, "used", rows["COMP"].Used, "4")
	want(t, "closing", rows["COMP"].Closing, "13.5")
	if st.Seconds(Comp) != 13*3600+1800 {
		t.Errorf("comp balance for the next week's rules = %d s", st.Seconds(Comp))
	}
}

// PSU-21.8-B / TC-S-30: "A full-time employee not scheduled to work on a holiday shall earn a full
// day (8 hours) of compensatory time for that holiday." The rules credit 8 h; it lands in HOLIDAY.
func TestPSU_21_8_B(t *testing.T) {
	rs := psuRS(t)
	var e Engine
	var st State
	rows, _ := close1(t, &e, psuEmp(t, "2015-07-01", 37.5), rs, firstWeek(2019), wk{hcomp: 8}, &st)
	want(t, "holiday comp", rows["HOLIDAY"].Earned, "8")
}

func nuEmp(t *testing.T, budgeted float64) *employeeT {
	e := hired(employee(t, "", "2015-01-01", budgeted), t, "2015-01-01")
	e.RuleSet = "NONUNIT_NONEXEMPT"
	return e
}

// NU-OT-5 / TC-S-01: "the Compensatory Time must be credited at the same rate as cash Overtime: no
// less than one and one-half (1.5) hours of Compensatory Time for each hour of Overtime worked."
// 45 h week → 5 OT h → 7.5 h comp (credited by the rules, banked here).
func TestNU_OT_5(t *testing.T) {
	var e Engine
	var st State
	rows, _ := close1(t, &e, nuEmp(t, 40), nuRS(t), firstWeek(2019), wk{worked: 45, comp: 7.5}, &st)
	want(t, "comp", rows["COMP"].Earned, "7.5")
}

// NU-OT-7: "The University requires that all employees use compensatory leave before the use of
// vacation or personal time." Comp used beyond the bank is reported under NU-OT-7.
func TestNU_OT_7(t *testing.T) {
	var e Engine
	st := opening(t, "COMP", "2")
	rows, exc := close1(t, &e, nuEmp(t, 40), nuRS(t), firstWeek(2019), wk{lines: []ln{{code: "COMP_USED", hours: 3}}}, &st)
	want(t, "used", rows["COMP"].Used, "2")
	if len(exc) != 1 || exc[0].RuleID != "NU-OT-7" {
		t.Fatalf("exceptions %+v", exc)
	}
}

// ESL-A1 / TC-S-24 / TC-D-17: "1 hour of sick time earned for every 30 hours worked". 30 h → 1 h;
// 1 h → 2 min (0.0333 h); 350 h over 10 weeks of 35 h → 11 h 40 min = 11.6667 h exactly.
func TestESL_A1(t *testing.T) {
	rs := nuRS(t)
	for _, c := range []struct {
		worked float64
		want   string
	}{{30, "1"}, {1, "0.0333"}, {0.5, "0.0167"}} {
		var e Engine
		var st State
		rows, _ := close1(t, &e, nuEmp(t, 40), rs, firstWeek(2019), wk{worked: c.worked}, &st)
		want(t, "esl", rows["ESL"].Earned, c.want)
	}
	var e Engine
	var st State
	var total rates.Hours
	for k := 0; k < 10; k++ {
		rows, _ := close1(t, &e, nuEmp(t, 35), rs, firstWeek(2019)+calendarsDays(7*k), wk{worked: 35}, &st)
		total += rows["ESL"].Earned
	}
	want(t, "350 h", total, "11.6667")
}

// ESL-A2: "Employees accrue earned sick time only on hours worked, not on hours paid when not
// working." 32 worked + 8 vacation → 32/30 = 1.0667.
func TestESL_A2(t *testing.T) {
	var e Engine
	var st State
	rows, _ := close1(t, &e, nuEmp(t, 40), nuRS(t), firstWeek(2019), wk{worked: 32, lines: []ln{{code: "VACATION", hours: 8}}}, &st)
	want(t, "esl", rows["ESL"].Earned, "1.0667")
}

// ESL-A5 / TC-D-17: "Once employees have accrued 40 hours of earned sick time during the benefit
// year, they do not continue to accrue more hours". 30 weeks × 40 h = 1,200 h → exactly 40 h; the
// 31st week accrues nothing even after 8 h are used (the year cap, not the bank cap).
func TestESL_A5(t *testing.T) {
	rs := nuRS(t)
	emp := nuEmp(t, 40)
	var e Engine
	var st State
	var rows map[string]model.Accrual
	for k := 0; k < 30; k++ {
		rows, _ = close1(t, &e, emp, rs, firstWeek(2019)+calendarsDays(7*k), wk{worked: 40}, &st)
	}
	want(t, "YTD after 1,200 h", rows["ESL"].YTD, "40")
	want(t, "balance", rows["ESL"].Closing, "40")
	close1(t, &e, emp, rs, firstWeek(2019)+7*30, wk{worked: 32, lines: []ln{{code: "ESL", hours: 8}}}, &st)
	rows, _ = close1(t, &e, emp, rs, firstWeek(2019)+7*31, wk{worked: 40}, &st)
	want(t, "after the year cap", rows["ESL"].Earned, "0")
	if rows["ESL"].RuleID != "ESL-A5" {
		t.Errorf("rule %s", rows["ESL"].RuleID)
	}
}

// ESL-A6: "Once an employee possesses a bank of 40 hours of unused earned sick time, the employer
// may opt to delay further accrual until the employee draws down the bank". Balance 40, YTD 10:
// 40 h worked accrue nothing (suspended, not forfeited).
func TestESL_A6(t *testing.T) {
	var e Engine
	st := opening(t, "ESL", "40")
	st.Slots[ESL].YTD = hrs(t, "10")
	rows, _ := close1(t, &e, nuEmp(t, 40), nuRS(t), firstWeek(2019)+7*20, wk{worked: 40}, &st)
	want(t, "earned", rows["ESL"].Earned, "0")
	want(t, "forfeited", rows["ESL"].Forfeited, "0")
}

// ESL-A7: "At the end of the benefit year, an employee may rollover up to 40 hours of unused earned
// sick time to the next benefit year." Balance 45 (from a balances file), YTD 38 in December 2020:
// the bank cap stops accrual; the week holding Jan 1 2021 forfeits 5 h and starts a new year;
// the next week, after 8 h used, accrues again: k=1 of 2021 → R(80/30) − R(40/30) = 2.6667 −
// 1.3333 = 1.3334, closing 40 − 8 + 1.3334 = 33.3334, YTD 1.3334.
//
// The week of 2020-12-27 is worked 8 h a day, Mon 12-28 … Fri 2021-01-01. This test once read it
// as a whole week of 2021; the contract wins: "The University will use a year that runs from
// January 1 to December 31", so its 32 h of Dec 28–31 are 2020's (week 52 of 2020: R(2112/30) −
// R(2080/30) = 1.0667, within the 40 − 38 = 2 h 2020 leaves, ESL-A5) and its 8 h of Jan 1
// 2021's (R(8/30) = 0.2667). The numbers do not change: the 40 h the rollover keeps is the bank
// cap, which suspends both (ESL-A6), and the row keeps the rollover's rule. The week splitting
// with room in the bank is TestESL_A7_WeekSplitAtJan1.
func TestESL_A7(t *testing.T) {
	rs := nuRS(t)
	emp := nuEmp(t, 40)
	var e Engine
	st := opening(t, "ESL", "45")
	st.Slots[ESL].YTD = hrs(t, "38")
	rows, _ := close1(t, &e, emp, rs, day(t, "2020-12-20"), wk{worked: 40}, &st)
	want(t, "December: over the bank cap", rows["ESL"].Earned, "0")
	days := []ln{{code: "REG", hours: 8}, {code: "REG", hours: 8}, {code: "REG", hours: 8}, {code: "REG", hours: 8}, {code: "REG", hours: 8}}
	rows, _ = close1(t, &e, emp, rs, day(t, "2020-12-27"), wk{worked: 40, lines: days}, &st)
	want(t, "rollover forfeited", rows["ESL"].Forfeited, "5")
	want(t, "rollover closing", rows["ESL"].Closing, "40")
	want(t, "new year YTD", rows["ESL"].YTD, "0")
	if rows["ESL"].RuleID != "ESL-A7" {
		t.Errorf("rule %s", rows["ESL"].RuleID)
	}
	rows, _ = close1(t, &e, emp, rs, day(t, "2021-01-03"), wk{worked: 32, lines: []ln{{code: "ESL", hours: 8}}}, &st)
	want(t, "earned", rows["ESL"].Earned, "1.0667")
	// 32 h worked at k=1: R((40 + 32)/30) − R(40/30) = 2.4 − 1.3333 = 1.0667.
	want(t, "closing", rows["ESL"].Closing, "33.0667")
	want(t, "YTD", rows["ESL"].YTD, "1.0667")
}

// ESL-B3 / TC-D-20: "The smallest amount of sick time an employee can use is 15 minutes." ESL-B1:
// use above the balance is an INSUFFICIENT_BALANCE under ESL-B1.
func TestESL_B3(t *testing.T) {
	var e Engine
	st := opening(t, "ESL", "10")
	rows, _ := close1(t, &e, nuEmp(t, 40), nuRS(t), firstWeek(2019), wk{lines: []ln{{code: "ESL", minutes: 10}, {code: "ESL", minutes: 20}}}, &st)
	want(t, "10 min + 20 min charged", rows["ESL"].Used, "0.75")
}

func TestESL_B1(t *testing.T) {
	var e Engine
	st := opening(t, "ESL", "1")
	_, exc := close1(t, &e, nuEmp(t, 40), nuRS(t), firstWeek(2019), wk{lines: []ln{{code: "ESL", hours: 2}}}, &st)
	if len(exc) != 1 || exc[0].RuleID != "ESL-B1" || exc[0].Code != ExcInsufficient {
		t.Fatalf("exceptions %+v", exc)
	}
}

package exempt

import (
	"testing"
	"time"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
	"github.com/payclose/payclose/stages/rules"
	"github.com/payclose/payclose/stages/rules/rulestest"
)

// PSU-RS2-SAL (catalog, an engine safeguard: "No PSU text addresses partial-day deductions for
// exempt members. Recommend: never reduce exempt salary for partial-day absences; deduct only
// full-day LWOP/AWOP (FLSA salary-basis rule, 29 CFR 541.602)"). $58,500 ÷ 52 = $1,125.00 a week.
// Three hours of LWOP on Tuesday are not deducted (raised); a full 7.5-hour day on Wednesday is:
// 1,125 × 7.5 ÷ 37.5 = $225.00, the week pays $900.00.
func TestPSU_RS2_SAL(t *testing.T) {
	f := psuFx(t)
	f.days("Mon", "Tue", "Wed", "Thu", "Fri")
	res := f.run()
	expectGross(t, res, 112500)
	if ruleOf(res, codeSalary) != "PSU-RS2-SAL" || hours(res, "REG") != "40" {
		t.Fatalf("salary line:\n%s", dump(res))
	}

	f = psuFx(t)
	f.days("Mon", "Tue", "Thu", "Fri")
	f.Absence("Tue", "LWOP", "3")
	res = f.run()
	expectGross(t, res, 112500)
	if !hasExc(res, excPartial) || excRule(res, excPartial) != "PSU-RS2-SAL" {
		t.Fatalf("a partial day of LWOP must be raised, not deducted:\n%s", dump(res))
	}

	f = psuFx(t)
	f.days("Mon", "Tue", "Thu", "Fri")
	f.Absence("Wed", "LWOP", "7.5")
	res = f.run()
	expectGross(t, res, 90000)
	if hasExc(res, excPartial) || hours(res, "LWOP") != "7.5" {
		t.Fatalf("full-day LWOP:\n%s", dump(res))
	}
}

// SEL-2: for RS2 "Art. 39 is never consulted ('does not apply in any respect to members …
// determined to be exempt')"; catalog §2: "Exempt members are salaried; no overtime pay exists".
// Fifty hours with a Saturday evening and no comp approval: $1,125.00 and not a cent more, no OT,
// no differential; the 10 hours over 40 are raised for the department head (PSU-18.2-B), not
// credited.
func TestSEL_2_NoArticle39(t *testing.T) {
	f := psuFx(t)
	f.Work("Mon 08:00-18:00", "Tue 08:00-18:00", "Wed 08:00-18:00", "Thu 08:00-18:00", "Sat 14:00-24:00")
	res := f.run()
	expectGross(t, res, 112500)
	for _, l := range res.Lines {
		if l.PayCode == "OT" || l.PayCode == "DIFF_SHIFT" || l.Amount != 0 && l.PayCode != codeSalary {
			t.Fatalf("an Article 39 line:\n%s", dump(res))
		}
	}
	if res.ExemptCompEarned != 0 || excRule(res, excNoApprove) != "PSU-18.2-B" {
		t.Fatalf("unapproved hours over 40 are raised:\n%s", dump(res))
	}
}

// PSU-18.2-A: "when those hours exceed forty (40) for full-time employees (pro-rated for part-time
// employees) in a work week, the employee may be eligible for compensatory time". PSU-18.2-B:
// "Compensatory time is granted on an hour-for-hour basis. … the hours which their percentage of
// employment yields when multiplied by 40 (e.g., a ½ time employee needs to work 20 hours to be
// considered for compensatory time)". Full time, approved: 45 h → 5 h; 40 h → 0 (37.5–40 earns
// nothing, catalog C2). Half time (18.75 h, FTE 0.5), TC-S-02: threshold 0.5 × 40 = 20 h
// (18.75 × 40 ÷ 37.5); 22 h documented → 22 − 20 = 2 h; exactly 20 h → 0 (only hours beyond the
// threshold). Paid leave is not documented work: 40 h worked + 8 h vacation → 0.
func TestPSU_18_2_A(t *testing.T) {
	cases := []struct {
		budgeted int64
		work     []string
		vacation bool
		want     string
	}{
		{37*3600 + 1800, []string{"Mon 08:00-17:00", "Tue 08:00-17:00", "Wed 08:00-17:00", "Thu 08:00-17:00", "Fri 08:00-17:00"}, false, "5"},
		{37*3600 + 1800, []string{"Mon 09:00-17:00", "Tue 09:00-17:00", "Wed 09:00-17:00", "Thu 09:00-17:00", "Fri 09:00-17:00"}, false, "0"},
		{18*3600 + 2700, []string{"Mon 08:00-19:00", "Tue 08:00-19:00"}, false, "2"},
		{18*3600 + 2700, []string{"Mon 08:00-18:00", "Tue 08:00-18:00"}, false, "0"},
		{37*3600 + 1800, []string{"Mon 09:00-17:00", "Tue 09:00-17:00", "Wed 09:00-17:00", "Thu 09:00-17:00", "Sat 09:00-17:00"}, true, "0"},
	}
	for i, c := range cases {
		f := psuFx(t)
		f.Emp.BudgetedWeekly, f.Emp.CompApproved = c.budgeted, true
		f.Work(c.work...)
		if c.vacation {
			f.Absence("Fri", "VACATION", "8")
		}
		res := f.run()
		if compHours(res) != c.want || rates.HoursDecimal(res.ExemptCompEarned).String() != c.want {
			t.Fatalf("case %d: comp %s h, want %s\n%s", i, compHours(res), c.want, dump(res))
		}
		if c.want != "0" && ruleOf(res, codeComp) != "PSU-18.2-A" {
			t.Fatalf("case %d: rule %s", i, ruleOf(res, codeComp))
		}
	}
}

// PSU-18.2-B: the credit needs the department head's approval ("with the approval of the
// department head"); 45 h without it credit nothing and raise COMP_NOT_APPROVED for 5 h.
func TestPSU_18_2_B(t *testing.T) {
	f := psuFx(t)
	f.Work("Mon 08:00-17:00", "Tue 08:00-17:00", "Wed 08:00-17:00", "Thu 08:00-17:00", "Fri 08:00-17:00")
	res := f.run()
	if res.ExemptCompEarned != 0 || !hasExc(res, excNoApprove) {
		t.Fatalf("unapproved:\n%s", dump(res))
	}
	for _, x := range res.Exceptions {
		if x.Code == excNoApprove && x.Detail[:3] != "5 h" {
			t.Fatalf("detail %q", x.Detail)
		}
	}
}

// PSU-18.2-B with approvals.csv: "with the approval of the department head". A decision on the
// week's COMP_NOT_APPROVED (dated its last day, Sat 11-21) settles it before the roster flag: 45 h
// approved → 5 h credited and the exception raised to carry the decision; denied → nothing, even
// with COMP_APPROVED=Y; a decision dated another day is not this week's, so the flag decides
// (Y → 5 h, no exception).
func TestPSU_18_2_B_approvals(t *testing.T) {
	for _, c := range []struct {
		date     calendars.Date
		approved bool
		flag     bool
		want     int64
		raised   bool
	}{
		{novWeek + 6, true, false, 5 * 3600, true},
		{novWeek + 6, false, true, 0, true},
		{novWeek + 5, false, true, 5 * 3600, false},
	} {
		f := psuFx(t)
		f.Emp.CompApproved = c.flag
		f.Week.Approvals = []model.Approval{{Employee: "X1", Date: c.date, Exception: excNoApprove, Approved: c.approved}}
		f.Work("Mon 08:00-17:00", "Tue 08:00-17:00", "Wed 08:00-17:00", "Thu 08:00-17:00", "Fri 08:00-17:00")
		res := f.run()
		if res.ExemptCompEarned != c.want || hasExc(res, excNoApprove) != c.raised {
			t.Errorf("decision %s approved %v, flag %v: comp %d s, raised %v\n%s", c.date, c.approved, c.flag, res.ExemptCompEarned, hasExc(res, excNoApprove), dump(res))
		}
	}
}

// PSU-18.5-B: "exempt employees designated as essential who are required to work, or exempt
// employees who volunteer and are approved to work, shall receive an hour of compensatory time for
// each full hour worked." Closure work Monday 09:00–12:40 (3 h 40) → 3 h; Tuesday 10:00–11:30 and
// 13:00–13:30 (2 h in the day, summed before flooring, the catalog's "per closure event per
// workday") → 2 h. No comp approval is needed: the closure row is the designation.
func TestPSU_18_5_B(t *testing.T) {
	f := psuFx(t)
	f.Work("Mon 09:00-12:40", "Tue 10:00-11:30", "Tue 13:00-13:30")
	for i := range f.Week.Spans {
		f.Week.Spans[i].Rule |= model.RuleClosure
	}
	res := f.run()
	if hours(res, codeComp, "PSU-18.5-B") != "5" || res.ExemptCompEarned != 5*3600 {
		t.Fatalf("closure comp:\n%s", dump(res))
	}
	expectGross(t, res, 112500)
}

// PSU-18.3-B: "in no case shall a bargaining unit member receive less than one hour of
// compensatory time for every 8 hours assigned to be on call." The contract's own conversions
// (TC-S-03): a 15.5-hour weeknight tour (Fri 17:00 – Sat 08:30) → 2 h (15.5 ÷ 8 = 1.94, rounded half
// up per tour); a 4-hour tour → 1 h (0.5 rounds up). PSU-18.3-C: "for every hour that a bargaining
// unit member on-call is called back to work beyond his or her regularly scheduled work hours the
// bargaining unit member shall receive an hour of compensatory time": called back Fri 22:00–01:00
// (3 h, no posted shift then) → 3 h. Total 2 + 1 + 3 = 6 h.
func TestPSU_18_3_B(t *testing.T) {
	f := psuFx(t)
	f.Span("Fri 17:00-08:30", model.SpanOnCall)
	f.Span("Wed 18:00-22:00", model.SpanOnCall)
	f.Work("Fri 22:00-01:00")
	res := f.run()
	if hours(res, codeComp, "PSU-18.3-B") != "3" || hours(res, codeComp, "PSU-18.3-C") != "3" || res.ExemptCompEarned != 6*3600 {
		t.Fatalf("on-call comp:\n%s", dump(res))
	}
}

// PSU-18.3-C alone: a call-back that runs into the posted shift earns comp only for the time
// "beyond his or her regularly scheduled work hours": on call Sun 17:00 – Mon 08:00, called back
// Mon 06:00, works through to 10:00 on a shift posted 08:00–16:00 → 2 h call-back comp (+ 2 h for
// the 15-hour tour, 1.875 rounded).
func TestPSU_18_3_C(t *testing.T) {
	f := psuFx(t)
	f.Sched("Mon 08:00-16:00")
	f.Span("Sun 17:00-08:00", model.SpanOnCall)
	f.Work("Mon 06:00-10:00")
	res := f.run()
	if hours(res, codeComp, "PSU-18.3-C") != "2" || hours(res, codeComp, "PSU-18.3-B") != "2" {
		t.Fatalf("call-back into the shift:\n%s", dump(res))
	}
}

// PSU-18.3-A1: "A salary adjustment shall be made to acknowledge the additional expectation of
// serving regularly as part of a formal on-call/call-back system" — the on-call tour earns no comp
// and is shown at no rate. PSU-18.3-A2: "Compensatory time for call-back shall be approved by the
// supervisor only in those instances when the employee must respond to a situation that requires
// work for a prolonged period of time": the 3-hour call-back earns 3 h only with approval.
func TestPSU_18_3_A1(t *testing.T) {
	for _, approved := range []bool{false, true} {
		f := psuFx(t)
		f.Emp.OnCallFormal, f.Emp.CompApproved = true, approved
		f.Span("Fri 17:00-08:30", model.SpanOnCall)
		f.Work("Fri 22:00-01:00")
		res := f.run()
		if hours(res, codeOnCall, "PSU-18.3-A1") != "15.5" || hours(res, codeComp, "PSU-18.3-B") != "0" {
			t.Fatalf("formal on-call:\n%s", dump(res))
		}
		want := "0"
		if approved {
			want = "3"
		}
		if hours(res, codeComp, "PSU-18.3-A2") != want {
			t.Fatalf("approved %v: call-back comp %s, want %s\n%s", approved, hours(res, codeComp, "PSU-18.3-A2"), want, dump(res))
		}
		expectGross(t, res, 112500)
	}
}

// PSU-18.2-C4: "Compensatory time may be used in lieu of any other earned or accrued time." 7.5 h
// of comp used on Friday is paid at the hourly equivalent out of the salary (7.5 × $30 = $225 of
// the $1,125), debiting the EXEMPT_COMP bank; the week still pays $1,125.00.
func TestPSU_18_2_C4(t *testing.T) {
	f := psuFx(t)
	f.days("Mon", "Tue", "Wed", "Thu")
	f.Absence("Fri", "COMP TIME USED", "7.5")
	res := f.run()
	expectGross(t, res, 112500)
	if ruleOf(res, "XCOMP_USED") != "PSU-18.2-C4" || rulestestCents(res, "XCOMP_USED") != 22500 {
		t.Fatalf("comp used:\n%s", dump(res))
	}
	if f.RS.PayCodes["COMP TIME USED"].Bank != "EXEMPT_COMP" {
		t.Fatal("comp used must debit the exempt comp lots")
	}
}

// SEL-1: "NON_UNIT ∧ EXEMPT → RS3 non-OT rules that are not FLSA-specific … + RS5": a salary,
// no overtime. $62,400 ÷ 52 = $1,200.00 whatever the hours (48 h here); 8 h of vacation on Monday
// is $240.00 of it (62,400 ÷ 2080 = $30.00), the salary line the other $960.00; no comp is kept.
func TestSEL_1_NonUnitExempt(t *testing.T) {
	f := nuFx(t)
	f.Work("Mon 08:00-18:00", "Tue 08:00-18:00", "Wed 08:00-18:00", "Thu 08:00-18:00", "Fri 08:00-16:00")
	res := f.run()
	expectGross(t, res, 120000)
	if ruleOf(res, codeSalary) != "SEL-1" || res.ExemptCompEarned != 0 || hasExc(res, excNoApprove) {
		t.Fatalf("non-unit exempt:\n%s", dump(res))
	}
	f = nuFx(t)
	f.days("Tue", "Wed", "Thu", "Fri")
	f.Absence("Mon", "VACATION", "8")
	res = f.run()
	expectGross(t, res, 120000)
	if rulestestCents(res, "VACATION") != 24000 || rulestestCents(res, codeSalary) != 96000 {
		t.Fatalf("vacation out of the salary:\n%s", dump(res))
	}
}

// NUT-VI-1: "shall be to divide the annual 52 week salary by 1.15 to arrive at the annual 43 week
// salary", and NUT-VI-3: "The annual salary shall be paid over a 52 week period". The text also
// says "a 15 percent reduction in base annual salary" (× 0.85); the catalog follows the stated
// method (÷ 1.15), and so do we. A $69,000 position on 43 weeks: 69,000 ÷ 1.15 = $60,000.00, paid
// $60,000 ÷ 52 = $1,153.846… = $1,153.85 every week, worked or not (a non-responsibility week
// with no punches pays the same). PSU exempt members on 43 weeks ("Exempt members of this unit
// will continue to be eligible for 43-week contract appointments") are converted the same way.
//
// The catalog's TC-D-23: $60,000.00 ÷ 1.15 = $52,173.913… → $52,173.91 (× 1.15 = $59,999.9965 →
// $60,000.00, the round trip); paid weekly, 52,173.91 ÷ 52 = $1,003.344… → $1,003.34 a week (the
// catalog's biweekly $2,006.69 is two of these weeks before rounding: the close pays two lines of
// $1,003.34).
func TestNUT_VI_1(t *testing.T) {
	for _, c := range []struct {
		salary, annual43, weekly rates.Money
		families                 []*fx
	}{
		{6900000, 6000000, 115385, []*fx{nuFx(t), psuFx(t)}},
		{6000000, 5217391, 100334, []*fx{nuFx(t)}}, // TC-D-23
	} {
		for _, f := range c.families {
			f.Emp.AnnualSalary, f.Emp.Weeks43 = c.salary, true
			if got := rules.Annual(&f.Emp, f.RS); got != c.annual43 || rates.Round(int64(got)*115, 100) != int64(c.salary) {
				t.Fatalf("%s: 43-week salary %s, want %s and back to the 52-week salary", c.salary, got, c.annual43)
			}
			res := f.run()
			expectGross(t, res, int64(c.weekly))
			if ruleOf(res, codeSalary) != "NUT-VI-1" {
				t.Fatalf("rule:\n%s", dump(res))
			}
		}
	}
}

// NUT-IV-1: "The President must approve, in advance, any salary adjustment and the designation of
// a new hire salary for any non-unit position on a campus if the new hire salary or the adjusted
// salary exceeds $200,000." The catalog recommends triggering at ≥ 200,000; the contract says
// "exceeds", and the contract wins: $200,000.00 is not raised, $200,000.01 is (TC-D-41's NUT-IV-1
// case, whose "recommended ≥" the contract overrides).
func TestNUT_IV_1(t *testing.T) {
	f := nuFx(t)
	f.Emp.AnnualSalary = 20000000
	if res := f.run(); hasExc(res, excApproval) {
		t.Fatal("$200,000.00 does not exceed $200,000")
	}
	f = nuFx(t)
	f.Emp.AnnualSalary = 20000001
	if res := f.run(); excRule(res, excApproval) != "NUT-IV-1" {
		t.Fatalf("$200,000.01:\n%s", dump(res))
	}
	f = psuFx(t) // a PSU salary is set by the agreement: no such check
	f.Emp.AnnualSalary = 25000000
	if res := f.run(); hasExc(res, excApproval) {
		t.Fatal("NUT-IV-1 is a non-unit rule")
	}
}

// NUT-I.C: "A non-unit University employee may be appointed to a contract of employment with the
// approval of the President, provided the following terms and conditions are met: - Such contract
// may not be more than 3 years in duration." Three years from 2024-01-01 end on 2026-12-31 (not
// raised); to 2027-01-01 is a day more (CONTRACT_TOO_LONG); from 2024-02-29 three years end on
// 2027-02-28 (the day before a 2027-02-29 that does not exist; not raised), to 2027-03-01 is
// raised. The week is paid either way ($1,200.00). PSU members have no such contracts.
func TestNUT_I_C(t *testing.T) {
	for _, c := range []struct {
		start, end string
		raised     bool
	}{{"2024-01-01", "2026-12-31", false}, {"2024-01-01", "2027-01-01", true}, {"2024-02-29", "2027-02-28", false}, {"2024-02-29", "2027-03-01", true}} {
		f := nuFx(t)
		var err error
		if f.Emp.ContractStart, err = calendars.ParseISODate(c.start); err != nil {
			t.Fatal(err)
		}
		if f.Emp.ContractEnd, err = calendars.ParseISODate(c.end); err != nil {
			t.Fatal(err)
		}
		f.days("Mon", "Tue", "Wed", "Thu", "Fri")
		res := f.run()
		if hasExc(res, excContract) != c.raised || (c.raised && excRule(res, excContract) != "NUT-I.C") {
			t.Errorf("%s to %s: raised %v, want %v\n%s", c.start, c.end, hasExc(res, excContract), c.raised, dump(res))
		}
		expectGross(t, res, 120000)
	}
	f := psuFx(t)
	f.Emp.ContractStart, f.Emp.ContractEnd = calendars.NewDate(2020, time.January, 1), calendars.NewDate(2029, time.January, 1)
	if res := f.run(); hasExc(res, excContract) {
		t.Fatal("NUT-I.C is a non-unit rule")
	}
}

// NUT-V: "additional compensation for the meaning of this Policy is paid to an FLSA exempt non-unit
// employee, over and above their regular rate of pay, to compensate the non-unit employee for
// performing additional duties". 5 h of ADDITIONAL COMP at $30.00 = $150.00 on top of the
// $1,200.00 week: $1,350.00. The code exists only in the exempt non-unit profile (the non-exempt
// one rejects it as an unknown pay code).
func TestNUT_V(t *testing.T) {
	f := nuFx(t)
	f.days("Mon", "Tue", "Wed", "Thu", "Fri")
	f.Absence("Wed", "ADDITIONAL COMP", "5")
	res := f.run()
	expectGross(t, res, 135000)
	if ruleOf(res, "ADDL_COMP_NU") != "NUT-V" || rulestestCents(res, "ADDL_COMP_NU") != 15000 {
		t.Fatalf("additional compensation:\n%s", dump(res))
	}
	nonExempt := rulestestProfile(t, "NONUNIT_NONEXEMPT")
	if _, ok := nonExempt.PayCodes["ADDITIONAL COMP"]; ok {
		t.Fatal("additional compensation is for exempt staff only")
	}
}

// PSU-RS2-SAL at separation: the final week pays the weekdays employed. Separated Wednesday
// 11-18: three of the five days, 1,125 × 3 ÷ 5 = $675.00.
func TestPSU_RS2_SAL_FinalWeek(t *testing.T) {
	f := psuFx(t)
	f.days("Mon", "Tue", "Wed")
	f.Week.Separation = &model.Separation{Employee: "X1", Date: novWeek.AddDays(3), Reason: model.SepVoluntary}
	res := f.run()
	expectGross(t, res, 67500)
}

// PSU-RS2-SAL in a week an employment begins or ends: "deduct only full-day LWOP/AWOP" — a full
// unpaid day costs a full day's salary, $58,500 ÷ 52 ÷ 5 = $225.00, and the week pays the days
// employed. Hired Wednesday 11-18 (Wed, Thu, Fri employed) with Thursday unpaid: 3 − 1 = 2 days,
// 2 × 225 = $450.00 (the old code cut the week first, 1,125 × 3 ÷ 5 = 675, then took a fifth of the
// cut week, 675 × 7.5 ÷ 37.5 = 135: $540.00). Separated Wednesday 11-18 (Mon, Tue, Wed) with Monday
// unpaid: the same $450.00. Hired Wednesday with Monday unpaid: Monday was never paid, nothing is
// deducted, 3 × 225 = $675.00.
func TestPSU_RS2_SAL_HireOrSeparationWeekUnpaidDay(t *testing.T) {
	wed := novWeek.AddDays(3)
	f := psuFx(t)
	f.Emp.Hire = wed
	f.days("Wed", "Fri")
	f.Absence("Thu", "LWOP", "7.5")
	expectGross(t, f.run(), 45000)

	f = psuFx(t)
	f.Week.Separation = &model.Separation{Employee: "X1", Date: wed, Reason: model.SepVoluntary}
	f.days("Tue", "Wed")
	f.Absence("Mon", "LWOP", "7.5")
	expectGross(t, f.run(), 45000)

	f = psuFx(t)
	f.Emp.Hire = wed
	f.days("Wed", "Thu", "Fri")
	f.Absence("Mon", "LWOP", "7.5")
	expectGross(t, f.run(), 67500)
}

// thanksWeek is Sun 2026-11-22; Thursday 11-26 is Thanksgiving (PSU-21.1).
var thanksWeek = novWeek + 7

// PSU-21.8-B: "A full-time employee not scheduled to work on a holiday shall earn a full day (8
// hours) of compensatory time for that holiday." Posted Sun–Wed and Fri (not Thursday): 8 h
// HOL_COMP_EARNED, the week still $1,125.00. Posted Monday to Friday (or nothing posted, read as
// Monday to Friday): the holiday is a paid day inside the salary, no comp. Half time, not
// scheduled: no comp (its holiday is prorated pay, PSU-21.8-A, TestPSU_21_8_A_NotScheduled).
func TestPSU_21_8_B(t *testing.T) {
	run := func(budget int64, sched ...string) *model.Result {
		f := psuFx(t)
		f.Start = thanksWeek
		f.Emp.BudgetedWeekly = budget
		f.Sched(sched...)
		return f.run()
	}
	res := run(37*3600+1800, "Sun 09:00-16:30", "Mon 09:00-16:30", "Tue 09:00-16:30", "Wed 09:00-16:30", "Fri 09:00-16:30")
	if hours(res, codeHolComp, "PSU-21.8-B") != "8" || res.HolidayCompEarned != 8*3600 {
		t.Fatalf("not scheduled on the holiday:\n%s", dump(res))
	}
	expectGross(t, res, 112500)
	if res := run(37*3600 + 1800); res.HolidayCompEarned != 0 {
		t.Fatalf("nothing posted (Monday to Friday): the holiday is in the salary\n%s", dump(res))
	}
	if res := run(18*3600+2700, "Mon 09:00-16:30", "Tue 09:00-16:30"); res.HolidayCompEarned != 0 {
		t.Fatalf("half time:\n%s", dump(res))
	}
}

// PSU-21.8-A: "A part-time employee shall earn pay or compensatory time for a holiday in the same
// proportion that his/her service bears to full-time service. Such pay for a holiday shall be paid
// whether or not the holiday falls on the employee's regularly scheduled workday." The audit's
// case 3: FTE 0.6 (22.5 ÷ 37.5), $46,800, posted Monday to Wednesday, Thanksgiving Thursday. The
// week is 46,800 ÷ 52 = $900.00, the hourly equivalent 46,800 ÷ (52 × 22.5) = $40.00; the holiday
// is 7.5 × 0.6 = 4.5 h, 4.5 × 40 = $180.00 of HOL_BENEFIT on top: $1,080.00 (the old code paid
// $900.00, the contract wins over the old test's "inside the salary"). Scheduled on Thursday too
// (Monday to Thursday posted): the holiday is a day the salary already pays, $900.00, no
// HOL_BENEFIT. Not scheduled, with Wednesday unpaid (PSU-21.5): no holiday pay, 900 − 180 (the
// unpaid day, 4.5 h) = $720.00.
func TestPSU_21_8_A_NotScheduled(t *testing.T) {
	run := func(lwop bool, sched ...string) *model.Result {
		f := psuFx(t)
		f.Start = thanksWeek
		f.Emp.AnnualSalary, f.Emp.BudgetedWeekly = 4680000, 22*3600+1800
		f.Sched(sched...)
		f.days("Mon", "Tue")
		if lwop {
			f.Absence("Wed", "LWOP", "4.5")
		} else {
			f.days("Wed")
		}
		return f.run()
	}
	res := run(false, "Mon 09:00-16:30", "Tue 09:00-16:30", "Wed 09:00-16:30")
	expectGross(t, res, 108000)
	if hours(res, "HOL_BENEFIT", "PSU-21.8-A") != "4.5" || rulestestCents(res, "HOL_BENEFIT") != 18000 || res.HolidayCompEarned != 0 {
		t.Fatalf("part time, not scheduled on the holiday:\n%s", dump(res))
	}
	res = run(false, "Mon 09:00-16:30", "Tue 09:00-16:30", "Wed 09:00-16:30", "Thu 09:00-16:30")
	expectGross(t, res, 90000)
	if hours(res, "HOL_BENEFIT") != "0" {
		t.Fatalf("part time, scheduled on the holiday: the salary pays it\n%s", dump(res))
	}
	res = run(true, "Mon 09:00-16:30", "Tue 09:00-16:30", "Wed 09:00-16:30")
	expectGross(t, res, 72000)
	if hours(res, "HOL_BENEFIT") != "0" || excRule(res, "HOLIDAY_FORFEITED_LWOP") != "PSU-21.5" {
		t.Fatalf("part time, unpaid the day before the holiday:\n%s", dump(res))
	}
}

// PSU-21.3: "When a holiday occurs on the regular scheduled workday of a bargaining unit member,
// he/she, if not required to work that day, shall be entitled to receive his/her regular day's
// pay" — the salary. Required to work it, an exempt member gets nothing in Article 21; the catalog
// recommends "credit HOLIDAY_COMP 8.0 h × FTE by analogy with PSU-21.8-B": full time 8 h, half
// time (18.75 h) 4 h.
func TestPSU_21_3_Worked(t *testing.T) {
	for _, c := range []struct {
		budget int64
		want   string
	}{{37*3600 + 1800, "8"}, {18*3600 + 2700, "4"}} {
		f := psuFx(t)
		f.Start = thanksWeek
		f.Emp.BudgetedWeekly = c.budget
		f.Work("Thu 09:00-13:00")
		res := f.run()
		if hours(res, codeHolComp, "PSU-21.3") != c.want {
			t.Fatalf("budget %d: %s\n%s", c.budget, hours(res, codeHolComp, "PSU-21.3"), dump(res))
		}
	}
}

// PSU-21.5: "A bargaining unit member who is on leave without pay or is absent without pay for any
// of his/her scheduled workdays immediately preceding or immediately following a holiday shall
// not receive pay for that holiday." Thanksgiving week, posted Monday to Friday, $58,500: a day is
// 58,500 ÷ 52 ÷ 5 = $225.00. The audit's case (week 2026-11-22, $78,000: a day $300, 1,500 − 300 −
// 300 = $900) in this fixture's salary:
//   - Wednesday 7.5 h LWOP: 1,125 − 225 (the unpaid day) − 225 (Thursday's holiday forfeited) =
//     $675.00, raised HOLIDAY_FORFEITED_LWOP under PSU-21.5 (the old code paid $900.00);
//   - Friday 7.5 h LWOP (the day after): the same $675.00;
//   - Wednesday 2 h LWOP ("for any of", any unpaid minutes, the catalog's reading): the partial
//     day is not deducted (PSU-RS2-SAL) but the holiday is: 1,125 − 225 = $900.00;
//   - Tuesday LWOP (not next to the holiday: Wednesday is scheduled between): 1,125 − 225 = $900.00,
//     the holiday kept;
//   - nothing posted (Monday to Friday), Wednesday LWOP: $675.00.
func TestPSU_21_5_LWOPNextToHoliday(t *testing.T) {
	posted := []string{"Mon 09:00-16:30", "Tue 09:00-16:30", "Wed 09:00-16:30", "Thu 09:00-16:30", "Fri 09:00-16:30"}
	for _, c := range []struct {
		name        string
		sched       []string
		work        []string
		lwop, hours string
		want        int64
		forfeit     bool
	}{
		{"Wednesday", posted, []string{"Mon", "Tue", "Fri"}, "Wed", "7.5", 67500, true},
		{"Friday", posted, []string{"Mon", "Tue", "Wed"}, "Fri", "7.5", 67500, true},
		{"part of Wednesday", posted, []string{"Mon", "Tue", "Fri"}, "Wed", "2", 90000, true},
		{"Tuesday", posted, []string{"Mon", "Wed", "Fri"}, "Tue", "7.5", 90000, false},
		{"unposted", nil, []string{"Mon", "Tue", "Fri"}, "Wed", "7.5", 67500, true},
	} {
		f := psuFx(t)
		f.Start = thanksWeek
		f.Sched(c.sched...)
		f.days(c.work...)
		f.Absence(c.lwop, "LWOP", c.hours)
		res := f.run()
		if rulestest.Cents(res) != c.want || hasExc(res, "HOLIDAY_FORFEITED_LWOP") != c.forfeit || (c.forfeit && excRule(res, "HOLIDAY_FORFEITED_LWOP") != "PSU-21.5") {
			t.Errorf("%s: gross %d, want %d; forfeited %v, want %v:\n%s", c.name, rulestest.Cents(res), c.want, hasExc(res, "HOLIDAY_FORFEITED_LWOP"), c.forfeit, dump(res))
		}
	}
}

// PSU-21.5 where the neighbouring workday is in another week: Monday 2026-11-16 is no holiday,
// so the fixture's holiday here is the week of Christmas 2026 (Friday 12-25): posted Monday to
// Thursday, LWOP on none of them, and the following Monday (12-28) not in this close: the holiday
// is paid ($1,125.00) — the week the close is given shows nothing unpaid next to it.
func TestPSU_21_5_NeighbourOutsideTheWeek(t *testing.T) {
	f := psuFx(t)
	f.Start = novWeek + 35 // Sun 2026-12-20
	f.Sched("Mon 09:00-16:30", "Tue 09:00-16:30", "Wed 09:00-16:30", "Thu 09:00-16:30", "Fri 09:00-16:30")
	f.days("Mon", "Tue", "Wed", "Thu")
	res := f.run()
	expectGross(t, res, 112500)
	if hasExc(res, "HOLIDAY_FORFEITED_LWOP") {
		t.Fatalf("no unpaid workday in the week:\n%s", dump(res))
	}
}

// Paid leave of an exempt member is shown at the hourly equivalent and comes out of the salary,
// never on top of it: $58,500 ÷ 1950 = $30.00 an hour, 7.5 h a day = $225.00 a line, the week
// still $1,125.00 (58,500 ÷ 52).
//   - PSU-22.3: "Payment of vacation shall be made at the employee's regular rate of pay at the
//     time of vacation and shall not include any premium or differential payment."
//   - PSU-20.3: "full-time bargaining unit members will be credited annually with six (6) paid
//     personal leave days"
//   - PSU-20.4: "a bargaining unit member shall be entitled to leave without loss of pay for a
//     maximum of four (4) consecutive working days." (bereavement)
//   - PSU-20.6: jury service: the member keeps the regular pay for the period of jury service
//     (jury fees are settled with the University outside payroll).
//
// ESL-C1 (MA earned sick time, non-unit exempt): "For employees paid a salary, the same hourly
// rate means the employee's total earnings in the previous pay period divided by the total hours
// worked during the previous pay period": $62,400 ÷ 52 = $1,200.00 for 40 h, $30.00 an hour, so
// 8 h of earned sick time is $240.00 of the $1,200.00 week.
func TestExemptLeaveAtTheHourlyEquivalent(t *testing.T) {
	f := psuFx(t)
	f.days("Fri")
	f.Absence("Mon", "VACATION", "7.5")
	f.Absence("Tue", "PERSONAL", "7.5")
	f.Absence("Wed", "BEREAVEMENT", "7.5")
	f.Absence("Thu", "JURY DUTY", "7.5")
	res := f.run()
	expectGross(t, res, 112500)
	for _, c := range []struct{ code, rule string }{{"VACATION", "PSU-22.3"}, {"PERSONAL", "PSU-20.3"}, {"BEREAVEMENT", "PSU-20.4"}, {"JURY", "PSU-20.6"}} {
		if ruleOf(res, c.code) != c.rule || rulestestCents(res, c.code) != 22500 {
			t.Errorf("%s: rule %s, %d cents; want %s, 22500:\n%s", c.code, ruleOf(res, c.code), rulestestCents(res, c.code), c.rule, dump(res))
		}
	}

	n := nuFx(t)
	n.days("Mon", "Tue", "Wed", "Thu")
	n.Absence("Fri", "ESL", "8")
	res = n.run()
	expectGross(t, res, 120000)
	if ruleOf(res, "ESL") != "ESL-C1" || rulestestCents(res, "ESL") != 24000 {
		t.Fatalf("earned sick time:\n%s", dump(res))
	}
}

// PSU-18.2-A, the catalog's TC-D-13: "when those hours exceed forty (40) for full-time employees
// (pro-rated for part-time employees) in a work week, the employee may be eligible for
// compensatory time", "granted on an hour-for-hour basis" (PSU-18.2-B), "the hours which their
// percentage of employment yields when multiplied by 40". Full time (37.5 h), approved, documented
// 46.0 h (Mon–Fri 09:00–18:00 = 45 h + Sat 09:00–10:00) → 46 − 40 = 6.0 h EXEMPT_COMP; FTE 0.6
// (22.5 h budgeted) documented 27.0 h (Mon–Wed 09:00–18:00) → threshold 0.6 × 40 = 24 h → 3.0 h;
// full time documented 39.0 h (37.5 < 39 ≤ 40) → 0. The lot's expiry is TestPSU_18_2_C1_TCD13
// (stages/accrue).
func TestPSU_18_2_A_TCD13(t *testing.T) {
	for _, c := range []struct {
		budgeted int64
		work     []string
		want     int64
	}{
		{37*3600 + 1800, []string{"Mon 09:00-18:00", "Tue 09:00-18:00", "Wed 09:00-18:00", "Thu 09:00-18:00", "Fri 09:00-18:00", "Sat 09:00-10:00"}, 6 * 3600},
		{22*3600 + 1800, []string{"Mon 09:00-18:00", "Tue 09:00-18:00", "Wed 09:00-18:00"}, 3 * 3600},
		{37*3600 + 1800, []string{"Mon 09:00-17:00", "Tue 09:00-17:00", "Wed 09:00-17:00", "Thu 09:00-17:00", "Fri 09:00-16:00"}, 0},
	} {
		f := psuFx(t)
		f.Emp.BudgetedWeekly, f.Emp.CompApproved = c.budgeted, true
		f.Work(c.work...)
		res := f.run()
		if res.ExemptCompEarned != c.want || compHours(res) != rates.HoursDecimal(c.want).String() {
			t.Errorf("budgeted %d s: comp %d s, want %d\n%s", c.budgeted, res.ExemptCompEarned, c.want, dump(res))
		}
	}
}

// PSU-18.3-B and PSU-18.3-C, the catalog's TC-D-15: "in no case shall a bargaining unit member
// receive less than one hour of compensatory time for every 8 hours assigned to be on call", and
// "for every hour that a bargaining unit member on-call is called back to work beyond his or her
// regularly scheduled work hours the bargaining unit member shall receive an hour of compensatory
// time". A written assignment for one weekend, Fri 17:00 – Mon 08:30 (63.5 h, the contract's own
// "Round to 8 hours CT"), called back Sat 10:00–12:45 (2 h 45 min, nothing posted then). The
// workweek ends at Saturday midnight, so the close sees the tour in two weeks, each rounded half
// up per tour: Fri 17:00 – Sun 00:00 = 31 h → 31 ÷ 8 = 3.875 → 4 h, plus the call-back's exact
// 2.75 h; Sun 00:00 – Mon 08:30 = 32.5 h → 4.0625 → 4 h. Total 4 + 2.75 + 4 = 10.75 h
// EXEMPT_COMP, the catalog's 8.0 + 2.75.
func TestPSU_18_3_B_TCD15(t *testing.T) {
	f := psuFx(t)
	f.Span("Fri 17:00-17:00", model.SpanOnCall) // rows of at most 24 h, as the punches carry them
	f.Span("Sat 17:00-00:00", model.SpanOnCall)
	f.Work("Sat 10:00-12:45")
	res := f.run()
	if hours(res, codeComp, "PSU-18.3-B") != "4" || hours(res, codeComp, "PSU-18.3-C") != "2.75" || res.ExemptCompEarned != 6*3600+2700 {
		t.Fatalf("first week:\n%s", dump(res))
	}
	first := res.ExemptCompEarned
	f = &fx{rulestest.NewFixture(t, f.RS, novWeek+7, f.Emp), "psuexempt"}
	f.Span("Sun 00:00-00:00", model.SpanOnCall)
	f.Span("Mon 00:00-08:30", model.SpanOnCall)
	res = f.run()
	if hours(res, codeComp, "PSU-18.3-B") != "4" || first+res.ExemptCompEarned != 10*3600+2700 {
		t.Fatalf("second week (first %d s):\n%s", first, dump(res))
	}
}

// ESL-C1, the catalog's TC-D-18 (HR-Internal-01 "Same Hourly Rate"): "For employees paid a
// salary, the same hourly rate means the employee's total earnings in the previous pay period
// divided by the total hours worked during the previous pay period … employees who are exempt …
// shall be assumed to work 40 hours in each week". A salaried exempt non-unit employee at $52,000
// ($1,000.00 a week, two weeks $2,000.00 for 80 assumed hours) → $25.00 an hour: 8 h of ESL on
// Monday pay 8 × $25.00 = $200.00 out of the week's $1,000.00 (SALARY the other $800.00).
func TestESL_C1(t *testing.T) {
	f := nuFx(t)
	f.Emp.AnnualSalary = 5200000
	f.days("Tue", "Wed", "Thu", "Fri")
	f.Absence("Mon", "ESL", "8")
	res := f.run()
	expectGross(t, res, 100000)
	if rulestestCents(res, "ESL") != 20000 || ruleOf(res, "ESL") != "ESL-C1" || rulestestCents(res, codeSalary) != 80000 {
		t.Fatalf("ESL at the same hourly rate:\n%s", dump(res))
	}
}

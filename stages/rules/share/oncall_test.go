package share

import (
	"strings"
	"testing"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/stages/model"
	"github.com/payclose/payclose/stages/rules/rulestest"
)

// The §15 D fixture: day employee, base $20.00, scheduled Tue 07:00–15:30 (worked 8 h with the meal
// split), on call Tue 15:30 → Wed 07:00 (15.5 h), approved position.
func onCallFx(t *testing.T) *fx {
	f := newFx(t)
	f.sched("Tue 07:00", "15:30")
	f.work("Tue 07:00", "11:00", 0)
	f.work("Tue 11:30", "15:30", 0)
	f.span("Tue 15:30", "07:00", 0, model.SpanOnCall)
	return f
}

// line returns the cents of lines with the pay code and rule.
func centsRule(res *model.Result, code, rule string) int64 {
	var s int64
	for _, l := range res.Lines {
		if l.PayCode == code && l.RuleID == rule {
			s += int64(l.Amount)
		}
	}
	return s
}

var hasException = rulestest.HasException

// TestSHARE_OC_A — "Employees placed on-call will be paid the on-call rate of $3.00 per hour."
// Standby is the on-call window less worked time and guarantee windows.
func TestSHARE_OC_A(t *testing.T) {
	f := onCallFx(t)
	res := f.run()
	if hours(res, "ONCALL", "SHARE-OC-A") != "15.5" || cents(res, "ONCALL") != 4650 {
		t.Fatal(dump(res))
	}
}

// TestSHARE_OC_B — "When SHARE members who are on-call report to work, the on-call pay will stop and
// they will be paid at time and-one-half including appropriate differentials." TC-DER-OC-01.
func TestSHARE_OC_B(t *testing.T) {
	f := onCallFx(t)
	f.work("Tue 23:00", "00:30", 0)
	res := f.run()
	// CALLBACK 1.5 h × 1.5 × (20 + 4) = $54.00: OT 1.5 × 30 = 45.00 + NIGHT 1.5 × 6 = 9.00.
	if hours(res, "OT", "SHARE-OC-B") != "1.5" || centsRule(res, "OT", "SHARE-OC-B")+centsRule(res, "DIFF_NIGHT", "SHARE-OC-B") != 5400 {
		t.Fatal(dump(res))
	}
	// G = [23:00, 03:00): top-up 2.5 h × 1.5 × 20 = $75.00; standby 15.5 − 4.0 = 11.5 h = $34.50.
	if hours(res, "CALLBACK_GUARANTEE", "SHARE-OC-D") != "2.5" || cents(res, "CALLBACK_GUARANTEE") != 7500 || cents(res, "ONCALL") != 3450 {
		t.Fatal(dump(res))
	}
	// No additional daily OT on a 9.5-hour Tuesday: the call-back hours already carry a premium.
	if hours(res, "OT", "SHARE-OT-B") != "0" || hours(res, "REG") != "8" {
		t.Fatal(dump(res))
	}
}

// TestSHARE_OC_C — released for low census then on call: "will be paid at their regular straight
// time hourly rate, including all applicable differentials." TC-DER-OC-05.
func TestSHARE_OC_C(t *testing.T) {
	f := newFx(t)
	f.sched("Tue 15:00", "23:30")
	f.work("Tue 15:00", "19:00", 0)
	f.span("Tue 19:00", "23:30", 0, model.SpanReleasedOnCall)
	f.work("Tue 20:00", "23:30", 0)
	res := f.run()
	// 3.5 × (20 + 2 EVE) = $77.00 straight; G = [20:00, 24:00) → top-up 0.5 × 20 = $10.00.
	if hours(res, "OT") != "0" || cents(res, "REG", "DIFF_EVE") != 8800+7700 {
		t.Fatal(dump(res))
	}
	if hours(res, "CALLBACK_GUARANTEE", "SHARE-OC-C") != "0.5" || cents(res, "CALLBACK_GUARANTEE") != 1000 {
		t.Fatal(dump(res))
	}
	// Standby on the on-call period outside worked time and the guarantee: 19:00–20:00 = $3.00.
	if cents(res, "ONCALL") != 300 {
		t.Fatal(dump(res))
	}
}

// TestSHARE_OC_D — "Employees who are called in to work less than four hours prior to the start of
// their regularly scheduled shift are not eligible for the four-hour minimum." TC-DER-OC-03, -04.
func TestSHARE_OC_D(t *testing.T) {
	t.Run("TC-DER-OC-03 called in 04:00, works into the 07:00 shift", func(t *testing.T) {
		f := onCallFx(t)
		f.sched("Wed 07:00", "15:30")
		f.work("Wed 04:00", "11:00", 0)
		f.work("Wed 11:30", "15:30", 0)
		res := f.run()
		// CALLBACK 3 × 1.5 × 24 = $108.00; regular 8 × 20; daily OT 11 − 8 − 3 premium = 0.
		if centsRule(res, "OT", "SHARE-OC-B")+centsRule(res, "DIFF_NIGHT", "SHARE-OC-B") != 10800 || hours(res, "CALLBACK_GUARANTEE") != "0" {
			t.Fatal(dump(res))
		}
		if hours(res, "REG") != "16" || hours(res, "OT", "SHARE-OT-B") != "0" || cents(res, "ONCALL") != 3750 {
			t.Fatal(dump(res))
		}
	})
	t.Run("TC-DER-OC-04 exactly 4 h before the shift: minimum applies", func(t *testing.T) {
		f := onCallFx(t)
		f.sched("Wed 07:00", "15:30")
		f.work("Wed 03:00", "05:00", 0)
		f.work("Wed 07:00", "11:00", 0)
		f.work("Wed 11:30", "15:30", 0)
		res := f.run()
		// worked 2 × 1.5 × 24 = $72.00 + top-up 2 × 30 = $60.00.
		if centsRule(res, "OT", "SHARE-OC-B")+centsRule(res, "DIFF_NIGHT", "SHARE-OC-B") != 7200 || cents(res, "CALLBACK_GUARANTEE") != 6000 {
			t.Fatal(dump(res))
		}
	})
}

// TestSHARE_OC_E — "On-call pay resumes when employees stop receiving regular wages and resume
// on-call status." Standby resumes at the end of the guarantee window, not at punch-out.
func TestSHARE_OC_E(t *testing.T) {
	f := onCallFx(t)
	f.work("Tue 20:00", "20:30", 0)
	res := f.run()
	// Paid window 20:00–24:00; standby 15:30–20:00 (4.5) + 00:00–07:00 (7) = 11.5 h.
	if hours(res, "ONCALL") != "11.5" || hours(res, "CALLBACK_GUARANTEE") != "3.5" {
		t.Fatal(dump(res))
	}
}

// TestSHARE_OC_F — "they will receive at least an additional four hours of pay, minus any overlap
// with the previous four-hour minimum. Employees will not be paid more than once for the same
// period of time." TC-DER-OC-02.
func TestSHARE_OC_F(t *testing.T) {
	f := onCallFx(t)
	f.work("Tue 22:00", "23:00", 0)
	f.work("Wed 00:30", "02:00", 0)
	f.week.Spans[len(f.week.Spans)-1].Workday = f.start.AddDays(2)
	res := f.run()
	// Paid [22:00, 04:30] = 6.5 h: worked 2.5 × 1.5 × 24 = $90.00 (22:00–23:00 is night by RS-6),
	// top-up 4.0 × 30 = $120.00, standby 9.0 × 3 = $27.00.
	if hours(res, "OT", "SHARE-OC-B") != "2.5" || cents(res, "CALLBACK_GUARANTEE") != 12000 || cents(res, "ONCALL") != 2700 {
		t.Fatal(dump(res))
	}
	if got := centsRule(res, "OT", "SHARE-OC-B") + centsRule(res, "DIFF_NIGHT", "SHARE-OC-B") + centsRule(res, "DIFF_EVE", "SHARE-OC-B"); got != 9000 {
		t.Fatalf("call-back pay %d\n%s", got, dump(res))
	}
}

// TestSHARE_OC_G — "Daily and weekly overtime pay may not be duplicated." Call-back hours at 1.5×
// are not counted again as daily or weekly overtime.
func TestSHARE_OC_G(t *testing.T) {
	f := onCallFx(t)
	for _, d := range []string{"Wed", "Thu", "Fri", "Sat"} {
		f.sched(d+" 07:00", "15:30")
		f.work(d+" 07:00", "11:00", 0)
		f.work(d+" 11:30", "15:30", 0)
	}
	f.work("Tue 20:00", "22:00", 0)
	res := f.run()
	// OT-ALG step 4: S = 40 straight + 2 top-up = 42 (the call-back hours are already at a premium
	// and do not fill the straight-time 40) → weekly OT 2 h of Saturday; OT hours 2 (OC-B) + 2 (OT-A).
	if hours(res, "OT", "SHARE-OC-B") != "2" || hours(res, "OT", "SHARE-OT-A") != "2" || hours(res, "OT") != "4" {
		t.Fatal(dump(res))
	}
}

// TestSHARE_OC_H — "On-call hours are not considered hours worked for purposes of overtime
// calculations or benefit accruals." TC-DER-OT-12: standby dollars enter the regular rate, the
// hours do not count toward 40.
func TestSHARE_OC_H(t *testing.T) {
	f := newFx(t)
	for _, d := range []string{"Mon", "Tue", "Wed", "Thu", "Fri"} {
		f.sched(d+" 07:00", "15:30")
		f.work(d+" 07:00", "11:00", 0)
		f.work(d+" 11:30", "15:30", 0)
	}
	f.work("Sat 07:00", "11:00", 0)
	f.span("Sun 07:00", "17:00", 0, model.SpanOnCall)
	res := f.run()
	// RR = (880 + 10 + 30)/44 = 20.9091; premium 4 × 0.5 × 20.9091 = $41.82; total $961.82.
	if hours(res, "OT") != "4" || cents(res) != 96182 {
		t.Fatal(dump(res))
	}
}

// TestSHARE_OC_I — "Employees who are restricted to the premises are considered to be at work
// rather than on-call and will be paid at their current hourly rate." TC-DER-OC-08.
func TestSHARE_OC_I(t *testing.T) {
	f := newFx(t)
	f.span("Wed 15:30", "23:30", model.RuleRestricted, model.SpanOnCall)
	res := f.run()
	// 8 h worked straight, EVE by SHIFT-ALG on the span (15:30–23:00 SHIFT-03, 23:00–23:30 RS-5).
	if res.Worked != 8*3600 || hours(res, "REG") != "8" || hours(res, "DIFF_EVE") != "8" || hours(res, "ONCALL") != "0" || hours(res, "OT") != "0" {
		t.Fatal(dump(res))
	}
}

// TestSHARE_OC_J — "Employees who are not on-call and are called and agree to come in to work will
// receive a minimum of four hours of pay"; "They will be paid at straight time, except as governed
// by the overtime rules." TC-DER-OC-06 (WORKRULE CALLED_IN).
func TestSHARE_OC_J(t *testing.T) {
	f := newFx(t)
	f.work("Sat 09:00", "11:00", model.RuleCalledIn)
	res := f.run()
	// 2 × (20 + 2.50 WKND) = $45.00 + top-up 2 × 20 = $40.00.
	if cents(res, "REG", "DIFF_WKND") != 4500 || hours(res, "CALLBACK_GUARANTEE", "SHARE-OC-J") != "2" || cents(res, "CALLBACK_GUARANTEE") != 4000 {
		t.Fatal(dump(res))
	}
}

// TestSHARE_OC_K — "report to work for in-services, staff meetings, or any purpose other than to
// perform their regular job duties will be paid from the time that they report in"; "The four-hour
// minimum will not apply." TC-DER-OC-07, also while on call.
func TestSHARE_OC_K(t *testing.T) {
	for _, onCall := range []bool{false, true} {
		f := newFx(t)
		if onCall {
			f.span("Thu 15:30", "23:30", 0, model.SpanOnCall)
		}
		f.work("Thu 16:00", "17:00", model.RuleInService)
		res := f.run()
		// 1.0 × (20 + 2 EVE) = $22.00, no minimum; on call: standby 7 h = $21.00.
		if cents(res, "REG", "DIFF_EVE") != 2200 || hours(res, "CALLBACK_GUARANTEE") != "0" || hours(res, "OT") != "0" {
			t.Fatalf("on call %v\n%s", onCall, dump(res))
		}
		if onCall && cents(res, "ONCALL") != 2100 {
			t.Fatal(dump(res))
		}
	}
}

// TestSHARE_OC_STAY — "must stay past the end of the shift for up to 45 minutes … such time shall be
// considered an extended day and paid at time and a half."; "if the activity extends beyond 45
// minutes, the SHARE member shall receive call back pay which shall commence at the end of the full
// shift." The 45 minutes are measured on the raw punch.
func TestSHARE_OC_STAY(t *testing.T) {
	stay := func(t *testing.T, rawOut, roundedOut string) *model.Result {
		f := newFx(t)
		f.sched("Tue 07:00", "15:30")
		f.work("Tue 07:00", "11:00", 0)
		f.work("Tue 11:30", roundedOut, 0)
		f.week.Spans[1].RawEnd = f.at("Tue " + rawOut)
		f.span("Tue 15:30", "07:00", 0, model.SpanOnCall)
		return f.run()
	}
	t.Run("TC-DER-STAY-01 raw 16:15 (45 min): extended day", func(t *testing.T) {
		res := stay(t, "16:15", "16:15")
		// 0.75 × 1.5 × 20 = $22.50; standby from 16:15: 14.75 h.
		if hours(res, "OT", "SHARE-OC-STAY") != "0.75" || centsRule(res, "OT", "SHARE-OC-STAY") != 2250 || hours(res, "ONCALL") != "14.75" || hours(res, "CALLBACK_GUARANTEE") != "0" {
			t.Fatal(dump(res))
		}
	})
	t.Run("TC-DER-STAY-02 raw 16:31 (61 min): call-back from 15:30", func(t *testing.T) {
		res := stay(t, "16:31", "16:30")
		// worked 1.0 × 1.5 × 20 = $30.00 + top-up 3.0 × 30 = $90.00; standby resumes 19:30: 11.5 h.
		if centsRule(res, "OT", "SHARE-OC-B") != 3000 || cents(res, "CALLBACK_GUARANTEE") != 9000 || hours(res, "ONCALL") != "11.5" {
			t.Fatal(dump(res))
		}
	})
	t.Run("TC-DER-STAY-03 raw 16:22 (52 min) rounds to 16:15: still a call-back", func(t *testing.T) {
		res := stay(t, "16:22", "16:15")
		// 4 h minimum: 0.75 worked × 30 = $22.50 + 3.25 top-up × 30 = $97.50.
		if centsRule(res, "OT", "SHARE-OC-B") != 2250 || cents(res, "CALLBACK_GUARANTEE") != 9750 {
			t.Fatal(dump(res))
		}
	})
	t.Run("not on call: normal overtime (OC-STAY (3))", func(t *testing.T) {
		f := newFx(t)
		f.sched("Tue 07:00", "15:30")
		f.work("Tue 07:00", "11:00", 0)
		f.work("Tue 11:30", "16:15", 0)
		res := f.run()
		if hours(res, "OT", "SHARE-OT-B") != "0.75" || hours(res, "OT", "SHARE-OC-STAY") != "0" {
			t.Fatal(dump(res))
		}
	})
}

// TestSHARE_OC_DEF — "Requests to have positions approved for on-call pay eligibility must be made
// to the respective Vice President, with approval received prior to scheduling." TC-DER-OC-09:
// no standby and exception ONCALL_POSITION_NOT_APPROVED; the call-back is still paid (we keep its
// OC-B premium: only the standby needs the approval).
func TestSHARE_OC_DEF(t *testing.T) {
	f := onCallFx(t)
	f.emp.OnCallApproved = false
	f.work("Tue 23:00", "00:30", 0)
	res := f.run()
	if cents(res, "ONCALL") != 0 || rulestest.ExceptionRule(res, "ONCALL_POSITION_NOT_APPROVED") != "SHARE-OC-DEF" || hours(res, "OT", "SHARE-OC-B") != "1.5" {
		t.Fatal(dump(res))
	}
}

// TestOnCallDST — a night call-back is paid by elapsed time and classified by wall clock
// (SHARE-G-03). The call-back belongs to the on-call night's workday (Saturday).
func TestOnCallDST(t *testing.T) {
	cases := []struct {
		name               string
		week               string // Sunday the week starts
		worked, top, stdby string
	}{
		// Fall back 2026-11-01: on call Sat 15:30 EDT → Sun 07:00 EST = 16.5 h; call-back 00:30–03:00
		// wall = 3.5 h elapsed (01:00–02:00 twice); G = 4 h elapsed → top-up 0.5; standby 12.5.
		{"fall back", "2026-10-25", "3.5", "0.5", "12.5"},
		// Spring forward 2026-03-08: on call Sat 15:30 EST → Sun 07:00 EDT = 14.5 h; call-back
		// 00:30–03:00 wall = 1.5 h elapsed; G = 4 h → top-up 2.5; standby 10.5.
		{"spring forward", "2026-03-01", "1.5", "2.5", "10.5"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFx(t)
			f.start = mustDate(t, c.week)
			f.span("Sat 15:30", "16:00", 0, model.SpanOnCall)
			f.week.Spans[0].End = f.at("Sun2 07:00") // the harness's day arithmetic is not DST-aware
			f.work("Sun2 00:30", "03:00", 0)
			f.week.Spans[len(f.week.Spans)-1].Workday = f.start.AddDays(6)
			res := f.run()
			if hours(res, "OT", "SHARE-OC-B") != c.worked || hours(res, "DIFF_NIGHT", "SHARE-OC-B") != c.worked ||
				hours(res, "CALLBACK_GUARANTEE") != c.top || hours(res, "ONCALL") != c.stdby {
				t.Fatal(dump(res))
			}
			if strings.Contains(dump(res), "DIFF_EVE") {
				t.Fatal("a night call-back classified as evening\n" + dump(res))
			}
		})
	}
}

func mustDate(t *testing.T, s string) calendars.Date {
	d, err := calendars.ParseISODate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

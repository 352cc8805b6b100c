package psu

import (
	"testing"

	"github.com/payclose/payclose/stages/model"
)

// PSU-39.4-B: "The regular hours of work for full-time members shall be 37.5 hours per week",
// salaried: the week is paid "annual ÷ 52 whatever the punches say" (PSU-39-ALG step 7), at the
// salary in force on each day. $58,500 ($30.00/h, 58,500 ÷ 1950) raised to $62,400 ($32.00/h) from
// Wednesday 2026-11-18 (rates.csv by workday); worked Mon, Tue, Thu, Fri 7.5 h, Wednesday neither
// worked nor on leave (paid, raised for review):
//
//	Mon, Tue 15 h × $30.00 = $450.00; Thu, Fri 15 h × $32.00 = $480.00; Wednesday's 7.5 h of
//	SALARY_CONT at Wednesday's $32.00 = $240.00 — gross $1,170.00 = 2 × $225 + 3 × $240, the week's
//	salary day by day (the old code paid Wednesday at the week's first base: $225.00, $1,155.00).
func TestPSU_39_4_B_SalaryAtRateInForce(t *testing.T) {
	f := newFx(t, novWeek)
	for _, d := range []string{"Mon", "Tue", "Thu", "Fri"} {
		f.Work(d+" 08:00-12:00", d+" 12:30-16:00")
	}
	f.RaiseFrom(3, model.Pay{AnnualSalary: 6240000})
	res := f.run()
	if hours(res, "SALARY_CONT") != "7.5" || cents(res, "SALARY_CONT") != 24000 {
		t.Fatalf("Wednesday's salary at $32.00 ($240.00):\n%s", dump(res))
	}
	expectGross(t, res, 117000)

	// A raise from Monday with Monday the missing day: Monday's 7.5 h at $32.00, the rest as worked.
	f = newFx(t, novWeek)
	for _, d := range []string{"Tue", "Wed", "Thu", "Fri"} {
		f.Work(d+" 08:00-12:00", d+" 12:30-16:00")
	}
	f.RaiseFrom(1, model.Pay{AnnualSalary: 6240000})
	res = f.run()
	expectGross(t, res, 5*24000)
}

// PSU-39.14: "called back for unscheduled work prior to the commencement of his/her next scheduled
// shift shall receive a minimum of four (4) hours pay at his/her regular hourly overtime rate" —
// the overtime rate of the base the call-back is worked at. $58,500 ($30.00/h) raised to $62,400
// ($32.00/h) from Wednesday (rates.csv by workday); scheduled and worked Mon–Fri 08:00–15:30,
// called back Thursday 21:00–22:00:
//
//	Mon, Tue 15 h × $30.00 = $450.00; Wed–Fri 22.5 h × $32.00 = $720.00; the call-back 1 h × 1.5 ×
//	$32.00 = $48.00 and its guarantee 3 h × $48.00 = $144.00 — gross $1,362.00 (the old code paid
//	the guarantee at 1.5 × the week's first base: 3 h × $45.00 = $135.00, $1,353.00).
func TestPSU_39_14_GuaranteeAtRateInForce(t *testing.T) {
	f := newFx(t, novWeek)
	f.Sched("Mon 08:00-15:30", "Tue 08:00-15:30", "Wed 08:00-15:30", "Thu 08:00-15:30", "Fri 08:00-15:30")
	f.Work("Mon 08:00-15:30", "Tue 08:00-15:30", "Wed 08:00-15:30", "Thu 08:00-15:30", "Thu 21:00-22:00", "Fri 08:00-15:30")
	f.RaiseFrom(3, model.Pay{AnnualSalary: 6240000})
	res := f.run()
	if hours(res, "CALLBACK_GUARANTEE") != "3" || cents(res, "CALLBACK_GUARANTEE") != 14400 {
		t.Fatalf("the guarantee at 1.5 × $32.00 ($144.00):\n%s", dump(res))
	}
	expectGross(t, res, 136200)
}

// PSU-39.10-A1: "If a holiday occurs on a member's regularly scheduled workday but the member is not
// required to work that day, the member is entitled to receive his/her regular day's pay" — the
// day's pay at the salary in force on the holiday. $58,500 ($30.00/h) raised to $62,400 ($32.00/h)
// from Tuesday 2026-11-24 (rates.csv by workday); posted Monday to Friday 08:00–15:30, worked all
// but Thanksgiving (Thursday 11-26):
//
//	Monday 7.5 h × $30.00 = $225.00; Tuesday, Wednesday, Friday 22.5 h × $32.00 = $720.00;
//	HOL_BENEFIT 7.5 h × $32.00 = $240.00 — gross $1,185.00 (the old code paid the holiday at the
//	week's first base, 7.5 h × $30.00 = $225.00: $1,170.00).
func TestPSU_39_10_A1_HolidayAtRateInForce(t *testing.T) {
	f := newFx(t, thanksgivingWeek)
	f.StandardSchedule()
	f.Work("Mon 08:00-15:30", "Tue 08:00-15:30", "Wed 08:00-15:30", "Fri 08:00-15:30")
	f.RaiseFrom(2, model.Pay{AnnualSalary: 6240000})
	res := f.run()
	if hours(res, "HOL_BENEFIT") != "7.5" || cents(res, "HOL_BENEFIT") != 24000 {
		t.Fatalf("Thanksgiving's day at $32.00 ($240.00):\n%s", dump(res))
	}
	expectGross(t, res, 118500)
}

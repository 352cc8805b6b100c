package nonunit

import (
	"testing"
	"time"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
)

var thanksgivingWeek = calendars.NewDate(2026, time.November, 22) // Thu 2026-11-26 Thanksgiving

// NU-OT-DEF: "Paid time off such as vacation time, sick time, personal time, holiday time ... are
// not included in hours worked" — holiday time is paid time off, paid at the regular rate (NU-OT-1:
// "the employee's regular hourly rate"), the rate in force on the holiday. An hourly member at
// $20.00 raised to $22.00 from Tuesday 2026-11-24 (rates.csv by workday) works Mon–Wed 8 h and has
// Thanksgiving (Thu) off:
//
//	Mon 8 h × $20.00 = $160.00; Tue, Wed 8 h × $22.00 = $352.00; Thu HOL_BENEFIT 8 h × $22.00 =
//	$176.00 — gross $688.00 (the old code paid the holiday at the week's first rate: $160.00, $672.00).
func TestNU_OT_DEF_HolidayAtRateInForce(t *testing.T) {
	f := newFx(t, thanksgivingWeek)
	f.Emp.AnnualSalary, f.Emp.BaseRate = 0, rates.Dollars(20, 0)
	f.Work("Mon 08:00-16:00", "Tue 08:00-16:00", "Wed 08:00-16:00")
	f.RaiseFrom(2, model.Pay{BaseRate: rates.Dollars(22, 0)})
	res := f.run()
	if hours(res, "HOL_BENEFIT", "NU-OT-DEF") != "8" || cents(res, "HOL_BENEFIT") != 17600 {
		t.Fatalf("holiday at the rate in force on Thursday ($176.00):\n%s", dump(res))
	}
	expectGross(t, res, 68800)
}

// NU-OT-1's salaried member is paid the budgeted week at the regular rate "annual_salary / (52 ×
// scheduled_weekly_hours)" (catalog), the salary in force on each day. $62,400 a year on 40 h
// ($30.00/h) raised to $66,560 ($32.00/h) from Wednesday 2026-11-18 (rates.csv by workday); worked
// Mon, Tue, Thu, Fri 8 h, Wednesday neither worked nor on leave (paid, raised for review):
//
//	Mon, Tue 16 h × $30.00 = $480.00; Thu, Fri 16 h × $32.00 = $512.00; Wednesday's 8 h of
//	SALARY_CONT at Wednesday's $32.00 = $256.00 — gross $1,248.00 = 2 × $240 + 3 × $256, the week's
//	salary day by day (the old code paid Wednesday at the week's first rate: $240.00, $1,232.00).
func TestNU_OT_1_SalaryAtRateInForce(t *testing.T) {
	f := newFx(t, novWeek)
	f.umpoDay("Mon", "Tue", "Thu", "Fri")
	f.RaiseFrom(3, model.Pay{AnnualSalary: 6656000})
	res := f.run()
	if hours(res, "SALARY_CONT") != "8" || cents(res, "SALARY_CONT") != 25600 {
		t.Fatalf("Wednesday's salary at $32.00 ($256.00):\n%s", dump(res))
	}
	expectGross(t, res, 124800)
}

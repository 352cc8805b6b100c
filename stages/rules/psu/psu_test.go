package psu

import (
	"testing"
	"time"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
	"github.com/payclose/payclose/stages/rules"
	"github.com/payclose/payclose/stages/rules/rulestest"
)

// Weeks with a holiday (calendars.CalendarFor("PSU")).
var (
	mlkWeek      = calendars.NewDate(2026, time.January, 18)  // Mon 2026-01-19 Martin Luther King Day
	veteransWeek = calendars.NewDate(2026, time.November, 8)  // Wed 2026-11-11 Veterans Day (no differential)
	xmasWeek     = calendars.NewDate(2026, time.December, 20) // Fri 2026-12-25 Christmas Day (differential)
	// Thu 2026-11-26 Thanksgiving Day
	thanksgivingWeek = calendars.NewDate(2026, time.November, 22)
)

// fullWeek works the standard 08:00–15:30 day on the given days.
func (f *fx) workStandard(days ...string) {
	for _, d := range days {
		f.Work(d + " 08:00-15:30")
	}
}

// "The base hourly rate is calculated by dividing annual salary by 1950 hours." TC-D-01: $58,500 →
// $30.00; a 0.5-FTE member with an actual salary of $29,250 → $30.00 (annual ÷ (1950 × FTE)),
// not $15.00.
func TestPSU_39_5_A(t *testing.T) {
	rs := profile(t)
	f := newFx(t, novWeek)
	if got := baseRate(&f.Emp, rs); got != rates.Dollars(30, 0) {
		t.Fatalf("F-PSU base %s, want 30.0000", got)
	}
	f.Emp.AnnualSalary, f.Emp.BudgetedWeekly = 2925000, 67500
	if got := baseRate(&f.Emp, rs); got != rates.Dollars(30, 0) {
		t.Fatalf("0.5 FTE base %s, want 30.0000", got)
	}
}

// The FLSA floor of PSU-39.5-A ("Base pay for calculating the overtime rate for non-exempt members
// shall be determined by applicable law") [D]: a second shift Sunday 15:00–23:00 ($1.00 diff) and
// five 8-hour day shifts: 48 h, weekly OT is the last 8 h (Friday, no differential). Regular rate
// = (48 × 30 + 8 × 1) ÷ 48 = $30.1667; half-time owed on 8 h = $120.67; paid 8 × $15 = $120.00
// → REG_RATE_TRUEUP $0.67.
func TestPSU_39_5_A_FLSAFloor(t *testing.T) {
	f := newFx(t, novWeek)
	f.Work("Sun 15:00-23:00", "Mon 08:00-16:00", "Tue 08:00-16:00", "Wed 08:00-16:00", "Thu 08:00-16:00", "Fri 08:00-16:00")
	res := f.run()
	if hours(res, "OT", "PSU-39.6-E2") != "8" || cents(res, "REG_RATE_TRUEUP") != 67 {
		t.Fatalf("true-up:\n%s", dump(res))
	}
	// 40 × 30 + 8 × 1 diff + 8 × 45 + 0.67
	expectGross(t, res, 120000+800+36000+67)
}

// "Members rendering service on a second shift will receive a shift differential of at least one
// dollar ($1.00) per hour … when the entire workday is on a second or third shift." TC-D-11 (the
// catalog's 15:00–23:30 tour "with 30-min meal" is 8 h, not the 7.5 h it states; 15:00–23:00 and
// 22:30–06:30 with a 30-minute meal are the 7.5-hour tours it means): $7.50; 13:00–21:30 starts
// before 14:00 → $0.
func TestPSU_39_5_B(t *testing.T) {
	for _, c := range []struct {
		name  string
		spans []string
		want  int64
	}{
		{"second 15:00-23:00", []string{"Wed 15:00-19:00", "Wed 19:30-23:00"}, 750},
		{"third 22:30-06:30", []string{"Wed 22:30-02:00", "Thu 02:30-06:30"}, 750},
		{"13:00-21:30", []string{"Wed 13:00-17:00", "Wed 17:30-21:30"}, 0},
		{"second ending after midnight", []string{"Wed 16:00-20:00", "Wed 20:30-00:30"}, 0},
	} {
		f := newFx(t, novWeek)
		f.Work(c.spans...)
		// The Thursday piece of the night tour belongs to Wednesday's workday (ENG-4).
		for i := range f.Week.Spans {
			f.Week.Spans[i].Workday = novWeek.AddDays(3)
		}
		res := f.run()
		if got := cents(res, "DIFF_SHIFT"); got != c.want || got > 0 && rulestest.RuleOf(res, "DIFF_SHIFT") != "PSU-39.5-B" {
			t.Errorf("%s: diff %d cents, want %d\n%s", c.name, got, c.want, dump(res))
		}
	}
}

// "Overtime status exists when total actual work hours … exceed forty (40) hours in a workweek
// (Sunday through Saturday) or eight hours in a day." Exactly 8 h is not overtime; 8.25 h gives
// 0.25 h. TC-D-02: Mon 7.5, Tue 7.5, Wed 10, Thu 7.5, Fri 7.5 → 2 h daily OT, gross $1,230.00.
func TestPSU_39_6_C(t *testing.T) {
	f := newFx(t, novWeek)
	f.Work("Wed 08:00-16:00")
	if res := f.run(); hours(res, "OT") != "0" {
		t.Fatalf("8 h day:\n%s", dump(res))
	}
	f = newFx(t, novWeek)
	f.Work("Wed 08:00-16:15")
	if res := f.run(); hours(res, "OT", "PSU-39.6-E2") != "0.25" {
		t.Fatalf("8.25 h day:\n%s", dump(res))
	}
	f = newFx(t, novWeek)
	f.StandardSchedule()
	f.workStandard("Mon", "Tue", "Thu", "Fri")
	f.Work("Wed 08:00-18:00")
	res := f.run()
	if hours(res, "OT") != "2" || hours(res, "REG") != "38" {
		t.Fatalf("TC-D-02:\n%s", dump(res))
	}
	expectGross(t, res, 123000)
}

// "With the exception of paid sick time, all time for which an employee is on paid leave status
// shall be considered actual time worked for the purpose of calculating overtime."
// TC-D-03: Monday holiday not worked (7.5 h), Tue–Fri 8 h, Sat 2 h → W 34, weekly OT 1.5 h,
// gross $1,267.50. The same with Monday VACATION (a pay-code row). TC-D-04: Monday SICK → no
// overtime, gross $1,245.00.
func TestPSU_39_6_D1(t *testing.T) {
	build := func(start calendars.Date) *fx {
		f := newFx(t, start)
		f.StandardSchedule()
		f.Work("Tue 08:00-16:00", "Wed 08:00-16:00", "Thu 08:00-16:00", "Fri 08:00-16:00", "Sat 08:00-10:00")
		return f
	}
	f := build(mlkWeek)
	res := f.run()
	if hours(res, "HOL_BENEFIT", "PSU-39.10-A1") != "7.5" || hours(res, "OT") != "1.5" {
		t.Fatalf("TC-D-03:\n%s", dump(res))
	}
	expectGross(t, res, 126750)

	f = build(novWeek)
	f.Absence("Mon", "VACATION", "7.5")
	res = f.run()
	if hours(res, "VACATION", "PSU-39.6-D1") != "7.5" || hours(res, "OT") != "1.5" || res.Absent != 27000 {
		t.Fatalf("vacation:\n%s", dump(res))
	}
	expectGross(t, res, 126750)

	f = build(novWeek)
	f.Absence("Mon", "SICK", "7.5")
	res = f.run()
	if hours(res, "OT") != "0" {
		t.Fatalf("TC-D-04:\n%s", dump(res))
	}
	expectGross(t, res, 124500)
}

// "The member will be paid at his/her regular hourly rate of pay for all hours worked up to forty
// (40) hours in any given work week and eight (8) hours in any given work day." Five 8-hour days:
// salary $1,125 + 2.5 h straight = $1,200.00, no overtime.
func TestPSU_39_6_E1(t *testing.T) {
	f := newFx(t, novWeek)
	f.StandardSchedule()
	f.Work("Mon 08:00-16:00", "Tue 08:00-16:00", "Wed 08:00-16:00", "Thu 08:00-16:00", "Fri 08:00-16:00")
	res := f.run()
	if hours(res, "REG", "PSU-39.6-E1") != "40" || hours(res, "OT") != "0" {
		t.Fatalf("%s", dump(res))
	}
	expectGross(t, res, 120000)
}

// "The member will be paid one and one-half times the regular hourly rate of pay (plus shift
// differential, if any) for all hours worked beyond forty (40) hours" [D]: second shift 15:00–23:30
// with a 30-minute meal Mon–Fri (8 h) and Saturday 15:00–19:00 (second shift too): 4 h weekly OT
// at 1.5 × ($30 + $1) = $46.50. Gross 40 × $30 + 40 × $1 + 4 × $46.50 = $1,426.00; the regular
// rate is $31 on every hour, so no true-up.
func TestPSU_39_6_E2(t *testing.T) {
	f := newFx(t, novWeek)
	for _, d := range []string{"Mon", "Tue", "Wed", "Thu", "Fri"} {
		f.Work(d+" 15:00-19:00", d+" 19:30-23:30")
	}
	f.Work("Sat 15:00-19:00")
	res := f.run()
	if hours(res, "OT", "PSU-39.6-E2") != "4" || cents(res, "OT") != 18600 || cents(res, "REG_RATE_TRUEUP") != 0 {
		t.Fatalf("%s", dump(res))
	}
	expectGross(t, res, 142600)
}

// "the department may authorize compensatory time off, calculated at one and one-half times the
// overtime hours … may be accumulated up to 240 hours". TC-S-01: Mon–Fri 8 h + Sat 5 h = 45 h,
// comp elected → OT 5 h, comp "7.5 hours (5 hours x 1.5)", cash OT 0. [D] overtime the salary
// already pays: Mon–Thu 9.5 h (38 h) → 6 h daily OT, 5.5 h of it inside the 37.5 salaried hours
// earns 0.5 × 5.5 = 2.75 h, the 0.5 h beyond earns 0.75 h: 3.5 h; pay stays $1,125.
func TestPSU_39_6_E3(t *testing.T) {
	f := newFx(t, novWeek)
	f.Emp.CompElect = true
	f.StandardSchedule()
	f.Work("Mon 08:00-16:00", "Tue 08:00-16:00", "Wed 08:00-16:00", "Thu 08:00-16:00", "Fri 08:00-16:00", "Sat 08:00-13:00")
	res := f.run()
	if hours(res, "OT", "PSU-39.6-E3") != "5" || cents(res, "OT") != 0 || res.CompEarned != 27000 || hours(res, "COMP_EARNED", "PSU-39.6-E3") != "7.5" {
		t.Fatalf("TC-S-01:\n%s", dump(res))
	}
	expectGross(t, res, 120000)

	f = newFx(t, novWeek)
	f.Emp.CompElect = true
	f.Sched("Mon 08:00-17:30", "Tue 08:00-17:30", "Wed 08:00-17:30", "Thu 08:00-17:30")
	f.Work("Mon 08:00-17:30", "Tue 08:00-17:30", "Wed 08:00-17:30", "Thu 08:00-17:30")
	res = f.run()
	if res.CompEarned != 3*3600+1800 || hours(res, "SALARY_CONT") != "5.5" || hasException(res, rules.ExcUnaccountedPay) {
		t.Fatalf("covered comp:\n%s", dump(res))
	}
	expectGross(t, res, 112500)
}

// "Members who have accrued the maximum amount of compensatory time shall be paid the hourly rate
// authorized for overtime work." TC-D-08: bank 235 h, 5 OT h elected as comp → earned 7.5, credited
// 5.0 (bank 240), the 2.5 comp hours over the cap paid: 1.6667 OT h × $45 = $75.00. TC-S-39: the
// 240-hour cap (PSU-39.6-E3 "may be accumulated up to 240 hours").
func TestPSU_39_6_E4(t *testing.T) {
	f := newFx(t, novWeek)
	f.Emp.CompElect = true
	f.Week.CompBalance = 235 * 3600
	f.StandardSchedule()
	f.Work("Mon 08:00-17:00", "Tue 08:00-17:00", "Wed 08:00-17:00", "Thu 08:00-17:00", "Fri 08:00-17:00")
	res := f.run()
	if res.CompEarned != 5*3600 || cents(res, "OT") != 7500 || hours(res, "OT", "PSU-39.6-E4") != "1.6667" {
		t.Fatalf("TC-D-08:\n%s", dump(res))
	}
}

// "There shall be no duplication, pyramiding, or compounding of any premium wage payments."
// TC-D-07 (second half): a holiday worked 10 h under DOUBLE, other days 7.5 h: the 2 h of daily
// overtime are absorbed by the double time — extra over salary = 2.5 h × $30 + 10 h × $30 =
// $375.00 (10 h × $60 − 7.5 h × $30), not 2 × 1.5.
func TestPSU_39_6_G(t *testing.T) {
	f := newFx(t, veteransWeek)
	f.Emp.HolidayElect = "DOUBLE"
	f.StandardSchedule()
	f.workStandard("Mon", "Tue", "Thu", "Fri")
	f.Work("Wed 08:00-18:00")
	res := f.run()
	if hours(res, "OT") != "2" || hours(res, "HOL_PREMIUM", "PSU-39.10-B") != "10" {
		t.Fatalf("%s", dump(res))
	}
	expectGross(t, res, 112500+37500)
}

// "required to work on a holiday … be compensated at the rate of two (2) times the regular rate of
// pay or shall receive pay for one (1) day at the regular rate plus one (1) compensatory day."
// TC-D-07: scheduled holiday worked 7.5 h, DOUBLE → $225.00 over salary; PAY_PLUS_COMP → $0 extra
// and 8 h holiday comp. Unelected is DOUBLE.
func TestPSU_39_10_B(t *testing.T) {
	for _, c := range []struct {
		elect    string
		gross    int64
		holComp  int64
		premHour string
	}{{"DOUBLE", 135000, 0, "7.5"}, {"", 135000, 0, "7.5"}, {"PAY_PLUS_COMP", 112500, 8 * 3600, "0"}} {
		f := newFx(t, veteransWeek)
		f.Emp.HolidayElect = c.elect
		f.StandardSchedule()
		f.workStandard("Mon", "Tue", "Wed", "Thu", "Fri")
		res := f.run()
		if res.HolidayCompEarned != c.holComp || hours(res, "HOL_PREMIUM") != c.premHour || hours(res, "HOL_BENEFIT") != "0" {
			t.Fatalf("%q:\n%s", c.elect, dump(res))
		}
		expectGross(t, res, c.gross)
	}
}

// "If a holiday occurs on a member's regularly scheduled workday but the member is not required to
// work that day, the member is entitled to receive his/her regular day's pay." MLK Monday off,
// Tue–Fri worked: 7.5 h HOL_BENEFIT, salary $1,125 exactly, nothing unaccounted.
func TestPSU_39_10_A1(t *testing.T) {
	f := newFx(t, mlkWeek)
	f.StandardSchedule()
	f.workStandard("Tue", "Wed", "Thu", "Fri")
	res := f.run()
	if hours(res, "HOL_BENEFIT", "PSU-39.10-A1") != "7.5" || hasException(res, rules.ExcUnaccountedPay) || res.Absent != 0 {
		t.Fatalf("%s", dump(res))
	}
	expectGross(t, res, 112500)
}

// TestPSU_39_10_A1_ScheduledMinutes — §39.10.A: "If a holiday occurs on a member's regularly
// scheduled workday but the member is not required to work that day, the member is entitled to
// receive his/her regular day's pay." The catalog pays "scheduled minutes of that day (salary
// continues; no extra cash)", and §39.4.B's 37.5-hour week is "excluding meal periods" (audit
// case4; before the fix every A1 day was 7.5 h × FTE). Base $30.00, Thanksgiving Thu 2026-11-26
// not worked:
//   - compressed week posted Mon–Thu 08:00–17:52:30 (9.875 h) with a punched 30-minute meal:
//     posted 4 × 9.875 = 39.5 h against the budgeted 37.5 → 2 h of meals ÷ 4 shifts = 30 min
//     each (within §39.7's 30–60 minutes) → 9.875 − 0.5 = 9.375 h × $30 = $281.25. Mon–Wed worked
//     as posted (3 × 9.375 = 28.125 h) + 9.375 = 37.5 h: the salaried week, nothing unaccounted.
//   - the same days posted without the meal, 08:00–17:22:30: 4 × 9.375 = 37.5 h, no meal → 9.375 h.
//   - standard Mon–Fri 09:00–17:00 (8 h): 40 − 37.5 = 2.5 h ÷ 5 = 30 min → 7.5 h × $30 = $225.00.
//   - Mon–Sat 08:00–15:30 (a posted sixth day): 45 − 37.5 = 7.5 h ÷ 6 = 75 min, more than §39.7's
//     sixty, so not meals: the posting does not say the day's meal → the standard day, 7.5 h,
//     $225.00.
//   - Mon, Thu, Fri 09:00–17:00 only (a week posted in part, Tue and Wed not posted): 24 h, less
//     than the budgeted week, says nothing of meals → the standard day, 7.5 h, $225.00 (not the
//     posted 8 h).
//
// The first two fail on the old 7.5 h day; the last three pay what it paid and guard the meal
// reading (paying the posted 8 h of 09:00–17:00 would fail the third and the fifth).
func TestPSU_39_10_A1_ScheduledMinutes(t *testing.T) {
	for _, tc := range []struct {
		name     string
		days     []string
		from, to string // posted shift, to the minute; +30 s when half
		half     bool
		work     bool
		hol      string
		holCents int64
	}{
		{"compressed, posted with the meal", []string{"Mon", "Tue", "Wed", "Thu"}, "08:00", "17:52", true, true, "9.375", 28125},
		{"compressed, posted without the meal", []string{"Mon", "Tue", "Wed", "Thu"}, "08:00", "17:22", true, false, "9.375", 28125},
		{"standard, posted with the meal", []string{"Mon", "Tue", "Wed", "Thu", "Fri"}, "09:00", "17:00", false, false, "7.5", 22500},
		{"sixth day posted", []string{"Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}, "08:00", "15:30", false, false, "7.5", 22500},
		{"week posted in part", []string{"Mon", "Thu", "Fri"}, "09:00", "17:00", false, false, "7.5", 22500},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFx(t, thanksgivingWeek)
			for _, d := range tc.days {
				end := f.At(d, tc.to)
				if tc.half {
					end += 30
				}
				f.Week.Schedule = append(f.Week.Schedule, model.ScheduledShift{Date: f.Start.AddDays(rulestest.DayNames[d]), Start: f.At(d, tc.from), End: end})
				if tc.work && d != "Thu" {
					f.Work(d + " 08:00-12:00")
					f.Span(d+" 12:30-17:52", model.SpanWorked)
					f.Week.Spans[len(f.Week.Spans)-1].End += 30
					f.Week.Spans[len(f.Week.Spans)-1].RawEnd += 30
				}
			}
			res := f.run()
			if hours(res, "HOL_BENEFIT", "PSU-39.10-A1") != tc.hol || cents(res, "HOL_BENEFIT") != tc.holCents {
				t.Fatalf("%s", dump(res))
			}
			if tc.work && (hours(res, "SALARY_CONT") != "0" || hasException(res, rules.ExcUnaccountedPay)) {
				t.Fatalf("the week is not whole:\n%s", dump(res))
			}
		})
	}
}

// "regularly scheduled day off and the member's normal work week is at least five (5) days, the
// member is entitled to receive either one day of pay at his or her regular rate or one (1)
// compensatory day." Tue–Sat schedule, MLK Monday off: 8 h comp by default (the catalog's
// default); with psu_holiday_dayoff_pay, 7.5 h × $30 = $225.00 on top of the salary.
func TestPSU_39_10_A2(t *testing.T) {
	build := func() *fx {
		f := newFx(t, mlkWeek)
		f.Sched("Tue 08:00-15:30", "Wed 08:00-15:30", "Thu 08:00-15:30", "Fri 08:00-15:30", "Sat 08:00-15:30")
		f.workStandard("Tue", "Wed", "Thu", "Fri", "Sat")
		return f
	}
	res := build().run()
	if res.HolidayCompEarned != 8*3600 || hours(res, "HOL_COMP_EARNED", "PSU-39.10-A2") != "8" {
		t.Fatalf("comp:\n%s", dump(res))
	}
	expectGross(t, res, 112500)
	f := build()
	f.RS = withSwitch(t, swDayOffPay, true)
	res = f.run()
	if hours(res, "HOL_BENEFIT", "PSU-39.10-A2") != "7.5" || res.HolidayCompEarned != 0 {
		t.Fatalf("pay:\n%s", dump(res))
	}
	expectGross(t, res, 135000)
}

// "A part-time employee shall earn pay or compensatory time for a holiday in the same proportion
// that his/her service bears to full-time service." TC-D-33: FTE 0.6 (22.5 h), holiday on a
// non-scheduled day → 4.5 h holiday pay.
func TestPSU_21_8_A(t *testing.T) {
	f := newFx(t, mlkWeek)
	f.Emp.AnnualSalary, f.Emp.BudgetedWeekly = 3510000, 81000
	f.Sched("Tue 08:00-15:30", "Wed 08:00-15:30", "Thu 08:00-15:30")
	f.workStandard("Tue", "Wed", "Thu")
	res := f.run()
	if hours(res, "HOL_BENEFIT", "PSU-21.8-A") != "4.5" {
		t.Fatalf("%s", dump(res))
	}
	expectGross(t, res, 67500+13500)
}

// "A full-time employee not scheduled to work on a holiday shall earn a full day (8 hours) of
// compensatory time for that holiday." (a four-day week: A2's five-day condition fails.)
func TestPSU_21_8_B(t *testing.T) {
	f := newFx(t, mlkWeek)
	f.Sched("Tue 07:00-17:00", "Wed 07:00-17:00", "Thu 07:00-17:00", "Fri 07:00-16:30")
	f.Work("Tue 07:00-16:30", "Wed 07:00-16:30", "Thu 07:00-16:30", "Fri 07:00-16:30")
	res := f.run()
	if res.HolidayCompEarned != 8*3600 || hours(res, "HOL_COMP_EARNED", "PSU-21.8-B") != "8" {
		t.Fatalf("%s", dump(res))
	}
}

// "New Year's Day, Independence Day, Labor Day, Thanksgiving Day, or Christmas Day shall receive a
// holiday differential of at least one dollar ($1.00) per hour worked … 11:00 p.m. on the holiday
// eve and 11:00 p.m. on the holiday." TC-D-12: Christmas 07:00–15:30 with a meal → 8 h → $8.00;
// Dec 24 15:00–23:30 (meal 19:00–19:30) → 0.5 h → $0.50, and the second-shift differential on 8 h
// → $8.00.
func TestPSU_39_10_F(t *testing.T) {
	f := newFx(t, xmasWeek)
	f.Emp.HolidayElect = "PAY_PLUS_COMP" // keep the double time out of the figures
	f.Work("Fri 07:00-11:00", "Fri 11:30-15:30")
	res := f.run()
	if hours(res, "DIFF_HOLIDAY", "PSU-39.10-F") != "8" || cents(res, "DIFF_HOLIDAY") != 800 {
		t.Fatalf("Christmas day:\n%s", dump(res))
	}
	f = newFx(t, xmasWeek)
	f.Work("Thu 15:00-19:00", "Thu 19:30-23:30")
	res = f.run()
	if cents(res, "DIFF_HOLIDAY") != 50 || cents(res, "DIFF_SHIFT") != 800 || hours(res, "HOL_PREMIUM") != "0" {
		t.Fatalf("Christmas eve:\n%s", dump(res))
	}
}

// "shall be reimbursed at a rate of at least thirty-five dollars ($35.00) for each stand- by
// period, defined as fifteen (15) hours for any night duty and nine (9) hours for any daytime
// duty." TC-D-10: one night period (Wed 17:00–Thu 08:00) and one day period (Sat 08:00–17:00),
// no call-in → $70.00 and 0 hours worked. A 3-hour evening standby is one (started) period.
// TC-S-36: one night period = 15 h → $35.00, one daytime period = 9 h → $35.00.
func TestPSU_39_9_C(t *testing.T) {
	rs := profile(t)
	// The night period is the rest of the day: 24 − 9 = the contract's fifteen hours.
	if rs.StandbyDayHours != 9*3600 || 24*3600-rs.StandbyDayHours != 15*3600 {
		t.Fatalf("standby day period %d s: the contract's periods are 9 h by day and 15 h by night", rs.StandbyDayHours)
	}
	f := newFx(t, novWeek)
	f.Span("Wed 17:00-08:00", 1)
	f.Span("Sat 08:00-17:00", 1)
	res := f.run()
	if cents(res, "STANDBY") != 7000 || res.Worked != 0 || rulestest.RuleOf(res, "STANDBY") != "PSU-39.9-C" {
		t.Fatalf("%s", dump(res))
	}
	f = newFx(t, novWeek)
	f.Span("Tue 18:00-21:00", 1)
	if res := f.run(); cents(res, "STANDBY") != 3500 {
		t.Fatalf("partial period:\n%s", dump(res))
	}
}

// "left his/her place of employment … called back for unscheduled work prior to the commencement
// of his/her next scheduled shift shall receive a minimum of four (4) hours pay at his/her regular
// hourly overtime rate." TC-D-06: normal week, Tuesday called back 20:00–21:30 → 1.5 h at $45 +
// 2.5 h guarantee at $45 = $180.00 for the event. An in-service meeting is not a call-back.
func TestPSU_39_14(t *testing.T) {
	f := newFx(t, novWeek)
	f.StandardSchedule()
	f.workStandard("Mon", "Tue", "Wed", "Thu", "Fri")
	f.Work("Tue 20:00-21:30")
	res := f.run()
	if hours(res, "OT", "PSU-39.14") != "1.5" || hours(res, "CALLBACK_GUARANTEE", "PSU-39.14") != "2.5" || cents(res, "OT", "CALLBACK_GUARANTEE") != 18000 {
		t.Fatalf("TC-D-06:\n%s", dump(res))
	}
	expectGross(t, res, 112500+18000)

	f = newFx(t, novWeek)
	f.StandardSchedule()
	f.workStandard("Mon", "Tue", "Wed", "Thu", "Fri")
	f.Work("Tue 20:00-21:30")
	f.Week.Spans[len(f.Week.Spans)-1].Rule = 1 << 3 // INSERVICE
	res = f.run()
	if hours(res, "CALLBACK_GUARANTEE") != "0" {
		t.Fatalf("in-service:\n%s", dump(res))
	}
}

// "The regular hours of work for full-time members shall be 37.5 hours per week excluding meal
// periods." The salary is paid for the week: with no punches at all the member is paid 37.5 h
// ($1,125.00) and the week is raised for review; LWOP reduces it (PSU-39-ALG step 7).
func TestPSU_39_4_B(t *testing.T) {
	res := newFx(t, novWeek).run()
	if hours(res, "SALARY_CONT", "PSU-39.4-B") != "37.5" || !hasException(res, rules.ExcUnaccountedPay) {
		t.Fatalf("%s", dump(res))
	}
	expectGross(t, res, 112500)
}

// PSU-39-ALG step 7: "− ΣU × base_rate (LWOP/AWOP deduction)". Monday LWOP 7.5 h, Tue–Fri worked:
// $900.00, the LWOP line pays nothing.
func TestPSU_39_ALG(t *testing.T) {
	f := newFx(t, novWeek)
	f.StandardSchedule()
	f.Absence("Mon", "LWOP", "7.5")
	f.workStandard("Tue", "Wed", "Thu", "Fri")
	res := f.run()
	if hours(res, "LWOP", "PSU-39-ALG") != "7.5" || hours(res, "SALARY_CONT") != "0" {
		t.Fatalf("%s", dump(res))
	}
	expectGross(t, res, 90000)
}

// TestPSU_39_13 — emergency closure work: "shall, at the employee's request, be compensated at the
// rate of two (2) times the regular rate of pay or receive the regular rate of pay and compensatory
// time for each hour worked." TC-D-16: a full-time member ($58,500 ÷ 1950 = $30.00) works 6.0
// scheduled hours during a declared closure (Wed 08:00–14:00, WORKRULE CLOSURE): DOUBLE → an extra
// 6 × $30.00 = $180.00 (CLOSURE_PREMIUM) on top of the salaried week; PAY_PLUS_COMP → 6.0 h of
// comp credited (CLOSURE_COMP_EARNED) and no extra cash.
func TestPSU_39_13(t *testing.T) {
	for _, c := range []struct {
		elect    string
		premium  int64
		compSecs int64
	}{{"DOUBLE", 18000, 0}, {"PAY_PLUS_COMP", 0, 6 * 3600}} {
		f := newFx(t, novWeek)
		f.Emp.HolidayElect = c.elect
		f.StandardSchedule()
		f.workStandard("Mon", "Tue", "Thu", "Fri")
		f.Work("Wed 08:00-14:00")
		f.Week.Spans[len(f.Week.Spans)-1].Rule = model.RuleClosure
		res := f.run()
		if cents(res, "CLOSURE_PREMIUM") != c.premium || res.HolidayCompEarned != c.compSecs {
			t.Fatalf("%s: premium %d comp %ds\n%s", c.elect, cents(res, "CLOSURE_PREMIUM"), res.HolidayCompEarned, dump(res))
		}
		if c.compSecs > 0 && hours(res, "CLOSURE_COMP_EARNED", "PSU-39.13") != "6" {
			t.Fatalf("%s: comp line\n%s", c.elect, dump(res))
		}
	}
}

// TestPSU_39_5_A_TrueUpSplitAcrossAccounts — issue 12, defect 3, on the FLSA-floor week above: "Base
// pay for calculating the overtime rate for non-exempt members shall be determined by applicable
// law". Sunday 15:00–23:00 second shift ($1.00) and Mon–Fri 08:00–16:00: 48 h, the last 8 (Friday)
// are weekly overtime, true-up $0.67. Friday is worked on three labor accounts, 2 h 40 min each
// (08:00–10:40 "A", 10:40–13:20 "B", 13:20–16:00 "C"): 67 ÷ 3 = 22⅓ cents each → 22 + 22 + 22 and
// the cent left to the smallest account: A $0.23, B $0.22, C $0.22.
func TestPSU_39_5_A_TrueUpSplitAcrossAccounts(t *testing.T) {
	f := newFx(t, novWeek)
	f.StandardSchedule()
	f.Work("Sun 15:00-23:00", "Mon 08:00-16:00", "Tue 08:00-16:00", "Wed 08:00-16:00", "Thu 08:00-16:00",
		"Fri 08:00-10:40", "Fri 10:40-13:20", "Fri 13:20-16:00")
	for i, a := range []string{"A", "B", "C"} {
		f.Week.Spans[5+i].Account = a
	}
	f.Week.Spans[0].Account = "S"
	for i := 1; i < 5; i++ {
		f.Week.Spans[i].Account = "M"
	}
	res := f.run()
	got := map[string]int64{}
	for _, l := range res.Lines {
		if l.PayCode == codeTrueUp {
			got[l.Account] += int64(l.Amount)
		}
	}
	if hours(res, "OT", "PSU-39.6-E2") != "8" || cents(res, codeTrueUp) != 67 || got["A"] != 23 || got["B"] != 22 || got["C"] != 22 {
		t.Fatalf("split %v\n%s", got, dump(res))
	}
}

// PSU-39.8: "One fifteen-minute rest period will be given to members during each four-hour work
// period ... may not be used to shorten the length of the workday"; the catalog: "Rest periods are
// WORK (paid; FLSA 29 CFR 785.18, HRG: breaks < 20 min payable)", so a punched break under the
// profile's paid_break_under_minutes (20) is worked time and counts toward overtime; the 30-minute
// meal stays unpaid (PSU-39.7-A). Audit case1: $58,500 → $30.00/h, Mon–Fri 09:00–10:30,
// 10:45–12:30, 13:00–18:00: punched 1.5 + 1.75 + 5 = 8.25 h, with the rest period 8.5 h a day →
// daily OT 0.5 × 5 = 2.5 h at $45 = $112.50; straight 42.5 − 2.5 = 40 h (not over 40): salary
// 37.5 × $30 + 2.5 × $30 = $1,200.00; gross $1,312.50, 1.25 h added. Before the fix only punched
// time was paid: OT 1.25 h, $1,200 + $56.25 = $1,256.25.
func TestPSU_39_8_RestPeriodPaid(t *testing.T) {
	f := newFx(t, novWeek)
	for _, d := range []string{"Mon", "Tue", "Wed", "Thu", "Fri"} {
		f.Sched(d + " 09:00-17:00")
		f.Work(d+" 09:00-10:30", d+" 10:45-12:30", d+" 13:00-18:00")
	}
	res := f.run()
	if hours(res, "OT", "PSU-39.6-E2") != "2.5" || cents(res, "OT") != 11250 || hours(res, "REG") != "40" || res.Added != 5*15*60 {
		t.Fatalf("%s", dump(res))
	}
	expectGross(t, res, 131250)
}

// PSU-39.7-B, the catalog's TC-S-55: "Any time a member is required to work (e.g. not relieved of
// his/her post, station or duty) during a meal break is considered time worked and must be
// compensated." F-PSU posted Mon–Fri 09:00–17:00 (40 h posted against 37.5 budgeted: a 30-minute
// meal a day). Tuesday to Friday the meal is punched out (09:00–12:30, 13:00–17:00: 7.5 h); on
// Monday the member is not relieved and works through it, punched 09:00–17:00 = 8.0 h, the 30
// minutes are worked time: nothing deducted, week 38.0 h, no day over 8 and the week under 40, so
// no overtime; salary 37.5 h $1,125.00 + 0.5 h straight at $30.00 = $15.00 → $1,140.00.
func TestPSU_39_7_B(t *testing.T) {
	f := newFx(t, novWeek)
	for _, d := range []string{"Mon", "Tue", "Wed", "Thu", "Fri"} {
		f.Sched(d + " 09:00-17:00")
	}
	f.Work("Mon 09:00-17:00")
	for _, d := range []string{"Tue", "Wed", "Thu", "Fri"} {
		f.Work(d+" 09:00-12:30", d+" 13:00-17:00")
	}
	res := f.run()
	if res.Deducted != 0 || res.Worked != 38*3600 || hours(res, "OT") != "0" {
		t.Fatalf("%s", dump(res))
	}
	expectGross(t, res, 114000)
}

package nonunit

import (
	"testing"
	"time"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
)

var mlkWeek = calendars.NewDate(2026, time.January, 18) // Mon 2026-01-19 Martin Luther King Day

// umpoDay works 08:30–12:30 and 13:00–17:00 (8 h after the ½-hour lunch).
func (f *fx) umpoDay(days ...string) {
	for _, d := range days {
		f.Work(d+" 08:30-12:30", d+" 13:00-17:00")
	}
}

// "calculated at the rate of one and one-half times (1.5) the employee's regular hourly rate in
// excess of eight (8) hours in any one Tour of Duty or forty (40) hours in any one Workweek".
// Regular rate: $62,400 ÷ (52 × 40) = $30.00 (the catalog's divisor). TC-D-36: Mon 10 h, Tue–Fri
// 8 h → 2 h daily OT → $1,200 + 2 × $45 = $1,290.00 (also TC-S-11's derived continuation: a
// travel day of 10.0 h payable → 2.0 h daily OT; the travel allowance itself is not computed, the
// payable time is what is punched); the same week is TC-D-44's (a one-day trip's 10.0 h payable on
// Monday, punched as worked time, + 4 × 8 h → W 42: daily OT 2.0 h + weekly max(0, 42 − 2 − 40) =
// 0 → 2.0 h). TC-D-37 (and TC-S-15's derived continuation): Sunday travel 10:00–16:00 = 6 h +
// Mon–Fri 8 h → 6 h weekly OT = $270.00.
func TestNU_OT_1(t *testing.T) {
	f := newFx(t, novWeek)
	if got := regularRate(&f.Emp, f.RS); got != rates.Dollars(30, 0) {
		t.Fatalf("regular rate %s", got)
	}
	f.StandardSchedule()
	f.Work("Mon 08:00-18:00")
	f.umpoDay("Tue", "Wed", "Thu", "Fri")
	res := f.run()
	if hours(res, "OT", "NU-OT-1") != "2" {
		t.Fatalf("TC-D-36:\n%s", dump(res))
	}
	expectGross(t, res, 129000)

	f = newFx(t, novWeek)
	f.StandardSchedule()
	f.Work("Sun 10:00-16:00")
	f.umpoDay("Mon", "Tue", "Wed", "Thu", "Fri")
	res = f.run()
	if hours(res, "OT", "NU-OT-1") != "6" || cents(res, "OT") != 27000 {
		t.Fatalf("TC-D-37:\n%s", dump(res))
	}
	expectGross(t, res, 120000+27000)
}

// "Paid time off such as vacation time, sick time, personal time, holiday time, and Compensatory
// Time off, are not included in hours worked". TC-D-05: Monday holiday (8 h), Tue–Fri 8 h, Sat
// 2 h → W 34, no overtime; paid 42 h against 40 → 2 h straight, gross $1,260.00. The same with a
// VACATION row, or with SICK.
func TestNU_OT_DEF(t *testing.T) {
	build := func(start calendars.Date) *fx {
		f := newFx(t, start)
		f.StandardSchedule()
		f.umpoDay("Tue", "Wed", "Thu", "Fri")
		f.Work("Sat 09:00-11:00")
		return f
	}
	res := build(mlkWeek).run()
	if hours(res, "HOL_BENEFIT", "NU-OT-DEF") != "8" || hours(res, "OT") != "0" {
		t.Fatalf("TC-D-05:\n%s", dump(res))
	}
	expectGross(t, res, 126000)
	for _, code := range []string{"VACATION", "SICK"} {
		f := build(novWeek)
		f.Absence("Mon", code, "8")
		res := f.run()
		if hours(res, "OT") != "0" || res.Absent != 8*3600 {
			t.Fatalf("%s:\n%s", code, dump(res))
		}
		expectGross(t, res, 126000)
	}
}

// "An employee who has an agreed upon fixed schedule, as long as the hours do not exceed forty (40)
// hours in a week, would not be subject to daily Overtime." TC-S-23: fixed Mon–Wed 10 h, Thu–Fri
// 5 h, worked as scheduled → OT 0. TC-D-36 (second part): the same schedule worked Mon 11 h, Fri
// 4 h (40 h) → 1 h OT under the catalog's default (daily OT beyond both 8 h and the agreed day), 0
// under the literal reading (switch nu_fixed_schedule_no_daily_ot).
func TestNU_OT_2(t *testing.T) {
	build := func(mon, fri string) *fx {
		f := newFx(t, novWeek)
		f.Emp.ScheduleType = 2 // FIXED
		f.Sched("Mon 07:00-17:00", "Tue 07:00-17:00", "Wed 07:00-17:00", "Thu 08:00-13:00", "Fri 08:00-13:00")
		f.Work("Mon 07:00-"+mon, "Tue 07:00-17:00", "Wed 07:00-17:00", "Thu 08:00-13:00", "Fri 08:00-"+fri)
		return f
	}
	res := build("17:00", "13:00").run()
	if hours(res, "OT") != "0" || hours(res, "REG", "NU-OT-2") != "6" {
		t.Fatalf("TC-S-23:\n%s", dump(res))
	}
	expectGross(t, res, 120000)
	res = build("18:00", "12:00").run()
	if hours(res, "OT", "NU-OT-1") != "1" {
		t.Fatalf("TC-D-36 BEYOND_SCHEDULE:\n%s", dump(res))
	}
	f := build("18:00", "12:00")
	f.RS = withSwitch(t, swFixedNone, true)
	if res := f.run(); hours(res, "OT") != "0" {
		t.Fatalf("TC-D-36 NONE:\n%s", dump(res))
	}
}

// "the Compensatory Time must be credited at the same rate as cash Overtime: no less than one and
// one-half (1.5) hours of Compensatory Time for each hour of Overtime worked." TC-S-01: Mon–Fri
// 8 h + Sat 5 h = 45 h → OT 5 h, comp "7.5 hours (5 hours x 1.5)", no cash overtime.
func TestNU_OT_5(t *testing.T) {
	f := newFx(t, novWeek)
	f.Emp.CompElect = true
	f.StandardSchedule()
	f.umpoDay("Mon", "Tue", "Wed", "Thu", "Fri")
	f.Work("Sat 08:00-13:00")
	res := f.run()
	if res.CompEarned != 27000 || hours(res, "OT", "NU-OT-5") != "5" || cents(res, "OT") != 0 {
		t.Fatalf("TC-S-01:\n%s", dump(res))
	}
	expectGross(t, res, 120000)
}

// "Once employees have accrued 240 hours of Compensatory Time, they must be paid for time worked
// over 8 hours a day that is in excess of the 240-hour maximum." Bank 235 h, 5 OT h → 5 h credited,
// the 2.5 comp hours over the cap paid as 1.6667 OT h × $45 = $75.00 (the catalog applies the cap
// to weekly overtime too). TC-S-39: the 240-hour cap (the 480 hours "for certain public safety,
// emergency, or seasonal work" need a designation the roster does not carry).
func TestNU_OT_6(t *testing.T) {
	f := newFx(t, novWeek)
	f.Emp.CompElect = true
	f.Week.CompBalance = 235 * 3600
	f.StandardSchedule()
	f.umpoDay("Mon", "Tue", "Wed", "Thu", "Fri")
	f.Work("Sat 08:00-13:00")
	res := f.run()
	if res.CompEarned != 5*3600 || hours(res, "OT", "NU-OT-6") != "1.6667" || cents(res, "OT") != 7500 {
		t.Fatalf("%s", dump(res))
	}
}

// TestNU_OT_1_WeekBoundary — "The Workweek ... begins at midnight on Sunday and ends on the
// following Saturday at midnight" (ENG-3: split at the boundary for weekly totals). Mon–Fri 8 h
// plus 7.5 h carried in from last week's Saturday night shift = 47.5 h worked in the week →
// 7.5 h of weekly overtime; a Saturday 22:00–06:00 shift this week adds only 2 h to this week.
func TestNU_OT_1_WeekBoundary(t *testing.T) {
	f := newFx(t, novWeek)
	f.StandardSchedule()
	f.umpoDay("Mon", "Tue", "Wed", "Thu", "Fri")
	f.Week.CarryIn = 7*3600 + 1800
	if res := f.run(); hours(res, "OT", "NU-OT-1") != "7.5" {
		t.Fatalf("carry-in:\n%s", dump(res))
	}
	f = newFx(t, novWeek)
	f.StandardSchedule()
	f.umpoDay("Mon", "Tue", "Wed", "Thu")
	f.Work("Sat 22:00-06:00")
	if res := f.run(); hours(res, "OT") != "0" {
		t.Fatalf("Saturday night after midnight counted in this week:\n%s", dump(res))
	}
}

// NU-HOW-IIIB (seed 001, Hours of Work §III.B): "Rest periods generally shorter than 20 minutes
// are payable." and "Generally, a break of 30 minutes or more need not be payable—as long as the
// employee is completely relived of his or her duties"; the catalog: "g < 20 min → WORK; g ≥ 30
// min ∧ relieved_of_duty → unpaid meal; 20 ≤ g < 30 → WORK (not a bona fide meal; recommend)"
// (29 CFR 785.19: "Ordinarily 30 minutes or more is long enough for a bona fide meal period"). A
// punched break shorter than 30 minutes is paid as worked time and counts toward overtime (29 CFR
// 785.18); the profile's paid_break_under_minutes is 30. Hourly at $30.00 (audit case1):
//
//   - Mon–Fri 08:00–10:00, 10:15–12:00, 12:30–16:30: punched 2 + 1.75 + 4 = 7.75 h a day; the
//     15-minute break is paid, the 30-minute meal is not: 8 h a day, 40 h, no overtime (8 is not
//     over 8, 40 not over 40) → 40 × $30 = $1,200.00, 5 × 0.25 = 1.25 h added. Before the fix
//     only punched time was paid: 38.75 × $30 = $1,162.50.
//   - Mon 08:00–10:00, 10:10–12:00, 12:30–17:00: punched 2 + 1 5/6 + 4.5 = 8 1/3 h, with the
//     10-minute break 8.5 h → 0.5 h daily overtime: 8 × $30 + 0.5 × $45 = $262.50 (before:
//     1/3 h overtime, $240 + $15 = $255.00).
//   - Mon 08:00–10:00, 10:20–12:00, 12:30–16:40: a 20-minute break is not a bona fide meal, so it
//     is paid too: punched 2 + 1 2/3 + 4 1/6 = 7 5/6 h + 1/3 h = 8 1/6 h → 1/6 h daily overtime:
//     8 × $30 + 1/6 × $45 = $240.00 + $7.50 = $247.50, 20 minutes added (before: $235.00).
func TestNU_HOW_IIIB_ShortBreakPaid(t *testing.T) {
	hourly := func() *fx {
		f := newFx(t, novWeek)
		f.Emp.AnnualSalary, f.Emp.BaseRate = 0, rates.Dollars(30, 0)
		return f
	}
	f := hourly()
	for _, d := range []string{"Mon", "Tue", "Wed", "Thu", "Fri"} {
		f.Work(d+" 08:00-10:00", d+" 10:15-12:00", d+" 12:30-16:30")
	}
	res := f.run()
	if hours(res, "REG", "NU-OT-1") != "40" || hours(res, "OT") != "0" || res.Added != 5*15*60 {
		t.Fatalf("15-minute breaks: REG 40 h, no OT, 1.25 h added:\n%s", dump(res))
	}
	expectGross(t, res, 120000)

	f = hourly()
	f.Work("Mon 08:00-10:00", "Mon 10:10-12:00", "Mon 12:30-17:00")
	res = f.run()
	if hours(res, "REG", "NU-OT-1") != "8" || hours(res, "OT", "NU-OT-1") != "0.5" || res.Added != 10*60 {
		t.Fatalf("10-minute break toward daily OT: REG 8 h, OT 0.5 h:\n%s", dump(res))
	}
	expectGross(t, res, 26250)

	f = hourly()
	f.Work("Mon 08:00-10:00", "Mon 10:20-12:00", "Mon 12:30-16:40")
	res = f.run()
	if res.Added != 20*60 || hours(res, "REG", "NU-OT-1") != "8" {
		t.Fatalf("a 20-minute break is paid (20 ≤ g < 30):\n%s", dump(res))
	}
	expectGross(t, res, 24750)
}

// NU-HOW-IIIB, meals that are worked (F-NU: $62,400, 40 h, $30.00 an hour, Tue–Fri 08:30–12:30 and
// 13:00–17:00, 8 h a day). "If the employee is required or even just permitted to perform work
// (whether active or inactive) that predominantly benefits the employer, the time is payable. …
// For example, an administrative assistant who eats lunch at his or her desk and occasionally
// answers the department telephone or directs visitors is working" (TC-S-20): Monday punched
// through 08:30–17:00 (no meal gap) is 8.5 h worked: 8 h REG + 0.5 h daily overtime, $1,200.00 +
// 0.5 × $45.00 = $1,222.50. "he or she must be paid for any work actually performed during the
// otherwise unpaid meal period. For example, if a nurse who is generally granted a thirty-minute
// unpaid meal period is called to the Health Services Department to deal with an emergency, he or
// she must be paid for any such time" (TC-S-21): Monday 08:30–12:30, called 12:40–12:55, back
// 13:00–17:00: the 15 minutes worked are paid, and what is left of the meal (10 and 5 minutes) is
// no bona fide meal ("Rest periods generally shorter than 20 minutes are payable"), so the whole
// half hour is paid: 8 + 0.25 + 0.25 = 8.5 h, 0.5 h daily overtime, $1,222.50 again. With an
// hour's meal (12:30–13:30, back until 17:30) and the same 15-minute call at 12:40 the 35 minutes
// after it stay an unpaid meal: 8 h + 0.25 h worked + 10 minutes' rest paid = 8 5/12 h, 5/12 h
// daily overtime = $18.75, $1,218.75.
func TestNU_HOW_IIIB_MealWorked(t *testing.T) {
	for _, c := range []struct {
		name   string
		monday []string
		ot     string
		gross  int64
	}{
		{"TC-S-20 lunch at the desk", []string{"Mon 08:30-17:00"}, "0.5", 122250},
		{"TC-S-21 nurse called during a 30-minute meal", []string{"Mon 08:30-12:30", "Mon 12:40-12:55", "Mon 13:00-17:00"}, "0.5", 122250},
		{"called during an hour's meal", []string{"Mon 08:30-12:30", "Mon 12:40-12:55", "Mon 13:30-17:30"}, "0.4167", 121875},
	} {
		f := newFx(t, novWeek)
		f.Work(c.monday...)
		f.umpoDay("Tue", "Wed", "Thu", "Fri")
		res := f.run()
		if hours(res, "OT", "NU-OT-1") != c.ot {
			t.Errorf("%s: OT %s h, want %s\n%s", c.name, hours(res, "OT", "NU-OT-1"), c.ot, dump(res))
		}
		expectGross(t, res, c.gross)
	}
}

// NUT-VI-1 for non-exempt staff: "Non-unit employees who are employed on a 52 week schedule may
// request a 43 week schedule with a 15 percent reduction in base annual salary" and "...shall be
// to divide the annual 52 week salary by 1.15 to arrive at the annual 43 week salary". The regular
// rate is taken from the 43-week salary, as for exempt staff (rules.Annual). Audit case6: $62,400
// on 43 weeks, 40 h: 62,400 ÷ 1.15 = $54,260.869… → $54,260.87; ÷ (52 × 40 = 2080) =
// $26.08695… → $26.0870 an hour (before the fix: $30.00, the 52-week rate). Mon–Fri 8 h worked:
// one REG line a day, each rounded once, 8 × $26.0870 = $208.696 → $208.70, × 5 = $1,043.50 (the
// audit's $1,043.48 is 40 × $26.0870 rounded once for the week; the lines are per work date).
// A week nothing is worked is the salaried 40 h on one line: 40 × $26.0870 = $1,043.48. The
// same employee on 52 weeks is paid $1,200.00.
func TestNUT_VI_1_NonExempt(t *testing.T) {
	f := newFx(t, novWeek)
	f.Emp.Weeks43 = true
	if got := regularRate(&f.Emp, f.RS); got != rates.Rate(260870) {
		t.Fatalf("43-week regular rate %s, want 26.0870", got)
	}
	f.StandardSchedule()
	f.umpoDay("Mon", "Tue", "Wed", "Thu", "Fri")
	res := f.run()
	if hours(res, "REG", "NU-OT-1") != "40" {
		t.Fatalf("%s", dump(res))
	}
	expectGross(t, res, 104350)

	f = newFx(t, novWeek)
	f.Emp.Weeks43 = true
	f.StandardSchedule()
	expectGross(t, f.run(), 104348)

	f = newFx(t, novWeek)
	f.StandardSchedule()
	f.umpoDay("Mon", "Tue", "Wed", "Thu", "Fri")
	expectGross(t, f.run(), 120000)
}

// NU-OT-2: "An employee who has an agreed upon fixed schedule, as long as the hours do not exceed
// forty (40) hours in a week, would not be subject to daily Overtime." The catalog: "T_d = max(480,
// Sch_d) (no daily OT for scheduled hours; worked minutes beyond both the scheduled day and 8 h
// remain daily OT)", Sch_d the scheduled work of the day. Audit case12: hourly $30.00, 40 h
// budgeted, FIXED, posted Mon–Thu 07:00–17:30. The posting is 4 × 10.5 = 42 h against the agreed
// 40 h, so each posted span holds (42 − 40) ÷ 4 = 0.5 h of meal (a 30-minute break "need not be
// payable", NU-HOW-IIIB): a 10-hour scheduled day, T_d = max(8, 10) = 10 h.
//
//   - Worked 07:00–12:00 and 12:30–18:00 Mon–Wed (10.5 h), 07:00–12:00 and 12:30–15:00 Thu
//     (7.5 h): 39 h. Daily OT 3 × (10.5 − 10) = 1.5 h; REG 39 − 1.5 = 37.5 h (8 h NU-OT-1 + 2 h
//     NU-OT-2 each of Mon–Wed, 7.5 h Thu), 37.5 ≤ 40 so no weekly OT. 37.5 × $30 = $1,125.00 +
//     1.5 × $45 = $67.50 → $1,192.50. Before the fix the limit was the posted span, 10.5 h: no
//     daily OT, 39 × $30 = $1,170.00.
//   - Worked as posted with the meal, 07:00–12:00 and 12:30–17:30 Mon–Thu: 4 × 10 = 40 h, no
//     daily OT (10 is not over 10), no weekly OT (40 not over 40) → 40 × $30 = $1,200.00.
//   - The literal reading (switch nu_fixed_schedule_no_daily_ot) still has no daily OT: $1,170.00.
func TestNU_OT_2_MealNotScheduledWork(t *testing.T) {
	build := func(mon, thu string) *fx {
		f := newFx(t, novWeek)
		f.Emp.AnnualSalary, f.Emp.BaseRate = 0, rates.Dollars(30, 0)
		f.Emp.ScheduleType = 2 // FIXED
		f.Sched("Mon 07:00-17:30", "Tue 07:00-17:30", "Wed 07:00-17:30", "Thu 07:00-17:30")
		for _, d := range []string{"Mon", "Tue", "Wed"} {
			f.Work(d+" 07:00-12:00", d+" 12:30-"+mon)
		}
		f.Work("Thu 07:00-12:00", "Thu 12:30-"+thu)
		return f
	}
	res := build("18:00", "15:00").run()
	if hours(res, "OT", "NU-OT-1") != "1.5" || hours(res, "REG", "NU-OT-2") != "6" || hours(res, "REG", "NU-OT-1") != "31.5" {
		t.Fatalf("case12: 1.5 h daily OT past the 10-hour scheduled day:\n%s", dump(res))
	}
	expectGross(t, res, 119250)

	res = build("17:30", "17:30").run()
	if hours(res, "OT") != "0" || hours(res, "REG", "NU-OT-2") != "8" {
		t.Fatalf("worked as posted: no OT:\n%s", dump(res))
	}
	expectGross(t, res, 120000)

	f := build("18:00", "15:00")
	f.RS = withSwitch(t, swFixedNone, true)
	res = f.run()
	if hours(res, "OT") != "0" {
		t.Fatalf("NONE: no daily OT:\n%s", dump(res))
	}
	expectGross(t, res, 117000)
}

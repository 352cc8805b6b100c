package psu

import (
	"testing"

	"github.com/payclose/payclose/stages/model"
	"github.com/payclose/payclose/stages/rules"
	"github.com/payclose/payclose/stages/rules/rulestest"
)

// TestPSU_39_10_D_LWOPBothSides — §39.10.D (seed 003): "A member who is on unauthorized leave
// without pay for any of his/her scheduled work day immediately preceding or immediately following
// a holiday or who is on authorized leave without pay for the entire work day immediately
// preceding and immediately following the holiday shall not receive pay or a compensatory day off
// for that holiday."
//
// The authorized branch is read as the text says it, conjunctively: the entire scheduled workday
// before AND the entire scheduled workday after must be LWOP (the catalog's logic and
// recommendation say the same; the contract and the catalog do not differ here). LWOP is the only
// unpaid pay code and it is authorized leave: there is no input for unauthorized absence (AWOP), so
// the first branch ("for any of his/her scheduled work day", either side) cannot be seen and is not
// tested. Before this rule the holiday was paid whatever the LWOP around it.
//
// Fixture F-PSU: $58,500 ÷ 1950 = $30.00/h, 37.5 h a week; Thanksgiving Thursday 2026-11-26, the
// week Sunday 11-22 to Saturday 11-28, posted Monday to Friday 08:00–15:30 (7.5 h, no meal:
// 5 × 7.5 = 37.5 h, the budgeted week), worked days 08:00–15:30.
//   - both sides: Wednesday and Friday 7.5 h LWOP each, Monday and Tuesday worked. 15 h REG ×
//     $30 = $450.00; LWOP 15 h × $0; the holiday forfeited: no HOL_BENEFIT, raised
//     HOLIDAY_FORFEITED_LWOP under PSU-39.10-D, and the salaried week is reduced by its 7.5 h
//     (37.5 − 15 − 7.5 = 15 h, all worked: no SALARY_CONT). Gross $450.00 (the old code paid
//     $450.00 + 7.5 × $30 = $675.00).
//   - both sides, nothing posted (Monday to Friday read as the normal week, as A1 reads it): the
//     same $450.00.
//   - Wednesday only: REG 22.5 h × $30 = $675.00 + HOL_BENEFIT 7.5 h × $30 = $225.00 = $900.00.
//   - Friday only: the same $900.00.
//   - part of each side: Wednesday and Friday worked 08:00–13:30 (5.5 h) with 2 h LWOP each, not
//     the entire day: REG (15 + 11) = 26 h × $30 = $780.00 + HOL_BENEFIT $225.00 = $1,005.00
//     (salaried week 37.5 − 4 = 33.5 h = 26 + 7.5).
//
// The first two fail on the old code ($675.00); the last three guard the reading ("and", "entire").
func TestPSU_39_10_D_LWOPBothSides(t *testing.T) {
	for _, c := range []struct {
		name    string
		posted  bool
		work    []string // full 08:00–15:30 days
		part    []string // 08:00–13:30 worked and 2 h LWOP
		lwop    []string // 7.5 h LWOP
		want    int64
		forfeit bool
	}{
		{"both sides", true, []string{"Mon", "Tue"}, nil, []string{"Wed", "Fri"}, 45000, true},
		{"both sides, nothing posted", false, []string{"Mon", "Tue"}, nil, []string{"Wed", "Fri"}, 45000, true},
		{"Wednesday only", true, []string{"Mon", "Tue", "Fri"}, nil, []string{"Wed"}, 90000, false},
		{"Friday only", true, []string{"Mon", "Tue", "Wed"}, nil, []string{"Fri"}, 90000, false},
		{"part of each side", true, []string{"Mon", "Tue"}, []string{"Wed", "Fri"}, nil, 100500, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			f := newFx(t, thanksgivingWeek)
			if c.posted {
				f.StandardSchedule()
			}
			f.workStandard(c.work...)
			for _, d := range c.part {
				f.Work(d + " 08:00-13:30")
				f.Absence(d, "LWOP", "2")
			}
			for _, d := range c.lwop {
				f.Absence(d, "LWOP", "7.5")
			}
			res := f.run()
			expectGross(t, res, c.want)
			if got := rulestest.ExceptionRule(res, rules.ExcHolidayLWOP); (got == "PSU-39.10-D") != c.forfeit {
				t.Fatalf("HOLIDAY_FORFEITED_LWOP under %q, want forfeited %v:\n%s", got, c.forfeit, dump(res))
			}
			hol := "7.5"
			if c.forfeit {
				hol = "0"
			}
			if hours(res, "HOL_BENEFIT") != hol || hours(res, "SALARY_CONT") != "0" || hasException(res, rules.ExcUnaccountedPay) {
				t.Fatalf("HOL_BENEFIT %s h, want %s; the salaried week must be whole without a top-up:\n%s", hours(res, "HOL_BENEFIT"), hol, dump(res))
			}
		})
	}
}

// TestPSU_39_10_D_DayOffAndOutsideTheWeek — §39.10.D forfeits "pay or a compensatory day off", so
// a holiday on a day off loses A2's comp day too; a neighbour in another week is not seen.
//   - posted Sunday, Monday, Tuesday, Wednesday and Friday 08:00–15:30 (a five-day week, Thursday
//     off): Thanksgiving is A2's 8 h comp day. With Wednesday and Friday 7.5 h LWOP each (the
//     scheduled workdays either side of the holiday, entire) and Sunday to Tuesday worked: no comp
//     (the old code credited 8 h), raised HOLIDAY_FORFEITED_LWOP; the pay is 22.5 h × $30 =
//     $675.00, as without the rule (A2's comp is no cash).
//   - MLK Monday 2026-01-19, posted Monday to Friday, Tuesday 7.5 h LWOP, Wednesday to Friday
//     worked: the workday before the holiday is the Friday of the week before, which this close is
//     not given — the holiday is paid and nothing is raised: REG 22.5 h × $30 = $675.00 +
//     HOL_BENEFIT 7.5 h × $30 = $225.00 = $900.00.
func TestPSU_39_10_D_DayOffAndOutsideTheWeek(t *testing.T) {
	f := newFx(t, thanksgivingWeek)
	f.Sched("Sun 08:00-15:30", "Mon 08:00-15:30", "Tue 08:00-15:30", "Wed 08:00-15:30", "Fri 08:00-15:30")
	f.workStandard("Sun", "Mon", "Tue")
	f.Absence("Wed", "LWOP", "7.5")
	f.Absence("Fri", "LWOP", "7.5")
	res := f.run()
	expectGross(t, res, 67500)
	if res.HolidayCompEarned != 0 || hours(res, "HOL_COMP_EARNED") != "0" || rulestest.ExceptionRule(res, rules.ExcHolidayLWOP) != "PSU-39.10-D" {
		t.Fatalf("day off, LWOP both sides: no comp day\n%s", dump(res))
	}

	f = newFx(t, mlkWeek)
	f.StandardSchedule()
	f.workStandard("Wed", "Thu", "Fri")
	f.Absence("Tue", "LWOP", "7.5")
	res = f.run()
	expectGross(t, res, 90000)
	if hours(res, "HOL_BENEFIT", "PSU-39.10-A1") != "7.5" || hasException(res, rules.ExcHolidayLWOP) {
		t.Fatalf("neighbour outside the week:\n%s", dump(res))
	}
}

// TestPSU_39_10_D_NoOvertime — the forfeited holiday is no paid time: it does not count toward the
// 40 hours (PSU-39.6-D1 counts paid leave), and an "entire work day" is the day's scheduled
// minutes. A compressed week posted Tuesday to Friday 08:00–17:52:30 (9.875 h; 4 × 9.875 = 39.5 h
// against 37.5 budgeted, 30 minutes of meal each: a 9.375-h day, as A1 pays it). Worked Sunday,
// Monday, Tuesday and Saturday 08:00–16:00 (4 × 8 h = 32 h, none over 8 in a day).
//   - Wednesday and Friday 9.375 h LWOP each (entire): Thanksgiving forfeited; 32 h counted, no
//     overtime; REG 32 h × $30 = $960.00 (salaried week 37.5 − 18.75 − 9.375 = 9.375 h < 32 h
//     worked: no SALARY_CONT). The old code paid the 9.375 h HOL_BENEFIT and counted it: 32 +
//     9.375 = 41.375 h, 1.375 h of Saturday overtime.
//   - 7.5 h LWOP each (the standard day, not the entire 9.375-h day): the holiday is kept, 9.375 h
//     HOL_BENEFIT, and it counts: 1.375 h overtime.
func TestPSU_39_10_D_NoOvertime(t *testing.T) {
	for _, c := range []struct {
		lwop, hol, ot string
		forfeit       bool
		gross         int64
	}{
		{"9.375", "0", "0", true, 96000},
		{"7.5", "9.375", "1.375", false, -1},
	} {
		f := newFx(t, thanksgivingWeek)
		for _, d := range []string{"Tue", "Wed", "Thu", "Fri"} {
			f.Week.Schedule = append(f.Week.Schedule, model.ScheduledShift{Date: f.Start.AddDays(rulestest.DayNames[d]), Start: f.At(d, "08:00"), End: f.At(d, "17:52") + 30})
		}
		f.Work("Sun 08:00-16:00", "Mon 08:00-16:00", "Tue 08:00-16:00", "Sat 08:00-16:00")
		f.Absence("Wed", "LWOP", c.lwop)
		f.Absence("Fri", "LWOP", c.lwop)
		res := f.run()
		if hours(res, "HOL_BENEFIT") != c.hol || hours(res, "OT") != c.ot || hasException(res, rules.ExcHolidayLWOP) != c.forfeit {
			t.Fatalf("LWOP %s h each side: HOL_BENEFIT %s OT %s, want %s %s:\n%s", c.lwop, hours(res, "HOL_BENEFIT"), hours(res, "OT"), c.hol, c.ot, dump(res))
		}
		if c.gross >= 0 {
			expectGross(t, res, c.gross)
		}
	}
}

// TestPSU_39_10_E2_PaidLeaveOnScheduledHoliday — §39.10.E: "An employee who is granted paid leave
// for a holiday on which he/she is scheduled to work shall not receive holiday pay or a
// compensatory day off for that holiday." Thanksgiving, posted Monday to Friday 08:00–15:30,
// Monday to Wednesday and Friday worked, Thursday 7.5 h VACATION: the vacation is paid (7.5 h ×
// $30 = $225.00 under PSU-39.6-D1) and the holiday is not — no HOL_BENEFIT, no comp: REG 30 h ×
// $30 = $900.00 + $225.00 = $1,125.00, the salaried week (paying A1 as well would be $1,350.00).
// The same with 7.5 h SICK.
func TestPSU_39_10_E2_PaidLeaveOnScheduledHoliday(t *testing.T) {
	for _, code := range []string{"VACATION", "SICK"} {
		f := newFx(t, thanksgivingWeek)
		f.StandardSchedule()
		f.workStandard("Mon", "Tue", "Wed", "Fri")
		f.Absence("Thu", code, "7.5")
		res := f.run()
		expectGross(t, res, 112500)
		if hours(res, code) != "7.5" || cents(res, code) != 22500 || hours(res, "HOL_BENEFIT") != "0" || res.HolidayCompEarned != 0 {
			t.Fatalf("%s on the holiday:\n%s", code, dump(res))
		}
	}
}

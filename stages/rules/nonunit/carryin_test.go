package nonunit

import (
	"testing"
	"time"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
)

// hourly30 is an hourly non-unit member at $30.00 on a 40-hour week (standard schedule).
func hourly30(t *testing.T, start calendars.Date) *fx {
	f := newFx(t, start)
	f.Emp = model.Employee{ID: "N2", RuleSet: "NONUNIT_NONEXEMPT", BaseRate: rates.Dollars(30, 0), BudgetedWeekly: 40 * 3600}
	f.StandardSchedule()
	f.umpoDay("Mon", "Tue", "Wed", "Thu", "Fri")
	return f
}

// TestNU_OT_1_CarryInLessDailyOT — NU-OT-1: "one and one-half times (1.5) the employee's regular
// hourly rate in excess of eight (8) hours in any one Tour of Duty or forty (40) hours in any one
// Workweek", the catalog's "WOT = ΣW − ΣDOT − 2400": hours paid as daily overtime are not also
// counted toward the weekly 40. Last week's Saturday tour 22:00–02:00 + 02:30–07:30 (a punched
// meal) is 9 h: 1 h of daily overtime, its last hour, Sunday 06:30–07:30, paid last week. Of its
// 7 h after Sunday 00:00 (00:00–02:00, 02:30–07:30) only 6 are straight time and count toward this
// week's 40. This week Mon–Fri 8 h = 40 h at $30.00 (hourly):
//
//	40 + 6 carried − 40 = 6 h weekly OT: REG 34 × $30.00 = $1,020.00 + OT 6 × $45.00 = $270.00
//	= $1,290.00 (the old carry-in counted 7 h: OT 7 h, $1,305.00, $15.00 too much).
//
// A tour of 8 h (23:00–02:00 + 02:30–07:30) has no daily overtime: its 7 h after midnight all
// count, 7 h OT, $1,305.00. On the fall-back night (Sunday 2026-11-01) 23:00–07:00 on the wall is
// 9 h elapsed, 8 of them after midnight: 1 h daily OT, 7 h carried, OT 7 h, $1,305.00 (the old
// carry-in: 8 h, $1,320.00).
func TestNU_OT_1_CarryInLessDailyOT(t *testing.T) {
	fallBack := calendars.NewDate(2026, time.November, 1)
	cases := []struct {
		name    string
		start   calendars.Date
		carried []string
		ot      string
		gross   int64
	}{
		{"9 h tour", novWeek, []string{"22:00-02:00", "02:30-07:30"}, "6", 129000},
		{"8 h tour", novWeek, []string{"23:00-02:00", "02:30-07:30"}, "7", 130500},
		{"9 h on the fall-back night", fallBack, []string{"23:00-07:00"}, "7", 130500},
	}
	for _, c := range cases {
		f := hourly30(t, c.start)
		f.Carry(c.carried...)
		res := f.run()
		if hours(res, "OT", "NU-OT-1") != c.ot || hours(res, "OT") != c.ot {
			t.Errorf("%s: OT %s h, want %s\n%s", c.name, hours(res, "OT"), c.ot, dump(res))
		}
		if g := cents(res); g != c.gross {
			t.Errorf("%s: gross %d cents, want %d\n%s", c.name, g, c.gross, dump(res))
		}
	}
}

// TestNU_OT_2_CarryInFixedSchedule — the carried tour's daily overtime is NU-OT-2's: "An employee
// who has an agreed upon fixed schedule, as long as the hours do not exceed forty (40) hours in a
// week, would not be subject to daily Overtime" (the catalog's T_d = max(480, Sch_d)). A fixed
// schedule posted Mon–Thu 07:00–17:30 (4 × 10.5 h = 42 h on a 40-hour week: a 30-minute meal,
// 10 h of work a day) and last week's Saturday posted 22:00–07:30 (9 h of work): the 9 h tour
// worked 22:00–02:00 + 02:30–07:30 is within its schedule, no daily overtime, and all 7 h after
// midnight count. Mon–Thu 07:00–12:00 + 12:30–17:30 = 40 h + 7 = 47: OT 7 h, REG 33 × $30.00 =
// $990.00 + 7 × $45.00 = $315.00 = $1,305.00.
func TestNU_OT_2_CarryInFixedSchedule(t *testing.T) {
	f := newFx(t, novWeek)
	f.Emp = model.Employee{ID: "N3", RuleSet: "NONUNIT_NONEXEMPT", BaseRate: rates.Dollars(30, 0), BudgetedWeekly: 40 * 3600, ScheduleType: model.ScheduleFixed}
	sat := novWeek.AddDays(-1)
	f.Week.Schedule = append(f.Week.Schedule, model.ScheduledShift{Date: sat, Start: f.Zone.WallInstant(sat, 22, 0, 0), End: f.Zone.WallInstant(novWeek, 7, 30, 0)})
	for _, d := range []string{"Mon", "Tue", "Wed", "Thu"} {
		f.Sched(d + " 07:00-17:30")
		f.Work(d+" 07:00-12:00", d+" 12:30-17:30")
	}
	f.Carry("22:00-02:00", "02:30-07:30")
	res := f.run()
	if hours(res, "OT") != "7" || cents(res) != 130500 {
		t.Fatalf("OT %s h, gross %d cents; want 7 h, $1,305.00\n%s", hours(res, "OT"), cents(res), dump(res))
	}
}

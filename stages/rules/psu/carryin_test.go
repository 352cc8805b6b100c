package psu

import (
	"testing"

	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
)

// TestPSU_39_6_G_CarryInLessDailyOT — PSU-39.6-C: "Overtime status exists when total actual work
// hours … exceed forty (40) hours in a workweek (Sunday through Saturday) or eight hours in a day",
// and PSU-39.6-G: "There shall be no duplication, pyramiding, or compounding of any premium wage
// payments." Last week's Saturday 22:00–02:00 + 02:30–07:30 (a punched meal) is 9 h: 1 h of daily
// overtime, the day's last hour (Sunday 06:30–07:30), paid last week. Of its 7 h after Sunday
// 00:00 only 6 are straight time: they count toward this week's 40, the overtime hour does not
// (counting it again would pay it a second premium). This week Mon–Fri 08:00–12:00 + 12:30–16:30
// = 40 h, hourly at $30.00:
//
//	40 + 6 − 40 = 6 h weekly OT: REG 34 × $30.00 = $1,020.00 + OT 6 × $45.00 = $270.00 = $1,290.00
//	(the old carry-in counted 7 h: OT 7 h, $1,305.00, $15.00 too much).
//
// An 8 h Saturday (23:00–02:00 + 02:30–07:30) has no daily overtime: all 7 h after midnight count,
// OT 7 h, REG 33 × $30.00 = $990.00 + 7 × $45.00 = $315.00 = $1,305.00.
func TestPSU_39_6_G_CarryInLessDailyOT(t *testing.T) {
	cases := []struct {
		name    string
		carried []string
		ot      string
		gross   int64
	}{
		{"9 h Saturday", []string{"22:00-02:00", "02:30-07:30"}, "6", 129000},
		{"8 h Saturday", []string{"23:00-02:00", "02:30-07:30"}, "7", 130500},
	}
	for _, c := range cases {
		f := newFx(t, novWeek)
		f.Emp = model.Employee{ID: "P2", RuleSet: "PSU_NONEXEMPT", BaseRate: rates.Dollars(30, 0), BudgetedWeekly: 40 * 3600}
		for _, d := range []string{"Mon", "Tue", "Wed", "Thu", "Fri"} {
			f.Sched(d + " 08:00-16:30")
			f.Work(d+" 08:00-12:00", d+" 12:30-16:30")
		}
		f.Carry(c.carried...)
		res := f.run()
		if hours(res, "OT", "PSU-39.6-E2") != c.ot || hours(res, "OT") != c.ot {
			t.Errorf("%s: OT %s h, want %s\n%s", c.name, hours(res, "OT"), c.ot, dump(res))
		}
		if g := cents(res); g != c.gross {
			t.Errorf("%s: gross %d cents, want %d\n%s", c.name, g, c.gross, dump(res))
		}
	}
}

package share

import (
	"testing"

	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/rules/rulestest"
)

// carry adds last week's Saturday-night spans as assemble hands them (rulestest.Fixture.Carry).
func (f *fx) carry(specs ...string) {
	r := rulestest.NewFixture(f.t, profile(f.t), f.start, f.emp)
	r.Zone = f.z
	r.Carry(specs...)
	f.week.Carried, f.week.CarryIn = r.Week.Carried, r.Week.CarryIn
}

// TestSHARE_OT_H_CarryInLessDailyOT — "Daily and weekly overtime pay may not be pyramided or
// duplicated. Only one overtime premium will apply." (OT-H). Last week's Saturday 22:00–02:00 +
// 02:30–07:30 (a punched meal, BRK-01) is 9 h on a standard schedule: "time and one-half … for
// all hours worked in excess of eight (8) hours in a day" (OT-B) is its last hour, Sunday
// 06:30–07:30, paid with the Saturday (SHARE-G-02). Of its 7 h after Sunday 00:00 only 6 are
// straight time and count toward this week's 40 (OT-A, counted in the week worked). This week
// Mon–Fri 07:00–11:00 + 11:30–15:30 day shifts = 40 h at $40.00, no differential:
//
//	40 + 6 − 40 = 6 h weekly OT: REG 34 × $40.00 = $1,360.00 + OT 6 × $60.00 = $360.00 = $1,720.00
//	(the old carry-in counted 7 h: OT 7 h, $1,740.00, $20.00 too much).
//
// Punched straight through, 22:00–07:30 has its 30-minute meal deducted at the midpoint, 02:30–03:00
// (BRK-01): 9 h worked, 1 h daily OT, 7.5 − 0.5 − 1 = 6 h carried: $1,720.00 (the old carry-in
// counted the 7.5 h elapsed: $1,750.00). An 8 h Saturday (23:00–02:00 + 02:30–07:30) has no daily
// overtime: all 7 h count, OT 7 h, REG 33 × $40.00 = $1,320.00 + 7 × $60.00 = $420.00 = $1,740.00.
func TestSHARE_OT_H_CarryInLessDailyOT(t *testing.T) {
	cases := []struct {
		name    string
		carried []string
		ot      string
		gross   int64
	}{
		{"9 h Saturday, meal punched", []string{"22:00-02:00", "02:30-07:30"}, "6", 172000},
		{"9 h Saturday, meal deducted", []string{"22:00-07:30"}, "6", 172000},
		{"8 h Saturday", []string{"23:00-02:00", "02:30-07:30"}, "7", 174000},
	}
	for _, c := range cases {
		f := newFx(t)
		f.emp.BaseRate = rates.Dollars(40, 0)
		dayShifts(f, "Mon", "Tue", "Wed", "Thu", "Fri")
		f.carry(c.carried...)
		res := f.run()
		if hours(res, "OT", ruleWeeklyOT) != c.ot || hours(res, "OT") != c.ot {
			t.Errorf("%s: OT %s h, want %s\n%s", c.name, hours(res, "OT"), c.ot, dump(res))
		}
		if g := cents(res); g != c.gross {
			t.Errorf("%s: gross %d cents, want %d\n%s", c.name, g, c.gross, dump(res))
		}
	}
}

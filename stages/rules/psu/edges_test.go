package psu

import "testing"

// Tests at the edges that mutation testing showed no test pinned (issue 12, "Tests that bite").

// PSU-39.4-D / PSU-39.5-B at the window starts: "A second shift commences at 2:00 p.m. or after and
// ends no later than 12:00 a.m. A third shift commences at 10:00 p.m. or after and ends no later
// than 8:00 AM." with "a shift differential of at least one dollar ($1.00) per hour … when the
// entire workday is on a second or third shift". Tours starting exactly at 14:00 and 22:00, 8 h
// each (no meal: PSU deducts none): 8 × $1.00 = $8.00 each. (A second shift from 15:00 or a third
// from 22:30 would pay $0.)
func TestPSU_39_5_B_WindowStarts(t *testing.T) {
	for _, c := range []struct {
		name  string
		spans []string
	}{
		{"second 14:00-22:00", []string{"Wed 14:00-22:00"}},
		{"third 22:00-06:00", []string{"Wed 22:00-06:00"}},
	} {
		f := newFx(t, novWeek)
		f.Work(c.spans...)
		res := f.run()
		if got := cents(res, "DIFF_SHIFT"); got != 800 {
			t.Errorf("%s: differential %d cents, want 800\n%s", c.name, got, dump(res))
		}
	}
}

// PSU-39.5-A with PSU-39.9-C: "Base pay for calculating the overtime rate for non-exempt members
// shall be determined by applicable law" — the FLSA regular rate, which includes standby pay (29
// CFR 778.223; catalog: "Include standby pay in the FLSA regular rate of that week"). 48 hours
// worked (Sun–Fri 08:00–16:00, $30.00 base, no differential) and one day standby period on Saturday
// 08:00–17:00 ("at least thirty-five dollars ($35.00) for each stand- by period"):
// RR = (48 × 30 + 35) ÷ 48 = 1,475 ÷ 48 = $30.7292; half-time owed on the 8 OT hours
// 0.5 × 30.7292 × 8 = $122.92, paid 8 × $15.00 = $120.00 → REG_RATE_TRUEUP $2.92.
// Gross = 40 × 30 (salary) + 8 × 45 (OT) + 35 (standby) + 2.92 = $1,597.92.
func TestPSU_39_5_A_RegularRateIncludesStandby(t *testing.T) {
	f := newFx(t, novWeek)
	f.Work("Sun 08:00-16:00", "Mon 08:00-16:00", "Tue 08:00-16:00", "Wed 08:00-16:00", "Thu 08:00-16:00", "Fri 08:00-16:00")
	f.Span("Sat 08:00-17:00", 1)
	res := f.run()
	if cents(res, "STANDBY") != 3500 || cents(res, "REG_RATE_TRUEUP") != 292 {
		t.Fatalf("standby %d cents, true-up %d cents; want 3500 and 292\n%s", cents(res, "STANDBY"), cents(res, "REG_RATE_TRUEUP"), dump(res))
	}
	expectGross(t, res, 120000+36000+3500+292)
}

package share

import (
	"testing"

	"github.com/payclose/payclose/stages/model"
	"github.com/payclose/payclose/stages/rules/rulestest"
)

// TestSHARE_BRK_01_PunchedBreakNotDeducted — issue 12, defect 4. Contract ("Breaks - Work
// Breaks/Meal Periods"): "A meal period of thirty minutes of unpaid time will be scheduled for
// SHARE members working a shift of six or more consecutive hours."; "employees are to expect a rest
// period of fifteen minutes paid time for each half day worked." Catalog SHARE-BRK-01: "if meal
// punches exist, deduct the punched meal (>= 30 min; a shorter break is paid). Else deduct 0.5 h".
// 29 CFR 785.18: "Rest periods of short duration, running from 5 minutes to about 20 minutes, are
// common in industry ... They must be counted as hours worked."
//
// Day worker scheduled Wed 07:00–15:30 punches 07:00–11:00 and 11:15–15:30: 8.25 h punched in, a
// 15-minute break. The break is the punched meal period, shorter than 30 minutes, so it is paid
// (short_break_paid) and no automatic 30 minutes are deducted on top: 8.50 h paid. Standard
// schedule, daily overtime after 8 (OT-B): REG 8 h × $20 = $160.00 + OT 0.5 h × $30 = $15.00;
// regular rate = base (no differentials) → no true-up. Gross $175.00. The reconciliation of the
// week: punched 8.25 h + added 0.25 h (the paid break) = paid 8.50 h + deducted 0.
//
// With short_break_paid off the break is simply not paid and still nothing is deducted: 8.25 h,
// never less than the time punched in. A shift punched straight through 07:00–15:30 has the
// automatic meal: 8.0 h paid, 0.5 h deducted.
func TestSHARE_BRK_01_PunchedBreakNotDeducted(t *testing.T) {
	f := newFx(t)
	f.sched("Wed 07:00", "15:30")
	f.workMeal("Wed 07:00", "11:00", 0)
	f.workMeal("Wed 11:15", "15:30", 0)
	res := f.run()
	if hours(res, "REG") != "8" || hours(res, "OT", "SHARE-OT-B") != "0.5" || cents(res) != 17500 {
		t.Fatalf("short break:\n%s", dump(res))
	}
	if res.Deducted != 0 || res.Added != 15*60 || res.Worked != 8*3600+15*60+res.Added-res.Deducted {
		t.Fatalf("reconciliation: worked %d added %d deducted %d", res.Worked, res.Added, res.Deducted)
	}

	f = newFx(t)
	f.sched("Wed 07:00", "15:30")
	f.workMeal("Wed 07:00", "11:00", 0)
	f.workMeal("Wed 11:15", "15:30", 0)
	w := &f.week
	w.Emp, w.Zone, w.Start = &f.emp, f.z, f.start
	w.From, w.To = f.z.Instant(f.start, 0), f.z.Instant(f.start.AddDays(7), 0)
	res = &model.Result{}
	(&Calc{}).Calculate(w, rulestest.WithSwitch(profile(t), "short_break_paid", false), res)
	if hours(res, "REG") != "8" || hours(res, "OT", "SHARE-OT-B") != "0.25" || res.Deducted != 0 || res.Added != 0 {
		t.Fatalf("short_break_paid off: 8.25 h, nothing deducted:\n%s", dump(res))
	}

	f = newFx(t)
	f.sched("Wed 07:00", "15:30")
	f.workMeal("Wed 07:00", "15:30", 0)
	if res := f.run(); hours(res, "REG") != "8" || hours(res, "OT") != "0" || res.Deducted != 1800 {
		t.Fatalf("no punched break: the 30-minute meal is deducted:\n%s", dump(res))
	}
}

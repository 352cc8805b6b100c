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

// TestSHARE_BRK_01_LongPunchedMeal — a meal punched out for an hour inside the posted shift is the
// shift's meal: nothing more is deducted. Contract ("Breaks - Work Breaks/Meal Periods"): "A meal
// period of thirty minutes of unpaid time will be scheduled for SHARE members working a shift of
// six or more consecutive hours." Catalog SHARE-BRK-01: "if meal punches exist, deduct the punched
// meal (>= 30 min ...). Else deduct 0.5 h"; and its spans: "Consecutive punches separated only by
// an unpaid meal, or by a gap < cfg.span_gap_merge (default 60 min), form one span." Before, a gap
// of the merge gap or more (a 53-minute meal, which rounding makes 60) cut the shift in two, and
// the second part, 6.5 h, had another 30 minutes deducted.
//
// Flexible scheduler (budget 36 h), posted Mon 07:00–19:30, punches 07:00–12:00 and 13:00–19:30:
// 11.5 h worked. Daily limit on a flexible schedule is the budgeted day, 12.5 h posted less the
// 0.5 h meal = 12 h (OT-C): no overtime. REG 11.5 h × $20 = $230.00; the shift ends at 7:00 pm or
// later, so every hour from 3:00 pm is evening (RS-1): DIFF_EVE 4.5 h × $2.00 = $9.00. $239.00
// (before: REG 11 h, DIFF_EVE 4 h, $228.00).
//
// Standard schedule, punches 07:00–11:00 and 12:00–19:30 on the same posted shift: 11.5 h, daily
// overtime after 8 (OT-B): REG 8 h × $20 = $160.00, OT 3.5 h × $30 = $105.00, DIFF_EVE 4.5 h ×
// $2.00 = $9.00; regular rate (11.5 × $20 + $9) / 11.5 = $20.7826, true-up 0.5 × $0.7826 × 3.5 h
// = $1.37 (OT-E). $275.37 (before: OT 3 h, DIFF_EVE 4 h, $259.09).
func TestSHARE_BRK_01_LongPunchedMeal(t *testing.T) {
	f := newFx(t)
	f.emp.ScheduleType, f.emp.BudgetedWeekly = model.ScheduleFlex, 36*3600
	f.sched("Mon 07:00", "19:30")
	f.workMeal("Mon 07:00", "12:00", 0)
	f.workMeal("Mon 13:00", "19:30", 0)
	res := f.run()
	if hours(res, "REG") != "11.5" || hours(res, "OT") != "0" || hours(res, "DIFF_EVE", "SHARE-SHIFT-RS-1") != "4.5" ||
		cents(res) != 23900 || res.Deducted != 0 {
		t.Fatalf("flexible, hour-long meal:\n%s", dump(res))
	}

	f = newFx(t)
	f.sched("Mon 07:00", "19:30")
	f.workMeal("Mon 07:00", "11:00", 0)
	f.workMeal("Mon 12:00", "19:30", 0)
	res = f.run()
	if hours(res, "REG") != "8" || hours(res, "OT", "SHARE-OT-B") != "3.5" || hours(res, "DIFF_EVE", "SHARE-SHIFT-RS-1") != "4.5" ||
		cents(res) != 27537 || res.Deducted != 0 {
		t.Fatalf("standard, hour-long meal:\n%s", dump(res))
	}

	// A shift worked after the posted one has ended is not its meal: 07:00–15:30 posted, worked
	// 07:00–15:30 (the 30 minutes deducted), then 17:00–23:30 unposted, 6.5 h with its own meal.
	f = newFx(t)
	f.sched("Mon 07:00", "15:30")
	f.workMeal("Mon 07:00", "15:30", 0)
	f.workMeal("Mon 17:00", "23:30", 0)
	if res := f.run(); res.Deducted != 3600 {
		t.Fatalf("two shifts, two meals: deducted %ds\n%s", res.Deducted, dump(res))
	}
}

package share

import (
	"testing"

	"github.com/payclose/payclose/stages/model"
	"github.com/payclose/payclose/stages/rules/rulestest"
)

// TestSHARE_SHIFT_17 — extension incentives at management request (TC-DER-EXT-01..05).
// "extend their scheduled shift into the hours from 3:00 pm to 6:59 pm at the request of management
// … shall receive as an incentive, an hourly amount equal to the evening shift differential rate."
// "Employees working a night shift … who extend their hours into the day shift at the request of
// management … shall receive night differential"; evening → night likewise.
func TestSHARE_SHIFT_17(t *testing.T) {
	mgmt := model.RuleMgmtRequest
	t.Run("TC-DER-EXT-01 day extended to 18:30 at request: 3 h × $2.00 incentive", func(t *testing.T) {
		f := newFx(t)
		f.sched("Wed 07:00", "15:30")
		f.work("Wed 07:00", "11:00", mgmt)
		f.work("Wed 11:30", "18:30", mgmt)
		res := f.run()
		if hours(res, "DIFF_EXT", "SHARE-SHIFT-17") != "3" || cents(res, "DIFF_EXT", "DIFF_EVE", "DIFF_NIGHT") != 600 {
			t.Fatal(dump(res))
		}
	})
	t.Run("TC-DER-EXT-02 same without the request: no differential", func(t *testing.T) {
		f := newFx(t)
		f.sched("Wed 07:00", "15:30")
		f.work("Wed 07:00", "11:00", 0)
		f.work("Wed 11:30", "18:30", 0)
		if res := f.run(); cents(res, "DIFF_EXT", "DIFF_EVE", "DIFF_NIGHT") != 0 {
			t.Fatal(dump(res))
		}
	})
	t.Run("TC-DER-EXT-03 extended to 19:00: EVE 4 h (RS-1), no incentive", func(t *testing.T) {
		f := newFx(t)
		f.sched("Wed 07:00", "15:30")
		f.work("Wed 07:00", "11:00", mgmt)
		f.work("Wed 11:30", "19:00", mgmt)
		res := f.run()
		if hours(res, "DIFF_EVE") != "4" || hours(res, "DIFF_EXT") != "0" || cents(res, "DIFF_EVE", "DIFF_EXT") != 800 {
			t.Fatal(dump(res))
		}
	})
	t.Run("TC-DER-EXT-04 night 23:00–07:30 extended to 10:00: NIGHT 10.5 h = $42.00; without: $30.00", func(t *testing.T) {
		for _, c := range []struct {
			rule  model.WorkRule
			night string
			cents int64
		}{{mgmt, "10.5", 4200}, {0, "7.5", 3000}} {
			f := newFx(t)
			f.sched("Wed 23:00", "07:30")
			f.work("Wed 23:00", "03:00", c.rule)
			f.work("Thu 03:30", "10:00", c.rule)
			f.week.Spans[1].Workday = f.start.AddDays(3)
			res := f.run()
			if hours(res, "DIFF_NIGHT") != c.night || cents(res, "DIFF_NIGHT", "DIFF_EVE", "DIFF_EXT") != c.cents {
				t.Fatalf("request=%v\n%s", c.rule != 0, dump(res))
			}
		}
	})
	t.Run("TC-DER-EXT-05 evening 15:00–23:30 extended to 23:45: EVE 8 + NIGHT 0.25 = $17.00; without: EVE 8.25 = $16.50", func(t *testing.T) {
		for _, c := range []struct {
			rule       model.WorkRule
			eve, night string
			cents      int64
		}{{mgmt, "8", "0.25", 1700}, {0, "8.25", "0", 1650}} {
			f := newFx(t)
			f.sched("Wed 15:00", "23:30")
			f.work("Wed 15:00", "19:00", c.rule)
			f.work("Wed 19:30", "23:45", c.rule)
			res := f.run()
			if hours(res, "DIFF_EVE") != c.eve || hours(res, "DIFF_NIGHT") != c.night || cents(res, "DIFF_NIGHT", "DIFF_EVE") != c.cents {
				t.Fatalf("request=%v\n%s", c.rule != 0, dump(res))
			}
		}
	})
}

// TestSHARE_SHIFT_18 — change of regular shift (TC-DER-CHG-01, -02). "the employee shall receive
// the differential appropriate to his/her regular shift or the differential appropriate to the shift
// worked, whichever is higher."
func TestSHARE_SHIFT_18(t *testing.T) {
	t.Run("TC-DER-CHG-01 regular night works a day shift at request within budget: 8 × $4.00", func(t *testing.T) {
		f := newFx(t)
		f.emp.HomeShift = model.ShiftNight
		f.sched("Sun 23:00", "07:30")
		f.sched("Wed 07:00", "15:30")
		f.work("Wed 07:00", "11:00", model.RuleMgmtRequest)
		f.work("Wed 11:30", "15:30", model.RuleMgmtRequest)
		res := f.run()
		if hours(res, "DIFF_NIGHT", "SHARE-SHIFT-18") != "8" || cents(res, "DIFF_NIGHT") != 3200 {
			t.Fatal(dump(res))
		}
	})
	t.Run("TC-DER-CHG-01 as an extra shift beyond budget: $0.00", func(t *testing.T) {
		f := newFx(t)
		f.emp.HomeShift = model.ShiftNight
		f.emp.BudgetedWeekly = 32 * 3600
		for _, d := range []string{"Sun", "Mon", "Tue", "Wed"} {
			f.sched(d+" 23:00", "07:30")
			f.work(d+" 23:00", "07:00", 0)
		}
		f.work("Sat 07:00", "11:00", model.RuleMgmtRequest)
		f.work("Sat 11:30", "15:30", model.RuleMgmtRequest)
		res := f.run()
		if hours(res, "DIFF_NIGHT", "SHARE-SHIFT-18") != "0" {
			t.Fatal(dump(res))
		}
	})
	t.Run("TC-DER-CHG-02 regular 19:00–07:00 works 07:00–19:30: 12 × $3.3333 = $40.00", func(t *testing.T) {
		f := newFx(t)
		f.emp.HomeShift = model.ShiftNight
		f.sched("Sun 19:00", "07:00")
		f.work("Wed 07:00", "13:00", model.RuleMgmtRequest)
		f.work("Wed 13:30", "19:30", model.RuleMgmtRequest)
		res := f.run()
		if hours(res, "DIFF_REGULAR", "SHARE-SHIFT-18") != "12" || cents(res, "DIFF_REGULAR", "DIFF_EVE", "DIFF_NIGHT") != 4000 {
			t.Fatal(dump(res))
		}
	})
}

// TestSHARE_SHIFT_20 — differentials on paid absences (TC-DER-PA-01..04). "Employees receive the
// appropriate shift differential for vacation, holiday, bereavement and jury duty. Differentials
// shall not be paid on sick, personal or hours cashed out."
func TestSHARE_SHIFT_20(t *testing.T) {
	t.Run("TC-DER-PA-01 evening employee 8 h vacation: $176.00", func(t *testing.T) {
		f := newFx(t)
		f.emp.HomeShift = model.ShiftEvening
		f.sched("Wed 15:00", "23:30")
		f.absence("Wed", "VACATION", "8")
		if res := f.run(); cents(res) != 17600 || hours(res, "DIFF_EVE", "SHARE-SHIFT-20") != "8" {
			t.Fatal(dump(res))
		}
	})
	t.Run("TC-DER-PA-02 day employee 8 h vacation $160.00; night employee 8 h sick $160.00", func(t *testing.T) {
		f := newFx(t)
		f.absence("Wed", "VACATION", "8")
		if res := f.run(); cents(res) != 16000 {
			t.Fatal(dump(res))
		}
		f = newFx(t)
		f.emp.HomeShift = model.ShiftNight
		f.sched("Wed 23:00", "07:30")
		f.absence("Wed", "SICK", "8:00")
		if res := f.run(); cents(res) != 16000 {
			t.Fatal(dump(res))
		}
	})
	t.Run("TC-DER-PA-03 19:00–07:00 employee, holiday off 7.25 h: 145.00 + 24.17 = $169.17", func(t *testing.T) {
		f := newFx(t)
		f.emp.HomeShift = model.ShiftNight
		f.emp.BudgetedWeekly = 36 * 3600
		f.sched("Mon 19:00", "07:00")
		f.absence("Wed", "HOLIDAY", "7.25")
		if res := f.run(); cents(res) != 16917 {
			t.Fatal(dump(res))
		}
	})
	t.Run("TC-DER-PA-04 night employee bereavement on a scheduled Saturday night: 8 × 24 = $192.00, no weekend", func(t *testing.T) {
		f := newFx(t)
		f.emp.HomeShift = model.ShiftNight
		f.sched("Sat 23:00", "07:30")
		f.absence("Sat", "BEREAVEMENT", "8")
		res := f.run()
		if cents(res) != 19200 || cents(res, "DIFF_WKND") != 0 {
			t.Fatal(dump(res))
		}
	})
}

// dayShifts adds 07:00–15:30 shifts with a 30-minute meal (8 worked) on the given days.
func dayShifts(f *fx, ds ...string) {
	for _, d := range ds {
		f.sched(d+" 07:00", "15:30")
		f.work(d+" 07:00", "11:00", 0)
		f.work(d+" 11:30", "15:30", 0)
	}
}

// TestSHARE_OT_A — "All eligible employees will be paid at one and one half (1-1/2) times their
// regular rate for each hour or fraction thereof (in 15 minute increments) worked in excess of 40
// hours in a workweek." TC-DER-OT-01: Mon–Fri 8 h + Sat 07:00–11:00 (WKND $10.00) = 44 worked →
// weekly OT 4; RR = (880+10)/44 = 20.2273; premium 0.5 × 20.2273 × 4 = $40.45; total $930.45.
func TestSHARE_OT_A(t *testing.T) {
	f := newFx(t)
	dayShifts(f, "Mon", "Tue", "Wed", "Thu", "Fri")
	f.work("Sat 07:00", "11:00", 0)
	res := f.run()
	if hours(res, "OT", "SHARE-OT-A") != "4" || cents(res) != 93045 {
		t.Fatalf("total %d\n%s", cents(res), dump(res))
	}
}

// TestSHARE_OT_B — "Eligible employees working standard schedules (8 hours or less per day) will
// be paid at one and one half … for time worked … beyond eight hours on a workday".
// TC-DER-OT-02: Mon 07:00–19:30 (12 worked, EVE 4.5 h = $9.00) + Tue–Thu 8 → daily OT 4, weekly 0,
// RR = 729/36 = 20.2500, premium $40.50, total $769.50.
func TestSHARE_OT_B(t *testing.T) {
	f := newFx(t)
	f.work("Mon 07:00", "13:00", 0)
	f.work("Mon 13:30", "19:30", 0)
	dayShifts(f, "Tue", "Wed", "Thu")
	res := f.run()
	if hours(res, "OT", "SHARE-OT-B") != "4" || hours(res, "OT", "SHARE-OT-A") != "0" || cents(res) != 76950 {
		t.Fatalf("total %d\n%s", cents(res), dump(res))
	}
}

// TestSHARE_OT_C — "Employees who work a flexible schedule will receive overtime pay for hours
// worked … in excess of their budgeted daily hours when over 8 hours, or after forty hours in the
// week has been worked at straight time." TC-DER-OT-04 (3×12, B = 36, four 12 h days incl. Sunday)
// → daily 0, weekly 8, RR = 1026/48 = 21.3750, total $1,111.50. TC-DER-OT-05 (4×10): a 12 h day →
// daily OT 2.
func TestSHARE_OT_C(t *testing.T) {
	f := newFx(t)
	f.emp.ScheduleType = model.ScheduleFlex
	f.emp.BudgetedWeekly = 36 * 3600
	for _, d := range []string{"Sun", "Mon", "Tue"} {
		f.sched(d+" 07:00", "19:30")
	}
	for _, d := range []string{"Sun", "Mon", "Tue", "Thu"} {
		f.work(d+" 07:00", "13:00", 0)
		f.work(d+" 13:30", "19:30", 0)
	}
	res := f.run()
	if hours(res, "OT", "SHARE-OT-C") != "0" || hours(res, "OT", "SHARE-OT-A") != "8" || cents(res) != 111150 {
		t.Fatalf("OT-04 total %d\n%s", cents(res), dump(res))
	}

	f = newFx(t)
	f.emp.ScheduleType = model.ScheduleFlex
	for _, d := range []string{"Mon", "Tue", "Wed", "Thu"} {
		f.sched(d+" 07:00", "17:30")
	}
	f.work("Mon 07:00", "13:00", 0)
	f.work("Mon 13:30", "19:30", 0)
	if res := f.run(); hours(res, "OT", "SHARE-OT-C") != "2" {
		t.Fatalf("OT-05\n%s", dump(res))
	}
}

// TestSHARE_OT_D — "will be paid at their regular hourly rate for extra time worked up to eight
// hours in a workday or forty hours in a workweek." TC-DER-OT-11: B = 24; Mon 9, Wed 8, Fri 8 →
// daily OT 1 (T = 8, not 24/3); premium $10.00; total $510.00.
func TestSHARE_OT_D(t *testing.T) {
	f := newFx(t)
	f.emp.BudgetedWeekly = 24 * 3600
	f.work("Mon 07:00", "11:00", 0)
	f.work("Mon 11:30", "16:30", 0)
	dayShifts(f, "Wed", "Fri")
	res := f.run()
	if hours(res, "OT") != "1" || cents(res) != 51000 {
		t.Fatalf("total %d\n%s", cents(res), dump(res))
	}
}

// TestSHARE_OT_E — "an employee's regular rate of pay will include all pay differentials (e.g.,
// on-call pay, shift and/or charge differentials) paid during the work week". TC-DER-OT-12: OT-01
// plus 10 on-call standby hours ($30.00, SHARE-OC-A) → RR = 920/44 = 20.9091 → premium $41.82 →
// total $961.82; standby hours do not count toward 40.
func TestSHARE_OT_E(t *testing.T) {
	f := newFx(t)
	dayShifts(f, "Mon", "Tue", "Wed", "Thu", "Fri")
	f.work("Sat 07:00", "11:00", 0)
	f.span("Tue 15:30", "01:30", 0, model.SpanOnCall)
	res := f.run()
	if hours(res, "ONCALL", "SHARE-OC-A") != "10" || hours(res, "OT") != "4" || cents(res) != 96182 {
		t.Fatalf("total %d\n%s", cents(res), dump(res))
	}
	if cents(res, "REG_RATE_TRUEUP") != 182 || rulestest.RuleOf(res, "REG_RATE_TRUEUP") != "SHARE-OT-E" { // 4 h × (20.9091 − 20) / 2 = 1.8182
		t.Fatalf("true-up %d\n%s", cents(res, "REG_RATE_TRUEUP"), dump(res))
	}
}

// TestSHARE_OT_G — "All hours paid … will be included … for the purpose of determining weekly
// overtime eligibility, except that unscheduled absences will not be included".
// TC-DER-OT-06: vacation Mon 8 + Tue–Fri 32 + Sat 8 (WKND $20) → weekly OT 8, RR 20.5, total $1,062.00.
// TC-DER-OT-07: the vacation on Friday, the extra day on Sunday → the same $1,062.00.
// TC-DER-OT-08: Monday unscheduled sick instead → OT 0, total $980.00.
func TestSHARE_OT_G(t *testing.T) {
	cases := []struct {
		id, absDay, code, extra string
		ot                      string
		total                   int64
	}{
		{"TC-DER-OT-06", "Mon", "VACATION", "Sat", "8", 106200},
		{"TC-DER-OT-07", "Fri", "VACATION", "Sun", "8", 106200},
		{"TC-DER-OT-08", "Mon", "SICK", "Sat", "0", 98000},
	}
	all := []string{"Mon", "Tue", "Wed", "Thu", "Fri"}
	for _, c := range cases {
		f := newFx(t)
		var ds []string
		for _, d := range all {
			if d != c.absDay {
				ds = append(ds, d)
			}
		}
		dayShifts(f, append(ds, c.extra)...)
		f.absence(c.absDay, c.code, "8")
		res := f.run()
		if hours(res, "OT") != c.ot || cents(res) != c.total {
			t.Errorf("%s: OT %s total %d\n%s", c.id, hours(res, "OT"), cents(res), dump(res))
		}
	}
}

// TestSHARE_OT_H — "Daily and weekly overtime pay may not be pyramided or duplicated. Only one
// overtime premium will apply." TC-DER-OT-03: Mon 06:00–18:30 (12 worked) + Tue–Fri 32 = 44 → daily
// OT 4, straight 40 → weekly 0: 4 premium hours, not 8; pay $920.00.
func TestSHARE_OT_H(t *testing.T) {
	f := newFx(t)
	f.work("Mon 06:00", "12:00", 0)
	f.work("Mon 12:30", "18:30", 0)
	dayShifts(f, "Tue", "Wed", "Thu", "Fri")
	res := f.run()
	if hours(res, "OT") != "4" || cents(res) != 92000 {
		t.Fatalf("total %d\n%s", cents(res), dump(res))
	}
}

// TestSHARE_OT_L — "All hours worked must be paid" even without approval. TC-DER-OT-14: stays 1 h
// past the shift on a 40 h week → 1 h paid with the daily premium: 800 + 30 = $830.00, and the
// warning UNAPPROVED_OT for the clerk.
func TestSHARE_OT_L(t *testing.T) {
	f := newFx(t)
	f.sched("Mon 07:00", "15:30")
	f.work("Mon 07:00", "11:00", 0)
	f.work("Mon 11:30", "16:30", 0)
	dayShifts(f, "Tue", "Wed", "Thu", "Fri")
	res := f.run()
	if hours(res, "OT") != "1" || cents(res) != 83000 || rulestest.ExceptionRule(res, "UNAPPROVED_OT") != "SHARE-OT-L" {
		t.Fatalf("total %d\n%s", cents(res), dump(res))
	}
	// The same hour at management's request is not a warning.
	f = newFx(t)
	f.sched("Mon 07:00", "15:30")
	f.work("Mon 07:00", "11:00", model.RuleMgmtRequest)
	f.work("Mon 11:30", "16:30", model.RuleMgmtRequest)
	dayShifts(f, "Tue", "Wed", "Thu", "Fri")
	if res := f.run(); hours(res, "OT") != "1" || hasException(res, "UNAPPROVED_OT") {
		t.Fatalf("requested overtime flagged:\n%s", dump(res))
	}
}

// TestSHARE_G_06 — "All flat differentials are added to the base rate and are never multiplied by
// it": straight time is one REG line per workday at the base rate (8 h × $20.00 = $160.00).
func TestSHARE_G_06(t *testing.T) {
	f := newFx(t)
	dayShifts(f, "Wed")
	res := f.run()
	if hours(res, "REG", "SHARE-G-06") != "8" || cents(res) != 16000 || len(res.Lines) != 1 {
		t.Fatal(dump(res))
	}
}

// TestSHARE_BRK_01 — "A meal period of thirty minutes of unpaid time will be scheduled for SHARE
// members working a shift of six or more consecutive hours."; "Employees who need to return pages
// or answer calls during their meal break shall be considered as having 'no lunch' and the employee
// will be compensated for that time." TC-DER-MEAL-01: 07:00–13:00 (6.0 h) → 0.5 deducted, 5.5 paid;
// 07:00–12:45 → none; NO_LUNCH → 6.0 paid. A punched meal (two rows 30 minutes apart) is the meal:
// nothing more is deducted. The deducted meal sits at the midpoint on the quarter hour, so a
// 15:00–23:30 evening shift loses 19:00–19:30 (evening), not night time.
func TestSHARE_BRK_01(t *testing.T) {
	cases := []struct {
		name       string
		add        func(f *fx)
		reg, eve   string
		deductedMn int64
	}{
		{"TC-DER-MEAL-01 6.0 h span", func(f *fx) { f.workMeal("Wed 07:00", "13:00", 0) }, "5.5", "0", 30},
		{"TC-DER-MEAL-01 5.75 h span", func(f *fx) { f.workMeal("Wed 07:00", "12:45", 0) }, "5.75", "0", 0},
		{"TC-DER-MEAL-01 no lunch", func(f *fx) { f.workMeal("Wed 07:00", "13:00", model.RuleNoLunch) }, "6", "0", 0},
		{"punched meal", func(f *fx) { f.workMeal("Wed 07:00", "11:00", 0); f.workMeal("Wed 11:30", "15:30", 0) }, "8", "0", 0},
		{"evening shift meal at the midpoint", func(f *fx) { f.workMeal("Wed 15:00", "23:30", 0) }, "8", "8", 30},
		// "(≥ 30 min; a shorter break is paid)": 07:00–10:00 and 10:15–12:00 → 5 h paid.
		{"short break is paid", func(f *fx) { f.workMeal("Wed 07:00", "10:00", 0); f.workMeal("Wed 10:15", "12:00", 0) }, "5", "0", 0},
	}
	for _, c := range cases {
		f := newFx(t)
		c.add(f)
		res := f.run()
		if hours(res, "REG") != c.reg || hours(res, "DIFF_EVE") != c.eve || res.Deducted != c.deductedMn*60 {
			t.Errorf("%s: REG %s EVE %s deducted %ds\n%s", c.name, hours(res, "REG"), hours(res, "DIFF_EVE"), res.Deducted, dump(res))
		}
	}
}

// TestSHARE_OT_A_WeekBoundary — weekly overtime counts the hours worked inside the workweek
// (issue: "split weekly totals at the Sunday 00:00 local boundary (FLSA: hours count in the week
// they are worked)"). Mon–Fri 5 × 8 + a Saturday 23:00–07:00 extra shift: only 23:00–24:00 is in
// this week, 41 h → 1 h of weekly overtime (counting the whole shift would give 8 h). And last
// week's Saturday night carries 7.5 h into this one: Mon–Fri 40 + 7.5 carried → 7.5 h of weekly
// overtime, the last of Friday's hours.
func TestSHARE_OT_A_WeekBoundary(t *testing.T) {
	f := newFx(t)
	dayShifts(f, "Mon", "Tue", "Wed", "Thu", "Fri")
	f.work("Sat 23:00", "07:00", 0)
	if res := f.run(); hours(res, "OT", "SHARE-OT-A") != "1" || hours(res, "REG") != "47" {
		t.Fatalf("Saturday night tail counted in this week:\n%s", dump(res))
	}
	f = newFx(t)
	dayShifts(f, "Mon", "Tue", "Wed", "Thu", "Fri")
	f.week.CarryIn = 7*3600 + 1800
	if res := f.run(); hours(res, "OT", "SHARE-OT-A") != "7.5" {
		t.Fatalf("carry-in not counted:\n%s", dump(res))
	}
}

// TestSHARE_OT_E_TrueUpSplitAcrossAccounts — issue 12, defect 3. "an employee's regular rate of pay
// will include all pay differentials ... paid during the work week" (Overtime E): the half-time on
// the differentials is owed on the overtime hours, so it is charged to their labor accounts in
// proportion to those hours, not to the account of the last one.
//
// Mon 07:00–16:00 on "A", Tue 07:00–16:00 on "B" (day shifts, RS-2: no differential) and Wed
// 15:00–24:00 on "C" (evening, RS-3/RS-5: $2.00 on all 9 h), no meal deducted. Daily OT (OT-B) is the
// 9th hour of each day: 1 h on each account. Regular rate = (27 × 20 + 9 × 2) ÷ 27 = $20.6667;
// true-up = 3 h × (0.6667 ÷ 2) = $1.00. Split 1 : 1 : 1 = 33⅓ cents each → 33 + 33 + 33 and the
// cent left to the smallest account (equal remainders): A $0.34, B $0.33, C $0.33.
func TestSHARE_OT_E_TrueUpSplitAcrossAccounts(t *testing.T) {
	f := newFx(t)
	f.work("Mon 07:00", "16:00", 0)
	f.work("Tue 07:00", "16:00", 0)
	f.work("Wed 15:00", "00:00", 0)
	for i, a := range []string{"A", "B", "C"} {
		f.week.Spans[i].Account = a
	}
	res := f.run()
	got := map[string]int64{}
	for _, l := range res.Lines {
		if l.PayCode == codeTrueUp {
			got[l.Account] += int64(l.Amount)
			if l.RuleID != ruleRegRate || l.Seconds != 3600 {
				t.Fatalf("true-up line %+v", l)
			}
		}
	}
	if hours(res, "OT", "SHARE-OT-B") != "3" || cents(res, codeTrueUp) != 100 || got["A"] != 34 || got["B"] != 33 || got["C"] != 33 {
		t.Fatalf("split %v\n%s", got, dump(res))
	}
}

package metamorphic_test

import (
	"testing"

	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
	"github.com/payclose/payclose/stages/rules/rulestest"
)

// Plain tests of the cases the properties above found (issue 12's four defects), through assemble
// and the rule families as the close runs them. Each skipped case has a control at a gap the span
// merge does not reach, which passes today, so the expected amounts are known to be the engine's own
// once the defect is gone.

func ruleCents(res *model.Result, rule string) int64 {
	var s int64
	for _, l := range res.Lines {
		if l.RuleID == rule {
			s += int64(l.Amount)
		}
	}
	return s
}

// PSU-39.14: "… called back for unscheduled work prior to the commencement of his/her next
// scheduled shift shall receive a minimum of four (4) hours pay at his/her regular hourly overtime
// rate." Scheduled 08:30–16:30, leaves at 16:30, called back for 45 minutes: 4 h × $45.00 = $180.00
// under PSU-39.14 (0.75 h worked + 3.25 h guarantee), whatever the gap.
func TestPSUCallBackAfterPunchOut(t *testing.T) {
	run := func(t *testing.T, backH, backM int) {
		p := person(t, model.Employee{ID: "P1", RuleSet: "PSU_NONEXEMPT", AnnualSalary: 5850000, BudgetedWeekly: 135000},
			[2]int64{wall(monday, 8, 30), wall(monday, 16, 30)})
		punch(p, wall(monday, 8, 30), wall(monday, 16, 30), "", 0)
		punch(p, wall(monday, backH, backM), wall(monday, backH, backM)+45*60, "", 0)
		c := rulestest.Close(t, p, plainWeek, nil)
		if got := ruleCents(&c.Res, "PSU-39.14"); got != 18000 {
			t.Fatalf("PSU-39.14 pays %s, want 180.00\n%s", rates.Money(got), rulestest.Dump(&c.Res))
		}
	}
	t.Run("75 minutes after", func(t *testing.T) { run(t, 17, 45) })
	t.Run("45 minutes after (17:15-18:00)", func(t *testing.T) {
		run(t, 17, 15)
	})
}

// SHARE-OC-J: "not on call, called in … a minimum of four hours of pay". Day worker, $20.00, 07:00–
// 15:30 with the meal (8 h), leaves at 15:30 and is called in for one hour (WORKRULE CALLED_IN):
// the hour is daily overtime (SHARE-OT-B) 1 × $30.00; the minimum tops it up by 3 h × $20.00 =
// $60.00; the hour is evening (SHARE-SHIFT-03, 15:00–23:00) $2.00; RR = (9 × 20 + 2) ÷ 9 = $20.2222,
// true-up 0.5 × 0.2222 × 1 = $0.11 (SHARE-OT-E). Gross $160.00 + 30.00 + 60.00 + 2.00 + 0.11 = $252.11.
func TestSHARECalledInAfterPunchOut(t *testing.T) {
	run := func(t *testing.T, backH, backM int) {
		p := person(t, model.Employee{ID: "S1", RuleSet: "SHARE", BaseRate: rates.Dollars(20, 0), BudgetedWeekly: 40 * 3600, OnCallApproved: true, TimeOff: "EARNED"},
			[2]int64{wall(monday, 7, 0), wall(monday, 15, 30)})
		punch(p, wall(monday, 7, 0), wall(monday, 11, 0), "", 0)
		punch(p, wall(monday, 11, 30), wall(monday, 15, 30), "", 0)
		punch(p, wall(monday, backH, backM), wall(monday, backH+1, backM), "", model.RuleCalledIn)
		c := rulestest.Close(t, p, plainWeek, nil)
		if ruleCents(&c.Res, "SHARE-OC-J") != 6000 || c.Gross() != 25211 {
			t.Fatalf("SHARE-OC-J %s, gross %s; want 60.00 and 252.11\n%s", rates.Money(ruleCents(&c.Res, "SHARE-OC-J")), rates.Money(c.Gross()), rulestest.Dump(&c.Res))
		}
	}
	t.Run("16:45-17:45", func(t *testing.T) { run(t, 16, 45) })
	t.Run("16:15-17:15", func(t *testing.T) {
		run(t, 16, 15)
	})
}

// SHARE-OC-D and SHARE-OC-STAY: on call from the end of the 07:00–15:30 shift to 23:30, the employee
// punches out at 15:30 and is called back for one hour. "Staying late" needs work continuing
// without a punch-out (the raw-punch test of SHARE-OC-STAY); this is a call-back: 1 h at $30.00
// (SHARE-OC-B) + 3 h top-up at $30.00 (SHARE-OC-D) + the evening differential at 1.5 × $2.00 =
// $3.00, and on-call pay for the 4 hours outside the call-back window 4 × $3.00 = $12.00 (SHARE-OC-A).
// Gross $160.00 + 30.00 + 90.00 + 3.00 + 12.00 = $295.00.
func TestSHAREOnCallBackAfterPunchOut(t *testing.T) {
	run := func(t *testing.T, backH, backM int) {
		p := person(t, model.Employee{ID: "S1", RuleSet: "SHARE", BaseRate: rates.Dollars(20, 0), BudgetedWeekly: 40 * 3600, OnCallApproved: true, TimeOff: "EARNED"},
			[2]int64{wall(monday, 7, 0), wall(monday, 15, 30)})
		punch(p, wall(monday, 7, 0), wall(monday, 11, 0), "", 0)
		punch(p, wall(monday, 11, 30), wall(monday, 15, 30), "", 0)
		punch(p, wall(monday, 15, 30), wall(monday, 23, 30), "ON CALL", 0)
		punch(p, wall(monday, backH, backM), wall(monday, backH+1, backM), "", 0)
		c := rulestest.Close(t, p, plainWeek, nil)
		if ruleCents(&c.Res, "SHARE-OC-D") != 9000 || ruleCents(&c.Res, "SHARE-OC-STAY") != 0 || c.Gross() != 29500 {
			t.Fatalf("SHARE-OC-D %s, gross %s; want 90.00 and 295.00, nothing as staying late\n%s", rates.Money(ruleCents(&c.Res, "SHARE-OC-D")),
				rates.Money(c.Gross()), rulestest.Dump(&c.Res))
		}
	}
	t.Run("16:45-17:45", func(t *testing.T) { run(t, 16, 45) })
	t.Run("16:15-17:15", func(t *testing.T) {
		run(t, 16, 15)
	})
}

// SHARE-BRK-01 and the floor "pay is never less than the time punched in": a day worker
// scheduled 07:00–15:30 punches 07:00–11:00 and 11:15–15:30, a 15-minute break instead of the
// meal. 8.25 h are punched in; the break is paid (short_break_paid: "a shorter break is paid"), so
// no automatic meal may be deducted from the punched time: at least 8.25 h paid, $165.00 or more.
func TestSHAREShortBreakKeepsPunchedTime(t *testing.T) {
	p := person(t, model.Employee{ID: "S1", RuleSet: "SHARE", BaseRate: rates.Dollars(20, 0), BudgetedWeekly: 40 * 3600, OnCallApproved: true, TimeOff: "EARNED"},
		[2]int64{wall(monday, 7, 0), wall(monday, 15, 30)})
	punch(p, wall(monday, 7, 0), wall(monday, 11, 0), "", 0)
	punch(p, wall(monday, 11, 15), wall(monday, 15, 30), "", 0)
	c := rulestest.Close(t, p, plainWeek, nil)
	if paid := sumCodes(&c.Res, "REG", "OT"); paid < 8*3600+900 || c.Gross() < 16500 {
		t.Fatalf("paid %s h, gross %s; want at least the 8.25 h punched, $165.00\n%s", rates.HoursDecimal(paid), rates.Money(c.Gross()), rulestest.Dump(&c.Res))
	}
}

// FORMATS: LABORACCOUNT is carried to pay lines; a line that comes from no punch row takes the
// employee's home account, else the account with the most worked minutes that week (issue 12).
// A PSU member scheduled Monday to Friday of Thanksgiving week works Mon–Wed and Fri on account
// ACC-PSU and is off on the holiday (PSU-39.10-A1 "the member is entitled to receive his/her
// regular day's pay"): the holiday line is charged to ACC-PSU.
func TestHolidayLineHasLaborAccount(t *testing.T) {
	var sched [][2]int64
	for d := 1; d <= 5; d++ {
		day := thanksgiving.AddDays(d)
		sched = append(sched, [2]int64{wall(day, 8, 0), wall(day, 15, 30)})
	}
	p := person(t, model.Employee{ID: "P1", RuleSet: "PSU_NONEXEMPT", AnnualSalary: 5850000, BudgetedWeekly: 135000}, sched...)
	for d := 1; d <= 5; d++ {
		if d != 4 {
			day := thanksgiving.AddDays(d)
			punch(p, wall(day, 8, 0), wall(day, 15, 30), "", 0)
		}
	}
	c := rulestest.Close(t, p, thanksgiving, nil)
	found := false
	for _, l := range c.Res.Lines {
		if l.PayCode == "HOL_BENEFIT" {
			found = true
			if l.Account != "ACC-PSU_NONEXEMPT" {
				t.Errorf("holiday line charged to %q, want ACC-PSU_NONEXEMPT", l.Account)
			}
		}
	}
	if !found {
		t.Fatalf("no holiday line\n%s", rulestest.Dump(&c.Res))
	}
}

// SHARE-OT-E with FORMATS' labor accounts: the regular-rate true-up belongs to the overtime hours,
// so it is split across their labor accounts in proportion to those hours, pennies by largest
// remainder (issue 12). $20.00 base, Mon–Fri 07:00–15:00 (40 h) and Saturday 07:00–15:00 (weekly
// OT, the last 8 hours), 6 h on account A and 2 h on account B; the weekend differential 8 ×
// $2.50 = $20.00 (SHARE-SHIFT-04, day shifts paid). RR = (48 × 20 + 20) ÷ 48 = $20.4167; true-up
// 8 × 0.5 × 0.4167 = $1.67; split 6 : 2 = 1.2525 : 0.4175 → $1.25 to A, $0.42 to B (the
// remaining cent to the larger remainder, B's 0.75).
func TestTrueUpSplitAcrossAccounts(t *testing.T) {
	p := person(t, model.Employee{ID: "S1", RuleSet: "SHARE", BaseRate: rates.Dollars(20, 0), BudgetedWeekly: 40 * 3600, OnCallApproved: true, TimeOff: "EARNED"})
	for d := 1; d <= 5; d++ {
		day := plainWeek.AddDays(d)
		punch(p, wall(day, 7, 0), wall(day, 15, 0), "", model.RuleNoLunch)
		p.Punches[len(p.Punches)-1].Account = "A"
	}
	sat := plainWeek.AddDays(6)
	punch(p, wall(sat, 7, 0), wall(sat, 13, 0), "", model.RuleNoLunch)
	p.Punches[len(p.Punches)-1].Account = "A"
	punch(p, wall(sat, 13, 0), wall(sat, 15, 0), "", model.RuleNoLunch)
	p.Punches[len(p.Punches)-1].Account = "B"
	c := rulestest.Close(t, p, plainWeek, nil)
	got := map[string]rates.Money{}
	for _, l := range c.Res.Lines {
		if l.PayCode == "REG_RATE_TRUEUP" {
			got[l.Account] += l.Amount
		}
	}
	if got["A"] != 125 || got["B"] != 42 || len(got) != 2 {
		t.Fatalf("true-up by account %v, want A 1.25 and B 0.42\n%s", got, rulestest.Dump(&c.Res))
	}
}

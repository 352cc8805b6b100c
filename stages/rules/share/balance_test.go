package share

import (
	"strings"
	"testing"

	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
	"github.com/payclose/payclose/stages/rules"
	"github.com/payclose/payclose/stages/rules/rulestest"
)

// etWeek is an Earned Time employee at $20.00 who works Mon–Thu 07:00–15:00 (32 h) and opens the
// week with the given EARNED balance, known to the run.
func etWeek(t *testing.T, earned string) *fx {
	f := newFx(t)
	f.emp.TimeOff = "EARNED"
	for _, d := range []string{"Mon", "Tue", "Wed", "Thu"} {
		f.work(d+" 07:00", "15:00", 0)
	}
	h, err := rates.ParseHours(earned)
	if err != nil {
		t.Fatal(err)
	}
	f.week.Balances[0], f.week.BalancesKnown = h, true // model.BankNames[0] is EARNED
	return f
}

func insufficient(res *model.Result) []model.Exception {
	var out []model.Exception
	for _, e := range res.Exceptions {
		if e.Code == rules.ExcInsufficient {
			out = append(out, e)
		}
	}
	return out
}

// SHARE-PTO-19: "Earned time must be accrued before it is paid. Negative balances in the earned
// time bank are not permitted." (Scheduling Vacations 5; usable = the balance at the close of the
// prior week.) 5 h in the bank, an 8-hour EARNED TIME row on Friday:
//
//	EARNED  5.0000 h × $20.00 = $100.00   (the balance)
//	LWOP    3.0000 h × $0     =   $0.00   (8 − 5, rule SHARE-PTO-19)
//	REG    32.0000 h × $20.00 = $640.00
//	gross                       $740.00   (was $800.00 paying the row in full)
//
// One INSUFFICIENT_BALANCE, rule SHARE-PTO-19, dated Friday; every hour of the row is on a line.
func TestSHARE_PTO_19_PaidOnlyUpToPriorWeekClose(t *testing.T) {
	f := etWeek(t, "5")
	f.absence("Fri", "EARNED TIME", "8")
	res := f.run()
	if got := hours(res, "EARNED"); got != "5" {
		t.Fatalf("EARNED %s h, want 5\n%s", got, dump(res))
	}
	if got := hours(res, codeLWOP, rulePTO19); got != "3" {
		t.Fatalf("LWOP (SHARE-PTO-19) %s h, want 3\n%s", got, dump(res))
	}
	if got := cents(res, "EARNED"); got != 100_00 {
		t.Fatalf("EARNED pays %s, want $100.00\n%s", rates.Money(got), dump(res))
	}
	rulestest.ExpectGross(t, res, 740_00)
	if res.Absent != 8*3600 {
		t.Fatalf("absence seconds %d, want every hour of the row (28800)", res.Absent)
	}
	exc := insufficient(res)
	if len(exc) != 1 || exc[0].RuleID != "SHARE-PTO-19" || exc[0].Date != f.start.AddDays(5) {
		t.Fatalf("want one INSUFFICIENT_BALANCE (SHARE-PTO-19) on Friday, got %v", res.Exceptions)
	}
	for _, s := range []string{"8.0000 h requested", "5.0000 h available at the close of the prior week", "3.0000 h not paid", "recode if the balance is wrong"} {
		if !strings.Contains(exc[0].Detail, s) {
			t.Errorf("detail %q lacks %q", exc[0].Detail, s)
		}
	}
}

// The rows drawing on the bank are paid in date order, whatever their order in the input: 5 h,
// Thursday's 4 h row first in the input, Tuesday's 4 h row: Tuesday 4 h paid, Thursday 1 h paid
// and 3 h unpaid. A VACATION row of an Earned Time employee draws on EARNED too (the plan's
// bank_alias): 5 h, a 2 h VACATION row after the 4 h one leaves 1 h paid, 1 h unpaid.
func TestSHARE_PTO_19_DateOrderAndAlias(t *testing.T) {
	f := newFx(t)
	f.emp.TimeOff = "EARNED"
	f.week.Balances[0], f.week.BalancesKnown = rates.Hours(50000), true
	f.absence("Thu", "EARNED TIME", "4")
	f.absence("Tue", "EARNED TIME", "4")
	res := f.run()
	var tue, thu, unpaidThu int64
	for _, l := range res.Lines {
		switch {
		case l.PayCode == "EARNED" && l.WorkDate == f.start.AddDays(2):
			tue += l.Seconds
		case l.PayCode == "EARNED" && l.WorkDate == f.start.AddDays(4):
			thu += l.Seconds
		case l.PayCode == codeLWOP && l.WorkDate == f.start.AddDays(4):
			unpaidThu += l.Seconds
		}
	}
	if tue != 4*3600 || thu != 3600 || unpaidThu != 3*3600 {
		t.Fatalf("Tue %d s, Thu %d s paid, Thu %d s unpaid; want 4 h, 1 h, 3 h\n%s", tue, thu, unpaidThu, dump(res))
	}

	g := newFx(t)
	g.emp.TimeOff = "EARNED"
	g.week.Balances[0], g.week.BalancesKnown = rates.Hours(50000), true
	g.absence("Mon", "EARNED TIME", "4")
	g.absence("Tue", "VACATION", "2")
	res = g.run()
	if got, un := hours(res, "VACATION"), hours(res, codeLWOP, rulePTO19); got != "1" || un != "1" {
		t.Fatalf("VACATION %s h paid, %s h unpaid; want 1 and 1\n%s", got, un, dump(res))
	}
	if n := len(insufficient(res)); n != 1 {
		t.Fatalf("%d INSUFFICIENT_BALANCE, want one for the EARNED bank's week\n%s", n, dump(res))
	}
}

// SHARE counts paid absences toward the weekly 40 (Overtime G): the unpaid part counts for
// nothing. 36 h worked (Mon–Thu 8 h, Sat 07:00–11:00) and an 8 h EARNED TIME row on 5 h of
// balance: 36 + 5 = 41 counted, 1 h of weekly overtime (paying the row in full counted 44: 4 h).
func TestSHARE_PTO_19_UnpaidNotCountedTowardOvertime(t *testing.T) {
	f := etWeek(t, "5")
	f.work("Sat 07:00", "11:00", 0)
	f.absence("Fri", "EARNED TIME", "8")
	res := f.run()
	if got := hours(res, "OT"); got != "1" {
		t.Fatalf("OT %s h, want 1 (36 worked + 5 paid ET − 40)\n%s", got, dump(res))
	}
}

// Without opening balances the run knows no balance (BalancesKnown false): the row is paid as
// entered, 8 h × $20.00 = $160.00, and the accrual stage reports the shortfall as before. A
// Traditional Time employee's VACATION bank is not the earned time bank the sentence names: paid
// as entered even on a known zero balance.
func TestSHARE_PTO_19_NoOpeningBalancesPaysAsEntered(t *testing.T) {
	f := etWeek(t, "0")
	f.week.BalancesKnown = false
	f.absence("Fri", "EARNED TIME", "8")
	res := f.run()
	if got := cents(res, "EARNED"); got != 160_00 || len(insufficient(res)) != 0 || hours(res, codeLWOP) != "0" {
		t.Fatalf("EARNED pays %s, want $160.00 and no exception\n%s", rates.Money(got), dump(res))
	}

	g := etWeek(t, "0")
	g.emp.TimeOff = "TRADITIONAL"
	g.absence("Fri", "VACATION", "8")
	res = g.run()
	if got := cents(res, "VACATION"); got != 160_00 || len(insufficient(res)) != 0 {
		t.Fatalf("Traditional VACATION pays %s, want $160.00 and no exception\n%s", rates.Money(got), dump(res))
	}
}

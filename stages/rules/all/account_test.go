package all_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
	"github.com/payclose/payclose/stages/rules"
)

// Issue 12, defect 2: every pay line carries a labor account. FORMATS.md: LABORACCOUNT is "carried
// to pay lines", and the roster's LABORACCOUNT is the "home account for lines with no punch row".
// Lines that come from no punch row — automatic holiday pay (PSU-39.10-A1, HOL_BENEFIT), comp
// credits (PSU-21.8-B, HOL_COMP_EARNED), salary continuation (PSU-39.4-B, SALARY_CONT), the FLSA
// true-up — take the home account; without one, the account with the most worked time in the week
// (ties: the smallest account); never empty.
//
// Thanksgiving week 2026 (Thu 11-26, a holiday of every calendar). Worked: Mon 08:00–11:00 on
// account "C" and Tue 08:00–11:00 on "B" (3 h each: a tie, so "B"), or, for the comp/true-up week,
// Mon–Sat 08:00–16:30, Wed and Sat on "B", the other four days on "C" (34 h against 17 h: "C").
// Every family, every employee type.
func TestEveryLineHasALaborAccount(t *testing.T) {
	z, err := calendars.LoadZone("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	start := calendars.NewDate(2026, time.November, 22)
	at := func(d, h, m int) int64 { return z.WallInstant(start.AddDays(d), h, m, 0) }
	span := func(d, h1, h2 int, acct string) model.Span {
		s, e := at(d, h1, 0), at(d, h2, 30)
		return model.Span{Start: s, End: e, RawStart: s, RawEnd: e, Workday: start.AddDays(d), Kind: model.SpanWorked, Account: acct, Rule: model.RuleNoLunch}
	}
	short := []model.Span{span(1, 8, 10, "C"), span(2, 8, 10, "B")}
	var long []model.Span
	for d := 1; d <= 6; d++ {
		long = append(long, span(d, 8, 16, []string{"B", "C", "C"}[d%3]))
	}
	var sched []model.ScheduledShift
	for d := 1; d <= 5; d++ {
		sched = append(sched, model.ScheduledShift{Date: start.AddDays(d), Start: at(d, 8, 0), End: at(d, 16, 30)})
	}
	emps := []model.Employee{
		{ID: "S", RuleSet: "SHARE", BaseRate: rates.Dollars(30, 0), BudgetedWeekly: 40 * 3600, TimeOff: "EARNED", OnCallApproved: true},
		{ID: "P", RuleSet: "PSU_NONEXEMPT", AnnualSalary: 5850000, BudgetedWeekly: 37*3600 + 1800},
		{ID: "PC", RuleSet: "PSU_NONEXEMPT", AnnualSalary: 5850000, BudgetedWeekly: 37*3600 + 1800, CompElect: true, HolidayElect: "PAY_PLUS_COMP"},
		{ID: "N", RuleSet: "NONUNIT_NONEXEMPT", AnnualSalary: 6240000, BudgetedWeekly: 40 * 3600},
		{ID: "NC", RuleSet: "NONUNIT_NONEXEMPT", AnnualSalary: 6240000, BudgetedWeekly: 40 * 3600, CompElect: true},
	}
	for _, e := range emps {
		for _, home := range []string{"", "HOME/-/-"} {
			for wi, spans := range [][]model.Span{nil, short, long} {
				emp := e
				emp.Account = home
				rs, err := rates.Default.Lookup(emp.RuleSet, start.Time())
				if err != nil {
					t.Fatal(err)
				}
				fam, err := rules.Lookup(rs.Family)
				if err != nil {
					t.Fatal(err)
				}
				w := &model.Week{Emp: &emp, Zone: z, Start: start, From: z.Instant(start, 0), To: z.Instant(start.AddDays(7), 0),
					Spans: append([]model.Span(nil), spans...), Schedule: sched}
				res := &model.Result{}
				fam.NewCalc().Calculate(w, rs, res)
				var b strings.Builder
				for _, l := range res.Lines {
					fmt.Fprintf(&b, "  %s %-16s %-14s %-10s %s\n", l.WorkDate, l.PayCode, l.RuleID, l.Account, l.Amount)
				}
				// The fallback: home, else most worked time (short: a 3 h tie → "B"; long: C
				// 34 h > B 17 h), else nothing worked: UNASSIGNED.
				want := home
				if want == "" {
					want = []string{rules.NoAccount, "B", "C"}[wi]
				}
				fromPunch := 0
				for _, l := range res.Lines {
					switch {
					case l.Account == "":
						t.Errorf("%s home %q week %d: empty labor account\n%s", emp.ID, home, wi, b.String())
					case noPunchRow[l.PayCode] && l.Account != want:
						t.Errorf("%s home %q week %d: %s on %q, want %q\n%s", emp.ID, home, wi, l.PayCode, l.Account, want, b.String())
					case l.Account == "B" || l.Account == "C":
						fromPunch++
					case l.Account != want:
						t.Errorf("%s home %q week %d: account %q, want %q\n%s", emp.ID, home, wi, l.Account, want, b.String())
					}
				}
				if wi == 0 && fromPunch > 0 {
					t.Errorf("%s: no punches, yet a punch account", emp.ID)
				}
				if testing.Verbose() {
					t.Logf("%s home %q week %d\n%s", emp.ID, home, wi, b.String())
				}
			}
		}
	}
}

// noPunchRow are the pay codes whose lines come from no punch row.
var noPunchRow = map[string]bool{"SALARY_CONT": true, "HOL_BENEFIT": true, "HOL_COMP_EARNED": true, "COMP_EARNED": true}

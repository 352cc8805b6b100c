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
	_ "github.com/payclose/payclose/stages/rules/all"
)

// TestMixedRoster closes the same week of punches under the five rule sets (week Sun 2026-11-15,
// no holiday, every employee at $30.00 an hour): Monday VACATION 8 h; Tuesday–Friday 15:00–19:00
// and 19:30–23:30 (8 h, a punched meal); Saturday 15:00–19:00 (4 h). 36 h worked + 8 h leave.
//
//	                        SHARE (BASE_RATE 30,     PSU_NONEXEMPT           NONUNIT_NONEXEMPT
//	                        evening, 40 budgeted)    ($58,500, 37.5 h)       ($62,400, 40 h)
//	leave toward 40?        yes (Overtime G)         yes (39.6-D1)           no (NU-OT-DEF)
//	counted / OT            44 h / 4 h (Sat)         44 h / 4 h (Sat)        36 h / 0
//	shift differential      evening $2.00 on the     second shift $1.00,     none
//	                        15:00–23:30 hours,       whole workday,
//	                        weekend $2.50 Fri 23:00– in the OT rate
//	                        and Saturday
//	vacation                base + evening diff      base                    base
//	                        (SHIFT-20)
//	gross                   $1,483.88                $1,418.00               $1,320.00
//
// PSU: REG 32 × 30 = 960 + DIFF_SHIFT 32 × 1 = 32 + OT 4 × 1.5 × (30 + 1) = 186 + VACATION 240 =
// $1,418.00; the regular rate is $31 on every hour worked, so no FLSA true-up.
// Non-unit: REG 36 × 30 = 1,080 + VACATION 240 = $1,320.00 (44 h paid ≥ the 40-hour week).
// SHARE: REG 32 × 30 = 960; OT 4 × 45 = 180; VACATION 8 × 30 = 240; evening differential on
// Tue–Fri 15:00–23:30 less meals (32 h) and Saturday 15:00–19:00 (4 h) = 36 × 2 = 72 and on the
// vacation 8 × 2 = 16; weekend Fri 23:00–23:30 + Sat 4 h = 4.5 × 2.50 = 11.25; the FLSA half-time
// on the differentials in the 4 OT hours (REG_RATE_TRUEUP) = 4 × ½ × (72 + 11.25) ÷ 36 = $4.63:
// 960 + 180 + 240 + 72 + 16 + 11.25 + 4.63 = $1,483.88. The same punches pay $65.88 more under
// SHARE than PSU (richer differentials) and $98.00 more under PSU than non-unit (vacation counts
// toward 40, and the second-shift dollar).
//
// The exempt rule sets pay the salary whatever the hours (no overtime exists, SEL-2; RS5): PSU
// exempt $58,500 ÷ 52 = $1,125.00, of which the 8 h of vacation are $240.00 (58,500 ÷ 1950 =
// $30.00 an hour) and the salary line the other $885.00; no comp: 36 documented hours are under 40
// (PSU-18.2-A; the vacation is not documented work). Non-unit exempt $62,400 ÷ 52 = $1,200.00. The same punches pay $293.00 less as a PSU exempt member than as a non-exempt one.
func TestMixedRoster(t *testing.T) {
	z, err := calendars.LoadZone("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	start := calendars.NewDate(2026, time.November, 15)
	at := func(d, h, m int) int64 { return z.WallInstant(start.AddDays(d), h, m, 0) }
	var spans []model.Span
	add := func(d, h1, m1, h2, m2 int) {
		s, e := at(d, h1, m1), at(d, h2, m2)
		spans = append(spans, model.Span{Start: s, End: e, RawStart: s, RawEnd: e, Workday: start.AddDays(d), Kind: model.SpanWorked, Account: "A"})
	}
	for d := 2; d <= 5; d++ {
		add(d, 15, 0, 19, 0)
		add(d, 19, 30, 23, 30)
	}
	add(6, 15, 0, 19, 0)
	vac := []model.Absence{{Date: start.AddDays(1), Code: "VACATION", Input: "VACATION", Seconds: 8 * 3600, Account: "A"}}

	cases := []struct {
		emp   model.Employee
		gross int64
		ot    string
	}{
		{model.Employee{ID: "S", RuleSet: "SHARE", BaseRate: rates.Dollars(30, 0), BudgetedWeekly: 40 * 3600, HomeShift: model.ShiftEvening, TimeOff: "EARNED", OnCallApproved: true}, 148388, "4"},
		{model.Employee{ID: "P", RuleSet: "PSU_NONEXEMPT", AnnualSalary: 5850000, BudgetedWeekly: 37*3600 + 1800}, 141800, "4"},
		{model.Employee{ID: "N", RuleSet: "NONUNIT_NONEXEMPT", AnnualSalary: 6240000, BudgetedWeekly: 40 * 3600}, 132000, "0"},
		{model.Employee{ID: "PX", RuleSet: "PSU_EXEMPT", AnnualSalary: 5850000, BudgetedWeekly: 37*3600 + 1800, CompApproved: true}, 112500, "0"},
		{model.Employee{ID: "NX", RuleSet: "NONUNIT_EXEMPT", AnnualSalary: 6240000, BudgetedWeekly: 40 * 3600}, 120000, "0"},
	}
	for _, c := range cases {
		t.Run(c.emp.RuleSet, func(t *testing.T) {
			rs, err := rates.Default.Lookup(c.emp.RuleSet, start.Time())
			if err != nil {
				t.Fatal(err)
			}
			fam, err := rules.Lookup(rs.Family)
			if err != nil {
				t.Fatal(err)
			}
			emp := c.emp
			w := &model.Week{Emp: &emp, Zone: z, Start: start, From: z.Instant(start, 0), To: z.Instant(start.AddDays(7), 0),
				Spans: append([]model.Span(nil), spans...), Absences: append([]model.Absence(nil), vac...)}
			res := &model.Result{}
			fam.NewCalc().Calculate(w, rs, res)
			var gross, ot int64
			var b strings.Builder
			for _, l := range res.Lines {
				gross += int64(l.Amount)
				if l.PayCode == "OT" {
					ot += l.Seconds
				}
				fmt.Fprintf(&b, "  %s %-16s %-16s %sh × %s = %s\n", l.WorkDate, l.PayCode, l.RuleID, rates.HoursDecimal(l.Seconds), l.Rate, l.Amount)
			}
			if res.Regular+res.Overtime != res.Worked || res.Worked != 36*3600 || res.Absent != 8*3600 {
				t.Fatalf("worked %d (REG %d + OT %d), absent %d", res.Worked, res.Regular, res.Overtime, res.Absent)
			}
			if gross != c.gross || rates.HoursDecimal(ot).String() != c.ot || res.ExemptCompEarned != 0 {
				t.Fatalf("gross %s OT %s h, want %s OT %s h\n%s", rates.Money(gross), rates.HoursDecimal(ot), rates.Money(c.gross), c.ot, b.String())
			}
		})
	}
}

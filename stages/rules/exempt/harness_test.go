package exempt

import (
	"testing"
	"time"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
	"github.com/payclose/payclose/stages/rules"
	"github.com/payclose/payclose/stages/rules/rulestest"
)

// novWeek is Sun 2026-11-15 .. Sat 2026-11-21, no holiday.
var novWeek = calendars.NewDate(2026, time.November, 15)

type fx struct {
	*rulestest.Fixture
	fam string
}

// psuFx: a full-time PSU exempt member at $58,500 (37.5 h): the week is 58,500 ÷ 52 = $1,125.00,
// the hourly equivalent 58,500 ÷ 1950 = $30.00.
func psuFx(t testing.TB) *fx {
	rs := rulestest.Profile(t, "PSU_EXEMPT", novWeek)
	return &fx{rulestest.NewFixture(t, rs, novWeek, model.Employee{ID: "X1", RuleSet: "PSU_EXEMPT", AnnualSalary: 5850000, BudgetedWeekly: 37*3600 + 1800}), "psuexempt"}
}

// nuFx: a non-unit exempt employee at $62,400 (40 h): $1,200.00 a week, $30.00 an hour.
func nuFx(t testing.TB) *fx {
	rs := rulestest.Profile(t, "NONUNIT_EXEMPT", novWeek)
	return &fx{rulestest.NewFixture(t, rs, novWeek, model.Employee{ID: "N1", RuleSet: "NONUNIT_EXEMPT", AnnualSalary: 6240000, BudgetedWeekly: 40 * 3600}), "nonunitexempt"}
}

func (f *fx) run() *model.Result {
	fam, err := rules.Lookup(f.fam)
	if err != nil {
		f.T.Fatal(err)
	}
	return f.Run(fam.NewCalc())
}

// days works 09:00-17:00 (8 h) on each day named.
func (f *fx) days(names ...string) {
	for _, d := range names {
		f.Work(d + " 09:00-17:00")
	}
}

var (
	hours       = rulestest.Hours
	dump        = rulestest.Dump
	expectGross = rulestest.ExpectGross
	hasExc      = rulestest.HasException
	excRule     = rulestest.ExceptionRule
	ruleOf      = rulestest.RuleOf
)

func compHours(res *model.Result) string { return rulestest.Hours(res, codeComp) }

func rulestestCents(res *model.Result, code string) int64 { return rulestest.Cents(res, code) }

func rulestestProfile(t testing.TB, name string) *rates.RuleSet {
	return rulestest.Profile(t, name, novWeek)
}

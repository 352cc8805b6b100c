package psu

import (
	"testing"
	"time"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
	"github.com/payclose/payclose/stages/rules/rulestest"
)

// The catalog's fixture F-PSU (psu-nonunit-esl.md §8.2): FTE 1.0, annual salary $58,500.00 →
// base $30.00/h (58,500 ÷ 1950), weekly salary $1,125.00, schedule Monday–Friday 7.5 h.
var novWeek = calendars.NewDate(2026, time.November, 15) // no holiday

func profile(t testing.TB) *rates.RuleSet { return rulestest.Profile(t, "PSU_NONEXEMPT", novWeek) }

// withSwitch returns a copy of the profile with one switch changed.
func withSwitch(t testing.TB, name string, v bool) *rates.RuleSet {
	return rulestest.WithSwitch(profile(t), name, v)
}

// fx is the shared week fixture run through this family's Calc.
type fx struct{ *rulestest.Fixture }

func newFx(t testing.TB, start calendars.Date) *fx {
	return &fx{rulestest.NewFixture(t, profile(t), start, model.Employee{ID: "P1", RuleSet: "PSU_NONEXEMPT", AnnualSalary: 5850000, BudgetedWeekly: 135000})}
}

func (f *fx) run() *model.Result { return f.Run(&Calc{}) }

var (
	hours        = rulestest.Hours
	cents        = rulestest.Cents
	hasException = rulestest.HasException
	dump         = rulestest.Dump
	expectGross  = rulestest.ExpectGross
)

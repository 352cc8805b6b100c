package nonunit

import (
	"testing"
	"time"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
	"github.com/payclose/payclose/stages/rules/rulestest"
)

// The catalog's fixture F-NU (psu-nonunit-esl.md §8.2): annual $62,400.00, schedule Monday–Friday
// 08:30–17:00 with a ½-hour unpaid lunch (8 h a day, 40 h) → regular rate $30.00 (62,400 ÷ 2080),
// weekly $1,200.00.
var novWeek = calendars.NewDate(2026, time.November, 15) // no holiday

func profile(t testing.TB) *rates.RuleSet { return rulestest.Profile(t, "NONUNIT_NONEXEMPT", novWeek) }

// withSwitch returns a copy of the profile with one switch changed.
func withSwitch(t testing.TB, name string, v bool) *rates.RuleSet {
	return rulestest.WithSwitch(profile(t), name, v)
}

// fx is the shared week fixture run through this family's Calc.
type fx struct{ *rulestest.Fixture }

func newFx(t testing.TB, start calendars.Date) *fx {
	return &fx{rulestest.NewFixture(t, profile(t), start, model.Employee{ID: "N1", RuleSet: "NONUNIT_NONEXEMPT", AnnualSalary: 6240000, BudgetedWeekly: 144000})}
}

func (f *fx) run() *model.Result { return f.Run(&Calc{}) }

var (
	hours       = rulestest.Hours
	cents       = rulestest.Cents
	dump        = rulestest.Dump
	expectGross = rulestest.ExpectGross
)

package metamorphic_test

import (
	"testing"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
	"github.com/payclose/payclose/stages/rules/rulestest"
)

// Properties of wages over time (issue 14) on every generated employee-week: a rates.csv row that
// repeats the roster's rate changes no line; a second job at the same rate changes no amount; and
// raising the pay of a job never pays the week less, whatever hours fell on it, overtime included
// (the weighted regular rate of 29 CFR 778.115 can make a true-up negative, never the week).

// secondJob charges the person's rows dated Thursday to Saturday to a second job at pay (a
// rates.csv row on its own labor account, in force before the week), the rest to the home job, so
// the late-week hours, where weekly overtime falls, are worked at the second job's rate. ok is
// false when no row moved.
func secondJob(p *rulestest.Person, week calendars.Date, pay model.Pay) (*rulestest.Person, bool) {
	q := p.Clone()
	q.Emp.Account = "HOME/ACCOUNT"
	moved := false
	for i := range q.Punches {
		r := &q.Punches[i]
		if d := r.EventDate - week; d >= 4 && d <= 6 {
			r.Account, moved = "SECOND/JOB", true
		}
	}
	q.Rates = append(q.Rates, model.RatePeriod{Employee: q.Emp.ID, Effective: week - 100, Job: "SECOND",
		BaseRate: pay.BaseRate, AnnualSalary: pay.AnnualSalary, Account: "SECOND/JOB"})
	return q, moved
}

// homeJob is p with the same accounts as secondJob gives it and no rates.csv row.
func homeJob(p *rulestest.Person, week calendars.Date) *rulestest.Person {
	q, _ := secondJob(p, week, model.Pay{})
	q.Rates = nil
	return q
}

func TestRatesRowAtTheRosterRateChangesNothing(t *testing.T) {
	eachWeek(t, func(t *testing.T, week calendars.Date, p *rulestest.Person, base *rulestest.Closed) bool {
		q := p.Clone()
		q.Rates = []model.RatePeriod{{Employee: q.Emp.ID, Effective: week - 365, BaseRate: q.Emp.BaseRate, AnnualSalary: q.Emp.AnnualSalary}}
		c := rulestest.Close(t, q, week, nil)
		if d := sameLines(base.Res.Lines, c.Res.Lines, 0, 0); d != "" {
			return failf(t, p, c, "a rates.csv row at the roster's rate changed the lines: %s", d)
		}
		return true
	})
}

func TestRatesSecondJobAtTheSameRateChangesNoAmount(t *testing.T) {
	eachWeek(t, func(t *testing.T, week calendars.Date, p *rulestest.Person, base *rulestest.Closed) bool {
		q, ok := secondJob(p, week, model.Pay{BaseRate: p.Emp.BaseRate, AnnualSalary: p.Emp.AnnualSalary})
		if !ok {
			return true
		}
		b := rulestest.Close(t, homeJob(p, week), week, nil)
		c := rulestest.Close(t, q, week, nil)
		if b.Gross() != c.Gross() {
			return failf(t, p, c, "a second job at the same rate: gross %d, then %d", b.Gross(), c.Gross())
		}
		return true
	})
}

func TestRatesRaisingAJobNeverPaysLess(t *testing.T) {
	eachWeek(t, func(t *testing.T, week calendars.Date, p *rulestest.Person, base *rulestest.Closed) bool {
		raise := func(cents int64) model.Pay {
			if p.Emp.AnnualSalary > 0 {
				return model.Pay{AnnualSalary: p.Emp.AnnualSalary + rates.Money(cents*2080)}
			}
			return model.Pay{BaseRate: p.Emp.BaseRate + rates.Rate(cents*100)}
		}
		prev := int64(-1 << 62)
		for _, cents := range []int64{0, 1, 250, 1000} {
			q, ok := secondJob(p, week, raise(cents))
			if !ok {
				return true
			}
			c := rulestest.Close(t, q, week, nil)
			if g := value(c); g < prev {
				return failf(t, p, c, "the second job raised by %d cents an hour: the week's value fell from %d to %d", cents, prev, g)
			} else {
				prev = g
			}
		}
		return true
	})
}

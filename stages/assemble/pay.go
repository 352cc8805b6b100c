package assemble

import (
	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
)

// maxPays bounds the distinct rates of one week (Span.Pay is a byte); past it the rest are paid
// at the home rate in force, which no real week comes near (a float nurse has two or three jobs).
const maxPays = 255

// pays sets the rates each week is paid at from the employee's rates.csv rows (in.Rates): which
// job a span is on, and that job's rate in force when the span is worked.
//
// A job is chosen by the labor account worked: a rates.csv row whose LABORACCOUNT is neither empty
// nor the roster's home account is a second job, paid on punch and pay-code rows charged to that
// account; every other row is the home job. The row in force is the job's latest row dated on or
// before the day the rule set keys rates by (RateEffective): the week's first day under
// PAYROLL_WEEK ("All raises begin on the first payroll shift of the new payroll week beginning on
// the dates indicated above", SHARE-WAGE-02: a row dated inside a week takes effect the next
// week, and no shift is split), the span's workday under WORKDAY. Before a job's first row, the
// roster's rate is in force (it stays the default).
//
// Each week gets its own copy of the employee carrying the home job's rate in force at the week's
// start (Week.Pays[0]), so a family reads a one-rate week exactly as before.
func (b *Builder) pays(in *Input, weeks []model.Week) {
	if len(in.Rates) == 0 {
		for k := range weeks {
			weeks[k].Pays = append(weeks[k].Pays[:0], model.Pay{BaseRate: in.Emp.BaseRate, AnnualSalary: in.Emp.AnnualSalary})
			weeks[k].DayPay = [7]uint8{}
			weeks[k].Bonuses = weeks[k].Bonuses[:0]
		}
		return
	}
	if cap(b.emps) < len(weeks) {
		b.emps = make([]model.Employee, len(weeks))
	}
	b.emps = b.emps[:len(weeks)]
	byWeek := in.Profile.RateEffective == rates.RatePayrollWeek
	for k := range weeks {
		w := &weeks[k]
		w.Pays = append(w.Pays[:0], InForce(in.Emp, in.Rates, "", w.Start))
		w.Bonuses = bonuses(w.Bonuses[:0], in.Rates, w.Start)
		b.emps[k] = *in.Emp
		b.emps[k].BaseRate, b.emps[k].AnnualSalary = w.Pays[0].BaseRate, w.Pays[0].AnnualSalary
		w.Emp = &b.emps[k]
		day := func(d calendars.Date) calendars.Date {
			if byWeek {
				return w.Start
			}
			return d
		}
		for d := range w.DayPay {
			w.DayPay[d] = payIndex(w, InForce(in.Emp, in.Rates, "", day(w.Start.AddDays(d))))
		}
		for i := range w.Spans {
			sp := &w.Spans[i]
			sp.Pay = payIndex(w, InForce(in.Emp, in.Rates, sp.Account, day(sp.Workday)))
		}
		for i := range w.Absences {
			a := &w.Absences[i]
			a.Pay = payIndex(w, InForce(in.Emp, in.Rates, a.Account, day(a.Date)))
		}
	}
}

// bonuses appends the lump sums of the rows paid in the week starting start: a row's bonus is
// paid once, in the first pay week on or after its date ("paid as a lump sum ... in the first pay
// week on or after the event", SHARE-WAGE-05), so closing that week again pays it again in place
// of the first time, and no other week pays it.
func bonuses(dst []model.Bonus, rows []model.RatePeriod, start calendars.Date) []model.Bonus {
	for i := range rows {
		r := &rows[i]
		if r.BonusRate > 0 && r.Effective <= start && r.Effective > start.AddDays(-7) {
			dst = append(dst, model.Bonus{Rate: r.BonusRate, Hours: r.BonusHours, OTHours: r.BonusOTHours,
				HoursGiven: r.BonusHoursGiven, Effective: r.Effective, Job: r.Job, Line: r.Line})
		}
	}
	return dst
}

// InForce is the pay of emp's job charged to account on day, from emp's rates.csv rows (the one
// reading of rates.csv's jobs and dates: pays above, and the separation's average rate).
func InForce(emp *model.Employee, rows []model.RatePeriod, account string, day calendars.Date) model.Pay {
	second := account != "" && account != emp.Account && hasJob(rows, account)
	var best *model.RatePeriod
	for i := range rows {
		r := &rows[i]
		if second != (r.Account != "" && r.Account != emp.Account) || (second && r.Account != account) {
			continue
		}
		if r.Effective <= day && (best == nil || r.Effective >= best.Effective) {
			best = r
		}
	}
	if best == nil {
		return model.Pay{BaseRate: emp.BaseRate, AnnualSalary: emp.AnnualSalary}
	}
	job := best.Job
	if job == "" && second {
		job = best.Account
	}
	return model.Pay{BaseRate: best.BaseRate, AnnualSalary: best.AnnualSalary, Job: job, Line: best.Line}
}

func hasJob(rows []model.RatePeriod, account string) bool {
	for i := range rows {
		if rows[i].Account == account {
			return true
		}
	}
	return false
}

// payIndex returns p's index in w.Pays, adding it.
func payIndex(w *model.Week, p model.Pay) uint8 {
	for k := range w.Pays {
		if w.Pays[k] == p {
			return uint8(k)
		}
	}
	if len(w.Pays) >= maxPays {
		return 0
	}
	w.Pays = append(w.Pays, p)
	return uint8(len(w.Pays) - 1)
}

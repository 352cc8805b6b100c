package rulestest

import (
	"bytes"
	"os"
	"strconv"
	"testing"

	"github.com/payclose/payclose/benchmarks/gen"
	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/assemble"
	"github.com/payclose/payclose/stages/ingest"
	"github.com/payclose/payclose/stages/model"
	"github.com/payclose/payclose/stages/rules"
)

// Long reports whether the by-hand long run was asked for (PAYCLOSE_LONG=1): properties then check
// thousands of employees per week instead of a few hundred.
func Long() bool { return os.Getenv("PAYCLOSE_LONG") != "" }

// Person is one generated employee with the rows of the week that concern them, as ingest reads
// them from the generator's CSV (no deliberately bad rows).
type Person struct {
	Emp      model.Employee
	RS       *rates.RuleSet
	Zone     calendars.Zone
	Punches  []model.Punch
	Schedule []model.Scheduled
	// CompBalance is the FLSA comp bank carried into the week (model.Week.CompBalance), which the
	// pipeline's accrual stage supplies; 0 for generated employees.
	CompBalance int64
	// Rates are rates.csv rows (none for generated employees).
	Rates []model.RatePeriod
}

// Clone returns a deep copy whose rows can be changed without touching p.
func (p *Person) Clone() *Person {
	c := *p
	c.Punches = append([]model.Punch(nil), p.Punches...)
	c.Schedule = append([]model.Scheduled(nil), p.Schedule...)
	c.Rates = append([]model.RatePeriod(nil), p.Rates...)
	return &c
}

// Generate writes a generated week (benchmarks/gen, seed, n employees, the given mix or the default
// one) and reads it back through ingest, grouping the rows by employee. Employees whose rule set
// has no family linked into the test binary are left out, so a family's own tests can generate
// weeks of its rule set alone.
func Generate(t testing.TB, week calendars.Date, n int, seed uint64, mix gen.Mix) []*Person {
	t.Helper()
	var roster, sched, punches bytes.Buffer
	if _, err := gen.Generate(&roster, &sched, &punches, gen.Config{Employees: n, Week: week, Seed: seed, Mix: mix, BadPer10k: -1}); err != nil {
		t.Fatal(err)
	}
	rejected := func(r model.Reject) { t.Fatalf("generated row rejected by ingest: %+v", r) }
	emps, _, err := ingest.ReadRoster(&roster, "roster.csv", rejected)
	if err != nil {
		t.Fatal(err)
	}
	byID := map[string]*Person{}
	var out []*Person
	zones := map[string]calendars.Zone{}
	for i := range emps {
		e := emps[i]
		rs, err := rates.Default.Lookup(e.RuleSet, week.Time())
		if err != nil {
			t.Fatal(err)
		}
		if _, err := rules.Lookup(rs.Family); err != nil {
			continue
		}
		zn := e.Zone
		if zn == "" {
			zn = rs.Zone
		}
		z, ok := zones[zn]
		if !ok {
			if z, err = calendars.LoadZone(zn); err != nil {
				t.Fatal(err)
			}
			zones[zn] = z
		}
		p := &Person{Emp: e, RS: rs, Zone: z}
		byID[e.ID] = p
		out = append(out, p)
	}
	if _, err := ingest.ReadSchedule(&sched, "schedule.csv", func(s *model.Scheduled) {
		if p := byID[s.Employee]; p != nil {
			p.Schedule = append(p.Schedule, *s)
		}
	}, rejected); err != nil {
		t.Fatal(err)
	}
	if _, err := ingest.ReadPunches(&punches, "punches.csv", func(r *model.Punch) {
		if p := byID[r.Employee]; p != nil {
			p.Punches = append(p.Punches, *r)
		}
	}, rejected); err != nil {
		t.Fatal(err)
	}
	return out
}

// Closed is one employee-week as assembled and calculated.
type Closed struct {
	Week    model.Week
	Res     model.Result
	Rejects []model.Reject
}

// Gross is the sum of the week's line amounts.
func (c *Closed) Gross() int64 { return Cents(&c.Res) }

// Close assembles the person's rows into the week starting at week and calculates it with the
// family of their rule set (rs, when not nil, replaces the rule set for the calculation: a profile
// with one parameter nudged). It is the pipeline's per-employee path without files or accruals.
func Close(t testing.TB, p *Person, week calendars.Date, rs *rates.RuleSet) *Closed {
	t.Helper()
	if rs == nil {
		rs = p.RS
	}
	fam, err := rules.Lookup(rs.Family)
	if err != nil {
		t.Fatal(err)
	}
	c := &Closed{}
	weeks := make([]model.Week, 1)
	var b assemble.Builder
	in := assemble.Input{Emp: &p.Emp, Profile: rs, Zone: p.Zone, Punches: p.Punches, Schedule: p.Schedule, File: "punches.csv", ScheduleFile: "schedule.csv", Rates: p.Rates}
	b.Build(&in, week, weeks, func(r model.Reject) { c.Rejects = append(c.Rejects, r) })
	c.Week = weeks[0]
	c.Week.CompBalance = p.CompBalance
	fam.NewCalc().Calculate(&c.Week, rs, &c.Res)
	return c
}

// WorkedSpanSeconds is the worked time of the week's assembled spans (worked spans, and on-call
// spans restricted to the premises), counted from the spans themselves.
func WorkedSpanSeconds(w *model.Week) int64 {
	var s int64
	for _, sp := range w.Spans {
		if sp.Kind == model.SpanWorked || sp.Rule&model.RuleRestricted != 0 {
			s += sp.End - sp.Start
		}
	}
	return s
}

// Relabel gives the person a new employee id on the roster and on every row.
func (p *Person) Relabel(id string) {
	p.Emp.ID = id
	for i := range p.Punches {
		p.Punches[i].Employee = id
	}
	for i := range p.Schedule {
		p.Schedule[i].Employee = id
	}
}

// Shift moves every row of the person by days whole days (schedule, punches, event dates alike).
func (p *Person) Shift(days int) {
	d := int64(days) * 86400
	for i := range p.Punches {
		r := &p.Punches[i]
		r.EventDate = r.EventDate.AddDays(days)
		if r.HasIn {
			r.In += d
		}
		if r.HasOut {
			r.Out += d
		}
	}
	for i := range p.Schedule {
		s := &p.Schedule[i]
		s.Date = s.Date.AddDays(days)
		s.Start += d
		s.End += d
	}
}

// ID is a fresh employee id for relabelling tests.
func ID(i int) string { return "R" + strconv.Itoa(90_000_000+i) }

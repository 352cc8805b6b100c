package benchmarks

import (
	"bytes"
	"sync"
	"testing"

	"github.com/payclose/payclose/benchmarks/gen"
	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/assemble"
	"github.com/payclose/payclose/stages/ingest"
	"github.com/payclose/payclose/stages/model"
	"github.com/payclose/payclose/stages/rules"

	_ "github.com/payclose/payclose/stages/rules/all"
)

// week is the sample week (no holiday, no DST change).
var week = calendars.NewDate(2026, 11, 15)

// workload is a generated week, parsed into memory and resolved the way the pipeline's reference
// stage resolves it, so the benchmarks after ingest time only their own stage.
type workload struct {
	roster, schedule, punches []byte
	stats                     gen.Stats
	emps                      []empWeek
}

// empWeek is one employee's pre-parsed input: what a pipeline worker hands to assemble.
type empWeek struct {
	in     assemble.Input
	family rules.Family
}

var (
	workloadsMu sync.Mutex
	workloads   = map[workloadKey]*workload{}
)

type workloadKey struct {
	n     int
	clean bool
}

// loadWorkload generates (once per size) a week for n employees with the default mix and seed 1.
func loadWorkload(tb testing.TB, n int) *workload { return loadWorkloadBad(tb, n, false) }

// loadWorkloadBad is loadWorkload; clean leaves out the deliberately bad rows and uses SHARE only.
func loadWorkloadBad(tb testing.TB, n int, clean bool) *workload {
	tb.Helper()
	workloadsMu.Lock()
	defer workloadsMu.Unlock()
	key := workloadKey{n, clean}
	if w := workloads[key]; w != nil {
		return w
	}
	cfg := gen.Config{Employees: n, Week: week, Seed: 1}
	if clean {
		cfg.BadPer10k = -1
		cfg.Mix = gen.Mix{{RuleSet: "SHARE", Weight: 1}}
	}
	var r, s, p bytes.Buffer
	st, err := gen.Generate(&r, &s, &p, cfg)
	if err != nil {
		tb.Fatal(err)
	}
	w := &workload{roster: r.Bytes(), schedule: s.Bytes(), punches: p.Bytes(), stats: st}
	w.resolve(tb)
	workloads[key] = w
	return w
}

func (w *workload) resolve(tb testing.TB) {
	emps, _, err := ingest.ReadRoster(bytes.NewReader(w.roster), "roster.csv", nil)
	if err != nil {
		tb.Fatal(err)
	}
	sched := map[string][]model.Scheduled{}
	if _, err := ingest.ReadSchedule(bytes.NewReader(w.schedule), "schedule.csv", func(s *model.Scheduled) {
		sched[s.Employee] = append(sched[s.Employee], *s)
	}, nil); err != nil {
		tb.Fatal(err)
	}
	punches := map[string][]model.Punch{}
	if _, err := ingest.ReadPunches(bytes.NewReader(w.punches), "punches.csv", func(p *model.Punch) {
		punches[p.Employee] = append(punches[p.Employee], *p)
	}, nil); err != nil {
		tb.Fatal(err)
	}
	zones := map[string]calendars.Zone{}
	for i := range emps {
		e := &emps[i]
		rs, err := rates.Default.Lookup(e.RuleSet, week.Time())
		if err != nil {
			tb.Fatalf("employee %s: %v", e.ID, err)
		}
		fam, err := rules.Lookup(rs.Family)
		if err != nil {
			tb.Fatal(err)
		}
		z, ok := zones[rs.Zone]
		if !ok {
			if z, err = calendars.LoadZone(rs.Zone); err != nil {
				tb.Fatal(err)
			}
			zones[rs.Zone] = z
		}
		w.emps = append(w.emps, empWeek{family: fam, in: assemble.Input{
			Emp: e, Profile: rs, Zone: z, Punches: punches[e.ID], Schedule: sched[e.ID], File: "punches.csv"}})
	}
}

// calculator is one worker's reusable state for assemble + rules, as in the pipeline's worker.
type calculator struct {
	builder assemble.Builder
	weeks   []model.Week
	calcs   []famCalc
	res     model.Result
	rejects []model.Reject
	reject  func(model.Reject)
	lines   int64
}

type famCalc struct {
	f rules.Family
	c rules.Calc
}

func newCalculator() *calculator {
	c := &calculator{weeks: make([]model.Week, 1)}
	c.reject = func(r model.Reject) { c.rejects = append(c.rejects, r) }
	return c
}

// employeeWeek assembles and calculates one employee-week; the lines are left in c.res.
func (c *calculator) employeeWeek(e *empWeek) {
	c.rejects = c.rejects[:0]
	c.builder.Build(&e.in, week, c.weeks, c.reject)
	var calc rules.Calc
	for i := range c.calcs {
		if c.calcs[i].f == e.family {
			calc = c.calcs[i].c
		}
	}
	if calc == nil {
		calc = e.family.NewCalc()
		c.calcs = append(c.calcs, famCalc{e.family, calc})
	}
	c.res.Reset()
	calc.Calculate(&c.weeks[0], e.in.Profile, &c.res)
	c.lines += int64(len(c.res.Lines))
}

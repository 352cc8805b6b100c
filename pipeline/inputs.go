package pipeline

import (
	"context"
	"slices"
	"sort"

	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"strings"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/emit"
	"github.com/payclose/payclose/stages/ingest"
	"github.com/payclose/payclose/stages/model"
	"github.com/payclose/payclose/stages/rules"
)

// employee is a roster row resolved against the rate profiles: what a worker needs to pay them.
type employee struct {
	emp    model.Employee
	zone   calendars.Zone
	family rules.Family
	sched  []shift // the employee's posted shifts (a window of reference.shifts)
	idx    int32   // roster position
	seen   bool    // the punch reader met this employee (reader goroutine only)
	lo, hi int32   // their rows in an export read into memory (reader goroutine only)
}

// reference is everything read before the punch stream: roster, schedule, zones.
type reference struct {
	byID     map[string]*employee
	order    []*employee // roster order, for employees with no punches
	shifts   []shift
	accruals *accrualState
	// rates are rates.csv's rows by employee (nil without --rates), rateStats its counts.
	rates     map[string][]model.RatePeriod
	rateStats *ingest.Stats
}

// idOf is the id of the employee at roster position pos.
func (ref *reference) idOf(pos int32) (string, bool) {
	if pos < 0 || int(pos) >= len(ref.order) {
		return "", false
	}
	return ref.order[pos].emp.ID, true
}

// hashFile returns the sha256 and size of a file; the run id is derived from these, so the same
// inputs give the same run id and byte-identical outputs.
func hashFile(ctx context.Context, name, path string) (emit.Input, error) {
	f, err := openInput(ctx, path)
	if err != nil {
		return emit.Input{}, fmt.Errorf("%s: %w", name, err)
	}
	defer f.Close()
	h := sha256.New()
	// Reads of 1 MiB, not io.Copy's 32 KiB: the punch export of a 1M close is 0.8 GB, and the
	// pass took 3-5% less CPU with 30 times fewer read calls.
	n, err := io.CopyBuffer(h, f, make([]byte, 1<<20))
	if err != nil {
		return emit.Input{}, fmt.Errorf("%s: %w", path, err)
	}
	return emit.Input{Name: name, Path: path, SHA256: hex.EncodeToString(h.Sum(nil)), Bytes: n}, nil
}

// loadReference reads the roster and schedule. Roster rows whose rule set is unknown, or has no
// version in force for the first week, are rejects (never a default rule set).
func loadReference(cfg *Config, rej *rejectSink) (*reference, ingest.Stats, ingest.Stats, error) {
	ref := &reference{byID: map[string]*employee{}, accruals: &accrualState{}}
	// The schedule is read on its own goroutine while the roster is read here: both are large
	// for a big employer and neither needs the other until their rows are matched.
	type schedResult struct {
		shifts []shift
		runs   []schedRun
		stats  ingest.Stats
		err    error
	}
	schedDone := make(chan schedResult, 1)
	go func() {
		var r schedResult
		r.shifts, r.runs, r.stats, r.err = readSchedule(cfg, rej)
		schedDone <- r
	}()
	sched := func() schedResult { r := <-schedDone; schedDone <- r; return r }
	defer sched() // never leave the reader running
	f, err := openInput(cfg.ctx, cfg.Roster)
	if err != nil {
		return nil, ingest.Stats{}, ingest.Stats{}, fmt.Errorf("roster: %w", err)
	}
	defer f.Close()
	emps, rstats, err := ingest.ReadRoster(f, cfg.Roster, rej.add)
	if err != nil {
		return nil, rstats, ingest.Stats{}, err
	}
	res := newResolver(cfg)
	// One slab for every employee: a million small allocations would be a million objects for
	// the collector to trace for the whole run.
	slab := make([]employee, 0, len(emps))
	ref.byID = make(map[string]*employee, len(emps))
	for i := range emps {
		e := &emps[i]
		if ShardOf(e.ID, cfg.Shards) != cfg.Shard {
			continue
		}
		z, fam, bad, err := res.resolve(e)
		if err != nil {
			return nil, rstats, ingest.Stats{}, err
		}
		if bad != nil {
			rej.add(*bad)
			continue
		}
		slab = append(slab, employee{emp: *e, zone: z, family: fam, idx: int32(len(slab))})
	}
	ref.order = make([]*employee, len(slab))
	for i := range slab {
		ref.order[i] = &slab[i]
		ref.byID[slab[i].emp.ID] = &slab[i]
	}

	sr := sched()
	if sr.err != nil {
		return nil, rstats, sr.stats, sr.err
	}
	ref.shifts = sr.shifts
	// Match the schedule's runs of rows to roster employees. An employee met in two runs means the
	// export is not grouped by employee.
	owner := make([]int32, len(ref.shifts))
	grouped := true
	for _, r := range sr.runs {
		e := ref.byID[r.id]
		if e == nil {
			for i := r.lo; i < r.hi; i++ {
				rej.add(unknownShift(cfg.Schedule, r.id, ref.shifts[i].line))
				owner[i] = -1
			}
			continue
		}
		if e.sched != nil {
			grouped = false
		}
		e.sched = ref.shifts[r.lo:r.lo] // marks the employee as met
		for i := r.lo; i < r.hi; i++ {
			owner[i] = e.idx
		}
	}
	sstats := sr.stats
	attachShifts(ref, owner, grouped)
	if ref.accruals, err = loadAccruals(cfg, ref, rej); err != nil {
		return ref, rstats, sstats, err
	}
	err = loadRates(cfg, ref, rej)
	return ref, rstats, sstats, err
}

// shift is a posted shift held for the whole run: model.Scheduled without the employee id, half
// the size (a million employees post about four million shifts).
type shift struct {
	line       int32
	date       calendars.Date
	start, end int64
}

// scheduled expands an employee's shifts into the worker's scratch slice for assemble.
func scheduled(dst []model.Scheduled, id string, shifts []shift) []model.Scheduled {
	dst = dst[:0]
	for _, s := range shifts {
		dst = append(dst, model.Scheduled{Line: s.line, Employee: id, Date: s.date, Start: s.start, End: s.end})
	}
	return dst
}

// resolver finds each roster row's rule family and zone, caching zones by name.
type resolver struct {
	cfg   *Config
	zones map[string]calendars.Zone
	// seen are the (rule set, zone) pairs resolved so far: a roster has a handful, and looking
	// each row's up again (registry, family, zone: three maps) was most of resolve's cost.
	seen []resolved
}

type resolved struct {
	ruleSet, zone string
	rs            *rates.RuleSet
	fam           rules.Family
	z             calendars.Zone
}

func newResolver(cfg *Config) *resolver {
	return &resolver{cfg: cfg, zones: map[string]calendars.Zone{}}
}

// resolve returns the employee's zone and rule family, or the roster reject for a rule set or zone
// that does not exist (never a default), or a usage error when --week is not a week start of the
// employee's rule set.
func (r *resolver) resolve(e *model.Employee) (calendars.Zone, rules.Family, *model.Reject, error) {
	for i := range r.seen {
		if c := &r.seen[i]; c.ruleSet == e.RuleSet && c.zone == e.Zone {
			return c.z, c.fam, checkRate(r.cfg, c.rs, e), nil
		}
	}
	cfg := r.cfg
	rs, err := cfg.Registry.Lookup(e.RuleSet, cfg.Week.Time())
	if err != nil {
		return calendars.Zone{}, nil, &model.Reject{File: cfg.Roster, Line: e.Line, Column: "RULESET", Value: e.RuleSet, Reason: "UNKNOWN_RULESET",
			Detail: "expected one of " + joinNames(cfg.Registry.Names()) + ": " + err.Error(), Employee: e.ID}, nil
	}
	fam, err := rules.Lookup(rs.Family)
	if err != nil {
		return calendars.Zone{}, nil, &model.Reject{File: cfg.Roster, Line: e.Line, Column: "RULESET", Value: e.RuleSet, Reason: "UNKNOWN_RULESET",
			Detail: err.Error(), Employee: e.ID}, nil
	}
	zname := e.Zone
	if zname == "" {
		zname = rs.Zone
	}
	z, ok := r.zones[zname]
	if !ok {
		if z, err = calendars.LoadZone(zname); err != nil {
			return calendars.Zone{}, nil, &model.Reject{File: cfg.Roster, Line: e.Line, Column: "SITE_ZONE", Value: zname, Reason: "BAD_ZONE",
				Detail: "expected an IANA time zone such as America/New_York", Employee: e.ID}, nil
		}
		r.zones[zname] = z
	}
	if bad := checkRate(cfg, rs, e); bad != nil {
		return z, fam, bad, nil
	}
	if rs.WeekStart() != cfg.Week.Weekday() {
		return z, fam, nil, usageError(fmt.Sprintf("--week %s is a %s, but rule set %s weeks start on %s",
			cfg.Week, cfg.Week.Weekday(), rs.Name, rs.WeekStart()))
	}
	if len(r.seen) < 64 { // only pairs whose rule set starts its weeks on --week's day
		r.seen = append(r.seen, resolved{ruleSet: strings.Clone(e.RuleSet), zone: strings.Clone(e.Zone), rs: rs, fam: fam, z: z})
	}
	return z, fam, nil, nil
}

// schedRun is a run of consecutive schedule rows of one employee.
type schedRun struct {
	id     string
	lo, hi int
}

// readSchedule reads the posted schedule of this shard's employees into one slice, sized from the
// file so it does not grow by copying, with the runs of rows of one employee.
func readSchedule(cfg *Config, rej *rejectSink) ([]shift, []schedRun, ingest.Stats, error) {
	sf, err := openInput(cfg.ctx, cfg.Schedule)
	if err != nil {
		return nil, nil, ingest.Stats{}, fmt.Errorf("schedule: %w", err)
	}
	defer sf.Close()
	var shifts []shift
	if st, err := sf.Stat(); err == nil {
		shifts = make([]shift, 0, st.Size()/48+16)
	}
	var runs []schedRun
	stats, err := ingest.ReadSchedule(sf, cfg.Schedule, func(s *model.Scheduled) {
		if ShardOf(s.Employee, cfg.Shards) != cfg.Shard {
			return
		}
		if n := len(runs); n == 0 || runs[n-1].id != s.Employee {
			runs = append(runs, schedRun{id: s.Employee, lo: len(shifts)})
		}
		shifts = append(shifts, shift{line: s.Line, date: s.Date, start: s.Start, end: s.End})
		runs[len(runs)-1].hi = len(shifts)
	}, rej.add)
	return shifts, runs, stats, err
}

// attachShifts points every employee at their shifts in ref.shifts, dropping the shifts of
// unknown employees (owner -1) and sorting an ungrouped export into roster order first (stable:
// each employee's shifts keep their file order).
func attachShifts(ref *reference, owner []int32, grouped bool) {
	if !grouped || slices.Contains(owner, -1) {
		idx := make([]int, len(owner))
		for i := range idx {
			idx[i] = i
		}
		sort.SliceStable(idx, func(a, b int) bool { return owner[idx[a]] < owner[idx[b]] })
		sorted := make([]shift, 0, len(ref.shifts))
		sortedOwner := make([]int32, 0, len(owner))
		for _, j := range idx {
			if owner[j] >= 0 {
				sorted, sortedOwner = append(sorted, ref.shifts[j]), append(sortedOwner, owner[j])
			}
		}
		ref.shifts, owner = sorted, sortedOwner
	}
	for i := 0; i < len(ref.shifts); {
		j := i
		for j < len(ref.shifts) && owner[j] == owner[i] {
			j++
		}
		ref.order[owner[i]].sched = ref.shifts[i:j:j]
		i = j
	}
}

func joinNames(n []string) string {
	out := ""
	for i, s := range n {
		if i > 0 {
			out += ", "
		}
		out += s
	}
	return out
}

// profileCache resolves (rule set, week) to the version in force; one per worker.
type profileCache struct {
	reg   *rates.Registry
	keys  []profileKey
	vals  []*rates.RuleSet
	dkeys []profileKey
	dvals [][7]*rates.RuleSet // by day of the week, nil past the first when one version holds
}

// days returns the version in force on each day of the week from week on, or ok false when one
// version holds all seven days (the common case: the week is calculated under get's version).
func (p *profileCache) days(name string, week calendars.Date) (v [7]*rates.RuleSet, split bool) {
	for i, k := range p.dkeys {
		if k.name == name && k.week == week {
			return p.dvals[i], p.dvals[i][1] != nil
		}
	}
	for d := range v {
		rs, err := p.reg.Lookup(name, week.AddDays(d).Time())
		if err != nil {
			return [7]*rates.RuleSet{}, false // the week's first day decides (get reports the error)
		}
		if d > 0 && rs.SamePay(v[d-1]) {
			rs = v[d-1] // only the input limits changed (a dated minimum wage): one calculation
		}
		v[d] = rs
		split = split || rs != v[0]
	}
	if !split {
		v = [7]*rates.RuleSet{v[0]}
	}
	p.dkeys = append(p.dkeys, profileKey{name, week})
	p.dvals = append(p.dvals, v)
	return v, split
}

type profileKey struct {
	name string
	week calendars.Date
}

func (p *profileCache) get(name string, week calendars.Date) (*rates.RuleSet, error) {
	for i, k := range p.keys {
		if k.name == name && k.week == week {
			return p.vals[i], nil
		}
	}
	rs, err := p.reg.Lookup(name, week.Time())
	if err != nil {
		return nil, err
	}
	p.keys = append(p.keys, profileKey{name, week})
	p.vals = append(p.vals, rs)
	return rs, nil
}

package pipeline

import (
	"sort"

	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"

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
	sched  []model.Scheduled // the employee's posted shifts (a window of reference.shifts)
	idx    int32             // roster position
	seen   bool              // the punch reader met this employee (reader goroutine only)
}

// reference is everything read before the punch stream: roster, schedule, zones.
type reference struct {
	byID     map[string]*employee
	order    []*employee // roster order, for employees with no punches
	shifts   []model.Scheduled
	accruals *accrualState
}

// hashFile returns the sha256 and size of a file; the run id is derived from these, so the same
// inputs give the same run id and byte-identical outputs.
func hashFile(name, path string) (emit.Input, error) {
	f, err := os.Open(path)
	if err != nil {
		return emit.Input{}, fmt.Errorf("%s: %w", name, err)
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return emit.Input{}, fmt.Errorf("%s: %w", path, err)
	}
	return emit.Input{Name: name, Path: path, SHA256: hex.EncodeToString(h.Sum(nil)), Bytes: n}, nil
}

// loadReference reads the roster and schedule. Roster rows whose rule set is unknown, or has no
// version in force for the first week, are rejects (never a default rule set).
func loadReference(cfg *Config, rej *rejectSink) (*reference, ingest.Stats, ingest.Stats, error) {
	ref := &reference{byID: map[string]*employee{}, accruals: &accrualState{}}
	f, err := os.Open(cfg.Roster)
	if err != nil {
		return nil, ingest.Stats{}, ingest.Stats{}, fmt.Errorf("roster: %w", err)
	}
	defer f.Close()
	emps, rstats, err := ingest.ReadRoster(f, cfg.Roster, rej.add)
	if err != nil {
		return nil, rstats, ingest.Stats{}, err
	}
	zones := map[string]calendars.Zone{}
	// One slab for every employee: a million small allocations would be a million objects for
	// the collector to trace for the whole run.
	slab := make([]employee, 0, len(emps))
	ref.byID = make(map[string]*employee, len(emps))
	for i := range emps {
		e := &emps[i]
		if ShardOf(e.ID, cfg.Shards) != cfg.Shard {
			continue
		}
		rs, err := cfg.Registry.Lookup(e.RuleSet, cfg.Week.Time())
		if err != nil {
			rej.add(model.Reject{File: cfg.Roster, Line: e.Line, Column: "RULESET", Value: e.RuleSet, Reason: "UNKNOWN_RULESET",
				Detail: "expected one of " + joinNames(cfg.Registry.Names()) + ": " + err.Error(), Employee: e.ID})
			continue
		}
		fam, err := rules.Lookup(rs.Family)
		if err != nil {
			rej.add(model.Reject{File: cfg.Roster, Line: e.Line, Column: "RULESET", Value: e.RuleSet, Reason: "UNKNOWN_RULESET",
				Detail: err.Error(), Employee: e.ID})
			continue
		}
		zname := e.Zone
		if zname == "" {
			zname = rs.Zone
		}
		z, ok := zones[zname]
		if !ok {
			if z, err = calendars.LoadZone(zname); err != nil {
				rej.add(model.Reject{File: cfg.Roster, Line: e.Line, Column: "SITE_ZONE", Value: zname, Reason: "BAD_ZONE",
					Detail: "expected an IANA time zone such as America/New_York", Employee: e.ID})
				continue
			}
			zones[zname] = z
		}
		if rs.WeekStart() != cfg.Week.Weekday() {
			return nil, rstats, ingest.Stats{}, usageError(fmt.Sprintf("--week %s is a %s, but rule set %s weeks start on %s",
				cfg.Week, cfg.Week.Weekday(), rs.Name, rs.WeekStart()))
		}
		slab = append(slab, employee{emp: *e, zone: z, family: fam, idx: int32(len(slab))})
	}
	ref.order = make([]*employee, len(slab))
	for i := range slab {
		ref.order[i] = &slab[i]
		ref.byID[slab[i].emp.ID] = &slab[i]
	}

	sf, err := os.Open(cfg.Schedule)
	if err != nil {
		return nil, rstats, ingest.Stats{}, fmt.Errorf("schedule: %w", err)
	}
	defer sf.Close()
	// All shifts live in one slice, grouped by employee; an export not grouped by employee is
	// sorted into roster order afterwards. Sized from the file (about 40 bytes a row) so it does not
	// grow by copying.
	if st, err := sf.Stat(); err == nil {
		ref.shifts = make([]model.Scheduled, 0, st.Size()/36+16)
	}
	var owner []int32 // roster index of each shift, kept only if the export is not grouped
	grouped := true
	var last *employee
	sstats, err := ingest.ReadSchedule(sf, cfg.Schedule, func(s *model.Scheduled) {
		if ShardOf(s.Employee, cfg.Shards) != cfg.Shard {
			return
		}
		e := last
		if e == nil || e.emp.ID != s.Employee {
			if e = ref.byID[s.Employee]; e == nil {
				rej.add(model.Reject{File: cfg.Schedule, Line: s.Line, Column: "PERSONNUM", Value: s.Employee, Reason: "UNKNOWN_EMPLOYEE",
					Detail: "expected an employee on the roster (or whose roster row was accepted)", Employee: s.Employee})
				return
			}
			if e.sched != nil { // met before, then another employee: not grouped
				grouped = false
			}
			e.sched = ref.shifts[len(ref.shifts):len(ref.shifts)] // marks the employee as met
			last = e
		}
		ref.shifts = append(ref.shifts, *s)
		owner = append(owner, e.idx)
	}, rej.add)
	if err != nil {
		return nil, rstats, sstats, err
	}
	attachShifts(ref, owner, grouped)
	ref.accruals, err = loadAccruals(cfg, ref, rej)
	return ref, rstats, sstats, err
}

// attachShifts points every employee at their shifts in ref.shifts, sorting an ungrouped export
// into roster order first (stable: each employee's shifts keep their file order).
func attachShifts(ref *reference, owner []int32, grouped bool) {
	if !grouped {
		idx := make([]int, len(owner))
		for i := range idx {
			idx[i] = i
		}
		sort.SliceStable(idx, func(a, b int) bool { return owner[idx[a]] < owner[idx[b]] })
		sorted := make([]model.Scheduled, len(ref.shifts))
		sortedOwner := make([]int32, len(owner))
		for i, j := range idx {
			sorted[i], sortedOwner[i] = ref.shifts[j], owner[j]
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
	reg  *rates.Registry
	keys []profileKey
	vals []*rates.RuleSet
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

package pipeline

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/emit"
)

// WeekDiff is what changed in a closed week since it was first paid: per employee, the gross of
// the run first closed (paid), the gross of the current run (now) and the adjustment lines
// between them, with the pay week each was paid in.
type WeekDiff struct {
	Week       string
	PaidRuns   []string // the first run of each shard
	NowRuns    []string // the current run of each shard
	Paid, Now  rates.Money
	Adjusted   rates.Money
	Employees  []EmployeeDiff // employees whose gross changed or who have adjustment lines
	Mismatches int            // employees whose adjustments do not add up to now − paid
}

// EmployeeDiff is one employee's line of a WeekDiff.
type EmployeeDiff struct {
	Employee         string
	Paid, Now, Delta rates.Money // Delta: the sum of the adjustment lines
	Lines            []DiffLine
}

// OK says the adjustments add up to now − paid, to the cent.
func (e *EmployeeDiff) OK() bool { return e.Delta == e.Now-e.Paid }

// DiffLine is an adjustment line and the week it is paid in.
type DiffLine struct {
	emit.Adjustment
	PayWeek string
}

// Diff reports week's changes in the ledger out. It takes the ledger lock (so it also completes
// a crashed close's commit first) and writes nothing.
func Diff(out string, week calendars.Date) (*WeekDiff, error) {
	if _, err := os.Stat(out); err != nil {
		return nil, fmt.Errorf("ledger: %w", err)
	}
	cfg := &Config{Out: out, Week: week, Weeks: 1, Shards: 1}
	led, err := openLedger(cfg)
	if err != nil {
		return nil, err
	}
	defer led.release(true)
	e := led.index.Week(week.String())
	if e == nil {
		var have []string
		for _, w := range led.index.Weeks {
			have = append(have, w.WeekStart)
		}
		return nil, usageError(fmt.Sprintf("week %s is not in %s (it holds: %s)", week, led.dir, strings.Join(have, ", ")))
	}
	d := &WeekDiff{Week: e.WeekStart}
	paidFiles, nowFiles := map[int][]emit.Output{}, map[int][]emit.Output{}
	for _, rf := range e.Current {
		nowFiles[rf.Shard] = rf.Files
		d.NowRuns = append(d.NowRuns, rf.RunID)
	}
	// Superseded runs are oldest first: the first one of a shard is what was paid.
	for _, rf := range e.Superseded {
		if _, ok := paidFiles[rf.Shard]; !ok {
			paidFiles[rf.Shard] = rf.Files
			d.PaidRuns = append(d.PaidRuns, rf.RunID)
		}
	}
	for _, rf := range e.Current {
		if _, ok := paidFiles[rf.Shard]; !ok {
			paidFiles[rf.Shard] = rf.Files
			d.PaidRuns = append(d.PaidRuns, rf.RunID)
		}
	}
	gross := func(files map[int][]emit.Output) (map[string]int64, error) {
		var paths []string
		for _, fs := range files {
			for _, o := range fs {
				if strings.HasPrefix(o.Path, "pay_lines/") || strings.HasPrefix(o.Path, "superseded/pay_lines/") {
					if err := emit.VerifyFile(led.dir, o); err != nil {
						return nil, err
					}
					paths = append(paths, filepath.Join(led.dir, filepath.FromSlash(o.Path)))
				}
			}
		}
		fp, err := fingerprints(paths)
		if err != nil {
			return nil, err
		}
		g := make(map[string]int64, len(fp))
		for e, f := range fp {
			g[e] = int64(f.gross)
		}
		return g, nil
	}
	paid, err := gross(paidFiles)
	if err != nil {
		return nil, err
	}
	now, err := gross(nowFiles)
	if err != nil {
		return nil, err
	}
	by := map[string]*EmployeeDiff{}
	get := func(id string) *EmployeeDiff {
		x := by[id]
		if x == nil {
			x = &EmployeeDiff{Employee: id, Paid: rates.Money(paid[id]), Now: rates.Money(now[id])}
			by[id] = x
		}
		return x
	}
	for _, a := range led.index.Adjustments {
		for _, o := range a.Files {
			if err := emit.VerifyFile(led.dir, o); err != nil {
				return nil, err
			}
			err := emit.ReadAdjustments(filepath.Join(led.dir, filepath.FromSlash(o.Path)), func(r *emit.Adjustment) {
				if r.CorrectedWeek != week {
					return
				}
				x := get(r.Employee)
				x.Lines = append(x.Lines, DiffLine{Adjustment: *r, PayWeek: a.PayWeek})
				x.Delta += rates.Money(r.DeltaAmount())
			})
			if err != nil {
				return nil, err
			}
		}
	}
	for id, g := range paid {
		d.Paid += rates.Money(g)
		if now[id] != g {
			get(id)
		}
	}
	for id, g := range now {
		d.Now += rates.Money(g)
		if paid[id] != g {
			get(id)
		}
	}
	for _, x := range by {
		d.Adjusted += x.Delta
		if !x.OK() {
			d.Mismatches++
		}
		d.Employees = append(d.Employees, *x)
	}
	sort.Slice(d.Employees, func(i, j int) bool { return d.Employees[i].Employee < d.Employees[j].Employee })
	return d, nil
}

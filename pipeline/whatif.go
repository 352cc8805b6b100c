package pipeline

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/emit"
	"github.com/payclose/payclose/stages/handoff"
)

// WhatIfKey is one row of a what-if: pay lines summed by week, rule set, pay code, rule id and
// labor account.
type WhatIfKey struct {
	Week, RuleSet, PayCode, RuleID, Account string
}

// WhatIfRow is what was paid and what the proposed profiles would pay for one key.
type WhatIfRow struct {
	WhatIfKey
	Department                 string
	PaidHours, ProposedHours   rates.Hours
	PaidAmount, ProposedAmount rates.Money
}

// Difference is proposed − paid.
func (r *WhatIfRow) Difference() rates.Money { return r.ProposedAmount - r.PaidAmount }

// WhatIfResult is the cost of a proposed profile set over closed weeks.
type WhatIfResult struct {
	Weeks          []string
	Runs           []string // the ledger runs re-closed
	Paid, Proposed rates.Money
	Rows           []WhatIfRow            // every key, sorted; Difference may be zero
	ByDepartment   map[string]rates.Money // proposed − paid
}

// WhatIf re-closes the weeks from..to of the ledger out, from the inputs of their current runs
// (verified against the sha256 the runs read), under cfg.Registry, and sets the pay lines against
// what was paid. It only reads the ledger: each run is closed again into a temporary ledger of its
// own, removed at the end. cfg gives the registry, workers and log; its inputs are not used.
// deptLevels is the hand-off's department depth (0: its default).
func WhatIf(ctx context.Context, cfg Config, out string, from, to calendars.Date, deptLevels int) (*WhatIfResult, error) {
	if to < from {
		return nil, usageError(fmt.Sprintf("--weeks-to %s is before --weeks-from %s", to, from))
	}
	if _, err := os.Stat(out); err != nil {
		return nil, fmt.Errorf("ledger: %w", err)
	}
	// A close killed after its commit point leaves its journal: the index may not yet name what
	// is on disk. whatif takes no lock and writes nothing, so it leaves completing it to the next
	// run or diff.
	if _, err := os.Stat(filepath.Join(out, ".commit.json")); err == nil {
		return nil, fmt.Errorf("ledger %s: a close's commit is not complete (.commit.json); run payclose diff on it first", out)
	}
	x, err := emit.ReadIndex(out)
	if err != nil {
		return nil, err
	}
	var have []string
	for _, w := range x.Weeks {
		have = append(have, w.WeekStart)
	}
	for _, w := range []calendars.Date{from, to} {
		if x.Week(w.String()) == nil {
			return nil, usageError(fmt.Sprintf("week %s is not in %s (it holds: %s)", w, out, strings.Join(have, ", ")))
		}
	}
	if deptLevels <= 0 {
		deptLevels = 3 // the hand-off's default
	}
	res := &WhatIfResult{ByDepartment: map[string]rates.Money{}}
	type sums struct{ hours, amount [2]int64 }
	by := map[WhatIfKey]*sums{}
	// add sums the pay lines of week's files into side 0 (paid) or 1 (proposed).
	add := func(dir, week string, files []emit.Output, side int) error {
		for _, o := range files {
			if !strings.HasPrefix(o.Path, "pay_lines/") {
				continue
			}
			if err := emit.VerifyFile(dir, o); err != nil {
				return err
			}
			err := emit.ReadPayLines(filepath.Join(dir, filepath.FromSlash(o.Path)), func(r *emit.PayLineRow) {
				k := WhatIfKey{Week: week, RuleSet: r.RuleSet, PayCode: r.PayCode, RuleID: r.RuleID, Account: r.Account}
				s := by[k]
				if s == nil {
					k = WhatIfKey{Week: week, RuleSet: strings.Clone(r.RuleSet), PayCode: strings.Clone(r.PayCode),
						RuleID: strings.Clone(r.RuleID), Account: strings.Clone(r.Account)}
					s = &sums{}
					by[k] = s
				}
				s.hours[side] += r.Hours
				s.amount[side] += r.Amount
			})
			if err != nil {
				return err
			}
		}
		return nil
	}
	runs := map[string]bool{}
	current := map[[2]string]bool{} // week, run id: the run that pays the week now
	var order []*emit.RunEntry
	for _, w := range x.Weeks {
		if w.WeekStart < from.String() || w.WeekStart > to.String() {
			continue
		}
		if !w.Closed {
			return nil, fmt.Errorf("week %s of %s is not closed by all its %d shards: nothing to set a proposal against yet", w.WeekStart, out, w.Shards)
		}
		res.Weeks = append(res.Weeks, w.WeekStart)
		for _, rf := range w.Current {
			current[[2]string{w.WeekStart, rf.RunID}] = true
			if err := add(out, w.WeekStart, rf.Files, 0); err != nil {
				return nil, err
			}
			if !runs[rf.RunID] {
				runs[rf.RunID] = true
				run := x.Run(rf.RunID)
				if run == nil {
					return nil, fmt.Errorf("ledger %s: week %s names run %s, which it does not list", out, w.WeekStart, rf.RunID)
				}
				order = append(order, run)
			}
		}
	}
	tmp, err := os.MkdirTemp("", "payclose-whatif-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	for i, run := range order {
		res.Runs = append(res.Runs, run.RunID)
		rc, err := runConfig(cfg, out, run)
		if err != nil {
			return nil, err
		}
		// A fresh ledger per run: the close writes nothing to the ledger it re-costs, and a
		// correction run of the ledger is a first close here (no pay week).
		rc.Out = filepath.Join(tmp, fmt.Sprint(i))
		rc.Shard, rc.Shards, rc.PayWeek, rc.Validate = run.Shard, run.Shards, 0, false
		if _, err := Run(ctx, rc); err != nil {
			return nil, fmt.Errorf("re-closing run %s: %w", run.RunID, err)
		}
		nx, err := emit.ReadIndex(rc.Out)
		if err != nil {
			return nil, err
		}
		for _, w := range nx.Weeks {
			// Only the weeks this run still pays: a two-week run whose second week was re-closed
			// since is set against its first week only, the re-close against the second.
			if !current[[2]string{w.WeekStart, run.RunID}] {
				continue
			}
			for _, rf := range w.Current {
				if err := add(rc.Out, w.WeekStart, rf.Files, 1); err != nil {
					return nil, err
				}
			}
		}
	}
	for k, s := range by {
		r := WhatIfRow{WhatIfKey: k, Department: handoff.Department(k.Account, deptLevels),
			PaidHours: rates.Hours(s.hours[0]), ProposedHours: rates.Hours(s.hours[1]),
			PaidAmount: rates.Money(s.amount[0]), ProposedAmount: rates.Money(s.amount[1])}
		res.Paid += r.PaidAmount
		res.Proposed += r.ProposedAmount
		if d := r.Difference(); d != 0 {
			res.ByDepartment[r.Department] += d
		}
		res.Rows = append(res.Rows, r)
	}
	slices.SortFunc(res.Rows, func(x, y WhatIfRow) int {
		a, b := &x.WhatIfKey, &y.WhatIfKey
		return cmp.Or(cmp.Compare(a.Week, b.Week), strings.Compare(a.RuleSet, b.RuleSet), strings.Compare(a.PayCode, b.PayCode),
			strings.Compare(a.RuleID, b.RuleID), strings.Compare(a.Account, b.Account))
	})
	return res, nil
}

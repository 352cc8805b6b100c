package pipeline

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/stages/emit"
)

// Against is one employee's close now set against a run in the ledger: the input rows added,
// removed or changed, and the pay lines that moved, with their arithmetic.
type Against struct {
	RunID        string          `json:"against_run_id"`
	Then, Now    *Explanation    `json:"-"`
	RowsAdded    []ExplainRow    `json:"rows_added"`
	RowsRemoved  []ExplainRow    `json:"rows_removed"`
	RowsChanged  [][2]ExplainRow `json:"rows_changed"` // [then, now], same line of the export
	LinesAdded   []ExplainLine   `json:"pay_lines_added"`
	LinesRemoved []ExplainLine   `json:"pay_lines_removed"`
	GrossThen    string          `json:"gross_then"`
	GrossNow     string          `json:"gross_now"`
}

// ExplainAgainst explains employee id under cfg and under the inputs of run runID of the ledger
// out, and compares them. The run's inputs are read from the paths its manifest lists and must
// still have the sha256 it lists: a payroll keeps the inputs of what it paid.
func ExplainAgainst(ctx context.Context, cfg Config, out, runID, id string) (*Against, error) {
	x, err := emit.ReadIndex(out)
	if err != nil {
		return nil, err
	}
	run := x.Run(runID)
	if run == nil {
		return nil, usageError(fmt.Sprintf("run %s is not in the ledger %s", runID, out))
	}
	then, err := runConfig(cfg, out, run)
	if err != nil {
		return nil, err
	}
	a := &Against{RunID: runID}
	if a.Then, err = Explain(ctx, then, id); err != nil && a.Then == nil {
		return nil, fmt.Errorf("run %s: %w", runID, err)
	}
	if a.Now, err = Explain(ctx, cfg, id); err != nil && a.Now == nil {
		return nil, err
	}
	a.GrossThen, a.GrossNow = a.Then.Gross, a.Now.Gross
	rowKey := func(r ExplainRow) ExplainRow { r.File = ""; return r }
	thenRows, nowRows := map[ExplainRow]bool{}, map[ExplainRow]bool{}
	for _, r := range a.Then.Rows {
		thenRows[rowKey(r)] = true
	}
	for _, r := range a.Now.Rows {
		nowRows[rowKey(r)] = true
	}
	removed := map[int32]ExplainRow{}
	for _, r := range a.Then.Rows {
		if !nowRows[rowKey(r)] {
			removed[r.Line] = r
		}
	}
	for _, r := range a.Now.Rows {
		if thenRows[rowKey(r)] {
			continue
		}
		if old, ok := removed[r.Line]; ok {
			a.RowsChanged = append(a.RowsChanged, [2]ExplainRow{old, r})
			delete(removed, r.Line)
			continue
		}
		a.RowsAdded = append(a.RowsAdded, r)
	}
	for _, r := range a.Then.Rows {
		if _, ok := removed[r.Line]; ok && !nowRows[rowKey(r)] {
			a.RowsRemoved = append(a.RowsRemoved, r)
		}
	}
	lines := func(x *Explanation) map[ExplainLine]int {
		out := map[ExplainLine]int{}
		for _, w := range x.Weeks {
			for _, l := range w.Lines {
				out[l]++
			}
		}
		return out
	}
	lt, ln := lines(a.Then), lines(a.Now)
	for _, w := range a.Now.Weeks {
		for _, l := range w.Lines {
			if lt[l] > 0 {
				lt[l]--
				continue
			}
			a.LinesAdded = append(a.LinesAdded, l)
		}
	}
	for _, w := range a.Then.Weeks {
		for _, l := range w.Lines {
			if ln[l] > 0 {
				ln[l]--
				continue
			}
			a.LinesRemoved = append(a.LinesRemoved, l)
		}
	}
	return a, nil
}

// runConfig is cfg with the inputs and weeks of the ledger run: the inputs are read from the
// paths its manifest lists and must still have the sha256 it lists (a payroll keeps the inputs
// of what it paid).
func runConfig(cfg Config, out string, run *emit.RunEntry) (Config, error) {
	runID := run.RunID
	then := cfg
	if err := emit.VerifyFile(out, run.Manifest); err != nil {
		return then, err
	}
	raw, err := os.ReadFile(filepath.Join(out, filepath.FromSlash(run.Manifest.Path)))
	if err != nil {
		return then, err
	}
	var m emit.Manifest
	if err := json.Unmarshal(raw, &m); err != nil {
		return then, fmt.Errorf("%s: %w", run.Manifest.Path, err)
	}
	then.Punches, then.Roster, then.Schedule, then.OnCall, then.Balances, then.Approvals, then.Previous = "", "", "", "", "", "", ""
	then.Separations, then.Rates = "", ""
	var accruals []string
	for _, in := range m.Inputs {
		var dst *string
		switch in.Name {
		case "punches":
			dst = &then.Punches
		case "roster":
			dst = &then.Roster
		case "schedule":
			dst = &then.Schedule
		case "oncall":
			dst = &then.OnCall
		case "balances":
			dst = &then.Balances
		case "approvals":
			dst = &then.Approvals
		case "separations":
			dst = &then.Separations
		case "rates":
			dst = &then.Rates
		case "previous":
			dst = &then.Previous
			in.Path = filepath.Dir(in.Path)
		case "ledger_accruals":
			// The opening balances came from the ledger's week before: the same files, verified,
			// open the close again (a temporary ledger does not hold that week).
			p := filepath.Join(out, filepath.FromSlash(in.Path))
			if sum, _, err := emit.HashFile(p); err != nil || sum != in.SHA256 {
				return then, fmt.Errorf("the opening accruals %s of run %s are no longer in the ledger as they were (%v)", in.Path, runID, err)
			}
			accruals = append(accruals, p)
			continue
		default:
			continue // accrual files: found again through --previous or not needed to explain pay
		}
		if in.Name != "previous" {
			sum, _, err := emit.HashFile(in.Path)
			if err != nil {
				return then, fmt.Errorf("the %s input of run %s: %w", in.Name, runID, err)
			}
			if sum != in.SHA256 {
				return then, fmt.Errorf("the %s input of run %s, %s, has changed since (sha256 %s, the run read %s)", in.Name, runID, in.Path, sum, in.SHA256)
			}
		}
		*dst = in.Path
	}
	if len(m.WeekStarts) > 0 {
		if then.Week, err = calendars.ParseISODate(m.WeekStarts[0]); err != nil {
			return then, err
		}
		then.Weeks = len(m.WeekStarts)
		if len(accruals) > 0 {
			then.opening = &opening{week: then.Week.AddDays(-7), files: accruals}
		}
	}
	return then, nil
}

package pipeline

import (
	"io"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/payclose/payclose/stages/emit"
	"github.com/payclose/payclose/stages/handoff"
)

// HandoffConfig is where the register's earning codes and the journal's GL accounts come from
// ("" = the embedded defaults) and the report's variance threshold.
type HandoffConfig struct {
	EarningCodes string
	GLAccounts   string
	// VariancePct flags employees whose gross moved more than this percent (default 25).
	VariancePct int
}

// handoffTables are the datasets of the hand-off, listed per week in the ledger index like the
// pay lines and accruals.
var handoffTables = []string{"register/", "journal/"}

// writeHandoff writes the register, the journal and the report of the run into the staging tree
// from the pay lines and accruals just written, and returns their outputs. ready is called before
// the report is written: it waits for the exceptions' counts in m and res.
func writeHandoff(cfg *Config, led *ledger, stage *emit.Staging, m *emit.Manifest, outputs []emit.Output, gross int64, res *Result, ready func() error) ([]emit.Output, error) {
	maps, err := handoff.LoadMappings(cfg.Handoff.EarningCodes, cfg.Handoff.GLAccounts)
	if err != nil {
		return nil, err
	}
	// The hand-off's sorted runs of a large week's employees go in the staging directory, on the
	// output's disk, like the exceptions' (removed before it returns).
	in := &handoff.Input{RunID: m.RunID, Manifest: m, Rejects: res.Rejects.First, RejectCount: res.Rejects.Count, Exceptions: res.Exceptions, Gross: gross, Scratch: stage.Dir()}
	in.Ready = func() error {
		if err := ready(); err != nil {
			return err
		}
		in.Exceptions = res.Exceptions
		return nil
	}
	if cfg.Shards > 1 {
		in.Suffix = "-" + pad5(cfg.Shard)
		in.Keep = func(emp string) bool { return ShardOf(emp, cfg.Shards) == cfg.Shard }
	}
	for k := 0; k < cfg.Weeks; k++ {
		wk := handoff.Week{Start: cfg.Week.AddDays(7 * k)}
		pre := "week_start=" + wk.Start.String() + "/"
		for _, o := range outputs {
			switch {
			case strings.HasPrefix(o.Path, "pay_lines/"+pre):
				wk.PayLines = append(wk.PayLines, stage.Path(o.Path))
			case strings.HasPrefix(o.Path, "accruals/"+pre):
				wk.Accruals = append(wk.Accruals, stage.Path(o.Path))
			}
		}
		in.Weeks = append(in.Weeks, wk)
	}
	// The variance of a one-week close is against the ledger's week before it, when closed.
	if led != nil && cfg.Weeks == 1 {
		prev := cfg.Week.AddDays(-7)
		if e := led.index.Week(prev.String()); e != nil && e.Closed {
			wk := &handoff.Week{Start: prev}
			for _, rf := range e.Current {
				for _, o := range rf.Files {
					if strings.HasPrefix(o.Path, "pay_lines/") {
						wk.PayLines = append(wk.PayLines, filepath.Join(led.dir, filepath.FromSlash(o.Path)))
					}
				}
			}
			in.Previous = wk
		}
	}
	var outs []emit.Output
	err = handoff.Write(in, handoff.Options{Mappings: maps, Threshold: cfg.Handoff.VariancePct}, func(rel string, write func(io.Writer) (emit.Output, error)) error {
		if err := os.MkdirAll(filepath.Dir(stage.Path(rel)), 0o755); err != nil {
			return err
		}
		o, err := writeFile(stage, rel, write)
		if err != nil {
			return err
		}
		outs = append(outs, o)
		return nil
	})
	return outs, err
}

// stageLatestReport stages a copy of the run's report as OUT/report.html, replaced by the
// commit: the latest close's report is where an operator looks first; every run keeps its own
// under runs/<run_id>/.
func stageLatestReport(stage *emit.Staging, runDir string, m *emit.Manifest) (emit.Move, emit.Output, bool, error) {
	rel := path.Join(runDir, handoff.ReportFile)
	var src *emit.Output
	for i := range m.Outputs {
		if m.Outputs[i].Path == rel {
			src = &m.Outputs[i]
		}
	}
	if src == nil {
		return emit.Move{}, emit.Output{}, false, nil
	}
	b, err := os.ReadFile(stage.Path(rel))
	if err != nil {
		return emit.Move{}, emit.Output{}, false, err
	}
	if err := os.WriteFile(stage.Path(handoff.ReportFile), b, 0o644); err != nil {
		return emit.Move{}, emit.Output{}, false, err
	}
	o := *src
	o.Path = handoff.ReportFile
	mv := stage.StagedMove(handoff.ReportFile)
	return emit.Move{From: mv.From, To: handoff.ReportFile, Replace: true}, o, true, nil
}

// isWeekTable reports whether a run output is one of a week's datasets (listed per week in the
// ledger index and superseded with it).
func isWeekTable(p, week string) bool {
	for _, t := range append([]string{"pay_lines/", "accruals/"}, handoffTables...) {
		if strings.HasPrefix(p, path.Join(t, week)+"/") {
			return true
		}
	}
	return false
}

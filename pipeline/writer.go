package pipeline

import (
	"context"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"sort"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/emit"
	"github.com/payclose/payclose/stages/ingest"
	"github.com/payclose/payclose/stages/model"
)

// Totals are the run's sums for the manifest and the summary.
type Totals struct {
	Employees     int64
	EmployeeWeeks int64
	PayLines      int64
	Accruals      int64
	Gross         rates.Money
	ByRuleSet     map[string]map[string]*CodeTotal // rule set -> pay code
	ByAccount     map[string]*rates.Money          // labor account -> gross
	tally         tally
}

// CodeTotal is the hours and money of one pay code.
type CodeTotal struct {
	Seconds int64
	Amount  rates.Money
}

// writer is the last stage: it takes batches in input order, keeps the totals, and hands each
// batch to its part for encoding.
type writer struct {
	cfg     *Config
	stage   *emit.Staging
	runID   string
	parts   []*part
	totals  Totals
	rejects []model.Reject
	exc     []model.Exception
	last    *CodeTotal // cache of the last (rule set, pay code) hit: lines come in runs
	lastRS  string
	lastPC  string
	lastAcc string
	accTot  *rates.Money
	// batchRows is the most punch rows one batch carried (Result.PunchRowsHeld).
	batchRows int64
}

func newWriter(cfg *Config, stage *emit.Staging, runID string, parts int) (*writer, error) {
	w := &writer{cfg: cfg, stage: stage, runID: runID,
		totals: Totals{ByRuleSet: map[string]map[string]*CodeTotal{}, ByAccount: map[string]*rates.Money{}}}
	if stage == nil {
		return w, nil
	}
	for p := 0; p < parts; p++ {
		pt, err := newPart(cfg, stage, runID, p, parts)
		if pt != nil {
			w.parts = append(w.parts, pt)
		}
		if err != nil {
			return nil, err
		}
	}
	return w, nil
}

func (w *writer) abort() {
	for _, pt := range w.parts {
		pt.abort()
	}
}

// write adds up one batch (the caller gives batches in input order) and passes it to its part,
// which owns it from then on.
func (w *writer) write(ctx context.Context, b *batch) error {
	w.totals.tally.add(&b.tally)
	w.batchRows = max(w.batchRows, int64(len(b.punches)))
	w.rejects = append(w.rejects, b.rejects...)
	w.exc = append(w.exc, b.exceptions...)
	lines := b.lines
	for i := range lines {
		l := &lines[i]
		ct := w.code(l.RuleSet, l.PayCode)
		ct.Seconds += l.Seconds
		ct.Amount += l.Amount
		w.totals.Gross += l.Amount
		if w.accTot == nil || l.Account != w.lastAcc {
			w.accTot = w.totals.ByAccount[l.Account]
			if w.accTot == nil {
				w.accTot = new(rates.Money)
				w.totals.ByAccount[l.Account] = w.accTot
			}
			w.lastAcc = l.Account
		}
		*w.accTot += l.Amount
	}
	w.totals.PayLines += int64(len(lines))
	w.totals.Accruals += int64(len(b.accruals))
	if len(w.parts) == 0 {
		putBatch(b)
		return nil
	}
	select {
	case w.parts[b.seq%len(w.parts)].ch <- b:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

func (w *writer) code(rs, pc string) *CodeTotal {
	if w.last != nil && w.lastRS == rs && w.lastPC == pc {
		return w.last
	}
	m := w.totals.ByRuleSet[rs]
	if m == nil {
		m = map[string]*CodeTotal{}
		w.totals.ByRuleSet[rs] = m
	}
	ct := m[pc]
	if ct == nil {
		ct = &CodeTotal{}
		m[pc] = ct
	}
	w.last, w.lastRS, w.lastPC = ct, rs, pc
	return ct
}

// finish closes the Parquet files, reconciles, writes rejects, exceptions and the manifest, and
// commits the staging directory. A failed reconciliation commits nothing.
func (w *writer) finish(cfg *Config, led *ledger, inputs []emit.Input, pstats []ingest.Stats, stats map[string]*ingest.Stats, weeks *weekRows, rej *rejectSink, stage *emit.Staging) (*Result, error) {
	var outputs []emit.Output
	for _, pt := range w.parts {
		outs, err := pt.close()
		if err != nil {
			return nil, err
		}
		outputs = append(outputs, outs...)
	}
	sort.Slice(outputs, func(i, j int) bool { return outputs[i].Path < outputs[j].Path })

	approvalRows, err := applyApprovals(cfg, w.exc, rej)
	if err != nil {
		return nil, err
	}
	for i := range inputs {
		if inputs[i].Name == "approvals" {
			inputs[i].Rows = approvalRows
		}
	}
	rejects := append(rej.rows, w.rejects...)
	emit.SortRejects(rejects)
	emit.SortExceptions(w.exc)
	warnings, err := checkInputs(cfg, inputs, stats, weeks, rejects)
	if err != nil {
		return nil, err
	}

	t := &w.totals
	t.Employees, t.EmployeeWeeks = t.tally.employees, t.tally.employeeWeeks
	recon, rowsOK := reconcile(cfg, t, pstats, rejects)
	m := &emit.Manifest{
		RunID:            w.runID,
		Version:          cfg.Version,
		Inputs:           inputs,
		Reconciliation:   recon,
		RejectsByReason:  map[string]int64{},
		ExceptionsByCode: map[string]int64{},
	}
	for k := 0; k < cfg.Weeks; k++ {
		m.WeekStarts = append(m.WeekStarts, cfg.Week.AddDays(7*k).String())
	}
	for rs := range t.ByRuleSet {
		m.RuleSets = append(m.RuleSets, rs)
	}
	sort.Strings(m.RuleSets)
	for _, r := range rejects {
		m.RejectsByReason[r.Reason]++
	}
	for _, e := range w.exc {
		m.ExceptionsByCode[e.Code]++
		if cfg.Approvals != "" {
			if m.ExceptionsByStatus == nil {
				m.ExceptionsByStatus = map[string]int64{}
			}
			m.ExceptionsByStatus[exceptionStatus(&e)]++
		}
	}
	m.Totals = emit.Totals{Employees: t.Employees, PayLines: t.PayLines, Gross: t.Gross.String(),
		GrossByRuleSet: map[string]map[string]string{}, HoursByPayCode: map[string]string{}}
	hoursBy := map[string]int64{}
	for rs, codes := range t.ByRuleSet {
		mm := map[string]string{}
		for pc, ct := range codes {
			mm[pc] = ct.Amount.String()
			hoursBy[pc] += ct.Seconds
		}
		m.Totals.GrossByRuleSet[rs] = mm
	}
	for pc, s := range hoursBy {
		m.Totals.HoursByPayCode[pc] = rates.HoursDecimal(s).StringFixed(4)
	}
	if cfg.Shards > 1 {
		m.Shard = fmt.Sprintf("%d/%d", cfg.Shard, cfg.Shards)
	}
	result := &Result{Manifest: m, Rejects: rejects, Exceptions: w.exc, Totals: t, OutDir: cfg.Out, Warnings: warnings}
	if !recon.OK || !rowsOK {
		return result, fmt.Errorf("%w: input %s h, paid %s h, rejected %s h, %d employee-weeks with REG+OT != worked; nothing was written",
			ErrReconciliation, recon.InputHours, recon.PaidHours, recon.RejectedHours, t.tally.mismatches)
	}
	if stage == nil {
		// validate: the reports only, each file replaced atomically in the output directory.
		return result, writeReports(cfg.Out, rejects, w.exc)
	}
	for _, f := range []struct {
		rel   string
		write func(io.Writer) (emit.Output, error)
	}{
		{"rejects.csv", func(out io.Writer) (emit.Output, error) { return emit.WriteRejects(out, rejects) }},
		{"exceptions.csv", func(out io.Writer) (emit.Output, error) { return emit.WriteExceptions(out, w.exc) }},
	} {
		o, err := writeFile(stage, path.Join("runs", w.runID, f.rel), f.write)
		if err != nil {
			return nil, err
		}
		outputs = append(outputs, o)
	}
	m.Outputs = outputs
	if err := led.commit(cfg, stage, m, result); err != nil {
		return nil, err
	}
	return result, nil
}

// writeReports writes rejects.csv and exceptions.csv into dir, each through a temporary file
// renamed into place.
func writeReports(dir string, rejects []model.Reject, exc []model.Exception) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, f := range []struct {
		name  string
		write func(io.Writer) (emit.Output, error)
	}{
		{"rejects.csv", func(out io.Writer) (emit.Output, error) { return emit.WriteRejects(out, rejects) }},
		{"exceptions.csv", func(out io.Writer) (emit.Output, error) { return emit.WriteExceptions(out, exc) }},
	} {
		tmp, err := os.CreateTemp(dir, "."+f.name+".tmp-*")
		if err != nil {
			return err
		}
		_, err = f.write(tmp)
		if err == nil {
			err = tmp.Sync()
		}
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Rename(tmp.Name(), filepath.Join(dir, f.name))
		}
		if err != nil {
			os.Remove(tmp.Name())
			return err
		}
	}
	return nil
}

func writeFile(stage *emit.Staging, rel string, write func(io.Writer) (emit.Output, error)) (emit.Output, error) {
	f, err := stage.Create(rel)
	if err != nil {
		return emit.Output{}, err
	}
	o, err := write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	o.Path = rel
	return o, err
}

// reconcile checks, for this run: every punch row was either accepted or rejected, and the hours
// of the accepted rows are exactly the hours on the pay lines (REG + OT for worked time, absence
// lines for pay-code rows). Input hours = paid hours + rejected hours.
func reconcile(cfg *Config, t *Totals, pstats []ingest.Stats, rejects []model.Reject) (emit.Reconciliation, bool) {
	var rejected int64
	var rowsIn, rowsRejected, unknown int64
	for _, st := range pstats {
		rowsIn += int64(st.Rows)
		unknown += int64(st.UnknownHours)
	}
	for _, r := range rejects {
		if r.File == cfg.Punches || (cfg.OnCall != "" && r.File == cfg.OnCall) {
			rejected += r.Seconds
			rowsRejected++
		}
	}
	tl := &t.tally
	in := tl.inWorked + tl.inAbsence + tl.inStandby + rejected
	paid := tl.paidWorked + tl.paidAbsence // meal time deducted by contract is reported apart
	ok := tl.inWorked+tl.inAbsence+tl.added == paid+tl.deducted && tl.mismatches == 0
	rowsOK := cfg.Shards > 1 || rowsIn == tl.rowsAccepted+rowsRejected
	return emit.Reconciliation{
		InputHours:           rates.HoursDecimal(in).StringFixed(4),
		PaidHours:            rates.HoursDecimal(paid).StringFixed(4),
		RejectedHours:        rates.HoursDecimal(rejected).StringFixed(4),
		DeductedHours:        rates.HoursDecimal(tl.deducted).StringFixed(4),
		AddedHours:           rates.HoursDecimal(tl.added).StringFixed(4),
		StandbyHours:         rates.HoursDecimal(tl.inStandby).StringFixed(4),
		RejectedUnknownHours: unknown,
		OK:                   ok && rowsOK,
	}, rowsOK
}

var _ = calendars.Date(0)

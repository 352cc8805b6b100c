package pipeline

import (
	"fmt"
	"io"
	"os"
	"path"
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
	ByAccount     map[string]rates.Money           // labor account -> gross
	tally         tally
}

// CodeTotal is the hours and money of one pay code.
type CodeTotal struct {
	Seconds int64
	Amount  rates.Money
}

// writer is the last stage: it writes batches in order and keeps the totals.
type writer struct {
	cfg     *Config
	stage   *emit.Staging
	runID   string
	files   []*os.File
	pay     []*emit.PayLineWriter
	acc     []*emit.AccrualWriter
	paths   []string // pay line files, then accrual files
	totals  Totals
	rejects []model.Reject
	exc     []model.Exception
	last    *CodeTotal // cache of the last (rule set, pay code) hit: lines come in runs
	lastRS  string
	lastPC  string
	accBuf  []model.Accrual // one week's accrual rows of a batch
}

func newWriter(cfg *Config, stage *emit.Staging, runID string) (*writer, error) {
	w := &writer{cfg: cfg, stage: stage, runID: runID,
		totals: Totals{ByRuleSet: map[string]map[string]*CodeTotal{}, ByAccount: map[string]rates.Money{}}}
	if stage == nil {
		return w, nil
	}
	for k := 0; k < cfg.Weeks; k++ {
		week := cfg.Week.AddDays(7 * k)
		rel := path.Join("pay_lines", "week_start="+week.String(), partName(cfg))
		if err := os.MkdirAll(path.Dir(stage.Path(rel)), 0o755); err != nil {
			return nil, err
		}
		f, err := stage.Create(rel)
		if err != nil {
			return nil, err
		}
		pw, err := emit.NewPayLineWriter(f, runID, emit.ParquetOptions{})
		if err != nil {
			f.Close()
			return nil, err
		}
		w.files = append(w.files, f)
		w.pay = append(w.pay, pw)
		w.paths = append(w.paths, rel)
	}
	for k := 0; k < cfg.Weeks; k++ {
		week := cfg.Week.AddDays(7 * k)
		rel := path.Join("accruals", "week_start="+week.String(), partName(cfg))
		if err := os.MkdirAll(path.Dir(stage.Path(rel)), 0o755); err != nil {
			return nil, err
		}
		f, err := stage.Create(rel)
		if err != nil {
			return nil, err
		}
		aw, err := emit.NewAccrualWriter(f, runID, emit.ParquetOptions{})
		if err != nil {
			f.Close()
			return nil, err
		}
		w.files = append(w.files, f)
		w.acc = append(w.acc, aw)
		w.paths = append(w.paths, rel)
	}
	return w, nil
}

func (w *writer) abort() {
	for _, f := range w.files {
		f.Close()
	}
}

// write appends one batch's pay lines to the week's Parquet file and adds up its totals.
func (w *writer) write(b *batch) error {
	w.totals.tally.add(&b.tally)
	w.rejects = append(w.rejects, b.rejects...)
	w.exc = append(w.exc, b.exceptions...)
	lines := b.lines
	for i := range lines {
		l := &lines[i]
		ct := w.code(l.RuleSet, l.PayCode)
		ct.Seconds += l.Seconds
		ct.Amount += l.Amount
		w.totals.Gross += l.Amount
		w.totals.ByAccount[l.Account] += l.Amount
	}
	w.totals.PayLines += int64(len(lines))
	w.totals.Accruals += int64(len(b.accruals))
	if w.stage == nil {
		return nil
	}
	// Rows come employee by employee, week by week: write each week's rows of the batch in one
	// call, keeping their order.
	for k := range w.acc {
		w.accBuf = w.accBuf[:0]
		for i := range b.accruals {
			if kk := int(b.accruals[i].Week-w.cfg.Week) / 7; kk == k {
				w.accBuf = append(w.accBuf, b.accruals[i])
			} else if kk < 0 || kk >= len(w.acc) {
				return fmt.Errorf("internal: accrual row for week %s outside the closed weeks", b.accruals[i].Week)
			}
		}
		if err := w.acc[k].Write(w.accBuf); err != nil {
			return err
		}
		if len(w.acc) == 1 {
			break
		}
	}
	if w.cfg.Weeks == 1 {
		return w.pay[0].Write(lines)
	}
	// Lines of one employee come week by week; cut the batch into runs of one week.
	for i := 0; i < len(lines); {
		k := int(lines[i].WorkDate-w.cfg.Week) / 7
		j := i + 1
		for j < len(lines) && int(lines[j].WorkDate-w.cfg.Week)/7 == k {
			j++
		}
		if k < 0 || k >= len(w.pay) {
			return fmt.Errorf("internal: pay line dated %s outside the closed weeks", lines[i].WorkDate)
		}
		if err := w.pay[k].Write(lines[i:j]); err != nil {
			return err
		}
		i = j
	}
	return nil
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
func (w *writer) finish(cfg *Config, inputs []emit.Input, pstats []ingest.Stats, rej *rejectSink, stage *emit.Staging) (*Result, error) {
	var outputs []emit.Output
	type closer interface {
		Close() error
		Written() emit.Output
	}
	var writers []closer
	for _, pw := range w.pay {
		writers = append(writers, pw)
	}
	for _, aw := range w.acc {
		writers = append(writers, aw)
	}
	for k, pw := range writers {
		if err := pw.Close(); err != nil {
			return nil, err
		}
		o := pw.Written()
		o.Path = w.paths[k]
		outputs = append(outputs, o)
		if err := w.files[k].Close(); err != nil {
			return nil, err
		}
	}
	w.files = nil

	rejects := append(rej.rows, w.rejects...)
	emit.SortRejects(rejects)
	emit.SortExceptions(w.exc)
	for i, st := range pstats {
		inputs[0].Rows += 0
		if i == 0 {
			inputs[0].Rows = int64(st.Rows)
		} else {
			for j := range inputs {
				if inputs[j].Name == "oncall" {
					inputs[j].Rows = int64(st.Rows)
				}
			}
		}
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
	result := &Result{Manifest: m, Rejects: rejects, Exceptions: w.exc, Totals: t, OutDir: cfg.Out}
	if !recon.OK || !rowsOK {
		return result, fmt.Errorf("%w: input %s h, paid %s h, rejected %s h, %d employee-weeks with REG+OT != worked; nothing was written",
			ErrReconciliation, recon.InputHours, recon.PaidHours, recon.RejectedHours, t.tally.mismatches)
	}
	if stage == nil {
		return result, nil
	}
	for _, f := range []struct {
		rel   string
		write func(io.Writer) (emit.Output, error)
	}{
		{"rejects.csv", func(out io.Writer) (emit.Output, error) { return emit.WriteRejects(out, rejects) }},
		{"exceptions.csv", func(out io.Writer) (emit.Output, error) { return emit.WriteExceptions(out, w.exc) }},
	} {
		rel := f.rel
		if cfg.Shards > 1 {
			rel = shardName(f.rel, cfg)
		}
		o, err := writeFile(stage, rel, f.write)
		if err != nil {
			return nil, err
		}
		outputs = append(outputs, o)
	}
	m.Outputs = outputs
	name := "manifest.json"
	if cfg.Shards > 1 {
		name = shardName(name, cfg)
	}
	if err := emit.WriteManifest(stage.Path(name), m); err != nil {
		return nil, err
	}
	if err := stage.Commit(); err != nil {
		return nil, err
	}
	return result, nil
}

func shardName(name string, cfg *Config) string {
	ext := path.Ext(name)
	return name[:len(name)-len(ext)] + fmt.Sprintf("-shard-%05d-of-%05d", cfg.Shard, cfg.Shards) + ext
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
	var rowsIn, rowsRejected int64
	for _, st := range pstats {
		rowsIn += int64(st.Rows)
	}
	for _, r := range rejects {
		if r.File == cfg.Punches || (cfg.OnCall != "" && r.File == cfg.OnCall) {
			rejected += r.Seconds
			rowsRejected++
		}
	}
	tl := &t.tally
	in := tl.inWorked + tl.inAbsence + rejected
	paid := tl.paidWorked + tl.paidAbsence // meal time deducted by contract is reported apart
	ok := tl.inWorked+tl.inAbsence == paid+tl.deducted && tl.mismatches == 0
	rowsOK := cfg.Shards > 1 || rowsIn == tl.rowsAccepted+rowsRejected
	return emit.Reconciliation{
		InputHours:    rates.HoursDecimal(in).StringFixed(4),
		PaidHours:     rates.HoursDecimal(paid).StringFixed(4),
		RejectedHours: rates.HoursDecimal(rejected).StringFixed(4),
		OK:            ok && rowsOK,
	}, rowsOK
}

var _ = calendars.Date(0)

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
	"github.com/payclose/payclose/stages/strtab"
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
	cfg    *Config
	stage  *emit.Staging
	runID  string
	parts  []*part
	totals Totals
	rej    *rejectSink // the run's rejects, a batch's added as it is written
	exc    []model.Exception
	// codes finds a line's totals by its rule set and pay code without hashing them: a batch's
	// lines take turns among a few codes, and two map look-ups per line were 2% of a close.
	codes   strtab.Pairs[*CodeTotal]
	lastAcc string
	accTot  *rates.Money
	// batchRows is the most punch rows one batch carried (Result.PunchRowsHeld).
	batchRows int64
	// Exceptions beyond spillExceptions go to sorted run files under spillDir (the staging
	// directory once made, or --out for validate), so memory does not grow with the week.
	runs     excRuns
	spillDir string
	// staged is closed once the parts' files are made (stageParts).
	staged chan struct{}
	// The run's identity, and what consume does once it is known (onIdentity). A part waits for
	// its files once it holds its share of heldBytes, so write, blocked on that part, watches for the
	// identity too.
	id         *identity
	idDone     <-chan struct{} // nil once handled
	identified func() error
}

func newWriter(cfg *Config, rej *rejectSink) *writer {
	w := &writer{cfg: cfg, rej: rej, staged: make(chan struct{}),
		totals: Totals{ByRuleSet: map[string]map[string]*CodeTotal{}, ByAccount: map[string]*rates.Money{}}}
	if cfg.Validate {
		w.spillDir = cfg.Out
	}
	return w
}

// setStage gives the writer the run's staging tree (not for validate).
func (w *writer) setStage(stage *emit.Staging) {
	w.stage, w.spillDir = stage, stage.Dir()
}

// open creates the run's parts, their files not yet.
func (w *writer) open(parts int) error {
	for p := 0; p < parts; p++ {
		pt, err := newPart(w.cfg, p, parts)
		if err != nil {
			return err
		}
		w.parts = append(w.parts, pt)
	}
	return nil
}

// stageParts makes the parts' files in the staging tree, and tells them (staged).
func (w *writer) stageParts() error {
	for _, pt := range w.parts {
		if err := pt.create(w.stage); err != nil {
			return err
		}
	}
	close(w.staged)
	return nil
}

func (w *writer) abort() {
	w.runs.remove()
	for _, pt := range w.parts {
		pt.abort()
	}
}

// write adds up one batch (the caller gives batches in input order) and passes it to its part,
// which owns it from then on.
func (w *writer) write(ctx context.Context, b *batch) error {
	w.totals.tally.add(&b.tally)
	w.batchRows = max(w.batchRows, int64(len(b.punches)))
	w.rej.addAll(b.rejects)
	w.exc = append(w.exc, b.exceptions...)
	if len(w.exc) >= spillExceptions && w.spillDir != "" { // held until the staging tree is made
		if err := w.runs.spill(w.spillDir, w.exc); err != nil {
			return err
		}
		clear(w.exc) // drop the strings, keep the room
		w.exc = w.exc[:0]
	}
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
	for {
		select {
		case w.parts[b.seq%len(w.parts)].ch <- b:
			return nil
		case <-w.idDone:
			if err := w.onIdentity(); err != nil {
				return err
			}
		case <-ctx.Done():
			return ctx.Err()
		}
	}
}

// maxCodePairs bounds writer.codes. Its pairs are by the strings' addresses: the rule sets of a
// roster share one string each, but past ingest's maxRuleSets names (a hostile roster) a row's
// name is its own string, and the table would keep a pair per employee and pay code. Emptied at
// the bound, it only finds less; the totals are in the maps.
const maxCodePairs = 1 << 12

func (w *writer) code(rs, pc string) *CodeTotal {
	if w.codes.Len() >= maxCodePairs {
		w.codes = strtab.Pairs[*CodeTotal]{}
	}
	c, _ := w.codes.Find(rs, pc)
	if *c != nil {
		return *c
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
	*c = ct
	return ct
}

// finish closes the Parquet files, reconciles, writes rejects, exceptions and the manifest, and
// commits the staging directory. A failed reconciliation commits nothing.
func (w *writer) finish(cfg *Config, led *ledger, inputs []emit.Input, pstats []ingest.Stats, stats map[string]*ingest.Stats, weeks *weekRows, rej *rejectSink, stage *emit.Staging) (*Result, error) {
	var outputs []emit.Output
	for _, pt := range w.parts {
		outputs = append(outputs, pt.outs...) // closed by pt.run
	}
	sort.Slice(outputs, func(i, j int) bool { return outputs[i].Path < outputs[j].Path })

	spilled, err := w.spilledExceptions(cfg, rej)
	if err != nil {
		return nil, err
	}
	approvalStats := spilled.approvalStats
	if w.runs.n == 0 {
		if approvalStats, err = applyApprovals(cfg, w.exc, rej); err != nil {
			return nil, err
		}
	}
	if approvalStats != nil {
		stats["approvals"] = approvalStats
	}
	rejects, rtally, err := rej.summarize()
	if err != nil {
		return nil, err
	}
	emit.SortExceptions(w.exc)
	warnings, err := checkInputs(cfg, inputs, stats, weeks, rtally)
	if err != nil {
		return nil, err
	}

	t := &w.totals
	t.Employees, t.EmployeeWeeks = t.tally.employees, t.tally.employeeWeeks
	recon, rowsOK := reconcile(cfg, t, pstats, rtally)
	m := &emit.Manifest{
		RunID:            w.runID,
		Version:          cfg.Version,
		Inputs:           inputs,
		Reconciliation:   recon,
		RejectsByReason:  map[string]int64{},
		ExceptionsByCode: map[string]int64{},
		BalancesKnown:    cfg.balancesKnown,
	}
	for k := 0; k < cfg.Weeks; k++ {
		m.WeekStarts = append(m.WeekStarts, cfg.Week.AddDays(7*k).String())
	}
	for rs := range t.ByRuleSet {
		m.RuleSets = append(m.RuleSets, rs)
	}
	sort.Strings(m.RuleSets)
	m.Profiles = profileVersions(cfg, m.RuleSets)
	for reason, n := range rejects.ByReason {
		m.RejectsByReason[reason] = n
	}
	open := map[string]int64{}
	for _, e := range w.exc {
		m.ExceptionsByCode[e.Code]++
		if cfg.Approvals != "" {
			if m.ExceptionsByStatus == nil {
				m.ExceptionsByStatus = map[string]int64{}
			}
			m.ExceptionsByStatus[exceptionStatus(&e)]++
		}
		if exceptionStatus(&e) == model.StatusOpen {
			open[e.Code]++
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
	result := &Result{Manifest: m, Rejects: rejects, RejectsHeld: rej.held, Exceptions: w.exc, OpenExceptions: open, ExceptionsSampled: w.runs.n > 0,
		Totals: t, OutDir: cfg.Out, Warnings: warnings}
	// The counts of exceptions on disk, once taken (by spilledExceptions, or as exceptions.csv is
	// written).
	setSpilled := func() {
		if w.runs.n > 0 {
			m.ExceptionsByCode, result.OpenExceptions, result.Exceptions = spilled.byCode, spilled.open, spilled.sample
			if cfg.Approvals != "" {
				m.ExceptionsByStatus = spilled.byStatus
			}
		}
	}
	if spilled.counted {
		setSpilled()
	}
	if !recon.OK || !rowsOK {
		if w.runs.n > 0 && !spilled.counted {
			if err := w.runs.each(func(e *model.Exception) error { spilled.count(e); return nil }); err != nil {
				return nil, err
			}
			setSpilled()
		}
		return result, fmt.Errorf("%w: input %s h, paid %s h, rejected %s h, %d employee-weeks with REG+OT != worked; nothing was written",
			ErrReconciliation, recon.InputHours, recon.PaidHours, recon.RejectedHours, t.tally.mismatches)
	}
	if stage == nil {
		// validate: the reports only, each file replaced atomically in the output directory.
		err := writeReports(cfg.Out, rej, func(out io.Writer) (emit.Output, error) { return w.writeExceptions(out, spilled) })
		setSpilled()
		return result, err
	}
	// rejects.csv and exceptions.csv (a merge of the spilled runs at a large week, counted on the
	// way) are written while the hand-off reads the pay lines back: only the hand-off's report
	// needs their counts (ready), and each alone left a core idle.
	var rejOut, excOut emit.Output
	var excErr error
	excDone := make(chan struct{})
	go func() {
		defer close(excDone)
		if rejOut, excErr = writeFile(stage, path.Join("runs", w.runID, "rejects.csv"), func(out io.Writer) (emit.Output, error) { return writeRejects(out, rej) }); excErr != nil {
			return
		}
		excOut, excErr = writeFile(stage, path.Join("runs", w.runID, "exceptions.csv"), func(out io.Writer) (emit.Output, error) { return w.writeExceptions(out, spilled) })
	}()
	ready := func() error {
		<-excDone
		if excErr == nil {
			setSpilled()
		}
		return excErr
	}
	hand, err := writeHandoff(cfg, led, stage, m, outputs, int64(t.Gross), result, ready)
	if rerr := ready(); rerr != nil {
		return nil, rerr
	}
	if err != nil {
		return nil, err
	}
	outputs = append(outputs, rejOut, excOut)
	outputs = append(outputs, hand...)
	w.runs.remove() // before the commit syncs the staging directory
	rej.remove()
	m.Outputs = outputs
	if err := led.commit(cfg, stage, m, result); err != nil {
		return nil, err
	}
	return result, nil
}

// spilledSummary is what finish needs of exceptions kept on disk: counts, a sample for the
// summary, and the approvals to apply again as exceptions.csv is written.
type spilledSummary struct {
	ap                     *approvals
	approvalStats          *ingest.Stats
	byCode, byStatus, open map[string]int64
	sample                 []model.Exception
	per                    map[string]int // sample kept by code
	counted                bool           // the counts are taken
}

// count adds e to the counts and, when it is among the first few of its code, to the sample.
func (s *spilledSummary) count(e *model.Exception) {
	st := exceptionStatus(e)
	s.byCode[e.Code]++
	s.byStatus[st]++
	if st == model.StatusOpen {
		s.open[e.Code]++
	}
	s.sample = keepSample(s.sample, s.per, e)
}

// spilledExceptions spills the exceptions still held, if any went to disk already. With an
// approvals file it reads the runs back once for the approvals (an approval that matches no
// exception is a reject, so the rejects are known only after), the counts and the sample;
// without one, the counts are taken as exceptions.csv is written (writeExceptions), not in a pass
// of their own.
func (w *writer) spilledExceptions(cfg *Config, rej *rejectSink) (*spilledSummary, error) {
	s := &spilledSummary{}
	// Held or spilled is decided by how many exceptions there are, not by when the staging tree
	// was made: a close whose batches were all written before it (write holds them until then)
	// spills them here, so its result is the same whatever the timing.
	if w.runs.n == 0 && len(w.exc) < spillExceptions {
		return s, nil
	}
	if err := w.runs.spill(w.spillDir, w.exc); err != nil {
		return nil, err
	}
	w.exc = nil
	var err error
	if s.ap, s.approvalStats, err = loadApprovals(cfg, rej); err != nil {
		return nil, err
	}
	s.byCode, s.byStatus, s.open, s.per = map[string]int64{}, map[string]int64{}, map[string]int64{}, map[string]int{}
	if s.ap == nil {
		return s, nil
	}
	err = w.runs.each(func(e *model.Exception) error {
		s.ap.apply(e)
		s.count(e)
		return nil
	})
	if err != nil {
		return nil, err
	}
	s.ap.unmatched(rej)
	s.counted = true
	return s, nil
}

// writeExceptions writes exceptions.csv from memory or, when they were spilled, by merging the
// sorted runs (approvals applied again on the way, the counts taken when s has none yet).
func (w *writer) writeExceptions(out io.Writer, s *spilledSummary) (emit.Output, error) {
	if w.runs.n == 0 {
		return emit.WriteExceptions(out, w.exc)
	}
	ew, err := emit.NewExceptionsWriter(out)
	if err != nil {
		return emit.Output{}, err
	}
	count := !s.counted
	err = w.runs.each(func(e *model.Exception) error {
		if s.ap != nil {
			s.ap.apply(e)
		}
		if count {
			s.count(e)
		}
		return ew.Write(e)
	})
	if err != nil {
		return emit.Output{}, err
	}
	s.counted = true
	return ew.Close()
}

// writeReports writes rejects.csv and exceptions.csv into dir, each through a temporary file
// renamed into place.
func writeReports(dir string, rej *rejectSink, writeExc func(io.Writer) (emit.Output, error)) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	for _, f := range []struct {
		name  string
		write func(io.Writer) (emit.Output, error)
	}{
		{"rejects.csv", func(out io.Writer) (emit.Output, error) { return writeRejects(out, rej) }},
		{"exceptions.csv", writeExc},
	} {
		tmp, err := os.CreateTemp(dir, "."+f.name+".tmp-*")
		if err != nil {
			return err
		}
		_, err = f.write(tmp)
		if err == nil {
			// The same mode as the files of a close (CreateTemp makes 0600).
			err = tmp.Chmod(0o644)
		}
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

// writeRejects writes rejects.csv from the rejects held or, when they were spilled, by merging
// the sorted runs.
func writeRejects(out io.Writer, rej *rejectSink) (emit.Output, error) {
	rw, err := emit.NewRejectsWriter(out)
	if err != nil {
		return emit.Output{}, err
	}
	if err := rej.each(rw.Write); err != nil {
		return emit.Output{}, err
	}
	return rw.Close()
}

// writeFile writes the staged file rel and starts syncing it to disk (emit.Staging.SyncSoon).
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
	if err == nil {
		stage.SyncSoon(rel)
	}
	return o, err
}

// reconcile checks, for this run: every punch row was either accepted or rejected, and the hours
// of the accepted rows are exactly the hours on the pay lines (REG + OT for worked time, absence
// lines for pay-code rows). Input hours = paid hours + rejected hours.
func reconcile(cfg *Config, t *Totals, pstats []ingest.Stats, rejects *rejectTally) (emit.Reconciliation, bool) {
	var rowsIn int64
	for _, st := range pstats {
		rowsIn += int64(st.Rows)
	}
	// Rows of unknown hours are counted from the rejects that say so (model.Reject.UnknownHours),
	// ingest's and assemble's alike, as the rejected hours are: the count and rejects.csv's empty
	// hours are one decision.
	rejected, rowsRejected, unknown := rejects.seconds[cfg.Punches], rejects.byFile[cfg.Punches], rejects.unknown[cfg.Punches]
	if cfg.OnCall != "" && cfg.OnCall != cfg.Punches {
		rejected += rejects.seconds[cfg.OnCall]
		rowsRejected += rejects.byFile[cfg.OnCall]
		unknown += rejects.unknown[cfg.OnCall]
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

// profileVersions lists the versions of the rule sets in force on some day of the weeks closed.
func profileVersions(cfg *Config, names []string) []emit.ProfileVersion {
	var out []emit.ProfileVersion
	for _, n := range names {
		var last *rates.RuleSet
		for d := 0; d < 7*cfg.Weeks; d++ {
			rs, err := cfg.Registry.Lookup(n, cfg.Week.AddDays(d).Time())
			if err != nil || rs == last {
				continue
			}
			last = rs
			out = append(out, emit.ProfileVersion{RuleSet: n, InForce: rs.InForce().Format("2006-01-02"), File: rs.File(), SHA256: rs.SHA256()})
		}
	}
	return out
}

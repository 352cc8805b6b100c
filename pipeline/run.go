package pipeline

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"slices"
	"strconv"

	"golang.org/x/sync/errgroup"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/assemble"
	"github.com/payclose/payclose/stages/emit"
	"github.com/payclose/payclose/stages/ingest"
	"github.com/payclose/payclose/stages/model"
	"github.com/payclose/payclose/stages/rules"
)

// Result is what a run reports back to the command.
type Result struct {
	Manifest *emit.Manifest
	// Rejects are counted, with the first few rows kept; rejects.csv has them all.
	Rejects *Rejects
	// Exceptions are every exception of the close, or, when there were more than the close
	// holds in memory (ExceptionsSampled), the first few open ones of each code: exceptions.csv
	// and the manifest's counts have them all.
	Exceptions        []model.Exception
	ExceptionsSampled bool
	OpenExceptions    map[string]int64 // open exceptions by code, all of them
	Totals            *Totals
	OutDir            string
	// RunDir is where the run's manifest, rejects and exceptions are (OUT/runs/<run_id>).
	RunDir string
	// Unchanged is set when the close re-closed weeks with the inputs they were closed with: the
	// ledger already held these very files and nothing was written.
	Unchanged bool
	// Adjustments are the adjustment lines of a correction (see ledger.go).
	Adjustments []emit.Adjustment
	Mode        string // how the inputs were read: what the close held in memory
	// PunchRowsHeld is the most punch rows the reader held at once: one batch of whole employees
	// when the inputs are sorted by employee; when they are not, the largest partition of the
	// export (see partitioned.go and partition.go), or all of it when it is small enough to be one.
	PunchRowsHeld int64
	// RejectsHeld is the most rejects the close held at once: those beyond spillRejects go to
	// sorted run files in the staging directory, merged into rejects.csv.
	RejectsHeld int64
	Warnings    []string // for the operator: ignored columns, files closed empty by --allow-empty
}

// ErrReconciliation is returned when the run's own accounting does not balance; nothing is written.
var ErrReconciliation = errors.New("reconciliation failed")

// errUnsorted stops a streaming pass when an employee's rows are not contiguous.
var errUnsorted = errors.New("punch export is not grouped by employee")

// Run closes the configured week(s).
func Run(ctx context.Context, cfg Config) (_ *Result, runErr error) {
	if err := cfg.defaults(); err != nil {
		return nil, err
	}
	cfg.ctx = ctx
	var led *ledger
	if cfg.Validate {
		if x, err := emit.ReadIndex(cfg.Out); err == nil && len(x.Runs) > 0 {
			return nil, usageError(fmt.Sprintf("--out %s is a payroll ledger; validate writes rejects.csv and exceptions.csv into --out, so give it another directory", cfg.Out))
		}
	} else {
		var err error
		if led, err = openLedger(&cfg); err != nil {
			return nil, err
		}
		defer func() { led.release(runErr == nil) }()
	}
	extra, err := resolveOpening(&cfg, led)
	if err != nil {
		return nil, err
	}
	// The disk check needs only the inputs' sizes: it is made before anything is read or written.
	sizes := inputSizes(&cfg, extra)
	if err := checkDisk(cfg.Out, sizes); err != nil {
		return nil, err
	}
	// The inputs are hashed into the run id while the close runs: the hashing pass is one core
	// on the punch export (the largest file), and only the Parquet files need the run id (it is
	// in every row), which hold their encoded row groups until it is known (part.run). The
	// hash's errors and the ledger's plan's come first, as when they were checked before the
	// close.
	id := &identity{done: make(chan struct{}), punchBytes: sizes[0].Bytes}
	go func() {
		defer close(id.done)
		id.inputs, id.runID, id.err = identify(&cfg, extra)
		if id.err == nil && led != nil {
			id.runID, id.err = led.plan(&cfg, id.runID)
		}
	}()
	mode := modeSorted
	if cfg.OnCall != "" || cfg.Balances != "" || cfg.Separations != "" || cfg.Rates != "" {
		mode = modeGrouped // a second punch file, a balances, separations or rates file needs the roster in memory
	}
	return runIdentified(ctx, &cfg, led, id, mode)
}

// identity is the run's inputs (hashed) and run id, worked out (identify, the ledger's plan, the
// disk check) while the close starts; done is closed when they are known or err is set.
type identity struct {
	done   chan struct{}
	inputs []emit.Input
	runID  string
	err    error
	// punchBytes is the size of the punch export, known before it is hashed: the number of
	// the writer's parts depends on it (partsFor).
	punchBytes int64
}

// wait waits for the identity and returns its error.
func (id *identity) wait() error {
	<-id.done
	return id.err
}

// errIdentity stops a close whose identity failed (the identity's error is returned instead).
var errIdentity = errors.New("the run's inputs could not be identified")

// runModes closes in mode, under the run id of inputs already hashed.
func runModes(ctx context.Context, cfg *Config, led *ledger, inputs []emit.Input, runID string, mode mode) (*Result, error) {
	id := &identity{done: make(chan struct{}), inputs: inputs, runID: runID, punchBytes: inputs[0].Bytes}
	close(id.done)
	return runIdentified(ctx, cfg, led, id, mode)
}

// runIdentified closes in mode, falling back to the next mode when the input's order does not
// allow it. An error of the identity wins over the close's.
func runIdentified(ctx context.Context, cfg *Config, led *ledger, id *identity, mode mode) (*Result, error) {
	res, err := runOnce(ctx, cfg, led, id, mode)
	defer func() {
		if res != nil {
			res.Mode = mode.String()
		}
	}()
	if errors.Is(err, errUnsorted) && mode == modeSorted {
		// Normal for inputs in another order; costs a copy of them on disk (partitioned.go).
		cfg.Log.Info("inputs are not all sorted by employee id; closing them partition by partition")
		mode = modePartitioned
		res, err = runOnce(ctx, cfg, led, id, mode)
	}
	if errors.Is(err, errUnsorted) && mode == modeGrouped {
		// Correct but costlier: every punch row is held in memory (or spilled to partitions when
		// large), employees closed in roster order.
		cfg.Log.Warn("punch export is not grouped by employee in roster order; re-reading it into memory", "file", cfg.Punches)
		mode = modeMemory
		res, err = runOnce(ctx, cfg, led, id, mode)
	}
	// The fallbacks above do not wait for the identity: the inputs are still being hashed when a
	// sorted close finds a row out of order (within its first rows for a shuffled export), and
	// waiting here left a core idle for ~1.4 s of a 1M close.
	if err != nil {
		if ierr := id.wait(); ierr != nil {
			return nil, ierr
		}
	}
	return res, err
}

// mode is how much of the input a close holds in memory; each falls back to the next when the
// input's order does not allow it.
type mode int

const (
	modeSorted  mode = iota // roster, schedule and punches streamed side by side (stream.go)
	modeGrouped             // roster and schedule in memory, punches streamed employee by employee
	modeMemory              // everything in memory: the punch export is not grouped by employee
	// Inputs in any order, spilled to partitions by roster position and closed one partition at a
	// time (partitioned.go); a close that needs the roster in memory (an on-call file, balances,
	// separations) runs modeGrouped, then modeMemory, instead.
	modePartitioned
)

func (m mode) String() string {
	return [...]string{"sorted streams", "roster and schedule in memory", "all input in memory", "partitioned by roster position"}[m]
}

// inputFiles are the close's input files, the punch export first, by name and path.
func inputFiles(cfg *Config) []emit.Input {
	list := []emit.Input{{Name: "punches", Path: cfg.Punches}, {Name: "roster", Path: cfg.Roster}, {Name: "schedule", Path: cfg.Schedule}}
	for _, x := range []emit.Input{{Name: "oncall", Path: cfg.OnCall}, {Name: "balances", Path: cfg.Balances},
		{Name: "approvals", Path: cfg.Approvals}, {Name: "separations", Path: cfg.Separations}, {Name: "rates", Path: cfg.Rates}} {
		if x.Path != "" {
			list = append(list, x)
		}
	}
	return list
}

// inputSizes are the input files (and extra, already hashed) with their sizes, before they are
// hashed (identify): what the disk check and the writer's parts need. A file that cannot be
// read counts 0: identify and the readers say what is wrong with it.
func inputSizes(cfg *Config, extra []emit.Input) []emit.Input {
	list := inputFiles(cfg)
	for i := range list {
		if st, err := os.Stat(list[i].Path); err == nil {
			list[i].Bytes = st.Size()
		}
	}
	return append(list, extra...)
}

// identify hashes the inputs and derives the run id from them and the settings that change output.
// extra are inputs already hashed (the verified accrual files the opening balances come from).
func identify(cfg *Config, extra []emit.Input) ([]emit.Input, string, error) {
	list := inputFiles(cfg)
	h := sha256.New()
	fmt.Fprintf(h, "payclose %s week=%s weeks=%d shard=%d/%d\n", cfg.Version, cfg.Week, cfg.Weeks, cfg.Shard, cfg.Shards)
	// The files are hashed side by side, in a pass of their own: the ledger's plan compares the
	// run id with the weeks already closed, and a close refused by it should stop early, so the
	// pass does not ride on the readers (which may read an input more than once, or out of
	// order); but it need not take one core for the sum of the files.
	inputs := make([]emit.Input, len(list))
	errs := make([]error, len(list))
	var g errgroup.Group
	for k, x := range list {
		g.Go(func() error {
			inputs[k], errs[k] = hashFile(cfg.ctx, x.Name, x.Path)
			return nil
		})
	}
	g.Wait()
	for _, err := range errs { // the first file's error, as a pass in order would report it
		if err != nil {
			return nil, "", err
		}
	}
	for _, i := range inputs {
		fmt.Fprintf(h, "%s %s\n", i.Name, i.SHA256)
	}
	for _, x := range extra {
		fmt.Fprintf(h, "%s %s\n", x.Name, x.SHA256)
		inputs = append(inputs, x)
	}
	// The numbers the rules used: a run with other profiles is another run.
	files, size := cfg.Registry.Size()
	fmt.Fprintf(h, "profiles %s\n", cfg.Registry.Hash())
	inputs = append(inputs, emit.Input{Name: "profiles", Path: cfg.Registry.Source(), SHA256: cfg.Registry.Hash(), Bytes: size, Rows: int64(files)})
	return inputs, hex.EncodeToString(h.Sum(nil))[:16], nil
}

func runOnce(ctx context.Context, cfg *Config, led *ledger, id *identity, mode mode) (_ *Result, runErr error) {
	rej := &rejectSink{}
	if cfg.Validate {
		rej.dir = cfg.Out // like its exceptions
	}
	defer func() {
		if !cfg.Validate || runErr != nil {
			rej.remove() // a validate's stay for its Result's Rejects.Each, until Close
		}
	}()
	var ref *reference
	var err error
	stats := map[string]*ingest.Stats{}
	weeks := newWeekRows(cfg)
	if mode == modeSorted || mode == modePartitioned {
		// No roster in memory: only the opening balances of a previous run, if any.
		ref = &reference{}
		if ref.accruals, err = loadAccruals(cfg, ref, rej); err != nil {
			return nil, err
		}
		if mode == modeSorted {
			startStage(cfg.Progress, "close", 0)
		} // a partitioned close starts the stage once it has read the roster
	} else {
		var rstats, sstats ingest.Stats
		if ref, rstats, sstats, err = loadReference(cfg, rej); err != nil {
			return nil, err
		}
		stats["roster"], stats["schedule"] = &rstats, &sstats
		startStage(cfg.Progress, "close", int64(len(ref.order)))
	}

	// The staging tree is made once the run's identity is known: a close stopped or failing while
	// it hashes its inputs has written nothing. The modes that spill rows as they read (the
	// fallbacks, which start as soon as a sorted close finds a row out of order, the inputs often
	// still being hashed) make it at their start, and remove it if the identity then fails.
	var stage *emit.Staging
	defer func() {
		if stage != nil {
			stage.Abort() // no-op after Commit
		}
	}()
	w := newWriter(cfg, rej)
	defer w.abort()
	openStage := func() error {
		if cfg.Validate || stage != nil {
			return nil
		}
		var err error
		if stage, err = emit.NewStaging(led.dir); err != nil {
			return err
		}
		w.setStage(stage)
		rej.setDir(stage.Dir())
		return nil
	}
	select {
	case <-id.done:
		if id.err != nil {
			return nil, errIdentity
		}
		if err := openStage(); err != nil {
			return nil, err
		}
	default:
		if mode != modeSorted {
			if err := openStage(); err != nil {
				return nil, err
			}
		}
	}

	// The parts encode the week as it comes and hold their row groups until the run id is known;
	// their files are made then, in the staging tree (consume).
	if !cfg.Validate {
		if err := w.open(partsFor(id.punchBytes)); err != nil {
			return nil, err
		}
	}

	g, gctx := errgroup.WithContext(ctx)
	jobs := make(chan *batch, cfg.Workers*2)
	done := make(chan *batch, cfg.Workers*2)
	var pstats []ingest.Stats
	var held int64 // rows of the whole export read into memory, or of its largest partition

	var ss streamStats
	spillDir := w.spillDir // the staging tree's when the identity was known (the modes that spill as they read)
	g.Go(func() error {
		if mode == modeSorted {
			err := readSorted(gctx, cfg, rej, jobs, &ss, weeks)
			pstats = ss.punches
			return err
		}
		if mode == modePartitioned {
			defer close(jobs)
			err := readPartitioned(gctx, cfg, rej, jobs, &ss, weeks, &held, spillDir)
			pstats = ss.punches
			return err
		}
		defer close(jobs)
		var err error
		pstats, err = readPunches(gctx, cfg, ref, rej, jobs, mode == modeGrouped, weeks, &held, spillDir)
		return err
	})
	wg, wctx := errgroup.WithContext(gctx)
	for i := 0; i < cfg.Workers; i++ {
		wk := newWorker(cfg, ref)
		wg.Go(func() error {
			for b := range jobs {
				wk.run(b)
				select {
				case done <- b:
				case <-wctx.Done():
					return wctx.Err()
				}
			}
			return nil
		})
	}
	g.Go(func() error {
		err := wg.Wait()
		close(done)
		return err
	})
	for _, pt := range w.parts {
		g.Go(func() error { return pt.run(gctx, w.staged, id) })
	}
	g.Go(func() error {
		err := w.consume(gctx, done, id, func() error {
			if err := openStage(); err != nil {
				return err
			}
			return w.stageParts()
		})
		for _, pt := range w.parts {
			close(pt.ch)
		}
		return err
	})
	if err := g.Wait(); err != nil {
		return nil, err
	}
	if err := id.wait(); err != nil {
		return nil, err
	}
	w.runID = id.runID
	inputs := id.inputs
	if mode == modeSorted || mode == modePartitioned {
		stats["roster"], stats["schedule"] = &ss.roster, &ss.schedule
	}
	for i := range pstats {
		stats[[]string{"punches", "oncall"}[i]] = &pstats[i]
	}
	if ref.accruals != nil && ref.accruals.balances != nil {
		stats["balances"] = ref.accruals.balances
	}
	if ref.accruals != nil && ref.accruals.sepStats != nil {
		stats["separations"] = ref.accruals.sepStats
	}
	if ref.rateStats != nil {
		stats["rates"] = ref.rateStats
	}
	res, err := w.finish(cfg, led, inputs, pstats, stats, weeks, rej, stage)
	if res != nil {
		res.PunchRowsHeld = w.batchRows
		if mode == modeMemory || mode == modePartitioned {
			res.PunchRowsHeld = held
		}
	}
	return res, err
}

// readPunches streams the punch export (and the on-call file) into batches of whole employees.
// Employees of other shards are skipped. When streaming, an employee appearing again after their
// group closed aborts the pass (errUnsorted); otherwise the whole file is grouped in memory first.
func readPunches(ctx context.Context, cfg *Config, ref *reference, rej *rejectSink, jobs chan<- *batch, streaming bool, weeks *weekRows, held *int64, spillDir string) ([]ingest.Stats, error) {
	seq := 0
	cur := getBatch(seq)
	send := func() error {
		if len(cur.groups) == 0 {
			return nil
		}
		select {
		case jobs <- cur:
		case <-ctx.Done():
			return ctx.Err()
		}
		seq++
		cur = getBatch(seq)
		return nil
	}
	// Roster employees carry a "met" flag; the rare id not on the roster goes in a map. A stream
	// must also meet the roster's employees in roster order: an export grouped in another order
	// (by name, by department) would otherwise pay the same lines in another order than the
	// sorted export, so it is closed from memory in roster order instead (modeMemory).
	unknown := map[string]struct{}{}
	last := int32(-1)
	meet := func(id string) (again bool) {
		if e := ref.byID[id]; e != nil {
			again, e.seen = e.seen, true
			if e.idx < last {
				return true
			}
			last = e.idx
			return again
		}
		_, again = unknown[id]
		unknown[id] = struct{}{}
		return again
	}
	open := ""
	var sendErr error
	emitRow := func(p *model.Punch) {
		if sendErr != nil || ShardOf(p.Employee, cfg.Shards) != cfg.Shard {
			return
		}
		if p.Employee != open {
			if open != "" {
				cur.groups[len(cur.groups)-1].hi = len(cur.punches)
				if len(cur.groups) >= batchEmployees {
					sendErr = send()
				}
			}
			if meet(p.Employee) {
				sendErr = errUnsorted
				return
			}
			open = p.Employee
			cur.groups = append(cur.groups, group{emp: p.Employee, lo: len(cur.punches), ei: -1})
		}
		cur.punches = append(cur.punches, *p)
	}
	var all []model.Punch
	var parts *partitions // see partition.go
	nparts := 0
	if !streaming {
		emitRow = func(p *model.Punch) {
			if ShardOf(p.Employee, cfg.Shards) == cfg.Shard {
				all = append(all, *p)
			}
		}
		var size int64
		for _, path := range []string{cfg.Punches, cfg.OnCall} {
			if fi, err := os.Stat(path); path != "" && err == nil {
				size += fi.Size()
			}
		}
		if nparts = partitionsFor(size); nparts > 1 && len(ref.order) > 0 {
			var err error
			if parts, err = newPartitions(spillDir, nparts+1); err != nil {
				return nil, err
			}
			defer parts.remove()
			emitRow = func(p *model.Punch) {
				if ShardOf(p.Employee, cfg.Shards) != cfg.Shard {
					return
				}
				k, pos := nparts, int32(-1) // ids not on the roster
				if e := ref.byID[p.Employee]; e != nil {
					k, pos = int(int64(e.idx)*int64(nparts)/int64(len(ref.order))), e.idx
				}
				parts.add(k, p, pos)
			}
		}
	}
	shardReject := shardRejects(cfg, rej)
	var stats []ingest.Stats
	for _, path := range []string{cfg.Punches, cfg.OnCall} {
		if path == "" {
			continue
		}
		f, err := openInput(ctx, path)
		if err != nil {
			return stats, fmt.Errorf("punches: %w", err)
		}
		emit := func(p *model.Punch) { weeks.add(p.EventDate); emitRow(p) }
		if path != cfg.Punches {
			emit = func(p *model.Punch) { p.OnCallFile = true; emitRow(p) }
		}
		st, err := ingest.ReadPunches(stopReader{&progressReader{r: f, p: cfg.Progress}, &sendErr}, path, emit, shardReject)
		f.Close()
		stats = append(stats, st)
		if sendErr != nil {
			return stats, sendErr
		}
		if err != nil {
			return stats, err
		}
	}
	if !streaming {
		// Close the employees in roster order, as the sorted streams do (their roster is in id
		// order), so that the order of the export's rows changes nothing in the output; ids that
		// are not on the roster follow, in order of first appearance, then (below) the employees
		// with no punch rows.
		add := func(id string, rows []model.Punch) error {
			cur.groups = append(cur.groups, group{emp: id, lo: len(cur.punches), ei: -1})
			cur.punches = append(cur.punches, rows...)
			cur.groups[len(cur.groups)-1].hi = len(cur.punches)
			if len(cur.groups) >= batchEmployees {
				return send()
			}
			return nil
		}
		var mine []*employee
		closeRows := func(all []model.Punch) error {
			groupByEmployee(all)
			*held = max(*held, int64(len(all)))
			var strays []group
			mine = mine[:0]
			for i := 0; i < len(all); {
				j := i
				for j < len(all) && all[j].Employee == all[i].Employee {
					j++
				}
				if e := ref.byID[all[i].Employee]; e != nil {
					e.lo, e.hi, e.seen = int32(i), int32(j), true
					mine = append(mine, e)
				} else {
					strays = append(strays, group{emp: all[i].Employee, lo: i, hi: j})
				}
				i = j
			}
			slices.SortFunc(mine, func(a, b *employee) int { return int(a.idx - b.idx) })
			for _, e := range mine {
				if err := add(e.emp.ID, all[e.lo:e.hi]); err != nil {
					return err
				}
			}
			for _, g := range strays {
				if err := add(g.emp, all[g.lo:g.hi]); err != nil {
					return err
				}
			}
			return nil
		}
		if parts == nil {
			if err := closeRows(all); err != nil {
				return stats, err
			}
		} else {
			if err := parts.flush(); err != nil {
				return stats, err
			}
			for k := range parts.files {
				var err error
				if all, err = parts.read(k, all, ref.idOf); err != nil {
					return stats, err
				}
				if err := closeRows(all); err != nil {
					return stats, err
				}
			}
		}
	}
	if open != "" {
		cur.groups[len(cur.groups)-1].hi = len(cur.punches)
	}
	// Roster employees with no punch rows are still closed: salaried pay, holiday benefit and
	// accruals do not need a punch.
	if err := send(); err != nil {
		return stats, err
	}
	for _, e := range ref.order {
		if e.seen {
			continue
		}
		cur.groups = append(cur.groups, group{emp: e.emp.ID, ei: -1})
		if len(cur.groups) >= batchEmployees {
			if err := send(); err != nil {
				return stats, err
			}
		}
	}
	return stats, send()
}

// worker assembles and calculates batches; it owns scratch memory reused across employees.
type worker struct {
	cfg      *Config
	ref      *reference
	builder  assemble.Builder
	weeks    []model.Week
	calcs    map[rules.Family]rules.Calc
	profiles profileCache
	res      model.Result
	in       assemble.Input
	sched    []model.Scheduled
	accrue   accruer
	rateRows []model.RatePeriod // the employee's usable rates.csv rows (worker.rates)
	split    model.Result       // scratch for a week calculated under a second profile version
}

func newWorker(cfg *Config, ref *reference) *worker {
	return &worker{cfg: cfg, ref: ref, weeks: make([]model.Week, cfg.Weeks), calcs: map[rules.Family]rules.Calc{},
		profiles: profileCache{reg: cfg.Registry}, accrue: ref.accruals.newAccruer()}
}

func (wk *worker) run(b *batch) {
	for _, g := range b.groups {
		if g.ei >= 0 {
			wk.pay(b, &b.emps[g.ei], b.shifts[g.slo:g.shi], b.punches[g.lo:g.hi])
		} else {
			wk.employee(b, g.emp, b.punches[g.lo:g.hi])
		}
	}
}

// employee closes an employee found by id in the in-memory roster (or rejects the rows of an id
// that is not on it).
func (wk *worker) employee(b *batch, id string, punches []model.Punch) {
	e := wk.ref.byID[id]
	if e == nil {
		rejectUnknown(b, wk.cfg, id, punches)
		return
	}
	wk.sched = scheduled(wk.sched, id, e.sched)
	wk.pay(b, e, wk.sched, punches)
}

// afterSeparation rejects and removes the rows of week w dated after the employee's separation
// date: time after the employment ended is not paid by the close (it needs a rehire). An on-call
// period carries no hours (it is not time worked).
func afterSeparation(b *batch, w *model.Week, sepDate calendars.Date, file string) {
	spans := w.Spans[:0]
	for i := range w.Spans {
		sp := w.Spans[i]
		if sp.Workday <= sepDate {
			spans = append(spans, sp)
			continue
		}
		var secs int64
		if sp.Kind == model.SpanWorked || sp.Rule&model.RuleRestricted != 0 {
			secs = sp.End - sp.Start
		}
		b.rejects = append(b.rejects, model.Reject{File: file, Line: sp.Line, Column: "EVENTDATE", Value: sp.Workday.String(), Reason: "AFTER_SEPARATION",
			Detail: "expected work on or before the separation date in separations.csv", Employee: w.Emp.ID, Seconds: secs})
		b.tally.inRejected += secs
	}
	w.Spans = spans
	abs := w.Absences[:0]
	for i := range w.Absences {
		a := w.Absences[i]
		if a.Date <= sepDate {
			abs = append(abs, a)
			continue
		}
		b.rejects = append(b.rejects, model.Reject{File: file, Line: a.Line, Column: "EVENTDATE", Value: a.Date.String(), Reason: "AFTER_SEPARATION",
			Detail: "expected time off on or before the separation date in separations.csv", Employee: w.Emp.ID, Seconds: a.Seconds})
		b.tally.inRejected += a.Seconds
	}
	w.Absences = abs
}

// rejectUnknown rejects the punch rows of an employee who is not on the roster (or whose roster
// row was rejected), each with the hours it carried.
func rejectUnknown(b *batch, cfg *Config, id string, punches []model.Punch) {
	for i := range punches {
		p := &punches[i]
		file := cfg.Punches
		if p.OnCallFile {
			file = cfg.OnCall
		}
		secs := p.Seconds
		if p.HasIn && p.HasOut {
			secs = p.Out - p.In
		}
		b.rejects = append(b.rejects, model.Reject{File: file, Line: p.Line, Column: "PERSONNUM", Value: id, Reason: "UNKNOWN_EMPLOYEE",
			Detail: "expected an employee on the roster (or whose roster row was accepted)", Employee: id, Seconds: secs})
	}
}

// pay assembles, calculates and accrues one employee's weeks into the batch.
func (wk *worker) pay(b *batch, e *employee, sched []model.Scheduled, punches []model.Punch) {
	reject := func(r model.Reject) {
		b.rejects = append(b.rejects, r)
		b.tally.inRejected += r.Seconds
	}
	rs, err := wk.profiles.get(e.emp.RuleSet, wk.cfg.Week)
	if err != nil {
		return // the roster row was rejected when it was resolved
	}
	wk.in = assemble.Input{Emp: &e.emp, Profile: rs, Zone: e.zone, Punches: punches, Schedule: sched, File: wk.cfg.Punches, OnCallFile: wk.cfg.OnCall, ScheduleFile: wk.cfg.Schedule,
		MaxRowSeconds: int64(limitsFor(wk.cfg, rs).MaxRowHours), Rates: wk.rates(b, e, rs)}
	wk.builder.Build(&wk.in, wk.cfg.Week, wk.weeks, reject)
	wk.accrue.history(&e.emp, wk.in.Rates)
	calc := wk.calcs[e.family]
	if calc == nil {
		calc = e.family.NewCalc()
		wk.calcs[e.family] = calc
	}
	for k := range wk.weeks {
		w := &wk.weeks[k]
		rsw, err := wk.profiles.get(e.emp.RuleSet, w.Start)
		if err != nil {
			continue
		}
		sep := wk.accrue.separation(&e.emp)
		if sep != nil && sep.Date < w.Start.AddDays(6) {
			afterSeparation(b, w, sep.Date, wk.cfg.Punches)
		}
		wk.accrue.before(w.Emp, w)
		if (sep != nil && sep.Date < w.Start) || (sep == nil && len(w.Spans)+len(w.Absences) == 0 && wk.accrue.severanceOwed()) {
			// The employment ended before this week (separations.csv says so, or severance is
			// still owed and the employee has no rows: no new input is needed to keep paying it):
			// no pay but the severance the accrual stage draws.
			wk.res.Reset()
			b.tally.employeeWeeks++
			wk.accrue.week(w.Emp, rsw, w, &wk.res, &b.accruals, &b.exceptions)
			b.lines = append(b.lines, wk.res.Lines...)
			b.exceptions = append(b.exceptions, wk.res.Exceptions...)
			continue
		}
		var worked, absent int64
		for i := range w.Spans {
			if sp := &w.Spans[i]; sp.Kind == model.SpanWorked || sp.Rule&model.RuleRestricted != 0 {
				worked += w.Spans[i].End - w.Spans[i].Start
			} else {
				// On-call standby: in the input, not worked time (reported apart, as rejected
				// on-call rows are counted in the input too).
				b.tally.inStandby += sp.RawEnd - sp.RawStart
			}
		}
		for i := range w.Absences {
			absent += w.Absences[i].Seconds
		}
		b.tally.rowsAccepted += int64(len(w.Spans) + len(w.Absences))
		b.tally.inWorked += worked
		b.tally.inAbsence += absent
		wk.res.Reset()
		if sep != nil && sep.Date <= w.Start.AddDays(6) {
			w.Separation = sep // the family pays the week up to the separation date
		}
		if days, split := wk.profiles.days(e.emp.RuleSet, w.Start); split {
			wk.calculateSplit(calc, w, days)
		} else {
			calc.Calculate(w, rsw, &wk.res)
		}
		b.tally.employeeWeeks++
		if wk.res.Regular+wk.res.Overtime != wk.res.Worked {
			b.tally.mismatches++
		}
		b.tally.paidWorked += wk.res.Regular + wk.res.Overtime
		b.tally.paidAbsence += wk.res.Absent
		b.tally.deducted += wk.res.Deducted
		b.tally.added += wk.res.Added
		wk.accrue.week(w.Emp, rsw, w, &wk.res, &b.accruals, &b.exceptions)
		b.lines = append(b.lines, wk.res.Lines...)
		b.exceptions = append(b.exceptions, wk.res.Exceptions...)
		checkGross(wk.cfg, rsw, &e.emp, w.Start, wk.res.Lines, &b.exceptions)
	}
	if rc, ok := calc.(rules.RunChecker); ok && len(wk.weeks) > 1 {
		rc.CheckRun(wk.weeks, &b.exceptions)
	}
	b.tally.employees++
}

// calculateSplit calculates a week across which the rule set's profile changes (a dated parameter
// in force from a day inside it): the week is calculated whole under each version in force, and
// each line and exception is kept from the version in force on its work date, so every day is paid
// under its own numbers. The week's totals (hours worked, regular, overtime, banked) are the first
// version's: a profile change moves rates, not the hours a week is made of.
func (wk *worker) calculateSplit(calc rules.Calc, w *model.Week, days [7]*rates.RuleSet) {
	on := func(d calendars.Date) *rates.RuleSet { return days[min(max(int(d-w.Start), 0), 6)] }
	calc.Calculate(w, days[0], &wk.res)
	keepLines, keepExc := wk.res.Lines[:0], wk.res.Exceptions[:0]
	for _, l := range wk.res.Lines {
		if on(l.WorkDate) == days[0] {
			keepLines = append(keepLines, l)
		}
	}
	for _, x := range wk.res.Exceptions {
		if on(x.Date) == days[0] {
			keepExc = append(keepExc, x)
		}
	}
	wk.res.Lines, wk.res.Exceptions = keepLines, keepExc
	for d := 1; d < 7; d++ {
		v := days[d]
		if v == days[d-1] {
			continue
		}
		wk.split.Reset()
		calc.Calculate(w, v, &wk.split)
		for _, l := range wk.split.Lines {
			if on(l.WorkDate) == v {
				wk.res.Lines = append(wk.res.Lines, l)
			}
		}
		for _, x := range wk.split.Exceptions {
			if on(x.Date) == v {
				wk.res.Exceptions = append(wk.res.Exceptions, x)
			}
		}
	}
	rules.SortLines(wk.res.Lines)
}

// consume receives batches from the workers, puts them back in input order, and writes them,
// until the last batch is written and the run's identity is known: then it calls identified (a
// failed identity stops it at once).
func (w *writer) consume(ctx context.Context, done <-chan *batch, id *identity, identified func() error) error {
	pending := map[int]*batch{}
	next := 0
	w.id, w.idDone, w.identified = id, id.done, identified
	for done != nil || w.idDone != nil {
		select {
		case <-w.idDone:
			if err := w.onIdentity(); err != nil {
				return err
			}
		case b, ok := <-done:
			if !ok {
				done = nil
				continue
			}
			pending[b.seq] = b
		case <-ctx.Done():
			return ctx.Err()
		}
		for {
			nb, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			if w.cfg.Progress != nil {
				w.cfg.Progress.EmployeesDone(int64(len(nb.groups)))
			}
			if err := w.write(ctx, nb); err != nil {
				return err
			}
			next++
		}
	}
	if len(pending) != 0 {
		return fmt.Errorf("internal: %d batches never completed", len(pending))
	}
	return nil
}

// onIdentity is called by consume, or by write while it waits for a part, when the identity is
// known.
func (w *writer) onIdentity() error {
	w.idDone = nil
	if w.id.err != nil {
		return errIdentity
	}
	return w.identified()
}

func pad5(n int) string {
	s := strconv.Itoa(n)
	for len(s) < 5 {
		s = "0" + s
	}
	return s
}

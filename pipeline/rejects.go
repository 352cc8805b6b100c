package pipeline

import (
	"errors"
	"fmt"
	"sync"

	"github.com/payclose/payclose/stages/emit"
	"github.com/payclose/payclose/stages/handoff"
	"github.com/payclose/payclose/stages/model"
	"github.com/payclose/payclose/stages/spill"
)

// spillRejects is how many rejects the close holds before it sorts them and writes them to a run
// file: a generated week rejects about one row in 200, 411k rows at 10M employee-weeks, which held
// whole grew the close's live heap by ~120 MB. 64k of them are about 10 MB. A variable so a test
// can make a small close spill.
var spillRejects = 1 << 16

// rejectExamples is how many rejects of each reason the close keeps in memory for the summary,
// the first in the order of rejects.csv (rejects.csv has them all).
const rejectExamples = 3

// Rejects are a close's rejected input rows: counted, with the first few kept in memory in the
// order of rejects.csv (emit.SortRejects), which has them all.
type Rejects struct {
	Count    int64
	ByReason map[string]int64
	// First are the first rows of rejects.csv, as many as the hand-off report shows: all of them
	// when len(First) == Count.
	First []model.Reject
	// Examples are the first few rows of each reason (rejectExamples), in the order of rejects.csv.
	Examples map[string][]model.Reject

	sink *rejectSink // to read them all again (Each) while it still has them
}

// Each calls fn with every reject in the order of rejects.csv. A close that kept its rejects on
// disk has removed them once it returns (their record is rejects.csv): Each then fails, unless the
// close was a validate, whose rejects stay until Close.
func (r *Rejects) Each(fn func(*model.Reject) error) error {
	if r.sink == nil {
		if r.Count > int64(len(r.First)) {
			return errRejectsGone
		}
		for i := range r.First {
			if err := fn(&r.First[i]); err != nil {
				return err
			}
		}
		return nil
	}
	return r.sink.each(fn)
}

var errRejectsGone = errors.New("the close's rejects are no longer held; rejects.csv has them")

// Close removes the rejects kept on disk for Each (a validate's), if any.
func (r *Rejects) Close() {
	if r != nil && r.sink != nil {
		r.sink.remove()
		r.sink = nil
	}
}

// rejectSink collects rejects from every stage. Beyond spillRejects it sorts those held and writes
// them as a sorted run of a spill.Sorter under dir (the run's staging directory, or --out for
// validate); until dir is known (the staging directory is made once the run's identity is) it
// holds them.
type rejectSink struct {
	mu   sync.Mutex
	rows []model.Reject
	// keep, when set, picks the rejects held (explain: one employee's); the others are dropped.
	keep    func(*model.Reject) bool
	dir     string
	runs    spill.Sorter
	n       int64 // rejects written to runs
	held    int64 // the most held at once
	err     error // the first failed spill
	sorted  bool
	removed bool // the runs are deleted
}

func (r *rejectSink) add(x model.Reject) {
	r.mu.Lock()
	r.addLocked(&x)
	r.mu.Unlock()
}

// addAll adds a batch's rejects under one lock.
func (r *rejectSink) addAll(xs []model.Reject) {
	if len(xs) == 0 {
		return
	}
	r.mu.Lock()
	for i := range xs {
		r.addLocked(&xs[i])
	}
	r.mu.Unlock()
}

func (r *rejectSink) addLocked(x *model.Reject) {
	if r.keep != nil && !r.keep(x) {
		return
	}
	r.rows = append(r.rows, *x)
	r.held = max(r.held, int64(len(r.rows)))
	if len(r.rows) >= spillRejects && r.dir != "" && r.err == nil {
		r.err = r.spillLocked()
	}
}

// setDir says where the runs go, and spills what is held beyond spillRejects.
func (r *rejectSink) setDir(dir string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.dir = dir
	if len(r.rows) >= spillRejects && r.err == nil {
		r.err = r.spillLocked()
	}
}

// spillLocked sorts the rejects held and writes them as one run.
func (r *rejectSink) spillLocked() error {
	r.runs.Parent, r.runs.Prefix = r.dir, ".spill-"
	rows := r.rows
	emit.SortRejects(rows)
	err := r.runs.WriteRun(len(rows), func(i int, k, v []byte) ([]byte, []byte) { return rejectRecord(k, &rows[i]), v })
	if err != nil {
		return fmt.Errorf("rejects: %w", err)
	}
	r.n += int64(len(rows))
	clear(rows) // drop the strings, keep the room
	r.rows = rows[:0]
	return nil
}

// rejectRecord is x as a key in the order of rejects.csv (emit.SortRejects: file, line, column,
// reason, value, detail, employee, seconds, unknown hours). Every field is in the key, so the merge of the runs
// is that order exactly, whatever order the rejects came in.
func rejectRecord(key []byte, x *model.Reject) []byte {
	key = spill.AppendString(key, x.File)
	key = spill.AppendInt(key, int64(x.Line))
	key = spill.AppendString(key, x.Column)
	key = spill.AppendString(key, x.Reason)
	key = spill.AppendString(key, x.Value)
	key = spill.AppendString(key, x.Detail)
	key = spill.AppendString(key, x.Employee)
	key = spill.AppendInt(key, x.Seconds)
	unknown := int64(0)
	if x.UnknownHours {
		unknown = 1
	}
	return spill.AppendInt(key, unknown)
}

// decodeReject reads a key of rejectRecord into x. Strings that repeat from row to row (the file,
// column, reason and often the detail) are kept from the previous row, x's, rather than allocated
// again.
func decodeReject(key []byte, x *model.Reject) error {
	f := spill.NewFields(key)
	f.String(&x.File)
	line := f.Int()
	f.String(&x.Column)
	f.String(&x.Reason)
	f.String(&x.Value)
	f.String(&x.Detail)
	f.String(&x.Employee)
	seconds := f.Int()
	unknown := f.Int()
	if !f.Done() {
		return fmt.Errorf("rejects spill: a damaged reject record")
	}
	x.Line, x.Seconds, x.UnknownHours = int32(line), seconds, unknown != 0
	return nil
}

// finish sorts what is held, or, when some went to disk, writes it as the last run; no add after.
func (r *rejectSink) finish() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.err != nil || r.sorted {
		return r.err
	}
	r.sorted = true
	if r.n == 0 {
		emit.SortRejects(r.rows)
		return nil
	}
	if len(r.rows) > 0 {
		r.err = r.spillLocked()
	}
	r.rows = nil
	return r.err
}

// each calls fn with every reject in the order of rejects.csv (after finish). The reject is fn's
// until it returns.
func (r *rejectSink) each(fn func(*model.Reject) error) error {
	if !r.sorted {
		return fmt.Errorf("internal: rejects read before they were sorted")
	}
	if r.removed && r.n > 0 {
		return errRejectsGone
	}
	if r.n == 0 {
		for i := range r.rows {
			if err := fn(&r.rows[i]); err != nil {
				return err
			}
		}
		return nil
	}
	var x model.Reject
	return r.runs.Each(func(key, _ []byte) error {
		if err := decodeReject(key, &x); err != nil {
			return err
		}
		return fn(&x)
	})
}

// remove deletes the runs on disk.
func (r *rejectSink) remove() {
	r.runs.Remove()
	r.removed = true
}

// rejectTally is what the close's checks need of all its rejects, counted in one pass in the
// order of rejects.csv.
type rejectTally struct {
	byFile  map[string]int64 // rejected rows by input file
	seconds map[string]int64 // the hours they carried (seconds), by input file
	unknown map[string]int64 // rows among them whose hours could not be read, by input file
	twice   string           // the first line rejected twice, if any
}

// summarize reads the rejects once, in order, for the checks (rejectTally) and what the summary
// and the report show (Rejects).
func (r *rejectSink) summarize() (*Rejects, *rejectTally, error) {
	if err := r.finish(); err != nil {
		return nil, nil, err
	}
	res := &Rejects{ByReason: map[string]int64{}, Examples: map[string][]model.Reject{}, sink: r}
	t := &rejectTally{byFile: map[string]int64{}, seconds: map[string]int64{}, unknown: map[string]int64{}}
	var prevFile string
	var prevLine int32
	err := r.each(func(x *model.Reject) error {
		res.Count++
		res.ByReason[x.Reason]++
		t.byFile[x.File]++
		t.seconds[x.File] += x.Seconds
		if x.UnknownHours {
			t.unknown[x.File]++
		}
		// In this order a line rejected twice comes twice in a row: it would be counted twice.
		if res.Count > 1 && x.File == prevFile && x.Line == prevLine && x.Line > 0 && t.twice == "" {
			t.twice = fmt.Sprintf("%s line %d", x.File, x.Line)
		}
		prevFile, prevLine = x.File, x.Line
		if len(res.First) < handoff.ReportRows {
			res.First = append(res.First, *x)
		}
		if ex := res.Examples[x.Reason]; len(ex) < rejectExamples {
			res.Examples[x.Reason] = append(ex, *x)
		}
		return nil
	})
	if err != nil {
		return nil, nil, err
	}
	return res, t, nil
}

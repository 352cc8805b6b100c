package pipeline

import (
	"fmt"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/stages/emit"
	"github.com/payclose/payclose/stages/model"
	"github.com/payclose/payclose/stages/spill"
)

// spillExceptions is how many exceptions the writer holds before it sorts them and writes them to
// a run file: a generated week raises about one exception per two employee-weeks, so holding them
// all would grow the close's memory with the week (about 100 MB at a million employee-weeks).
// 64k of them are about 9 MB; 1<<18 held 35 MB of a 3M close's ~280 MB live heap, and more runs
// cost the merge nothing measurable (10M employee-weeks: about 70 runs). A variable so a test can
// make a small close spill.
var spillExceptions = 1 << 16

// excRuns are the exceptions written to disk so far, as sorted runs of a spill.Sorter keyed in the
// order of exceptions.csv (exceptionRecord); exceptions.csv is their merge.
type excRuns struct {
	s spill.Sorter
	n int64
}

// spill sorts es and writes them as one run under a fresh directory inside parent.
func (r *excRuns) spill(parent string, es []model.Exception) error {
	r.s.Parent, r.s.Prefix = parent, ".spill-"
	emit.SortExceptions(es)
	err := r.s.WriteRun(len(es), func(i int, k, v []byte) ([]byte, []byte) { return exceptionRecord(k, v, &es[i]) })
	if err != nil {
		return fmt.Errorf("exceptions: %w", err)
	}
	r.n += int64(len(es))
	return nil
}

func (r *excRuns) remove() { r.s.Remove() }

// exceptionRecord is e as a record: the key is the order of exceptions.csv (emit.SortExceptions:
// employee, date, code, rule id, file, line, detail), the value the rest.
func exceptionRecord(key, val []byte, e *model.Exception) ([]byte, []byte) {
	key = spill.AppendString(key, e.Employee)
	key = spill.AppendInt(key, int64(e.Date))
	key = spill.AppendString(key, e.Code)
	key = spill.AppendString(key, e.RuleID)
	key = spill.AppendString(key, e.File)
	key = spill.AppendInt(key, int64(e.Line))
	key = spill.AppendString(key, e.Detail)
	return key, spill.AppendString(spill.AppendString(val, e.Status), e.Decision)
}

// decodeException reads a record of exceptionRecord into e. Strings that repeat from row to row
// (the code, rule id, file and detail) are kept from the previous row, e's, rather than allocated
// again.
func decodeException(key, val []byte, e *model.Exception) error {
	k, v := spill.NewFields(key), spill.NewFields(val)
	k.String(&e.Employee)
	date := k.Int()
	k.String(&e.Code)
	k.String(&e.RuleID)
	k.String(&e.File)
	line := k.Int()
	k.String(&e.Detail)
	v.String(&e.Status)
	v.String(&e.Decision)
	if !k.Done() || !v.Done() {
		return fmt.Errorf("exceptions spill: a damaged exception record")
	}
	e.Date, e.Line = calendars.Date(date), int32(line)
	return nil
}

// each calls fn with every spilled exception in the order of exceptions.csv. The exception is
// fn's to modify (approvals) until fn returns.
func (r *excRuns) each(fn func(*model.Exception) error) error {
	var e model.Exception
	return r.s.Each(func(key, val []byte) error {
		if err := decodeException(key, val, &e); err != nil {
			return err
		}
		return fn(&e)
	})
}

// sampleExceptions keeps the first few exceptions of each code, in exceptions.csv order, for the
// summary of a close whose exceptions are on disk.
const sampleExceptions = 3

func keepSample(sample []model.Exception, per map[string]int, e *model.Exception) []model.Exception {
	if per[e.Code] >= sampleExceptions || e.Status != "" && e.Status != model.StatusOpen {
		return sample
	}
	per[e.Code]++
	return append(sample, *e)
}

package pipeline

import (
	"bufio"
	"container/heap"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/stages/emit"
	"github.com/payclose/payclose/stages/model"
)

// spillExceptions is how many exceptions the writer holds before it sorts them and writes them to
// a run file: a generated week raises about one exception per two employee-weeks, so holding them
// all would grow the close's memory with the week (about 100 MB at a million employee-weeks).
// 64k of them are about 9 MB; 1<<18 held 35 MB of a 3M close's ~280 MB live heap, and more runs
// cost the merge nothing measurable (10M employee-weeks: about 70 runs). A variable so a test can
// make a small close spill.
var spillExceptions = 1 << 16

// excRuns are the exceptions written to disk so far, as sorted runs; exceptions.csv is their merge.
type excRuns struct {
	dir   string // created on the first spill
	files []string
	n     int64
}

// spill sorts es and writes them as one run under dir (a fresh directory inside parent).
func (r *excRuns) spill(parent string, es []model.Exception) error {
	if r.dir == "" {
		if err := os.MkdirAll(parent, 0o755); err != nil {
			return err
		}
		d, err := os.MkdirTemp(parent, ".spill-")
		if err != nil {
			return fmt.Errorf("exceptions spill: %w", err)
		}
		r.dir = d
	}
	emit.SortExceptions(es)
	name := filepath.Join(r.dir, fmt.Sprintf("exceptions-%05d", len(r.files)))
	f, err := os.Create(name)
	if err != nil {
		return fmt.Errorf("exceptions spill: %w", err)
	}
	bw := bufio.NewWriterSize(f, 1<<16)
	var buf []byte
	for i := range es {
		buf = encodeException(buf[:0], &es[i])
		bw.Write(buf)
	}
	err = bw.Flush()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("exceptions spill: %w", err)
	}
	r.files = append(r.files, name)
	r.n += int64(len(es))
	return nil
}

func (r *excRuns) remove() {
	if r.dir != "" {
		os.RemoveAll(r.dir)
	}
}

func encodeException(b []byte, e *model.Exception) []byte {
	for _, s := range [...]string{e.Employee, e.Code, e.RuleID, e.Detail, e.File, e.Status, e.Decision} {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	b = binary.AppendVarint(b, int64(e.Date))
	return binary.AppendVarint(b, int64(e.Line))
}

// runReader reads one run back, an exception at a time. Strings that repeat from row to row (the
// code, rule id and file) are kept from the previous row rather than allocated again.
type runReader struct {
	r   *bufio.Reader
	f   *os.File
	cur model.Exception
	buf []byte
}

func (rr *runReader) str(prev string) (string, error) {
	n, err := binary.ReadUvarint(rr.r)
	if err != nil {
		return "", err
	}
	if cap(rr.buf) < int(n) {
		rr.buf = make([]byte, n)
	}
	rr.buf = rr.buf[:n]
	if _, err := io.ReadFull(rr.r, rr.buf); err != nil {
		return "", io.ErrUnexpectedEOF
	}
	if string(rr.buf) == prev {
		return prev, nil
	}
	return string(rr.buf), nil
}

// next reads the next exception into rr.cur; io.EOF at the end of the run.
func (rr *runReader) next() error {
	p := rr.cur
	var e model.Exception
	var err error
	for i, dst := range [...]*string{&e.Employee, &e.Code, &e.RuleID, &e.Detail, &e.File, &e.Status, &e.Decision} {
		prev := [...]string{p.Employee, p.Code, p.RuleID, p.Detail, p.File, p.Status, p.Decision}[i]
		if *dst, err = rr.str(prev); err != nil {
			if i == 0 && err == io.EOF {
				return io.EOF
			}
			return fmt.Errorf("exceptions spill: %w", err)
		}
	}
	d, err := binary.ReadVarint(rr.r)
	if err != nil {
		return fmt.Errorf("exceptions spill: %w", err)
	}
	l, err := binary.ReadVarint(rr.r)
	if err != nil {
		return fmt.Errorf("exceptions spill: %w", err)
	}
	e.Date, e.Line = calendars.Date(d), int32(l)
	rr.cur = e
	return nil
}

// runHeap orders the run readers by their current exception; equal exceptions come from the
// earlier run first, so the merge is the stable sort of the whole.
type runHeap struct {
	rs  []*runReader
	idx []int
}

func (h *runHeap) Len() int { return len(h.rs) }
func (h *runHeap) Less(i, j int) bool {
	if c := emit.CompareExceptions(&h.rs[i].cur, &h.rs[j].cur); c != 0 {
		return c < 0
	}
	return h.idx[i] < h.idx[j]
}
func (h *runHeap) Swap(i, j int) {
	h.rs[i], h.rs[j] = h.rs[j], h.rs[i]
	h.idx[i], h.idx[j] = h.idx[j], h.idx[i]
}
func (h *runHeap) Push(any) {}
func (h *runHeap) Pop() any {
	n := len(h.rs) - 1
	h.rs, h.idx = h.rs[:n], h.idx[:n]
	return nil
}

// each calls fn with every spilled exception in the order of exceptions.csv. The exception is
// fn's to modify (approvals) until fn returns.
func (r *excRuns) each(fn func(*model.Exception) error) error {
	h := &runHeap{}
	defer func() {
		for _, rr := range h.rs {
			rr.f.Close()
		}
	}()
	for i, name := range r.files {
		f, err := os.Open(name)
		if err != nil {
			return fmt.Errorf("exceptions spill: %w", err)
		}
		rr := &runReader{r: bufio.NewReaderSize(f, 1<<16), f: f}
		if err := rr.next(); err == io.EOF {
			f.Close()
			continue
		} else if err != nil {
			f.Close()
			return err
		}
		h.rs, h.idx = append(h.rs, rr), append(h.idx, i)
	}
	heap.Init(h)
	for h.Len() > 0 {
		rr := h.rs[0]
		if err := fn(&rr.cur); err != nil {
			return err
		}
		switch err := rr.next(); {
		case err == io.EOF:
			rr.f.Close()
			heap.Pop(h)
		case err != nil:
			return err
		default:
			heap.Fix(h, 0)
		}
	}
	return nil
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

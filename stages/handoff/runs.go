package handoff

import (
	"bufio"
	"bytes"
	"cmp"
	"container/heap"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
)

// runBytes is how many bytes of records a sortedRuns holds before it sorts them and writes them to
// a run file: a week's employees in brief are about 25 bytes each, so a million fit in one run and
// ten million make ten. A variable so a test can make a small week spill.
var runBytes = 16 << 20

// sortedRuns collects records (a key and a value) and gives them back sorted by key, records with
// equal keys in the order they were added. It holds at most runBytes of records in memory and
// writes the rest to sorted run files under dir, merged when read: the hand-off joins a week's
// employees with their accruals and with the week before by employee id this way, in memory that
// does not grow with the number of employees.
type sortedRuns struct {
	parent string // where the run directory is made ("" = the system's temporary directory)
	dir    string // made on the first spill
	buf    []byte
	recs   []recRef
	files  []string
	sorted bool
}

// recRef is a record in buf: the key at off, the value after it.
type recRef struct{ off, klen, vlen uint32 }

func (s *sortedRuns) key(r recRef) []byte { return s.buf[r.off : r.off+r.klen] }
func (s *sortedRuns) val(r recRef) []byte {
	return s.buf[r.off+r.klen : r.off+r.klen+r.vlen]
}

// add adds a record (key and val are copied).
func (s *sortedRuns) add(key, val []byte) error {
	if s.sorted {
		return fmt.Errorf("internal: record added to the hand-off's sorted runs after reading")
	}
	if len(s.recs) > 0 && len(s.buf)+len(key)+len(val) > runBytes {
		if err := s.spill(); err != nil {
			return err
		}
	}
	s.recs = append(s.recs, recRef{uint32(len(s.buf)), uint32(len(key)), uint32(len(val))})
	s.buf = append(append(s.buf, key...), val...)
	return nil
}

// sort orders the records in memory by key, then by the order they were added (their offset).
func (s *sortedRuns) sort() {
	slices.SortFunc(s.recs, func(a, b recRef) int {
		if c := bytes.Compare(s.key(a), s.key(b)); c != 0 {
			return c
		}
		return cmp.Compare(a.off, b.off)
	})
}

func (s *sortedRuns) spill() error {
	if s.dir == "" {
		d, err := os.MkdirTemp(s.parent, ".handoff-runs-")
		if err != nil {
			return fmt.Errorf("hand-off spill: %w", err)
		}
		s.dir = d
	}
	s.sort()
	name := filepath.Join(s.dir, fmt.Sprintf("run-%05d", len(s.files)))
	f, err := os.Create(name)
	if err != nil {
		return fmt.Errorf("hand-off spill: %w", err)
	}
	bw := bufio.NewWriterSize(f, 1<<16)
	var hdr []byte
	for _, r := range s.recs {
		hdr = binary.AppendUvarint(binary.AppendUvarint(hdr[:0], uint64(r.klen)), uint64(r.vlen))
		bw.Write(hdr)
		bw.Write(s.buf[r.off : r.off+r.klen+r.vlen])
	}
	err = bw.Flush()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("hand-off spill: %w", err)
	}
	s.files = append(s.files, name)
	s.buf, s.recs = s.buf[:0], s.recs[:0]
	return nil
}

// remove deletes the run files and lets go of the records.
func (s *sortedRuns) remove() {
	if s == nil {
		return
	}
	if s.dir != "" {
		os.RemoveAll(s.dir)
	}
	s.dir, s.files, s.buf, s.recs = "", nil, nil, nil
}

// iter reads the records in order (it may be called more than once; no add after it). The
// iterator's key and val are valid until its next call to next.
func (s *sortedRuns) iter() (*runIter, error) {
	if !s.sorted {
		s.sort()
		s.sorted = true
	}
	it := &runIter{}
	for i, name := range s.files {
		f, err := os.Open(name)
		if err != nil {
			it.close()
			return nil, fmt.Errorf("hand-off spill: %w", err)
		}
		it.srcs = append(it.srcs, &runSrc{idx: i, f: f, r: bufio.NewReaderSize(f, 1<<16)})
	}
	it.srcs = append(it.srcs, &runSrc{idx: len(s.files), mem: s, i: -1})
	return it, nil
}

// runSrc is one run being read: a file, or the records still in memory (the last added).
type runSrc struct {
	idx      int
	f        *os.File
	r        *bufio.Reader
	mem      *sortedRuns
	i        int
	key, val []byte
	buf      []byte
}

// next moves to the source's next record; false at its end.
func (rs *runSrc) next() (bool, error) {
	if rs.mem != nil {
		rs.i++
		if rs.i >= len(rs.mem.recs) {
			return false, nil
		}
		r := rs.mem.recs[rs.i]
		rs.key, rs.val = rs.mem.key(r), rs.mem.val(r)
		return true, nil
	}
	kl, err := binary.ReadUvarint(rs.r)
	if err == io.EOF {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("hand-off spill: %w", err)
	}
	vl, err := binary.ReadUvarint(rs.r)
	if err != nil {
		return false, fmt.Errorf("hand-off spill: %w", io.ErrUnexpectedEOF)
	}
	n := int(kl + vl)
	if cap(rs.buf) < n {
		rs.buf = make([]byte, n)
	}
	rs.buf = rs.buf[:n]
	if _, err := io.ReadFull(rs.r, rs.buf); err != nil {
		return false, fmt.Errorf("hand-off spill: %w", io.ErrUnexpectedEOF)
	}
	rs.key, rs.val = rs.buf[:kl], rs.buf[kl:]
	return true, nil
}

// runIter merges the runs of a sortedRuns: equal keys come from the earlier run first, so the
// merge is the stable sort of all the records.
type runIter struct {
	srcs     []*runSrc // a heap once started
	started  bool
	key, val []byte
}

func (it *runIter) Len() int { return len(it.srcs) }
func (it *runIter) Less(i, j int) bool {
	if c := bytes.Compare(it.srcs[i].key, it.srcs[j].key); c != 0 {
		return c < 0
	}
	return it.srcs[i].idx < it.srcs[j].idx
}
func (it *runIter) Swap(i, j int) { it.srcs[i], it.srcs[j] = it.srcs[j], it.srcs[i] }
func (it *runIter) Push(any)      {}
func (it *runIter) Pop() any {
	n := len(it.srcs) - 1
	if f := it.srcs[n].f; f != nil {
		f.Close()
	}
	it.srcs = it.srcs[:n]
	return nil
}

// next moves to the next record (it.key, it.val); false after the last.
func (it *runIter) next() (bool, error) {
	if !it.started {
		it.started = true
		live := it.srcs[:0]
		for _, rs := range it.srcs {
			ok, err := rs.next()
			if err != nil {
				it.close()
				return false, err
			}
			if ok {
				live = append(live, rs)
			} else if rs.f != nil {
				rs.f.Close()
			}
		}
		it.srcs = live
		heap.Init(it)
	} else if len(it.srcs) > 0 {
		ok, err := it.srcs[0].next()
		if err != nil {
			it.close()
			return false, err
		}
		if ok {
			heap.Fix(it, 0)
		} else {
			heap.Pop(it)
		}
	}
	if len(it.srcs) == 0 {
		it.key, it.val = nil, nil
		return false, nil
	}
	it.key, it.val = it.srcs[0].key, it.srcs[0].val
	return true, nil
}

// close closes the files still open (after an error or an early stop).
func (it *runIter) close() {
	for _, rs := range it.srcs {
		if rs.f != nil {
			rs.f.Close()
		}
	}
	it.srcs = nil
}

// Package spill sorts records, each a byte key and a value, in memory that does not grow with
// their number: a Sorter holds records up to a budget, sorts them and writes them to a run file,
// and merges the runs by key when read (an external sort). Records with equal keys come back in
// the order they were added. A caller whose order has several fields encodes them into the key
// with AppendString and AppendInt, whose bytes compare as the fields do: the close's exceptions,
// held as they are and sorted by emit.SortExceptions, are written with WriteRun keyed in the same
// order. The hand-off joins a week's employees with their accruals and with the week before by
// employee id this way.
package spill

import (
	"bufio"
	"bytes"
	"cmp"
	"container/heap"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
)

// Sorter collects records and gives them back sorted by key, records with equal keys in the order
// they were added. The zero value holds every record until Spill; set Bytes to spill by size.
type Sorter struct {
	// Parent is where the run directory is made on the first spill (created if missing; "" = the
	// system's temporary directory); Prefix starts the run directory's name.
	Parent, Prefix string
	// Bytes is how many bytes of records (and their 16-byte references) are held before they are
	// sorted and written to a run file; 0 = until Spill.
	Bytes int

	dir  string // made on the first spill
	buf  []byte
	recs []recRef
	// segs are where the records in memory stop being in key order (indexes into recs): records
	// often come in a few ordered segments (a week's pay lines come part file after part file,
	// each in the order of the input, often sorted by id already), merged rather than sorted.
	segs   []int
	spare  []recRef
	files  []string
	sorted bool
}

// recRef is a record in buf: the key at off, then the value's length (uvarint) and the value; pfx
// is the key's first 8 bytes (big-endian, zero-padded), which order most keys without looking at
// buf.
type recRef struct {
	pfx       uint64
	off, klen uint32
}

const recRefSize = 16

// maxSegs is how many ordered segments are merged; more are sorted.
const maxSegs = 16

func keyPrefix(k []byte) uint64 {
	if len(k) >= 8 {
		return binary.BigEndian.Uint64(k)
	}
	var b [8]byte
	copy(b[:], k)
	return binary.BigEndian.Uint64(b[:])
}

// cmpRec orders records by key, then by the order they were added (their offset).
func (s *Sorter) cmpRec(a, b recRef) int {
	if a.pfx != b.pfx {
		return cmp.Compare(a.pfx, b.pfx)
	}
	if a.klen > 8 || b.klen > 8 || a.klen != b.klen {
		if c := bytes.Compare(s.key(a), s.key(b)); c != 0 {
			return c
		}
	}
	return cmp.Compare(a.off, b.off)
}

func (s *Sorter) key(r recRef) []byte { return s.buf[r.off : r.off+r.klen] }
func (s *Sorter) val(r recRef) []byte {
	b := s.buf[r.off+r.klen:]
	n, k := binary.Uvarint(b)
	return b[k : k+int(n)]
}

// Add adds a record (key and val are copied); none after Iter.
func (s *Sorter) Add(key, val []byte) error {
	if s.sorted {
		return fmt.Errorf("internal: record added to a spill.Sorter after reading")
	}
	n := len(key) + binary.MaxVarintLen64 + len(val)
	if uint64(n) > math.MaxUint32 {
		return fmt.Errorf("internal: a record of %d bytes for a spill.Sorter", len(key)+len(val))
	}
	if n += len(s.buf); len(s.recs) > 0 && (uint64(n) > math.MaxUint32 ||
		s.Bytes > 0 && n+recRefSize*(len(s.recs)+1) > s.Bytes) {
		if err := s.Spill(); err != nil {
			return err
		}
	}
	r := recRef{keyPrefix(key), uint32(len(s.buf)), uint32(len(key))}
	// The buffers double as they fill, up to what the budget leaves them, where append would
	// grow them by a quarter past 256 elements: each size is new memory, and a sorter of 16 MB
	// that grew by quarters touched five times that, which cost more than the sorting (the first
	// touch of a page is not free).
	size := len(key) + binary.MaxVarintLen64 + len(val)
	mostBuf, mostRecs := math.MaxInt, math.MaxInt
	if s.Bytes > 0 {
		mostBuf, mostRecs = s.Bytes-recRefSize*(len(s.recs)+1), (s.Bytes-len(s.buf)-size)/recRefSize
	}
	s.buf = grow(s.buf, size, mostBuf)
	s.recs = grow(s.recs, 1, mostRecs)
	s.buf = append(binary.AppendUvarint(append(s.buf, key...), uint64(len(val))), val...)
	if n := len(s.recs); n > 0 && len(s.segs) <= maxSegs && s.cmpRec(s.recs[n-1], r) > 0 {
		s.segs = append(s.segs, n)
	}
	s.recs = append(s.recs, r)
	return nil
}

// grow makes room for n more elements, doubling b's capacity when it has to grow, but to no more
// than most elements unless it needs more.
func grow[T any](b []T, n, most int) []T {
	if len(b)+n <= cap(b) {
		return b
	}
	return slices.Grow(b, max(len(b)+n, min(2*cap(b), most))-len(b))
}

// Runs is how many runs were written to disk.
func (s *Sorter) Runs() int { return len(s.files) }

// sort orders the records in memory by key, then by the order they were added: nothing to do
// when they came in order, a merge of the segments when they came in a few ordered segments, a
// sort otherwise.
func (s *Sorter) sort() {
	defer func() { s.segs = s.segs[:0] }()
	switch {
	case len(s.segs) == 0:
	case len(s.segs) > maxSegs:
		slices.SortFunc(s.recs, s.cmpRec)
	default:
		// heads[i] is the next record of segment i, ends[i] its end.
		var heads, ends [maxSegs + 1]int
		k := len(s.segs) + 1
		for i := range k {
			if i > 0 {
				heads[i] = s.segs[i-1]
			}
			ends[i] = len(s.recs)
			if i < len(s.segs) {
				ends[i] = s.segs[i]
			}
		}
		out := slices.Grow(s.spare[:0], len(s.recs))
		for {
			best := -1
			for i := range k {
				if heads[i] < ends[i] && (best < 0 || s.cmpRec(s.recs[heads[i]], s.recs[heads[best]]) < 0) {
					best = i
				}
			}
			if best < 0 {
				break
			}
			out = append(out, s.recs[heads[best]])
			heads[best]++
		}
		s.recs, s.spare = out, s.recs
	}
}

// Spill sorts the records held and writes them to a run file (nothing when none are held).
func (s *Sorter) Spill() error {
	if len(s.recs) == 0 {
		return nil
	}
	s.sort()
	err := s.writeRun(len(s.recs), false, func(i int, _, _ []byte) ([]byte, []byte) { return s.key(s.recs[i]), s.val(s.recs[i]) })
	s.buf, s.recs, s.spare = s.buf[:0], s.recs[:0], s.spare[:0]
	return err
}

// WriteRun writes n records that come in key order (rec appends the i'th one's key and value to k
// and v) straight to a run of their own, after the records held: a caller that holds its records
// in a form of its own, sorted in the key's order, keeps no second copy. A record out of key order
// is an error.
func (s *Sorter) WriteRun(n int, rec func(i int, k, v []byte) ([]byte, []byte)) error {
	if err := s.Spill(); err != nil || n == 0 {
		return err
	}
	return s.writeRun(n, true, rec)
}

// writeRun writes rec's n records to the next run file (the run directory made on the first),
// each as the key's and the value's lengths (uvarint), the key and the value; checked, a record
// before the one it follows is an error and the run is left out of the merge.
func (s *Sorter) writeRun(n int, checked bool, rec func(i int, k, v []byte) ([]byte, []byte)) error {
	if s.dir == "" {
		if s.Parent != "" {
			if err := os.MkdirAll(s.Parent, 0o755); err != nil {
				return fmt.Errorf("spill: %w", err)
			}
		}
		d, err := os.MkdirTemp(s.Parent, s.Prefix)
		if err != nil {
			return fmt.Errorf("spill: %w", err)
		}
		s.dir = d
	}
	name := filepath.Join(s.dir, fmt.Sprintf("run-%05d", len(s.files)))
	f, err := os.Create(name)
	if err != nil {
		return fmt.Errorf("spill: %w", err)
	}
	bw := bufio.NewWriterSize(f, 1<<16)
	var k, v, prev, hdr []byte
	for i := range n {
		if k, v = rec(i, k[:0], v[:0]); checked && i > 0 && bytes.Compare(prev, k) > 0 {
			f.Close()
			return fmt.Errorf("internal: record %d of a spill run is out of key order", i)
		}
		hdr = binary.AppendUvarint(binary.AppendUvarint(hdr[:0], uint64(len(k))), uint64(len(v)))
		bw.Write(hdr)
		bw.Write(k)
		bw.Write(v)
		if checked {
			k, prev = prev, k
		}
	}
	err = bw.Flush()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("spill: %w", err)
	}
	s.files = append(s.files, name)
	return nil
}

// Remove deletes the run files and lets go of the records.
func (s *Sorter) Remove() {
	if s == nil {
		return
	}
	if s.dir != "" {
		os.RemoveAll(s.dir)
	}
	s.dir, s.files, s.buf, s.recs, s.spare = "", nil, nil, nil, nil
}

// Iter reads the records in order (it may be called more than once; no Add after it).
func (s *Sorter) Iter() (*Iter, error) {
	if !s.sorted {
		s.sort()
		s.sorted = true
	}
	it := &Iter{}
	for i, name := range s.files {
		f, err := os.Open(name)
		if err != nil {
			it.Close()
			return nil, fmt.Errorf("spill: %w", err)
		}
		it.srcs = append(it.srcs, &runSrc{idx: i, f: f, r: bufio.NewReaderSize(f, 1<<16)})
	}
	it.srcs = append(it.srcs, &runSrc{idx: len(s.files), mem: s, i: -1})
	return it, nil
}

// Each calls fn with every record in order (Iter read to the end), stopping at fn's first error.
// key and val are fn's only until it returns.
func (s *Sorter) Each(fn func(key, val []byte) error) error {
	it, err := s.Iter()
	if err != nil {
		return err
	}
	defer it.Close()
	for {
		ok, err := it.Next()
		if err != nil || !ok {
			return err
		}
		if err := fn(it.Key, it.Val); err != nil {
			return err
		}
	}
}

// runSrc is one run being read: a file, or the records still in memory (the last added).
type runSrc struct {
	idx      int
	f        *os.File
	r        *bufio.Reader
	mem      *Sorter
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
		return false, fmt.Errorf("spill: %w", err)
	}
	vl, err := binary.ReadUvarint(rs.r)
	if err != nil {
		return false, fmt.Errorf("spill: %w", io.ErrUnexpectedEOF)
	}
	n := int(kl + vl)
	if cap(rs.buf) < n {
		rs.buf = make([]byte, n)
	}
	rs.buf = rs.buf[:n]
	if _, err := io.ReadFull(rs.r, rs.buf); err != nil {
		return false, fmt.Errorf("spill: %w", io.ErrUnexpectedEOF)
	}
	rs.key, rs.val = rs.buf[:kl], rs.buf[kl:]
	return true, nil
}

// Iter merges the runs of a Sorter: equal keys come from the earlier run first, so the merge is
// the stable sort of all the records. Key and Val are the current record's, valid until the next
// call to Next.
type Iter struct {
	Key, Val []byte
	srcs     srcHeap
	started  bool
}

// srcHeap orders the sources by their current key, then by run.
type srcHeap []*runSrc

func (h srcHeap) Len() int { return len(h) }
func (h srcHeap) Less(i, j int) bool {
	if c := bytes.Compare(h[i].key, h[j].key); c != 0 {
		return c < 0
	}
	return h[i].idx < h[j].idx
}
func (h srcHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *srcHeap) Push(any)     {}
func (h *srcHeap) Pop() any {
	n := len(*h) - 1
	if f := (*h)[n].f; f != nil {
		f.Close()
	}
	*h = (*h)[:n]
	return nil
}

// Next moves to the next record (Key, Val); false after the last.
func (it *Iter) Next() (bool, error) {
	if !it.started {
		it.started = true
		live := it.srcs[:0]
		for _, rs := range it.srcs {
			ok, err := rs.next()
			if err != nil {
				it.Close()
				return false, err
			}
			if ok {
				live = append(live, rs)
			} else if rs.f != nil {
				rs.f.Close()
			}
		}
		it.srcs = live
		heap.Init(&it.srcs)
	} else if len(it.srcs) > 0 {
		ok, err := it.srcs[0].next()
		if err != nil {
			it.Close()
			return false, err
		}
		if ok {
			heap.Fix(&it.srcs, 0)
		} else {
			heap.Pop(&it.srcs)
		}
	}
	if len(it.srcs) == 0 {
		it.Key, it.Val = nil, nil
		return false, nil
	}
	it.Key, it.Val = it.srcs[0].key, it.srcs[0].val
	return true, nil
}

// Close closes the files still open (after an error or an early stop).
func (it *Iter) Close() {
	for _, rs := range it.srcs {
		if rs.f != nil {
			rs.f.Close()
		}
	}
	it.srcs = nil
}

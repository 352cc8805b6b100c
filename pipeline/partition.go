package pipeline

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/stages/model"
)

// An export not grouped by employee is not held whole: one pass writes each row to a partition
// file by its employee's roster position (partition p holds the p-th slice of the roster, the last
// one the ids the roster does not have), then each partition is read back, grouped in memory and
// closed before the next is read. The roster is in memory in this mode, so partitioning by its
// position keeps the employees in roster order across partitions, and the close writes what the
// sorted streams write. Memory is then one partition's rows rather than the whole export.

// partitionBytes is how much punch export one partition holds: about 330k rows, 42 MB of rows in
// memory (a model.Punch is 128 bytes; 64 MiB partitions added 300 MB to the peak RSS of a 1M
// employee-week close, the collector letting the heap grow to three times what is live). A variable
// so a test can split a small export.
var partitionBytes int64 = 32 << 20

// partitionsFor is the number of roster partitions for an export of the given size (the ids not
// on the roster get one more).
func partitionsFor(punchBytes int64) int {
	return int(max(1, (punchBytes+partitionBytes-1)/partitionBytes))
}

// partitions are the spill files of one unordered export.
type partitions struct {
	dir   string
	files []*os.File
	bw    []*bufio.Writer
	rows  []int64
	size  []int64 // bytes written to each
	buf   []byte
	data  []byte            // the partition read last
	strs  map[string]string // codes and accounts, shared by the rows read back
	err   error
}

func newPartitions(parent string, n int) (*partitions, error) { return newSpill(parent, n, "punches") }

// newSpill creates n spill files named after what they hold.
func newSpill(parent string, n int, name string) (*partitions, error) {
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	d, err := os.MkdirTemp(parent, ".partitions-")
	if err != nil {
		return nil, fmt.Errorf("%s partitions: %w", name, err)
	}
	ps := &partitions{dir: d, rows: make([]int64, n), size: make([]int64, n)}
	for i := 0; i < n; i++ {
		f, err := os.Create(filepath.Join(d, fmt.Sprintf("%s-%04d", name, i)))
		if err != nil {
			ps.remove()
			return nil, fmt.Errorf("%s partitions: %w", name, err)
		}
		ps.files = append(ps.files, f)
		ps.bw = append(ps.bw, bufio.NewWriterSize(f, 64<<10))
	}
	return ps, nil
}

func (ps *partitions) remove() {
	for _, f := range ps.files {
		f.Close()
	}
	os.RemoveAll(ps.dir)
}

// put writes one encoded row to partition k.
func (ps *partitions) put(k int, b []byte) {
	if ps.err != nil {
		return
	}
	if _, err := ps.bw[k].Write(b); err != nil {
		ps.err = fmt.Errorf("spilled rows: %w", err)
	}
	ps.rows[k]++
	ps.size[k] += int64(len(b))
}

// reader reads partition k from its start (after flush).
func (ps *partitions) reader(k int) (*bufio.Reader, error) {
	if _, err := ps.files[k].Seek(0, io.SeekStart); err != nil {
		return nil, err
	}
	return bufio.NewReaderSize(ps.files[k], 64<<10), nil
}

// add writes a row to partition k; pos is its employee's roster position (-1 for an id the
// roster does not have), which stands for the id, so reading the row back looks nothing up.
func (ps *partitions) add(k int, p *model.Punch, pos int32) {
	if ps.err != nil {
		return
	}
	b := ps.buf[:0]
	var flags byte
	for i, f := range [...]bool{p.HasIn, p.HasOut, p.HasHours, p.OnCallFile} {
		if f {
			flags |= 1 << i
		}
	}
	b = append(b, flags)
	b = binary.AppendVarint(b, int64(p.Line))
	b = binary.AppendVarint(b, int64(p.EventDate))
	b = binary.AppendVarint(b, p.In)
	b = binary.AppendVarint(b, p.Out)
	b = binary.AppendVarint(b, p.Seconds)
	b = binary.AppendUvarint(b, uint64(p.WorkRule))
	if pos >= 0 {
		b = binary.AppendUvarint(b, uint64(pos)+1)
	} else {
		b = binary.AppendUvarint(b, 0)
		b = binary.AppendUvarint(b, uint64(len(p.Employee)))
		b = append(b, p.Employee...)
	}
	for _, s := range [...]string{p.PayCode, p.PayText, p.Account} {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	ps.buf = b
	ps.put(k, b)
}

// flush ends the writing pass.
func (ps *partitions) flush() error {
	for _, w := range ps.bw {
		if err := w.Flush(); err != nil && ps.err == nil {
			ps.err = fmt.Errorf("punch partitions: %w", err)
		}
	}
	return ps.err
}

// read returns partition k's rows, reusing all, and their roster positions in pos (-1 for an id
// not on the roster). The partition's file is read whole (about 0.4 bytes a byte of export, and no
// pointers) and decoded from memory. Strings that repeat are shared: the employee id is the
// roster's own string (idOf, false for a position it does not hold), codes and accounts come from
// a small table.
func (ps *partitions) read(k int, all []model.Punch, pos []int32, idOf func(int32) (string, bool)) ([]model.Punch, []int32, error) {
	f := ps.files[k]
	all, pos = all[:0], pos[:0]
	if int64(cap(ps.data)) < ps.size[k] {
		ps.data = make([]byte, ps.size[k])
	}
	ps.data = ps.data[:ps.size[k]]
	if _, err := f.ReadAt(ps.data, 0); err != nil && !(err == io.EOF && ps.size[k] == 0) {
		return all, pos, fmt.Errorf("punch partitions: %w", err)
	}
	if ps.strs == nil {
		ps.strs = map[string]string{}
	}
	rr := &rowReader{data: ps.data, strs: ps.strs}
	bad := func(err error) ([]model.Punch, []int32, error) {
		return all, pos, fmt.Errorf("punch partitions: %s: %w", f.Name(), err)
	}
	for n := int64(0); n < ps.rows[k]; n++ {
		var p model.Punch
		flags := rr.byte()
		p.HasIn, p.HasOut, p.HasHours, p.OnCallFile = flags&1 != 0, flags&2 != 0, flags&4 != 0, flags&8 != 0
		p.Line, p.EventDate, p.In, p.Out, p.Seconds = int32(rr.varint()), calendars.Date(rr.varint()), rr.varint(), rr.varint(), rr.varint()
		p.WorkRule = model.WorkRule(rr.uvarint())
		idx := rr.uvarint()
		if rr.err != nil {
			return bad(rr.err)
		}
		at := int32(idx) - 1
		if idx > 0 {
			var ok bool
			if p.Employee, ok = idOf(at); !ok || idx > 1<<31 {
				return bad(fmt.Errorf("roster position %d out of range", idx))
			}
		} else {
			p.Employee = rr.str()
		}
		p.PayCode, p.PayText, p.Account = rr.shared(), rr.shared(), rr.shared()
		if rr.err != nil {
			return bad(rr.err)
		}
		all, pos = append(all, p), append(pos, at)
	}
	return all, pos, nil
}

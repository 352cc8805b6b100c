package pipeline

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"unsafe"

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
	off   []int64 // index of the partition read last: each row's length, body end and roster position
	end   []int64
	pos   []int32
	g     grouping
	data  []byte // the partition read last
	strs  strTable
	err   error
}

// strTable numbers the pay codes and labor accounts of the spilled punch rows, so a row carries
// two bytes for each instead of its text, and decoding it makes no string. Code 0 is "". Past
// maxStrCodes distinct values (a hostile export), a value is written in the row (inlineStr).
type strTable struct {
	code     map[string]uint16
	strs     []string
	last     [3]string // the value each of a row's three strings had in the row before
	lastCode [3]uint16
	// seen holds recent values by where their bytes are: the punch reader gives every row of one
	// account the same string, so a slot picked by its address finds it with a comparison of
	// equal pointers, where the map hashed ~25 bytes (0.8 CPU s of a shuffled 1M export). The
	// address only picks the slot; the comparison is of the text.
	seen *[4096]strCode
}

type strCode struct {
	s    string
	code uint16
}

// maxStrCodes bounds strTable (a variable so a test can fill it); inlineStr is the one code above.
var maxStrCodes = 1<<16 - 1

const inlineStr = ^uint16(0)

// codeOf is s's code, or inlineStr when the table is full; field is which of the row's strings.
func (t *strTable) codeOf(field int, s string) uint16 {
	if s == "" {
		return 0
	}
	if s == t.last[field] {
		return t.lastCode[field]
	}
	if t.seen == nil {
		t.code, t.strs, t.seen = map[string]uint16{}, []string{""}, new([4096]strCode)
	}
	at := uintptr(unsafe.Pointer(unsafe.StringData(s)))
	slot := &t.seen[(at>>4^at>>16)%uintptr(len(t.seen))]
	if slot.s != s {
		c, ok := t.code[s]
		if !ok {
			if len(t.strs) >= maxStrCodes {
				return inlineStr
			}
			c = uint16(len(t.strs))
			t.code[s], t.strs = c, append(t.strs, s)
		}
		*slot = strCode{s, c}
	}
	t.last[field], t.lastCode[field] = s, slot.code
	return slot.code
}

// A spilled punch row is its employee's roster position + 1 (4 bytes), its body's length (a
// uvarint: one byte but for a row carrying long text), and its body: the fixed part below, then
// the strings it does not number. The times are 4-byte differences (the in punch from the start
// of the event date, the out punch from the in punch; HOURS as it is) unless one does not fit
// (rowWide): then 8-byte values. Every byte is written and read back once per row: the 55-byte
// rows of the first encoding spilled 456 MB of a shuffled 1M export, 1.2 s of kernel time.
const (
	rowFlags    = 0
	rowLine     = 1
	rowDate     = 5
	rowWorkRule = 9
	rowCodes    = 11 // pay code, pay text, account
	rowTimes    = 17 // in, out, seconds
	rowFixed    = rowTimes + 3*4
	rowWideLen  = rowTimes + 3*8
	rowPos      = 4 // bytes before the body's length

	rowWide = 1 << 4 // a flag: the times take 8 bytes each
)

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
// roster does not have), which stands for the id, so reading the row back looks nothing up. The
// position and the row's length come first, so a partition can be indexed by employee without
// decoding its rows (index), and each row decoded once, in employee order (punch). Fields have
// fixed places and strings are numbered (strTable): varints and string copies made the encoding
// and decoding of a shuffled 1M export 2.5 CPU s.
func (ps *partitions) add(k int, p *model.Punch, pos int32) {
	if ps.err != nil {
		return
	}
	le := binary.LittleEndian
	in, out := p.In-int64(p.EventDate)*86400, p.Out-p.In
	var flags byte
	for i, set := range [...]bool{p.HasIn, p.HasOut, p.HasHours, p.OnCallFile, !fits32(in) || !fits32(out) || !fits32(p.Seconds)} {
		if set {
			flags |= 1 << i
		}
	}
	var body [rowWideLen]byte
	f := body[:rowFixed]
	f[rowFlags] = flags
	le.PutUint32(f[rowLine:], uint32(p.Line))
	le.PutUint32(f[rowDate:], uint32(p.EventDate))
	le.PutUint16(f[rowWorkRule:], uint16(p.WorkRule))
	if flags&rowWide == 0 {
		le.PutUint32(f[rowTimes:], uint32(in))
		le.PutUint32(f[rowTimes+4:], uint32(out))
		le.PutUint32(f[rowTimes+8:], uint32(p.Seconds))
	} else {
		f = body[:rowWideLen]
		le.PutUint64(f[rowTimes:], uint64(p.In))
		le.PutUint64(f[rowTimes+8:], uint64(p.Out))
		le.PutUint64(f[rowTimes+16:], uint64(p.Seconds))
	}
	var codes [3]uint16
	extra := 0 // the length of the strings written in the row
	if pos < 0 {
		extra += 4 + len(p.Employee)
	}
	for i, s := range [...]string{p.PayCode, p.PayText, p.Account} {
		codes[i] = ps.strs.codeOf(i, s)
		le.PutUint16(f[rowCodes+2*i:], codes[i])
		if codes[i] == inlineStr {
			extra += 4 + len(s)
		}
	}
	b := le.AppendUint32(ps.buf[:0], uint32(pos+1))
	b = binary.AppendUvarint(b, uint64(len(f)+extra))
	b = append(b, f...)
	if pos < 0 {
		b = appendStr(b, p.Employee)
	}
	for i, s := range [...]string{p.PayCode, p.PayText, p.Account} {
		if codes[i] == inlineStr {
			b = appendStr(b, s)
		}
	}
	ps.buf = b
	ps.put(k, b)
}

// fits32 says whether v is the same as a 4-byte signed integer.
func fits32(v int64) bool { return v == int64(int32(v)) }

// appendStr appends s after its length.
func appendStr(b []byte, s string) []byte {
	b = binary.LittleEndian.AppendUint32(b, uint32(len(s)))
	return append(b, s...)
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

// index reads partition k whole (about 0.4 bytes a byte of export, and no pointers) into data,
// and lists where each row's length starts and its body ends (off, end) and its roster position
// (pos, -1 for an id not on the roster).
func (ps *partitions) index(k int) error {
	if _, err := ps.load(k); err != nil {
		return err
	}
	ps.off, ps.end, ps.pos = ps.off[:0], ps.end[:0], ps.pos[:0]
	for data := ps.data; len(data) > 0; {
		if len(data) < rowPos+1 {
			return ps.corrupt(k)
		}
		at := binary.LittleEndian.Uint32(data)
		size, n := binary.Uvarint(data[rowPos:])
		if at > 1<<31 || n <= 0 || size < rowFixed || size > uint64(len(data)-rowPos-n) {
			return ps.corrupt(k)
		}
		off := int64(len(ps.data)-len(data)) + rowPos
		ps.off, ps.end, ps.pos = append(ps.off, off), append(ps.end, off+int64(n)+int64(size)), append(ps.pos, int32(at)-1)
		data = data[rowPos+n+int(size):]
	}
	if int64(len(ps.off)) != ps.rows[k] {
		return ps.corrupt(k)
	}
	return nil
}

// load reads partition k whole into data (reused), and returns it. Each partition is read once,
// so its file is emptied at once rather than when the close ends: a 10M employee-week export
// spills ~7 GB next to 11 GB of input and 6 GB of output, more than the page cache holds here, and
// freeing each partition as it is read took a shuffled 10M close from 352 to 327 CPU s (system
// time 72 -> 54 s) and 3:26 to 3:12.
func (ps *partitions) load(k int) ([]byte, error) {
	if int64(cap(ps.data)) < ps.size[k] {
		ps.data = make([]byte, ps.size[k])
	}
	ps.data = ps.data[:ps.size[k]]
	if _, err := ps.files[k].ReadAt(ps.data, 0); err != nil && !(err == io.EOF && ps.size[k] == 0) {
		return nil, fmt.Errorf("partitions: %w", err)
	}
	if err := ps.files[k].Truncate(0); err != nil {
		return nil, fmt.Errorf("partitions: %w", err)
	}
	return ps.data, nil
}

func (ps *partitions) corrupt(k int) error {
	return fmt.Errorf("punch partitions: %s: %w", ps.files[k].Name(), errSpillCorrupt)
}

// punch decodes into p the row of the partition read last whose length starts at data[off]
// (index checked that its body is there); id is its employee's id, or "" for a row of an id not
// on the roster (which carries its id).
func (ps *partitions) punch(off int64, id string, p *model.Punch) error {
	le := binary.LittleEndian
	size, n := binary.Uvarint(ps.data[off:])
	f := ps.data[off+int64(n) : off+int64(n)+int64(size)]
	flags := f[rowFlags]
	p.HasIn, p.HasOut, p.HasHours, p.OnCallFile = flags&1 != 0, flags&2 != 0, flags&4 != 0, flags&8 != 0
	p.Line, p.EventDate = int32(le.Uint32(f[rowLine:])), calendars.Date(le.Uint32(f[rowDate:]))
	p.WorkRule = model.WorkRule(le.Uint16(f[rowWorkRule:]))
	rest := f[rowFixed:]
	if flags&rowWide == 0 {
		p.In = int64(p.EventDate)*86400 + int64(int32(le.Uint32(f[rowTimes:])))
		p.Out = p.In + int64(int32(le.Uint32(f[rowTimes+4:])))
		p.Seconds = int64(int32(le.Uint32(f[rowTimes+8:])))
	} else {
		if len(f) < rowWideLen {
			return fmt.Errorf("punch partitions: %w", errSpillCorrupt)
		}
		p.In, p.Out, p.Seconds = int64(le.Uint64(f[rowTimes:])), int64(le.Uint64(f[rowTimes+8:])), int64(le.Uint64(f[rowTimes+16:]))
		rest = f[rowWideLen:]
	}
	ok := true
	if p.Employee = id; id == "" {
		p.Employee, rest, ok = cutStr(rest)
	}
	for i, dst := range [...]*string{&p.PayCode, &p.PayText, &p.Account} {
		switch c := le.Uint16(f[rowCodes+2*i:]); {
		case !ok:
		case c == inlineStr:
			*dst, rest, ok = cutStr(rest)
		case int(c) < len(ps.strs.strs) || c == 0:
			*dst = ""
			if c > 0 {
				*dst = ps.strs.strs[c]
			}
		default:
			ok = false
		}
	}
	if !ok || len(rest) > 0 {
		return fmt.Errorf("punch partitions: %w", errSpillCorrupt)
	}
	return nil
}

// cutStr takes a string appendStr wrote from the start of b.
func cutStr(b []byte) (string, []byte, bool) {
	if len(b) < 4 {
		return "", nil, false
	}
	n := binary.LittleEndian.Uint32(b)
	if uint64(n) > uint64(len(b)-4) {
		return "", nil, false
	}
	return string(b[4 : 4+n]), b[4+n:], true
}

// read returns partition k's rows in file order, reusing all; idOf gives the id of a roster
// position (false for one it does not hold, and "" for rows of ids not on the roster).
func (ps *partitions) read(k int, all []model.Punch, idOf func(int32) (string, bool)) ([]model.Punch, error) {
	if err := ps.index(k); err != nil {
		return all, err
	}
	all = append(all[:0], make([]model.Punch, len(ps.off))...)
	for i, at := range ps.pos {
		id := ""
		if at >= 0 {
			var ok bool
			if id, ok = idOf(at); !ok || id == "" {
				return all, ps.corrupt(k)
			}
		}
		if err := ps.punch(ps.off[i], id, &all[i]); err != nil {
			return all, err
		}
	}
	return all, nil
}

// subBytes is about how many row bytes are put in employee order at a time. A partition's rows
// (18 MB at the default partition size) are in export order: decoding them in employee order
// straight from the partition missed the cache on nearly every row (1.6 s of a shuffled 1M
// close, a third of partitioning it). So byEmployee first copies them, in export order, into
// consecutive slices of the partition's employees, each about this size (one sequential read and
// a few sequential writes), and each slice, which stays in the core's 2 MiB L2 cache, is then
// read in employee order. A variable so a test can cut a small partition into many slices.
var subBytes int64 = 1 << 20

// grouping is byEmployee's state: the slices of the partition read last, and the one being read.
type grouping struct {
	lo, hi   int32   // the partition's roster positions
	n        int     // how many slices
	at       []int64 // slice s is data[at[s]:at[s+1]]
	next     []int64
	s        int     // the slice being read, -1 before the first
	slo, shi int32   // its roster positions
	start    []int32 // the rows of position slo+i are off[start[i]:start[i+1]]
	off      []int64 // the slice's row offsets (of their lengths), by position
	rowOff   []int64 // the slice's row offsets in export order, and positions
	rowPos   []int32
	order    []int32
	scratch  []byte
	touched  byte // what rowsOf's loads ahead read: kept so they are not left out
}

// slice is the slice of the partition's employees that roster position pos falls in.
func (g *grouping) slice(pos int32) int { return int(int64(pos-g.lo) * int64(g.n) / int64(g.hi-g.lo)) }

// byEmployee reads partition k, whose rows all belong to roster positions [lo, hi), for rowsOf.
func (ps *partitions) byEmployee(k int, lo, hi int32) error {
	if err := ps.index(k); err != nil {
		return err
	}
	g := &ps.g
	g.lo, g.hi, g.s = lo, hi, -1
	g.n = int(max(1, min(int64(hi-lo), ps.size[k]/subBytes)))
	g.at = append(g.at[:0], make([]int64, g.n+1)...)
	for i, pos := range ps.pos {
		if pos < lo || pos >= hi {
			return ps.corrupt(k)
		}
		g.at[g.slice(pos)+1] += ps.end[i] - ps.rowStart(i)
	}
	for s := 1; s <= g.n; s++ {
		g.at[s] += g.at[s-1]
	}
	if cap(g.scratch) < len(ps.data) {
		g.scratch = make([]byte, len(ps.data))
	}
	dst := g.scratch[:len(ps.data)]
	g.next = append(g.next[:0], g.at[:g.n]...) // where each slice's next row goes
	for i, pos := range ps.pos {
		s := g.slice(pos)
		g.next[s] += int64(copy(dst[g.next[s]:], ps.data[ps.rowStart(i):ps.end[i]]))
	}
	ps.data, g.scratch = dst, ps.data
	return nil
}

// rowStart is where row i of the partition indexed last starts (its header).
func (ps *partitions) rowStart(i int) int64 {
	if i == 0 {
		return 0
	}
	return ps.end[i-1]
}

// rowsOf returns the offsets of roster position pos's rows (of their lengths), in export order,
// for punch. After
// byEmployee, positions are asked in increasing order.
func (ps *partitions) rowsOf(pos int32) []int64 {
	g := &ps.g
	if g.s < 0 || pos >= g.shi {
		g.s = g.slice(pos)
		span, n := int64(g.hi-g.lo), int64(g.n)
		g.slo = g.lo + int32((int64(g.s)*span+n-1)/n) // the first position p with slice(p) == s
		g.shi = g.lo + int32((int64(g.s+1)*span+n-1)/n)
		g.rowOff, g.rowPos = g.rowOff[:0], g.rowPos[:0]
		base, end := g.at[g.s], g.at[g.s+1]
		for at := base; at < end; { // written by byEmployee from rows index checked
			p := binary.LittleEndian.Uint32(ps.data[at:])
			size, n := binary.Uvarint(ps.data[at+rowPos:])
			g.rowOff, g.rowPos = append(g.rowOff, at+rowPos), append(g.rowPos, int32(p)-1-g.slo)
			at += rowPos + int64(n) + int64(size)
		}
		g.start, g.order = bucket(g.rowPos, int(g.shi-g.slo), g.start, g.order)
		g.off = g.off[:0]
		for _, j := range g.order {
			g.off = append(g.off, g.rowOff[j])
		}
	}
	i := pos - g.slo
	// The rows of a slice are in export order and read here by employee: each row's first byte
	// is a cache miss that punch waits on. Loading the first byte of the rows two employees
	// ahead (loads that depend on nothing punch does) lets the processor wait for those while
	// it decodes these.
	if j := int(i) + 3; j < len(g.start) {
		var t byte
		for _, o := range g.off[g.start[j-1]:g.start[j]] {
			t |= ps.data[o]
		}
		g.touched ^= t
	}
	return g.off[g.start[i]:g.start[i+1]]
}

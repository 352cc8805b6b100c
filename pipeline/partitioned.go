package pipeline

import (
	"bufio"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"os"
	"runtime"
	"strings"

	"golang.org/x/sync/errgroup"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/ingest"
	"github.com/payclose/payclose/stages/model"
)

// The partitioned close (modePartitioned) closes inputs in any order without holding any of them
// whole: holding the roster and schedule of a million employees (a model.Employee of eight strings
// each, four million shifts, a map of string ids: about 700 MB live) made the collector the
// largest cost of an unordered close. Instead:
//
//  1. the roster is read once, each accepted row appended to a spill file in roster order and its
//     id given a roster position in a compact index (idIndex);
//  2. the schedule and the punch export are read side by side, each row written to the partition
//     of its employee's roster position (partition p holds the p-th slice of the roster; punch
//     rows of ids the roster does not have go to one more), as partition.go does for punches;
//     a large punch export is read in two halves at once, each into its own set of partition
//     files (punchSpill);
//  3. partition by partition, the roster slice, its shifts and its punch rows (put in employee
//     order a cache-sized slice at a time: partitions.byEmployee) are read back and
//     closed in roster order, then the rows of unknown ids are rejected and the employees with no
//     punch rows closed, as the sorted streams' joiner does.
//
// So the close holds one partition's employees and rows, and the batches it hands on are the
// joiner's, employee for employee: a sorted export gives the same files in either mode.

// idIndex maps employee ids to roster positions. A map keyed by the id string costs a string
// header, the string's bytes and a pointer for the collector per employee; the usual PERSONNUM is
// all digits and is keyed here by its ingest.IDKey (value and length). The ids are
// put while the roster is read and looked up after compact.
type idIndex struct {
	keys []uint64 // ingest.IDKey of each all-digit id put, in roster order (until compact)
	// keyPos is each key's position; nil while every position put is the key's index, as when
	// every id of the roster is all digits (4 bytes an employee saved, 40 MB at 10M).
	keyPos []int32
	num    map[uint64]int32
	str    map[string]int32
	// dense replaces num (compact) when every id is all digits with no leading zero and their
	// values are not spread over more than four per id: the position of value v is dense[v-lo],
	// -1 for none. One read of an array instead of a probe of a million-entry map (300-500 ns a
	// punch row of a shuffled export, the largest cost of partitioning it); building it from the
	// keys rather than from a map saves inserting a million entries.
	dense []int32
	lo    uint64
	// rank replaces dense when the roster lists its ids in increasing order (a roster sorted by
	// id, the usual export) and puts each at its index: then an id's position is the number of
	// roster ids below it, counted in a bitmap of the values (a bit a value, and the count before
	// each word of 64). At 1M employees that is 190 KB, which stays in a core's cache, where
	// dense's 4 MB did not: a lookup there missed it for each punch and shift row of an unordered
	// export (about 1 s of a shuffled 1M close).
	rank *rankIndex
}

// rankIndex finds the position of a value among a set of values (see idIndex.rank).
type rankIndex struct {
	lo     uint64
	bits   []uint64 // bit v-lo is set for each value v of the set
	before []int32  // the set's values below word w's
}

// find is value v's position among the set's values, -1 when the set lacks it.
func (r *rankIndex) find(v uint64) int32 {
	if v < r.lo || (v-r.lo)>>6 >= uint64(len(r.bits)) {
		return -1
	}
	off := v - r.lo
	w, bit := off>>6, uint64(1)<<(off&63)
	m := r.bits[w]
	if m&bit == 0 {
		return -1
	}
	return r.before[w] + int32(bits.OnesCount64(m&(bit-1)))
}

func newIDIndex(n int) *idIndex {
	return &idIndex{keys: make([]uint64, 0, n), str: map[string]int32{}}
}

// put gives id the roster position pos (a later put of the same id wins, as in a map).
func (x *idIndex) put(id string, pos int32) {
	if k, ok := ingest.IDKey(id); ok {
		if x.keyPos == nil && int(pos) != len(x.keys) {
			x.keyPos = make([]int32, len(x.keys), cap(x.keys))
			for i := range x.keyPos {
				x.keyPos[i] = int32(i)
			}
		}
		if x.keyPos != nil {
			x.keyPos = append(x.keyPos, pos)
		}
		x.keys = append(x.keys, k)
		return
	}
	x.str[strings.Clone(id)] = pos
}

// find is get's position, -1 for an id the roster does not have.
func (x *idIndex) find(id string) int32 {
	if pos, ok := x.get(id); ok {
		return pos
	}
	return -1
}

// get finds id's roster position (after compact).
func (x *idIndex) get(id string) (int32, bool) {
	if x.dense != nil || x.rank != nil {
		k, ok := ingest.IDKey(id)
		if !ok || len(id) > 1 && id[0] == '0' {
			return -1, false
		}
		v := k >> 5
		if x.rank != nil {
			pos := x.rank.find(v)
			return pos, pos >= 0
		}
		if v < x.lo || v-x.lo >= uint64(len(x.dense)) {
			return -1, false
		}
		pos := x.dense[v-x.lo]
		return pos, pos >= 0
	}
	if k, ok := ingest.IDKey(id); ok {
		pos, ok := x.num[k]
		return pos, ok
	}
	pos, ok := x.str[id]
	return pos, ok
}

// compact ends the puts: the keys become dense when the ids allow it (see idIndex), else a map.
func (x *idIndex) compact() {
	keys, pos := x.keys, x.keyPos
	x.keys, x.keyPos = nil, nil
	if x.denseFrom(keys, pos) {
		return
	}
	x.num = make(map[uint64]int32, len(keys))
	for i, k := range keys {
		x.num[k] = posAt(pos, i)
	}
}

// posAt is the i-th key's position (see keyPos).
func posAt(pos []int32, i int) int32 {
	if pos == nil {
		return int32(i)
	}
	return pos[i]
}

func (x *idIndex) denseFrom(keys []uint64, pos []int32) bool {
	if len(x.str) > 0 || len(keys) == 0 {
		return false
	}
	lo, hi := ^uint64(0), uint64(0)
	rising := pos == nil
	for i, k := range keys {
		v, digits := k>>5, 1
		for w := v; w >= 10; w /= 10 {
			digits++
		}
		if int(k&31) != digits { // a leading zero
			return false
		}
		rising = rising && (i == 0 || v > keys[i-1]>>5)
		lo, hi = min(lo, v), max(hi, v)
	}
	if rising && hi-lo < 64*uint64(len(keys)) { // at most 12 bytes an id
		r := &rankIndex{lo: lo, bits: make([]uint64, (hi-lo)/64+1)}
		for _, k := range keys {
			off := k>>5 - lo
			r.bits[off>>6] |= 1 << (off & 63)
		}
		r.before = make([]int32, len(r.bits))
		var n int32
		for w, m := range r.bits {
			r.before[w] = n
			n += int32(bits.OnesCount64(m))
		}
		x.rank = r
		return true
	}
	if hi-lo >= 4*uint64(len(keys)) {
		return false
	}
	x.dense = make([]int32, hi-lo+1)
	for i := range x.dense {
		x.dense[i] = -1
	}
	for i, k := range keys {
		x.dense[k>>5-lo] = posAt(pos, i)
	}
	x.lo = lo
	return true
}

// shiftBytes is a spilled shift: roster position, line and date (4 bytes each), start and end (8).
const shiftBytes = 28

// punchBatch is how many punch rows the partitioned close's parser hands on at a time.
const punchBatch = 512

// appendEmployee encodes a roster row for the roster spill (every field of model.Employee:
// TestEmployeeSpillRoundTrip fails when one is added and not encoded here).
func appendEmployee(b []byte, e *model.Employee) []byte {
	for _, s := range [...]string{e.ID, e.Name, e.RuleSet, e.TimeOff, e.HolidayElect, e.Zone, e.Account} {
		b = binary.AppendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	for _, v := range [...]int64{int64(e.BaseRate), int64(e.AnnualSalary), e.BudgetedWeekly, int64(e.Seniority), int64(e.Hire), int64(e.Line),
		int64(e.ContractStart), int64(e.ContractEnd)} {
		b = binary.AppendVarint(b, v)
	}
	var flags uint64
	for i, f := range [...]bool{e.WeekdayOnly, e.CompElect, e.OnCallApproved, e.Weeks43, e.CompApproved, e.OnCallFormal} {
		if f {
			flags |= 1 << i
		}
	}
	b = binary.AppendUvarint(b, flags)
	return append(b, byte(e.HomeShift), byte(e.ScheduleType))
}

// rowReader decodes spilled rows from data; the first error sticks.
type rowReader struct {
	data []byte
	err  error
	strs map[string]string // values that repeat from row to row (rule sets, codes, accounts)
}

var errSpillCorrupt = errors.New("spilled row does not decode")

func (rr *rowReader) uvarint() uint64 {
	if rr.err != nil {
		return 0
	}
	v, n := binary.Uvarint(rr.data)
	if n <= 0 {
		rr.err = errSpillCorrupt
		return 0
	}
	rr.data = rr.data[n:]
	return v
}

func (rr *rowReader) varint() int64 {
	if rr.err != nil {
		return 0
	}
	v, n := binary.Varint(rr.data)
	if n <= 0 {
		rr.err = errSpillCorrupt
		return 0
	}
	rr.data = rr.data[n:]
	return v
}

func (rr *rowReader) bytes() []byte {
	n := rr.uvarint()
	if rr.err == nil && n > uint64(len(rr.data)) {
		rr.err = errSpillCorrupt
	}
	if rr.err != nil {
		return nil
	}
	b := rr.data[:n]
	rr.data = rr.data[n:]
	return b
}

func (rr *rowReader) str() string { return string(rr.bytes()) }

// shared returns a string that repeats across rows once for all of them.
func (rr *rowReader) shared() string {
	b := rr.bytes()
	if len(b) == 0 {
		return ""
	}
	if s, ok := rr.strs[string(b)]; ok {
		return s
	}
	s := string(b)
	if len(rr.strs) < 1<<16 {
		rr.strs[s] = s
	}
	return s
}

func (rr *rowReader) employee(e *model.Employee) {
	e.ID, e.Name = rr.str(), rr.str()
	for _, dst := range [...]*string{&e.RuleSet, &e.TimeOff, &e.HolidayElect, &e.Zone, &e.Account} {
		*dst = rr.shared()
	}
	var v [8]int64
	for i := range v {
		v[i] = rr.varint()
	}
	e.BaseRate, e.AnnualSalary, e.BudgetedWeekly = rates.Rate(v[0]), rates.Money(v[1]), v[2]
	e.Seniority, e.Hire, e.Line = calendars.Date(v[3]), calendars.Date(v[4]), int32(v[5])
	e.ContractStart, e.ContractEnd = calendars.Date(v[6]), calendars.Date(v[7])
	flags := rr.uvarint()
	for i, dst := range [...]*bool{&e.WeekdayOnly, &e.CompElect, &e.OnCallApproved, &e.Weeks43, &e.CompApproved, &e.OnCallFormal} {
		*dst = flags&(1<<i) != 0
	}
	e.HomeShift, e.ScheduleType = model.Shift(rr.byte()), model.ScheduleType(rr.byte())
}

func (rr *rowReader) byte() byte {
	if rr.err != nil {
		return 0
	}
	if len(rr.data) == 0 {
		rr.err = errSpillCorrupt
		return 0
	}
	c := rr.data[0]
	rr.data = rr.data[1:]
	return c
}

// appendRow appends row to b after its length, so that a reader takes it whole (nextRow) and
// decodes it from memory rather than a byte at a time from a bufio.Reader.
func appendRow(b, row []byte) []byte {
	b = binary.AppendUvarint(b, uint64(len(row)))
	return append(b, row...)
}

// nextRow reads the next row appendRow wrote into buf (reused) and points rr at it.
func (rr *rowReader) nextRow(r *bufio.Reader, buf []byte) []byte {
	if rr.err != nil {
		return buf
	}
	n, err := binary.ReadUvarint(r)
	if err == nil && n > 1<<24 {
		err = errSpillCorrupt
	}
	if err != nil {
		rr.err = err
		return buf
	}
	if uint64(cap(buf)) < n {
		buf = make([]byte, n)
	}
	buf = buf[:n]
	if _, err := io.ReadFull(r, buf); err != nil {
		rr.err = err
	}
	rr.data = buf
	return buf
}

// bucket sorts the indices of keys (each in [0, n)) by key, stably: order lists the rows of key 0,
// then key 1, ...; start[k]:start[k+1] is key k's range in order. Both are reused.
func bucket(keys []int32, n int, start, order []int32) ([]int32, []int32) {
	start = append(start[:0], make([]int32, n+1)...)
	for _, k := range keys {
		start[k+1]++
	}
	for k := 1; k <= n; k++ {
		start[k] += start[k-1]
	}
	order = append(order[:0], make([]int32, len(keys))...)
	for i, k := range keys { // start[k] advances to where key k ends, start[k+1] before
		order[start[k]] = int32(i)
		start[k]++
	}
	for k := n; k > 0; k-- {
		start[k] = start[k-1]
	}
	start[0] = 0
	return start, order
}

// readPartitioned is the reader of the partitioned close: it spills the inputs (steps 1 and 2)
// and sends the batches of step 3 to jobs. It fills st, and held with the most punch rows one
// partition held.
func readPartitioned(ctx context.Context, cfg *Config, rej *rejectSink, jobs chan<- *batch, st *streamStats, weeks *weekRows, held *int64, spillDir string) error {
	// 1. The roster, in roster order, to one spill file.
	roster, err := newSpill(spillDir, 1, "roster")
	if err != nil {
		return err
	}
	defer roster.remove()
	f, err := openInput(ctx, cfg.Roster)
	if err != nil {
		return fmt.Errorf("roster: %w", err)
	}
	var ids *idIndex
	if fi, err := f.Stat(); err == nil {
		ids = newIDIndex(int(fi.Size() / 64))
	} else {
		ids = newIDIndex(0)
	}
	res := newResolver(cfg)
	var n int32
	var resolveErr error
	var buf, row []byte
	st.roster, err = ingest.EachRoster(f, cfg.Roster, func(e *model.Employee) {
		if resolveErr != nil || ShardOf(e.ID, cfg.Shards) != cfg.Shard {
			return
		}
		_, _, bad, err := res.resolve(e)
		if err != nil {
			resolveErr = err
			return
		}
		if bad != nil {
			rej.add(*bad)
			return
		}
		ids.put(e.ID, n)
		n++
		row = appendEmployee(row[:0], e)
		buf = appendRow(buf[:0], row)
		roster.put(0, buf)
	}, rej.add)
	f.Close()
	if err == nil {
		err = resolveErr
	}
	if err == nil {
		err = roster.flush()
	}
	if err != nil {
		return err
	}
	startStage(cfg.Progress, "close", int64(n))
	ids.compact()
	// The roster pass held every id twice (the reader's duplicate check and the index's keys,
	// 280 MB at 10M employees); both are garbage now. The collector sets the heap's next goal
	// from the live heap it last marked, three times it at GOGC=200, so without a collection here
	// the partitioning pass grew the heap to 1.08 GB (10M employee-weeks) before the first. One
	// collection of what is left (the dense index) is a few tens of milliseconds.
	runtime.GC()

	// 2. Schedule and punches into partitions by roster position, side by side.
	var size int64
	if fi, err := os.Stat(cfg.Punches); err == nil {
		size = fi.Size()
	}
	nparts := partitionsFor(size)
	partOf := func(pos int32) int { return int(int64(pos) * int64(nparts) / int64(n)) }
	sched, err := newSpill(spillDir, nparts, "schedule")
	if err != nil {
		return err
	}
	defer sched.remove()
	var punches []*partitions // one set of partition files per reader of the export (punchSpill)
	defer func() {
		for _, ps := range punches {
			ps.remove()
		}
	}()
	g, gctx := errgroup.WithContext(ctx)
	g.Go(func() error {
		f, err := openInput(gctx, cfg.Schedule)
		if err != nil {
			return fmt.Errorf("schedule: %w", err)
		}
		defer f.Close()
		var buf []byte
		st.schedule, err = ingest.ReadSchedule(f, cfg.Schedule, func(s *model.Scheduled) {
			if ShardOf(s.Employee, cfg.Shards) != cfg.Shard {
				return
			}
			pos, ok := ids.get(s.Employee)
			if !ok {
				rej.add(unknownShift(cfg.Schedule, s.Employee, s.Line))
				return
			}
			le := binary.LittleEndian
			buf = le.AppendUint32(buf[:0], uint32(pos))
			buf = le.AppendUint32(buf, uint32(s.Line))
			buf = le.AppendUint32(buf, uint32(s.Date))
			buf = le.AppendUint64(buf, uint64(s.Start))
			buf = le.AppendUint64(buf, uint64(s.End))
			sched.put(partOf(pos), buf)
		}, rej.add)
		if err == nil {
			err = sched.flush()
		}
		return err
	})
	g.Go(func() error {
		f, err := openInput(gctx, cfg.Punches)
		if err != nil {
			return fmt.Errorf("punches: %w", err)
		}
		defer f.Close()
		sp := &punchSpill{cfg: cfg, ids: ids, partOf: partOf, nparts: nparts, dir: spillDir}
		var ps ingest.Stats
		ps, err = sp.read(f, shardRejects(cfg, rej), weeks)
		punches = sp.sets
		st.punches = []ingest.Stats{ps}
		return err
	})
	if err := g.Wait(); err != nil {
		return err
	}
	ids = nil

	// 3. Close partition by partition.
	seq := 0
	cur := getBatch(seq)
	flush := func() error {
		if len(cur.groups) == 0 && len(cur.rejects) == 0 {
			return nil
		}
		if err := send(ctx, jobs, cur); err != nil {
			return err
		}
		seq++
		cur = getBatch(seq)
		return nil
	}
	var later []employee              // employees with no punch rows, closed last as join does
	var laterShifts []model.Scheduled // their shifts
	var laterAt []int                 // where each one's shifts start in laterShifts
	rr := &rowReader{strs: map[string]string{}}
	rosterRows, err := roster.reader(0)
	if err != nil {
		return err
	}
	var (
		emps           []employee
		shifts         []shift
		spos           []int32
		sstart, sorder []int32
	)
	for k := 0; k < nparts; k++ {
		lo, hi := int32((int64(k)*int64(n)+int64(nparts)-1)/int64(nparts)), int32((int64(k+1)*int64(n)+int64(nparts)-1)/int64(nparts))
		emps = emps[:0]
		for pos := lo; pos < hi; pos++ {
			var e model.Employee
			row = rr.nextRow(rosterRows, row)
			rr.employee(&e)
			if rr.err != nil {
				return fmt.Errorf("roster partitions: %w", rr.err)
			}
			z, fam, _, err := res.resolve(&e) // accepted in step 1
			if err != nil {
				return err
			}
			emps = append(emps, employee{emp: e, zone: z, family: fam, idx: -1})
		}
		// The partition's shifts, by employee (stable: each employee's in file order).
		data, err := sched.load(k)
		if err != nil {
			return err
		}
		if int64(len(data)) != sched.rows[k]*shiftBytes {
			return fmt.Errorf("schedule partitions: %w", errSpillCorrupt)
		}
		shifts, spos = shifts[:0], spos[:0]
		le := binary.LittleEndian
		for ; len(data) > 0; data = data[shiftBytes:] {
			pos := int32(le.Uint32(data))
			if pos < lo || pos >= hi {
				return fmt.Errorf("schedule partitions: %w", errSpillCorrupt)
			}
			s := shift{line: int32(le.Uint32(data[4:])), date: calendars.Date(le.Uint32(data[8:])), start: int64(le.Uint64(data[12:])), end: int64(le.Uint64(data[20:]))}
			shifts, spos = append(shifts, s), append(spos, pos-lo)
		}
		sstart, sorder = bucket(spos, len(emps), sstart, sorder)
		// The partition's punch rows, by employee, each decoded where the close takes it.
		var rows int64
		for _, ps := range punches {
			if err := ps.byEmployee(k, lo, hi); err != nil {
				return err
			}
			rows += ps.rows[k]
		}
		*held = max(*held, rows)
		for i := range emps {
			e := &emps[i]
			slo := len(cur.shifts)
			for _, j := range sorder[sstart[i]:sstart[i+1]] {
				s := &shifts[j]
				cur.shifts = append(cur.shifts, model.Scheduled{Line: s.line, Employee: e.emp.ID, Date: s.date, Start: s.start, End: s.end})
			}
			plo := len(cur.punches)
			for _, ps := range punches { // in file order (punchSpill.sets)
				for _, off := range ps.rowsOf(lo + int32(i)) {
					cur.punches = append(cur.punches, model.Punch{})
					if err := ps.punch(off, e.emp.ID, &cur.punches[len(cur.punches)-1]); err != nil {
						return err
					}
				}
			}
			if len(cur.punches) == plo {
				later = append(later, *e)
				laterAt = append(laterAt, len(laterShifts))
				laterShifts = append(laterShifts, cur.shifts[slo:]...)
				cur.shifts = cur.shifts[:slo]
				continue
			}
			cur.emps = append(cur.emps, *e)
			cur.groups = append(cur.groups, group{emp: e.emp.ID, lo: plo, hi: len(cur.punches), ei: len(cur.emps) - 1, slo: slo, shi: len(cur.shifts)})
			if len(cur.groups) >= batchEmployees {
				if err := flush(); err != nil {
					return err
				}
			}
		}
	}
	// Punch rows of ids not on the roster (or whose roster row was rejected).
	var all, more []model.Punch
	for _, ps := range punches {
		more, err = ps.read(nparts, more, func(int32) (string, bool) { return "", false })
		if err != nil {
			return err
		}
		all = append(all, more...)
	}
	*held = max(*held, int64(len(all)))
	groupByEmployee(all)
	for i := 0; i < len(all); {
		j := i
		for j < len(all) && all[j].Employee == all[i].Employee {
			j++
		}
		rejectUnknown(cur, cfg, all[i].Employee, all[i:j])
		i = j
	}
	laterAt = append(laterAt, len(laterShifts))
	for i := range later {
		slo := len(cur.shifts)
		cur.shifts = append(cur.shifts, laterShifts[laterAt[i]:laterAt[i+1]]...)
		cur.emps = append(cur.emps, later[i])
		np := len(cur.punches)
		cur.groups = append(cur.groups, group{emp: later[i].emp.ID, lo: np, hi: np, ei: len(cur.emps) - 1, slo: slo, shi: len(cur.shifts)})
		if len(cur.groups) >= batchEmployees {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}

// unknownShift is the reject of a posted shift of an id that is not on the roster.
func unknownShift(file, id string, line int32) model.Reject {
	return model.Reject{File: file, Line: line, Column: "PERSONNUM", Value: id, Reason: "UNKNOWN_EMPLOYEE",
		Detail: "expected an employee on the roster (or whose roster row was accepted)", Employee: id}
}

// shardRejects keeps the punch rejects of this shard's employees, and the rejects of rows with
// no id in shard 0 only.
func shardRejects(cfg *Config, rej *rejectSink) func(model.Reject) {
	return func(r model.Reject) {
		if r.Employee == "" && cfg.Shard == 0 || r.Employee != "" && ShardOf(r.Employee, cfg.Shards) == cfg.Shard {
			rej.add(r)
		}
	}
}

package handoff

import (
	"bytes"
	"encoding/binary"
	"fmt"

	"github.com/payclose/payclose/stages/spill"
)

// A week's employees in brief are kept as records of a spill.Sorter keyed by employee id: gross,
// base rate, and the week's name numbers (weekStats.ref) of the department, rule set and labor
// account.

// runBytes is how many bytes of records (and their 16-byte references) the hand-off's sorters hold
// before they sort them and write them to a run file: a week's employees in brief take about 40
// bytes each, so a million make three runs and ten million thirty. A variable so a test can make a
// small week spill.
var runBytes = 16 << 20

// newSorter sorts records by key with their runs under scratch.
func newSorter(scratch string) *spill.Sorter {
	return &spill.Sorter{Parent: scratch, Prefix: ".handoff-runs-", Bytes: runBytes}
}

// ref is s's number among the week's names (s interned first).
func (ws *weekStats) ref(s string) uint64 {
	s = ws.str(s)
	if i, ok := ws.nameIdx[s]; ok {
		return i
	}
	i := uint64(len(ws.names))
	ws.names = append(ws.names, s)
	ws.nameIdx[s] = i
	return i
}

// addEmp records an employee's week (dept, ruleSet and account by their numbers, ws.ref).
func (ws *weekStats) addEmp(id string, gross, rate int64, dept, ruleSet, account uint64) error {
	ws.kbuf = append(ws.kbuf[:0], id...)
	v := binary.AppendVarint(ws.vbuf[:0], gross)
	v = binary.AppendVarint(v, rate)
	v = binary.AppendUvarint(v, dept)
	v = binary.AppendUvarint(v, ruleSet)
	v = binary.AppendUvarint(v, account)
	ws.vbuf = v
	return ws.emps.Add(ws.kbuf, v)
}

// decodeEmp reads a record of addEmp.
func (ws *weekStats) decodeEmp(v []byte, st *empStat) error {
	var ok = true
	varint := func() int64 {
		x, n := binary.Varint(v)
		if n <= 0 {
			ok = false
			return 0
		}
		v = v[n:]
		return x
	}
	ref := func() uint64 {
		x, n := binary.Uvarint(v)
		if n <= 0 || x >= uint64(len(ws.names)) {
			ok = false
			return 0
		}
		v = v[n:]
		return x
	}
	st.gross, st.rate = varint(), varint()
	d, rs, a := ref(), ref(), ref()
	if !ok {
		return fmt.Errorf("hand-off spill: a damaged employee record")
	}
	st.dept, st.ruleSet, st.account, st.accountRef = ws.names[d], ws.names[rs], ws.names[a], a
	return nil
}

// empIter reads a week's employees in id order, one record per employee: an employee recorded
// more than once has the sum of the grosses and the rest of the last record (as a map of the
// employees updated record by record had).
type empIter struct {
	ws      *weekStats
	it      *spill.Iter
	keep    func(string) bool
	id      []byte
	st      empStat
	pending bool // it is on a record not yet read into id, st
	done    bool
}

func (ws *weekStats) empIter(keep func(string) bool) (*empIter, error) {
	it, err := ws.emps.Iter()
	if err != nil {
		return nil, err
	}
	e := &empIter{ws: ws, it: it, keep: keep}
	if e.pending, err = it.Next(); err != nil {
		return nil, err
	}
	return e, nil
}

// next moves to the next employee (e.id, e.st); false after the last.
func (e *empIter) next() (bool, error) {
	for {
		if !e.pending {
			e.done = true
			return false, nil
		}
		e.id = append(e.id[:0], e.it.Key...)
		if err := e.ws.decodeEmp(e.it.Val, &e.st); err != nil {
			return false, err
		}
		var err error
		for {
			if e.pending, err = e.it.Next(); err != nil {
				return false, err
			}
			if !e.pending || !bytes.Equal(e.it.Key, e.id) {
				break
			}
			gross := e.st.gross
			if err := e.ws.decodeEmp(e.it.Val, &e.st); err != nil {
				return false, err
			}
			e.st.gross += gross
		}
		if e.keep == nil || e.keep(string(e.id)) {
			return true, nil
		}
	}
}

func (e *empIter) close() { e.it.Close() }

package pipeline

import (
	"sync"

	"github.com/payclose/payclose/stages/model"
)

// batchEmployees is how many employees travel together between stages: large enough that channel
// hand-offs are noise, small enough that the in-flight window stays a few MB.
const batchEmployees = 256

// group is one employee's rows inside a batch.
type group struct {
	emp      string
	lo, hi   int // punches[lo:hi]
	ei       int // index into batch.emps when the joiner resolved the employee, -1 otherwise
	slo, shi int // shifts[slo:shi] when ei >= 0
}

// batch carries employees from the reader through a worker to the writer and back to the pool,
// so steady state allocates nothing per employee-week.
type batch struct {
	seq     int
	punches []model.Punch
	groups  []group
	emps    []employee        // employees of a sorted-streams batch (see stream.go)
	shifts  []model.Scheduled // their posted shifts

	// filled by the worker
	lines      []model.PayLine
	accruals   []model.Accrual
	rejects    []model.Reject
	exceptions []model.Exception
	tally      tally
}

// tally is what a batch contributes to the run's totals and reconciliation.
type tally struct {
	employees     int64 // employees paid
	employeeWeeks int64
	rowsAccepted  int64 // punch rows that became a span or an absence
	inWorked      int64 // seconds of accepted worked spans, after rounding
	inAbsence     int64 // seconds of accepted absence rows
	inRejected    int64 // seconds of rows rejected by assemble
	inStandby     int64 // seconds of accepted on-call standby spans (not worked time)
	paidWorked    int64 // REG + OT seconds on pay lines
	paidAbsence   int64 // seconds on absence lines
	deducted      int64 // worked seconds the contract does not pay (auto-deducted meals)
	added         int64 // unpunched seconds the contract pays as worked (short breaks)
	mismatches    int64 // employee-weeks where REG + OT != worked
}

func (t *tally) add(o *tally) {
	t.employees += o.employees
	t.employeeWeeks += o.employeeWeeks
	t.rowsAccepted += o.rowsAccepted
	t.inWorked += o.inWorked
	t.inAbsence += o.inAbsence
	t.inRejected += o.inRejected
	t.inStandby += o.inStandby
	t.paidWorked += o.paidWorked
	t.paidAbsence += o.paidAbsence
	t.deducted += o.deducted
	t.added += o.added
	t.mismatches += o.mismatches
}

var batchPool = sync.Pool{New: func() any { return &batch{} }}

func getBatch(seq int) *batch {
	b := batchPool.Get().(*batch)
	b.seq = seq
	b.punches = b.punches[:0]
	b.groups = b.groups[:0]
	b.emps = b.emps[:0]
	b.shifts = b.shifts[:0]
	b.lines = b.lines[:0]
	b.accruals = b.accruals[:0]
	b.rejects = b.rejects[:0]
	b.exceptions = b.exceptions[:0]
	b.tally = tally{}
	return b
}

func putBatch(b *batch) { batchPool.Put(b) }

package handoff

import (
	"github.com/payclose/payclose/stages/emit"
)

// payLine is what the hand-off reads of a pay line.
type payLine struct {
	Employee, RuleSet   string // valid only during the call
	PayCode, Account    string // interned: kept as they are
	Hours, Rate, Amount int64
}

// The pay_lines columns the hand-off reads (emit.PayLineSchema).
var (
	colEmployee = emit.PayLineSchema.FieldIndices("employee_id")[0]
	colRuleSet  = emit.PayLineSchema.FieldIndices("rule_set")[0]
	colPayCode  = emit.PayLineSchema.FieldIndices("pay_code")[0]
	colHours    = emit.PayLineSchema.FieldIndices("hours")[0]
	colRate     = emit.PayLineSchema.FieldIndices("rate")[0]
	colAmount   = emit.PayLineSchema.FieldIndices("amount")[0]
	colAccount  = emit.PayLineSchema.FieldIndices("labor_account")[0]
)

// payLinesAhead is how many row groups of decoded rows readPayLines may hold: one being decoded
// while the rows of the others are handed to fn.
const payLinesAhead = 3

// payCols is a row group of decoded rows, column by column.
type payCols struct {
	employee, ruleSet, payCode, account emit.StringChunk
	hours, rate, amount                 emit.Int64Chunk
	rows                                int
}

// readPayLines calls fn for every row of a pay_lines Parquet file, in file order, decoding only
// the columns the hand-off uses, row group by row group (emit.OwnFile: the file is one this close
// just wrote). pay_code and labor_account are dictionary columns: each value of a row group's
// dictionary is interned once, and a row's is its number's.
//
// The columns are decoded on a goroutine of their own, a row group or two ahead of fn: decoding
// and adding up the rows then take a core each, where one core did both while the register
// writers waited for rows. A row group's strings stay valid until fn is done with its last row:
// it goes back to the decoder only then.
func readPayLines(path string, intern func(string) string, fn func(*payLine) error) error {
	of, err := emit.OpenOwnTable(path, emit.PayLineSchema)
	if err != nil {
		return err
	}
	defer of.Close()
	// free and full each hold every batch at once, so neither side ever blocks sending.
	free, full := make(chan *payCols, payLinesAhead), make(chan *payCols, payLinesAhead)
	for range payLinesAhead {
		free <- &payCols{}
	}
	stop := make(chan struct{})
	var decErr error
	go func() {
		defer close(full)
		decErr = decodePayLines(of, free, full, stop)
	}()
	var r payLine
	var pcs, accts []string
	for b := range full { // until the decoder is done, also after an error here
		if err == nil {
			pcs, accts = internAll(pcs[:0], b.payCode.Dict, intern), internAll(accts[:0], b.account.Dict, intern)
			emp, rs := &b.employee, &b.ruleSet
			pc, ac := b.payCode.Idx, b.account.Idx
			hours, rate, amount := b.hours.Values, b.rate.Values, b.amount.Values
			for i := 0; i < b.rows && err == nil; i++ {
				r.Employee, r.RuleSet = emp.Dict[emp.Idx[i]], rs.Dict[rs.Idx[i]]
				r.PayCode, r.Account = pcs[pc[i]], accts[ac[i]]
				r.Hours, r.Rate, r.Amount = hours[i], rate[i], amount[i]
				if err = fn(&r); err != nil {
					close(stop)
				}
			}
		}
		free <- b
	}
	if err != nil {
		return err
	}
	return decErr
}

// internAll appends the interned value of each of vs to dst.
func internAll(dst, vs []string, intern func(string) string) []string {
	for _, v := range vs {
		dst = append(dst, intern(v))
	}
	return dst
}

// decodePayLines decodes the hand-off's columns of every row group of of into batches taken from
// free and sent, full, to full, until the file ends or stop is closed.
func decodePayLines(of *emit.OwnFile, free <-chan *payCols, full chan<- *payCols, stop <-chan struct{}) error {
	for g := range of.RowGroups() {
		var b *payCols
		select {
		case b = <-free:
		case <-stop:
			return nil
		}
		b.rows = of.Rows(g)
		for _, s := range []struct {
			c  int
			sc *emit.StringChunk
		}{{colEmployee, &b.employee}, {colRuleSet, &b.ruleSet}, {colPayCode, &b.payCode}, {colAccount, &b.account}} {
			if err := of.Strings(g, s.c, s.sc); err != nil {
				return err
			}
		}
		for _, n := range []struct {
			c  int
			ic *emit.Int64Chunk
		}{{colHours, &b.hours}, {colRate, &b.rate}, {colAmount, &b.amount}} {
			if err := of.Int64s(g, n.c, n.ic); err != nil {
				return err
			}
		}
		full <- b
	}
	return nil
}

// readAccrualChanges calls fn with the employee id (valid only during the call) and the change
// in hours (closing - opening) of every row of an accruals Parquet file, in file order, read as
// readPayLines reads pay lines (columns employee_id, opening and closing of emit.AccrualSchema).
func readAccrualChanges(path string, fn func(employee string, change int64) error) error {
	of, err := emit.OpenOwnTable(path, emit.AccrualSchema)
	if err != nil {
		return err
	}
	defer of.Close()
	ce, co, cc := emit.AccrualSchema.FieldIndices("employee_id")[0], emit.AccrualSchema.FieldIndices("opening")[0], emit.AccrualSchema.FieldIndices("closing")[0]
	var emps emit.StringChunk
	var opening, closing emit.Int64Chunk
	for g := range of.RowGroups() {
		if err := of.Strings(g, ce, &emps); err != nil {
			return err
		}
		if err := of.Int64s(g, co, &opening); err != nil {
			return err
		}
		if err := of.Int64s(g, cc, &closing); err != nil {
			return err
		}
		for i, k := range emps.Idx {
			if err := fn(emps.Dict[k], closing.Values[i]-opening.Values[i]); err != nil {
				return err
			}
		}
	}
	return nil
}

package handoff

import (
	"context"
	"fmt"
	"io"

	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/apache/arrow/go/v15/parquet/file"
	"github.com/apache/arrow/go/v15/parquet/pqarrow"

	"github.com/payclose/payclose/stages/emit"
)

// payLine is what the hand-off reads of a pay line.
type payLine struct {
	Employee, RuleSet   string // valid only during the call
	PayCode, Account    string // interned: kept as they are
	Hours, Rate, Amount int64
}

// The pay_lines columns the hand-off reads (emit.PayLineSchema): employee_id, rule_set, pay_code,
// hours, rate, amount, labor_account.
var payLineCols = []int{1, 2, 4, 6, 7, 8, 10}

// readPayLines calls fn for every row of a pay_lines Parquet file, in file order, decoding only
// the columns the hand-off uses and reading pay_code and labor_account as the dictionaries they
// are written as, so that each distinct value is interned once per batch instead of copied per
// row (emit.ReadPayLines decodes ten columns as plain strings; that was a quarter of the hand-off's CPU).
func readPayLines(path string, intern func(string) string, fn func(*payLine) error) error {
	rdr, err := file.OpenParquetFile(path, false)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	defer rdr.Close()
	props := pqarrow.ArrowReadProperties{BatchSize: 64 << 10}
	props.SetReadDict(4, true)
	props.SetReadDict(10, true)
	fr, err := pqarrow.NewFileReader(rdr, props, memory.DefaultAllocator)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	sc, err := fr.Schema()
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if sc.NumFields() != emit.PayLineSchema.NumFields() {
		return fmt.Errorf("%s: not a file of this version: %d columns, want %d", path, sc.NumFields(), emit.PayLineSchema.NumFields())
	}
	for i := range sc.NumFields() {
		if g, w := sc.Field(i).Name, emit.PayLineSchema.Field(i).Name; g != w {
			return fmt.Errorf("%s: not a file of this version: column %d is %s, want %s", path, i, g, w)
		}
	}
	rr, err := fr.GetRecordReader(context.Background(), payLineCols, nil)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	defer rr.Release()
	var r payLine
	var pcs, accts []string
	for rr.Next() {
		rec := rr.Record()
		emp, ok1 := rec.Column(0).(*array.String)
		rs, ok2 := rec.Column(1).(*array.String)
		pc, ok3 := rec.Column(2).(*array.Dictionary)
		hours, ok4 := rec.Column(3).(*array.Decimal128)
		rate, ok5 := rec.Column(4).(*array.Decimal128)
		amount, ok6 := rec.Column(5).(*array.Decimal128)
		acct, ok7 := rec.Column(6).(*array.Dictionary)
		if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6 && ok7) {
			return fmt.Errorf("%s: not a file of this version: column types %s", path, rec.Schema())
		}
		var err error
		if pcs, err = dictStrings(pc, intern, pcs); err != nil {
			return fmt.Errorf("%s: pay_code: %w", path, err)
		}
		if accts, err = dictStrings(acct, intern, accts); err != nil {
			return fmt.Errorf("%s: labor_account: %w", path, err)
		}
		for i := 0; i < int(rec.NumRows()); i++ {
			r = payLine{Employee: emp.Value(i), RuleSet: rs.Value(i), PayCode: pcs[pc.GetValueIndex(i)],
				Hours: int64(hours.Value(i).LowBits()), Rate: int64(rate.Value(i).LowBits()), Amount: int64(amount.Value(i).LowBits()),
				Account: accts[acct.GetValueIndex(i)]}
			if err := fn(&r); err != nil {
				return err
			}
		}
	}
	if err := rr.Err(); err != nil && err != io.EOF {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// dictStrings is a batch's dictionary of strings, interned (into buf).
func dictStrings(d *array.Dictionary, intern func(string) string, buf []string) ([]string, error) {
	s, ok := d.Dictionary().(*array.String)
	if !ok {
		return nil, fmt.Errorf("dictionary of %s, want strings", d.Dictionary().DataType())
	}
	buf = buf[:0]
	for i := range s.Len() {
		buf = append(buf, intern(s.Value(i)))
	}
	return buf, nil
}

package emit

import (
	"context"
	"fmt"
	"strings"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/apache/arrow/go/v15/parquet/file"
	"github.com/apache/arrow/go/v15/parquet/pqarrow"

	"github.com/payclose/payclose/calendars"
)

// PayLineRow is a pay line as read back from a pay_lines file: the stored columns, decimals as
// their unscaled integers (hours in 1/10,000 h, rate in 1/10,000 $, amount in cents).
type PayLineRow struct {
	RunID, Employee, RuleSet string
	WorkDate                 calendars.Date
	PayCode                  string
	Minutes                  int64
	Hours, Rate, Amount      int64
	RuleID, Account          string
}

// ReadPayLines calls fn for every row of a pay_lines Parquet file, in file order. Reading back is
// for corrections and diffs only, never the close's hot path.
func ReadPayLines(path string, fn func(*PayLineRow)) error {
	rdr, err := file.OpenParquetFile(path, false)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	defer rdr.Close()
	fr, err := pqarrow.NewFileReader(rdr, pqarrow.ArrowReadProperties{BatchSize: 64 << 10}, memory.DefaultAllocator)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	tbl, err := fr.ReadTable(context.Background())
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	defer tbl.Release()
	if err := sameColumns(tbl.Schema(), PayLineSchema); err != nil {
		return fmt.Errorf("%s: not a pay_lines file of this version: %w", path, err)
	}
	tr := array.NewTableReader(tbl, 64<<10)
	defer tr.Release()
	// Arrow's strings alias its buffers; the caller may keep them, so they are copied (once per
	// distinct value).
	seen := map[string]string{}
	clone := func(s string) string {
		if c, ok := seen[s]; ok {
			return c
		}
		c := strings.Clone(s)
		seen[c] = c
		return c
	}
	var r PayLineRow
	for tr.Next() {
		rec := tr.Record()
		str := func(i int) *array.String { return rec.Column(i).(*array.String) }
		dec := func(i int) *array.Decimal128 { return rec.Column(i).(*array.Decimal128) }
		run, emp, rs, pc, rid, acc := str(0), str(1), str(2), str(4), str(9), str(10)
		date, mins := rec.Column(3).(*array.Date32), rec.Column(5).(*array.Int32)
		hours, rate, amount := dec(6), dec(7), dec(8)
		for i := 0; i < int(rec.NumRows()); i++ {
			r = PayLineRow{RunID: clone(run.Value(i)), Employee: clone(emp.Value(i)), RuleSet: clone(rs.Value(i)),
				WorkDate: calendars.Date(date.Value(i)), PayCode: clone(pc.Value(i)), Minutes: int64(mins.Value(i)),
				Hours: int64(hours.Value(i).LowBits()), Rate: int64(rate.Value(i).LowBits()), Amount: int64(amount.Value(i).LowBits()),
				RuleID: clone(rid.Value(i)), Account: clone(acc.Value(i))}
			fn(&r)
		}
	}
	return tr.Err()
}

// sameColumns checks names and types column by column (the file's fields carry Parquet metadata
// the declared schema has not).
func sameColumns(got, want *arrow.Schema) error {
	if got.NumFields() != want.NumFields() {
		return fmt.Errorf("%d columns, want %d", got.NumFields(), want.NumFields())
	}
	for i := 0; i < want.NumFields(); i++ {
		g, w := got.Field(i), want.Field(i)
		if g.Name != w.Name || !arrow.TypeEqual(g.Type, w.Type) {
			return fmt.Errorf("column %d is %s %s, want %s %s", i, g.Name, g.Type, w.Name, w.Type)
		}
	}
	return nil
}

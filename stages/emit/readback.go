package emit

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/apache/arrow/go/v15/parquet/file"
	"github.com/apache/arrow/go/v15/parquet/pqarrow"

	"github.com/payclose/payclose/calendars"
)

// PayLineRow is a pay line as read back from a pay_lines file: the columns a correction compares
// (not run_id, start_ts, end_ts), decimals as their unscaled integers (hours in 1/10,000 h, rate
// in 1/10,000 $, amount in cents).
type PayLineRow struct {
	Employee, RuleSet   string
	WorkDate            calendars.Date
	PayCode             string
	Minutes             int64
	Hours, Rate, Amount int64
	RuleID, Account     string
}

// readTable reads a Parquet file of the given schema record batch by record batch, only the
// columns cols (all when nil), and gives each batch to each with a clone function that copies a
// string once per distinct value (Arrow's strings alias its buffers).
func readTable(path string, want *arrow.Schema, cols []int, each func(rec arrow.Record, clone func(string) string)) error {
	rdr, err := file.OpenParquetFile(path, false)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	defer rdr.Close()
	fr, err := pqarrow.NewFileReader(rdr, pqarrow.ArrowReadProperties{BatchSize: 64 << 10}, memory.DefaultAllocator)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := sameColumns(mustSchema(fr), want); err != nil {
		return fmt.Errorf("%s: not a file of this version: %w", path, err)
	}
	// Record batches, not the whole table: a week's part file can hold millions of lines.
	rr, err := fr.GetRecordReader(context.Background(), cols, nil)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	defer rr.Release()
	seen := map[string]string{}
	clone := func(s string) string {
		if c, ok := seen[s]; ok {
			return c
		}
		c := strings.Clone(s)
		seen[c] = c
		return c
	}
	for rr.Next() {
		each(rr.Record(), clone)
	}
	if err := rr.Err(); err != nil && err != io.EOF {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

func mustSchema(fr *pqarrow.FileReader) *arrow.Schema {
	sc, err := fr.Schema()
	if err != nil {
		return arrow.NewSchema(nil, nil)
	}
	return sc
}

// ReadPayLines calls fn for every row of a pay_lines Parquet file, in file order. The row's
// strings are valid only during the call and may alias Arrow's buffers: strings.Clone what is
// kept. (A week's pay lines are read several times by a correction; copying or interning five
// strings a row was most of that time.) Reading back is for corrections and diffs only, never
// the close's hot path.
//
// A file this package wrote is read with OwnFile, row group by row group: a correction of a 1M
// employee-week week reads the paid and the new pay lines twice each, and through Arrow's
// records that took ~13 of its ~34 CPU seconds. Any other file (written by Arrow, as before
// pqfile.go) is read through Arrow.
func ReadPayLines(path string, fn func(*PayLineRow)) error {
	of, err := OpenOwnTable(path, PayLineSchema)
	if err != nil {
		return readPayLinesArrow(path, fn) // which says what is wrong with a file that is not ours
	}
	defer of.Close()
	var emp, rs, pc, rid, acc StringChunk
	var date, mins Int32Chunk
	var hours, rate, amount Int64Chunk
	var r PayLineRow
	for g := range of.RowGroups() {
		// Columns 1..10 of PayLineSchema: employee_id .. labor_account.
		for _, s := range []struct {
			c  int
			sc *StringChunk
		}{{1, &emp}, {2, &rs}, {4, &pc}, {9, &rid}, {10, &acc}} {
			if err := of.Strings(g, s.c, s.sc); err != nil {
				return err
			}
		}
		if err := of.Int32s(g, 3, &date); err != nil {
			return err
		}
		if err := of.Int32s(g, 5, &mins); err != nil {
			return err
		}
		for _, n := range []struct {
			c  int
			ic *Int64Chunk
		}{{6, &hours}, {7, &rate}, {8, &amount}} {
			if err := of.Int64s(g, n.c, n.ic); err != nil {
				return err
			}
		}
		for i := range of.Rows(g) {
			r = PayLineRow{Employee: emp.Dict[emp.Idx[i]], RuleSet: rs.Dict[rs.Idx[i]],
				WorkDate: calendars.Date(date.Values[i]), PayCode: pc.Dict[pc.Idx[i]], Minutes: int64(mins.Values[i]),
				Hours: hours.Values[i], Rate: rate.Values[i], Amount: amount.Values[i],
				RuleID: rid.Dict[rid.Idx[i]], Account: acc.Dict[acc.Idx[i]]}
			fn(&r)
		}
	}
	return nil
}

// readPayLinesArrow is ReadPayLines through Arrow, for files another writer made.
func readPayLinesArrow(path string, fn func(*PayLineRow)) error {
	var r PayLineRow
	// Columns 1..10 of PayLineSchema, in that order: employee_id .. labor_account.
	return readTable(path, PayLineSchema, []int{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, func(rec arrow.Record, _ func(string) string) {
		str := func(i int) *array.String { return rec.Column(i - 1).(*array.String) }
		dec := func(i int) *array.Decimal128 { return rec.Column(i - 1).(*array.Decimal128) }
		emp, rs, pc, rid, acc := str(1), str(2), str(4), str(9), str(10)
		date, mins := rec.Column(3-1).(*array.Date32), rec.Column(5-1).(*array.Int32)
		hours, rate, amount := dec(6), dec(7), dec(8)
		for i := 0; i < int(rec.NumRows()); i++ {
			r = PayLineRow{Employee: emp.Value(i), RuleSet: rs.Value(i),
				WorkDate: calendars.Date(date.Value(i)), PayCode: pc.Value(i), Minutes: int64(mins.Value(i)),
				Hours: int64(hours.Value(i).LowBits()), Rate: int64(rate.Value(i).LowBits()), Amount: int64(amount.Value(i).LowBits()),
				RuleID: rid.Value(i), Account: acc.Value(i)}
			fn(&r)
		}
	})
}

// ReadAdjustments calls fn for every row of an adjustments Parquet file.
func ReadAdjustments(path string, fn func(*Adjustment)) error {
	var a Adjustment
	return readTable(path, AdjustmentSchema, nil, func(rec arrow.Record, clone func(string) string) {
		str := func(i int) *array.String { return rec.Column(i).(*array.String) }
		i32 := func(i int) *array.Int32 { return rec.Column(i).(*array.Int32) }
		dec := func(i int) *array.Decimal128 { return rec.Column(i).(*array.Decimal128) }
		d32 := func(i int) *array.Date32 { return rec.Column(i).(*array.Date32) }
		for i := 0; i < int(rec.NumRows()); i++ {
			a = Adjustment{Employee: clone(str(1).Value(i)), RuleSet: clone(str(2).Value(i)), WorkDate: calendars.Date(d32(3).Value(i)),
				PayCode: clone(str(4).Value(i)), RuleID: clone(str(5).Value(i)), Account: clone(str(6).Value(i)),
				CorrectedWeek: calendars.Date(d32(7).Value(i)), Change: clone(str(8).Value(i)),
				PriorMinutes: int64(i32(9).Value(i)), NewMinutes: int64(i32(10).Value(i)),
				DeltaHours: int64(dec(12).Value(i).LowBits()), Rate: int64(dec(13).Value(i).LowBits()),
				PriorAmount: int64(dec(14).Value(i).LowBits()), NewAmount: int64(dec(15).Value(i).LowBits()),
				PriorRunID: clone(str(17).Value(i)), NewRunID: clone(str(18).Value(i))}
			fn(&a)
		}
	})
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

package emit

import (
	"fmt"
	"io"
	"math"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/decimal128"

	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
)

// PayLineSchema is the pay_lines table of FORMATS.md. Column order is part of the interface.
var PayLineSchema = arrow.NewSchema([]arrow.Field{
	required("run_id", arrow.BinaryTypes.String),
	required("employee_id", arrow.BinaryTypes.String),
	required("rule_set", arrow.BinaryTypes.String),
	required("work_date", arrow.FixedWidthTypes.Date32),
	required("pay_code", arrow.BinaryTypes.String),
	required("minutes", arrow.PrimitiveTypes.Int32),
	required("hours", typeHours),
	required("rate", typeRate),
	required("amount", typeAmount),
	required("rule_id", arrow.BinaryTypes.String),
	required("labor_account", arrow.BinaryTypes.String),
	required("start_ts", typeInstUs),
	required("end_ts", typeInstUs),
}, nil)

var payLineDictColumns = []string{"run_id", "rule_set", "pay_code", "rule_id", "labor_account"}

// PayLineWriter streams pay lines into one Parquet file.
type PayLineWriter struct {
	t     *tableWriter
	runID string

	runIDB, employee, ruleSet, payCode, ruleID, account *array.StringBuilder
	workDate                                            *array.Date32Builder
	minutes                                             *array.Int32Builder
	hours, rate, amount                                 *array.Decimal128Builder
	start, end                                          *array.TimestampBuilder
}

// NewPayLineWriter starts a pay_lines file on w. Every row gets runID. w is not closed by the
// writer.
func NewPayLineWriter(w io.Writer, runID string, opts ParquetOptions) (*PayLineWriter, error) {
	t, err := newTableWriter(w, PayLineSchema, payLineDictColumns, opts)
	if err != nil {
		return nil, err
	}
	f := t.rb.Fields()
	return &PayLineWriter{
		t: t, runID: runID,
		runIDB:   f[0].(*array.StringBuilder),
		employee: f[1].(*array.StringBuilder),
		ruleSet:  f[2].(*array.StringBuilder),
		workDate: f[3].(*array.Date32Builder),
		payCode:  f[4].(*array.StringBuilder),
		minutes:  f[5].(*array.Int32Builder),
		hours:    f[6].(*array.Decimal128Builder),
		rate:     f[7].(*array.Decimal128Builder),
		amount:   f[8].(*array.Decimal128Builder),
		ruleID:   f[9].(*array.StringBuilder),
		account:  f[10].(*array.StringBuilder),
		start:    f[11].(*array.TimestampBuilder),
		end:      f[12].(*array.TimestampBuilder),
	}, nil
}

// Write appends lines. A line whose numbers do not fit the declared column types is an error and
// nothing of it is written; the lines before it are kept.
func (p *PayLineWriter) Write(lines []model.PayLine) error {
	for i := range lines {
		l := &lines[i]
		if err := p.t.ready(); err != nil {
			return err
		}
		minutes := l.Seconds / 60
		hours := rates.Round(l.Seconds*10000, 3600)
		if minutes > math.MaxInt32 || minutes < math.MinInt32 || !fits(hours, limitP10) {
			return fmt.Errorf("pay line %s %s %s: %d seconds do not fit hours DECIMAL(10,4)", l.Employee, l.WorkDate, l.PayCode, l.Seconds)
		}
		if !fits(int64(l.Rate), limitP12) {
			return fmt.Errorf("pay line %s %s %s: rate %s does not fit DECIMAL(12,4)", l.Employee, l.WorkDate, l.PayCode, l.Rate)
		}
		if !fits(int64(l.Amount), limitP18) {
			return fmt.Errorf("pay line %s %s %s: amount %s does not fit DECIMAL(18,2)", l.Employee, l.WorkDate, l.PayCode, l.Amount)
		}
		p.runIDB.Append(p.runID)
		p.employee.Append(l.Employee)
		p.ruleSet.Append(l.RuleSet)
		p.workDate.UnsafeAppend(arrow.Date32(l.WorkDate))
		p.payCode.Append(l.PayCode)
		p.minutes.UnsafeAppend(int32(minutes))
		p.hours.UnsafeAppend(decimal128.FromI64(hours))
		p.rate.UnsafeAppend(decimal128.FromI64(int64(l.Rate)))
		p.amount.UnsafeAppend(decimal128.FromI64(int64(l.Amount)))
		p.ruleID.Append(l.RuleID)
		p.account.Append(l.Account)
		p.start.UnsafeAppend(arrow.Timestamp(l.Start * 1_000_000))
		p.end.UnsafeAppend(arrow.Timestamp(l.End * 1_000_000))
		if err := p.t.rowDone(); err != nil {
			return err
		}
	}
	return nil
}

// Close writes the remaining rows and the footer. It does not close the underlying writer.
func (p *PayLineWriter) Close() error { return p.t.close() }

// Written describes what was written (rows, bytes, sha256); complete after Close.
func (p *PayLineWriter) Written() Output { return p.t.sink.output(p.t.rows) }

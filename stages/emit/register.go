package emit

import (
	"fmt"
	"io"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"

	"github.com/payclose/payclose/calendars"
)

// RegisterSchema is the payroll register (register/week_start=W/): one row per employee ×
// earning code of a week, with the employee's totals repeated on each row, the layout a payroll
// system imports. rate is the one rate of the row's lines; rates counts the distinct rates, and
// when it is more than one, rate is 0 (the CSV says "various"). Column order is part of the
// interface.
var RegisterSchema = arrow.NewSchema([]arrow.Field{
	required("run_id", arrow.BinaryTypes.String),
	required("week_start", arrow.FixedWidthTypes.Date32),
	required("employee_id", arrow.BinaryTypes.String),
	required("rule_set", arrow.BinaryTypes.String),
	required("earning_code", arrow.BinaryTypes.String),
	required("description", arrow.BinaryTypes.String),
	required("hours", typeHours),
	required("rate", typeRate),
	required("rates", arrow.PrimitiveTypes.Int32),
	required("amount", typeAmount),
	required("employee_hours", typeHours),
	required("employee_gross", typeAmount),
}, nil)

// RegisterRow is one register row; decimals unscaled (hours 1/10,000 h, rate 1/10,000 $, amounts
// cents).
type RegisterRow struct {
	Week                     calendars.Date
	Employee, RuleSet        string
	EarningCode, Description string
	Hours, Rate              int64
	Rates                    int32
	Amount                   int64
	EmployeeHours            int64
	EmployeeGross            int64
}

// RegisterWriter streams register rows into one Parquet file.
type RegisterWriter struct {
	fileWriter
}

// NewRegisterWriter starts a register file on w (not closed by the writer).
func NewRegisterWriter(w io.Writer, runID string) (*RegisterWriter, error) {
	t, err := newTableWriter(w, runID, RegisterSchema, []string{"run_id", "employee_id", "rule_set", "earning_code", "description"}, ParquetOptions{})
	if err != nil {
		return nil, err
	}
	return &RegisterWriter{fileWriter{t}}, nil
}

// Write appends rows; a number that does not fit its column is an error.
func (r *RegisterWriter) Write(rows []RegisterRow) error {
	t := r.t
	for i := range rows {
		x := &rows[i]
		if err := t.ready(); err != nil {
			return err
		}
		if !fits(x.Hours, limitP10) || !fits(x.EmployeeHours, limitP10) || !fits(x.Rate, limitP12) || !fits(x.Amount, limitP18) || !fits(x.EmployeeGross, limitP18) {
			return fmt.Errorf("register %s %s: a number does not fit its column", x.Employee, x.EarningCode)
		}
		t.i32(1, int32(x.Week))
		t.str(2, x.Employee)
		t.str(3, x.RuleSet)
		t.str(4, x.EarningCode)
		t.str(5, x.Description)
		t.i64(6, x.Hours)
		t.i64(7, x.Rate)
		t.i32(8, x.Rates)
		t.i64(9, x.Amount)
		t.i64(10, x.EmployeeHours)
		t.i64(11, x.EmployeeGross)
		if err := t.rowDone(); err != nil {
			return err
		}
	}
	return nil
}

// AccrualRow is an accrual row as read back (hours unscaled, 1/10,000 h).
type AccrualRow struct {
	Employee, RuleSet, Bank string
	Opening, Closing        int64
}

// ReadAccruals calls fn for every row of an accruals Parquet file, in file order. Strings are
// valid only during the call.
func ReadAccruals(path string, fn func(*AccrualRow)) error {
	var r AccrualRow
	// Columns employee_id, rule_set, bank, opening, ..., closing of AccrualSchema.
	return readTable(path, AccrualSchema, []int{1, 2, 3, 4, 8}, func(rec arrow.Record, _ func(string) string) {
		emp, rs, bank := rec.Column(0).(*array.String), rec.Column(1).(*array.String), rec.Column(2).(*array.String)
		op, cl := rec.Column(3).(*array.Decimal128), rec.Column(4).(*array.Decimal128)
		for i := 0; i < int(rec.NumRows()); i++ {
			r = AccrualRow{Employee: emp.Value(i), RuleSet: rs.Value(i), Bank: bank.Value(i),
				Opening: int64(op.Value(i).LowBits()), Closing: int64(cl.Value(i).LowBits())}
			fn(&r)
		}
	})
}

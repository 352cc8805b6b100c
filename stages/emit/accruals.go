package emit

import (
	"fmt"
	"io"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/decimal128"

	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
)

// AccrualSchema is the accruals table of FORMATS.md. Column order is part of the interface.
var AccrualSchema = arrow.NewSchema([]arrow.Field{
	required("run_id", arrow.BinaryTypes.String),
	required("employee_id", arrow.BinaryTypes.String),
	required("rule_set", arrow.BinaryTypes.String),
	required("bank", arrow.BinaryTypes.String),
	required("opening", typeHours),
	required("earned", typeHours),
	required("used", typeHours),
	required("forfeited", typeHours),
	required("closing", typeHours),
	required("ytd_accrued", typeHours),
	required("tier", arrow.BinaryTypes.String),
	required("rule_id", arrow.BinaryTypes.String),
}, nil)

var accrualDictColumns = []string{"run_id", "rule_set", "bank", "tier", "rule_id"}

// AccrualWriter streams accrual rows into one Parquet file.
type AccrualWriter struct {
	t     *tableWriter
	runID string

	runIDB, employee, ruleSet, bank, tier, ruleID *array.StringBuilder
	hours                                         [6]*array.Decimal128Builder // opening..ytd_accrued
}

// NewAccrualWriter starts an accruals file on w. Every row gets runID. w is not closed by the
// writer.
func NewAccrualWriter(w io.Writer, runID string, opts ParquetOptions) (*AccrualWriter, error) {
	t, err := newTableWriter(w, AccrualSchema, accrualDictColumns, opts)
	if err != nil {
		return nil, err
	}
	f := t.rb.Fields()
	a := &AccrualWriter{
		t: t, runID: runID,
		runIDB:   f[0].(*array.StringBuilder),
		employee: f[1].(*array.StringBuilder),
		ruleSet:  f[2].(*array.StringBuilder),
		bank:     f[3].(*array.StringBuilder),
		tier:     f[10].(*array.StringBuilder),
		ruleID:   f[11].(*array.StringBuilder),
	}
	for i := range a.hours {
		a.hours[i] = f[4+i].(*array.Decimal128Builder)
	}
	return a, nil
}

// Write appends accrual rows. A row whose hours do not fit DECIMAL(10,4) is an error and nothing
// of it is written; the rows before it are kept.
func (a *AccrualWriter) Write(rows []model.Accrual) error {
	for i := range rows {
		r := &rows[i]
		if err := a.t.ready(); err != nil {
			return err
		}
		vals := [6]rates.Hours{r.Opening, r.Earned, r.Used, r.Forfeited, r.Closing, r.YTD}
		for j, v := range vals {
			if !fits(int64(v), limitP10) {
				return fmt.Errorf("accrual %s %s: %s %s does not fit DECIMAL(10,4)", r.Employee, r.Bank, AccrualSchema.Field(4+j).Name, v)
			}
		}
		a.runIDB.Append(a.runID)
		a.employee.Append(r.Employee)
		a.ruleSet.Append(r.RuleSet)
		a.bank.Append(r.Bank)
		for j, v := range vals {
			a.hours[j].UnsafeAppend(decimal128.FromI64(int64(v)))
		}
		a.tier.Append(r.Tier)
		a.ruleID.Append(r.RuleID)
		if err := a.t.rowDone(); err != nil {
			return err
		}
	}
	return nil
}

// Close writes the remaining rows and the footer. It does not close the underlying writer.
func (a *AccrualWriter) Close() error { return a.t.close() }

// Written describes what was written (rows, bytes, sha256); complete after Close.
func (a *AccrualWriter) Written() Output { return a.t.sink.output(a.t.rows) }

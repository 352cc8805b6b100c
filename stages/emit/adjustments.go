package emit

import (
	"fmt"
	"io"

	"github.com/apache/arrow/go/v15/arrow"

	"github.com/payclose/payclose/calendars"
)

// AdjustmentSchema is the adjustments table: one row per employee × work_date × pay_code ×
// rule_id × labor_account whose minutes or amount changed when a closed week was re-closed. The
// dataset is partitioned by the week the difference is paid in (adjustments/pay_week=P/).
// Column order is part of the interface.
var AdjustmentSchema = arrow.NewSchema([]arrow.Field{
	required("run_id", arrow.BinaryTypes.String), // the correcting run (= new_run_id)
	required("employee_id", arrow.BinaryTypes.String),
	required("rule_set", arrow.BinaryTypes.String),
	required("work_date", arrow.FixedWidthTypes.Date32),
	required("pay_code", arrow.BinaryTypes.String),
	required("rule_id", arrow.BinaryTypes.String),
	required("labor_account", arrow.BinaryTypes.String),
	required("corrected_week", arrow.FixedWidthTypes.Date32),
	required("change", arrow.BinaryTypes.String), // ADDED, REMOVED or CHANGED
	required("prior_minutes", arrow.PrimitiveTypes.Int32),
	required("new_minutes", arrow.PrimitiveTypes.Int32),
	required("delta_minutes", arrow.PrimitiveTypes.Int32),
	required("delta_hours", typeHours),
	required("rate", typeRate),
	required("prior_amount", typeAmount),
	required("new_amount", typeAmount),
	required("delta_amount", typeAmount),
	required("prior_run_id", arrow.BinaryTypes.String),
	required("new_run_id", arrow.BinaryTypes.String),
}, nil)

var adjustmentDictColumns = []string{"pay_code", "rule_id", "labor_account", "change"}

// Adjustment is one adjustment row; decimals are unscaled (hours 1/10,000 h, rate 1/10,000 $,
// amounts cents), as in PayLineRow.
type Adjustment struct {
	Employee, RuleSet        string
	WorkDate                 calendars.Date
	PayCode, RuleID, Account string
	CorrectedWeek            calendars.Date
	Change                   string
	PriorMinutes, NewMinutes int64
	DeltaHours, Rate         int64
	PriorAmount, NewAmount   int64
	PriorRunID, NewRunID     string
}

// DeltaMinutes is new − prior minutes.
func (a *Adjustment) DeltaMinutes() int64 { return a.NewMinutes - a.PriorMinutes }

// DeltaAmount is new − prior cents.
func (a *Adjustment) DeltaAmount() int64 { return a.NewAmount - a.PriorAmount }

// WriteAdjustments writes rows as one adjustments Parquet file on w (not closed).
func WriteAdjustments(w io.Writer, runID string, rows []Adjustment) (Output, error) {
	t, err := newTableWriter(w, runID, AdjustmentSchema, adjustmentDictColumns, ParquetOptions{})
	if err != nil {
		return Output{}, err
	}
	for i := range rows {
		a := &rows[i]
		if err := t.ready(); err != nil {
			return Output{}, err
		}
		if !fits(a.DeltaHours, limitP10) || !fits(a.Rate, limitP12) || !fits(a.PriorAmount, limitP18) || !fits(a.NewAmount, limitP18) {
			return Output{}, fmt.Errorf("adjustment %s %s %s: a value does not fit its column", a.Employee, a.WorkDate, a.PayCode)
		}
		t.str(1, a.Employee)
		t.str(2, a.RuleSet)
		t.i32(3, int32(a.WorkDate))
		t.str(4, a.PayCode)
		t.str(5, a.RuleID)
		t.str(6, a.Account)
		t.i32(7, int32(a.CorrectedWeek))
		t.str(8, a.Change)
		t.i32(9, int32(a.PriorMinutes))
		t.i32(10, int32(a.NewMinutes))
		t.i32(11, int32(a.DeltaMinutes()))
		t.i64(12, a.DeltaHours)
		t.i64(13, a.Rate)
		t.i64(14, a.PriorAmount)
		t.i64(15, a.NewAmount)
		t.i64(16, a.DeltaAmount())
		t.str(17, a.PriorRunID)
		t.str(18, a.NewRunID)
		if err := t.rowDone(); err != nil {
			return Output{}, err
		}
	}
	if err := t.close(); err != nil {
		return Output{}, err
	}
	return t.sink.output(t.rows), nil
}

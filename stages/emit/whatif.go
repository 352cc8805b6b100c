package emit

import (
	"fmt"
	"io"

	"github.com/apache/arrow/go/v15/arrow"

	"github.com/payclose/payclose/calendars"
)

// typeHoursSum holds hours summed over a week's pay lines of a key, which can pass the 10 digits
// of one line's hours.
var typeHoursSum = &arrow.Decimal128Type{Precision: 18, Scale: 4}

// WhatIfSchema is the what-if table (payclose whatif): pay lines paid and proposed, summed by
// week × rule_set × pay_code × rule_id × labor_account, with the labor account's department.
// Column order is part of the interface.
var WhatIfSchema = arrow.NewSchema([]arrow.Field{
	required("week_start", arrow.FixedWidthTypes.Date32),
	required("rule_set", arrow.BinaryTypes.String),
	required("pay_code", arrow.BinaryTypes.String),
	required("rule_id", arrow.BinaryTypes.String),
	required("labor_account", arrow.BinaryTypes.String),
	required("department", arrow.BinaryTypes.String),
	required("paid_hours", typeHoursSum),
	required("proposed_hours", typeHoursSum),
	required("paid_amount", typeAmount),
	required("proposed_amount", typeAmount),
	required("difference", typeAmount),
}, nil)

// WhatIfLine is one what-if row; decimals are unscaled (hours 1/10,000 h, amounts cents).
type WhatIfLine struct {
	Week                                                 calendars.Date
	RuleSet, PayCode, RuleID, Account, Department        string
	PaidHours, ProposedHours, PaidAmount, ProposedAmount int64
}

// WriteWhatIf writes rows as one what-if Parquet file on w (not closed).
func WriteWhatIf(w io.Writer, rows []WhatIfLine) (Output, error) {
	t, err := newTableWriter(w, "", WhatIfSchema, []string{"rule_set", "pay_code", "rule_id", "labor_account", "department"}, ParquetOptions{})
	if err != nil {
		return Output{}, err
	}
	for i := range rows {
		r := &rows[i]
		if err := t.ready(); err != nil {
			return Output{}, err
		}
		d := r.ProposedAmount - r.PaidAmount
		if !fits(r.PaidHours, limitP18) || !fits(r.ProposedHours, limitP18) || !fits(r.PaidAmount, limitP18) || !fits(r.ProposedAmount, limitP18) || !fits(d, limitP18) {
			return Output{}, fmt.Errorf("what-if %s %s %s: a value does not fit its column", r.Week, r.PayCode, r.Account)
		}
		t.i32(0, int32(r.Week))
		t.str(1, r.RuleSet)
		t.str(2, r.PayCode)
		t.str(3, r.RuleID)
		t.str(4, r.Account)
		t.str(5, r.Department)
		t.i64(6, r.PaidHours)
		t.i64(7, r.ProposedHours)
		t.i64(8, r.PaidAmount)
		t.i64(9, r.ProposedAmount)
		t.i64(10, d)
		if err := t.rowDone(); err != nil {
			return Output{}, err
		}
	}
	if err := t.close(); err != nil {
		return Output{}, err
	}
	return t.sink.output(t.rows), nil
}

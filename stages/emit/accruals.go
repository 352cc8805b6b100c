package emit

import (
	"fmt"
	"io"

	"github.com/apache/arrow/go/v15/arrow"

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
	// Lot rows of a bank kept in lots (exempt comp, PSU-18.2-C1): the credit date and the last day
	// the lot can be used, as ISO dates; empty on bank rows. Added after rule_id so readers of the
	// earlier columns are unaffected.
	required("credit_date", arrow.BinaryTypes.String),
	required("expires", arrow.BinaryTypes.String),
}, nil)

var accrualDictColumns = []string{"run_id", "employee_id", "rule_set", "bank", "tier", "rule_id", "credit_date", "expires"}

// AccrualWriter streams accrual rows into one Parquet file.
type AccrualWriter struct {
	fileWriter
}

// NewAccrualWriter starts an accruals file on w. Every row gets runID. w is not closed by the
// writer.
func NewAccrualWriter(w io.Writer, runID string, opts ParquetOptions) (*AccrualWriter, error) {
	a, err := NewHeldAccrualWriter(opts)
	if err != nil {
		return nil, err
	}
	return a, a.Start(w, runID)
}

// NewHeldAccrualWriter is an AccrualWriter whose file and run id are given later (Start), its
// row groups held in memory until then (see NewHeldPayLineWriter).
func NewHeldAccrualWriter(opts ParquetOptions) (*AccrualWriter, error) {
	t, err := newHeldTableWriter(AccrualSchema, accrualDictColumns, opts)
	if err != nil {
		return nil, err
	}
	return &AccrualWriter{fileWriter{t}}, nil
}

// Write appends accrual rows. A row whose hours do not fit DECIMAL(10,4) is an error and nothing
// of it is written; the rows before it are kept.
func (a *AccrualWriter) Write(rows []model.Accrual) error {
	t := a.t
	for i := range rows {
		r := &rows[i]
		if err := t.ready(); err != nil {
			return err
		}
		vals := [6]rates.Hours{r.Opening, r.Earned, r.Used, r.Forfeited, r.Closing, r.YTD}
		for j, v := range vals {
			if !fits(int64(v), limitP10) {
				return fmt.Errorf("accrual %s %s: %s %s does not fit DECIMAL(10,4)", r.Employee, r.Bank, AccrualSchema.Field(4+j).Name, v)
			}
		}
		t.str(1, r.Employee)
		t.str(2, r.RuleSet)
		t.str(3, r.Bank)
		for j, v := range vals {
			t.i64(4+j, int64(v))
		}
		t.str(10, r.Tier)
		t.str(11, r.RuleID)
		credit, expires := "", ""
		if r.Lot {
			credit, expires = r.CreditDate.String(), r.Expires.String()
		}
		t.str(12, credit)
		t.str(13, expires)
		if err := t.rowDone(); err != nil {
			return err
		}
	}
	return nil
}

package emit

import (
	"fmt"
	"io"
	"math"

	"github.com/apache/arrow/go/v15/arrow"

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

var payLineDictColumns = []string{"run_id", "employee_id", "rule_set", "pay_code", "rule_id", "labor_account"}

// PayLineWriter streams pay lines into one Parquet file.
type PayLineWriter struct {
	fileWriter
}

// NewPayLineWriter starts a pay_lines file on w. Every row gets runID. w is not closed by the
// writer. The strings of the lines are referenced, not copied, until the row group is written:
// they must not be modified (Go strings cannot be).
func NewPayLineWriter(w io.Writer, runID string, opts ParquetOptions) (*PayLineWriter, error) {
	p, err := NewHeldPayLineWriter(opts)
	if err != nil {
		return nil, err
	}
	return p, p.Start(w, runID)
}

// NewHeldPayLineWriter is a PayLineWriter whose file and run id are given later (Start). Until
// then it encodes its full row groups and holds them in memory (Held bytes); the file is the
// same as NewPayLineWriter's would be.
func NewHeldPayLineWriter(opts ParquetOptions) (*PayLineWriter, error) {
	t, err := newHeldTableWriter(PayLineSchema, payLineDictColumns, opts)
	if err != nil {
		return nil, err
	}
	return &PayLineWriter{fileWriter{t}}, nil
}

// Write appends lines. A line whose numbers do not fit the declared column types is an error and
// nothing of it is written; the lines before it are kept.
func (p *PayLineWriter) Write(lines []model.PayLine) error {
	t := p.t
	for i := range lines {
		l := &lines[i]
		if err := t.ready(); err != nil {
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
		t.str(1, l.Employee)
		t.str(2, l.RuleSet)
		t.i32(3, int32(l.WorkDate))
		t.str(4, l.PayCode)
		t.i32(5, int32(minutes))
		t.i64(6, hours)
		t.i64(7, int64(l.Rate))
		t.i64(8, int64(l.Amount))
		t.str(9, l.RuleID)
		t.str(10, l.Account)
		t.i64(11, l.Start*1_000_000)
		t.i64(12, l.End*1_000_000)
		if err := t.rowDone(); err != nil {
			return err
		}
	}
	return nil
}

package emit

import (
	"bytes"
	"testing"

	"github.com/apache/arrow/go/v15/arrow/array"

	"github.com/payclose/payclose/calendars"
)

// The what-if table reads back by Arrow with its declared types: a summed hours value past the
// 10 digits of one pay line's hours, amounts in cents, the difference proposed − paid.
func TestWhatIfReadBackByArrow(t *testing.T) {
	week, _ := calendars.ParseISODate("2026-11-15")
	rows := []WhatIfLine{
		{Week: week, RuleSet: "SHARE", PayCode: "DIFF_NIGHT", RuleID: "SHARE-SHIFT-RS-6", Account: "UMMH/LAB/CORE/MT/-/-/-",
			Department: "UMMH/LAB/CORE", PaidHours: 77500, ProposedHours: 77500, PaidAmount: 3100, ProposedAmount: 3488},
		{Week: week, RuleSet: "SHARE", PayCode: "REG", RuleID: "SHARE-OT-A", Account: "UMMH/MED/4EAST/RN/-/-/-",
			Department: "UMMH/MED/4EAST", PaidHours: 12_345_678_9000, ProposedHours: 12_345_678_9000, PaidAmount: 500, ProposedAmount: 450},
	}
	var buf bytes.Buffer
	o, err := WriteWhatIf(&buf, rows)
	if err != nil {
		t.Fatal(err)
	}
	if o.Rows != 2 {
		t.Errorf("rows = %d", o.Rows)
	}
	_, tbl := readArrow(t, buf.Bytes())
	if err := sameColumns(tbl.Schema(), WhatIfSchema); err != nil {
		t.Fatal(err)
	}
	diff := column(t, tbl, "difference").(*array.Decimal128)
	hours := column(t, tbl, "paid_hours").(*array.Decimal128)
	dept := column(t, tbl, "department").(*array.String)
	if diff.Value(0).LowBits() != 388 || int64(diff.Value(1).LowBits()) != -50 {
		t.Errorf("difference %v %v; want 388, -50 cents", diff.Value(0), diff.Value(1))
	}
	if hours.Value(1).LowBits() != 12_345_678_9000 || dept.Value(1) != "UMMH/MED/4EAST" {
		t.Errorf("row 2: hours %v, department %s", hours.Value(1), dept.Value(1))
	}
}

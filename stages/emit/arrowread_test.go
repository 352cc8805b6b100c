package emit

import (
	"bytes"
	"context"
	"os"
	"testing"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/apache/arrow/go/v15/parquet"
	"github.com/apache/arrow/go/v15/parquet/file"
	"github.com/apache/arrow/go/v15/parquet/pqarrow"
	"github.com/apache/arrow/go/v15/parquet/schema"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/stages/model"
)

func readArrow(t *testing.T, data []byte) (*file.Reader, arrow.Table) {
	t.Helper()
	rdr, err := file.NewParquetReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	fr, err := pqarrow.NewFileReader(rdr, pqarrow.ArrowReadProperties{}, memory.DefaultAllocator)
	if err != nil {
		t.Fatal(err)
	}
	tbl, err := fr.ReadTable(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(tbl.Release)
	return rdr, tbl
}

// column concatenates the chunks of one column (row groups come back as chunks).
func column(t *testing.T, tbl arrow.Table, name string) arrow.Array {
	t.Helper()
	idx := tbl.Schema().FieldIndices(name)
	if len(idx) != 1 {
		t.Fatalf("no column %s", name)
	}
	arr, err := array.Concatenate(tbl.Column(idx[0]).Data().Chunks(), memory.DefaultAllocator)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(arr.Release)
	return arr
}

func TestPayLinesReadBackByArrow(t *testing.T) {
	data, _ := writePayLines(t, caseLines(), ParquetOptions{RowGroupRows: 2})
	rdr, tbl := readArrow(t, data)
	if rdr.NumRowGroups() != 3 {
		t.Errorf("row groups = %d, want 3 (2+2+1 rows)", rdr.NumRowGroups())
	}

	// Arrow's view of the schema: what DuckDB and pyarrow see too.
	wantTypes := map[string]string{
		"run_id": "utf8", "employee_id": "utf8", "rule_set": "utf8", "pay_code": "utf8", "rule_id": "utf8",
		"labor_account": "utf8", "work_date": "date32", "minutes": "int32",
		"hours": "decimal(10, 4)", "rate": "decimal(12, 4)", "amount": "decimal(18, 2)",
		"start_ts": "timestamp[us, tz=UTC]", "end_ts": "timestamp[us, tz=UTC]",
	}
	for _, f := range tbl.Schema().Fields() {
		if f.Type.String() != wantTypes[f.Name] || f.Nullable {
			t.Errorf("%s: %s nullable=%v, want %s non-nullable", f.Name, f.Type, f.Nullable, wantTypes[f.Name])
		}
	}

	// The Parquet logical types from the footer.
	sc := rdr.MetaData().Schema
	for i := 0; i < sc.NumColumns(); i++ {
		c := sc.Column(i)
		switch lt := c.LogicalType().(type) {
		case *schema.DecimalLogicalType:
			want := map[string][2]int32{"hours": {10, 4}, "rate": {12, 4}, "amount": {18, 2}}[c.Name()]
			if lt.Precision() != want[0] || lt.Scale() != want[1] || c.PhysicalType() != parquet.Types.Int64 {
				t.Errorf("%s: DECIMAL(%d,%d) %s, want DECIMAL(%d,%d) INT64", c.Name(), lt.Precision(), lt.Scale(), c.PhysicalType(), want[0], want[1])
			}
		case *schema.TimestampLogicalType:
			if !lt.IsAdjustedToUTC() || lt.TimeUnit() != schema.TimeUnitMicros {
				t.Errorf("%s: %s, want TIMESTAMP(isAdjustedToUTC=true, MICROS)", c.Name(), lt)
			}
		case schema.DateLogicalType:
			if c.Name() != "work_date" {
				t.Errorf("%s: unexpected DATE", c.Name())
			}
		}
	}

	hours := column(t, tbl, "hours").(*array.Decimal128)
	rate := column(t, tbl, "rate").(*array.Decimal128)
	amount := column(t, tbl, "amount").(*array.Decimal128)
	date := column(t, tbl, "work_date").(*array.Date32)
	minutes := column(t, tbl, "minutes").(*array.Int32)
	start := column(t, tbl, "start_ts").(*array.Timestamp)
	end := column(t, tbl, "end_ts").(*array.Timestamp)
	emp := column(t, tbl, "employee_id").(*array.String)
	acct := column(t, tbl, "labor_account").(*array.String)
	for i, c := range payLineCases {
		got := []string{hours.Value(i).ToString(4), rate.Value(i).ToString(4), amount.Value(i).ToString(2),
			calendars.Date(date.Value(i)).String(), emp.Value(i), acct.Value(i)}
		want := []string{c.hours, c.rate, c.amount, c.date, c.in.Employee, c.in.Account}
		for j := range got {
			if got[j] != want[j] {
				t.Errorf("row %d field %d = %q, want %q", i, j, got[j], want[j])
			}
		}
		if minutes.Value(i) != c.minutes || int64(start.Value(i)) != c.startUs || int64(end.Value(i)) != c.endUs {
			t.Errorf("row %d: minutes %d start %d end %d, want %d %d %d", i,
				minutes.Value(i), start.Value(i), end.Value(i), c.minutes, c.startUs, c.endUs)
		}
	}
}

func TestEmptyPayLineFileIsReadable(t *testing.T) {
	data, out := writePayLines(t, nil, ParquetOptions{})
	_, tbl := readArrow(t, data)
	if tbl.NumRows() != 0 || tbl.NumCols() != int64(len(PayLineSchema.Fields())) || out.Rows != 0 {
		t.Errorf("empty file: %d rows %d columns", tbl.NumRows(), tbl.NumCols())
	}
}

func TestAccrualsRoundTrip(t *testing.T) {
	rows := []model.Accrual{
		// 80.0000 + 4.6154 earned (a SHARE ET rate on 40 h) - 8 used = 76.6154
		{Employee: "E001", RuleSet: "SHARE", Bank: "EARNED", Opening: 800000, Earned: 46154, Used: 80000,
			Forfeited: 0, Closing: 766154, YTD: 92308, Tier: "ET2-1B 5-14y", RuleID: "SHARE-ET-1"},
		// a cap forfeiture and the largest value DECIMAL(10,4) holds
		{Employee: "E002", RuleSet: "PSU_NONEXEMPT", Bank: "VACATION", Opening: 9999999999, Earned: 1, Used: 0,
			Forfeited: 1, Closing: 9999999999, YTD: -2500, Tier: "", RuleID: "PSU-VAC-3"},
	}
	want := [][]string{
		{"80.0000", "4.6154", "8.0000", "0.0000", "76.6154", "9.2308"},
		{"999999.9999", "0.0001", "0.0000", "0.0001", "999999.9999", "-0.2500"},
	}
	var buf bytes.Buffer
	w, err := NewAccrualWriter(&buf, "run-1", ParquetOptions{RowGroupRows: 1})
	if err != nil {
		t.Fatal(err)
	}
	writeRows(t, w, rows)
	_, tbl := readArrow(t, buf.Bytes())
	names := []string{"opening", "earned", "used", "forfeited", "closing", "ytd_accrued"}
	for j, name := range names {
		if got := tbl.Schema().Field(4 + j); got.Name != name || got.Type.String() != "decimal(10, 4)" {
			t.Errorf("column %d: %s %s, want %s decimal(10, 4)", 4+j, got.Name, got.Type, name)
		}
		col := column(t, tbl, name).(*array.Decimal128)
		for i := range rows {
			if got := col.Value(i).ToString(4); got != want[i][j] {
				t.Errorf("row %d %s = %s, want %s", i, name, got, want[i][j])
			}
		}
	}
	tier := column(t, tbl, "tier").(*array.String)
	bank := column(t, tbl, "bank").(*array.String)
	if tier.Value(0) != "ET2-1B 5-14y" || bank.Value(1) != "VACATION" || column(t, tbl, "run_id").(*array.String).Value(1) != "run-1" {
		t.Errorf("strings: tier %q bank %q", tier.Value(0), bank.Value(1))
	}

	bad := rows[0]
	bad.Closing = 10_000_000_000
	w2, _ := NewAccrualWriter(&bytes.Buffer{}, "r", ParquetOptions{})
	if err := w2.Write([]model.Accrual{bad}); err == nil {
		t.Error("closing over DECIMAL(10,4) accepted")
	}
}

// Adjustment rows written and read back are the same, negative deltas included.
func TestAdjustmentsRoundTrip(t *testing.T) {
	rows := []Adjustment{
		{Employee: "100109", RuleSet: "SHARE", WorkDate: 20774, PayCode: "OT", RuleID: "SHARE-OT-B", Account: "A", CorrectedWeek: 20772,
			Change: "CHANGED", PriorMinutes: 180, NewMinutes: 300, DeltaHours: 20000, Rate: 306000, PriorAmount: 9180, NewAmount: 15300,
			PriorRunID: "r1", NewRunID: "r2"},
		{Employee: "100109", RuleSet: "SHARE", WorkDate: 20774, PayCode: "DIFF_EXT", RuleID: "SHARE-SHIFT-17", Account: "A", CorrectedWeek: 20772,
			Change: "REMOVED", PriorMinutes: 180, DeltaHours: -30000, Rate: 20000, PriorAmount: 600, PriorRunID: "r1", NewRunID: "r2"},
	}
	path := t.TempDir() + "/adj.parquet"
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := WriteAdjustments(f, "r2", rows); err != nil {
		t.Fatal(err)
	}
	f.Close()
	var got []Adjustment
	if err := ReadAdjustments(path, func(a *Adjustment) { got = append(got, *a) }); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(rows) {
		t.Fatalf("%d rows back, want %d", len(got), len(rows))
	}
	for i := range rows {
		if got[i] != rows[i] {
			t.Errorf("row %d: %+v, want %+v", i, got[i], rows[i])
		}
	}
	if got[1].DeltaAmount() != -600 || got[0].DeltaMinutes() != 120 {
		t.Errorf("deltas %d cents, %d minutes", got[1].DeltaAmount(), got[0].DeltaMinutes())
	}
}

package emit

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/shopspring/decimal"
	"github.com/xitongsys/parquet-go-source/local"
	"github.com/xitongsys/parquet-go/common"
	xparquet "github.com/xitongsys/parquet-go/parquet"
	xreader "github.com/xitongsys/parquet-go/reader"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
)

func unix(s string) int64 {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		panic(err)
	}
	return t.Unix()
}

// payLineCase is one input line with the column values worked out by hand.
type payLineCase struct {
	in      model.PayLine
	minutes int32
	hours   string // DECIMAL(10,4)
	rate    string // DECIMAL(12,4)
	amount  string // DECIMAL(18,2)
	date    string
	startUs int64
	endUs   int64
}

var payLineCases = []payLineCase{
	{ // a plain 8 h day: 28800 s = 480 min = 8 h; $35.50 × 8 = $284.00
		in: model.PayLine{Employee: "E001", RuleSet: "SHARE", WorkDate: calendars.NewDate(2024, 1, 8), PayCode: "REG",
			Seconds: 28800, Rate: 355000, Amount: 28400, RuleID: "SHARE-REG", Account: "UMMH/MED/4EAST/RN/-/-/-",
			Start: unix("2024-01-08T12:00:00Z"), End: unix("2024-01-08T20:00:00Z")},
		minutes: 480, hours: "8.0000", rate: "35.5000", amount: "284.00", date: "2024-01-08",
		startUs: 1704715200_000000, endUs: 1704744000_000000,
	},
	{ // 100 s: 1 whole minute; 100/3600 h = 0.02777… -> 0.0278; amount as given by the rules
		in: model.PayLine{Employee: "E001", RuleSet: "SHARE", WorkDate: calendars.NewDate(2024, 1, 9), PayCode: "OT",
			Seconds: 100, Rate: 532500, Amount: 148, RuleID: "SHARE-OT-A", Account: "UMMH/MED/4EAST/RN/-/-/-",
			Start: unix("2024-01-09T23:00:00Z"), End: unix("2024-01-09T23:01:40Z")},
		minutes: 1, hours: "0.0278", rate: "53.2500", amount: "1.48", date: "2024-01-09",
		startUs: 1704841200_000000, endUs: 1704841300_000000,
	},
	{ // a reversal: -1.5 h at $20 = -$30.00; negative decimals must survive the INT64 storage
		in: model.PayLine{Employee: "E002", RuleSet: "PSU_NONEXEMPT", WorkDate: calendars.NewDate(2023, 12, 31), PayCode: "DIFF_EVE",
			Seconds: -5400, Rate: 200000, Amount: -3000, RuleID: "PSU-DIFF-2", Account: "",
			Start: unix("2023-12-31T20:00:00Z"), End: unix("2023-12-31T21:30:00Z")},
		minutes: -90, hours: "-1.5000", rate: "20.0000", amount: "-30.00", date: "2023-12-31",
		startUs: 1704052800_000000, endUs: 1704058200_000000,
	},
	{ // a lump sum: no minutes, the rate is the sum, the span is the week
		in: model.PayLine{Employee: "E003", RuleSet: "NONUNIT_NONEXEMPT", WorkDate: calendars.NewDate(1970, 1, 1), PayCode: "HOL_BANK_PAYOUT",
			Seconds: 0, Rate: 1500000, Amount: 15000, RuleID: "NU-HOL-9", Account: "=HYPERLINK(\"x\")",
			Start: unix("2024-01-07T05:00:00Z"), End: unix("2024-01-14T05:00:00Z")},
		minutes: 0, hours: "0.0000", rate: "150.0000", amount: "150.00", date: "1970-01-01",
		startUs: 1704603600_000000, endUs: 1705208400_000000,
	},
	{ // the largest values the declared precisions hold
		in: model.PayLine{Employee: "E004", RuleSet: "SHARE", WorkDate: calendars.NewDate(2099, 12, 31), PayCode: "REG",
			Seconds: 3599999999, Rate: 999999999999, Amount: 999999999999999999, RuleID: "SHARE-REG", Account: "A",
			Start: 0, End: 1},
		minutes: 59999999, hours: "999999.9997", rate: "99999999.9999", amount: "9999999999999999.99", date: "2099-12-31",
		startUs: 0, endUs: 1_000_000,
	},
}

func caseLines() []model.PayLine {
	ls := make([]model.PayLine, len(payLineCases))
	for i, c := range payLineCases {
		ls[i] = c.in
	}
	return ls
}

// writePayLines writes lines in two calls (to cross Write boundaries) and returns the file bytes.
func writePayLines(t testing.TB, lines []model.PayLine, opts ParquetOptions) ([]byte, Output) {
	t.Helper()
	var buf bytes.Buffer
	w, err := NewPayLineWriter(&buf, "run-7f3a", opts)
	if err != nil {
		t.Fatal(err)
	}
	half := len(lines) / 2
	if err := w.Write(lines[:half]); err != nil {
		t.Fatal(err)
	}
	if err := w.Write(lines[half:]); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes(), w.Written()
}

func fixed(v int64, scale int32) string { return decimal.New(v, -scale).StringFixed(scale) }

func TestPayLinesReadBackByIndependentReader(t *testing.T) {
	data, out := writePayLines(t, caseLines(), ParquetOptions{RowGroupRows: 3})
	path := filepath.Join(t.TempDir(), "part-00000.parquet")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	if out.Rows != int64(len(payLineCases)) || out.Bytes != int64(len(data)) {
		t.Errorf("Written() = %d rows %d bytes, file has %d rows %d bytes", out.Rows, out.Bytes, len(payLineCases), len(data))
	}
	sum := sha256.Sum256(data)
	if out.SHA256 != hex.EncodeToString(sum[:]) {
		t.Errorf("Written().SHA256 = %s, file hashes to %x", out.SHA256, sum)
	}

	pr := parquetGoReader(t, path)
	n := pr.GetNumRows()
	if n != int64(len(payLineCases)) {
		t.Fatalf("rows = %d, want %d", n, len(payLineCases))
	}
	// The column reader is a cursor: read each column once.
	cols := map[string][]any{}
	for _, f := range PayLineSchema.Fields() {
		vals, _, _, err := pr.ReadColumnByPath(pr.SchemaHandler.GetRootExName()+common.PAR_GO_PATH_DELIMITER+f.Name, n)
		if err != nil {
			t.Fatalf("column %s: %v", f.Name, err)
		}
		if int64(len(vals)) != n {
			t.Fatalf("column %s: %d values, want %d", f.Name, len(vals), n)
		}
		cols[f.Name] = vals
	}
	col := func(name string) []any { return cols[name] }
	str := func(name string, i int) string { return col(name)[i].(string) }
	for i, c := range payLineCases {
		l := c.in
		for _, f := range []struct{ name, got, want string }{
			{"run_id", str("run_id", i), "run-7f3a"},
			{"employee_id", str("employee_id", i), l.Employee},
			{"rule_set", str("rule_set", i), l.RuleSet},
			{"pay_code", str("pay_code", i), l.PayCode},
			{"rule_id", str("rule_id", i), l.RuleID},
			{"labor_account", str("labor_account", i), l.Account},
			// DATE is days since the epoch; the tagged parquet-go leaves it as int32.
			{"work_date", calendars.Date(col("work_date")[i].(int32)).String(), c.date},
			// decimals: the raw unscaled INT64, decoded here rather than by parquet-go.
			{"hours", fixed(col("hours")[i].(int64), 4), c.hours},
			{"rate", fixed(col("rate")[i].(int64), 4), c.rate},
			{"amount", fixed(col("amount")[i].(int64), 2), c.amount},
		} {
			if f.got != f.want {
				t.Errorf("row %d %s = %q, want %q", i, f.name, f.got, f.want)
			}
		}
		if got := col("minutes")[i].(int32); got != c.minutes {
			t.Errorf("row %d minutes = %d, want %d", i, got, c.minutes)
		}
		if got := col("start_ts")[i].(int64); got != c.startUs {
			t.Errorf("row %d start_ts = %d, want %d", i, got, c.startUs)
		}
		if got := col("end_ts")[i].(int64); got != c.endUs {
			t.Errorf("row %d end_ts = %d, want %d", i, got, c.endUs)
		}
	}

	// The footer as parquet-go decodes it: physical and logical types, REQUIRED everywhere.
	type colType struct {
		phys      xparquet.Type
		precision int32
		scale     int32
		logical   string
	}
	want := map[string]colType{
		"run_id": {xparquet.Type_BYTE_ARRAY, 0, 0, "STRING"}, "employee_id": {xparquet.Type_BYTE_ARRAY, 0, 0, "STRING"},
		"rule_set": {xparquet.Type_BYTE_ARRAY, 0, 0, "STRING"}, "pay_code": {xparquet.Type_BYTE_ARRAY, 0, 0, "STRING"},
		"rule_id": {xparquet.Type_BYTE_ARRAY, 0, 0, "STRING"}, "labor_account": {xparquet.Type_BYTE_ARRAY, 0, 0, "STRING"},
		"work_date": {xparquet.Type_INT32, 0, 0, "DATE"}, "minutes": {xparquet.Type_INT32, 0, 0, "INTEGER"},
		"hours": {xparquet.Type_INT64, 10, 4, "DECIMAL"}, "rate": {xparquet.Type_INT64, 12, 4, "DECIMAL"},
		"amount":   {xparquet.Type_INT64, 18, 2, "DECIMAL"},
		"start_ts": {xparquet.Type_INT64, 0, 0, "TIMESTAMP_MICROS_UTC"}, "end_ts": {xparquet.Type_INT64, 0, 0, "TIMESTAMP_MICROS_UTC"},
	}
	elems := pr.Footer.Schema[1:]
	if len(elems) != len(want) {
		t.Fatalf("%d columns, want %d", len(elems), len(want))
	}
	for i, e := range elems {
		name := pr.SchemaHandler.Infos[i+1].ExName // the reader renames e.Name to Go style
		if name != PayLineSchema.Field(i).Name {
			t.Errorf("column %d is %s, want %s", i, name, PayLineSchema.Field(i).Name)
		}
		w := want[name]
		got := colType{phys: e.GetType(), precision: e.GetPrecision(), scale: e.GetScale(), logical: logicalName(e.LogicalType)}
		if got != w {
			t.Errorf("column %s: %+v, want %+v", name, got, w)
		}
		if e.GetRepetitionType() != xparquet.FieldRepetitionType_REQUIRED {
			t.Errorf("column %s: %s, want REQUIRED", name, e.GetRepetitionType())
		}
	}

	// Layout: snappy everywhere, dictionaries on the string columns (3 or 2 values are too few for
	// a dictionary of integers to pay), 3+2 rows per row group as configured.
	dict := map[string]bool{"run_id": true, "employee_id": true, "rule_set": true, "pay_code": true, "rule_id": true, "labor_account": true}
	if len(pr.Footer.RowGroups) != 2 || pr.Footer.RowGroups[0].NumRows != 3 || pr.Footer.RowGroups[1].NumRows != 2 {
		t.Errorf("row groups: %d, want 2 of 3 and 2 rows", len(pr.Footer.RowGroups))
	}
	for i, cc := range pr.Footer.RowGroups[0].Columns {
		md := cc.MetaData
		name := PayLineSchema.Field(i).Name
		if md.Codec != xparquet.CompressionCodec_SNAPPY {
			t.Errorf("column %s codec %s, want SNAPPY", name, md.Codec)
		}
		hasDict := md.DictionaryPageOffset != nil
		if hasDict != dict[name] {
			t.Errorf("column %s dictionary = %v, want %v", name, hasDict, dict[name])
		}
	}
	if got := pr.Footer.GetCreatedBy(); got != createdBy {
		t.Errorf("created_by = %q", got)
	}
}

func logicalName(lt *xparquet.LogicalType) string {
	switch {
	case lt == nil:
		return ""
	case lt.IsSetSTRING():
		return "STRING"
	case lt.IsSetDATE():
		return "DATE"
	case lt.IsSetINTEGER():
		if lt.INTEGER.BitWidth == 32 && lt.INTEGER.IsSigned {
			return "INTEGER"
		}
		return "INTEGER?"
	case lt.IsSetDECIMAL():
		return "DECIMAL"
	case lt.IsSetTIMESTAMP():
		ts := lt.TIMESTAMP
		if ts.Unit.IsSetMICROS() && ts.IsAdjustedToUTC {
			return "TIMESTAMP_MICROS_UTC"
		}
		return "TIMESTAMP?"
	}
	return lt.String()
}

func TestPayLinesDeterministicBytes(t *testing.T) {
	lines := caseLines()
	for i := 0; i < 50; i++ { // enough rows for several row groups and both dictionaries
		l := payLineCases[i%3].in
		l.Employee = "E" + strings.Repeat("9", i%7)
		lines = append(lines, l)
	}
	opts := ParquetOptions{RowGroupRows: 16}
	a, outA := writePayLines(t, lines, opts)
	b, outB := writePayLines(t, lines, opts)
	if !bytes.Equal(a, b) {
		t.Fatal("same pay lines written twice gave different bytes")
	}
	if outA != outB {
		t.Errorf("Written() differs: %+v vs %+v", outA, outB)
	}
	// The check above must be able to fail: a different run id changes the bytes.
	var c bytes.Buffer
	w, _ := NewPayLineWriter(&c, "run-other", opts)
	w.Write(lines)
	w.Close()
	if bytes.Equal(a, c.Bytes()) {
		t.Fatal("different run ids gave identical files")
	}
}

func TestPayLineOutOfRangeIsRejectedWholeLine(t *testing.T) {
	good := payLineCases[0].in
	tests := []struct {
		name string
		mod  func(*model.PayLine)
	}{
		{"rate over DECIMAL(12,4)", func(l *model.PayLine) { l.Rate = 1_000_000_000_000 }},
		{"negative rate over DECIMAL(12,4)", func(l *model.PayLine) { l.Rate = -1_000_000_000_000 }},
		{"amount over DECIMAL(18,2)", func(l *model.PayLine) { l.Amount = 1_000_000_000_000_000_000 }},
		{"hours over DECIMAL(10,4)", func(l *model.PayLine) { l.Seconds = 3600 * 1_000_000 }},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			bad := good
			tc.mod(&bad)
			var buf bytes.Buffer
			w, err := NewPayLineWriter(&buf, "r", ParquetOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if err := w.Write([]model.PayLine{good, bad}); err == nil {
				t.Fatal("no error for an out-of-range line")
			}
			// The good line before it stays; the writer is still usable.
			if err := w.Write([]model.PayLine{good}); err != nil {
				t.Fatal(err)
			}
			if err := w.Close(); err != nil {
				t.Fatal(err)
			}
			if got := w.Written().Rows; got != 2 {
				t.Errorf("rows = %d, want 2", got)
			}
			if err := w.Write([]model.PayLine{good}); err == nil {
				t.Error("Write after Close succeeded")
			}
		})
	}
}

// parquetGoReader opens path with parquet-go's column reader, an implementation that shares no
// code with Arrow's; it is closed when the test ends.
func parquetGoReader(t *testing.T, path string) *xreader.ParquetReader {
	t.Helper()
	fr, err := local.NewLocalFileReader(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { fr.Close() })
	pr, err := xreader.NewParquetColumnReader(fr, 1)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(pr.ReadStop)
	return pr
}

// A held writer, started after some of its row groups were encoded, writes the very file a
// writer started at once writes: the run id's chunk of each held row group in its place and the
// other chunks' offsets moved by it. Checked at every point of starting (before any row group,
// after some, after all but the last) and for both tables, and read back by Arrow and parquet-go
// through writePayLines' and the round trip tests' readers.
func TestHeldWriterWritesTheSameFile(t *testing.T) {
	lines := benchLines(3000)
	opts := ParquetOptions{RowGroupRows: 256} // 12 row groups
	want, wantOut := writePayLines(t, lines, opts)
	for _, at := range []int{0, 1, 255, 256, 700, 2900, 3000} {
		w, err := NewHeldPayLineWriter(opts)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Write(lines[:at]); err != nil {
			t.Fatal(err)
		}
		if held := w.Held(); (at >= 256) != (held > 0) {
			t.Errorf("start after %d lines: %d bytes held", at, held)
		}
		var buf bytes.Buffer
		if err := w.Start(&buf, "run-7f3a"); err != nil {
			t.Fatal(err)
		}
		if w.Held() != 0 {
			t.Errorf("start after %d lines: %d bytes still held after Start", at, w.Held())
		}
		half := at + (len(lines)-at)/2
		if err := w.Write(lines[at:half]); err != nil {
			t.Fatal(err)
		}
		if err := w.Write(lines[half:]); err != nil {
			t.Fatal(err)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(buf.Bytes(), want) {
			t.Fatalf("started after %d of %d lines: %d bytes, not the %d of a writer started at once", at, len(lines), buf.Len(), len(want))
		}
		if w.Written() != wantOut {
			t.Errorf("started after %d lines: Written() = %+v, want %+v", at, w.Written(), wantOut)
		}
	}

	// Accruals the same way, the file read back by Arrow.
	rows := make([]model.Accrual, 2000)
	for i := range rows {
		rows[i] = model.Accrual{Employee: fmt.Sprintf("E%05d", i/3), RuleSet: "SHARE", Bank: []string{"VAC", "SICK", "ET"}[i%3],
			RuleID: "SHARE-ET-1", Earned: rates.Hours(i * 7), Closing: rates.Hours(i * 11)}
	}
	aopts := ParquetOptions{RowGroupRows: 300}
	var wantAcc bytes.Buffer
	aw, err := NewAccrualWriter(&wantAcc, "run-7f3a", aopts)
	if err != nil {
		t.Fatal(err)
	}
	writeRows(t, aw, rows)
	held, err := NewHeldAccrualWriter(aopts)
	if err != nil {
		t.Fatal(err)
	}
	if err := held.Write(rows[:1000]); err != nil {
		t.Fatal(err)
	}
	var got bytes.Buffer
	if err := held.Start(&got, "run-7f3a"); err != nil {
		t.Fatal(err)
	}
	writeRows(t, held, rows[1000:])
	if !bytes.Equal(got.Bytes(), wantAcc.Bytes()) {
		t.Fatalf("held accruals: %d bytes, want %d", got.Len(), wantAcc.Len())
	}
	_, cols := arrowValues(t, got.Bytes())
	if len(cols) == 0 || len(cols[0]) != len(rows) || cols[0][0] != "run-7f3a" || cols[0][len(rows)-1] != "run-7f3a" {
		t.Fatalf("run_id read back: %d columns, want %d rows of run-7f3a", len(cols), len(rows))
	}
}

// A held writer never started has no file to finish: Close says so instead of writing a footer
// on nothing.
func TestHeldWriterClosedBeforeStart(t *testing.T) {
	w, err := NewHeldPayLineWriter(ParquetOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(caseLines()); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err == nil || !strings.Contains(err.Error(), "before it was started") {
		t.Fatalf("Close before Start = %v", err)
	}
}

package emit

import (
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/parquet"
	"github.com/apache/arrow/go/v15/parquet/file"
	"github.com/apache/arrow/go/v15/parquet/metadata"
	"github.com/apache/arrow/go/v15/parquet/pqarrow"
	"github.com/apache/thrift/lib/go/thrift"
	"github.com/xitongsys/parquet-go/common"
	xparquet "github.com/xitongsys/parquet-go/parquet"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
)

// footerOf decodes a file's footer with parquet-go's Thrift structs, independently of the writer.
func footerOf(t *testing.T, data []byte) *xparquet.FileMetaData {
	t.Helper()
	if !bytes.Equal(data[:4], []byte("PAR1")) || !bytes.Equal(data[len(data)-4:], []byte("PAR1")) {
		t.Fatal("no PAR1 magic at both ends")
	}
	n := int(binary.LittleEndian.Uint32(data[len(data)-8:]))
	tr := thrift.NewTMemoryBuffer()
	tr.Buffer = bytes.NewBuffer(data[len(data)-8-n : len(data)-8])
	fm := xparquet.NewFileMetaData()
	if err := fm.Read(context.Background(), thrift.NewTCompactProtocolConf(tr, &thrift.TConfiguration{})); err != nil {
		t.Fatal(err)
	}
	if tr.Len() != 0 {
		t.Fatalf("footer: %d bytes left after the FileMetaData", tr.Len())
	}
	return fm
}

// pagesOf walks a column chunk's pages by their headers; the chunk must end exactly where its
// metadata says.
func pagesOf(t *testing.T, data []byte, md *xparquet.ColumnMetaData) []*xparquet.PageHeader {
	t.Helper()
	start := md.DataPageOffset
	if md.DictionaryPageOffset != nil {
		start = *md.DictionaryPageOffset
	}
	var out []*xparquet.PageHeader
	var uncompressed int64
	off, end := start, start+md.TotalCompressedSize
	for off < end {
		tr := thrift.NewTMemoryBuffer()
		tr.Buffer = bytes.NewBuffer(data[off:end])
		ph := xparquet.NewPageHeader()
		if err := ph.Read(context.Background(), thrift.NewTCompactProtocolConf(tr, &thrift.TConfiguration{})); err != nil {
			t.Fatalf("page header at %d: %v", off, err)
		}
		hl := int64(end-off) - int64(tr.Len())
		uncompressed += hl + int64(ph.UncompressedPageSize)
		off += hl + int64(ph.CompressedPageSize)
		out = append(out, ph)
	}
	if off != end || uncompressed != md.TotalUncompressedSize {
		t.Fatalf("column %s: pages end at %d (want %d), %d bytes uncompressed (metadata %d)", md.PathInSchema, off, end, uncompressed, md.TotalUncompressedSize)
	}
	return out
}

// table is a file written by one of the writers and the value of every row of each column, as
// int32 (INT32), int64 (INT64: decimals unscaled, timestamps in µs) or string.
type table struct {
	name   string
	schema *arrow.Schema
	dict   []string // string columns with a dictionary
	idict  []string // integer columns whose values make every chunk a dictionary chunk
	rgRows int
	data   []byte
	want   [][]any // by column
}

// tableRng gives the test tables their values: runs of equal values of random lengths (an RLE
// run is 8 or more, at any offset of a bit-packed group), empty strings, and numbers at both
// ends of their columns' ranges.
type tableRng struct{ *rand.Rand }

func (r tableRng) pick(vs []string, i *int, run *int) string {
	if *run <= 0 {
		*i, *run = r.IntN(len(vs)), []int{1, 1, 2, 3, 7, 8, 9, 15, 16, 17, 40}[r.IntN(11)]
	}
	*run--
	return vs[*i]
}

func (r tableRng) i64(limit int64) int64 {
	switch r.IntN(10) {
	case 0:
		return limit - 1
	case 1:
		return -(limit - 1)
	case 2:
		return 0
	}
	return r.Int64N(2*limit-1) - (limit - 1)
}

func names(prefix string, n int) []string {
	vs := []string{""}
	for i := 1; i < n; i++ {
		vs = append(vs, fmt.Sprintf("%s%05d", prefix, i))
	}
	return vs
}

func payLinesTable(t *testing.T, n, rg int) table {
	r := tableRng{rand.New(rand.NewPCG(3, 4))}
	emps, codes, accts := names("E", 3000), names("CODE", 12), names("ACCT/", 400)
	// 40 rates, both ends of the column's range among them: few enough distinct values per row
	// group for a dictionary of int64.
	rateSet := []rates.Rate{limitP12 - 1, -(limitP12 - 1), 0}
	for len(rateSet) < 40 {
		rateSet = append(rateSet, rates.Rate(r.i64(limitP12)))
	}
	var ei, er, ci, cr, ai, ar, ri, rr int
	lines := make([]model.PayLine, n)
	for i := range lines {
		secs := 180 * r.Int64N(3000) // whole 1/10,000 h
		if i%97 == 0 {
			secs = -secs
		}
		lines[i] = model.PayLine{
			Employee: r.pick(emps, &ei, &er), RuleSet: []string{"SHARE", "PSU_NONEXEMPT", ""}[i/500%3],
			WorkDate: calendars.Date(20000 + r.IntN(40)), PayCode: r.pick(codes, &ci, &cr), Seconds: secs,
			Rate: rateSet[ri], Amount: rates.Money(r.i64(limitP18)), RuleID: fmt.Sprintf("R-%d", i%5),
			Account: r.pick(accts, &ai, &ar), Start: r.Int64N(4e9), End: -r.Int64N(4e9),
		}
		if rr--; rr <= 0 {
			ri, rr = r.IntN(len(rateSet)), r.IntN(12)
		}
	}
	tb := table{name: "pay_lines", schema: PayLineSchema, dict: payLineDictColumns, idict: []string{"work_date", "rate"}, rgRows: rg}
	tb.data, _ = writePayLines(t, lines, ParquetOptions{RowGroupRows: int64(rg)})
	tb.want = make([][]any, len(PayLineSchema.Fields()))
	for _, l := range lines {
		for c, v := range []any{"run-7f3a", l.Employee, l.RuleSet, int32(l.WorkDate), l.PayCode, int32(l.Seconds / 60),
			l.Seconds * 10000 / 3600, int64(l.Rate), int64(l.Amount), l.RuleID, l.Account, l.Start * 1e6, l.End * 1e6} {
			tb.want[c] = append(tb.want[c], v)
		}
	}
	return tb
}

func accrualsTable(t *testing.T, n, rg int) table {
	r := tableRng{rand.New(rand.NewPCG(5, 6))}
	emps, banks := names("E", 800), names("BANK", 6)
	var ei, er, bi, br int
	rows := make([]model.Accrual, n)
	for i := range rows {
		a := model.Accrual{Employee: r.pick(emps, &ei, &er), RuleSet: "SHARE", Bank: r.pick(banks, &bi, &br),
			Tier: []string{"", "T1", "T2"}[i%3], RuleID: "SHARE-ET-1", Lot: i%4 == 0,
			CreditDate: calendars.Date(20000 + i%30), Expires: calendars.Date(20400 + i%30)}
		a.Opening, a.Earned, a.Used = rates.Hours(r.i64(limitP10)), rates.Hours(r.i64(limitP10)), rates.Hours(r.i64(limitP10))
		a.Forfeited, a.Closing, a.YTD = rates.Hours(r.i64(limitP10)), rates.Hours(r.i64(limitP10)), rates.Hours(r.i64(limitP10))
		rows[i] = a
	}
	var buf bytes.Buffer
	w, err := NewAccrualWriter(&buf, "run-a", ParquetOptions{RowGroupRows: int64(rg)})
	if err != nil {
		t.Fatal(err)
	}
	writeRows(t, w, rows)
	tb := table{name: "accruals", schema: AccrualSchema, dict: accrualDictColumns, rgRows: rg, data: buf.Bytes()}
	tb.want = make([][]any, len(AccrualSchema.Fields()))
	for _, a := range rows {
		credit, expires := "", ""
		if a.Lot {
			credit, expires = a.CreditDate.String(), a.Expires.String()
		}
		for c, v := range []any{"run-a", a.Employee, a.RuleSet, a.Bank, int64(a.Opening), int64(a.Earned), int64(a.Used),
			int64(a.Forfeited), int64(a.Closing), int64(a.YTD), a.Tier, a.RuleID, credit, expires} {
			tb.want[c] = append(tb.want[c], v)
		}
	}
	return tb
}

// registerTable has DefaultRowGroupRows rows and some: the register writer takes no options.
func registerTable(t *testing.T) table {
	r := tableRng{rand.New(rand.NewPCG(7, 8))}
	emps, codes := names("E", 20000), names("EC", 9)
	var ei, er, ci, cr int
	rows := make([]RegisterRow, DefaultRowGroupRows+1000)
	for i := range rows {
		rows[i] = RegisterRow{Week: calendars.Date(20400), Employee: r.pick(emps, &ei, &er), RuleSet: "PSU_NONEXEMPT",
			EarningCode: r.pick(codes, &ci, &cr), Description: fmt.Sprintf("desc %d", i%3), Hours: r.i64(limitP10),
			Rate: r.i64(limitP12), Rates: int32(r.IntN(4)), Amount: r.i64(limitP18), EmployeeHours: r.i64(limitP10), EmployeeGross: r.i64(limitP18)}
	}
	var buf bytes.Buffer
	w, err := NewRegisterWriter(&buf, "run-r")
	if err != nil {
		t.Fatal(err)
	}
	writeRows(t, w, rows)
	tb := table{name: "register", schema: RegisterSchema, dict: []string{"run_id", "employee_id", "rule_set", "earning_code", "description"},
		idict: []string{"week_start", "rates"}, rgRows: DefaultRowGroupRows, data: buf.Bytes()}
	tb.want = make([][]any, len(RegisterSchema.Fields()))
	for _, x := range rows {
		for c, v := range []any{"run-r", int32(x.Week), x.Employee, x.RuleSet, x.EarningCode, x.Description, x.Hours, x.Rate,
			x.Rates, x.Amount, x.EmployeeHours, x.EmployeeGross} {
			tb.want[c] = append(tb.want[c], v)
		}
	}
	return tb
}

// arrowValues reads every column back through pqarrow, as the hand-off and the readers do.
func arrowValues(t *testing.T, data []byte) (*file.Reader, [][]any) {
	rdr, tbl := readArrow(t, data)
	out := make([][]any, tbl.NumCols())
	for c := range out {
		arr := column(t, tbl, tbl.Schema().Field(c).Name)
		for i := 0; i < arr.Len(); i++ {
			if arr.IsNull(i) {
				t.Fatalf("column %d row %d: null", c, i)
			}
			var v any
			switch a := arr.(type) {
			case *array.String:
				v = a.Value(i)
			case *array.Int32:
				v = a.Value(i)
			case *array.Date32:
				v = int32(a.Value(i))
			case *array.Timestamp:
				v = int64(a.Value(i))
			case *array.Decimal128:
				d := a.Value(i)
				if d.HighBits() != int64(d.LowBits())>>63 {
					t.Fatalf("column %d row %d: decimal %v past int64", c, i, d)
				}
				v = int64(d.LowBits())
			default:
				t.Fatalf("column %d: unexpected %T", c, arr)
			}
			out[c] = append(out[c], v)
		}
	}
	return rdr, out
}

// parquetGoValues reads every column back through xitongsys/parquet-go, an implementation
// that shares no code with Arrow's.
func parquetGoValues(t *testing.T, data []byte, sc *arrow.Schema) [][]any {
	path := filepath.Join(t.TempDir(), "t.parquet")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	pr := parquetGoReader(t, path)
	n := pr.GetNumRows()
	out := make([][]any, len(sc.Fields()))
	for c, f := range sc.Fields() {
		vals, _, _, err := pr.ReadColumnByPath(pr.SchemaHandler.GetRootExName()+common.PAR_GO_PATH_DELIMITER+f.Name, n)
		if err != nil {
			t.Fatalf("column %s: %v", f.Name, err)
		}
		out[c] = vals
	}
	return out
}

// The three writers of a close, read back through Arrow and through parquet-go: every value,
// the statistics of exactly the statsColumns (min and max of each row group's values), one
// dictionary page and one data page per dictionary chunk (uncompressed for integers: a date of
// 40 values, 40 rates with both ends of DECIMAL(12,4) among them, a week and a count of rates),
// one Snappy page per integer chunk of many values (minutes, hours, amounts, timestamps), as
// many row groups as the rows fill; and a rerun writes the same bytes.
func TestWrittenTablesReadBackThroughArrowAndParquetGo(t *testing.T) {
	for _, tb := range []table{payLinesTable(t, 5000, 1024), accrualsTable(t, 3000, 700), registerTable(t)} {
		t.Run(tb.name, func(t *testing.T) {
			rows := len(tb.want[0])
			rdr, got := arrowValues(t, tb.data)
			if !equalColumns(got, tb.want) {
				t.Errorf("Arrow read different values")
				diffColumns(t, tb, got)
			}
			if got := parquetGoValues(t, tb.data, tb.schema); !equalColumns(got, tb.want) {
				t.Errorf("parquet-go read different values")
				diffColumns(t, tb, got)
			}

			fm := footerOf(t, tb.data)
			groups := (rows + tb.rgRows - 1) / tb.rgRows
			if len(fm.RowGroups) != groups || rdr.NumRowGroups() != groups || fm.NumRows != int64(rows) {
				t.Fatalf("%d row groups (Arrow %d), %d rows; want %d, %d", len(fm.RowGroups), rdr.NumRowGroups(), fm.NumRows, groups, rows)
			}
			for g, rg := range fm.RowGroups {
				lo, hi := g*tb.rgRows, min((g+1)*tb.rgRows, rows)
				if rg.NumRows != int64(hi-lo) {
					t.Errorf("row group %d: %d rows, want %d", g, rg.NumRows, hi-lo)
				}
				for c, cc := range rg.Columns {
					name := tb.schema.Field(c).Name
					pages := pagesOf(t, tb.data, cc.MetaData)
					var kinds []string
					for _, p := range pages {
						kinds = append(kinds, p.Type.String())
					}
					wantKinds, codec := []string{"DATA_PAGE"}, xparquet.CompressionCodec_SNAPPY
					if slices.Contains(tb.dict, name) || slices.Contains(tb.idict, name) {
						wantKinds = []string{"DICTIONARY_PAGE", "DATA_PAGE"}
					}
					if slices.Contains(tb.idict, name) {
						codec = xparquet.CompressionCodec_UNCOMPRESSED
					}
					if !slices.Equal(kinds, wantKinds) || cc.MetaData.NumValues != int64(hi-lo) || cc.MetaData.Codec != codec {
						t.Errorf("row group %d %s: pages %v, %d values, %s; want %v, %d, %s", g, name, kinds, cc.MetaData.NumValues, cc.MetaData.Codec, wantKinds, hi-lo, codec)
					}
					checkStats(t, rdr, g, c, name, tb.want[c][lo:hi])
				}
			}
			again := tb
			switch tb.name {
			case "pay_lines":
				again = payLinesTable(t, 5000, 1024)
			case "accruals":
				again = accrualsTable(t, 3000, 700)
			case "register":
				again = registerTable(t)
			}
			if !bytes.Equal(again.data, tb.data) {
				t.Error("a rerun wrote different bytes")
			}
		})
	}
}

// equalColumns compares values and their types (reflect.DeepEqual takes seconds on a million).
func equalColumns(got, want [][]any) bool {
	if len(got) != len(want) {
		return false
	}
	for c := range want {
		if len(got[c]) != len(want[c]) {
			return false
		}
		for i := range want[c] {
			if got[c][i] != want[c][i] {
				return false
			}
		}
	}
	return true
}

func diffColumns(t *testing.T, tb table, got [][]any) {
	t.Helper()
	for c := range tb.want {
		if len(got[c]) != len(tb.want[c]) {
			t.Errorf("column %s: %d values, want %d", tb.schema.Field(c).Name, len(got[c]), len(tb.want[c]))
			continue
		}
		for i := range tb.want[c] {
			if got[c][i] != tb.want[c][i] {
				t.Errorf("column %s row %d: %#v, want %#v", tb.schema.Field(c).Name, i, got[c][i], tb.want[c][i])
				break
			}
		}
	}
}

// checkStats compares a chunk's statistics, as Arrow decodes them, with the values' min and max.
func checkStats(t *testing.T, rdr *file.Reader, g, c int, name string, vals []any) {
	t.Helper()
	cc, err := rdr.MetaData().RowGroup(g).ColumnChunk(c)
	if err != nil {
		t.Fatal(err)
	}
	st, err := cc.Statistics()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(statsColumns, name) {
		if st != nil && st.HasMinMax() {
			t.Errorf("row group %d %s: statistics written for a column not in statsColumns", g, name)
		}
		return
	}
	if st == nil || !st.HasMinMax() || st.NullCount() != 0 {
		t.Fatalf("row group %d %s: no statistics", g, name)
	}
	var gotLo, gotHi, lo, hi any
	switch s := st.(type) {
	case *metadata.ByteArrayStatistics:
		gotLo, gotHi = string(s.Min()), string(s.Max())
		l, h := vals[0].(string), vals[0].(string)
		for _, v := range vals {
			l, h = min(l, v.(string)), max(h, v.(string))
		}
		lo, hi = l, h
	case *metadata.Int32Statistics:
		gotLo, gotHi = s.Min(), s.Max()
		l, h := vals[0].(int32), vals[0].(int32)
		for _, v := range vals {
			l, h = min(l, v.(int32)), max(h, v.(int32))
		}
		lo, hi = l, h
	default:
		t.Fatalf("row group %d %s: statistics %T", g, name, st)
	}
	if gotLo != lo || gotHi != hi {
		t.Errorf("row group %d %s: min %v max %v, want %v %v", g, name, gotLo, gotHi, lo, hi)
	}
}

// The footer's schema is the one Arrow's own writer makes of the Arrow schemas (pqarrow with
// decimals as integers, which is what the files had before the writer was ours), element by
// element: physical, converted and logical types, precision and scale, repetition.
func TestSchemaIsWhatArrowWrites(t *testing.T) {
	for _, sc := range []*arrow.Schema{PayLineSchema, AccrualSchema, RegisterSchema, AdjustmentSchema, WhatIfSchema} {
		props := parquet.NewWriterProperties(parquet.WithStoreDecimalAsInteger(true))
		psc, err := pqarrow.ToParquet(sc, props, pqarrow.DefaultWriterProps())
		if err != nil {
			t.Fatal(err)
		}
		var ref bytes.Buffer
		fw := file.NewParquetWriter(&ref, psc.Root(), file.WithWriterProps(props))
		if err := fw.Close(); err != nil {
			t.Fatal(err)
		}
		var ours bytes.Buffer
		tw, err := newTableWriter(&ours, "", sc, nil, ParquetOptions{})
		if err != nil {
			t.Fatal(err)
		}
		if err := tw.close(); err != nil {
			t.Fatal(err)
		}
		want, got := footerOf(t, ref.Bytes()), footerOf(t, ours.Bytes())
		if !reflect.DeepEqual(got.Schema, want.Schema) {
			for i := range want.Schema {
				if i < len(got.Schema) && !reflect.DeepEqual(got.Schema[i], want.Schema[i]) {
					t.Errorf("%s element %d: %v, Arrow writes %v", sc.Field(max(i-1, 0)).Name, i, got.Schema[i], want.Schema[i])
				}
			}
			t.Fatalf("%d schema elements, Arrow writes %d", len(got.Schema), len(want.Schema))
		}
		if !reflect.DeepEqual(got.ColumnOrders, want.ColumnOrders) || got.NumRows != 0 || len(got.RowGroups) != 0 {
			t.Errorf("column orders %v (Arrow %v), %d rows, %d row groups", got.ColumnOrders, want.ColumnOrders, got.NumRows, len(got.RowGroups))
		}
	}
}

// The hybrid encoding of the dictionary indices against a decoder written from the spec: runs
// of every length at every offset of a bit-packed group, bit widths 1 to 20.
func TestHybridEncodingDecodes(t *testing.T) {
	r := rand.New(rand.NewPCG(9, 10))
	for bw := 1; bw <= 20; bw++ {
		var vs []int32
		for len(vs) < 3000 {
			v := int32(r.Int64N(1 << bw))
			for k := r.IntN(20) + 1; k > 0; k-- {
				vs = append(vs, v)
			}
		}
		for _, n := range []int{0, 1, 7, 8, 9, 16, 17, len(vs)} {
			enc := appendHybrid(nil, vs[:n], bw)
			if got := decodeHybrid(t, enc, bw, n); !slices.Equal(got, vs[:n]) {
				t.Fatalf("bit width %d, %d values: decoded %v, want %v", bw, n, got, vs[:n])
			}
		}
	}
}

// packGroups writes the bytes the accumulator it stands in for wrote, value by value, at every
// width it takes (and the values it leaves are the ones after the whole groups).
func TestPackGroupsIsTheAccumulator(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	for bw := 1; bw <= 16; bw++ {
		for _, n := range []int{0, 7, 8, 15, 16, 64, 1000} {
			vs := make([]int32, n)
			for i := range vs {
				vs[i] = int32(r.Int64N(1 << bw))
			}
			if n > 0 {
				vs[0] = int32(1<<bw - 1) // the widest value
			}
			got, rest := packGroups([]byte{0xAB}, vs, bw)
			var want []byte
			var acc uint64
			nb := 0
			for _, v := range vs[:n&^7] {
				acc |= uint64(uint32(v)) << nb
				for nb += bw; nb >= 8; nb -= 8 {
					want = append(want, byte(acc))
					acc >>= 8
				}
			}
			if !bytes.Equal(got[1:], want) || got[0] != 0xAB || len(rest) != n%8 || (len(rest) > 0 && &rest[0] != &vs[n&^7]) {
				t.Fatalf("bit width %d, %d values: got % x, want % x; %d left", bw, n, got, want, len(rest))
			}
		}
	}
}

func decodeHybrid(t *testing.T, b []byte, bw, n int) []int32 {
	var out []int32
	for len(b) > 0 {
		h, k := binary.Uvarint(b)
		if k <= 0 {
			t.Fatal("bad run header")
		}
		b = b[k:]
		if h&1 == 0 { // RLE: count, then the value in ceil(bw/8) bytes
			var v uint32
			nb := (bw + 7) / 8
			for i := 0; i < nb; i++ {
				v |= uint32(b[i]) << (8 * i)
			}
			b = b[nb:]
			for i := uint64(0); i < h>>1; i++ {
				out = append(out, int32(v))
			}
			continue
		}
		groups := int(h >> 1)
		bitsIn := b[:groups*bw]
		b = b[groups*bw:]
		for i := 0; i < 8*groups; i++ {
			var v uint32
			for j := 0; j < bw; j++ {
				bit := i*bw + j
				v |= uint32(bitsIn[bit/8]>>(bit%8)&1) << j
			}
			out = append(out, int32(v))
		}
	}
	if len(out) < n || len(out) > n+7 {
		t.Fatalf("%d values decoded for %d", len(out), n)
	}
	return out[:n]
}

// A row group past one data page splits its chunks into pages of at most dataPageSize bytes of
// values, and Arrow reads them all.
func TestLargeRowGroupSplitsPages(t *testing.T) {
	const n = 140_000
	tb := payLinesTable(t, n, n)
	_, got := arrowValues(t, tb.data)
	if !equalColumns(got, tb.want) {
		t.Fatal("Arrow read different values")
	}
	fm := footerOf(t, tb.data)
	for c, cc := range fm.RowGroups[0].Columns {
		name := PayLineSchema.Field(c).Name
		var pages int
		dict := cc.MetaData.DictionaryPageOffset != nil
		for _, p := range pagesOf(t, tb.data, cc.MetaData) {
			if p.Type == xparquet.PageType_DATA_PAGE {
				pages++
				if p.UncompressedPageSize > dataPageSize+8 {
					t.Errorf("%s: a page of %d bytes", name, p.UncompressedPageSize)
				}
			}
		}
		want := 1 // indices of at most 14 bits, int32 values: 140k × 4 bytes < 1 MiB
		if cc.MetaData.Type == xparquet.Type_INT64 && !dict {
			want = 2 // 131,072 values per page
		}
		if pages != want {
			t.Errorf("%s: %d data pages, want %d", name, pages, want)
		}
	}
}

// writeRows writes rows through a table writer and closes it.
func writeRows[R any](t *testing.T, w interface {
	Write([]R) error
	Close() error
}, rows []R) {
	t.Helper()
	if err := w.Write(rows); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
}

// An integer chunk is a dictionary chunk exactly when the dictionary page and the rows' numbers
// take at most 3/8 of the PLAIN values: 4096 int64 values are 32,768 bytes, 3/8 is 12,288, and
// 896 distinct values take 896 × 8 + 4096 × 10 bits / 8 = 12,288 bytes; 897 need 11 bits each.
// Either way every value reads back, through Arrow and parquet-go.
func TestIntDictionaryOnlyWhenItPays(t *testing.T) {
	sc := arrow.NewSchema([]arrow.Field{required("amount", typeAmount)}, nil)
	for _, c := range []struct {
		distinct int
		dict     bool
	}{{1, true}, {896, true}, {897, false}} {
		var buf bytes.Buffer
		tw, err := newTableWriter(&buf, "", sc, nil, ParquetOptions{RowGroupRows: 4096})
		if err != nil {
			t.Fatal(err)
		}
		r := rand.New(rand.NewPCG(9, uint64(c.distinct)))
		want := [][]any{nil}
		for i := range 4096 {
			v := int64(i % c.distinct) // every distinct value, then at random among them
			if i >= c.distinct {
				v = r.Int64N(int64(c.distinct))
			}
			v = v*1_000_000_007 - limitP18/2 // negative and wide
			tw.i64(0, v)
			want[0] = append(want[0], v)
			if err := tw.rowDone(); err != nil {
				t.Fatal(err)
			}
		}
		if err := tw.close(); err != nil {
			t.Fatal(err)
		}
		md := footerOf(t, buf.Bytes()).RowGroups[0].Columns[0].MetaData
		if got := md.DictionaryPageOffset != nil; got != c.dict {
			t.Errorf("%d distinct values: dictionary %v, want %v", c.distinct, got, c.dict)
		}
		if _, got := arrowValues(t, buf.Bytes()); !equalColumns(got, want) {
			t.Errorf("%d distinct values: Arrow read different values", c.distinct)
		}
		if got := parquetGoValues(t, buf.Bytes(), sc); !equalColumns(got, want) {
			t.Errorf("%d distinct values: parquet-go read different values", c.distinct)
		}
	}
}

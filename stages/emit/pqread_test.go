package emit

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/apache/arrow/go/v15/parquet/pqarrow"
)

// ownValues reads every column of data with OwnFile.
func ownValues(t *testing.T, data []byte) [][]any {
	t.Helper()
	path := filepath.Join(t.TempDir(), "t.parquet")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	of, err := OpenOwnFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer of.Close()
	cols := of.Columns()
	out := make([][]any, len(cols))
	var sc StringChunk
	var ic Int64Chunk
	var i32 Int32Chunk
	for g := range of.RowGroups() {
		for c := range cols {
			md := of.md.RowGroups[g].Columns[c].MetaData
			switch md.Type.String() {
			case "BYTE_ARRAY":
				if err := of.Strings(g, c, &sc); err != nil {
					t.Fatal(err)
				}
				if len(sc.Idx) != of.Rows(g) {
					t.Fatalf("row group %d %s: %d rows, want %d", g, cols[c], len(sc.Idx), of.Rows(g))
				}
				for _, k := range sc.Idx {
					out[c] = append(out[c], strings.Clone(sc.Dict[k]))
				}
			case "INT64":
				if err := of.Int64s(g, c, &ic); err != nil {
					t.Fatal(err)
				}
				for _, v := range ic.Values {
					out[c] = append(out[c], v)
				}
			case "INT32":
				if err := of.Int32s(g, c, &i32); err != nil {
					t.Fatal(err)
				}
				for _, v := range i32.Values {
					out[c] = append(out[c], v)
				}
			default:
				t.Fatalf("column %s: %s", cols[c], md.Type)
			}
		}
	}
	return out
}

// OwnFile reads back every value the three writers of a close wrote (dictionary chunks of
// strings and of integers, Snappy and uncompressed, several row groups), as they were written.
func TestOwnFileReadsWhatTheWritersWrote(t *testing.T) {
	for _, tb := range []table{payLinesTable(t, 5000, 1024), accrualsTable(t, 3000, 700), registerTable(t)} {
		t.Run(tb.name, func(t *testing.T) {
			got := ownValues(t, tb.data)
			for c, f := range tb.schema.Fields() {
				if !equalColumns([][]any{got[c]}, [][]any{tb.want[c]}) {
					t.Errorf("column %s: read back different values", f.Name)
				}
			}
		})
	}
}

// A dictionary that filled up is followed by PLAIN pages: their rows come back as entries of
// their own after the dictionary's.
func TestOwnFileReadsPlainPagesAfterAFullDictionary(t *testing.T) {
	lines := dictLines(4000)
	pad := strings.Repeat("x", 400)
	for i := range lines {
		lines[i].Employee = fmt.Sprintf("E%05d-%s", i, pad) // 1.6 MB of distinct ids: past the dictionary's 1 MB
	}
	data, _ := writePayLines(t, lines, ParquetOptions{})
	got := ownValues(t, data)
	c := PayLineSchema.FieldIndices("employee_id")[0]
	if len(got[c]) != len(lines) {
		t.Fatalf("%d rows, want %d", len(got[c]), len(lines))
	}
	for i := range lines {
		if got[c][i] != lines[i].Employee {
			t.Fatalf("row %d: %.10q, want %.10q", i, got[c][i], lines[i].Employee)
		}
	}
}

// A file another writer made (Arrow's) is refused, and so is a damaged one: a dictionary number
// past the dictionary, a truncated page.
func TestOwnFileRefusesOtherFiles(t *testing.T) {
	dir := t.TempDir()
	// Arrow's own writer.
	sc := arrow.NewSchema([]arrow.Field{{Name: "s", Type: arrow.BinaryTypes.String}}, nil)
	b := array.NewRecordBuilder(memory.DefaultAllocator, sc)
	b.Field(0).(*array.StringBuilder).AppendValues([]string{"a", "b"}, nil)
	rec := b.NewRecord()
	var buf bytes.Buffer
	w, err := pqarrow.NewFileWriter(sc, &buf, nil, pqarrow.DefaultWriterProps())
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(rec); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	arrowPath := filepath.Join(dir, "arrow.parquet")
	os.WriteFile(arrowPath, buf.Bytes(), 0o644)
	if _, err := OpenOwnFile(arrowPath); err == nil || !strings.Contains(err.Error(), "not a file of this version") {
		t.Errorf("Arrow's file: %v, want refused", err)
	}

}

// appendIndexes reads back what appendHybrid writes, at every bit width, runs of every length
// at every offset of a group; a number past the dictionary and a page cut short are errors.
func TestOwnFileIndexesRoundTrip(t *testing.T) {
	r := tableRng{rand.New(rand.NewPCG(9, 10))}
	for bw := 1; bw <= 20; bw++ {
		size := 1 << bw
		var vs []int32
		for len(vs) < 3000 {
			v, run := int32(r.IntN(size)), []int{1, 2, 7, 8, 9, 17, 40}[r.IntN(7)]
			for range run {
				vs = append(vs, v)
			}
		}
		page := appendHybrid([]byte{byte(bw)}, vs, bw)
		got, err := appendIndexes([]int32{-1}, page, len(vs), size)
		if err != nil || !slices.Equal(got[1:], vs) || got[0] != -1 {
			t.Fatalf("bit width %d: %v; values differ: %v", bw, err, !slices.Equal(got[1:], vs))
		}
		if _, err := appendIndexes(nil, page, len(vs), int(slices.Max(vs))); err == nil {
			t.Errorf("bit width %d: a number past the dictionary read without an error", bw)
		}
		if _, err := appendIndexes(nil, page[:len(page)/2], len(vs), size); err == nil {
			t.Errorf("bit width %d: half a page read without an error", bw)
		}
	}
}

// OwnFile on damaged bytes: an error or values, never a panic, and never a row without a value.
func FuzzOwnFile(f *testing.F) {
	tb := payLinesTable(&testing.T{}, 200, 64)
	f.Add(tb.data)
	tb = accrualsTable(&testing.T{}, 100, 64)
	f.Add(tb.data)
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(dir, "f.parquet")
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		of, err := OpenOwnFile(path)
		if err != nil {
			return
		}
		defer of.Close()
		var sc StringChunk
		var ic Int64Chunk
		var i32 Int32Chunk
		for g := range of.RowGroups() {
			for c := range of.Columns() {
				if err := of.Strings(g, c, &sc); err == nil {
					if len(sc.Idx) != of.Rows(g) {
						t.Fatalf("row group %d column %d: %d values of %d rows", g, c, len(sc.Idx), of.Rows(g))
					}
					for _, k := range sc.Idx {
						_ = sc.Dict[k]
					}
				}
				if err := of.Int64s(g, c, &ic); err == nil && len(ic.Values) != of.Rows(g) {
					t.Fatalf("row group %d column %d: %d values of %d rows", g, c, len(ic.Values), of.Rows(g))
				}
				if err := of.Int32s(g, c, &i32); err == nil && len(i32.Values) != of.Rows(g) {
					t.Fatalf("row group %d column %d: %d values of %d rows", g, c, len(i32.Values), of.Rows(g))
				}
			}
		}
	})
}

// ReadPayLines reads a file of this package with OwnFile and gives the rows Arrow gives, row for
// row: several row groups, and a dictionary that filled up.
func TestReadPayLinesOwnIsArrows(t *testing.T) {
	long := dictLines(4000)
	pad := strings.Repeat("x", 400)
	for i := range long {
		long[i].Employee = fmt.Sprintf("E%05d-%s", i, pad)
	}
	longData, _ := writePayLines(t, long, ParquetOptions{})
	for name, data := range map[string][]byte{"row groups": payLinesTable(t, 5000, 1024).data, "full dictionary": longData} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "p.parquet")
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			var own, arrow []PayLineRow
			collect := func(out *[]PayLineRow) func(*PayLineRow) {
				return func(r *PayLineRow) {
					c := *r
					c.Employee, c.RuleSet, c.PayCode = strings.Clone(c.Employee), strings.Clone(c.RuleSet), strings.Clone(c.PayCode)
					c.RuleID, c.Account = strings.Clone(c.RuleID), strings.Clone(c.Account)
					*out = append(*out, c)
				}
			}
			if err := ReadPayLines(path, collect(&own)); err != nil {
				t.Fatal(err)
			}
			if err := readPayLinesArrow(path, collect(&arrow)); err != nil {
				t.Fatal(err)
			}
			if len(own) == 0 || !slices.Equal(own, arrow) {
				t.Fatalf("%d rows, Arrow %d; equal: %v", len(own), len(arrow), slices.Equal(own, arrow))
			}
		})
	}
}

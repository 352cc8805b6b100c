package emit

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/apache/arrow/go/v15/parquet"
	"github.com/apache/arrow/go/v15/parquet/file"
	"github.com/apache/arrow/go/v15/parquet/metadata"

	"github.com/payclose/payclose/stages/model"
)

// dictLines are pay lines whose string columns repeat (runs and scattered repeats) and include
// empty strings, also as the first value of a row group.
func dictLines(n int) []model.PayLine {
	codes := []string{"", "REG", "OT", "DIFF_EVE", "REG", "SICK"}
	ls := make([]model.PayLine, n)
	for i := range ls {
		l := payLineCases[i%len(payLineCases)].in
		l.Employee = fmt.Sprintf("E%03d", (i/3)%40)
		l.PayCode = codes[i%len(codes)]
		l.RuleSet = []string{"", "SHARE", "PSU_NONEXEMPT"}[(i/5)%3]
		l.Account = []string{"", "UMMH/MED/4EAST/RN/-/-/-", "A"}[(i/2)%3]
		ls[i] = l
	}
	return ls
}

// cloned is lines with every string a copy of its own, as if nothing had been interned.
func cloned(lines []model.PayLine) []model.PayLine {
	out := slices.Clone(lines)
	for i := range out {
		l := &out[i]
		l.Employee, l.RuleSet, l.PayCode = strings.Clone(l.Employee), strings.Clone(l.RuleSet), strings.Clone(l.PayCode)
		l.RuleID, l.Account = strings.Clone(l.RuleID), strings.Clone(l.Account)
	}
	return out
}

// The dictionary numbering recognises interned strings by their pointer; whether equal values
// share one copy or not must change only the speed, never the bytes.
func TestDictionaryBytesDoNotDependOnSharing(t *testing.T) {
	lines := dictLines(300)
	opts := ParquetOptions{RowGroupRows: 64}
	a, _ := writePayLines(t, lines, opts)
	b, _ := writePayLines(t, cloned(lines), opts)
	if !bytes.Equal(a, b) {
		t.Fatal("shared and copied strings gave different files")
	}
	// and the check can fail: one value changed changes the bytes
	lines[150].Account = "B"
	c, _ := writePayLines(t, lines, opts)
	if bytes.Equal(a, c) {
		t.Fatal("a changed labor account gave the same file")
	}
}

// Every string column is dictionary-encoded from our own numbering; the values, the empty
// strings (not nulls) and the chunk statistics readers filter on must be those of the rows.
func TestDictionaryColumnsReadBackWithTheirStatistics(t *testing.T) {
	lines := dictLines(300)
	const rg = 64
	data, _ := writePayLines(t, lines, ParquetOptions{RowGroupRows: rg})
	got := readBackLines(t, data)
	if len(got) != len(lines) {
		t.Fatalf("%d lines read back, want %d", len(got), len(lines))
	}
	for i, l := range lines {
		g := got[i]
		if g.Employee != l.Employee || g.RuleSet != l.RuleSet || g.PayCode != l.PayCode || g.RuleID != l.RuleID || g.Account != l.Account {
			t.Fatalf("line %d: read %q %q %q %q %q, wrote %q %q %q %q %q", i, g.Employee, g.RuleSet, g.PayCode, g.RuleID, g.Account,
				l.Employee, l.RuleSet, l.PayCode, l.RuleID, l.Account)
		}
	}
	rdr, err := file.NewParquetReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer rdr.Close()
	cols := map[string]func(*model.PayLine) string{
		"employee_id": func(l *model.PayLine) string { return l.Employee },
		"rule_set":    func(l *model.PayLine) string { return l.RuleSet },
		"pay_code":    func(l *model.PayLine) string { return l.PayCode },
	}
	for g := 0; g < rdr.NumRowGroups(); g++ {
		rows := lines[g*rg : min((g+1)*rg, len(lines))]
		for name, val := range cols {
			c := PayLineSchema.FieldIndices(name)[0]
			cc, err := rdr.MetaData().RowGroup(g).ColumnChunk(c)
			if err != nil {
				t.Fatal(err)
			}
			st, err := cc.Statistics()
			if err != nil || st == nil {
				t.Fatalf("row group %d %s: no statistics (%v)", g, name, err)
			}
			bs := st.(*metadata.ByteArrayStatistics)
			lo, hi := val(&rows[0]), val(&rows[0])
			for i := range rows {
				lo, hi = min(lo, val(&rows[i])), max(hi, val(&rows[i]))
			}
			if !bs.HasMinMax() || string(bs.Min()) != lo || string(bs.Max()) != hi || bs.NullCount() != 0 {
				t.Errorf("row group %d %s: min %q max %q nulls %d, want %q %q 0", g, name, bs.Min(), bs.Max(), bs.NullCount(), lo, hi)
			}
		}
	}
}

// A row group whose distinct values pass the dictionary page limit (1 MiB) is written with the
// dictionary up to there and plain after, as Arrow itself falls back; nothing is lost.
func TestDictionaryFallsBackToPlainPastItsLimit(t *testing.T) {
	lines := dictLines(4000)
	pad := strings.Repeat("x", 400)
	for i := range lines {
		lines[i].Employee = fmt.Sprintf("E%05d-%s", i, pad) // 4000 × ~411 bytes: 1.6 MB of distinct ids
	}
	data, _ := writePayLines(t, lines, ParquetOptions{})
	got := readBackLines(t, data)
	if len(got) != len(lines) {
		t.Fatalf("%d lines read back, want %d", len(got), len(lines))
	}
	for i := range lines {
		if got[i].Employee != lines[i].Employee {
			t.Fatalf("line %d: employee %.10q, want %.10q", i, got[i].Employee, lines[i].Employee)
		}
	}
	rdr, err := file.NewParquetReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer rdr.Close()
	cc, err := rdr.MetaData().RowGroup(0).ColumnChunk(PayLineSchema.FieldIndices("employee_id")[0])
	if err != nil {
		t.Fatal(err)
	}
	encs := cc.Encodings()
	if !cc.HasDictionaryPage() || !slices.Contains(encs, parquet.Encodings.Plain) {
		t.Errorf("employee_id: dictionary page %v, encodings %v; want a dictionary and plain after it", cc.HasDictionaryPage(), encs)
	}
	st, _ := cc.Statistics()
	bs := st.(*metadata.ByteArrayStatistics)
	if string(bs.Min()) != lines[0].Employee || string(bs.Max()) != lines[len(lines)-1].Employee {
		t.Errorf("employee_id statistics %.10q..%.10q, want %.10q..%.10q", bs.Min(), bs.Max(), lines[0].Employee, lines[len(lines)-1].Employee)
	}
}

// readBackLines reads a pay_lines file with the package's own reader.
func readBackLines(t *testing.T, data []byte) []PayLineRow {
	t.Helper()
	path := filepath.Join(t.TempDir(), "p.parquet")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	var out []PayLineRow
	err := ReadPayLines(path, func(r *PayLineRow) {
		c := *r
		c.Employee, c.RuleSet, c.PayCode = strings.Clone(c.Employee), strings.Clone(c.RuleSet), strings.Clone(c.PayCode)
		c.RuleID, c.Account = strings.Clone(c.RuleID), strings.Clone(c.Account)
		out = append(out, c)
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// strDict numbers values in order of first appearance whatever the order of the rows (sorted,
// sorted then an earlier value again, unsorted) and whether equal values share a copy.
func TestStrDictNumbersInOrderOfFirstAppearance(t *testing.T) {
	seqs := [][]string{
		{"10000001", "10000001", "10000002", "10000003", "10000003"},
		{"A", "B", "B", "C", "A", "D", "B", ""},
		{"", "", "x", "", "y"},
		{"SHARE", "PSU", "SHARE", "NONUNIT", "PSU"},
		{"b", "a", "c", "a", "b", "d", "d"},
	}
	for _, seq := range seqs {
		for _, copies := range []bool{false, true} {
			d := &strDict{limit: 1 << 20, sorted: true}
			want := map[string]int32{}
			var wantIdx []int32
			for _, v := range seq {
				if _, ok := want[v]; !ok {
					want[v] = int32(len(want))
				}
				wantIdx = append(wantIdx, want[v])
				if copies {
					v = strings.Clone(v)
				}
				// as tableWriter.str: the previous row's value first
				if d.has && v == d.lastV {
					d.idx = append(d.idx, d.last)
				} else if !d.add(v) {
					t.Fatal("dictionary full")
				}
			}
			if !slices.Equal(d.idx, wantIdx) || len(d.values) != len(want) {
				t.Errorf("%q (copies %v): numbers %v, want %v; %d values, want %d", seq, copies, d.idx, wantIdx, len(d.values), len(want))
			}
			for v, i := range want {
				if d.values[i] != v {
					t.Errorf("%q: value %d is %q, want %q", seq, i, d.values[i], v)
				}
			}
		}
	}
}

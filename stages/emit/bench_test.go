package emit

import (
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"testing"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
)

// benchLines builds n pay lines shaped like a real week: about ten lines per employee, employees
// in order, a few dozen codes, rules and accounts, and irregular durations and rates (a seeded
// generator, so that compression is not flattered by a periodic pattern). Equal strings share
// one copy, as ingest's interners and the rule catalog make them in a close.
func benchLines(n int) []model.PayLine {
	interned := map[string]string{}
	intern := func(s string) string {
		if c, ok := interned[s]; ok {
			return c
		}
		interned[s] = s
		return s
	}
	codes := []string{"REG", "OT", "DIFF_EVE", "DIFF_NIGHT", "DIFF_WKND", "VACATION", "ONCALL", "HOL_PREMIUM", "SICK", "CALLBACK_GUARANTEE"}
	ruleSets := []string{"SHARE", "PSU_NONEXEMPT", "NONUNIT_NONEXEMPT"}
	week := calendars.NewDate(2024, 1, 7)
	from := int64(week) * 86400
	rng := rand.New(rand.NewPCG(1, 2))
	ls := make([]model.PayLine, n)
	emp, base := 0, rates.Rate(0)
	for i := range ls {
		if i == 0 || rng.IntN(10) == 0 {
			emp++
			base = rates.Rate(180000 + rng.IntN(400000))
		}
		code := codes[rng.IntN(len(codes))]
		day := int64(rng.IntN(7))
		secs := int64(60 * (15 + rng.IntN(12*60)))
		start := from + day*86400 + int64(rng.IntN(86400))
		ls[i] = model.PayLine{
			Employee: intern(fmt.Sprintf("E%07d", emp)),
			RuleSet:  ruleSets[emp%len(ruleSets)],
			WorkDate: week + calendars.Date(day),
			PayCode:  code,
			Seconds:  secs,
			Rate:     base,
			Amount:   rates.Amount(secs, base),
			RuleID:   intern(fmt.Sprintf("%s-%s-%d", ruleSets[emp%len(ruleSets)], code, rng.IntN(3))),
			Account:  intern(fmt.Sprintf("UMMH/MED/UNIT%03d/RN/-/-/-", rng.IntN(300))),
			Start:    start,
			End:      start + secs,
		}
	}
	return ls
}

type countingDiscard struct{ n int64 }

func (c *countingDiscard) Write(p []byte) (int, error) { c.n += int64(len(p)); return len(p), nil }

var _ io.Writer = (*countingDiscard)(nil)

// BenchmarkWritePayLines writes 1M lines per op in employee-week sized calls, as the pipeline will.
func BenchmarkWritePayLines(b *testing.B) {
	const n = 1_000_000
	lines := benchLines(n)
	b.ReportAllocs()
	b.ResetTimer()
	var bytes int64
	for i := 0; i < b.N; i++ {
		sink := &countingDiscard{}
		w, err := NewPayLineWriter(sink, "run-bench", ParquetOptions{})
		if err != nil {
			b.Fatal(err)
		}
		for j := 0; j < n; j += 10 {
			if err := w.Write(lines[j:min(j+10, n)]); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
		bytes = sink.n
	}
	b.StopTimer()
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
	b.ReportMetric(float64(bytes)/1e6, "MB/file")
}

// BenchmarkRewritePayLines writes the rows of a real pay_lines file (PAYCLOSE_PAYLINES, e.g. a
// part of a 1M close) again through the writer, the same column values in the same order, so
// that encodings are measured on a close's values rather than benchLines'.
func BenchmarkRewritePayLines(b *testing.B) {
	path := os.Getenv("PAYCLOSE_PAYLINES")
	if path == "" {
		b.Skip("PAYCLOSE_PAYLINES not set")
	}
	type row struct {
		run, emp, rs, pc, rid, acct string
		date, mins                  int32
		hours, rate, amount, s, e   int64
	}
	var rows []row
	err := readTable(path, PayLineSchema, nil, func(rec arrow.Record, clone func(string) string) {
		str := func(i int) *array.String { return rec.Column(i).(*array.String) }
		dec := func(i int) *array.Decimal128 { return rec.Column(i).(*array.Decimal128) }
		ts := func(i int) *array.Timestamp { return rec.Column(i).(*array.Timestamp) }
		for i := 0; i < int(rec.NumRows()); i++ {
			rows = append(rows, row{clone(str(0).Value(i)), clone(str(1).Value(i)), clone(str(2).Value(i)), clone(str(4).Value(i)),
				clone(str(9).Value(i)), clone(str(10).Value(i)),
				int32(rec.Column(3).(*array.Date32).Value(i)), rec.Column(5).(*array.Int32).Value(i),
				int64(dec(6).Value(i).LowBits()), int64(dec(7).Value(i).LowBits()), int64(dec(8).Value(i).LowBits()),
				int64(ts(11).Value(i)), int64(ts(12).Value(i))})
		}
	})
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	var bytes int64
	runID := "" // one per file, as the close writes it
	if len(rows) > 0 {
		runID = rows[0].run
	}
	for range b.N {
		sink := &countingDiscard{}
		t, err := newTableWriter(sink, runID, PayLineSchema, payLineDictColumns, ParquetOptions{})
		if err != nil {
			b.Fatal(err)
		}
		for i := range rows {
			r := &rows[i]
			t.str(1, r.emp)
			t.str(2, r.rs)
			t.i32(3, r.date)
			t.str(4, r.pc)
			t.i32(5, r.mins)
			t.i64(6, r.hours)
			t.i64(7, r.rate)
			t.i64(8, r.amount)
			t.str(9, r.rid)
			t.str(10, r.acct)
			t.i64(11, r.s)
			t.i64(12, r.e)
			if err := t.rowDone(); err != nil {
				b.Fatal(err)
			}
		}
		if err := t.close(); err != nil {
			b.Fatal(err)
		}
		bytes = sink.n
	}
	b.StopTimer()
	b.ReportMetric(float64(len(rows))*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
	b.ReportMetric(float64(bytes)/1e6, "MB/file")
}

package benchmarks

import (
	"bytes"
	"context"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"testing"

	"github.com/payclose/payclose/benchmarks/gen"
	"github.com/payclose/payclose/pipeline"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/emit"
	"github.com/payclose/payclose/stages/ingest"
	"github.com/payclose/payclose/stages/model"
	"github.com/payclose/payclose/stages/rules"
)

// BenchmarkParsePunches is ingest alone: the punch export of 10k employees (~83k rows) from
// memory into typed rows. One op is the whole file.
func BenchmarkParsePunches(b *testing.B) {
	w := loadWorkload(b, 10_000)
	b.SetBytes(int64(len(w.punches)))
	b.ReportAllocs()
	var rows int
	for b.Loop() {
		st, err := ingest.ReadPunches(bytes.NewReader(w.punches), "punches.csv", func(*model.Punch) {}, nil)
		if err != nil {
			b.Fatal(err)
		}
		rows = st.Rows
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*rows), "ns/row")
	b.ReportMetric(float64(b.N*rows)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkParseRoster is the roster of 10k generated employees from memory into typed rows, the
// duplicate check included (ingest.ReadRoster). One op is the whole file.
func BenchmarkParseRoster(b *testing.B) {
	w := loadWorkload(b, 10_000)
	b.SetBytes(int64(len(w.roster)))
	b.ReportAllocs()
	var rows int
	for b.Loop() {
		_, st, err := ingest.ReadRoster(bytes.NewReader(w.roster), "roster.csv", nil)
		if err != nil {
			b.Fatal(err)
		}
		rows = st.Rows
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*rows), "ns/row")
}

// BenchmarkParseSchedule is the posted schedule of 10k generated employees from memory into typed
// rows. One op is the whole file.
func BenchmarkParseSchedule(b *testing.B) {
	w := loadWorkload(b, 10_000)
	b.SetBytes(int64(len(w.schedule)))
	b.ReportAllocs()
	var rows int
	for b.Loop() {
		st, err := ingest.ReadSchedule(bytes.NewReader(w.schedule), "schedule.csv", func(*model.Scheduled) {}, nil)
		if err != nil {
			b.Fatal(err)
		}
		rows = st.Rows
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*rows), "ns/row")
}

// BenchmarkSplitPunches is the bare-parse floor in-process: the same bytes, split into fields
// by the same record reader, no value parsed.
func BenchmarkSplitPunches(b *testing.B) {
	w := loadWorkload(b, 10_000)
	b.SetBytes(int64(len(w.punches)))
	b.ReportAllocs()
	var rows, n int
	for b.Loop() {
		rows, _, _ = ingest.SplitRecords(bytes.NewReader(w.punches), func(f [][]byte) { n += len(f) })
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*rows), "ns/row")
}

// BenchmarkAssembleAndRules is one employee-week per op, assemble + rule family, on pre-parsed
// rows of 10k generated employees taken round robin: ns/op and allocs/op are per employee-week.
func BenchmarkAssembleAndRules(b *testing.B) { benchAssembleAndRules(b, loadWorkload(b, 10_000)) }

// BenchmarkAssembleAndRulesWithRates is the same with two rates.csv rows per employee (a raise in
// force, a second job): the cost of finding the rate in force (issue 14: under 10%, no allocation).
func BenchmarkAssembleAndRulesWithRates(b *testing.B) {
	benchAssembleAndRules(b, withRates(loadWorkload(b, 10_000)))
}

func benchAssembleAndRules(b *testing.B, w *workload) {
	c := newCalculator()
	for i := range w.emps { // warm the scratch memory, as a worker is after its first batch
		c.employeeWeek(&w.emps[i])
	}
	c.lines = 0
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		c.employeeWeek(&w.emps[i])
		if i++; i == len(w.emps) {
			i = 0
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "employee-weeks/s")
	b.ReportMetric(float64(c.lines)/float64(b.N), "lines/employee-week")
}

// BenchmarkEncode is the Parquet writer alone: the pay lines of 10k employee-weeks written to
// io.Discard, in 256-employee batches as the pipeline writes them. One op is the whole set.
func BenchmarkEncode(b *testing.B) {
	w := loadWorkload(b, 10_000)
	c := newCalculator()
	var lines []model.PayLine
	for i := range w.emps {
		c.employeeWeek(&w.emps[i])
		lines = append(lines, c.res.Lines...)
	}
	batch := len(lines) / (len(w.emps) / 256)
	b.ReportAllocs()
	for b.Loop() {
		pw, err := emit.NewPayLineWriter(io.Discard, "0123456789abcdef", emit.ParquetOptions{})
		if err != nil {
			b.Fatal(err)
		}
		for lo := 0; lo < len(lines); lo += batch {
			if err := pw.Write(lines[lo:min(lo+batch, len(lines))]); err != nil {
				b.Fatal(err)
			}
		}
		if err := pw.Close(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(lines)), "ns/line")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(w.emps)), "ns/employee-week")
}

// BenchmarkEndToEnd is pipeline.Run on a generated 10k-employee week on disk: hashing, parsing,
// assemble, rules, accruals, Parquet, rejects, manifest and the atomic commit. PAYCLOSE_BENCH_EMPLOYEES
// sets another size, e.g. 1000000 with -benchtime 1x -cpuprofile to profile the full-size close.
func BenchmarkEndToEnd(b *testing.B) {
	n := 10_000
	if v, err := strconv.Atoi(os.Getenv("PAYCLOSE_BENCH_EMPLOYEES")); err == nil && v > 0 {
		n = v
	}
	dir := b.TempDir()
	st, err := gen.Write(dir, gen.Config{Employees: n, Week: week, Seed: 1})
	if err != nil {
		b.Fatal(err)
	}
	cfg := pipeline.Config{
		Punches: filepath.Join(dir, gen.PunchesFile), Roster: filepath.Join(dir, gen.RosterFile),
		Schedule: filepath.Join(dir, gen.ScheduleFile), Week: week, Out: filepath.Join(dir, "out"),
	}
	b.SetBytes(st.PunchBytes + st.RosterBytes + st.ScheduleBytes)
	b.ReportAllocs()
	for b.Loop() {
		// A fresh ledger each time: closing the same week into the same ledger again would be a
		// re-close of unchanged inputs, which commits nothing.
		b.StopTimer()
		os.RemoveAll(cfg.Out)
		b.StartTimer()
		if _, err := pipeline.Run(context.Background(), cfg); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	os.RemoveAll(cfg.Out)
	b.ReportMetric(float64(b.N)*float64(st.Employees)/b.Elapsed().Seconds(), "employee-weeks/s")
	b.ReportMetric(float64(b.N)*float64(st.PunchRows)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkRules is the rules stage alone, as the issue states its target: the weeks are
// assembled once up front, and one op is one employee-week calculated by its rule family
// (SHARE, PSU or non-unit by the workload's mix).
func BenchmarkRules(b *testing.B) {
	w := loadWorkload(b, 10_000)
	c := newCalculator()
	type job struct {
		week model.Week
		rs   *rates.RuleSet
		calc rules.Calc
	}
	jobs := make([]job, len(w.emps))
	for i := range w.emps {
		e := &w.emps[i]
		c.employeeWeek(e) // assembles into c.weeks[0] and warms the family's calculator
		wk := c.weeks[0]
		wk.Spans = append([]model.Span(nil), wk.Spans...)
		wk.Absences = append([]model.Absence(nil), wk.Absences...)
		wk.Schedule = append([]model.ScheduledShift(nil), wk.Schedule...)
		wk.Pays = append([]model.Pay(nil), wk.Pays...)
		emp := *wk.Emp // a week at rates.csv's rate points into the builder's scratch
		wk.Emp = &emp
		jobs[i] = job{week: wk, rs: e.in.Profile}
		for _, fc := range c.calcs {
			if fc.f == e.family {
				jobs[i].calc = fc.c
			}
		}
	}
	var res model.Result
	var lines int64
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		j := &jobs[i]
		res.Reset()
		j.calc.Calculate(&j.week, j.rs, &res)
		lines += int64(len(res.Lines))
		if i++; i == len(jobs) {
			i = 0
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "employee-weeks/s")
	b.ReportMetric(float64(lines)/float64(b.N), "lines/employee-week")
}

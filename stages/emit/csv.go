package emit

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
)

// The CSV outputs are written as encoding/csv writes them (AppendCSVLine, held to it by
// TestAppendCSVLineIsEncodingCSV): RFC 4180 quoting (a field with a comma, quote, line break or
// leading space is quoted, quotes doubled), lines ending in "\n" as every tool we feed accepts,
// UTF-8 without a byte order mark. encoding/csv's Writer was 67 ns a cell (0.28 CPU s for the
// exceptions of a 1M close): it tests and writes a cell byte by byte through its bufio.Writer.

// Column headers of the CSV outputs (FORMATS.md). Order is part of the interface.
var (
	RejectsHeader    = []string{"file", "line", "column", "value", "reason", "detail", "employee_id", "hours"}
	ExceptionsHeader = []string{"employee_id", "date", "code", "rule_id", "detail", "file", "line", "status", "decision"}
)

// Spreadsheet safety: rejects.csv and exceptions.csv are opened by payroll clerks in Excel, and
// they echo input text (values, names, paths) that came from outside. A cell that begins with
// = + - @, a tab or a carriage return can be taken as a formula (CSV injection), so every text
// cell beginning with one of those characters is written with a single quote in front, which
// spreadsheets show as plain text. Columns the program formats itself (line numbers, dates and
// the hours column, where -1.5 is a number) are never altered. A reader that wants the original
// text back strips one leading quote from a text cell whose second character is one of those.
func neutralise(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// SortRejects orders rejects by file, line and column (then the remaining fields, so that equal
// keys cannot come out in a different order between runs). A close that spills its rejects sorts
// them by a byte key of the same order (pipeline's rejectRecord).
func SortRejects(rs []model.Reject) {
	slices.SortStableFunc(rs, func(a, b model.Reject) int {
		return cmp.Or(
			cmp.Compare(a.File, b.File),
			cmp.Compare(a.Line, b.Line),
			cmp.Compare(a.Column, b.Column),
			cmp.Compare(a.Reason, b.Reason),
			cmp.Compare(a.Value, b.Value),
			cmp.Compare(a.Detail, b.Detail),
			cmp.Compare(a.Employee, b.Employee),
			cmp.Compare(a.Seconds, b.Seconds),
			cmpBool(a.UnknownHours, b.UnknownHours),
		)
	})
}

// cmpBool orders false before true.
func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// SortExceptions orders exceptions by employee, date and code (then the remaining fields).
func SortExceptions(es []model.Exception) {
	slices.SortStableFunc(es, func(a, b model.Exception) int { return CompareExceptions(&a, &b) })
}

// CompareExceptions is the order of exceptions.csv (a close that spills its exceptions sorts them
// by a byte key of the same order: pipeline's exceptionRecord).
func CompareExceptions(a, b *model.Exception) int {
	return cmp.Or(
		cmp.Compare(a.Employee, b.Employee),
		cmp.Compare(a.Date, b.Date),
		cmp.Compare(a.Code, b.Code),
		cmp.Compare(a.RuleID, b.RuleID),
		cmp.Compare(a.File, b.File),
		cmp.Compare(a.Line, b.Line),
		cmp.Compare(a.Detail, b.Detail),
	)
}

// WriteRejects writes rejects.csv in the order given (see SortRejects). Hours are the seconds the
// row carried as a decimal with four places, like the Parquet hours columns, and empty when they
// could not be read (model.Reject.UnknownHours): unknown, not 0 h.
func WriteRejects(w io.Writer, rs []model.Reject) (Output, error) {
	rw, err := NewRejectsWriter(w)
	if err != nil {
		return Output{}, err
	}
	return rw.writeAll(rs)
}

// RejectsWriter writes rejects.csv one row at a time, for a close that keeps its rejects on disk
// rather than in memory.
type RejectsWriter = RowWriter[model.Reject]

// NewRejectsWriter writes the header of rejects.csv to w.
func NewRejectsWriter(w io.Writer) (*RejectsWriter, error) {
	return newRowWriter(w, "rejects.csv", RejectsHeader, func(rec []string, r *model.Reject) {
		rec[0] = neutralise(r.File)
		rec[1] = lineNumber(r.Line)
		rec[2] = neutralise(r.Column)
		rec[3] = neutralise(r.Value)
		rec[4] = neutralise(r.Reason)
		rec[5] = neutralise(r.Detail)
		rec[6] = neutralise(r.Employee)
		if r.UnknownHours {
			rec[7] = ""
		} else {
			rec[7] = rates.HoursOf(r.Seconds).String()
		}
	})
}

// WriteExceptions writes exceptions.csv in the order given (see SortExceptions).
func WriteExceptions(w io.Writer, es []model.Exception) (Output, error) {
	ew, err := NewExceptionsWriter(w)
	if err != nil {
		return Output{}, err
	}
	return ew.writeAll(es)
}

// ExceptionsWriter writes exceptions.csv one row at a time, for a close that keeps its exceptions
// on disk rather than in memory.
type ExceptionsWriter = RowWriter[model.Exception]

// NewExceptionsWriter writes the header of exceptions.csv to w.
func NewExceptionsWriter(w io.Writer) (*ExceptionsWriter, error) {
	return newRowWriter(w, "exceptions.csv", ExceptionsHeader, func(rec []string, e *model.Exception) {
		rec[0] = neutralise(e.Employee)
		rec[1] = ""
		if e.Date != model.NoDate {
			rec[1] = e.Date.String()
		}
		rec[2] = neutralise(e.Code)
		rec[3] = neutralise(e.RuleID)
		rec[4] = neutralise(e.Detail)
		rec[5] = neutralise(e.File)
		rec[6] = lineNumber(e.Line)
		rec[7] = model.StatusOpen
		if e.Status != "" {
			rec[7] = e.Status
		}
		rec[8] = neutralise(e.Decision)
	})
}

// RowWriter writes one CSV file of the run a row at a time: its header, then each row as fill
// turns it into the record's cells, and at Close the file's description for the manifest.
type RowWriter[T any] struct {
	name string
	s    *sink
	bw   *bufio.Writer
	line []byte
	rec  []string
	rows int64
	fill func(rec []string, v *T)
}

func newRowWriter[T any](w io.Writer, name string, header []string, fill func([]string, *T)) (*RowWriter[T], error) {
	s := newSink(w)
	// Through 256 KiB: csv.Writer's 4 KiB made the exceptions of a 1M close (81 MB) 20,000 write
	// calls.
	rw := &RowWriter[T]{name: name, s: s, bw: bufio.NewWriterSize(s, 256<<10), rec: make([]string, len(header)), fill: fill}
	if _, err := rw.bw.Write(AppendCSVLine(nil, header)); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return rw, nil
}

// Write adds one row.
func (rw *RowWriter[T]) Write(v *T) error {
	rw.fill(rw.rec, v)
	rw.line = AppendCSVLine(rw.line[:0], rw.rec)
	if _, err := rw.bw.Write(rw.line); err != nil {
		return fmt.Errorf("%s: %w", rw.name, err)
	}
	rw.rows++
	return nil
}

// Close flushes the rows and describes the file for the manifest.
func (rw *RowWriter[T]) Close() (Output, error) {
	if err := rw.bw.Flush(); err != nil {
		return Output{}, fmt.Errorf("%s: %w", rw.name, err)
	}
	return rw.s.output(rw.rows), nil
}

// writeAll writes every row of vs and closes the file.
func (rw *RowWriter[T]) writeAll(vs []T) (Output, error) {
	for i := range vs {
		if err := rw.Write(&vs[i]); err != nil {
			return Output{}, err
		}
	}
	return rw.Close()
}

// lineNumber leaves the cell empty for 0, which means "no particular input line" (e.g. an
// exception found across a whole week).
func lineNumber(n int32) string {
	if n == 0 {
		return ""
	}
	return strconv.FormatInt(int64(n), 10)
}

// AppendCSVLine appends fields as one CSV line.
func AppendCSVLine(b []byte, fields []string) []byte {
	for i, f := range fields {
		if i > 0 {
			b = append(b, ',')
		}
		b = AppendCSVField(b, f)
	}
	return append(b, '\n')
}

// AppendCSVField appends a field the way encoding/csv's Writer (comma ",", UseCRLF false) does:
// quoted when it holds a comma, a quote, "\r" or "\n", begins with a space, or is `\.`; quotes
// doubled inside.
func AppendCSVField(b []byte, f string) []byte {
	if !csvNeedsQuotes(f) {
		return append(b, f...)
	}
	b = append(b, '"')
	for {
		i := strings.IndexByte(f, '"')
		if i < 0 {
			break
		}
		b = append(b, f[:i+1]...)
		b = append(b, '"')
		f = f[i+1:]
	}
	b = append(b, f...)
	return append(b, '"')
}

func csvNeedsQuotes(f string) bool {
	if f == "" {
		return false
	}
	if f == `\.` {
		return true
	}
	for i := 0; i < len(f); i++ {
		switch f[i] {
		case '\n', '\r', '"', ',':
			return true
		}
	}
	r, _ := utf8.DecodeRuneInString(f)
	return unicode.IsSpace(r)
}

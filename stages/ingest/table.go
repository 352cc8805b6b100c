package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/payclose/payclose/stages/model"
)

// column is a header name a reader looks for.
type column struct {
	name     string
	required bool
}

// table is a CSV file being read: its header mapped to the columns a reader wants, and the
// per-record shape checks every reader shares.
type table struct {
	rejecter
	rr    *recordReader
	idx   []int // per wanted column: field index, or -1 when the file lacks the column
	width int
	// hoursFile: rows carry hours (punches), so a row that cannot be split has unknown hours.
	hoursFile bool
	dates     dateCache
}

// openTable reads the header. A file that is not CSV or lacks a required column is a fatal error:
// nothing in it could be read correctly.
func openTable(r io.Reader, file string, want []column, stats *Stats, reject func(model.Reject)) (*table, error) {
	t := &table{rejecter: rejecter{file: file, stats: stats, report: reject}, rr: newRecordReader(r)}
	header, _, err := t.rr.read()
	rerr, isRecord := err.(*recordError)
	switch {
	case err == io.EOF:
		return nil, fmt.Errorf("%s: empty file, expected a header row", file)
	case errors.Is(err, errHeaderTooLong):
		return nil, fmt.Errorf("%s: cannot read the header row: the first line is longer than 1 MiB; is this the right file?", file)
	case isRecord && rerr.reason == ReasonBinary:
		return nil, fmt.Errorf("%s: not a CSV text file (the header contains NUL bytes; is it a spreadsheet or a zip?)", file)
	case isRecord:
		return nil, fmt.Errorf("%s: cannot read the header row: %s", file, rerr.detail)
	case err != nil:
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	// A carriage return inside the header line is a file whose lines end in a bare \r (Excel
	// for Mac's "CSV (Macintosh)"): the whole file is one line, and read as a header it would
	// look like an export without data rows, every row of it lost from the accounting.
	for _, f := range header {
		if bytes.IndexByte(f, '\r') >= 0 {
			return nil, fmt.Errorf("%s: the header line holds a carriage return: are the lines ended by a bare CR (an old Mac CSV)? Save the file as CSV UTF-8 with LF or CRLF line endings", file)
		}
	}
	stats.Header = 1
	t.width = len(header)
	t.idx = make([]int, len(want))
	for i := range t.idx {
		t.idx[i] = -1
	}
	for fi, raw := range header {
		name := trimSpace(raw)
		if !utf8.Valid(name) {
			return nil, fmt.Errorf("%s: the header is not UTF-8 text; export the file as CSV UTF-8", file)
		}
		known := false
		for wi, w := range want {
			if !strings.EqualFold(string(name), w.name) {
				continue
			}
			if t.idx[wi] >= 0 {
				return nil, fmt.Errorf("%s: column %s appears twice in the header", file, w.name)
			}
			t.idx[wi], known = fi, true
		}
		if !known && len(name) > 0 {
			stats.UnknownColumns = append(stats.UnknownColumns, string(name))
		}
	}
	// A header a few keystrokes from a column this file needs is a typo, not an extra column:
	// ignoring it would silently drop the column (WORK_RULE for WORKRULE loses every charge and
	// preceptor premium).
	for _, name := range stats.UnknownColumns {
		for wi, w := range want {
			if t.idx[wi] < 0 && nearName(name, w.name) {
				return nil, fmt.Errorf("%s: unknown column %q: did you mean %s?", file, name, w.name)
			}
		}
	}
	for wi, w := range want {
		if w.required && t.idx[wi] < 0 {
			return nil, fmt.Errorf("%s: missing required column %s (the header has: %s)", file, w.name, headerList(header))
		}
	}
	return t, nil
}

func headerList(header [][]byte) string {
	names := make([]string, len(header))
	for i, h := range header {
		names[i] = valueString(trimSpace(h))
	}
	return strings.Join(names, ", ")
}

// each calls row for every record of the table until the end of the file: the read loop of the
// small tables (schedule, balances, approvals, separations). The error is a read failure.
func (t *table) each(row func(fields [][]byte, line int)) error {
	for {
		fields, line, err := t.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		row(fields, line)
	}
}

// done rejects the record of line when p holds a problem (with id, the row's employee), and
// otherwise counts it passed on and reports true.
func (t *table) done(line int, p *problem, id []byte) bool {
	if p.set {
		t.reject(line, p, id, 0, true)
		return false
	}
	t.stats.Emitted++
	return true
}

// next returns the next record with the header's field count. Records the reader could not split
// and records of the wrong width are rejected here and skipped; the error is io.EOF at the end or
// a read failure.
func (t *table) next() ([][]byte, int, error) {
	for {
		fields, line, err := t.rr.read()
		// A type assertion, not errors.As: errors.As makes its target escape, one allocation a row.
		if rerr, ok := err.(*recordError); ok {
			t.stats.Rows++
			t.reject(line, &problem{reason: rerr.reason, value: rerr.value, detail: rerr.detail}, nil, 0, !t.hoursFile)
			continue
		}
		if err == io.EOF {
			t.count()
			return nil, 0, io.EOF
		}
		if err != nil {
			t.count()
			return nil, 0, fmt.Errorf("%s: line %d: %w", t.file, line, err)
		}
		t.stats.Rows++
		if len(fields) != t.width {
			t.reject(line, &problem{reason: ReasonFieldCount, value: prefix(bytes.Join(fields, []byte{','})),
				detail: fmt.Sprintf("the row has %d fields but the header has %d (a stray comma, or text with a comma that is not quoted?)", len(fields), t.width)},
				nil, 0, !t.hoursFile)
			continue
		}
		return fields, line, nil
	}
}

// field returns wanted column wi of a record, trimmed; empty when the file has no such column.
func (t *table) field(fields [][]byte, wi int) []byte {
	if i := t.idx[wi]; i >= 0 {
		return trimSpace(fields[i])
	}
	return nil
}

// count copies the reader's physical counts into the stats.
func (t *table) count() {
	t.stats.Lines, t.stats.Bytes, t.stats.Blank = t.rr.line-t.rr.start, t.rr.bytes, t.rr.blank
}

// nearName says whether an unknown header is within a typo of a wanted column: at most two edits
// (insert, delete, substitute, swap two neighbours), one for names under six letters so that an
// unrelated short column (DATE) is not taken for another (NAME).
func nearName(got, want string) bool {
	limit := 2
	if len(want) < 6 {
		limit = 1
	}
	return osaDistance(strings.ToUpper(got), want) <= limit
}

// osaDistance is the optimal string alignment distance (Levenshtein plus adjacent swaps), bytewise.
func osaDistance(a, b string) int {
	if len(a) > 64 || len(b) > 64 {
		return 1 << 30
	}
	var d [65][65]int
	for i := 0; i <= len(a); i++ {
		d[i][0] = i
	}
	for j := 0; j <= len(b); j++ {
		d[0][j] = j
	}
	for i := 1; i <= len(a); i++ {
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(a)][len(b)]
}

package ingest

import (
	"bytes"
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
	case isRecord && rerr.reason == ReasonBinary:
		return nil, fmt.Errorf("%s: not a CSV text file (the header contains NUL bytes; is it a spreadsheet or a zip?)", file)
	case isRecord:
		return nil, fmt.Errorf("%s: cannot read the header row: %s", file, rerr.detail)
	case err != nil:
		return nil, fmt.Errorf("%s: %w", file, err)
	}
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

// next returns the next record with the header's field count. Records the reader could not split
// and records of the wrong width are rejected here and skipped; the error is io.EOF at the end or
// a read failure.
func (t *table) next() ([][]byte, int, error) {
	for {
		fields, line, err := t.rr.read()
		// A type assertion, not errors.As: errors.As makes its target escape, one allocation a row.
		if rerr, ok := err.(*recordError); ok {
			t.stats.Rows++
			t.reject(line, &problem{reason: rerr.reason, value: rerr.value, detail: rerr.detail}, nil, 0)
			continue
		}
		if err == io.EOF {
			return nil, 0, io.EOF
		}
		if err != nil {
			return nil, 0, fmt.Errorf("%s: line %d: %w", t.file, line, err)
		}
		t.stats.Rows++
		if len(fields) != t.width {
			t.reject(line, &problem{reason: ReasonFieldCount, value: prefix(bytes.Join(fields, []byte{','})),
				detail: fmt.Sprintf("the row has %d fields but the header has %d (a stray comma, or text with a comma that is not quoted?)", len(fields), t.width)},
				nil, 0)
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

package ingest

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/stages/model"
)

// Reject reasons. They are stable codes: rejects.csv is read by people and by scripts, so a code
// is never renamed; add a new one instead.
const (
	ReasonMissingField      = "MISSING_FIELD"
	ReasonBadDate           = "BAD_DATE"
	ReasonBadDateTime       = "BAD_DATETIME"
	ReasonBadHours          = "BAD_HOURS"
	ReasonBadNumber         = "BAD_NUMBER"
	ReasonFieldCount        = "FIELD_COUNT"
	ReasonLineTooLong       = "LINE_TOO_LONG"
	ReasonBadQuote          = "BAD_QUOTE"
	ReasonBinary            = "BINARY_DATA"
	ReasonMissingOut        = "MISSING_OUT_PUNCH"
	ReasonMissingIn         = "MISSING_IN_PUNCH"
	ReasonOutBeforeIn       = "OUT_BEFORE_IN"
	ReasonZeroLength        = "ZERO_LENGTH"
	ReasonSpanTooLong       = "SPAN_TOO_LONG"
	ReasonUnknownWorkRule   = "UNKNOWN_WORKRULE"
	ReasonNoTimeOrHours     = "NO_TIME_OR_HOURS"
	ReasonBadEnum           = "BAD_ENUM"
	ReasonBadZone           = "BAD_ZONE"
	ReasonConflictingFields = "CONFLICTING_FIELDS"
	ReasonDuplicateEmployee = "DUPLICATE_EMPLOYEE"
	ReasonBadText           = "BAD_TEXT"
)

// Details a payroll clerk can act on. They say what was expected, never how the parser works.
const (
	detailDate     = "expected a date like 11/16/2026 or 2026-11-16"
	detailDateTime = "expected a 24-hour date and time like 11/16/2026 7:00 or 2026-11-16T07:00"
	detailHours    = "expected hours like 7.5, 7.50 or 7:30"
	detailText     = "the text is not UTF-8; export the file as CSV UTF-8"
)

// hoursDetail says why hours could not be read: a sign where none is allowed, a number out of
// range, or text that is not hours at all.
func hoursDetail(v []byte, neg bool) string {
	if !neg && len(v) > 0 && v[0] == '-' {
		return detailHours + "; hours cannot be negative here"
	}
	numeric := len(v) > 0
	for i, c := range v {
		if !(c >= '0' && c <= '9' || c == '.' || c == ':' || c == '-' && i == 0) {
			numeric = false
		}
	}
	if numeric && !bytes.ContainsAny(v, ":") && bytes.Count(v, []byte{'.'}) <= 1 {
		return detailHours + "; the value is too large (at most 100000) or has more than 4 decimals"
	}
	return detailHours
}

// Stats counts what a reader did with one file. Every physical line is the header, blank, or one
// data row, and every data row is either emitted or rejected: Lines == Header + Blank + Rows and
// Rows == Emitted + Rejected (Check).
type Stats struct {
	Lines           int            // physical lines read, header included
	Bytes           int64          // bytes read
	Header          int            // header lines (1 once the header was read)
	Blank           int            // blank lines skipped
	Rows            int            // data records read (header and blank lines not counted)
	Emitted         int            // records passed on
	Rejected        int            // records rejected
	RejectedSeconds int64          // hours carried by rejected rows, where known (reconciliation)
	UnknownHours    int            // rejected rows whose hours could not be read (not 0 h: unknown)
	Reasons         map[string]int // rejected rows by reason code
	UnknownColumns  []string       // header columns this reader does not use, each once
}

// Add counts o's lines and rows in s: the stats of a file read in parts (PunchReader.Rest).
func (s *Stats) Add(o Stats) {
	s.Lines += o.Lines
	s.Bytes += o.Bytes
	s.Header += o.Header
	s.Blank += o.Blank
	s.Rows += o.Rows
	s.Emitted += o.Emitted
	s.Rejected += o.Rejected
	s.RejectedSeconds += o.RejectedSeconds
	s.UnknownHours += o.UnknownHours
	for r, n := range o.Reasons {
		if s.Reasons == nil {
			s.Reasons = map[string]int{}
		}
		s.Reasons[r] += n
	}
	s.UnknownColumns = append(s.UnknownColumns, o.UnknownColumns...)
}

// Check is the line accounting of one file: nothing read is unaccounted for.
func (s *Stats) Check(file string) error {
	if s.Lines != s.Header+s.Blank+s.Rows {
		return fmt.Errorf("%s: %d lines read but %d header + %d blank + %d data rows", file, s.Lines, s.Header, s.Blank, s.Rows)
	}
	if s.Rows != s.Emitted+s.Rejected {
		return fmt.Errorf("%s: %d data rows but %d accepted + %d rejected", file, s.Rows, s.Emitted, s.Rejected)
	}
	return nil
}

// problem is the first thing wrong with a row. Later checks do not overwrite it: one row, one
// reason, the earliest column first.
type problem struct {
	reason, column, detail string
	value                  []byte
	set                    bool
}

func (p *problem) add(reason, column string, value []byte, detail string) {
	if !p.set {
		*p = problem{reason: reason, column: column, value: value, detail: detail, set: true}
	}
}

// maxValueBytes keeps a reject readable and bounded when the bad value is huge.
const maxValueBytes = 200

// text is a field as a string for the reject path, noting a value that is not UTF-8.
// person reads the PERSONNUM every input keys its rows by: required, interned.
func (p *problem) person(in *interner, id []byte) string {
	if len(id) == 0 {
		p.add(ReasonMissingField, "PERSONNUM", nil, "the employee id (PERSONNUM) is empty")
	}
	return p.text(in, id, "PERSONNUM")
}

// date reads a required date column; what names the date in the message when it is empty.
func (p *problem) date(c *dateCache, v []byte, column, what string) calendars.Date {
	if len(v) == 0 {
		p.add(ReasonMissingField, column, nil, what+" is empty; "+detailDate)
		return 0
	}
	d, ok := c.date(v)
	if !ok {
		p.add(ReasonBadDate, column, v, detailDate)
		return 0
	}
	return d
}

func (p *problem) text(in *interner, b []byte, column string) string {
	s, ok := in.get(b)
	if !ok {
		p.add(ReasonBadText, column, b, detailText)
	}
	return s
}

func valueString(b []byte) string {
	if len(b) > maxValueBytes {
		b = b[:maxValueBytes]
	}
	return strings.ToValidUTF8(string(b), "\uFFFD")
}

// rejecter turns problems into model.Reject and keeps the counts.
type rejecter struct {
	file   string
	stats  *Stats
	report func(model.Reject)
}

// reject reports the row of line, rejected for p. seconds are the hours the row carries, or
// known is false when they could not be read: the reject says so (model.Reject.UnknownHours) and
// the stats count it (UnknownHours), one decision for both.
func (r *rejecter) reject(line int, p *problem, employee []byte, seconds int64, known bool) {
	r.stats.Rejected++
	r.stats.RejectedSeconds += seconds
	if !known {
		r.stats.UnknownHours++
	}
	if r.stats.Reasons == nil {
		r.stats.Reasons = map[string]int{}
	}
	r.stats.Reasons[p.reason]++
	if r.report == nil {
		return
	}
	r.report(model.Reject{
		File:         r.file,
		Line:         int32(line),
		Column:       p.column,
		Value:        valueString(p.value),
		Reason:       p.reason,
		Detail:       p.detail,
		Employee:     valueString(employee),
		Seconds:      seconds,
		UnknownHours: !known,
	})
}

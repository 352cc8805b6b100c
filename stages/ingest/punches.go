// Package ingest reads the input CSVs (FORMATS.md) into typed records and rejects. Readers know
// no contract: they check that a row is well formed and mean what a time-clock row can mean, and
// leave every question of pay to later stages.
package ingest

import (
	"bytes"
	"fmt"
	"io"

	"github.com/payclose/payclose/stages/model"
)

// Wanted punch columns, in the order problems are reported.
const (
	pPerson = iota
	pEventDate
	pPayCode
	pIn
	pOut
	pHours
	pAccount
	pWorkRule
	pName
)

var punchColumns = []column{
	pPerson:    {"PERSONNUM", true},
	pEventDate: {"EVENTDATE", true},
	pPayCode:   {"PAYCODENAME", false},
	pIn:        {"PUNCHDTM", true},
	pOut:       {"ENDPUNCHDTM", true},
	pHours:     {"HOURS", false},
	pAccount:   {"LABORACCOUNT", false},
	pWorkRule:  {"WORKRULE", false},
	pName:      {"PERSONFULLNAME", false},
}

// maxSpan is the longest in-to-out span accepted. Wall clock is used, so across a DST change the
// elapsed time may be an hour more or less; assemble, which knows the zone, measures it exactly.
const maxSpan = 24 * 3600

// ReadPunches streams the Kronos timecard detail export. Each good row is passed to emit, each
// bad one to reject; either callback may be nil.
//
// The *model.Punch given to emit is reused for the next row: copy the struct (not the pointer) to
// keep it. Its strings are interned and stay valid.
//
// Times are wall-clock seconds. Out <= In is rejected (OUT_BEFORE_IN, or ZERO_LENGTH when equal),
// with one exception: an out punch less than an hour before the in punch on the same date, both
// between 00:00 and 03:59, may be a span inside a fall-back repeated hour, so it is passed on for
// assemble to resolve with the site's zone (calendars.Zone.LaterInstant) or reject. A time the
// site's clock skipped (a spring-forward gap) is well formed here: the reader knows no zone, and
// assemble rejects it (NONEXISTENT_TIME).
func ReadPunches(r io.Reader, file string, emit func(*model.Punch), reject func(model.Reject)) (Stats, error) {
	pr, err := OpenPunches(r, file, reject)
	if err != nil {
		return pr.stats, err
	}
	return pr.Read(emit)
}

// PunchReader is ReadPunches in two steps, so that a large export can be read by two goroutines
// (Rest): OpenPunches reads the header, Read the rows.
type PunchReader struct {
	t     *table
	p     punchReader
	stats Stats
}

// OpenPunches reads the header of a punch export; on an error the returned reader holds only the
// stats of what was read.
func OpenPunches(r io.Reader, file string, reject func(model.Reject)) (*PunchReader, error) {
	pr := &PunchReader{p: newPunchReader()}
	t, err := openTable(r, file, punchColumns, &pr.stats, reject)
	if err != nil {
		return pr, err
	}
	t.hoursFile = true
	pr.t = t
	return pr, nil
}

// Rest is a reader of a later part of the same export, r, which starts where a line starts after
// lines physical lines (the header's included): it reads r's rows with this reader's columns and
// numbers them as in the whole file, and its Stats count no header. A record is one physical line
// (a quote cannot carry a field over a line break: see unquote), so any line start is a record
// start. Rest may be called while this reader reads: it only reads what OpenPunches set.
func (pr *PunchReader) Rest(r io.Reader, lines int) *PunchReader {
	rest := &PunchReader{p: newPunchReader()}
	t := &table{rejecter: rejecter{file: pr.t.file, stats: &rest.stats, report: pr.t.report}, rr: newRecordReader(r),
		idx: pr.t.idx, width: pr.t.width, hoursFile: true}
	t.rr.line, t.rr.start = lines, lines
	t.rr.first = false // a BOM is only a BOM at the start of the file
	rest.t = t
	return rest
}

// Read passes each good row to emit and each bad one to the reader's reject (see ReadPunches),
// to the end of its input.
func (pr *PunchReader) Read(emit func(*model.Punch)) (Stats, error) {
	t, stats := pr.t, &pr.stats
	for {
		fields, line, err := t.next()
		if err == io.EOF {
			return *stats, nil
		}
		if err != nil {
			return *stats, err
		}
		var p problem
		seconds, known := pr.p.parse(t, fields, line, &p)
		if p.set {
			t.reject(line, &p, t.field(fields, pPerson), seconds, known)
			continue
		}
		stats.Emitted++
		if emit != nil {
			emit(&pr.p.punch)
		}
	}
}

func newPunchReader() punchReader {
	return punchReader{ids: newInterner(), accounts: newInterner(), codes: newInterner()}
}

type punchReader struct {
	punch    model.Punch
	ids      *interner
	accounts *interner
	codes    *interner
	upper    [64]byte
}

// parse fills pr.punch from one record, noting the first problem in p. It returns the seconds the
// row carries (the span, else HOURS), for reconciliation of rejects, and whether they are known: a
// row whose punches and HOURS cannot be read carries unknown hours, not 0 h.
func (pr *punchReader) parse(t *table, fields [][]byte, line int, p *problem) (int64, bool) {
	pu := &pr.punch
	*pu = model.Punch{Line: int32(line)}

	id := t.field(fields, pPerson)
	if len(id) == 0 {
		p.add(ReasonMissingField, "PERSONNUM", nil, "the employee id (PERSONNUM) is empty")
	}
	pu.Employee = p.text(pr.ids, id, "PERSONNUM")

	ev := t.field(fields, pEventDate)
	if len(ev) == 0 {
		p.add(ReasonMissingField, "EVENTDATE", nil, "the apply date (EVENTDATE) is empty; "+detailDate)
	} else if d, ok := t.dates.date(ev); ok {
		pu.EventDate = d
	} else {
		p.add(ReasonBadDate, "EVENTDATE", ev, detailDate)
	}

	code := t.field(fields, pPayCode)
	if len(code) > len(pr.upper) {
		p.add(ReasonBadEnum, "PAYCODENAME", code, "the pay code name is longer than 64 characters")
	} else {
		up := upperInto(pr.upper[:0], code)
		pu.PayCode = p.text(pr.codes, up, "PAYCODENAME")
		pu.PayText = pu.PayCode
		if !bytes.Equal(up, code) {
			pu.PayText = p.text(pr.codes, code, "PAYCODENAME")
		}
	}

	in, out := t.field(fields, pIn), t.field(fields, pOut)
	if len(in) > 0 {
		pu.In, pu.HasIn = t.dates.dateTime(in)
		if !pu.HasIn {
			p.add(ReasonBadDateTime, "PUNCHDTM", in, detailDateTime)
		}
	}
	if len(out) > 0 {
		pu.Out, pu.HasOut = t.dates.dateTime(out)
		if !pu.HasOut {
			p.add(ReasonBadDateTime, "ENDPUNCHDTM", out, detailDateTime)
		}
	}

	h := t.field(fields, pHours)
	if len(h) > 0 {
		hours, ok := ParseHours(h, false)
		if ok {
			pu.Seconds, pu.HasHours = hoursSeconds(hours), true
		} else {
			p.add(ReasonBadHours, "HOURS", h, hoursDetail(h, false))
		}
	}

	pu.Account = p.text(pr.accounts, t.field(fields, pAccount), "LABORACCOUNT")
	if wr := t.field(fields, pWorkRule); len(wr) > 0 {
		rule, ok := parseWorkRule(wr)
		if !ok {
			p.add(ReasonUnknownWorkRule, "WORKRULE", wr,
				"expected CHARGE, PRECEPTOR, MGMT_REQUEST, INSERVICE, RESTRICTED, CALLED_IN, NO_LUNCH or CLOSURE (several separated by ; or |)")
		}
		pu.WorkRule = rule
	}

	checkPunchTimes(pu, len(in) > 0, len(out) > 0, in, out, p)
	// A pay-code row with punches is paid for its span: HOURS that say otherwise would be
	// dropped without a word (VACATION 7:00-15:00 with HOURS 4 paid 8 h), so the row is
	// rejected for the clerk to say which is right. Worked rows may carry the export's rounded
	// HOURS; only the punches are read there.
	if pu.PayCode != "" && pu.HasHours && pu.HasIn && pu.HasOut && pu.Out > pu.In && pu.Seconds != pu.Out-pu.In {
		span := pu.Out - pu.In
		p.add(ReasonConflictingFields, "HOURS", h, fmt.Sprintf(
			"expected HOURS equal to the span from PUNCHDTM to ENDPUNCHDTM (%d:%02d), or only one of them: a pay-code row with punches is paid for its span",
			span/3600, span%3600/60))
	}

	if pu.HasIn && pu.HasOut && pu.Out > pu.In {
		return pu.Out - pu.In, true
	}
	if pu.HasHours {
		return pu.Seconds, true
	}
	return 0, pu.HasIn && pu.HasOut && pu.Out == pu.In
}

// checkPunchTimes applies the rules on which punches a row needs. Worked time needs both punches;
// a pay-code row needs HOURS or a complete span (ON CALL, STANDBY...). inGiven/outGiven say
// whether the field had text at all, so a bad value is not reported a second time as missing.
func checkPunchTimes(pu *model.Punch, inGiven, outGiven bool, in, out []byte, p *problem) {
	worked := pu.PayCode == ""
	switch {
	case inGiven && !outGiven && (worked || !pu.HasHours):
		p.add(ReasonMissingOut, "ENDPUNCHDTM", nil,
			"there is an in punch but no out punch; enter the out punch in the timecard")
	case !inGiven && outGiven && (worked || !pu.HasHours):
		p.add(ReasonMissingIn, "PUNCHDTM", nil,
			"there is an out punch but no in punch; enter the in punch in the timecard")
	case !inGiven && !outGiven && worked:
		p.add(ReasonMissingIn, "PUNCHDTM", nil,
			"worked time needs an in and an out punch (HOURS alone is only for pay-code edits)")
	case !inGiven && !outGiven && !pu.HasHours:
		p.add(ReasonNoTimeOrHours, "HOURS", nil,
			"a pay-code row needs HOURS, or an in and an out punch")
	}
	if !pu.HasIn || !pu.HasOut {
		return
	}
	switch d := pu.Out - pu.In; {
	case d == 0:
		p.add(ReasonZeroLength, "ENDPUNCHDTM", out, "the out punch is the same time as the in punch")
	case d < 0 && !maybeFallBack(pu.In, pu.Out):
		p.add(ReasonOutBeforeIn, "ENDPUNCHDTM", out, "the out punch is before the in punch")
	case d > maxSpan:
		p.add(ReasonSpanTooLong, "ENDPUNCHDTM", out, "more than 24 hours from the in punch to the out punch")
	}
}

// maybeFallBack says whether out < in could be a span inside the hour a fall-back night repeats.
func maybeFallBack(in, out int64) bool {
	day := floorDiv(in, 86400)
	return in-out < 3600 && floorDiv(out, 86400) == day && in-day*86400 < 4*3600
}

// floorDiv divides rounding down, so wall-clock times before 1970 still fall on their own date.
func floorDiv(a, b int64) int64 {
	q := a / b
	if a%b != 0 && a < 0 {
		q--
	}
	return q
}

var workRuleNames = []struct {
	name string
	rule model.WorkRule
}{
	{"CHARGE", model.RuleCharge},
	{"PRECEPTOR", model.RulePreceptor},
	{"MGMT_REQUEST", model.RuleMgmtRequest},
	{"INSERVICE", model.RuleInService},
	{"RESTRICTED", model.RuleRestricted},
	{"CALLED_IN", model.RuleCalledIn},
	{"NO_LUNCH", model.RuleNoLunch},
	{"CLOSURE", model.RuleClosure},
}

// parseWorkRule reads one or more work rules separated by ';' or '|', case-insensitively.
func parseWorkRule(b []byte) (model.WorkRule, bool) {
	var rules model.WorkRule
	for len(b) > 0 {
		end := 0
		for end < len(b) && b[end] != ';' && b[end] != '|' {
			end++
		}
		tok := trimSpace(b[:end])
		if end < len(b) {
			end++
		}
		b = b[end:]
		if len(tok) == 0 {
			continue
		}
		found := false
		for _, w := range workRuleNames {
			if equalFoldASCII(tok, w.name) {
				rules |= w.rule
				found = true
				break
			}
		}
		if !found {
			return rules, false
		}
	}
	return rules, true
}

func equalFoldASCII(b []byte, upper string) bool {
	if len(b) != len(upper) {
		return false
	}
	for i := range b {
		c := b[i]
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		if c != upper[i] {
			return false
		}
	}
	return true
}

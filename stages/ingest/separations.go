package ingest

import (
	"io"
	"strconv"

	"github.com/payclose/payclose/stages/model"
)

const (
	sepPerson = iota
	sepDate
	sepReason
	sepNotice
	sepRelease
	sepExternal
)

var separationColumns = []column{
	sepPerson:   {"PERSONNUM", true},
	sepDate:     {"SEPARATION_DATE", true},
	sepReason:   {"REASON", true},
	sepNotice:   {"NOTICE_GIVEN_DAYS", false},
	sepRelease:  {"RELEASE_EXECUTED", false},
	sepExternal: {"EXTERNALLY_FUNDED", false},
}

var separationReasons = [...]string{model.SepVoluntary, model.SepInvoluntary, model.SepLayoff, model.SepCause, model.SepRetirement}

// ReadSeparations streams separations.csv (optional): one row per employment that ends. The
// *model.Separation given to emit is reused for the next row. Rejected rows carry no hours.
func ReadSeparations(r io.Reader, file string, emit func(*model.Separation), reject func(model.Reject)) (Stats, error) {
	var stats Stats
	t, err := openTable(r, file, separationColumns, &stats, reject)
	if err != nil {
		return stats, err
	}
	ids := newInterner()
	var s model.Separation
	err = t.each(func(fields [][]byte, line int) {
		var p problem
		s = model.Separation{Line: int32(line)}
		id := t.field(fields, sepPerson)
		s.Employee = p.person(ids, id)
		s.Date = p.date(t.field(fields, sepDate), "SEPARATION_DATE", "the separation date (last day employed)")
		if v := t.field(fields, sepReason); len(v) == 0 {
			p.add(ReasonMissingField, "REASON", nil, "the reason is empty: VOLUNTARY, INVOLUNTARY, LAYOFF, CAUSE or RETIREMENT")
		} else if i, ok := enumIndex(v, separationReasons[:]...); ok {
			s.Reason = separationReasons[i]
		} else {
			p.add(ReasonBadEnum, "REASON", v, "expected VOLUNTARY, INVOLUNTARY, LAYOFF, CAUSE or RETIREMENT")
		}
		if v := t.field(fields, sepNotice); len(v) > 0 {
			if n, err := strconv.Atoi(string(v)); err == nil && n >= 0 && n <= 3660 {
				s.NoticeDays = n
			} else {
				p.add(ReasonBadNumber, "NOTICE_GIVEN_DAYS", v, "expected whole calendar days of notice, 0 to 3660")
			}
		}
		s.Release = yesNo(t.field(fields, sepRelease), "RELEASE_EXECUTED", false, &p)
		s.External = yesNo(t.field(fields, sepExternal), "EXTERNALLY_FUNDED", false, &p)
		if t.done(line, &p, id) && emit != nil {
			emit(&s)
		}
	})
	return stats, err
}

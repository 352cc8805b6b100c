package ingest

import (
	"io"

	"github.com/payclose/payclose/stages/model"
)

const (
	aPerson = iota
	aDate
	aException
	aDecision
	aBy
	aNote
)

var approvalColumns = []column{
	aPerson:    {"PERSONNUM", true},
	aDate:      {"DATE", true},
	aException: {"EXCEPTION", true},
	aDecision:  {"DECISION", true},
	aBy:        {"BY", true},
	aNote:      {"NOTE", false},
}

// ReadApprovals streams approvals.csv (PERSONNUM, DATE, EXCEPTION, DECISION = APPROVED | DENIED,
// BY, NOTE). The *model.Approval given to emit is reused for the next row. A decision without the
// reviewer's name is rejected: an approval nobody signed is no approval.
func ReadApprovals(r io.Reader, file string, emit func(*model.Approval), reject func(model.Reject)) (Stats, error) {
	var stats Stats
	t, err := openTable(r, file, approvalColumns, &stats, reject)
	if err != nil {
		return stats, err
	}
	ids := newInterner()
	var a model.Approval
	err = t.each(func(fields [][]byte, line int) {
		var p problem
		a = model.Approval{Line: int32(line)}
		id := t.field(fields, aPerson)
		a.Employee = p.person(ids, id)
		a.Date = p.date(&t.dates, t.field(fields, aDate), "DATE", "the date of the exception")
		if v := t.field(fields, aException); len(v) == 0 {
			p.add(ReasonMissingField, "EXCEPTION", nil, "the exception code is empty, e.g. UNAPPROVED_OT")
		} else {
			a.Exception = p.text(ids, v, "EXCEPTION")
		}
		if v := t.field(fields, aDecision); len(v) == 0 {
			p.add(ReasonMissingField, "DECISION", nil, "the decision is empty: APPROVED or DENIED")
		} else if i, ok := enumIndex(v, "APPROVED", "DENIED"); ok {
			a.Approved = i == 0
		} else {
			p.add(ReasonBadEnum, "DECISION", v, "expected APPROVED or DENIED")
		}
		if v := t.field(fields, aBy); len(v) == 0 {
			p.add(ReasonMissingField, "BY", nil, "who decided is empty: an approval needs the reviewer's name")
		} else {
			a.By = p.text(ids, v, "BY")
		}
		a.Note = p.text(ids, t.field(fields, aNote), "NOTE")
		if t.done(line, &p, id) && emit != nil {
			emit(&a)
		}
	})
	return stats, err
}

package ingest

import (
	"io"

	"github.com/payclose/payclose/stages/model"
)

const (
	sPerson = iota
	sDate
	sStart
	sEnd
)

var scheduleColumns = []column{
	sPerson: {"PERSONNUM", true},
	sDate:   {"SHIFTDATE", true},
	sStart:  {"START", true},
	sEnd:    {"END", true},
}

// ReadSchedule streams the posted schedule. The *model.Scheduled given to emit is reused for the
// next row; copy the struct to keep it. END must be after START on the wall clock, with the same
// fall-back exception as ReadPunches. Rejected schedule rows carry no hours (Seconds 0): a posted
// shift is not time to be paid.
func ReadSchedule(r io.Reader, file string, emit func(*model.Scheduled), reject func(model.Reject)) (Stats, error) {
	var stats Stats
	t, err := openTable(r, file, scheduleColumns, &stats, reject)
	if err != nil {
		return stats, err
	}
	ids := newInterner()
	var s model.Scheduled
	err = t.each(func(fields [][]byte, line int) {
		var p problem
		s = model.Scheduled{Line: int32(line)}
		id := t.field(fields, sPerson)
		s.Employee = p.person(ids, id)
		s.Date = p.date(&t.dates, t.field(fields, sDate), "SHIFTDATE", "the shift date")
		var okStart, okEnd bool
		start, end := t.field(fields, sStart), t.field(fields, sEnd)
		s.Start, okStart = shiftTime(&t.dates, start, "START", &p)
		s.End, okEnd = shiftTime(&t.dates, end, "END", &p)
		if okStart && okEnd {
			switch d := s.End - s.Start; {
			case d == 0:
				p.add(ReasonZeroLength, "END", end, "the shift ends when it starts")
			case d < 0 && !maybeFallBack(s.Start, s.End):
				p.add(ReasonOutBeforeIn, "END", end, "the shift ends before it starts")
			case d > maxSpan:
				p.add(ReasonSpanTooLong, "END", end, "the shift is longer than 24 hours")
			}
		}
		if t.done(line, &p, id) && emit != nil {
			emit(&s)
		}
	})
	return stats, err
}

// shiftTime reads START or END (name). A function rather than a loop over the two columns: the
// loop's pointers to the ok flags moved them to the heap, an allocation a row.
func shiftTime(c *dateCache, v []byte, name string, p *problem) (int64, bool) {
	if len(v) == 0 {
		p.add(ReasonMissingField, name, nil, "the shift "+name+" is empty; "+detailDateTime)
		return 0, false
	}
	at, ok := c.dateTime(v)
	if !ok {
		p.add(ReasonBadDateTime, name, v, detailDateTime)
	}
	return at, ok
}

package gen

import (
	"io"
	"strconv"
)

// Kinds of deliberately bad punch rows. Each one is rejected exactly once by the close (by ingest,
// assemble or the pipeline), so a test can check rejects == Stats.BadRows.
const (
	badMissingOut    = iota // ENDPUNCHDTM empty: forgot to punch out
	badOutBeforeIn          // the out date was not advanced (or was keyed a day early)
	badSpanTooLong          // the out date is a day late
	badDate                 // PUNCHDTM on a day that does not exist
	badOverlap              // a second row keyed over the first (a charge transfer as a new row)
	badWorkRule             // a misspelled WORKRULE
	badFieldCount           // a stray comma
	badUnknownPerson        // a row for someone not on the roster
	numBadKinds
)

// writePunch formats one row, corrupting some worked rows and PTO rows (bad HOURS) on the way.
func (g *generator) writePunch(e *employee, rw *row, w io.Writer) {
	bad := -1
	if g.cfg.BadPer10k > 0 && g.r.IntN(10_000) < g.cfg.BadPer10k {
		switch {
		case rw.pto:
			bad = badHours
		case rw.code == "":
			bad = g.r.IntN(numBadKinds)
			if bad == badOverlap && rw.out-rw.in < 4*60 {
				bad = badMissingOut // a short row might round to nothing when overlapped
			}
		}
	}
	if bad < 0 {
		g.emit(e, rw, -1, w)
		return
	}
	g.stats.BadRows++
	switch bad {
	case badOverlap:
		g.emit(e, rw, -1, w)
		x := *rw
		x.in, x.rule = rw.in+60, "CHARGE"
		g.emit(e, &x, -1, w)
	case badUnknownPerson:
		// Kept in order: the stranger's id sorts right after this employee's; the row is written
		// here, and the employee's remaining rows follow, so it is written after them instead.
		g.emit(e, rw, -1, w)
		g.pendingStranger = append(g.pendingStranger, *rw)
		g.pendingStranger[len(g.pendingStranger)-1].emp = e.id + 1
	default:
		g.emit(e, rw, bad, w)
	}
}

// badHours is a bad-row kind for pay-code rows only: 75 minutes in H:MM.
const badHours = numBadKinds

func (g *generator) emit(e *employee, rw *row, bad int, w io.Writer) {
	d := g.dates
	b := strconv.AppendInt(g.buf[:0], rw.emp, 10)
	b = append(b, ',')
	b = appendField(b, e.name)
	b = append(b, ',')
	b = d.date(b, rw.day, e.iso)
	b = append(b, ',')
	b = append(b, rw.code...)
	b = append(b, ',')
	if rw.in >= 0 {
		in, out := rw.in, rw.out
		switch bad {
		case badOutBeforeIn:
			out -= 1440
		case badSpanTooLong:
			out += 1440
		}
		if bad == badDate {
			b = append(b, "2/30/"...) // February 30th: a date no calendar has
			b = strconv.AppendInt(b, int64(g.cfg.Week.Year()), 10)
			b = append(b, " 7:00"...)
		} else {
			b = d.dateTime(b, in, e.iso)
		}
		b = append(b, ',')
		if bad != badMissingOut {
			b = d.dateTime(b, out, e.iso)
		}
	} else {
		b = append(b, ',')
	}
	b = append(b, ',')
	if bad == badHours {
		b = append(b, "8:75"...)
	} else {
		b = append(b, rw.hours...)
	}
	b = append(b, ',')
	b = append(b, e.account...)
	b = append(b, ',')
	if bad == badWorkRule {
		b = append(b, "CHRGE"...)
	} else {
		b = append(b, rw.rule...)
	}
	if bad == badFieldCount {
		b = append(b, ',')
	}
	b = append(b, '\r', '\n')
	g.buf = b
	w.Write(b)
	g.stats.PunchRows++
}

package gen

import (
	"strconv"

	"github.com/payclose/payclose/calendars"
)

// Appenders write into a reused []byte: the generator emits millions of rows and fmt would
// allocate on every one.

// dateTexts holds the EVENTDATE/SHIFTDATE text of every day a row can mention (the week, the day
// before and the day after), in both formats the readers accept, so a row never formats a date.
type dateTexts struct {
	first   calendars.Date // day index 0
	mdy     [][]byte       // M/D/YYYY
	iso     [][]byte       // YYYY-MM-DD
	minDay  int
	numDays int
}

func newDateTexts(week calendars.Date, minDay, maxDay int) *dateTexts {
	t := &dateTexts{first: week, minDay: minDay, numDays: maxDay - minDay + 1}
	for d := minDay; d <= maxDay; d++ {
		y, m, day := week.AddDays(d).YMD()
		var b []byte
		b = strconv.AppendInt(b, int64(m), 10)
		b = append(b, '/')
		b = strconv.AppendInt(b, int64(day), 10)
		b = append(b, '/')
		b = strconv.AppendInt(b, int64(y), 10)
		t.mdy = append(t.mdy, b)
		t.iso = append(t.iso, []byte(week.AddDays(d).String()))
	}
	return t
}

// date appends day d (an offset from the week start) in the chosen format.
func (t *dateTexts) date(b []byte, d int, iso bool) []byte {
	i := d - t.minDay
	if i < 0 || i >= t.numDays {
		panic("gen: day offset outside the prepared range") // a generator bug, not bad input
	}
	if iso {
		return append(b, t.iso[i]...)
	}
	return append(b, t.mdy[i]...)
}

// dateTime appends minute m of the week (minutes since the week start, wall clock) as
// "M/D/YYYY H:MM" or "YYYY-MM-DDTHH:MM".
func (t *dateTexts) dateTime(b []byte, m int, iso bool) []byte {
	d := floorDiv(m, 1440)
	mod := m - d*1440
	b = t.date(b, d, iso)
	h, mi := mod/60, mod%60
	if iso {
		b = append(b, 'T')
		b = append2(b, h)
	} else {
		b = append(b, ' ')
		b = strconv.AppendInt(b, int64(h), 10)
	}
	b = append(b, ':')
	return append2(b, mi)
}

func append2(b []byte, v int) []byte {
	return append(b, byte('0'+v/10), byte('0'+v%10))
}

// appendCents appends cents as dollars with two decimals: 3425 -> "34.25".
func appendCents(b []byte, c int64) []byte {
	b = strconv.AppendInt(b, c/100, 10)
	b = append(b, '.')
	return append2(b, int(c%100))
}

// appendField appends a CSV field, quoting it when it holds a comma or a quote (RFC 4180).
func appendField(b []byte, s string) []byte {
	needs := false
	for i := 0; i < len(s); i++ {
		if s[i] == ',' || s[i] == '"' {
			needs = true
			break
		}
	}
	if !needs {
		return append(b, s...)
	}
	b = append(b, '"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' {
			b = append(b, '"')
		}
		b = append(b, s[i])
	}
	return append(b, '"')
}

func floorDiv(a, b int) int {
	q := a / b
	if a%b != 0 && (a < 0) != (b < 0) {
		q--
	}
	return q
}

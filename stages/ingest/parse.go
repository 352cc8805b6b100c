package ingest

import (
	"encoding/binary"
	"unicode/utf8"
	"unsafe"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
)

// Years outside this range are typing errors in a payroll file (a seniority date in 1900 is
// already generous), and the bound keeps every computation far from overflow.
const (
	minYear = 1900
	maxYear = 2199
)

// ParseDate reads M/D/YYYY or YYYY-MM-DD. It is strict: no spaces, four-digit years, a real
// calendar day.
func ParseDate(b []byte) (calendars.Date, bool) {
	days, rest, ok := parseDatePart(b)
	if !ok || len(rest) != 0 {
		return 0, false
	}
	return calendars.Date(days), true
}

// ParseDateTime reads M/D/YYYY H:MM[:SS] or YYYY-MM-DDTHH:MM[:SS] (a space may replace the T),
// 24-hour clock, and returns wall-clock seconds since 1970-01-01 00:00. No zone is applied: the
// site's zone is only known once the employee's rule set is.
func ParseDateTime(b []byte) (int64, bool) {
	days, rest, ok := parseDatePart(b)
	return withTime(b, days, rest, ok)
}

// dateCache is ParseDate and ParseDateTime remembering the dates they read. The values of a week's
// export start with one of a handful of date texts (eight days, one or two spellings), so the
// EVENTDATE, PUNCHDTM and ENDPUNCHDTM of row after row (a schedule's SHIFTDATE, START, END) are
// found here by comparing at most ten bytes, instead of being read and converted again.
type dateCache [16]cachedDate

// cachedDate is a date text read before, a prefix of the value it was read from: its 8 to 10
// bytes as two integers (compared without a call to the runtime), and its day number.
type cachedDate struct {
	lo   uint64 // bytes 0-7
	hi   uint16 // bytes 8-9, those there are
	n    int    // length (0: an empty slot)
	days int64
}

// datePart is parseDatePart through the cache. A value starting with a remembered text reads the
// same: M/D/YYYY ends at its fourth year digit (the next byte must not be a digit), and
// YYYY-MM-DD is always ten bytes (no valid M/D/YYYY text has the '-' at index 4 that selects it).
// Where a date would end in b (dateLen) only picks the text to look up; the comparison decides.
func (c *dateCache) datePart(b []byte) (int64, []byte, bool) {
	if n := dateLen(b); n > 0 {
		lo, hi := dateKey(b[:n])
		e := &c[dateSlot(b[:n])]
		if e.n == n && e.lo == lo && e.hi == hi && (len(b) == n || !isDigit(b[n]) || b[4] == '-') {
			return e.days, b[n:], true
		}
	}
	days, rest, ok := parseDatePart(b)
	if ok {
		n := len(b) - len(rest)
		lo, hi := dateKey(b[:n])
		c[dateSlot(b[:n])] = cachedDate{lo: lo, hi: hi, n: n, days: days}
	}
	return days, rest, ok
}

// dateLen is the length of the date text b would start with, 8 to 10 bytes, or 0 when b is too
// short: YYYY-MM-DD, else M/D/YYYY with its second slash at index 5, 4 or 3.
func dateLen(b []byte) int {
	if len(b) < 8 {
		return 0
	}
	n := 8
	switch {
	case b[4] == '-' || b[5] == '/':
		n = 10
	case b[4] == '/':
		n = 9
	}
	if n > len(b) {
		return 0
	}
	return n
}

// dateKey packs a date text of 8 to 10 bytes into two integers.
func dateKey(text []byte) (lo uint64, hi uint16) {
	lo = binary.LittleEndian.Uint64(text)
	for i := len(text) - 1; i >= 8; i-- {
		hi = hi<<8 | uint16(text[i])
	}
	return lo, hi
}

// dateSlot spreads the dates of a week over the cache by their day digits (text is 8 to 10
// bytes): consecutive days never share a slot.
func dateSlot(text []byte) int {
	n := len(text)
	if n == 10 && text[4] == '-' {
		return int(text[9]+2*text[8]+4*text[6]) & 15
	}
	return int(text[n-6]+2*text[n-7]+4*text[n-8]) & 15
}

// date is ParseDate through the cache.
func (c *dateCache) date(b []byte) (calendars.Date, bool) {
	days, rest, ok := c.datePart(b)
	if !ok || len(rest) != 0 {
		return 0, false
	}
	return calendars.Date(days), true
}

// dateTime is ParseDateTime through the cache.
func (c *dateCache) dateTime(b []byte) (int64, bool) {
	days, rest, ok := c.datePart(b)
	return withTime(b, days, rest, ok)
}

// withTime reads the time of day that follows the date part of b (rest) for ParseDateTime.
func withTime(b []byte, days int64, rest []byte, ok bool) (int64, bool) {
	// The times of an export, " H:MM" and " HH:MM" (or "THH:MM"), read directly; any other text
	// (seconds, a bad digit) takes the general way below, which reads these the same.
	if ok && len(rest) == 6 && rest[3] == ':' && (rest[0] == ' ' || rest[0] == 'T' && b[4] == '-') {
		h, m := twoDigits(rest[1], rest[2]), twoDigits(rest[4], rest[5])
		if h <= 23 && m <= 59 {
			return days*86400 + int64(h*3600+m*60), true
		}
	} else if ok && len(rest) == 5 && rest[2] == ':' && rest[0] == ' ' && b[4] != '-' {
		h, m := twoDigits('0', rest[1]), twoDigits(rest[3], rest[4])
		if h <= 23 && m <= 59 {
			return days*86400 + int64(h*3600+m*60), true
		}
	}
	if !ok || len(rest) < 2 {
		return 0, false
	}
	iso := len(b) >= 5 && b[4] == '-'
	sep := rest[0]
	if sep != ' ' && !(iso && sep == 'T') {
		return 0, false
	}
	rest = rest[1:]
	h, n := leadingDigits(rest, 2)
	if n == 0 || (iso && n != 2) {
		return 0, false
	}
	rest = rest[n:]
	m, ok := twoDigitsAfterColon(rest)
	if !ok {
		return 0, false
	}
	rest = rest[3:]
	var s int
	if len(rest) > 0 {
		if s, ok = twoDigitsAfterColon(rest); !ok || len(rest) != 3 {
			return 0, false
		}
	}
	if h > 23 || m > 59 || s > 59 {
		return 0, false
	}
	return days*86400 + int64(h*3600+m*60+s), true
}

// parseDatePart reads the date at the start of b and returns the days since 1970-01-01 and what
// follows it.
func parseDatePart(b []byte) (int64, []byte, bool) {
	var y, m, d int
	if len(b) >= 10 && b[4] == '-' {
		var ok1, ok2, ok3 bool
		y, ok1 = fixedDigits(b[0:4])
		m, ok2 = fixedDigits(b[5:7])
		d, ok3 = fixedDigits(b[8:10])
		if !ok1 || !ok2 || !ok3 || b[7] != '-' {
			return 0, nil, false
		}
		b = b[10:]
	} else {
		var n int
		if m, n = leadingDigits(b, 2); n == 0 || n >= len(b) || b[n] != '/' {
			return 0, nil, false
		}
		b = b[n+1:]
		if d, n = leadingDigits(b, 2); n == 0 || n >= len(b) || b[n] != '/' {
			return 0, nil, false
		}
		b = b[n+1:]
		var ok bool
		if len(b) < 4 {
			return 0, nil, false
		}
		if y, ok = fixedDigits(b[:4]); !ok || (len(b) > 4 && isDigit(b[4])) {
			return 0, nil, false
		}
		b = b[4:]
	}
	if y < minYear || y > maxYear || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return 0, nil, false
	}
	return daysFromCivil(y, m, d), b, true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// twoDigits is the number the digits a and b write, or 100 when either is not a digit.
func twoDigits(a, b byte) int {
	if !isDigit(a) || !isDigit(b) {
		return 100
	}
	return int(a-'0')*10 + int(b-'0')
}

// leadingDigits reads up to max digits; a further digit makes the count zero (too many digits).
func leadingDigits(b []byte, max int) (int, int) {
	v, n := 0, 0
	for n < len(b) && isDigit(b[n]) {
		if n == max {
			return 0, 0
		}
		v = v*10 + int(b[n]-'0')
		n++
	}
	return v, n
}

func fixedDigits(b []byte) (int, bool) {
	v := 0
	for _, c := range b {
		if !isDigit(c) {
			return 0, false
		}
		v = v*10 + int(c-'0')
	}
	return v, true
}

func twoDigitsAfterColon(b []byte) (int, bool) {
	if len(b) < 3 || b[0] != ':' {
		return 0, false
	}
	return fixedDigits(b[1:3])
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysFromCivil is Howard Hinnant's days_from_civil for the proleptic Gregorian calendar (years
// here are always positive, so the era division needs no floor correction).
func daysFromCivil(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era)*146097 + int64(doe) - 719468
}

// maxHoursUnits mirrors rates.ParseHours' range (|hours| <= 100000).
const maxHoursUnits = 100000 * 10000

// ParseHours reads hours as decimal (7.5, 7.50, at most four significant decimal places) or h:mm (7:30), with
// the same meaning as rates.ParseHours but without allocating. A sign is accepted only when neg is
// true (balances may be negative; worked or absence hours may not).
func ParseHours(b []byte, neg bool) (rates.Hours, bool) {
	if len(b) == 0 {
		return 0, false
	}
	for i, c := range b {
		if c == ':' {
			h, m := b[:i], b[i+1:]
			if len(m) != 2 || len(h) == 0 || len(h) > 4 || m[0] > '5' {
				return 0, false
			}
			hv, ok1 := fixedDigits(h)
			mv, ok2 := fixedDigits(m)
			if !ok1 || !ok2 {
				return 0, false
			}
			return rates.Hours(int64(hv*60+mv) * 10000 / 60), true
		}
	}
	sign := int64(1)
	if b[0] == '-' && neg {
		sign, b = -1, b[1:]
	}
	var units int64
	digitsSeen, frac, dot := 0, 0, false
	for _, c := range b {
		switch {
		case c == '.' && !dot:
			dot = true
		case isDigit(c):
			digitsSeen++
			if dot {
				if frac == 4 {
					// Like rates.ParseHours the limit is on the value: 7.500000 is 7.5.
					if c != '0' {
						return 0, false
					}
					continue
				}
				frac++
			}
			units = units*10 + int64(c-'0')
			if units > maxHoursUnits*10000 {
				return 0, false
			}
		default:
			return 0, false
		}
	}
	if digitsSeen == 0 {
		return 0, false
	}
	for ; frac < 4; frac++ {
		units *= 10
	}
	if units > maxHoursUnits {
		return 0, false
	}
	return rates.Hours(sign * units), true
}

// hoursSeconds converts parsed hours to seconds. An h:mm value is an exact number of minutes and
// comes out exact; rates.Hours.Seconds rounds the 1/10000 h remainder once.
func hoursSeconds(h rates.Hours) int64 { return h.Seconds() }

// trimSpace drops ASCII blanks around a field; exports pad fields and a padded id is the same id.
func trimSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t') {
		b = b[1:]
	}
	for len(b) > 0 && (b[len(b)-1] == ' ' || b[len(b)-1] == '\t') {
		b = b[:len(b)-1]
	}
	return b
}

// upperInto writes the ASCII upper case of b into dst's storage; codes and enums are ASCII.
func upperInto(dst, b []byte) []byte {
	dst = dst[:0]
	for _, c := range b {
		if c >= 'a' && c <= 'z' {
			c -= 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// interner makes repeated ids, accounts and codes share one string. The lookup m[string(b)] does
// not allocate, so a value seen before costs a hash and no garbage.
type interner struct {
	m    map[string]string
	last string // sorted exports repeat the previous row's id, account and code: skip the map
	// hits counts the values found in m since it was last cleared; fresh is set when m filled up
	// with hardly a value found again (the employee ids of an export not sorted by employee:
	// each lookup missed and each insert was garbage by the next clear), and from then on a
	// value is only checked and copied.
	hits  int
	fresh bool
	// block holds the text of fresh values: one allocation for a few thousand ids instead of one
	// each (8M of them, 0.4 CPU s, for an export of 1M employee-weeks not sorted by employee). A
	// value's bytes are never written again once taken, so they can back an immutable string.
	block []byte
}

func newInterner() *interner { return &interner{m: map[string]string{}} }

// get returns the shared string for b, or false when b is not UTF-8 text: such a value would be
// written to Parquet and rejects.csv as garbage, so the row is rejected instead. Only a value
// not seen before is checked.
func (in *interner) get(b []byte) (string, bool) {
	if len(b) == 0 {
		return "", true
	}
	if string(b) == in.last {
		return in.last, true
	}
	if !in.fresh {
		if s, ok := in.m[string(b)]; ok {
			in.last = s
			in.hits++
			return s, true
		}
	}
	if !utf8.Valid(b) {
		return "", false
	}
	if in.fresh {
		in.last = in.copy(b)
		return in.last, true
	}
	s := string(b)
	if len(in.m) >= maxInterned {
		// Employee ids of a big export: every one is new, so remembering them only costs memory
		// and rehashing; codes and accounts, the values that repeat, never get this far.
		clear(in.m)
		in.fresh, in.hits = in.hits < maxInterned, 0
	}
	in.m[s] = s
	in.last = s
	return s, true
}

// copy is string(b), taken from block for short values (block's bytes are kept while any string
// taken from it is).
func (in *interner) copy(b []byte) string {
	if len(b) > 64 {
		return string(b)
	}
	if cap(in.block)-len(in.block) < len(b) {
		in.block = make([]byte, 0, 16<<10)
	}
	in.block = append(in.block, b...)
	return unsafe.String(&in.block[len(in.block)-len(b)], len(b))
}

// maxInterned bounds an interner's memory.
const maxInterned = 1 << 14

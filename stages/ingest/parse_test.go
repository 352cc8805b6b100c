package ingest

import (
	"fmt"
	"strings"
	"testing"
	"unsafe"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
)

// Hand-worked: 2026-01-01 is 56 years after 1970 with 14 leap days (1972..2024), so day
// 56*365+14 = 20454; 2026-11-16 adds Jan..Oct (304 days) and 15 more = 20773.
const (
	day20260101 = 20454
	day20261116 = 20773
)

func TestParseDate(t *testing.T) {
	cases := []struct {
		in   string
		want calendars.Date
		ok   bool
	}{
		{"11/16/2026", day20261116, true},
		{"2026-11-16", day20261116, true},
		{"1/1/2026", day20260101, true},
		{"01/01/2026", day20260101, true},
		{"1970-01-01", 0, true},
		{"1969-12-31", -1, true},
		{"2/29/2024", day20260101 - 366 - 365 + 31 + 28, true}, // 2024 has 366 days, 2025 365
		{"2000-02-29", 11016, true},                            // 2000-03-01 is the well-known 11017
		{"2/29/2025", 0, false},                                // not a leap year
		{"1900-02-29", 0, false},                               // century, not a leap year
		{"2/30/2026", 0, false},
		{"4/31/2026", 0, false},
		{"13/1/2026", 0, false},
		{"0/1/2026", 0, false},
		{"1/0/2026", 0, false},
		{"11/16/26", 0, false},
		{"11/16/20266", 0, false},
		{"111/16/2026", 0, false},
		{"2026-1-16", 0, false},
		{"2026/11/16", 0, false},
		{"2026-11-16T07:00", 0, false},
		{" 11/16/2026", 0, false},
		{"1899-12-31", 0, false},
		{"2200-01-01", 0, false},
		{"", 0, false},
		{"11-16-2026", 0, false},
	}
	for _, c := range cases {
		got, ok := ParseDate([]byte(c.in))
		if ok != c.ok || (ok && got != c.want) {
			t.Errorf("ParseDate(%q) = %d, %v; want %d, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestParseDateTime(t *testing.T) {
	base := int64(day20261116) * 86400 // 1,794,787,200
	cases := []struct {
		in   string
		want int64
		ok   bool
	}{
		{"11/16/2026 7:00", base + 7*3600, true},
		{"11/16/2026 07:00", base + 7*3600, true},
		{"11/16/2026 19:30:15", base + 19*3600 + 30*60 + 15, true},
		{"2026-11-16T07:00", base + 7*3600, true},
		{"2026-11-16 07:00:30", base + 7*3600 + 30, true},
		{"2026-11-16T23:59:59", base + 86399, true},
		{"2026-11-16T00:00", base, true},
		{"11/16/2026 24:00", 0, false},
		{"11/16/2026 7:60", 0, false},
		{"11/16/2026 7:00:60", 0, false},
		{"11/16/2026 7:00 AM", 0, false},
		{"11/16/2026 7:0", 0, false},
		{"11/16/2026 7:00:", 0, false},
		{"11/16/2026 7", 0, false},
		{"11/16/2026  7:00", 0, false},
		{"11/16/2026T07:00", 0, false}, // T only in the ISO form
		{"2026-11-16T7:00", 0, false},  // ISO hours have two digits
		{"2026-11-16", 0, false},
		{"2026-11-16T", 0, false},
		{"2026-11-16T07:00:00.000", 0, false},
		{"2026-11-16T07:00Z", 0, false},
		{"2/30/2026 7:00", 0, false},
		{"11/16/2026 123:00", 0, false},
	}
	for _, c := range cases {
		got, ok := ParseDateTime([]byte(c.in))
		if ok != c.ok || (ok && got != c.want) {
			t.Errorf("ParseDateTime(%q) = %d, %v; want %d, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

func TestParseHours(t *testing.T) {
	cases := []struct {
		in      string
		neg     bool
		want    rates.Hours
		seconds int64
		ok      bool
	}{
		{"7.5", false, 75000, 27000, true},
		{"7.50", false, 75000, 27000, true},
		{"7:30", false, 75000, 27000, true},
		{"8", false, 80000, 28800, true},
		{"0.25", false, 2500, 900, true},
		{"7:31", false, 75166, 27060, true}, // 451 min: 4,510,000/60 truncates to 75166 as rates does; seconds exact
		{"0:01", false, 166, 60, true},
		{"1234:00", false, 12340000, 1234 * 3600, true},
		{"7.1234", false, 71234, 25644, true}, // 7.1234 h = 25644.24 s, rounded once
		{"0.0001", false, 1, 0, true},
		{"100000", false, 1000000000, 360000000, true},
		{"-2.5", true, -25000, -9000, true},
		{".5", false, 5000, 1800, true},
		{"7.12345", false, 0, 0, false},
		{"7.500000", false, 75000, 27000, true}, // trailing zeros do not add precision
		{"7.123450", false, 0, 0, false},
		{"100000.0001", false, 0, 0, false},
		{"-2.5", false, 0, 0, false},
		{"-7:30", true, 0, 0, false},
		{"7:60", false, 0, 0, false},
		{"7:5", false, 0, 0, false},
		{"12345:00", false, 0, 0, false},
		{":30", false, 0, 0, false},
		{"1e2", false, 0, 0, false},
		{"7.5h", false, 0, 0, false},
		{"7.5.0", false, 0, 0, false},
		{".", false, 0, 0, false},
		{"", false, 0, 0, false},
		{"+7", false, 0, 0, false},
		{"99999999999999999999", false, 0, 0, false},
	}
	for _, c := range cases {
		got, ok := ParseHours([]byte(c.in), c.neg)
		if ok != c.ok || (ok && (got != c.want || hoursSeconds(got) != c.seconds)) {
			t.Errorf("ParseHours(%q, %v) = %d (%ds), %v; want %d (%ds), %v", c.in, c.neg, got, hoursSeconds(got), ok, c.want, c.seconds, c.ok)
		}
	}
}

func TestParseWorkRule(t *testing.T) {
	cases := []struct {
		in   string
		want uint16
		ok   bool
	}{
		{"CHARGE", 1, true},
		{"charge", 1, true},
		{"CHARGE;PRECEPTOR", 3, true},
		{"MGMT_REQUEST | INSERVICE", 4 | 8, true},
		{"RESTRICTED;", 16, true},
		{"called_in", 32, true},
		{"CHARGE|CALLED_IN", 1 | 32, true},
		{"no_lunch", 64, true},
		{"CLOSURE", 128, true},
		{"CHARGE;FLOAT", 0, false},
		{"CHARGE PRECEPTOR", 0, false},
	}
	for _, c := range cases {
		got, ok := parseWorkRule([]byte(c.in))
		if ok != c.ok || (ok && uint16(got) != c.want) {
			t.Errorf("parseWorkRule(%q) = %d, %v; want %d, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

// Values that repeat stay shared even when there are more of them than the interner holds; values
// that never come back (the ids of a shuffled export) stop going through the map, and every value
// read is the text given either way.
func TestInternerSharesWhatRepeats(t *testing.T) {
	same := func(a, b string) bool { return unsafe.StringData(a) == unsafe.StringData(b) }
	// Nine rows in ten name one of 1,000 accounts, the tenth one of a long tail: the map fills
	// up and is cleared several times.
	rep := newInterner()
	for i := 0; i < 20*maxInterned; i++ {
		v := fmt.Sprintf("ACCT/%06d", i*7919%1000)
		if i%10 == 9 {
			v = fmt.Sprintf("TAIL/%06d", i)
		}
		s, ok := rep.get([]byte(v))
		if !ok || s != v {
			t.Fatalf("get(%q) = %q, %v", v, s, ok)
		}
	}
	if rep.fresh {
		t.Error("accounts that repeat stopped being shared")
	}
	a, _ := rep.get([]byte("ACCT/000001"))
	b, _ := rep.get([]byte("ACCT/000002"))
	if c, _ := rep.get([]byte("ACCT/000001")); !same(a, c) || b == a {
		t.Error("a repeated account is not the shared string")
	}

	ids := newInterner()
	var buf []byte // reused, as the reader's buffer is
	var kept, want []string
	for i := 0; i < 3*maxInterned; i++ {
		v := fmt.Sprintf("%d", 10000000+i*7919%(1<<20))
		if i%1000 == 999 {
			v = strings.Repeat("X", 60+i%10) // around the longest value taken from a block
		}
		buf = append(buf[:0], v...)
		s, ok := ids.get(buf)
		if !ok || s != v {
			t.Fatalf("get(%q) = %q, %v", v, s, ok)
		}
		kept, want = append(kept, s), append(want, v)
		clear(buf)
	}
	if !ids.fresh {
		t.Error("ids that never repeat still go through the map")
	}
	for i := range kept { // the strings taken stay what they were when later ones are taken
		if kept[i] != want[i] {
			t.Fatalf("value %d is now %q, want %q", i, kept[i], want[i])
		}
	}
	if _, ok := ids.get([]byte("\xff\xfe")); ok {
		t.Error("invalid UTF-8 accepted once the map is skipped")
	}
}

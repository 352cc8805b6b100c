package calendars

import (
	"testing"
	"time"
)

// oracleDate is the original time-based NewDate, kept as the oracle for the integer arithmetic.
func oracleDate(y int, m time.Month, d int) Date {
	return Date(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

func TestNewDateKnownDays(t *testing.T) {
	cases := []struct {
		y    int
		m    time.Month
		d    int
		want Date
		wd   time.Weekday
	}{
		{1970, time.January, 1, 0, time.Thursday},
		{1969, time.December, 31, -1, time.Wednesday},
		{2000, time.March, 1, 11017, time.Wednesday},    // 30 years incl. 7 leap days + Jan–Feb 2000 (31+29)
		{2026, time.November, 26, 20783, time.Thursday}, // 56*365 + 14 leap days + 329
		{2019, time.December, 25, 18255, time.Wednesday},
		{1900, time.January, 1, -25567, time.Monday},
	}
	for _, c := range cases {
		got := NewDate(c.y, c.m, c.d)
		if got != c.want || got.Weekday() != c.wd {
			t.Errorf("NewDate(%d,%v,%d) = %d %v, want %d %v", c.y, c.m, c.d, got, got.Weekday(), c.want, c.wd)
		}
	}
}

func TestNewDateNormalizesLikeTimeDate(t *testing.T) {
	cases := []struct {
		y    int
		m    time.Month
		d    int
		want string
	}{
		{2026, 13, 1, "2027-01-01"},
		{2026, 0, 1, "2025-12-01"},
		{2026, -11, 1, "2025-01-01"},
		{2026, time.March, 0, "2026-02-28"},
		{2024, time.March, 0, "2024-02-29"},
		{2026, time.January, 32, "2026-02-01"},
		{2026, time.December, 25 + 7, "2027-01-01"},
	}
	for _, c := range cases {
		if got := NewDate(c.y, c.m, c.d).String(); got != c.want {
			t.Errorf("NewDate(%d,%d,%d) = %s, want %s", c.y, c.m, c.d, got, c.want)
		}
		if got, want := NewDate(c.y, c.m, c.d), oracleDate(c.y, c.m, c.d); got != want {
			t.Errorf("NewDate(%d,%d,%d) = %d, time.Date says %d", c.y, c.m, c.d, got, want)
		}
	}
}

func TestYMDRoundTripAgainstTime(t *testing.T) {
	// Every day from 1600 to 2400 (covers the 1700/1800/1900/2100 non-leap and 2000 leap centuries).
	for d := oracleDate(1600, 1, 1); d < oracleDate(2400, 1, 1); d++ {
		y, m, dd := d.YMD()
		tt := d.Time()
		if y != tt.Year() || m != tt.Month() || dd != tt.Day() {
			t.Fatalf("%d: YMD = %d-%d-%d, time says %s", d, y, m, dd, tt.Format("2006-01-02"))
		}
		if NewDate(y, m, dd) != d {
			t.Fatalf("NewDate(YMD(%d)) = %d", d, NewDate(y, m, dd))
		}
		if d.Year() != y {
			t.Fatalf("Year(%d) = %d, want %d", d, d.Year(), y)
		}
	}
}

func TestLeapDays(t *testing.T) {
	cases := []struct {
		y    int
		leap bool
	}{{1900, false}, {2000, true}, {2020, true}, {2024, true}, {2026, false}, {2100, false}}
	for _, c := range cases {
		days := NewDate(c.y, time.March, 1) - NewDate(c.y, time.February, 28)
		if (days == 2) != c.leap {
			t.Errorf("%d: Feb 28 -> Mar 1 is %d days, leap=%v", c.y, days, c.leap)
		}
	}
}

func TestWeekOf(t *testing.T) {
	// 2026-07-03 is a Friday; the Sunday week runs Sun 06-28 .. Sat 07-04.
	cases := []struct {
		d           string
		start       time.Weekday
		first, last string
	}{
		{"2026-07-03", time.Sunday, "2026-06-28", "2026-07-04"},
		{"2026-06-28", time.Sunday, "2026-06-28", "2026-07-04"},
		{"2026-07-04", time.Sunday, "2026-06-28", "2026-07-04"},
		{"2026-07-03", time.Monday, "2026-06-29", "2026-07-05"},
		{"2026-07-03", time.Friday, "2026-07-03", "2026-07-09"},
		{"1969-12-31", time.Sunday, "1969-12-28", "1970-01-03"},
	}
	for _, c := range cases {
		d, err := ParseISODate(c.d)
		if err != nil {
			t.Fatal(err)
		}
		first, last := WeekOf(d, c.start)
		if first.String() != c.first || last.String() != c.last {
			t.Errorf("WeekOf(%s, %v) = %s..%s, want %s..%s", c.d, c.start, first, last, c.first, c.last)
		}
	}
}

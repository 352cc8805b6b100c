// Package calendars holds the calendar facts every rule may read: civil dates, workweeks, the
// site's zone (wall clock vs elapsed time across DST) and the holiday calendars of each rule set.
package calendars

import (
	"fmt"
	"time"
)

// Date is a civil date as days since 1970-01-01. It has no zone: it names a workday.
type Date int32

// NewDate builds a Date from year, month, day. Out-of-range months and days are normalized as
// time.Date does (month 13 is January of the next year, day 0 the last day of the previous month).
// It is integer arithmetic so that holiday rules and the hot loop never build a time.Time.
func NewDate(y int, m time.Month, d int) Date {
	mm := int(m) - 1
	y += floorDiv(mm, 12)
	mm -= floorDiv(mm, 12) * 12
	return Date(daysFromCivil(int64(y), mm+1, 1) + int64(d) - 1)
}

// daysFromCivil is Howard Hinnant's days_from_civil: proleptic Gregorian, month 1..12.
func daysFromCivil(y int64, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := FloorDiv(y, 400)
	yoe := y - era*400
	mp := (m + 9) % 12 // March = 0
	doy := int64((153*mp+2)/5 + d - 1)
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// civilFromDays is the inverse of daysFromCivil.
func civilFromDays(z int64) (y int64, m, d int) {
	z += 719468
	era := FloorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d = int(doy - (153*mp+2)/5 + 1)
	m = int(mp + 3)
	if m > 12 {
		m -= 12
	}
	y = yoe + era*400
	if m <= 2 {
		y++
	}
	return y, m, d
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// FloorDiv is a / b rounded toward minus infinity: the day of a local time before 1970 is still
// the day it falls in. The one copy for every package that cuts time into days.
func FloorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// DateOf returns the civil date of t in t's own location.
func DateOf(t time.Time) Date { return NewDate(t.Year(), t.Month(), t.Day()) }

// Time returns midnight UTC of the date (useful for formatting and Arrow DATE32).
func (d Date) Time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// Weekday of the date.
func (d Date) Weekday() time.Weekday { return time.Weekday((int64(d)%7 + 7 + 4) % 7) }

// AddDays returns the date n days later.
func (d Date) AddDays(n int) Date { return d + Date(n) }

// AddMonths returns the same day of the month n months later, or the last day of that month when
// it is shorter (2024-01-31 + 1 month = 2024-02-29).
func (d Date) AddMonths(n int) Date {
	y, m, dd := d.YMD()
	t := int(m) - 1 + n
	y, m = y+floorDiv(t, 12), time.Month(t-12*floorDiv(t, 12)+1)
	last := NewDate(y, m+1, 1) - 1 // NewDate normalises month 13
	return min(NewDate(y, m, 1)+Date(dd-1), last)
}

// YMD returns year, month, day.
func (d Date) YMD() (int, time.Month, int) {
	y, m, dd := civilFromDays(int64(d))
	return int(y), time.Month(m), dd
}

// Year returns the calendar year of the date.
func (d Date) Year() int { y, _, _ := civilFromDays(int64(d)); return int(y) }

// String is YYYY-MM-DD.
func (d Date) String() string { return d.Time().Format("2006-01-02") }

// ParseISODate reads YYYY-MM-DD.
func ParseISODate(s string) (Date, error) {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return 0, fmt.Errorf("expected a date YYYY-MM-DD, got %q", s)
	}
	return DateOf(t), nil
}

// WeekStart returns the first day of the workweek containing d, for a week starting on start.
func WeekStart(d Date, start time.Weekday) Date {
	back := (int(d.Weekday()) - int(start) + 7) % 7
	return d - Date(back)
}

// WeekOf returns the first and last day of the workweek containing d, for a week starting on start.
func WeekOf(d Date, start time.Weekday) (first, last Date) {
	first = WeekStart(d, start)
	return first, first + 6
}

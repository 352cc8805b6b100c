// Package calendars holds the calendar facts every rule may read: civil dates, workweeks, the
// site's zone (wall clock vs elapsed time across DST) and the holiday calendars of each rule set.
package calendars

import (
	"fmt"
	"time"
)

// Date is a civil date as days since 1970-01-01. It has no zone: it names a workday.
type Date int32

// NewDate builds a Date from year, month, day.
func NewDate(y int, m time.Month, d int) Date {
	return Date(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// DateOf returns the civil date of t in t's own location.
func DateOf(t time.Time) Date { return NewDate(t.Year(), t.Month(), t.Day()) }

// Time returns midnight UTC of the date (useful for formatting and Arrow DATE32).
func (d Date) Time() time.Time { return time.Unix(int64(d)*86400, 0).UTC() }

// Weekday of the date.
func (d Date) Weekday() time.Weekday { return time.Weekday((int64(d)%7 + 7 + 4) % 7) }

// AddDays returns the date n days later.
func (d Date) AddDays(n int) Date { return d + Date(n) }

// YMD returns year, month, day.
func (d Date) YMD() (int, time.Month, int) { t := d.Time(); return t.Year(), t.Month(), t.Day() }

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

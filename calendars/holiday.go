package calendars

import (
	"fmt"
	"time"
)

// Class grades a holiday where the rule set pays holidays differently.
type Class uint8

const (
	// Standard is a holiday in a rule set that does not grade holidays (PSU, non-unit).
	Standard Class = iota + 1
	// Minor is a SHARE minor holiday: $0.85/h differential on the actual date (SHARE-HOL-08).
	Minor
	// Major is a SHARE major holiday: time and a half (SHARE-HOL-09).
	Major
)

func (c Class) String() string {
	switch c {
	case Standard:
		return "STANDARD"
	case Minor:
		return "MINOR"
	case Major:
		return "MAJOR"
	}
	return "?"
}

// Holiday is one holiday of one year. Observed is the day the holiday is kept when its actual date
// falls on a weekend (per the calendar's Observance); it equals Actual when there is no shift.
type Holiday struct {
	Name     string
	Actual   Date
	Observed Date
	Class    Class
	Diff     bool // carries the PSU $1.00 holiday differential (PSU-39.10-F)
}

// Shifted reports whether the holiday is kept on another day than its date.
func (h Holiday) Shifted() bool { return h.Observed != h.Actual }

type ruleKind uint8

const (
	kindFixed ruleKind = iota + 1
	kindNth
	kindLast
	kindBeforeNewYear
)

// Rule says which day of a year a holiday is.
type Rule struct {
	kind    ruleKind
	month   time.Month
	day     int // fixed: day of month; nth: 1..5; before New Year: 1 = the work day just before
	weekday time.Weekday
}

// Fixed is the same date every year, e.g. Fixed(time.July, 4).
func Fixed(m time.Month, day int) Rule { return Rule{kind: kindFixed, month: m, day: day} }

// NthWeekday is the n-th (1-based) given weekday of a month, e.g. NthWeekday(4, time.Thursday, time.November).
func NthWeekday(n int, wd time.Weekday, m time.Month) Rule {
	return Rule{kind: kindNth, month: m, day: n, weekday: wd}
}

// LastWeekday is the last given weekday of a month, e.g. LastWeekday(time.Monday, time.May).
func LastWeekday(wd time.Weekday, m time.Month) Rule {
	return Rule{kind: kindLast, month: m, weekday: wd}
}

// WorkdayBeforeNewYear is the n-th business day (Monday–Friday, not another holiday of the
// calendar) before the observed New Year's Day of the following year: PSU Art. 21.2 makes the two
// such days holidays. It always falls in December of the year it is computed for.
func WorkdayBeforeNewYear(n int) Rule { return Rule{kind: kindBeforeNewYear, day: n} }

// date is the rule's date in year y; rules that depend on other holidays are not handled here.
func (r Rule) date(y int) Date {
	switch r.kind {
	case kindFixed:
		return NewDate(y, r.month, r.day)
	case kindNth:
		first := NewDate(y, r.month, 1)
		ahead := (int(r.weekday) - int(first.Weekday()) + 7) % 7
		return first + Date(ahead+7*(r.day-1))
	case kindLast:
		last := NewDate(y, r.month+1, 0)
		back := (int(last.Weekday()) - int(r.weekday) + 7) % 7
		return last - Date(back)
	}
	panic(fmt.Sprintf("calendars: holiday rule %+v has no date of its own", r)) // a bad Spec literal
}

// Spec is one line of a holiday calendar: the data a rule set's holiday list is made of.
type Spec struct {
	Name  string
	Rule  Rule
	Class Class
	Diff  bool
}

// Observance says where a weekend holiday is kept.
type Observance uint8

const (
	// NearestWeekday keeps a Saturday holiday on the Friday before and a Sunday holiday on the
	// Monday after (SHARE-HOL-17, for Monday–Friday staff).
	NearestWeekday Observance = iota + 1
	// SundayToMonday keeps a Sunday holiday on the Monday after and a Saturday holiday on the
	// Saturday itself (Massachusetts: M.G.L. c.4 §7 cl.18; the Friday before is given off where
	// possible, otherwise a day off or pay in lieu, c.30 §24A — a benefit the rules stage handles).
	SundayToMonday
)

// observe returns the day a holiday on d is kept.
func (o Observance) observe(d Date) Date {
	switch d.Weekday() {
	case time.Saturday:
		if o == NearestWeekday {
			return d - 1
		}
	case time.Sunday:
		return d + 1
	}
	return d
}

// note explains a weekend holiday in the printed calendar; "" when there is nothing to say.
func (o Observance) note(h Holiday) string {
	switch wd := h.Actual.Weekday(); {
	case wd == time.Saturday && o == NearestWeekday:
		return "Saturday: observed the Friday before"
	case wd == time.Saturday:
		return "Saturday: kept on Saturday; Friday off where possible, else a day off or a day's pay (c.30 §24A)"
	case wd == time.Sunday:
		return "Sunday: observed the Monday after"
	}
	return ""
}

func (o Observance) String() string {
	switch o {
	case NearestWeekday:
		return "Saturday -> Friday before, Sunday -> Monday after (Monday-Friday staff; others keep the actual day)"
	case SundayToMonday:
		return "Sunday -> Monday after, Saturday kept (Commonwealth rule)"
	}
	return "?"
}

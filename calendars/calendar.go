package calendars

import (
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"
)

// Calendar is one rule set's holiday list, computable for any year. It is immutable once built and
// safe for concurrent use. On and ObservedOn answer from a precomputed index for the years
// tableFirstYear..tableEndYear-1 (a bitmap rejects the usual non-holiday in one load, a binary
// search finds the holiday) and compute the neighbouring years on the stack outside them.
type Calendar struct {
	name    string
	source  string
	observe Observance
	specs   []Spec

	lo           Date     // first date indexed
	n            int64    // number of dates indexed
	actualBits   []uint64 // bit (d-lo) set when d is some holiday's actual date
	observedBits []uint64
	byActual     []Holiday // every indexed holiday, sorted by Actual
	byObserved   []Holiday // the same, sorted by Observed
}

// NewCalendar builds a calendar from data. source is printed with the table (contract, rule ids).
func NewCalendar(name, source string, observe Observance, specs []Spec) *Calendar {
	c := &Calendar{name: name, source: source, observe: observe, specs: slices.Clone(specs)}
	c.index()
	return c
}

// Name is the calendar's rule-set name, e.g. SHARE.
func (c *Calendar) Name() string { return c.name }

// Source names the contract and rules the calendar restates.
func (c *Calendar) Source() string { return c.source }

// Observance is the calendar's weekend rule.
func (c *Calendar) Observance() Observance { return c.observe }

// appendYear appends the holidays computed for year y, in spec order. Every actual date lies in y
// (WorkdayBeforeNewYear looks at the next New Year's Day but lands in December of y).
func (c *Calendar) appendYear(dst []Holiday, y int) []Holiday {
	first := len(dst)
	for _, s := range c.specs {
		if s.Rule.kind == kindBeforeNewYear {
			continue
		}
		d := s.Rule.date(y)
		dst = append(dst, Holiday{Name: s.Name, Actual: d, Observed: c.observe.observe(d), Class: s.Class, Diff: s.Diff})
	}
	base := dst[first:]
	for _, s := range c.specs {
		if s.Rule.kind != kindBeforeNewYear {
			continue
		}
		d := c.workdayBeforeNewYear(base, y, s.Rule.day)
		dst = append(dst, Holiday{Name: s.Name, Actual: d, Observed: d, Class: s.Class, Diff: s.Diff})
	}
	return dst
}

// workdayBeforeNewYear counts n business days back from the observed New Year's Day of y+1,
// skipping weekends and days on which another holiday of year y is observed (PSU-21.1/21.2).
func (c *Calendar) workdayBeforeNewYear(base []Holiday, y, n int) Date {
	d := c.observe.observe(NewDate(y+1, 1, 1))
	for n > 0 {
		d--
		if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
			continue
		}
		if observedIn(base, d) {
			continue
		}
		n--
	}
	return d
}

func observedIn(hs []Holiday, d Date) bool {
	for _, h := range hs {
		if h.Observed == d {
			return true
		}
	}
	return false
}

// Year returns the holidays whose actual date falls in year y, sorted by actual date. A holiday
// observed in a neighbouring year (New Year's Day on a Saturday, kept on December 31) is listed
// in the year of its actual date.
func (c *Calendar) Year(y int) []Holiday {
	hs := c.appendYear(nil, y)
	slices.SortStableFunc(hs, func(a, b Holiday) int { return int(a.Actual) - int(b.Actual) })
	return hs
}

func (c *Calendar) index() {
	c.lo = NewDate(tableFirstYear, 1, 1)
	c.n = int64(NewDate(tableEndYear, 1, 1) - c.lo)
	words := (c.n + 63) / 64
	c.actualBits = make([]uint64, words)
	c.observedBits = make([]uint64, words)
	var all []Holiday
	// One year either side: an observed date may cross into the indexed range from outside it.
	for y := tableFirstYear - 1; y <= tableEndYear; y++ {
		all = c.appendYear(all, y)
	}
	for _, h := range all {
		if i := int64(h.Actual - c.lo); i >= 0 && i < c.n {
			c.actualBits[i>>6] |= 1 << (i & 63)
			c.byActual = append(c.byActual, h)
		}
		if i := int64(h.Observed - c.lo); i >= 0 && i < c.n {
			c.observedBits[i>>6] |= 1 << (i & 63)
			c.byObserved = append(c.byObserved, h)
		}
	}
	slices.SortStableFunc(c.byActual, func(a, b Holiday) int { return int(a.Actual) - int(b.Actual) })
	slices.SortStableFunc(c.byObserved, func(a, b Holiday) int { return int(a.Observed) - int(b.Observed) })
}

// On returns the holiday whose actual date is d.
func (c *Calendar) On(d Date) (Holiday, bool) {
	i := int64(d) - int64(c.lo)
	if i < 0 || i >= c.n {
		return c.slowLookup(d, false)
	}
	if c.actualBits[i>>6]&(1<<(i&63)) == 0 {
		return Holiday{}, false
	}
	hs := c.byActual
	lo, hi := 0, len(hs)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if hs[m].Actual < d {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return hs[lo], true // the bit guarantees hs[lo].Actual == d
}

// ObservedOn returns the holiday observed on d (for SHARE, the Monday–Friday observed day).
func (c *Calendar) ObservedOn(d Date) (Holiday, bool) {
	i := int64(d) - int64(c.lo)
	if i < 0 || i >= c.n {
		return c.slowLookup(d, true)
	}
	if c.observedBits[i>>6]&(1<<(i&63)) == 0 {
		return Holiday{}, false
	}
	hs := c.byObserved
	lo, hi := 0, len(hs)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if hs[m].Observed < d {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return hs[lo], true
}

// AnyIn reports whether some holiday's actual or observed date lies in [from, to). Most weeks
// have none near: the rule families ask once per week and skip their per-day and per-slice
// holiday lookups, which is where their answers would all be "none".
func (c *Calendar) AnyIn(from, to Date) bool {
	i, j := int64(from)-int64(c.lo), int64(to)-int64(c.lo) // bits [i, j)
	if i < 0 || j > c.n {
		for d := from; d < to; d++ { // outside the index: day by day
			if _, ok := c.On(d); ok {
				return true
			}
			if _, ok := c.ObservedOn(d); ok {
				return true
			}
		}
		return false
	}
	for i < j { // a word of bits at a time: a week's range spans one or two
		k, lo := i>>6, i&63
		n := min(j-k<<6, 64) - lo // bits of this word in range
		mask := (^uint64(0) >> (64 - n)) << lo
		if (c.actualBits[k]|c.observedBits[k])&mask != 0 {
			return true
		}
		i = (k + 1) << 6
	}
	return false
}

// Holidays are defined for Gregorian years 1..9999 outside the index; beyond that nothing is one.
const minYear, maxYear = 1, 9999

// slowLookup computes the years around d on the stack: an observed date may belong to the
// holiday of the next or previous year.
func (c *Calendar) slowLookup(d Date, observed bool) (Holiday, bool) {
	y := d.Year()
	if y <= minYear || y >= maxYear {
		return Holiday{}, false
	}
	var buf [48]Holiday // three years of any built-in calendar; append spills to the heap beyond
	hs := buf[:0]
	for yy := y - 1; yy <= y+1; yy++ {
		hs = c.appendYear(hs, yy)
	}
	for _, h := range hs {
		if (!observed && h.Actual == d) || (observed && h.Observed == d) {
			return h, true
		}
	}
	return Holiday{}, false
}

var (
	calendarsOnce sync.Once
	builtins      map[string]*Calendar
)

// CalendarFor returns the holiday calendar of a rule set: SHARE, PSU or NONUNIT. Roster rule-set
// names with a suffix (PSU_NONEXEMPT, NONUNIT_NONEXEMPT) select their family's calendar; case is
// ignored. The calendars are shared and immutable.
func CalendarFor(name string) (*Calendar, error) {
	calendarsOnce.Do(func() {
		builtins = map[string]*Calendar{
			"SHARE":   NewCalendar("SHARE", shareSource, NearestWeekday, shareHolidays),
			"PSU":     NewCalendar("PSU", psuSource, SundayToMonday, psuHolidays),
			"NONUNIT": NewCalendar("NONUNIT", nonUnitSource, SundayToMonday, nonUnitHolidays),
		}
	})
	key := strings.ToUpper(strings.TrimSpace(name))
	if c, ok := builtins[key]; ok {
		return c, nil
	}
	if family, _, ok := strings.Cut(key, "_"); ok {
		if c, ok := builtins[family]; ok {
			return c, nil
		}
	}
	return nil, fmt.Errorf("no holiday calendar for rule set %q (known: NONUNIT, PSU, SHARE)", name)
}

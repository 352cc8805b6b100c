package calendars

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"
)

func mustCalendar(t testing.TB, name string) *Calendar {
	t.Helper()
	c, err := CalendarFor(name)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func day(t testing.TB, s string) Date {
	t.Helper()
	d, err := ParseISODate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// row is a holiday written the way a person checks it against a wall calendar.
type row struct {
	name             string
	actual, observed string
	class            Class
	diff             bool
}

func checkYear(t *testing.T, c *Calendar, y int, want []row) {
	t.Helper()
	got := c.Year(y)
	if len(got) != len(want) {
		t.Fatalf("%s %d: %d holidays, want %d: %v", c.Name(), y, len(got), len(want), got)
	}
	for i, w := range want {
		g := got[i]
		if g.Name != w.name || g.Actual.String() != w.actual || g.Observed.String() != w.observed ||
			g.Class != w.class || g.Diff != w.diff {
			t.Errorf("%s %d #%d = {%s %s %s %v %v}, want %+v", c.Name(), y, i, g.Name, g.Actual, g.Observed, g.Class, g.Diff, w)
		}
	}
}

// SHARE-HOL-01 dates and classes; SHARE-HOL-17 "a Saturday holiday is observed on the preceding
// Friday, and a Sunday holiday is observed on the following Monday". Dates checked by hand against
// a 2026 wall calendar (Jan 1 is a Thursday).
func TestSHARE_HOL_01_Year2026(t *testing.T) {
	checkYear(t, mustCalendar(t, "SHARE"), 2026, []row{
		{"New Year's Day", "2026-01-01", "2026-01-01", Major, false},
		{"Martin Luther King Day", "2026-01-19", "2026-01-19", Minor, false},
		{"Presidents Day", "2026-02-16", "2026-02-16", Minor, false},
		{"Memorial Day", "2026-05-25", "2026-05-25", Major, false},
		{"Independence Day", "2026-07-04", "2026-07-03", Major, false}, // Saturday -> Friday
		{"Labor Day", "2026-09-07", "2026-09-07", Major, false},
		{"Columbus Day", "2026-10-12", "2026-10-12", Minor, false},
		{"Veterans Day", "2026-11-11", "2026-11-11", Minor, false},
		{"Thanksgiving Day", "2026-11-26", "2026-11-26", Major, false},
		{"Christmas Day", "2026-12-25", "2026-12-25", Major, false}, // Friday, no shift
	})
}

// 2020 is a leap year (Jan 1 a Wednesday); TC-DER-HOL-07: "Independence Day Sat 2020-07-04 ->
// observed Fri 7/3 for M-F".
func TestSHARE_HOL_17_Year2020_TC_DER_HOL_07(t *testing.T) {
	checkYear(t, mustCalendar(t, "SHARE"), 2020, []row{
		{"New Year's Day", "2020-01-01", "2020-01-01", Major, false},
		{"Martin Luther King Day", "2020-01-20", "2020-01-20", Minor, false},
		{"Presidents Day", "2020-02-17", "2020-02-17", Minor, false},
		{"Memorial Day", "2020-05-25", "2020-05-25", Major, false},
		{"Independence Day", "2020-07-04", "2020-07-03", Major, false},
		{"Labor Day", "2020-09-07", "2020-09-07", Major, false},
		{"Columbus Day", "2020-10-12", "2020-10-12", Minor, false},
		{"Veterans Day", "2020-11-11", "2020-11-11", Minor, false},
		{"Thanksgiving Day", "2020-11-26", "2020-11-26", Major, false},
		{"Christmas Day", "2020-12-25", "2020-12-25", Major, false},
	})
}

// 2024, leap year (Jan 1 a Monday): Feb 29 pushes every later date; Memorial Day is May 27.
func TestSHARE_HOL_01_LeapYear2024(t *testing.T) {
	checkYear(t, mustCalendar(t, "SHARE"), 2024, []row{
		{"New Year's Day", "2024-01-01", "2024-01-01", Major, false},
		{"Martin Luther King Day", "2024-01-15", "2024-01-15", Minor, false},
		{"Presidents Day", "2024-02-19", "2024-02-19", Minor, false},
		{"Memorial Day", "2024-05-27", "2024-05-27", Major, false},
		{"Independence Day", "2024-07-04", "2024-07-04", Major, false},
		{"Labor Day", "2024-09-02", "2024-09-02", Major, false},
		{"Columbus Day", "2024-10-14", "2024-10-14", Minor, false},
		{"Veterans Day", "2024-11-11", "2024-11-11", Minor, false},
		{"Thanksgiving Day", "2024-11-28", "2024-11-28", Major, false},
		{"Christmas Day", "2024-12-25", "2024-12-25", Major, false},
	})
}

func TestSHARE_HOL_17_ObservedDays(t *testing.T) {
	c := mustCalendar(t, "SHARE")
	cases := []struct {
		rule, name       string
		actual, observed string
	}{
		// TC-DER-HOL-06: "Veterans Day Sun 2018-11-11, observed Mon 11/12 for M-F staff."
		{"TC-DER-HOL-06", "Veterans Day", "2018-11-11", "2018-11-12"},
		{"TC-DER-HOL-07", "Independence Day", "2020-07-04", "2020-07-03"},
		// TC-DER-HOL-01: "Christmas Wed 2019-12-25" — no shift.
		{"TC-DER-HOL-01", "Christmas Day", "2019-12-25", "2019-12-25"},
		{"Sat Christmas", "Christmas Day", "2021-12-25", "2021-12-24"},
		{"Sun Christmas", "Christmas Day", "2022-12-25", "2022-12-26"},
		// New Year's Day 2022 is a Saturday: observed on Friday Dec 31 of the previous year.
		{"Sat New Year", "New Year's Day", "2022-01-01", "2021-12-31"},
		{"Sun New Year", "New Year's Day", "2023-01-01", "2023-01-02"},
	}
	for _, tc := range cases {
		t.Run(tc.rule, func(t *testing.T) {
			a, o := day(t, tc.actual), day(t, tc.observed)
			h, ok := c.On(a)
			if !ok || h.Name != tc.name || h.Observed != o {
				t.Fatalf("On(%s) = %v %v, want %s observed %s", tc.actual, h, ok, tc.name, tc.observed)
			}
			h, ok = c.ObservedOn(o)
			if !ok || h.Name != tc.name || h.Actual != a {
				t.Fatalf("ObservedOn(%s) = %v %v, want %s actual %s", tc.observed, h, ok, tc.name, tc.actual)
			}
			if a != o {
				if _, ok := c.ObservedOn(a); ok {
					t.Errorf("ObservedOn(actual %s) matched; the holiday moved to %s", tc.actual, tc.observed)
				}
				if _, ok := c.On(o); ok {
					t.Errorf("On(observed %s) matched; On is for actual dates", tc.observed)
				}
			}
		})
	}
	// The Saturday New Year's Day belongs to the year of its actual date.
	for _, h := range c.Year(2021) {
		if h.Name == "New Year's Day" && h.Actual.String() != "2021-01-01" {
			t.Errorf("Year(2021) lists %v", h)
		}
	}
}

// PSU-21.1 (eleven days incl. Patriots Day), PSU-21.2 (the two work days before the observed New
// Year's Day), PSU-39.10-F (the $1.00 differential on five named days). 2026: Patriots Day is the
// third Monday of April (Apr 1 is a Wednesday: Mondays 6, 13, 20); New Year's Day 2027 is a
// Friday, so the two work days before it are Wed Dec 30 and Thu Dec 31. July 4 is a Saturday and
// stays there under the Commonwealth rule (M.G.L. c.4 §7 cl.18).
func TestPSU_21_1_Year2026(t *testing.T) {
	checkYear(t, mustCalendar(t, "PSU"), 2026, []row{
		{"New Year's Day", "2026-01-01", "2026-01-01", Standard, true},
		{"Martin Luther King Day", "2026-01-19", "2026-01-19", Standard, false},
		{"Presidents Day", "2026-02-16", "2026-02-16", Standard, false},
		{"Patriots Day", "2026-04-20", "2026-04-20", Standard, false},
		{"Memorial Day", "2026-05-25", "2026-05-25", Standard, false},
		{"Independence Day", "2026-07-04", "2026-07-04", Standard, true},
		{"Labor Day", "2026-09-07", "2026-09-07", Standard, true},
		{"Columbus Day", "2026-10-12", "2026-10-12", Standard, false},
		{"Veterans Day", "2026-11-11", "2026-11-11", Standard, false},
		{"Thanksgiving Day", "2026-11-26", "2026-11-26", Standard, true},
		{"Christmas Day", "2026-12-25", "2026-12-25", Standard, true},
		{"New Year's work day (2nd before, Art. 21.2)", "2026-12-30", "2026-12-30", Standard, false},
		{"New Year's work day (1st before, Art. 21.2)", "2026-12-31", "2026-12-31", Standard, false},
	})
}

// PSU-21.2 across the weekday New Year's Day can fall on, and PSU-21.4 Sunday -> Monday.
func TestPSU_21_2_WorkDaysBeforeNewYear(t *testing.T) {
	c := mustCalendar(t, "PSU")
	cases := []struct {
		year          int
		second, first string
		why           string
	}{
		{2018, "2018-12-28", "2018-12-31", "NY 2019 Tue: Mon 31, then back over the weekend to Fri 28"},
		{2022, "2022-12-29", "2022-12-30", "NY 2023 Sun, observed Mon Jan 2: Fri 30, Thu 29"},
		{2024, "2024-12-30", "2024-12-31", "NY 2025 Wed: Tue 31, Mon 30"},
		{2025, "2025-12-30", "2025-12-31", "NY 2026 Thu: Wed 31, Tue 30"},
		{2027, "2027-12-30", "2027-12-31", "NY 2028 Sat, kept Saturday: Fri 31, Thu 30"},
		{2032, "2032-12-30", "2032-12-31", "NY 2033 Sat: Fri 31, Thu 30"},
		{2028, "2028-12-28", "2028-12-29", "NY 2029 Mon: Fri 29, Thu 28"},
	}
	for _, tc := range cases {
		hs := c.Year(tc.year)
		got := [2]string{}
		n := 0
		for _, h := range hs {
			if strings.HasPrefix(h.Name, "New Year's work day") {
				got[n] = h.Actual.String()
				n++
				if h.Actual.Weekday() == time.Saturday || h.Actual.Weekday() == time.Sunday || h.Diff {
					t.Errorf("%d: %v is a weekend day or carries the differential", tc.year, h)
				}
			}
		}
		if n != 2 || got[0] != tc.second || got[1] != tc.first {
			t.Errorf("%d: Art. 21.2 days %v, want [%s %s] (%s)", tc.year, got, tc.second, tc.first, tc.why)
		}
	}
}

func TestPSU_21_4_WeekendHolidays(t *testing.T) {
	c := mustCalendar(t, "PSU")
	cases := []struct{ actual, observed string }{
		{"2022-12-25", "2022-12-26"}, // Sunday -> Monday
		{"2023-01-01", "2023-01-02"}, // Sunday -> Monday
		{"2026-07-04", "2026-07-04"}, // Saturday stays
		{"2021-12-25", "2021-12-25"}, // Saturday stays
		{"2022-01-01", "2022-01-01"}, // Saturday stays
	}
	for _, tc := range cases {
		h, ok := c.On(day(t, tc.actual))
		if !ok || h.Observed.String() != tc.observed {
			t.Errorf("PSU On(%s) = %v %v, want observed %s", tc.actual, h, ok, tc.observed)
		}
		if h2, ok := c.ObservedOn(day(t, tc.observed)); !ok || h2 != h {
			t.Errorf("PSU ObservedOn(%s) = %v %v, want %v", tc.observed, h2, ok, h)
		}
	}
}

// PSU-39.10-F: exactly New Year's, Independence, Labor, Thanksgiving and Christmas carry the flag.
func TestPSU_39_10_F_DifferentialFlags(t *testing.T) {
	want := map[string]bool{"New Year's Day": true, "Independence Day": true, "Labor Day": true,
		"Thanksgiving Day": true, "Christmas Day": true}
	for y := 2018; y <= 2030; y++ {
		n := 0
		for _, h := range mustCalendar(t, "PSU").Year(y) {
			if h.Diff != want[h.Name] {
				t.Errorf("%d %s: Diff = %v", y, h.Name, h.Diff)
			}
			if h.Diff {
				n++
			}
		}
		if n != 5 {
			t.Errorf("%d: %d differential holidays, want 5", y, n)
		}
	}
}

// Non-unit staff: no NUT-* holiday list exists; the university's eleven days, no Art. 21.2 days,
// no differential.
func TestNONUNIT_Year2025(t *testing.T) {
	// 2025: Jan 1 is a Wednesday; Patriots Day Apr 21; Veterans Day a Tuesday.
	checkYear(t, mustCalendar(t, "NONUNIT"), 2025, []row{
		{"New Year's Day", "2025-01-01", "2025-01-01", Standard, false},
		{"Martin Luther King Day", "2025-01-20", "2025-01-20", Standard, false},
		{"Presidents Day", "2025-02-17", "2025-02-17", Standard, false},
		{"Patriots Day", "2025-04-21", "2025-04-21", Standard, false},
		{"Memorial Day", "2025-05-26", "2025-05-26", Standard, false},
		{"Independence Day", "2025-07-04", "2025-07-04", Standard, false},
		{"Labor Day", "2025-09-01", "2025-09-01", Standard, false},
		{"Columbus Day", "2025-10-13", "2025-10-13", Standard, false},
		{"Veterans Day", "2025-11-11", "2025-11-11", Standard, false},
		{"Thanksgiving Day", "2025-11-27", "2025-11-27", Standard, false},
		{"Christmas Day", "2025-12-25", "2025-12-25", Standard, false},
	})
}

// nthWeekdayOracle scans the month with the time package, independently of Rule.date.
func nthWeekdayOracle(y int, m time.Month, wd time.Weekday, n int) string {
	var hits []string
	for t := time.Date(y, m, 1, 0, 0, 0, 0, time.UTC); t.Month() == m; t = t.AddDate(0, 0, 1) {
		if t.Weekday() == wd {
			hits = append(hits, t.Format("2006-01-02"))
		}
	}
	if n < 0 {
		return hits[len(hits)-1]
	}
	return hits[n-1]
}

// Property: every year 1990–2100 has exactly 10 SHARE holidays (4 minor, 6 major), each on its rule
// as an independent scan of the month finds it, observed on a weekday no more than a day away, and
// On/ObservedOn find each of them and nothing else in the year.
func TestSHARE_HOL_01_EveryYear1990To2100(t *testing.T) {
	c := mustCalendar(t, "SHARE")
	for y := 1990; y <= 2100; y++ {
		hs := c.Year(y)
		if len(hs) != 10 {
			t.Fatalf("%d: %d holidays", y, len(hs))
		}
		minor := 0
		want := map[string]string{
			"Martin Luther King Day": nthWeekdayOracle(y, time.January, time.Monday, 3),
			"Presidents Day":         nthWeekdayOracle(y, time.February, time.Monday, 3),
			"Memorial Day":           nthWeekdayOracle(y, time.May, time.Monday, -1),
			"Labor Day":              nthWeekdayOracle(y, time.September, time.Monday, 1),
			"Columbus Day":           nthWeekdayOracle(y, time.October, time.Monday, 2),
			"Thanksgiving Day":       nthWeekdayOracle(y, time.November, time.Thursday, 4),
			"New Year's Day":         fmt.Sprintf("%d-01-01", y),
			"Independence Day":       fmt.Sprintf("%d-07-04", y),
			"Veterans Day":           fmt.Sprintf("%d-11-11", y),
			"Christmas Day":          fmt.Sprintf("%d-12-25", y),
		}
		actual := map[Date]bool{}
		observed := map[Date]bool{}
		for i, h := range hs {
			if i > 0 && hs[i-1].Actual >= h.Actual {
				t.Fatalf("%d: not sorted at %v", y, h)
			}
			if h.Actual.String() != want[h.Name] {
				t.Errorf("%d %s: %s, want %s", y, h.Name, h.Actual, want[h.Name])
			}
			if wd := h.Observed.Weekday(); wd == time.Saturday || wd == time.Sunday {
				t.Errorf("%d %s observed on %v", y, h.Name, wd)
			}
			if dist := h.Observed - h.Actual; dist < -1 || dist > 1 {
				t.Errorf("%d %s observed %d days away", y, h.Name, dist)
			}
			if h.Class == Minor {
				minor++
			}
			actual[h.Actual], observed[h.Observed] = true, true
		}
		if minor != 4 {
			t.Errorf("%d: %d minor holidays, want 4", y, minor)
		}
		for d := NewDate(y, 1, 1); d < NewDate(y+1, 1, 1); d++ {
			if h, ok := c.On(d); ok != actual[d] || (ok && h.Actual != d) {
				t.Fatalf("On(%s) = %v %v", d, h, ok)
			}
			if h, ok := c.ObservedOn(d); ok && h.Observed != d {
				t.Fatalf("ObservedOn(%s) = %v", d, h)
			} else if !ok && observed[d] {
				t.Fatalf("ObservedOn(%s) missed", d)
			}
		}
	}
}

func TestPSUAndNonUnitEveryYear(t *testing.T) {
	for _, tc := range []struct {
		name string
		n    int
	}{{"PSU", 13}, {"NONUNIT", 11}} {
		c := mustCalendar(t, tc.name)
		for y := 1990; y <= 2100; y++ {
			hs := c.Year(y)
			if len(hs) != tc.n {
				t.Fatalf("%s %d: %d holidays, want %d", tc.name, y, len(hs), tc.n)
			}
			for _, h := range hs {
				if h.Actual.Year() != y || h.Observed.Weekday() == time.Sunday {
					t.Errorf("%s %d: %v", tc.name, y, h)
				}
				if got, ok := c.On(h.Actual); !ok || got != h {
					t.Errorf("%s On(%s) = %v %v", tc.name, h.Actual, got, ok)
				}
				if got, ok := c.ObservedOn(h.Observed); !ok || got != h {
					t.Errorf("%s ObservedOn(%s) = %v %v", tc.name, h.Observed, got, ok)
				}
			}
		}
	}
}

// Outside the indexed years the answer is computed, and must agree with Year.
func TestLookupOutsideIndex(t *testing.T) {
	c := mustCalendar(t, "SHARE")
	for _, y := range []int{1850, 1899, 2200, 2301} {
		for _, h := range c.Year(y) {
			if got, ok := c.On(h.Actual); !ok || got != h {
				t.Errorf("On(%s) = %v %v, want %v", h.Actual, got, ok, h)
			}
			if got, ok := c.ObservedOn(h.Observed); !ok || got != h {
				t.Errorf("ObservedOn(%s) = %v %v, want %v", h.Observed, got, ok, h)
			}
		}
		if _, ok := c.On(NewDate(y, time.March, 3)); ok {
			t.Errorf("%d-03-03 is no holiday", y)
		}
	}
	// New Year's Day 2200 is a Wednesday, so 2203's is a Saturday, observed Fri 2202-12-31.
	if h, ok := c.ObservedOn(NewDate(2202, time.December, 31)); !ok || h.Actual != NewDate(2203, 1, 1) {
		t.Errorf("ObservedOn(2202-12-31) = %v %v", h, ok)
	}
	// The roster's absent-date marker must be a plain "no".
	for _, d := range []Date{-1 << 31, 1<<31 - 1} {
		if _, ok := c.On(d); ok {
			t.Errorf("On(%d) matched", d)
		}
		if _, ok := c.ObservedOn(d); ok {
			t.Errorf("ObservedOn(%d) matched", d)
		}
	}
}

func TestCalendarForNames(t *testing.T) {
	cases := []struct{ in, want string }{
		{"SHARE", "SHARE"}, {"share", "SHARE"}, {" PSU ", "PSU"}, {"PSU_NONEXEMPT", "PSU"},
		{"PSU_EXEMPT", "PSU"}, {"NONUNIT", "NONUNIT"}, {"NONUNIT_NONEXEMPT", "NONUNIT"},
	}
	for _, tc := range cases {
		c, err := CalendarFor(tc.in)
		if err != nil || c.Name() != tc.want {
			t.Errorf("CalendarFor(%q) = %v, %v; want %s", tc.in, c, err, tc.want)
		}
	}
	for _, bad := range []string{"", "UNION", "_SHARE"} {
		if _, err := CalendarFor(bad); err == nil {
			t.Errorf("CalendarFor(%q) succeeded", bad)
		}
	}
	a, _ := CalendarFor("PSU")
	b, _ := CalendarFor("psu_nonexempt")
	if a != b {
		t.Error("calendars are not shared")
	}
}

func TestLookupsDoNotAllocate(t *testing.T) {
	c := mustCalendar(t, "SHARE")
	hol, plain := day(t, "2026-07-03"), day(t, "2026-07-08")
	far := NewDate(2500, time.July, 4)
	var sink bool
	for _, tc := range []struct {
		name string
		f    func()
	}{
		{"On hit", func() { _, sink = c.On(hol - 1) }},
		{"On miss", func() { _, sink = c.On(plain) }},
		{"ObservedOn hit", func() { _, sink = c.ObservedOn(hol) }},
		{"ObservedOn miss", func() { _, sink = c.ObservedOn(plain) }},
		{"On outside index", func() { _, sink = c.On(far) }},
	} {
		if n := testing.AllocsPerRun(200, tc.f); n != 0 {
			t.Errorf("%s: %v allocations", tc.name, n)
		}
	}
	_ = sink
}

func TestConcurrentUse(t *testing.T) {
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			c, err := CalendarFor([]string{"SHARE", "PSU", "NONUNIT"}[g%3])
			if err != nil {
				errs <- err.Error()
				return
			}
			n := 0
			for d := NewDate(2026, 1, 1); d < NewDate(2027, 1, 1); d++ {
				if _, ok := c.On(d); ok {
					n++
				}
			}
			if want := len(c.Year(2026)); n != want {
				errs <- fmt.Sprintf("%s: %d holidays found, want %d", c.Name(), n, want)
			}
		}(g)
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func TestCustomCalendarFromData(t *testing.T) {
	// A site calendar is data: Juneteenth (fixed) and the day after Thanksgiving (4th Friday).
	c := NewCalendar("SITE", "test", NearestWeekday, []Spec{
		{Name: "Juneteenth", Rule: Fixed(time.June, 19), Class: Minor},
		{Name: "Day after Thanksgiving", Rule: NthWeekday(4, time.Friday, time.November), Class: Minor},
	})
	hs := c.Year(2027) // June 19 2027 is a Saturday; Nov 1 2027 a Monday, so the 4th Friday is Nov 26
	if len(hs) != 2 || hs[0].Observed.String() != "2027-06-18" || hs[1].Actual.String() != "2027-11-26" {
		t.Errorf("SITE 2027 = %v", hs)
	}
}

func BenchmarkOnMiss(b *testing.B) {
	c := mustCalendar(b, "SHARE")
	d0 := NewDate(2026, 1, 1)
	n := 0
	for i := 0; b.Loop(); i++ {
		if _, ok := c.ObservedOn(d0 + Date(i%365)); ok {
			n++
		}
	}
	_ = n
}

// AnyIn is the week-level shortcut the rule families take before their holiday lookups: it must
// say yes exactly when On or ObservedOn finds a holiday on some day of the range, inside the
// precomputed index and in the years computed outside it, for ranges of the families' lengths
// (7 to 11 days) and longer.
func TestAnyInAgreesWithOnAndObservedOn(t *testing.T) {
	for _, name := range []string{"SHARE", "PSU", "NONUNIT"} {
		c := mustCalendar(t, name)
		for _, span := range [][2]Date{
			{c.lo - 400, c.lo + 400},                         // across the start of the index
			{c.lo + Date(c.n) - 400, c.lo + Date(c.n) + 400}, // across its end
			{NewDate(2026, 1, 1), NewDate(2027, 1, 1)},
		} {
			for from := span[0]; from < span[1]; from++ {
				for _, n := range []Date{1, 7, 11, 70} { // 70: more than a word of the index
					want := false
					for d := from; d < from+n; d++ {
						_, a := c.On(d)
						_, o := c.ObservedOn(d)
						want = want || a || o
					}
					if got := c.AnyIn(from, from+n); got != want {
						t.Fatalf("%s: AnyIn(%s, %s) = %v, want %v", name, from, from+n, got, want)
					}
				}
			}
		}
		if c.AnyIn(NewDate(2026, 11, 27), NewDate(2026, 11, 27)) {
			t.Errorf("%s: an empty range holds a holiday", name)
		}
	}
}

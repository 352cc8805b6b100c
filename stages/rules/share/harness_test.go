package share

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
	"github.com/payclose/payclose/stages/rules/rulestest"
)

// The catalog's common fixture (share.md §15): base r = $20.00, standard schedule, budgeted 40,
// weeks start Sunday 00:00 America/New_York. The test week is Sun 2026-11-15 .. Sat 2026-11-21,
// which has no holiday and no DST change.
var testWeek = calendars.NewDate(2026, time.November, 15)

var days = map[string]int{"Sun": 0, "Mon": 1, "Tue": 2, "Wed": 3, "Thu": 4, "Fri": 5, "Sat": 6, "Sun2": 7}

func profile(t testing.TB) *rates.RuleSet {
	rs, err := rates.Default.Lookup("SHARE", testWeek.Time())
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

func zone(t testing.TB) calendars.Zone {
	z, err := calendars.LoadZone("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	return z
}

type fx struct {
	t     testing.TB
	z     calendars.Zone
	emp   model.Employee
	week  model.Week
	start calendars.Date
}

func newFx(t testing.TB) *fx {
	f := &fx{t: t, z: zone(t), start: testWeek}
	f.emp = model.Employee{ID: "E1", RuleSet: "SHARE", BaseRate: rates.Dollars(20, 0), BudgetedWeekly: 40 * 3600, OnCallApproved: true}
	return f
}

// at parses "Wed 07:00" into an instant of the test week; "Thu 00:30" etc.
func (f *fx) at(s string) int64 {
	parts := strings.Fields(s)
	d, ok := days[parts[0]]
	if !ok {
		f.t.Fatalf("bad day in %q", s)
	}
	var h, m int
	if _, err := fmt.Sscanf(parts[1], "%d:%d", &h, &m); err != nil {
		f.t.Fatalf("bad time in %q", s)
	}
	return f.z.WallInstant(f.start.AddDays(d), h, m, 0)
}

// work adds a worked span "Wed 07:00" → "15:30" (an end earlier than the start is the next day)
// attributed to the start's date.
//
// The catalog's tables state their spans with "no meal deducted", and the document's own examples
// count a 6-hour day as 6 paid hours, so work marks the span NO_LUNCH; workMeal leaves the meal
// rule (BRK-01) to apply.
func (f *fx) work(from, to string, rule model.WorkRule) {
	f.span(from, to, rule|model.RuleNoLunch, model.SpanWorked)
}

func (f *fx) workMeal(from, to string, rule model.WorkRule) {
	f.span(from, to, rule, model.SpanWorked)
}

func (f *fx) span(from, to string, rule model.WorkRule, kind model.SpanKind) {
	s := f.at(from)
	dayName := strings.Fields(from)[0]
	e := f.at(dayName + " " + to)
	if e <= s {
		e = f.z.WallInstant(f.start.AddDays(days[dayName]+1), 0, 0, 0) + (e - f.z.WallInstant(f.start.AddDays(days[dayName]), 0, 0, 0))
	}
	f.week.Spans = append(f.week.Spans, model.Span{Start: s, End: e, RawStart: s, RawEnd: e,
		Workday: f.start.AddDays(days[dayName]), Kind: kind, Rule: rule, Account: "A"})
}

func (f *fx) sched(from, to string) {
	s := f.at(from)
	dayName := strings.Fields(from)[0]
	e := f.at(dayName + " " + to)
	if e <= s {
		e += 24 * 3600
	}
	f.week.Schedule = append(f.week.Schedule, model.ScheduledShift{Date: f.start.AddDays(days[dayName]), Start: s, End: e})
}

func (f *fx) absence(dayName, input string, hours string) {
	pc := profile(f.t).PayCodes[input]
	h, err := rates.ParseHours(hours)
	if err != nil {
		f.t.Fatal(err)
	}
	f.week.Absences = append(f.week.Absences, model.Absence{Date: f.start.AddDays(days[dayName]), Code: pc.Code, Input: input,
		Seconds: h.Seconds(), Account: "A"})
}

func (f *fx) run() *model.Result {
	w := &f.week
	w.Emp = &f.emp
	w.Zone = f.z
	w.Start = f.start
	w.From = f.z.Instant(f.start, 0)
	w.To = f.z.Instant(f.start.AddDays(7), 0)
	sortSpans(w.Spans)
	res := &model.Result{}
	(&Calc{}).Calculate(w, profile(f.t), res)
	checkInvariants(f.t, w, res)
	return res
}

var (
	sortSpans       = rulestest.SortSpans
	checkInvariants = rulestest.CheckInvariants
	hours           = rulestest.Hours
	cents           = rulestest.Cents
	dump            = rulestest.Dump
)

package psu

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
)

// The catalog's fixture F-PSU (psu-nonunit-esl.md §8.2): FTE 1.0, annual salary $58,500.00 →
// base $30.00/h (58,500 ÷ 1950), weekly salary $1,125.00, schedule Monday–Friday 7.5 h.
var novWeek = calendars.NewDate(2026, time.November, 15) // no holiday

var dayNames = map[string]int{"Sun": 0, "Mon": 1, "Tue": 2, "Wed": 3, "Thu": 4, "Fri": 5, "Sat": 6}

func profile(t testing.TB) *rates.RuleSet {
	rs, err := rates.Default.Lookup("PSU_NONEXEMPT", novWeek.Time())
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// withSwitch returns a copy of the profile with one switch changed.
func withSwitch(t testing.TB, name string, v bool) *rates.RuleSet {
	c := *profile(t)
	c.Switches = map[string]bool{}
	for k, x := range profile(t).Switches {
		c.Switches[k] = x
	}
	c.Switches[name] = v
	return &c
}

type fx struct {
	t     testing.TB
	z     calendars.Zone
	emp   model.Employee
	week  model.Week
	start calendars.Date
	rs    *rates.RuleSet
}

func newFx(t testing.TB, start calendars.Date) *fx {
	z, err := calendars.LoadZone("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	f := &fx{t: t, z: z, start: start, rs: profile(t)}
	f.emp = model.Employee{ID: "P1", RuleSet: "PSU_NONEXEMPT", AnnualSalary: 5850000, BudgetedWeekly: 135000}
	return f
}

func (f *fx) at(dayName, hm string) int64 {
	d, ok := dayNames[dayName]
	if !ok {
		f.t.Fatalf("bad day %q", dayName)
	}
	var h, m int
	if _, err := fmt.Sscanf(hm, "%d:%d", &h, &m); err != nil {
		f.t.Fatalf("bad time %q", hm)
	}
	return f.z.WallInstant(f.start.AddDays(d), h, m, 0)
}

// span adds "Wed 15:00-23:30" (an end before the start is the next day) of the given kind,
// attributed to the start's date.
func (f *fx) span(spec string, kind model.SpanKind) {
	dayName, rng, _ := strings.Cut(spec, " ")
	from, to, _ := strings.Cut(rng, "-")
	s, e := f.at(dayName, from), f.at(dayName, to)
	if e <= s {
		e += 24 * 3600
	}
	f.week.Spans = append(f.week.Spans, model.Span{Start: s, End: e, RawStart: s, RawEnd: e,
		Workday: f.start.AddDays(dayNames[dayName]), Kind: kind, Account: "A"})
}

func (f *fx) work(specs ...string) {
	for _, s := range specs {
		f.span(s, model.SpanWorked)
	}
}

func (f *fx) sched(specs ...string) {
	for _, spec := range specs {
		dayName, rng, _ := strings.Cut(spec, " ")
		from, to, _ := strings.Cut(rng, "-")
		s, e := f.at(dayName, from), f.at(dayName, to)
		if e <= s {
			e += 24 * 3600
		}
		f.week.Schedule = append(f.week.Schedule, model.ScheduledShift{Date: f.start.AddDays(dayNames[dayName]), Start: s, End: e})
	}
}

// weekdays posts (and optionally works) the standard 08:00–15:30 day Monday to Friday.
func (f *fx) standardSchedule() {
	f.sched("Mon 08:00-15:30", "Tue 08:00-15:30", "Wed 08:00-15:30", "Thu 08:00-15:30", "Fri 08:00-15:30")
}

func (f *fx) absence(dayName, input, hours string) {
	pc := f.rs.PayCodes[input]
	h, err := rates.ParseHours(hours)
	if err != nil {
		f.t.Fatal(err)
	}
	f.week.Absences = append(f.week.Absences, model.Absence{Date: f.start.AddDays(dayNames[dayName]), Code: pc.Code, Input: input, Seconds: h.Seconds(), Account: "A"})
}

func (f *fx) run() *model.Result {
	w := &f.week
	w.Emp, w.Zone, w.Start = &f.emp, f.z, f.start
	w.From, w.To = f.z.Instant(f.start, 0), f.z.Instant(f.start.AddDays(7), 0)
	sortSpans(w.Spans)
	res := &model.Result{}
	(&Calc{}).Calculate(w, f.rs, res)
	checkInvariants(f.t, res)
	return res
}

func sortSpans(s []model.Span) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j].Start < s[j-1].Start; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// checkInvariants: REG + OT = worked; Absent = seconds of pay-code lines; every line has a rule.
func checkInvariants(t testing.TB, res *model.Result) {
	t.Helper()
	var reg, ot int64
	for _, l := range res.Lines {
		if l.RuleID == "" {
			t.Errorf("line without rule id: %+v", l)
		}
		switch l.PayCode {
		case "REG":
			reg += l.Seconds
		case "OT":
			ot += l.Seconds
		}
	}
	if reg+ot != res.Worked || reg != res.Regular || ot != res.Overtime {
		t.Errorf("REG %d + OT %d != worked %d", reg, ot, res.Worked)
	}
}

func hours(res *model.Result, code string, rule ...string) string {
	var s int64
	for _, l := range res.Lines {
		if l.PayCode == code && (len(rule) == 0 || l.RuleID == rule[0]) {
			s += l.Seconds
		}
	}
	return rates.HoursDecimal(s).String()
}

// cents sums the amounts of lines with any of the pay codes (none = all lines).
func cents(res *model.Result, codes ...string) int64 {
	var s int64
	for _, l := range res.Lines {
		if len(codes) == 0 {
			s += int64(l.Amount)
			continue
		}
		for _, c := range codes {
			if l.PayCode == c {
				s += int64(l.Amount)
			}
		}
	}
	return s
}

func hasException(res *model.Result, code string) bool {
	for _, e := range res.Exceptions {
		if e.Code == code {
			return true
		}
	}
	return false
}

func dump(res *model.Result) string {
	var b strings.Builder
	for _, l := range res.Lines {
		fmt.Fprintf(&b, "  %s %-18s %-13s %sh × %s = %s\n", l.WorkDate, l.PayCode, l.RuleID, rates.HoursDecimal(l.Seconds), l.Rate, l.Amount)
	}
	fmt.Fprintf(&b, "  comp %s h, holiday comp %s h, exceptions %v\n", rates.HoursDecimal(res.CompEarned), rates.HoursDecimal(res.HolidayCompEarned), res.Exceptions)
	return b.String()
}

func expectGross(t *testing.T, res *model.Result, want int64) {
	t.Helper()
	if got := cents(res); got != want {
		t.Fatalf("gross %s, want %s\n%s", rates.Money(got), rates.Money(want), dump(res))
	}
}

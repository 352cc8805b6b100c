// Package rulestest holds what the rule families' tests share: a week fixture written in the
// catalogs' notation, result sums as exact strings and cents, and the invariants every
// employee-week must keep. It is imported only by tests.
package rulestest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
	"github.com/payclose/payclose/stages/rules"
)

// DayNames are the days of a Sunday-to-Saturday test week.
var DayNames = map[string]int{"Sun": 0, "Mon": 1, "Tue": 2, "Wed": 3, "Thu": 4, "Fri": 5, "Sat": 6}

// Profile is the named rule set's version in force on day.
func Profile(t testing.TB, name string, day calendars.Date) *rates.RuleSet {
	t.Helper()
	rs, err := rates.Default.Lookup(name, day.Time())
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// WithSwitch returns a copy of rs with one switch of the ambiguity register changed.
func WithSwitch(rs *rates.RuleSet, name string, v bool) *rates.RuleSet {
	c := *rs
	c.Switches = map[string]bool{}
	for k, x := range rs.Switches {
		c.Switches[k] = x
	}
	c.Switches[name] = v
	return &c
}

// Fixture is one employee-week built from "Wed 15:00-23:30" notation in America/New_York.
type Fixture struct {
	T     testing.TB
	Zone  calendars.Zone
	Emp   model.Employee
	Week  model.Week
	Start calendars.Date
	RS    *rates.RuleSet
}

// NewFixture starts a week at start (a Sunday) for emp under rule set rs.
func NewFixture(t testing.TB, rs *rates.RuleSet, start calendars.Date, emp model.Employee) *Fixture {
	t.Helper()
	z, err := calendars.LoadZone("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	return &Fixture{T: t, Zone: z, Start: start, RS: rs, Emp: emp}
}

// At is the instant of "Mon", "08:00" in the fixture's week.
func (f *Fixture) At(dayName, hm string) int64 {
	d, ok := DayNames[dayName]
	if !ok {
		f.T.Fatalf("bad day %q", dayName)
	}
	var h, m int
	if _, err := fmt.Sscanf(hm, "%d:%d", &h, &m); err != nil {
		f.T.Fatalf("bad time %q", hm)
	}
	return f.Zone.WallInstant(f.Start.AddDays(d), h, m, 0)
}

func (f *Fixture) interval(spec string) (day string, s, e int64) {
	dayName, rng, _ := strings.Cut(spec, " ")
	from, to, _ := strings.Cut(rng, "-")
	s, e = f.At(dayName, from), f.At(dayName, to)
	if e <= s {
		e += 24 * 3600
	}
	return dayName, s, e
}

// Span adds "Wed 15:00-23:30" (an end before the start is the next day) of the given kind,
// attributed to the start's date.
func (f *Fixture) Span(spec string, kind model.SpanKind) {
	dayName, s, e := f.interval(spec)
	f.Week.Spans = append(f.Week.Spans, model.Span{Start: s, End: e, RawStart: s, RawEnd: e,
		Workday: f.Start.AddDays(DayNames[dayName]), Kind: kind, Account: "A"})
}

// Work adds worked spans.
func (f *Fixture) Work(specs ...string) {
	for _, s := range specs {
		f.Span(s, model.SpanWorked)
	}
}

// Sched posts shifts.
func (f *Fixture) Sched(specs ...string) {
	for _, spec := range specs {
		dayName, s, e := f.interval(spec)
		f.Week.Schedule = append(f.Week.Schedule, model.ScheduledShift{Date: f.Start.AddDays(DayNames[dayName]), Start: s, End: e})
	}
}

// StandardSchedule posts the standard 08:00–15:30 day Monday to Friday.
func (f *Fixture) StandardSchedule() {
	f.Sched("Mon 08:00-15:30", "Tue 08:00-15:30", "Wed 08:00-15:30", "Thu 08:00-15:30", "Fri 08:00-15:30")
}

// Absence adds a pay-code row of the given hours ("8", "7:30").
func (f *Fixture) Absence(dayName, input, hours string) {
	pc := f.RS.PayCodes[input]
	h, err := rates.ParseHours(hours)
	if err != nil {
		f.T.Fatal(err)
	}
	f.Week.Absences = append(f.Week.Absences, model.Absence{Date: f.Start.AddDays(DayNames[dayName]), Code: pc.Code, Input: input, Seconds: h.Seconds(), Account: "A"})
}

// RaiseFrom gives the employee a second pay, in force from the week's day from (0 = Sunday) on, as
// assemble sets a rates.csv row dated inside the week under rate_effective WORKDAY: Week.Pays (the
// employee's pay first), DayPay, and the worked spans of those workdays at it. Call it after the
// spans are added.
func (f *Fixture) RaiseFrom(from int, pay model.Pay) {
	f.Week.Pays = []model.Pay{{BaseRate: f.Emp.BaseRate, AnnualSalary: f.Emp.AnnualSalary}, pay}
	for d := from; d < 7; d++ {
		f.Week.DayPay[d] = 1
	}
	for i := range f.Week.Spans {
		if int(f.Week.Spans[i].Workday-f.Start) >= from {
			f.Week.Spans[i].Pay = 1
		}
	}
}

// Run calculates the week with calc and checks the invariants.
func (f *Fixture) Run(calc rules.Calc) *model.Result {
	w := &f.Week
	w.Emp, w.Zone, w.Start = &f.Emp, f.Zone, f.Start
	w.From, w.To = f.Zone.Instant(f.Start, 0), f.Zone.Instant(f.Start.AddDays(7), 0)
	SortSpans(w.Spans)
	res := &model.Result{}
	calc.Calculate(w, f.RS, res)
	CheckInvariants(f.T, w, res)
	return res
}

// SortSpans puts spans in start order, as assemble delivers them.
func SortSpans(s []model.Span) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j].Start < s[j-1].Start; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}

// CheckInvariants: every line names its rule, and REG + OT time equals the worked time of the
// week's assembled spans, recomputed here from the spans themselves (worked spans, and on-call spans
// restricted to the premises), less the unpunched meal the rule set deducted (Result.Deducted) and
// plus the short break it paid (Result.Added) — not from the engine's Worked counter, which is the
// sum of the very slices REG and OT are written from. The counters beside the lines must agree too.
func CheckInvariants(t testing.TB, w *model.Week, res *model.Result) {
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
	spans := WorkedSpanSeconds(w)
	if want := spans - res.Deducted + res.Added; reg+ot != want {
		t.Errorf("REG %s h + OT %s h != %s h worked in the spans - %s h deducted + %s h added", rates.HoursDecimal(reg), rates.HoursDecimal(ot),
			rates.HoursDecimal(spans), rates.HoursDecimal(res.Deducted), rates.HoursDecimal(res.Added))
	}
	if reg+ot != res.Worked || reg != res.Regular || ot != res.Overtime {
		t.Errorf("lines REG %d + OT %d disagree with the counters REG %d, OT %d, worked %d", reg, ot, res.Regular, res.Overtime, res.Worked)
	}
}

// Hours sums the hours of lines with the pay code (and rule id when given) as a decimal string
// ("8.5", "0"), so tests compare exact values.
func Hours(res *model.Result, code string, rule ...string) string {
	var s int64
	for _, l := range res.Lines {
		if l.PayCode == code && (len(rule) == 0 || l.RuleID == rule[0]) {
			s += l.Seconds
		}
	}
	return rates.HoursDecimal(s).String()
}

// Cents sums the amounts of lines with any of the pay codes (none = all lines).
func Cents(res *model.Result, codes ...string) int64 {
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

// HasException reports whether the week raised the exception code.
func HasException(res *model.Result, code string) bool {
	for _, e := range res.Exceptions {
		if e.Code == code {
			return true
		}
	}
	return false
}

// Dump renders the lines for a failure message.
func Dump(res *model.Result) string {
	var b strings.Builder
	for _, l := range res.Lines {
		fmt.Fprintf(&b, "  %s %-18s %-18s %sh × %s = %s\n", l.WorkDate, l.PayCode, l.RuleID, rates.HoursDecimal(l.Seconds), l.Rate, l.Amount)
	}
	if res.CompEarned != 0 || res.HolidayCompEarned != 0 {
		fmt.Fprintf(&b, "  comp %s h, holiday comp %s h\n", rates.HoursDecimal(res.CompEarned), rates.HoursDecimal(res.HolidayCompEarned))
	}
	if len(res.Exceptions) > 0 {
		fmt.Fprintf(&b, "  exceptions %v\n", res.Exceptions)
	}
	return b.String()
}

// ExpectGross fails unless the week's lines add up to want cents.
func ExpectGross(t *testing.T, res *model.Result, want int64) {
	t.Helper()
	if got := Cents(res); got != want {
		t.Fatalf("gross %s, want %s\n%s", rates.Money(got), rates.Money(want), Dump(res))
	}
}

// RuleOf is the rule id of the first line with the pay code ("" when there is none).
func RuleOf(res *model.Result, code string) string {
	for _, l := range res.Lines {
		if l.PayCode == code {
			return l.RuleID
		}
	}
	return ""
}

// ExceptionRule is the rule id of the first exception with the code ("" when there is none).
func ExceptionRule(res *model.Result, code string) string {
	for _, e := range res.Exceptions {
		if e.Code == code {
			return e.RuleID
		}
	}
	return ""
}

// Carry adds spans of the previous week's Saturday night ("22:00-02:00", "02:30-07:30": a time
// before noon is Sunday's, this week's) as assemble hands them: whole in Week.Carried, their time
// from the week's start in CarryIn. Call it before Run.
func (f *Fixture) Carry(specs ...string) {
	sat := f.Start.AddDays(-1)
	from := f.Zone.Instant(f.Start, 0)
	for _, spec := range specs {
		a, b, _ := strings.Cut(spec, "-")
		var h1, m1, h2, m2 int
		if _, err := fmt.Sscanf(a+" "+b, "%d:%d %d:%d", &h1, &m1, &h2, &m2); err != nil {
			f.T.Fatalf("bad carried span %q", spec)
		}
		at := func(h, m int) int64 {
			if h < 12 {
				return f.Zone.WallInstant(f.Start, h, m, 0)
			}
			return f.Zone.WallInstant(sat, h, m, 0)
		}
		s, e := at(h1, m1), at(h2, m2)
		f.Week.Carried = append(f.Week.Carried, model.Span{Start: s, End: e, RawStart: s, RawEnd: e, Workday: sat, Kind: model.SpanWorked, Account: "A"})
		if e > from {
			f.Week.CarryIn += e - max(s, from)
		}
	}
}

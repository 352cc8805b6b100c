package metamorphic_test

import (
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/payclose/payclose/benchmarks/gen"
	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
	_ "github.com/payclose/payclose/stages/rules/all"
	"github.com/payclose/payclose/stages/rules/rulestest"
)

// The calendar weeks checked: a week with no holiday of any rule set and no DST change (the
// whole-week shift moves it by one and two weeks, still in August), Thanksgiving week (PSU and
// non-unit holidays, SHARE minor holiday rules) and Christmas week (SHARE major holiday, the
// 23:00 window of the eve).
var (
	plainWeek     = calendars.NewDate(2026, time.August, 9)
	thanksgiving  = calendars.NewDate(2026, time.November, 22)
	christmasWeek = calendars.NewDate(2026, time.December, 20)
	allWeeks      = []calendars.Date{plainWeek, thanksgiving, christmasWeek}
)

// An even mix, so every rule set has about a third of the employees.
var mix = gen.Mix{{RuleSet: "SHARE", Weight: 40}, {RuleSet: "PSU_NONEXEMPT", Weight: 30}, {RuleSet: "NONUNIT_NONEXEMPT", Weight: 30}}

// employees per calendar week: a few hundred in `go test`, thousands in the long run.
func employees() int {
	if rulestest.Long() {
		return 4000
	}
	return 240
}

type corpus struct {
	people []*rulestest.Person
	base   []*rulestest.Closed
}

var (
	corpusMu sync.Mutex
	corpora  = map[calendars.Date]*corpus{}
)

// weekCorpus generates (once per test binary) the week's employees and closes each as is.
func weekCorpus(t *testing.T, week calendars.Date) *corpus {
	t.Helper()
	corpusMu.Lock()
	defer corpusMu.Unlock()
	if c, ok := corpora[week]; ok {
		return c
	}
	c := &corpus{people: rulestest.Generate(t, week, employees(), uint64(week), mix)}
	for _, p := range c.people {
		c.base = append(c.base, rulestest.Close(t, p, week, nil))
	}
	corpora[week] = c
	return c
}

// eachWeek runs check over every generated employee-week and reports the number checked, so the
// long run's figures can be read off `go test -v`.
func eachWeek(t *testing.T, check func(t *testing.T, week calendars.Date, p *rulestest.Person, c *rulestest.Closed) bool) {
	n, bad := 0, 0
	for _, week := range allWeeks {
		c := weekCorpus(t, week)
		for i, p := range c.people {
			n++
			if !check(t, week, p, c.base[i]) {
				bad++
			}
			if bad > 10 {
				t.Fatalf("more than 10 failing employee-weeks, stopping")
			}
		}
	}
	t.Logf("%d employee-weeks checked, %d failed", n, bad)
}

// sameLines compares two weeks' pay lines, the second's dates moved back by days and its instants
// by secs, ignoring the employee id; it returns "" when they are the same.
func sameLines(a, b []model.PayLine, days int, secs int64) string {
	if len(a) != len(b) {
		return fmt.Sprintf("%d lines, then %d", len(a), len(b))
	}
	for i := range a {
		x, y := a[i], b[i]
		y.WorkDate = y.WorkDate.AddDays(-days)
		y.Start -= secs
		y.End -= secs
		x.Employee, y.Employee = "", ""
		if x != y {
			return fmt.Sprintf("line %d: %+v, then %+v", i, a[i], b[i])
		}
	}
	return ""
}

func failf(t *testing.T, p *rulestest.Person, c *rulestest.Closed, format string, args ...any) bool {
	t.Helper()
	t.Errorf("%s %s: %s\n%s", p.Emp.RuleSet, p.Emp.ID, fmt.Sprintf(format, args...), rulestest.Dump(&c.Res))
	return false
}

// value is what the week gives the employee: gross, plus the time credited to comp and holiday
// banks in lieu of cash (COMP_ELECT, PSU-39.6-E3, NU-OT-5; PSU-39.10-A2; SHARE-HOL-10) valued at
// the straight rate, so a comp
// elector's extra hour that is banked instead of paid counts as pay.
func value(c *rulestest.Closed) int64 {
	var base rates.Rate
	for _, l := range c.Res.Lines {
		if l.PayCode == "REG" && l.Rate > base {
			base = l.Rate
		}
	}
	return c.Gross() + int64(rates.Amount(c.Res.CompEarned+c.Res.HolidayCompEarned+c.Res.HolidayBank, base))
}

// roundingSlack is how far two sums of lines, each rounded once to the cent (SHARE-G-05, one
// rounding helper), may stray from the exact comparison: half a cent a line on either side.
func roundingSlack(a, b *rulestest.Closed) int64 {
	return int64(len(a.Res.Lines)+len(b.Res.Lines)+1) / 2
}

// shiftDiff is the PSU second/third-shift differential paid for a workday.
func shiftDiff(res *model.Result, d calendars.Date) int64 {
	var s int64
	for _, l := range res.Lines {
		if l.PayCode == "DIFF_SHIFT" && l.WorkDate == d {
			s += int64(l.Amount)
		}
	}
	return s
}

func sumCodes(res *model.Result, codes ...string) int64 {
	var s int64
	for _, l := range res.Lines {
		for _, c := range codes {
			if l.PayCode == c {
				s += l.Seconds
			}
		}
	}
	return s
}

// Conservation: every pay line names its rule, and a time line's amount is its hours × its rate
// rounded once (within half a cent). Protects SHARE-G-05 ("every line amount is rounded once to
// the cent") and, for PSU and non-unit, the one rounding helper the standards require: a line
// whose amount drifted from its hours and rate is paid at a rate nobody can see.
func TestConservationLineArithmetic(t *testing.T) {
	eachWeek(t, func(t *testing.T, _ calendars.Date, p *rulestest.Person, c *rulestest.Closed) bool {
		ok := true
		for _, l := range c.Res.Lines {
			if l.RuleID == "" {
				ok = failf(t, p, c, "line without a rule id: %+v", l)
			}
			if l.Seconds == 0 || l.Rate == 0 {
				continue // a lump sum (standby period, salary continuation): no hours × rate
			}
			// cents × 360000 = seconds × rate (rate in 1/10000 dollar): half a cent is 180000. A
			// rate that is itself rounded to the 4 decimals of the format (SHARE-OT-E's half-time
			// on RR − base has a fifth) is off by at most half a unit an hour: seconds / 2 more.
			diff := int64(l.Amount)*360000 - l.Seconds*int64(l.Rate)
			if tol := 180000 + l.Seconds/2; diff > tol || diff < -tol {
				ok = failf(t, p, c, "%s %s: %s h × %s = %s, more than half a cent off", l.PayCode, l.RuleID,
					rates.HoursDecimal(l.Seconds), l.Rate, l.Amount)
			}
		}
		return ok
	})
}

// Conservation: every line is charged to a labor account (FORMATS: LABORACCOUNT is carried to pay
// lines). Protects every rule id (a line finance cannot charge is not paid right), in particular
// the lines that come from no punch row: PSU-39.10-A1 and NU holiday benefit, comp credits
// (PSU-39.6-E3, NU-OT-5), salary continuation, SHARE-OT-E's true-up.
func TestConservationLaborAccount(t *testing.T) {
	eachWeek(t, func(t *testing.T, _ calendars.Date, p *rulestest.Person, c *rulestest.Closed) bool {
		for _, l := range c.Res.Lines {
			if l.Account == "" {
				return failf(t, p, c, "line without a labor account: %s %s", l.PayCode, l.RuleID)
			}
		}
		return true
	})
}

// Conservation: REG + OT time = the worked time of the assembled spans, recomputed here from the
// spans, less the meal the rule set deducts (SHARE-BRK-01, reported as Deducted) plus the short
// break it pays (SHARE-BRK-01 short_break_paid, reported as Added). Protects SHARE-OT-A/B/C,
// SHARE-G-06, PSU-39-ALG, PSU-39.6-E2, NU-OT-DEF: overtime splits time, it never makes or loses it.
func TestConservationRegularPlusOvertimeIsWorked(t *testing.T) {
	eachWeek(t, func(t *testing.T, _ calendars.Date, p *rulestest.Person, c *rulestest.Closed) bool {
		regOT := sumCodes(&c.Res, "REG", "OT")
		spans := rulestest.WorkedSpanSeconds(&c.Week)
		if c.Res.Deducted < 0 || c.Res.Added < 0 {
			return failf(t, p, c, "negative deducted %d or added %d", c.Res.Deducted, c.Res.Added)
		}
		if want := spans - c.Res.Deducted + c.Res.Added; regOT != want {
			return failf(t, p, c, "REG+OT %s h, the spans hold %s h (- deducted %s + added %s = %s)", rates.HoursDecimal(regOT),
				rates.HoursDecimal(spans), rates.HoursDecimal(c.Res.Deducted), rates.HoursDecimal(c.Res.Added), rates.HoursDecimal(want))
		}
		return true
	})
}

// Conservation: pay is never less than the time punched in, after rounding. The only time the
// contract takes back is SHARE-BRK-01's automatic meal on a workday with no punched break (one
// span of at least meal_after_hours): "an automatic deduction may never take time the record shows
// as worked". Protects SHARE-BRK-01 (and PSU-39-ALG / NU-OT-DEF, which deduct nothing).
func TestConservationPaidCoversPunched(t *testing.T) {
	eachWeek(t, func(t *testing.T, _ calendars.Date, p *rulestest.Person, c *rulestest.Closed) bool {
		allow := autoMealAllowance(&c.Week, p.RS)
		paid := sumCodes(&c.Res, "REG", "OT")
		if punched := rulestest.WorkedSpanSeconds(&c.Week); paid < punched-allow {
			return failf(t, p, c, "paid %s h of %s h punched (an automatic meal may take %s h)", rates.HoursDecimal(paid),
				rates.HoursDecimal(punched), rates.HoursDecimal(allow))
		}
		return true
	})
}

// autoMealAllowance is the meal the rule set may deduct: meal_deduct_hours for every workday worked
// in one unbroken span of at least meal_after_hours.
func autoMealAllowance(w *model.Week, rs *rates.RuleSet) int64 {
	if rs.MealDeduct == 0 {
		return 0
	}
	spans := map[calendars.Date][]model.Span{}
	for _, sp := range w.Spans {
		if sp.Kind == model.SpanWorked {
			spans[sp.Workday] = append(spans[sp.Workday], sp)
		}
	}
	var allow int64
	for _, s := range spans {
		if len(s) == 1 && s[0].Seconds() >= int64(rs.MealAfter) {
			allow += int64(rs.MealDeduct)
		}
	}
	return allow
}

// Invariance: the order of the rows in the export (punches and schedule) changes nobody's pay.
// Protects every rule id; in particular the workday attribution of SHARE-OT-F ("hours worked
// immediately preceding or following their regularly scheduled shifts"), and SHARE-OT-A's "last
// chronological hours", which must follow time and not row order.
func TestInvarianceRowOrder(t *testing.T) {
	eachWeek(t, func(t *testing.T, week calendars.Date, p *rulestest.Person, c *rulestest.Closed) bool {
		q := p.Clone()
		for i, j := 0, len(q.Punches)-1; i < j; i, j = i+1, j-1 {
			q.Punches[i], q.Punches[j] = q.Punches[j], q.Punches[i]
		}
		for i, j := 0, len(q.Schedule)-1; i < j; i, j = i+1, j-1 {
			q.Schedule[i], q.Schedule[j] = q.Schedule[j], q.Schedule[i]
		}
		d := rulestest.Close(t, q, week, nil)
		if diff := sameLines(c.Res.Lines, d.Res.Lines, 0, 0); diff != "" {
			return failf(t, p, c, "rows reversed: %s", diff)
		}
		return true
	})
}

// Invariance: an employee's id is a label; another id pays the same lines. Protects every rule id.
func TestInvarianceRelabel(t *testing.T) {
	k := 0
	eachWeek(t, func(t *testing.T, week calendars.Date, p *rulestest.Person, c *rulestest.Closed) bool {
		q := p.Clone()
		k++
		q.Relabel(rulestest.ID(k))
		d := rulestest.Close(t, q, week, nil)
		if diff := sameLines(c.Res.Lines, d.Res.Lines, 0, 0); diff != "" {
			return failf(t, p, c, "relabelled %s: %s", q.Emp.ID, diff)
		}
		for _, l := range d.Res.Lines {
			if l.Employee != q.Emp.ID {
				return failf(t, p, c, "relabelled line names %s, want %s", l.Employee, q.Emp.ID)
			}
		}
		return true
	})
}

// Invariance: a holiday-free week moved by whole weeks (its schedule and punches alike, rates
// unchanged) pays the same lines on dates moved alike. Protects every rule id that reads the
// clock or the calendar (SHARE-SHIFT windows, SHARE-SHIFT-04 weekend, PSU-39.4-D shift windows,
// SHARE-OT-A/PSU-39-ALG workweek): none may depend on which week it is, only on the weekday and time.
func TestInvarianceWholeWeeks(t *testing.T) {
	c := weekCorpus(t, plainWeek)
	n := 0
	for i, p := range c.people {
		for _, weeks := range []int{-1, 1, 2} {
			q := p.Clone()
			q.Shift(7 * weeks)
			d := rulestest.Close(t, q, plainWeek.AddDays(7*weeks), nil)
			n++
			if diff := sameLines(c.base[i].Res.Lines, d.Res.Lines, 7*weeks, int64(7*weeks)*86400); diff != "" {
				failf(t, p, c.base[i], "moved %d weeks: %s", weeks, diff)
			}
		}
	}
	t.Logf("%d moved employee-weeks checked", n)
}

// Monotone: a later out punch never lowers gross (gross plus comp and holiday banks, within the
// cents of per-line rounding; a PSU tour leaving its shift window is left out, see shiftDiff's
// use). Protects SHARE-OT-A/B/C and SHARE-OT-E (more
// hours can move time into overtime, never out of pay), the SHARE-SHIFT windows (a shift that ends
// later may change class, only to one paid at least as much), PSU-39.6-E2 and NU-OT-DEF.
func TestMonotoneLaterOut(t *testing.T) {
	total := 0
	defer func() { t.Logf("%d later out punches compared", total) }()
	eachWeek(t, func(t *testing.T, week calendars.Date, p *rulestest.Person, c *rulestest.Closed) bool {
		tried := 0
		for i := range p.Punches {
			r := p.Punches[i]
			if r.PayCode != "" || !r.HasIn || !r.HasOut || tried == 2 {
				continue
			}
			for _, minutes := range []int64{15, 50} {
				out := r.Out + minutes*60
				if touches(p, i, r.Out, out+2*3600) || nearHoliday(p.RS, r.In, out) {
					continue
				}
				q := p.Clone()
				q.Punches[i].Out = out
				d := rulestest.Close(t, q, week, nil)
				tried++
				total++
				if shiftDiff(&d.Res, r.EventDate) < shiftDiff(&c.Res, r.EventDate) {
					// PSU-39.5-B pays the differential only "when the entire workday is on a second
					// or third shift": a tour stretched past its window loses all of it. A cliff
					// the contract draws, so the case proves nothing here.
					continue
				}
				if value(d) < value(c)-roundingSlack(c, d) {
					return failf(t, p, c, "out punch of line %d %d min later: gross+comp %s, was %s\n%s", r.Line, minutes,
						rates.Money(value(d)), rates.Money(value(c)), rulestest.Dump(&d.Res))
				}
			}
		}
		return true
	})
}

// touches reports whether any row of p other than skip has punches reaching into [from, to).
func touches(p *rulestest.Person, skip int, from, to int64) bool {
	for k, o := range p.Punches {
		if k == skip || !o.HasIn || !o.HasOut {
			continue
		}
		if o.In < to && o.Out > from {
			return true
		}
	}
	return false
}

// Monotone: an extra call-in (two hours with WORKRULE CALLED_IN on a day with nothing else around
// it, inside an on-call period where the generated week has one) never lowers gross.
// Protects SHARE-OC-D/F/J and PSU-39.14 (a call-back adds a minimum, it never replaces pay), and
// the weekly overtime it may push (SHARE-OT-A, PSU-39-ALG, NU-OT-DEF).
func TestMonotoneExtraCallBack(t *testing.T) {
	total := 0
	defer func() { t.Logf("%d weeks with an extra call-in compared", total) }()
	eachWeek(t, func(t *testing.T, week calendars.Date, p *rulestest.Person, c *rulestest.Closed) bool {
		for d := 0; d < 7; d++ {
			day := week.AddDays(d)
			noon := int64(day)*86400 + 12*3600
			if touches(p, -1, noon-3*3600, noon+5*3600) || scheduledNear(p, noon-3*3600, noon+5*3600) || nearHoliday(p.RS, noon, noon+2*3600) {
				continue
			}
			q := p.Clone()
			q.Punches = append(q.Punches, model.Punch{Line: 1 << 30, Employee: p.Emp.ID, EventDate: day, In: noon, Out: noon + 2*3600,
				HasIn: true, HasOut: true, Account: "CALLBACK", WorkRule: model.RuleCalledIn})
			e := rulestest.Close(t, q, week, nil)
			total++
			if value(e) < value(c)-roundingSlack(c, e) {
				return failf(t, p, c, "extra 12:00-14:00 on %s: gross+comp %s, was %s\n%s", day, rates.Money(value(e)), rates.Money(value(c)),
					rulestest.Dump(&e.Res))
			}
			return true
		}
		return true
	})
}

// nearHoliday reports whether wall-clock [from, to) touches a holiday of the rule set or the day
// on either side of it (its eve windows, its observed date). Monotone properties leave holidays
// out: there the contract itself trades one payment for another, so more work may pay less in
// cash. PSU-39.10-B ("shall be compensated at the rate of two (2) times the regular rate of pay
// or shall receive pay for one (1) day at the regular rate plus one (1) compensatory day")
// replaces the holiday-not-worked benefit of PSU-39.10-A1/A2 (catalog ambiguity 2: "B only"),
// even for minutes of a night shift that spill past midnight (ambiguity 3); SHARE-HOL-10 banks the
// hours of a worked holiday instead of paying SHARE-HOL-05's benefit, which counted toward the
// weekly overtime threshold.
func nearHoliday(rs *rates.RuleSet, from, to int64) bool {
	cal, err := calendars.CalendarFor(strings.ToUpper(rs.Family))
	if err != nil {
		return false
	}
	for d := calendars.Date(from/86400) - 1; d <= calendars.Date(to/86400)+1; d++ {
		if _, ok := cal.On(d); ok {
			return true
		}
		for _, h := range cal.Year(d.Time().Year()) {
			if h.Actual == d || h.Observed == d {
				return true
			}
		}
	}
	return false
}

func scheduledNear(p *rulestest.Person, from, to int64) bool {
	for _, s := range p.Schedule {
		if s.Start < to && s.End > from {
			return true
		}
	}
	return false
}

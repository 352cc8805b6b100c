package wages

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
)

func load(t *testing.T) *Wages {
	t.Helper()
	w, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func rate(t *testing.T, s string) rates.Rate {
	t.Helper()
	r, err := rates.ParseRate(s)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func day(t *testing.T, s string) calendars.Date {
	t.Helper()
	d, err := calendars.ParseISODate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func event(t *testing.T, w *Wages, s string) Event {
	t.Helper()
	e, err := w.EventOn(day(t, s))
	if err != nil {
		t.Fatal(err)
	}
	return e
}

// The embedded tables are Appendix C's: 27 grades ("Appendix C – SHARE Pay Grades"), four columns
// 10/1/2018 … 10/1/2021, and the four raise dates of the Wages section.
func TestLoad(t *testing.T) {
	w := load(t)
	if got := len(w.Grades()); got != 27 {
		t.Errorf("%d grade tables, want 27", got)
	}
	var cols []string
	for _, c := range w.Columns {
		cols = append(cols, c.String())
	}
	if got := strings.Join(cols, " "); got != "2018-10-01 2019-10-01 2020-10-01 2021-10-01" {
		t.Errorf("columns %s", got)
	}
	for i, want := range []string{"2018-09-30", "2019-09-29", "2020-09-27", "2021-09-26"} {
		if e := w.Events[i]; e.Effective.String() != want || e.Column != i || e.Year != i+1 || e.Effective.Weekday() != 0 {
			t.Errorf("event %d = %+v, want Year %d effective Sunday %s paying column %d", i, e, i+1, want, i)
		}
	}
	if w.Factor != 1_029_500 || w.Floor != rate(t, "0.60") || w.CapFactor != 1_010_000 {
		t.Errorf("factor %s floor %s cap factor %s", w.Factor, w.Floor, w.CapFactor)
	}
	if _, err := w.EventOn(day(t, "2019-10-01")); err == nil {
		t.Error("2019-10-01 is a table column, not a raise date: EventOn must refuse it")
	}
}

// TC-DOC-19, the table-driven test of the catalog (SHARE-WAGE-01, SHARE-WAGE-05): for every
// grade, every pair of consecutive columns and every row from Min to the last numbered platform,
// "move one box down and one box to the right" equals max(round_half_up(old × 1.0295, 2),
// old + 0.60); and every Max cap is the one before × 1.01, rounded to the cent.
func TestSHARE_WAGE_01_TableTransitions(t *testing.T) {
	w := load(t)
	check := func(f Factor) (n, bad int, first string) {
		for _, g := range w.Grades() {
			tb, _ := w.Table(g)
			for c := 0; c+1 < len(w.Columns); c++ {
				for i := 0; i+1 < len(tb.Rows); i++ {
					old, next := tb.Steps[c][i], tb.Steps[c+1][i+1]
					n++
					if want := max(RoundCents(old, f), old+w.Floor); want != next {
						bad++
						if first == "" {
							first = fmt.Sprintf("%s %s row %s %s -> %s, computed %s", g, w.Columns[c], tb.Rows[i], old, next, want)
						}
					}
				}
			}
		}
		return n, bad, first
	}
	n, bad, first := check(w.Factor)
	t.Logf("%d platform transitions, %d do not match x%s / +%s", n, bad, w.Factor, w.Floor)
	if n != 1710 || bad != 0 {
		t.Errorf("%d transitions (catalog: 1,710), %d mismatches; first: %s", n, bad, first)
	}
	// The readings the catalog rules out (ambiguity A5) must fail this very check, or it proves
	// nothing: additive 1.0293 fails 636 transitions, compounded 1.01 × 1.0193 fails 30.
	if _, bad, _ := check(1_029_300); bad != 636 {
		t.Errorf("x1.0293 fails %d transitions, the catalog counts 636", bad)
	}
	if _, bad, _ := check(1_029_493); bad != 30 {
		t.Errorf("x1.029493 fails %d transitions, the catalog counts 30", bad)
	}
	caps := 0
	for _, g := range w.Grades() {
		tb, _ := w.Table(g)
		for c := 0; c+1 < len(w.Columns); c++ {
			caps++
			if got := RoundCents(tb.MaxCap[c], w.CapFactor); got != tb.MaxCap[c+1] {
				t.Errorf("%s Max cap %s x%s = %s, table %s", g, tb.MaxCap[c], w.CapFactor, got, tb.MaxCap[c+1])
			}
		}
	}
	if caps != 81 {
		t.Errorf("%d Max cap rises, the catalog counts 81", caps)
	}
}

// TC-DOC-19's explicit samples, cell by cell from Appendix C, through Raise (SHARE-WAGE-01).
func TestSHARE_WAGE_01_DocSamples(t *testing.T) {
	w := load(t)
	for _, c := range []struct {
		grade, event, old, want, platform, why string
	}{
		{"ADM3", "2019-09-29", "13.31", "13.91", "1", "$0.60 floor (13.31 x 1.0295 = 13.70)"},
		{"ADM6", "2019-09-29", "20.58", "21.19", "11", "2.95% (20.58 + 0.60 = 21.18)"},
		{"TEC14", "2019-09-29", "51.50", "53.02", "Max", "1.0295 (1.0293 would give 53.01)"},
		{"ADM5", "2021-09-26", "21.19", "21.82", "16", "1.0295 (1.029493 gives 21.81)"},
		{"ADM8", "2020-09-27", "20.51", "21.12", "1", "1.0295 (1.029493 gives 21.11)"},
	} {
		r, err := w.Raise(event(t, w, c.event), c.grade, rate(t, c.old), false)
		if err != nil {
			t.Fatal(err)
		}
		if r.New != rate(t, c.want) || r.Method != OnPlatform || r.Platform != c.platform || r.BonusRate != 0 {
			t.Errorf("%s %s at %s: %+v, want %s on platform %s (%s)", c.grade, c.event, c.old, r, c.want, c.platform, c.why)
		}
	}
	tb, _ := w.Table("ADM3")
	var caps []string
	for _, v := range tb.MaxCap {
		caps = append(caps, v.Decimal().StringFixed(2))
	}
	if got := strings.Join(caps, " / "); got != "22.27 / 22.49 / 22.71 / 22.94" {
		t.Errorf("ADM3 Max cap %s, want 22.27 / 22.49 / 22.71 / 22.94", got)
	}
}

// TC-DOC-16, the contract's own example of SHARE-WAGE-01 ("Move one box down and one box to the
// right", Appendix C, NSG4 with the old columns 10/1/2015, 1/1/2017, 10/1/2017): "an employee on
// platform 1 at 15.43 (10/1/2015) → platform 2 = 15.74 (1/1/2017) → platform 3 = 16.37
// (10/1/2017)". The example's columns are not in the tables of this contract, so the test builds
// the example's table (Min and platforms 1-3 as printed; Max and Max cap, not printed, set above).
func TestSHARE_WAGE_01_TCDOC16(t *testing.T) {
	w := load(t)
	col := func(s ...string) []rates.Rate {
		var out []rates.Rate
		for _, x := range s {
			out = append(out, rate(t, x))
		}
		return out
	}
	ex := &Table{Grade: "NSG4", Rows: []string{"Min", "1", "2", "3", "Max"},
		Steps:  [][]rates.Rate{col("15.13", "15.43", "15.74", "16.03", "20"), col("15.13", "15.43", "15.74", "16.05", "20"), col("15.43", "15.74", "16.05", "16.37", "20")},
		MaxCap: col("30", "30", "30")}
	w.tables = map[string]*Table{"NSG4": ex}
	r := rate(t, "15.43")
	var got []string
	for c := 1; c <= 2; c++ {
		x, err := w.Raise(Event{Column: c}, "NSG4", r, false)
		if err != nil {
			t.Fatal(err)
		}
		if x.Method != OnPlatform {
			t.Fatalf("column %d: %+v, want a table lookup", c, x)
		}
		r = x.New
		got = append(got, x.Platform+"="+x.New.Decimal().StringFixed(2))
	}
	if s := strings.Join(got, " "); s != "2=15.74 3=16.37" {
		t.Errorf("15.43 on platform 1 moves %s, want 2=15.74 3=16.37", s)
	}
}

// SHARE-WAGE-01 off the platforms, the catalog's derived cases (§15 I). The contract: "Year 2
// (effective 9/29/19): 1% ATB plus platform movement of 1.93%, or a $0.60/hour minimum raise,
// whichever is greater."; Appendix C: "If a SHARE member's pay rate is between platforms and
// below maximum, or at maximum, or above maximum, up to max cap ...then you have to calculate your
// raise"; "Any amount greater than Max Cap is paid as a bonus."
func TestSHARE_WAGE_01_Calculated(t *testing.T) {
	w := load(t)
	y2 := event(t, w, "2019-09-29")
	for _, c := range []struct {
		name, grade, old, calc, want, bonus, platform string
		method                                        Method
	}{
		// TC-DER-W-01: max(round(17.40 × 1.0295) = 17.91, 17.40 + 0.60 = 18.00) = 18.00.
		{"TC-DER-W-01 between platforms", "ADM5", "17.40", "18.00", "18.00", "0", "", Calculated},
		// TC-DER-W-02: 23.19 (2018 Max) × 1.0295 = 23.874105 -> 23.87, above the 2019 Max 23.44,
		// below the cap 26.75.
		{"TC-DER-W-02 at Max", "ADM5", "23.19", "23.87", "23.87", "0", "", Calculated},
		// TC-DER-W-03: 22.27 × 1.0295 = 22.926965 -> 22.93 > cap 22.49: bonus rate 0.44.
		{"TC-DER-W-03 capped", "ADM3", "22.27", "22.93", "22.49", "0.44", "Max cap", Capped},
		// TC-DER-W-04: 22.10 × 1.0295 = 22.75195 -> 22.75; 22.75 - 22.49 = 0.26.
		{"TC-DER-W-04 capped", "ADM3", "22.10", "22.75", "22.49", "0.26", "Max cap", Capped},
		// Already above the new cap (ambiguity A6): 23.00 × 1.0295 = 23.6785 -> 23.68 (> 23.60):
		// the rate stays 23.00 and the whole 0.68 is bonus rate.
		{"above the cap", "ADM3", "23.00", "23.68", "23.00", "0.68", "", AboveCap},
		// At Max exactly: 19.48 is ADM3's 2018 Max, not a numbered platform: calculated,
		// 19.48 × 1.0295 = 20.05466 -> 20.05 < 19.48 + 0.60 = 20.08: the floor wins.
		{"at Max", "ADM3", "19.48", "20.08", "20.08", "0", "", Calculated},
	} {
		r, err := w.Raise(y2, c.grade, rate(t, c.old), false)
		if err != nil {
			t.Fatal(err)
		}
		if r.Calc != rate(t, c.calc) || r.New != rate(t, c.want) || r.BonusRate != rate(t, c.bonus) || r.Method != c.method || r.Platform != c.platform {
			t.Errorf("%s: %s at %s: got calc %s new %s bonus %s %s %q, want calc %s new %s bonus %s %s %q",
				c.name, c.grade, c.old, r.Calc, r.New, r.BonusRate, r.Method, r.Platform, c.calc, c.want, c.bonus, c.method, c.platform)
		}
	}
	// Year 1 has no earlier column in the contract (the 10/1/2017 table is external): a rate on
	// a 2018 platform is calculated, 13.31 + 0.60 = 13.91 > 13.31 × 1.0295 = 13.70.
	r, err := w.Raise(event(t, w, "2018-09-30"), "ADM3", rate(t, "13.31"), false)
	if err != nil || r.Method != Calculated || r.New != rate(t, "13.91") {
		t.Errorf("Year 1 ADM3 13.31: %+v %v, want calculated 13.91", r, err)
	}
}

// SHARE-WAGE-03: "Hourly rates are rounded to the nearest cent." Half up, and before any
// comparison with a platform.
func TestSHARE_WAGE_03(t *testing.T) {
	w := load(t)
	for _, c := range []struct {
		old    string
		f      Factor
		want   string
		reason string
	}{
		{"30.00", w.Factor, "30.89", "30.885 is a tie: half up gives 30.89 (half-even would give 30.88)"},
		{"17.57", 1_050_000, "18.45", "17.57 x 1.05 = 18.4485"},
		{"18.71", 950_000, "17.77", "18.71 x 0.95 = 17.7745"},
		{"22.10", w.Factor, "22.75", "22.10 x 1.0295 = 22.75195"},
	} {
		if got := RoundCents(rate(t, c.old), c.f); got != rate(t, c.want) {
			t.Errorf("%s x %s = %s, want %s (%s)", c.old, c.f, got, c.want, c.reason)
		}
	}
	// "The rounding happens before comparing against platforms": 17.82 x 1.05 = 18.711 rounds to
	// 18.71, ADM6's 2019 platform 4, so the promotion lands on 18.71, not on platform 5 (19.06)
	// that the unrounded 18.711 would snap up to.
	p, err := w.Place(Transfer{Move: Promotion, ToGrade: "ADM6", Grades: 1, Old: rate(t, "17.82"), Starting: day(t, "2020-01-05")})
	if err != nil || p.New != rate(t, "18.71") || p.Platform != "4" {
		t.Errorf("promotion of 17.82 into ADM6: %+v %v, want 18.71 on platform 4", p, err)
	}
}

// SHARE-WAGE-05: "Any amount greater than Max Cap is paid as a bonus. Bonus = (bonus rate) x
// (hours paid in previous FY, including overtime)."
func TestSHARE_WAGE_05(t *testing.T) {
	w := load(t)
	h := func(s string) rates.Hours {
		x, err := rates.ParseHours(s)
		if err != nil {
			t.Fatal(err)
		}
		return x
	}
	for _, c := range []struct {
		bonusRate, hours, ot, want, trueUp, why string
	}{
		{"0.44", "2080", "0", "915.20", "0.00", "TC-DER-W-03: 0.44 x 2,080 h"},
		{"0.26", "1950", "0", "507.00", "0.00", "TC-DER-W-04: 0.26 x 1,950 h"},
		{"0.26", "1950.25", "0", "507.07", "0.00", "0.26 x 1,950.25 = 507.065, half up"},
		{"0.44", "2180", "100", "959.20", "22.00", "overtime hours count once in the bonus; true-up 0.5 x 0.44 x 100"},
	} {
		b := w.MaxCapBonus(rate(t, c.bonusRate), h(c.hours), h(c.ot))
		if b.Amount.String() != c.want || b.TrueUp.String() != c.trueUp || b.PayCode != "MAXCAP_BONUS" || b.RuleID != "SHARE-WAGE-05" {
			t.Errorf("%s: %+v, want %s and true-up %s", c.why, b, c.want, c.trueUp)
		}
	}
}

// SHARE-G-08 (fiscal year, "cfg.fiscal_year_start = Oct 1") for SHARE-WAGE-05's "hours paid in
// previous FY": the raise of Sunday 2019-09-29 closes the fiscal year 2018-10-01 .. 2019-09-30, and
// its hours are counted up to the day before the raise, [2018-10-01, 2019-09-29); the Year-1 raise
// of 2018-09-30, [2017-10-01, 2018-09-30). Which lines are hours paid: worked time once (REG, OT),
// paid time (SLEEP, CALLBACK_GUARANTEE) and the rule set's paid absences; not differentials,
// on-call or standby ("Recommend exclude them").
func TestSHARE_WAGE_05_PriorFiscalYear(t *testing.T) {
	w := load(t)
	for _, c := range []struct{ eff, from, to string }{
		{"2019-09-29", "2018-10-01", "2019-09-29"},
		{"2018-09-30", "2017-10-01", "2018-09-30"},
		{"2021-09-26", "2020-10-01", "2021-09-26"},
	} {
		d, _ := calendars.ParseISODate(c.eff)
		ev, err := w.EventOn(d)
		if err != nil {
			t.Fatal(err)
		}
		if from, to := w.PriorFiscalYear(ev); from.String() != c.from || to.String() != c.to {
			t.Errorf("raise %s: prior FY [%s, %s), want [%s, %s)", c.eff, from, to, c.from, c.to)
		}
	}
	absence := func(code string) bool { return code == "VACATION" }
	for _, c := range []struct {
		code           string
		counts, isOver bool
	}{
		{"REG", true, false}, {"OT", true, true}, {"SLEEP", true, false}, {"CALLBACK_GUARANTEE", true, false},
		{"VACATION", true, false}, {"DIFF_NIGHT", false, false}, {"ONCALL", false, false}, {"STANDBY", false, false},
		{"HOL_PREMIUM", false, false}, {"REG_RATE_TRUEUP", false, false}, {"MAXCAP_BONUS", false, false},
	} {
		if counts, over := w.HoursPaid(c.code, absence); counts != c.counts || over != c.isOver {
			t.Errorf("%s: counts %v overtime %v, want %v %v", c.code, counts, over, c.counts, c.isOver)
		}
	}
}

// SHARE-WAGE-06: "The employee will receive a promotional increase of 5% per grade up to a
// maximum of 15%."; "the employee will be placed at the platform rate closest to but not less
// than the calculated rate."; "Employees who voluntarily transfer down will have their rate
// reduced by 5% per grade up to a maximum of 15%."; "Involuntary transfers resulting in a lower
// grade will remain at the rate of pay they were earning".
func TestSHARE_WAGE_06(t *testing.T) {
	w := load(t)
	in2019 := day(t, "2020-03-01") // the 10/1/2019 column is in force
	for _, c := range []struct {
		name     string
		tr       Transfer
		calc     string
		want     string
		platform string
		review   bool
	}{
		// TC-DER-W-05: ADM5 platform 5 (17.57) +1 grade: 17.57 x 1.05 = 18.4485 -> 18.45, snapped
		// up to ADM6 platform 4 = 18.71.
		{"TC-DER-W-05 promotion", Transfer{Move: Promotion, ToGrade: "ADM6", Grades: 1, Old: rate(t, "17.57")}, "18.45", "18.71", "4", false},
		// TC-DER-W-06: ADM6 platform 4 (18.71) -1 grade: 18.71 x 0.95 = 17.7745 -> 17.77, snapped
		// up to ADM5 platform 6 = 17.88.
		{"TC-DER-W-06 voluntary demotion", Transfer{Move: VoluntaryDemotion, ToGrade: "ADM5", Grades: 1, Old: rate(t, "18.71")}, "17.77", "17.88", "6", false},
		// Four grades up is still 15%: 17.57 x 1.15 = 20.2055 -> 20.21 -> ADM6 platform 9 20.46.
		{"promotion capped at 15%", Transfer{Move: Promotion, ToGrade: "ADM6", Grades: 4, Old: rate(t, "17.57")}, "20.21", "20.46", "9", false},
		// 15.00 x 1.05 = 15.75, below ADM6's Min 17.36: the Min.
		{"promotion to Min", Transfer{Move: Promotion, ToGrade: "ADM6", Grades: 1, Old: rate(t, "15.00")}, "15.75", "17.36", "Min", false},
		// 25.00 x 1.05 = 26.25, above ADM6's Max 25.60 and below its cap 29.19: no platform there.
		{"promotion above Max", Transfer{Move: Promotion, ToGrade: "ADM6", Grades: 1, Old: rate(t, "25.00")}, "26.25", "26.25", "", false},
		// 28.00 x 1.05 = 29.40 > ADM6 Max cap 29.19: the cap.
		{"promotion to the cap", Transfer{Move: Promotion, ToGrade: "ADM6", Grades: 1, Old: rate(t, "28.00")}, "29.40", "29.19", "Max cap", false},
		// 29.00 x 0.95 = 27.55 > ADM5 Max cap 26.75: the cap.
		{"demotion to the cap", Transfer{Move: VoluntaryDemotion, ToGrade: "ADM5", Grades: 1, Old: rate(t, "29.00")}, "27.55", "26.75", "Max cap", false},
		// Lateral: 17.60 in ADM5 snaps up to platform 6 17.88.
		{"lateral", Transfer{Move: Lateral, ToGrade: "ADM5", Old: rate(t, "17.60")}, "17.60", "17.88", "6", false},
		// Involuntary keeps 29.00 even above ADM5's cap 26.75.
		{"involuntary", Transfer{Move: Involuntary, ToGrade: "ADM5", Grades: 1, Old: rate(t, "29.00")}, "29.00", "29.00", "", false},
		{"voluntary, 4 grades down", Transfer{Move: VoluntaryDemotion, ToGrade: "ADM3", Grades: 4, Old: rate(t, "18.71")}, "0", "0", "", true},
		{"involuntary, 4 grades down", Transfer{Move: Involuntary, ToGrade: "ADM3", Grades: 4, Old: rate(t, "18.71")}, "0", "0", "", true},
	} {
		c.tr.Starting = in2019
		p, err := w.Place(c.tr)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if p.Calc != rate(t, c.calc) || p.New != rate(t, c.want) || p.Platform != c.platform || p.ManualReview != c.review {
			t.Errorf("%s: %+v, want calc %s new %s platform %q review %v", c.name, p, c.calc, c.want, c.platform, c.review)
		}
	}
	if _, err := w.Place(Transfer{Move: Promotion, ToGrade: "ADM6", Grades: 0, Old: rate(t, "17.57"), Starting: in2019}); err == nil {
		t.Error("a promotion of 0 grades must be an error")
	}
	if _, err := w.Place(Transfer{Move: Promotion, ToGrade: "TEC4", Grades: 1, Old: rate(t, "17.57"), Starting: in2019}); !IsNoGradeTable(err) {
		t.Errorf("TEC4 (Appendix B, no table in Appendix C): %v, want NO_GRADE_TABLE", err)
	}
}

// SHARE-WAGE-07: "If the notice period is extended beyond 2 weeks, by mutual agreement, and the
// transfer involves a salary increase, the increase will become effective at the time the notice
// period would have ended."
func TestSHARE_WAGE_07(t *testing.T) {
	w := load(t)
	notice, start := day(t, "2019-10-01"), day(t, "2019-10-29")
	up, down := rate(t, "18.71"), rate(t, "17.57")
	for _, c := range []struct {
		name     string
		extended bool
		old, new rates.Rate
		want     string
		rule     string
	}{
		{"extended, increase: notice + 14 days", true, down, up, "2019-10-15", "SHARE-WAGE-07"},
		{"not extended", false, down, up, "2019-10-29", "SHARE-WAGE-06"},
		{"extended, decrease", true, up, down, "2019-10-29", "SHARE-WAGE-06"},
	} {
		d, rule := w.RateEffective(notice, start, c.extended, c.old, c.new)
		if d.String() != c.want || rule != c.rule {
			t.Errorf("%s: %s %s, want %s %s", c.name, d, rule, c.want, c.rule)
		}
	}
}

// SHARE-WAGE-08: "the rate will be "red-circled" and raises withheld until the co-workers catch
// up."
func TestSHARE_WAGE_08(t *testing.T) {
	w := load(t)
	r, err := w.Raise(event(t, w, "2019-09-29"), "ADM5", rate(t, "17.57"), true)
	if err != nil || r.New != rate(t, "17.57") || r.Method != RedCircled || r.BonusRate != 0 || r.Rules[0] != "SHARE-WAGE-08" {
		t.Errorf("red-circled ADM5 17.57: %+v %v, want no raise", r, err)
	}
}

// SHARE-WAGE-06 ambiguity 3: grades of Appendix B with no table (ADM11, TEC4), or no grade, are
// NO_GRADE_TABLE, never computed.
func TestNoGradeTable(t *testing.T) {
	w := load(t)
	for _, g := range []string{"ADM11", "TEC4", ""} {
		if _, err := w.Raise(event(t, w, "2019-09-29"), g, rate(t, "20.00"), false); !IsNoGradeTable(err) || !strings.Contains(err.Error(), "NO_GRADE_TABLE") {
			t.Errorf("grade %q: %v, want NO_GRADE_TABLE", g, err)
		}
	}
}

// The catalog (SHARE-WAGE-06 ambiguity 2): "ADM3=SER6; ADM4=SER7; ADM5=NSG4=TEC5; ADM6=TEC6;
// ADM7=SER10=TEC7; ADM8=TEC8; ADM9=TEC9; ADM10=TEC10; NSG11=TEC11".
func TestIdenticalTables(t *testing.T) {
	var got []string
	for _, g := range load(t).IdenticalTables() {
		got = append(got, strings.Join(g, "="))
	}
	want := "ADM3=SER6 ADM4=SER7 ADM5=NSG4=TEC5 ADM6=TEC6 ADM7=SER10=TEC7 ADM8=TEC8 ADM9=TEC9 ADM10=TEC10 NSG11=TEC11"
	if s := strings.Join(got, " "); s != want {
		t.Errorf("identical tables %s, want %s", s, want)
	}
}

// Loading is strict: each broken file names what is wrong.
func TestLoadStrict(t *testing.T) {
	good, err := embedded.ReadFile(profileFile)
	if err != nil {
		t.Fatal(err)
	}
	grades, _ := embedded.ReadFile(gradesFile)
	const head = "GRADE,ROW,2018-10-01,2019-10-01,2020-10-01,2021-10-01\n"
	okTable := "X1,Min,10.00,10.60,11.20,11.80\nX1,1,10.50,11.10,11.70,12.30\nX1,Max,11.00,11.60,12.20,12.80\nX1,Max cap,13.00,13.13,13.26,13.39\n"
	for _, c := range []struct {
		name, profile, grades, want string
	}{
		{"unknown key", strings.Replace(string(good), `"source"`, `"sourse"`, 1), string(grades), "unknown field"},
		{"missing factor", strings.Replace(string(good), `"raise_factor": "1.0295",`, "", 1), string(grades), "raise_factor"},
		{"bad floor", strings.Replace(string(good), `"0.60"`, `"sixty"`, 1), string(grades), "raise_floor"},
		{"event column", strings.Replace(string(good), `"column": "2019-10-01"`, `"column": "2019-10-02"`, 1), string(grades), "not a column"},
		{"fiscal year", strings.Replace(string(good), `"10-01"`, `"Oct 1"`, 1), string(grades), "fiscal_year_start"},
		{"overtime not hours", strings.Replace(string(good), `"maxcap_overtime_pay_codes": ["OT"]`, `"maxcap_overtime_pay_codes": ["OT2"]`, 1), string(grades), "not in maxcap_hours_pay_codes"},
		{"ok", string(good), head + okTable, ""},
		{"fractional cent", string(good), head + strings.Replace(okTable, "10.50", "10.505", 1), "dollars and cents"},
		{"one decimal", string(good), head + strings.Replace(okTable, "10.50", "10.5", 1), "dollars and cents"},
		{"not increasing", string(good), head + strings.Replace(okTable, "10.50", "9.50", 1), "not above"},
		{"row order", string(good), head + strings.Replace(okTable, "X1,1,", "X1,2,", 1), "out of order"},
		{"no cap", string(good), head + strings.Replace(okTable, "X1,Max cap,13.00,13.13,13.26,13.39\n", "", 1), "without its Max cap"},
		{"cap below max", string(good), head + strings.Replace(okTable, "13.00,13.13", "10.90,13.13", 1), "below Max"},
		{"twice", string(good), head + okTable + strings.ReplaceAll(okTable, "X1", "X2") + okTable, "appears twice"},
		{"row after cap", string(good), head + okTable + "X1,Max,11.00,11.60,12.20,12.80\n", "after its Max cap"},
		{"short row", string(good), head + "X1,Min,10.00,10.60\n", "wrong number of fields"},
	} {
		_, err := LoadFS(fstest.MapFS{profileFile: {Data: []byte(c.profile)}, gradesFile: {Data: []byte(c.grades)}}, "test")
		switch {
		case c.want == "" && err != nil:
			t.Errorf("%s: %v", c.name, err)
		case c.want != "" && (err == nil || !strings.Contains(err.Error(), c.want)):
			t.Errorf("%s: %v, want an error with %q", c.name, err, c.want)
		}
	}
}

package metamorphic_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
	"github.com/payclose/payclose/stages/rules/rulestest"
)

// notBiting lists the numeric profile parameters no week of the corpus below can tell from a
// nudged value, each with the reason. Keep it short: anything else here is dead configuration or
// untested.
var notBiting = map[string]string{
	// Assemble rejects a span longer than this (SPAN_TOO_LONG, stages/assemble tests); generated
	// weeks hold no span near 24 hours, and a longer one is a reject, not pay.
	"SHARE.MaxSpan":             "a reject limit (assemble tests), not pay",
	"PSU_NONEXEMPT.MaxSpan":     "a reject limit (assemble tests), not pay",
	"NONUNIT_NONEXEMPT.MaxSpan": "a reject limit (assemble tests), not pay",
	"PSU_EXEMPT.MaxSpan":        "a reject limit (assemble tests), not pay",
	"NONUNIT_EXEMPT.MaxSpan":    "a reject limit (assemble tests), not pay",
	// An exempt week is a salary: which workday a punched row is attributed to (the span merge
	// of a punched meal) moves no money and no comp, the week's hours being what counts.
	"PSU_EXEMPT.SpanGapMerge":     "exempt pay is the week's salary: the workday of a row moves nothing",
	"NONUNIT_EXEMPT.SpanGapMerge": "exempt pay is the week's salary: the workday of a row moves nothing",
	// NUT-IV-1 raises SALARY_NEEDS_PRESIDENT_APPROVAL and pays nothing different
	// (exempt TestNUT_IV_1 pins the threshold); the corpus compares pay lines.
	"NONUNIT_EXEMPT.ApprovalSalary": "an exception threshold, not pay (exempt TestNUT_IV_1)",
	// NUT-I.C raises CONTRACT_TOO_LONG and pays the week as always (exempt TestNUT_I_C pins the
	// three years).
	"NONUNIT_EXEMPT.ContractMaxMonths": "an exception threshold, not pay (exempt TestNUT_I_C)",
}

// nudges are the changes tried on one parameter: a parameter bites when any of them changes some
// week's pay lines.
func nudges(v reflect.Value) []func(reflect.Value) {
	set := func(d int64) func(reflect.Value) {
		return func(f reflect.Value) { f.SetInt(f.Int() + d) }
	}
	switch v.Interface().(type) {
	case rates.Rate:
		return []func(reflect.Value){set(100), set(-100), set(10000)} // ±$0.01, +$1.00
	case rates.Duration:
		return []func(reflect.Value){set(900), set(-900), set(3600), set(-3600)} // ±0.25 h, ±1 h
	case rates.Ratio:
		return []func(reflect.Value){
			func(f reflect.Value) {
				q := f.Interface().(rates.Ratio)
				f.Set(reflect.ValueOf(rates.Ratio{Num: 4*q.Num + q.Den, Den: 4 * q.Den}))
			},
			func(f reflect.Value) {
				q := f.Interface().(rates.Ratio)
				f.Set(reflect.ValueOf(rates.Ratio{Num: 4*q.Num - q.Den, Den: 4 * q.Den}))
			},
		}
	}
	switch v.Kind() {
	case reflect.Int, reflect.Int64:
		return []func(reflect.Value){set(1), set(-1), set(5), set(10)}
	}
	return nil
}

// probe is a hand-built employee-week.
type probe struct {
	p    *rulestest.Person
	week calendars.Date
}

// probes are hand-built weeks at the edges the generator does not reach (the cases of the rule
// families' edge tests, issue 12 "Tests that bite"), each in the corpus of its rule set.
func probes(t *testing.T) []probe {
	var out []probe
	add := func(p *rulestest.Person, week calendars.Date) { out = append(out, probe{p, week}) }
	for _, s := range gapScenarios(t) {
		p := s.person()
		if s.onCall[1] != 0 {
			punch(p, s.onCall[0], s.onCall[1], s.oncCode, 0)
		}
		in := s.backAt + 75*60
		punch(p, in, in+3600, "", s.rule)
		add(p, plainWeek)
	}
	share := model.Employee{ID: "S9", RuleSet: "SHARE", BaseRate: rates.Dollars(20, 0), BudgetedWeekly: 40 * 3600, OnCallApproved: true, TimeOff: "EARNED"}
	sun := plainWeek
	day := func(d int) calendars.Date { return sun + calendars.Date(d) }
	// Sunday 22:00–06:30: the weekend ends Sunday 23:00 (SHARE-SHIFT-04).
	p := person(t, share, [2]int64{wall(sun, 22, 0), wall(day(1), 6, 30)})
	punch(p, wall(sun, 22, 0), wall(day(1), 6, 30), "", model.RuleNoLunch)
	add(p, plainWeek)
	// Sleep time (SHARE-SLEEP-01..05): on call after Tuesday's shift, called back, reporting late
	// for Wednesday's shift; the prior shift's length picks the window (19:00 after 10 hours or
	// more, 21:00 after 8 or less when the call-back runs to 01:00, else 23:00).
	for _, c := range []struct {
		prior     [4]int // Tuesday shift h, m, h, m
		cb        [4]int // call-back from Tuesday h:m for the given minutes (a day offset in [3])
		cbMinutes int
		next      [2]int // Wednesday scheduled end h, m; reports at 16:00 (or 12:00 for 15:30)
	}{
		{[4]int{7, 0, 15, 0}, [4]int{23, 45, 0, 0}, 405, [2]int{19, 30}}, // the cap of 8
		{[4]int{7, 0, 17, 0}, [4]int{19, 0, 0, 0}, 120, [2]int{15, 30}},  // condition 1 (10 h, from 19:00)
		{[4]int{7, 0, 15, 0}, [4]int{21, 30, 0, 0}, 210, [2]int{15, 30}}, // condition 2 (21:00, to 01:00)
		{[4]int{7, 0, 15, 0}, [4]int{23, 0, 0, 0}, 30, [2]int{15, 30}},   // the minimum of 1 h
		{[4]int{7, 0, 15, 0}, [4]int{4, 30, 1, 0}, 60, [2]int{15, 30}},   // the bonus to 04:30
		{[4]int{7, 0, 15, 0}, [4]int{23, 30, 0, 0}, 60, [2]int{15, 30}},  // the bonus from 23:30
	} {
		tue, wed := day(2), day(3)
		report := 12
		if c.next[0] > 16 {
			report = 16
		}
		p := person(t, share, [2]int64{wall(tue, c.prior[0], c.prior[1]), wall(tue, c.prior[2], c.prior[3])},
			[2]int64{wall(wed, 7, 0), wall(wed, c.next[0], c.next[1])})
		punch(p, wall(tue, c.prior[0], c.prior[1]), wall(tue, c.prior[2], c.prior[3]), "", model.RuleNoLunch)
		punch(p, wall(tue, c.prior[2], c.prior[3]), wall(wed, 7, 0), "ON CALL", 0)
		cb := wall(tue+calendars.Date(c.cb[2]), c.cb[0], c.cb[1])
		punch(p, cb, cb+int64(c.cbMinutes)*60, "", 0)
		p.Punches[len(p.Punches)-1].EventDate = tue
		punch(p, wall(wed, report, 0), wall(wed, c.next[0], c.next[1]), "", 0)
		add(p, plainWeek)
	}
	// Staying late while on call, without punching out (SHARE-OC-STAY, stay_late_max_hours): 30
	// minutes past the 15:30 end of the shift, on call from 15:30.
	p = person(t, share, [2]int64{wall(day(1), 7, 0), wall(day(1), 15, 30)})
	punch(p, wall(day(1), 7, 0), wall(day(1), 16, 0), "", 0)
	punch(p, wall(day(1), 15, 30), wall(day(1), 23, 30), "ON CALL", 0)
	add(p, plainWeek)
	// Veterans Day 2026 (Wednesday 11/11), a minor holiday: a day shift worked on it
	// (SHARE-HOL-08, minor_holiday $0.85 an hour).
	vets := calendars.NewDate(2026, time.November, 8)
	p = person(t, share, [2]int64{wall(vets+3, 7, 0), wall(vets+3, 15, 30)})
	punch(p, wall(vets+3, 7, 0), wall(vets+3, 11, 0), "", 0)
	punch(p, wall(vets+3, 11, 30), wall(vets+3, 15, 30), "", 0)
	add(p, vets)

	// PSU tours starting at 14:00 and 22:00 (PSU-39.4-D), and a 48-hour week with a day standby
	// period (PSU-39.5-A regular rate with standby).
	psu := model.Employee{ID: "P9", RuleSet: "PSU_NONEXEMPT", AnnualSalary: 5850000, BudgetedWeekly: 135000}
	p = person(t, psu)
	punch(p, wall(day(3), 14, 0), wall(day(3), 22, 0), "", 0)
	punch(p, wall(day(4), 22, 0), wall(day(5), 6, 0), "", 0)
	add(p, plainWeek)
	fortyEight := func(e model.Employee) *rulestest.Person {
		p := person(t, e)
		for d := 0; d < 6; d++ {
			punch(p, wall(day(d), 8, 0), wall(day(d), 16, 0), "", 0)
		}
		return p
	}
	p = fortyEight(psu)
	punch(p, wall(day(6), 8, 0), wall(day(6), 17, 0), "STANDBY", 0)
	add(p, plainWeek)
	// Work during a declared emergency closure (PSU-39.13, closure_worked_multiplier).
	p = person(t, psu)
	punch(p, wall(day(2), 8, 0), wall(day(2), 16, 0), "", model.RuleClosure)
	add(p, plainWeek)
	// Comp electors near the comp cap (PSU-39.6-E3, NU-OT-5): 8 hours of weekly overtime earn 12
	// hours of comp, of which only the room under the cap is banked.
	compPSU := psu
	compPSU.CompElect = true
	p = fortyEight(compPSU)
	p.CompBalance = 235 * 3600
	add(p, plainWeek)
	nu := model.Employee{ID: "N9", RuleSet: "NONUNIT_NONEXEMPT", AnnualSalary: 6240000, BudgetedWeekly: 144000, CompElect: true}
	p = fortyEight(nu)
	p.CompBalance = 235 * 3600
	add(p, plainWeek)
	p = fortyEight(nu)
	add(p, plainWeek)
	// The same on a 43-week schedule (NUT-VI-1: the regular rate is the 43-week salary's,
	// weeks43_salary_divisor).
	nu43 := nu
	nu43.CompElect, nu43.Weeks43 = false, true
	add(fortyEight(nu43), plainWeek)
	// A non-unit night worker back 45 minutes after the end of the tour: the span merge
	// (span_gap_merge_hours) decides which workday the hour belongs to, and so the daily overtime.
	nu.CompElect = false
	p = person(t, nu, [2]int64{wall(day(1), 22, 0), wall(day(2), 6, 0)})
	punch(p, wall(day(1), 22, 0), wall(day(2), 6, 0), "", 0)
	punch(p, wall(day(2), 6, 45), wall(day(2), 8, 0), "", 0)
	add(p, plainWeek)
	// An unscheduled evening across midnight with a punched 30-minute meal, 16:00-23:45 and
	// 00:15-02:15: the span merge (span_gap_merge_hours, for a punched meal) makes it one tour of
	// 9.75 h on Monday, with daily overtime past 8 (PSU-39.6-D1, NU-OT-DEF); without it, two days.
	for _, e := range []model.Employee{psu, nu} {
		p = person(t, e)
		punch(p, wall(day(1), 16, 0), wall(day(1), 23, 45), "", 0)
		punch(p, wall(day(2), 0, 15), wall(day(2), 2, 15), "", 0)
		add(p, plainWeek)
	}
	// A non-unit employee scheduled Monday to Friday of Thanksgiving week who records nothing on
	// the holiday: a day of the budgeted week is paid (standard_day_hours ÷ standard_week_hours).
	var sched [][2]int64
	for d := 1; d <= 5; d++ {
		sched = append(sched, [2]int64{wall(thanksgiving+calendars.Date(d), 8, 0), wall(thanksgiving+calendars.Date(d), 16, 0)})
	}
	p = person(t, nu, sched...)
	for d := 1; d <= 5; d++ {
		if d != 4 {
			punch(p, wall(thanksgiving+calendars.Date(d), 8, 0), wall(thanksgiving+calendars.Date(d), 16, 0), "", 0)
		}
	}
	add(p, thanksgiving)
	return out
}

// christmasProbes are SHARE weeks of Christmas 2026 (a Friday) at the holiday window's edges:
// a night shift on the eve 22:00–06:30 (window from 23:00, SHARE-HOL-04) and 12.5-hour shifts
// starting 18:30 and 19:15 (the 12-hour exception's tolerances).
func christmasProbes(t *testing.T) []probe {
	share := model.Employee{ID: "S8", RuleSet: "SHARE", BaseRate: rates.Dollars(20, 0), BudgetedWeekly: 40 * 3600, OnCallApproved: true, TimeOff: "EARNED"}
	eve := christmasWeek + 4
	var out []probe
	for _, c := range [][4]int{{22, 0, 6, 30}, {18, 30, 7, 0}, {19, 15, 7, 15}, {18, 15, 6, 45}, {19, 30, 7, 30}} {
		p := person(t, share, [2]int64{wall(eve, c[0], c[1]), wall(eve+1, c[2], c[3])})
		p.Schedule[0].Date = eve
		punch(p, wall(eve, c[0], c[1]), wall(eve+1, c[2], c[3]), "", model.RuleNoLunch)
		p.Punches[0].EventDate = eve
		out = append(out, probe{p, christmasWeek})
	}
	return out
}

type probeWeek struct {
	p    *rulestest.Person
	week calendars.Date
	base []model.PayLine
}

// Every numeric parameter of every rule-set profile (rates/profiles/*.json) bites: nudged up or
// down, it changes the pay lines of some week of the corpus (generated weeks of every rule set,
// and the edge probes above). A parameter that changes nothing is dead configuration or untested,
// and the test names it. The accrual sections are the accrual stage's and not nudged here.
func TestEveryProfileParameterBites(t *testing.T) {
	var corpus []probeWeek
	// The probes first: they decide most parameters at once. Then a slice of the generated weeks
	// (all of them in the long run), whose volume the nudges of a parameter that bites nowhere scan.
	for _, pr := range append(append(probes(t), christmasProbes(t)...), exemptProbes(t)...) {
		corpus = append(corpus, probeWeek{pr.p, pr.week, rulestest.Close(t, pr.p, pr.week, nil).Res.Lines})
	}
	for _, week := range allWeeks {
		c := weekCorpus(t, week)
		for i, p := range c.people {
			if i == 60 && !rulestest.Long() {
				break
			}
			corpus = append(corpus, probeWeek{p, week, c.base[i].Res.Lines})
		}
	}
	for _, name := range []string{"SHARE", "PSU_NONEXEMPT", "NONUNIT_NONEXEMPT", "PSU_EXEMPT", "NONUNIT_EXEMPT"} {
		rs := rulestest.Profile(t, name, plainWeek)
		typ := reflect.TypeOf(*rs)
		checked := 0
		for i := 0; i < typ.NumField(); i++ {
			field := typ.Field(i)
			tag := field.Tag.Get("json")
			if !field.IsExported() || tag == "" || tag == "-" {
				continue
			}
			fns := nudges(reflect.ValueOf(*rs).Field(i))
			if fns == nil {
				continue
			}
			if reflect.ValueOf(*rs).Field(i).IsZero() && !present(name, tag) {
				continue // not in this profile's JSON
			}
			checked++
			key := name + "." + field.Name
			bites := false
			for _, fn := range fns {
				nudged := *rs
				fn(reflect.ValueOf(&nudged).Elem().Field(i))
				if bitesOn(t, &nudged, corpus) {
					bites = true
					break
				}
			}
			reason, allowed := notBiting[key]
			switch {
			case !bites && !allowed:
				t.Errorf("%s (%q in the %s profile) changes no week's pay when nudged: dead configuration or untested", key, tag, name)
			case bites && allowed:
				t.Errorf("%s bites now: take it off the not-biting list (%s)", key, reason)
			}
		}
		t.Logf("%s: %d numeric parameters nudged", name, checked)
	}
}

// bitesOn reports whether the nudged rule set changes any week of its rule set in the corpus.
func bitesOn(t *testing.T, rs *rates.RuleSet, corpus []probeWeek) bool {
	for _, pw := range corpus {
		if pw.p.Emp.RuleSet != rs.Name {
			continue
		}
		c := rulestest.Close(t, pw.p, pw.week, rs)
		if sameLines(pw.base, c.Res.Lines, 0, 0) != "" {
			return true
		}
	}
	return false
}

// present reports whether the profile's JSON names a key whose value is zero (a zero that is
// configured, such as PSU's round_minutes 0, is still a parameter; other zero fields are absent).
func present(name, key string) bool { return zeroKeys[name+"."+key] }

// zeroKeys are the parameters configured as zero in the profiles.
var zeroKeys = map[string]bool{
	"PSU_NONEXEMPT.round_minutes":     true,
	"NONUNIT_NONEXEMPT.round_minutes": true,
}

// exemptProbes are PSU and non-unit exempt weeks at the points their profiles' numbers decide:
// comp over 40 h (PSU-18.2-A, weekly_ot_hours), an on-call tour (PSU-18.3-B, oncall_comp_per_hours),
// closure work (PSU-18.5-B, closure_comp_unit_hours), a full day of LWOP (PSU-RS2-SAL: a day =
// standard_day_hours of standard_week_hours), a holiday worked (PSU-21.3,
// holiday_comp_day_hours) and a 43-week appointment (NUT-VI-1, weeks43_salary_divisor).
func exemptProbes(t *testing.T) []probe {
	var out []probe
	day := func(d int) calendars.Date { return plainWeek + calendars.Date(d) }
	psu := model.Employee{ID: "X9", RuleSet: "PSU_EXEMPT", AnnualSalary: 5850000, BudgetedWeekly: 135000, CompApproved: true}
	nu := model.Employee{ID: "N8", RuleSet: "NONUNIT_EXEMPT", AnnualSalary: 6240000, BudgetedWeekly: 144000}
	for _, e := range []model.Employee{psu, nu} {
		// 48 hours, Monday to Saturday.
		p := person(t, e)
		for d := 1; d <= 6; d++ {
			punch(p, wall(day(d), 8, 0), wall(day(d), 16, 0), "", 0)
		}
		out = append(out, probe{p, plainWeek})
		// A full day of LWOP on Wednesday.
		p = person(t, e)
		for _, d := range []int{1, 2, 4, 5} {
			punch(p, wall(day(d), 8, 0), wall(day(d), 16, 0), "", 0)
		}
		p.Punches = append(p.Punches, model.Punch{Line: int32(len(p.Punches) + 2), Employee: e.ID, EventDate: day(3), PayCode: "LWOP",
			Seconds: e.BudgetedWeekly / 5, HasHours: true, Account: "ACC-" + e.RuleSet})
		out = append(out, probe{p, plainWeek})
		// A 43-week appointment.
		e43 := e
		e43.Weeks43 = true
		out = append(out, probe{person(t, e43), plainWeek})
	}
	// On call Tuesday 17:00 to Wednesday 05:00 (one 12-hour tour: 1.5 units of 8 h, rounded to 2,
	// right at the rounding's edge), closure work on Thursday.
	p := person(t, psu)
	punch(p, wall(day(2), 17, 0), wall(day(3), 5, 0), "ON CALL", 0)
	punch(p, wall(day(4), 8, 0), wall(day(4), 16, 0), "", model.RuleClosure)
	out = append(out, probe{p, plainWeek})
	// Thanksgiving worked (PSU-21.3: a holiday comp day credited).
	p = person(t, psu)
	punch(p, wall(thanksgiving+4, 8, 0), wall(thanksgiving+4, 16, 0), "", 0)
	out = append(out, probe{p, thanksgiving})
	return out
}

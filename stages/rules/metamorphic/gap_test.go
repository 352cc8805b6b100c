package metamorphic_test

import (
	"testing"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
	"github.com/payclose/payclose/stages/rules/rulestest"
)

// Gap continuity: an employee punches out at the end of a posted shift and comes back for one hour
// after a gap of g minutes, g = 1 … 120. Where pay may change with g, and why:
//
//   - the clock windows the call-back falls in: SHARE-SHIFT-02/03/04 (evening from 15:00, night
//     from 23:00, the weekend), PSU-39.4-D (second shift from 14:00, third from 22:00), the
//     holiday windows (SHARE-HOL-04, PSU-39.10-F). The scenarios below keep every call-back
//     inside one window for the whole sweep, so none of these moves;
//   - punch rounding (SHARE-G-04): both punches of a call-back of fixed length round alike, so
//     its rounded length does not move either;
//   - SHARE-OC-F, the overlap of successive call-backs' four-hour minimums: the later the second
//     call-back, the less its window overlaps the first's, so pay can only rise with g
//     (TestGapSecondCallBackNeverLowersGuarantee).
//
//   - the 7/8-minute rule itself (SHARE-G-04, model.TransferGrace): an out and an in at most half
//     the rounding increment apart round to the same instant, so the record shows no departure and
//     the work continues; pay may change once, where the gap first exceeds that grace (7 minutes
//     under quarter-hour rounding; PSU does not round, so no grace). CALLED_IN has no grace: the
//     timekeeper says the employee was called in.
//
//   - a short rest break (rules.PaidBreak): non-unit staff have no call-back, so a return on the
//     same workday continues the day, and NU-HOW-IIIB says "Rest periods generally shorter than
//     20 minutes are payable": a gap under the profile's paid_break_under_minutes is worked time
//     (daily overtime here). Pay may change once more, where the gap reaches 20 minutes. PSU and
//     SHARE pay no break before a call-back or call-in: it starts a new shift.
//
// No other rule makes pay depend on the gap itself: "time an employee comes back for after punching out
// is a call-back (on call) or call-in … whatever the gap" (issue 12); only work continuing without
// a punch-out extends a shift (SHARE-OC-STAY's raw-punch test). So in these scenarios gross is the
// same for every g. Protects SHARE-OC-D, SHARE-OC-J, SHARE-OC-STAY, PSU-39.14, NU-OT-DEF.

var monday = plainWeek.AddDays(1)

func wall(d calendars.Date, h, m int) int64 { return int64(d)*86400 + int64(h)*3600 + int64(m)*60 }

type gapScenario struct {
	name    string
	person  func() *rulestest.Person
	backAt  int64 // wall clock of the punch-out the gap is measured from
	rule    model.WorkRule
	onCall  [2]int64 // ON CALL / STANDBY row around the call-back, when not zero
	oncCode string
	// restBreak: a gap under the rule set's paid_break_under_minutes is a paid rest break
	// (NU-HOW-IIIB), so the sweep is flat only from there on.
	restBreak bool
}

func person(t *testing.T, e model.Employee, sched ...[2]int64) *rulestest.Person {
	rs := rulestest.Profile(t, e.RuleSet, plainWeek)
	z, err := calendars.LoadZone(rs.Zone)
	if err != nil {
		t.Fatal(err)
	}
	p := &rulestest.Person{Emp: e, RS: rs, Zone: z}
	for _, s := range sched {
		p.Schedule = append(p.Schedule, model.Scheduled{Employee: e.ID, Date: calendars.Date(s[0] / 86400), Start: s[0], End: s[1]})
	}
	return p
}

func punch(p *rulestest.Person, in, out int64, code string, rule model.WorkRule) {
	p.Punches = append(p.Punches, model.Punch{Line: int32(len(p.Punches) + 2), Employee: p.Emp.ID, EventDate: calendars.Date(in / 86400),
		PayCode: code, In: in, Out: out, HasIn: true, HasOut: true, Account: "ACC-" + p.Emp.RuleSet, WorkRule: rule})
}

func gapScenarios(t *testing.T) []gapScenario {
	share := model.Employee{ID: "S1", RuleSet: "SHARE", BaseRate: rates.Dollars(20, 0), BudgetedWeekly: 40 * 3600, OnCallApproved: true, TimeOff: "EARNED"}
	dayWorker := func() *rulestest.Person {
		p := person(t, share, [2]int64{wall(monday, 7, 0), wall(monday, 15, 30)})
		punch(p, wall(monday, 7, 0), wall(monday, 11, 0), "", 0)
		punch(p, wall(monday, 11, 30), wall(monday, 15, 30), "", 0)
		return p
	}
	psu := func() *rulestest.Person {
		p := person(t, model.Employee{ID: "P1", RuleSet: "PSU_NONEXEMPT", AnnualSalary: 5850000, BudgetedWeekly: 135000},
			[2]int64{wall(monday, 8, 30), wall(monday, 16, 30)})
		punch(p, wall(monday, 8, 30), wall(monday, 16, 30), "", 0)
		return p
	}
	nu := func() *rulestest.Person {
		p := person(t, model.Employee{ID: "N1", RuleSet: "NONUNIT_NONEXEMPT", AnnualSalary: 6240000, BudgetedWeekly: 144000},
			[2]int64{wall(monday, 8, 0), wall(monday, 16, 0)})
		punch(p, wall(monday, 8, 0), wall(monday, 16, 0), "", 0)
		return p
	}
	return []gapScenario{
		// SHARE On-Call J: "not on call, called in … a minimum of four hours of pay".
		{name: "SHARE called in (SHARE-OC-J)", person: dayWorker, backAt: wall(monday, 15, 30), rule: model.RuleCalledIn},
		// SHARE On-Call D: on call after the shift, called back.
		{name: "SHARE on call (SHARE-OC-D)", person: dayWorker, backAt: wall(monday, 15, 30),
			onCall: [2]int64{wall(monday, 15, 30), wall(monday, 23, 30)}, oncCode: "ON CALL"},
		// PSU 39.14: "a minimum of four (4) hours pay at his/her regular hourly overtime rate".
		{name: "PSU call-back (PSU-39.14)", person: psu, backAt: wall(monday, 16, 30)},
		// Non-unit staff have no call-back minimum: the hour is daily overtime (NU-OT-DEF).
		{name: "non-unit (NU-OT-DEF)", person: nu, backAt: wall(monday, 16, 0), restBreak: true},
	}
}

// sweep returns gross for the call-back after a gap of g minutes, g = 1 … 120 (index g).
func (s gapScenario) sweep(t *testing.T) []int64 {
	out := make([]int64, 121)
	for g := 1; g <= 120; g++ {
		p := s.person()
		if s.onCall[1] != 0 {
			punch(p, s.onCall[0], s.onCall[1], s.oncCode, 0)
		}
		in := s.backAt + int64(g)*60
		punch(p, in, in+3600, "", s.rule)
		out[g] = rulestest.Close(t, p, plainWeek, nil).Gross()
	}
	return out
}

// The part of the sweep the span merge does not reach (gaps of an hour and more) pays the same for
// every gap.
func TestGapContinuityBeyondMerge(t *testing.T) {
	for _, s := range gapScenarios(t) {
		g := s.sweep(t)
		reportCliffs(t, s.name, g, 60)
		t.Logf("%s: gap 1 pays %s, gap 60 %s, gap 120 %s", s.name, rates.Money(g[1]), rates.Money(g[60]), rates.Money(g[120]))
	}
}

// The whole sweep past the rounding grace, up to 120 minutes, pays the same: no cliff at the merge
// gap (issue 12 defect 1).
func TestGapContinuity(t *testing.T) {
	for _, s := range gapScenarios(t) {
		p := s.person()
		from := 1
		if s.rule&model.RuleCalledIn == 0 {
			from += int(model.TransferGrace(p.RS) / 60)
		}
		if s.restBreak {
			from = max(from, p.RS.PaidBreakUnder)
		}
		reportCliffs(t, s.name, s.sweep(t), from)
	}
}

// reportCliffs fails for every run of gaps from `from` on that pays other than the gap of 120
// minutes, one message per run.
func reportCliffs(t *testing.T, name string, g []int64, from int) {
	t.Helper()
	for k := from; k <= 120; {
		j := k
		for j < 120 && g[j+1] == g[k] {
			j++
		}
		if g[k] != g[120] {
			t.Errorf("%s: gaps of %d-%d min pay %s, a gap of 120 pays %s", name, k, j, rates.Money(g[k]), rates.Money(g[120]))
		}
		k = j + 1
	}
}

// secondCallBack is a SHARE employee on call Monday 23:00 to Tuesday 07:00, called back 00:00-01:00
// and again for one hour g minutes after the first call-back ended; it returns the hours paid
// under the call-back minimum (call-back OT lines and CALLBACK_GUARANTEE top-up) and gross.
func secondCallBack(t *testing.T, g int) (guaranteed, gross int64) {
	tue := monday.AddDays(1)
	p := person(t, model.Employee{ID: "S2", RuleSet: "SHARE", BaseRate: rates.Dollars(20, 0), BudgetedWeekly: 40 * 3600, OnCallApproved: true, TimeOff: "EARNED"})
	punch(p, wall(monday, 23, 0), wall(tue, 7, 0), "ON CALL", 0)
	punch(p, wall(tue, 0, 0), wall(tue, 1, 0), "", 0)
	in := wall(tue, 1, 0) + int64(g)*60
	punch(p, in, in+3600, "", 0)
	c := rulestest.Close(t, p, plainWeek, nil)
	for _, l := range c.Res.Lines {
		if l.PayCode == "CALLBACK_GUARANTEE" || (l.PayCode == "OT" && l.RuleID != "SHARE-OT-A" && l.RuleID != "SHARE-OT-B" && l.RuleID != "SHARE-OT-C") {
			guaranteed += l.Seconds
		}
	}
	return guaranteed, c.Gross()
}

// Monotone: a later second call-back of the same length never lowers the hours paid under the
// minimum by more than SHARE-OC-F's overlap rule allows: "Each successive time eligible employees
// are called in to work while on-call, they will receive at least an additional four hours of
// pay, minus any overlap with the previous four-hour minimum." With the first call-back at 00:00
// and the second at s (rounded to the quarter hour, SHARE-G-04), the second window adds
// 4 h − overlap = min(4 h, s − 00:00): 4 h + min(4 h, s) in all, rising with s until 04:00.
// Protects SHARE-OC-D and SHARE-OC-F.
// Gaps within the rounding grace (TransferGrace, 7 minutes) are one call-back, not two: the rounded
// punches show no departure.
func TestGapSecondCallBackNeverLowersGuarantee(t *testing.T) {
	checkSecondCallBack(t, 8)
}

// The same for gaps the span merge does not reach (an hour and more).
func TestGapSecondCallBackBeyondMerge(t *testing.T) { checkSecondCallBack(t, 60) }

func checkSecondCallBack(t *testing.T, from int) {
	var prev int64 = -1
	bad := 0
	defer func() {
		if bad > 3 {
			t.Errorf("... %d gaps of %d-240 min wrong in all", bad, from)
		}
	}()
	errorf := func(format string, args ...any) {
		t.Helper()
		if bad++; bad <= 3 {
			t.Errorf(format, args...)
		}
	}
	for g := from; g <= 240; g++ {
		got, gross := secondCallBack(t, g)
		// the second call-back starts at 01:00 + g, rounded by the 7-minute rule
		s := int64(60+g) * 60
		if r := s % 900; r >= 480 {
			s += 900 - r
		} else {
			s -= r
		}
		want := 4*3600 + min(4*3600, s)
		if got != want {
			errorf("gap %d min: %s h paid under the minimum, want 4 + min(4, %s) = %s h", g, rates.HoursDecimal(got),
				rates.HoursDecimal(s), rates.HoursDecimal(want))
		}
		if gross < prev {
			errorf("gap %d min: gross %s, lower than the gap before (%s)", g, rates.Money(gross), rates.Money(prev))
		}
		prev = gross
	}
}

package assemble

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
)

var week = calendars.NewDate(2026, time.November, 15) // Sunday

func wall(d calendars.Date, h, m int) int64 { return int64(d)*86400 + int64(h)*3600 + int64(m)*60 }

func setup(t *testing.T) (*Input, *[]model.Reject) {
	t.Helper()
	z, err := calendars.LoadZone("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	rs, err := rates.Default.Lookup("SHARE", week.Time())
	if err != nil {
		t.Fatal(err)
	}
	var rejects []model.Reject
	return &Input{Emp: &model.Employee{ID: "E1"}, Profile: rs, Zone: z, File: "punches.csv"}, &rejects
}

func worked(line int32, day calendars.Date, h1, m1 int, d2 calendars.Date, h2, m2 int) model.Punch {
	return model.Punch{Line: line, Employee: "E1", EventDate: day, In: wall(day, h1, m1), Out: wall(d2, h2, m2), HasIn: true, HasOut: true}
}

func build(in *Input, rejects *[]model.Reject, n int) []model.Week {
	weeks := make([]model.Week, n)
	var b Builder
	b.Build(in, week, weeks, func(r model.Reject) { *rejects = append(*rejects, r) })
	return weeks
}

// SHARE-G-04: "punch rounding = NEAREST_15 (7/8-minute rule)": 06:53 → 07:00 (7 minutes back),
// 15:38 → 15:45 (8 minutes forward), 11:07 → 11:00, 11:22 → 11:15.
func TestSHARE_G_04_PunchRounding(t *testing.T) {
	in, rej := setup(t)
	wed := week + 3
	in.Punches = []model.Punch{worked(2, wed, 6, 53, wed, 11, 7), worked(3, wed, 11, 22, wed, 15, 38)}
	w := build(in, rej, 1)[0]
	if len(w.Spans) != 2 || len(*rej) != 0 {
		t.Fatalf("spans %d rejects %v", len(w.Spans), *rej)
	}
	want := [][2]int64{{in.Zone.WallInstant(wed, 7, 0, 0), in.Zone.WallInstant(wed, 11, 0, 0)}, {in.Zone.WallInstant(wed, 11, 15, 0), in.Zone.WallInstant(wed, 15, 45, 0)}}
	for i, sp := range w.Spans {
		if sp.Start != want[i][0] || sp.End != want[i][1] || sp.RawStart != in.Zone.WallInstant(wed, 6+5*i, []int{53, 22}[i], 0) {
			t.Errorf("span %d: %d–%d, want %d–%d", i, sp.Start, sp.End, want[i][0], want[i][1])
		}
	}
}

// SHARE-OT-F: "all hours worked ... immediately preceding or following their regularly scheduled
// shifts are considered as having been worked on the same workday as their regular shifts." A
// Monday night shift scheduled 23:00 that starts 22:00 and runs past midnight is Monday's; an early
// start at 23:52 on Tuesday for a Wednesday 00:00 shift is Wednesday's.
func TestSHARE_OT_F_WorkdayAnchoredToSchedule(t *testing.T) {
	in, rej := setup(t)
	mon, tue, wed := week+1, week+2, week+3
	in.Schedule = []model.Scheduled{
		{Employee: "E1", Date: mon, Start: wall(mon, 23, 0), End: wall(tue, 7, 30)},
		{Employee: "E1", Date: wed, Start: wall(wed, 0, 0), End: wall(wed, 8, 30)},
	}
	in.Punches = []model.Punch{worked(2, mon, 22, 0, tue, 7, 30), worked(3, tue, 23, 52, wed, 8, 30)}
	w := build(in, rej, 1)[0]
	if len(w.Spans) != 2 || w.Spans[0].Workday != mon || w.Spans[1].Workday != wed {
		t.Fatalf("workdays: %+v", w.Spans)
	}
}

// SHARE-OC-B: a call-back after midnight on the Saturday on-call night belongs to that night, so
// it is paid with its on-call period in the week it started, not in the next week.
func TestSHARE_OC_B_CallBackKeepsItsOnCallNight(t *testing.T) {
	in, rej := setup(t)
	sat, sun := week+6, week+7
	in.Punches = []model.Punch{
		{Line: 2, Employee: "E1", EventDate: sat, PayCode: "ON CALL", In: wall(sat, 15, 30), Out: wall(sun, 7, 0), HasIn: true, HasOut: true},
		worked(3, sat, 1, 0, sat, 2, 0),
	}
	in.Punches[1].In, in.Punches[1].Out = wall(sun, 1, 0), wall(sun, 2, 0)
	w := build(in, rej, 1)[0]
	if len(*rej) != 0 || len(w.Spans) != 2 {
		t.Fatalf("rejects %v spans %+v", *rej, w.Spans)
	}
	for _, sp := range w.Spans {
		if sp.Workday != sat {
			t.Fatalf("span on line %d has workday %s, want Saturday %s", sp.Line, sp.Workday, sat)
		}
	}
}

// Two rows covering the same minutes are not paid twice: the later row is rejected.
func TestOverlapIsRejected(t *testing.T) {
	in, rej := setup(t)
	wed := week + 3
	in.Punches = []model.Punch{worked(2, wed, 7, 0, wed, 15, 30), worked(3, wed, 15, 0, wed, 19, 0)}
	w := build(in, rej, 1)[0]
	if len(w.Spans) != 1 || len(*rej) != 1 || (*rej)[0].Reason != ReasonOverlap || (*rej)[0].Line != 3 || (*rej)[0].Seconds != 4*3600 {
		t.Fatalf("spans %d rejects %+v", len(w.Spans), *rej)
	}
}

// A row of another week is not this close's to pay: it is rejected with its hours, so input
// hours = paid + rejected still holds. With two weeks closed it is paid in the second.
func TestOutOfWeek(t *testing.T) {
	in, rej := setup(t)
	next := week + 8
	in.Punches = []model.Punch{worked(2, next, 7, 0, next, 15, 0)}
	if w := build(in, rej, 1)[0]; len(w.Spans) != 0 || len(*rej) != 1 || (*rej)[0].Reason != ReasonOutOfWeek || (*rej)[0].Seconds != 8*3600 {
		t.Fatalf("one week: spans %d rejects %+v", len(w.Spans), *rej)
	}
	*rej = nil
	weeks := build(in, rej, 2)
	if len(weeks[1].Spans) != 1 || len(*rej) != 0 {
		t.Fatalf("two weeks: %+v %v", weeks[1].Spans, *rej)
	}
}

// SHARE-G-03: "A night shift on the DST change is ... 9 h (fall) of paid time." 23:00 Saturday
// Oct 31 to 07:00 Sunday Nov 1 2026 is 9 hours elapsed; an out punch at 01:30 in the repeated
// hour after an in punch at 01:45 means the later 01:30.
func TestSHARE_G_03_FallBack(t *testing.T) {
	in, rej := setup(t)
	sat := calendars.NewDate(2026, time.October, 31)
	sun := sat + 1
	in.Punches = []model.Punch{worked(2, sat, 23, 0, sun, 7, 0)}
	w := make([]model.Week, 1)
	var b Builder
	b.Build(in, sat-6, w, func(r model.Reject) { *rej = append(*rej, r) })
	if len(w[0].Spans) != 1 || w[0].Spans[0].Seconds() != 9*3600 {
		t.Fatalf("fall-back night: %+v %v", w[0].Spans, *rej)
	}
	in.Punches = []model.Punch{worked(3, sun, 1, 45, sun, 1, 30)}
	*rej = nil
	b.Build(in, sun, w, func(r model.Reject) { *rej = append(*rej, r) })
	// 01:45 EDT → 01:30 EST is 45 minutes elapsed: a real span, not out-before-in.
	if len(*rej) != 0 || len(w[0].Spans) != 1 || w[0].Spans[0].RawEnd-w[0].Spans[0].RawStart != 45*60 {
		t.Fatalf("repeated hour: spans %+v rejects %+v", w[0].Spans, *rej)
	}
}

// An out punch before the in punch that is not a span in a fall-back repeated hour (the reader
// passes 01:30 → 01:15 on any night, since it cannot know the zone's changes) is rejected here with
// its hours unknown, as the reader rejects one outside the small hours: not 0 h. A pay-code row
// with HOURS carries them.
func TestOutBeforeInHoursAreUnknown(t *testing.T) {
	in, rej := setup(t)
	mon := week + 1
	oc := worked(3, mon, 1, 30, mon, 1, 15)
	oc.PayCode, oc.PayText, oc.Seconds, oc.HasHours = "ON CALL", "ON CALL", 3600, true
	in.Punches = []model.Punch{worked(2, mon, 1, 30, mon, 1, 15), oc}
	w := build(in, rej, 1)[0]
	if len(w.Spans) != 0 || len(*rej) != 2 {
		t.Fatalf("spans %+v rejects %+v", w.Spans, *rej)
	}
	for i, want := range []struct {
		secs    int64
		unknown bool
	}{{0, true}, {3600, false}} {
		r := (*rej)[i]
		if r.Reason != ReasonOutBeforeIn || r.Seconds != want.secs || r.UnknownHours != want.unknown {
			t.Errorf("line %d: %+v, want OUT_BEFORE_IN with %d s, unknown hours %v", r.Line, r, want.secs, want.unknown)
		}
	}
}

// The punch rejects raised here name the out punch and give its value, as the reader's do: a
// clerk finds the row by what it says.
func TestPunchRejectsGiveTheOutPunch(t *testing.T) {
	in, rej := setup(t)
	mon, tue := week+1, week+2
	in.Punches = []model.Punch{
		worked(2, mon, 1, 30, mon, 1, 15), // OUT_BEFORE_IN: not a repeated hour this night
		worked(3, mon, 7, 0, tue, 8, 0),   // SPAN_TOO_LONG: 25 h
		worked(4, tue, 7, 0, tue, 7, 7),   // ROUNDS_TO_ZERO: 07:00–07:00 rounded
	}
	build(in, rej, 1)
	want := []struct{ reason, value string }{
		{ReasonOutBeforeIn, "2026-11-16 01:15"}, {ReasonSpanTooLong, "2026-11-17 08:00"}, {"ROUNDS_TO_ZERO", "2026-11-17 07:07"},
	}
	if len(*rej) != len(want) {
		t.Fatalf("rejects %+v", *rej)
	}
	for i, w := range want {
		if r := (*rej)[i]; r.Reason != w.reason || r.Column != "ENDPUNCHDTM" || r.Value != w.value {
			t.Errorf("line %d: %s column %q value %q, want %s column ENDPUNCHDTM value %q", r.Line, r.Reason, r.Column, r.Value, w.reason, w.value)
		}
	}
}

// ENG-3 / SHARE-G-02 with the issue's reading: "split weekly totals at the Sunday 00:00 local
// boundary (FLSA: hours count in the week they are worked)". A Saturday 23:00–Sunday 07:30 shift
// of the week before the close is not paid here (OUT_OF_WEEK), but its 7.5 hours after midnight
// count toward this week's 40; with two weeks closed, week 1's Saturday night carries 7.5 hours
// into week 2.
func TestCarryInAcrossTheWeekBoundary(t *testing.T) {
	in, rej := setup(t)
	prevSat, sat := week-1, week+6
	in.Punches = []model.Punch{worked(2, prevSat, 23, 0, week, 7, 30), worked(3, sat, 23, 0, sat+1, 7, 30)}
	weeks := build(in, rej, 2)
	if weeks[0].CarryIn != 7*3600+1800 || len(*rej) != 1 || (*rej)[0].Line != 2 {
		t.Fatalf("week 1 carry-in %d s, rejects %+v", weeks[0].CarryIn, *rej)
	}
	if weeks[1].CarryIn != 7*3600+1800 || len(weeks[0].Spans) != 1 {
		t.Fatalf("week 2 carry-in %d s", weeks[1].CarryIn)
	}
}

// SHARE-G-02 (decided reading: a shift is paid in the week it starts, its hours after Sunday 00:00
// count toward the next week's 40; ENG-3 for PSU and non-unit: "A punch interval crossing
// Saturday→Sunday midnight is split at the boundary for weekly totals"), with the Saturday
// 23:00–07:30 shift punched around its meal: 23:00–03:00 and 03:30–07:30. The second row starts
// inside the next week but is the Saturday's workday, so both rows' Sunday time counts:
// 00:00–03:00 (3 h) + 03:30–07:30 (4 h) = 7 h, not the 3 h of the row that crosses midnight.
// With Mon–Fri 5 × 8 h the next week is 40 + 7 = 47 h: SHARE-OT-A "in excess of 40 hours in a
// workweek" pays 7 h OT, not 3 h; at $40 with night $4 × 40 h and weekend $2.50 × 8 h (RR
// (1600 + 160 + 20) ÷ 40 = 44.50) the week was short 4 × ($60 − $40) + 4 × ½ × $4.50 = $89.00
// (non-unit at $30: 4 × $15 = $60.00; PSU at $30 + $1 third shift: 4 × ($46.50 − $31) = $62.00).
func TestSHARE_G_02_CarryInAfterTheMeal(t *testing.T) {
	in, rej := setup(t)
	prevSat, sat := week-1, week+6
	in.Punches = []model.Punch{
		worked(2, prevSat, 23, 0, week, 3, 0), worked(3, prevSat, 3, 30, week, 7, 30),
		worked(4, sat, 23, 0, sat+1, 3, 0), worked(5, sat, 3, 30, sat+1, 7, 30),
	}
	in.Punches[1].In = wall(week, 3, 30)
	in.Punches[3].In = wall(sat+1, 3, 30)
	weeks := build(in, rej, 2)
	if weeks[0].CarryIn != 7*3600 || len(*rej) != 2 {
		t.Fatalf("week 1 carry-in %v h, want 7; rejects %+v", float64(weeks[0].CarryIn)/3600, *rej)
	}
	if weeks[1].CarryIn != 7*3600 || len(weeks[0].Spans) != 2 {
		t.Fatalf("week 2 carry-in %v h, want 7", float64(weeks[1].CarryIn)/3600)
	}
}

// The carried Saturday goes to the next week whole (model.Week.Carried), so its family can tell
// how much of the carry-in was that day's daily overtime (SHARE-OT-H, NU-OT-1, PSU-39.6-G):
// Saturday 07:00–11:00 and the night 22:00–02:00 + 02:30–07:30 are 13 h on the workday, 7 of
// them after midnight. A Saturday that ends by midnight carries nothing: the week has no carried
// spans.
func TestCarriedSaturdayWhole(t *testing.T) {
	in, rej := setup(t)
	prevSat, sat := week-1, week+6
	in.Punches = []model.Punch{
		worked(2, prevSat, 7, 0, prevSat, 11, 0), worked(3, prevSat, 22, 0, week, 2, 0), worked(4, prevSat, 2, 30, week, 7, 30),
		worked(5, sat, 7, 0, sat, 15, 0),
	}
	in.Punches[2].In = wall(week, 2, 30)
	weeks := build(in, rej, 2)
	var total int64
	for _, sp := range weeks[0].Carried {
		total += sp.Seconds()
		if sp.Workday != prevSat {
			t.Errorf("carried span of workday %s", sp.Workday)
		}
	}
	if weeks[0].CarryIn != 7*3600 || len(weeks[0].Carried) != 3 || total != 13*3600 || weeks[0].Carried[0].Start > weeks[0].Carried[1].Start {
		t.Fatalf("carry-in %v h, carried %+v", float64(weeks[0].CarryIn)/3600, weeks[0].Carried)
	}
	if weeks[1].CarryIn != 0 || len(weeks[1].Carried) != 0 {
		t.Fatalf("week 2 carry-in %d s, carried %+v", weeks[1].CarryIn, weeks[1].Carried)
	}
}

// A row dated Sunday, inside the week, worked after midnight on the posted Saturday 23:00 shift of
// the week before belongs to Saturday's workday: it is rejected OUT_OF_WEEK, and its detail says
// which workday and which week's close pays it, so the clerk is not told only that the row is
// outside the week its date is in (an input audit: "another week's close pays it", unnamed).
func TestOutOfWeekNamesTheWeekThatPays(t *testing.T) {
	in, rej := setup(t)
	prevSat := week - 1
	in.Schedule = []model.Scheduled{{Line: 2, Employee: in.Emp.ID, Date: prevSat, Start: wall(prevSat, 23, 0), End: wall(week, 7, 0)}}
	in.Punches = []model.Punch{worked(2, week, 1, 10, week, 1, 50)}
	build(in, rej, 1)
	if len(*rej) != 1 || (*rej)[0].Reason != ReasonOutOfWeek {
		t.Fatalf("rejects %+v", *rej)
	}
	if d := (*rej)[0].Detail; !strings.Contains(d, "workday of 2026-11-14") || !strings.Contains(d, "the week of 2026-11-08 pays") {
		t.Errorf("detail %q: want the workday (2026-11-14) and the week whose close pays it (2026-11-08)", d)
	}
}

// FORMATS.md: EVENTDATE is "the workday the row belongs to". The second half of an unscheduled
// Saturday night shift after a one-hour meal (a separate shift by the merge gap) starts on Sunday
// but the export applies it to Saturday: it stays in Saturday's week.
func TestEventDateNamesTheNightBefore(t *testing.T) {
	in, rej := setup(t)
	sat, sun := week+6, week+7
	in.Punches = []model.Punch{worked(2, sat, 23, 0, sun, 2, 45), worked(3, sat, 3, 45, sat, 7, 30)}
	in.Punches[1].In, in.Punches[1].Out = wall(sun, 3, 45), wall(sun, 7, 30)
	w := build(in, rej, 1)[0]
	if len(*rej) != 0 || len(w.Spans) != 2 || w.Spans[1].Workday != sat {
		t.Fatalf("rejects %+v spans %+v", *rej, w.Spans)
	}
}

// Issue 12, defect 1: a call-in after a punch-out is its own shift whatever the gap. Night shift
// Mon 23:00 → Tue 07:30 worked to 07:30; called in (WORKRULE CALLED_IN) Tue 08:15–09:15, 45
// minutes later. SHARE On-Call J ("Employees who are not on-call and are called and agree to come
// in to work will receive a minimum of four hours of pay") pays it as its own call-in, so it is not
// "worked immediately ... following" the night shift (OT-F): its workday is the date it starts on
// (Tuesday), not Monday's, and it is not merged by the span gap. A punched meal inside the shift
// (out 03:00, in 03:30) still joins the night shift.
func TestSHARE_OC_J_CallInIsItsOwnWorkday(t *testing.T) {
	in, rej := setup(t)
	mon, tue := week+1, week+2
	in.Schedule = []model.Scheduled{{Employee: "E1", Date: mon, Start: wall(mon, 23, 0), End: wall(tue, 7, 30)}}
	callIn := worked(4, tue, 8, 15, tue, 9, 15)
	callIn.WorkRule = model.RuleCalledIn
	in.Punches = []model.Punch{worked(2, mon, 23, 0, tue, 3, 0), worked(3, tue, 3, 30, tue, 7, 30), callIn}
	w := build(in, rej, 1)[0]
	if len(w.Spans) != 3 || w.Spans[0].Workday != mon || w.Spans[1].Workday != mon || w.Spans[2].Workday != tue {
		t.Fatalf("workdays: %+v", w.Spans)
	}
}

// A worker reuses its weeks employee after employee: the separation, approval decisions and comp
// balance the pipeline set on a week for one employee are cleared before the next is built (a
// separation left on the week cut the next employee's salary to the days before it).
func TestBuildClearsTheLastEmployeesWeek(t *testing.T) {
	in, rej := setup(t)
	weeks := make([]model.Week, 1)
	weeks[0].Separation = &model.Separation{Employee: "E0", Date: week + 3}
	weeks[0].Approvals = []model.Approval{{Employee: "E0"}}
	weeks[0].CompBalance = 3600
	var b Builder
	b.Build(in, week, weeks, func(r model.Reject) { *rej = append(*rej, r) })
	if weeks[0].Separation != nil || weeks[0].Approvals != nil || weeks[0].CompBalance != 0 {
		t.Fatalf("week kept the last employee's %+v %+v %d", weeks[0].Separation, weeks[0].Approvals, weeks[0].CompBalance)
	}
}

// roundAt is the rule set's punch rounding (SHARE-G-04: "Minute mod 15 of 0–7 rounds down; 8–14
// rounds up") with its divisions taken out: the same instants as the formula written out, for
// every mode and increment, and wall clocks before 1970 too.
func TestRoundAtMatchesFormula(t *testing.T) {
	ref := func(t, off int64, rs *rates.RuleSet) int64 {
		inc := int64(rs.RoundMinutes) * 60
		if inc <= 0 {
			return t
		}
		local := t + off
		r := ((local % inc) + inc) % inc
		base := local - r
		switch rs.RoundMode {
		case "UP":
			if r > 0 {
				base += inc
			}
		case "DOWN":
		default:
			if r/60*2 >= inc/60 {
				base += inc
			}
		}
		return base - off
	}
	for _, mode := range []string{"NEAREST", "UP", "DOWN"} {
		for _, mins := range []int{0, 1, 5, 6, 7, 10, 15, 30} {
			rs := &rates.RuleSet{RoundMode: mode, RoundMinutes: mins}
			for _, off := range []int64{-5 * 3600, 0, 5*3600 + 1800} {
				for t0 := int64(-3 * 3600); t0 < 3*3600; t0 += 17 {
					for _, base := range []int64{0, 1_790_000_000} {
						if got, want := roundAt(base+t0, off, rs), ref(base+t0, off, rs); got != want {
							t.Fatalf("%s %d min, offset %d: %d rounds to %d, the formula says %d", mode, mins, off, base+t0, got, want)
						}
					}
				}
			}
		}
	}
}

// Closing one week, the week takes the builder's spans whole (Build): a week built before keeps
// its spans while the same builder builds another employee's week, and a span rejected as out of
// the week is left out of those handed over, the rest in order.
func TestBuildHandsTheWeekItsSpans(t *testing.T) {
	in, rej := setup(t)
	sat, mon, wed := week-1, week+1, week+3
	in.Punches = []model.Punch{worked(2, sat, 7, 0, sat, 15, 0), worked(3, mon, 7, 0, mon, 15, 0), worked(4, wed, 7, 0, wed, 15, 0)}
	var b Builder
	first := make([]model.Week, 1)
	b.Build(in, week, first, func(r model.Reject) { *rej = append(*rej, r) })
	if len(*rej) != 1 || (*rej)[0].Line != 2 || (*rej)[0].Reason != ReasonOutOfWeek {
		t.Fatalf("rejects %+v", *rej)
	}
	if len(first[0].Spans) != 2 || first[0].Spans[0].Line != 3 || first[0].Spans[1].Line != 4 {
		t.Fatalf("spans %+v", first[0].Spans)
	}
	kept := append([]model.Span(nil), first[0].Spans...)

	other, _ := setup(t)
	other.Punches = []model.Punch{worked(7, wed, 19, 0, wed+1, 7, 0), worked(8, mon, 8, 0, mon, 12, 0), worked(9, wed+2, 7, 0, wed+2, 15, 0)}
	second := make([]model.Week, 1)
	b.Build(other, week, second, func(model.Reject) {})
	if len(second[0].Spans) != 3 {
		t.Fatalf("second employee's spans %+v", second[0].Spans)
	}
	for i := range kept {
		if first[0].Spans[i] != kept[i] {
			t.Fatalf("building the next employee changed the first's span %d: %+v, was %+v", i, first[0].Spans[i], kept[i])
		}
	}
}

// attributeWorkdays told that the schedule is in order of start stops looking at the first posted
// shift starting after the worked shift: the same workdays as looking at every posted shift, for
// shifts before, inside, across and after posted shifts of all lengths (overlapping ones too), with
// and without a gap.
func TestAttributeWorkdaysSortedScheduleStopsEarly(t *testing.T) {
	z, err := calendars.LoadZone("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	near := z.Near(z.Instant(week-1, 0), z.Instant(week+8, 0))
	r := rand.New(rand.NewPCG(16, 6))
	for trial := 0; trial < 3000; trial++ {
		var sched []model.ScheduledShift
		for d := week - 1; d <= week+7; d++ {
			for k := r.IntN(3); k > 0; k-- { // none to two a day, long ones ending after the next day's
				start := z.Instant(d, 0) + int64(r.IntN(96))*900
				sched = append(sched, model.ScheduledShift{Date: d, Start: start, End: start + int64(1+r.IntN(56))*900})
			}
		}
		slices.SortFunc(sched, byScheduledStart)
		var spans []model.Span
		at := z.Instant(week, 0) + int64(r.IntN(48))*900
		for k := r.IntN(12); k > 0; k-- {
			end := at + int64(1+r.IntN(48))*900
			spans = append(spans, model.Span{Kind: model.SpanWorked, Start: at, End: end, RawStart: at, RawEnd: end,
				Workday: calendars.Date(calendars.FloorDiv(near.Local(at), 86400))})
			at = end + int64(r.IntN(80))*900
		}
		gap := int64(r.IntN(3)) * 3600
		sorted, all := slices.Clone(spans), slices.Clone(spans)
		attributeWorkdays(sorted, sched, true, &near, gap, 60)
		attributeWorkdays(all, sched, false, &near, gap, 60)
		for i := range spans {
			if sorted[i].Workday != all[i].Workday {
				t.Fatalf("trial %d span %d: workday %s stopping early, %s looking at every posted shift (schedule %+v)",
					trial, i, sorted[i].Workday, all[i].Workday, sched)
			}
		}
	}
}

// An absence entered with punches is as long as the time elapsed between them (as worked time is).
// Out before in on an ordinary night (the reader lets an hour of it through, not knowing whether
// the night repeats an hour) is no length at all: rejected OUT_BEFORE_IN with its hours unknown,
// where it was paid as a negative absence (VACATION 01:30 → 01:15 on a Wednesday: −0.25 h, −$8.56
// in the input audit). On the fall-back night (Sunday 2026-11-01, 01:00–02:00 twice) the same
// punches are 01:30 EDT → 01:15 EST: 45 minutes of vacation.
func TestPunchedAbsenceIsElapsedTime(t *testing.T) {
	vacation := func(line int32, d calendars.Date, h1, m1, h2, m2 int) model.Punch {
		p := worked(line, d, h1, m1, d, h2, m2)
		p.PayCode, p.PayText = "VACATION", "VACATION"
		return p
	}
	in, rej := setup(t)
	wed := week + 3
	in.Punches = []model.Punch{vacation(2, wed, 1, 30, 1, 15), vacation(3, wed, 8, 0, 12, 0)}
	w := build(in, rej, 1)[0]
	if len(*rej) != 1 || (*rej)[0].Reason != ReasonOutBeforeIn || (*rej)[0].Line != 2 || !(*rej)[0].UnknownHours {
		t.Fatalf("rejects %+v, want line 2 OUT_BEFORE_IN with unknown hours", *rej)
	}
	if len(w.Absences) != 1 || w.Absences[0].Seconds != 4*3600 {
		t.Fatalf("absences %+v, want line 3's 4 h only", w.Absences)
	}

	fallBack := calendars.NewDate(2026, time.November, 1)
	in, rej = setup(t)
	in.Punches = []model.Punch{vacation(2, fallBack, 1, 30, 1, 15)}
	weeks := make([]model.Week, 1)
	var b Builder
	b.Build(in, fallBack, weeks, func(r model.Reject) { *rej = append(*rej, r) })
	if len(*rej) != 0 || len(weeks[0].Absences) != 1 || weeks[0].Absences[0].Seconds != 45*60 {
		t.Fatalf("fall-back night: rejects %+v absences %+v, want 45 minutes", *rej, weeks[0].Absences)
	}
}

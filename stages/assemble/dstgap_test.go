package assemble

import (
	"fmt"
	"testing"
	"time"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/stages/model"
)

// The spring-forward night of 2026 in New York: clocks went from 02:00 EST to 03:00 EDT on Sunday
// 2026-03-08, so 02:00 to 02:59 never showed on a wall clock there.
var springSat = calendars.NewDate(2026, time.March, 7)

// buildFrom closes n weeks from first and returns them with the rejects.
func buildFrom(in *Input, first calendars.Date, n int) ([]model.Week, []model.Reject) {
	var rej []model.Reject
	weeks := make([]model.Week, n)
	var b Builder
	b.Build(in, first, weeks, func(r model.Reject) { rej = append(rej, r) })
	return weeks, rej
}

// A punch in the spring-forward gap is rejected NONEXISTENT_TIME with its file, line, column and
// value, the gap named, and the row's wall-clock hours (as ingest counted them), whether it is the
// in or the out punch, a worked row, an absence with punches or an ON CALL row of the --oncall
// file. Before, 02:15-03:30 was read as 03:15-03:30 EDT and paid 0.25 h without a word.
func TestNonexistentPunchIsRejected(t *testing.T) {
	in, _ := setup(t)
	in.OnCallFile = "oncall.csv"
	sun := springSat + 1
	in.Punches = []model.Punch{
		worked(2, sun, 2, 15, sun, 3, 30),
		worked(3, sun, 1, 0, sun, 2, 45),
		{Line: 4, Employee: "E1", EventDate: sun, PayCode: "VACATION", PayText: "Vacation", In: wall(sun, 2, 0), Out: wall(sun, 10, 0), HasIn: true, HasOut: true},
		{Line: 2, Employee: "E1", EventDate: sun, PayCode: "ON CALL", PayText: "ON CALL", In: wall(sun, 2, 30), Out: wall(sun, 10, 0), HasIn: true, HasOut: true, OnCallFile: true},
	}
	weeks, rej := buildFrom(in, sun, 1)
	if n := len(weeks[0].Spans) + len(weeks[0].Absences); n != 0 {
		t.Errorf("%d spans or absences paid from punches that do not exist: %+v %+v", n, weeks[0].Spans, weeks[0].Absences)
	}
	const gap = "expected a time that exists in America/New_York: %s does not, the clocks went forward from 02:00 to 03:00 that night; correct the punch"
	want := []model.Reject{
		{File: "punches.csv", Line: 2, Column: "PUNCHDTM", Value: "2026-03-08 02:15", Reason: "NONEXISTENT_TIME", Employee: "E1", Seconds: 75 * 60},
		{File: "punches.csv", Line: 3, Column: "ENDPUNCHDTM", Value: "2026-03-08 02:45", Reason: "NONEXISTENT_TIME", Employee: "E1", Seconds: 105 * 60},
		{File: "punches.csv", Line: 4, Column: "PUNCHDTM", Value: "2026-03-08 02:00", Reason: "NONEXISTENT_TIME", Employee: "E1", Seconds: 8 * 3600},
		{File: "oncall.csv", Line: 2, Column: "PUNCHDTM", Value: "2026-03-08 02:30", Reason: "NONEXISTENT_TIME", Employee: "E1", Seconds: 7*3600 + 1800},
	}
	if len(rej) != len(want) {
		t.Fatalf("rejects %+v, want %d NONEXISTENT_TIME", rej, len(want))
	}
	for i, w := range want {
		w.Detail = fmt.Sprintf(gap, w.Value)
		if rej[i] != w {
			t.Errorf("reject %d:\n got %+v\nwant %+v", i, rej[i], w)
		}
	}
}

// The edges of the gap: 01:59 and 03:00 exist and are paid by elapsed time, 02:00 and 02:59 do not,
// in or out punch. The night shift 23:00 Saturday to 07:30 Sunday across the gap is 7.5 hours
// elapsed, as before.
func TestNonexistentTimeEdges(t *testing.T) {
	sat, sun := springSat, springSat+1
	for _, tc := range []struct {
		name         string
		p            model.Punch
		col          string // "": accepted
		elapsed      int64
		rawStartUTCh int // accepted: the in punch's hour in UTC on the 8th (-1: not checked)
	}{
		{"in 01:59", worked(2, sun, 1, 59, sun, 4, 0), "", 61 * 60, -1},
		{"in 02:00", worked(2, sun, 2, 0, sun, 4, 0), "PUNCHDTM", 0, 0},
		{"in 02:59", worked(2, sun, 2, 59, sun, 4, 0), "PUNCHDTM", 0, 0},
		{"in 03:00", worked(2, sun, 3, 0, sun, 5, 0), "", 2 * 3600, 7},
		{"out 01:59", worked(2, sun, 0, 0, sun, 1, 59), "", 119 * 60, 5},
		{"out 02:00", worked(2, sun, 0, 0, sun, 2, 0), "ENDPUNCHDTM", 0, 0},
		{"out 03:00", worked(2, sun, 0, 0, sun, 3, 0), "", 2 * 3600, 5},
		{"night across the gap", worked(2, sat, 23, 0, sun, 7, 30), "", 7*3600 + 1800, -1},
	} {
		in, _ := setup(t)
		in.Punches = []model.Punch{tc.p}
		weeks, rej := buildFrom(in, sat-6, 2)
		if tc.col != "" {
			if len(rej) != 1 || rej[0].Reason != "NONEXISTENT_TIME" || rej[0].Column != tc.col || rej[0].Line != 2 {
				t.Errorf("%s: rejects %+v, want NONEXISTENT_TIME on %s", tc.name, rej, tc.col)
			}
			continue
		}
		var spans []model.Span
		for _, w := range weeks {
			spans = append(spans, w.Spans...)
		}
		if len(rej) != 0 || len(spans) != 1 {
			t.Errorf("%s: rejects %+v spans %+v, want the row paid", tc.name, rej, spans)
			continue
		}
		if got := spans[0].RawEnd - spans[0].RawStart; got != tc.elapsed {
			t.Errorf("%s: %d s elapsed, want %d", tc.name, got, tc.elapsed)
		}
		if h := tc.rawStartUTCh; h >= 0 && spans[0].RawStart != time.Date(2026, 3, 8, h, int(tc.p.In%3600/60), 0, 0, time.UTC).Unix() {
			t.Errorf("%s: in punch at %s", tc.name, time.Unix(spans[0].RawStart, 0).UTC())
		}
	}
}

// A posted shift starting or ending in the gap is rejected on the schedule file (no hours: a
// posting pays nothing by itself) and not used; one across the gap is kept at its elapsed length;
// one outside the weeks' reach is not read, so not rejected either.
func TestNonexistentScheduledShift(t *testing.T) {
	sat, sun := springSat, springSat+1
	in, _ := setup(t)
	in.ScheduleFile = "schedule.csv"
	in.Schedule = []model.Scheduled{
		{Line: 2, Employee: "E1", Date: sat, Start: wall(sat, 23, 0), End: wall(sun, 7, 30)},
		{Line: 3, Employee: "E1", Date: sun, Start: wall(sun, 2, 30), End: wall(sun, 11, 0)},
		{Line: 4, Employee: "E1", Date: sat, Start: wall(sat, 18, 0), End: wall(sun, 2, 30)},
	}
	weeks, rej := buildFrom(in, sun, 1)
	want := []model.Reject{
		{File: "schedule.csv", Line: 3, Column: "START", Value: "2026-03-08 02:30", Reason: "NONEXISTENT_TIME", Employee: "E1",
			Detail: "expected a time that exists in America/New_York: 2026-03-08 02:30 does not, the clocks went forward from 02:00 to 03:00 that night; correct the posted shift"},
		{File: "schedule.csv", Line: 4, Column: "END", Value: "2026-03-08 02:30", Reason: "NONEXISTENT_TIME", Employee: "E1",
			Detail: "expected a time that exists in America/New_York: 2026-03-08 02:30 does not, the clocks went forward from 02:00 to 03:00 that night; correct the posted shift"},
	}
	if len(rej) != len(want) || rej[0] != want[0] || rej[1] != want[1] {
		t.Fatalf("rejects\n%+v\nwant\n%+v", rej, want)
	}
	if sc := weeks[0].Schedule; len(sc) != 1 || sc[0].Date != sat || sc[0].End-sc[0].Start != 7*3600+1800 {
		t.Errorf("schedule %+v, want the Saturday night shift only, 7.5 h", sc)
	}
	// Closing a week a month later, the spring-forward postings are not read.
	if _, rej := buildFrom(in, sun+28, 1); len(rej) != 0 {
		t.Errorf("a later week's close rejects postings it does not read: %+v", rej)
	}
}

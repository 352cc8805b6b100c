package assemble

import (
	"fmt"
	"strings"
	"testing"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/stages/model"
)

// An exact copy of an earlier row of the employee is DUPLICATE_ROW naming the first line, with the
// copy's hours and no column or value (the whole row is the problem); the first is kept. Rows differing in any field are not copies. Checked for a small
// group (pairwise) and a large one (map).
func TestDuplicateRow(t *testing.T) {
	for _, extra := range []int{0, maxPairwise} {
		in, rej := setup(t)
		mon, tue := week+1, week+2
		vac := model.Punch{Line: 4, Employee: "E1", EventDate: tue, PayCode: "EARNED TIME", PayText: "EARNED TIME", Seconds: 12 * 3600, HasHours: true}
		vac2 := vac
		vac2.Line = 7
		lower := vac
		lower.Line, lower.PayText = 8, "earned time" // written differently: not an exact copy
		in.Punches = []model.Punch{worked(2, mon, 7, 0, mon, 11, 0), worked(3, mon, 7, 0, mon, 11, 0), vac, vac2, lower}
		for i := 0; i < extra; i++ { // distinct half-hour spans later in the week
			d := week + 4 + calendars.Date(i/40)
			in.Punches = append(in.Punches, worked(int32(100+i), d, i%40/2, 30*(i%2), d, i%40/2, 30*(i%2)+15))
		}
		weeks := build(in, rej, 1)
		var dups []string
		for _, r := range *rej {
			if r.Reason == ReasonDuplicateRow {
				if r.Column != "" || r.Value != "" { // the whole row is the problem (docs/FORMATS.md rejects.csv)
					t.Errorf("DUPLICATE_ROW names column %q value %q, want both empty", r.Column, r.Value)
				}
				dups = append(dups, fmt.Sprintf("%d<%s>%d", r.Line, strings.TrimSuffix(r.Detail[strings.Index(r.Detail, "repeats line"):][:15], ","), r.Seconds))
			}
		}
		want := []string{"3<repeats line 2>14400", "7<repeats line 4>43200"}
		if strings.Join(dups, " ") != strings.Join(want, " ") {
			t.Errorf("%d rows: duplicates %v, want %v (all rejects %v)", len(in.Punches), dups, want, *rej)
		}
		if n := len(weeks[0].Absences); n != 2 {
			t.Errorf("%d rows: %d absences, want the first EARNED TIME row and the one written differently", len(in.Punches), n)
		}
	}
}

// A pay-code row with more hours than the limit is IMPLAUSIBLE_HOURS with the limit in its text.
func TestRowHoursLimit(t *testing.T) {
	in, rej := setup(t)
	in.MaxRowSeconds = 24 * 3600
	tue := week + 2
	in.Punches = []model.Punch{
		{Line: 2, Employee: "E1", EventDate: tue, PayCode: "VACATION", PayText: "vacation", Seconds: 9999 * 3600, HasHours: true},
		{Line: 3, Employee: "E1", EventDate: tue, PayCode: "VACATION", PayText: "VACATION", Seconds: 24 * 3600, HasHours: true},
	}
	w := build(in, rej, 1)[0]
	if len(*rej) != 1 || (*rej)[0].Reason != ReasonImplausibleHrs || (*rej)[0].Value != "9999" ||
		!strings.Contains((*rej)[0].Detail, "at most 24 hours") || (*rej)[0].Seconds != 9999*3600 || len(w.Absences) != 1 {
		t.Fatalf("rejects %+v, absences %+v", *rej, w.Absences)
	}
}

// OVERLAPPING_SPAN and OUT_OF_WEEK of a span give the row's in punch as the value; UNKNOWN_PAYCODE
// gives the pay code as written.
func TestRejectValues(t *testing.T) {
	in, rej := setup(t)
	mon := week + 1
	next := week + 8
	in.Punches = []model.Punch{
		worked(2, mon, 7, 0, mon, 11, 0),
		worked(3, mon, 10, 0, mon, 12, 0),
		worked(4, next, 7, 0, next, 9, 0),
		{Line: 5, Employee: "E1", EventDate: mon, PayCode: "VACATOIN", PayText: "Vacatoin", Seconds: 3600, HasHours: true},
	}
	build(in, rej, 1)
	got := map[string]string{}
	for _, r := range *rej {
		got[r.Reason] = r.Column + "=" + r.Value
	}
	if got[ReasonOverlap] != "PUNCHDTM=2026-11-16 10:00" || got[ReasonOutOfWeek] != "PUNCHDTM=2026-11-23 07:00" || got[ReasonUnknownPayCode] != "PAYCODENAME=Vacatoin" {
		t.Fatalf("reject values %v", got)
	}
}

package psu

import (
	"fmt"
	"testing"

	"github.com/payclose/payclose/stages/model"
)

// PSU-39.14 (Article 39, Section 39.14, contract 003): "An employee who has left his/her place of
// employment after having completed work on his/her regular shift and who is called back for
// unscheduled work prior to the commencement of his/her next scheduled shift shall receive a
// minimum of four (4) hours pay at his/her regular hourly overtime rate."
//
// Issue 12, defect 1: scheduled Tue 08:30–16:30, leaves at 16:30, called back 17:15–18:00 at a
// $30.00 base. The 45-minute gap is not a meal: the member left. Hand-worked: 0.75 h worked ×
// 1.5 × $30 = $33.75 (OT, PSU-39.14) + 3.25 h guarantee × $45.00 = $146.25 → 4 h × $45 = $180.00.
// The rest of the week: Mon, Wed–Fri 08:00–15:30 (30 h) + Tue 8 h = 38 h straight × $30 =
// $1,140.00 (under 40 in the week, 8 on Tuesday without the call-back, whose minutes carry the
// call-back's 1.5 already: "no duplication, pyramiding" 39.6-G). Gross $1,320.00. The same pay
// whatever the gap: 45, 60, 75 minutes, and with WORKRULE CALLED_IN on the row.
func TestPSU_39_14_CallBackAfterShortGap(t *testing.T) {
	for _, tc := range []struct {
		name, back string
		calledIn   bool
	}{
		{"gap 45 min", "Tue 17:15-18:00", false},
		{"gap 45 min, CALLED_IN", "Tue 17:15-18:00", true},
		{"gap 60 min", "Tue 17:30-18:15", false},
		{"gap 75 min", "Tue 17:45-18:30", false},
		{"gap 15 min", "Tue 16:45-17:30", false},
	} {
		f := newFx(t, novWeek)
		f.Sched("Mon 08:00-15:30", "Tue 08:30-16:30", "Wed 08:00-15:30", "Thu 08:00-15:30", "Fri 08:00-15:30")
		f.workStandard("Mon", "Wed", "Thu", "Fri")
		f.Work("Tue 08:30-16:30", tc.back)
		if tc.calledIn {
			for i := range f.Week.Spans {
				if f.Week.Spans[i].Start == f.At("Tue", tc.back[4:9]) {
					f.Week.Spans[i].Rule |= model.RuleCalledIn
				}
			}
		}
		res := f.run()
		if hours(res, "OT", "PSU-39.14") != "0.75" || hours(res, "CALLBACK_GUARANTEE", "PSU-39.14") != "3.25" ||
			cents(res, "OT", "CALLBACK_GUARANTEE") != 18000 {
			t.Fatalf("%s:\n%s", tc.name, dump(res))
		}
		expectGross(t, res, 114000+18000)
	}
}

// TestPSU_39_14_Explain — what `payclose explain` shows for the 45-minute case above: "a minimum of
// four (4) hours pay at his/her regular hourly overtime rate": 4 − 0.75 worked = 3.25 h × $45.00 =
// $146.25.
func TestPSU_39_14_Explain(t *testing.T) {
	f := newFx(t, novWeek)
	f.Sched("Tue 08:30-16:30")
	f.Work("Tue 08:30-16:30", "Tue 17:15-18:00")
	c := &Calc{}
	f.Run(c)
	notes := c.Explain(&f.Week)
	want := "call-back (PSU-39.14) at 2026-11-17 17:15: 1 call-back(s) in the event, worked 0.75 h; guarantee 4.00 − 0.75 = 3.25 h × $45.0000 = $146.25"
	if len(notes) != 1 || notes[0] != want {
		t.Fatalf("notes %q", notes)
	}
}

// TestPSU_39_14_TransferRowIsNotACallBack — PSU-39.14 needs a member who "has left his/her place of
// employment". A row that continues the shift is not that: a MGMT_REQUEST (extension) row keyed a
// minute after the out punch, or any row starting the minute the last one ended (a transfer), is
// worked time on the shift — 0.75 h more on Tuesday, no call-back minimum.
func TestPSU_39_14_TransferRowIsNotACallBack(t *testing.T) {
	for _, tc := range []struct {
		name string
		rule model.WorkRule
		gap  int64
	}{{"MGMT_REQUEST, 1 minute later", model.RuleMgmtRequest, 60}, {"same minute", 0, 0}} {
		f := newFx(t, novWeek)
		f.Sched("Tue 08:30-16:30")
		f.Work("Tue 08:30-16:30", "Tue 16:30-17:15")
		f.Week.Spans[1].RawStart += tc.gap
		f.Week.Spans[1].Start += tc.gap
		f.Week.Spans[1].Rule = tc.rule
		res := f.run()
		if hours(res, "CALLBACK_GUARANTEE") != "0" || hours(res, "OT", "PSU-39.14") != "0" {
			t.Fatalf("%s:\n%s", tc.name, dump(res))
		}
	}
}

// TestPSU_39_14_SameAtEveryGap — the call-back of TestPSU_39_14_CallBackAfterShortGap (45 minutes,
// after leaving at 16:30) starts 1 to 120 minutes after the punch-out: "a minimum of four (4) hours
// pay at his/her regular hourly overtime rate" is 4 h × $45.00 = $180.00 at every gap, gross
// $1,320.00.
func TestPSU_39_14_SameAtEveryGap(t *testing.T) {
	for gap := int64(1); gap <= 120; gap++ {
		f := newFx(t, novWeek)
		f.Sched("Mon 08:00-15:30", "Tue 08:30-16:30", "Wed 08:00-15:30", "Thu 08:00-15:30", "Fri 08:00-15:30")
		f.workStandard("Mon", "Wed", "Thu", "Fri")
		f.Work("Tue 08:30-16:30", "Tue 16:30-17:15")
		for i := range f.Week.Spans {
			if sp := &f.Week.Spans[i]; sp.Start == f.At("Tue", "16:30") {
				sp.Start, sp.End, sp.RawStart, sp.RawEnd = sp.Start+gap*60, sp.End+gap*60, sp.RawStart+gap*60, sp.RawEnd+gap*60
			}
		}
		res := f.run()
		if cents(res, "OT", "CALLBACK_GUARANTEE") != 18000 || hours(res, "CALLBACK_GUARANTEE", "PSU-39.14") != "3.25" {
			t.Fatalf("gap %d min:\n%s", gap, dump(res))
		}
		expectGross(t, res, 114000+18000)
	}
}

// TestPSU_39_14_SecondCallBack — §39.14: "An employee who has left his/her place of employment
// after having completed work on his/her regular shift and who is called back for unscheduled work
// prior to the commencement of his/her next scheduled shift shall receive a minimum of four (4)
// hours pay at his/her regular hourly overtime rate." A member who leaves again after a call-back
// and is called back again before the next shift has again "left his/her place of employment";
// the catalog (PSU-39.14 Ambiguity 1) merges the second call-back into the first only when it
// starts inside the first one's 4-hour window. (Audit case3/case3b; before the fix the second
// call-back was paid as straight time: a call-back counted only right after a scheduled shift.)
//
// Standard week Mon–Fri 08:00–15:30 worked (37.5 h = salary $1,125.00), base $30.00, OT rate
// 1.5 × $30 = $45.00. Monday call-backs 19:00–19:15 (first event, window 19:00–23:00) and:
//   - 23:30–23:45, after the window: two events, each 0.25 h worked × $45 = $11.25 OT +
//     (4 − 0.25) = 3.75 h guarantee × $45 = $168.75 → OT 0.5 h $22.50, guarantee 7.5 h $337.50,
//     $360.00 in all; gross $1,125.00 + $360.00 = $1,485.00. The same with WORKRULE CALLED_IN on
//     the second row.
//   - 23:00–23:15, starting the minute the window closes ([19:00, 23:00) is half-open): as above.
//   - Tue 02:00–02:15, after midnight and before Tuesday's 08:00 shift: as above.
//   - 22:30–22:45, inside the window: one event, 0.5 h worked × $45 = $22.50 OT + (4 − 0.5) = 3.5 h
//     guarantee × $45 = $157.50 → $180.00; gross $1,125.00 + $180.00 = $1,305.00.
//
// The worked call-back minutes are not straight time: REG stays 37.5 h.
func TestPSU_39_14_SecondCallBack(t *testing.T) {
	for _, tc := range []struct {
		name, second string
		calledIn     bool
		guarantee    string
		cbCents      int64
	}{
		{"after the window", "Mon 23:30-23:45", false, "7.5", 36000},
		{"after the window, CALLED_IN", "Mon 23:30-23:45", true, "7.5", 36000},
		{"at the window's end", "Mon 23:00-23:15", false, "7.5", 36000},
		{"after midnight, before the next shift", "Tue 02:00-02:15", false, "7.5", 36000},
		{"inside the window", "Mon 22:30-22:45", false, "3.5", 18000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFx(t, novWeek)
			f.StandardSchedule()
			f.workStandard("Mon", "Tue", "Wed", "Thu", "Fri")
			f.Work("Mon 19:00-19:15", tc.second)
			if tc.calledIn {
				for i := range f.Week.Spans {
					if f.Week.Spans[i].Start == f.At(tc.second[:3], tc.second[4:9]) {
						f.Week.Spans[i].Rule |= model.RuleCalledIn
					}
				}
			}
			res := f.run()
			if hours(res, "OT", "PSU-39.14") != "0.5" || hours(res, "CALLBACK_GUARANTEE", "PSU-39.14") != tc.guarantee ||
				cents(res, "OT", "CALLBACK_GUARANTEE") != tc.cbCents || hours(res, "REG") != "37.5" {
				t.Fatalf("%s", dump(res))
			}
			expectGross(t, res, 112500+tc.cbCents)
		})
	}
}

// TestPSU_39_14_CalledInOnDayOff — §39.14 "called back for unscheduled work prior to the
// commencement of his/her next scheduled shift shall receive a minimum of four (4) hours pay at
// his/her regular hourly overtime rate." Mon–Fri 08:00–15:30 worked (37.5 h, $1,125.00); Saturday
// 10:00–11:00, next scheduled shift the following Monday (audit case2/case2b):
//   - WORKRULE CALLED_IN: the timekeeper says the member was called back after leaving (as SHARE
//     pays a CALLED_IN shift as a call-in, model.RuleCalledIn): 1 h × $45 = $45.00 OT +
//     (4 − 1) = 3 h guarantee × $45 = $135.00 → $180.00; gross $1,305.00. Before the fix an
//     unscheduled day was never a call-back: 1 h straight, $1,155.00.
//   - unflagged: nothing says the member was called back rather than scheduled to the extra day
//     in advance; 1 h straight time × $30 (PSU-39.6-E1, 38.5 h < 40): gross $1,155.00, no
//     guarantee (unchanged).
func TestPSU_39_14_CalledInOnDayOff(t *testing.T) {
	for _, tc := range []struct {
		calledIn bool
		ot, cbg  string
		gross    int64
	}{{true, "1", "3", 112500 + 18000}, {false, "0", "0", 112500 + 3000}} {
		t.Run(fmt.Sprintf("CALLED_IN %v", tc.calledIn), func(t *testing.T) {
			f := newFx(t, novWeek)
			f.StandardSchedule()
			f.workStandard("Mon", "Tue", "Wed", "Thu", "Fri")
			f.Work("Sat 10:00-11:00")
			if tc.calledIn {
				f.Week.Spans[len(f.Week.Spans)-1].Rule = model.RuleCalledIn
			}
			res := f.run()
			if hours(res, "OT", "PSU-39.14") != tc.ot || hours(res, "CALLBACK_GUARANTEE", "PSU-39.14") != tc.cbg {
				t.Fatalf("%s", dump(res))
			}
			expectGross(t, res, tc.gross)
		})
	}
}

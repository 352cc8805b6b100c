package share

import (
	"strings"
	"testing"

	"github.com/payclose/payclose/stages/model"
)

// Issue 12, defect 1: time an employee comes back for after punching out is a call-back or a
// call-in whatever the gap; the span merge (span_gap_merge_hours, for a punched meal) never joins
// it to the shift the employee left. The cases below failed on main d562f73 with a 45-minute gap
// and passed with 75 minutes; each is checked at both, and the pay must not change.

// TestSHARE_OC_J_CallInAfterShortGap — On-Call J: "Employees who are not on-call and are called and
// agree to come in to work will receive a minimum of four hours of pay ... They will be paid at
// straight time, except as governed by the overtime rules."
//
// Day worker scheduled Tue 07:00–15:30 (worked 07:00–11:00, 11:30–15:30: 8 h), leaves at 15:30,
// comes back 16:15–17:15 with WORKRULE CALLED_IN. Hand-worked (base $20.00):
//   - REG 8 h × $20 = $160.00; the call-in hour is the 9th hour of the Tuesday workday: daily OT
//     (OT-B) 1 h × $30 = $30.00.
//   - The call-in is its own span starting at 16:15, so SHIFT-RS-3 ("When a shift BEGINS at 2:00 pm
//     or later ... evening differential is paid from the beginning of that shift"): DIFF_EVE
//     1 h × $2.00 = $2.00.
//   - Guarantee window [16:15, 20:15): 4 h − 1 h worked = 3 h top-up at straight time (OC-J)
//     × $20 = $60.00.
//   - Regular rate (OT-E): (8 × 20 + 1 × 22) ÷ 9 = $20.2222; half-time on the excess for 1 OT
//     hour: 0.2222 ÷ 2 = $0.1111 → $0.11.
//     Total $252.11, the same with the call-in at 16:45 (a 75-minute gap).
func TestSHARE_OC_J_CallInAfterShortGap(t *testing.T) {
	for _, back := range [][2]string{{"Tue 16:15", "17:15"}, {"Tue 16:45", "17:45"}} {
		f := newFx(t)
		f.sched("Tue 07:00", "15:30")
		f.work("Tue 07:00", "11:00", 0)
		f.work("Tue 11:30", "15:30", 0)
		f.work(back[0], back[1], model.RuleCalledIn)
		res := f.run()
		if hours(res, "CALLBACK_GUARANTEE", "SHARE-OC-J") != "3" || cents(res, "CALLBACK_GUARANTEE") != 6000 {
			t.Fatalf("%s: guarantee\n%s", back[0], dump(res))
		}
		if hours(res, "OT", "SHARE-OT-B") != "1" || cents(res, "DIFF_EVE") != 200 || cents(res, "REG") != 16000 {
			t.Fatalf("%s: worked\n%s", back[0], dump(res))
		}
		if got := cents(res, "REG", "OT", "DIFF_EVE", "CALLBACK_GUARANTEE", "REG_RATE_TRUEUP"); got != 25211 {
			t.Fatalf("%s: gross %d, want 25211\n%s", back[0], got, dump(res))
		}
		// Called in by management: not overtime worked without approval (OT-L).
		if hasException(res, excUnapprovedOT) {
			t.Fatalf("%s: a call-in is not unapproved overtime\n%s", back[0], dump(res))
		}
	}
}

// TestSHARE_OC_F_CallBacksAfterShortGap — On-Call F: "Each successive time eligible employees are
// called in to work while on-call, they will receive at least an additional four hours of pay,
// minus any overlap with the previous four-hour minimum. Employees will not be paid more than once
// for the same period of time."
//
// Mon–Fri 07:00–15:30 worked (meal punched, 8 h a day: 40 h straight), on call Tue 15:30 → Wed
// 07:00 (15.5 h). Call-backs Tue 22:00–23:00 and 23:45–00:45, 45 minutes apart. Hand-worked:
//   - Windows [22:00, 02:00) and [23:45, 03:45): overlap 02:00 − 23:45 = 2.25 h; paid call-back
//     time 4 + (4 − 2.25) = 5.75 h; worked 2 h; top-up 3.75 h × 1.5 × $20 = $112.50 (OC-D).
//   - Both call-backs are NIGHT (RS-6: begins at 22:00 or later; and 23:45 is in the night
//     window): OT 2 h × $30 = $60.00 + DIFF_NIGHT 2 h × 1.5 × $4 = $12.00 (OC-B).
//   - Standby 15.5 − 5.75 = 9.75 h × $3 = $29.25 (OC-A).
//   - Weekly OT (OT-A, OT-G: the top-up counts toward 40, cfg.callback_topup_counts; the
//     call-back hours, already at a premium, do not, OT-H): 40 straight + 3.75 = 43.75 → the last
//     3.75 straight hours of the week (Friday 11:45–15:30) are OT: REG 36.25 h × $20 = $725.00,
//     OT-A 3.75 h × $30 = $112.50.
//   - Regular rate (OT-E): (40 × 20 + 2 × 24 + 29.25 standby) ÷ 42 h worked = 877.25 ÷ 42 =
//     $20.8869; half-time on the excess 0.8869 ÷ 2 for 3.75 weekly-OT hours = $1.66.
//     Gross 725 + 112.50 + 60 + 12 + 112.50 + 29.25 + 1.66 = $1,052.91. Merged into one span (the
//     defect) the second window was lost: top-up 2 h, weekly OT 2 h.
func TestSHARE_OC_F_CallBacksAfterShortGap(t *testing.T) {
	for _, second := range [][2]string{{"Tue 23:45", "00:45"}, {"Tue 00:15", "01:15"}} {
		f := onCallFx(t)
		for _, d := range []string{"Mon", "Wed", "Thu", "Fri"} {
			f.sched(d+" 07:00", "15:30")
			f.work(d+" 07:00", "11:00", 0)
			f.work(d+" 11:30", "15:30", 0)
		}
		f.work("Tue 22:00", "23:00", 0)
		if second[0] == "Tue 00:15" {
			// 75 minutes apart: the control. Windows [22:00, 02:00) and [00:15, 04:15): overlap
			// 1.75 h, top-up 4 + 2.25 − 2 = 4.25 h; checked for the window rule only.
			f.span("Wed 00:15", "01:15", model.RuleNoLunch, model.SpanWorked)
			f.week.Spans[len(f.week.Spans)-1].Workday = f.start.AddDays(2)
			res := f.run()
			if hours(res, "CALLBACK_GUARANTEE", "SHARE-OC-D") != "4.25" {
				t.Fatalf("75-minute control\n%s", dump(res))
			}
			continue
		}
		f.work(second[0], second[1], 0)
		res := f.run()
		if hours(res, "CALLBACK_GUARANTEE", "SHARE-OC-D") != "3.75" || cents(res, "CALLBACK_GUARANTEE") != 11250 {
			t.Fatalf("guarantee\n%s", dump(res))
		}
		if hours(res, "OT", "SHARE-OC-B") != "2" || centsRule(res, "OT", "SHARE-OC-B")+centsRule(res, "DIFF_NIGHT", "SHARE-OC-B") != 7200 {
			t.Fatalf("call-back work\n%s", dump(res))
		}
		if hours(res, "ONCALL", "SHARE-OC-A") != "9.75" || hours(res, "OT", "SHARE-OT-A") != "3.75" || hours(res, "REG") != "36.25" {
			t.Fatalf("standby / weekly OT\n%s", dump(res))
		}
		if cents(res, "REG_RATE_TRUEUP") != 166 {
			t.Fatalf("true-up\n%s", dump(res))
		}
		if got := cents(res, "REG", "OT", "DIFF_NIGHT", "CALLBACK_GUARANTEE", "ONCALL", "REG_RATE_TRUEUP"); got != 105291 {
			t.Fatalf("gross %d, want 105291\n%s", got, dump(res))
		}
	}
}

// TestSHARE_OC_B_CallBackNotStay — OC-STAY: "When a SHARE member is on call after working a full
// shift, and must stay past the end of the shift for up to 45 minutes in order to continue activity
// which began during the shift; such time shall be considered an extended day". An employee who
// punched out at the end of the shift did not stay: called back 45 minutes later, it is a call-back
// (OC-B: "When SHARE members who are on-call report to work, the on-call pay will stop and they
// will be paid at time and-one-half including appropriate differentials").
//
// Scheduled Tue 07:00–15:30, punched out 15:30, on call 15:30 → Wed 07:00, called back
// 16:15–17:15. Hand-worked (base $20): the call-back span begins after 14:00 → EVE (RS-3): OT
// 1 h × $30 = $30.00 + DIFF_EVE 1 h × 1.5 × $2 = $3.00; window [16:15, 20:15) → top-up 3 h ×
// $30 = $90.00 (OC-D); standby 15.5 − 4 = 11.5 h × $3 = $34.50. No SHARE-OC-STAY line.
func TestSHARE_OC_B_CallBackNotStay(t *testing.T) {
	for _, back := range [][2]string{{"Tue 16:15", "17:15"}, {"Tue 16:45", "17:45"}} {
		f := onCallFx(t)
		f.work(back[0], back[1], 0)
		res := f.run()
		for _, l := range res.Lines {
			if l.RuleID == "SHARE-OC-STAY" {
				t.Fatalf("%s: the employee left; not an extended day\n%s", back[0], dump(res))
			}
		}
		if centsRule(res, "OT", "SHARE-OC-B") != 3000 || centsRule(res, "DIFF_EVE", "SHARE-OC-B") != 300 ||
			hours(res, "CALLBACK_GUARANTEE", "SHARE-OC-D") != "3" || cents(res, "CALLBACK_GUARANTEE") != 9000 ||
			cents(res, "ONCALL") != 3450 {
			t.Fatalf("%s\n%s", back[0], dump(res))
		}
	}
}

// TestSHARE_OC_F_Explain — what `payclose explain` shows for the On-Call F case above (call-backs
// Tue 22:00–23:00 and 23:45–00:45): "at least an additional four hours of pay, minus any overlap
// with the previous four-hour minimum". Window 1 [22:00, 02:00): no earlier window, both worked
// hours inside → 4 − 0 − 2 = 2 h. Window 2 [23:45, 03:45): overlap with window 1 = 2.25 h, no
// work in 02:00–03:45 → 4 − 2.25 − 0 = 1.75 h. 3.75 h in all, at 1.5 × $20.
func TestSHARE_OC_F_Explain(t *testing.T) {
	f := onCallFx(t)
	f.work("Tue 22:00", "23:00", 0)
	f.work("Tue 23:45", "00:45", 0)
	c := &Calc{}
	w := &f.week
	w.Emp, w.Zone, w.Start = &f.emp, f.z, f.start
	w.From, w.To = f.z.Instant(f.start, 0), f.z.Instant(f.start.AddDays(7), 0)
	sortSpans(w.Spans)
	c.Calculate(w, profile(t), &model.Result{})
	notes := c.Explain(w)
	want := []string{
		"call-back while on call (On-Call B) at 2026-11-17 22:00: window 2026-11-17 22:00 → 2026-11-18 02:00 (4.00 h); overlap with earlier windows 0.00 h; worked in the rest of the window 2.00 h; guarantee 4.00 − 0.00 − 2.00 = 2.00 h × $30.0000 = $60.00 (SHARE-OC-D)",
		"call-back while on call (On-Call B) at 2026-11-17 23:45: window 2026-11-17 23:45 → 2026-11-18 03:45 (4.00 h); overlap with earlier windows 2.25 h; worked in the rest of the window 0.00 h; guarantee 4.00 − 2.25 − 0.00 = 1.75 h × $30.0000 = $52.50 (SHARE-OC-D)",
	}
	if len(notes) != 3 || notes[0] != want[0] || notes[1] != want[1] || !strings.HasPrefix(notes[2], "guarantee hours of the week: 3.75 h") {
		t.Fatalf("notes:\n%s", strings.Join(notes, "\n"))
	}
}

// TestSHARE_SHIFT_17_TransferRowIsNotACallIn — the export habit the span merge still serves: a
// work-rule transfer written as a new row. "extend their scheduled shift into the hours from 3:00
// pm to 6:59 pm at the request of management … shall receive as an incentive, an hourly amount
// equal to the evening shift differential rate" (SHIFT-17). Scheduled Wed 07:00–15:30, punched
// 07:00–11:00, 11:30–15:30 and a MGMT_REQUEST row 15:32–18:30 (keyed two minutes after the out,
// rounded to 15:30): the employee did not leave; it is the extension of TC-DER-EXT-01, 3 h × $2.00
// incentive, with no call-in minimum.
func TestSHARE_SHIFT_17_TransferRowIsNotACallIn(t *testing.T) {
	f := newFx(t)
	f.sched("Wed 07:00", "15:30")
	f.work("Wed 07:00", "11:00", 0)
	f.work("Wed 11:30", "15:30", 0)
	f.work("Wed 15:30", "18:30", model.RuleMgmtRequest)
	f.week.Spans[2].RawStart += 2 * 60
	res := f.run()
	if hours(res, "DIFF_EXT", "SHARE-SHIFT-17") != "3" || hours(res, "CALLBACK_GUARANTEE") != "0" {
		t.Fatal(dump(res))
	}
}

// TestSHARE_OC_J_SameAtEveryGap — the call-in of TestSHARE_OC_J_CallInAfterShortGap (1 h with
// WORKRULE CALLED_IN, after a day shift punched out at 15:30) comes back 1 to 120 minutes after the
// punch-out, the in punch rounded by the 7/8-minute rule (G-04). On-Call J's "minimum of four hours
// of pay" does not depend on the gap, nor do the evening differential (RS-3, a start after 14:00)
// and the daily overtime of the ninth hour: $252.11 at every gap. (A row at the very minute of the
// out punch is no punch-out: a work-rule transfer, merged into the shift.)
func TestSHARE_OC_J_SameAtEveryGap(t *testing.T) {
	for gap := int64(1); gap <= 120; gap++ {
		f := newFx(t)
		f.sched("Tue 07:00", "15:30")
		f.work("Tue 07:00", "11:00", 0)
		f.work("Tue 11:30", "15:30", 0)
		f.work("Tue 15:30", "16:30", model.RuleCalledIn)
		sp := &f.week.Spans[2]
		sp.RawStart, sp.RawEnd = sp.RawStart+gap*60, sp.RawEnd+gap*60
		round := func(x int64) int64 { // G-04 on the wall clock (EST, no DST change this week)
			r := f.z.Local(x) % 900
			if r/60 >= 8 {
				return x - r + 900
			}
			return x - r
		}
		sp.Start, sp.End = round(sp.RawStart), round(sp.RawEnd)
		res := f.run()
		if got := cents(res); got != 25211 || hours(res, "CALLBACK_GUARANTEE", "SHARE-OC-J") != "3" {
			t.Fatalf("gap %d min: gross %d, want 25211\n%s", gap, got, dump(res))
		}
	}
}

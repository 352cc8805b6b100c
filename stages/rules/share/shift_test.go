package share

import (
	"testing"

	"github.com/payclose/payclose/stages/model"
)

// shCase is one row of the catalog's TC-DER-SH table (share.md §15 A): a Wednesday span with no
// meal deducted and no weekend hours; expected evening and night hours and the shift differential
// in dollars at evening $2.00 and night $4.00 ("Evening Diff: $2.00/hour … Night Diff: $4.00/hour").
type shCase struct {
	id, from, to string
	eve, night   string
	diffCents    int64
}

var shCases = []shCase{
	{"TC-DER-SH-01", "07:00", "15:30", "0", "0", 0},
	{"TC-DER-SH-02", "07:00", "19:00", "4", "0", 800},
	{"TC-DER-SH-03", "07:00", "19:30", "4.5", "0", 900},
	{"TC-DER-SH-04", "07:00", "18:45", "0", "0", 0},
	{"TC-DER-SH-05", "06:00", "14:30", "0", "0", 0},
	{"TC-DER-SH-06", "05:45", "14:15", "0", "1.25", 500},
	{"TC-DER-SH-07", "05:00", "13:30", "0", "2", 800},
	{"TC-DER-SH-08", "04:00", "16:00", "0", "3", 1200},
	{"TC-DER-SH-09", "03:00", "19:00", "4", "4", 2400},
	{"TC-DER-SH-10", "00:00", "08:30", "0", "7", 2800},
	{"TC-DER-SH-11", "06:30", "19:00", "4", "0", 800},
	{"TC-DER-SH-12", "09:00", "18:30", "0", "0", 0},
	{"TC-DER-SH-13", "11:00", "19:30", "4.5", "0", 900},
	{"TC-DER-SH-14", "11:00", "23:30", "8.5", "0", 1700},
	{"TC-DER-SH-15", "11:00", "00:00", "9", "0", 1800},
	{"TC-DER-SH-16", "11:00", "00:15", "8", "1.25", 2100},
	{"TC-DER-SH-17", "12:00", "00:30", "8", "1.5", 2200},
	{"TC-DER-SH-18", "13:00", "18:30", "0", "0", 0},
	{"TC-DER-SH-19", "13:00", "22:00", "7", "0", 1400},
	{"TC-DER-SH-20", "14:00", "18:30", "4.5", "0", 900},
	{"TC-DER-SH-21", "14:00", "22:30", "8.5", "0", 1700},
	{"TC-DER-SH-22", "14:00", "02:30", "9", "3.5", 3200},
	{"TC-DER-SH-23", "15:00", "18:00", "3", "0", 600},
	{"TC-DER-SH-24", "15:00", "23:30", "8.5", "0", 1700},
	{"TC-DER-SH-25", "15:00", "00:00", "9", "0", 1800},
	{"TC-DER-SH-26", "15:00", "00:15", "8", "1.25", 2100},
	{"TC-DER-SH-27", "16:00", "04:00", "7", "5", 3400},
	{"TC-DER-SH-28", "18:00", "00:30", "5", "1.5", 1600},
	{"TC-DER-SH-29", "19:00", "07:00", "4", "8", 4000},
	{"TC-DER-SH-30", "19:00", "07:30", "4", "8.5", 4200},
	{"TC-DER-SH-31", "19:00", "08:30", "4", "8", 4000},
	{"TC-DER-SH-32", "21:00", "23:30", "2.5", "0", 500},
	{"TC-DER-SH-33", "21:00", "05:30", "2", "6.5", 3000},
	{"TC-DER-SH-34", "22:00", "06:30", "0", "8.5", 3400},
	{"TC-DER-SH-35", "22:00", "10:30", "0", "9", 3600},
	{"TC-DER-SH-36", "22:30", "07:00", "0", "8.5", 3400},
	{"TC-DER-SH-37", "23:00", "07:00", "0", "8", 3200},
	{"TC-DER-SH-38", "23:00", "07:30", "0", "8.5", 3400},
	{"TC-DER-SH-39", "23:00", "08:00", "0", "9", 3600},
	{"TC-DER-SH-40", "23:00", "09:00", "0", "8", 3200},
	{"TC-DER-SH-41", "05:00", "07:30", "0", "2.5", 1000},
}

// TestSHARE_SHIFT_ALG runs the whole classification table; the per-rule tests below pick the
// cases each RULES SUMMARY sentence decides and check the rule id on the lines.
func TestSHARE_SHIFT_ALG(t *testing.T) {
	for _, c := range shCases {
		t.Run(c.id, func(t *testing.T) {
			f := newFx(t)
			f.work("Wed "+c.from, c.to, 0)
			res := f.run()
			if hours(res, "DIFF_EVE") != c.eve || hours(res, "DIFF_NIGHT") != c.night || cents(res, "DIFF_EVE", "DIFF_NIGHT") != c.diffCents {
				t.Fatalf("%s–%s: eve %s night %s diff %d; want eve %s night %s diff %d\n%s", c.from, c.to,
					hours(res, "DIFF_EVE"), hours(res, "DIFF_NIGHT"), cents(res, "DIFF_EVE", "DIFF_NIGHT"), c.eve, c.night, c.diffCents, dump(res))
			}
			if cents(res, "DIFF_WKND") != 0 {
				t.Fatalf("a Wednesday span earned weekend differential")
			}
		})
	}
}

// ruleCase: the span, the rule id expected on a line, the pay code and hours under that rule.
type ruleCase struct{ from, to, code, hours string }

func checkRule(t *testing.T, rule string, cases []ruleCase) {
	t.Helper()
	for _, c := range cases {
		f := newFx(t)
		f.work("Wed "+c.from, c.to, 0)
		res := f.run()
		if got := hours(res, c.code, rule); got != c.hours {
			t.Errorf("%s %s–%s: %s hours under %s = %s, want %s\n%s", rule, c.from, c.to, c.code, rule, got, c.hours, dump(res))
		}
	}
}

// "When a shift crosses between day and evening definitions and the shift ENDS at 7:00 pm or
// later, then all hours from 3:00 pm will be paid the evening differential." (TC-DER-SH-02, -13)
func TestSHARE_SHIFT_RS_1(t *testing.T) {
	checkRule(t, "SHARE-SHIFT-RS-1", []ruleCase{{"07:00", "19:00", "DIFF_EVE", "4"}, {"11:00", "19:30", "DIFF_EVE", "4.5"}})
}

// "When a shift crosses between day and evening definitions and the shift ENDS before 7:00 pm,
// then all hours are considered day rate." (TC-DER-SH-04, -12, -18): no differential line at all.
func TestSHARE_SHIFT_RS_2(t *testing.T) {
	for _, c := range [][2]string{{"07:00", "18:45"}, {"09:00", "18:30"}, {"13:00", "18:30"}} {
		f := newFx(t)
		f.work("Wed "+c[0], c[1], 0)
		res := f.run()
		if cents(res, "DIFF_EVE", "DIFF_NIGHT") != 0 || hours(res, "REG") == "0" {
			t.Errorf("%v paid a differential:\n%s", c, dump(res))
		}
	}
}

// "When a shift BEGINS at 2:00 pm or later (within 1 hour of the evening definition) then evening
// differential is paid from the beginning of that shift." (TC-DER-SH-20: 14:00–18:30 → 4.5 EVE,
// even though it ends before 19:00.)
func TestSHARE_SHIFT_RS_3(t *testing.T) {
	checkRule(t, "SHARE-SHIFT-RS-3", []ruleCase{{"14:00", "18:30", "DIFF_EVE", "4.5"}, {"14:00", "22:30", "DIFF_EVE", "8.5"}})
}

// "When a shift crosses between evenings and nights and the shift ENDS after midnight, then the
// hours between 3-11 are paid as evening and the hours from 11 to end of shift are paid as nights."
// (TC-DER-SH-26: 15:00–00:15 → 8 EVE, 1.25 NIGHT; TC-DER-SH-27: 16:00–04:00 → 5 NIGHT.)
func TestSHARE_SHIFT_RS_4(t *testing.T) {
	checkRule(t, "SHARE-SHIFT-RS-4", []ruleCase{{"15:00", "00:15", "DIFF_NIGHT", "1.25"}, {"16:00", "04:00", "DIFF_NIGHT", "5"}, {"16:00", "04:00", "DIFF_EVE", "7"}})
}

// "When the evening shift extends beyond 11:00 pm but ENDS before midnight, the hours are paid as
// evening." (TC-DER-SH-24: 23:00–23:30 of 15:00–23:30 is evening; SH-25 ends exactly 24:00.)
func TestSHARE_SHIFT_RS_5(t *testing.T) {
	checkRule(t, "SHARE-SHIFT-RS-5", []ruleCase{{"15:00", "23:30", "DIFF_EVE", "0.5"}, {"15:00", "00:00", "DIFF_EVE", "1"}})
}

// "When a shift BEGINS at 10:00 pm or later (within 1 hour of the night definition) then the night
// differential is paid from the beginning of that shift." (TC-DER-SH-34, -36.)
func TestSHARE_SHIFT_RS_6(t *testing.T) {
	checkRule(t, "SHARE-SHIFT-RS-6", []ruleCase{{"22:00", "06:30", "DIFF_NIGHT", "8.5"}, {"22:30", "07:00", "DIFF_NIGHT", "8.5"}})
}

// "When a shift crosses between nights and days and the shift ENDS after 8:00 am, then the hours
// between 11-7 are paid as night and the hours between 7:00 am to end of shift are paid as days."
// (TC-DER-SH-40: 23:00–09:00 → 8 NIGHT, 2 h plain; SH-31: 19:00–08:30 → 4 EVENING, 8 NIGHT, 1.5 h
// plain.) The paid hours are the whole span, REG up to the daily 8 (SHARE-OT-B) and OT beyond: the
// 07:00–end hours are paid, only without a differential.
func TestSHARE_SHIFT_RS_7(t *testing.T) {
	for _, c := range []struct{ from, to, eve, night, reg, ot string }{
		{"23:00", "09:00", "0", "8", "8", "2"},
		{"19:00", "08:30", "4", "8", "8", "5.5"},
	} {
		f := newFx(t)
		f.work("Wed "+c.from, c.to, 0)
		res := f.run()
		if hours(res, "DIFF_NIGHT") != c.night || hours(res, "DIFF_NIGHT", "SHARE-SHIFT-RS-8") != "0" || hours(res, "DIFF_EVE") != c.eve ||
			hours(res, "REG") != c.reg || hours(res, "OT") != c.ot {
			t.Errorf("%v:\n%s", c, dump(res))
		}
	}
}

// "When the night shift extends beyond 7:00 am but ENDS before 8:00 am, the hours are paid as
// night." (TC-DER-SH-38: 07:00–07:30 night; SH-39 ends exactly 08:00; SH-41 05:00–07:30.)
func TestSHARE_SHIFT_RS_8(t *testing.T) {
	checkRule(t, "SHARE-SHIFT-RS-8", []ruleCase{{"23:00", "07:30", "DIFF_NIGHT", "0.5"}, {"23:00", "08:00", "DIFF_NIGHT", "1"}, {"05:00", "07:30", "DIFF_NIGHT", "0.5"}})
}

// "When a shift BEGINS at 6:00 am or later (within 1 hour of the day definition) then the day rate
// is paid from the beginning of that shift." (TC-DER-SH-05: 06:00–14:30 → no differential; SH-11.)
func TestSHARE_SHIFT_RS_9(t *testing.T) {
	f := newFx(t)
	f.work("Wed 06:00", "14:30", 0)
	if res := f.run(); cents(res, "DIFF_EVE", "DIFF_NIGHT") != 0 {
		t.Fatalf("06:00 start paid night:\n%s", dump(res))
	}
	f = newFx(t)
	f.work("Wed 05:45", "14:15", 0) // the converse: a start before 06:00 earns night to 07:00
	if res := f.run(); hours(res, "DIFF_NIGHT") != "1.25" {
		t.Fatalf("05:45 start:\n%s", dump(res))
	}
}

// "Evening shift: any shift not included in the definition of a day shift during the hours between
// 3:00 p.m. and 11:00 p.m."; "Night shift: ... between 11:00 p.m. and 7:00 a.m." (SH-23, SH-37.)
func TestSHARE_SHIFT_03(t *testing.T) {
	checkRule(t, "SHARE-SHIFT-03", []ruleCase{{"15:00", "18:00", "DIFF_EVE", "3"}, {"23:00", "07:00", "DIFF_NIGHT", "8"}})
}

// "... so long as the employee works beyond 6:59 p.m., or begins work more than one hour before the
// end of the night shift." (TC-DER-SH-07: 05:00–13:30 → 2 NIGHT; SH-08 04:00–16:00 → 3 NIGHT.)
func TestSHARE_SHIFT_07(t *testing.T) {
	checkRule(t, "SHARE-SHIFT-07", []ruleCase{{"05:00", "13:30", "DIFF_NIGHT", "2"}, {"04:00", "16:00", "DIFF_NIGHT", "3"}})
}

// "Weekend shift: hours between 11:00 p.m. on Friday and 11:00 p.m. on Sunday." (TC-DER-WK-01..06;
// WK-05 pays a day shift under the recommended weekend_diff_day_shifts=true; WK-06 uses the strict
// window: the within-one-hour rule is not applied to the weekend window (share.md A15, the only
// reading implemented, so the profile carries no switch for it).)
func TestSHARE_SHIFT_04(t *testing.T) {
	cases := []struct {
		id, from, to, shiftCode, shiftHours, wknd string
	}{
		{"TC-DER-WK-01", "Fri 23:00", "07:00", "DIFF_NIGHT", "8", "8"},
		{"TC-DER-WK-02", "Fri 15:00", "23:30", "DIFF_EVE", "8.5", "0.5"},
		{"TC-DER-WK-03", "Sun 15:00", "23:30", "DIFF_EVE", "8.5", "8"},
		{"TC-DER-WK-04", "Sun 23:00", "07:00", "DIFF_NIGHT", "8", "0"},
		{"TC-DER-WK-05", "Sat 07:00", "15:30", "DIFF_EVE", "0", "8.5"},
		{"TC-DER-WK-06", "Fri 22:00", "06:30", "DIFF_NIGHT", "8.5", "7.5"},
	}
	for _, c := range cases {
		f := newFx(t)
		f.work(c.from, c.to, 0)
		res := f.run()
		if hours(res, c.shiftCode) != c.shiftHours || hours(res, "DIFF_WKND", "SHARE-SHIFT-04") != c.wknd {
			t.Errorf("%s: %s %s, weekend %s; want %s, %s\n%s", c.id, c.shiftCode, hours(res, c.shiftCode), hours(res, "DIFF_WKND"), c.shiftHours, c.wknd, dump(res))
		}
	}
}

// "Charge Pay: $2.50/hour"; "The charge differential is paid in fifteen-minute increments."
// (SHARE-DIFF-02). A 07:00–15:30 day with charge on the 11:00–15:30 span: 4.5 h × $2.50 = $11.25.
func TestSHARE_DIFF_02(t *testing.T) {
	f := newFx(t)
	f.work("Wed 07:00", "11:00", 0)
	f.work("Wed 11:00", "15:30", model.RuleCharge)
	res := f.run()
	if hours(res, "DIFF_CHARGE", "SHARE-DIFF-02") != "4.5" || cents(res, "DIFF_CHARGE") != 1125 {
		t.Fatalf("charge:\n%s", dump(res))
	}
}

// "When working as a preceptor, a SHARE unit member shall receive an additional $2.50 per hour."
// (SHARE-DIFF-03), stacking with charge: 8.5 h × ($2.50 + $2.50) = $42.50.
func TestSHARE_DIFF_03(t *testing.T) {
	f := newFx(t)
	f.work("Wed 07:00", "15:30", model.RulePreceptor|model.RuleCharge)
	res := f.run()
	if hours(res, "DIFF_PRECEPT", "SHARE-DIFF-03") != "8.5" || cents(res, "DIFF_PRECEPT", "DIFF_CHARGE") != 4250 {
		t.Fatalf("preceptor:\n%s", dump(res))
	}
}

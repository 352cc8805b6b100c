package psu

import "testing"

// PSU-39.5-B on overtime taken as comp time (audit case5). §39.5.B: "Members rendering service on
// a second shift will receive a shift differential of at least one dollar ($1.00) per hour for
// each hour worked." §39.6.E: "the department may authorize compensatory time off, calculated at
// one and one-half times the overtime hours worked … in lieu of paid overtime". The comp replaces
// the overtime pay, not the differential on the hour worked: the catalog's PSU-39-ALG step 5 takes
// comp minutes out of the straight pay (step 6) and the premium term (step 7) only, and step 7
// pays "Σ_m diff(m) … (differential lines, 1.0 × per worked minute)" on every worked minute.
//
// Mon–Fri 15:00–19:00 + 19:30–23:30 (8 h a day, second shift) and Sat 15:00–19:00 (4 h, second
// shift), COMP_ELECT: 44 h worked, weekly overtime the last 4 h (Saturday).
//   - comp 4 × 1.5 = 6 h, overtime cash $0;
//   - straight 40 h × $30 = $1,200.00 (salary $1,125 + 2.5 h);
//   - differential 44 h × $1.00 = $44.00 (before the fix 40 h, $40.00: the 4 comp hours had none);
//   - regular rate (44 × 30 + 44) ÷ 44 = $31.00, no cash overtime, no true-up.
//
// Gross $1,244.00 (before: $1,240.00).
func TestPSU_39_5_B_CompHours(t *testing.T) {
	f := compSecondShiftWeek(t)
	res := f.run()
	if hours(res, "DIFF_SHIFT", "PSU-39.5-B") != "44" || cents(res, "DIFF_SHIFT") != 4400 || res.CompEarned != 6*3600 ||
		hours(res, "OT", "PSU-39.6-E3") != "4" || cents(res, "OT") != 0 || cents(res, "REG_RATE_TRUEUP") != 0 {
		t.Fatalf("%s", dump(res))
	}
	expectGross(t, res, 120000+4400)
}

// PSU-39.5-A with the differential on comp hours: "Base pay for calculating the overtime rate for
// non-exempt members shall be determined by applicable law" — the catalog's step 8, RR = (ΣW ×
// base_rate + Σ diff + …) ÷ ΣW; the differential paid on comp hours is paid for hours worked, so it
// is in the regular rate like any other.
//
// Mon 14:00–24:00 (10 h, second shift), Tue–Fri 08:00–16:00 (32 h, day), Sat 08:00–12:00 (4 h):
// 46 h; daily overtime Mon 22:00–24:00 (2 h, second shift), weekly overtime Sat 08:00–12:00 (the
// last 4 straight hours). COMP_ELECT with 237 h banked: room 3 h = the 2 Monday hours × 1.5, so
// Monday's 2 h are comp (PSU-39.6-E3) and Saturday's 4 h are paid (PSU-39.6-E4: "shall be paid the
// hourly rate authorized for overtime work") at 1.5 × $30 = $45.00.
//   - straight 40 h × $30 = $1,200.00; OT 4 h × $45 = $180.00;
//   - differential Monday 8 h straight + 2 h comp = 10 h × $1.00 = $10.00 (before: $8.00);
//   - RR = (46 × 30 + 10) ÷ 46 = 1,390 ÷ 46 = $30.2174; half-time owed on the 4 cash overtime hours
//     0.5 × 1,390 × 4 ÷ 46 = $60.4348, paid 4 × $15 = $60.00 → REG_RATE_TRUEUP $0.43 (before,
//     without the comp hours' differential: 0.5 × 1,388 × 4 ÷ 46 = $60.3478 → $0.35).
//
// Gross $1,200.00 + $180.00 + $10.00 + $0.43 = $1,390.43.
func TestPSU_39_5_A_RegularRateIncludesCompDifferential(t *testing.T) {
	f := newFx(t, novWeek)
	f.Emp.CompElect = true
	f.Week.CompBalance = 237 * 3600
	f.Work("Mon 14:00-00:00", "Tue 08:00-16:00", "Wed 08:00-16:00", "Thu 08:00-16:00", "Fri 08:00-16:00", "Sat 08:00-12:00")
	res := f.run()
	if res.CompEarned != 3*3600 || hours(res, "OT", "PSU-39.6-E3") != "2" || hours(res, "OT", "PSU-39.6-E4") != "4" ||
		hours(res, "DIFF_SHIFT", "PSU-39.5-B") != "10" || cents(res, "REG_RATE_TRUEUP") != 43 {
		t.Fatalf("%s", dump(res))
	}
	expectGross(t, res, 120000+18000+1000+43)
}

// PSU-39.5-B with a call-back after midnight (audit case9). §39.5.B: "The shift differential will
// be paid in addition to regular salary when the entire workday is on a second or third shift";
// §39.4.D: "A second shift commences at 2:00 p.m. or after and ends no later than 12:00 a.m.";
// §39.14 pays a member "who has left his/her place of employment after having completed work on
// his/her regular shift and who is called back for unscheduled work". The regular shift was
// completed on the second shift; the call-back that follows is other, unscheduled work and does
// not take back the differential already earned on the shift. Whether the call-back's own minutes
// carry a differential is judged as before, with the whole workday (TC-D-06 pays an evening
// call-back after a day shift 4 h × $45, no differential).
//
// Posted and worked Mon–Fri 15:00–19:00 + 19:30–23:00 (7.5 h, second shift; salary $1,125.00),
// base $30.00, called back 01:00–02:00 on Tuesday morning:
//   - on Monday's workday (the export's event date): Monday counts 8.5 h, its last 0.5 h are
//     call-back minutes already at 1.5 (39.6-G). Call-back 1 h × $45 = $45.00 + guarantee 3 h ×
//     $45 = $135.00; differential 5 × 7.5 h × $1.00 = $37.50 (before: Monday's 7.5 h lost, $30.00).
//     Gross $1,125 + $180 + $37.50 = $1,342.50 (before: $1,335.00).
//   - on Tuesday's workday, before Tuesday's 15:00 shift: Tuesday counts 8.5 h, its daily overtime
//     is 22:30–23:00 at 1.5 × ($30 + $1) = $46.50 → $23.25; REG 37 h × $30 = $1,110.00;
//     differential 37 h × $1.00 = $37.00 (before: Tuesday's 7 h lost, $30.00, and the overtime at
//     $45.00, $22.50); call-back $45.00 + guarantee $135.00. Gross $1,110 + $23.25 + $37 + $180 =
//     $1,350.25 (before: $1,342.50).
func TestPSU_39_5_B_CallBackAfterMidnight(t *testing.T) {
	for _, tc := range []struct {
		name     string
		workday  string
		diff     string
		otE2     int64
		gross    int64
		diffCent int64
	}{
		{"Monday's workday", "Mon", "37.5", 0, 112500 + 18000 + 3750, 3750},
		{"Tuesday's workday", "Tue", "37", 2325, 111000 + 2325 + 3700 + 18000, 3700},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFx(t, novWeek)
			for _, d := range []string{"Mon", "Tue", "Wed", "Thu", "Fri"} {
				f.Sched(d + " 15:00-23:00")
				f.Work(d+" 15:00-19:00", d+" 19:30-23:00")
			}
			f.Work("Tue 01:00-02:00")
			for i := range f.Week.Spans {
				if sp := &f.Week.Spans[i]; sp.Start == f.At("Tue", "01:00") {
					sp.Workday = novWeek.AddDays(map[string]int{"Mon": 1, "Tue": 2}[tc.workday])
				}
			}
			res := f.run()
			if hours(res, "DIFF_SHIFT", "PSU-39.5-B") != tc.diff || cents(res, "DIFF_SHIFT") != tc.diffCent ||
				hours(res, "OT", "PSU-39.14") != "1" || cents(res, "OT") != 4500+tc.otE2 ||
				hours(res, "CALLBACK_GUARANTEE", "PSU-39.14") != "3" || cents(res, "REG_RATE_TRUEUP") != 0 {
				t.Fatalf("%s", dump(res))
			}
			expectGross(t, res, tc.gross)
		})
	}
}

// PSU-39.6-E3 in `payclose explain`'s regular-rate check (pipeline.regularRate, from the lines
// through RegularRatePart): comp time is "calculated at one and one-half times the overtime hours
// worked … in lieu of paid overtime", so no cash half-time is owed on comp hours and the check
// must not expect a true-up on them. The week of TestPSU_39_5_B_CompHours: 44 h worked, the 4
// comp hours are worked hours but not cash overtime hours; RR = (44 × $30 + 44 × $1) ÷ 44 = $31.00
// and the expected true-up is on 0 cash overtime hours: $0.00, as the calculation says (no
// REG_RATE_TRUEUP line). Before, the 4 comp hours counted as overtime: (31 − 30) × 0.5 × 4 = $2.00
// expected against none, "MISMATCH".
func TestPSU_39_6_E3_ExplainRegularRate(t *testing.T) {
	f := compSecondShiftWeek(t)
	res := f.run()
	rs, base := profile(t), baseRate(&f.Emp, profile(t))
	var worked, ot, numer int64
	for i := range res.Lines {
		p := family{}.RegularRatePart(&f.Week, rs, &res.Lines[i], base)
		worked, ot, numer = worked+p.Worked, ot+p.OT, numer+p.Straight
	}
	if worked != 44*3600 || ot != 0 || numer != 44*3600*(300000+10000) || cents(res, "REG_RATE_TRUEUP") != 0 {
		t.Fatalf("worked %d s, overtime %d s, numerator %d; want 158400, 0, %d\n%s", worked, ot, numer, int64(44*3600*310000), dump(res))
	}
}

// compSecondShiftWeek is a member electing comp who works second shift Mon–Fri 15:00–23:30 with a
// 30-minute meal and Sat 15:00–19:00: 44 h, 4 h of it overtime taken as comp.
func compSecondShiftWeek(t *testing.T) *fx {
	f := newFx(t, novWeek)
	f.Emp.CompElect = true
	for _, d := range []string{"Mon", "Tue", "Wed", "Thu", "Fri"} {
		f.Work(d+" 15:00-19:00", d+" 19:30-23:30")
	}
	f.Work("Sat 15:00-19:00")
	return f
}

package share

import (
	"testing"
	"time"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/stages/model"
	"github.com/payclose/payclose/stages/rules/rulestest"
)

// hfx is the common fixture in the week starting on the Sunday week (base $20.00, budget 40).
func hfx(t *testing.T, week string) *fx {
	f := newFx(t)
	f.start = mustDate(t, week)
	if f.start.Weekday() != time.Sunday {
		t.Fatalf("%s is not a Sunday", week)
	}
	return f
}

// dayShift schedules and works 07:00–15:30 with the meal 11:00–11:30 (8 h).
func (f *fx) dayShift(d string, rule model.WorkRule) {
	f.sched(d+" 07:00", "15:30")
	f.work(d+" 07:00", "11:00", rule)
	f.work(d+" 11:30", "15:30", rule)
}

// tenHourShift schedules and works 07:00–17:30 with the meal (10 h).
func (f *fx) tenHourShift(d string) {
	f.sched(d+" 07:00", "17:30")
	f.work(d+" 07:00", "12:00", 0)
	f.work(d+" 12:30", "17:30", 0)
}

const h8 = 8 * 3600

// TestSHARE_HOL_01 — "The minor holidays are Martin Luther King Day, Presidents Day, Columbus Day
// and Veterans Day."; "The major holidays are Memorial Day, Independence Day, Labor Day,
// Thanksgiving, Christmas, and New Year's Day." A weekend-pattern employee working 07:00–15:30 on
// each 2026 holiday gets HOL_PREMIUM 8 h on the six major ones and DIFF_HOLIDAY 8 h on the four minor.
func TestSHARE_HOL_01(t *testing.T) {
	var major, minor int
	for _, h := range profile(t).Calendar().Year(2026) {
		f := newFx(t)
		f.start = calendars.WeekStart(h.Actual, time.Sunday)
		f.dayShift([]string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}[h.Actual.Weekday()], 0)
		res := f.run()
		prem, diff := hours(res, "HOL_PREMIUM", "SHARE-HOL-09"), hours(res, "DIFF_HOLIDAY", "SHARE-HOL-08")
		switch {
		case h.Class == calendars.Major && prem == "8" && diff == "0":
			major++
		case h.Class == calendars.Minor && prem == "0" && diff == "8" && cents(res, "DIFF_HOLIDAY") == 680:
			minor++
		default:
			t.Errorf("%s %s: premium %s diff %s\n%s", h.Name, h.Actual, prem, diff, dump(res))
		}
	}
	if major != 6 || minor != 4 {
		t.Fatalf("major %d minor %d", major, minor)
	}
}

// TestSHARE_HOL_02 — ""Holiday benefit time" is the hours that a SHARE member receives when they
// are off on a holiday."; ""Holiday bank time" is the hours that a SHARE member receives when they
// work on a holiday." Off → HOL_BENEFIT paid; worked → bank, no benefit. A HOLIDAY pay-code row on a
// holiday off is the benefit: the automatic benefit pays only what the row leaves of Q (no double).
func TestSHARE_HOL_02(t *testing.T) {
	for _, c := range []struct {
		row, want string
	}{{"", "8"}, {"8", "8"}, {"4", "8"}, {"10", "10"}} {
		f := hfx(t, "2026-11-22")
		f.dayShift("Mon", 0)
		if c.row != "" {
			f.absence("Thu", "HOLIDAY", c.row)
		}
		res := f.run()
		if hours(res, "HOL_BENEFIT") != c.want || res.HolidayBank != 0 {
			t.Fatalf("row %q\n%s", c.row, dump(res))
		}
	}
	f := hfx(t, "2026-11-22")
	f.dayShift("Thu", 0)
	if res := f.run(); hours(res, "HOL_BENEFIT") != "0" || res.HolidayBank != h8 {
		t.Fatal(dump(res))
	}
}

// TestSHARE_HOL_03 — "Your holiday benefit for each holiday is 1/5 of your budgeted weekly hours,
// rounded to the nearest 1/4 hour." TC-DOC-01: the per-holiday column only (the document's annual
// column is 2 × B and contradicts its own 10 × 7.25 = 72.5, §18 item 1).
func TestSHARE_HOL_03(t *testing.T) {
	for _, c := range []struct{ budget, q int64 }{{40, 800}, {36, 725}, {32, 650}, {30, 600}, {24, 475}, {20, 400}} {
		emp := model.Employee{BudgetedWeekly: c.budget * 3600}
		if got := holidayQ(&emp, profile(t)); got != c.q*36 {
			t.Errorf("B=%d: Q = %d s, want %d", c.budget, got, c.q*36)
		}
	}
}

// TestSHARE_HOL_04 — "a holiday officially begins at 11pm the night before and ends at 11pm the
// evening of the holiday"; the 12-hour 7pm–7am exception; evening staff on Christmas and New
// Year's from 3pm. TC-DER-HOL-01..05, Christmas Wed 2019-12-25.
func TestSHARE_HOL_04(t *testing.T) {
	const week = "2019-12-22"
	prem := func(res *model.Result) string { return hours(res, "HOL_PREMIUM") }
	t.Run("TC-DER-HOL-01 night 12/24 23:00–07:30: 8 h ($80.00); 12/25 23:00: 0", func(t *testing.T) {
		f := hfx(t, week)
		f.sched("Tue 23:00", "07:30")
		f.work("Tue 23:00", "03:00", 0)
		f.work("Wed 03:30", "07:30", 0)
		f.week.Spans[1].Workday = f.start.AddDays(2)
		res := f.run()
		if prem(res) != "8" || cents(res, "HOL_PREMIUM") != 8000 || res.HolidayBank != h8 {
			t.Fatal(dump(res))
		}
		f = hfx(t, week)
		f.sched("Wed 23:00", "07:30")
		f.work("Wed 23:00", "03:00", 0)
		f.work("Thu 03:30", "07:30", 0)
		f.week.Spans[1].Workday = f.start.AddDays(3)
		if res := f.run(); prem(res) != "0" {
			t.Fatal(dump(res))
		}
	})
	n12 := func(f *fx, d string) {
		f.sched(d+" 19:00", "07:30")
		f.work(d+" 19:00", "01:00", 0)
		next := map[string]string{"Tue": "Wed", "Wed": "Thu"}[d]
		f.work(next+" 01:30", "07:30", 0)
		f.week.Spans[len(f.week.Spans)-1].Workday = f.start.AddDays(days[d])
	}
	t.Run("TC-DER-HOL-02 12/24 19:00–07:30 (12 worked): whole shift, $120.00, bank 12", func(t *testing.T) {
		f := hfx(t, week)
		n12(f, "Tue")
		res := f.run()
		if prem(res) != "12" || cents(res, "HOL_PREMIUM") != 12000 || res.HolidayBank != 12*3600 {
			t.Fatal(dump(res))
		}
	})
	t.Run("TC-DER-HOL-03 12/25 07:00–19:30: 12 h", func(t *testing.T) {
		f := hfx(t, week)
		f.sched("Wed 07:00", "19:30")
		f.work("Wed 07:00", "13:00", 0)
		f.work("Wed 13:30", "19:30", 0)
		if res := f.run(); prem(res) != "12" {
			t.Fatal(dump(res))
		}
	})
	t.Run("TC-DER-HOL-04 12/25 19:00–07:30: 4 h; after a qualifying 12/24 shift: 0", func(t *testing.T) {
		f := hfx(t, week)
		n12(f, "Wed")
		if res := f.run(); prem(res) != "4" {
			t.Fatal(dump(res))
		}
		f = hfx(t, week)
		n12(f, "Tue")
		n12(f, "Wed")
		if res := f.run(); prem(res) != "12" {
			t.Fatal(dump(res))
		}
	})
	t.Run("TC-DER-HOL-05 evening staff 12/24 15:00–23:30: 8 h; 12/25 15:00–23:30: 0 (SHIFTED_24H)", func(t *testing.T) {
		for _, c := range []struct{ day, want string }{{"Tue", "8"}, {"Wed", "0"}} {
			f := hfx(t, week)
			f.emp.HomeShift = model.ShiftEvening
			f.sched(c.day+" 15:00", "23:30")
			f.work(c.day+" 15:00", "19:00", 0)
			f.work(c.day+" 19:30", "23:30", 0)
			if res := f.run(); prem(res) != c.want {
				t.Fatalf("%s\n%s", c.day, dump(res))
			}
		}
	})
}

// TestSHARE_HOL_05 — "the employee will be paid at his or her regular rate of pay, including any
// shift differential that the person would receive if they had worked their normal hours that day."
// TC-DOC-03/04/05 ("Susan", B = 30, Q = 6) and TC-DOC-07 ("Bob" 4×10, reduced schedule).
func TestSHARE_HOL_05(t *testing.T) {
	susan := func(week, holiday string, work map[string][2]string) *model.Result {
		f := hfx(t, week)
		f.emp.BudgetedWeekly = 30 * 3600
		for d, span := range work {
			f.sched(d+" "+span[0], span[1])
			f.work(d+" "+span[0], span[1], 0)
		}
		return f.run()
	}
	t.Run("TC-DOC-03 holiday on her day off (Labor Day Mon 2026-09-07): 6 + 30 = 36 h, no OT", func(t *testing.T) {
		res := susan("2026-09-06", "Mon", map[string][2]string{"Tue": {"07:00", "13:00"}, "Wed": {"07:00", "15:00"}, "Thu": {"07:00", "15:00"}, "Fri": {"07:00", "15:00"}})
		if hours(res, "HOL_BENEFIT", "SHARE-HOL-05") != "6" || hours(res, "REG") != "30" || hours(res, "OT") != "0" || cents(res) != 720*100 {
			t.Fatal(dump(res))
		}
	})
	t.Run("TC-DOC-04 holiday on her 6-hour day (Christmas Tue 2018-12-25): 6 + 24 = 30 h", func(t *testing.T) {
		res := susan("2018-12-23", "Tue", map[string][2]string{"Wed": {"07:00", "15:00"}, "Thu": {"07:00", "15:00"}, "Fri": {"07:00", "15:00"}})
		if hours(res, "HOL_BENEFIT") != "6" || hours(res, "REG") != "24" || cents(res) != 600*100 {
			t.Fatal(dump(res))
		}
	})
	t.Run("TC-DOC-05 holiday on an 8-hour day (Christmas Wed 2019-12-25): 6 + 6 + 16 = 28 h", func(t *testing.T) {
		res := susan("2019-12-22", "Wed", map[string][2]string{"Tue": {"07:00", "13:00"}, "Thu": {"07:00", "15:00"}, "Fri": {"07:00", "15:00"}})
		if hours(res, "HOL_BENEFIT") != "6" || hours(res, "REG") != "22" || cents(res) != 560*100 {
			t.Fatal(dump(res))
		}
	})
	t.Run("TC-DOC-07 Bob 3×10 with the holiday off: 30 + 8 = 38 h", func(t *testing.T) {
		f := hfx(t, "2026-11-22")
		f.emp.ScheduleType = model.ScheduleFlex
		for _, d := range []string{"Mon", "Tue", "Wed"} {
			f.tenHourShift(d)
		}
		res := f.run()
		if hours(res, "HOL_BENEFIT") != "8" || hours(res, "REG") != "30" || hours(res, "OT") != "0" || cents(res) != 760*100 {
			t.Fatal(dump(res))
		}
	})
}

// TestSHARE_HOL_06 — "including any shift differential that the person would receive if they had
// worked their normal hours that day"; "This will require manual override of the Kronos system by
// the manager, if the SHARE member normally works a shift that qualifies for differential for only
// part of the shift." A regular 19:00–07:00 night employee off on Thanksgiving: 8 × $3.3333 blend.
func TestSHARE_HOL_06(t *testing.T) {
	f := hfx(t, "2026-11-22")
	f.emp.HomeShift = model.ShiftNight
	f.sched("Sun 19:00", "07:00")
	res := f.run()
	if hours(res, "DIFF_REGULAR", "SHARE-HOL-06") != "8" || cents(res, "DIFF_REGULAR") != 2667 || cents(res, "HOL_BENEFIT") != 16000 {
		t.Fatal(dump(res))
	}
}

// bob is TC-DOC-06/08: B = 40, 4 × 10 FLEX, Thanksgiving week; holidayWorked puts a 10-hour shift
// on Thursday.
func bob(t *testing.T, holidayWorked bool, elect string) *model.Result {
	f := hfx(t, "2026-11-22")
	f.emp.ScheduleType = model.ScheduleFlex
	f.emp.HolidayElect = elect
	days := []string{"Mon", "Tue", "Wed", "Fri"}
	if holidayWorked {
		days = []string{"Mon", "Tue", "Wed", "Thu"}
	}
	for _, d := range days {
		f.tenHourShift(d)
	}
	return f.run()
}

// TestSHARE_HOL_07 — "Holiday benefit time paid out for a holiday not worked counts toward the 40
// hours required to earn the over-time rate." TC-DOC-08 (Bob, full schedule, holiday off): "He gets
// 40 hours straight time, and 8 hours at time and a half" = $1,040.00 = 52 × r, whichever weekday.
func TestSHARE_HOL_07(t *testing.T) {
	res := bob(t, false, "")
	if hours(res, "HOL_BENEFIT") != "8" || hours(res, "OT", "SHARE-OT-A") != "8" || cents(res) != 104000 {
		t.Fatal(dump(res))
	}
	// The same with the holiday on a Monday (Labor Day 2026-09-07) worked Tue–Fri.
	f := hfx(t, "2026-09-06")
	f.emp.ScheduleType = model.ScheduleFlex
	for _, d := range []string{"Tue", "Wed", "Thu", "Fri"} {
		f.tenHourShift(d)
	}
	if res := f.run(); cents(res) != 104000 {
		t.Fatal(dump(res))
	}
}

// TestSHARE_HOL_08 — "SHARE members who work any of the four minor holidays shall receive the
// holiday differential of $0.85 for each hour worked on the holiday." Columbus Day 2026-10-12.
func TestSHARE_HOL_08(t *testing.T) {
	f := hfx(t, "2026-10-11")
	f.dayShift("Mon", 0)
	f.dayShift("Tue", 0)
	res := f.run()
	if hours(res, "DIFF_HOLIDAY", "SHARE-HOL-08") != "8" || cents(res, "DIFF_HOLIDAY") != 680 || hours(res, "HOL_PREMIUM") != "0" {
		t.Fatal(dump(res))
	}
}

// TestSHARE_HOL_09 — "SHARE members who work on any of the major holidays shall be paid their
// regular hourly rate at time and a half plus the appropriate shift or weekend differential."
// Thanksgiving day shift: REG 8 × 20 + HOL_PREMIUM 8 × 10; a call-back on the holiday is paid the
// call-back rate only (the higher of the two, cfg.holiday_callback_stack).
func TestSHARE_HOL_09(t *testing.T) {
	f := hfx(t, "2026-11-22")
	f.dayShift("Thu", 0)
	f.span("Thu 15:30", "22:00", 0, model.SpanOnCall)
	f.work("Thu 18:00", "20:00", 0)
	res := f.run()
	if hours(res, "HOL_PREMIUM", "SHARE-HOL-09") != "8" || cents(res, "HOL_PREMIUM") != 8000 || hours(res, "OT", "SHARE-OC-B") != "2" {
		t.Fatal(dump(res))
	}
	// Bank = the 10 holiday hours worked (8 + 2 call-back) > Q.
	if res.HolidayBank != 10*3600 {
		t.Fatal(res.HolidayBank, dump(res))
	}
}

// TestSHARE_HOL_10 — "The number of hours you earn will be the greater of: the number of hours that
// you work on the holiday, or 1/5 your scheduled weekly hours." TC-DOC-06: Bob works a 10-hour
// holiday → 40 h pay and holiday bank 10.
func TestSHARE_HOL_10(t *testing.T) {
	res := bob(t, true, "")
	if res.HolidayBank != 10*3600 || hours(res, "REG") != "40" || hours(res, "HOL_BENEFIT") != "0" || hours(res, "HOL_PREMIUM") != "10" {
		t.Fatal(res.HolidayBank, dump(res))
	}
}

// TestSHARE_HOL_12 — "1) Holiday bank hours can go into their bank for future use."; "2) Holiday
// bank hours can be paid out in the week of the holiday. These hours are paid at straight time and
// do not count toward the 40 hours"; "3) SHARE members can request a different day off that week
// when they work the holiday." TC-DOC-06 PAYOUT: +10 × 20 = $200.00, OT 0.
func TestSHARE_HOL_12(t *testing.T) {
	for _, c := range []struct{ elect, code string }{{"PAYOUT", "HOL_BANK_PAYOUT"}, {"DAYOFF", "HOL_BANK_USED"}} {
		res := bob(t, true, c.elect)
		if hours(res, c.code, "SHARE-HOL-12") != "10" || cents(res, c.code) != 20000 || res.HolidayBank != 0 || hours(res, "OT") != "0" {
			t.Fatalf("%s\n%s", c.elect, dump(res))
		}
	}
}

// TestSHARE_HOL_14 — "will be paid for the hours worked that week, and their holiday benefit hours
// will be put in their bank (1/5 of their budgeted weekly hours, or the number of hours worked on
// the holiday, whichever is greater.)" TC-DOC-02 (Susan, Labor Day): 3 h on the holiday + 32 → paid
// 35 worked, bank 8, OT 0.
func TestSHARE_HOL_14(t *testing.T) {
	f := hfx(t, "2026-09-06")
	f.sched("Mon 07:00", "15:30")
	f.work("Mon 07:00", "10:00", 0)
	for _, d := range []string{"Tue", "Wed", "Thu", "Fri"} {
		f.dayShift(d, 0)
	}
	res := f.run()
	if hours(res, "REG") != "35" || res.HolidayBank != h8 || hours(res, "OT") != "0" || hours(res, "HOL_BENEFIT") != "0" {
		t.Fatal(res.HolidayBank, dump(res))
	}
}

// TestSHARE_HOL_15 — "If you were supposed to have the holiday off but you agree to come in, and
// you take the holiday bank time as cash rather than putting it in your bank, those hours count
// toward the 40-hour overtime calculation." TC-DER-OT-09 and its variant ("originally scheduled
// off" = no posted shift on the holiday).
func TestSHARE_HOL_15(t *testing.T) {
	for _, c := range []struct {
		scheduled bool
		total     int64
	}{{true, 96680}, {false, 104748}} {
		f := hfx(t, "2026-10-11")
		f.emp.HolidayElect = "PAYOUT"
		for _, d := range []string{"Mon", "Tue", "Wed", "Thu", "Fri"} {
			f.dayShift(d, 0)
		}
		if !c.scheduled {
			f.week.Schedule = f.week.Schedule[1:]
		}
		res := f.run()
		if cents(res) != c.total || hours(res, "HOL_BANK_PAYOUT") != "8" {
			t.Fatalf("scheduled %v\n%s", c.scheduled, dump(res))
		}
	}
}

// TestSHARE_OT_K — "SHARE members who work overtime on one of the major holidays will receive time
// and a half for working the major holiday and an additional half time for working overtime on the
// holiday." TC-DER-OT-10: Christmas Fri 2020-12-25, $1,049.41, bank 12.
func TestSHARE_OT_K(t *testing.T) {
	res := otK(t)
	if cents(res) != 104941 || hours(res, "HOL_PREMIUM", "SHARE-OT-K") != "4" || hours(res, "HOL_PREMIUM", "SHARE-HOL-09") != "8" || res.HolidayBank != 12*3600 {
		t.Fatal(res.HolidayBank, dump(res))
	}
}

func otK(t *testing.T) *model.Result {
	f := hfx(t, "2020-12-20")
	for _, d := range []string{"Mon", "Tue", "Wed", "Thu"} {
		f.dayShift(d, 0)
	}
	f.sched("Fri 07:00", "19:30")
	f.work("Fri 07:00", "13:00", 0)
	f.work("Fri 13:30", "19:30", 0)
	return f.run()
}

// TestSHARE_HOL_16 — Holiday Policy §5 repeats Overtime K: "an additional half time for working
// overtime on the holiday". The same case as TestSHARE_OT_K: 4 daily-OT holiday hours get both.
func TestSHARE_HOL_16(t *testing.T) {
	res := otK(t)
	if hours(res, "OT", "SHARE-OT-B") != "4" || cents(res, "HOL_PREMIUM") != 12000 {
		t.Fatal(dump(res))
	}
}

// TestSHARE_HOL_17 — "For major holidays: SHARE members who work Monday through Friday will receive
// the holiday benefit on the observed holiday, including time-and-a half for the major holiday.";
// "Holiday differential will not be paid for working on observed holidays that are different from
// the actual holiday." TC-DER-HOL-06 and -07.
func TestSHARE_HOL_17(t *testing.T) {
	t.Run("TC-DER-HOL-06 Veterans Day Sun 2018-11-11, observed Mon 11/12", func(t *testing.T) {
		f := hfx(t, "2018-11-11")
		f.emp.WeekdayOnly = true
		f.dayShift("Tue", 0)
		if res := f.run(); hours(res, "HOL_BENEFIT") != "8" || res.Lines[0].WorkDate != f.start.AddDays(1) {
			t.Fatal(dump(res))
		}
		f = hfx(t, "2018-11-11")
		f.emp.WeekdayOnly = true
		f.dayShift("Mon", 0)
		if res := f.run(); res.HolidayBank != h8 || hours(res, "DIFF_HOLIDAY") != "0" {
			t.Fatal(dump(res))
		}
		f = hfx(t, "2018-11-11")
		f.dayShift("Sun", 0)
		if res := f.run(); cents(res, "DIFF_HOLIDAY") != 680 || cents(res, "DIFF_WKND") != 2000 {
			t.Fatal(dump(res))
		}
	})
	t.Run("TC-DER-HOL-07 Independence Day Sat 2020-07-04, observed Fri 7/3", func(t *testing.T) {
		f := hfx(t, "2020-06-28")
		f.emp.WeekdayOnly = true
		f.dayShift("Fri", 0)
		if res := f.run(); hours(res, "HOL_PREMIUM") != "8" {
			t.Fatal(dump(res))
		}
		f = hfx(t, "2020-06-28")
		f.dayShift("Sat", 0)
		if res := f.run(); hours(res, "HOL_PREMIUM") != "8" {
			t.Fatal(dump(res))
		}
	})
}

// TestSHARE_HOL_18 — "SHARE members are not entitled to double holiday benefits when working both a
// Friday and Saturday, or Sunday and Monday." An M–F employee working Fri 7/3 and Sat 7/4/2020 gets
// the premium on the observed Friday only, and one bank credit.
func TestSHARE_HOL_18(t *testing.T) {
	f := hfx(t, "2020-06-28")
	f.emp.WeekdayOnly = true
	f.dayShift("Fri", 0)
	f.dayShift("Sat", 0)
	res := f.run()
	if hours(res, "HOL_PREMIUM") != "8" || res.HolidayBank != h8 {
		t.Fatal(res.HolidayBank, dump(res))
	}
}

// TestSHARE_HOL_19 — "If a SHARE member calls in sick on a holiday that they are scheduled to work,
// they do not receive the holiday benefit." TC-DER-HOL-08.
func TestSHARE_HOL_19(t *testing.T) {
	f := hfx(t, "2026-11-22")
	f.sched("Thu 07:00", "15:30")
	f.absence("Thu", "SICK", "8")
	res := f.run()
	if hours(res, "HOL_BENEFIT") != "0" || hours(res, "SICK") != "8" || res.HolidayBank != 0 || rulestest.ExceptionRule(res, "HOLIDAY_FORFEITED_SICK") != "SHARE-HOL-19" {
		t.Fatal(dump(res))
	}
	// An evening employee whose Wednesday shift runs into the holiday window (23:00–23:30) and who
	// is then sick on the scheduled holiday gets no bank hours for that half hour either.
	f = hfx(t, "2026-11-22")
	f.emp.HomeShift = model.ShiftEvening
	f.sched("Wed 15:00", "23:30")
	f.work("Wed 15:00", "19:00", 0)
	f.work("Wed 19:30", "23:30", 0)
	f.sched("Thu 15:00", "23:30")
	f.absence("Thu", "SICK", "8")
	res = f.run()
	if hours(res, "HOL_PREMIUM") != "0.5" || res.HolidayBank != 0 || !hasException(res, "HOLIDAY_FORFEITED_SICK") {
		t.Fatal(res.HolidayBank, dump(res))
	}
}

// TestSHARE_HOL_20 — "When a holiday falls within an approved paid time off period, holiday time
// will be paid." TC-DER-HOL-09: vacation Mon–Fri, Labor Day Monday → HOL_BENEFIT 8 + VACATION 32.
func TestSHARE_HOL_20(t *testing.T) {
	f := hfx(t, "2026-09-06")
	for _, d := range []string{"Mon", "Tue", "Wed", "Thu", "Fri"} {
		f.sched(d+" 07:00", "15:30")
		f.absence(d, "VACATION", "8")
	}
	res := f.run()
	if hours(res, "HOL_BENEFIT", "SHARE-HOL-20") != "8" || hours(res, "VACATION") != "32" || res.Absent != 40*3600 || hours(res, "HOL_BENEFIT") != "8" {
		t.Fatal(dump(res))
	}
}

// TestSHARE_HOL_21 — "If you do not work the holiday, your holiday benefit time is pro-rated,
// whether you would normally have worked on that day or not, and regardless of how many hours you
// would have worked if you had worked." Q, never the shift length: Bob's 10-hour day gives 8.
func TestSHARE_HOL_21(t *testing.T) {
	res := bob(t, false, "")
	if hours(res, "HOL_BENEFIT") != "8" {
		t.Fatal(dump(res))
	}
}

// TestSHARE_HOL_22 — "If you work your normal hours for the week despite the holiday, the holiday
// benefit hours are added to your bank, or you can get them paid out." The default disposition is
// PAY in both the reduced week (TC-DOC-07) and the full week (TC-DOC-08); HOLIDAY_ELECT governs
// only a holiday worked, so an elected BANK does not bank the benefit of a holiday off.
func TestSHARE_HOL_22(t *testing.T) {
	for _, elect := range []string{"", "BANK"} {
		res := bob(t, false, elect)
		if hours(res, "HOL_BENEFIT") != "8" || res.HolidayBank != 0 {
			t.Fatalf("elect %q\n%s", elect, dump(res))
		}
	}
}

// nightHoliday is a regular night nurse (B = 40, base $20.00) in Thanksgiving week 2026 (Thursday
// 11/26) posted 23:00–07:30 on Sun, Mon, Tue, Wed and Fri: the Wednesday shift, 23:00 Wed to
// 07:30 Thu, is the holiday's ("a holiday officially begins at 11pm the night before and ends at
// 11pm the evening of the holiday", HOL-04). worked says which posted nights were worked (meal
// deducted: 8 h each).
func nightHoliday(t *testing.T, elect string, worked ...string) *fx {
	return thanksgivingNurse(t, model.ShiftNight, "23:00", elect, worked...)
}

// thanksgivingNurse is a regular nurse of home shift home (B = 40, base $20.00) in Thanksgiving week
// 2026 posted from start to 07:30 or 23:30 (8.5 h) on Sun, Mon, Tue, Wed and Fri, who worked the
// posted shifts of the days worked (meal deducted: 8 h each).
func thanksgivingNurse(t *testing.T, home model.Shift, start, elect string, worked ...string) *fx {
	end := map[string]string{"23:00": "07:30", "15:00": "23:30"}[start]
	f := hfx(t, "2026-11-22")
	f.emp.HomeShift = home
	f.emp.HolidayElect = elect
	for _, d := range []string{"Sun", "Mon", "Tue", "Wed", "Fri"} {
		f.sched(d+" "+start, end)
	}
	for _, d := range worked {
		f.workMeal(d+" "+start, end, 0)
	}
	return f
}

// TestSHARE_HOL_15_NightShiftBeforeHoliday — "If you were supposed to have the holiday off but you
// agree to come in, and you take the holiday bank time as cash rather than putting it in your bank,
// those hours count toward the 40-hour overtime calculation." and "Holiday bank time for a holiday
// worked, whether cashed out or banked, does not count toward the 40 hours". The night nurse posted
// Wed 23:00 – Thu 07:30 was scheduled to work the holiday (its hours begin at 11pm the night
// before), though no shift is posted on Thursday's date: her payout does not count.
//
//	worked 5 × 8 h = 40 h: REG 40 × $20 = $800.00; NIGHT 40 × $4 = $160.00;
//	WKND Fri 23:00–Sat 07:30 8 × $2.50 = $20.00; HOL_PREMIUM 8 × $10 = $80.00;
//	HOL_BANK_PAYOUT max(8, Q 8) × $20 = $160.00 (not counted) → no overtime: $1,220.00.
//
// Before: the payout counted as "scheduled off" → 48 h, 8 h weekly OT: +8 × $10 + true-up
// 8 × (24.50 − 20) × 0.5 = $18.00 → $1,318.00.
func TestSHARE_HOL_15_NightShiftBeforeHoliday(t *testing.T) {
	res := nightHoliday(t, "PAYOUT", "Sun", "Mon", "Tue", "Wed", "Fri").run()
	if cents(res) != 122000 || hours(res, "OT") != "0" || cents(res, "HOL_BANK_PAYOUT") != 16000 || cents(res, "HOL_PREMIUM") != 8000 {
		t.Fatal(dump(res))
	}
}

// TestSHARE_HOL_19_NightShiftBeforeHoliday — "If a SHARE member calls in sick on a holiday that they
// are scheduled to work, they do not receive the holiday benefit." The night nurse's holiday shift
// is the one posted Wed 23:00 – Thu 07:30 (HOL-04: the holiday begins at 11pm the night before);
// the sick row is dated Wednesday, the shift's workday.
//
//	sick Wed: SICK 8 × $20 = $160.00 and no HOL_BENEFIT (before: 8 × $20 + DIFF 8 × $4 = $192.00
//	paid as a holiday off); 4 nights worked: REG 32 × $20 + NIGHT 32 × $4 + WKND 8 × $2.50 = $788.00
//	→ $948.00 (before $1,140.00).
//
// And the other way: worked the holiday night, sick on Thursday's 23:00 shift, which has no
// holiday hours: she keeps the bank max(8, Q 8) = 8 h (before: forfeited as "sick on the holiday").
func TestSHARE_HOL_19_NightShiftBeforeHoliday(t *testing.T) {
	f := nightHoliday(t, "BANK", "Sun", "Mon", "Tue", "Fri")
	f.absence("Wed", "SICK", "8")
	res := f.run()
	if cents(res) != 94800 || hours(res, "HOL_BENEFIT") != "0" || res.HolidayBank != 0 ||
		rulestest.ExceptionRule(res, "HOLIDAY_FORFEITED_SICK") != "SHARE-HOL-19" {
		t.Fatal(dump(res))
	}
	f = nightHoliday(t, "BANK", "Sun", "Mon", "Tue", "Wed")
	f.sched("Thu 23:00", "07:30")
	f.absence("Thu", "SICK", "8")
	res = f.run()
	if res.HolidayBank != 8*3600 || hasException(res, "HOLIDAY_FORFEITED_SICK") || cents(res, "HOL_PREMIUM") != 8000 {
		t.Fatal(res.HolidayBank, dump(res))
	}
}

// eveningHoliday is thanksgivingNurse on the evening shift, 15:00–23:30, off on the holiday:
// Wednesday's shift has its last half hour, 23:00–23:30, inside the holiday's hours (HOL-04), but
// it is Wednesday's shift.
func eveningHoliday(t *testing.T, elect string, worked ...string) *fx {
	return thanksgivingNurse(t, model.ShiftEvening, "15:00", elect, worked...)
}

// TestSHARE_HOL_15_EveningShiftBeforeHoliday — the evening shift of the day before is not the
// holiday's shift: it only ends in the holiday's hours, and the nurse "was supposed to have the
// holiday off". HOL-15: "If you were supposed to have the holiday off but you agree to come in, and
// you take the holiday bank time as cash rather than putting it in your bank, those hours count
// toward the 40-hour overtime calculation." Worked all five evenings (8 h each after the meal),
// payout elected; Wednesday's 23:00–23:30 is holiday work (premium) and earns the payout:
//
//	Sun REG $160 + EVE 8 × $2 = $16 + WKND 7.5 × $2.50 = $18.75 → $194.75; Mon, Tue $176.00 each;
//	Wed $176.00 + HOL_PREMIUM 0.5 × $10 = $181.00; HOL_BANK_PAYOUT 8 × $20 = $160.00, counted:
//	48 h → Fri's 8 h weekly OT 8 × $30 = $240 + EVE $16 + WKND 0.5 × $2.50 = $1.25 + true-up
//	8 × ½ × ($900 ÷ 40 − $20) = $10.00 → $267.25. Week: $1,155.00.
//
// And HOL-19 ("calls in sick on a holiday that they are scheduled to work"): sick on Wednesday is
// not sick on the holiday: HOL_BENEFIT 8 × $20 + HOL-06 8 × $2 = $176.00 is paid, nothing raised:
// $194.75 + $176 + $176 + SICK $160 + $176 + Fri $177.25 = $1,060.00.
//
// A first reading (the shift with any time in the holiday's hours) made Wednesday's evening the
// holiday's: no OT ($1,065.00) and the benefit forfeited ($884.00); in a generated Thanksgiving
// week of 100,000 employees, 17,956 hours of SHARE overtime went missing that way.
func TestSHARE_HOL_15_EveningShiftBeforeHoliday(t *testing.T) {
	res := eveningHoliday(t, "PAYOUT", "Sun", "Mon", "Tue", "Wed", "Fri").run()
	if cents(res) != 115500 || hours(res, "OT") != "8" || cents(res, "HOL_BANK_PAYOUT") != 16000 {
		t.Fatal(dump(res))
	}
	f := eveningHoliday(t, "BANK", "Sun", "Mon", "Tue", "Fri")
	f.absence("Wed", "SICK", "8")
	res = f.run()
	if cents(res) != 106000 || hours(res, "HOL_BENEFIT") != "8" || hasException(res, "HOLIDAY_FORFEITED_SICK") {
		t.Fatal(dump(res))
	}
}

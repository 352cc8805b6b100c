package share

import (
	"testing"
	"time"

	"github.com/payclose/payclose/stages/model"
)

// Tests at the edges of the windows and limits that mutation testing showed no test pinned (issue
// 12, "Tests that bite"): each case sits where moving the profile number or the constant by one
// step changes pay. Christmas 2019 is a Wednesday; the fixture pays HOL_PREMIUM at 0.5 × $20.00.

// SHARE-HOL-04, holiday_window_start = 23: "For payroll purposes, a holiday officially begins at
// 11pm the night before and ends at 11pm the evening of the holiday for most SHARE members." A
// night shift on Christmas Eve 22:00–06:30 (8.5 h, no meal deducted) has 23:00–06:30 = 7.5 h in the
// holiday: 7.5 × $10.00 = $75.00. (A window opening at 22:00 would give 8.5 h, $85.00.)
func TestSHARE_HOL_04_WindowOpensAt23(t *testing.T) {
	f := hfx(t, "2019-12-22")
	f.sched("Tue 22:00", "06:30")
	f.work("Tue 22:00", "06:30", 0)
	res := f.run()
	if hours(res, "HOL_PREMIUM") != "7.5" || cents(res, "HOL_PREMIUM") != 7500 {
		t.Fatalf("want 7.5 holiday hours, $75.00\n%s", dump(res))
	}
}

// SHARE-HOL-04 Exception 1, holiday_12h_start_early_hours = 0.5 and _late_hours = 0.25: "We shall
// also apply the exception to any SHARE member who works a 12-hour shift or a 12.5 hour shift
// beginning anytime between 6:30pm-7:15pm the evening before the actual holiday". The whole of a
// qualifying shift is holiday time; a shift starting outside 18:30–19:15 has only the 23:00 window.
//   - 18:30–07:00 (12.5 h): qualifies at the early edge, 12.5 h, $125.00;
//   - 18:15–06:45 (12.5 h): 15 minutes too early, 23:00–06:45 = 7.75 h, $77.50;
//   - 19:15–07:15 (12 h): qualifies at the late edge, 12 h, $120.00;
//   - 19:30–07:30 (12 h): too late, 23:00–07:30 = 8.5 h, $85.00.
func TestSHARE_HOL_04_TwelveHourStartTolerance(t *testing.T) {
	for _, c := range []struct {
		from, to, want string
		cents          int64
	}{
		{"18:30", "07:00", "12.5", 12500},
		{"18:15", "06:45", "7.75", 7750},
		{"19:15", "07:15", "12", 12000},
		{"19:30", "07:30", "8.5", 8500},
	} {
		f := hfx(t, "2019-12-22")
		f.sched("Tue "+c.from, c.to)
		f.work("Tue "+c.from, c.to, 0)
		res := f.run()
		if hours(res, "HOL_PREMIUM") != c.want || cents(res, "HOL_PREMIUM") != c.cents {
			t.Errorf("Christmas Eve %s–%s: want %s holiday hours, %d cents\n%s", c.from, c.to, c.want, c.cents, dump(res))
		}
	}
}

// SHARE-SHIFT-04: "Weekend shift: hours between 11:00 p.m. on Friday and 11:00 p.m. on Sunday." A
// Sunday night shift 22:00–06:30 has one weekend hour, 22:00–23:00: $2.50. (A weekend ending at
// 22:00 would pay none; TC-DER-WK-03's Sun 15:00–23:30 cannot tell, its slice starts at 19:00.)
func TestSHARE_SHIFT_04_WeekendEndsSunday23(t *testing.T) {
	f := newFx(t)
	f.work("Sun 22:00", "06:30", 0)
	res := f.run()
	if hours(res, "DIFF_WKND", "SHARE-SHIFT-04") != "1" || cents(res, "DIFF_WKND") != 250 {
		t.Fatalf("want 1 weekend hour, $2.50\n%s", dump(res))
	}
}

// SHARE-SLEEP-03, sleep_max_hours = 8: "If the SHARE member is called back between the hours of
// 11:30pm – 4:30am AND chooses to take their sleep time hours at the beginning of their shift, they
// get a bonus of two additional hours (up to a maximum total of 8)". Called back 23:45–06:30 (6.75 h)
// and reporting at 16:00 for a 07:00–19:30 shift: 6.75 + 2 = 8.75 h earned, 9 h of the shift left
// unworked, so only the cap binds: 8 h of sleep.
func TestSHARE_SLEEP_03_CapBinds(t *testing.T) {
	f := newFx(t)
	f.sched("Tue 07:00", "15:00")
	f.work("Tue 07:00", "15:00", 0)
	f.span("Tue 15:00", "07:00", 0, model.SpanOnCall)
	f.work("Tue 23:45", "06:30", 0)
	f.week.Spans[len(f.week.Spans)-1].Workday = f.start.AddDays(days["Tue"])
	f.sched("Wed 07:00", "19:30")
	f.work("Wed 16:00", "19:30", 0)
	res := f.run()
	if got := hours(res, "SLEEP"); got != "8" {
		t.Fatalf("sleep %s h, want the cap of 8\n%s", got, dump(res))
	}
}

// SHARE-SHIFT-04: "Weekend shift: hours between 11:00 p.m. on Friday and 11:00 p.m. on Sunday."
// isWeekend counts the window from Thursday midnight; this holds it to the calendar's reading
// (the UTC weekday and clock of the local time) every quarter hour of weeks around 1970, whose
// days before the epoch are negative, and of 2026, for the profile's 23:00/23:00 and for window
// times at and past the edges of their days.
func TestSHARE_SHIFT_04_WeekendWindowByWeekday(t *testing.T) {
	for _, wk := range [][2]int64{{23 * hour, 23 * hour}, {0, 0}, {0, day}, {day, day}, {-hour, 25 * hour}, {7 * hour, 30 * 60}} {
		var w windows
		w.setWeekend(wk[0], wk[1])
		for _, from := range []int64{-15 * day, time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC).Unix()} {
			for c := from; c < from+30*day; c += 15 * 60 {
				u := time.Unix(c, 0).UTC()
				clock := int64(u.Hour())*hour + int64(u.Minute())*60
				want := (u.Weekday() == time.Friday && clock >= w.wkStart) || u.Weekday() == time.Saturday ||
					(u.Weekday() == time.Sunday && clock < w.wkEnd)
				if got := w.isWeekend(c); got != want {
					t.Fatalf("weekend %v–%v: isWeekend(%s) = %v, want %v", wk[0], wk[1], u.Format(time.RFC3339), got, want)
				}
			}
		}
	}
}

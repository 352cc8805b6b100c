package share

import (
	"testing"
	"time"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/stages/model"
)

// sundayNurse is a night nurse ($20.00, 40 h budgeted, Q = 8 h, HOL-03) in the week of Christmas
// on Sunday 2022-12-25, with Tue–Fri nights 23:00–07:30 (meal deducted, 8 h each, 32 h) posted
// and worked. satNight is the Saturday 12/24 shift that starts the holiday, "a holiday officially
// begins at 11pm the night before" (HOL-04), paid with its workday in the week of 12/18
// (SHARE-G-02) with its holiday premium; carried says the input had its rows (w.Carried), posted
// whether it was on the schedule.
func sundayNurse(t *testing.T, elect, satFrom string, carried, posted bool) *fx {
	f := newFx(t)
	f.start = calendars.NewDate(2022, time.December, 25)
	f.emp.HomeShift, f.emp.HolidayElect = model.ShiftNight, elect
	for _, d := range []string{"Tue", "Wed", "Thu", "Fri"} {
		f.workMeal(d+" 23:00", "07:30", 0)
		f.sched(d+" 23:00", "07:30")
	}
	if posted {
		var h, m int
		if satFrom == "19:00" {
			h = 19
		} else {
			h = 23
		}
		s := f.z.WallInstant(f.start-1, h, m, 0)
		f.week.Schedule = append([]model.ScheduledShift{{Date: f.start - 1, Start: s, End: f.z.WallInstant(f.start, 7, 30, 0)}}, f.week.Schedule...)
	}
	if carried {
		f.carry(satFrom + "-07:30")
	}
	return f
}

// TestSHARE_HOL_10_SundayHolidayWorkedSaturdayNight — a Sunday holiday worked on the shift that
// starts Saturday 23:00. "The number of hours you earn will be the greater of: the number of hours
// that you work on the holiday, or 1/5 your scheduled weekly hours." (HOL-10); "Holiday benefit
// time is the hours that a SHARE member receives when they are off on a holiday" (HOL-02, HOL-05);
// "Holiday bank time for a holiday worked, whether cashed out or banked, does not count toward the
// 40 hours" (HOL-15). The week of 12/25 sees the Saturday shift in w.Carried: 23:00–07:30 with its
// meal deducted at 03:00–03:30 is 8 h in the holiday's hours (the week of 12/18 paid them REG +
// HOL_PREMIUM 8 × $10.00). So she worked the holiday:
//
//	BANK:   bank max(8, 8) = 8 h, no pay line; 32 h worked + 7 h carried (00:00–07:30 less the
//	        meal) = 39 h ≤ 40: no OT. Gross 4 × (8 × $20.00 + 8 × $4.00 night) + 8 × $2.50
//	        weekend (Fri night's Saturday hours) = $788.00. The old close paid her as off:
//	        HOL_BENEFIT 8 × $20.00 + DIFF 8 × $4.00 = $192.00, counted: 32 + 7 + 8 = 47 → 7 h OT,
//	        $1,066.19.
//	PAYOUT: HOL_BANK_PAYOUT 8 × $20.00 = $160.00, the Saturday shift posted (not "supposed to have
//	        the holiday off"): not counted, no OT, $948.00.
//	12 h:   Saturday 19:00–07:30 (12 h after the meal) is Exception 1's: "the holiday begins at
//	        7pm the evening before … and ends at 7pm on the evening of the holiday", the whole
//	        shift: bank 12 h; $788.00.
//
// Without the Saturday's rows (Carried empty, an input without the overlap) the week cannot see
// the shift (nor its carry-in) and pays the benefit as before: $192.00, 32 + 8 = 40 h, $980.00.
func TestSHARE_HOL_10_SundayHolidayWorkedSaturdayNight(t *testing.T) {
	cases := []struct {
		name            string
		elect, from     string
		carried, posted bool
		bank, benefit   int64 // seconds, cents
		payout, ot      string
		gross           int64
	}{
		{"bank", "BANK", "23:00", true, true, 8 * 3600, 0, "0", "0", 78800},
		{"payout, posted", "PAYOUT", "23:00", true, true, 0, 0, "8", "0", 94800},
		{"12 h from 19:00", "BANK", "19:00", true, true, 12 * 3600, 0, "0", "0", 78800},
		{"no overlap rows", "BANK", "23:00", false, true, 0, 16000, "0", "0", 98000},
	}
	for _, c := range cases {
		f := sundayNurse(t, c.elect, c.from, c.carried, c.posted)
		res := f.run()
		if res.HolidayBank != c.bank || cents(res, "HOL_BENEFIT") != c.benefit || hours(res, "HOL_BANK_PAYOUT") != c.payout ||
			hours(res, "OT") != c.ot || cents(res) != c.gross {
			t.Errorf("%s: bank %d s, benefit %d¢, payout %q h, OT %q h, gross %d¢; want %d s, %d¢, %q h, %q h, %d¢\n%s", c.name,
				res.HolidayBank, cents(res, "HOL_BENEFIT"), hours(res, "HOL_BANK_PAYOUT"), hours(res, "OT"), cents(res),
				c.bank, c.benefit, c.payout, c.ot, c.gross, dump(res))
		}
	}
}

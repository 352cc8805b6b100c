package rules

import (
	"time"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/stages/model"
)

// ExcHolidayLWOP is the exception of a holiday whose pay unpaid time next to it takes away: PSU-21.5
// for exempt members (stages/rules/exempt), PSU-39.10-D for non-exempt ones (stages/rules/psu).
const ExcHolidayLWOP = "HOLIDAY_FORFEITED_LWOP"

// Workdays are the scheduled workdays of week w for the holiday rules, bit k for day k of the week:
// the dates with a posted shift (schedule.csv), or, when nothing is posted in the week, Monday to
// Friday less the holidays cal observes (a holiday is no one's workday next to another holiday;
// PSU-39.4-C's normal week). posted tells which reading it is. The one copy for the families whose
// holiday pay depends on the workdays around the holiday; called only in a week with a holiday.
func Workdays(w *model.Week, cal *calendars.Calendar) (days uint8, posted bool) {
	for _, s := range w.Schedule {
		if k := int(s.Date - w.Start); k >= 0 && k < 7 {
			days |= 1 << k
		}
	}
	if days != 0 {
		return days, true
	}
	for k := 0; k < 7; k++ {
		d := w.Start.AddDays(k)
		if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
			continue
		}
		if _, hol := cal.ObservedOn(d); !hol {
			days |= 1 << k
		}
	}
	return days, false
}

// HolidayNeighbours are the scheduled workdays (Workdays) immediately preceding and immediately
// following day k of the week, as day indices; -1 when there is none in the week. A neighbour in
// the week before or after is not seen: the close pays one week at a time and does not guess at a
// week it was not given, so a family treats a -1 as nothing known against the holiday.
func HolidayNeighbours(days uint8, k int) (prev, next int) {
	prev, next = -1, -1
	for j := k - 1; j >= 0; j-- {
		if days&(1<<j) != 0 {
			prev = j
			break
		}
	}
	for j := k + 1; j < 7; j++ {
		if days&(1<<j) != 0 {
			next = j
			break
		}
	}
	return prev, next
}

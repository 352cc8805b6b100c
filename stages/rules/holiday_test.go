package rules

import (
	"testing"
	"time"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/stages/model"
)

// Workdays and HolidayNeighbours, the holiday rules' reading of the days around a holiday
// (PSU-21.5, PSU-39.10-D). Thanksgiving week 2026 (Sunday 11-22, the holiday Thursday 11-26, day
// 4):
//   - posted Monday, Wednesday and Friday: the neighbours are Wednesday (3) and Friday (5); from
//     Monday (1) nothing is posted before it in the week (-1);
//   - nothing posted: Monday to Friday less the holiday, so Thursday is not a workday and Friday's
//     neighbour before is Wednesday;
//   - posted Monday only: the holiday's next workday is outside the week (-1), not guessed.
func TestWorkdaysHolidayNeighbours(t *testing.T) {
	start := calendars.NewDate(2026, time.November, 22)
	cal := calendars.NewCalendar("T", "test", calendars.NearestWeekday, []calendars.Spec{
		{Name: "Thanksgiving Day", Rule: calendars.NthWeekday(4, time.Thursday, time.November), Class: calendars.Standard},
	})
	week := func(days ...int) *model.Week {
		w := &model.Week{Emp: &model.Employee{}, Start: start}
		for _, k := range days {
			w.Schedule = append(w.Schedule, model.ScheduledShift{Date: start.AddDays(k)})
		}
		return w
	}
	for _, c := range []struct {
		name          string
		w             *model.Week
		days          uint8
		posted        bool
		k, prev, next int
	}{
		{"posted Mon Wed Fri, Thursday", week(1, 3, 5), 0b101010, true, 4, 3, 5},
		{"posted Mon Wed Fri, Monday", week(1, 3, 5), 0b101010, true, 1, -1, 3},
		{"nothing posted, Thursday", week(), 0b101110, false, 4, 3, 5},
		{"nothing posted, Friday", week(), 0b101110, false, 5, 3, -1},
		{"posted Monday only, Thursday", week(1), 0b10, true, 4, 1, -1},
	} {
		days, posted := Workdays(c.w, cal)
		prev, next := HolidayNeighbours(days, c.k)
		if days != c.days || posted != c.posted || prev != c.prev || next != c.next {
			t.Errorf("%s: days %07b posted %v, neighbours %d %d; want %07b %v, %d %d", c.name, days, posted, prev, next, c.days, c.posted, c.prev, c.next)
		}
	}
}

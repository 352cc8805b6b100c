package rules

import (
	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/stages/model"
)

// PostedMeal is the one mechanic, shared by the families, that reads the unpaid meal of each of
// the week's posted shifts from the posting itself: schedule.csv carries no meal, but the
// budgeted week (roster BUDGETED_WEEKLY_HOURS) is hours of work, so the posted week's excess over
// it is its meals, spread evenly over the week's posted shifts. A posted week of exactly the
// budgeted hours has no meal (meal 0, ok). The excess is a meal only when each shift's share is at
// least least and, when most > 0, at most most (the family's own bounds: PSU-39.7-A's "In no case
// will the scheduled meal period be less than thirty (30) minutes nor more than sixty (60)
// minutes"; non-unit NU-HOW-IIIB's "a break of 30 minutes or more need not be payable"). Any
// other posting (a week posted in part, an extra day, uneven shifts whose excess does not divide
// evenly) does not say what a shift's meal is: ok is false and meal 0.
func PostedMeal(w *model.Week, least, most int64) (meal int64, ok bool) {
	var week, shifts int64
	for _, s := range w.Schedule {
		if s.Date >= w.Start && s.Date < w.Start+7 {
			week += s.End - s.Start
			shifts++
		}
	}
	excess := week - w.Emp.BudgetedWeekly
	if shifts == 0 || excess < 0 || excess%shifts != 0 {
		return 0, false
	}
	meal = excess / shifts
	if meal != 0 && (meal < least || (most > 0 && meal > most)) {
		return 0, false
	}
	return meal, true
}

// PostedWork is the scheduled work of date d: the shifts posted on d, each less meal (PostedMeal).
func PostedWork(w *model.Week, d calendars.Date, meal int64) (secs int64) {
	for _, s := range w.Schedule {
		if s.Date == d {
			secs += max(0, s.End-s.Start-meal)
		}
	}
	return secs
}

package rules

import (
	"testing"
	"time"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/stages/model"
)

// PostedMeal reads the meal from the posted week's excess over the budgeted week: four posted
// 07:00–17:30 shifts (4 × 10.5 = 42 h) against a 40-hour budget are 2 h ÷ 4 = 30 minutes of meal
// each, a 10-hour day of work; four 07:00–17:00 shifts (40 h) have none; an excess that does not
// divide evenly, a share under least, or over most (36 h budgeted: 6 h ÷ 4 = 1.5 h), says nothing.
func TestPostedMeal(t *testing.T) {
	start := calendars.NewDate(2026, time.November, 15)
	week := func(budget int64, spans ...[2]int64) *model.Week {
		w := &model.Week{Emp: &model.Employee{BudgetedWeekly: budget * 3600}, Start: start}
		for i, sp := range spans {
			w.Schedule = append(w.Schedule, model.ScheduledShift{Date: start.AddDays(i + 1), Start: sp[0], End: sp[1]})
		}
		return w
	}
	h := func(x float64) int64 { return int64(x * 3600) }
	long := [2]int64{h(7), h(17.5)}
	cases := []struct {
		name        string
		w           *model.Week
		least, most int64
		meal        int64
		ok          bool
	}{
		{"4 × 10.5 h on 40 h", week(40, long, long, long, long), 30 * 60, 0, 30 * 60, true},
		{"4 × 10 h on 40 h", week(40, [2]int64{h(7), h(17)}, [2]int64{h(7), h(17)}, [2]int64{h(7), h(17)}, [2]int64{h(7), h(17)}), 30 * 60, 0, 0, true},
		{"uneven excess", week(40, long, long, long, [2]int64{h(7), h(17.25)}), 30 * 60, 0, 0, false},
		{"share under least", week(41, long, long, long, long), 30 * 60, 0, 0, false},
		{"share over most", week(36, long, long, long, long), 30 * 60, 60 * 60, 0, false},
		{"no upper bound", week(36, long, long, long, long), 30 * 60, 0, 60*60 + 30*60, true},
		{"posted week under budget", week(44, long, long, long, long), 30 * 60, 0, 0, false},
		{"nothing posted", week(40), 30 * 60, 0, 0, false},
	}
	for _, c := range cases {
		meal, ok := PostedMeal(c.w, c.least, c.most)
		if meal != c.meal || ok != c.ok {
			t.Errorf("%s: PostedMeal = %d, %v; want %d, %v", c.name, meal, ok, c.meal, c.ok)
		}
	}
	w := week(40, long, long, long, long)
	if got := PostedWork(w, start.AddDays(1), 30*60); got != h(10) {
		t.Errorf("PostedWork Monday %d s, want 10 h", got)
	}
	if got := PostedWork(w, start, 30*60); got != 0 {
		t.Errorf("PostedWork Sunday (nothing posted) %d s, want 0", got)
	}
}

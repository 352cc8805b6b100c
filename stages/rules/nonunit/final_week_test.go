package nonunit

import (
	"testing"
	"time"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/stages/model"
)

// NU-OT-1's salaried week (the salary over "52 × the employee's scheduled weekly hours", the
// catalog's reading of "the employee's regular hourly rate") in the week an employment ends. No
// sentence of the guidelines prorates a final week; a salary is not earned after the last day
// employed (the catalog's engine rule, as for exempt staff), so the salaried week is the weekdays
// employed. $62,400 (40 h, $30.00 an hour) laid off Thursday 2026-11-19 with nothing punched: 4 of
// the week's 5 weekdays, 40 × 4/5 = 32 h of salary continuation = $960.00 (the full week $1,200.00).
func TestNU_OT_1_finalWeek(t *testing.T) {
	f := newFx(t, novWeek)
	f.Week.Separation = &model.Separation{Employee: "N1", Date: calendars.NewDate(2026, time.November, 19), Reason: model.SepLayoff}
	res := f.run()
	if hours(res, "SALARY_CONT", "NU-OT-1") != "32" {
		t.Errorf("salary continuation %s h, want 32\n%s", hours(res, "SALARY_CONT", "NU-OT-1"), dump(res))
	}
	expectGross(t, res, 96000)
}

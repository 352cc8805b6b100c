package psu

import (
	"testing"
	"time"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/stages/model"
)

// PSU-39.4-B in the week an employment ends: "The regular hours of work for full-time members
// shall be 37.5 hours per week" and the catalog's "Salary for a week covers exactly the scheduled
// minutes" — of the days employed (no sentence of the agreement prorates a final week; a salary
// is not earned after the last day employed, the catalog's engine rule as for exempt staff). F-PSU ($58,500, $30.00 an hour, Monday–Friday 7.5 h) resigning
// Wednesday 2026-11-18 worked Monday and Tuesday (15 h): the salaried week is 3 of its 5 weekdays,
// 37.5 × 3/5 = 22.5 h, so Wednesday's 7.5 h are salary continuation and Thursday–Friday are not
// paid: 22.5 × $30 = $675.00 (the full week would be $1,125.00). Leaving Friday pays the week.
func TestPSU_39_4_B_finalWeek(t *testing.T) {
	for _, c := range []struct {
		last  calendars.Date
		cont  string
		gross int64
	}{
		{calendars.NewDate(2026, time.November, 18), "7.5", 67500},
		{calendars.NewDate(2026, time.November, 20), "22.5", 112500},
	} {
		f := newFx(t, novWeek)
		f.workStandard("Mon", "Tue")
		f.Week.Separation = &model.Separation{Employee: "P1", Date: c.last, Reason: model.SepVoluntary}
		res := f.run()
		if hours(res, "SALARY_CONT", "PSU-39.4-B") != c.cont {
			t.Errorf("last day %s: salary continuation %s h, want %s\n%s", c.last, hours(res, "SALARY_CONT", "PSU-39.4-B"), c.cont, dump(res))
		}
		expectGross(t, res, c.gross)
	}
}

package share

import (
	"testing"

	"github.com/payclose/payclose/stages/model"
)

// TestSHARE_OT_I — "No employee may work more than 13 consecutive days without a minimum of 24
// hours of work-free time." TC-DER-OT-13: worked every calendar day Sun week 1 → Sat week 2 (14
// days) with no 24-hour gap → CONSECUTIVE_DAYS_VIOLATION, pay unaffected. 13 days followed by a
// day off → nothing.
func TestSHARE_OT_I(t *testing.T) {
	names := []string{"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"}
	build := func(daysWorked int) []model.Week {
		var weeks []model.Week
		for k := 0; k < 2; k++ {
			f := newFx(t)
			f.start = testWeek.AddDays(7 * k)
			for i, d := range names {
				if 7*k+i < daysWorked {
					f.work(d+" 07:00", "15:00", 0)
				}
			}
			f.run()
			weeks = append(weeks, f.week)
		}
		return weeks
	}
	var exc []model.Exception
	(&Calc{}).CheckRun(build(14), &exc)
	if len(exc) != 1 || exc[0].Code != "CONSECUTIVE_DAYS_VIOLATION" || exc[0].RuleID != "SHARE-OT-I" || exc[0].Date != testWeek.AddDays(13) {
		t.Fatalf("14 days: %+v", exc)
	}
	exc = nil
	(&Calc{}).CheckRun(build(13), &exc)
	if len(exc) != 0 {
		t.Fatalf("13 days: %+v", exc)
	}
}

package share

import (
	"fmt"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/stages/model"
)

// CheckRun applies Overtime I across the weeks of a run: "No employee may work more than 13
// consecutive days without a minimum of 24 hours of work-free time." A run of worked time with no
// gap of 24 hours that touches 14 or more calendar days raises CONSECUTIVE_DAYS_VIOLATION once. It
// is a compliance check for the clerk; pay is unaffected. A single-week close cannot see 14 days:
// close two weeks (--weeks 2) to check it.
func (c *Calc) CheckRun(weeks []model.Week, exc *[]model.Exception) {
	const gap = 24 * hour
	var runStart, prevEnd int64
	started, reported := false, false
	var z calendars.Zone
	for k := range weeks {
		w := &weeks[k]
		z = w.Zone
		for i := range w.Spans {
			sp := &w.Spans[i]
			if !worked(sp) {
				continue
			}
			if !started || sp.Start-prevEnd >= gap {
				runStart, started, reported = sp.Start, true, false
			}
			prevEnd = max(prevEnd, sp.End)
			first := calendars.Date(calendars.FloorDiv(z.Local(runStart), day))
			last := calendars.Date(calendars.FloorDiv(z.Local(prevEnd-1), day))
			if days := int(last-first) + 1; days >= 14 && !reported {
				reported = true
				*exc = append(*exc, model.Exception{Employee: w.Emp.ID, Date: first.AddDays(13), Code: excConsecutive, RuleID: ruleConsecutive,
					Detail: fmt.Sprintf("worked %d consecutive calendar days from %s without 24 hours off (more than 13 is not allowed); pay is unaffected", days, first)})
			}
		}
	}
}

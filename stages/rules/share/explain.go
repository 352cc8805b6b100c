package share

import (
	"fmt"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
)

// Explain (rules.Explainer) says how each call-back's guarantee of the last week calculated was
// reached: On-Call D's four-hour window from the report time, the part of it worked, the part
// already paid under an earlier window ("minus any overlap with the previous four-hour minimum",
// On-Call F) and the top-up paid.
func (c *Calc) Explain(w *model.Week) []string {
	var out []string
	var total int64
	var prev []ival // the earlier windows
	for i := range c.cbs {
		cb := &c.cbs[i]
		what := [...]string{cbOnCall: "call-back while on call (On-Call B)", cbReleased: "call-back after a low-census release (On-Call C)",
			cbCalledIn: "call-in, not on call (On-Call J)", cbStay: "stay past 45 minutes: call-back from the end of the shift (OC-STAY)"}[cb.kind]
		if cb.oc >= 0 && cb.r != c.shifts[cb.shift].start {
			what = "stay past 45 minutes: call-back from the end of the shift (OC-STAY)"
		}
		if cb.g1 <= cb.g0 {
			out = append(out, fmt.Sprintf("%s at %s: no four-hour window, the next scheduled shift starts less than 4 h later (On-Call D: "+
				"\"called in to work less than four hours prior to the start of their regularly scheduled shift are not eligible\")",
				what, clock(w.Zone, cb.r)))
			continue
		}
		win := cb.g1 - cb.g0
		overlap := win - uncovered(prev, cb.g0, cb.g1)
		in := c.workedOutside(prev, cb.g0, cb.g1)
		prev = addIval(prev, ival{cb.g0, cb.g1})
		s := fmt.Sprintf("%s at %s: window %s → %s (%s h); overlap with earlier windows %s h; worked in the rest of the window %s h; "+
			"guarantee %s − %s − %s = %s h", what, clock(w.Zone, cb.r), clock(w.Zone, cb.g0), clock(w.Zone, cb.g1), hrs(win),
			hrs(overlap), hrs(in), hrs(win), hrs(overlap), hrs(in), hrs(cb.top))
		if cb.top > 0 {
			s += fmt.Sprintf(" × $%s = $%s (%s)", cb.rate, rates.Amount(cb.top, cb.rate), cb.rule)
		}
		out = append(out, s)
		total += cb.top
	}
	if len(c.cbs) > 1 {
		out = append(out, fmt.Sprintf("guarantee hours of the week: %s h (each instant paid once: \"Employees will not be paid more than once for the same period of time\", On-Call F)", hrs(total)))
	}
	return out
}

// workedOutside is the worked time of the week's slices inside [from, to) and outside the
// intervals of set.
func (c *Calc) workedOutside(set []ival, from, to int64) int64 {
	var n int64
	for i := range c.slices {
		s := &c.slices[i]
		if s.end > from && s.start < to {
			n += uncovered(set, max(s.start, from), min(s.end, to))
		}
	}
	return n
}

func hrs(secs int64) string { return rates.HoursDecimal(secs).StringFixed(2) }

// clock is an instant on the site's wall clock, "2026-11-17 16:15".
func clock(z calendars.Zone, t int64) string {
	l := z.Local(t)
	d := calendars.Date(calendars.FloorDiv(l, day))
	m := (l - int64(d)*day) / 60
	return fmt.Sprintf("%s %02d:%02d", d, m/60, m%60)
}

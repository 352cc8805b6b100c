package psu

import (
	"fmt"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
)

// Explain (rules.Explainer) shows each PSU-39.14 call-back of the last week calculated: "a minimum
// of four (4) hours pay at his/her regular hourly overtime rate", the minutes worked in the event
// (a call-back starting within the minimum of an earlier one shares its guarantee, the catalog's
// recommendation) and the guarantee arithmetic.
func (c *Calc) Explain(w *model.Week) []string {
	var out []string
	for i := range c.pieces {
		p := &c.pieces[i]
		if !p.callBack || p.event != i {
			continue
		}
		var worked int64
		n := 0
		for j := i; j < len(c.pieces); j++ {
			if c.pieces[j].callBack && c.pieces[j].event == i {
				worked += c.pieceWorked(j)
				n++
			}
		}
		top := max(0, c.cbMin-worked)
		out = append(out, fmt.Sprintf("call-back (PSU-39.14) at %s: %d call-back(s) in the event, worked %s h; guarantee %s − %s = %s h × $%s = $%s",
			clock(w.Zone, p.start), n, hrs(worked), hrs(c.cbMin), hrs(worked), hrs(top), c.cbRate, rates.Amount(top, c.cbRate)))
	}
	return out
}

func hrs(secs int64) string { return rates.HoursDecimal(secs).StringFixed(2) }

// clock is an instant on the site's wall clock, "2026-11-17 16:15".
func clock(z calendars.Zone, t int64) string {
	l := z.Local(t)
	d := calendars.Date(calendars.FloorDiv(l, day))
	m := (l - int64(d)*day) / 60
	return fmt.Sprintf("%s %02d:%02d", d, m/60, m%60)
}

package share

import (
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
)

// buildShifts groups the week's worked spans into shifts (spans of one workday closer than the
// merge gap, i.e. split only by a meal) and finds the scheduled shift each belongs to.
func (c *Calc) buildShifts(w *model.Week, rs *rates.RuleSet) {
	c.shifts = c.shifts[:0]
	gap := int64(rs.SpanGapMerge)
	for i := range w.Spans {
		sp := &w.Spans[i]
		if !worked(sp) {
			continue
		}
		if n := len(c.shifts); n > 0 {
			last := &c.shifts[n-1]
			if last.workday == sp.Workday && sp.Start-last.end < gap {
				if sp.End > last.end {
					last.end = sp.End
				}
				last.rule |= sp.Rule
				last.worked += sp.Seconds()
				continue
			}
		}
		c.shifts = append(c.shifts, shift{start: sp.Start, end: sp.End, workday: sp.Workday, rule: sp.Rule, sched: -1, worked: sp.Seconds()})
	}
	for i := range c.shifts {
		sh := &c.shifts[i]
		sh.lstart, sh.lend = w.Zone.Local(sh.start), w.Zone.Local(sh.end)
		best := int64(-1)
		for j, s := range w.Schedule {
			if s.Date != sh.workday {
				continue
			}
			ov := min(sh.end, s.End) - max(sh.start, s.Start)
			if ov > best {
				best, sh.sched = ov, j
			}
		}
	}
}

// worked reports whether a span is time worked (restricted-to-premises on-call time is worked).
func worked(sp *model.Span) bool {
	return sp.Kind == model.SpanWorked || sp.Rule&model.RuleRestricted != 0
}

// buildSlices cuts every worked span at DST changes, clock boundaries and the scheduled shift's
// edges, so each slice has one classification.
func (c *Calc) buildSlices(w *model.Week) {
	c.slices = c.slices[:0]
	si := -1
	for i := range w.Spans {
		sp := &w.Spans[i]
		if !worked(sp) {
			continue
		}
		for si+1 < len(c.shifts) && c.shifts[si+1].start <= sp.Start {
			si++
		}
		sh := &c.shifts[si]
		var cut1, cut2 int64 = -1, -1
		if sh.sched >= 0 {
			cut1, cut2 = w.Schedule[sh.sched].Start, w.Schedule[sh.sched].End
		}
		c.pieces = w.Zone.Pieces(c.pieces[:0], sp.Start, sp.End)
		for _, p := range c.pieces {
			for t := p.Start; t < p.End; {
				end := nextBoundary(t+p.Offset) - p.Offset
				if end > p.End {
					end = p.End
				}
				if cut1 > t && cut1 < end {
					end = cut1
				}
				if cut2 > t && cut2 < end {
					end = cut2
				}
				c.slices = append(c.slices, slice{start: t, end: end, local: t + p.Offset, shift: si, rule: sp.Rule, account: sp.Account})
				t = end
			}
		}
	}
}

// split cuts slice i at instant t (start < t < end), keeping both halves in order.
func (c *Calc) split(i int, t int64) {
	s := c.slices[i]
	c.slices = append(c.slices, slice{})
	copy(c.slices[i+2:], c.slices[i+1:])
	left, right := s, s
	left.end = t
	right.start = t
	right.local = s.local + (t - s.start)
	c.slices[i], c.slices[i+1] = left, right
}

package share

import (
	"unsafe"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
	"github.com/payclose/payclose/stages/rules"
	"github.com/payclose/payclose/stages/strtab"
)

// buildShifts groups the week's worked spans into shifts (spans of one workday closer than the
// merge gap, i.e. split only by a meal) and finds the scheduled shift each belongs to.
//
// The merge gap serves BRK-01's punched meal ("A meal period of thirty minutes of unpaid time will
// be scheduled for SHARE members working a shift of six or more consecutive hours"): the export
// shows a shift with a meal as two rows, out and in minutes apart; inside a posted shift, a longer
// meal too (mealInShift). It never joins work the employee came back for after punching out
// (model.CameBack): a call-back is paid "at least an additional four hours of pay" each time
// (On-Call F), a call-in "a minimum of four hours of pay" (On-Call J), whatever the gap; only work
// continuing without a punch-out extends a shift (OC-STAY).
func (c *Calc) buildShifts(w *model.Week, rs *rates.RuleSet) {
	c.shifts = c.shifts[:0]
	gap, grace := int64(rs.SpanGapMerge), model.TransferGrace(rs)
	onCall := model.NotWorked(w.Spans)
	c.notWorked = onCall
	var prev *model.Span
	for i := range w.Spans {
		sp := &w.Spans[i]
		if !worked(sp) {
			continue
		}
		p := prev
		prev = sp
		if n := len(c.shifts); n > 0 {
			last := &c.shifts[n-1]
			if last.workday == sp.Workday && (sp.Start-last.end < gap || mealInShift(p, sp, w.Schedule)) &&
				!model.CameBack(p, sp, grace, w.Schedule, onCall) {
				last.punchedBreak = last.punchedBreak || sp.RawStart > p.RawEnd
				if sp.End > last.end {
					last.end = sp.End
				}
				last.rule |= sp.Rule
				last.worked += sp.Seconds()
				continue
			}
		}
		c.shifts = append(c.shifts, shift{}) // zeroed and filled in place (see rules.Lines.Add)
		sh := &c.shifts[len(c.shifts)-1]
		sh.start, sh.end, sh.workday, sh.rule, sh.sched, sh.worked = sp.Start, sp.End, sp.Workday, sp.Rule, -1, sp.Seconds()
	}
	var cum int64
	for i := range c.shifts {
		sh := &c.shifts[i]
		sh.lstart, sh.lend = c.near.Local(sh.start), c.near.Local(sh.end)
		c.placeMeal(sh, rs)
		cum += sh.worked
		sh.inBudget = !c.sw.withinBudget || cum <= w.Emp.BudgetedWeekly
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

// mealInShift reports whether the time off the clock between worked spans prev and next, however
// long, is a meal taken inside a posted shift: prev is worked on the posted shift and next starts
// before that shift ends. The catalog's spans: "Consecutive punches separated only by an unpaid
// meal, or by a gap < cfg.span_gap_merge (default 60 min), form one span". A meal punched out for
// an hour (or 53 minutes, which rounding makes an hour) leaves one shift with its meal punched, not
// two shifts of which the second, six hours or more, would have another 30 minutes deducted
// (BRK-01: "A meal period of thirty minutes of unpaid time will be scheduled").
func mealInShift(prev, next *model.Span, sched []model.ScheduledShift) bool {
	for i := range sched {
		if s := &sched[i]; s.Start < prev.End && prev.Start < s.End && next.Start < s.End {
			return true
		}
	}
	return false
}

// placeMeal applies the meal rule (BRK-01): "A meal period of thirty minutes of unpaid time will
// be scheduled for SHARE members working a shift of six or more consecutive hours." The catalog's
// reading: "if meal punches exist, deduct the punched meal (>= 30 min; a shorter break is paid).
// Else deduct 0.5 h". So a shift with a punched break (an out and an in between its spans) has its
// meal in the punches and nothing more is deducted: the time off the clock is the meal, and a
// break shorter than the meal is paid (buildSlices; 29 CFR 785.18: "Rest periods of short
// duration, running from 5 minutes to about 20 minutes ... must be counted as hours worked"). An
// automatic deduction never takes time the record shows as worked. Only a shift punched straight
// through has the meal deducted, at its midpoint on the quarter hour (cfg.meal_placement =
// MIDPOINT), unless the employee worked through it: "Employees who need to return pages or answer
// calls during their meal break shall be considered as having 'no lunch' and ... compensated for
// that time" (WORKRULE NO_LUNCH, and on-call time restricted to the premises, which is answering
// calls by definition).
func (c *Calc) placeMeal(sh *shift, rs *rates.RuleSet) {
	meal := int64(rs.MealDeduct)
	sh.meal, sh.mealTo = 0, 0
	if meal <= 0 || sh.rule&(model.RuleNoLunch|model.RuleRestricted) != 0 || sh.punchedBreak || sh.end-sh.start < int64(rs.MealAfter) {
		return
	}
	const quarter = 15 * 60
	mid := (sh.start+sh.end)/2 - meal/2
	sh.meal = mid - ((mid%quarter)+quarter)%quarter
	sh.mealTo = sh.meal + meal
	sh.worked -= meal
}

// worked reports whether a span is time worked (restricted-to-premises on-call time is worked).
func worked(sp *model.Span) bool {
	return sp.Kind == model.SpanWorked || sp.Rule&model.RuleRestricted != 0
}

// buildSlices cuts every worked span at DST changes, clock boundaries and the scheduled shift's
// edges, so each slice has one classification, leaving out a deducted meal. A punched break
// shorter than the meal is worked time (BRK-01: "a shorter break is paid"; switch
// short_break_paid; rules.PaidBreak with the profile's paid_break_under_minutes, the 30-minute
// meal). It returns the seconds deducted and the seconds of break added.
func (c *Calc) buildSlices(w *model.Week, rs *rates.RuleSet) (deducted, added int64) {
	c.slices = c.slices[:0]
	si, prev := -1, -1
	for i := range w.Spans {
		sp := &w.Spans[i]
		if !worked(sp) {
			continue
		}
		for si+1 < len(c.shifts) && c.shifts[si+1].start <= sp.Start {
			si++
		}
		if prev >= 0 && c.shifts[si].start <= w.Spans[prev].Start && c.sw.shortBreakPaid {
			if gap := rules.PaidBreak(rs, w.Spans[prev].End, sp.Start); gap > 0 {
				deducted += c.addInterval(w, rs, si, w.Spans[prev].End, sp.Start, prev)
				added += gap
			}
		}
		deducted += c.addInterval(w, rs, si, sp.Start, sp.End, i)
		prev = i
	}
	return deducted, added
}

// addInterval appends the slices of worked time [start, end) of shift si, each with its
// differential, and returns the seconds of its deducted meal that fell inside; the slices carry
// span k's work rule, account and base.
func (c *Calc) addInterval(w *model.Week, rs *rates.RuleSet, si int, start, end int64, k int) (deducted int64) {
	sh := &c.shifts[si]
	sp := &w.Spans[k]
	// Every slice of the interval is this one but for its times: set once here, so each append
	// copies it instead of zeroing and filling a new literal.
	s := slice{shift: int32(si), workday: sh.workday, span: int32(k), slicePay: slicePay{rule: sp.Rule, base: rules.BaseOf(c.bases, sp.Pay)}}
	var cut1, cut2 int64 = -1, -1
	if sh.sched >= 0 {
		cut1, cut2 = w.Schedule[sh.sched].Start, w.Schedule[sh.sched].End
	}
	var one [1]calendars.Piece
	pieces := one[:]
	if off, ok := c.near.Fixed(start, end); ok {
		one[0] = calendars.Piece{Start: start, End: end, Offset: off} // most intervals: no Pieces call
	} else {
		c.pieces = c.near.Pieces(c.pieces[:0], start, end)
		pieces = c.pieces
	}
	// A slice's midnight and weekday are counted from the local Thursday midnight of the piece's
	// start (1970-01-01 was a Thursday), moved on a week when a slice passes the next: one signed
	// division per piece where there were two per slice.
	const week = 7 * day
	for _, p := range pieces {
		thu := calendars.FloorDiv(p.Start+p.Offset, week) * week
		for t := p.Start; t < p.End; {
			if t >= sh.meal && t < sh.mealTo {
				skip := min(sh.mealTo, p.End)
				deducted += skip - t
				t = skip
				continue
			}
			local := t + p.Offset
			for local-thu >= week {
				thu += week
			}
			inWeek := local - thu
			midnight := thu + int64(uint64(inWeek)/uint64(day))*day
			end := c.win.nextAt(local, midnight) - p.Offset
			if sh.meal > t && sh.meal < end {
				end = sh.meal
			}
			if end > p.End {
				end = p.End
			}
			if cut1 > t && cut1 < end {
				end = cut1
			}
			if cut2 > t && cut2 < end {
				end = cut2
			}
			// The times are set in the slice's place, after the copy: set on s first, they
			// would be read back by the copy's 16-byte moves before the 8-byte stores reach
			// the cache, which the CPU cannot forward.
			c.slices = append(c.slices, s)
			n := &c.slices[len(c.slices)-1]
			n.start, n.end, n.local = t, end, local
			c.differential(w, rs, n, sh, midnight, inWeek)
			t = end
		}
	}
	return deducted
}

// samePay reports whether two slices are paid alike but for their labor account: everything
// but the time and the account is the same. The pay is compared as its three words with one
// branch: == on slicePay is compiled field by field, eleven compares and branches with the
// differential's code and rule, and with the account's compare too large to inline.
func samePay(a, b *slice) bool {
	x, y := a.payWords(), b.payWords()
	return x[0]^y[0]|x[1]^y[1]|x[2]^y[2]|uint64(a.diffs()^b.diffs()) == 0
}

// sameAccount reports whether two slices of week w are worked on the same labor account (two
// spans of a shift, either side of a punched meal, mostly have the same).
func sameAccount(w *model.Week, a, b *slice) bool {
	return a.span == b.span || strtab.Same(w.Spans[a.span].Account, w.Spans[b.span].Account)
}

// payWords is s.slicePay as three words: it has no padding (TestSlicePayWords), so equal words
// are equal fields.
func (s *slice) payWords() *[3]uint64 { return (*[3]uint64)(unsafe.Pointer(&s.slicePay)) }

// diffs is s.diffCode and s.diffRule, which lie side by side (TestSlicePayWords), as one word.
func (s *slice) diffs() uint16 { return *(*uint16)(unsafe.Pointer(&s.diffCode)) }

// account is the labor account slice s is worked on.
func (s *slice) account(w *model.Week) string { return w.Spans[s.span].Account }

// split cuts slice i at instant t (start < t < end), keeping both halves in order.
func (c *Calc) split(i int, t int64) { c.slices = rules.SplitAt(c.slices, i, t) }

// The rules.Timed methods: the overtime mechanics shared with other families. A premium slice
// (call-back, extended day) is paid at time and a half already and never becomes threshold
// overtime.
func (s *slice) Span() (int64, int64) { return s.start, s.end }
func (s *slice) Overtime() bool       { return s.ot != straight || s.premium }
func (s *slice) SetOvertime()         { s.ot = weeklyOT }
func (s *slice) Cut(t int64) (slice, slice) {
	left, right := *s, *s
	left.end, right.start = t, t
	right.local = s.local + (t - s.start)
	return left, right
}

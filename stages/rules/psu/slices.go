package psu

import (
	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
	"github.com/payclose/payclose/stages/rules"
)

// buildPieces groups worked spans into pieces (same workday, gaps under the merge gap: a meal),
// notes which adjoin the posted schedule, finds the call-backs and sums each workday.
//
// The merge gap serves the export habit of a punched meal (an out and an in minutes apart inside
// the workday). It never joins work the member came back for after punching out (model.CameBack):
// PSU-39.14 pays a member who "left his/her place of employment" and is "called back for
// unscheduled work" a minimum of four hours, whatever the gap; such a piece adjoins the posted
// schedule only if it overlaps it.
//
// A punched break inside a piece shorter than the profile's paid_break_under_minutes (20) is a
// rest period, worked time (PSU-39.8, rules.PaidBreak): it counts in the workday's total, so
// toward the 8-hour day (buildSlices pays it).
func (c *Calc) buildPieces(w *model.Week, rs *rates.RuleSet) {
	c.pieces = c.pieces[:0]
	c.days = [7]dayTotals{}
	gap, grace := int64(rs.SpanGapMerge), model.TransferGrace(rs)
	onCall := model.NotWorked(w.Spans)
	var prev *model.Span
	for i := range w.Spans {
		sp := &w.Spans[i]
		if sp.Kind != model.SpanWorked {
			continue
		}
		back := prev != nil && model.CameBack(prev, sp, grace, w.Schedule, onCall)
		// A CALLED_IN row after a punch-out (or the week's first) is the timekeeper saying the
		// member was called back: findCallBacks (PSU-39.14).
		calledIn := sp.Rule&model.RuleCalledIn != 0 && (prev == nil || sp.RawStart > prev.RawEnd)
		before := prev
		prev = sp
		wd := dayIndex(w, sp.Workday)
		if n := len(c.pieces); n > 0 {
			last := &c.pieces[n-1]
			if last.wd == wd && sp.Start-last.end < gap && !back {
				last.end = max(last.end, sp.End)
				last.rule |= sp.Rule
				c.addDay(w, wd, sp)
				c.days[wd].worked += rules.PaidBreak(rs, before.End, sp.Start)
				continue
			}
		}
		c.pieces = append(c.pieces, piece{start: sp.Start, end: sp.End, wd: wd, rule: sp.Rule, event: -1, back: back, calledIn: calledIn})
		c.addDay(w, wd, sp)
	}
	for i := range c.pieces {
		p := &c.pieces[i]
		adjoin := gap
		if p.back {
			adjoin = 0
		}
		for _, s := range w.Schedule {
			if s.Start < p.end+adjoin && p.start < s.End+adjoin {
				p.sched = true
				break
			}
		}
	}
	c.findCallBacks(w, rs)
}

func (c *Calc) addDay(w *model.Week, wd int, sp *model.Span) {
	d := &c.days[wd]
	ls, le := c.near.Local(sp.Start), c.near.Local(sp.End)
	if d.worked == 0 || ls < d.first {
		d.first = ls
	}
	if le > d.last {
		d.last = le
	}
	d.worked += sp.Seconds()
}

// findCallBacks applies PSU-39.14: a member who "left his/her place of employment … called back
// for unscheduled work prior to the commencement of his/her next scheduled shift shall receive a
// minimum of four (4) hours pay at his/her regular hourly overtime rate". A piece is a call-back
// when it is unscheduled, not an in-service meeting, and
//   - starts during a standby period (PSU-39.9-A: work during standby), or
//   - is a WORKRULE CALLED_IN row after a punch-out: the timekeeper says the member was called back
//     (as SHARE pays a CALLED_IN shift as a call-in whatever the schedule), also on an unscheduled
//     day, or
//   - follows, after a punch-out, a worked scheduled shift the member had left (model.CameBack) or
//     an earlier call-back (the member left again: every return before the next scheduled shift
//     is "called back"), on the same workday or before that day's scheduled shift.
//
// Unflagged work on an unscheduled extra day is not a call-back: nothing says the member was
// called back for it rather than scheduled to it in advance. Call-backs starting within the
// minimum of an earlier one share its guarantee; one starting after that window is an event of
// its own with its own minimum (catalog PSU-39.14 Ambiguity 1: "a second call-back starting within
// the first event's 4-hour guarantee window merges into the first event").
func (c *Calc) findCallBacks(w *model.Week, rs *rates.RuleSet) {
	first := -1
	for i := range c.pieces {
		p := &c.pieces[i]
		if p.sched || p.rule&model.RuleInService != 0 {
			continue
		}
		cb := onStandby(w, p.start) || p.calledIn
		if !cb && i > 0 {
			prev := &c.pieces[i-1]
			left := (prev.sched && p.back) || (prev.callBack && p.start > prev.end)
			cb = left && (prev.wd == p.wd || scheduledAfter(w, w.Start.AddDays(p.wd), p.start))
		}
		if !cb {
			continue
		}
		p.callBack = true
		if first >= 0 && p.start < c.pieces[first].start+int64(rs.CallBackMin) {
			p.event = first
		} else {
			first, p.event = i, i
		}
	}
}

func onStandby(w *model.Week, t int64) bool {
	for i := range w.Spans {
		sp := &w.Spans[i]
		if sp.Kind == model.SpanOnCall && sp.Start <= t && t < sp.End {
			return true
		}
	}
	return false
}

// scheduledAfter reports a posted shift on date d starting after t.
func scheduledAfter(w *model.Week, d calendars.Date, t int64) bool {
	for _, s := range w.Schedule {
		if s.Date == d && s.Start > t {
			return true
		}
	}
	return false
}

func dayIndex(w *model.Week, d calendars.Date) int {
	k := int(d - w.Start)
	return min(max(k, 0), 6)
}

// buildSlices cuts worked spans at DST changes, local midnights (the holiday-worked window is the
// calendar date) and the holiday eve hour (the differential window), and gives each slice its
// workday's shift differential (shiftDiffs: the workday's own work is judged without its
// call-backs). A punched break between two spans of one piece shorter than
// paid_break_under_minutes is a rest period and worked time: PSU-39.8 "One fifteen-minute rest
// period will be given to members during each four-hour work period ... may not be used to
// shorten the length of the workday"; the catalog: "Rest periods are WORK (paid; FLSA 29 CFR
// 785.18, HRG: breaks < 20 min payable)". It is paid on the account and rate of the span before
// it and counts toward overtime; a 30-minute meal stays unpaid (PSU-39.7-A). It returns the
// seconds of break added (Result.Added).
func (c *Calc) buildSlices(w *model.Week, rs *rates.RuleSet) (added int64) {
	c.slices = c.slices[:0]
	sd, sdBack := c.shiftDiffs(w, rs)
	pi := -1
	var prev *model.Span
	for i := range w.Spans {
		sp := &w.Spans[i]
		if sp.Kind != model.SpanWorked {
			continue
		}
		for pi+1 < len(c.pieces) && c.pieces[pi+1].start <= sp.Start {
			pi++
		}
		wd := dayIndex(w, sp.Workday)
		diff := sd[wd]
		if c.pieces[pi].callBack {
			diff = sdBack[wd]
		}
		if prev != nil && c.pieces[pi].start <= prev.Start {
			if gap := rules.PaidBreak(rs, prev.End, sp.Start); gap > 0 {
				c.addSlices(rs, prev, prev.End, sp.Start, wd, pi, diff)
				added += gap
			}
		}
		prev = sp
		c.addSlices(rs, sp, sp.Start, sp.End, wd, pi, diff)
	}
	return added
}

// shiftDiffs is the PSU-39.5-B differential of each workday: "The shift differential will be paid
// in addition to regular salary when the entire workday is on a second or third shift."
//
// sd is for the workday's own work, judged without its call-backs: §39.14 pays a member "who has
// left his/her place of employment after having completed work on his/her regular shift and who is
// called back for unscheduled work", so the shift was completed before the call-back, and a
// call-back after midnight (or in the morning before an evening shift) does not make that shift
// any less a second shift (audit case9: 15:00–23:00 worked, called back 01:00–02:00; the
// workday's first in and last out, 15:00 to 02:00, fit no shift and the 7.5 h lost their $7.50).
//
// sdBack is for the call-back minutes, judged as before on the whole workday, call-backs
// included: a call-back carries the differential when its workday, with it, is all on one shift
// (an evening shift called back at 23:30), and none after a day shift (the catalog's TC-D-06: a
// call-back 20:00–21:30 after a day shift is "4 h × $45", no differential). A workday with only
// call-backs keeps that reading for them.
func (c *Calc) shiftDiffs(w *model.Week, rs *rates.RuleSet) (sd, sdBack [7]rates.Rate) {
	back := false
	for i := range c.pieces {
		back = back || c.pieces[i].callBack
	}
	if !back { // most weeks: no call-back, the workday's own work is all of it (addDay's first, last)
		for k := range c.days {
			if d := &c.days[k]; d.worked != 0 && shiftQualifies(rs, w.Start.AddDays(k), d.first, d.last) {
				sd[k], sdBack[k] = rs.ShiftDiff, rs.ShiftDiff
			}
		}
		return sd, sdBack
	}
	var first, last [7]int64
	var own [7]bool
	for i := range c.pieces {
		p := &c.pieces[i]
		if p.callBack {
			continue
		}
		ls, le := c.near.Local(p.start), c.near.Local(p.end)
		if !own[p.wd] || ls < first[p.wd] {
			first[p.wd] = ls
		}
		if !own[p.wd] || le > last[p.wd] {
			last[p.wd] = le
		}
		own[p.wd] = true
	}
	for k := range c.days {
		d := &c.days[k]
		if d.worked == 0 {
			continue
		}
		date := w.Start.AddDays(k)
		if shiftQualifies(rs, date, d.first, d.last) {
			sdBack[k] = rs.ShiftDiff
		}
		if own[k] && shiftQualifies(rs, date, first[k], last[k]) {
			sd[k] = rs.ShiftDiff
		}
	}
	return sd, sdBack
}

// addSlices appends the slices of worked time [start, end) of piece pi on workday wd, on span
// sp's account and rate.
func (c *Calc) addSlices(rs *rates.RuleSet, sp *model.Span, start, end int64, wd, pi int, sd rates.Rate) {
	var one [1]calendars.Piece
	pieces := one[:]
	if off, ok := c.near.Fixed(start, end); ok {
		one[0] = calendars.Piece{Start: start, End: end, Offset: off} // most spans: no Pieces call
	} else {
		c.zp = c.near.Pieces(c.zp[:0], start, end)
		pieces = c.zp
	}
	for _, zp := range pieces {
		for t := zp.Start; t < zp.End; {
			local := t + zp.Offset
			end := min(nextCut(rs, local)-zp.Offset, zp.End)
			c.slices = append(c.slices, slice{start: t, end: end, local: local, wd: wd, piece: pi, sd: sd, account: sp.Account, base: rules.BaseOf(c.bases, sp.Pay)})
			t = end
		}
	}
}

// nextCut is the first local midnight or holiday eve hour strictly after local time t.
func nextCut(rs *rates.RuleSet, t int64) int64 {
	d := calendars.FloorDiv(t, day) * day
	if eve := d + int64(rs.HolidayEve); eve > t && eve < d+day {
		return eve
	}
	return d + day
}

// shiftQualifies is PSU-39.4-D with PSU-39.5-B: the differential is paid "when the entire workday
// is on a second or third shift". "A second shift commences at 2:00 p.m. or after and ends no later
// than 12:00 a.m. A third shift commences at 10:00 p.m. or after and ends no later than 8:00 AM."
// first and last are the wall clock of the workday's first in and last out; a third shift may
// also start after midnight on its own date (catalog PSU-39.4-D).
func shiftQualifies(rs *rates.RuleSet, d calendars.Date, first, last int64) bool {
	mid := int64(d) * day
	second := first >= mid+int64(rs.SecondShiftStart) && last <= mid+int64(rs.SecondShiftEnd)
	third := first >= mid+int64(rs.ThirdShiftStart) && last <= mid+day+int64(rs.ThirdShiftEnd)
	early := first >= mid && first < mid+int64(rs.ThirdShiftEnd) && last <= mid+int64(rs.ThirdShiftEnd)
	return second || third || early
}

// markHolidays flags worked slices on an observed holiday (PSU-39.10-B, the calendar date, the
// catalog's CALENDAR_DATE window) and inside a named holiday's 23:00–23:00 window (PSU-39.10-F,
// on the observed date, the catalog's recommendation).
func (c *Calc) markHolidays(w *model.Week, rs *rates.RuleSet) {
	c.holDays = [7]holDay{}
	// The dates looked up below: the week's (holidayBenefits) and each slice's date and the next
	// (the 23:00 window). Most weeks have no holiday among them: one check for the week.
	from, to := w.Start, w.Start+7
	for i := range c.slices {
		d := calendars.Date(calendars.FloorDiv(c.slices[i].local, day))
		from, to = min(from, d), max(to, d+2)
	}
	if c.holidayNear = c.cal.AnyIn(from, to); !c.holidayNear {
		return // slices are made unflagged
	}
	double := w.Emp.HolidayElect != "PAY_PLUS_COMP" // DOUBLE is the default when unelected
	for i := range c.slices {
		s := &c.slices[i]
		d := calendars.Date(calendars.FloorDiv(s.local, day))
		if _, ok := c.cal.ObservedOn(d); ok {
			s.holDouble = double
			if k := int(d - w.Start); k >= 0 && k < 7 {
				c.holDays[k].worked = true
			}
		}
		h := d
		if s.local-int64(d)*day >= int64(rs.HolidayEve) {
			h = d + 1
		}
		if hol, ok := c.cal.ObservedOn(h); ok && hol.Diff {
			s.holDiff = true
		}
	}
}

// markClosures applies PSU-39.13 to time worked in a declared emergency closure (WORKRULE CLOSURE:
// essential and required, or an approved volunteer): "shall, at the employee's request, be
// compensated at the rate of two (2) times the regular rate of pay or receive the regular rate of
// pay and compensatory time for each hour worked." The election is the roster's HOLIDAY_ELECT
// (DOUBLE, the default, or PAY_PLUS_COMP); comp is credited hour for hour to the holiday/closure
// comp bank. A minute worked on a holiday and in a closure is paid one double, not two (39.6-G).
func (c *Calc) markClosures(w *model.Week, rs *rates.RuleSet, res *model.Result) {
	comp := w.Emp.HolidayElect == "PAY_PLUS_COMP"
	for i := range c.slices {
		s := &c.slices[i]
		if c.pieces[s.piece].rule&model.RuleClosure == 0 {
			continue
		}
		if !comp {
			s.closure = !s.holDouble
			continue
		}
		n := s.secs()
		res.HolidayCompEarned += n
		c.lines.Add(w.Start.AddDays(s.wd), codeClosComp, ruleClosure, 0, s.account, n, s.start, s.end)
	}
}

// The rules.Timed methods: the overtime mechanics shared with other families.
func (s *slice) Span() (int64, int64) { return s.start, s.end }
func (s *slice) Overtime() bool       { return s.ot }
func (s *slice) SetOvertime()         { s.ot = true }
func (s *slice) SetComp()             { s.comp = true }
func (s *slice) SetCompCash()         { s.compCash = true }
func (s *slice) Workday() int         { return s.wd }
func (s *slice) Cut(t int64) (slice, slice) {
	left, right := *s, *s
	left.end, right.start = t, t
	right.local = s.local + (t - s.start)
	return left, right
}

package share

import (
	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
	"github.com/payclose/payclose/stages/rules"
)

// On-call, call-back and staying late (share.md §4). Input conventions: an ON CALL (or RELEASED ON
// CALL) span is the on-call period; a worked shift that starts inside one is a call-back; a worked
// shift flagged CALLED_IN outside any on-call span is OC-J; INSERVICE work is OC-K (no minimum);
// an on-call span flagged RESTRICTED is worked time (OC-I, handled as worked by buildShifts).

const (
	codeGuarantee = rules.CodeGuarantee

	ruleOnCallDef  = "SHARE-OC-DEF"
	ruleCallBack   = "SHARE-OC-B"
	ruleLowCensus  = "SHARE-OC-C"
	ruleMinimum    = "SHARE-OC-D"
	ruleCalledIn   = "SHARE-OC-J"
	ruleStayLate   = "SHARE-OC-STAY"
	excNotApproved = "ONCALL_POSITION_NOT_APPROVED"
)

// cbKind says how a worked slice that is not regular scheduled work is paid.
type cbKind uint8

const (
	cbNone     cbKind = iota
	cbOnCall          // OC-B: 1.5 × (base + differentials), an overtime-type premium
	cbReleased        // OC-C: straight time, normal overtime
	cbCalledIn        // OC-J: straight time, normal overtime
	cbStay            // OC-STAY extended day: 1.5 × (base + differentials), an overtime-type premium
)

// callBack is one call-back: the worked part [r, end) and its guarantee window [g0, g1) (empty
// under the pre-shift exception of OC-D).
type callBack struct {
	kind    cbKind
	r, end  int64
	g0, g1  int64
	workday calendars.Date
	account string
	oc      int // the on-call span in w.Spans, -1 when not on call
	shift   int
	// Set by guarantees, for explain: the guarantee paid, its rate and rule.
	top  int64
	rate rates.Rate
	rule string
}

// ival is a half-open interval of instants.
type ival struct{ from, to int64 }

// callBacks finds call-backs and stay-lates, marks their slices, and cuts slices where the premium
// part ends (at the next scheduled shift: "Premium pay will apply for hours worked up to the start
// of the employees' regularly scheduled work shift", OC-D).
func (c *Calc) callBacks(w *model.Week, rs *rates.RuleSet) {
	c.cbs = c.cbs[:0]
	minimum := int64(rs.CallBackMin)
	// Most weeks have no on-call time: then no shift starts in or is followed by an on-call span.
	onCall := false
	for i := range c.notWorked {
		if standbySpan(&c.notWorked[i]) {
			onCall = true
			break
		}
	}
	for si := range c.shifts {
		sh := &c.shifts[si]
		if sh.rule&model.RuleInService != 0 {
			continue // OC-K: paid from report time, no minimum, normal rules
		}
		if !onCall && sh.rule&model.RuleCalledIn == 0 {
			continue // no on-call period to be called back from or to stay in, and not called in
		}
		cb := callBack{r: sh.start, end: sh.end, workday: sh.workday, oc: -1, shift: si}
		// A shift starting inside an on-call period is a call-back, unless it is the scheduled shift
		// itself; released-for-low-census on-call lies inside the scheduled shift by nature (OC-C).
		if oc := onCallAtIf(onCall, w, sh.start); oc >= 0 && (sh.sched < 0 || sh.start < w.Schedule[sh.sched].Start ||
			sh.start >= w.Schedule[sh.sched].End || w.Spans[oc].Kind == model.SpanReleasedOnCall) {
			cb.oc, cb.kind = oc, onCallKind(&w.Spans[oc])
		} else if sh.rule&model.RuleCalledIn != 0 {
			cb.kind = cbCalledIn
		} else if sh.sched >= 0 {
			if !onCall {
				continue // as below: not on call after the shift
			}
			sc := w.Schedule[sh.sched]
			rawEnd := c.rawEnd(w, si)
			oc := onCallAfter(w, sc.End, max(sc.End, rawEnd))
			if oc < 0 || sh.start > sc.Start || sh.end <= sc.End {
				continue // not on call after a full shift: normal overtime rules (OC-STAY (3))
			}
			// The 45 minutes are measured on the raw punch (cfg.stay_late_threshold_raw).
			if rawEnd-sc.End <= int64(rs.StayLateMax) {
				c.mark(si, sc.End, sh.end, cbStay)
				continue
			}
			// "call back pay which shall commence at the end of the full shift"
			cb.r, cb.oc, cb.kind = sc.End, oc, onCallKind(&w.Spans[oc])
		}
		if cb.kind == cbNone {
			continue
		}
		next := nextScheduled(w, cb.r)
		if next >= 0 && w.Schedule[next].Start < cb.end {
			cb.end = w.Schedule[next].Start
			c.cutAt(cb.end)
		}
		c.cutAt(cb.r)
		if next < 0 || w.Schedule[next].Start-cb.r >= minimum {
			cb.g0, cb.g1 = cb.r, cb.r+minimum
		}
		cb.account = w.Spans[c.firstSpan(w, si)].Account
		c.mark(si, cb.r, cb.end, cb.kind)
		c.cbs = append(c.cbs, cb)
	}
}

func onCallKind(sp *model.Span) cbKind {
	if sp.Kind == model.SpanReleasedOnCall {
		return cbReleased
	}
	return cbOnCall
}

// standbySpan reports an on-call span that is not worked time.
func standbySpan(sp *model.Span) bool {
	return sp.Kind != model.SpanWorked && sp.Rule&model.RuleRestricted == 0
}

// onCallAtIf is onCallAt when the week has on-call spans (any), else -1.
func onCallAtIf(any bool, w *model.Week, t int64) int {
	if !any {
		return -1
	}
	return onCallAt(w, t)
}

// onCallAt returns the on-call span containing instant t, or -1.
func onCallAt(w *model.Week, t int64) int {
	for i := range w.Spans {
		sp := &w.Spans[i]
		if standbySpan(sp) && sp.Start <= t && t < sp.End {
			return i
		}
	}
	return -1
}

// onCallAfter returns an on-call span that begins by the punch-out and runs past the scheduled end
// e: the employee is "on call immediately following the shift".
func onCallAfter(w *model.Week, e, out int64) int {
	for i := range w.Spans {
		sp := &w.Spans[i]
		if standbySpan(sp) && sp.Start <= out && sp.End > e && sp.Start >= e-hour {
			return i
		}
	}
	return -1
}

// nextScheduled returns the first scheduled shift starting after t, or -1.
func nextScheduled(w *model.Week, t int64) int {
	for i := range w.Schedule {
		if w.Schedule[i].Start > t {
			return i
		}
	}
	return -1
}

// rawEnd is the raw out punch of shift si (the last worked span's).
func (c *Calc) rawEnd(w *model.Week, si int) int64 {
	var raw int64
	sh := &c.shifts[si]
	for i := range w.Spans {
		sp := &w.Spans[i]
		if worked(sp) && sp.Workday == sh.workday && sp.Start >= sh.start && sp.End <= sh.end {
			raw = max(raw, sp.RawEnd)
		}
	}
	return raw
}

func (c *Calc) firstSpan(w *model.Week, si int) int {
	for i := range w.Spans {
		if worked(&w.Spans[i]) && w.Spans[i].Start >= c.shifts[si].start {
			return i
		}
	}
	return 0
}

// cutAt splits the slice that straddles instant t.
func (c *Calc) cutAt(t int64) {
	for i := range c.slices {
		if s := &c.slices[i]; s.start < t && t < s.end {
			c.split(i, t)
			return
		}
	}
}

// mark tags the slices of shift si inside [from, to).
func (c *Calc) mark(si int, from, to int64, k cbKind) {
	for i := range c.slices {
		s := &c.slices[i]
		if int(s.shift) == si && s.start >= from && s.end <= to {
			s.cb = k
			s.premium = k == cbOnCall || k == cbStay
		}
	}
}

// guarantees pays the unworked part of each call-back minimum, each instant once: "they will
// receive at least an additional four hours of pay, minus any overlap with the previous four-hour
// minimum. Employees will not be paid more than once for the same period of time." (OC-F). It
// leaves c.cover = worked time ∪ guarantee windows, which standby excludes (OC-A, OC-E), and
// returns the top-up seconds that count toward the weekly 40 (cfg.callback_topup_counts).
func (c *Calc) guarantees(w *model.Week, rs *rates.RuleSet) int64 {
	c.coverOK = false
	var counted int64
	for k := range c.cbs {
		cb := &c.cbs[k]
		if cb.g1 <= cb.g0 {
			continue
		}
		top := uncovered(c.coverage(), cb.g0, cb.g1)
		c.cover = addIval(c.cover, ival{cb.g0, cb.g1})
		cb.top = top
		if top == 0 {
			continue
		}
		rate, rule := rates.Rate(rs.OTMult.Apply(int64(w.Emp.BaseRate))), ruleMinimum
		switch cb.kind {
		case cbReleased:
			rate, rule = w.Emp.BaseRate, ruleLowCensus
		case cbCalledIn:
			rate, rule = w.Emp.BaseRate, ruleCalledIn
		}
		if cb.oc >= 0 && cb.r != c.shifts[cb.shift].start {
			rule = ruleStayLate // a stay past 45 minutes: call-back from the end of the shift
		}
		cb.rate, cb.rule = rate, rule
		c.lines.Add(cb.workday, codeGuarantee, rule, rate, cb.account, top, cb.g0, cb.g1)
		if c.sw.topUpCounts {
			counted += top
		}
	}
	return counted
}

// coverage is c.cover, built from the worked slices the first time a week asks for it: most weeks
// have neither a call-back nor standby time.
func (c *Calc) coverage() []ival {
	if !c.coverOK {
		c.cover = c.cover[:0]
		for i := range c.slices {
			c.cover = addIval(c.cover, ival{c.slices[i].start, c.slices[i].end})
		}
		c.coverOK = true
	}
	return c.cover
}

// standby pays on-call time that is neither worked nor inside a call-back guarantee at the on-call
// rate (OC-A, OC-E); on-call time is not hours worked (OC-H). It returns the dollars × seconds, which
// belong in the regular rate (Overtime E). An unapproved position earns no standby (OC-DEF).
func (c *Calc) standby(w *model.Week, rs *rates.RuleSet, res *model.Result) (dollarsSecs int64) {
	for i := range c.notWorked {
		sp := &c.notWorked[i]
		if !standbySpan(sp) {
			continue
		}
		if sp.Kind == model.SpanReleasedOnCall && !c.sw.lowCensusStandby {
			continue
		}
		day := calendars.Date(calendars.FloorDiv(w.Zone.Local(sp.Start), day))
		if !w.Emp.OnCallApproved {
			res.Exceptions = append(res.Exceptions, model.Exception{Employee: w.Emp.ID, Date: day, Code: excNotApproved,
				RuleID: ruleOnCallDef, Detail: "on call, but the position is not approved for on-call pay: no standby paid", Line: sp.Line})
			continue
		}
		secs := uncovered(c.coverage(), sp.Start, sp.End)
		if secs <= 0 {
			continue
		}
		c.lines.Add(day, codeOnCall, ruleStandby, rs.OnCall, sp.Account, secs, sp.Start, sp.End)
		dollarsSecs += secs * int64(rs.OnCall)
	}
	return dollarsSecs
}

// addIval inserts iv into a sorted list of disjoint intervals, merging what touches it.
func addIval(set []ival, iv ival) []ival {
	if iv.to <= iv.from {
		return set
	}
	// Worked slices come in time order: iv starts at or after the last interval's start, so it
	// extends that interval or follows it (the general case below gives the same).
	if n := len(set); n == 0 || set[n-1].to < iv.from {
		return append(set, iv)
	} else if last := &set[n-1]; last.from <= iv.from {
		last.to = max(last.to, iv.to)
		return set
	}
	i := 0
	for i < len(set) && set[i].to < iv.from {
		i++
	}
	j := i
	for j < len(set) && set[j].from <= iv.to {
		iv.from, iv.to = min(iv.from, set[j].from), max(iv.to, set[j].to)
		j++
	}
	if j == i {
		set = append(set, ival{})
		copy(set[i+1:], set[i:])
		set[i] = iv
		return set
	}
	set[i] = iv
	return append(set[:i+1], set[j:]...)
}

// uncovered is the length of [from, to) outside the intervals of set.
func uncovered(set []ival, from, to int64) int64 {
	n := to - from
	for _, iv := range set {
		if iv.to > from && iv.from < to {
			n -= min(iv.to, to) - max(iv.from, from)
		}
	}
	return n
}

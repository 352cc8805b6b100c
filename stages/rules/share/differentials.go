package share

import (
	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
)

// differential sets the shift differential of slice s of shift sh: the RULES SUMMARY
// classification, raised where management asked for an extension (SHIFT-17) or a change of
// regular shift (SHIFT-18): "whichever is higher". A slice is classified as it is cut (addInterval):
// the cuts are at every clock time where its class, the weekend or the scheduled span can change, so
// what is set here holds for all its time, and the halves of a later cut keep it. midnight is the
// local midnight of s.local, which addInterval has found for the slice's clock bound, and inWeek
// s.local's seconds since its week's Thursday midnight (isWeekend).
func (c *Calc) differential(w *model.Week, rs *rates.RuleSet, s *slice, sh *shift, midnight, inWeek int64) {
	var classRule diffRule
	s.class, classRule = c.win.classifyAt(s.local, midnight, sh.lstart, sh.lend)
	s.diff, s.diffCode, s.diffRule = classRate(rs, s.class), classCode(s.class), classRule
	if sh.rule&model.RuleMgmtRequest != 0 {
		if sh.sched >= 0 {
			c.extension(w, rs, s, sh)
		}
		if w.Emp.HomeShift != model.ShiftDay && sh.inBudget {
			if r, code := c.regularRate(w, rs, sh.workday); r > s.diff {
				s.diff, s.diffCode, s.diffRule = r, code, ruleChange
			}
		}
	}
	s.weekend = c.win.inWeekend(inWeek) && (s.class != classNone || c.sw.weekendDayShifts)
}

// extension applies SHIFT-17 to slice s of a shift worked past (or before) its schedule at
// management's request: scheduled slices keep what the scheduled span would have earned, and
// extension slices earn the incentive of the scheduled shift's type.
func (c *Calc) extension(w *model.Week, rs *rates.RuleSet, s *slice, sh *shift) {
	sc := w.Schedule[sh.sched]
	ls, le := w.Zone.Local(sc.Start), w.Zone.Local(sc.End)
	t := s.local - calendars.FloorDiv(s.local, day)*day
	if s.start >= sc.Start && s.end <= sc.End {
		if cl, _ := c.win.classify(s.local, ls, le); classRate(rs, cl) > s.diff {
			s.diff, s.diffCode, s.diffRule = classRate(rs, cl), classCode(cl), ruleExtension
		}
		return
	}
	wn := &c.win
	switch wn.scheduledType(ls) {
	case model.ShiftDay:
		// SHIFT-17 "extend their scheduled shift into the hours from 3:00 pm to 6:59 pm at the
		// request of management ... an hourly amount equal to the evening shift differential rate"
		if s.class == classNone && t >= wn.eve && t < wn.cutoff {
			s.diff, s.diffCode, s.diffRule = rs.ExtEvening, diffExt, ruleExtension
		}
	case model.ShiftNight:
		// "working a night shift ... who extend their hours into the day shift ... shall receive
		// night differential"
		if t >= wn.day && t < wn.eve && rs.Night > s.diff {
			s.diff, s.diffCode, s.diffRule = rs.Night, diffNight, ruleExtension
		}
	case model.ShiftEvening:
		// "working an evening ... who extend their hours into the night shift ... shall receive
		// night differential"
		if s.class == classEve && (t >= wn.night || t < wn.day) {
			s.diff, s.diffCode, s.diffRule = rs.Night, diffNight, ruleExtension
		}
	}
}

// scheduledType names a scheduled shift by its start: day shifts start 06:00–14:00 (RS-9 puts a
// 06:00 start in the day), evening shifts 14:00–22:00 (RS-3), night shifts 22:00–06:00 (RS-6).
func (wn *windows) scheduledType(localStart int64) model.Shift {
	t := localStart - calendars.FloorDiv(localStart, day)*day
	switch {
	case t >= wn.day-wn.within && t < wn.eve-wn.within:
		return model.ShiftDay
	case t >= wn.eve-wn.within && t < wn.night-wn.within:
		return model.ShiftEvening
	}
	return model.ShiftNight
}

// regularRate is the shift differential an employee who regularly works evenings or nights
// receives for a shift of theirs: the blend of the windows of their scheduled shift that day (or
// of their first non-day scheduled shift of the week, or of the home shift when nothing is
// scheduled). A 19:00–07:00 shift (4 h evening + 8 h night) gives (4×2 + 8×4)/12 = $3.3333.
func (c *Calc) regularRate(w *model.Week, rs *rates.RuleSet, date calendars.Date) (rates.Rate, diffCode) {
	switch w.Emp.HomeShift {
	case model.ShiftDay:
		return 0, noDiff
	}
	pick := -1
	for i, s := range w.Schedule {
		if c.win.scheduledType(w.Zone.Local(s.Start)) == model.ShiftDay {
			continue
		}
		if s.Date == date {
			pick = i
			break
		}
		if pick < 0 && s.Date >= w.Start && s.Date < w.Start+7 {
			pick = i
		}
	}
	if pick < 0 {
		if w.Emp.HomeShift == model.ShiftEvening {
			return rs.Evening, diffEve
		}
		return rs.Night, diffNight
	}
	s := w.Schedule[pick]
	ls, le := w.Zone.Local(s.Start), w.Zone.Local(s.End)
	var eve, night int64
	for t := ls; t < le; {
		end := min(c.win.next(t), le)
		switch cl, _ := c.win.classify(t, ls, le); cl {
		case classEve:
			eve += end - t
		case classNight:
			night += end - t
		}
		t = end
	}
	total := le - ls
	switch {
	case total <= 0 || eve+night == 0:
		return 0, noDiff
	case night == 0 && eve == total:
		return rs.Evening, diffEve
	case eve == 0 && night == total:
		return rs.Night, diffNight
	}
	return rates.Rate(rates.Round(eve*int64(rs.Evening)+night*int64(rs.Night), total)), diffRegShift
}

func classRate(rs *rates.RuleSet, cl class) rates.Rate {
	switch cl {
	case classEve:
		return rs.Evening
	case classNight:
		return rs.Night
	}
	return 0
}

func classCode(cl class) diffCode {
	switch cl {
	case classEve:
		return diffEve
	case classNight:
		return diffNight
	}
	return noDiff
}

// diffCode is the pay code of a slice's shift differential, an index into diffCodes: a slice
// carries no strings (see slice).
type diffCode uint8

const (
	noDiff diffCode = iota
	diffEve
	diffNight
	diffExt      // extension incentive (SHIFT-17)
	diffRegShift // regular-shift blend of evening and night (SHIFT-18)
)

var diffCodes = [...]string{noDiff: "", diffEve: codeEve, diffNight: codeNight, diffExt: codeExt, diffRegShift: codeRegShift}

// code is the pay code a line names.
func (d diffCode) code() string { return diffCodes[d] }

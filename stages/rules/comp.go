package rules

import (
	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
)

// Banked is a family's slice of worked time that overtime can turn into comp time.
type Banked[S any] interface {
	Timed[S]
	// SetComp marks the slice as comp time (banked, no cash); SetCompCash as overtime the
	// employee elected to bank but that the cap paid in cash.
	SetComp()
	SetCompCash()
	// Workday is the slice's workday, 0–6 from the week's first day.
	Workday() int
}

// CompTime is the FLSA comp-time arithmetic the PSU (PSU-39.6-E3/E4) and non-unit (NU-OT-5/6)
// families share, decided once: comp is credited at the comp multiplier per overtime hour ("no
// less than one and one-half (1.5) hours of Compensatory Time for each hour of Overtime worked"),
// or at the multiplier less one for overtime minutes the salary already pays at straight time;
// the bank is capped at comp_cap_hours over the week's opening balance, and overtime beyond the
// room is paid in cash, first from minutes outside the salary, then from covered ones.
//
// cand is the overtime eligible to become comp, cov the week's time the salary covers (0 for
// hourly staff), all the week's worked plus paid-leave time. It returns the comp seconds, how many
// of them the salary covers, and the hours credited to the bank.
func CompTime(w *model.Week, rs *rates.RuleSet, cand, cov, all int64) (comp, covered, earned int64) {
	m := rs.CompMult
	if !w.Emp.CompElect || m.Den == 0 || m.Num <= m.Den || cand == 0 {
		return 0, 0, 0
	}
	half := rates.Ratio{Num: m.Num - m.Den, Den: m.Den}
	coveredOf := func(comp int64) int64 { return min(comp, max(0, cov-(all-comp))) }
	credit := func(comp int64) int64 { cv := coveredOf(comp); return m.Apply(comp-cv) + half.Apply(cv) }
	room := int64(1) << 62
	if rs.CompCap > 0 {
		room = max(0, int64(rs.CompCap)-w.CompBalance)
	}
	comp = cand
	if ex := credit(comp) - room; ex > 0 {
		comp -= min(comp-coveredOf(comp), (ex*m.Den+m.Num-1)/m.Num)
		if ex = credit(comp) - room; ex > 0 {
			comp -= min(comp, (ex*half.Den+half.Num-1)/half.Num)
		}
	}
	return comp, coveredOf(comp), min(room, credit(comp))
}

// MarkComp marks the first comp seconds of the matching slices as comp (cutting the slice where
// comp ends) and the rest as cash, and returns the date the COMP_EARNED line carries: the workday
// of the last comp slice (the day the bank was credited), or the week's first day.
func MarkComp[S any, P Banked[S]](slices *[]S, w *model.Week, comp int64, match func(P) bool) calendars.Date {
	last := w.Start
	n := comp
	for i := 0; i < len(*slices); i++ {
		s := P(&(*slices)[i])
		if !match(s) {
			continue
		}
		if n == 0 {
			s.SetCompCash()
			continue
		}
		if start, end := s.Span(); end-start > n {
			*slices = SplitAt[S, P](*slices, i, start+n)
			s = P(&(*slices)[i])
		}
		s.SetComp()
		start, end := s.Span()
		n -= end - start
		last = w.Start.AddDays(s.Workday())
	}
	return last
}

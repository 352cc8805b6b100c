package exempt

import (
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
)

// comp credits PSU exempt comp time (Article 18). Four sources, each hour for hour:
//
//   - PSU-18.2-A/B: documented work "when those hours exceed forty (40) for full-time employees
//     (pro-rated for part-time employees) in a work week" — 40 × budgeted ÷ 37.5 — "granted on an
//     hour-for-hour basis" with the department head's approval: a decision on the week's
//     COMP_NOT_APPROVED in approvals.csv (dated the week's last day), else the roster's
//     COMP_APPROVED=Y; without either the hours are raised, not credited.
//   - PSU-18.5-B: closure work (WORKRULE CLOSURE, the employee designated essential and required,
//     or an approved volunteer) earns "an hour of compensatory time for each full hour worked",
//     summed per workday and floored to whole hours.
//   - PSU-18.3-B/C, a department without a formal on-call system: "in no case … less than one hour
//     of compensatory time for every 8 hours assigned to be on call" — per on-call tour, hours ÷ 8
//     rounded half up (the catalog: it "reproduces all three conversions the contract itself
//     states", 15.5 h → 2, 63.5 h → 8, 125.5 h → 16) — and "for every hour that a bargaining unit
//     member on-call is called back to work beyond his or her regularly scheduled work hours … an
//     hour of compensatory time" (exact minutes).
//   - PSU-18.3-A, a formal system: on-call is paid by "a salary adjustment" (no comp; the on-call
//     time is shown at no rate), and call-back earns comp "only in those instances when the
//     employee must respond to a situation that requires work for a prolonged period of time",
//     approved by the supervisor (COMP_APPROVED=Y).
//
// Closure and call-back minutes earn under their own rule and are left out of the 40-hour count,
// so no minute is credited twice. Paid leave never counts toward 40 ("documented work hours",
// §18.2.B; Article 39's leave rule does not apply to exempt members).
func (c *Calc) comp(w *model.Week, rs *rates.RuleSet, res *model.Result) {
	e := w.Emp
	end := w.Start.AddDays(6)
	var closureDay [7]int64
	var documented, callBack int64
	for i := range w.Spans {
		sp := &w.Spans[i]
		if sp.Kind != model.SpanWorked {
			continue
		}
		switch {
		case sp.Rule&model.RuleClosure != 0:
			if k := int(sp.Workday - w.Start); k >= 0 && k < 7 {
				closureDay[k] += sp.Seconds()
			}
		case startsOnCall(w, sp):
			out := sp.Seconds() - scheduledWithin(w, sp.Start, sp.End)
			callBack += out
			documented += sp.Seconds() - out
		default:
			documented += sp.Seconds()
		}
	}
	credit := func(rule string, secs int64) {
		if secs > 0 {
			c.lines.Add(end, codeComp, rule, 0, "", secs, w.From, w.To)
			res.ExemptCompEarned += secs
		}
	}

	if rs.StandardWeek > 0 {
		threshold := rates.Round(int64(rs.WeeklyOT)*e.BudgetedWeekly, int64(rs.StandardWeek))
		if over := documented - threshold; over > 0 {
			approved, decided := w.Decision(end, excNoApprove)
			what := rates.HoursDecimal(over).String() + " h worked over " + rates.HoursDecimal(threshold).String() + " h: "
			switch {
			case decided && approved:
				// Raised even so: the decision of approvals.csv is recorded on it.
				credit(ruleCompHours, over)
				res.Exceptions = append(res.Exceptions, model.Exception{Employee: e.ID, Date: end, Code: excNoApprove, RuleID: ruleCompApprove,
					Detail: what + "approved in approvals.csv; credited"})
			case decided:
				res.Exceptions = append(res.Exceptions, model.Exception{Employee: e.ID, Date: end, Code: excNoApprove, RuleID: ruleCompApprove,
					Detail: what + "denied in approvals.csv; none credited"})
			case e.CompApproved:
				credit(ruleCompHours, over)
			default:
				res.Exceptions = append(res.Exceptions, model.Exception{Employee: e.ID, Date: end, Code: excNoApprove, RuleID: ruleCompApprove,
					Detail: what + "comp time needs the department head's approval (approvals.csv, or COMP_APPROVED=Y); none credited"})
			}
		}
	}
	if unit := int64(rs.ClosureCompUnit); unit > 0 {
		for _, n := range closureDay {
			credit(ruleClosure, n/unit*unit)
		}
	}
	if e.OnCallFormal {
		for i := range w.Spans {
			if sp := &w.Spans[i]; sp.Kind == model.SpanOnCall {
				c.lines.Add(sp.Workday, codeOnCall, ruleFormal, 0, sp.Account, sp.Seconds(), sp.Start, sp.End)
			}
		}
		if e.CompApproved {
			credit(ruleFormalCB, callBack)
		}
		return
	}
	if per := int64(rs.OnCallCompPer); per > 0 {
		for i := 0; i < len(w.Spans); {
			sp := &w.Spans[i]
			if sp.Kind != model.SpanOnCall {
				i++
				continue
			}
			// A tour is on-call time without a break: spans that touch are one tour.
			tourEnd, secs, j := sp.End, sp.Seconds(), i+1
			for ; j < len(w.Spans); j++ {
				nx := &w.Spans[j]
				if nx.Kind != model.SpanOnCall || nx.Start > tourEnd {
					break
				}
				secs += nx.End - max(nx.Start, tourEnd)
				tourEnd = max(tourEnd, nx.End)
			}
			credit(ruleOnCallComp, rates.Round(secs, per)*3600)
			i = j
		}
	}
	credit(ruleCallBack, callBack)
}

// startsOnCall reports whether a worked span begins inside an on-call period: a call-back.
func startsOnCall(w *model.Week, sp *model.Span) bool {
	for i := range w.Spans {
		oc := &w.Spans[i]
		if oc.Kind == model.SpanOnCall && oc.Start <= sp.Start && sp.Start < oc.End {
			return true
		}
	}
	return false
}

// scheduledWithin is the posted shift time inside [from, to).
func scheduledWithin(w *model.Week, from, to int64) int64 {
	var n int64
	for _, s := range w.Schedule {
		if lo, hi := max(from, s.Start), min(to, s.End); hi > lo {
			n += hi - lo
		}
	}
	return n
}

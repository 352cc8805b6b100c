package share

import (
	"slices"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
	"github.com/payclose/payclose/stages/rules"
)

// SHARE-PTO-19: "Earned time must be accrued before it is paid. Negative balances in the earned
// time bank are not permitted." (Paid Time Off, Scheduling Vacations 5). The sentence names the
// earned time bank only; the profile marks the banks it covers (accrual bank pto_balance_basis
// PRIOR_WEEK_CLOSE: EARNED of the Earned Time plan, whichever pay code draws on it after the
// plan's aliases). Traditional Time's vacation and sick banks keep the accrual stage's check.
const (
	rulePTO19 = "SHARE-PTO-19"
	// codeLWOP is the output code of the profile's unpaid pay code (pay_codes LWOP): the part of a
	// row the balance does not cover is written as an unpaid LWOP row is, a $0 line with its hours.
	codeLWOP = "LWOP"
)

// absRow is what absences decides for one absence row before it writes its lines.
type absRow struct {
	hol    int64 // seconds paid as the holiday benefit (HOL-20), before the bank is charged
	unpaid int64 // seconds of the rest the bank's balance does not cover (SHARE-PTO-19)
}

// limitToBalance pays the rows drawing on a bank whose use is limited to the balance at the close
// of the prior week (rates.BankRule.BalanceBasis PRIOR_WEEK_CLOSE) only up to that balance, in
// date order (input order within a date); the rest of each row is left unpaid (c.abs[i].unpaid)
// and the week raises INSUFFICIENT_BALANCE once per bank. The week's own accrual does not fund the
// week's use (the catalog's recommendation). When the run knows no opening balance
// (w.BalancesKnown false) the rows are paid as entered and the accrual stage reports a shortfall.
func (c *Calc) limitToBalance(w *model.Week, rs *rates.RuleSet, res *model.Result) {
	if !w.BalancesKnown || rs.Accrual == nil || len(w.Absences) == 0 {
		return
	}
	pl := rs.Accrual.Plan(w.Emp.TimeOff)
	if pl == nil {
		return
	}
	c.order = c.order[:0]
	for i := range w.Absences {
		c.order = append(c.order, int32(i))
	}
	slices.SortStableFunc(c.order, func(a, b int32) int { return int(w.Absences[a].Date) - int(w.Absences[b].Date) })
	var left, want [len(model.BankNames)]int64 // seconds
	var seen [len(model.BankNames)]bool
	var rule [len(model.BankNames)]string
	var short [len(model.BankNames)]calendars.Date
	for _, i := range c.order {
		a := &w.Absences[i]
		pc := rs.PayCodes[a.Input]
		if !pc.Paid {
			continue
		}
		name := pl.BankOf(pc)
		r := pl.Rule(name)
		b := bankIndex(name)
		if r == nil || r.BalanceBasis != rates.BalancePriorWeekClose || b < 0 {
			continue
		}
		secs := a.Seconds - c.abs[i].hol
		if secs <= 0 {
			continue
		}
		if !seen[b] {
			// Whole seconds the balance covers: what is paid never charges the bank more than it
			// holds (rates.HoursOf(left) <= the balance).
			left[b] = max(0, int64(w.Balances[b])) * 36 / 100
			seen[b], short[b], rule[b] = true, model.NoDate, r.UseRuleID
			if rule[b] == "" {
				rule[b] = rulePTO19
			}
		}
		unit := int64(r.UseRoundMinutes) * 60
		charge := secs
		if unit > 0 {
			charge = (secs + unit - 1) / unit * unit
		}
		want[b] += charge
		if charge <= left[b] {
			left[b] -= charge
			continue
		}
		pay := left[b]
		if unit > 0 {
			pay = pay / unit * unit
		}
		pay = min(pay, secs)
		left[b] -= pay
		c.abs[i].unpaid = secs - pay
		if short[b] == model.NoDate {
			short[b] = a.Date
		}
	}
	for b := range short {
		if !seen[b] || short[b] == model.NoDate {
			continue
		}
		var unpaid int64
		for i := range w.Absences {
			if c.abs[i].unpaid > 0 && bankIndex(pl.BankOf(rs.PayCodes[w.Absences[i].Input])) == b {
				unpaid += c.abs[i].unpaid
			}
		}
		res.Exceptions = append(res.Exceptions, model.Exception{Employee: w.Emp.ID, Date: short[b], Code: rules.ExcInsufficient, RuleID: rule[b],
			Detail: model.BankNames[b] + " bank: " + rates.HoursOf(want[b]).String() + " h requested this week, " + w.Balances[b].String() +
				" h available at the close of the prior week; " + rates.HoursOf(unpaid).String() +
				" h not paid (an unpaid LWOP line: earned time must be accrued before it is paid); recode if the balance is wrong"})
	}
}

// bankIndex is a bank's index in model.BankNames (model.Week.Balances), -1 for none.
func bankIndex(name string) int {
	if name == "" {
		return -1
	}
	for i, n := range model.BankNames {
		if n == name {
			return i
		}
	}
	return -1
}

package share

import (
	"sync"

	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/rates/wages"
	"github.com/payclose/payclose/stages/model"
)

// excBonusNoHours marks a Max Cap bonus rate given without the hours it multiplies.
const excBonusNoHours = "MAXCAP_BONUS_NO_HOURS"

// wageArticle is the SHARE wage article (rates/wages, embedded): the bonus's pay codes and the
// overtime factor of its true-up, read once.
var wageArticle = sync.OnceValues(wages.Load)

// bonuses pays the week's Max Cap bonuses (model.Week.Bonuses, from rates.csv rows that payclose
// raises wrote): "Any amount greater than Max Cap is paid as a bonus. Bonus = (bonus rate) x
// (hours paid in previous FY, including overtime)." (SHARE-WAGE-05), as a lump sum in the first
// pay week on or after the raise, with the true-up of the prior year's overtime at the bonus rate
// (wages.MaxCapBonus). The lines carry no hours (the hours were paid in the year before) and stay
// out of this week's regular rate: they belong to the prior year's weeks. They are charged to the
// week's fallback account (rules.Lines.Flush), as no punch row is theirs.
func (c *Calc) bonuses(w *model.Week, res *model.Result) {
	if len(w.Bonuses) == 0 {
		return
	}
	wg, err := wageArticle()
	if err != nil {
		res.Exceptions = append(res.Exceptions, model.Exception{Employee: w.Emp.ID, Date: w.Start, Code: excBonusNoHours,
			RuleID: wages.RuleMaxCap, Detail: "the SHARE wage article cannot be read, no bonus paid: " + err.Error()})
		return
	}
	for _, b := range w.Bonuses {
		if !b.HoursGiven {
			res.Exceptions = append(res.Exceptions, model.Exception{Employee: w.Emp.ID, Date: w.Start, Code: excBonusNoHours,
				RuleID: wages.RuleMaxCap, Detail: "rates.csv gives a bonus rate of " + b.Rate.Decimal().StringFixed(2) + " from " +
					b.Effective.String() + " without BONUS_HOURS: nothing paid (payclose raises --ledger or --hours writes them)"})
			continue
		}
		bn := wg.MaxCapBonus(b.Rate, b.Hours, b.OTHours)
		if bn.Amount != 0 {
			c.lines.Lump(w.Start, bn.PayCode, bn.RuleID, b.Rate, bn.Amount, "", 0, w.From, w.To)
		}
		if bn.TrueUp != 0 {
			half := rates.Rate(rates.Round(int64(b.Rate)*int64(wg.TrueUpFactor), wages.FactorScale))
			c.lines.Lump(w.Start, bn.TrueUpPayCode, bn.RuleID, half, bn.TrueUp, "", 0, w.From, w.To)
		}
	}
}

package wages

import (
	"fmt"
	"slices"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
)

// Rule ids of the wage article, as the catalog names them.
const (
	RuleRaise      = "SHARE-WAGE-01"
	RuleRounding   = "SHARE-WAGE-03"
	RuleMaxCap     = "SHARE-WAGE-05"
	RulePlacement  = "SHARE-WAGE-06"
	RuleNotice     = "SHARE-WAGE-07"
	RuleRedCircled = "SHARE-WAGE-08"
)

// cent is one cent in rates.Rate units.
const cent = rates.RateScale / 100

// RoundCents is SHARE-WAGE-03, "Hourly rates are rounded to the nearest cent": rate × f rounded
// half up to the cent, with the program's one rounding helper. It runs after every multiplicative
// rate operation and before any comparison with a platform, Min or Max cap.
func RoundCents(r rates.Rate, f Factor) rates.Rate {
	return rates.Rate(rates.Round(int64(r)*int64(f), FactorScale*cent) * cent)
}

// Method is how a raise was found.
type Method string

const (
	// OnPlatform: "If a SHARE member's pay rate is on a platform and below maximum ... use the
	// table for your grade": one box down and one box to the right.
	OnPlatform Method = "ON_PLATFORM"
	// Calculated: between platforms, at Max, above Max up to the Max cap, or a raise with no
	// earlier column to look up (Year 1: the 10/1/2017 table is not in the contract).
	Calculated Method = "CALCULATED"
	// Capped: the calculated rate is over the Max cap; the rate is the cap and the excess is the
	// bonus rate (SHARE-WAGE-05).
	Capped Method = "CAPPED"
	// AboveCap: the old rate is already over the new Max cap (an involuntary transfer kept its
	// rate); the rate stays, the whole raise is the bonus rate (ambiguity A6).
	AboveCap Method = "ABOVE_CAP"
	// RedCircled: raises withheld (SHARE-WAGE-08).
	RedCircled Method = "RED_CIRCLED"
)

// Raise is one employee's raise at one event.
type Raise struct {
	Old, New rates.Rate
	// Calc is max(old × F rounded, old + floor), the rate before the Max cap (0 on a platform).
	Calc rates.Rate
	// BonusRate is what the Max cap took off Calc: paid as MAXCAP_BONUS on the prior FY's hours.
	BonusRate rates.Rate
	Method    Method
	// Platform names New's row in the new column ("Min", "3", "Max", "Max cap"), "" between rows.
	Platform string
	Rules    []string
}

// Raise is SHARE-WAGE-01 (with 03, 05, 08) for one rate of grade at event ev.
func (w *Wages) Raise(ev Event, grade string, old rates.Rate, redCircled bool) (Raise, error) {
	t, err := w.Table(grade)
	if err != nil {
		return Raise{}, err
	}
	col := ev.Column
	r := Raise{Old: old}
	if redCircled {
		// "the rate will be "red-circled" and raises withheld until the co-workers catch up."
		r.New, r.Method, r.Rules = old, RedCircled, []string{RuleRedCircled}
		r.Platform = t.Label(col, old)
		return r, nil
	}
	if col > 0 {
		// "Move one box down and one box to the right": platform i of the old column becomes
		// platform i+1 of the new one; the box after the last numbered platform is Max.
		prev := t.Steps[col-1]
		for i := 0; i < len(prev)-1; i++ {
			if prev[i] == old {
				r.New, r.Method, r.Rules = t.Steps[col][i+1], OnPlatform, []string{RuleRaise}
				r.Platform = t.Rows[i+1]
				return r, nil
			}
		}
	}
	// "1% ATB plus platform movement of 1.93%, or a $0.60/hour minimum raise, whichever is
	// greater."
	r.Calc = max(RoundCents(old, w.Factor), old+w.Floor)
	r.Rules = []string{RuleRaise, RuleRounding}
	limit := t.MaxCap[col]
	switch {
	case old > limit:
		r.New, r.BonusRate, r.Method = old, r.Calc-old, AboveCap
		r.Rules = append(r.Rules, RuleMaxCap)
	case r.Calc > limit:
		// "Any amount greater than Max Cap is paid as a bonus."
		r.New, r.BonusRate, r.Method = limit, r.Calc-limit, Capped
		r.Rules = append(r.Rules, RuleMaxCap)
	default:
		r.New, r.Method = r.Calc, Calculated
	}
	r.Platform = t.Label(col, r.New)
	return r, nil
}

// Label names the row of column col whose rate is r: "Min", "1".."n", "Max", "Max cap", or "".
func (t *Table) Label(col int, r rates.Rate) string {
	for i, v := range t.Steps[col] {
		if v == r {
			return t.Rows[i]
		}
	}
	if t.MaxCap[col] == r {
		return "Max cap"
	}
	return ""
}

// SnapUp is "placed at the platform rate closest to but not less than the calculated rate": the
// lowest of Min, 1..n, Max of column col that is at least r. A rate above Max stays (there are no
// platforms between Max and the Max cap).
func (t *Table) SnapUp(col int, r rates.Rate) rates.Rate {
	for _, v := range t.Steps[col] {
		if v >= r {
			return v
		}
	}
	return r
}

// Bonus is the Max Cap bonus of SHARE-WAGE-05 and its regular-rate true-up.
type Bonus struct {
	PayCode, TrueUpPayCode string
	Amount, TrueUp         rates.Money
	RuleID                 string
}

// MaxCapBonus is "Bonus = (bonus rate) x (hours paid in previous FY, including overtime)",
// rounded once to the cent. The bonus is tied to hours, so it belongs in the regular rate of the
// prior year's overtime weeks: TrueUp is the overtime half (TrueUpFactor) of the bonus rate on the
// prior FY's overtime hours (ambiguity A8, subject to legal review).
func (w *Wages) MaxCapBonus(bonusRate rates.Rate, prevFYHours, prevFYOvertime rates.Hours) Bonus {
	// rate in 1/10000 $ × hours in 1/10000 h = 1e-8 $; a cent is 1e6 of those.
	amount := rates.Round(int64(bonusRate)*int64(prevFYHours), rates.RateScale*10000/100)
	trueUp := rates.Round(int64(bonusRate)*int64(prevFYOvertime)*int64(w.TrueUpFactor), rates.RateScale*10000/100*FactorScale)
	return Bonus{PayCode: w.BonusPayCode, TrueUpPayCode: w.TrueUpPayCode, Amount: rates.Money(amount), TrueUp: rates.Money(trueUp), RuleID: RuleMaxCap}
}

// PriorFiscalYear is the "previous FY" of the Max Cap bonus of the raise ev, as work dates
// [from, to): the fiscal year (FiscalYearStart, SHARE-G-08) that the raise closes, from its first
// day up to the day before the raise. A SHARE raise is dated the Sunday on or before the fiscal
// year's first day (SHARE-WAGE-02 starts it with the payroll week), so the year it closes is the
// one ending on the first fiscal-year start on or after the raise. Its days from the raise on
// are paid at the new rate in the very week the bonus is paid (the bonus is "paid ... in the
// first pay week on or after the event"), so they cannot be in it; they are not counted.
func (w *Wages) PriorFiscalYear(ev Event) (from, to calendars.Date) {
	y := ev.Effective.Year()
	next := calendars.NewDate(y, w.FiscalYearStart.Month, w.FiscalYearStart.Day)
	if next < ev.Effective {
		next = calendars.NewDate(y+1, w.FiscalYearStart.Month, w.FiscalYearStart.Day)
	}
	prev := calendars.NewDate(next.Year()-1, w.FiscalYearStart.Month, w.FiscalYearStart.Day)
	return prev, ev.Effective
}

// HoursPaid says how a close's pay line enters "hours paid in previous FY, including overtime":
// its hours count when its pay code is one of HoursCodes (worked time once: straight time and
// overtime, not the differentials and premiums paid on the same hours) or a paid absence code with
// hours (absence: the rule set's paid pay codes that are neither spans nor lump sums); overtime
// tells the overtime hours among them (the true-up's). On-call and standby pay, differentials,
// premiums and lump sums are not hours paid (SHARE-WAGE-05 ambiguity 1: "Recommend exclude them").
func (w *Wages) HoursPaid(code string, absence func(code string) bool) (counts, overtime bool) {
	if slices.Contains(w.HoursCodes, code) {
		return true, slices.Contains(w.OvertimeCodes, code)
	}
	return absence(code), false
}

// Move is the kind of a change of job (SHARE-WAGE-06 B, D, E, G).
type Move string

const (
	Lateral           Move = "LATERAL"
	Promotion         Move = "PROMOTION"
	VoluntaryDemotion Move = "VOLUNTARY_DEMOTION"
	Involuntary       Move = "INVOLUNTARY"
)

// Transfer is a change of job: the grade moved to, how many grades up or down (HR's grade
// distance: grade numbers of different job families do not compare, see IdenticalTables), the
// rate before and the day the new job starts.
type Transfer struct {
	Move     Move
	ToGrade  string
	Grades   int
	Old      rates.Rate
	Starting calendars.Date
}

// Placement is the rate in the new job.
type Placement struct {
	New rates.Rate
	// Calc is the rate after the percentage and its rounding, before the table.
	Calc     rates.Rate
	Platform string
	// ManualReview: a move of more grades than the contract's percentages reach (over 15%); the
	// rate is left for people to set.
	ManualReview bool
	Rules        []string
}

// Place is SHARE-WAGE-06 (B lateral, D promotion, E voluntary demotion, G involuntary).
func (w *Wages) Place(tr Transfer) (Placement, error) {
	t, err := w.Table(tr.ToGrade)
	if err != nil {
		return Placement{}, err
	}
	col, err := w.ColumnOn(tr.Starting)
	if err != nil {
		return Placement{}, err
	}
	if tr.Grades < 0 || (tr.Move == Lateral) != (tr.Grades == 0) {
		return Placement{}, fmt.Errorf("%s: a %s moves %d grades", RulePlacement, tr.Move, tr.Grades)
	}
	p := Placement{Rules: []string{RulePlacement}}
	pct := func(step, most Factor) Factor { return min(step*Factor(tr.Grades), most) }
	switch tr.Move {
	case Lateral:
		p.Calc = tr.Old
		p.New = t.SnapUp(col, tr.Old)
	case Promotion:
		// "a promotional increase of 5% per grade up to a maximum of 15%" … "placed at the
		// platform rate closest to but not less than the calculated rate."
		p.Calc = RoundCents(tr.Old, FactorScale+pct(w.PromotionStep, w.PromotionMax))
		p.Rules = append(p.Rules, RuleRounding)
		p.New = min(t.SnapUp(col, max(p.Calc, t.Steps[col][0])), t.MaxCap[col])
	case VoluntaryDemotion:
		// "Employees who voluntarily transfer down will have their rate reduced by 5% per grade
		// up to a maximum of 15%."
		if tr.Grades > w.ReviewOver {
			p.ManualReview = true
			return p, nil
		}
		p.Calc = RoundCents(tr.Old, FactorScale-pct(w.DemotionStep, w.DemotionMax))
		p.Rules = append(p.Rules, RuleRounding)
		p.New = t.SnapUp(col, min(p.Calc, t.MaxCap[col]))
	case Involuntary:
		// "Involuntary transfers resulting in a lower grade will remain at the rate of pay they
		// were earning", even above the new grade's Max cap.
		if tr.Grades > w.ReviewOver {
			p.ManualReview = true
			return p, nil
		}
		p.Calc, p.New = tr.Old, tr.Old
	default:
		return Placement{}, fmt.Errorf("%s: unknown move %q", RulePlacement, tr.Move)
	}
	p.Platform = t.Label(col, p.New)
	return p, nil
}

// RateEffective is SHARE-WAGE-07: "If the notice period is extended beyond 2 weeks, by mutual
// agreement, and the transfer involves a salary increase, the increase will become effective at
// the time the notice period would have ended." Otherwise the new rate starts with the new job.
// The close starts the rate with the first payroll shift on or after the date (SHARE-WAGE-02).
func (w *Wages) RateEffective(noticeGiven, starting calendars.Date, extended bool, old, new rates.Rate) (calendars.Date, string) {
	if end := noticeGiven.AddDays(w.NoticeDays); extended && new > old && end < starting {
		return end, RuleNotice
	}
	return starting, RulePlacement
}

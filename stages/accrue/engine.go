package accrue

import (
	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
	"github.com/payclose/payclose/stages/rules"
	"slices"
	"strconv"
)

// Input is one employee-week as the accrual stage sees it: the rule set in force, the first day
// of the workweek and what the rules paid.
type Input struct {
	Emp     *model.Employee
	RuleSet *rates.RuleSet
	Week    calendars.Date
	Result  *model.Result
	// HolidayBank is time credited to the holiday bank for a worked holiday (SHARE-HOL-10/11),
	// in seconds; the rules compute it, this stage banks it.
	HolidayBank int64
	// Separated: the employment ends in this week (on SeparationDate); lots of a bank kept in lots
	// are forfeited at the close of it (PSU-18.2-C3), banks marked payout_at_separation are paid
	// out at PayoutRate, and SeveranceHours (seconds) are credited to the SEVERANCE bank.
	Separated      bool
	SeparationDate calendars.Date
	SeveranceHours int64
	// Days of Per: the part of the week in employment (rules.EmployedShare, the one notion of it
	// the salary is paid by: weekdays from the hire date up to the separation date of the week's
	// weekdays). A SCHEDULED or ASSUMED base covers only those days ("shall be paid an amount
	// equal to the vacation leave that had been accrued prior to such termination", PSU-22.4;
	// ESL-A3 "prorate partial weeks by days in pay status"; ESL "Employees may begin accruing sick
	// time on the first date of actual work"). Per 0 (or Days = Per): the whole week.
	Days, Per int64
	// NewYearDays: in a week holding January 1 after its first day, how many of Days fall on or
	// after January 1 (rules.EmployedSplit; Days and Per then count weekdays even when the whole
	// week is in employment). A bank with a year cap splits its scheduled or assumed base between
	// the two calendar years by it (ESL-A5). Per 0: not counted, the base is all the new year's.
	NewYearDays int64
	// Reason and Vested are the separation's (separations.csv REASON, RETIREMENT_VESTED): the
	// banks paid at a share of their balance depend on them.
	Reason string
	Vested bool
	// After: the employment ended before this week. Nothing accrues ("Employees who receive salary
	// continuation as part of a severance agreement do not accrue earned time or sick and vacation
	// time during the severance period", SHARE-PTO-16); the SEVERANCE bank pays a budgeted week.
	After bool
	// StopSeverance: the employee works again; severance still owed is forfeited.
	StopSeverance bool
	// PayoutRate is the hourly base final pay lines and the quarterly holiday comp payout
	// (SHARE-HOL-13) are paid at; Account the labor account they are charged to. Set in a
	// separation week, a week with severance owed and the first week of a quarter (QuarterStarts).
	PayoutRate rates.Rate
	Account    string
	From, To   int64 // instants bounding the workweek, the span of a final pay line
	// AverageRate is the employee's average hourly rate over the separation profile's
	// average_rate years before the separation (0 when not known): banks listed there are paid at
	// the higher of it and PayoutRate.
	AverageRate rates.Rate
}

// Exception codes raised by the accrual stage.
const (
	ExcInsufficient  = rules.ExcInsufficient
	ExcQuarterPayout = "HOL_COMP_QTR_PAYOUT"
	ExcLotExpiring   = "COMP_LOT_EXPIRING"
	ExcLotForfeited  = "COMP_FORFEITED"
	ExcWorkload      = "EXCESSIVE_WORKLOAD"
)

// Pay codes of the final pay lines the accrual stage writes.
const (
	CodeTermPayout = "TERM_PAYOUT"
	CodeSeverance  = "SEVERANCE"
)

// Engine moves banks. It caches compiled plans and scratch space, so use one per worker.
type Engine struct {
	plans []*plan
	lots  []lotMove
	uses  []dayUse
}

// lotMove is one lot's week.
type lotMove struct {
	credit                                    calendars.Date
	opening, earned, used, forfeited, closing rates.Hours
	rule                                      string
}

// move is one bank's week in the making.
type move struct {
	opening, earned, used, forfeited rates.Hours
	pending                          rates.Hours // overflow from another bank, not yet capped
	rule                             string
	tier                             string
	touched                          bool
	// fixed: the row's rule is a rollover or quarter payout, which moved the balance itself and
	// names the row even when a cap also stopped accrual.
	fixed bool
	// In a week holding January 1: oldYTD is the year-to-date accrual of the year that ends in it,
	// oldEarned the part of earned accrued in that year (not in the new year's YTD).
	oldYTD, oldEarned rates.Hours
}

// Week closes one employee-week: it updates st from the opening of the week to its close and
// appends one row per bank the employee holds (in Bank order) to out. Weeks of one employee must
// come in order; st carries them.
func (e *Engine) Week(in *Input, st *State, out *[]model.Accrual, exc *[]model.Exception) {
	prof := in.RuleSet.Accrual
	if prof == nil {
		return // the rule set keeps no banks: balances pass through untouched
	}
	p := e.planFor(in.RuleSet, in.Emp.TimeOff)
	start := in.Week
	end := start + 6
	var mv [NumBanks]move
	for b := range mv {
		mv[b].opening = st.Slots[b].Balance
	}
	lotBank := NoBank
	if r := p.rules[ExemptComp]; r != nil && r.LotMonths > 0 {
		lotBank = ExemptComp
		var sum rates.Hours
		for _, l := range st.Lots {
			sum += l.Hours
		}
		mv[lotBank].opening = sum // the lots are the balance
	}
	cur := func(b Bank) rates.Hours {
		m := &mv[b]
		return m.opening + m.earned - m.used - m.forfeited
	}

	// A new calendar year (the year of the week's last day changes): year-to-date accrual starts
	// again, and a bank with a rollover limit keeps only that much (ESL-A7). A bank with a year cap
	// accrues the week's days before January 1 in the old year (ESL-A5), so it keeps that year's
	// year-to-date accrual for them.
	endYear := end.Year()
	jan1 := model.NoDate // January 1 when it falls in the week after its first day
	newYear := endYear != (end - 7).Year()
	if newYear {
		if d := calendars.NewDate(endYear, 1, 1); d > start {
			jan1 = d
		}
		for b := Bank(0); b < NumBanks; b++ {
			mv[b].oldYTD = st.Slots[b].YTD
			st.Slots[b].YTD = 0
			r := p.rules[b]
			if r == nil || !r.HasRollover {
				continue
			}
			if keep := rates.HoursOf(int64(r.Rollover)); cur(b) > keep {
				mv[b].forfeited += cur(b) - keep
				mv[b].rule, mv[b].touched, mv[b].fixed = r.RolloverRule, true, true
			}
		}
	}

	// A bank credited in days (PSU-20.3) is credited in the first week of the year, after the
	// rollover above took what the old year left, and in the week of a hire; before the week's
	// use, which it can pay. Any other week costs the one date comparison.
	if g := p.grant; g != NoBank && !in.After {
		if hire := serviceHire(in.Emp); newYear || (hire >= start && hire <= end) {
			e.yearGrant(in, p, g, &mv[g], newYear, hire)
		}
	}

	// After each calendar quarter, the bank above the keep level is paid out (SHARE-HOL-13:
	// "SHARE employees on Traditional Time will be paid for all hours accrued over forty (40)
	// hours in their holiday comp bank after each quarter of the fiscal year"; the fiscal year
	// starts October 1, SHARE-G-08, so its quarters are the calendar's). The catalog: "pay
	// (balance − 40) × base … and set the balance to 40", in the first week starting after the
	// quarter. The hours leave the bank here, before the week's use; the pay line is written
	// after usage (quarterPay) so that no pay-code row can read it as a withdrawal.
	var quarterPay [NumBanks]rates.Hours
	if QuarterStarts(start) {
		for _, b := range p.order {
			r := p.rules[b]
			if !r.HasQuarterPay {
				continue
			}
			if keep := rates.HoursOf(int64(r.QuarterKeep)); cur(b) > keep {
				pay := cur(b) - keep
				mv[b].used += pay
				mv[b].rule, mv[b].touched, mv[b].fixed = r.QuarterRule, true, true
				quarterPay[b] = pay
			}
		}
	}

	e.usage(in, p, &mv, exc)
	for _, b := range p.order {
		if h := quarterPay[b]; h > 0 {
			e.quarterPayout(in, p.rules[b], b, h, exc)
		}
	}
	if lotBank != NoBank {
		e.useLots(in, p, lotBank, st, &mv[lotBank], exc)
	}

	// Accrual, bank by bank in profile order (an overflow target comes after its source).
	k := int64(start-calendars.WeekStart(calendars.NewDate(endYear, 1, 1), in.RuleSet.WeekStart())) / 7
	// The banks of a plan nearly always count service from one date: what follows from it is
	// worked out once per week, not once per bank.
	var svc serviceMemo
	unpaid := int64(-1) // unpaidOf, once it is needed
	for _, b := range p.order {
		if in.After {
			break // no accrual once the employment has ended (SHARE-PTO-16)
		}
		r := p.rules[b]
		m := &mv[b]
		var acc rates.Hours
		var capH rates.Hours
		if r.Tier != "" {
			m.tier = r.Tier
		}
		service := serviceDate(in.Emp, r)
		svc.use(service, start, end)
		if ci, c := chartOf(r, service); c != nil {
			y := svc.completedYears()
			ti := tierIndex(c, y)
			t := &c.Tiers[ti]
			m.tier = p.labels[b][ci][ti]
			base, nominal := baseOf(in, p, b, r, &unpaid)
			rate := t.Rate
			if f := prof.Weeks43Factor; r.Prorate43 && in.Emp.Weeks43 && f.Num > 0 {
				rate = rates.Fraction{Num: rate.Num * f.Num, Den: rate.Den * f.Den}
			}
			if jan1 != model.NoDate && r.YearCap > 0 && base > 0 {
				// The week holds January 1: its base before it accrues in the old year, at the
				// week's place in that year (week kOld) and within what that year's cap leaves
				// ("Once employees have accrued 40 hours of earned sick time during the benefit
				// year, they do not continue to accrue more hours", ESL-A5); the rest in the new
				// year as any week 0 does.
				before := baseBefore(in, p, b, r, base, jan1)
				kOld := int64(start-calendars.WeekStart(calendars.NewDate(endYear-1, 1, 1), in.RuleSet.WeekStart())) / 7
				old := credit(rate, before, kOld*nominal)
				if room := max(0, rates.HoursOf(int64(r.YearCap))-m.oldYTD); old > room {
					old = room
					if !m.fixed {
						m.rule = r.YearCapRuleID
					}
				}
				m.oldEarned = old
				acc += old
				base -= before
			}
			acc += credit(rate, base, k*nominal)
			capH = rates.HoursOf(int64(t.Cap))
		}
		if capH == 0 {
			capH = rates.HoursOf(int64(r.Cap))
		}
		if n := svc.anniversary; n > 0 {
			if h := longevityHours(r, n); h > 0 {
				acc += prorate(rates.HoursOf(int64(h)), in.Emp.BudgetedWeekly, prof.FullTimeHours)
				if !m.fixed {
					m.rule = r.LongevityRuleID
				}
			}
		}
		if m.pending > 0 {
			acc += m.pending
		}
		if r.YearCap > 0 {
			// The new year's part: acc less what the week accrued in the old year (oldEarned).
			room := max(0, rates.HoursOf(int64(r.YearCap))-st.Slots[b].YTD)
			if acc-m.oldEarned > room {
				acc = m.oldEarned + room
				if !m.fixed {
					m.rule = r.YearCapRuleID
				}
			}
		}
		if capH > 0 && r.CapApplies(serviceHire(in.Emp).Time()) {
			if r.CapProrate {
				capH = prorate(capH, in.Emp.BudgetedWeekly, prof.FullTimeHours)
			}
			room := max(0, capH-cur(b))
			if acc > room {
				over := acc - room
				switch r.CapMode {
				case "OVERFLOW":
					acc = room
					mv[p.over[b]].pending += over
				case "SUSPEND":
					acc = room
				default: // FORFEIT: shown as earned and forfeited, so the row says what the cap took
					m.forfeited += over
				}
				if !m.fixed {
					m.rule = r.CapRuleID
				}
			}
			// The bank cap stops the latest accrual first: the new year's, then the old year's.
			m.oldEarned = min(m.oldEarned, acc)
		}
		m.earned += acc
		m.earned += rates.HoursOf(earnedBy(in, r))
	}
	if lotBank != NoBank {
		e.creditLot(in, p.rules[lotBank], st, &mv[lotBank], end, exc)
	}
	e.finalPay(in, p, &mv, cur, exc)

	for b := Bank(0); b < NumBanks; b++ {
		s := &st.Slots[b]
		m := &mv[b]
		r := p.rules[b]
		if !s.Held && (r == nil || b == Severance || b == p.grant) && !m.touched {
			continue // severance is shown only for the employees who have it, a granted bank once granted
		}
		if b == Severance && !m.touched && m.opening == 0 {
			continue // and only until it is paid out
		}
		rule := m.rule
		if rule == "" {
			if r != nil {
				rule = r.RuleID
			} else {
				rule = prof.InsufficientRuleID
			}
		}
		tier := m.tier
		if tier == "" {
			tier = "none"
		}
		closing := cur(b)
		s.Balance, s.YTD, s.Held = closing, s.YTD+m.earned-m.oldEarned, true
		*out = append(*out, model.Accrual{Week: start, Employee: in.Emp.ID, RuleSet: in.Emp.RuleSet, Bank: bankNames[b],
			Opening: m.opening, Earned: m.earned, Used: m.used, Forfeited: m.forfeited, Closing: closing, YTD: s.YTD,
			Tier: tier, RuleID: rule})
		if b == lotBank {
			r := p.rules[b]
			for _, l := range e.lots {
				lr := l.rule
				if lr == "" {
					lr = r.RuleID
				}
				*out = append(*out, model.Accrual{Week: start, Employee: in.Emp.ID, RuleSet: in.Emp.RuleSet, Bank: bankNames[b],
					Opening: l.opening, Earned: l.earned, Used: l.used, Forfeited: l.forfeited, Closing: l.closing,
					Tier: tier, RuleID: lr, Lot: true, CreditDate: l.credit, Expires: LotExpires(l.credit, r.LotMonths)})
			}
		}
	}
}

// yearGrant credits a bank kept in days (rates.YearGrant), PSU-20.3: "On the first payroll day of
// the payroll month of January, full-time bargaining unit members will be credited annually with
// six (6) paid personal leave days"; members "hired into the bargaining unit … on or after the
// first payroll day of the payroll month of January will be credited with personal leave days in
// accordance with the following schedule" (January 1 to February 29: 5 … November 1 to December
// 31: none). A week's payroll month is the month of its last day (the year of the accrual stage),
// so the first payroll day of the January payroll month is the first day of the week holding
// January 1. An employee hired on or before it was on payroll that day: the full grant. A later
// hire is credited in the hire week by the row of the hire date; a hire dated before January 1
// in the week holding it is in the January payroll month already, the schedule's first row.
// Days × day hours, prorated by budgeted ÷ full time ("granted on a pro-rata basis"): 6 × 7.5 h
// = 45 h full-time, × 22.5 / 37.5 = 27 h at 0.6; a bank marked prorate_43 also × weeks43_factor on
// a 43-week appointment, as its rate-accrued banks.
func (e *Engine) yearGrant(in *Input, p *plan, b Bank, m *move, newYear bool, hire calendars.Date) {
	g := p.rules[b].Grant
	days := 0
	switch {
	case newYear && (hire == model.NoDate || hire <= in.Week):
		days = g.Days
	case hire >= in.Week && hire <= in.Week+6:
		if y, mo, d := hire.YMD(); y < (in.Week + 6).Year() {
			days = g.HireDaysOn(1, 1)
		} else {
			days = g.HireDaysOn(mo, d)
		}
	}
	if days <= 0 {
		return
	}
	h := prorate(rates.HoursOf(int64(days)*int64(g.DayHours)), in.Emp.BudgetedWeekly, p.prof.FullTimeHours)
	if f := p.prof.Weeks43Factor; p.rules[b].Prorate43 && in.Emp.Weeks43 && f.Num > 0 {
		// "vacation leave, sick leave, and paid personal leave shall be prorated" (NUT-VI-5), as
		// the rate of the profile's other prorate_43 banks: 45 × 43/52 = 37.2115 h.
		h = rates.Hours(rates.Round(int64(h)*f.Num, f.Den))
	}
	m.earned += h
	m.touched = true
}

// finalPay moves the banks at the end of an employment. In the separation week: the severance
// owed is credited to SEVERANCE, and every bank marked payout_at_separation pays its balance as a
// TERM_PAYOUT line ("Upon termination, employees will normally be paid in a lump sum for all
// earned/vacation time accruals", SHARE-PTO-16; PSU-22.4; PSU-39.6-E5 and NU-OT-8 for FLSA comp at
// the final rate). Every week that opens with severance owed pays one budgeted week of it
// ("Severance and benefit time will be paid out weekly until exhausted", SHARE-SEV-01).
func (e *Engine) finalPay(in *Input, p *plan, mv *[NumBanks]move, cur func(Bank) rates.Hours, exc *[]model.Exception) {
	sp := in.RuleSet.Separation
	if sp == nil {
		return
	}
	end := in.Week + 6
	m := &mv[Severance]
	if m.opening > 0 && in.StopSeverance {
		m.forfeited += m.opening
		m.rule, m.tier, m.touched = sp.SeveranceRuleID, "severance", true
	} else if m.opening > 0 {
		draw := min(m.opening, rates.HoursOf(in.Emp.BudgetedWeekly))
		m.used += draw
		m.rule, m.tier, m.touched = sp.SeveranceRuleID, "severance", true
		e.payLine(in, end, CodeSeverance, sp.SeveranceRuleID, draw)
	}
	if !in.Separated {
		return
	}
	if in.SeveranceHours > 0 {
		m.earned += rates.HoursOf(in.SeveranceHours)
		m.rule, m.tier, m.touched = sp.SeveranceRuleID, "severance", true
	}
	for _, b := range p.order {
		rule, ok := sp.Payout[bankNames[b]]
		if !ok || b == Severance {
			continue
		}
		if h := cur(b); h > 0 {
			mb := &mv[b]
			mb.used += h
			mb.rule, mb.touched, mb.fixed = rule, true, true
			rate := in.PayoutRate
			if sp.AverageRate.Covers(bankNames[b]) && in.AverageRate > rate {
				rate = in.AverageRate
			}
			e.payLineAt(in, in.SeparationDate, CodeTermPayout, rule, h, rate)
		}
	}
	for i := range sp.Share {
		e.sharePayout(in, &sp.Share[i], mv, cur, exc)
	}
}

// Exception codes of the payouts at a share of a bank.
const (
	ExcSharePayoutCapped = "SICK_PAYOUT_CAPPED"
	ExcSharePayoutToAuth = "SICK_PAYOUT_TO_AUTHORIZE"
)

// sharePayout pays Percent of a bank's balance for the reasons listed (PSU-20.1-M "twenty (20)
// percent of the value of their unused accrued sick leave at the time of their retirement", the
// estate's the same at death) at the payout rate, the balance counted at most the cap unless the
// employee is vested (PSU-SL-SICK, the catalog: "payable_sick_hours = min(sick_balance, 900 h ×
// FTE_basis)"). The balance leaves the bank: the share paid as used, the rest forfeited. A payout
// to authorize is only an exception with its amount (SHARE-RET-01: "The pension benefit office will
// authorize payment at the rate of pay at time of termination if all conditions are met").
func (e *Engine) sharePayout(in *Input, r *rates.SharePayout, mv *[NumBanks]move, cur func(Bank) rates.Hours, exc *[]model.Exception) {
	b, ok := ParseBank(r.Bank)
	if !ok || !slices.Contains(r.Reasons, in.Reason) {
		return
	}
	bal := cur(b)
	if bal <= 0 {
		return
	}
	payable := bal
	capped := len(r.CapReasons) == 0 || slices.Contains(r.CapReasons, in.Reason)
	if capH := rates.HoursOf(int64(r.CapHours)); capH > 0 && capped && !in.Vested {
		if r.CapProrate {
			capH = prorate(capH, in.Emp.BudgetedWeekly, in.RuleSet.Accrual.FullTimeHours)
		}
		if bal > capH {
			payable = capH
			*exc = append(*exc, model.Exception{Employee: in.Emp.ID, Date: in.SeparationDate, Code: ExcSharePayoutCapped, RuleID: r.CapRuleID,
				Detail: bankNames[b] + " payout counts " + capH.String() + " of " + bal.String() + " h: not vested as of 2020-06-30 (RETIREMENT_VESTED is not Y)"})
		}
	}
	paid := rates.Hours(rates.Round(int64(payable)*r.Percent, 100))
	if r.Authorize {
		*exc = append(*exc, model.Exception{Employee: in.Emp.ID, Date: in.SeparationDate, Code: ExcSharePayoutToAuth, RuleID: r.RuleID,
			Detail: strconv.FormatInt(r.Percent, 10) + "% of " + payable.String() + " h of " + bankNames[b] + " = " + paid.String() + " h × " + in.PayoutRate.String() +
				" = " + rates.Amount(paid.Seconds(), in.PayoutRate).String() + " if the pension office authorizes it; not paid by the close"})
		return
	}
	m := &mv[b]
	m.used += paid
	m.forfeited += bal - paid
	m.rule, m.touched, m.fixed = r.RuleID, true, true
	e.payLine(in, in.SeparationDate, CodeTermPayout, r.RuleID, paid)
}

// CodeQuarterPayout is the pay code of the quarterly holiday comp payout (SHARE-HOL-13): the
// holiday bank paid out, the code the earning-code and GL mappings know for it. Its rule id tells
// it apart from a worked holiday taken as cash (SHARE-HOL-12) and from the HOLIDAY BANK PAYOUT
// pay-code row, the one that debits the bank.
const CodeQuarterPayout = rules.CodeHolPayout

// quarterPayout pays the h hours the quarter took out of bank b at the base rate (the catalog:
// "pay (balance − 40) × base"), dated the week's first day, the first day after the quarter it
// is paid in. It is straight-time pay of hours already banked and counts toward no 40 (catalog
// "not OT_COUNTED per OT-G"): it is a line of this stage, after the rules counted the week. With
// no base rate known the line pays nothing, so the clerk is told to pay it.
func (e *Engine) quarterPayout(in *Input, r *rates.BankRule, b Bank, h rates.Hours, exc *[]model.Exception) {
	e.payLine(in, in.Week, CodeQuarterPayout, r.QuarterRule, h)
	if in.PayoutRate <= 0 {
		*exc = append(*exc, model.Exception{Employee: in.Emp.ID, Date: in.Week, Code: ExcQuarterPayout, RuleID: r.QuarterRule,
			Detail: b.String() + " bank above " + rates.HoursOf(int64(r.QuarterKeep)).String() + " h after the quarter: " + h.String() +
				" h paid out without a base rate ($0.00): pay them at the base rate"})
	}
}

// QuarterStarts reports whether the week starting on week is the first to start in a calendar
// quarter, the week the quarter before is paid out in (SHARE-HOL-13).
func QuarterStarts(week calendars.Date) bool { return quarterOf(week) != quarterOf(week-7) }

// payLine appends a pay line of the accrual stage (final pay, a quarter's payout) of h hours at the payout rate to the week's result.
func (e *Engine) payLine(in *Input, date calendars.Date, code, rule string, h rates.Hours) {
	e.payLineAt(in, date, code, rule, h, in.PayoutRate)
}

func (e *Engine) payLineAt(in *Input, date calendars.Date, code, rule string, h rates.Hours, rate rates.Rate) {
	secs := h.Seconds()
	in.Result.Lines = append(in.Result.Lines, model.PayLine{Employee: in.Emp.ID, RuleSet: in.Emp.RuleSet, WorkDate: date,
		PayCode: code, Seconds: secs, Rate: rate, Amount: rates.Amount(secs, rate), RuleID: rule, Account: in.Account,
		Start: in.From, End: in.To})
}

// useLots debits the week's usage of a bank kept in lots oldest lot first ("Compensatory time
// used will be counted in a first earned, first used basis", PSU-18.2-D), then forfeits every lot
// whose last day (LotExpires) falls in the week ("Compensatory time not used within twelve
// calendar months after it is credited will be forfeited", PSU-18.2-C1) — or all of them when the
// employment ends ("any remaining compensatory time is lost when an employee separates",
// PSU-18.2-C3) — and warns LotWarnDays before a lot expires. A lot pays the uses dated on or
// before its last day: a lot expiring on the Wednesday of a week still covers that week's Monday
// use, not its Friday one (INSUFFICIENT_BALANCE when no other lot can).
func (e *Engine) useLots(in *Input, p *plan, b Bank, st *State, m *move, exc *[]model.Exception) {
	r := p.rules[b]
	start, end := in.Week, in.Week+6
	e.lots = e.lots[:0]
	// The week's uses by day, in line order, at most what usage let the bank pay (m.used): a lot
	// pays only uses dated on or before its last day ("Compensatory time not used within twelve
	// calendar months after it is credited will be forfeited", PSU-18.2-C1), so a lot that
	// expired before the day of a use is forfeited, not used.
	e.uses = e.uses[:0]
	left := m.used
	for i := range in.Result.Lines {
		l := &in.Result.Lines[i]
		lb, unit := p.bankOf(l.PayCode, l.RuleID)
		if lb != b || l.Seconds == 0 || left == 0 {
			continue
		}
		secs := l.Seconds
		if unit > 0 {
			secs = (secs + unit - 1) / unit * unit
		}
		h := min(rates.HoursOf(secs), left)
		left -= h
		e.uses = append(e.uses, dayUse{date: l.WorkDate, h: h})
	}
	for _, l := range st.Lots {
		lm := lotMove{credit: l.Credit, opening: l.Hours}
		exp := LotExpires(l.Credit, r.LotMonths)
		for i := range e.uses {
			u := &e.uses[i]
			if u.date > exp || u.h == 0 {
				continue
			}
			take := min(u.h, l.Hours-lm.used)
			u.h -= take
			lm.used += take
		}
		rest := l.Hours - lm.used
		switch {
		case rest > 0 && in.Separated:
			lm.forfeited, lm.rule = rest, r.SeparationRuleID
		case rest > 0 && exp <= end:
			lm.forfeited, lm.rule = rest, r.ExpireRuleID
		case rest > 0 && r.LotWarnDays > 0 && exp-calendars.Date(r.LotWarnDays) >= start && exp-calendars.Date(r.LotWarnDays) <= end:
			*exc = append(*exc, model.Exception{Employee: in.Emp.ID, Date: exp, Code: ExcLotExpiring, RuleID: r.ExpireRuleID,
				Detail: "exempt comp lot credited " + l.Credit.String() + ": " + rest.String() + " h expire unless used by " + exp.String()})
		}
		if lm.forfeited > 0 {
			m.forfeited += lm.forfeited
			m.rule, m.touched = lm.rule, true
			*exc = append(*exc, model.Exception{Employee: in.Emp.ID, Date: min(exp, end), Code: ExcLotForfeited, RuleID: lm.rule,
				Detail: "exempt comp lot credited " + l.Credit.String() + ": " + lm.forfeited.String() + " h forfeited, not paid"})
			// PSU-11.3: "Compensatory time expiring is greater than one day" (a day is the
			// budgeted week × the standard day ÷ the standard week) is a likely indicator of an
			// excessive workload.
			if day := workloadDay(in); r.WorkloadRuleID != "" && lm.rule == r.ExpireRuleID && lm.forfeited > day {
				*exc = append(*exc, model.Exception{Employee: in.Emp.ID, Date: min(exp, end), Code: ExcWorkload, RuleID: r.WorkloadRuleID,
					Detail: lm.forfeited.String() + " h of comp expired at once, more than one day (" + day.String() + " h): a likely indicator of an excessive workload"})
			}
		}
		lm.closing = l.Hours - lm.used - lm.forfeited
		e.lots = append(e.lots, lm)
	}
	// Uses no unexpired lot could pay were paid without balance.
	var short rates.Hours
	first := model.NoDate
	for _, u := range e.uses {
		if u.h > 0 {
			short += u.h
			if first == model.NoDate {
				first = u.date
			}
		}
	}
	if short > 0 {
		m.used -= short
		m.touched = true
		rule := p.prof.InsufficientRuleID
		if r.UseRuleID != "" {
			rule = r.UseRuleID
		}
		if m.rule == "" {
			m.rule = rule
		}
		*exc = append(*exc, model.Exception{Employee: in.Emp.ID, Date: first, Code: ExcInsufficient, RuleID: rule,
			Detail: b.String() + " bank: " + short.String() + " h charged this week on or after " + first.String() +
				" had no lot unexpired on the day of use (PSU-18.2-C1); they were paid without balance and must be recovered or recoded as unpaid"})
	}
}

// dayUse is one line's use of a bank kept in lots.
type dayUse struct {
	date calendars.Date
	h    rates.Hours
}

// creditLot adds the week's credit as a lot dated the week's last day (the catalog: "store
// credit_date (the week-end date) per credit lot", PSU-18.2-B) and keeps the lots left with hours.
func (e *Engine) creditLot(in *Input, r *rates.BankRule, st *State, m *move, end calendars.Date, exc *[]model.Exception) {
	if m.earned > 0 && !in.Separated {
		e.lots = append(e.lots, lotMove{credit: end, earned: m.earned, closing: m.earned})
	} else if m.earned > 0 {
		m.forfeited += m.earned // credited and lost at once: shown, never silently dropped
		e.lots = append(e.lots, lotMove{credit: end, earned: m.earned, forfeited: m.earned, rule: r.SeparationRuleID})
		m.rule = r.SeparationRuleID
		*exc = append(*exc, model.Exception{Employee: in.Emp.ID, Date: in.SeparationDate, Code: ExcLotForfeited, RuleID: r.SeparationRuleID,
			Detail: "exempt comp credited in the final week: " + m.earned.String() + " h forfeited at separation, not paid"})
	}
	if r.WorkloadRuleID != "" && r.WorkloadMonths > 0 {
		e.heldTooLong(in, r, end, exc)
	}
	st.Lots = st.Lots[:0]
	for _, l := range e.lots {
		if l.closing > 0 {
			st.Lots = append(st.Lots, Lot{Credit: l.credit, Hours: l.closing})
		}
	}
}

// workloadDay is one of the employee's days: the budgeted week × standard day ÷ standard week.
func workloadDay(in *Input) rates.Hours {
	if in.RuleSet.StandardWeek <= 0 {
		return rates.HoursOf(in.Emp.BudgetedWeekly)
	}
	return rates.HoursOf(rates.Round(in.Emp.BudgetedWeekly*int64(in.RuleSet.StandardDay), int64(in.RuleSet.StandardWeek)))
}

// heldTooLong raises PSU-11.3's "The compensatory time balance accrued is greater than one regular
// work week of that bargaining unit member for a four-month period" the week it becomes true. The
// lots tell it without a history: hours of lots credited WorkloadMonths or more ago and still held
// were in the balance all that time, so more than a budgeted week of them means the balance stayed
// above a week for the whole period (a lower bound: a balance kept up by newer lots is not seen).
// It is raised when true at this week's close and not at the last one's.
func (e *Engine) heldTooLong(in *Input, r *rates.BankRule, end calendars.Date, exc *[]model.Exception) {
	week := rates.HoursOf(in.Emp.BudgetedWeekly)
	var now, before rates.Hours
	for _, l := range e.lots {
		if l.credit <= end.AddMonths(-r.WorkloadMonths) {
			now += l.closing
		}
		if l.credit <= (end - 7).AddMonths(-r.WorkloadMonths) {
			before += l.opening
		}
	}
	if now > week && before <= week {
		*exc = append(*exc, model.Exception{Employee: in.Emp.ID, Date: end, Code: ExcWorkload, RuleID: r.WorkloadRuleID,
			Detail: now.String() + " h of comp held " + strconv.Itoa(r.WorkloadMonths) + " months or more, more than one regular work week (" + week.String() +
				" h): a likely indicator of an excessive workload"})
	}
}

// LotExpires is the last day a lot credited on credit can be used: the same day of the month
// LotMonths later, or the last day of that month when it is shorter (2024-02-29 + 12 months =
// 2025-02-28).
func LotExpires(credit calendars.Date, months int) calendars.Date { return credit.AddMonths(months) }

// usage debits the banks for the week's pay lines. Only the balance at the close of the prior
// week can be used (SHARE-PTO-19 "Earned time must be accrued before it is paid"); the rest is an
// INSUFFICIENT_BALANCE exception and the bank stays at zero, never negative. A bank whose profile
// rule sets pto_balance_basis was already paid only up to that balance by the rules when the run
// knows it (model.Week.BalancesKnown), which raised the week's exception: its lines fit, so none
// is raised here. This one is for the other banks, and for a run with no opening balances.
func (e *Engine) usage(in *Input, p *plan, mv *[NumBanks]move, exc *[]model.Exception) {
	var want, avail [NumBanks]rates.Hours
	var short [NumBanks]calendars.Date
	for b := range avail {
		m := &mv[b]
		avail[b] = max(0, m.opening+m.earned-m.used-m.forfeited)
		short[b] = model.NoDate
	}
	lines := in.Result.Lines
	for i := range lines {
		l := &lines[i]
		b, unit := p.bankOf(l.PayCode, l.RuleID)
		if b == NoBank || l.Seconds == 0 {
			continue
		}
		secs := l.Seconds
		if unit > 0 {
			secs = (secs + unit - 1) / unit * unit
		}
		h := rates.HoursOf(secs)
		want[b] += h
		m := &mv[b]
		m.touched = true
		take := min(h, avail[b])
		avail[b] -= take
		m.used += take
		if take < h && short[b] == model.NoDate {
			short[b] = l.WorkDate
		}
	}
	for b := Bank(0); b < NumBanks; b++ {
		if short[b] == model.NoDate {
			continue
		}
		rule := p.prof.InsufficientRuleID
		if r := p.rules[b]; r != nil && r.UseRuleID != "" {
			rule = r.UseRuleID
		}
		m := &mv[b]
		*exc = append(*exc, model.Exception{Employee: in.Emp.ID, Date: short[b], Code: ExcInsufficient, RuleID: rule,
			Detail: b.String() + " bank: " + want[b].String() + " h charged this week, " + m.used.String() +
				" h available at the close of the prior week; " + (want[b] - m.used).String() +
				" h were paid without balance and must be recovered or recoded as unpaid"})
		if m.rule == "" {
			m.rule = rule
		}
	}
}

// credit is rate × base rounded to 1/10000 h as the difference of two rounded cumulative
// amounts after prior nominal seconds (see the package comment). Units: 1/10000 h =
// seconds × num × 10000 / (3600 × den).
func credit(rate rates.Fraction, base, prior int64) rates.Hours {
	if base <= 0 || rate.Num == 0 {
		return 0
	}
	num, den := rate.Num*25, rate.Den*9
	return rates.Hours(rates.Round((prior+base)*num, den) - rates.Round(prior*num, den))
}

// baseOf is the week's accrual base in seconds and the nominal full week it is measured against.
// unpaid caches unpaidOf for the week (-1: not yet computed).
func baseOf(in *Input, p *plan, b Bank, r *rates.BankRule, unpaid *int64) (base, nominal int64) {
	res := in.Result
	unpaidSecs := func() int64 {
		if *unpaid < 0 {
			*unpaid = unpaidOf(res, p)
		}
		return *unpaid
	}
	// A bank with an unpaid limit is all or nothing: unpaid time up to the limit takes nothing
	// from the week, above it the week earns nothing (PSU-20.1-D "shall not accrue sick leave
	// credits for any months in which he/she was … absent without pay for a total of more than
	// one (1) day": not more than a day still accrues the month in full). Other banks earn on the
	// week less the unpaid time (PSU-22.1-B, ESL-A2).
	deduct := func() int64 {
		if !r.UnpaidLimit.IsZero() {
			return 0
		}
		return unpaidSecs()
	}
	budget := in.Emp.BudgetedWeekly
	// The scheduled or assumed week is the part of it in employment: the budgeted week × Days ÷
	// Per, rounded once like the salary of that week (rules.Salary). The nominal stays the full
	// week: it only places the week in the nominal year of the cumulative rounding.
	week := in.employed(budget)
	switch r.Base {
	case "WORKED":
		base = res.Worked
	case "PAID":
		base = res.Worked
		codes, key := p.base[b], &p.baseKey[b]
		for i := range res.Lines {
			if c := res.Lines[i].PayCode; key.mayHave(c) && contains(codes, c) {
				base += res.Lines[i].Seconds
			}
		}
	case "SCHEDULED":
		base = max(0, week-deduct())
	case "ASSUMED":
		// Time on paid leave (the accrual-base pay codes) or unpaid is not time worked (ESL-A2),
		// so the assumed week shrinks by it; pay on top of the week (a lump sum) does not.
		var leave int64
		codes, key := p.base[b], &p.baseKey[b]
		for i := range res.Lines {
			if c := res.Lines[i].PayCode; key.mayHave(c) && contains(codes, c) {
				leave += res.Lines[i].Seconds
			}
		}
		base = max(0, week-leave-deduct())
	default:
		return 0, 0
	}
	if !r.UnpaidLimit.IsZero() && unpaidSecs()*r.UnpaidLimit.Den > r.UnpaidLimit.Num*budget {
		base = 0
	}
	nominal = budget
	if c := int64(r.BaseCap); c > 0 {
		// The cap is a whole week's (ESL-A3 "40 hours in each work week"), so is its part.
		base, nominal = min(base, in.employed(c)), min(nominal, c)
	}
	return base, nominal
}

// baseBefore is the part of a week's base (baseOf) that falls before jan1, the first day of a new
// calendar year inside the week: worked time (REG and OT lines) and a PAID base's pay codes by
// their lines' work dates; a scheduled or assumed week by its weekdays in employment before
// January 1 (Days less NewYearDays of Per, rounded once like the week: the rest of the week is
// the new year's), less the leave and unpaid time dated before it. The week's first hours come
// first: it is at most base, so a week capped at 40 h counts its hours before January 1 in full.
// Only a week holding January 1 pays for this pass over its lines.
func baseBefore(in *Input, p *plan, b Bank, r *rates.BankRule, base int64, jan1 calendars.Date) int64 {
	lines := in.Result.Lines
	codes, key := p.base[b], &p.baseKey[b]
	var before int64
	switch r.Base {
	case "WORKED", "PAID":
		for i := range lines {
			l := &lines[i]
			if l.WorkDate >= jan1 {
				continue
			}
			if c := l.PayCode; c == rules.CodeREG || c == rules.CodeOT || (r.Base == "PAID" && key.mayHave(c) && contains(codes, c)) {
				before += l.Seconds
			}
		}
	case "SCHEDULED", "ASSUMED":
		if in.Per <= 0 {
			return 0 // days not counted: the week is the new year's (Input.NewYearDays)
		}
		days := max(0, in.Days-in.NewYearDays)
		before = rates.Round(in.Emp.BudgetedWeekly*days, in.Per)
		for i := range lines {
			l := &lines[i]
			if l.WorkDate >= jan1 {
				continue
			}
			c := l.PayCode
			if r.Base == "ASSUMED" && key.mayHave(c) && contains(codes, c) {
				before -= l.Seconds // leave is not time worked (ESL-A2)
			}
			if r.UnpaidLimit.IsZero() && p.unpaidKey.mayHave(c) && contains(p.unpaid, c) {
				before -= l.Seconds
			}
		}
		if c := int64(r.BaseCap); c > 0 {
			before = min(before, rates.Round(c*days, in.Per))
		}
	}
	return min(max(0, before), base)
}

// employed is the part of a week's secs that falls in employment: secs × Days ÷ Per, rounded once
// (rules.Salary rounds the salaried week the same way); all of it when the whole week is.
func (in *Input) employed(secs int64) int64 {
	if in.Per <= 0 || in.Days >= in.Per {
		return secs
	}
	return rates.Round(secs*max(0, in.Days), in.Per)
}

// serviceMemo is what a week's accrual needs from a service date: completed years at the week's
// end and the anniversary number falling in the week.
type serviceMemo struct {
	valid       bool
	service     calendars.Date
	start, end  calendars.Date
	years       int // -1 until asked for
	anniversary int
}

func (s *serviceMemo) use(service, start, end calendars.Date) {
	if s.valid && s.service == service && s.start == start && s.end == end {
		return
	}
	*s = serviceMemo{valid: true, service: service, start: start, end: end, years: -1, anniversary: anniversaryIn(service, start, end)}
}

func (s *serviceMemo) completedYears() int {
	if s.years < 0 {
		s.years = model.CompletedYears(s.service, s.end)
	}
	return s.years
}

func unpaidOf(res *model.Result, p *plan) int64 {
	var n int64
	for i := range res.Lines {
		if c := res.Lines[i].PayCode; p.unpaidKey.mayHave(c) && contains(p.unpaid, c) {
			n += res.Lines[i].Seconds
		}
	}
	return n
}

// earnedBy is the time the rules credited to this bank this week, in seconds.
func earnedBy(in *Input, r *rates.BankRule) int64 {
	var n int64
	for _, src := range r.Earn {
		switch src {
		case "COMP":
			n += in.Result.CompEarned
		case "HOLIDAY_COMP":
			n += in.Result.HolidayCompEarned
		case "HOLIDAY_BANK":
			n += in.HolidayBank
		case "EXEMPT_COMP":
			n += in.Result.ExemptCompEarned
		}
	}
	return n
}

func serviceDate(emp *model.Employee, r *rates.BankRule) calendars.Date {
	if r.ServiceDate == "HIRE" && emp.Hire != model.NoDate {
		return emp.Hire
	}
	return emp.Seniority
}

func serviceHire(emp *model.Employee) calendars.Date {
	if emp.Hire != model.NoDate {
		return emp.Hire
	}
	return emp.Seniority
}

func chartOf(r *rates.BankRule, service calendars.Date) (int, *rates.AccrualChart) {
	if len(r.Charts) == 0 {
		return -1, nil
	}
	c := r.Chart(service.Time())
	if c == nil {
		return -1, nil
	}
	for i := range r.Charts {
		if &r.Charts[i] == c {
			return i, c
		}
	}
	return -1, nil
}

func tierIndex(c *rates.AccrualChart, y int) int {
	t := 0
	for i := range c.Tiers {
		if c.Tiers[i].Years <= y {
			t = i
		}
	}
	return t
}

// anniversaryIn is the anniversary number of from falling in [start, end], or 0.
func anniversaryIn(from, start, end calendars.Date) int {
	if from == model.NoDate {
		return 0
	}
	y1, m1, d1 := from.YMD()
	for y := start.Year(); y <= end.Year(); y++ {
		if a := calendars.NewDate(y, m1, d1); a >= start && a <= end && y > y1 {
			return y - y1
		}
	}
	return 0
}

func longevityHours(r *rates.BankRule, n int) rates.Duration {
	for _, l := range r.Longevity {
		if n >= l.From && (l.To == 0 || n <= l.To) {
			return l.Hours
		}
	}
	return 0
}

// prorate scales hours by min(1, budgeted / full time) (SHARE-PTO-07, PSU-22.1-E).
func prorate(h rates.Hours, budgeted int64, full rates.Duration) rates.Hours {
	if full <= 0 || budgeted >= int64(full) {
		return h
	}
	return rates.Hours(rates.Round(int64(h)*budgeted, int64(full)))
}

func quarterOf(d calendars.Date) int {
	y, m, _ := d.YMD()
	return y*4 + (int(m)-1)/3
}

// Seconds is a bank's balance in whole seconds, for rules that need it before they pay a week
// (the comp cap, Week.CompBalance).
func (st *State) Seconds(b Bank) int64 { return st.Slots[b].Balance.Seconds() }

package psu

import (
	"math"
	"time"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
	"github.com/payclose/payclose/stages/rules"
	"github.com/payclose/payclose/stages/strtab"
)

// leave sums the week's paid and unpaid absence time.
type leave struct {
	paid    int64 // paid leave seconds (all codes, sick included): part of the salaried week
	counted int64 // paid leave that counts toward overtime (PSU-39.6-D1: all but sick)
	unpaid  int64 // LWOP: reduces the salaried week (PSU-39-ALG step 7)
}

// absences pays pay-code rows at the base rate (leave carries no shift differential: §39.5.B pays
// it for "rendering service") and sums what counts toward overtime.
func (c *Calc) absences(w *model.Week, rs *rates.RuleSet, res *model.Result) leave {
	var lv leave
	for i := range w.Absences {
		a := &w.Absences[i]
		pc, rate, from := rules.Absence(w, rs, a, rules.BaseOf(c.bases, a.Pay), res)
		c.lines.Add(a.Date, pc.Code, pc.RuleID, rate, a.Account, a.Seconds, from, from+a.Seconds)
		k := int(a.Date - w.Start)
		inWeek := k >= 0 && k < 7
		if inWeek {
			c.holDays[k].leave = true
		}
		switch {
		case !pc.Paid:
			lv.unpaid += a.Seconds
			if inWeek {
				c.holDays[k].unpaid += a.Seconds // PSU-39.10-D reads it in a week with a holiday
			}
		case pc.LumpSum:
		default:
			lv.paid += a.Seconds
			if pc.CountsOT {
				lv.counted += a.Seconds
				if inWeek {
					c.days[k].counted += a.Seconds
				}
			}
		}
	}
	return lv
}

// holidayBenefits pays the holidays of Article 39.10 that no pay-code row already paid:
//   - A1 "If a holiday occurs on a member's regularly scheduled workday but the member is not
//     required to work that day, the member is entitled to receive his/her regular day's pay":
//     a day's pay that counts toward overtime like other paid leave;
//   - A2 "regularly scheduled day off and the member's normal work week is at least five (5) days,
//     the member is entitled to receive either one day of pay at his or her regular rate or one
//     (1) compensatory day": comp unless the profile's switch says pay (the catalog's default);
//   - otherwise Article 21.8: part-time members are paid their prorated day, full-time members earn
//     an 8-hour comp day;
//   - worked: B "two (2) times the regular rate of pay or … pay for one (1) day at the regular rate
//     plus one (1) compensatory day" — the double is on the worked slices; PAY_PLUS_COMP credits
//     the comp day here.
//
// A1's "regular day's pay" is the scheduled minutes of that day (catalog PSU-39.10-A1: "Emit
// HOLIDAY paid-leave minutes = scheduled minutes of that day (salary continues; no extra cash)"):
// 9.375 h on a compressed four-day week, not a standard day (scheduledDay). Where no shift is
// posted that day (a week with no posted schedule, read as the normal Monday–Friday week, 39.4.C)
// and for part-time members (21.8-A: "in the same proportion that his/her service bears to
// full-time service … whether or not the holiday falls on the employee's regularly scheduled
// workday") a day's pay is the standard day prorated by FTE (7.5 h × budgeted ÷ 37.5), as are A2
// and 21.8-A. Paid leave on a holiday gets no holiday pay (E2: "shall not receive holiday pay or a
// compensatory day off"), nor does any pay-code row on it.
//
// D: "A member who is on unauthorized leave without pay for any of his/her scheduled work day
// immediately preceding or immediately following a holiday or who is on authorized leave without
// pay for the entire work day immediately preceding and immediately following the holiday shall
// not receive pay or a compensatory day off for that holiday." (lwopBothSides). A forfeited holiday
// has no HOL_BENEFIT line and no comp credit (A1, A2, 21.8-A, 21.8-B alike), counts toward no
// overtime, and is raised HOLIDAY_FORFEITED_LWOP; on a scheduled workday its A1 day is returned as
// unpaid (hol.unpaid), which the salaried week is reduced by like LWOP (PSU-39-ALG step 7), so
// SALARY_CONT does not pay it back. A holiday worked (B) is paid for the work, as before.
func (c *Calc) holidayBenefits(w *model.Week, rs *rates.RuleSet, res *model.Result) (hol leave) {
	var dayPay int64
	if rs.StandardWeek > 0 {
		dayPay = rates.Round(int64(rs.StandardDay)*w.Emp.BudgetedWeekly, int64(rs.StandardWeek))
	}
	partTime := w.Emp.BudgetedWeekly < int64(rs.StandardWeek)
	schedDays := scheduledDays(w)
	var workdays uint8 // rules.Workdays, read at the first holiday not worked nor on leave
	read := false
	for k := 0; k < 7 && c.holidayNear; k++ {
		d := w.Start.AddDays(k)
		if _, ok := c.cal.ObservedOn(d); !ok {
			continue
		}
		from := w.Zone.Instant(d, 0)
		hd := &c.holDays[k]
		if hd.worked {
			if w.Emp.HolidayElect == "PAY_PLUS_COMP" {
				c.holidayComp(d, ruleHolWorked, from, rs, res)
			}
			continue
		}
		if hd.leave {
			continue
		}
		wd := d.Weekday()
		base := rules.BaseOf(c.bases, w.DayPay[k]) // the rate in force on the holiday (rates.csv by workday)
		sched := scheduledOn(w, d) || (schedDays == 0 && wd != time.Saturday && wd != time.Sunday)
		if !read {
			workdays, _ = rules.Workdays(w, c.cal)
			read = true
		}
		if prev, next, lost := c.lwopBothSides(w, k, workdays, dayPay); lost {
			what := "no holiday pay or compensatory day"
			if sched {
				n := c.a1Day(w, d, partTime, dayPay)
				hol.unpaid += n
				what = "the holiday's " + rates.HoursDecimal(n).String() + " h are not paid (the salaried week is reduced by them)"
			}
			res.Exceptions = append(res.Exceptions, model.Exception{Employee: w.Emp.ID, Date: d, Code: rules.ExcHolidayLWOP, RuleID: ruleHolLWOP,
				Detail: "authorized LWOP for the entire scheduled workdays " + w.Start.AddDays(prev).String() + " and " +
					w.Start.AddDays(next).String() + ", immediately before and after the holiday: " + what})
			continue
		}
		switch {
		case sched:
			n := c.a1Day(w, d, partTime, dayPay)
			c.lines.Add(d, codeHolBen, ruleHolSched, base, "", n, from, from+n)
			c.days[k].counted += n
			hol.counted += n
		case partTime:
			c.lines.Add(d, codeHolBen, rulePartTime, base, "", dayPay, from, from+dayPay)
		case schedDays >= 5 || schedDays == 0:
			if rs.Switch(swDayOffPay) {
				c.lines.Add(d, codeHolBen, ruleHolDayOff, base, "", dayPay, from, from+dayPay)
			} else {
				c.holidayComp(d, ruleHolDayOff, from, rs, res)
			}
		default:
			c.holidayComp(d, ruleFullComp, from, rs, res)
		}
	}
	return hol
}

// a1Day is A1's "regular day's pay" on a scheduled holiday d: the day's scheduled minutes for a
// full-time member whose posting says them (scheduledDay), else the standard day prorated by FTE.
func (c *Calc) a1Day(w *model.Week, d calendars.Date, partTime bool, dayPay int64) int64 {
	if !partTime && scheduledOn(w, d) {
		if secs, ok := scheduledDay(w, d); ok {
			return secs
		}
	}
	return dayPay
}

// lwopBothSides is PSU-39.10-D's authorized branch for the holiday on day k: the scheduled workdays
// immediately preceding and immediately following it (rules.HolidayNeighbours over workdays, the
// dates with a posted shift, or Monday to Friday less holidays when nothing is posted, as PSU-21.5
// reads them) are both entirely on LWOP. "the entire work day immediately preceding and
// immediately following" is read conjunctively (the literal "and", the catalog's recommendation;
// the exempt PSU-21.5 is disjunctive): LWOP on one side only, or on part of a day, keeps the
// holiday. A day is entire when its LWOP rows (holDays.unpaid, filled by absences) cover its
// scheduled minutes: the posted shifts less their meal where the posting says the meal
// (scheduledDay, the reading A1 pays a full-time member by; for a part-time member too, since the
// question is what the day's shift was, not what the holiday pays), else the standard day
// prorated by FTE, the day the exempt family deducts a full unpaid day by (7.5 h × FTE). A neighbour in another week is not seen and
// not guessed: the holiday is kept and nothing is raised.
//
// The unauthorized branch ("unauthorized leave without pay for any of his/her scheduled work day")
// needs an input for unauthorized absence (AWOP) that the pay codes do not have: LWOP is recorded
// as authorized leave, so that branch is not applied.
func (c *Calc) lwopBothSides(w *model.Week, k int, workdays uint8, dayPay int64) (prev, next int, lost bool) {
	prev, next = rules.HolidayNeighbours(workdays, k)
	if prev < 0 || next < 0 {
		return prev, next, false
	}
	for _, j := range [2]int{prev, next} {
		need := dayPay
		if secs, ok := scheduledDay(w, w.Start.AddDays(j)); ok && secs > 0 {
			need = secs
		}
		if n := c.holDays[j].unpaid; need <= 0 || n < need {
			return prev, next, false
		}
	}
	return prev, next, true
}

func (c *Calc) holidayComp(d calendars.Date, rule string, from int64, rs *rates.RuleSet, res *model.Result) {
	n := int64(rs.HolidayCompDay)
	res.HolidayCompEarned += n
	c.lines.Add(d, codeHolComp, rule, 0, "", n, from, from+n)
}

func scheduledOn(w *model.Week, d calendars.Date) bool {
	for _, s := range w.Schedule {
		if s.Date == d {
			return true
		}
	}
	return false
}

// scheduledDay is the scheduled minutes of date d for PSU-39.10-A1: the shifts posted on d, less
// their unpaid meals, and whether the posting says what they are (rules.PostedMeal, with §39.7's
// bounds). PSU-39.4-B: "The regular hours of work for full-time members shall be 37.5 hours per
// week excluding meal periods", so the
// salaried week covers the budgeted hours and the posted week's excess over them is its meals.
// schedule.csv carries no meal, so that excess spread over the week's posted shifts is taken as
// each shift's meal when it is a meal §39.7 allows: "In no case will the scheduled meal period be
// less than thirty (30) minutes nor more than sixty (60) minutes in length" (08:00–17:52:30 × 4
// against 37.5 h: 2 h ÷ 4 = 30 min, a 9.375-h day; 09:00–17:00 × 5: 2.5 h ÷ 5 = 30 min, a 7.5-h
// day); a posted week of exactly the budgeted hours has no meal in its postings. Any other posting
// (a week posted in part, an extra day, uneven shifts) does not say what a day's meal is: ok is
// false, and the caller pays the standard day, as before there was this reading.
func scheduledDay(w *model.Week, d calendars.Date) (secs int64, ok bool) {
	meal, ok := rules.PostedMeal(w, 30*60, 60*60)
	if !ok {
		return 0, false
	}
	return rules.PostedWork(w, d, meal), true
}

// scheduledDays counts the distinct dates of the week with a posted shift (schedule is sorted).
func scheduledDays(w *model.Week) int {
	n := 0
	last := calendars.Date(-1 << 30)
	for _, s := range w.Schedule {
		if s.Date >= w.Start && s.Date < w.Start+7 && s.Date != last {
			n++
			last = s.Date
		}
	}
	return n
}

// standby pays PSU-39.9-C: "at a rate of at least thirty-five dollars ($35.00) for each stand- by
// period, defined as fifteen (15) hours for any night duty and nine (9) hours for any daytime
// duty." The day is tiled by the profile into a day period and a night period (9 h + 15 h); a
// standby span is paid one lump per period it touches (a started period is a period, the catalog's
// recommendation). Standby is not hours worked (39.9-A). Returns the dollars, which belong in the
// FLSA regular rate.
func (c *Calc) standby(w *model.Week, rs *rates.RuleSet) (cents int64) {
	if rs.Standby <= 0 || rs.StandbyDayHours <= 0 {
		return 0
	}
	dayStart, dayLen := int64(rs.StandbyDayStart), int64(rs.StandbyDayHours)
	lastPeriod := int64(-1 << 62)
	for i := range w.Spans {
		sp := &w.Spans[i]
		if sp.Kind != model.SpanOnCall {
			continue
		}
		off := w.Zone.Offset(sp.Start)
		ls, le := sp.Start+off, w.Zone.Local(sp.End)
		for p := periodOf(ls, dayStart, dayLen); ; p++ {
			ps, pe := periodBounds(p, dayStart, dayLen)
			if ps >= le {
				break
			}
			if p == lastPeriod {
				continue
			}
			lastPeriod = p
			date := calendars.Date(calendars.FloorDiv(ps, day))
			amount := rates.Amount(hour, rs.Standby) // one period is a flat sum: one hour of the rate
			c.lines.Lump(date, codeStandby, ruleStandby, rs.Standby, amount, sp.Account, 0, max(ps, ls)-off, min(pe, le)-off)
			cents += int64(amount)
		}
	}
	return cents
}

// periodOf numbers standby periods: 2n is the day period of day n, 2n+1 the night after it.
func periodOf(local, dayStart, dayLen int64) int64 {
	t := local - dayStart
	n := calendars.FloorDiv(t, day)
	if t-n*day < dayLen {
		return 2 * n
	}
	return 2*n + 1
}

func periodBounds(p, dayStart, dayLen int64) (int64, int64) {
	n := calendars.FloorDiv(p, 2)
	s := n*day + dayStart
	if p%2 == 0 {
		return s, s + dayLen
	}
	return s + dayLen, s + day
}

// payWorked writes the worked slices. One multiplier per minute (PSU-39.6-G: "no duplication,
// pyramiding, or compounding of any premium wage payments"): overtime and call-back minutes are
// paid 1.5 × (base + shift differential) on an OT line (PSU-39.6-E2: "one and one-half times the
// regular hourly rate of pay (plus shift differential, if any)"), other minutes REG at the base
// plus the differential, overtime taken as comp a zero-rate OT line plus the differential;
// double-time holiday minutes add HOL_PREMIUM up to 2 × (base + diff),
// absorbing any overtime multiplier. The holiday differential is a differential, not a premium:
// it is paid on every minute of its window.
func (c *Calc) payWorked(w *model.Week, rs *rates.RuleSet, res *model.Result) {
	one := rates.Ratio{Num: 1, Den: 1}
	for i := 0; i < len(c.slices); {
		s := &c.slices[i]
		cb := c.pieces[s.piece].callBack
		// The run of slices of one workday paid alike (a workday's spans either side of a meal)
		// makes the same lines: they are added once, with the run's seconds, first start and last
		// end (what lines.Add would have summed and kept slice by slice).
		n, start, end := int64(0), int64(math.MaxInt64), int64(math.MinInt64)
		if s.end > s.start {
			n, start, end = s.secs(), s.start, s.end
		}
		for i++; i < len(c.slices); i++ {
			x := &c.slices[i]
			if !(x.wd == s.wd && c.pieces[x.piece].callBack == cb && samePay(x, s)) {
				break
			}
			if x.end > x.start {
				n += x.secs()
				start, end = min(start, x.start), max(end, x.end)
			}
		}
		date := w.Start.AddDays(s.wd)
		full := s.base + s.sd
		mult := one
		res.Worked += n
		switch {
		case s.comp:
			c.lines.Add(date, codeOT, ruleComp, 0, s.account, n, start, end)
			// Comp is "in lieu of paid overtime" (PSU-39.6-E3): it replaces the overtime pay, not the
			// differential §39.5.B pays "for each hour worked" (catalog PSU-39-ALG step 5 takes comp
			// minutes out of the straight pay and the premium only; step 7 pays the differential
			// "1.0 × per worked minute").
			if s.sd > 0 {
				c.lines.Add(date, codeShiftDiff, ruleShiftDiff, s.sd, s.account, n, start, end)
			}
			res.Overtime += n
			mult = rs.OTMult
		case s.ot || cb:
			rule := ruleOT
			if s.compCash {
				rule = ruleCompCash
			} else if cb {
				rule = ruleCallBack
			}
			c.lines.Add(date, codeOT, rule, full.Scale(rs.OTMult.Num, rs.OTMult.Den), s.account, n, start, end)
			res.Overtime += n
			mult = rs.OTMult
		default:
			c.lines.Add(date, codeReg, ruleStraight, s.base, s.account, n, start, end)
			if s.sd > 0 {
				c.lines.Add(date, codeShiftDiff, ruleShiftDiff, s.sd, s.account, n, start, end)
			}
			res.Regular += n
		}
		if s.holDouble {
			if ex := holidayExtra(rs.HolidayDoubleM, mult); ex.Num > 0 {
				c.lines.Add(date, codeHolPrem, ruleHolWorked, full.Scale(ex.Num, ex.Den), s.account, n, start, end)
			}
		}
		if s.closure {
			if ex := holidayExtra(rs.ClosureMult, mult); ex.Num > 0 {
				c.lines.Add(date, codeClosPrem, ruleClosure, full.Scale(ex.Num, ex.Den), s.account, n, start, end)
			}
		}
		if s.holDiff && rs.HolidayDiff > 0 {
			c.lines.Add(date, codeHolDiff, ruleHolDiff, rs.HolidayDiff, s.account, n, start, end)
		}
	}
}

// samePay reports whether two slices are paid at the same rates on the same lines.
func samePay(a, b *slice) bool {
	return a.base == b.base && a.sd == b.sd && a.ot == b.ot && a.comp == b.comp && a.compCash == b.compCash &&
		a.holDouble == b.holDouble && a.closure == b.closure && a.holDiff == b.holDiff && strtab.Same(a.account, b.account)
}

// holidayExtra is the holiday multiplier less the one already paid, never negative.
func holidayExtra(hol, paid rates.Ratio) rates.Ratio {
	if hol.Den == 0 || paid.Den == 0 {
		return rates.Ratio{}
	}
	num := hol.Num*paid.Den - paid.Num*hol.Den
	if num <= 0 {
		return rates.Ratio{}
	}
	return rates.Ratio{Num: num, Den: hol.Den * paid.Den}
}

// callBackGuarantee pays the unworked part of each call-back's four hours at the overtime rate of
// the base (PSU-39.14; the catalog's formula: "at least 4 h × 1.5 × base_rate"), the base the
// call-back is worked at (its job and the rate in force that day: a raise from the Wednesday pays
// Thursday's guarantee at the new base). The guarantee is not hours worked and is not counted
// toward 40 or 8.
func (c *Calc) callBackGuarantee(w *model.Week, rs *rates.RuleSet) {
	min4 := int64(rs.CallBackMin)
	c.cbMin = min4
	for i := range c.pieces {
		p := &c.pieces[i]
		if !p.callBack || p.event != i {
			continue
		}
		var worked int64
		end := p.end
		for j := i; j < len(c.pieces); j++ {
			if c.pieces[j].callBack && c.pieces[j].event == i {
				worked += c.pieceWorked(j)
				end = c.pieces[j].end
			}
		}
		account, base := c.piecePay(i)
		c.cbRate = base.Scale(rs.OTMult.Num, rs.OTMult.Den)
		if top := min4 - worked; top > 0 {
			c.lines.Add(w.Start.AddDays(p.wd), codeCallBack, ruleCallBack, c.cbRate, account, top, end, end+top)
		}
	}
}

func (c *Calc) pieceWorked(pi int) int64 {
	var n int64
	for i := range c.slices {
		if c.slices[i].piece == pi {
			n += c.slices[i].secs()
		}
	}
	return n
}

// piecePay is the labor account and the base of the piece's first slice.
func (c *Calc) piecePay(pi int) (string, rates.Rate) {
	for i := range c.slices {
		if c.slices[i].piece == pi {
			return c.slices[i].account, c.slices[i].base
		}
	}
	return "", rules.BaseOf(c.bases, 0)
}

// salary keeps the salaried week whole: PSU-39.4-B "The regular hours of work for full-time
// members shall be 37.5 hours per week", paid as annual ÷ 52 whatever the punches say (PSU-39-ALG
// step 7). The week is covered by the budgeted hours less LWOP; time the week's work and paid
// leave do not account for is paid as SALARY_CONT at the base rate, and — unless it is overtime
// the salary already pays and the member took as comp — raised for review (step 6: "salary is not
// reduced; raise UNACCOUNTED_SCHEDULED_TIME"). So a member with no punches is paid the salary.
func (c *Calc) salary(w *model.Week, lv leave, comp compResult, res *model.Result) {
	c.lines.Salary(w, res, ruleSalary, c.bases, res.Worked-comp.secs+lv.paid, lv.unpaid, comp.covered)
}

type compResult struct{ secs, covered int64 }

// flsaFloor is the FLSA floor of PSU-39.5-A ("Base pay for calculating the overtime rate for
// non-exempt members shall be determined by applicable law"), PSU-39-ALG step 8: the regular rate
// is (base × hours worked + differentials + standby) ÷ hours worked, and overtime must carry half
// of it on top of straight time. The contract premium already paid on overtime (and the creditable
// call-back and holiday premiums) is compared with that, and any shortfall is one
// REG_RATE_TRUEUP line, rounded once.
func (c *Calc) flsaFloor(w *model.Week, rs *rates.RuleSet, standbyCents int64) {
	var worked, num, otCash, paid int64
	c.shares = c.shares[:0]
	for i := range c.slices {
		s := &c.slices[i]
		n := s.secs()
		worked += n
		// The differential is paid on every worked minute, comp minutes too (payWorked), so it is in
		// the regular rate on all of them (29 CFR 778.207(b): shift differentials are included).
		num += n * int64(s.base+s.sd)
		if s.holDiff {
			num += n * int64(rs.HolidayDiff)
		}
		full := s.base + s.sd
		prem := rates.Ratio{Num: 1, Den: 1}
		if !s.comp && (s.ot || c.pieces[s.piece].callBack) {
			prem = rs.OTMult
			paid += n * int64(full.Scale(rs.OTMult.Num, rs.OTMult.Den)-full)
		}
		if s.holDouble {
			if ex := holidayExtra(rs.HolidayDoubleM, prem); ex.Num > 0 {
				paid += n * int64(full.Scale(ex.Num, ex.Den))
			}
		}
		if s.closure {
			if ex := holidayExtra(rs.ClosureMult, prem); ex.Num > 0 {
				paid += n * int64(full.Scale(ex.Num, ex.Den))
			}
		}
		if s.ot && !s.comp {
			otCash += n
			c.shares = rules.AddShare(c.shares, s.account, w.Start.AddDays(s.wd), n)
		}
	}
	if otCash == 0 || worked == 0 {
		return
	}
	num += standbyCents * 100 * hour // cents → rate units × seconds
	required := rates.Round(num*otCash, 2*worked)
	if short := required - paid; short > 0 {
		amount := rates.Money(rates.Round(short, hour*100))
		if amount > 0 {
			// Charged to the labor accounts of the overtime hours in proportion to them.
			c.lines.LumpSplit(codeTrueUp, ruleFLSA, rates.Rate(rates.Round(short, otCash)), amount, c.shares, false, w.From, w.To)
		}
	}
}

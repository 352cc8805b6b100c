// Package separate is final pay at the end of an employment (issue 15), beyond the final week the
// rule family pays and the banks the accrual stage pays out: SHARE severance weeks (owed now, paid
// weekly by the accrual stage from the SEVERANCE bank), non-unit notice pay in lieu and extended
// severance with a release, and the date final wages are due. Like every rule package it does no
// I/O and takes its numbers from the rule set's profile (rates.SeparationProfile).
package separate

import (
	"slices"
	"strconv"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
	"github.com/payclose/payclose/stages/rules"
)

// Rule ids (catalog share.md §11, psu-nonunit-esl.md §6).
const (
	ruleSeverance = "SHARE-SEV-01" // weeks per year of service, 2 to 8
	ruleNotice    = "NUT-I.D-1"    // one month's notice or pay in lieu
	ruleRelease   = "NUT-I.D-2"    // a month per complete year with a release, at most 12
	ruleExternal  = "NUT-I.D-6"    // externally funded: per the funding source
	ruleRepay     = "NUT-I.D-4"    // half the remaining value repaid on re-employment

	ruleIncomeSecurity = "SHARE-SEC-01" // up to 90 days at old wages before severance
	ruleBuyout         = "PSU-13.3-D"   // notice shortened by agreement: half a week's salary a week
)

// Pay codes and exception codes.
const (
	CodeNoticePay     = "NOTICE_PAY"
	CodeReleasePay    = "SEVERANCE_RELEASE"
	CodeNoticeBuyout  = "NOTICE_BUYOUT"
	ExcExternal       = "SEVERANCE_EXTERNAL_FUNDS"
	ExcRepayment      = "SEVERANCE_REPAYMENT"
	ExcNoticeShort    = "LAYOFF_NOTICE_SHORT"
	ExcIncomeSecurity = "INCOME_SECURITY_REVIEW"
)

// Final is what the separation owes besides the lines Compute wrote.
type Final struct {
	// SeveranceSecs is severance owed in hours of the budgeted week, credited to the SEVERANCE bank
	// and paid a week at a time after the separation week.
	SeveranceSecs int64
	// Due is the day final wages are due.
	Due calendars.Date
}

// Compute appends the separation's lines (notice pay, extended severance) to res and returns the
// severance owed weekly and the due date. w is the week the separation falls in.
func Compute(w *model.Week, rs *rates.RuleSet, sep *model.Separation, res *model.Result) Final {
	f := Final{Due: sep.Date}
	p := rs.Separation
	if p == nil {
		return f
	}
	if !slices.Contains(p.DueSameDayReasons, sep.Reason) {
		f.Due = w.Start.AddDays(6 + p.PaydayAfterWeek)
	}
	// The salary and rate are those in force on the separation date (a raise inside the
	// separation week is the final one), as the payout of the banks reads them.
	var final model.Employee
	e := w.PayOn(sep.Date, &final)
	years := model.CompletedYears(e.Seniority, sep.Date)
	// SHARE-SEV-01: "Severance pay will be one week for every year of service, up to 8, with a
	// minimum of two weeks. Severance and benefit time will be paid out weekly until exhausted."
	// Years are completed years from the adjusted service date (SENIORITY_DATE, SHARE-SEN-01); a
	// week is the budgeted week at the base rate (the catalog's recommendation).
	if slices.Contains(p.SeveranceReasons, sep.Reason) && p.SeverancePerYear > 0 {
		weeks := min(p.SeveranceMax, max(p.SeveranceMin, years*p.SeverancePerYear))
		f.SeveranceSecs = int64(weeks) * e.BudgetedWeekly
		res.Exceptions = append(res.Exceptions, model.Exception{Employee: e.ID, Date: sep.Date, Code: "SEVERANCE_SCHEDULED", RuleID: ruleSeverance,
			Detail: strconv.Itoa(weeks) + " weeks of severance (" + strconv.Itoa(years) + " years of service): one budgeted week paid each week from the next, until exhausted; it stops if the employee starts work again"})
	}
	if slices.Contains(p.LayoffReasons, sep.Reason) {
		layoff(w, e, rs, sep, res)
	}
	if slices.Contains(p.NoticeReasons, sep.Reason) && p.NoticeMonths > 0 {
		if sep.External {
			// NUT-I.D-6: "employees funded through external funds … will be consistent with the
			// requirements of the funding source and contingent on availability of funds."
			res.Exceptions = append(res.Exceptions, model.Exception{Employee: e.ID, Date: sep.Date, Code: ExcExternal, RuleID: ruleExternal,
				Detail: "externally funded: notice pay and severance follow the funding source's terms; none computed"})
			return f
		}
		notice(w, e, rs, sep, years, res)
	}
	return f
}

// layoff pays and raises what a layoff owes besides severance. The notice owed by completed years
// of service at the notice date (the catalog's reading, PSU-13.4): SHARE-SEV-01 "Employees will
// receive notice of an impending layoff at least six (6) calendar weeks before the layoff date";
// PSU-13.4 "a thirty (30) calendar day notice", 60 days from 2 years, 90 from 5 "Except in extreme
// financial circumstances". Shorter notice (given plus bought out) is raised: neither contract
// names pay for it. Notice shortened by agreement is paid (PSU-13.3-D): "a lump sum payment of
// fifty (50) percent of the bargaining unit member's weekly salary for each week that the
// previously given notice is shortened", a partial week as days ÷ 7 (the catalog's reading).
// SHARE-SEC-01: "The income security period begins after the notice period and before severance
// payments. During this time, the SHARE Work Security candidate will continue on the payroll at
// their old wages and benefits", extended "another 30 days, up to 90 days" at the end of the
// notice period and after each 30 days; who is granted it is no input, so its value (the
// budgeted week at the base rate, per 30 days and for 90) is raised for the case management
// pair. The severance the close pays starts the week after SEPARATION_DATE: when income security
// is granted, that date is its last day.
func layoff(w *model.Week, e *model.Employee, rs *rates.RuleSet, sep *model.Separation, res *model.Result) {
	p := rs.Separation
	// The notice was given NOTICE_GIVEN_DAYS before the layoff; days bought out shortened it
	// afterwards, so they count as notice but do not move the notice date.
	given := sep.NoticeDays + sep.BuyoutDays
	years := model.CompletedYears(e.Seniority, sep.Date.AddDays(-sep.NoticeDays))
	owed := 0
	for _, t := range p.LayoffNotice {
		if years >= t.Years {
			owed = t.Days
		}
	}
	if short := owed - given; short > 0 {
		res.Exceptions = append(res.Exceptions, model.Exception{Employee: e.ID, Date: sep.Date, Code: ExcNoticeShort, RuleID: p.LayoffNoticeRuleID,
			Detail: strconv.Itoa(given) + " days of layoff notice recorded (NOTICE_GIVEN_DAYS + NOTICE_BUYOUT_DAYS), " + strconv.Itoa(owed) + " owed (" +
				strconv.Itoa(years) + " years of service): " + strconv.Itoa(short) + " days short; the contract names no pay for it"})
	}
	if sep.BuyoutDays > 0 && p.BuyoutPercent > 0 {
		annual := rules.Annual(e, rs)
		amount := rates.Money(rates.Round(int64(annual)*p.BuyoutPercent*int64(sep.BuyoutDays), 52*100*7))
		res.Lines = append(res.Lines, model.PayLine{Employee: e.ID, RuleSet: e.RuleSet, WorkDate: sep.Date, PayCode: CodeNoticeBuyout,
			Rate: rules.Hourly(annual, e.BudgetedWeekly), Amount: amount, RuleID: ruleBuyout, Account: rules.FallbackAccount(w), Start: w.From, End: w.To})
	}
	if p.IncomeSecurityDays > 0 && p.IncomeSecuritySegment > 0 {
		rate := e.BaseRate // "their old wages": the hourly base, or a salary's hourly equivalent
		if rate <= 0 {
			rate = rules.Hourly(rules.Annual(e, rs), e.BudgetedWeekly)
		}
		week := rates.Amount(e.BudgetedWeekly, rate)
		res.Exceptions = append(res.Exceptions, model.Exception{Employee: e.ID, Date: sep.Date, Code: ExcIncomeSecurity, RuleID: ruleIncomeSecurity,
			Detail: "income security at old wages before severance, decided " + strconv.Itoa(p.IncomeSecuritySegment) + " days at a time: " + week.String() +
				" a week, " + rates.Money(rates.Round(int64(week)*int64(p.IncomeSecuritySegment), 7)).String() + " per " + strconv.Itoa(p.IncomeSecuritySegment) +
				" days, up to " + rates.Money(rates.Round(int64(week)*int64(p.IncomeSecurityDays), 7)).String() + " for " + strconv.Itoa(p.IncomeSecurityDays) +
				" days; if granted, SEPARATION_DATE is its last day (severance follows it)"})
	}
}

// notice pays NUT-I.D-1, "1 month of notice of termination, or … payment of one (1) month's salary
// in lieu of notice", for the part of the month not given as notice (the catalog: "prorated by
// days: notice_days_short / days_in_month", the month the employment ends in), or with an executed
// release NUT-I.D-2, "one month for each complete year of continuous service to the University not
// to exceed one year (inclusive of the one (1) month above)", less the notice given. Continuous
// service runs from SENIORITY_DATE, which carries prior unit service (NUT-I.D-3). A month is the
// annual salary ÷ 12 (for a 43-week appointment, of the 43-week salary, the catalog's reading).
func notice(w *model.Week, e *model.Employee, rs *rates.RuleSet, sep *model.Separation, years int, res *model.Result) {
	amount, _, code, rule := inLieu(e, rs, sep, years)
	if amount <= 0 {
		return
	}
	res.Lines = append(res.Lines, model.PayLine{Employee: e.ID, RuleSet: e.RuleSet, WorkDate: sep.Date, PayCode: code,
		Rate: rules.Hourly(rules.Annual(e, rs), e.BudgetedWeekly), Amount: amount, RuleID: rule, Account: rules.FallbackAccount(w), Start: w.From, End: w.To})
}

// month is a month in the units repayment counts time in: a day is 100, a month 30 days (the
// catalog: "elapsed months as calendar months plus days/30 fraction").
const month = 3000

// inLieu is the payment in lieu of notice a separation pays (see notice), with the months it is
// based on (in units of month), its pay code and rule.
func inLieu(e *model.Employee, rs *rates.RuleSet, sep *model.Separation, years int) (amount rates.Money, length int64, code, rule string) {
	p := rs.Separation
	months, code, rule := p.NoticeMonths, CodeNoticePay, ruleNotice
	if sep.Release && p.ReleaseMonthsPerYear > 0 {
		months = min(p.ReleaseMaxMonths, max(p.NoticeMonths, years*p.ReleaseMonthsPerYear))
		code, rule = CodeReleasePay, ruleRelease
	}
	y, m, _ := sep.Date.YMD()
	monthDays := int64(calendars.NewDate(y, m+1, 1) - calendars.NewDate(y, m, 1))
	owed := int64(months)*monthDays - int64(sep.NoticeDays)
	if owed <= 0 {
		return 0, 0, code, rule
	}
	annual := rules.Annual(e, rs)
	return rates.Money(rates.Round(int64(annual)*owed, 12*monthDays)), rates.Round(month*owed, monthDays), code, rule
}

// Repayment raises what a former employee re-employed in week w owes back of a payment in lieu
// of notice (NUT-I.D-4): "Such employees must repay the University fifty percent of the remaining
// value of their payment." The remaining value is the payment's months less the months elapsed
// from the layoff (SEPARATION_DATE) to the re-employment start (REHIRE_DATE, the catalog's default
// trigger), counted as whole calendar months plus days ÷ 30 (the catalog's reading of fractional
// months), valued at the payment ÷ its months. The payment is PAID_IN_LIEU over PAID_MONTHS, or,
// when not given, what NUT-I.D-1/2 pay for the row at the roster's salary. The close does not
// collect it: the amount is an exception (SEVERANCE_REPAYMENT) on the re-employment date.
func Repayment(w *model.Week, rs *rates.RuleSet, sep *model.Separation, res *model.Result) {
	p := rs.Separation
	if p == nil || p.RepaymentPercent <= 0 || sep.Rehire < w.Start || sep.Rehire > w.Start+6 {
		return
	}
	e := w.Emp
	amount, length := sep.PaidInLieu, sep.PaidMonths*month/100
	if length == 0 {
		if !slices.Contains(p.NoticeReasons, sep.Reason) || sep.External {
			return // no payment in lieu was made (NUT-I.D-1's exclusions, NUT-I.D-6)
		}
		amount, length, _, _ = inLieu(e, rs, sep, model.CompletedYears(e.Seniority, sep.Date))
	}
	if amount <= 0 || length <= 0 {
		return
	}
	// Elapsed time: whole calendar months first, then days. Past the payment's months nothing
	// remains, so the count stops there.
	var months int64
	for months*month < length && sep.Date.AddMonths(int(months)+1) <= sep.Rehire {
		months++
	}
	days := int64(sep.Rehire - sep.Date.AddMonths(int(months)))
	remaining := max(0, length-(months*month+days*month/30))
	repay := rates.Money(rates.Round(int64(amount)*remaining*int64(p.RepaymentPercent), length*100))
	if repay <= 0 {
		return // "does not need to make a repayment of any amount"
	}
	res.Exceptions = append(res.Exceptions, model.Exception{Employee: e.ID, Date: sep.Rehire, Code: ExcRepayment, RuleID: ruleRepay,
		Detail: "re-employed " + sep.Rehire.String() + " after the separation of " + sep.Date.String() + ": repay " + repay.String() +
			" (" + strconv.Itoa(p.RepaymentPercent) + "% of the remaining " + rates.Money(rates.Round(remaining, month/100)).String() + " of " + rates.Money(rates.Round(length, month/100)).String() +
			" months of the " + amount.String() + " payment in lieu); the CHRO may allow installments (NUT-I.D-5); a waiver needs the President's or Chancellor's approval (NUT-I.D-7): record it as a decision on this exception"})
}

// FinalPayRule is the rule a rule set lists final pay under ("" without a separation profile).
func FinalPayRule(rs *rates.RuleSet) string {
	if rs.Separation == nil {
		return ""
	}
	return rs.Separation.FinalPayRuleID
}

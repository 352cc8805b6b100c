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
)

// Pay codes and exception codes.
const (
	CodeNoticePay  = "NOTICE_PAY"
	CodeReleasePay = "SEVERANCE_RELEASE"
	ExcExternal    = "SEVERANCE_EXTERNAL_FUNDS"
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
	e := w.Emp
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
	if slices.Contains(p.NoticeReasons, sep.Reason) && p.NoticeMonths > 0 {
		if sep.External {
			// NUT-I.D-6: "employees funded through external funds … will be consistent with the
			// requirements of the funding source and contingent on availability of funds."
			res.Exceptions = append(res.Exceptions, model.Exception{Employee: e.ID, Date: sep.Date, Code: ExcExternal, RuleID: ruleExternal,
				Detail: "externally funded: notice pay and severance follow the funding source's terms; none computed"})
			return f
		}
		notice(w, rs, sep, years, res)
	}
	return f
}

// notice pays NUT-I.D-1, "1 month of notice of termination, or … payment of one (1) month's salary
// in lieu of notice", for the part of the month not given as notice (the catalog: "prorated by
// days: notice_days_short / days_in_month", the month the employment ends in), or with an executed
// release NUT-I.D-2, "one month for each complete year of continuous service to the University not
// to exceed one year (inclusive of the one (1) month above)", less the notice given. Continuous
// service runs from SENIORITY_DATE, which carries prior unit service (NUT-I.D-3). A month is the
// annual salary ÷ 12 (for a 43-week appointment, of the 43-week salary, the catalog's reading).
func notice(w *model.Week, rs *rates.RuleSet, sep *model.Separation, years int, res *model.Result) {
	p := rs.Separation
	e := w.Emp
	months, code, rule := p.NoticeMonths, CodeNoticePay, ruleNotice
	if sep.Release && p.ReleaseMonthsPerYear > 0 {
		months = min(p.ReleaseMaxMonths, max(p.NoticeMonths, years*p.ReleaseMonthsPerYear))
		code, rule = CodeReleasePay, ruleRelease
	}
	y, m, _ := sep.Date.YMD()
	monthDays := int64(calendars.NewDate(y, m+1, 1) - calendars.NewDate(y, m, 1))
	owed := int64(months)*monthDays - int64(sep.NoticeDays)
	if owed <= 0 {
		return
	}
	annual := rules.Annual(e, rs)
	amount := rates.Money(rates.Round(int64(annual)*owed, 12*monthDays))
	res.Lines = append(res.Lines, model.PayLine{Employee: e.ID, RuleSet: e.RuleSet, WorkDate: sep.Date, PayCode: code,
		Rate: rules.Hourly(annual, e.BudgetedWeekly), Amount: amount, RuleID: rule, Account: rules.FallbackAccount(w), Start: w.From, End: w.To})
}

// FinalPayRule is the rule a rule set lists final pay under ("" without a separation profile).
func FinalPayRule(rs *rates.RuleSet) string {
	if rs.Separation == nil {
		return ""
	}
	return rs.Separation.FinalPayRuleID
}

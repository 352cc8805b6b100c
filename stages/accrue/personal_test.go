package accrue

import (
	"strings"
	"testing"
	"time"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
)

// PSU-20.3 personal leave (contract §20.3, catalog TC-S-31). The contract:
//
//	"On the first payroll day of the payroll month of January, full-time bargaining unit members
//	will be credited annually with six (6) paid personal leave days which must be taken during the
//	following twelve (12) months […] Any paid personal leave not taken by the last payroll day of
//	the payroll month of December will be forfeited by the bargaining unit member. […] Personal
//	leave days for regular part-time bargaining unit members will be granted on a pro-rata basis.
//	Personal leave may be available in units of fifteen (15) minutes […] Full-time bargaining unit
//	members hired into the bargaining unit […] on or after the first payroll day of the payroll
//	month of January will be credited with personal leave days in accordance with the following
//	schedule: January 1 to February 29: 5; March 1 to April 30: 4; May 1 to June 30: 3; July 1 to
//	August 31: 2; September 1 to October 31: 1; November 1 to December 31: none."
//
// A week's payroll month is the month of its last day (the catalog's reading for PSU-20.1-A,
// "payroll_month as the calendar month of the pay-period end date", and the accrual stage's year),
// so the January payroll month starts with the week holding January 1 and the December payroll
// month ends with the Saturday before it. A day is 7.5 h × FTE (ENG-5), FTE = budgeted ÷ 37.5.

func personalCodes(base map[string]rates.PayCode) map[string]rates.PayCode {
	codes := map[string]rates.PayCode{"PERSONAL": {Code: "PERSONAL", Paid: true, Bank: "PERSONAL", AccrualBase: true, RuleID: "PSU-20.3"}}
	for k, v := range base {
		codes[k] = v
	}
	return codes
}

// personalRuleSets are the two rule sets of bargaining unit members: §20.3 is a common article,
// for non-exempt (RS1) and exempt (RS2) members alike.
func personalRuleSets(t *testing.T) map[string]*rates.RuleSet {
	return map[string]*rates.RuleSet{
		"PSU_NONEXEMPT": profileRS(t, "accruals-psu.json", "PSU_NONEXEMPT", personalCodes(psuCodes)),
		"PSU_EXEMPT":    profileRS(t, "accruals-psu-exempt.json", "PSU_EXEMPT", personalCodes(xcompCodes)),
	}
}

// TestPSU_20_3_JanuaryGrant: the week holding January 1, 2026 (Sun 2025-12-28 – Sat 2026-01-03)
// is the first of the January payroll month; a member hired in 2015 was on payroll on its first
// day: 6 days × 7.5 h = 45 h full-time; at FTE 0.6 (22.5 h budgeted) 45 × 22.5 / 37.5 = 27 h. The
// next week credits nothing. Both rule sets.
func TestPSU_20_3_JanuaryGrant(t *testing.T) {
	for name, rs := range personalRuleSets(t) {
		for _, c := range []struct {
			budgeted float64
			want     string
		}{{37.5, "45"}, {22.5, "27"}} {
			var e Engine
			var st State
			emp := psuEmp(t, "2015-07-01", c.budgeted)
			rows, _ := close1(t, &e, emp, rs, firstWeek(2026), wk{}, &st)
			want(t, name+" January grant", rows["PERSONAL"].Earned, c.want)
			want(t, name+" closing", rows["PERSONAL"].Closing, c.want)
			if rows["PERSONAL"].RuleID != "PSU-20.3" {
				t.Errorf("%s: rule %q", name, rows["PERSONAL"].RuleID)
			}
			rows, _ = close1(t, &e, emp, rs, firstWeek(2026)+7, wk{}, &st)
			want(t, name+" next week", rows["PERSONAL"].Earned, "0")
			want(t, name+" next week closing", rows["PERSONAL"].Closing, c.want)
		}
	}
}

// TestPSU_20_3_HireWeek / TC-S-31: a member hired after the first payroll day of January is
// credited in the hire week by the schedule row of the hire date, × 7.5 h × FTE. Hired Tuesday
// 2026-03-10 (week Sun 03-08 – Sat 03-14): "March 1 to April 30 | 4" → 4 × 7.5 = 30 h full-time,
// 30 × 22.5 / 37.5 = 18 h at FTE 0.6. Every row of the table: 2026-01-05 and 02-27 → 5 = 37.5 h;
// 04-30 → 4 = 30 h; 05-01 → 3
// = 22.5 h; 08-31 → 2 = 15 h; 09-01 → 1 = 7.5 h; 11-04 and 12-24 → none (no row: nothing credited, nothing
// held; 12-31 would be in the week holding 2027-01-01, the 2027 January payroll month:
// TestPSU_20_3_NewYearWeekHire). The week before the hire week credits nothing.
func TestPSU_20_3_HireWeek(t *testing.T) {
	for name, rs := range personalRuleSets(t) {
		for _, c := range []struct {
			hire     string
			budgeted float64
			want     string
		}{
			{"2026-03-10", 37.5, "30"},
			{"2026-03-10", 22.5, "18"},
			{"2026-01-05", 37.5, "37.5"},
			{"2026-02-27", 37.5, "37.5"},
			{"2026-04-30", 37.5, "30"},
			{"2026-05-01", 37.5, "22.5"},
			{"2026-08-31", 37.5, "15"},
			{"2026-09-01", 37.5, "7.5"},
			{"2026-11-04", 37.5, "0"},
			{"2026-12-24", 37.5, "0"},
		} {
			var e Engine
			var st State
			emp := psuEmp(t, c.hire, c.budgeted)
			week := calendars.WeekStart(day(t, c.hire), time.Sunday)
			rows, _ := close1(t, &e, emp, rs, week-7, wk{}, &st)
			want(t, name+" "+c.hire+" week before", rows["PERSONAL"].Earned, "0")
			rows, _ = close1(t, &e, emp, rs, week, wk{}, &st)
			want(t, name+" hired "+c.hire, rows["PERSONAL"].Earned, c.want)
			if _, ok := rows["PERSONAL"]; ok != (c.want != "0") {
				t.Errorf("%s hired %s: PERSONAL row %v, want one only when credited", name, c.hire, ok)
			}
		}
	}
}

// TestPSU_20_3_NewYearWeekHire: the first payroll day of the January 2026 payroll month is Sunday
// 2025-12-28. Hired that day: on payroll on it, the annual 6 days (45 h). Hired Tuesday 2025-12-30
// or Friday 2026-01-02, in the same week: hired "on or after the first payroll day of the payroll
// month of January", the schedule's first row (the December dates are already January's payroll
// month): 5 × 7.5 = 37.5 h, never both.
func TestPSU_20_3_NewYearWeekHire(t *testing.T) {
	rs := personalRuleSets(t)["PSU_NONEXEMPT"]
	for _, c := range []struct{ hire, want string }{{"2025-12-28", "45"}, {"2025-12-30", "37.5"}, {"2026-01-02", "37.5"}} {
		var e Engine
		var st State
		rows, _ := close1(t, &e, psuEmp(t, c.hire, 37.5), rs, firstWeek(2026), wk{}, &st)
		want(t, "hired "+c.hire, rows["PERSONAL"].Earned, c.want)
	}
}

// TestPSU_20_3_DecemberForfeiture: 2027-01-01 is a Friday, so the last payroll day of the December
// 2026 payroll month is Saturday 2026-12-26 and the week Sun 2026-12-27 – Sat 2027-01-02 is
// January's. A balance of 12.25 h unused through the week ending 12-26 (nothing forfeited in it:
// it can be taken up to its last day) "will be forfeited": the next week opens 12.25, forfeits
// 12.25 (rule PSU-20.3) and is credited 45 h, so the two years never add up: closing 45 h. Personal
// leave taken on Monday 2026-12-28 (January's payroll month) is paid from the new credit:
// 7.5 h → closing 45 − 7.5 = 37.5 h.
func TestPSU_20_3_DecemberForfeiture(t *testing.T) {
	for name, rs := range personalRuleSets(t) {
		for _, c := range []struct {
			w       wk
			closing string
		}{{wk{}, "45"}, {wk{lines: []ln{{code: "PERSONAL", hours: 7.5}}}, "37.5"}} {
			var e Engine
			st := opening(t, "PERSONAL", "12.25")
			emp := psuEmp(t, "2015-07-01", 37.5)
			rows, _ := close1(t, &e, emp, rs, day(t, "2026-12-20"), wk{}, &st)
			want(t, name+" last December week forfeited", rows["PERSONAL"].Forfeited, "0")
			want(t, name+" last December week closing", rows["PERSONAL"].Closing, "12.25")
			rows, _ = close1(t, &e, emp, rs, day(t, "2026-12-27"), c.w, &st)
			r := rows["PERSONAL"]
			want(t, name+" forfeited", r.Forfeited, "12.25")
			want(t, name+" credited", r.Earned, "45")
			want(t, name+" closing", r.Closing, c.closing)
			want(t, name+" YTD", r.YTD, "45")
			if r.RuleID != "PSU-20.3" {
				t.Errorf("%s: forfeiture rule %q", name, r.RuleID)
			}
		}
	}
}

// TestPSU_20_3_FifteenMinuteUnits: "Personal leave may be available in units of fifteen (15)
// minutes" (catalog: usage in 15-min units, rounded up, as sick leave's PSU-20.1-G): 1 h 10 min
// taken is charged 1 h 15 min, 45 − 1.25 = 43.75 h; 2 h exactly is charged 2 h.
func TestPSU_20_3_FifteenMinuteUnits(t *testing.T) {
	for name, rs := range personalRuleSets(t) {
		for _, c := range []struct {
			minutes int64
			used    string
		}{{70, "1.25"}, {120, "2"}} {
			var e Engine
			st := opening(t, "PERSONAL", "45")
			rows, _ := close1(t, &e, psuEmp(t, "2015-07-01", 37.5), rs, day(t, "2026-03-08"), wk{lines: []ln{{code: "PERSONAL", minutes: c.minutes}}}, &st)
			want(t, name+" used", rows["PERSONAL"].Used, c.used)
			want(t, name+" closing", rows["PERSONAL"].Closing, (hrs(t, "45") - hrs(t, c.used)).String())
		}
	}
}

// TestPSU_20_3_Weeks43: the PSU exempt profile prorates its banks for a 43-week appointment by
// weeks43_factor ("vacation leave, sick leave, and paid personal leave shall be prorated",
// NUT-VI-5, 43/52), the personal leave credit too: 45 × 43 / 52 = 37.211538 → 37.2115 h; at FTE
// 0.6, 27 × 43 / 52 = 22.326923 → 22.3269 h. The non-exempt profile has no factor: 45 h.
func TestPSU_20_3_Weeks43(t *testing.T) {
	for name, c := range map[string]struct {
		budgeted float64
		want     string
	}{"PSU_EXEMPT": {37.5, "37.2115"}, "PSU_EXEMPT 0.6": {22.5, "22.3269"}, "PSU_NONEXEMPT": {37.5, "45"}} {
		rs := personalRuleSets(t)[strings.Fields(name)[0]]
		var e Engine
		var st State
		emp := psuEmp(t, "2015-07-01", c.budgeted)
		emp.Weeks43 = true
		rows, _ := close1(t, &e, emp, rs, firstWeek(2026), wk{}, &st)
		want(t, name+" 43-week January grant", rows["PERSONAL"].Earned, c.want)
	}
}

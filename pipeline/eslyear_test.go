package pipeline_test

import (
	"strings"
	"testing"
)

// ESL-A5 / ESL-A7 through the close: the week of Sunday 2026-12-27 holds January 1 2027 (a
// Friday), and the benefit year is "a year that runs from January 1 to December 31". Three
// non-unit employees, 40 h, ESL balance 10:
//
//   - 200001 (the audit's case 2), non-exempt, 2026 YTD 40, works 32 h Mon 12-28 – Thu 12-31:
//     2026's cap is reached ("they do not continue to accrue more hours ... regardless of the
//     additional hours they work") → earned 0, YTD 0, ESL-A5 (was 32/30 = 1.0667, YTD 1.0667).
//   - 200003, non-exempt, YTD 38, works 24 h Dec 28–30 and 16 h Jan 1–2: 2026 gets
//     R((2080 + 24)/30) − R(2080/30) = 0.8000 ≤ 2; 2027 R(16/30) = 0.5333 → earned 1.3333, YTD 0.5333.
//   - 200002, exempt ($83,200), YTD 39.5, no punches: the assumed 40 h split by weekdays, 4 of 5 in
//     2026 → 32 h → R(2112/30) − R(2080/30) = 1.0667, capped at 0.5 (ESL-A5); 1 of 5 in 2027 →
//     8 h → R(8/30) = 0.2667 → earned 0.7667, YTD 0.2667.
func TestESL_A7_YearEndWeek_close(t *testing.T) {
	files := map[string]string{
		"roster.csv": "PERSONNUM,NAME,RULESET,BASE_RATE,ANNUAL_SALARY,BUDGETED_WEEKLY_HOURS,HOME_SHIFT,SCHEDULE_TYPE,WEEKDAY_ONLY,TIMEOFF_SYSTEM,SENIORITY_DATE,HIRE_DATE,COMP_ELECT,HOLIDAY_ELECT,ONCALL_APPROVED,LABORACCOUNT,APPOINTMENT_WEEKS,COMP_APPROVED,ONCALL_SYSTEM\n" +
			"200001,Emp 200001,NONUNIT_NONEXEMPT,25.00,,40,DAY,STANDARD,Y,,2020-01-06,2020-01-06,N,,N,UMASS/UMPO/HR/NU/-/-/-,,,\n" +
			"200002,Emp 200002,NONUNIT_EXEMPT,,83200.00,40,DAY,STANDARD,Y,,2020-01-06,2020-01-06,N,,N,UMASS/UMPO/HR/NU/-/-/-,,,\n" +
			"200003,Emp 200003,NONUNIT_NONEXEMPT,25.00,,40,DAY,STANDARD,Y,,2020-01-06,2020-01-06,N,,N,UMASS/UMPO/HR/NU/-/-/-,,,\n",
		"balances.csv": "PERSONNUM,BANK,HOURS,YTD_ACCRUED\n200001,ESL,10,40\n200002,ESL,10,39.5\n200003,ESL,10,38\n",
	}
	punches := "PERSONNUM,PERSONFULLNAME,EVENTDATE,PAYCODENAME,PUNCHDTM,ENDPUNCHDTM,HOURS,LABORACCOUNT,WORKRULE\n"
	schedule := "PERSONNUM,SHIFTDATE,START,END\n"
	for emp, days := range map[string][]string{
		"200001": {"12/28/2026", "12/29/2026", "12/30/2026", "12/31/2026"},
		"200003": {"12/28/2026", "12/29/2026", "12/30/2026", "01/01/2027", "01/02/2027"},
	} {
		for _, d := range days {
			punches += emp + ",Emp " + emp + "," + d + ",," + d + " 8:30," + d + " 12:30,,,\n" +
				emp + ",Emp " + emp + "," + d + ",," + d + " 13:00," + d + " 17:00,,,\n"
			schedule += emp + "," + d + "," + d + " 8:30," + d + " 17:00\n"
		}
	}
	files["punches.csv"], files["schedule.csv"] = punches, schedule
	cfg := closeFiles(t, files, "2026-12-27")
	// employee|rule set|bank|opening|earned|used|forfeited|closing|ytd|tier|rule
	got := map[string]string{}
	for _, r := range accrualRows(t, cfg.Out, "2026-12-27") {
		if f := strings.Split(r, "|"); f[2] == "ESL" {
			got[f[0]] = strings.Join(f[3:9], " ") + " " + f[10]
		}
	}
	for emp, w := range map[string]string{
		"200001": "10 0 0 0 10 0 ESL-A5",
		"200002": "10 0.7667 0 0 10.7667 0.2667 ESL-A5",
		"200003": "10 1.3333 0 0 11.3333 0.5333 ESL-A1",
	} {
		if got[emp] != w {
			t.Errorf("%s ESL: opening earned used forfeited closing ytd rule = %q, want %q", emp, got[emp], w)
		}
	}
}

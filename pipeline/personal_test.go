package pipeline_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/pipeline"
)

// PSU-20.3 through the close, two weeks from Sunday 2026-12-20. 2027-01-01 is a Friday: the week
// of Sunday 2026-12-27 ends in January, so it is the first of the January payroll month (the month
// of a week's last day) and Saturday 2026-12-26 is the last payroll day of the December one.
// "On the first payroll day of the payroll month of January, full-time bargaining unit members
// will be credited annually with six (6) paid personal leave days"; "Any paid personal leave not
// taken by the last payroll day of the payroll month of December will be forfeited"; part-time
// "on a pro-rata basis"; hires on or after that day by the schedule (January 1 to February 29: 5).
//
//   - 310001, PSU non-exempt, 37.5 h, hired 2015, PERSONAL 12.25 h: week 12-20 keeps it (12.25
//     closing, nothing forfeited); week 12-27 forfeits 12.25 and is credited 6 × 7.5 = 45 h.
//   - 310002, PSU exempt, 22.5 h (FTE 0.6), hired 2015, no balance: no row in week 12-20 (the
//     bank is not held yet), 45 × 22.5 / 37.5 = 27 h in week 12-27.
//   - 310003, PSU non-exempt, 37.5 h, hired Wednesday 2026-12-30, after the first payroll day of
//     the January payroll month: the schedule's first row, 5 × 7.5 = 37.5 h in the hire week.
func TestPSU_20_3_close(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"roster.csv": "PERSONNUM,NAME,RULESET,BASE_RATE,ANNUAL_SALARY,BUDGETED_WEEKLY_HOURS,HOME_SHIFT,SCHEDULE_TYPE,WEEKDAY_ONLY,TIMEOFF_SYSTEM,SENIORITY_DATE,HIRE_DATE,COMP_ELECT,HOLIDAY_ELECT,ONCALL_APPROVED,LABORACCOUNT,APPOINTMENT_WEEKS,COMP_APPROVED,ONCALL_SYSTEM\n" +
			"310001,Member One,PSU_NONEXEMPT,,58500.00,37.5,DAY,STANDARD,Y,,2015-07-01,2015-07-01,N,,,UMASS/AMH/FACIL/PSU/-/-/-,,,\n" +
			"310002,Member Two,PSU_EXEMPT,,35100.00,22.5,DAY,STANDARD,Y,,2015-07-01,2015-07-01,N,,,UMASS/AMH/FACIL/PSU/-/-/-,,,\n" +
			"310003,Member Three,PSU_NONEXEMPT,,58500.00,37.5,DAY,STANDARD,Y,,2026-12-30,2026-12-30,N,,,UMASS/AMH/FACIL/PSU/-/-/-,,,\n",
		"balances.csv": "PERSONNUM,BANK,HOURS,YTD_ACCRUED\n310001,PERSONAL,12.25,45\n",
		"punches.csv": "PERSONNUM,PERSONFULLNAME,EVENTDATE,PAYCODENAME,PUNCHDTM,ENDPUNCHDTM,HOURS,LABORACCOUNT,WORKRULE\n" +
			"310001,Member One,12/21/2026,,12/21/2026 8:30,12/21/2026 12:30,,,\n" +
			"310001,Member One,12/28/2026,,12/28/2026 8:30,12/28/2026 12:30,,,\n",
		"schedule.csv": "PERSONNUM,SHIFTDATE,START,END\n310001,12/21/2026,12/21/2026 8:30,12/21/2026 16:30\n310001,12/28/2026,12/28/2026 8:30,12/28/2026 16:30\n",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	start, err := calendars.ParseISODate("2026-12-20")
	if err != nil {
		t.Fatal(err)
	}
	cfg := pipeline.Config{Punches: filepath.Join(dir, "punches.csv"), Roster: filepath.Join(dir, "roster.csv"),
		Schedule: filepath.Join(dir, "schedule.csv"), Balances: filepath.Join(dir, "balances.csv"),
		Week: start, Weeks: 2, Out: filepath.Join(dir, "out")}
	if _, err := pipeline.Run(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	// employee|rule set|bank|opening|earned|used|forfeited|closing|ytd|tier|rule
	for week, want := range map[string]map[string]string{
		"2026-12-20": {"310001": "12.25 0 0 0 12.25 PSU-20.3"},
		"2026-12-27": {"310001": "12.25 45 0 12.25 45 PSU-20.3", "310002": "0 27 0 0 27 PSU-20.3", "310003": "0 37.5 0 0 37.5 PSU-20.3"},
	} {
		got := map[string]string{}
		for _, r := range accrualRows(t, cfg.Out, week) {
			if f := strings.Split(r, "|"); f[2] == "PERSONAL" {
				got[f[0]] = strings.Join(f[3:8], " ") + " " + f[10]
			}
		}
		if len(got) != len(want) {
			t.Errorf("week %s: PERSONAL rows %v, want %v", week, got, want)
		}
		for emp, w := range want {
			if got[emp] != w {
				t.Errorf("week %s %s PERSONAL: opening earned used forfeited closing rule = %q, want %q", week, emp, got[emp], w)
			}
		}
	}
}

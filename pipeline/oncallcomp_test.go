package pipeline_test

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/payclose/payclose/rates"
)

// PSU-18.3-B through a two-week close (--weeks 2), the contract's own one-for-eight tour
// conversions (seed 003 §18.3.D.2.A): "2. Weekend: 5 p.m. Fri. - 8:30 a.m. Mon. = 63.5 hours.
// Round to 8 hours CT." (TC-S-04) and "3. Full week (4 weeknights & weekend) = 125.5 hours. Round
// to 16 hours CT." (TC-S-05), paid to members of a department without a formal system: "in no case
// shall a bargaining unit member receive less than one hour of compensatory time for every 8
// hours assigned to be on call" (§18.3.B; per tour, hours ÷ 8 rounded half up). Both members are
// PSU exempt, $58,500, 37.5 h, ONCALL_SYSTEM NONE, working 09:00–17:00 Monday to Friday (40 h, no
// hours over 40 × FTE), weeks of Sun 2026-10-18 and Sun 2026-10-25 (no holiday).
//
// A weekend tour always crosses the workweek's Saturday midnight, so each week credits the part of
// the tour it holds, the ON CALL rows attributed by EVENTDATE (rows are at most 24 h):
//
//   - 310004, weekend only (TC-S-04), rows Fri 17:00–Sat 17:00, Sat 17:00–Sun 17:00, Sun 17:00–
//     Mon 08:30: week 1 holds 48 h → 48 ÷ 8 = 6 h; week 2 holds 15.5 h → 1.94 → 2 h; 6 + 2 = 8 h
//     (63.5 ÷ 8 = 7.94 → 8).
//   - 310005, full week (TC-S-05), weeknights Mon–Thu 17:00–08:30 (15.5 h → 2 h each) and the
//     weekend in rows cut at midnight: week 1 = 4 × 2 + (Fri 17:00–Sun 00:00 = 31 h → 3.875 → 4) =
//     12 h; week 2 = Sun 00:00–Mon 08:30 = 32.5 h → 4.06 → 4 h; 12 + 4 = 16 h (4 × 2 + 8; 125.5 ÷ 8
//     = 15.69 → 16). The EXEMPT_COMP bank closes week 2 at 8 h and 16 h.
func TestPSU_18_3_B_TCS04_TCS05(t *testing.T) {
	acct := "UMASS/AMH/FACIL/PSU/-/-/-"
	roster := "PERSONNUM,NAME,RULESET,BASE_RATE,ANNUAL_SALARY,BUDGETED_WEEKLY_HOURS,HOME_SHIFT,SCHEDULE_TYPE,WEEKDAY_ONLY,TIMEOFF_SYSTEM,SENIORITY_DATE,HIRE_DATE,COMP_ELECT,HOLIDAY_ELECT,ONCALL_APPROVED,LABORACCOUNT,APPOINTMENT_WEEKS,COMP_APPROVED,ONCALL_SYSTEM\n" +
		"310004,Weekend Only,PSU_EXEMPT,,58500.00,37.5,DAY,STANDARD,Y,,2010-09-13,2010-09-13,N,,," + acct + ",,N,NONE\n" +
		"310005,Full Week,PSU_EXEMPT,,58500.00,37.5,DAY,STANDARD,Y,,2010-09-13,2010-09-13,N,,," + acct + ",,N,NONE\n"
	punches := "PERSONNUM,PERSONFULLNAME,EVENTDATE,PAYCODENAME,PUNCHDTM,ENDPUNCHDTM,HOURS,LABORACCOUNT,WORKRULE\n"
	row := func(id, date, code, in, out string) {
		punches += id + ",X," + date + "," + code + "," + in + "," + out + ",," + acct + ",\n"
	}
	oct := func(d int) string { return "10/" + strconv.Itoa(d) + "/2026" }
	schedule := "PERSONNUM,SHIFTDATE,START,END\n"
	for _, id := range []string{"310004", "310005"} {
		for _, d := range []int{19, 20, 21, 22, 23, 26, 27, 28, 29, 30} {
			row(id, oct(d), "", oct(d)+" 9:00", oct(d)+" 17:00")
			schedule += id + "," + oct(d) + "," + oct(d) + " 9:00," + oct(d) + " 17:00\n"
		}
	}
	row("310004", oct(23), "ON CALL", oct(23)+" 17:00", oct(24)+" 17:00")
	row("310004", oct(24), "ON CALL", oct(24)+" 17:00", oct(25)+" 17:00")
	row("310004", oct(25), "ON CALL", oct(25)+" 17:00", oct(26)+" 8:30")
	for d := 19; d <= 22; d++ {
		row("310005", oct(d), "ON CALL", oct(d)+" 17:00", oct(d+1)+" 8:30")
	}
	row("310005", oct(23), "ON CALL", oct(23)+" 17:00", oct(24)+" 0:00")
	row("310005", oct(24), "ON CALL", oct(24)+" 0:00", oct(25)+" 0:00")
	row("310005", oct(25), "ON CALL", oct(25)+" 0:00", oct(26)+" 0:00")
	row("310005", oct(26), "ON CALL", oct(26)+" 0:00", oct(26)+" 8:30")
	cfg := closeWeeks(t, map[string]string{"roster.csv": roster, "punches.csv": punches, "schedule.csv": schedule,
		"balances.csv": "PERSONNUM,BANK,HOURS,YTD_ACCRUED\n"}, "2026-10-18", 2)

	want := map[string]string{
		"2026-10-18 310004": "6", "2026-10-25 310004": "2",
		"2026-10-18 310005": "12", "2026-10-25 310005": "4",
	}
	got := map[string]string{}
	for _, w := range []string{"2026-10-18", "2026-10-25"} {
		for _, r := range parquetRows(t, filepath.Join(cfg.Out, "pay_lines", "week_start="+w, "part-00000.parquet")) {
			// employee|rule_set|work_date|pay_code|minutes|hours|rate|amount|rule_id|...
			f := strings.Split(r, "|")
			switch {
			case f[3] == "XCOMP_EARNED" && f[8] == "PSU-18.3-B":
				got[w+" "+f[0]] += f[5]
			case f[3] == "SALARY" && f[7] != "1125":
				t.Errorf("week %s: %s, want the salary $1,125.00", w, r)
			case f[3] != "REG" && f[3] != "SALARY" && f[3] != "ON_CALL":
				t.Errorf("week %s: unexpected line %s", w, r)
			}
		}
	}
	for k, h := range want {
		if got[k] != h {
			t.Errorf("%s: PSU-18.3-B comp %q h, want %s h (all: %v)", k, got[k], h, got)
		}
	}
	closing := map[string]string{}
	for _, r := range accrualRows(t, cfg.Out, "2026-10-25") {
		// employee|rule_set|bank|opening|earned|used|forfeited|closing|ytd|tier|rule_id|credit_date|expires
		if f := strings.Split(r, "|"); f[2] == "EXEMPT_COMP" && f[11] == "" {
			closing[f[0]] = f[7]
		}
	}
	if closing["310004"] != "8" || closing["310005"] != "16" {
		t.Errorf("EXEMPT_COMP closing week 2: %v, want 310004 8 h (TC-S-04), 310005 16 h (TC-S-05)", closing)
	}
}

// NU-HOW-IIIA / TC-S-19, seed 001 §III.A: "an employee was free to engage in personal activities,
// even though he was required to be reachable, refrain from alcohol, and able to report to work
// with an hour. Therefore, in that case the time the employee was “on-call” was not payable." The
// non-unit profile has no on-call pay code (the catalog: "No on-call stipend exists for non-unit
// staff in these sources"): an F-NU member ($62,400, 40 h, $30.00 an hour) works Mon–Fri
// 08:30–12:30 and 13:00–17:00 and is on call Wed 17:00 – Thu 08:00 (15 h), not called in. The
// week pays the 40 h worked, $1,200.00, and nothing for the 15 h on call: the ON CALL row is not
// paid but rejected (UNKNOWN_PAYCODE, 15 h in the reconciliation's rejected hours), so a clerk who
// finds the restrictions "sufficiently interfere" ("the on-call period may be deemed payable")
// enters the time as worked instead.
func TestNU_HOW_IIIA_OnCallNotPaid(t *testing.T) {
	acct := "UMASS/UMPO/HR/NU/-/-/-"
	roster := "PERSONNUM,NAME,RULESET,BASE_RATE,ANNUAL_SALARY,BUDGETED_WEEKLY_HOURS,HOME_SHIFT,SCHEDULE_TYPE,WEEKDAY_ONLY,TIMEOFF_SYSTEM,SENIORITY_DATE,HIRE_DATE,COMP_ELECT,HOLIDAY_ELECT,ONCALL_APPROVED,LABORACCOUNT\n" +
		"300219,On Call,NONUNIT_NONEXEMPT,,62400.00,40,DAY,STANDARD,Y,,2016-01-04,2016-01-04,N,,," + acct + "\n"
	punches := "PERSONNUM,PERSONFULLNAME,EVENTDATE,PAYCODENAME,PUNCHDTM,ENDPUNCHDTM,HOURS,LABORACCOUNT,WORKRULE\n"
	schedule := "PERSONNUM,SHIFTDATE,START,END\n"
	for d := 19; d <= 23; d++ {
		day := "10/" + strconv.Itoa(d) + "/2026"
		punches += "300219,X," + day + ",," + day + " 8:30," + day + " 12:30,," + acct + ",\n" +
			"300219,X," + day + ",," + day + " 13:00," + day + " 17:00,," + acct + ",\n"
		schedule += "300219," + day + "," + day + " 8:30," + day + " 17:00\n"
	}
	punches += "300219,X,10/21/2026,ON CALL,10/21/2026 17:00,10/22/2026 8:00,," + acct + ",\n"
	cfg := closeFiles(t, map[string]string{"roster.csv": roster, "punches.csv": punches, "schedule.csv": schedule,
		"balances.csv": "PERSONNUM,BANK,HOURS,YTD_ACCRUED\n"}, "2026-10-18")
	var gross int64
	for _, r := range parquetRows(t, filepath.Join(cfg.Out, "pay_lines", "week_start=2026-10-18", "part-00000.parquet")) {
		f := strings.Split(r, "|")
		if f[3] != "REG" {
			t.Errorf("line %s: want only the 40 h worked, as REG", r)
		}
		m, err := rates.ParseMoney(f[7])
		if err != nil {
			t.Fatal(err)
		}
		gross += int64(m)
	}
	if gross != 120000 {
		t.Errorf("gross %d cents, want $1,200.00", gross)
	}
	runs, err := filepath.Glob(filepath.Join(cfg.Out, "runs", "*", "rejects.csv"))
	if err != nil || len(runs) != 1 {
		t.Fatalf("rejects.csv: %v %v", runs, err)
	}
	data, err := os.ReadFile(runs[0])
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(data), "\n"); n != 2 || !strings.Contains(string(data), ",ON CALL,UNKNOWN_PAYCODE,") || !strings.HasSuffix(string(data), ",300219,15.0000\n") {
		t.Errorf("rejects.csv, want the ON CALL row alone as UNKNOWN_PAYCODE:\n%s", data)
	}
}

package pipeline_test

import (
	"strconv"
	"strings"
	"testing"

	"github.com/payclose/payclose/rates"
)

// TestSHARE_HOL_10_SundayHolidayWeeksVsLedger — SHARE-HOL-10 through the close: a night nurse at
// $20.00 (40 h budgeted, Q = 8 h, HOLIDAY_ELECT BANK) works 12/19–12/21 and Saturday 12/24
// 23:00–07:30 in the week of 12/18, and 12/27–12/30 nights in the week of Christmas, Sunday
// 2022-12-25. The Saturday night is paid with its workday, 12/18's week, with HOL_PREMIUM 8 h;
// the week of 12/25 reads it from the export's overlap (Week.Carried) and has her work the
// holiday: "The number of hours you earn will be the greater of: the number of hours that you work
// on the holiday, or 1/5 your scheduled weekly hours" — 8 h banked, no HOL_BENEFIT, 32 + 7 = 39 h
// toward 40, no OT: 4 × (8 × $20.00 + 8 × $4.00) + 8 × $2.50 = $788.00 (the old close: HOL_BENEFIT
// $160.00 + DIFF $32.00, 7 h OT, $1,066.19). --weeks 2 and one week at a time into one ledger give
// the same pay lines.
func TestSHARE_HOL_10_SundayHolidayWeeksVsLedger(t *testing.T) {
	acct := "UMMH/MED/4EAST/RN/-/-/-"
	punches := "PERSONNUM,PERSONFULLNAME,EVENTDATE,PAYCODENAME,PUNCHDTM,ENDPUNCHDTM,HOURS,LABORACCOUNT,WORKRULE\n"
	schedule := "PERSONNUM,SHIFTDATE,START,END\n"
	for _, d := range []int{19, 20, 21, 24, 27, 28, 29, 30} {
		day, next := "12/"+strconv.Itoa(d)+"/2022", "12/"+strconv.Itoa(d+1)+"/2022"
		punches += "500020,X," + day + ",," + day + " 23:00," + next + " 7:30,," + acct + ",\n"
		schedule += "500020," + day + "," + day + " 23:00," + next + " 7:30\n"
	}
	files := map[string]string{
		"roster.csv": "PERSONNUM,NAME,RULESET,BASE_RATE,BUDGETED_WEEKLY_HOURS,HOME_SHIFT,SCHEDULE_TYPE,WEEKDAY_ONLY,TIMEOFF_SYSTEM,SENIORITY_DATE,HIRE_DATE,HOLIDAY_ELECT,LABORACCOUNT\n" +
			"500020,Night Nurse,SHARE,20.00,40,NIGHT,STANDARD,N,TRADITIONAL,2010-01-04,2010-01-04,BANK," + acct + "\n",
		"punches.csv": punches, "schedule.csv": schedule, "balances.csv": "PERSONNUM,BANK,HOURS,YTD_ACCRUED\n",
	}
	weeks, ledger := weeksVsLedger(t, files, "2022-12-18", "2022-12-25")
	for _, week := range []string{"2022-12-18", "2022-12-25"} {
		a := weeks[week]
		byCode := map[string]rates.Money{}
		for _, r := range a {
			f := strings.Split(r, "|") // employee|rule_set|work_date|pay_code|minutes|hours|rate|amount|rule_id|...
			m, err := rates.ParseMoney(f[7])
			if err != nil {
				t.Fatal(err)
			}
			byCode[f[3]] += m
			byCode[""] += m
		}
		// 12/18: 4 × (REG $160.00 + DIFF_NIGHT $32.00) + DIFF_WKND $20.00 + HOL_PREMIUM 8 × $10.00.
		want := map[string]rates.Money{"2022-12-18": 86800, "2022-12-25": 78800}[week]
		if byCode[""] != want || byCode["HOL_BENEFIT"] != 0 || byCode["OT"] != 0 {
			t.Errorf("week %s: gross %v (HOL_BENEFIT %v, OT %v), want %v, none, none\n%s", week, byCode[""], byCode["HOL_BENEFIT"], byCode["OT"], want, strings.Join(a, "\n"))
		}
	}
	for _, r := range accrualRows(t, ledger, "2022-12-25") {
		if f := strings.Split(r, "|"); f[2] == "HOLIDAY" && f[7] != "8" {
			t.Errorf("HOLIDAY row %s: want 8 h banked", r)
		}
	}
}

package pipeline_test

import (
	"context"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/pipeline"
	"github.com/payclose/payclose/rates"
)

// carryInFiles: one member of each family, Mon–Fri 07:00–11:00 + 11:30–15:30 (8 h) in the weeks
// of Sunday 2026-10-18 and 2026-10-25, and Saturday 10/24 22:00–02:00 + 02:30–07:30 (9 h, its
// meal punched): SHARE at $40.00, PSU and non-unit hourly at $30.00.
func carryInFiles() map[string]string {
	roster := "PERSONNUM,NAME,RULESET,BASE_RATE,ANNUAL_SALARY,BUDGETED_WEEKLY_HOURS,HOME_SHIFT,SCHEDULE_TYPE,WEEKDAY_ONLY,TIMEOFF_SYSTEM,SENIORITY_DATE,HIRE_DATE,COMP_ELECT,HOLIDAY_ELECT,ONCALL_APPROVED,LABORACCOUNT\n"
	punches := "PERSONNUM,PERSONFULLNAME,EVENTDATE,PAYCODENAME,PUNCHDTM,ENDPUNCHDTM,HOURS,LABORACCOUNT,WORKRULE\n"
	schedule := "PERSONNUM,SHIFTDATE,START,END\n"
	oct := func(d int) string { return "10/" + strconv.Itoa(d) + "/2026" }
	for _, m := range []struct{ id, ruleSet, rate, acct string }{
		{"500010", "SHARE", "40.00", "UMMH/MED/4EAST/RN/-/-/-"},
		{"310010", "PSU_NONEXEMPT", "30.00", "UMASS/AMH/FACIL/PSU/-/-/-"},
		{"300210", "NONUNIT_NONEXEMPT", "30.00", "UMASS/UMPO/HR/NU/-/-/-"},
	} {
		roster += m.id + ",X," + m.ruleSet + "," + m.rate + ",,40,DAY,STANDARD,N,TRADITIONAL,2010-01-04,2010-01-04,N,,," + m.acct + "\n"
		row := func(date, in, out string) {
			punches += m.id + ",X," + date + ",," + in + "," + out + ",," + m.acct + ",\n"
		}
		for _, d := range []int{19, 20, 21, 22, 23, 26, 27, 28, 29, 30} {
			row(oct(d), oct(d)+" 7:00", oct(d)+" 11:00")
			row(oct(d), oct(d)+" 11:30", oct(d)+" 15:30")
			schedule += m.id + "," + oct(d) + "," + oct(d) + " 7:00," + oct(d) + " 15:30\n"
		}
		row(oct(24), oct(24)+" 22:00", oct(25)+" 2:00")
		row(oct(24), oct(25)+" 2:30", oct(25)+" 7:30")
		schedule += m.id + "," + oct(24) + "," + oct(24) + " 22:00," + oct(25) + " 7:30\n"
	}
	return map[string]string{"roster.csv": roster, "punches.csv": punches, "schedule.csv": schedule,
		"balances.csv": "PERSONNUM,BANK,HOURS,YTD_ACCRUED\n"}
}

// weeksVsLedger closes the weeks first and second of files both in one run (--weeks 2) and one week
// at a time into one ledger, checks that both ways write the same pay lines, and returns them
// (sorted) by week, with the ledger's directory.
func weeksVsLedger(t *testing.T, files map[string]string, first, second string) (weeks map[string][]string, ledger string) {
	t.Helper()
	both := closeWeeks(t, files, first, 2)
	one := closeFiles(t, files, first)
	start, _ := calendars.ParseISODate(second)
	one.Week = start
	if _, err := pipeline.Run(context.Background(), one); err != nil {
		t.Fatal(err)
	}
	out := map[string][]string{}
	for _, week := range []string{first, second} {
		read := func(dir string) []string {
			rows := parquetRows(t, filepath.Join(dir, "pay_lines", "week_start="+week, "part-00000.parquet"))
			slices.Sort(rows)
			return rows
		}
		a, b := read(both.Out), read(one.Out)
		if !slices.Equal(a, b) {
			t.Errorf("week %s: --weeks 2 and the ledger's one week at a time differ:\n%s\n---\n%s", week, strings.Join(a, "\n"), strings.Join(b, "\n"))
		}
		out[week] = a
	}
	return out, one.Out
}

// TestSHARE_OT_H_CarryInWeeksVsLedger — SHARE-OT-H, PSU-39.6-G, NU-OT-1 through the close. The
// Saturday 10/24 night is 9 h: its daily overtime is its last hour, Sunday 06:30–07:30, paid in
// the week of 10/18 with it (SHARE-G-02); of its 7 h after Sunday 00:00 only 6 are straight time
// and count toward the next week's 40. The week of 10/25, Mon–Fri 40 h, pays 6 h of weekly
// overtime for each family (the old carry-in: 7 h, SHARE +$20.00, PSU and non-unit +$15.00).
// Closing both weeks in one run (--weeks 2) and one week at a time into one ledger gives the same
// pay lines: the second close reads the Saturday's rows from the export (rejected OUT_OF_WEEK,
// the first close's to pay) as the run of two reads them from its first week.
func TestSHARE_OT_H_CarryInWeeksVsLedger(t *testing.T) {
	weeks, _ := weeksVsLedger(t, carryInFiles(), "2026-10-18", "2026-10-25")
	for _, week := range []string{"2026-10-18", "2026-10-25"} {
		a := weeks[week]
		if week != "2026-10-25" {
			continue
		}
		ot, gross := map[string]float64{}, map[string]rates.Money{}
		for _, r := range a {
			// employee|rule_set|work_date|pay_code|minutes|hours|rate|amount|rule_id|...
			f := strings.Split(r, "|")
			if f[3] == "OT" {
				h, _ := strconv.ParseFloat(f[5], 64)
				ot[f[0]] += h
			}
			m, err := rates.ParseMoney(f[7])
			if err != nil {
				t.Fatal(err)
			}
			gross[f[0]] += m
		}
		// SHARE: REG 34 × $40.00 + OT 6 × $60.00 = $1,720.00 (old $1,740.00); PSU and non-unit:
		// REG 34 × $30.00 + OT 6 × $45.00 = $1,290.00 (old $1,305.00).
		for id, want := range map[string]rates.Money{"500010": 172000, "310010": 129000, "300210": 129000} {
			if ot[id] != 6 || gross[id] != want {
				t.Errorf("week of 10/25, %s: %v h OT, gross %v; want 6 h, %v\n%s", id, ot[id], gross[id], want, strings.Join(a, "\n"))
			}
		}
	}
}

package pipeline_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/pipeline"
	"github.com/payclose/payclose/rates"
)

// SHARE-HOL-13 through the close (the audit's case): "SHARE employees on Traditional Time will be
// paid for all hours accrued over forty (40) hours in their holiday comp bank after each quarter
// of the fiscal year." A Traditional Time employee at $30.00, 5 × 8 h worked (40 h REG =
// $1,200.00) in the week of Sunday 2026-10-04, the first to start after the quarter ending 9/30,
// with an opening holiday bank of 50 h: 50 − 40 = 10 h × $30.00 = $300.00 as HOL_BANK_PAYOUT
// under SHARE-HOL-13 on the employee's account, gross $1,500.00; the bank closes at 40 h. The old
// close paid $1,200.00 and dropped the 10 h.
func TestSHARE_HOL_13_close(t *testing.T) {
	acct := "UMMH/MED/4EAST/RN/-/-/-"
	files := map[string]string{
		"roster.csv": "PERSONNUM,NAME,RULESET,BASE_RATE,BUDGETED_WEEKLY_HOURS,HOME_SHIFT,SCHEDULE_TYPE,WEEKDAY_ONLY,TIMEOFF_SYSTEM,SENIORITY_DATE,HIRE_DATE,HOLIDAY_ELECT,LABORACCOUNT\n" +
			"500002,Test Two,SHARE,30.00,40,DAY,STANDARD,N,TRADITIONAL,2000-01-03,2000-01-03,BANK," + acct + "\n",
		"balances.csv": "PERSONNUM,BANK,HOURS,YTD_ACCRUED\n500002,HOLIDAY,50,0\n",
	}
	punches := "PERSONNUM,PERSONFULLNAME,EVENTDATE,PAYCODENAME,PUNCHDTM,ENDPUNCHDTM,HOURS,LABORACCOUNT,WORKRULE\n"
	schedule := "PERSONNUM,SHIFTDATE,START,END\n"
	for d := 5; d <= 9; d++ {
		day := "10/" + string(rune('0'+d)) + "/2026"
		punches += "500002,Test Two," + day + ",," + day + " 7:00," + day + " 15:30,," + acct + ",\n"
		schedule += "500002," + day + "," + day + " 7:00," + day + " 15:30\n"
	}
	files["punches.csv"], files["schedule.csv"] = punches, schedule
	cfg := closeFiles(t, files, "2026-10-04")
	var payout bool
	gross := map[string]rates.Money{}
	for _, r := range parquetRows(t, filepath.Join(cfg.Out, "pay_lines", "week_start=2026-10-04", "part-00000.parquet")) {
		f := strings.Split(r, "|")
		m, err := rates.ParseMoney(f[7])
		if err != nil {
			t.Fatal(err)
		}
		gross[f[3]] += m
		if f[3] == "HOL_BANK_PAYOUT" {
			if f[5] != "10" || f[7] != "300" || f[8] != "SHARE-HOL-13" || f[9] != acct {
				t.Errorf("payout %s, want 10 h = $300.00 under SHARE-HOL-13 on %s", r, acct)
			}
			payout = true
		}
	}
	if !payout || gross["REG"] != rates.Money(120000) || gross["REG"]+gross["HOL_BANK_PAYOUT"] != rates.Money(150000) {
		t.Fatalf("pay by code %v: want REG $1,200.00 + HOL_BANK_PAYOUT $300.00 = $1,500.00", gross)
	}
	for _, r := range accrualRows(t, cfg.Out, "2026-10-04") {
		if f := strings.Split(r, "|"); f[2] == "HOLIDAY" && (f[5] != "10" || f[7] != "40") {
			t.Errorf("HOLIDAY row %s: want 10 h used, closing 40", r)
		}
	}
}

// closeFiles writes files (roster.csv, punches.csv, schedule.csv, balances.csv: name -> body) to
// a directory of the test's and closes the one week starting on the ISO date week from them; the
// config it returns names the output directory.
func closeFiles(t *testing.T, files map[string]string, week string) pipeline.Config {
	t.Helper()
	return closeWeeks(t, files, week, 1)
}

// closeWeeks is closeFiles for n consecutive weeks in one run (--weeks n).
func closeWeeks(t *testing.T, files map[string]string, week string, n int) pipeline.Config {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	start, err := calendars.ParseISODate(week)
	if err != nil {
		t.Fatal(err)
	}
	cfg := pipeline.Config{Punches: filepath.Join(dir, "punches.csv"), Roster: filepath.Join(dir, "roster.csv"),
		Schedule: filepath.Join(dir, "schedule.csv"), Balances: filepath.Join(dir, "balances.csv"),
		Week: start, Weeks: n, Out: filepath.Join(dir, "out")}
	if _, err := pipeline.Run(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	return cfg
}

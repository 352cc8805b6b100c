package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/pipeline"
)

// The Max cap employee 100003 of raisesRates ($22.27, ADM3), closed for three weeks into a ledger
// and then raised with --ledger. SHARE-WAGE-05: "Bonus = (bonus rate) x (hours paid in previous
// FY, including overtime)", the FY before the raise of 2019-09-29 being 2018-10-01 .. 2019-09-30
// (SHARE-G-08), counted up to the day before the raise. By hand:
//
//   - week of 09-15: Monday to Friday 8 h a day (punched meals), Saturday 15:00-19:00 and
//     19:30-23:30 (8 h, evening and weekend differentials on the same hours): 48 h, the last 8
//     weekly overtime (SHARE-OT-A): REG 40 + OT 8 = 48 h paid, 8 overtime; the differential
//     lines and the REG_RATE_TRUEUP line (it carries the 8 overtime hours) repeat hours already
//     counted;
//   - week of 09-22: Monday 8 h; Tuesday JURY DUTY 8 h (a paid absence: counts); Wednesday ON
//     CALL 17:00-23:00 (on-call standby pay: "Recommend exclude them"); the Saturday night shift
//     23:00 Sat 09-28 to 07:30 Sun 09-29, 8 h after the 0.5 h meal, is of Saturday's workday, so
//     in the FY before the raise: 8 + 8 + 8 = 24 h;
//   - week of 09-29: Monday 8 h, worked on or after the raise: not counted.
//
// Hours paid 48 + 24 = 72, overtime 8: the row carries BONUS_HOURS 72, BONUS_OT_HOURS 8, and the
// close would pay MAXCAP_BONUS 0.44 x 72 = 31.68 and MAXCAP_BONUS_OT_TRUEUP 0.5 x 0.44 x 8 = 1.76.
func TestSHARE_WAGE_05_RaisesHoursFromTheLedger(t *testing.T) {
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	roster := write("roster.csv", "PERSONNUM,NAME,RULESET,BASE_RATE,BUDGETED_WEEKLY_HOURS,HOME_SHIFT,TIMEOFF_SYSTEM,SENIORITY_DATE,LABORACCOUNT\n"+
		"100003,Capped,SHARE,22.27,40,DAY,EARNED,2005-01-03,A4\n")
	punches := "PERSONNUM,PERSONFULLNAME,EVENTDATE,PAYCODENAME,PUNCHDTM,ENDPUNCHDTM,HOURS,LABORACCOUNT,WORKRULE\n"
	day := func(d, in1, out1, in2, out2 string) {
		punches += "100003,Capped," + d + ",," + d + " " + in1 + "," + d + " " + out1 + ",,A4,\n"
		punches += "100003,Capped," + d + ",," + d + " " + in2 + "," + d + " " + out2 + ",,A4,\n"
	}
	for _, d := range []string{"9/16/2019", "9/17/2019", "9/18/2019", "9/19/2019", "9/20/2019", "9/23/2019", "9/30/2019"} {
		day(d, "7:00", "11:00", "11:30", "15:30")
	}
	day("9/21/2019", "15:00", "19:00", "19:30", "23:30")
	punches += "100003,Capped,9/24/2019,JURY DUTY,,,8,A4,\n" +
		"100003,Capped,9/25/2019,ON CALL,9/25/2019 17:00,9/25/2019 23:00,,A4,\n" +
		"100003,Capped,9/28/2019,,9/28/2019 23:00,9/29/2019 7:30,,A4,\n"
	schedule := write("schedule.csv", "PERSONNUM,SHIFTDATE,START,END\n")
	cfg := pipeline.Config{Punches: write("punches.csv", punches), Roster: roster, Schedule: schedule, AllowEmpty: []string{schedule},
		Week: calendars.NewDate(2019, 9, 15), Weeks: 3, Out: filepath.Join(dir, "out")}
	if _, err := pipeline.Run(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	in := write("rates.csv", raisesRates)
	code, out, errs := runCLI(t, "raises", "--ruleset", "SHARE", "--effective", "2019-09-29", "--rates", in, "--ledger", cfg.Out)
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	if !strings.Contains(out, "100003,2019-09-29,,22.49,1,ADM3,Max cap,A4,MAXCAP,0.44,72,8\n") {
		t.Errorf("the MAXCAP row should carry 72 h and 8 h overtime:\n%s\n%s", out, errs)
	}
	for _, s := range []string{
		"hours paid with a work date 2018-10-01 .. 2019-09-28",
		"the ledger holds 2 of the 52 pay weeks (missing 2018-09-30 .. 2019-09-08: they count no hours)",
		"72 h paid (8 h overtime): MAXCAP_BONUS 31.68 = 0.44 x 72 h, MAXCAP_BONUS_OT_TRUEUP 1.76",
	} {
		if !strings.Contains(errs, s) {
			t.Errorf("summary lacks %q:\n%s", s, errs)
		}
	}

	// --hours gives them instead: 1,987.8333 h, 61.25 overtime (0.44 x 1,987.8333 = 874.646652 →
	// 874.65; 0.5 x 0.44 x 61.25 = 13.475 → 13.48); a row that does not read is a reject (exit 3).
	hours := write("hours.csv", "PERSONNUM,HOURS,OT_HOURS\n100003,1987.8333,61.25\n100001,lots,\n")
	code, out, errs = runCLI(t, "raises", "--ruleset", "SHARE", "--effective", "2019-09-29", "--rates", in, "--hours", hours)
	if code != exitRejects || !strings.Contains(out, ",MAXCAP,0.44,1987.8333,61.25\n") ||
		!strings.Contains(errs, "MAXCAP_BONUS 874.65 = 0.44 x 1987.8333 h, MAXCAP_BONUS_OT_TRUEUP 13.48") || !strings.Contains(errs, "BAD_HOURS") {
		t.Errorf("--hours: exit %d\n%s\n%s", code, out, errs)
	}
	if code, _, errs := runCLI(t, "raises", "--ruleset", "SHARE", "--effective", "2019-09-29", "--rates", in, "--hours", hours, "--ledger", cfg.Out); code != exitUsage {
		t.Errorf("--hours with --ledger: exit %d %s, want 2", code, errs)
	}
	if code, _, errs := runCLI(t, "raises", "--ruleset", "SHARE", "--effective", "2019-09-29", "--rates", in, "--ledger", dir); code != exitFailed || !strings.Contains(errs, "not a payclose ledger") {
		t.Errorf("--ledger on a directory with no ledger: exit %d %s", code, errs)
	}
}

// The bonus columns of rates.csv as the readers check them (the close reads them the same way):
// hours without a rate, overtime above the hours, and numbers that do not read are rejected, and
// an employee with two capped jobs gets no hours on either row (the hours paid are the
// employee's; which job's bonus rate each hour is owed at is for payroll to split).
func TestSHARE_WAGE_05_BonusColumns(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "rates.csv")
	head := "PERSONNUM,EFFECTIVE_DATE,JOB,BASE_RATE,FTE,GRADE,PLATFORM,LABORACCOUNT,REASON,BONUS_RATE,BONUS_HOURS,BONUS_OT_HOURS\n"
	os.WriteFile(in, []byte(head+
		"100003,2018-09-30,,22.27,1,ADM3,,A4,,,,\n"+
		"100008,2018-09-30,,22.27,1,ADM3,,A8,,,,\n"+
		"100008,2018-09-30,FLOAT,22.27,,ADM3,,A9,,,,\n"+
		"200001,2018-09-30,,20.00,1,ADM5,,B1,,,100,\n"+
		"200002,2018-09-30,,20.00,1,ADM5,,B2,,0.44,100,101\n"+
		"200003,2018-09-30,,20.00,1,ADM5,,B3,,-0.44,,\n"+
		"200004,2018-09-30,,20.00,1,ADM5,,B4,,0.44,lots,\n"+
		"200005,2018-09-30,,20.00,1,ADM5,,B5,,0.44,,8\n"), 0o644)
	hours := filepath.Join(dir, "hours.csv")
	os.WriteFile(hours, []byte("PERSONNUM,HOURS,OT_HOURS\n100003,100,\n100008,2000,10\n"), 0o644)
	code, out, errs := runCLI(t, "raises", "--ruleset", "SHARE", "--effective", "2019-09-29", "--rates", in, "--hours", hours)
	if code != exitRejects {
		t.Fatalf("exit %d, want 3\n%s", code, errs)
	}
	for _, s := range []string{"MISSING_FIELD", "CONFLICTING_FIELDS", "BAD_NUMBER", "BAD_HOURS"} {
		if !strings.Contains(errs, s) {
			t.Errorf("rejects lack %s:\n%s", s, errs)
		}
	}
	for _, s := range []string{
		"100003,2019-09-29,,22.49,1,ADM3,Max cap,A4,MAXCAP,0.44,100,0\n",
		"100008,2019-09-29,,22.49,1,ADM3,Max cap,A8,MAXCAP,0.44,,\n",
		"100008,2019-09-29,FLOAT,22.49,,ADM3,Max cap,A9,MAXCAP,0.44,,\n",
	} {
		if !strings.Contains(out, s) {
			t.Errorf("rows lack %q:\n%s", s, out)
		}
	}
	if !strings.Contains(errs, "hours not written: 100008 has several capped jobs") {
		t.Errorf("summary:\n%s", errs)
	}
}

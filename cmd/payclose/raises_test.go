package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const raisesRates = `PERSONNUM,EFFECTIVE_DATE,JOB,BASE_RATE,FTE,GRADE,PLATFORM,LABORACCOUNT,REASON
100001,2017-10-01,,12.90,1,ADM3,,A1,
100001,2018-09-30,,13.31,1,ADM3,Min,A1,RAISE-2018
100002,2018-09-30,,17.40,0.75,ADM5,,A2,
100002,2018-09-30,FLOAT,20.58,,ADM6,10,A3,
100003,2018-09-30,,22.27,1,ADM3,Max cap,A4,MAXCAP
100004,2018-09-30,,25.00,1,TEC4,,A5,
100005,2018-09-30,,30.00,1,,,A6,
100006,2018-09-30,,17.57,1,ADM5,5,A7,RED_CIRCLED
100007,2018-09-30,,17.57,1,ADM5,5,A8,
100007,2019-09-29,,18.21,1,ADM5,7,A8,RAISE-2019
`

// payclose raises on a small rates.csv, the SHARE raise of 2019-09-29 (SHARE-WAGE-01): each row
// in force on 2019-09-28 is raised by Appendix C, the numbers worked by hand from the 10/1/2018
// and 10/1/2019 columns:
//   - 100001 ADM3 13.31 is the 2018 Min: one box down and one box to the right, platform 1 = 13.91;
//   - 100002 ADM5 17.40 is between platforms: max(17.40 x 1.0295 = 17.91, 17.40 + 0.60) = 18.00;
//   - 100002's FLOAT job ADM6 20.58 is platform 10: platform 11 of 2019 = 21.19;
//   - 100003 ADM3 22.27: 22.27 x 1.0295 = 22.93 > Max cap 22.49: 22.49, bonus rate 0.44 (SHARE-WAGE-05);
//   - 100004 TEC4 and 100005 (no grade): NO_GRADE_TABLE; 100006 RED_CIRCLED (SHARE-WAGE-08);
//   - 100007 already has its 2019-09-29 row.
func TestRaisesCommand(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "rates.csv")
	if err := os.WriteFile(in, []byte(raisesRates), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI(t, "raises", "--ruleset", "SHARE", "--effective", "2019-09-29", "--rates", in)
	if code != exitOK {
		t.Fatalf("exit %d\n%s", code, errs)
	}
	want := `PERSONNUM,EFFECTIVE_DATE,JOB,BASE_RATE,FTE,GRADE,PLATFORM,LABORACCOUNT,REASON,BONUS_RATE,BONUS_HOURS,BONUS_OT_HOURS
100001,2019-09-29,,13.91,1,ADM3,1,A1,RAISE-2019,,,
100002,2019-09-29,,18.00,0.75,ADM5,,A2,RAISE-2019,,,
100002,2019-09-29,FLOAT,21.19,,ADM6,11,A3,RAISE-2019,,,
100003,2019-09-29,,22.49,1,ADM3,Max cap,A4,MAXCAP,0.44,,
`
	if out != want {
		t.Errorf("new rows:\n%s\nwant:\n%s", out, want)
	}
	for _, s := range []string{
		"raised: 3 employees, 4 jobs: 2 on platform, 1 calculated, 1 at the Max cap with a bonus rate",
		`MAXCAP 100003 job "" ADM3: 22.27 -> 22.49 (calculated 22.93), bonus rate 0.44/h: MAXCAP_BONUS`,
		"no hours: the bonus cannot be paid until BONUS_HOURS is given (--ledger or --hours)",
		"not raised: 1 ALREADY_DATED, 2 NO_GRADE_TABLE, 1 RED_CIRCLED",
		`NO_GRADE_TABLE 100004 job "": grade TEC4 has no pay table in Appendix C`,
		`NO_GRADE_TABLE 100005 job "": no GRADE`,
		`RED_CIRCLED 100006 job "": ADM5 stays 17.57`,
	} {
		if !strings.Contains(errs, s) {
			t.Errorf("summary lacks %q:\n%s", s, errs)
		}
	}

	// The new rows are a rates.csv: written with --out, they read back, and raising them again
	// for 2020-09-27 moves 13.91 (2019 platform 1) to the 2020 platform 2, 14.51. 100003's 2020
	// row has the bonus rate of the 2020 raise only (22.49 x 1.0295 = 23.15 over the cap 22.71:
	// 0.44 again), not the 2019 one carried over.
	next := filepath.Join(dir, "new-rates.csv")
	if code, _, errs := runCLI(t, "raises", "--ruleset", "SHARE", "--effective", "2019-09-29", "--rates", in, "--out", next); code != exitOK {
		t.Fatalf("--out: exit %d %s", code, errs)
	}
	code, out, errs = runCLI(t, "raises", "--ruleset", "SHARE", "--effective", "2020-09-27", "--rates", next)
	if code != exitOK || !strings.Contains(out, "100001,2020-09-27,,14.51,1,ADM3,2,A1,RAISE-2020,,,\n") ||
		!strings.Contains(out, "100003,2020-09-27,,22.71,1,ADM3,Max cap,A4,MAXCAP,0.44,,\n") {
		t.Errorf("raising the new rows for 2020: exit %d\n%s\n%s", code, out, errs)
	}

	// --roster: only SHARE employees are raised; an employee missing from the roster is listed.
	roster := filepath.Join(dir, "roster.csv")
	os.WriteFile(roster, []byte("PERSONNUM,NAME,RULESET,BASE_RATE,BUDGETED_WEEKLY_HOURS,HOME_SHIFT,TIMEOFF_SYSTEM,SENIORITY_DATE\n"+
		"100001,A,SHARE,13.31,40,DAY,EARNED,2010-01-04\n100002,B,PSU_NONEXEMPT,17.40,40,DAY,,2010-01-04\n"), 0o644)
	code, out, errs = runCLI(t, "raises", "--ruleset", "SHARE", "--effective", "2019-09-29", "--rates", in, "--roster", roster)
	if code != exitOK || strings.Count(out, "\n") != 2 || !strings.Contains(out, "100001,") || !strings.Contains(errs, "(2 of other rule sets left out)") ||
		!strings.Contains(errs, `NOT_ON_ROSTER 100003 job ""`) {
		t.Errorf("--roster: exit %d\n%s\n%s", code, out, errs)
	}
}

// Bad usage is exit 2 (not a raise date, another rule set, a missing flag); a rejected rates.csv
// row is exit 3 with the other rows still raised.
func TestRaisesCommandErrors(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "rates.csv")
	os.WriteFile(in, []byte(raisesRates+"100009,2018-02-30,,20.00,1,ADM5,,A9,\n"), 0o644)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--ruleset", "SHARE", "--effective", "2019-10-01", "--rates", in}, "no raise effective 2019-10-01"},
		{[]string{"--ruleset", "PSU_NONEXEMPT", "--effective", "2019-09-29", "--rates", in}, "only SHARE has wage tables"},
		{[]string{"--ruleset", "SHARE", "--rates", in}, "required"},
	} {
		if code, _, errs := runCLI(t, append([]string{"raises"}, c.args...)...); code != exitUsage || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d %s, want exit 2 with %q", c.args, code, errs, c.want)
		}
	}
	code, out, errs := runCLI(t, "raises", "--ruleset", "SHARE", "--effective", "2019-09-29", "--rates", in)
	if code != exitRejects || !strings.Contains(errs, "BAD_DATE") || !strings.Contains(out, "100001,2019-09-29") {
		t.Errorf("a bad row: exit %d\n%s\n%s", code, out, errs)
	}
}

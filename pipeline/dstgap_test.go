package pipeline_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/pipeline"
)

// A punch or posted shift at a wall-clock time the spring-forward night skipped (2026-03-08 02:00
// to 02:59 in New York) is rejected NONEXISTENT_TIME with its file, line, column and value, in the
// punch export, the --oncall file and the schedule, and the reconciliation still balances: the
// rejected rows' wall-clock hours are on the rejected side. Before, 02:15-03:30 was paid 0.25 h
// (02:15 read as 03:15 EDT) with no reject. 01:59 and 03:00 exist and are paid; a night shift
// 23:00 Saturday to 07:30 Sunday across the gap is 7.5 h.
func TestNonexistentTimeIsRejected(t *testing.T) {
	dir := t.TempDir()
	acct := "UMMH/MED/4EAST/RN/-/-/-"
	files := map[string]string{
		"roster.csv": "PERSONNUM,NAME,RULESET,BASE_RATE,BUDGETED_WEEKLY_HOURS,HOME_SHIFT,SCHEDULE_TYPE,WEEKDAY_ONLY,TIMEOFF_SYSTEM,SENIORITY_DATE,HIRE_DATE,LABORACCOUNT\n" +
			"500001,Test One,SHARE,30.00,40,NIGHT,STANDARD,N,TRADITIONAL,2000-01-03,2000-01-03," + acct + "\n" +
			"500002,Test Two,SHARE,30.00,40,NIGHT,STANDARD,N,TRADITIONAL,2000-01-03,2000-01-03," + acct + "\n",
		"punches.csv": "PERSONNUM,PERSONFULLNAME,EVENTDATE,PAYCODENAME,PUNCHDTM,ENDPUNCHDTM,HOURS,LABORACCOUNT,WORKRULE\n" +
			"500001,Test One,3/7/2026,,3/7/2026 23:00,3/8/2026 7:30,," + acct + ",\n" + // 2: across the gap, 7.5 h
			"500002,Test Two,3/8/2026,,3/8/2026 0:00,3/8/2026 1:59,," + acct + ",\n" + // 3: 01:59 exists
			"500002,Test Two,3/8/2026,,3/8/2026 2:15,3/8/2026 3:30,," + acct + ",\n" + // 4: the audit's row
			"500002,Test Two,3/8/2026,,3/8/2026 3:00,3/8/2026 6:00,," + acct + ",\n" + // 5: 03:00 exists
			"500002,Test Two,3/8/2026,,3/8/2026 1:00,2026-03-08T02:00,," + acct + ",\n", // 6: 02:00 does not
		"oncall.csv": "PERSONNUM,PERSONFULLNAME,EVENTDATE,PAYCODENAME,PUNCHDTM,ENDPUNCHDTM,HOURS,LABORACCOUNT,WORKRULE\n" +
			"500001,Test One,3/8/2026,ON CALL,3/8/2026 2:30,3/8/2026 10:00,," + acct + ",\n",
		"schedule.csv": "PERSONNUM,SHIFTDATE,START,END\n" +
			"500001,3/7/2026,3/7/2026 23:00,3/8/2026 7:30\n" +
			"500002,3/8/2026,3/8/2026 2:00,3/8/2026 10:30\n",
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	week, _ := calendars.ParseISODate("2026-03-01")
	cfg := pipeline.Config{Punches: filepath.Join(dir, "punches.csv"), Roster: filepath.Join(dir, "roster.csv"),
		Schedule: filepath.Join(dir, "schedule.csv"), OnCall: filepath.Join(dir, "oncall.csv"),
		Week: week, Weeks: 2, Out: filepath.Join(dir, "out")}
	res, err := pipeline.Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	const gap = "expected a time that exists in America/New_York: 2026-03-08 %s does not, the clocks went forward from 02:00 to 03:00 that night; correct the "
	type where struct {
		file   string
		line   int32
		column string
		value  string
		hours  int64 // seconds
		what   string
	}
	want := map[where]bool{
		{cfg.Punches, 4, "PUNCHDTM", "2026-03-08 02:15", 75 * 60, "punch"}:      true,
		{cfg.Punches, 6, "ENDPUNCHDTM", "2026-03-08 02:00", 3600, "punch"}:      true,
		{cfg.OnCall, 2, "PUNCHDTM", "2026-03-08 02:30", 7*3600 + 1800, "punch"}: true,
		{cfg.Schedule, 3, "START", "2026-03-08 02:00", 0, "posted shift"}:       true,
	}
	if res.Rejects.Count != int64(len(want)) || int64(len(res.Rejects.First)) != res.Rejects.Count {
		t.Fatalf("rejects %+v, want %d NONEXISTENT_TIME", res.Rejects.First, len(want))
	}
	for _, r := range res.Rejects.First {
		k := where{r.File, r.Line, r.Column, r.Value, r.Seconds, ""}
		for w := range want {
			if w.file == k.file && w.line == k.line {
				k.what = w.what
			}
		}
		if !want[k] || r.Reason != "NONEXISTENT_TIME" || r.Detail != fmt.Sprintf(gap, r.Value[len("2026-03-08 "):])+k.what {
			t.Errorf("unexpected reject %+v", r)
		}
		delete(want, k)
	}
	for w := range want {
		t.Errorf("missing reject %+v", w)
	}
	rc := res.Manifest.Reconciliation
	// Paid 7.5 h (the night across the gap) + 2 h (00:00-01:59, rounded) + 3 h; rejected 1.25 h +
	// 1 h + 7.5 h of on call.
	if !rc.OK || rc.InputHours != "22.2500" || rc.RejectedHours != "9.7500" {
		t.Errorf("reconciliation %+v: want OK, input 22.25 h, rejected 9.75 h", rc)
	}
	lines := map[string][2]int64{}
	for _, in := range res.Manifest.Inputs {
		lines[in.Path] = [2]int64{in.LinesAccepted, in.LinesRejected}
	}
	if lines[cfg.Punches] != [2]int64{3, 2} || lines[cfg.OnCall] != [2]int64{0, 1} || lines[cfg.Schedule] != [2]int64{1, 1} {
		t.Errorf("lines accepted, rejected %v: want punches 3, 2; on call 0, 1; schedule 1, 1", lines)
	}
}

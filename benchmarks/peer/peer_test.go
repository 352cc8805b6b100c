package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/payclose/payclose/benchmarks/gen"
	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/pipeline"
	_ "github.com/payclose/payclose/stages/rules/all"
)

const testWeek = "2026-11-15"

func openDB(t *testing.T) *sql.DB {
	t.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func week(t *testing.T) time.Time {
	w, err := time.Parse("2006-01-02", testWeek)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// lines reads the peer's Parquet as "employee pay_code rule_id" -> "hours amount" summed over the week.
func lines(t *testing.T, db *sql.DB, file string) map[string]string {
	t.Helper()
	rows, err := db.Query(`SELECT employee_id || ' ' || pay_code || ' ' || rule_id, sum(hours)::VARCHAR || ' ' || sum(amount)::VARCHAR
FROM read_parquet(?) GROUP BY ALL`, file)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	got := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			t.Fatal(err)
		}
		got[k] = v
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return got
}

// A week worked out by hand from the contract text, one employee per family.
func TestPeerHandWorkedWeek(t *testing.T) {
	dir := t.TempDir()
	roster := `PERSONNUM,NAME,RULESET,BASE_RATE,ANNUAL_SALARY,BUDGETED_WEEKLY_HOURS,HOME_SHIFT,SCHEDULE_TYPE,WEEKDAY_ONLY,TIMEOFF_SYSTEM,SENIORITY_DATE,HIRE_DATE,COMP_ELECT,HOLIDAY_ELECT,ONCALL_APPROVED
1,Share Nurse,SHARE,30.00,,40,DAY,STANDARD,N,TRADITIONAL,2010-01-01,2010-01-01,N,,N
2,Nonunit Clerk,NONUNIT_NONEXEMPT,20.00,,40,DAY,STANDARD,N,,2010-01-01,2010-01-01,N,,N
3,Psu Tech,PSU_NONEXEMPT,,39000,37.5,DAY,STANDARD,N,,2010-01-01,2010-01-01,N,,N
`
	p := func(id, day, in, out string) string {
		return fmt.Sprintf("%s,X,%s,,%s,%s,,A/B/C/D/-/-/-,\n", id, day, in, out)
	}
	punches := "PERSONNUM,PERSONFULLNAME,EVENTDATE,PAYCODENAME,PUNCHDTM,ENDPUNCHDTM,HOURS,LABORACCOUNT,WORKRULE\n" +
		// SHARE. Sunday day shift, meal punched: 8 h, all "between 11:00 p.m. on Friday and 11:00
		// p.m. on Sunday" (SHARE-SHIFT-04); it ends before 7:00 pm, so "all hours are considered day
		// rate" (RS-2).
		p("1", "11/15/2026", "11/15/2026 7:00", "11/15/2026 11:00") + p("1", "11/15/2026", "11/15/2026 11:30", "11/15/2026 15:30") +
		// Monday evening 15:00-23:30: 8 h evening (SHARE-SHIFT-03; past 11 pm but "ENDS before
		// midnight, the hours are paid as evening", RS-5).
		p("1", "11/16/2026", "11/16/2026 15:00", "11/16/2026 19:00") + p("1", "11/16/2026", "11/16/2026 19:30", "11/16/2026 23:30") +
		// Tuesday night 23:00-07:30: 8 h night (SHARE-SHIFT-03 "between 11:00 p.m. and 7:00 a.m."
		// and RS-8 for 07:00-07:30, the end within one hour); ISO dates as the export sometimes has.
		"1,X,2026-11-17,,2026-11-17T23:00,2026-11-18T03:00,,A/B/C/D/-/-/-,\n" +
		"1,X,2026-11-17,,2026-11-18T03:30,2026-11-18T07:30,,A/B/C/D/-/-/-,\n" +
		// Thursday 06:53-15:37 rounds to 07:00-15:30 (7-minute rule, SHARE-G-04): 8 h, no differential.
		p("1", "11/19/2026", "11/19/2026 6:53", "11/19/2026 11:00") + p("1", "11/19/2026", "11/19/2026 11:30", "11/19/2026 15:37") +
		// Friday 07:00-17:30 with a meal: 10 h, hours 41-42 of the week are overtime (SHARE-OT-A).
		p("1", "11/20/2026", "11/20/2026 7:00", "11/20/2026 11:00") + p("1", "11/20/2026", "11/20/2026 11:30", "11/20/2026 17:30") +
		// Non-unit: Monday 10 h, Tuesday-Friday 8 h, Saturday 4 h (NU-OT-1).
		p("2", "11/16/2026", "11/16/2026 8:00", "11/16/2026 12:00") + p("2", "11/16/2026", "11/16/2026 12:30", "11/16/2026 18:30") +
		p("2", "11/17/2026", "11/17/2026 8:00", "11/17/2026 16:00") + p("2", "11/18/2026", "11/18/2026 8:00", "11/18/2026 16:00") +
		p("2", "11/19/2026", "11/19/2026 8:00", "11/19/2026 16:00") + p("2", "11/20/2026", "11/20/2026 8:00", "11/20/2026 16:00") +
		p("2", "11/21/2026", "11/21/2026 9:00", "11/21/2026 13:00") +
		// PSU: Monday 12 h (PSU-39.6-C: over 8 in a day).
		p("3", "11/16/2026", "11/16/2026 7:00", "11/16/2026 13:00") + p("3", "11/16/2026", "11/16/2026 13:30", "11/16/2026 19:30") +
		// Unusable rows the peer must drop: out before in, an unknown employee, a bad WORKRULE.
		p("1", "11/21/2026", "11/21/2026 9:00", "11/21/2026 8:00") + p("9", "11/21/2026", "11/21/2026 9:00", "11/21/2026 17:00") +
		"2,X,11/21/2026,,11/21/2026 14:00,11/21/2026 15:00,,A/B/C/D/-/-/-,BOGUS\n"
	for name, body := range map[string]string{"roster.csv": roster, "punches.csv": punches} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	db := openDB(t)
	out := filepath.Join(dir, "peer.parquet")
	if _, err := Run(context.Background(), db, dir, out, week(t), ""); err != nil {
		t.Fatal(err)
	}
	got := lines(t, db, out)
	want := map[string]string{
		// SHARE: 42 h worked at $30.00, 40 straight (SHARE-G-06): 40 x 30.00 = 1200.00.
		"1 REG SHARE-G-06": "40.0000 1200.00",
		// Differentials (SHARE-DIFF-01: evening $2.00, night $4.00, weekend $2.50): 8 h each.
		"1 DIFF_EVE SHARE-SHIFT-03":   "8.0000 16.00",
		"1 DIFF_NIGHT SHARE-SHIFT-03": "8.0000 32.00",
		"1 DIFF_WKND SHARE-SHIFT-04":  "8.0000 20.00",
		// SHARE-OT-E "regular rate of pay will include all pay differentials": (42 x 30.00 + 16 +
		// 32 + 20) / 42 = 1328 / 42 = 31.6190; OT hour = 30.00 straight + 0.5 x 31.6190 = 45.8095;
		// 2 h = 91.619 -> 91.62 (together 1.5 x the regular rate, the differentials being paid on
		// their own lines).
		"1 OT SHARE-OT-A": "2.0000 91.62",
		// Non-unit, $20.00: daily OT Monday 2 h; straight 8+8+8+8+8+4 = 44, over 40 by 4 (Saturday).
		// "one and one-half times (1.5) ... in excess of eight (8) hours in any one Tour of Duty or
		// forty (40) hours in any one Workweek": REG 40 x 20 = 800.00, OT 6 x 30 = 180.00.
		"2 REG NU-OT-1": "40.0000 800.00",
		"2 OT NU-OT-1":  "6.0000 180.00",
		// PSU: $39,000 / 1950 = $20.00 (PSU-39.5-A); 12 h Monday: 8 straight (PSU-39.6-E1 "straight
		// time up to 40 h / 8 h") = 160.00, 4 at time and one-half (PSU-39.6-E2) = 4 x 30 = 120.00.
		"3 REG PSU-39.6-E1": "8.0000 160.00",
		"3 OT PSU-39.6-E2":  "4.0000 120.00",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: got %q, want %q", k, got[k], v)
		}
	}
	for k, v := range got {
		if _, ok := want[k]; !ok {
			t.Errorf("unexpected line %s: %s", k, v)
		}
	}
}

// On a generated week (bad rows included) the peer pays exactly the hours payclose pays as worked
// time, employee by employee, and agrees with it where it implements the same rule.
func TestPeerAgreesWithPayclose(t *testing.T) {
	dir := t.TempDir()
	wk, _ := calendars.ParseISODate(testWeek)
	if _, err := gen.Write(dir, gen.Config{Employees: 300, Week: wk, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	cfg := pipeline.Config{Punches: filepath.Join(dir, "punches.csv"), Roster: filepath.Join(dir, "roster.csv"),
		Schedule: filepath.Join(dir, "schedule.csv"), Week: wk, Out: out}
	if _, err := pipeline.Run(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	db := openDB(t)
	peer := filepath.Join(dir, "peer.parquet")
	if _, err := Run(context.Background(), db, dir, peer, week(t), ""); err != nil {
		t.Fatal(err)
	}
	pc := filepath.ToSlash(out) + "/pay_lines/*/*.parquet"
	one := func(query string) (n int64, detail string) {
		t.Helper()
		rows, err := db.Query(query, pc, peer)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		var b strings.Builder
		for rows.Next() {
			var k, a, p string
			if err := rows.Scan(&k, &a, &p); err != nil {
				t.Fatal(err)
			}
			n++
			if n <= 5 {
				fmt.Fprintf(&b, "\n  %s: payclose %s, peer %s", k, a, p)
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		return n, b.String()
	}
	// Worked hours (REG + OT) per employee: pairing, rounding, meals, rejects and week attribution.
	var employees int64
	if err := db.QueryRow(`SELECT count(DISTINCT employee_id) FROM read_parquet(?) WHERE pay_code IN ('REG', 'OT')`, peer).Scan(&employees); err != nil {
		t.Fatal(err)
	}
	if employees < 250 {
		t.Fatalf("the peer paid worked time to %d of 300 employees", employees)
	}
	if n, d := one(`WITH a AS (SELECT employee_id, sum(hours) h FROM read_parquet($1) WHERE pay_code IN ('REG', 'OT') GROUP BY 1),
  b AS (SELECT employee_id, sum(hours) h FROM read_parquet($2) WHERE pay_code IN ('REG', 'OT') GROUP BY 1)
SELECT employee_id, coalesce(a.h, 0)::VARCHAR, coalesce(b.h, 0)::VARCHAR FROM a FULL JOIN b USING (employee_id) WHERE a.h IS DISTINCT FROM b.h`); n > 0 {
		t.Errorf("%d employees with other worked hours:%s", n, d)
	}
	// Where the rules are the same: non-unit REG/OT hours and amounts, SHARE weekend hours (SHIFT-04
	// needs no schedule) and paid leave at base. Not PSU's split of REG and OT: payclose counts
	// leave toward the thresholds (PSU-39.6-D1), the peer does not.
	var keys int64
	if err := db.QueryRow(`SELECT count(DISTINCT rule_set || pay_code) FROM read_parquet(?) WHERE rule_set || ' ' || pay_code IN
  ('NONUNIT_NONEXEMPT REG', 'NONUNIT_NONEXEMPT OT', 'SHARE EARNED', 'SHARE SICK', 'PSU_NONEXEMPT SICK', 'SHARE DIFF_WKND')`, peer).Scan(&keys); err != nil || keys != 6 {
		t.Fatalf("the generated week gives the peer %d of the 6 compared totals (%v)", keys, err)
	}
	if n, d := one(`WITH a AS (SELECT rule_set || ' ' || pay_code AS k, sum(hours) h, sum(amount) m FROM read_parquet($1) GROUP BY 1),
  b AS (SELECT rule_set || ' ' || pay_code AS k, sum(hours) h, sum(amount) m FROM read_parquet($2) GROUP BY 1)
SELECT k, a.h || ' ' || a.m, b.h || ' ' || b.m FROM a JOIN b USING (k)
WHERE (k IN ('NONUNIT_NONEXEMPT REG', 'NONUNIT_NONEXEMPT OT', 'SHARE EARNED', 'SHARE SICK', 'PSU_NONEXEMPT SICK') AND (a.h, a.m) IS DISTINCT FROM (b.h, b.m))
   OR (k = 'SHARE DIFF_WKND' AND a.h IS DISTINCT FROM b.h)`); n > 0 {
		t.Errorf("%d totals differ:%s", n, d)
	}
}

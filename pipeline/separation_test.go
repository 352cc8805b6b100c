package pipeline_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/apache/arrow/go/v15/parquet/file"
	"github.com/apache/arrow/go/v15/parquet/pqarrow"

	"github.com/payclose/payclose/pipeline"
	"github.com/payclose/payclose/stages/emit"
)

// parquetRows reads a Parquet file without its run_id column, one "a|b|c|" string per row.
func parquetRows(t *testing.T, path string) []string {
	t.Helper()
	rdr, err := file.OpenParquetFile(path, false)
	if err != nil {
		t.Fatal(err)
	}
	defer rdr.Close()
	fr, err := pqarrow.NewFileReader(rdr, pqarrow.ArrowReadProperties{}, memory.DefaultAllocator)
	if err != nil {
		t.Fatal(err)
	}
	tbl, err := fr.ReadTable(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer tbl.Release()
	tr := array.NewTableReader(tbl, 1<<20)
	defer tr.Release()
	var rows []string
	for tr.Next() {
		rec := tr.Record()
		for i := 0; i < int(rec.NumRows()); i++ {
			s := ""
			for c := 1; c < int(rec.NumCols()); c++ {
				s += rec.Column(c).ValueStr(i) + "|"
			}
			rows = append(rows, s)
		}
	}
	return rows
}

// Final pay at separation (issue 15) on the two sample weeks, worked by hand:
//
//   - 100104 (SHARE, LAYOFF Sat 2026-11-21, TRADITIONAL, $28.40, seniority 1999-04-12): week 1 as in
//     EXPECTED.md #4, $1,498.47; SHARE-PTO-16 "Upon termination, employees will normally be paid in a
//     lump sum for all earned/vacation time accruals": the 100 h opening VACATION + the week's
//     3.0769 h = 103.0769 h × $28.40 = $2,927.39 (TERM_PAYOUT), SICK is not paid. Final pay
//     $4,425.86, due the day of the layoff (an involuntary discharge is paid that day).
//     SHARE-SEV-01 "one week for every year of service, up to 8, with a minimum of two weeks …
//     paid out weekly until exhausted": 27 years → 8 weeks = 320 h; week 2 pays 40 h × $28.40 =
//     $1,136.00 with no new input and leaves 280 h; nothing accrues in week 2 (PTO-16) and his
//     week-2 rows are rejected AFTER_SEPARATION.
//   - 300106 (PSU non-exempt, VOLUNTARY Sat 11-21, $58,500 → $30.00): week 1 $1,200.00 with 7.5 h
//     of comp for Saturday's 5 h of overtime; PSU-39.6-E5 "paid for all unused compensatory time at
//     the member's final regular rate of pay": 7.5 × $30 = $225.00; PSU-22.4 vacation "accrued prior
//     to such termination but which had not been used": the week's 3.1731 h × $30 = $95.19. Final
//     pay $1,520.19, due on the next regular payday, Fri 11-27 (a resignation).
//   - 300201 (non-unit, LAYOFF Fri 11-20, $62,400, release executed, seniority 2016-01-04): NUT-I.D-2
//     "one month for each complete year of continuous service … not to exceed one year": 10 years →
//     10 × 62,400 ÷ 12 = $52,000.00 (SEVERANCE_RELEASE) + the week's $1,200.00 = $53,200.00.
//   - 300301 (non-unit exempt, INVOLUNTARY Fri 11-20, $83,200, 10 days' notice, no release):
//     NUT-I.D-1 "1 month of notice of termination, or … payment of one (1) month's salary in lieu":
//     November has 30 days, 20 not noticed → 83,200 × 20 ÷ (12 × 30) = $4,622.22 (NOTICE_PAY) + the
//     week's $1,720.00 = $6,342.22.
//   - 300302 (non-unit exempt, LAYOFF Fri 11-20, externally funded): NUT-I.D-6 "consistent with the
//     requirements of the funding source": no notice pay computed, SEVERANCE_EXTERNAL_FUNDS raised;
//     final pay the week's $1,153.85.
//   - 300303 (PSU exempt, INVOLUNTARY Fri 11-20): the week's $1,500.00 + vacation 3.1731 h × $40 =
//     $126.92 = $1,626.92; the 8.5 h of exempt comp credited that week are lost (PSU-18.2-C3 "no
//     payout of compensatory time and any remaining compensatory time is lost when an employee
//     separates"), shown as forfeited.
func TestSeparationsSample(t *testing.T) {
	cfg := twoWeekSample(t)
	cfg.Separations = filepath.Join(filepath.Dir(cfg.Punches), "separations.csv")
	seps := "PERSONNUM,SEPARATION_DATE,REASON,NOTICE_GIVEN_DAYS,RELEASE_EXECUTED,EXTERNALLY_FUNDED\n" +
		"100104,2026-11-21,LAYOFF,42,N,N\n" +
		"300106,2026-11-21,VOLUNTARY,,,\n" +
		"300201,2026-11-20,LAYOFF,0,Y,N\n" +
		"300301,2026-11-20,INVOLUNTARY,10,N,N\n" +
		"300302,2026-11-20,LAYOFF,,N,Y\n" +
		"300303,2026-11-20,INVOLUNTARY,,,\n" +
		"999999,2026-11-20,LAYOFF,,,\n" // not on the roster: rejected
	if err := os.WriteFile(cfg.Separations, []byte(seps), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg.Out, cfg.Weeks = filepath.Join(t.TempDir(), "out"), 2
	res, err := pipeline.Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Manifest.Reconciliation.OK {
		t.Fatalf("reconciliation: %+v", res.Manifest.Reconciliation)
	}
	// Line accounting covers separations.csv too (issue 10): 8 lines = the header + 6 accepted +
	// the unknown employee's row rejected.
	expectLines(t, res.Manifest, "separations", 8, 1, 6, 1)
	final := map[string]string{}
	var external, forfeited bool
	for _, x := range res.Exceptions {
		switch x.Code {
		case pipeline.ExcFinalPay:
			final[x.Employee] = x.RuleID + " " + x.Detail
		case "SEVERANCE_EXTERNAL_FUNDS":
			external = x.Employee == "300302" && x.RuleID == "NUT-I.D-6"
		case "COMP_FORFEITED":
			forfeited = forfeited || (x.Employee == "300303" && x.RuleID == "PSU-18.2-C3")
		}
	}
	want := map[string]string{
		"100104": "SHARE-PTO-16 separated 2026-11-21 (LAYOFF): final pay 4425.86 due 2026-11-21",
		"300106": "PSU-22.4 separated 2026-11-21 (VOLUNTARY): final pay 1520.19 due 2026-11-27",
		"300201": "NUT-I.D-1 separated 2026-11-20 (LAYOFF): final pay 53200.00 due 2026-11-20",
		"300301": "NUT-I.D-1 separated 2026-11-20 (INVOLUNTARY): final pay 6342.22 due 2026-11-20",
		"300302": "NUT-I.D-1 separated 2026-11-20 (LAYOFF): final pay 1153.85 due 2026-11-20",
		"300303": "PSU-22.4 separated 2026-11-20 (INVOLUNTARY): final pay 1626.92 due 2026-11-20",
	}
	for id, w := range want {
		if final[id] != w {
			t.Errorf("%s: %q, want %q", id, final[id], w)
		}
	}
	if len(final) != len(want) || !external || !forfeited {
		t.Errorf("final pay of %d separations (want %d); external %v; comp forfeited %v", len(final), len(want), external, forfeited)
	}
	lines := func(week string) map[string]bool {
		m := map[string]bool{}
		for _, r := range parquetRows(t, filepath.Join(cfg.Out, "pay_lines", "week_start="+week, "part-00000.parquet")) {
			f := strings.Split(r, "|")
			m[f[0]+" "+f[3]+" "+f[5]+" "+f[7]+" "+f[8]] = true // employee code hours amount rule
		}
		return m
	}
	w1, w2 := lines("2026-11-15"), lines("2026-11-22")
	for _, l := range []string{"100104 TERM_PAYOUT 103.0769 2927.39 SHARE-PTO-16", "300106 TERM_PAYOUT 7.5 225 PSU-39.6-E5",
		"300106 TERM_PAYOUT 3.1731 95.19 PSU-22.4", "300201 SEVERANCE_RELEASE 0 52000 NUT-I.D-2", "300301 NOTICE_PAY 0 4622.22 NUT-I.D-1"} {
		if !w1[l] {
			t.Errorf("week 1: no line %q", l)
		}
	}
	if !w2["100104 SEVERANCE 40 1136 SHARE-SEV-01"] {
		t.Error("week 2: no severance week for 100104")
	}
	n := 0
	for l := range w2 {
		if strings.HasPrefix(l, "100104 ") || strings.HasPrefix(l, "3003") || strings.HasPrefix(l, "300106 ") || strings.HasPrefix(l, "300201 ") {
			n++
		}
	}
	if n != 1 {
		t.Errorf("week 2 pays the separated employees %d lines, want only 100104's severance", n)
	}
	after, unknown := 0, 0
	for _, r := range res.Rejects.First {
		switch {
		case r.Reason == "AFTER_SEPARATION" && r.Employee == "100104":
			after++
		case r.Reason == "UNKNOWN_EMPLOYEE" && r.Employee == "999999":
			unknown++
		}
	}
	if after != 10 || unknown != 1 {
		t.Errorf("rejects: %d of 100104's week-2 rows after the separation (want 10), %d unknown separations (want 1)", after, unknown)
	}
	var sev []string
	for _, r := range accrualRows(t, cfg.Out, "2026-11-22") {
		if strings.HasPrefix(r, "100104|") {
			sev = append(sev, r)
		}
	}
	for _, r := range sev {
		f := strings.Split(r, "|")
		if f[4] != "0" && f[2] != "SEVERANCE" {
			t.Errorf("week 2 accrued during severance: %s", r)
		}
		if f[2] == "SEVERANCE" && r != "100104|SHARE|SEVERANCE|320|0|40|0|280|320|severance|SHARE-SEV-01|||" {
			t.Errorf("severance bank: %s", r)
		}
	}
}

// SHARE-SEV-01 "paid out weekly until exhausted" across chained closes: 100104 laid off Sat
// 2026-11-21 with 8 weeks owed. Closing week 2 from week 1's output (--previous) pays the same 40 h
// × $28.40 = $1,136.00 and leaves the same 280 h as closing both weeks in one run (--weeks 2).
func TestSeparationChainsLikeWeeks(t *testing.T) {
	base := twoWeekSample(t)
	base.Separations = filepath.Join(filepath.Dir(base.Punches), "separations.csv")
	if err := os.WriteFile(base.Separations, []byte("PERSONNUM,SEPARATION_DATE,REASON\n100104,2026-11-21,LAYOFF\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	both := base
	both.Out, both.Weeks = filepath.Join(dir, "both"), 2
	first := base
	first.Out, first.Weeks = filepath.Join(dir, "first"), 1
	second := base
	second.Out, second.Weeks, second.Balances, second.Previous = filepath.Join(dir, "second"), 1, "", first.Out
	second.Week = base.Week + 7
	for _, c := range []pipeline.Config{both, first, second} {
		if _, err := pipeline.Run(context.Background(), c); err != nil {
			t.Fatal(err)
		}
	}
	w2 := "2026-11-22"
	ra, rb := accrualRows(t, both.Out, w2), accrualRows(t, second.Out, w2)
	if strings.Join(ra, "\n") != strings.Join(rb, "\n") {
		t.Fatalf("week 2 accruals differ between --weeks 2 and --previous")
	}
	sev := func(out string) []string {
		var s []string
		for _, r := range parquetRows(t, filepath.Join(out, "pay_lines", "week_start="+w2, "part-00000.parquet")) {
			if strings.HasPrefix(r, "100104|") {
				f := strings.Split(r, "|")
				s = append(s, f[3]+" "+f[5]+" "+f[7]+" "+f[8])
			}
		}
		return s
	}
	for _, out := range []string{both.Out, second.Out} {
		if got := sev(out); len(got) != 1 || got[0] != "SEVERANCE 40 1136 SHARE-SEV-01" {
			t.Errorf("%s: 100104 week 2 lines %v", filepath.Base(out), got)
		}
	}
	found := false
	for _, r := range rb {
		found = found || r == "100104|SHARE|SEVERANCE|320|0|40|0|280|320|severance|SHARE-SEV-01|||"
	}
	if !found {
		t.Error("week 2 opened from --previous does not carry the 320 h of severance")
	}
}

// Severance owed and no new input: 300112 (PSU non-exempt, no punch rows in either week) opens
// with 45 h of SEVERANCE in balances.csv and no separations.csv. Each week pays a budgeted week of
// it, 37.5 h × $30.00 = $1,125.00 (PSU-39.5-A hourly base), and nothing else: no salary
// continuation, no holiday, no accrual; week 2 pays the last 7.5 h, $225.00.
func TestSeveranceWithoutNewInput(t *testing.T) {
	cfg := twoWeekSample(t)
	if err := os.WriteFile(cfg.Balances, []byte("PERSONNUM,BANK,HOURS\n300112,SEVERANCE,45\n300112,VACATION,10\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg.Out, cfg.Weeks = filepath.Join(t.TempDir(), "out"), 2
	if _, err := pipeline.Run(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ week, want string }{{"2026-11-15", "SEVERANCE 37.5 1125"}, {"2026-11-22", "SEVERANCE 7.5 225"}} {
		var got []string
		for _, r := range parquetRows(t, filepath.Join(cfg.Out, "pay_lines", "week_start="+c.week, "part-00000.parquet")) {
			if f := strings.Split(r, "|"); f[0] == "300112" {
				got = append(got, f[3]+" "+f[5]+" "+f[7])
			}
		}
		if len(got) != 1 || got[0] != c.want {
			t.Errorf("week %s: %v, want [%s]", c.week, got, c.want)
		}
		for _, r := range accrualRows(t, cfg.Out, c.week) {
			if f := strings.Split(r, "|"); f[0] == "300112" && f[4] != "0" {
				t.Errorf("week %s accrued during severance: %s", c.week, r)
			}
		}
	}
}

// expectLines checks one input's line accounting in the run manifest.
func expectLines(t *testing.T, m *emit.Manifest, name string, read, header, accepted, rejected int64) {
	t.Helper()
	for _, in := range m.Inputs {
		if in.Name == name {
			if in.LinesRead != read || in.HeaderLines != header || in.LinesAccepted != accepted || in.LinesRejected != rejected {
				t.Errorf("%s: lines %d = header %d + blank %d + accepted %d + rejected %d; want %d = %d + 0 + %d + %d",
					name, in.LinesRead, in.HeaderLines, in.BlankLines, in.LinesAccepted, in.LinesRejected, read, header, accepted, rejected)
			}
			return
		}
	}
	t.Errorf("no input %s in the manifest", name)
}

// NUT-I.D-4 in the close: "former employees who received a payment in lieu of notice … and who,
// after receiving such payment, have been offered a new position of employment with the
// University … must repay the University fifty percent of the remaining value of their payment."
// A separations.csv row with REHIRE_DATE is such an earlier separation; the employee is on the
// roster again and is paid as usual (no AFTER_SEPARATION), and the week holding the re-employment
// date raises SEVERANCE_REPAYMENT with the amount, once:
//   - 300301: laid off 2026-09-18 with $20,800 in lieu based on 3 months, re-employed Mon
//     2026-11-16 (week 1): 1 month (to 10-18) and 29 days elapsed = 59/30 months, 31/30 remain →
//     0.5 × 20,800 ÷ 3 × 31/30 = $3,582.22.
//   - 300201: laid off 2026-10-30, no payment given, so the close computes NUT-I.D-1's: one month
//     of $62,400, October's 31 days unnoticed = $5,200.00; re-employed Mon 2026-11-23 (week 2):
//     24 days elapsed, 6/30 of the month remain → 0.5 × 5,200 × 6/30 = $520.00.
func TestRehireRepayment(t *testing.T) {
	cfg := twoWeekSample(t)
	cfg.Separations = filepath.Join(filepath.Dir(cfg.Punches), "separations.csv")
	seps := "PERSONNUM,SEPARATION_DATE,REASON,REHIRE_DATE,PAID_IN_LIEU,PAID_MONTHS\n" +
		"300301,2026-09-18,LAYOFF,2026-11-16,20800,3\n" +
		"300201,2026-10-30,LAYOFF,2026-11-23,,\n"
	if err := os.WriteFile(cfg.Separations, []byte(seps), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg.Out, cfg.Weeks = filepath.Join(t.TempDir(), "out"), 2
	res, err := pipeline.Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, x := range res.Exceptions {
		switch x.Code {
		case "SEVERANCE_REPAYMENT":
			got[x.Employee] += x.Date.String() + " " + x.RuleID + " " + strings.Fields(x.Detail[strings.Index(x.Detail, "repay ")+6:])[0] + ";"
		case pipeline.ExcFinalPay:
			t.Errorf("a re-employment is no separation: %+v", x)
		}
	}
	if got["300301"] != "2026-11-16 NUT-I.D-4 3582.22;" || got["300201"] != "2026-11-23 NUT-I.D-4 520.00;" || len(got) != 2 {
		t.Errorf("repayments %v", got)
	}
	for _, r := range res.Rejects.First {
		if r.Reason == "AFTER_SEPARATION" {
			t.Errorf("re-employed, yet rejected: %+v", r)
		}
	}
	paid := 0
	for _, r := range parquetRows(t, filepath.Join(cfg.Out, "pay_lines", "week_start=2026-11-22", "part-00000.parquet")) {
		if strings.HasPrefix(r, "300301|") || strings.HasPrefix(r, "300201|") {
			paid++
		}
	}
	if paid == 0 {
		t.Error("week 2 pays the re-employed employees nothing")
	}
}

// PSU-20.1-M through the close: "Bargaining unit members who retire shall be paid twenty (20)
// percent of the value of their unused accrued sick leave at the time of their retirement", at most
// 20% of 120 days (900 h) for "an employee who is not vested as of June 30, 2020" (PSU-SL-SICK).
// 300112 (PSU non-exempt, $58,500 → $30.00, 37.5 h, no punches) retires Fri 2026-11-20 with
// 997.9808 h of SICK; week 1 accrues 14/260 × 37.5 = 2.0192 h, so 1,000 h at the close: not vested
// (RETIREMENT_VESTED empty) → 20% of 900 h = 180 h × $30 = $5,400.00 and SICK_PAYOUT_CAPPED; vested
// → 200 h = $6,000.00. The SICK bank closes at 0 either way.
func TestPSU_20_1_M_close(t *testing.T) {
	for _, c := range []struct {
		vested string
		line   string
		capped bool
	}{{"", "300112 TERM_PAYOUT 180 5400 PSU-20.1-M", true}, {"Y", "300112 TERM_PAYOUT 200 6000 PSU-20.1-M", false}} {
		cfg := twoWeekSample(t)
		if err := os.WriteFile(cfg.Balances, []byte("PERSONNUM,BANK,HOURS\n300112,SICK,997.9808\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		cfg.Separations = filepath.Join(filepath.Dir(cfg.Punches), "separations.csv")
		if err := os.WriteFile(cfg.Separations, []byte("PERSONNUM,SEPARATION_DATE,REASON,RETIREMENT_VESTED\n300112,2026-11-20,RETIREMENT,"+c.vested+"\n"), 0o644); err != nil {
			t.Fatal(err)
		}
		cfg.Out, cfg.Weeks = filepath.Join(t.TempDir(), "out"), 1
		res, err := pipeline.Run(context.Background(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, r := range parquetRows(t, filepath.Join(cfg.Out, "pay_lines", "week_start=2026-11-15", "part-00000.parquet")) {
			f := strings.Split(r, "|")
			found = found || f[0]+" "+f[3]+" "+f[5]+" "+f[7]+" "+f[8] == c.line
		}
		if !found {
			t.Errorf("vested %q: no line %q", c.vested, c.line)
		}
		capped := false
		for _, x := range res.Exceptions {
			capped = capped || (x.Employee == "300112" && x.Code == "SICK_PAYOUT_CAPPED" && x.RuleID == "PSU-SL-SICK")
		}
		if capped != c.capped {
			t.Errorf("vested %q: capped %v, want %v", c.vested, capped, c.capped)
		}
		for _, r := range accrualRows(t, cfg.Out, "2026-11-15") {
			if f := strings.Split(r, "|"); f[0] == "300112" && f[2] == "SICK" && f[7] != "0" {
				t.Errorf("vested %q: SICK row %s", c.vested, r)
			}
		}
	}
}

// PSU-22.4 and ESL-A3 through the close: the accrual base of a separation week covers the days
// the salary is paid for (rules.EmployedShare), not the whole week. 300112 (PSU non-exempt,
// 37.5 h, hired 2014-04-14: 12 years, the 22/260 tier; no punches) and 300301 (non-unit exempt,
// 40 h) leave on Monday 2026-11-16, the first of the week's five weekdays:
//
//   - 300112 vacation "accrued prior to such termination" (PSU-22.4): 37.5 × 1/5 = 7.5 h × 22/260 =
//     0.634615 h, credited in the 47th week of 2026 (k = 46, the accrual package's cumulative
//     rounding) as round(1732.5 × 22/260) − round(1725 × 22/260) = 146.5962 − 145.9615 = 0.6347 h,
//     paid out: 0.6347 h = 2,285 s × $30.00 = $19.04 (a whole week would be 3.1731 h, $95.19);
//     sick 7.5 × 14/260: 93.2885 − 92.8846 = 0.4039 h (a whole week 2.0192 h).
//   - 300301 ESL, assumed 40 h a week (ESL-A3), prorated by days: 8 h ÷ 30 → 61.6000 − 61.3333 =
//     0.2667 h (a whole week 1.3334 h).
func TestPSU_22_4_SeparationWeek_close(t *testing.T) {
	cfg := twoWeekSample(t)
	cfg.Separations = filepath.Join(filepath.Dir(cfg.Punches), "separations.csv")
	if err := os.WriteFile(cfg.Separations, []byte("PERSONNUM,SEPARATION_DATE,REASON\n300112,2026-11-16,VOLUNTARY\n300301,2026-11-16,VOLUNTARY\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg.Out, cfg.Weeks = filepath.Join(t.TempDir(), "out"), 1
	if _, err := pipeline.Run(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	earned := map[string]string{}
	for _, r := range accrualRows(t, cfg.Out, "2026-11-15") {
		f := strings.Split(r, "|")
		if f[0] == "300112" || f[0] == "300301" {
			earned[f[0]+" "+f[2]] = f[4]
		}
	}
	for k, v := range map[string]string{"300112 VACATION": "0.6347", "300112 SICK": "0.4039", "300301 ESL": "0.2667"} {
		if earned[k] != v {
			t.Errorf("%s earned %q, want %s (all: %v)", k, earned[k], v, earned)
		}
	}
	var payout bool
	for _, r := range parquetRows(t, filepath.Join(cfg.Out, "pay_lines", "week_start=2026-11-15", "part-00000.parquet")) {
		f := strings.Split(r, "|")
		if f[0] == "300112" && f[3] == "TERM_PAYOUT" {
			if f[5] != "0.6347" || f[7] != "19.04" || f[8] != "PSU-22.4" {
				t.Errorf("300112 payout %s, want 0.6347 h = $19.04 under PSU-22.4", r)
			}
			payout = true
		}
	}
	if !payout {
		t.Error("300112: no vacation payout")
	}
}

// ESL-D1 through the close: "Employees may begin accruing sick time on the first date of actual
// work" (HIRE_DATE), and no salary is earned before it. Three employees added to the sample
// roster, no punches, week of Sunday 2026-11-15 (the 47th of 2026, k = 46):
//
//   - 390001, non-unit exempt, $83,200, 40 h, hired Friday 11-20 (1 of the week's 5 weekdays):
//     salary $83,200 ÷ 52 = $1,600.00 × 1/5 = $320.00 (not $1,600.00); ESL assumed 40 × 1/5 = 8 h
//     ÷ 30 (ESL-A3) → round(1848 ÷ 30) − round(1840 ÷ 30) = 61.6000 − 61.3333 = 0.2667 h (not 1.3334 h).
//   - 390002, PSU non-exempt, $58,500 → $30.00, 37.5 h, hired Thursday 11-19 (2 of 5): salary
//     continuation 37.5 × 2/5 = 15 h × $30 = $450.00 (not 37.5 h, $1,125.00); vacation (0-4y,
//     20/260) on 15 h: round(1740 × 20/260) − round(1725 × 20/260) = 133.8462 − 132.6923 = 1.1539 h;
//     sick (14/260): 93.6923 − 92.8846 = 0.8077 h.
//   - 390003, non-unit exempt, hired Monday 11-30, after the week: salary $0.00, ESL 0.
func TestESL_D1_HireWeek_close(t *testing.T) {
	cfg := twoWeekSample(t)
	f, err := os.OpenFile(cfg.Roster, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.WriteString("390001,New Exempt,NONUNIT_EXEMPT,,83200.00,40,DAY,STANDARD,Y,,2026-11-20,2026-11-20,N,,,UMASS/UMPO/HR/NU/-/-/-,,,\n" +
		"390002,New Member,PSU_NONEXEMPT,,58500.00,37.5,DAY,STANDARD,Y,,2026-11-19,2026-11-19,N,,,UMASS/AMH/FACIL/PSU/-/-/-,,,\n" +
		"390003,Later Exempt,NONUNIT_EXEMPT,,83200.00,40,DAY,STANDARD,Y,,2026-11-30,2026-11-30,N,,,UMASS/UMPO/HR/NU/-/-/-,,,\n")
	if err := errors.Join(err, f.Close()); err != nil {
		t.Fatal(err)
	}
	cfg.Out, cfg.Weeks = filepath.Join(t.TempDir(), "out"), 1
	if _, err := pipeline.Run(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	earned := map[string]string{}
	for _, r := range accrualRows(t, cfg.Out, "2026-11-15") {
		if f := strings.Split(r, "|"); strings.HasPrefix(f[0], "39000") {
			earned[f[0]+" "+f[2]] = f[4]
		}
	}
	for k, v := range map[string]string{"390001 ESL": "0.2667", "390002 VACATION": "1.1539", "390002 SICK": "0.8077", "390003 ESL": "0"} {
		if earned[k] != v {
			t.Errorf("%s earned %q, want %s (all: %v)", k, earned[k], v, earned)
		}
	}
	paid := map[string]string{}
	for _, r := range parquetRows(t, filepath.Join(cfg.Out, "pay_lines", "week_start=2026-11-15", "part-00000.parquet")) {
		if f := strings.Split(r, "|"); strings.HasPrefix(f[0], "39000") {
			paid[f[0]] += f[3] + " " + f[5] + " " + f[7] + ";"
		}
	}
	for k, v := range map[string]string{"390001": "SALARY 0 320;", "390002": "SALARY_CONT 15 450;", "390003": "SALARY 0 0;"} {
		if paid[k] != v {
			t.Errorf("%s paid %q, want %q", k, paid[k], v)
		}
	}
}

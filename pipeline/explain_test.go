package pipeline_test

import (
	"context"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/pipeline"
	"github.com/payclose/payclose/rates"
)

func explainSample(t *testing.T, id string) *pipeline.Explanation {
	t.Helper()
	cfg := sampleConfig(t, "")
	x, err := pipeline.Explain(context.Background(), cfg, id)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// 100109 (sample README): a Tuesday extension at management request 15:31–18:34, rounded to
// 15:30–18:30, is 3 h of daily overtime (SHARE-OT-B) with the extension incentive (SHARE-SHIFT-17).
// Worked out by hand at base $20.40:
//
//	REG 40 h × 20.40 = 816.00 (five lines of 8 h × 20.40 = 163.20), OT 3 h × 30.60 = 91.80,
//	DIFF_EXT 3 h × 2.00 = 6.00; straight-time pay = 43 × 20.40 + 6.00 = 883.20;
//	RR = 883.20 / 43 = 20.53953… → 20.5395; true-up = (20.5395 − 20.40) / 2 × 3 = 0.20925 → 0.21;
//	gross = 816.00 + 91.80 + 6.00 + 0.21 = 914.01.
func TestExplainRegularRateFromLines(t *testing.T) {
	x := explainSample(t, "100109")
	if x.RuleSet != "SHARE" || len(x.Weeks) != 2 {
		t.Fatalf("rule set %q, %d weeks", x.RuleSet, len(x.Weeks))
	}
	lines := map[int32]bool{}
	for _, r := range x.Rows {
		lines[r.Line] = true
	}
	for l := int32(137); l <= 147; l++ { // week 1; week 2 follows from line 148
		if !lines[l] {
			t.Errorf("input row of line %d not shown (rows: %v)", l, lines)
		}
	}
	w := x.Weeks[0]
	if w.Start != "2026-11-15" || w.Gross != "914.01" {
		t.Errorf("first week %s gross = %s, want 2026-11-15 914.01", w.Start, w.Gross)
	}
	rr := w.RegularRate
	if rr.WorkedHours != "43.0000" || rr.OvertimeHours != "3.0000" || rr.StraightPay != "883.20" || rr.Rate != "20.5395" ||
		rr.ExpectedTrueUp != "$0.21" || rr.TrueUpLine != "$0.21" || !rr.Matches {
		t.Errorf("regular rate = %+v", rr)
	}
	want := map[string]string{
		"DIFF_EXT": "3.0000 h × $2.0000 = $6.00",
		"OT":       "3.0000 h × $30.6000 = $91.80",
	}
	for _, l := range w.Lines {
		if a, ok := want[l.PayCode]; ok {
			if l.Arithmetic != a {
				t.Errorf("%s arithmetic = %q, want %q", l.PayCode, l.Arithmetic, a)
			}
			delete(want, l.PayCode)
		}
		if l.RuleID == "" {
			t.Errorf("line without rule id: %+v", l)
		}
	}
	if len(want) != 0 {
		t.Errorf("missing lines %v", want)
	}
	var ext *pipeline.ExplainSpan
	for i := range w.Spans {
		if w.Spans[i].Line == 141 {
			ext = &w.Spans[i]
		}
	}
	if ext == nil || ext.Start != "2026-11-17 15:30 -05:00" || ext.End != "2026-11-17 18:30 -05:00" || ext.WorkRule != "MGMT_REQUEST" ||
		len(ext.Windows) != 1 || ext.Windows[0].Hours != "3.00" {
		t.Errorf("extension span = %+v", ext)
	}
}

// 100137 (sample README): "Sun in 22:52 → 22:45: 0.25 h inside the weekend window (which ends Sun
// 23:00), night from 22:45 by RS-6". Span 22:45–03:00: evening window 22:45–23:00 = 0.25 h, night
// 23:00–03:00 = 4.00 h, weekend (Fri 23:00 – Sun 23:00) 22:45–23:00 = 0.25 h.
func TestExplainWindows(t *testing.T) {
	x := explainSample(t, "100137")
	sp := x.Weeks[0].Spans[0]
	if sp.Line != 617 || sp.Workday != "2026-11-15" || sp.Hours != "4.25" {
		t.Fatalf("first span = %+v", sp)
	}
	got := map[string]string{}
	for _, w := range sp.Windows {
		got[w.Window] = w.Hours
	}
	want := map[string]string{"EVENING 15-23": "0.25", "NIGHT 23-07": "4.00", "WEEKEND Fri 23 - Sun 23": "0.25"}
	if len(got) != len(want) {
		t.Errorf("windows = %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("window %s = %q, want %s", k, got[k], v)
		}
	}
}

// Explain runs the same stages as Run: over the whole roster its gross adds up to the run's, every
// week's regular rate recomputed from the lines agrees with the REG_RATE_TRUEUP line, and every
// reject of an employee shows up in that employee's explanation.
func TestExplainAgreesWithRun(t *testing.T) {
	cfg := sampleConfig(t, filepath.Join(t.TempDir(), "out"))
	res, err := pipeline.Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, r := range res.Rejects.First {
		if r.Employee != "" {
			ids[r.Employee] = true
		}
	}
	roster := rosterIDs(t, cfg.Roster)
	for _, id := range roster {
		ids[id] = true
	}
	var gross rates.Money
	seen := 0
	for id := range ids {
		x, err := pipeline.Explain(context.Background(), cfg, id)
		if errors.Is(err, pipeline.ErrNoSuchEmployee) {
			if len(x.Rejects) == 0 {
				t.Errorf("%s: not on the roster and no rejects shown", id)
			}
			seen += len(x.Rejects)
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		seen += len(x.Rejects)
		g, err := rates.ParseMoney(x.Gross)
		if err != nil {
			t.Fatal(err)
		}
		gross += g
		for _, w := range x.Weeks {
			if !w.RegularRate.Matches {
				t.Errorf("%s week %s: %s", id, w.Start, w.RegularRate.Explanation)
			}
		}
	}
	if gross != res.Totals.Gross {
		t.Errorf("explained gross %s != run gross %s", gross, res.Totals.Gross)
	}
	withEmployee := 0
	for _, r := range res.Rejects.First {
		if r.Employee != "" {
			withEmployee++
		}
	}
	if seen != withEmployee {
		t.Errorf("explanations show %d rejects, the run has %d with an employee", seen, withEmployee)
	}
}

func rosterIDs(t *testing.T, path string) []string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := -1
	for i, h := range recs[0] {
		if strings.EqualFold(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")), "PERSONNUM") {
			col = i
		}
	}
	var ids []string
	for _, r := range recs[1:] {
		ids = append(ids, r[col])
	}
	return ids
}

// Issue 12: explain shows a call-back's four-hour windows, their overlap and the guarantee
// arithmetic. Hector Ramirez (100126, base $27.05) is on call Tue 11-24 15:30 → Wed 07:00 and called
// back 22:00 and again 00:30 (sample README, week 2; catalog TC-DER-OC-02 shape). SHARE On-Call F:
// "they will receive at least an additional four hours of pay, minus any overlap with the previous
// four-hour minimum". Windows [22:00, 02:00) and [00:30, 04:30): the first is 4 − 2.5 h worked
// inside = 1.5 h; the second overlaps the first by 1.5 h (00:30–02:00, itself worked) → 4 − 1.5 =
// 2.5 h; 4 h of guarantee at 1.5 × $27.05 = $40.575.
func TestExplainCallBackWindows(t *testing.T) {
	x := explainSample(t, "100126")
	notes := strings.Join(x.Weeks[1].Notes, "\n")
	for _, want := range []string{
		"window 2026-11-24 22:00 → 2026-11-25 02:00 (4.00 h); overlap with earlier windows 0.00 h; worked in the rest of the window 2.50 h; guarantee 4.00 − 0.00 − 2.50 = 1.50 h × $40.5750 = $60.86 (SHARE-OC-D)",
		"window 2026-11-25 00:30 → 2026-11-25 04:30 (4.00 h); overlap with earlier windows 1.50 h; worked in the rest of the window 0.00 h; guarantee 4.00 − 1.50 − 0.00 = 2.50 h × $40.5750 = $101.44 (SHARE-OC-D)",
		"guarantee hours of the week: 4.00 h",
	} {
		if !strings.Contains(notes, want) {
			t.Errorf("notes lack %q:\n%s", want, notes)
		}
	}
	if len(x.Weeks[0].Notes) != 0 {
		t.Errorf("week 1 has no call-back, notes %v", x.Weeks[0].Notes)
	}
}

// Each family shows its own windows (rules.Describer), from its profile: a PSU day worker's
// afternoon (300101, Mon 12:30–16:30) lies 2.5 h in PSU-39.4-D's second-shift window, 14:00–24:00,
// and in no SHARE window; a non-unit worker's day (300201) lies in none (the non-unit family pays
// no clock differential).
func TestExplainFamilyWindows(t *testing.T) {
	x := explainSample(t, "300101")
	var got map[string]string
	for _, sp := range x.Weeks[0].Spans {
		if sp.Line == 774 {
			got = map[string]string{}
			for _, w := range sp.Windows {
				got[w.Window] = w.Hours
			}
		}
	}
	if len(got) != 1 || got["SECOND SHIFT 14-24"] != "2.50" {
		t.Errorf("300101 line 774 windows = %v, want SECOND SHIFT 14-24: 2.50", got)
	}
	x = explainSample(t, "300201")
	for _, sp := range x.Weeks[0].Spans {
		if len(sp.Windows) != 0 {
			t.Errorf("300201 line %d windows = %+v, want none", sp.Line, sp.Windows)
		}
	}
}

// explainInline explains employee id in week (one week) of inputs given inline: files maps
// roster.csv, punches.csv and optionally schedule.csv (else empty), rates.csv and balances.csv to
// their contents.
func explainInline(t *testing.T, week, id string, files map[string]string) pipeline.ExplainWeek {
	t.Helper()
	dir := t.TempDir()
	if _, ok := files["schedule.csv"]; !ok {
		files["schedule.csv"] = "PERSONNUM,SHIFTDATE,START,END\n"
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	w, err := calendars.ParseISODate(week)
	if err != nil {
		t.Fatal(err)
	}
	cfg := pipeline.Config{Punches: filepath.Join(dir, "punches.csv"), Roster: filepath.Join(dir, "roster.csv"),
		Schedule: filepath.Join(dir, "schedule.csv"), Week: w, Weeks: 1, AllowEmpty: []string{"schedule"}}
	if _, ok := files["rates.csv"]; ok {
		cfg.Rates = filepath.Join(dir, "rates.csv")
	}
	if _, ok := files["balances.csv"]; ok {
		cfg.Balances = filepath.Join(dir, "balances.csv")
	}
	x, err := pipeline.Explain(context.Background(), cfg, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(x.Weeks) != 1 {
		t.Fatalf("%d weeks explained, want 1", len(x.Weeks))
	}
	return x.Weeks[0]
}

const (
	punchHeader  = "PERSONNUM,PERSONFULLNAME,EVENTDATE,PAYCODENAME,PUNCHDTM,ENDPUNCHDTM,HOURS,LABORACCOUNT,WORKRULE\n"
	rosterHeader = "PERSONNUM,NAME,RULESET,BASE_RATE,ANNUAL_SALARY,BUDGETED_WEEKLY_HOURS,HOME_SHIFT,SCHEDULE_TYPE,WEEKDAY_ONLY,TIMEOFF_SYSTEM,SENIORITY_DATE,HIRE_DATE,COMP_ELECT,HOLIDAY_ELECT,ONCALL_APPROVED,LABORACCOUNT\n"
	ratesHeader  = "PERSONNUM,EFFECTIVE_DATE,JOB,BASE_RATE,ANNUAL_SALARY,FTE,GRADE,PLATFORM,LABORACCOUNT,REASON\n"
)

// punchRows is one punch row per "MM/DD start end account" item, for employee id, in 2026.
func punchRows(id string, items ...string) string {
	var b strings.Builder
	b.WriteString(punchHeader)
	for _, it := range items {
		f := strings.Fields(it)
		date := f[0] + "/2026"
		b.WriteString(id + ",," + date + ",," + date + " " + f[1] + "," + date + " " + f[2] + ",," + f[3] + ",\n")
	}
	return b.String()
}

// (a) A non-unit hourly member with two jobs (29 CFR 778.115, rules.WeightedTrueUp): $20.00 at home
// Mon–Fri 8 h a day (40 h), $30.00 on a second job (EVENTS, rates.csv) Saturday 09:00–15:00 (6 h,
// all weekly overtime, paid 6 × $45.00). By hand:
//
//	straight-time pay = 40 × 20.00 + 6 × 30.00 = 980.00; RR = 980.00 / 46 h = 21.304347… → 21.3043;
//	true-up = (21.3043 − 30.00) × 0.5 × 6 OT h = −26.0871 → −26.09, paid as a negative
//	REG_RATE_TRUEUP line (the overtime fell on the better-paid job).
//
// Before, the non-unit describer did not mark the REG_RATE_TRUEUP line as the true-up: explain
// showed "none" against the expected −$26.09, MISMATCH.
func TestExplainNonUnitTwoJobsNegativeTrueUp(t *testing.T) {
	const acct, evt = "UMPO/ADM/-/-/-/-/-", "UMPO/EVT/-/-/-/-/-"
	w := explainInline(t, "2026-11-15", "500003", map[string]string{
		"roster.csv": rosterHeader + "500003,NU TwoJobs,NONUNIT_NONEXEMPT,20.00,,40,DAY,STANDARD,Y,,2020-01-06,2020-01-06,,,," + acct + "\n",
		"rates.csv":  ratesHeader + "500003,2026-01-01,EVENTS,30.00,,,,,UMPO/EVT/-/-/-/-/-,SECOND JOB\n",
		"punches.csv": punchRows("500003", "11/16 8:00 16:00 "+acct, "11/17 8:00 16:00 "+acct, "11/18 8:00 16:00 "+acct,
			"11/19 8:00 16:00 "+acct, "11/20 8:00 16:00 "+acct, "11/21 9:00 15:00 "+evt),
	})
	rr := w.RegularRate
	if w.Gross != "1043.91" || rr.StraightPay != "980.00" || rr.WorkedHours != "46.0000" || rr.OvertimeHours != "6.0000" ||
		rr.Rate != "21.3043" || rr.ExpectedTrueUp != "$-26.09" || rr.TrueUpLine != "$-26.09" || !rr.Matches {
		t.Errorf("gross %s, regular rate %+v; want 1043.91, RR 21.3043, expected and paid $-26.09, matching", w.Gross, rr)
	}
}

// (b) A non-unit member electing comp (COMP_ELECT=Y) 2 h below the 240-hour cap (NU-OT-5, NU-OT-6)
// with a raise from Wednesday 11-18 ($20.00 → $22.00, rates.csv, by workday): Mon–Fri 08:00–17:00,
// 9 h a day, 1 h of daily overtime each day (5 h). The bank takes 2 h = 1.3333 OT h × 1.5 (Monday's
// hour and 0.3333 h of Tuesday's, at no cash); the other 3.6667 OT h are paid in cash. By hand:
//
//	straight-time pay = 18 h × 20.00 + 27 h × 22.00 = 954.00 (comp hours are worked hours: they
//	are in it); RR = 954.00 / 45 h = 21.20;
//	true-up on the cash overtime only = (21.20 − 20.00) × 0.5 × 0.6667 h + (21.20 − 22.00) × 0.5 × 3 h
//	= 0.40 − 1.20 = −0.80.
//
// Before, the comp hours counted as overtime (5 h, Σ base = 106.00 = 5 × 21.20: $0.00 expected) and
// the −$0.80 line was not seen as the true-up: "none", agrees — right by accident.
func TestExplainNonUnitCompAtCapRaiseMidweek(t *testing.T) {
	const acct = "UMPO/ADM/-/-/-/-/-"
	w := explainInline(t, "2026-11-15", "500001", map[string]string{
		"roster.csv":   rosterHeader + "500001,NU Hourly,NONUNIT_NONEXEMPT,20.00,,40,DAY,STANDARD,Y,,2020-01-06,2020-01-06,Y,,," + acct + "\n",
		"rates.csv":    ratesHeader + "500001,2026-11-18,,22.00,,1,,,,MERIT\n",
		"balances.csv": "PERSONNUM,BANK,HOURS,YTD_ACCRUED\n500001,COMP,238,0\n",
		"punches.csv": punchRows("500001", "11/16 8:00 17:00 "+acct, "11/17 8:00 17:00 "+acct, "11/18 8:00 17:00 "+acct,
			"11/19 8:00 17:00 "+acct, "11/20 8:00 17:00 "+acct),
	})
	rr := w.RegularRate
	if w.Gross != "966.20" || rr.StraightPay != "954.00" || rr.WorkedHours != "45.0000" || rr.OvertimeHours != "3.6667" ||
		rr.Rate != "21.2000" || rr.ExpectedTrueUp != "$-0.80" || rr.TrueUpLine != "$-0.80" || !rr.Matches {
		t.Errorf("gross %s, regular rate %+v; want 966.20, 3.6667 cash OT h, RR 21.2000, expected and paid $-0.80, matching", w.Gross, rr)
	}
}

// The week of TestExplainNonUnitTwoJobsNegativeTrueUp with Monday worked on the $30.00 second job
// instead (EVENTS): its REG line at $30.00 is that job's straight time, not the $20.00 home job's
// overtime rate (1.5 × 20.00 = 30.00), which is what matching lines to bases by rate alone made of
// it. Explain takes each time line's base from the span it covers (Span.Pay). By hand:
//
//	straight-time pay = 8 × 30.00 + 32 × 20.00 + 6 × 30.00 = 1,060.00; RR = 1,060.00 / 46 h =
//	23.043478… → 23.0435; true-up = (23.0435 − 30.00) × 0.5 × 6 OT h = −20.8695 → −20.87.
//
// Before, Monday entered at $20.00: straight-time pay 980.00 and −$26.09 expected, MISMATCH.
func TestExplainSecondJobStraightTimeAtItsRate(t *testing.T) {
	const acct, evt = "UMPO/ADM/-/-/-/-/-", "UMPO/EVT/-/-/-/-/-"
	w := explainInline(t, "2026-11-15", "500003", map[string]string{
		"roster.csv": rosterHeader + "500003,NU TwoJobs,NONUNIT_NONEXEMPT,20.00,,40,DAY,STANDARD,Y,,2020-01-06,2020-01-06,,,," + acct + "\n",
		"rates.csv":  ratesHeader + "500003,2026-01-01,EVENTS,30.00,,,,,UMPO/EVT/-/-/-/-/-,SECOND JOB\n",
		"punches.csv": punchRows("500003", "11/16 8:00 16:00 "+evt, "11/17 8:00 16:00 "+acct, "11/18 8:00 16:00 "+acct,
			"11/19 8:00 16:00 "+acct, "11/20 8:00 16:00 "+acct, "11/21 9:00 15:00 "+evt),
	})
	rr := w.RegularRate
	if w.Gross != "1129.13" || rr.StraightPay != "1060.00" || rr.Rate != "23.0435" || rr.ExpectedTrueUp != "$-20.87" ||
		rr.TrueUpLine != "$-20.87" || !rr.Matches {
		t.Errorf("gross %s, regular rate %+v; want 1129.13, straight 1060.00, RR 23.0435, expected and paid $-20.87", w.Gross, rr)
	}
}

// (c) PSU-39.6-E3 / PSU-39-ALG step 8: the PSU true-up only tops the overtime up to the FLSA floor
// (flsaFloor); where the contract's premiums pay more, no line is owed and explain must say so,
// not MISMATCH. Two weeks of a member at $58,500 (base 58,500 / 1,950 = $30.00):
//
//   - second shift Mon–Fri 14:00–22:00 (40 h, DIFF_SHIFT $1.00) with Veterans Day, Wed 11-11, worked
//     at double time (HOL_PREMIUM 8 h × $31.00 = $248.00), and Sat 14:00–18:00, 4 h weekly
//     overtime at 1.5 × (30 + 1) = $46.50. By hand: straight-time pay = 44 × 30.00 + 44 × 1.00 =
//     1,364.00 (the differential is in the OT line's rate, so in its straight time too); RR =
//     1,364.00 / 44 = 31.00; FLSA floor = 31.00 × 0.5 × 4 = 62.00; premium paid = 4 × (46.50 −
//     31.00) + 248.00 = 310.00 ≥ 62.00: no true-up. Before: the OT line entered at $30.00 (RR
//     30.9091) and no premium was credited: (30.9091 − 30) × 0.5 × 4 = $1.82 expected, MISMATCH.
//   - a raise to $62,400 ($32.00) from Tuesday 11-24, 7.5 h Mon at $30.00, Tue 8 h + 1 h, Wed 7.5 h
//     at $32.00 (Thanksgiving Thursday is a HOL_BENEFIT, not worked): 0.5 h daily overtime on
//     Tuesday at $48.00. By hand: straight-time pay = 7.5 × 30.00 + 16 × 32.00 = 737.00; RR =
//     737.00 / 23.5 = 31.3617; floor = 31.3617 × 0.5 × 0.5 = 7.84; premium paid = 0.5 × (48.00 −
//     32.00) = 8.00 ≥ 7.84: no true-up. Before: the weighted formula's (31.3617 − 32) × 0.5 × 0.5 =
//     −$0.16 was expected of a family that never pays back, MISMATCH.
func TestExplainPSUContractAboveFLSAFloor(t *testing.T) {
	const acct = "UMA/PSU/-/-/-/-/-"
	roster := rosterHeader + "600001,PSU NE,PSU_NONEXEMPT,,58500,37.5,DAY,STANDARD,Y,,2015-01-05,2015-01-05,,,," + acct + "\n"
	for _, tc := range []struct {
		name, week, rates, punches                string
		gross, straight, rate, floor, paid, hours string
	}{
		{name: "holiday and shift differential", week: "2026-11-08",
			punches: punchRows("600001", "11/09 14:00 22:00 "+acct, "11/10 14:00 22:00 "+acct, "11/11 14:00 22:00 "+acct,
				"11/12 14:00 22:00 "+acct, "11/13 14:00 22:00 "+acct, "11/14 14:00 18:00 "+acct),
			gross: "1674.00", straight: "1364.00", rate: "31.0000", floor: "$62.00", paid: "$310.00", hours: "4.0000"},
		{name: "raise midweek", week: "2026-11-22", rates: ratesHeader + "600001,2026-11-24,,,62400,1,,,,MERIT\n",
			punches: punchRows("600001", "11/23 8:00 12:00 "+acct, "11/23 12:30 16:00 "+acct, "11/24 8:00 12:00 "+acct,
				"11/24 12:30 16:00 "+acct, "11/25 8:00 12:00 "+acct, "11/25 12:30 16:00 "+acct, "11/24 20:00 21:00 "+acct),
			gross: "1193.00", straight: "737.00", rate: "31.3617", floor: "$7.84", paid: "$8.00", hours: "0.5000"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{"roster.csv": roster, "punches.csv": tc.punches}
			if tc.rates != "" {
				files["rates.csv"] = tc.rates
			}
			w := explainInline(t, tc.week, "600001", files)
			rr := w.RegularRate
			if w.Gross != tc.gross || rr.StraightPay != tc.straight || rr.Rate != tc.rate || rr.OvertimeHours != tc.hours ||
				rr.FLSAFloor != tc.floor || rr.PremiumPaid != tc.paid || rr.ExpectedTrueUp != "$0.00" || rr.TrueUpLine != "none" ||
				!rr.Matches || !strings.Contains(rr.Explanation, "contract pays more than the FLSA floor") {
				t.Errorf("gross %s, regular rate %+v\nwant gross %s, straight %s, RR %s, floor %s, paid %s, no true-up: contract pays more",
					w.Gross, rr, tc.gross, tc.straight, tc.rate, tc.floor, tc.paid)
			}
		})
	}
}

// SHARE-HOL-06: the differential of holiday hours not worked, paid with the holiday benefit, is pay
// for time not worked and out of the regular rate (29 CFR 778.218), as the close leaves it out. A
// night nurse at $39.94 (a generated week) works Sun 23:00–07:30 and Thu 23:00–07:30 (8 h each,
// with a 0.5 h unpaid break) and, on Veterans Day, Wed 23:15–08:15 less the break (8.5 h, 0.5 h
// daily overtime, SHARE-OT-B); the scheduled holiday hours not worked are 4.75 h of HOL_BENEFIT with
// their night differential, 4.75 × $4.00 = $19.00 (SHARE-HOL-06). By hand:
//
//	straight-time pay = 24.5 h × 39.94 + night differentials on worked hours (32.00 Sunday incl.
//	RS-8, 29.00 Wednesday, 32.00 Thursday) = 978.53 + 93.00 = 1,071.53; RR = 1,071.53 / 24.5 h =
//	43.7359; true-up = (43.7359 − 39.94) × 0.5 × 0.5 OT h = 0.948975 → 0.95.
//
// Before, the $19.00 entered the straight-time pay: RR 44.5114, $1.14 expected against $0.95,
// MISMATCH.
func TestExplainSHAREHolidayBenefitDifferentialOutOfRate(t *testing.T) {
	const acct = "UMMH/WOMEN/POSTPARTUM/MT/-/-/-"
	w := explainInline(t, "2026-11-08", "10000358", map[string]string{
		"roster.csv": rosterHeader + "10000358,Olivia Whitaker,SHARE,39.94,,24,NIGHT,STANDARD,N,EARNED,2025-09-10,2025-09-10,N,,N,\n",
		"schedule.csv": "PERSONNUM,SHIFTDATE,START,END\n10000358,11/8/2026,11/8/2026 23:00,11/9/2026 7:30\n" +
			"10000358,11/11/2026,11/11/2026 23:00,11/12/2026 7:30\n10000358,11/12/2026,11/12/2026 23:00,11/13/2026 7:30\n",
		"punches.csv": punchHeader +
			"10000358,,11/8/2026,,11/8/2026 22:57,11/9/2026 2:54,," + acct + ",\n" +
			"10000358,,11/8/2026,,11/9/2026 3:28,11/9/2026 7:33,," + acct + ",\n" +
			"10000358,,11/11/2026,,11/11/2026 23:11,11/12/2026 3:06,," + acct + ",\n" +
			"10000358,,11/11/2026,,11/12/2026 3:34,11/12/2026 8:17,," + acct + ",\n" +
			"10000358,,11/12/2026,,11/12/2026 23:03,11/13/2026 2:56,," + acct + ",\n" +
			"10000358,,11/12/2026,,11/13/2026 3:24,11/13/2026 7:28,," + acct + ",\n",
	})
	rr := w.RegularRate
	if w.Gross != "1291.19" || rr.WorkedHours != "24.5000" || rr.StraightPay != "1071.53" || rr.Rate != "43.7359" ||
		rr.ExpectedTrueUp != "$0.95" || rr.TrueUpLine != "$0.95" || !rr.Matches {
		t.Errorf("gross %s, regular rate %+v; want 1291.19, straight 1071.53, RR 43.7359, expected and paid $0.95", w.Gross, rr)
	}
}

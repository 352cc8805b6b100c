package pipeline_test

import (
	"context"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

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

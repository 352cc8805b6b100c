package pipeline_test

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/pipeline"
)

// twoWeekSample is the sample (already two workweeks, fixtures.SampleWeeks) with opening balances.
func twoWeekSample(t *testing.T) pipeline.Config {
	t.Helper()
	cfg := sampleConfig(t, "")
	cfg.Balances = filepath.Join(filepath.Dir(cfg.Punches), "balances.csv")
	bal := "PERSONNUM,BANK,HOURS,YTD_ACCRUED\n" +
		"100101,EARNED,120,80.5\n100101,SICK,12.25,0\n" +
		"100104,VACATION,100,\n100104,SICK,200,30\n100104,HOLIDAY,45,\n" +
		"100115,EARNED,4,\n100102,EARNED,430.9,\n"
	if err := os.WriteFile(cfg.Balances, []byte(bal), 0o644); err != nil {
		t.Fatal(err)
	}
	return cfg
}

// accrualRows reads OUT/accruals/week_start=W/part-00000.parquet without run_id, one string per row.
func accrualRows(t *testing.T, out, week string) []string {
	t.Helper()
	return parquetRows(t, filepath.Join(out, "accruals", "week_start="+week, "part-00000.parquet"))
}

// Issue 4: "the closing balance of week N is the opening of week N+1, and running weeks 1..4 one
// at a time equals running them in one call". --weeks 2 against week 1, then week 2 opened from
// week 1's output with --previous: the accrual rows are the same (run ids aside).
func TestPreviousChainsLikeWeeks(t *testing.T) {
	base := twoWeekSample(t)
	w1, w2 := "2026-11-15", "2026-11-22"
	dir := t.TempDir()

	both := base
	both.Out, both.Weeks = filepath.Join(dir, "both"), 2
	if _, err := pipeline.Run(context.Background(), both); err != nil {
		t.Fatal(err)
	}
	first := base
	first.Out, first.Weeks = filepath.Join(dir, "first"), 1
	if _, err := pipeline.Run(context.Background(), first); err != nil {
		t.Fatal(err)
	}
	second := base
	second.Out, second.Weeks, second.Balances, second.Previous = filepath.Join(dir, "second"), 1, "", first.Out
	second.Week, _ = calendars.ParseISODate(w2)
	if _, err := pipeline.Run(context.Background(), second); err != nil {
		t.Fatal(err)
	}

	for _, c := range []struct{ a, b, week string }{{both.Out, first.Out, w1}, {both.Out, second.Out, w2}} {
		ra, rb := accrualRows(t, c.a, c.week), accrualRows(t, c.b, c.week)
		if len(ra) < 66*2 {
			t.Fatalf("week %s: %d accrual rows, want at least two banks for each of 66 employees", c.week, len(ra))
		}
		if len(ra) != len(rb) {
			t.Fatalf("week %s: %d rows in one run, %d chained", c.week, len(ra), len(rb))
		}
		for i := range ra {
			if ra[i] != rb[i] {
				t.Fatalf("week %s row %d:\n --weeks 2  %s\n --previous %s", c.week, i, ra[i], rb[i])
			}
		}
	}
	// The opening balance was used and carried: 100101 opens week 1 with 120 h earned time.
	found := false
	for _, r := range accrualRows(t, both.Out, w1) {
		found = found || bytes.HasPrefix([]byte(r), []byte("100101|SHARE|EARNED|120|"))
	}
	if !found {
		t.Errorf("100101's EARNED row does not open at 120: %v", accrualRows(t, both.Out, w1)[:4])
	}

	// --previous must close the week before --week.
	wrong := second
	wrong.Out, wrong.Week = filepath.Join(dir, "wrong"), wrong.Week+7
	if _, err := pipeline.Run(context.Background(), wrong); err == nil {
		t.Error("--previous of two weeks before --week was accepted")
	}
}

// Exempt comp lots (PSU-18.2-C1, PSU-18.2-D) open from balances.csv CREDIT_DATE rows and carry
// through --previous exactly as through --weeks 2. 300113 (PSU_EXEMPT) opens with three lots:
// 2 h credited 2025-11-21 (last day 2026-11-21, the Saturday of week 1: forfeited in week 1),
// 3 h credited 2025-12-20 (last day 2026-12-20: 30 days before is Fri 2026-11-20, so week 1 warns)
// and 1.5 h credited 2026-06-06. Week 2 opens with the last two lots, 4.5 h.
func TestExemptCompLotsChain(t *testing.T) {
	base := twoWeekSample(t)
	bal := "PERSONNUM,BANK,HOURS,YTD_ACCRUED,CREDIT_DATE\n" +
		"300113,EXEMPT_COMP,2,,2025-11-21\n300113,EXEMPT_COMP,3,,2025-12-20\n300113,EXEMPT_COMP,1.5,,2026-06-06\n" +
		"300113,EXEMPT_COMP,1,,\n" // no credit date: rejected, a lot needs one
	if err := os.WriteFile(base.Balances, []byte(bal), 0o644); err != nil {
		t.Fatal(err)
	}
	w1, w2 := "2026-11-15", "2026-11-22"
	dir := t.TempDir()
	both := base
	both.Out, both.Weeks = filepath.Join(dir, "both"), 2
	res, err := pipeline.Run(context.Background(), both)
	if err != nil {
		t.Fatal(err)
	}
	missing := 0
	for _, r := range res.Rejects.First {
		if r.Column == "CREDIT_DATE" && r.Reason == "MISSING_FIELD" {
			missing++
		}
	}
	if missing != 1 {
		t.Errorf("want the lot row without CREDIT_DATE rejected once, got %d", missing)
	}
	var warned, forfeited []string
	for _, x := range res.Exceptions {
		if x.Employee != "300113" {
			continue
		}
		switch x.Code {
		case "COMP_LOT_EXPIRING":
			warned = append(warned, x.Date.String()+" "+x.RuleID)
		case "COMP_FORFEITED":
			forfeited = append(forfeited, x.Date.String()+" "+x.RuleID)
		}
	}
	if len(warned) != 1 || warned[0] != "2026-12-20 PSU-18.2-C1" || len(forfeited) != 1 || forfeited[0] != "2026-11-21 PSU-18.2-C1" {
		t.Errorf("exceptions: warned %v, forfeited %v", warned, forfeited)
	}
	first := base
	first.Out, first.Weeks = filepath.Join(dir, "first"), 1
	if _, err := pipeline.Run(context.Background(), first); err != nil {
		t.Fatal(err)
	}
	second := base
	second.Out, second.Weeks, second.Balances, second.Previous = filepath.Join(dir, "second"), 1, "", first.Out
	second.Week, _ = calendars.ParseISODate(w2)
	if _, err := pipeline.Run(context.Background(), second); err != nil {
		t.Fatal(err)
	}
	lots := func(out, week string) []string {
		var s []string
		for _, r := range accrualRows(t, out, week) {
			if bytes.HasPrefix([]byte(r), []byte("300113|PSU_EXEMPT|EXEMPT_COMP|")) {
				s = append(s, r)
			}
		}
		return s
	}
	want1 := []string{
		"300113|PSU_EXEMPT|EXEMPT_COMP|6.5|0|0|2|4.5|0|exempt comp|PSU-18.2-C1|||",
		"300113|PSU_EXEMPT|EXEMPT_COMP|2|0|0|2|0|0|exempt comp|PSU-18.2-C1|2025-11-21|2026-11-21|",
		"300113|PSU_EXEMPT|EXEMPT_COMP|3|0|0|0|3|0|exempt comp|PSU-18.2-B|2025-12-20|2026-12-20|",
		"300113|PSU_EXEMPT|EXEMPT_COMP|1.5|0|0|0|1.5|0|exempt comp|PSU-18.2-B|2026-06-06|2027-06-06|",
	}
	want2 := []string{
		"300113|PSU_EXEMPT|EXEMPT_COMP|4.5|0|0|0|4.5|0|exempt comp|PSU-18.2-B|||",
		"300113|PSU_EXEMPT|EXEMPT_COMP|3|0|0|0|3|0|exempt comp|PSU-18.2-B|2025-12-20|2026-12-20|",
		"300113|PSU_EXEMPT|EXEMPT_COMP|1.5|0|0|0|1.5|0|exempt comp|PSU-18.2-B|2026-06-06|2027-06-06|",
	}
	for _, c := range []struct {
		out, week string
		want      []string
	}{{both.Out, w1, want1}, {first.Out, w1, want1}, {both.Out, w2, want2}, {second.Out, w2, want2}} {
		got := lots(c.out, c.week)
		if len(got) != len(c.want) {
			t.Fatalf("%s week %s: lot rows\n%v\nwant\n%v", filepath.Base(c.out), c.week, got, c.want)
		}
		for i := range got {
			if got[i] != c.want[i] {
				t.Errorf("%s week %s row %d:\n got  %s\n want %s", filepath.Base(c.out), c.week, i, got[i], c.want[i])
			}
		}
	}
}

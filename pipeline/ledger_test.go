package pipeline_test

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/pipeline"
	"github.com/payclose/payclose/stages/emit"
)

const (
	week1 = "2026-11-15"
	week2 = "2026-11-22"
)

func date(t *testing.T, s string) calendars.Date {
	t.Helper()
	d, err := calendars.ParseISODate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func readIndex(t *testing.T, out string) *emit.Index {
	t.Helper()
	x, err := emit.ReadIndex(out)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

// checkListed asserts the index lists every Parquet and report file in the ledger, each with its
// sha256, and nothing it lists is missing.
func checkListed(t *testing.T, out string) {
	t.Helper()
	x := readIndex(t, out)
	listed := map[string]bool{}
	add := func(o emit.Output) {
		if err := emit.VerifyFile(out, o); err != nil {
			t.Error(err)
		}
		listed[o.Path] = true
	}
	for _, e := range x.Weeks {
		for _, rf := range append(slices.Clone(e.Current), e.Superseded...) {
			for _, o := range rf.Files {
				add(o)
			}
		}
	}
	for _, a := range x.Adjustments {
		for _, o := range a.Files {
			add(o)
		}
	}
	if x.Report != nil {
		add(*x.Report)
	}
	for _, r := range x.Runs {
		add(r.Manifest)
		for _, o := range r.Reports {
			add(o)
		}
	}
	for rel := range readTree(t, out) {
		rel = filepath.ToSlash(rel)
		if rel == emit.IndexFile || rel == emit.LockFile || strings.HasPrefix(rel, ".staging/") {
			continue
		}
		if !listed[rel] {
			t.Errorf("%s is in the ledger but not in its index", rel)
		}
	}
}

// Two weeks closed one after the other, in either order, are both listed with all their files.
func TestLedgerKeepsEveryWeekInAnyOrder(t *testing.T) {
	for _, order := range [][]string{{week1, week2}, {week2, week1}} {
		t.Run(strings.Join(order, "-then-"), func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "ledger")
			var runs []string
			for _, w := range order {
				cfg := sampleConfig(t, out)
				cfg.Week, cfg.Weeks = date(t, w), 1
				res, err := pipeline.Run(context.Background(), cfg)
				if err != nil {
					t.Fatal(err)
				}
				runs = append(runs, res.Manifest.RunID)
			}
			x := readIndex(t, out)
			if len(x.Weeks) != 2 || x.Weeks[0].WeekStart != week1 || x.Weeks[1].WeekStart != week2 {
				t.Fatalf("index weeks %+v", x.Weeks)
			}
			for i, w := range order {
				e := x.Week(w)
				if !e.Closed || len(e.Current) != 1 || e.Current[0].RunID != runs[i] || len(e.Current[0].Files) != 5 {
					t.Errorf("week %s: %+v, want current run %s with its pay lines, accruals, register (CSV, Parquet) and journal", w, e, runs[i])
				}
				if _, err := os.Stat(filepath.Join(out, "runs", runs[i], "rejects.csv")); err != nil {
					t.Error(err)
				}
			}
			checkListed(t, out)
		})
	}
}

// Re-closing a week with the inputs it was closed with writes nothing: no adjustments, the
// ledger byte-identical.
func TestReCloseUnchangedIsByteIdentical(t *testing.T) {
	out := filepath.Join(t.TempDir(), "ledger")
	cfg := sampleConfig(t, out)
	cfg.Weeks = 1
	if _, err := pipeline.Run(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	before := readTree(t, out)
	res, err := pipeline.Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Unchanged || len(res.Adjustments) != 0 {
		t.Errorf("unchanged=%v, %d adjustments: want an unchanged close and none", res.Unchanged, len(res.Adjustments))
	}
	after := readTree(t, out)
	delete(before, emit.LockFile)
	delete(after, emit.LockFile)
	if len(before) != len(after) {
		t.Fatalf("%d files before, %d after", len(before), len(after))
	}
	for k, v := range before {
		if string(after[k]) != string(v) {
			t.Errorf("%s changed", k)
		}
	}
}

// movePunch writes a copy of the sample's punch file in which 100109's out punch of 11/17 is at
// 20:34 instead of 18:34 (issue 11's reproduction), and points cfg at it.
func movePunch(t *testing.T, cfg *pipeline.Config) {
	t.Helper()
	b, err := os.ReadFile(cfg.Punches)
	if err != nil {
		t.Fatal(err)
	}
	old := "100109,Gloria Fernandez,11/17/2026,,11/17/2026 15:31,11/17/2026 18:34,"
	if !strings.Contains(string(b), old) {
		t.Fatal("sample row of 100109 not found")
	}
	moved := strings.Replace(string(b), old, strings.Replace(old, "18:34", "20:34", 1), 1)
	p := filepath.Join(t.TempDir(), "punches.csv")
	if err := os.WriteFile(p, []byte(moved), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg.Punches = p
}

// A re-close with one punch moved pays the difference: adjustment lines for that employee only,
// adding up to new gross − paid gross to the cent; the paid lines are kept under superseded/.
func TestCorrectionPaysTheDifference(t *testing.T) {
	out := filepath.Join(t.TempDir(), "ledger")
	cfg := sampleConfig(t, out)
	cfg.Weeks = 1
	first, err := pipeline.Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	paidFile := filepath.Join(out, "pay_lines", "week_start="+week1, "part-00000.parquet")
	paidSum, _, err := emit.HashFile(paidFile)
	if err != nil {
		t.Fatal(err)
	}

	movePunch(t, &cfg)
	_, err = pipeline.Run(context.Background(), cfg)
	var usage pipeline.UsageError
	if !errors.As(err, &usage) || !strings.Contains(err.Error(), "--pay-week") {
		t.Fatalf("re-close without --pay-week: %v, want a usage error asking for it", err)
	}
	cfg.PayWeek = date(t, "2026-11-29")
	res, err := pipeline.Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	// The figures: week gross $77,035.70 -> $77,102.30, adjustments $66.60; 100109's
	// overtime 3 h -> 5 h. The sample has since gained four exempt employees (issue 15), whose
	// salaries add $5,739.23 to the week, and the float nurse 400101 (issue 14) closed
	// without rates.csv at her roster $36.00 (48 h, 8 of them overtime) $1,893.67: $84,668.60 -> $84,735.20, the same $66.60.
	cs := res.Manifest.Corrections
	if len(cs) != 1 || cs[0].PaidGross != "84668.60" || cs[0].NewGross != "84735.20" || cs[0].Adjustments != "66.60" ||
		!cs[0].OK || cs[0].PriorRunID != first.Manifest.RunID || cs[0].EmployeesChanged != 1 {
		t.Fatalf("corrections %+v", cs)
	}
	var sum, otMinutes int64
	for _, a := range res.Adjustments {
		if a.Employee != "100109" || a.CorrectedWeek != date(t, week1) || a.PriorRunID != first.Manifest.RunID || a.NewRunID != res.Manifest.RunID {
			t.Errorf("unexpected adjustment %+v", a)
		}
		sum += a.DeltaAmount()
		if a.PayCode == "OT" {
			otMinutes += a.DeltaMinutes()
		}
	}
	if sum != 6660 || otMinutes != 120 {
		t.Errorf("adjustments add to %d cents and %d OT minutes, want 6660 and the 120 minutes moved", sum, otMinutes)
	}
	// The paid lines are kept, byte for byte.
	kept := filepath.Join(out, "superseded", "pay_lines", "week_start="+week1, "run_id="+first.Manifest.RunID, "part-00000.parquet")
	if s, _, err := emit.HashFile(kept); err != nil || s != paidSum {
		t.Errorf("superseded pay lines: %v, sha %s want %s", err, s, paidSum)
	}
	x := readIndex(t, out)
	e := x.Week(week1)
	if len(e.Current) != 1 || e.Current[0].RunID != res.Manifest.RunID || len(e.Superseded) != 1 ||
		e.Superseded[0].RunID != first.Manifest.RunID || e.Superseded[0].SupersededBy != res.Manifest.RunID {
		t.Errorf("week entry %+v", e)
	}
	if len(x.Adjustments) != 1 || x.Adjustments[0].PayWeek != "2026-11-29" {
		t.Errorf("adjustments in the index: %+v", x.Adjustments)
	}
	checkListed(t, out)

	// Going back to the original inputs is one more correction, with its own run id: the
	// original run's directory is never overwritten.
	orig := sampleConfig(t, out)
	orig.Weeks, orig.PayWeek = 1, date(t, "2026-12-06")
	orig.Punches = strings.Replace(orig.Punches, filepath.Dir(orig.Punches), filepath.Dir(first.Manifest.Inputs[0].Path), 1)
	back, err := pipeline.Run(context.Background(), orig)
	if err != nil {
		t.Fatal(err)
	}
	if back.Manifest.RunID == first.Manifest.RunID || back.Manifest.Corrections[0].Adjustments != "-66.60" {
		t.Errorf("back to the original: run %s (first %s), correction %+v", back.Manifest.RunID, first.Manifest.RunID, back.Manifest.Corrections)
	}
	checkListed(t, out)
}

// Correcting week 1 when week 2 (whose balances open from week 1) is in the ledger fails, listing
// week 2; including it re-closes both, and week 2's current accruals are those of a close of both
// weeks from the corrected inputs, the old ones kept.
func TestCorrectionCarriesLaterWeeks(t *testing.T) {
	out := filepath.Join(t.TempDir(), "ledger")
	cfg := twoWeekSample(t)
	cfg.Out, cfg.Weeks = out, 1
	if _, err := pipeline.Run(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	second := cfg
	second.Week, second.Balances = date(t, week2), "" // opening balances from the ledger's week 1
	res2, err := pipeline.Run(context.Background(), second)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(res2.Manifest.Inputs, func(i emit.Input) bool { return i.Name == "ledger_accruals" }) {
		t.Errorf("week 2 does not list the ledger's week-1 accruals among its inputs: %+v", res2.Manifest.Inputs)
	}

	fix := cfg
	movePunch(t, &fix)
	fix.PayWeek = date(t, "2026-11-29")
	_, err = pipeline.Run(context.Background(), fix)
	if err == nil || !strings.Contains(err.Error(), week2) || !strings.Contains(err.Error(), "--weeks 2") {
		t.Fatalf("correcting week 1 alone: %v, want a failure listing %s and --weeks 2", err, week2)
	}
	fix.Weeks = 2
	res, err := pipeline.Run(context.Background(), fix)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Manifest.Corrections) != 2 {
		t.Fatalf("corrections %+v, want both weeks", res.Manifest.Corrections)
	}
	fresh := fix
	fresh.Out, fresh.PayWeek = filepath.Join(t.TempDir(), "fresh"), 0
	if _, err := pipeline.Run(context.Background(), fresh); err != nil {
		t.Fatal(err)
	}
	if a, b := accrualRows(t, out, week2), accrualRows(t, fresh.Out, week2); !slices.Equal(a, b) {
		t.Errorf("week 2 accruals after the correction differ from a fresh close of both weeks")
	}
	x := readIndex(t, out)
	if e := x.Week(week2); len(e.Superseded) != 1 || e.Superseded[0].RunID != res2.Manifest.RunID {
		t.Errorf("week 2's old accruals are not kept: %+v", e)
	}
	checkListed(t, out)
}

// --previous is verified: a swapped accruals part or a corrupt manifest fails naming the file; an
// honest one is listed among the inputs and changes the run id.
func TestPreviousIsVerified(t *testing.T) {
	dir := t.TempDir()
	first := twoWeekSample(t)
	first.Out, first.Weeks = filepath.Join(dir, "first"), 1
	if _, err := pipeline.Run(context.Background(), first); err != nil {
		t.Fatal(err)
	}
	other := first
	other.Out, other.Balances = filepath.Join(dir, "other"), ""
	if _, err := pipeline.Run(context.Background(), other); err != nil {
		t.Fatal(err)
	}
	next := first
	next.Week, next.Balances, next.Previous = date(t, week2), "", first.Out
	next.Out = filepath.Join(dir, "next")
	res, err := pipeline.Run(context.Background(), next)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, in := range res.Manifest.Inputs {
		names = append(names, in.Name)
	}
	if !slices.Contains(names, "previous") || !slices.Contains(names, "previous_accruals") {
		t.Errorf("inputs %v do not list --previous and its accruals", names)
	}

	part := filepath.Join(first.Out, "accruals", "week_start="+week1, "part-00000.parquet")
	good, _ := os.ReadFile(part)
	swapped, _ := os.ReadFile(filepath.Join(other.Out, "accruals", "week_start="+week1, "part-00000.parquet"))
	os.WriteFile(part, swapped, 0o644)
	bad := next
	bad.Out = filepath.Join(dir, "bad")
	if _, err := pipeline.Run(context.Background(), bad); err == nil || !strings.Contains(err.Error(), "part-00000.parquet") || !strings.Contains(err.Error(), "sha256") {
		t.Errorf("swapped accruals part: %v, want a failure naming the file", err)
	}
	os.WriteFile(part, good, 0o644)
	os.WriteFile(filepath.Join(first.Out, "accruals", "week_start="+week1, "part-00001.parquet"), swapped, 0o644)
	if _, err := pipeline.Run(context.Background(), bad); err == nil || !strings.Contains(err.Error(), "part-00001.parquet") {
		t.Errorf("an unlisted accruals part: %v, want a failure naming it", err)
	}
	os.Remove(filepath.Join(first.Out, "accruals", "week_start="+week1, "part-00001.parquet"))
	os.WriteFile(filepath.Join(first.Out, "manifest.json"), []byte(`{"ledger": 1, "weeks": [`), 0o644)
	if _, err := pipeline.Run(context.Background(), bad); err == nil || !strings.Contains(err.Error(), "manifest.json") {
		t.Errorf("corrupt manifest: %v, want a failure naming it", err)
	}
	if _, err := os.Stat(bad.Out); err == nil {
		t.Error("a refused close left its output directory")
	}
}

// --out as a symlink is followed: the ledger is the link's target, the link stays a link.
func TestSymlinkedOutIsFollowed(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "volume", "ledger")
	os.MkdirAll(target, 0o755)
	link := filepath.Join(dir, "out")
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
	cfg := sampleConfig(t, link)
	cfg.Weeks = 1
	if _, err := pipeline.Run(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Lstat(link); err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("--out is no longer a symlink: %v", err)
	}
	if _, err := os.Stat(filepath.Join(target, "pay_lines", "week_start="+week1, "part-00000.parquet")); err != nil {
		t.Errorf("the link's target was not written: %v", err)
	}
	checkListed(t, target)
}

// payLines reads every current pay line of a week (without run id and instants), sorted.
func payLines(t *testing.T, out, week string) []string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(out, "pay_lines", "week_start="+week, "*.parquet"))
	var rows []string
	for _, f := range files {
		err := emit.ReadPayLines(f, func(r *emit.PayLineRow) {
			rows = append(rows, fmt.Sprintf("%+v", *r))
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	slices.Sort(rows)
	return rows
}

// Shards closed one after the other into one ledger build one dataset: the week counts as closed
// when all are in, and the union of their lines is the unsharded close's, line for line.
func TestShardsCombineInOneLedger(t *testing.T) {
	dir := t.TempDir()
	whole := sampleConfig(t, filepath.Join(dir, "whole"))
	if _, err := pipeline.Run(context.Background(), whole); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "sharded")
	const n = 3
	for i := 0; i < n; i++ {
		cfg := whole
		cfg.Out, cfg.Shard, cfg.Shards = out, i, n
		if _, err := pipeline.Run(context.Background(), cfg); err != nil {
			t.Fatal(err)
		}
		e := readIndex(t, out).Week(week1)
		if e.Closed != (i == n-1) || len(e.Current) != i+1 || e.Shards != n {
			t.Errorf("after shard %d: %+v", i, e)
		}
	}
	for _, w := range []string{week1, week2} {
		a, b := payLines(t, whole.Out, w), payLines(t, out, w)
		if len(a) == 0 || !slices.Equal(a, b) {
			t.Errorf("week %s: unsharded %d lines, shards %d lines, or they differ", w, len(a), len(b))
		}
	}
	checkListed(t, out)
	one := whole
	one.Out = out
	if _, err := pipeline.Run(context.Background(), one); err == nil || !strings.Contains(err.Error(), "--shard i/3") {
		t.Errorf("an unsharded close into a 3-shard week: %v", err)
	}
}

// approvals.csv decides exceptions without changing pay: an approved UNAPPROVED_OT is APPROVED,
// a denied one DENIED, the others OPEN; rows that decide nothing in this close are rejects. Given
// after the week was paid, it is a correction like any other: no adjustment lines.
func TestApprovalsDecideExceptions(t *testing.T) {
	out := filepath.Join(t.TempDir(), "ledger")
	cfg := sampleConfig(t, out)
	cfg.Weeks = 2
	paid, err := pipeline.Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Approvals = filepath.Join(t.TempDir(), "approvals.csv")
	os.WriteFile(cfg.Approvals, []byte("PERSONNUM,DATE,EXCEPTION,DECISION,BY,NOTE\n"+
		"100104,11/21/2026,UNAPPROVED_OT,APPROVED,M. Chen,census surge\n"+ // line 2
		"100108,2026-11-18,UNAPPROVED_OT,DENIED,M. Chen,\n"+ // line 3
		"100110,11/20/2026,UNAPPROVED_OT,APPROVED,M. Chen,\n"+ // line 4: no such exception that day
		"100104,11/21/2026,UNAPPROVED_OT,DENIED,J. Ortiz,\n"+ // line 5: decided on line 2
		"100104,12/20/2026,UNAPPROVED_OT,APPROVED,M. Chen,\n"+ // another close's week: skipped
		"100109,11/17/2026,UNAPPROVED_OT,MAYBE,M. Chen,\n"+ // line 7
		"100109,11/17/2026,UNAPPROVED_OT,APPROVED,,\n"), 0o644) // line 8: nobody signed
	_, err = pipeline.Run(context.Background(), cfg)
	if err == nil || !strings.Contains(err.Error(), "--pay-week") {
		t.Fatalf("approvals after the week was closed, without --pay-week: %v", err)
	}
	cfg.PayWeek = date(t, "2026-12-06")
	res, err := pipeline.Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	status := map[string]string{}
	for _, e := range res.Exceptions {
		if e.Code == "UNAPPROVED_OT" {
			status[e.Employee+" "+e.Date.String()] = e.Status
		}
	}
	want := map[string]string{"100104 2026-11-21": "APPROVED", "100108 2026-11-18": "DENIED", "100110 2026-11-19": ""}
	for k, v := range want {
		if status[k] != v {
			t.Errorf("%s: status %q, want %q (all: %v)", k, status[k], v, status)
		}
	}
	got := map[string]int32{}
	for _, r := range res.Rejects.First {
		if r.File == cfg.Approvals {
			got[r.Reason] = r.Line
		}
	}
	if !maps.Equal(got, map[string]int32{"UNMATCHED_APPROVAL": 4, "DUPLICATE_APPROVAL": 5, "BAD_ENUM": 7, "MISSING_FIELD": 8}) {
		t.Errorf("approvals rejects %v", got)
	}
	// Line accounting covers approvals.csv too (issue 10): 8 lines = the header + 3 accepted (the
	// other close's week is read and accepted, not this close's) + 4 rejected.
	expectLines(t, res.Manifest, "approvals", 8, 1, 3, 4)
	if res.Manifest.ExceptionsByStatus["APPROVED"] != 1 || res.Manifest.ExceptionsByStatus["DENIED"] != 1 {
		t.Errorf("exceptions by status %v", res.Manifest.ExceptionsByStatus)
	}
	if len(res.Adjustments) != 0 || res.Totals.Gross != paid.Totals.Gross {
		t.Errorf("approvals changed pay: %d adjustments, gross %s -> %s", len(res.Adjustments), paid.Totals.Gross, res.Totals.Gross)
	}
	b, err := os.ReadFile(filepath.Join(out, "runs", res.Manifest.RunID, "exceptions.csv"))
	if err != nil || !strings.Contains(string(b), "100104,2026-11-21,UNAPPROVED_OT,SHARE-OT-L,") ||
		!strings.Contains(string(b), ",APPROVED,M. Chen: census surge\n") {
		t.Errorf("exceptions.csv does not show the decision: %v\n%s", err, b)
	}
}

// An output directory of an earlier payclose (its manifest.json a run manifest, not a ledger
// index) is refused with what to do, and left as it was; validate will not write into a ledger.
func TestLedgerRefusesForeignOutput(t *testing.T) {
	out := filepath.Join(t.TempDir(), "old")
	os.MkdirAll(out, 0o755)
	old := []byte(`{"run_id": "0123456789abcdef", "version": "dev", "week_starts": ["2026-11-08"]}` + "\n")
	os.WriteFile(filepath.Join(out, "manifest.json"), old, 0o644)
	cfg := sampleConfig(t, out)
	if _, err := pipeline.Run(context.Background(), cfg); err == nil || !strings.Contains(err.Error(), "earlier payclose") {
		t.Fatalf("close into an old output: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "manifest.json")); string(b) != string(old) {
		t.Error("the old manifest was changed")
	}

	ledger := filepath.Join(t.TempDir(), "ledger")
	cfg = sampleConfig(t, ledger)
	if _, err := pipeline.Run(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	cfg.Validate = true
	var usage pipeline.UsageError
	if _, err := pipeline.Run(context.Background(), cfg); !errors.As(err, &usage) {
		t.Errorf("validate into a ledger: %v, want a usage error", err)
	}
}

// --previous may be a ledger: the week before --week is taken from it even when it holds later
// weeks.
func TestPreviousLedgerPicksTheWeekBefore(t *testing.T) {
	dir := t.TempDir()
	led := twoWeekSample(t)
	led.Out, led.Weeks = filepath.Join(dir, "ledger"), 1
	if _, err := pipeline.Run(context.Background(), led); err != nil {
		t.Fatal(err)
	}
	later := led
	later.Week, later.Balances = date(t, week2), ""
	if _, err := pipeline.Run(context.Background(), later); err != nil {
		t.Fatal(err)
	}
	next := led
	next.Week, next.Balances, next.Previous, next.Out = date(t, week2), "", led.Out, filepath.Join(dir, "elsewhere")
	if _, err := pipeline.Run(context.Background(), next); err != nil {
		t.Fatal(err)
	}
	if a, b := accrualRows(t, led.Out, week2), accrualRows(t, next.Out, week2); !slices.Equal(a, b) {
		t.Error("week 2 opened from the ledger's week 1 via --previous differs from week 2 closed in the ledger")
	}
}

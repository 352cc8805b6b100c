package pipeline

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/fixtures"
	"github.com/payclose/payclose/stages/emit"
	"github.com/payclose/payclose/stages/model"
)

// A close whose exceptions go to disk in sorted runs (here every 4 exceptions) writes the same
// files, byte for byte, and reports the same counts as one that holds them all, approvals
// included; its Result carries a sample of at most 3 open exceptions per code, and no spill file
// is left behind. Validate (reports into --out) as well.
func TestSpilledExceptionsWriteTheSameFiles(t *testing.T) {
	dir := t.TempDir()
	if err := fixtures.WriteSample(dir); err != nil {
		t.Fatal(err)
	}
	approvals := filepath.Join(dir, "approvals.csv")
	os.WriteFile(approvals, []byte("PERSONNUM,DATE,EXCEPTION,DECISION,BY,NOTE\n"+
		"100104,11/21/2026,UNAPPROVED_OT,APPROVED,M. Chen,census surge\n"+
		"100108,2026-11-18,UNAPPROVED_OT,DENIED,M. Chen,\n"+
		"100110,11/20/2026,UNAPPROVED_OT,APPROVED,M. Chen,\n"), 0o644) // matches nothing: a reject
	week, _ := calendars.ParseISODate(fixtures.SampleWeek)
	run := func(out string, validate bool, spillAt int) *Result {
		t.Helper()
		defer func(old int) { spillExceptions = old }(spillExceptions)
		spillExceptions = spillAt
		cfg := Config{Punches: filepath.Join(dir, "punches.csv"), Roster: filepath.Join(dir, "roster.csv"),
			Schedule: filepath.Join(dir, "schedule.csv"), Approvals: approvals, Week: week, Weeks: fixtures.SampleWeeks,
			Out: out, Validate: validate}
		res, err := Run(context.Background(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	for _, validate := range []bool{false, true} {
		held := run(filepath.Join(dir, "held"), validate, 1<<30)
		spilled := run(filepath.Join(dir, "spilled"), validate, 4)
		if held.ExceptionsSampled || !spilled.ExceptionsSampled {
			t.Fatalf("validate=%v: sampled %v / %v, want false / true", validate, held.ExceptionsSampled, spilled.ExceptionsSampled)
		}
		if len(held.Exceptions) < 20 {
			t.Fatalf("validate=%v: the sample raises %d exceptions; the test needs more than a few runs of 4", validate, len(held.Exceptions))
		}
		if !maps.Equal(held.OpenExceptions, spilled.OpenExceptions) || !maps.Equal(held.Manifest.ExceptionsByCode, spilled.Manifest.ExceptionsByCode) ||
			!maps.Equal(held.Manifest.ExceptionsByStatus, spilled.Manifest.ExceptionsByStatus) || !maps.Equal(held.Manifest.RejectsByReason, spilled.Manifest.RejectsByReason) {
			t.Errorf("validate=%v: counts differ:\nheld    %v %v %v\nspilled %v %v %v", validate, held.OpenExceptions, held.Manifest.ExceptionsByStatus, held.Manifest.RejectsByReason,
				spilled.OpenExceptions, spilled.Manifest.ExceptionsByStatus, spilled.Manifest.RejectsByReason)
		}
		if held.Manifest.ExceptionsByStatus["APPROVED"] != 1 || held.Manifest.ExceptionsByStatus["DENIED"] != 1 || held.Manifest.RejectsByReason["UNMATCHED_APPROVAL"] != 1 {
			t.Errorf("validate=%v: approvals not applied: %v %v", validate, held.Manifest.ExceptionsByStatus, held.Manifest.RejectsByReason)
		}
		per := map[string]int{}
		for _, e := range spilled.Exceptions {
			if e.Status != "" && e.Status != "OPEN" {
				t.Errorf("sample holds a decided exception %+v", e)
			}
			if per[e.Code]++; per[e.Code] > sampleExceptions {
				t.Errorf("sample holds more than %d exceptions of %s", sampleExceptions, e.Code)
			}
		}
		a, z := tree(t, filepath.Join(dir, "held")), tree(t, filepath.Join(dir, "spilled"))
		if len(a) != len(z) {
			t.Errorf("validate=%v: %d files held, %d spilled: %v", validate, len(a), len(z), keys(z))
		}
		for name, data := range a {
			if !bytes.Equal(data, z[name]) {
				t.Errorf("validate=%v: %s differs", validate, name)
			}
		}
		os.RemoveAll(filepath.Join(dir, "held"))
		os.RemoveAll(filepath.Join(dir, "spilled"))
	}
}

func keys(m map[string][]byte) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

// randomExceptions draws n exceptions from small pools, so that many tie on some or all of the
// fields of exceptions.csv's order: empty strings, strings that are prefixes of each other (NUL
// bytes included), negative, zero and positive dates and lines. Status and Decision are not part
// of the order; each exception's Decision is its draw number, to see that ties keep their order.
func randomExceptions(rng *rand.Rand, n int) []model.Exception {
	strs := []string{"", "1", "10", "100", "1000", "10\x00", "10\x00\x00", "10\x01", "2", "a\xff", "a", "ab"}
	nums := []int64{-1 << 31, -8, -1, 0, 1, 7, 1<<31 - 1}
	s := func() string { return strs[rng.IntN(len(strs))] }
	num := func() int64 { return nums[rng.IntN(len(nums))] }
	es := make([]model.Exception, n)
	for i := range es {
		es[i] = model.Exception{Employee: s(), Date: calendars.Date(num()), Code: s(), RuleID: s(), Detail: s(), File: s(),
			Line: int32(num()), Status: s(), Decision: fmt.Sprint(i)}
		if rng.IntN(2) == 0 { // more ties on the leading fields
			es[i].Employee, es[i].Date, es[i].Code = "10", 0, "X"
		}
	}
	return es
}

// The key of an exception's spill record compares as emit.CompareExceptions does, and its record
// reads back to the same exception: sorted by key (stably), exceptions come out in the order of
// emit.SortExceptions.
func TestExceptionKeyOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(16, 3))
	for round := range 200 {
		es := randomExceptions(rng, 200)
		keys := make([][]byte, len(es))
		for i := range es {
			var val []byte
			keys[i], val = exceptionRecord(nil, nil, &es[i])
			var back model.Exception
			if err := decodeException(keys[i], val, &back); err != nil || back != es[i] {
				t.Fatalf("%+v read back as %+v (%v)", es[i], back, err)
			}
		}
		for i := range es {
			j := rng.IntN(len(es))
			if got, want := bytes.Compare(keys[i], keys[j]), emit.CompareExceptions(&es[i], &es[j]); got != want {
				t.Fatalf("%+v vs %+v: keys compare %d, exceptions %d", es[i], es[j], got, want)
			}
		}
		idx := make([]int, len(es))
		for i := range idx {
			idx[i] = i
		}
		slices.SortStableFunc(idx, func(a, b int) int { return bytes.Compare(keys[a], keys[b]) })
		byKey := make([]model.Exception, len(es))
		for i, k := range idx {
			byKey[i] = es[k]
		}
		emit.SortExceptions(es)
		if !slices.Equal(byKey, es) {
			t.Fatalf("round %d: sorted by key, the exceptions are not in the order of SortExceptions", round)
		}
	}
}

// Exceptions spilled in many small runs come back merged in the order of emit.SortExceptions (equal
// ones in the order they came), twice, and the runs are removed.
func TestExceptionRunsMerge(t *testing.T) {
	rng := rand.New(rand.NewPCG(16, 4))
	es := randomExceptions(rng, 1000)
	want := slices.Clone(es)
	emit.SortExceptions(want)
	dir := t.TempDir()
	var r excRuns
	for i := 0; i < len(es); i += 13 {
		if err := r.spill(filepath.Join(dir, "out"), es[i:min(i+13, len(es))]); err != nil {
			t.Fatal(err)
		}
	}
	if r.s.Runs() != 77 || r.n != int64(len(es)) {
		t.Fatalf("%d runs of %d exceptions, want 77 of 1000", r.s.Runs(), r.n)
	}
	for pass := range 2 {
		var got []model.Exception
		if err := r.each(func(e *model.Exception) error { got = append(got, *e); return nil }); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) {
			t.Errorf("pass %d: %d exceptions merged, not in the order of SortExceptions", pass, len(got))
		}
	}
	r.remove()
	if left, _ := os.ReadDir(filepath.Join(dir, "out")); len(left) > 0 {
		t.Errorf("%d files left", len(left))
	}
}

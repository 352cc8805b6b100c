package pipeline

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/payclose/payclose/benchmarks/gen"
	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/fixtures"
	"github.com/payclose/payclose/stages/emit"
	"github.com/payclose/payclose/stages/model"
)

// randomRejects draws n rejects from small pools, so that many tie on some or all of the fields of
// rejects.csv's order: empty strings, strings that are prefixes of each other (NUL bytes
// included), negative, zero and positive lines and seconds.
func randomRejects(rng *rand.Rand, n int) []model.Reject {
	strs := []string{"", "1", "10", "100", "10\x00", "10\x00\x00", "10\x01", "2", "a\xff", "a", "ab"}
	nums := []int64{-1 << 31, -8, -1, 0, 1, 7, 1<<31 - 1}
	s := func() string { return strs[rng.IntN(len(strs))] }
	num := func() int64 { return nums[rng.IntN(len(nums))] }
	rs := make([]model.Reject, n)
	for i := range rs {
		rs[i] = model.Reject{File: s(), Line: int32(num()), Column: s(), Value: s(), Reason: s(), Detail: s(), Employee: s(), Seconds: num(),
			UnknownHours: rng.IntN(2) == 0}
		if rng.IntN(2) == 0 { // more ties on the leading fields
			rs[i].File, rs[i].Line, rs[i].Column = "10", 7, "X"
		}
	}
	return rs
}

// The key of a reject's spill record reads back to the same reject, and sorted by key the rejects
// come out in the order of emit.SortRejects: every field decides, in SortRejects' order.
func TestRejectKeyOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(16, 5))
	for round := range 200 {
		rs := randomRejects(rng, 300)
		keys := make([][]byte, len(rs))
		for i := range rs {
			keys[i] = rejectRecord(nil, &rs[i])
			var back model.Reject
			if err := decodeReject(keys[i], &back); err != nil || back != rs[i] {
				t.Fatalf("%+v read back as %+v (%v)", rs[i], back, err)
			}
		}
		idx := make([]int, len(rs))
		for i := range idx {
			idx[i] = i
		}
		slices.SortStableFunc(idx, func(a, b int) int { return bytes.Compare(keys[a], keys[b]) })
		byKey := make([]model.Reject, len(rs))
		for i, k := range idx {
			byKey[i] = rs[k]
		}
		emit.SortRejects(rs)
		if !slices.Equal(byKey, rs) {
			t.Fatalf("round %d: sorted by key, the rejects are not in the order of SortRejects", round)
		}
	}
	var x model.Reject
	if err := decodeReject(rejectRecord(nil, &model.Reject{File: "a"})[:5], &x); err == nil {
		t.Error("a cut record reads back without an error")
	}
}

// Rejects added from several goroutines, one at a time and a batch at a time, before and after the
// sink knows its directory, are held at most spillRejects at once (once it knows it) and come back
// merged in the order of emit.SortRejects, twice; the runs are removed, and then Each says so.
func TestRejectSinkSpills(t *testing.T) {
	defer func(old int) { spillRejects = old }(spillRejects)
	spillRejects = 10
	rng := rand.New(rand.NewPCG(16, 6))
	rs := randomRejects(rng, 2000)
	want := slices.Clone(rs)
	emit.SortRejects(want)
	dir := filepath.Join(t.TempDir(), "stage")
	r := &rejectSink{}
	for i := range 25 { // before the directory is known: held
		r.add(rs[i])
	}
	if r.held != 25 || r.n != 0 {
		t.Fatalf("held %d, spilled %d before the directory was known; want 25 and 0", r.held, r.n)
	}
	r.setDir(dir)
	if len(r.rows) != 0 || r.n != 25 {
		t.Fatalf("%d held, %d spilled once the directory is known; want 0 and 25", len(r.rows), r.n)
	}
	r.held = 0
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			part := rs[25:][g*len(rs[25:])/4 : (g+1)*len(rs[25:])/4]
			for i := 0; i < len(part); i += 7 {
				if g%2 == 0 {
					r.addAll(part[i:min(i+7, len(part))])
				} else {
					for _, x := range part[i:min(i+7, len(part))] {
						r.add(x)
					}
				}
			}
		}()
	}
	wg.Wait()
	if r.held > int64(spillRejects) {
		t.Errorf("%d rejects held at once, want at most %d", r.held, spillRejects)
	}
	res, tally, err := r.summarize()
	if err != nil {
		t.Fatal(err)
	}
	if r.runs.Runs() < 100 {
		t.Errorf("%d runs, want about 200", r.runs.Runs())
	}
	if res.Count != int64(len(rs)) || !slices.Equal(res.First, want[:min(len(want), len(res.First))]) || len(res.First) == 0 {
		t.Errorf("%d rejects counted, first %d; want %d, the first of SortRejects", res.Count, len(res.First), len(rs))
	}
	if tally.twice == "" {
		t.Error("the draws repeat lines, but no line is found rejected twice")
	}
	for pass := range 2 {
		var got []model.Reject
		if err := res.Each(func(x *model.Reject) error { got = append(got, *x); return nil }); err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) {
			t.Errorf("pass %d: %d rejects merged, not in the order of SortRejects", pass, len(got))
		}
	}
	res.Close()
	if left, _ := os.ReadDir(dir); len(left) > 0 {
		t.Errorf("%d files left", len(left))
	}
	if err := res.Each(func(*model.Reject) error { return nil }); !errors.Is(err, errRejectsGone) {
		t.Errorf("Each after Close: %v, want %v", err, errRejectsGone)
	}
}

// A close whose rejects go to disk in sorted runs (here every 5, or 2) writes the same files, byte for
// byte (rejects.csv, the manifest's counts and reconciliation, the report's first rows), and
// reports the same rejects to the summary (counts, the first rows, the examples of each reason),
// as one that holds them all, while holding no more at once; no spill file is left. Validate as
// well, whose rejects stay on disk for Each until Close. The inputs: a generated week with many
// bad punch rows (rejected as they are read, and by the workers), in employee order and
// shuffled, and the sample with an approval that matches nothing (rejected at the end).
func TestSpilledRejectsWriteTheSameFiles(t *testing.T) {
	dir := t.TempDir()
	week, _ := calendars.ParseISODate("2026-11-15")
	type input struct {
		name, dir, approvals string
		week                 calendars.Date
		weeks, spillAt       int
	}
	var inputs []input
	for _, shuffle := range []bool{false, true} {
		d := filepath.Join(dir, fmt.Sprintf("gen-%v", shuffle))
		if _, err := gen.Write(d, gen.Config{Employees: 400, Week: week, Seed: 7, Shuffle: shuffle, BadPer10k: 200}); err != nil {
			t.Fatal(err)
		}
		inputs = append(inputs, input{name: filepath.Base(d), dir: d, week: week, weeks: 1, spillAt: 5})
	}
	sample := filepath.Join(dir, "sample")
	if err := fixtures.WriteSample(sample); err != nil {
		t.Fatal(err)
	}
	approvals := filepath.Join(sample, "approvals.csv")
	os.WriteFile(approvals, []byte("PERSONNUM,DATE,EXCEPTION,DECISION,BY,NOTE\n100110,11/20/2026,UNAPPROVED_OT,APPROVED,M. Chen,\n"), 0o644)
	sampleWeek, _ := calendars.ParseISODate(fixtures.SampleWeek)
	inputs = append(inputs, input{name: "sample", dir: sample, approvals: approvals, week: sampleWeek, weeks: fixtures.SampleWeeks, spillAt: 2})

	for _, in := range inputs {
		spillAt := in.spillAt
		for _, c := range []struct {
			m        mode
			validate bool
		}{{modeSorted, false}, {modeSorted, true}, {modeGrouped, false}} {
			validate := c.validate
			// As Run, but with the inputs hashed first: the staging directory is there from the
			// start, so no reject is held while the close waits for it.
			run := func(out string, at int) *Result {
				t.Helper()
				defer func(old int) { spillRejects = old }(spillRejects)
				spillRejects = at
				cfg := Config{Punches: filepath.Join(in.dir, "punches.csv"), Roster: filepath.Join(in.dir, "roster.csv"),
					Schedule: filepath.Join(in.dir, "schedule.csv"), Approvals: in.approvals, Week: in.week, Weeks: in.weeks,
					Out: out, Validate: validate}
				if err := cfg.defaults(); err != nil {
					t.Fatal(err)
				}
				cfg.ctx = context.Background()
				var led *ledger
				if !validate {
					var err error
					if led, err = openLedger(&cfg); err != nil {
						t.Fatal(err)
					}
				}
				inputs, runID, err := identify(&cfg, nil)
				if err != nil {
					t.Fatal(err)
				}
				res, err := runModes(context.Background(), &cfg, led, inputs, runID, c.m)
				if led != nil {
					led.release(err == nil)
				}
				if err != nil {
					t.Fatalf("%s: %v", in.name, err)
				}
				return res
			}
			what := fmt.Sprintf("%s %v validate=%v", in.name, c.m, validate)
			heldOut, spilledOut := filepath.Join(dir, "held"), filepath.Join(dir, "spilled")
			held := run(heldOut, 1<<30)
			spilled := run(spilledOut, spillAt)
			if held.Rejects.Count < 4*int64(spillAt) {
				t.Fatalf("%s: %d rejects; the test needs several runs of %d", what, held.Rejects.Count, spillAt)
			}
			if held.RejectsHeld != held.Rejects.Count || spilled.RejectsHeld > int64(spillAt) || spilled.RejectsHeld == 0 {
				t.Errorf("%s: %d and %d rejects held at once; want all %d, and at most %d", what, held.RejectsHeld, spilled.RejectsHeld,
					held.Rejects.Count, spillAt)
			}
			h, s := held.Rejects, spilled.Rejects
			if h.Count != s.Count || !maps.Equal(h.ByReason, s.ByReason) || !slices.Equal(h.First, s.First) ||
				!reflect.DeepEqual(h.Examples, s.Examples) || !maps.Equal(held.Manifest.RejectsByReason, spilled.Manifest.RejectsByReason) {
				t.Errorf("%s: the rejects reported differ:\nheld    %d %v %v\nspilled %d %v %v", what, h.Count, h.ByReason, h.Examples,
					s.Count, s.ByReason, s.Examples)
			}
			if len(s.First) != int(min(s.Count, 500)) || len(s.Examples) != len(s.ByReason) {
				t.Errorf("%s: %d first rows and examples of %d reasons kept for %d rejects of %d reasons", what, len(s.First), len(s.Examples),
					s.Count, len(s.ByReason))
			}
			if validate {
				var a, z []model.Reject
				if err := h.Each(func(x *model.Reject) error { a = append(a, *x); return nil }); err != nil {
					t.Fatal(err)
				}
				if err := s.Each(func(x *model.Reject) error { z = append(z, *x); return nil }); err != nil {
					t.Fatal(err)
				}
				if int64(len(a)) != h.Count || !slices.Equal(a, z) {
					t.Errorf("%s: Each gives %d rejects held, %d spilled, not the same", what, len(a), len(z))
				}
			} else if err := s.Each(func(*model.Reject) error { return nil }); !errors.Is(err, errRejectsGone) {
				t.Errorf("%s: Each after the close: %v, want %v", what, err, errRejectsGone)
			}
			h.Close()
			s.Close()
			a, z := tree(t, heldOut), tree(t, spilledOut)
			if len(a) != len(z) {
				t.Errorf("%s: %d files held, %d spilled: %v", what, len(a), len(z), keys(z))
			}
			for name, data := range a {
				if !bytes.Equal(data, z[name]) {
					t.Errorf("%s: %s differs", what, name)
				}
				if strings.HasSuffix(name, "rejects.csv") && int64(bytes.Count(data, []byte("\n"))) < h.Count+1 {
					t.Errorf("%s: %s has %d lines for %d rejects", what, name, bytes.Count(data, []byte("\n")), h.Count)
				}
			}
			os.RemoveAll(heldOut)
			os.RemoveAll(spilledOut)
		}
	}
}

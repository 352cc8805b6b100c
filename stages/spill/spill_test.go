package spill

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
)

// A Sorter gives back every record by key, equal keys in the order they were added, whether the
// records came in order, in a few ordered segments (merged) or in no order (sorted), in memory or
// spilled to runs (by size, or every 500 records when the caller spills), with keys shorter and
// longer than the 8-byte prefix; and it removes its runs.
func TestSortedRunsOrder(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	// four records of each key; keys of 8 bytes, shorter, longer, and equal but for a NUL
	key := func(i int) string {
		q := i / 16
		switch i % 4 {
		case 0:
			return fmt.Sprintf("%08d", q)
		case 1:
			return fmt.Sprintf("%d", q)
		case 2:
			return fmt.Sprintf("%d\x00", q)
		}
		return fmt.Sprintf("%08d\x00x", q)
	}
	type rec struct{ k, v string }
	orders := map[string]func(n int) []int{
		"sorted": func(n int) []int {
			ks := make([]int, n)
			for i := range ks {
				ks[i] = i
			}
			slices.SortStableFunc(ks, func(a, b int) int { return strings.Compare(key(a), key(b)) })
			return ks
		},
		"segments": func(n int) []int {
			var ks []int
			for s := 0; s < 5; s++ {
				var seg []int
				for i := s; i < n; i += 5 {
					seg = append(seg, i)
				}
				slices.SortStableFunc(seg, func(a, b int) int { return strings.Compare(key(a), key(b)) })
				ks = append(ks, seg...)
			}
			return ks
		},
		"random": func(n int) []int { return rng.Perm(n) },
	}
	for name, order := range orders {
		for _, rb := range []int{16 << 20, 200, 0} {
			dir := t.TempDir()
			s := &Sorter{Parent: dir, Prefix: ".runs-", Bytes: rb}
			var want []rec
			for j, i := range order(3000) {
				r := rec{key(i), fmt.Sprint(j)}
				want = append(want, r)
				if err := s.Add([]byte(r.k), []byte(r.v)); err != nil {
					t.Fatal(err)
				}
				if rb == 0 && j%500 == 499 {
					if err := s.Spill(); err != nil {
						t.Fatal(err)
					}
				}
			}
			slices.SortStableFunc(want, func(a, b rec) int { return strings.Compare(a.k, b.k) })
			for pass := 0; pass < 2; pass++ {
				var got []rec
				for _, kv := range readAll(t, s) {
					got = append(got, rec{kv[0], kv[1]})
				}
				if !slices.Equal(got, want) {
					t.Errorf("%s, runs of %d bytes, pass %d: %d records out of order or lost", name, rb, pass, len(got))
				}
			}
			if rb != 16<<20 && s.Runs() < 2 {
				t.Errorf("%s, runs of %d bytes: %d runs, want a spill", name, rb, s.Runs())
			}
			s.Remove()
			if left, _ := os.ReadDir(dir); len(left) > 0 {
				t.Errorf("%s: %d files left", name, len(left))
			}
		}
	}
}

// Keys and values over 64 KiB (an employee id is whatever the roster says, up to a line of 1 MiB)
// come back whole, in memory and from a run.
func TestSorterLongRecords(t *testing.T) {
	long := strings.Repeat("k", 70000)
	s := &Sorter{Parent: t.TempDir(), Prefix: ".runs-"}
	defer s.Remove()
	for _, kv := range [][2]string{{long + "v", "a"}, {"z", long}} {
		if err := s.Add([]byte(kv[0]), []byte(kv[1])); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Spill(); err != nil {
		t.Fatal(err)
	}
	if err := s.Add([]byte(long), []byte(long+"v")); err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, kv := range readAll(t, s) {
		got = append(got, kv[0], kv[1])
	}
	if want := []string{long, long + "v", long + "v", "a", "z", long}; !slices.Equal(got, want) {
		t.Errorf("got %d records of lengths %v", len(got)/2, lens(got))
	}
}

func lens(ss []string) []int {
	var ns []int
	for _, s := range ss {
		ns = append(ns, len(s))
	}
	return ns
}

// WriteRun's records merge with those added before and after it as if they had been added in
// between, and a run out of key order is refused.
func TestWriteRun(t *testing.T) {
	s := &Sorter{Parent: t.TempDir(), Prefix: ".runs-"}
	defer s.Remove()
	s.Add([]byte("b"), []byte("1"))
	s.Add([]byte("a"), []byte("2"))
	run := [][2]string{{"a", "3"}, {"b", "4"}, {"b", "5"}, {"c", "6"}}
	err := s.WriteRun(len(run), func(i int, k, v []byte) ([]byte, []byte) {
		return append(k, run[i][0]...), append(v, run[i][1]...)
	})
	if err != nil {
		t.Fatal(err)
	}
	s.Add([]byte("a"), []byte("7"))
	if s.Runs() != 2 {
		t.Errorf("%d runs, want the records held and the run written", s.Runs())
	}
	var got string
	for _, kv := range readAll(t, s) {
		got += kv[0] + kv[1] + " "
	}
	if want := "a2 a3 a7 b1 b4 b5 c6 "; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	bad := &Sorter{Parent: t.TempDir(), Prefix: ".runs-"}
	defer bad.Remove()
	err = bad.WriteRun(3, func(i int, k, v []byte) ([]byte, []byte) { return append(k, "aba"[i]), v })
	if err == nil || bad.Runs() != 0 {
		t.Errorf("a run out of order: %v, %d runs", err, bad.Runs())
	}
}

// readAll is every record of s, merged, as key and value.
func readAll(t *testing.T, s *Sorter) [][2]string {
	t.Helper()
	it, err := s.Iter()
	if err != nil {
		t.Fatal(err)
	}
	defer it.Close()
	var got [][2]string
	for {
		ok, err := it.Next()
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			return got
		}
		got = append(got, [2]string{string(it.Key), string(it.Val)})
	}
}

// Each gives every record in order, from the runs on disk and in memory, and stops at fn's error.
func TestEach(t *testing.T) {
	s := &Sorter{Parent: t.TempDir(), Prefix: ".runs-"}
	defer s.Remove()
	for i, k := range []string{"c", "a", "d", "b"} {
		if err := s.Add([]byte(k), []byte{byte('0' + i)}); err != nil {
			t.Fatal(err)
		}
		if i == 1 {
			if err := s.Spill(); err != nil {
				t.Fatal(err)
			}
		}
	}
	var got []string
	if err := s.Each(func(k, v []byte) error { got = append(got, string(k)+string(v)); return nil }); err != nil {
		t.Fatal(err)
	}
	if want := []string{"a1", "b3", "c0", "d2"}; !slices.Equal(got, want) {
		t.Errorf("Each gave %v, want %v", got, want)
	}
	stop := errors.New("stop")
	n := 0
	if err := s.Each(func(k, v []byte) error { n++; return stop }); err != stop || n != 1 {
		t.Errorf("Each went on after an error: %v, %d records", err, n)
	}
}

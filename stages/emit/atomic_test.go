package emit

import (
	"errors"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"testing"
)

// deadPID is above Linux's largest pid_max (2^22), so no process has it.
const deadPID = 1<<22 + 12345

func stage(t *testing.T, outDir string, files map[string]string) *Staging {
	t.Helper()
	s, err := NewStaging(outDir)
	if err != nil {
		t.Fatal(err)
	}
	for rel, body := range files {
		f, err := s.Create(rel)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := f.WriteString(body); err != nil {
			t.Fatal(err)
		}
		if err := f.Close(); err != nil {
			t.Fatal(err)
		}
	}
	return s
}

// tree returns every regular file under root with its content.
func tree(t *testing.T, root string) map[string]string {
	t.Helper()
	got := map[string]string{}
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(root, p)
		got[filepath.ToSlash(rel)] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return got
}

func sameTree(t *testing.T, step string, got, want map[string]string) {
	t.Helper()
	var keys []string
	for k := range want {
		keys = append(keys, k)
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	for _, k := range keys {
		if got[k] != want[k] {
			t.Errorf("%s: %s = %q, want %q", step, k, got[k], want[k])
		}
	}
}

// siblings lists the staging leftovers next to outDir.
func siblings(t *testing.T, outDir string) []string {
	t.Helper()
	m, err := filepath.Glob(outDir + stagingInfix + "*")
	if err != nil {
		t.Fatal(err)
	}
	return m
}

const (
	week1 = "pay_lines/week_start=2024-01-07/"
	week2 = "pay_lines/week_start=2024-01-14/"
)

func TestCommitKeepsOtherWeeksAndReplacesRerunWeek(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")

	// Run 1 creates the output directory.
	s := stage(t, out, map[string]string{week1 + "part-00000.parquet": "w1 a", week1 + "part-00001.parquet": "w1 b",
		"rejects.csv": "r1", "manifest.json": "m1"})
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	sameTree(t, "run 1", tree(t, out), map[string]string{week1 + "part-00000.parquet": "w1 a",
		week1 + "part-00001.parquet": "w1 b", "rejects.csv": "r1", "manifest.json": "m1"})
	before, err := os.Stat(filepath.Join(out, week1, "part-00001.parquet"))
	if err != nil {
		t.Fatal(err)
	}

	// Run 2 adds the next week; week 1 and files it does not write stay.
	s = stage(t, out, map[string]string{week2 + "part-00000.parquet": "w2", "manifest.json": "m2"})
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	sameTree(t, "run 2", tree(t, out), map[string]string{week1 + "part-00000.parquet": "w1 a",
		week1 + "part-00001.parquet": "w1 b", week2 + "part-00000.parquet": "w2", "rejects.csv": "r1", "manifest.json": "m2"})
	after, err := os.Stat(filepath.Join(out, week1, "part-00001.parquet"))
	if err != nil {
		t.Fatal(err)
	}
	if !os.SameFile(before, after) {
		t.Error("kept file was copied, not hard-linked")
	}

	// Run 3 reruns week 1 with one part: the partition is replaced whole, no stale part-00001.
	s = stage(t, out, map[string]string{week1 + "part-00000.parquet": "w1 new", "manifest.json": "m3", "rejects.csv": "r3"})
	if err := s.Commit(); err != nil {
		t.Fatal(err)
	}
	sameTree(t, "run 3", tree(t, out), map[string]string{week1 + "part-00000.parquet": "w1 new",
		week2 + "part-00000.parquet": "w2", "rejects.csv": "r3", "manifest.json": "m3"})

	if left := siblings(t, out); len(left) != 0 {
		t.Errorf("left behind after commits: %v", left)
	}
	if err := s.Commit(); err == nil {
		t.Error("second Commit of the same staging succeeded")
	}
}

func TestAbandonedStagingLeavesOutputUntouched(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	first := map[string]string{week1 + "part-00000.parquet": "w1", "manifest.json": "m1"}
	if err := stage(t, out, first).Commit(); err != nil {
		t.Fatal(err)
	}

	// A run that dies mid-write: a file still open, never committed.
	s := stage(t, out, map[string]string{"manifest.json": "m2"})
	f, err := s.Create(week1 + "part-00000.parquet")
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("half a fi")
	sameTree(t, "during the abandoned run", tree(t, out), first)

	// The process "crashes": its staging dir now belongs to a dead pid. The next run removes it
	// and the output is still the first run's.
	f.Close()
	crashed := filepath.Join(filepath.Dir(out), "out"+stagingInfix+strconv.Itoa(deadPID)+"-123")
	if err := os.Rename(s.Dir(), crashed); err != nil {
		t.Fatal(err)
	}
	// A live run's staging dir (ours) and an unrelated sibling must survive the cleanup.
	live, err := NewStaging(out)
	if err != nil {
		t.Fatal(err)
	}
	unrelated := out + stagingInfix + "notapid"
	if err := os.Mkdir(unrelated, 0o755); err != nil {
		t.Fatal(err)
	}
	next, err := NewStaging(out)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(crashed); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("crashed run's staging dir not removed: %v", err)
	}
	for _, keep := range []string{live.Dir(), unrelated} {
		if _, err := os.Stat(keep); err != nil {
			t.Errorf("%s removed by cleanup: %v", keep, err)
		}
	}
	sameTree(t, "after cleanup", tree(t, out), first)

	for _, st := range []*Staging{live, next} {
		if err := st.Abort(); err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(st.Dir()); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("Abort left %s", st.Dir())
		}
	}
	sameTree(t, "after abort", tree(t, out), first)
}

func TestFallbackSwapAndCrashRecovery(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	if err := stage(t, out, map[string]string{"manifest.json": "m1"}).Commit(); err != nil {
		t.Fatal(err)
	}
	s := stage(t, out, map[string]string{"manifest.json": "m2"})
	if err := s.swapByRenames(filepath.Dir(out)); err != nil {
		t.Fatal(err)
	}
	sameTree(t, "after fallback swap", tree(t, out), map[string]string{"manifest.json": "m2"})
	if left := siblings(t, out); len(left) != 0 {
		t.Errorf("left behind after fallback swap: %v", left)
	}

	// A crash between the two renames: no outDir, the previous output aside under a dead pid,
	// the new one in its staging dir. The next run puts the previous output back.
	prefix := out + stagingInfix + strconv.Itoa(deadPID) + "-9"
	if err := os.Rename(out, prefix+asideSuffix); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(prefix, 0o755); err != nil {
		t.Fatal(err)
	}
	s, err := NewStaging(out)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Abort()
	sameTree(t, "after recovery", tree(t, out), map[string]string{"manifest.json": "m2"})
	if left := siblings(t, out); len(left) != 1 || left[0] != s.Dir() {
		t.Errorf("siblings after recovery: %v, want only %s", left, s.Dir())
	}
}

func TestExchangeSwapsDirectories(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	for _, p := range []string{a, b} {
		if err := os.MkdirAll(p, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(p, "name"), []byte(filepath.Base(p)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	err := exchange(a, b)
	if errors.Is(err, syscall.ENOSYS) || errors.Is(err, syscall.EINVAL) {
		t.Skipf("renameat2(RENAME_EXCHANGE) unsupported here: %v (Commit falls back)", err)
	}
	if err != nil {
		t.Fatal(err)
	}
	if got := tree(t, a)["name"] + tree(t, b)["name"]; got != "ba" {
		t.Errorf("after exchange a/name+b/name = %q, want \"ba\"", got)
	}
}

func TestCommitErrors(t *testing.T) {
	dir := t.TempDir()
	out := filepath.Join(dir, "out")
	if err := os.WriteFile(out, []byte("a file"), 0o644); err != nil {
		t.Fatal(err)
	}
	s := stage(t, out, map[string]string{"manifest.json": "m"})
	if err := s.Commit(); err == nil || !strings.Contains(err.Error(), "not a directory") {
		t.Errorf("Commit over a file: %v", err)
	}
	if _, err := os.Stat(s.Dir()); !errors.Is(err, os.ErrNotExist) {
		t.Error("failed Commit left its staging dir")
	}
	if b, _ := os.ReadFile(out); string(b) != "a file" {
		t.Error("failed Commit changed the output path")
	}

	s2, err := NewStaging(filepath.Join(dir, "out2"))
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Abort()
	if _, err := s2.Create("../escape"); err == nil {
		t.Error("Create outside the output directory succeeded")
	}
	if _, err := NewStaging("/"); err == nil {
		t.Error("NewStaging(\"/\") succeeded")
	}
}

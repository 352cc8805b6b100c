package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/payclose/payclose/fixtures"
	"github.com/payclose/payclose/stages/emit"
)

// built is the payclose binary the tests run, built once per test process (seven tests use it; a
// build each was most of their time).
var built struct {
	once     sync.Once
	dir, bin string
	err      error
	out      []byte
}

// TestMain removes the shared binary after the tests.
func TestMain(m *testing.M) {
	code := m.Run()
	if built.dir != "" {
		os.RemoveAll(built.dir)
	}
	os.Exit(code)
}

// buildBinary builds payclose once per test process into a temporary directory.
func buildBinary(t *testing.T) string {
	t.Helper()
	built.once.Do(func() {
		if built.dir, built.err = os.MkdirTemp("", "payclose-test-bin-"); built.err != nil {
			return
		}
		built.bin = filepath.Join(built.dir, "payclose")
		built.out, built.err = exec.Command("go", "build", "-o", built.bin, ".").CombinedOutput()
	})
	if built.err != nil {
		t.Fatalf("go build: %v\n%s", built.err, built.out)
	}
	return built.bin
}

// replicateSample writes the embedded sample k times over into dir, each copy with its employee
// ids prefixed "Rnnnn-", so the week has k × the sample's employees and rows (the deliberately bad
// rows included) and stays grouped by employee like a Kronos export.
func replicateSample(t *testing.T, dir string, k int) {
	t.Helper()
	for _, name := range []string{"roster.csv", "schedule.csv", "punches.csv"} {
		data, err := fixtures.Sample.ReadFile("sample/" + name)
		if err != nil {
			t.Fatal(err)
		}
		r := csv.NewReader(bytes.NewReader(data))
		r.FieldsPerRecord = -1
		recs, err := r.ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		col := -1
		for i, h := range recs[0] {
			if strings.EqualFold(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")), "PERSONNUM") {
				col = i
			}
		}
		if col < 0 {
			t.Fatalf("%s: no PERSONNUM column", name)
		}
		var buf bytes.Buffer
		w := csv.NewWriter(&buf)
		w.Write(recs[0])
		for c := 0; c < k; c++ {
			for _, rec := range recs[1:] {
				row := append([]string(nil), rec...)
				if col < len(row) && row[col] != "" {
					row[col] = fmt.Sprintf("R%04d-%s", c, row[col])
				}
				w.Write(row)
			}
		}
		w.Flush()
		if err := os.WriteFile(filepath.Join(dir, name), buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func closeCmd(bin, inDir, out string, extra ...string) *exec.Cmd {
	cmd := exec.Command(bin, append([]string{"run", "--punches", "punches.csv", "--roster", "roster.csv", "--schedule", "schedule.csv",
		"--week", fixtures.SampleWeek, "--out", out, "--progress", "off"}, extra...)...)
	cmd.Dir = inDir
	return cmd
}

// runClose runs a close to completion; exit 3 (outputs written, inputs had rejects) is success.
func runClose(t *testing.T, bin, inDir, out string, extra ...string) {
	t.Helper()
	cmd := closeCmd(bin, inDir, out, extra...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	if err != nil && !(errors.As(err, &ee) && ee.ExitCode() == exitRejects) {
		t.Fatalf("close into %s: %v\n%s", out, err, stderr.String())
	}
}

// tree is every file under dir by relative path; nil when dir does not exist.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	if _, err := os.Stat(dir); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[rel] = string(b)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func sameTree(a, b map[string]string) bool {
	if len(a) != len(b) || (a == nil) != (b == nil) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

// visible is what a reader of the ledger sees: every file but the lock, the staging trees and the
// commit journal.
func visible(files map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range files {
		k = filepath.ToSlash(k)
		if k == ".lock" || k == ".commit.json" || k == ".commit.json.tmp" || strings.HasPrefix(k, ".staging/") {
			continue
		}
		out[k] = v
	}
	return out
}

// killPoint says when to SIGKILL the close.
type killPoint struct {
	name string
	wait func(out string) // returns when it is time to kill
}

func after(d time.Duration) killPoint {
	return killPoint{d.String(), func(string) { time.Sleep(d) }}
}

// when kills as soon as a file matching pattern (relative to the ledger) exists, or after 30 s.
func when(pattern string) killPoint {
	return killPoint{strings.ReplaceAll(pattern, "/", "_") + " appears", func(out string) {
		deadline := time.Now().Add(30 * time.Second)
		for time.Now().Before(deadline) {
			if m, _ := filepath.Glob(filepath.Join(out, pattern)); len(m) > 0 {
				return
			}
			time.Sleep(100 * time.Microsecond)
		}
	}}
}

// A close killed with SIGKILL at any point leaves the ledger as it was (the previous complete
// ledger, byte for byte, or nothing), or past its commit point, with a journal that the next
// close on the ledger (here emit.Recover, what it calls first) completes into exactly the ledger
// the finished close would have left; never a partial dataset. The close killed is a correction:
// the small sample's week re-closed with a large export, so superseded files and adjustments are
// written too. A rerun then leaves the same ledger as an uninterrupted close.
func TestCrashLeavesPreviousOrNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and closes a large week several times")
	}
	bin := buildBinary(t)
	big := t.TempDir()
	replicateSample(t, big, 150)
	small := t.TempDir()
	if err := fixtures.WriteSample(small); err != nil {
		t.Fatal(err)
	}
	work := t.TempDir()
	payWeek := []string{"--pay-week", "2026-11-29"}

	refs := map[bool]map[string]string{}
	var took time.Duration
	for _, withPrevious := range []bool{false, true} {
		refOut := filepath.Join(work, fmt.Sprintf("reference-%v", withPrevious))
		if withPrevious {
			runClose(t, bin, small, refOut)
		}
		start := time.Now()
		runClose(t, bin, big, refOut, payWeek...)
		took = time.Since(start)
		refs[withPrevious] = visible(tree(t, refOut))
		t.Logf("uninterrupted close of the large week (previous=%v): %v, %d files", withPrevious, took, len(refs[withPrevious]))
	}
	var adjusted, superseded bool
	for k := range refs[true] {
		adjusted = adjusted || strings.HasPrefix(k, "adjustments/pay_week=2026-11-29/")
		superseded = superseded || strings.HasPrefix(k, "superseded/pay_lines/week_start="+fixtures.SampleWeek+"/run_id=")
	}
	if !adjusted || !superseded {
		t.Fatalf("the correction wrote no adjustments (%v) or kept no superseded pay lines (%v)", adjusted, superseded)
	}

	points := []killPoint{after(50 * time.Millisecond), after(200 * time.Millisecond), when(".staging/run-*"),
		when(".staging/run-*/runs/*/manifest.json"), when(".commit.json"), when("superseded/pay_lines/*/*/*.parquet"),
		after(took * 8 / 10)}
	for _, withPrevious := range []bool{false, true} {
		ref := refs[withPrevious]
		for i, kp := range points {
			if !withPrevious && strings.HasPrefix(kp.name, "superseded") {
				continue // a first close supersedes nothing
			}
			name := fmt.Sprintf("previous=%v/%s", withPrevious, kp.name)
			t.Run(name, func(t *testing.T) {
				out := filepath.Join(work, fmt.Sprintf("p%v-%d", withPrevious, i), "out")
				before := map[string]string{}
				if withPrevious {
					runClose(t, bin, small, out) // a different, complete ledger to fall back on
					before = visible(tree(t, out))
				}
				cmd := closeCmd(bin, big, out, payWeek...)
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				exited := make(chan struct{})
				go func() { cmd.Wait(); close(exited) }()
				kp.wait(out)
				cmd.Process.Signal(syscall.SIGKILL)
				<-exited

				_, journal := os.Stat(filepath.Join(out, ".commit.json"))
				got := visible(tree(t, out))
				switch {
				case journal == nil:
					if err := emit.Recover(out); err != nil {
						t.Fatal(err)
					}
					if !sameTree(visible(tree(t, out)), ref) {
						t.Fatal("killed after the commit point: the replayed journal does not give the finished close's ledger")
					}
					t.Logf("killed after the commit point: journal replayed into the complete new ledger")
				case sameTree(got, before):
					t.Logf("killed before the commit point: ledger as before (%d files)", len(got))
				case sameTree(got, ref):
					t.Logf("killed after the commit: complete new ledger")
				default:
					t.Fatalf("partial ledger after SIGKILL: %d files, previous had %d, a complete close has %d", len(got), len(before), len(ref))
				}

				runClose(t, bin, big, out, payWeek...)
				if !sameTree(visible(tree(t, out)), ref) {
					t.Fatal("rerun after the crash differs from an uninterrupted close")
				}
				left, _ := filepath.Glob(filepath.Join(out, ".staging", "*"))
				if len(left) != 0 {
					t.Errorf("the rerun left staging directories behind: %v", left)
				}
			})
		}
	}
}

// Two closes into one ledger at once: the second fails at once with exit 1 and a message naming
// the holder (pid, host, start, weeks); the first completes; closing the refused week afterwards
// leaves both weeks listed, nothing lost.
func TestConcurrentClosesOneFailsWithLockMessage(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)
	big := t.TempDir()
	replicateSample(t, big, 60)
	out := filepath.Join(t.TempDir(), "ledger")
	second := "2026-11-22"

	first := closeCmd(bin, big, out)
	var firstErr bytes.Buffer
	first.Stderr = &firstErr
	if err := first.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if b, _ := os.ReadFile(filepath.Join(out, ".lock")); len(b) > 0 {
			break
		}
		time.Sleep(time.Millisecond)
	}
	other := closeCmd(bin, big, out, "--week", second) // the later flag wins
	var otherErr bytes.Buffer
	other.Stderr = &otherErr
	start := time.Now()
	err := other.Run()
	refusedIn := time.Since(start)
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != exitFailed {
		t.Fatalf("second close: %v, want exit 1\n%s", err, otherErr.String())
	}
	host, _ := os.Hostname()
	msg := otherErr.String()
	for _, want := range []string{"locked by another close", fmt.Sprintf("pid %d", first.Process.Pid), host, fixtures.SampleWeek, "started 20"} {
		if !strings.Contains(msg, want) {
			t.Errorf("lock message %q does not say %q", msg, want)
		}
	}
	t.Logf("refused in %v: %s", refusedIn, strings.TrimSpace(msg))
	if err := first.Wait(); err != nil && !(errors.As(err, &ee) && ee.ExitCode() == exitRejects) {
		t.Fatalf("first close: %v\n%s", err, firstErr.String())
	}
	runClose(t, bin, big, out, "--week", second)
	b, err := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	x, err := emit.ParseIndex(b)
	if err != nil {
		t.Fatal(err)
	}
	if len(x.Weeks) != 2 || x.Weeks[0].WeekStart != fixtures.SampleWeek || x.Weeks[1].WeekStart != second {
		t.Fatalf("index weeks %+v, want both", x.Weeks)
	}
	for _, e := range x.Weeks {
		for _, rf := range e.Current {
			for _, o := range rf.Files {
				if err := emit.VerifyFile(out, o); err != nil {
					t.Error(err)
				}
			}
		}
	}
}

// Shards started together into one ledger with --lock-wait commit one after another: all exit
// 0 or 3, and the week is closed with every shard's parts listed.
func TestShardsStartedTogetherWithLockWait(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)
	in := t.TempDir()
	replicateSample(t, in, 20)
	out := filepath.Join(t.TempDir(), "ledger")
	const n = 3
	cmds := make([]*exec.Cmd, n)
	errs := make([]bytes.Buffer, n)
	for i := range cmds {
		cmds[i] = closeCmd(bin, in, out, "--shard", fmt.Sprintf("%d/%d", i, n), "--lock-wait", "2m")
		cmds[i].Stderr = &errs[i]
		if err := cmds[i].Start(); err != nil {
			t.Fatal(err)
		}
	}
	for i, cmd := range cmds {
		var ee *exec.ExitError
		if err := cmd.Wait(); err != nil && !(errors.As(err, &ee) && ee.ExitCode() == exitRejects) {
			t.Errorf("shard %d: %v\n%s", i, err, errs[i].String())
		}
	}
	b, err := os.ReadFile(filepath.Join(out, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	x, err := emit.ParseIndex(b)
	if err != nil {
		t.Fatal(err)
	}
	e := x.Week(fixtures.SampleWeek)
	if e == nil || !e.Closed || len(e.Current) != n || len(x.Runs) != n {
		t.Fatalf("week entry %+v, %d runs: want closed with %d shards", e, len(x.Runs), n)
	}
}

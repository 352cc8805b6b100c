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
	"syscall"
	"testing"
	"time"

	"github.com/payclose/payclose/fixtures"
)

// buildBinary builds payclose once per test into a temporary directory.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "payclose")
	out, err := exec.Command("go", "build", "-o", bin, ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
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

func closeCmd(bin, inDir, out string) *exec.Cmd {
	cmd := exec.Command(bin, "run", "--punches", "punches.csv", "--roster", "roster.csv", "--schedule", "schedule.csv",
		"--week", fixtures.SampleWeek, "--out", out, "--progress", "off")
	cmd.Dir = inDir
	return cmd
}

// runClose runs a close to completion; exit 3 (outputs written, inputs had rejects) is success.
func runClose(t *testing.T, bin, inDir, out string) {
	t.Helper()
	cmd := closeCmd(bin, inDir, out)
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

// killPoint says when to SIGKILL the close.
type killPoint struct {
	name string
	wait func(parent, out string) // returns when it is time to kill
}

func after(d time.Duration) killPoint {
	return killPoint{d.String(), func(string, string) { time.Sleep(d) }}
}

// whenStaged kills as soon as a staging directory holding file (relative, "" = the directory
// itself) exists, or after 30 s.
func whenStaged(file string) killPoint {
	name := "staging dir appears"
	if file != "" {
		name = "staging has " + file
	}
	return killPoint{name, func(parent, out string) {
		deadline := time.Now().Add(30 * time.Second)
		for time.Now().Before(deadline) {
			m, _ := filepath.Glob(filepath.Join(parent, filepath.Base(out)+".tmp-*"))
			for _, d := range m {
				if _, err := os.Stat(filepath.Join(d, file)); err == nil {
					return
				}
			}
			time.Sleep(200 * time.Microsecond)
		}
	}}
}

// A close killed with SIGKILL at any point leaves the output directory as it was (the previous
// complete output, byte for byte, or nothing) or as the finished close would have left it, never a
// partial dataset; a rerun then succeeds and is identical to an uninterrupted run.
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

	refOut := filepath.Join(work, "reference")
	start := time.Now()
	runClose(t, bin, big, refOut)
	took := time.Since(start)
	ref := tree(t, refOut)
	if len(ref) == 0 {
		t.Fatal("the reference close wrote nothing")
	}
	t.Logf("uninterrupted close of the large week: %v, %d files", took, len(ref))

	points := []killPoint{after(50 * time.Millisecond), after(200 * time.Millisecond), whenStaged(""),
		whenStaged("manifest.json"), after(took * 8 / 10)}
	for _, withPrevious := range []bool{false, true} {
		for i, kp := range points {
			name := fmt.Sprintf("previous=%v/%s", withPrevious, kp.name)
			t.Run(name, func(t *testing.T) {
				parent := filepath.Join(work, fmt.Sprintf("p%v-%d", withPrevious, i))
				out := filepath.Join(parent, "out")
				var before map[string]string
				if withPrevious {
					runClose(t, bin, small, out) // a different, complete output to fall back on
					before = tree(t, out)
				}
				cmd := closeCmd(bin, big, out)
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				exited := make(chan struct{})
				go func() { cmd.Wait(); close(exited) }()
				kp.wait(parent, out)
				cmd.Process.Signal(syscall.SIGKILL)
				<-exited

				got := tree(t, out)
				switch {
				case sameTree(got, before):
					t.Logf("killed before commit: output as before (%d files)", len(got))
				case sameTree(got, ref):
					t.Logf("killed after commit: complete new output")
				default:
					t.Fatalf("partial output after SIGKILL: %d files, previous had %d, a complete close has %d", len(got), len(before), len(ref))
				}

				runClose(t, bin, big, out)
				if !sameTree(tree(t, out), ref) {
					t.Fatal("rerun after the crash differs from an uninterrupted close")
				}
				left, _ := filepath.Glob(filepath.Join(parent, "out.tmp-*"))
				if len(left) != 0 {
					t.Errorf("the rerun left staging directories behind: %v", left)
				}
			})
		}
	}
}

package main

import (
	"errors"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/payclose/payclose/fixtures"
)

// SIGTERM or SIGINT ends a close with exit 1 within a second and nothing written: on /dev/zero
// (the readers stop at their next read) and on a FIFO nobody opens for writing (the open blocks in
// the kernel; the process exits after a grace period).
func TestSignalStopsTheClose(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildBinary(t)
	dir := t.TempDir()
	if err := fixtures.WriteSample(dir); err != nil {
		t.Fatal(err)
	}
	fifo := filepath.Join(dir, "fifo.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	for _, c := range []struct {
		input string
		sig   syscall.Signal
	}{{"/dev/zero", syscall.SIGTERM}, {"/dev/zero", syscall.SIGINT}, {fifo, syscall.SIGTERM}} {
		out := filepath.Join(dir, "out")
		cmd := exec.Command(bin, "run", "--punches", c.input, "--roster", "roster.csv", "--schedule", "schedule.csv",
			"--week", fixtures.SampleWeek, "--out", out, "--progress", "off")
		cmd.Dir = dir
		var stderr strings.Builder
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(500 * time.Millisecond)
		sent := time.Now()
		cmd.Process.Signal(c.sig)
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			var ee *exec.ExitError
			if !errors.As(err, &ee) || ee.ExitCode() != exitFailed {
				t.Errorf("%s, %v: %v, want exit 1", c.input, c.sig, err)
			}
			if took := time.Since(sent); took > time.Second {
				t.Errorf("%s, %v: stopped after %v", c.input, c.sig, took)
			}
			if !strings.Contains(stderr.String(), "interrupted") {
				t.Errorf("%s, %v: stderr %q", c.input, c.sig, stderr.String())
			}
		case <-time.After(3 * time.Second):
			cmd.Process.Kill()
			<-done
			t.Fatalf("%s, %v: still running 3 s after the signal", c.input, c.sig)
		}
		if wrote := ledgerWritten(out); wrote != "" {
			t.Errorf("%s, %v: %s written", c.input, c.sig, wrote)
		}
	}
}

package pipeline_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"time"

	"github.com/payclose/payclose/pipeline"
)

// Cancelling the run stops every reader within a second, on an endless input (/dev/zero) and on a
// FIFO whose writer never writes, and nothing is written (issue 10).
func TestCancelStopsReaders(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fifo.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip("no FIFOs here:", err)
	}
	// Hold the FIFO open for writing (so opening it to read does not block) and never write.
	w, err := os.OpenFile(fifo, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Close()
	for _, endless := range []string{"/dev/zero", fifo} {
		for _, role := range []string{"punches", "roster", "schedule"} {
			cfg := sampleConfig(t, filepath.Join(dir, "out"))
			switch role {
			case "punches":
				cfg.Punches = endless
			case "roster":
				cfg.Roster = endless
			case "schedule":
				cfg.Schedule = endless
			}
			ctx, cancel := context.WithCancel(context.Background())
			done := make(chan error, 1)
			go func() { _, err := pipeline.Run(ctx, cfg); done <- err }()
			time.Sleep(200 * time.Millisecond)
			cancel()
			select {
			case err := <-done:
				if !errors.Is(err, context.Canceled) {
					t.Errorf("%s = %s: %v, want context.Canceled", role, endless, err)
				}
			case <-time.After(time.Second):
				t.Fatalf("%s = %s: still running a second after cancellation", role, endless)
			}
			if _, err := os.Stat(cfg.Out); !os.IsNotExist(err) {
				t.Errorf("%s = %s: output written", role, endless)
			}
		}
	}
}

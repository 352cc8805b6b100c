package pipeline

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/payclose/payclose/stages/ingest"
	"github.com/payclose/payclose/stages/model"
)

// Each reader, given a FIFO that sends a header and then either an endless line or nothing at
// all, stops within a second of cancellation: the endless line through the context check in
// every Read, the silent pipe through the file being closed under the blocked Read.
func TestReadersStopOnCancel(t *testing.T) {
	readers := map[string]struct {
		header string
		read   func(f *inputFile) error
	}{
		"punches": {"PERSONNUM,EVENTDATE,PUNCHDTM,ENDPUNCHDTM\n", func(f *inputFile) error {
			_, err := ingest.ReadPunches(f, "p", func(*model.Punch) {}, nil)
			return err
		}},
		"schedule": {"PERSONNUM,SHIFTDATE,START,END\n", func(f *inputFile) error {
			_, err := ingest.ReadSchedule(f, "s", nil, nil)
			return err
		}},
		"roster": {"PERSONNUM,RULESET,BASE_RATE,BUDGETED_WEEKLY_HOURS,HOME_SHIFT,SENIORITY_DATE\n", func(f *inputFile) error {
			_, _, err := ingest.ReadRoster(f, "r", nil)
			return err
		}},
		"balances": {"PERSONNUM,BANK,HOURS\n", func(f *inputFile) error {
			_, err := ingest.ReadBalances(f, "b", nil, nil)
			return err
		}},
	}
	for name, rd := range readers {
		for _, endless := range []bool{true, false} {
			fifo := filepath.Join(t.TempDir(), "in.csv")
			if err := syscall.Mkfifo(fifo, 0o600); err != nil {
				t.Skip("no FIFOs here:", err)
			}
			stopWriter := make(chan struct{})
			go func() {
				w, err := os.OpenFile(fifo, os.O_WRONLY, 0)
				if err != nil {
					return
				}
				defer w.Close()
				w.WriteString(rd.header + "E1,")
				chunk := []byte(strings.Repeat("x", 64<<10))
				for {
					select {
					case <-stopWriter:
						return
					default:
					}
					if !endless {
						time.Sleep(10 * time.Millisecond)
						continue
					}
					if _, err := w.Write(chunk); err != nil {
						return
					}
				}
			}()
			ctx, cancel := context.WithCancel(context.Background())
			f, err := openInput(ctx, fifo)
			if err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() { done <- rd.read(f) }()
			time.Sleep(150 * time.Millisecond)
			cancel()
			select {
			case err := <-done:
				if !errors.Is(err, context.Canceled) {
					t.Errorf("%s (endless %v): %v, want context.Canceled", name, endless, err)
				}
			case <-time.After(time.Second):
				t.Errorf("%s (endless %v): still reading a second after cancellation", name, endless)
			}
			close(stopWriter)
			f.Close()
		}
	}
}

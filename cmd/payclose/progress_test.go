package main

import (
	"bytes"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/vbauerster/mpb/v8"
)

// Issue 17 rough edge 5: log lines carry no "total=0" for an unknown total and no byte count where
// rows are counted, and a failed run logs no "progress done" (with an empty stage) before its error.
func TestProgressLogLinesSayWhatTheyCount(t *testing.T) {
	var buf bytes.Buffer
	p := &progress{started: time.Now(), log: slog.New(slog.NewTextHandler(&buf, nil)), stop: make(chan struct{}), done: make(chan struct{})}
	close(p.done)
	p.logLine("progress")
	p.Stage("read punches.csv", 12345)
	p.Stage("close", 0)
	p.EmployeesDone(768)
	p.logLine("progress")
	p.finish(false)
	out := buf.String()
	for _, bad := range []string{"total=", `stage=""`, "progress done"} {
		if strings.Contains(out, bad) {
			t.Errorf("log has %q:\n%s", bad, out)
		}
	}
	if !strings.Contains(out, "file_bytes=12345") || !strings.Contains(out, "employees_done=768") {
		t.Errorf("log lacks the file size or the count:\n%s", out)
	}
}

// The bar of a close whose employee count is unknown counts without a total or an ETA: never
// "768 / 1 employees" or a negative ETA.
func TestProgressBarUnknownTotal(t *testing.T) {
	var buf bytes.Buffer
	p := &progress{started: time.Now(), bars: mpb.New(mpb.WithOutput(&buf), mpb.WithWidth(40), mpb.WithRefreshRate(time.Millisecond), mpb.WithAutoRefresh())}
	p.Stage("close", 0)
	for i := 0; i < 768; i++ {
		p.EmployeesDone(1)
	}
	time.Sleep(20 * time.Millisecond)
	p.finish(true)
	out := buf.String()
	if strings.Contains(out, "/ 1 employees") || strings.Contains(out, "ETA -") || !strings.Contains(out, "768 employees") {
		t.Errorf("bar:\n%q", out)
	}
}

package pipeline_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/payclose/payclose/pipeline"
)

// Rows of the --oncall file are rejected under their own file and line: an ON CALL row repeated
// there from the punch export is DUPLICATE_ROW naming the export's line, and each file's lines
// are accounted for separately (a reject must not land on the same line number of the other file).
func TestOnCallFileRowsKeepTheirFile(t *testing.T) {
	cfg := sampleConfig(t, filepath.Join(t.TempDir(), "out"))
	data, err := os.ReadFile(cfg.Punches)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.SplitAfter(string(data), "\n")
	var onCall string
	for _, l := range lines {
		if strings.Contains(l, ",11/18/2026,ON CALL,") {
			onCall = l
		}
	}
	if onCall == "" {
		t.Fatal("the sample has no ON CALL row on 11/18")
	}
	cfg.OnCall = filepath.Join(filepath.Dir(cfg.Punches), "oncall.csv")
	if err := os.WriteFile(cfg.OnCall, []byte(lines[0]+onCall), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := pipeline.Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	var dup []string
	for _, r := range res.Rejects.First {
		if r.Reason == "DUPLICATE_ROW" {
			dup = append(dup, r.File+":"+r.Detail)
		}
	}
	if len(dup) != 1 || !strings.HasPrefix(dup[0], cfg.OnCall+":") || !strings.Contains(dup[0], "repeats line 416 of "+cfg.Punches) {
		t.Fatalf("DUPLICATE_ROW rejects %q", dup)
	}
	for _, in := range res.Manifest.Inputs {
		if in.Name == "oncall" && (in.LinesRead != 2 || in.LinesRejected != 1 || in.LinesAccepted != 0) {
			t.Errorf("oncall accounting %+v", in)
		}
	}
}

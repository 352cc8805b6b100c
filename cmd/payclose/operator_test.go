package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/payclose/payclose/fixtures"
)

// Every command's --help shows an example invocation.
func TestHelpHasExample(t *testing.T) {
	app := newApp(nil, nil)
	for _, c := range app.Commands {
		code, out, errs := runCLI(t, c.Name, "--help")
		if code != exitOK {
			t.Errorf("%s --help: exit %d %s", c.Name, code, errs)
		}
		if !strings.Contains(out, "Example") || !strings.Contains(out, "payclose "+c.Name) {
			t.Errorf("%s --help shows no example:\n%s", c.Name, out)
		}
	}
	if _, out, _ := runCLI(t, "--help"); !strings.Contains(out, "Example") {
		t.Errorf("payclose --help shows no example:\n%s", out)
	}
}

// A punch file that is not CSV (an image exported by mistake) fails with exit 1 and names the file.
func TestNotCSVExitsOne(t *testing.T) {
	dir := t.TempDir()
	if err := fixtures.WriteSample(dir); err != nil {
		t.Fatal(err)
	}
	png := filepath.Join(dir, "timecards.png")
	if err := os.WriteFile(png, []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errs := runCLI(t, "run", "--punches", png, "--roster", filepath.Join(dir, "roster.csv"),
		"--schedule", filepath.Join(dir, "schedule.csv"), "--week", fixtures.SampleWeek, "--out", filepath.Join(dir, "out"), "--progress", "off")
	if code != exitFailed || !strings.Contains(errs, png) {
		t.Fatalf("exit %d, stderr %q: want 1 and the file named", code, errs)
	}
}

// Without a terminal the close logs plain progress lines (JSON with --log-format json) with counts
// only: no employee names and no rates of pay at info level.
func TestProgressLogLines(t *testing.T) {
	dir := t.TempDir()
	code, _, errs := runCLI(t, "run", "--sample", "--out", filepath.Join(dir, "out"), "--progress", "log", "--log-format", "json")
	if code != exitRejects {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var done map[string]any
	sc := bufio.NewScanner(strings.NewReader(errs))
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("not a JSON log line: %q", sc.Text())
		}
		if m["msg"] == "progress done" {
			done = m
		}
	}
	if done == nil {
		t.Fatalf("no final progress line in:\n%s", errs)
	}
	if done["rows_read"].(float64) < 952 || done["employees_done"].(float64) < 66 {
		t.Errorf("final progress line %v: want all 952 punch rows read and the 66 employees done", done)
	}
	data, _ := fixtures.Sample.ReadFile("sample/roster.csv")
	recs, err := csv.NewReader(strings.NewReader(string(data))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range recs[0] {
		col[h] = i
	}
	for _, r := range recs[1:] {
		// Each roster row gives an hourly rate or an annual salary, not both.
		name, rate := r[col["NAME"]], r[col["BASE_RATE"]]+r[col["ANNUAL_SALARY"]]
		// A rate as a JSON value; a bare substring would match the fractions of timestamps.
		if strings.Contains(errs, name) || strings.Contains(errs, ":"+rate) || strings.Contains(errs, `"`+rate+`"`) {
			t.Errorf("log output contains a roster name or rate (%q, %q)", name, rate)
		}
	}
}

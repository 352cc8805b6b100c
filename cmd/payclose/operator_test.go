package main

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/payclose/payclose/fixtures"
	"github.com/shopspring/decimal"
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
	// The values logged, less the clock and the speeds: a time such as 15:42:26.80 or a speed
	// of 62000 rows/s is a measurement that can equal a rate of pay by chance.
	var values []string
	sc := bufio.NewScanner(strings.NewReader(errs))
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			t.Fatalf("not a JSON log line: %q", sc.Text())
		}
		if m["msg"] == "progress done" {
			done = m
		}
		for k, v := range m {
			if k != "time" && k != "elapsed" && !strings.HasSuffix(k, "_per_s") {
				values = append(values, fmt.Sprint(v))
			}
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
		for _, v := range values {
			if strings.Contains(v, name) || sameNumber(v, rate) {
				t.Errorf("log output contains a roster name or rate (%q, %q): %q", name, rate, v)
			}
		}
	}
}

// sameNumber says whether a logged value and a roster rate are the same number (26.8 and "26.80").
func sameNumber(logged, rate string) bool {
	a, errA := decimal.NewFromString(logged)
	b, errB := decimal.NewFromString(rate)
	return errA == nil && errB == nil && a.Equal(b)
}

package pipeline_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/pipeline"
	"github.com/payclose/payclose/rates"
)

// chromium returns the headless Chromium binary. The test is skipped only when
// PAYCLOSE_SKIP_CHROMIUM=1 says so; a missing browser is a failure (.ci/run installs it).
func chromium(t *testing.T) string {
	t.Helper()
	if os.Getenv("PAYCLOSE_SKIP_CHROMIUM") == "1" {
		t.Skip("PAYCLOSE_SKIP_CHROMIUM=1")
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Fatal("no chromium on PATH: apt-get install -y chromium (or set PAYCLOSE_SKIP_CHROMIUM=1 to skip this test)")
	return ""
}

// renderDOM loads a file in headless Chromium and returns the DOM after load and the console
// messages the page logged.
func renderDOM(t *testing.T, bin, file string) (dom string, console []string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--no-first-run", "--user-data-dir="+t.TempDir(),
		"--enable-logging=stderr", "--v=0", "--dump-dom", "file://"+file)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("chromium: %v\n%s", err, stderr.String())
	}
	for _, l := range strings.Split(stderr.String(), "\n") {
		if strings.Contains(l, ":CONSOLE") {
			console = append(console, l)
		}
	}
	return string(out), console
}

// The console check catches what it is for: a page that logs an error.
func TestChromiumSeesConsoleErrors(t *testing.T) {
	bin := chromium(t)
	p := filepath.Join(t.TempDir(), "bad.html")
	os.WriteFile(p, []byte(`<!DOCTYPE html><html><body><script>console.error("planted")</script></body></html>`), 0o644)
	if _, console := renderDOM(t, bin, p); len(console) == 0 || !strings.Contains(console[0], "planted") {
		t.Fatalf("console %q, want the planted error", console)
	}
}

// The close report in a real browser: week 2026-11-15 is closed with employee 300201's salary at
// a third (62400.00 / 3 = 20800.00 a year: 400.00 a week instead of 1200.00), then week
// 2026-11-22 with the true roster. The report of the second close loads with no console message,
// shows the manifest's totals, and lists 300201 (+200.0%, a 3x move) first in the variance table.
func TestReportInChromium(t *testing.T) {
	bin := chromium(t)
	out := filepath.Join(t.TempDir(), "out")
	cfg := sampleConfig(t, out)
	cfg.Weeks = 1
	orig, err := os.ReadFile(cfg.Roster)
	if err != nil {
		t.Fatal(err)
	}
	planted := strings.Replace(string(orig), "300201,Nora Fitzgerald,NONUNIT_NONEXEMPT,,62400.00,", "300201,Nora Fitzgerald,NONUNIT_NONEXEMPT,,20800.00,", 1)
	if planted == string(orig) {
		t.Fatal("sample roster changed: 300201's salary row not found")
	}
	first := cfg
	first.Roster = filepath.Join(t.TempDir(), "roster.csv")
	os.WriteFile(first.Roster, []byte(planted), 0o644)
	first.Limits.MinRate = rates.Dollars(5, 0) // 400.00 / 40 h = 10.00 an hour, below the profile's floor
	if _, err := pipeline.Run(context.Background(), first); err != nil {
		t.Fatal(err)
	}
	second := cfg
	second.Week, _ = calendars.ParseISODate("2026-11-22")
	res, err := pipeline.Run(context.Background(), second)
	if err != nil {
		t.Fatal(err)
	}
	m := res.Manifest
	page := filepath.Join(out, "report.html")
	raw, err := os.ReadFile(page)
	if err != nil {
		t.Fatal(err)
	}
	if regexp.MustCompile(`(?i)(src|href)\s*=|url\(|@import|<script`).Match(raw) {
		t.Error("report.html refers to another resource or has a script: it must be self-contained")
	}
	dom, console := renderDOM(t, bin, page)
	if len(console) > 0 {
		t.Errorf("console messages: %q", console)
	}
	text := func(id string) string {
		mm := regexp.MustCompile(`id="` + id + `"[^>]*>([^<]*)<`).FindStringSubmatch(dom)
		if mm == nil {
			t.Fatalf("no #%s in the rendered page", id)
		}
		return mm[1]
	}
	if got := text("total-gross"); got != m.Totals.Gross {
		t.Errorf("page gross %s, manifest %s", got, m.Totals.Gross)
	}
	if got := text("total-employees"); got != itoa(m.Totals.Employees) {
		t.Errorf("page employees %s, manifest %d", got, m.Totals.Employees)
	}
	if got := text("total-pay-lines"); got != itoa(m.Totals.PayLines) {
		t.Errorf("page pay lines %s, manifest %d", got, m.Totals.PayLines)
	}
	// Gross by rule set and by pay code, cell by cell.
	row := regexp.MustCompile(`<tr data-(rule-set|pay-code)="([^"]+)"><td>[^<]*</td><td class="n">([^<]*)</td><td class="n">([^<]*)</td></tr>`)
	gotRS, gotPC := map[string]string{}, map[string]string{}
	for _, mm := range row.FindAllStringSubmatch(dom, -1) {
		if mm[1] == "rule-set" {
			gotRS[mm[2]] = mm[4]
		} else {
			gotPC[mm[2]] = mm[4]
			// The page shows hours to the hundredth: the manifest's, rounded once.
			h, _ := rates.ParseHours(m.Totals.HoursByPayCode[mm[2]])
			if want := rates.Money(rates.Round(int64(h), 100)).String(); mm[3] != want {
				t.Errorf("pay code %s: page hours %s, manifest %s", mm[2], mm[3], m.Totals.HoursByPayCode[mm[2]])
			}
		}
	}
	wantPC := map[string]int64{}
	for rs, codes := range m.Totals.GrossByRuleSet {
		var sum int64
		for pc, a := range codes {
			sum += cents(t, a)
			wantPC[pc] += cents(t, a)
		}
		if gotRS[rs] != rates.Money(sum).String() {
			t.Errorf("rule set %s: page %s, manifest %s", rs, gotRS[rs], rates.Money(sum))
		}
	}
	if len(gotRS) != len(m.Totals.GrossByRuleSet) || len(gotPC) != len(wantPC) {
		t.Errorf("page lists %d rule sets and %d pay codes, manifest %d and %d", len(gotRS), len(gotPC), len(m.Totals.GrossByRuleSet), len(wantPC))
	}
	for pc, c := range wantPC {
		if gotPC[pc] != rates.Money(c).String() {
			t.Errorf("pay code %s: page %s, manifest %s", pc, gotPC[pc], rates.Money(c))
		}
	}
	// The variance table: the planted 3x move first.
	i := strings.Index(dom, `id="variance-employees"`)
	if i < 0 {
		t.Fatal("no variance table")
	}
	firstRow := regexp.MustCompile(`<tr data-employee="([^"]+)"[^>]*>(.*?)</tr>`).FindStringSubmatch(dom[i:])
	if firstRow == nil || firstRow[1] != "300201" || !strings.Contains(firstRow[2], "400.00") || !strings.Contains(firstRow[2], "1200.00") || !strings.Contains(firstRow[2], "+200.0%") {
		t.Errorf("first variance row %q, want 300201 400.00 -> 1200.00 +200.0%%", firstRow)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

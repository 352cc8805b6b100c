package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// readmeSection returns README.md's text from the heading to the next heading of its level.
func readmeSection(t *testing.T, heading string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	i := strings.Index(s, "\n"+heading+"\n")
	if i < 0 {
		t.Fatalf("README.md has no %q", heading)
	}
	s = s[i+len(heading)+2:]
	level := heading[:strings.Index(heading, " ")+1]
	if j := strings.Index(s, "\n"+level); j >= 0 {
		s = s[:j]
	}
	return s
}

// The commands of README "Running a close", run as a new user would from the repository root
// (bin/payclose built by the test, /tmp paths replaced by temporary directories): the sample close
// exits 3 for its deliberate bad rows and rejects no row as OUT_OF_WEEK; the generated week closes.
func TestReadmeCommands(t *testing.T) {
	sec := readmeSection(t, "## Running a close")
	block := regexp.MustCompile("(?s)```sh\n(.*?)```").FindStringSubmatch(sec)
	if block == nil {
		t.Fatal("README \"Running a close\" has no sh block")
	}
	bin := buildBinary(t)
	root, _ := filepath.Abs(filepath.Join("..", ".."))
	out := filepath.Join(t.TempDir(), "payroll")
	script := strings.ReplaceAll(block[1], "make build\n", "")
	if strings.Count(script, "/tmp/") != strings.Count(script, "/tmp/payroll") || !strings.Contains(script, "fixtures/sample/") {
		t.Fatalf("README block changed, update this test:\n%s", block[1])
	}
	script = strings.ReplaceAll(script, "/tmp/payroll", out)
	script = strings.ReplaceAll(script, "bin/payclose", bin)
	cmd := exec.Command("bash", "-c", script)
	cmd.Dir = root
	stdout, err := cmd.Output()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 3 {
		t.Fatalf("sample close: %v, want exit 3 (the sample's bad rows)\n%s", err, stdout)
	}
	if strings.Contains(string(stdout), "OUT_OF_WEEK") {
		t.Errorf("the README's close rejects rows as OUT_OF_WEEK:\n%s", stdout)
	}
	if _, err := os.Stat(filepath.Join(out, "report.html")); err != nil {
		t.Error(err)
	}

	gen := regexp.MustCompile("`(bin/payclose gen [^`]*)`").FindStringSubmatch(sec)
	if gen == nil {
		t.Fatal("README \"Running a close\" does not show payclose gen")
	}
	week := filepath.Join(t.TempDir(), "week")
	g := strings.ReplaceAll(strings.ReplaceAll(gen[1], "bin/payclose", bin), "/tmp/week", week)
	if b, err := exec.Command("bash", "-c", g).CombinedOutput(); err != nil {
		t.Fatalf("%s: %v\n%s", g, err, b)
	}
	for _, f := range []string{"punches.csv", "roster.csv", "schedule.csv"} {
		if !strings.Contains(sec, "/tmp/week/"+f) && !strings.Contains(sec, "`"+f+"`") {
			t.Errorf("README does not name %s", f)
		}
	}
	c := exec.Command(bin, "run", "--punches", filepath.Join(week, "punches.csv"), "--roster", filepath.Join(week, "roster.csv"),
		"--schedule", filepath.Join(week, "schedule.csv"), "--week", "2026-11-15", "--out", filepath.Join(t.TempDir(), "o"), "--progress", "off")
	if b, err := c.CombinedOutput(); err != nil && !(errors.As(err, &ee) && ee.ExitCode() == 3) {
		t.Fatalf("close of the generated week: %v\n%s", err, b)
	}
}

// Issue 17 rough edge 3: explain --help's own examples run from the repository root (the ones that
// need no ledger), and its JSON has [] where a list is empty, never null.
func TestExplainHelpExamplesRun(t *testing.T) {
	bin := buildBinary(t)
	root, _ := filepath.Abs(filepath.Join("..", ".."))
	var desc string
	for _, c := range newApp(nil, nil).Commands {
		if c.Name == "explain" {
			desc = c.Description
		}
	}
	examples := regexp.MustCompile(`(?m)^ *(payclose explain(?:[^\n]*\\\n)*[^\n]*)$`).FindAllStringSubmatch(desc, -1)
	ran := 0
	for _, ex := range examples {
		line := strings.ReplaceAll(ex[1], "\\\n", " ")
		if strings.Contains(line, "--against") {
			continue // needs a ledger with that run
		}
		cmd := exec.Command("bash", "-c", strings.Replace(line, "payclose", bin, 1))
		cmd.Dir = root
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Errorf("%s: %v\n%s", line, err, out)
		}
		if strings.Contains(line, "json") && strings.Contains(string(out), "null") {
			t.Errorf("%s: JSON has null", line)
		}
		ran++
	}
	if ran < 2 {
		t.Fatalf("ran %d examples of explain --help:\n%s", ran, desc)
	}
	out, _ := exec.Command(bin, "explain", "--sample", "--employee", "999999", "--format", "json").CombinedOutput()
	if strings.Contains(string(out), "null") || !strings.Contains(string(out), "no input row has this PERSONNUM") {
		t.Errorf("explain of an unknown id:\n%s", out)
	}
}

// Issue 17 rough edge 7: help lists only flags that do something in that command, and --out as
// what it is there.
func TestHelpListsOnlyWorkingFlags(t *testing.T) {
	for cmd, absent := range map[string][]string{
		"validate": {"--pay-week", "--lock-wait", "Parquet", "payroll ledger"},
		"explain":  {"--workers", "--shard", "--pay-week", "--lock-wait", "Parquet", "payroll ledger"},
	} {
		_, out, _ := runCLI(t, cmd, "--help")
		for _, a := range absent {
			if strings.Contains(out, a) {
				t.Errorf("%s --help lists %s", cmd, a)
			}
		}
		if !strings.Contains(out, "--out") {
			t.Errorf("%s --help has no --out", cmd)
		}
	}
	if code, _, _ := runCLI(t, "explain", "--sample", "--employee", "100109", "--workers", "2"); code != exitUsage {
		t.Errorf("explain --workers: exit %d, want 2 (no such flag there)", code)
	}
}

// Issue 17 rough edges 4 and 8: validate --sample without --out writes its reports into the
// current directory, mode 0644 like a close's; the summaries name the reports by full path, and a
// close's lists every output (accruals, register, journal and report included), for a sharded close
// too.
func TestReportsWhereTheSummarySays(t *testing.T) {
	bin := buildBinary(t)
	cwd := t.TempDir()
	cmd := exec.Command(bin, "validate", "--sample", "--progress", "off")
	cmd.Dir = cwd
	out, _ := cmd.Output()
	want := filepath.Join(cwd, "rejects.csv")
	if !strings.Contains(string(out), "(see "+want+")") {
		t.Errorf("validate summary does not name %s:\n%s", want, out)
	}
	for _, f := range []string{"rejects.csv", "exceptions.csv"} {
		fi, err := os.Stat(filepath.Join(cwd, f))
		if err != nil {
			t.Fatalf("validate --sample wrote no %s in the current directory: %v", f, err)
		}
		if fi.Mode().Perm() != 0o644 {
			t.Errorf("%s: mode %v, want 0644", f, fi.Mode().Perm())
		}
	}
	for _, shard := range []string{"", "1/2"} {
		led := filepath.Join(t.TempDir(), "out")
		args := []string{"run", "--sample", "--out", led, "--progress", "off"}
		if shard != "" {
			args = append(args, "--shard", shard)
		}
		out, _ := exec.Command(bin, args...).Output()
		s := string(out)
		for _, w := range []string{"accruals/", "register/", "journal/", "report.html", filepath.Join(led, "runs") + "/"} {
			if !strings.Contains(s, w) {
				t.Errorf("shard %q: summary does not name %s:\n%s", shard, w, s)
			}
		}
		m := regexp.MustCompile(`\(see (\S+rejects\.csv)\)`).FindStringSubmatch(s)
		if m == nil || strings.Contains(m[1], "shard") {
			t.Fatalf("shard %q: rejects path %v", shard, m)
		}
		if _, err := os.Stat(m[1]); err != nil {
			t.Errorf("shard %q: the summary's rejects file: %v", shard, err)
		}
	}
}

// Issue 17 rough edges 1 and 9: the README links no file outside the repository (a clone has no
// ../shared), every relative link resolves, and it says what each step of make test runs.
func TestReadmeLinksAndMakeTest(t *testing.T) {
	root := filepath.Join("..", "..")
	b, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	for _, m := range regexp.MustCompile(`\]\(([^)#]+)[^)]*\)`).FindAllStringSubmatch(readme, -1) {
		link := m[1]
		if strings.Contains(link, "://") {
			continue
		}
		if strings.HasPrefix(link, "..") {
			t.Errorf("README links %s, outside the repository", link)
			continue
		}
		if _, err := os.Stat(filepath.Join(root, link)); err != nil {
			t.Errorf("README link %s: %v", link, err)
		}
	}
	mk, err := os.ReadFile(filepath.Join(root, "Makefile"))
	if err != nil {
		t.Fatal(err)
	}
	sec := readmeSection(t, "## Two commands")
	if !strings.Contains(sec, "What `make test` runs, and how long") {
		t.Fatal("README \"Two commands\" does not say what make test runs and how long")
	}
	for _, step := range []string{"gofmt", "race-enabled tests", "DuckDB", "fuzz"} {
		if !strings.Contains(string(mk), `@echo "== `) || !strings.Contains(strings.ToLower(sec), strings.ToLower(step)) {
			t.Errorf("README's make test table does not name the step %q", step)
		}
	}
}

package all

import (
	"bufio"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// ruleLiteral is a rule id as code or a profile writes it: a quoted string such as "SHARE-OT-A".
var ruleLiteral = regexp.MustCompile(`"((?:SHARE|PSU|NU|ESL|NUT|SEL|ENG)-[A-Z0-9.]+(?:-[A-Z0-9.]+)*)"`)

// profileRuleID is a rule id a profile names: the value of a rule_id-like key (a chart name such
// as "PSU-20.1" is not one).
var profileRuleID = regexp.MustCompile(`"[a-z_]*rule(?:_id)?"\s*:\s*"((?:SHARE|PSU|NU|ESL|NUT|SEL|ENG)-[A-Z0-9.]+(?:-[A-Z0-9.]+)*)"`)

// catalogID is a rule id where the catalog defines it: at the start of a heading or of a bold
// paragraph ("### PSU-39.2 — …", "**SHARE-OC-E On-call pay resumes.**", "- **SHARE-SHIFT-RS-1** …").
var catalogID = regexp.MustCompile(`^(?:#+\s+|-\s+)?\**((?:SHARE|PSU|NU|ESL|NUT|SEL|ENG)-[A-Za-z0-9.]+(?:-[A-Za-z0-9.]+)*)`)

// testID is a rule id as a test names it, quoted or in prose.
var testID = regexp.MustCompile(`(?:SHARE|PSU|NU|ESL|NUT|SEL|ENG)-[A-Za-z0-9.]+(?:-[A-Za-z0-9.]+)*`)

// testFunc is a test function; TestSHARE_OC_E and TestSHARE_OC_E_overlap name SHARE-OC-E.
var testFunc = regexp.MustCompile(`func (Test[A-Za-z0-9_]+)\(`)

// testName is the form a rule id takes in a test function's name.
var testName = strings.NewReplacer("-", "_", ".", "_")

// noReason is the generic status the first RULES.md carried; it says nothing about why a rule has
// no line, so it is not accepted as the reason of an untested catalog rule.
const noReason = "no line carries the id"

// coverage is what the rule-coverage check compares: the catalog (nil when ../shared/rules is not
// checked out next to the repository), docs/RULES.md (id -> status), the ids that non-test code
// and profiles emit (id -> first file), and the ids that tests name.
type coverage struct {
	catalog map[string]bool
	doc     map[string]string
	used    map[string]string
	tested  map[string]bool
	funcs   []string // test function names
}

// named reports whether a test names the rule, in prose or as its function name.
func (c coverage) named(id string) bool {
	if c.tested[id] {
		return true
	}
	fn := "Test" + testName.Replace(id)
	for _, f := range c.funcs {
		if f == fn || strings.HasPrefix(f, fn+"_") {
			return true
		}
	}
	return false
}

// problems lists every way the code, the tests, docs/RULES.md and the catalog disagree.
func (c coverage) problems() []string {
	var out []string
	for id, file := range c.used {
		if c.catalog != nil && !c.catalog[id] {
			out = append(out, fmt.Sprintf("%s is emitted by %s but is not a rule of the catalog (../shared/rules)", id, file))
		}
		if c.doc[id] != "implemented" {
			out = append(out, fmt.Sprintf("%s is used in %s but docs/RULES.md says %q: list it as implemented", id, file, c.doc[id]))
		}
		if !c.named(id) {
			out = append(out, fmt.Sprintf("%s is used in %s but no test names it", id, file))
		}
	}
	for id, status := range c.doc {
		if status == "implemented" && c.used[id] == "" {
			out = append(out, fmt.Sprintf("docs/RULES.md lists %s as implemented, but no code uses it", id))
		}
		if c.catalog != nil && !c.catalog[id] {
			out = append(out, fmt.Sprintf("docs/RULES.md lists %s, which is not a rule of the catalog", id))
		}
	}
	for id := range c.catalog {
		if c.named(id) {
			continue
		}
		status, listed := c.doc[id]
		switch {
		case !listed:
			out = append(out, fmt.Sprintf("catalog rule %s is neither named by a test nor listed in docs/RULES.md", id))
		case status == "" || strings.Contains(status, noReason) || status == "tested":
			out = append(out, fmt.Sprintf("catalog rule %s is not named by a test and docs/RULES.md gives no reason (%q)", id, status))
		}
	}
	sort.Strings(out)
	return out
}

// TestRuleCoverage keeps docs/RULES.md, the rule coverage a reader of the repository sees, true,
// and ties the code to the catalog: every rule id that code or a profile can put on a pay line,
// accrual or exception is a rule of the catalog, is listed as implemented and is named by a test;
// every catalog rule is named by a test or listed with the reason it is not.
func TestRuleCoverage(t *testing.T) {
	root := filepath.Join("..", "..", "..")
	c := coverage{doc: readRulesDoc(t, filepath.Join(root, "docs", "RULES.md")), used: map[string]string{}, tested: map[string]bool{}}
	if len(c.doc) < 100 {
		t.Fatalf("docs/RULES.md lists %d rules; the catalog has several hundred", len(c.doc))
	}
	shared := filepath.Join(root, "..", "shared", "rules")
	if _, err := os.Stat(shared); err != nil {
		t.Logf("%s is absent: the check against the rule catalog is skipped", shared)
	} else {
		c.catalog = readCatalog(t, shared)
	}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); p != root && (strings.HasPrefix(n, ".") || n == "testdata" || n == "bin" || n == "out") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") && !strings.HasSuffix(p, ".json") {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if strings.HasSuffix(p, "_test.go") {
			for _, id := range testID.FindAllString(string(src), -1) {
				c.tested[strings.TrimRight(id, ".")] = true
			}
			for _, m := range testFunc.FindAllStringSubmatch(string(src), -1) {
				c.funcs = append(c.funcs, m[1])
			}
			return nil
		}
		emitted := ruleLiteral
		if strings.HasSuffix(p, ".json") {
			emitted = profileRuleID
		}
		for _, m := range emitted.FindAllStringSubmatch(string(src), -1) {
			if _, ok := c.used[m[1]]; !ok {
				c.used[m[1]] = p
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range c.problems() {
		t.Error(p)
	}
}

// TestRuleCoverageCatches: the check fails on a made-up rule id and on a catalog rule that is
// neither tested nor listed, and on one listed with the generic non-reason.
func TestRuleCoverageCatches(t *testing.T) {
	good := func() coverage {
		return coverage{
			catalog: map[string]bool{"SHARE-OT-A": true, "SHARE-G-01": true},
			doc:     map[string]string{"SHARE-OT-A": "implemented", "SHARE-G-01": "definition used by SHARE-OT-A"},
			used:    map[string]string{"SHARE-OT-A": "share/pay.go"},
			tested:  map[string]bool{"SHARE-OT-A": true},
		}
	}
	if p := good().problems(); len(p) != 0 {
		t.Fatalf("a consistent case reports %v", p)
	}
	cases := map[string]func(*coverage){
		"made-up id": func(c *coverage) {
			c.used["SHARE-OT-ZZ"] = "share/pay.go"
			c.doc["SHARE-OT-ZZ"] = "implemented"
			c.tested["SHARE-OT-ZZ"] = true
		},
		"unlisted":        func(c *coverage) { c.catalog["SHARE-OC-K"] = true },
		"no reason":       func(c *coverage) { c.catalog["SHARE-OC-K"] = true; c.doc["SHARE-OC-K"] = noReason + " (definition)" },
		"untested in use": func(c *coverage) { delete(c.tested, "SHARE-OT-A") },
	}
	want := map[string]string{"made-up id": "SHARE-OT-ZZ", "unlisted": "SHARE-OC-K", "no reason": "SHARE-OC-K", "untested in use": "SHARE-OT-A"}
	for name, edit := range cases {
		c := good()
		edit(&c)
		p := c.problems()
		if len(p) == 0 || !strings.Contains(strings.Join(p, "\n"), want[name]) {
			t.Errorf("%s: the check reports %v, want a problem naming %s", name, p, want[name])
		}
	}
}

func readRulesDoc(t *testing.T, path string) map[string]string {
	doc := map[string]string{}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		cells := strings.Split(sc.Text(), "|")
		if len(cells) < 6 || !ruleLiteral.MatchString(`"`+strings.TrimSpace(cells[1])+`"`) {
			continue
		}
		doc[strings.TrimSpace(cells[1])] = strings.TrimSpace(cells[3])
	}
	return doc
}

func readCatalog(t *testing.T, dir string) map[string]bool {
	files, err := filepath.Glob(filepath.Join(dir, "*.md"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no catalog in %s: %v", dir, err)
	}
	ids := map[string]bool{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(b), "\n") {
			if m := catalogID.FindStringSubmatch(line); m != nil {
				ids[strings.TrimRight(m[1], ".")] = true
			}
		}
	}
	return ids
}

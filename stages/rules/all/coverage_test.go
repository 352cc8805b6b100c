package all

import (
	"bufio"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// ruleLiteral is a rule id as code writes it: a quoted string such as "SHARE-OT-A".
var ruleLiteral = regexp.MustCompile(`"((?:SHARE|PSU|NU|ESL|NUT|SEL)-[A-Z0-9.]+(?:-[A-Z0-9.]+)*)"`)

// TestRuleCoverage keeps docs/RULES.md, the rule coverage a reader of the repository sees, true:
// every rule id that code can put on a pay line, accrual or exception is listed as implemented,
// every id listed as implemented is still in the code, and a test names it.
func TestRuleCoverage(t *testing.T) {
	root := filepath.Join("..", "..", "..")
	doc := map[string]string{} // rule id -> status
	f, err := os.Open(filepath.Join(root, "docs", "RULES.md"))
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
	if len(doc) < 100 {
		t.Fatalf("docs/RULES.md lists %d rules; the catalog has several hundred", len(doc))
	}

	used := map[string]string{} // rule id -> first file using it
	var tests []string
	err = filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if n := d.Name(); p != root && (strings.HasPrefix(n, ".") || n == "testdata" || n == "bin" || n == "out") {
				return filepath.SkipDir
			}
			return nil
		}
		if !strings.HasSuffix(p, ".go") {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if strings.HasSuffix(p, "_test.go") {
			tests = append(tests, string(src))
			return nil
		}
		for _, m := range ruleLiteral.FindAllStringSubmatch(string(src), -1) {
			if _, ok := used[m[1]]; !ok {
				used[m[1]] = p
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for id, file := range used {
		if doc[id] != "implemented" {
			t.Errorf("%s is used in %s but docs/RULES.md says %q: list it as implemented", id, file, doc[id])
		}
		named := false
		for _, src := range tests {
			if strings.Contains(src, id) {
				named = true
				break
			}
		}
		if !named {
			t.Errorf("%s is used in %s but no test names it", id, file)
		}
	}
	for id, status := range doc {
		if status == "implemented" && used[id] == "" {
			t.Errorf("docs/RULES.md lists %s as implemented, but no code uses it", id)
		}
	}
}

package wages

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "re-transcribe share-grades.csv from the contract text in ../shared/seeds")

// seedFile is the SHARE contract (seed 004) next to the repository; a clone without it skips the
// comparison and keeps the embedded transcription.
func seedFile(t *testing.T) string {
	t.Helper()
	m, _ := filepath.Glob(filepath.Join("..", "..", "..", "shared", "seeds", "004_*.txt"))
	if len(m) != 1 {
		t.Skipf("the SHARE contract text (../shared/seeds/004_*.txt) is not next to the repository")
	}
	return m[0]
}

var (
	gradeHeader = regexp.MustCompile(`^\t([A-Z]+[0-9]+)\t([A-Z]+[0-9]+)\t([A-Z]+[0-9]+)\t([A-Z]+[0-9]+)$`)
	dateHeader  = regexp.MustCompile(`^Grade\t(\d+)/(\d+)/(\d{4})\t(\d+)/(\d+)/(\d{4})\t(\d+)/(\d+)/(\d{4})\t(\d+)/(\d+)/(\d{4})$`)
	cellRow     = regexp.MustCompile(`^(Min|Max|Max [Cc]ap|\d+)\t(\d+\.\d\d)\t(\d+\.\d\d)\t(\d+\.\d\d)\t(\d+\.\d\d)$`)
)

// transcribe reads Appendix C of the contract text: every "\tADM3\tADM3…" table from the
// appendix heading to Appendix D, every row, every cell, as share-grades.csv. Anything inside a
// table that is not a row of four cents values is an error, so nothing is skipped silently.
func transcribe(text []byte) ([]byte, int, error) {
	var out bytes.Buffer
	sc := bufio.NewScanner(bytes.NewReader(text))
	in, tables, n := false, 0, 0
	grade, header := "", ""
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		switch {
		case strings.HasPrefix(line, "Appendix C – SHARE Pay Grades"):
			in = true
			continue
		case strings.HasPrefix(line, "Appendix D"):
			in = false
		}
		if !in {
			continue
		}
		if m := gradeHeader.FindStringSubmatch(line); m != nil {
			if m[1] != m[2] || m[1] != m[3] || m[1] != m[4] {
				return nil, 0, fmt.Errorf("line %d: a table headed by several grades: %q", n, line)
			}
			grade = m[1]
			tables++
			continue
		}
		if m := dateHeader.FindStringSubmatch(line); m != nil {
			if grade == "" {
				return nil, 0, fmt.Errorf("line %d: dates with no grade above", n)
			}
			h := "GRADE,ROW"
			for i := 1; i < len(m); i += 3 {
				h += fmt.Sprintf(",%s-%02s-%02s", m[i+2], pad(m[i]), pad(m[i+1]))
			}
			if header == "" {
				header = h
				out.WriteString(h + "\n")
			} else if h != header {
				return nil, 0, fmt.Errorf("line %d: %s has columns %s, the first table %s", n, grade, h, header)
			}
			continue
		}
		if grade == "" {
			continue // the appendix's introduction and its NSG4 example
		}
		if line == "" {
			grade = ""
			continue
		}
		m := cellRow.FindStringSubmatch(line)
		if m == nil {
			return nil, 0, fmt.Errorf("line %d: in table %s, not a row of four rates: %q", n, grade, line)
		}
		row := m[1]
		if strings.EqualFold(row, "Max cap") {
			row = "Max cap" // TEC tables spell it "Max Cap"
		}
		fmt.Fprintf(&out, "%s,%s,%s,%s,%s,%s\n", grade, row, m[2], m[3], m[4], m[5])
	}
	if tables == 0 {
		return nil, 0, fmt.Errorf("no Appendix C tables found")
	}
	return out.Bytes(), tables, sc.Err()
}

func pad(s string) string {
	if len(s) == 1 {
		return "0" + s
	}
	return s
}

// TestGradeTablesMatchSeed: the embedded share-grades.csv is, byte for byte, the transcription of
// Appendix C of the contract text (27 tables). With -update it rewrites the file from the text.
func TestGradeTablesMatchSeed(t *testing.T) {
	text, err := os.ReadFile(seedFile(t))
	if err != nil {
		t.Fatal(err)
	}
	got, tables, err := transcribe(text)
	if err != nil {
		t.Fatal(err)
	}
	if tables != 27 {
		t.Errorf("Appendix C has %d grade tables, the catalog counts 27", tables)
	}
	if *update {
		if err := os.WriteFile(gradesFile, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(gradesFile)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from Appendix C of the contract text; run go test ./rates/wages -run TestGradeTablesMatchSeed -update and review the diff", gradesFile)
	}
}

package pipeline

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/payclose/payclose/stages/ingest"
)

// A shuffled export parsed in two halves at once (splitBytes lowered) closes to the same files,
// byte for byte, as one reader, whole and by shard: rejects with their line numbers in both
// halves, CRLF line endings, a cut right after the header, and quoted fields and an unclosed quote
// in the first half (a record is one line, so a quote does not keep the export from being cut).
func TestExportReadInTwoHalvesClosesLikeOneReader(t *testing.T) {
	dir, _, lines := sampleExport(t)
	body := append([]string(nil), lines[1:]...)
	rand.New(rand.NewSource(8)).Shuffle(len(body), func(i, j int) { body[i], body[j] = body[j], body[i] })
	// A quoted name first, and a quote the row does not close (rejected, and reading goes on with
	// the next line).
	for i, l := range body {
		if strings.Contains(l, `"`) {
			body[0], body[i] = body[i], body[0]
			break
		}
	}
	body = append([]string{`100101,"Santos, Maria,11/16/2026,,11/16/2026 6:56,11/16/2026 11:01,,UMMH/MED/4EAST/RN/-/-/-,`}, body...)
	header := lines[0]
	for _, c := range []struct {
		name, header, newline string
	}{
		{"lf", header, "\n"},
		{"crlf", header, "\r\n"},
		// A header longer than the rows (blanks after its last name are trimmed): the first line
		// start past the middle is the first row's.
		{"after-header", header + strings.Repeat(" ", len(strings.Join(body, "\n"))+10), "\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			sub := filepath.Join(dir, c.name)
			if err := os.Mkdir(sub, 0o755); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(sub, "punches.csv")
			data := []byte(c.header + c.newline + strings.Join(body, c.newline) + c.newline)
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
			mid, err := ingest.SplitPoint(bytes.NewReader(data), int64(len(data)))
			if err != nil || mid <= 0 || mid >= int64(len(data)) {
				t.Fatalf("no cut: %d, %v", mid, err)
			}
			if c.name == "after-header" && mid != int64(len(c.header)+1) {
				t.Fatalf("cut at %d, want right after the header (%d)", mid, len(c.header)+1)
			}
			if !bytes.Contains(data[:mid], []byte(`"`)) && c.name != "after-header" {
				t.Fatal("no quote in the first half")
			}
			first := strings.Count(string(data[:mid]), "\n") // the first half's lines

			defer func(old, parts int64) { splitBytes, partitionBytes = old, parts }(splitBytes, partitionBytes)
			partitionBytes = 8 << 10 // several partitions, each with rows of both halves
			closeBoth := func(name string, opts ...func(*Config)) map[string][]byte {
				splitBytes = 1 << 62
				one := filepath.Join(sub, name+"-one")
				closeWithRunID(t, dir, path, one, modePartitioned, opts...)
				splitBytes = 0
				two := filepath.Join(sub, name+"-two")
				closeWithRunID(t, dir, path, two, modePartitioned, opts...)
				a, z := tree(t, one), tree(t, two)
				for name, want := range a {
					if strings.HasSuffix(name, "manifest.json") {
						continue // timings
					}
					if !bytes.Equal(want, z[name]) {
						t.Errorf("%s differs between one reader and two", name)
					}
				}
				if len(a) != len(z) {
					t.Errorf("%d files from one reader, %d from two", len(a), len(z))
				}
				return a
			}
			a := closeBoth("out")
			for shard := 0; shard < 2; shard++ {
				closeBoth(fmt.Sprintf("out-shard-%d", shard), func(c *Config) { c.Shard, c.Shards = shard, 2 })
			}
			// Rejected punch rows on both sides of the cut.
			recs, err := csv.NewReader(bytes.NewReader(a["runs/0123456789abcdef/rejects.csv"])).ReadAll()
			if err != nil || len(recs) < 2 {
				t.Fatalf("rejects.csv: %v", err)
			}
			var before, after int
			for _, r := range recs[1:] {
				if !strings.HasSuffix(r[0], "punches.csv") {
					continue
				}
				if n, _ := strconv.Atoi(r[1]); n <= first {
					before++
				} else {
					after++
				}
			}
			if before == 0 && c.name != "after-header" || after == 0 {
				t.Errorf("punch rejects: %d in the first half, %d in the second", before, after)
			}
			t.Logf("cut after line %d: %d punch rejects before it, %d after", first, before, after)
		})
	}
}

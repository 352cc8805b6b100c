package handoff

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/emit"
	"github.com/payclose/payclose/stages/model"
)

// varianceWeeks writes weeks of pay lines and accruals in several parts, employees in no sorted
// order and in a different order from week to week, with employees that have accrual rows but no
// pay lines and pay lines but no accrual rows, and grosses that move little, a lot, appear and
// disappear, so that the report's variance lists flagged rows, unflagged rows and a cut.
func varianceWeeks(t *testing.T, starts []calendars.Date, rowGroup int64) ([]Week, []int64) {
	t.Helper()
	ids := []string{"1", "a,b", `q"uote`, " lead", `\.`, "z", "Z9", "m"}
	codes := []string{"REG", "OT", "SICK", "CALLBACK", "VACATION"}
	accts := []string{"A/B/C/D", "A/B/E/F", "G/H/I/J", `X,Y/"Z"/W`}
	dir := t.TempDir()
	var weeks []Week
	var grosses []int64
	for wi, start := range starts {
		w := Week{Start: start}
		var gross int64
		const n = 900
		// a permutation of the employees that differs by week
		order := make([]int, n)
		for i := range order {
			order[i] = (i*[]int{7, 11, 13}[wi%3] + 13*wi) % n
		}
		parts := 3 - wi%2
		for p := 0; p < parts; p++ {
			var ls []model.PayLine
			var acc []model.Accrual
			for _, e := range order[p*n/parts : (p+1)*n/parts] {
				id := fmt.Sprintf("%s-%04d", ids[e%len(ids)], e*37%1000)
				pay := !(e%29 == wi) // a few employees without pay lines in each week (gone, new)
				if pay {
					for j := 0; j < 1+e%3; j++ {
						amt := int64(10000 + e*13 + j*700)
						switch {
						case e%5 == 0:
							amt = amt * int64(2+wi) / 2 // moves a lot
						case e%7 == 0:
							amt += int64(wi * 11)
						}
						if e%61 == 0 {
							amt = -amt
						}
						gross += amt
						ls = append(ls, model.PayLine{Employee: id, RuleSet: []string{"SHARE", "PSU", "NONUNIT"}[e%3], WorkDate: start + calendars.Date(j%7),
							PayCode: codes[(e+j)%len(codes)], Seconds: int64(3600 * (1 + j + e%9)), Rate: rates.Dollars(int64(20+(e+j+wi)%4), 0),
							Amount: rates.Money(amt), RuleID: "R", Account: accts[(e/3+j+wi)%len(accts)]})
					}
				}
				if e%11 != 3 { // some employees have no accrual rows
					for b, bank := range []string{"SICK", "VACATION"} {
						d := int64((e*31+b*17)%200 - 60)
						if e%13 == 0 {
							d = 0
						}
						acc = append(acc, model.Accrual{Week: start, Employee: id, RuleSet: "SHARE", Bank: bank,
							Opening: rates.Hours(500000), Closing: rates.Hours(500000 + d*1000), RuleID: "R"})
					}
				}
			}
			pf := filepath.Join(dir, fmt.Sprintf("pay-%d-%d.parquet", wi, p))
			af := filepath.Join(dir, fmt.Sprintf("acc-%d-%d.parquet", wi, p))
			writeParquet(t, pf, func(f *os.File) error {
				pw, err := emit.NewPayLineWriter(f, "r1", emit.ParquetOptions{RowGroupRows: rowGroup})
				if err != nil {
					return err
				}
				if err := pw.Write(ls); err != nil {
					return err
				}
				return pw.Close()
			})
			writeParquet(t, af, func(f *os.File) error {
				aw, err := emit.NewAccrualWriter(f, "r1", emit.ParquetOptions{RowGroupRows: rowGroup})
				if err != nil {
					return err
				}
				if err := aw.Write(acc); err != nil {
					return err
				}
				return aw.Close()
			})
			w.PayLines = append(w.PayLines, pf)
			w.Accruals = append(w.Accruals, af)
		}
		weeks = append(weeks, w)
		grosses = append(grosses, gross)
	}
	return weeks, grosses
}

func writeParquet(t *testing.T, path string, write func(*os.File) error) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := write(f); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// The accrual liability and the report's variance (against the ledger's week before, kept to a
// shard's employees or not, and between the weeks of a multi-week close) are byte for byte what
// the hand-off wrote when it held every employee of a week in a map (sha256 taken at 6762cc3),
// whether the weeks' employees stay in memory or are sorted in runs on disk, and whatever the
// files' row groups; the runs are removed.
func TestHandoffVarianceBytesUnchanged(t *testing.T) {
	defer func(b int) { runBytes = b }(runBytes)
	sizes := []int{runBytes, 1 << 10}
	for _, rg := range []int64{0, 300} {
		for _, rb := range sizes {
			runBytes = rb
			t.Run(fmt.Sprintf("rowgroup=%d,run=%d", rg, rb), func(t *testing.T) { testVarianceBytes(t, rg) })
		}
	}
}

func testVarianceBytes(t *testing.T, rowGroup int64) {
	w0, _ := calendars.ParseISODate("2026-11-01")
	weeks, grosses := varianceWeeks(t, []calendars.Date{w0, w0 + 7, w0 + 14}, rowGroup)
	scratch := t.TempDir()
	keep := func(e string) bool { return !strings.HasPrefix(e, "Z") && !strings.HasPrefix(e, "m") }
	cases := []struct {
		name string
		in   *Input
		want string
	}{
		{"previous", &Input{Weeks: weeks[2:], Previous: &weeks[1], Gross: grosses[2]}, "dbadc020a700053bca385420b4e0bcd362801f1c6e1b6d70460c4378aa1674e0"},
		{"previous, kept", &Input{Weeks: weeks[2:], Previous: &weeks[1], Gross: grosses[2], Keep: keep}, "487f8e24fc96dcc70955410cb4a6d8c28703b7ef4a203189bb8e05abca6965b3"},
		{"no previous", &Input{Weeks: weeks[1:2], Gross: grosses[1]}, "59739e525901c9d4e6ad40238b39f705f4de063676cb74657de90e318e720cbf"},
		{"three weeks", &Input{Weeks: weeks, Gross: grosses[0] + grosses[1] + grosses[2]}, "6ace13ea52d9c329a3f46d66f4e7a6b6411a5102f991f9a875699b395f11548e"},
	}
	for _, c := range cases {
		c.in.RunID, c.in.Manifest, c.in.Scratch = "r1", &emit.Manifest{}, scratch
		files := memFiles{}
		if err := Write(c.in, Options{}, files.create); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		if left, _ := os.ReadDir(scratch); len(left) > 0 {
			t.Errorf("%s: %d files left in the scratch directory", c.name, len(left))
		}
		var names []string
		for name := range files {
			if !strings.HasSuffix(name, ".parquet") {
				names = append(names, name)
			}
		}
		sort.Strings(names)
		h := sha256.New()
		for _, name := range names {
			fmt.Fprintf(h, "%s %d\n", name, files[name].Len())
			h.Write(files[name].Bytes())
		}
		got := hex.EncodeToString(h.Sum(nil))
		t.Logf("%s: %s", c.name, got)
		if c.want != "" && got != c.want {
			t.Errorf("%s: sha256 %s, want %s", c.name, got, c.want)
		}
		if os.Getenv("DUMP") != "" {
			for _, name := range names {
				p := filepath.Join(os.Getenv("DUMP"), strings.ReplaceAll(c.name, " ", "_"), name)
				os.MkdirAll(filepath.Dir(p), 0o755)
				os.WriteFile(p, files[name].Bytes(), 0o644)
			}
		}
	}
}

package pipeline_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/apache/arrow/go/v15/parquet/file"
	"github.com/apache/arrow/go/v15/parquet/pqarrow"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/pipeline"
)

// twoWeekSample writes the sample with every row repeated one week later (right after the row, so
// the export stays grouped by employee) and opening balances.
func twoWeekSample(t *testing.T) pipeline.Config {
	t.Helper()
	cfg := sampleConfig(t, "")
	shift := regexp.MustCompile(`11/(1[4-9]|2[0-2])/2026|2026-11-(1[4-9]|2[0-2])`)
	later := func(line []byte) []byte {
		return shift.ReplaceAllFunc(line, func(m []byte) []byte {
			if m[0] == '2' {
				d, _ := strconv.Atoi(string(m[8:]))
				return []byte(fmt.Sprintf("2026-11-%d", d+7))
			}
			d, _ := strconv.Atoi(string(m[3:5]))
			return []byte(fmt.Sprintf("11/%d/2026", d+7))
		})
	}
	for _, name := range []string{cfg.Punches, cfg.Schedule} {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		lines := bytes.SplitAfter(b, []byte("\n"))
		var out []byte
		out = append(out, lines[0]...)
		for _, l := range lines[1:] {
			if len(bytes.TrimSpace(l)) == 0 {
				continue
			}
			if l[len(l)-1] != '\n' {
				l = append(l, '\n')
			}
			out = append(out, l...)
			out = append(out, later(l)...)
		}
		if err := os.WriteFile(name, out, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cfg.Balances = filepath.Join(filepath.Dir(cfg.Punches), "balances.csv")
	bal := "PERSONNUM,BANK,HOURS,YTD_ACCRUED\n" +
		"100101,EARNED,120,80.5\n100101,SICK,12.25,0\n" +
		"100104,VACATION,100,\n100104,SICK,200,30\n100104,HOLIDAY,45,\n" +
		"100115,EARNED,4,\n100102,EARNED,430.9,\n"
	if err := os.WriteFile(cfg.Balances, []byte(bal), 0o644); err != nil {
		t.Fatal(err)
	}
	return cfg
}

// accrualRows reads OUT/accruals/week_start=W/part-00000.parquet without run_id, one string per row.
func accrualRows(t *testing.T, out, week string) []string {
	t.Helper()
	rdr, err := file.OpenParquetFile(filepath.Join(out, "accruals", "week_start="+week, "part-00000.parquet"), false)
	if err != nil {
		t.Fatal(err)
	}
	defer rdr.Close()
	fr, err := pqarrow.NewFileReader(rdr, pqarrow.ArrowReadProperties{}, memory.DefaultAllocator)
	if err != nil {
		t.Fatal(err)
	}
	tbl, err := fr.ReadTable(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer tbl.Release()
	tr := array.NewTableReader(tbl, 1<<20)
	defer tr.Release()
	var rows []string
	for tr.Next() {
		rec := tr.Record()
		for i := 0; i < int(rec.NumRows()); i++ {
			s := ""
			for c := 1; c < int(rec.NumCols()); c++ { // column 0 is run_id
				s += rec.Column(c).ValueStr(i) + "|"
			}
			rows = append(rows, s)
		}
	}
	return rows
}

// Issue 4: "the closing balance of week N is the opening of week N+1, and running weeks 1..4 one
// at a time equals running them in one call". --weeks 2 against week 1, then week 2 opened from
// week 1's output with --previous: the accrual rows are the same (run ids aside).
func TestPreviousChainsLikeWeeks(t *testing.T) {
	base := twoWeekSample(t)
	w1, w2 := "2026-11-15", "2026-11-22"
	dir := t.TempDir()

	both := base
	both.Out, both.Weeks = filepath.Join(dir, "both"), 2
	if _, err := pipeline.Run(context.Background(), both); err != nil {
		t.Fatal(err)
	}
	first := base
	first.Out = filepath.Join(dir, "first")
	if _, err := pipeline.Run(context.Background(), first); err != nil {
		t.Fatal(err)
	}
	second := base
	second.Out, second.Balances, second.Previous = filepath.Join(dir, "second"), "", first.Out
	second.Week, _ = calendars.ParseISODate(w2)
	if _, err := pipeline.Run(context.Background(), second); err != nil {
		t.Fatal(err)
	}

	for _, c := range []struct{ a, b, week string }{{both.Out, first.Out, w1}, {both.Out, second.Out, w2}} {
		ra, rb := accrualRows(t, c.a, c.week), accrualRows(t, c.b, c.week)
		if len(ra) < 46*2 {
			t.Fatalf("week %s: %d accrual rows, want at least two banks for each of 46 employees", c.week, len(ra))
		}
		if len(ra) != len(rb) {
			t.Fatalf("week %s: %d rows in one run, %d chained", c.week, len(ra), len(rb))
		}
		for i := range ra {
			if ra[i] != rb[i] {
				t.Fatalf("week %s row %d:\n --weeks 2  %s\n --previous %s", c.week, i, ra[i], rb[i])
			}
		}
	}
	// The opening balance was used and carried: 100101 opens week 1 with 120 h earned time.
	found := false
	for _, r := range accrualRows(t, both.Out, w1) {
		found = found || bytes.HasPrefix([]byte(r), []byte("100101|SHARE|EARNED|120|"))
	}
	if !found {
		t.Errorf("100101's EARNED row does not open at 120: %v", accrualRows(t, both.Out, w1)[:4])
	}

	// --previous must close the week before --week.
	wrong := second
	wrong.Out, wrong.Week = filepath.Join(dir, "wrong"), wrong.Week+7
	if _, err := pipeline.Run(context.Background(), wrong); err == nil {
		t.Error("--previous of two weeks before --week was accepted")
	}
}

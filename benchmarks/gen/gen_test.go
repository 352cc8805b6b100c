package gen

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/pipeline"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/ingest"
	"github.com/payclose/payclose/stages/model"

	_ "github.com/payclose/payclose/stages/rules/all"
)

var week = calendars.NewDate(2026, 11, 15) // the sample week, a Sunday with no holiday

type files struct{ roster, schedule, punches bytes.Buffer }

func generate(t *testing.T, cfg Config) (*files, Stats) {
	t.Helper()
	var f files
	st, err := Generate(&f.roster, &f.schedule, &f.punches, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return &f, st
}

func TestSameSeedSameBytesAndPrefix(t *testing.T) {
	a, _ := generate(t, Config{Employees: 300, Week: week, Seed: 7})
	b, _ := generate(t, Config{Employees: 300, Week: week, Seed: 7})
	if !bytes.Equal(a.punches.Bytes(), b.punches.Bytes()) || !bytes.Equal(a.roster.Bytes(), b.roster.Bytes()) {
		t.Fatal("same config gave different files")
	}
	c, _ := generate(t, Config{Employees: 300, Week: week, Seed: 8})
	if bytes.Equal(a.punches.Bytes(), c.punches.Bytes()) {
		t.Fatal("a different seed gave the same punches")
	}
	// Employee i depends only on (seed, i): the first 100 of 300 are the whole of a 100 run.
	small, _ := generate(t, Config{Employees: 100, Week: week, Seed: 7})
	if !bytes.HasPrefix(a.roster.Bytes(), small.roster.Bytes()) || !bytes.HasPrefix(a.schedule.Bytes(), small.schedule.Bytes()) {
		t.Fatal("a smaller run is not a prefix of a larger one")
	}
}

// TestReadersAcceptEverythingButTheBadRows reads the files with the production readers: the
// roster and schedule are clean, and the punch export is sorted by employee.
func TestReadersAcceptEverythingButTheBadRows(t *testing.T) {
	f, st := generate(t, Config{Employees: 2000, Week: week, Seed: 1})
	emps, rs, err := ingest.ReadRoster(&f.roster, "roster.csv", func(r model.Reject) { t.Errorf("roster reject %+v", r) })
	if err != nil || rs.Rows != 2000 || len(emps) != 2000 {
		t.Fatalf("roster: %v %+v", err, rs)
	}
	ss, err := ingest.ReadSchedule(&f.schedule, "schedule.csv", nil, func(r model.Reject) { t.Errorf("schedule reject %+v", r) })
	if err != nil || int64(ss.Rows) != st.ScheduleRows {
		t.Fatalf("schedule: %v %+v", err, ss)
	}
	var last string
	closed := map[string]bool{}
	ps, err := ingest.ReadPunches(&f.punches, "punches.csv", func(p *model.Punch) {
		if p.Employee != last {
			if closed[p.Employee] {
				t.Fatalf("line %d: employee %s again after other employees", p.Line, p.Employee)
			}
			closed[last] = true
			last = p.Employee
		}
	}, nil)
	if err != nil || int64(ps.Rows) != st.PunchRows {
		t.Fatalf("punches: %v %+v", err, ps)
	}
	// 2000 employees work 3-5 shifts of two rows: 6-10 rows each, some PTO and extra rows.
	if st.PunchRows < 6*2000 || st.PunchRows > 11*2000 {
		t.Errorf("punch rows %d, expected 6-11 per employee", st.PunchRows)
	}
	// 0.5% of rows, give or take the randomness: 50 per 10k of ~16k rows is ~80.
	if st.BadRows < 40 || st.BadRows > 140 {
		t.Errorf("bad rows %d, expected about 80", st.BadRows)
	}
	if int64(ps.Rejected) > st.BadRows {
		t.Errorf("ingest rejected %d rows, more than the %d bad ones", ps.Rejected, st.BadRows)
	}
}

// TestCloseRejectsExactlyTheBadRows runs the close: every deliberately bad row is rejected once
// and nothing else is (the generator never writes an accidental reject), and the run reconciles.
func TestCloseRejectsExactlyTheBadRows(t *testing.T) {
	for _, tc := range []struct {
		name    string
		week    calendars.Date
		shuffle bool
	}{
		{"plain week", week, false},
		{"Thanksgiving week", calendars.NewDate(2026, 11, 22), false},
		{"shuffled", week, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			st, err := Write(dir, Config{Employees: 1500, Week: tc.week, Seed: 3, Shuffle: tc.shuffle})
			if err != nil {
				t.Fatal(err)
			}
			res, err := pipeline.Run(context.Background(), pipeline.Config{
				Punches: filepath.Join(dir, PunchesFile), Roster: filepath.Join(dir, RosterFile),
				Schedule: filepath.Join(dir, ScheduleFile), Week: tc.week, Out: filepath.Join(dir, "out"), Workers: 2})
			if err != nil {
				t.Fatal(err)
			}
			if res.Rejects.Count != st.BadRows {
				t.Fatalf("%d rejects %v, generated %d bad rows", res.Rejects.Count, res.Rejects.ByReason, st.BadRows)
			}
			if res.Totals == nil {
				t.Fatal("no totals")
			}
		})
	}
}

func TestHolidayWeekWritesHolidayRows(t *testing.T) {
	f, _ := generate(t, Config{Employees: 500, Week: calendars.NewDate(2026, 11, 22), Seed: 1})
	// Thanksgiving, Thursday 11/26/2026: weekday-only staff scheduled that day take the holiday.
	if n := strings.Count(f.punches.String(), ",11/26/2026,HOLIDAY,"); n == 0 {
		t.Fatal("no HOLIDAY rows on Thanksgiving")
	}
	g, _ := generate(t, Config{Employees: 500, Week: week, Seed: 1})
	if strings.Contains(g.punches.String(), ",HOLIDAY,") {
		t.Fatal("HOLIDAY rows in a week without a holiday")
	}
}

func TestShuffleKeepsTheRows(t *testing.T) {
	a, _ := generate(t, Config{Employees: 200, Week: week, Seed: 5})
	b, _ := generate(t, Config{Employees: 200, Week: week, Seed: 5, Shuffle: true})
	la, lb := strings.Split(a.punches.String(), "\r\n"), strings.Split(b.punches.String(), "\r\n")
	if la[0] != lb[0] {
		t.Fatal("header moved")
	}
	if strings.Join(la, "\n") == strings.Join(lb, "\n") {
		t.Fatal("shuffle kept the order")
	}
	sort.Strings(la)
	sort.Strings(lb)
	if strings.Join(la, "\n") != strings.Join(lb, "\n") {
		t.Fatal("shuffle changed the rows")
	}
}

func TestNoBadRows(t *testing.T) {
	_, st := generate(t, Config{Employees: 300, Week: week, Seed: 1, BadPer10k: -1})
	if st.BadRows != 0 {
		t.Fatalf("%d bad rows with BadPer10k < 0", st.BadRows)
	}
}

func TestDefaultMixFoldsUnknownRuleSetsIntoSHARE(t *testing.T) {
	m := DefaultMix(rates.Default)
	total, share := 0, 0
	for _, w := range m {
		if _, err := rates.Default.Lookup(w.RuleSet, week.Time()); err != nil {
			t.Errorf("mix names %s, which has no profile", w.RuleSet)
		}
		total += w.Weight
		if w.RuleSet == "SHARE" {
			share = w.Weight
		}
	}
	if total != 100 || share < 70 {
		t.Fatalf("mix %s: expected weights summing to 100 with SHARE at least 70", m)
	}
}

func TestParseMix(t *testing.T) {
	m, err := ParseMix("share=70, PSU_NONEXEMPT=30")
	if err != nil || m.String() != "SHARE=70,PSU_NONEXEMPT=30" {
		t.Fatalf("%v %v", m, err)
	}
	for _, bad := range []string{"SHARE", "SHARE=x", "=3", "SHARE=-1"} {
		if _, err := ParseMix(bad); err == nil {
			t.Errorf("%q parsed", bad)
		}
	}
}

func TestWeekMustStartTheRuleSetsWeek(t *testing.T) {
	if _, err := Generate(&bytes.Buffer{}, &bytes.Buffer{}, &bytes.Buffer{}, Config{Employees: 1, Week: week + 1}); err == nil {
		t.Fatal("a Monday week was accepted for SHARE (weeks start on Sunday)")
	}
}

func TestWriteCreatesTheFiles(t *testing.T) {
	dir := t.TempDir()
	st, err := Write(dir, Config{Employees: 10, Week: week, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(filepath.Join(dir, PunchesFile))
	if err != nil || fi.Size() != st.PunchBytes {
		t.Fatalf("%v: size %d, stats say %d", err, fi.Size(), st.PunchBytes)
	}
}

// A shuffle that spills its buckets to files writes the same bytes as one held in memory: the
// buckets and the shuffles draw the same random numbers, and a bucket's spilled rows come back
// first, in the order they came.
func TestShuffleSpillsTheSameOrder(t *testing.T) {
	mem, _ := generate(t, Config{Employees: 300, Week: week, Seed: 9, Shuffle: true})
	defer func(m int) { shuffleMem = m }(shuffleMem)
	shuffleMem = 4 << 10
	spilled, _ := generate(t, Config{Employees: 300, Week: week, Seed: 9, Shuffle: true})
	if !bytes.Equal(mem.punches.Bytes(), spilled.punches.Bytes()) {
		t.Fatal("spilling the shuffle changed the punch file")
	}
	if mem.punches.Len() < 20*shuffleMem {
		t.Fatalf("the punch file (%d bytes) did not spill several times", mem.punches.Len())
	}
}

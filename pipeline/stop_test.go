package pipeline_test

import (
	"context"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/payclose/payclose/benchmarks/gen"
	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/pipeline"
)

type rowCounter struct{ rows atomic.Int64 }

func (c *rowCounter) RowsRead(n int64)      { c.rows.Add(n) }
func (c *rowCounter) EmployeesDone(n int64) {}

// A shuffled export is found out of order by the sorted-streams pass in its first chunks, which
// does not go on parsing the rest of the export, so the close reads its punch rows about once (it
// read them three times).
func TestOutOfOrderPassesStopReading(t *testing.T) {
	dir := t.TempDir()
	week := calendars.NewDate(2026, 11, 15)
	st, err := gen.Write(dir, gen.Config{Employees: 3000, Week: week, Seed: 16, Shuffle: true})
	if err != nil {
		t.Fatal(err)
	}
	var c rowCounter
	res, err := pipeline.Run(context.Background(), pipeline.Config{Punches: filepath.Join(dir, gen.PunchesFile),
		Roster: filepath.Join(dir, gen.RosterFile), Schedule: filepath.Join(dir, gen.ScheduleFile), Week: week, Weeks: 1,
		Out: filepath.Join(dir, "out"), Progress: &c})
	if err != nil {
		t.Fatal(err)
	}
	if res.Mode != "partitioned by roster position" {
		t.Fatalf("mode %q: the export was not shuffled enough to test anything", res.Mode)
	}
	if got, rows := c.rows.Load(), int64(st.PunchRows); got > rows*5/4 {
		t.Errorf("read %d punch rows for an export of %d: the passes that found it out of order read on", got, rows)
	}
}

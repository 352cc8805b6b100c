package pipeline

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/payclose/payclose/benchmarks/gen"
	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/fixtures"
)

// closeWithRunID closes the sample's week into out as Run does, but under a given run id and read
// mode, so that two exports of the same rows in another order can be compared byte for byte (the
// run id, a hash of the input files, is in every Parquet row).
func closeWithRunID(t *testing.T, dir, punches, out string, m mode, opts ...func(*Config)) *Result {
	t.Helper()
	cfg, led := sampleLedger(t, dir, punches, out, opts...)
	inputs, _, err := identify(cfg, nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := runModes(context.Background(), cfg, led, inputs, "0123456789abcdef", m)
	led.release(err == nil)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// sampleLedger is the configuration of a close of the sample's week from punches into out, and
// its ledger, opened as Run opens it.
func sampleLedger(t *testing.T, dir, punches, out string, opts ...func(*Config)) (*Config, *ledger) {
	t.Helper()
	week, _ := calendars.ParseISODate(fixtures.SampleWeek)
	cfg := &Config{Punches: punches, Roster: filepath.Join(dir, "roster.csv"), Schedule: filepath.Join(dir, "schedule.csv"),
		Week: week, Weeks: fixtures.SampleWeeks, Out: out}
	for _, o := range opts {
		o(cfg)
	}
	if err := cfg.defaults(); err != nil {
		t.Fatal(err)
	}
	cfg.ctx = context.Background()
	led, err := openLedger(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return cfg, led
}

// sampleExport writes the sample into a temporary directory and returns it, its punch export's
// path and the export's lines (header first).
func sampleExport(t *testing.T) (dir, punches string, lines []string) {
	t.Helper()
	dir = t.TempDir()
	if err := fixtures.WriteSample(dir); err != nil {
		t.Fatal(err)
	}
	punches = filepath.Join(dir, "punches.csv")
	b, err := os.ReadFile(punches)
	if err != nil {
		t.Fatal(err)
	}
	return dir, punches, strings.Split(strings.TrimRight(string(b), "\n"), "\n")
}

// A shuffled export closes to the same Parquet files, byte for byte, as the export in employee
// order, and the same rejects and exceptions but for the line numbers the shuffle moved. The
// shuffled export is held whole (PunchRowsHeld = every row), the sorted one a batch at a time.
func TestShuffledExportClosesLikeSorted(t *testing.T) {
	dir, sortedPath, lines := sampleExport(t)
	body := append([]string(nil), lines[1:]...)
	rand.New(rand.NewSource(16)).Shuffle(len(body), func(i, j int) { body[i], body[j] = body[j], body[i] })
	// Same file name in another directory: rejects.csv names the file.
	if err := os.Mkdir(filepath.Join(dir, "shuffled"), 0o755); err != nil {
		t.Fatal(err)
	}
	shuffledPath := filepath.Join(dir, "shuffled", "punches.csv")
	if err := os.WriteFile(shuffledPath, []byte(lines[0]+"\n"+strings.Join(body, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}

	sorted := closeWithRunID(t, dir, sortedPath, filepath.Join(dir, "out-sorted"), modeSorted)
	shuffled := closeWithRunID(t, dir, shuffledPath, filepath.Join(dir, "out-shuffled"), modeMemory)
	if sorted.PunchRowsHeld <= 0 || sorted.PunchRowsHeld >= int64(len(body)) {
		t.Errorf("sorted export: %d punch rows held at once, want fewer than its %d rows (a batch)", sorted.PunchRowsHeld, len(body))
	}
	if shuffled.PunchRowsHeld <= sorted.PunchRowsHeld {
		t.Errorf("shuffled export held %d punch rows, the sorted one %d: a small shuffled export is held whole", shuffled.PunchRowsHeld, sorted.PunchRowsHeld)
	}
	// Split into partitions of 8 KiB of export (about 80 rows): the close holds one at a time.
	defer func(old int64) { partitionBytes = old }(partitionBytes)
	partitionBytes = 8 << 10
	parted := closeWithRunID(t, dir, shuffledPath, filepath.Join(dir, "out-partitioned"), modeMemory)
	if parted.PunchRowsHeld <= 0 || parted.PunchRowsHeld*4 > shuffled.PunchRowsHeld {
		t.Errorf("partitioned: %d punch rows held at once, want at most a quarter of the %d of the whole export", parted.PunchRowsHeld, shuffled.PunchRowsHeld)
	}
	// The partitioned close (roster and schedule spilled too), in one partition and in several.
	partitionBytes = 1 << 30
	spilled := closeWithRunID(t, dir, shuffledPath, filepath.Join(dir, "out-spilled"), modePartitioned)
	if spilled.PunchRowsHeld*10 < shuffled.PunchRowsHeld*9 {
		t.Errorf("partitioned close of a small export held %d punch rows at once, want about all %d (one partition, and one of unknown ids)", spilled.PunchRowsHeld, shuffled.PunchRowsHeld)
	}
	partitionBytes = 8 << 10
	spilledParts := closeWithRunID(t, dir, shuffledPath, filepath.Join(dir, "out-spilled-parts"), modePartitioned)
	if spilledParts.PunchRowsHeld <= 0 || spilledParts.PunchRowsHeld*4 > shuffled.PunchRowsHeld {
		t.Errorf("partitioned close: %d punch rows held at once, want at most a quarter of the %d of the whole export", spilledParts.PunchRowsHeld, shuffled.PunchRowsHeld)
	}
	// Each partition's rows put in employee order a few hundred bytes at a time (see subBytes).
	defer func(old int64) { subBytes = old }(subBytes)
	for _, size := range []int64{1000, 256} { // fewer slices than employees, and about one each
		subBytes = size
		closeWithRunID(t, dir, shuffledPath, filepath.Join(dir, fmt.Sprintf("out-spilled-slices-%d", size)), modePartitioned)
	}
	subBytes = 1 << 20
	// Pay codes and accounts past the first two distinct values written in the rows, not numbered.
	defer func(old int) { maxStrCodes = old }(maxStrCodes)
	maxStrCodes = 3
	closeWithRunID(t, dir, shuffledPath, filepath.Join(dir, "out-spilled-inline"), modePartitioned)
	maxStrCodes = 1<<16 - 1
	t.Logf("punch rows held at once: sorted %d, shuffled %d, partitioned %d, roster partitioned too %d", sorted.PunchRowsHeld, shuffled.PunchRowsHeld, parted.PunchRowsHeld, spilledParts.PunchRowsHeld)
	for _, out := range []string{"out-partitioned", "out-spilled", "out-spilled-parts"} {
		if left, _ := os.ReadDir(filepath.Join(dir, out, ".staging")); len(left) != 0 {
			t.Errorf("partition files left behind in %s/.staging: %v", out, left)
		}
	}
	// The sorted export closed partition by partition writes what the sorted streams write.
	closeWithRunID(t, dir, sortedPath, filepath.Join(dir, "out-sorted-spilled"), modePartitioned)

	for _, other := range []string{"out-shuffled", "out-partitioned", "out-spilled", "out-spilled-parts", "out-spilled-slices-1000", "out-spilled-slices-256", "out-spilled-inline", "out-sorted-spilled"} {
		compareTrees(t, filepath.Join(dir, "out-sorted"), filepath.Join(dir, other))
	}

	// A shard of the shuffled export, partitioned, is the same shard of the sorted one.
	for shard := 0; shard < 2; shard++ {
		opt := func(c *Config) { c.Shard, c.Shards = shard, 2 }
		want, got := filepath.Join(dir, fmt.Sprintf("out-sorted-%d", shard)), filepath.Join(dir, fmt.Sprintf("out-spilled-%d", shard))
		a := closeWithRunID(t, dir, sortedPath, want, modeSorted, opt)
		b := closeWithRunID(t, dir, shuffledPath, got, modePartitioned, opt)
		if a.Totals.Employees == 0 || a.Totals.Employees != b.Totals.Employees {
			t.Errorf("shard %d/2: %d employees closed from the sorted export, %d partitioned", shard, a.Totals.Employees, b.Totals.Employees)
		}
		compareTrees(t, want, got)
	}
}

// A close that keeps the roster in memory (here: with the sample's rates.csv and separations.csv)
// streams an export grouped by employee; one grouped in another order than the roster (by name,
// by department) is closed in roster order too, so it writes the same files as the sorted export:
// order never matters.
func TestGroupedExportInAnotherOrderClosesLikeSorted(t *testing.T) {
	dir, sortedPath, lines := sampleExport(t)
	// Employees in reverse order of first appearance, each one's rows in file order.
	var order []string
	rows := map[string][]string{}
	for _, l := range lines[1:] {
		id, _, _ := strings.Cut(l, ",")
		if _, ok := rows[id]; !ok {
			order = append(order, id)
		}
		rows[id] = append(rows[id], l)
	}
	if len(order) < 3 {
		t.Fatalf("sample has %d employees", len(order))
	}
	body := []string{lines[0]}
	for i := len(order) - 1; i >= 0; i-- {
		body = append(body, rows[order[i]]...)
	}
	// Same file name in another directory (compareTrees drops the "/shuffled" of rejects.csv).
	if err := os.Mkdir(filepath.Join(dir, "shuffled"), 0o755); err != nil {
		t.Fatal(err)
	}
	groupedPath := filepath.Join(dir, "shuffled", "punches.csv")
	if err := os.WriteFile(groupedPath, []byte(strings.Join(body, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	side := func(c *Config) {
		c.Rates, c.Separations = filepath.Join(dir, "rates.csv"), filepath.Join(dir, "separations.csv")
	}
	sorted := closeWithRunID(t, dir, sortedPath, filepath.Join(dir, "out-sorted"), modeGrouped, side)
	grouped := closeWithRunID(t, dir, groupedPath, filepath.Join(dir, "out-grouped"), modeGrouped, side)
	if sorted.Mode != modeGrouped.String() || grouped.Mode != modeMemory.String() {
		t.Errorf("modes: sorted export %q, grouped in reverse %q; want %q and %q", sorted.Mode, grouped.Mode, modeGrouped, modeMemory)
	}
	if sorted.Totals.Employees == 0 || sorted.Totals.Employees != grouped.Totals.Employees {
		t.Errorf("%d employees closed from the sorted export, %d from the reversed one", sorted.Totals.Employees, grouped.Totals.Employees)
	}
	compareTrees(t, filepath.Join(dir, "out-sorted"), filepath.Join(dir, "out-grouped"))
}

func compareTrees(t *testing.T, want, got string) {
	t.Helper()
	a, z := tree(t, want), tree(t, got)
	parquet := 0
	for name, data := range a {
		if !strings.HasSuffix(name, ".parquet") {
			continue
		}
		parquet++
		if !bytes.Equal(data, z[name]) {
			t.Errorf("%s differs between %s and %s", name, want, got)
		}
	}
	if parquet == 0 {
		t.Fatal("no Parquet files written")
	}
	for _, name := range []string{"runs/0123456789abcdef/exceptions.csv", "runs/0123456789abcdef/rejects.csv"} {
		x, y := withoutLines(t, a[name]), withoutLines(t, z[name])
		if !slices.Equal(x, y) {
			t.Errorf("%s differs beyond line numbers:\nsorted   %q\nshuffled %q", name, x, y)
		}
	}
}

func tree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = b
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

var lineRef = regexp.MustCompile(`line [0-9]+`)

// withoutLines returns a CSV report's records with the line column blanked, sorted.
func withoutLines(t *testing.T, data []byte) []string {
	t.Helper()
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil || len(recs) == 0 {
		t.Fatalf("report: %v", err)
	}
	col := slices.Index(recs[0], "line")
	var out []string
	for _, r := range recs {
		if col >= 0 {
			r[col] = ""
		}
		for i := range r {
			r[i] = strings.ReplaceAll(r[i], "/shuffled/", "/")
			r[i] = lineRef.ReplaceAllString(r[i], "line N")
		}
		out = append(out, strings.Join(r, "|"))
	}
	slices.Sort(out)
	return out
}

// A sorted close that finds a row out of order falls back to the partitioned close at once, while
// the inputs may still be hashed; when the identity then fails, its error is the close's and the
// fallback's staging tree (its partitions spilled) is gone: --out holds nothing of the run.
func TestFallbackBeforeTheIdentityFails(t *testing.T) {
	dir, _, lines := sampleExport(t)
	body := append([]string(nil), lines[1:]...)
	slices.Reverse(body)
	punches := filepath.Join(dir, "reversed.csv")
	if err := os.WriteFile(punches, []byte(lines[0]+"\n"+strings.Join(body, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "out")
	cfg, led := sampleLedger(t, dir, punches, out)
	id := &identity{done: make(chan struct{})}
	failed := errors.New("the disk is too small")
	var mu sync.Mutex
	var events []string
	event := func(e string) {
		mu.Lock()
		events = append(events, e)
		mu.Unlock()
	}
	staged := make(chan struct{})
	cfg.Log = slog.New(slogHandlerFunc(func(r slog.Record) {
		if strings.Contains(r.Message, "partition by partition") {
			event("fallback")
			go func() { // the fallback's spills appear in its staging tree
				for {
					if m, _ := filepath.Glob(filepath.Join(out, ".staging", "*", "*")); len(m) > 0 {
						event("staged")
						close(staged)
						return
					}
					time.Sleep(time.Millisecond)
				}
			}()
		}
	}))
	go func() { // the hashing ends, failing, once the fallback has staged, or after 5 s
		select {
		case <-staged:
		case <-time.After(5 * time.Second):
		}
		event("identity failed")
		id.err = failed
		close(id.done)
	}()
	res, err := runIdentified(context.Background(), cfg, led, id, modeSorted)
	led.release(false)
	mu.Lock()
	got := strings.Join(events, ", ")
	mu.Unlock()
	if !errors.Is(err, failed) || res != nil || got != "fallback, staged, identity failed" {
		t.Fatalf("close = %v, %v (events: %s); want the identity's error after the fallback staged", res, err, got)
	}
	entries, err := os.ReadDir(out)
	if err != nil && !errors.Is(err, fs.ErrNotExist) {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() == ".lock" {
			continue
		}
		sub, _ := os.ReadDir(filepath.Join(out, e.Name()))
		if !e.IsDir() || len(sub) > 0 {
			t.Errorf("--out holds %s (%d entries) after a close whose identity failed", e.Name(), len(sub))
		}
	}
}

// slogHandlerFunc is a slog.Handler that calls itself with every record.
type slogHandlerFunc func(slog.Record)

func (h slogHandlerFunc) Enabled(context.Context, slog.Level) bool      { return true }
func (h slogHandlerFunc) Handle(_ context.Context, r slog.Record) error { h(r); return nil }
func (h slogHandlerFunc) WithAttrs([]slog.Attr) slog.Handler            { return h }
func (h slogHandlerFunc) WithGroup(string) slog.Handler                 { return h }

// progressFunc is a Progress that calls done on each batch written.
type progressFunc func(n int64)

func (progressFunc) RowsRead(int64)          {}
func (f progressFunc) EmployeesDone(n int64) { f(n) }

// The run id can come last: a close whose inputs are hashed only after its batches were written
// to the parts (the parts encode them and hold their row groups) writes the files of a close that
// knew its run id from the start, byte for byte, in every mode; and so does one whose parts
// wait for it from their first batch (heldBytes 0): with 3,000 employees, 12 batches to one part
// whose queue holds 8, the writer is blocked on the part when the identity comes, and must make
// the part's files from there.
func TestRunIDKnownLateClosesTheSame(t *testing.T) {
	dir := t.TempDir()
	week := calendars.NewDate(2026, 11, 15)
	if _, err := gen.Write(dir, gen.Config{Employees: 3000, Week: week, Seed: 16}); err != nil {
		t.Fatal(err)
	}
	punches := filepath.Join(dir, gen.PunchesFile)
	genWeek := func(c *Config) {
		c.Roster, c.Schedule = filepath.Join(dir, gen.RosterFile), filepath.Join(dir, gen.ScheduleFile)
		c.Week, c.Weeks = week, 1
	}
	defer func(old int) { heldBytes = old }(heldBytes)
	for k, m := range []mode{modeSorted, modeGrouped, modeMemory, modePartitioned, modeSorted, modeGrouped} {
		heldBytes = 32 << 20
		early := filepath.Join(dir, fmt.Sprintf("early-%d", k))
		closeWithRunID(t, dir, punches, early, m, genWeek)

		if k >= 4 {
			heldBytes = 0
		}
		late := filepath.Join(dir, fmt.Sprintf("late-%d", k))
		var once sync.Once
		var id *identity
		cfg, led := sampleLedger(t, dir, punches, late, genWeek, func(c *Config) {
			c.Progress = progressFunc(func(int64) {
				once.Do(func() {
					go func() { // after the first batch, once the close has read the rest
						time.Sleep(200 * time.Millisecond)
						close(id.done)
					}()
				})
			})
		})
		inputs, _, err := identify(cfg, nil)
		if err != nil {
			t.Fatal(err)
		}
		id = &identity{done: make(chan struct{}), inputs: inputs, runID: "0123456789abcdef", punchBytes: inputs[0].Bytes}
		res, err := runIdentified(context.Background(), cfg, led, id, m)
		led.release(err == nil)
		if err != nil || res == nil {
			t.Fatalf("mode %d: %v", m, err)
		}
		a, b := tree(t, early), tree(t, late)
		if len(a) != len(b) {
			t.Fatalf("mode %d: %d files early, %d late", m, len(a), len(b))
		}
		for name, data := range a {
			if !bytes.Equal(b[name], data) {
				t.Errorf("mode %d: %s differs when the run id comes late", m, name)
			}
		}
	}
}

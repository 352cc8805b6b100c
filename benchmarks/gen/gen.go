// Package gen writes a deterministic synthetic week of Kronos-style inputs (roster.csv,
// schedule.csv, punches.csv in the formats of FORMATS.md) for benchmarks and soak tests.
//
// Every employee's rows depend only on the seed and the employee's index, so a run for N
// employees is a prefix of a run for more, and two runs with the same Config are byte-identical.
// Rows are streamed: memory does not grow with N unless Shuffle is set.
package gen

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
)

// Config says what to generate.
type Config struct {
	Employees int
	Week      calendars.Date // first day of the workweek
	Seed      uint64
	// Shuffle writes the punch rows in random order instead of the export's employee order. It
	// holds the whole punch file in memory (about 100 bytes a row).
	Shuffle bool
	// Mix is the share of employees per rule set; nil means DefaultMix(Registry).
	Mix Mix
	// BadPer10k is how many punch rows in 10,000 are deliberately bad; 0 means DefaultBadPer10k,
	// negative means none.
	BadPer10k int
	// Registry decides which rule sets, pay codes and holidays exist; nil means rates.Default.
	Registry *rates.Registry
}

// DefaultBadPer10k is 0.5% of punch rows.
const DefaultBadPer10k = 50

// Weight is one rule set's share of the roster.
type Weight struct {
	RuleSet string
	Weight  int
}

// Mix is the roster's rule-set mix; weights are relative.
type Mix []Weight

// preferredMix is the mix of a university-hospital employer: mostly the nurses' union, some
// university staff, a few non-union hourly staff.
var preferredMix = Mix{{"SHARE", 70}, {"PSU_NONEXEMPT", 20}, {"NONUNIT_NONEXEMPT", 10}}

// DefaultMix is the preferred 70/20/10 mix with every rule set the registry does not know folded
// into SHARE, so the generated roster never holds a rule set the close would reject.
func DefaultMix(reg *rates.Registry) Mix {
	known := map[string]bool{}
	for _, n := range reg.Names() {
		known[n] = true
	}
	var out Mix
	folded := 0
	for _, w := range preferredMix {
		if known[w.RuleSet] {
			out = append(out, w)
		} else {
			folded += w.Weight
		}
	}
	for i := range out {
		if out[i].RuleSet == "SHARE" {
			out[i].Weight += folded
		}
	}
	return out
}

// ParseMix reads "SHARE=70,PSU_NONEXEMPT=20".
func ParseMix(s string) (Mix, error) {
	var m Mix
	for _, part := range strings.Split(s, ",") {
		name, w, ok := strings.Cut(strings.TrimSpace(part), "=")
		n, err := strconv.Atoi(w)
		if !ok || err != nil || n < 0 || name == "" {
			return nil, fmt.Errorf("mix %q: expected RULESET=WEIGHT[,RULESET=WEIGHT...], e.g. SHARE=70,PSU_NONEXEMPT=30", s)
		}
		m = append(m, Weight{strings.ToUpper(name), n})
	}
	return m, nil
}

func (m Mix) String() string {
	var b strings.Builder
	for i, w := range m {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "%s=%d", w.RuleSet, w.Weight)
	}
	return b.String()
}

// Stats counts what was written.
type Stats struct {
	Employees     int64
	RosterRows    int64
	ScheduleRows  int64
	PunchRows     int64 // data rows, bad ones included
	BadRows       int64 // punch rows written to be rejected, one reject each
	PunchBytes    int64
	ScheduleBytes int64
	RosterBytes   int64
}

// File names written by Write.
const (
	RosterFile   = "roster.csv"
	ScheduleFile = "schedule.csv"
	PunchesFile  = "punches.csv"
)

// Write generates the three files into dir (created if needed).
func Write(dir string, cfg Config) (Stats, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return Stats{}, err
	}
	var files []*os.File
	defer func() {
		for _, f := range files {
			f.Close()
		}
	}()
	for _, name := range []string{RosterFile, ScheduleFile, PunchesFile} {
		f, err := os.Create(filepath.Join(dir, name))
		if err != nil {
			return Stats{}, err
		}
		files = append(files, f)
	}
	st, err := Generate(files[0], files[1], files[2], cfg)
	if err != nil {
		return st, err
	}
	for _, f := range files {
		if err := f.Close(); err != nil {
			return st, err
		}
	}
	files = nil
	return st, nil
}

// Generate writes the roster, schedule and punch export to the three writers.
func Generate(roster, schedule, punches io.Writer, cfg Config) (Stats, error) {
	g, err := newGenerator(cfg)
	if err != nil {
		return Stats{}, err
	}
	rw := bufio.NewWriterSize(roster, 1<<20)
	sw := bufio.NewWriterSize(schedule, 1<<20)
	pw := bufio.NewWriterSize(punches, 1<<20)
	rc, sc, pc := &countingWriter{w: rw}, &countingWriter{w: sw}, &countingWriter{w: pw}
	io.WriteString(rc, rosterHeader)
	io.WriteString(sc, scheduleHeader)
	io.WriteString(pc, punchHeader)
	var sink io.Writer = pc
	if cfg.Shuffle {
		sink = &g.shuffled
	}
	for i := 0; i < g.cfg.Employees; i++ {
		g.employee(i, rc, sc, sink)
	}
	if cfg.Shuffle {
		g.shuffled.writeShuffled(pc, rand.New(rand.NewPCG(g.cfg.Seed, 1<<63)))
	}
	for _, w := range []*bufio.Writer{rw, sw, pw} {
		if err := w.Flush(); err != nil {
			return g.stats, err
		}
	}
	for _, c := range []*countingWriter{rc, sc, pc} {
		if c.err != nil {
			return g.stats, c.err
		}
	}
	g.stats.RosterBytes, g.stats.ScheduleBytes, g.stats.PunchBytes = rc.n, sc.n, pc.n
	return g.stats, nil
}

// countingWriter keeps the first error so the row loop does not check one per row.
type countingWriter struct {
	w   io.Writer
	n   int64
	err error
}

func (c *countingWriter) Write(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	n, err := c.w.Write(p)
	c.n += int64(n)
	c.err = err
	return n, err
}

// rowStore holds punch rows for the shuffled order.
type rowStore struct {
	data []byte
	ends []int
}

func (s *rowStore) Write(p []byte) (int, error) {
	s.data = append(s.data, p...)
	s.ends = append(s.ends, len(s.data))
	return len(p), nil
}

func (s *rowStore) writeShuffled(w io.Writer, r *rand.Rand) {
	idx := make([]int32, len(s.ends))
	for i := range idx {
		idx[i] = int32(i)
	}
	r.Shuffle(len(idx), func(i, j int) { idx[i], idx[j] = idx[j], idx[i] })
	for _, i := range idx {
		from := 0
		if i > 0 {
			from = s.ends[i-1]
		}
		w.Write(s.data[from:s.ends[i]])
	}
}

var errNoEmployees = errors.New("gen: --employees must be at least 1")

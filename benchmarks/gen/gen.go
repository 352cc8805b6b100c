// Package gen writes a deterministic synthetic week of Kronos-style inputs (roster.csv,
// schedule.csv, punches.csv in the formats of FORMATS.md) for benchmarks and soak tests.
//
// Every employee's rows depend only on the seed and the employee's index, so a run for N
// employees is a prefix of a run for more, and two runs with the same Config are byte-identical.
// Rows are streamed: memory does not grow with N (Shuffle holds a bounded part of the rows).
package gen

import (
	"bufio"
	"encoding/binary"
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
	// holds at most a few hundred MB of rows in memory and the rest in temporary files (about 100
	// bytes a row).
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
		g.shuffled.r = rand.New(rand.NewPCG(g.cfg.Seed, 1<<63))
		defer g.shuffled.close()
		sink = &g.shuffled
	}
	for i := 0; i < g.cfg.Employees; i++ {
		g.employee(i, rc, sc, sink)
	}
	if cfg.Shuffle {
		if err := g.shuffled.writeShuffled(pc); err != nil {
			return g.stats, err
		}
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

// rowStore holds punch rows for the shuffled order: each row goes to one of shuffleBuckets
// buckets at random, and the buckets are written one after another, each shuffled in memory. That
// is a uniform shuffle (every order of the rows is as likely) holding one bucket at a time: the
// buckets stay in memory until they hold shuffleMem bytes in all, and are then appended to files
// of their own in a temporary directory (a 10M-employee export is ~8 GB).
type rowStore struct {
	r       *rand.Rand
	buckets [shuffleBuckets]bucket
	held    int
	dir     string
	err     error
}

const shuffleBuckets = 256

// shuffleMem is a variable so that tests can make the store spill.
var shuffleMem = 256 << 20

type bucket struct {
	data []byte
	ends []int
	file *os.File
}

func (s *rowStore) Write(p []byte) (int, error) {
	if s.r == nil {
		return 0, errors.New("gen: shuffle store without a random source")
	}
	b := &s.buckets[s.r.IntN(shuffleBuckets)]
	b.data = append(b.data, p...)
	b.ends = append(b.ends, len(b.data))
	s.held += len(p)
	if s.held > shuffleMem && s.err == nil {
		s.err = s.spill()
	}
	return len(p), s.err
}

// spill appends every bucket's rows, each prefixed by its length, to the bucket's file.
func (s *rowStore) spill() error {
	if s.dir == "" {
		d, err := os.MkdirTemp("", "payclose-gen-shuffle-")
		if err != nil {
			return err
		}
		s.dir = d
	}
	var buf []byte
	for i := range s.buckets {
		b := &s.buckets[i]
		if b.file == nil {
			f, err := os.Create(filepath.Join(s.dir, strconv.Itoa(i)))
			if err != nil {
				return err
			}
			b.file = f
		}
		buf = buf[:0]
		from := 0
		for _, end := range b.ends {
			buf = binary.AppendUvarint(buf, uint64(end-from))
			buf = append(buf, b.data[from:end]...)
			from = end
		}
		if _, err := b.file.Write(buf); err != nil {
			return err
		}
		b.data, b.ends = b.data[:0], b.ends[:0]
	}
	s.held = 0
	return nil
}

// writeShuffled writes the buckets in turn, each read back whole and shuffled, and removes the
// temporary files.
func (s *rowStore) writeShuffled(w io.Writer) error {
	defer s.close()
	if s.err != nil {
		return s.err
	}
	var idx []int32
	for i := range s.buckets {
		b := &s.buckets[i]
		if b.file != nil {
			// The spilled rows come first, then the ones still in memory.
			if _, err := b.file.Seek(0, io.SeekStart); err != nil {
				return err
			}
			spilled, err := io.ReadAll(b.file)
			if err != nil {
				return err
			}
			data, ends := make([]byte, 0, len(spilled)+len(b.data)), make([]int, 0, len(b.ends))
			for len(spilled) > 0 {
				n, k := binary.Uvarint(spilled)
				if k <= 0 || uint64(len(spilled)-k) < n {
					return fmt.Errorf("gen: shuffle bucket %d is damaged", i)
				}
				data = append(data, spilled[k:k+int(n)]...)
				ends = append(ends, len(data))
				spilled = spilled[k+int(n):]
			}
			base := len(data)
			data = append(data, b.data...)
			for _, e := range b.ends {
				ends = append(ends, base+e)
			}
			b.data, b.ends = data, ends
		}
		idx = idx[:0]
		for j := range b.ends {
			idx = append(idx, int32(j))
		}
		s.r.Shuffle(len(idx), func(i, j int) { idx[i], idx[j] = idx[j], idx[i] })
		for _, j := range idx {
			from := 0
			if j > 0 {
				from = b.ends[j-1]
			}
			if _, err := w.Write(b.data[from:b.ends[j]]); err != nil {
				return err
			}
		}
		b.data, b.ends = nil, nil
	}
	return nil
}

func (s *rowStore) close() {
	for i := range s.buckets {
		if f := s.buckets[i].file; f != nil {
			f.Close()
		}
	}
	if s.dir != "" {
		os.RemoveAll(s.dir)
	}
}

var errNoEmployees = errors.New("gen: --employees must be at least 1")

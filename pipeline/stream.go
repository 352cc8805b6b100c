package pipeline

import (
	"context"
	"fmt"
	"io"
	"sync"

	"golang.org/x/sync/errgroup"

	"github.com/payclose/payclose/stages/ingest"
	"github.com/payclose/payclose/stages/model"
)

// Sorted streams: when the roster, the schedule and the punch export are all sorted by employee
// id (the usual order of an HR extract and a Kronos export), the close holds none of them: three
// readers stream them side by side and a joiner matches their rows employee by employee, in
// roster order, into the workers' batches. Memory is then the batches in flight, whatever the
// size of the week. Each reader checks that ids only increase; the first one that does not stops
// the pass with errUnsorted, and the run starts again partition by partition (partitioned.go).

// chunkRows is how many rows a reader hands the joiner at a time.
const chunkRows = 4096

// idLess is the order of employee ids in a sorted export: numeric when both ids are all digits
// (leading zeros ignored, so 99 < 100 and 007 = 7 sorts before 8), bytewise otherwise.
func idLess(a, b string) bool {
	if da, db := digitsOnly(a), digitsOnly(b); da && db {
		a, b = trimZeros(a), trimZeros(b)
		if len(a) != len(b) {
			return len(a) < len(b)
		}
	}
	return a < b
}

func digitsOnly(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func trimZeros(s string) string {
	for len(s) > 1 && s[0] == '0' {
		s = s[1:]
	}
	return s
}

// rosterChunk carries roster rows from the roster reader to the joiner.
type rosterChunk struct{ emps []model.Employee }

// rowsChunk carries schedule or punch rows grouped by employee.
type rowsChunk struct {
	punches []model.Punch
	shifts  []model.Scheduled
	groups  []chunkGroup
}

type chunkGroup struct {
	id     string
	lo, hi int
}

var (
	rosterChunks = sync.Pool{New: func() any { return &rosterChunk{} }}
	rowsChunks   = sync.Pool{New: func() any { return &rowsChunk{} }}
)

func newRowsChunk() *rowsChunk {
	c := rowsChunks.Get().(*rowsChunk)
	c.punches, c.shifts, c.groups = c.punches[:0], c.shifts[:0], c.groups[:0]
	return c
}

func send[T any](ctx context.Context, ch chan<- T, v T) error {
	select {
	case ch <- v:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// streamStats are the readers' counts, for the manifest and reconciliation.
type streamStats struct {
	roster, schedule ingest.Stats
	punches          []ingest.Stats
}

// readSorted runs the three readers and the joiner, sending batches to jobs. It closes jobs.
func readSorted(ctx context.Context, cfg *Config, rej *rejectSink, jobs chan<- *batch, st *streamStats, weeks *weekRows) error {
	defer close(jobs)
	g, gctx := errgroup.WithContext(ctx)
	rc := make(chan *rosterChunk, 4)
	sc := make(chan *rowsChunk, 4)
	pc := make(chan *rowsChunk, 4)
	g.Go(func() error {
		defer close(rc)
		var err error
		st.roster, err = streamRoster(gctx, cfg, rej, rc)
		return err
	})
	g.Go(func() error {
		defer close(sc)
		var err error
		st.schedule, err = streamGroups(gctx, cfg, cfg.Schedule, rej, sc, false, nil)
		return err
	})
	g.Go(func() error {
		defer close(pc)
		s, err := streamGroups(gctx, cfg, cfg.Punches, rej, pc, true, weeks)
		st.punches = []ingest.Stats{s}
		return err
	})
	g.Go(func() error { return join(gctx, cfg, rej, rc, sc, pc, jobs) })
	return g.Wait()
}

// stopReader ends a read with *stop once it is set (by the reader's own callback, on the same
// goroutine): a pass that found its input out of order, or could not hand rows on, stops reading
// rather than parsing the rest of the file for nothing (a whole shuffled export, twice, before).
type stopReader struct {
	r    io.Reader
	stop *error
}

func (s stopReader) Read(p []byte) (int, error) {
	if *s.stop != nil {
		return 0, *s.stop
	}
	return s.r.Read(p)
}

// streamRoster sends this shard's roster rows in chunks, checking that ids increase.
func streamRoster(ctx context.Context, cfg *Config, rej *rejectSink, out chan<- *rosterChunk) (ingest.Stats, error) {
	f, err := openInput(ctx, cfg.Roster)
	if err != nil {
		return ingest.Stats{}, fmt.Errorf("roster: %w", err)
	}
	defer f.Close()
	cur := rosterChunks.Get().(*rosterChunk)
	cur.emps = cur.emps[:0]
	var prev string
	var failed error
	stats, err := ingest.StreamRoster(stopReader{f, &failed}, cfg.Roster, func(e *model.Employee) {
		if failed != nil {
			return
		}
		if prev != "" && !idLess(prev, e.ID) {
			failed = errUnsorted
			return
		}
		prev = e.ID
		if ShardOf(e.ID, cfg.Shards) != cfg.Shard {
			return
		}
		cur.emps = append(cur.emps, *e)
		if len(cur.emps) == chunkRows {
			failed = send(ctx, out, cur)
			cur = rosterChunks.Get().(*rosterChunk)
			cur.emps = cur.emps[:0]
		}
	}, rej.add)
	if failed != nil {
		return stats, failed
	}
	if err != nil {
		return stats, err
	}
	if len(cur.emps) > 0 {
		return stats, send(ctx, out, cur)
	}
	return stats, nil
}

// streamGroups sends this shard's schedule (punches false) or punch rows grouped by employee,
// checking that each new employee's id is greater than the last one's.
func streamGroups(ctx context.Context, cfg *Config, path string, rej *rejectSink, out chan<- *rowsChunk, punches bool, weeks *weekRows) (ingest.Stats, error) {
	f, err := openInput(ctx, path)
	if err != nil {
		return ingest.Stats{}, fmt.Errorf("%s: %w", path, err)
	}
	defer f.Close()
	cur := newRowsChunk()
	var open string
	var failed error
	rows := func() int {
		if punches {
			return len(cur.punches)
		}
		return len(cur.shifts)
	}
	// add starts a new group when the employee changes, after sending a full chunk; it reports
	// whether the row belongs to this shard.
	add := func(id string) bool {
		if failed != nil {
			return false
		}
		if id != open {
			if open != "" && !idLess(open, id) {
				failed = errUnsorted
				return false
			}
			open = id
			if rows() >= chunkRows {
				if failed = send(ctx, out, cur); failed != nil {
					return false
				}
				cur = newRowsChunk()
			}
			if ShardOf(id, cfg.Shards) == cfg.Shard {
				cur.groups = append(cur.groups, chunkGroup{id: id, lo: rows(), hi: rows()})
			}
		}
		if n := len(cur.groups); n > 0 && cur.groups[n-1].id == id {
			cur.groups[n-1].hi++
			return true
		}
		return false
	}
	var stats ingest.Stats
	if punches {
		stats, err = ingest.ReadPunches(stopReader{&progressReader{r: f, p: cfg.Progress}, &failed}, path, func(p *model.Punch) {
			weeks.add(p.EventDate)
			if add(p.Employee) {
				cur.punches = append(cur.punches, *p)
			}
		}, shardRejects(cfg, rej))
	} else {
		stats, err = ingest.ReadSchedule(stopReader{f, &failed}, path, func(s *model.Scheduled) {
			if add(s.Employee) {
				cur.shifts = append(cur.shifts, *s)
			}
		}, rej.add)
	}
	if failed != nil {
		return stats, failed
	}
	if err != nil {
		return stats, err
	}
	if len(cur.groups) > 0 {
		return stats, send(ctx, out, cur)
	}
	return stats, nil
}

// cursor walks the groups of a chunk stream.
type cursor struct {
	ch    <-chan *rowsChunk
	chunk *rowsChunk
	i     int
	done  bool
}

// peek returns the next group without consuming it, fetching the next chunk when needed (the
// previous chunk goes back to the pool, so rows must be copied before peeking again).
func (c *cursor) peek(ctx context.Context) (chunkGroup, bool, error) {
	for !c.done && (c.chunk == nil || c.i >= len(c.chunk.groups)) {
		if c.chunk != nil {
			rowsChunks.Put(c.chunk)
			c.chunk = nil
		}
		select {
		case ch, ok := <-c.ch:
			if !ok {
				c.done = true
			}
			c.chunk, c.i = ch, 0
		case <-ctx.Done():
			return chunkGroup{}, false, ctx.Err()
		}
	}
	if c.done {
		return chunkGroup{}, false, nil
	}
	return c.chunk.groups[c.i], true, nil
}

// join matches the three streams employee by employee, in roster order, and sends batches of
// employees with their shifts and punches to the workers. Rows of an id the roster does not have
// (or whose roster row was rejected) are rejects. Employees with no punch rows are closed after
// the others, as the other modes close them, so a sorted export gives the same files whichever
// mode closes it (they are held until then: salaried staff with no exceptions to punch).
func join(ctx context.Context, cfg *Config, rej *rejectSink, rc <-chan *rosterChunk, sc, pc <-chan *rowsChunk, jobs chan<- *batch) error {
	scur, pcur := &cursor{ch: sc}, &cursor{ch: pc}
	res := newResolver(cfg)
	var later []employee              // employees with no punch rows
	var laterShifts []model.Scheduled // their shifts
	var laterAt []int                 // where each one's shifts start in laterShifts
	seq := 0
	b := getBatch(seq)
	flush := func() error {
		if len(b.groups) == 0 && len(b.rejects) == 0 {
			return nil
		}
		if err := send(ctx, jobs, b); err != nil {
			return err
		}
		seq++
		b = getBatch(seq)
		return nil
	}
	// take consumes the group of id (if it is next) into the batch; below consumes the groups of
	// ids before id as unknown employees.
	takePunches := func(id string) (lo, hi int, err error) {
		lo = len(b.punches)
		g, ok, err := pcur.peek(ctx)
		if err == nil && ok && g.id == id {
			b.punches = append(b.punches, pcur.chunk.punches[g.lo:g.hi]...)
			pcur.i++
		}
		return lo, len(b.punches), err
	}
	takeShifts := func(id string) (lo, hi int, err error) {
		lo = len(b.shifts)
		g, ok, err := scur.peek(ctx)
		if err == nil && ok && g.id == id {
			b.shifts = append(b.shifts, scur.chunk.shifts[g.lo:g.hi]...)
			scur.i++
		}
		return lo, len(b.shifts), err
	}
	unknownBefore := func(id string, last bool) error {
		for {
			g, ok, err := pcur.peek(ctx)
			if err != nil {
				return err
			}
			if !ok || !last && !idLess(g.id, id) {
				break
			}
			rejectUnknown(b, cfg, g.id, pcur.chunk.punches[g.lo:g.hi])
			pcur.i++
		}
		for {
			g, ok, err := scur.peek(ctx)
			if err != nil {
				return err
			}
			if !ok || !last && !idLess(g.id, id) {
				break
			}
			rejectUnknownShifts(b, cfg.Schedule, g.id, scur.chunk.shifts[g.lo:g.hi])
			scur.i++
		}
		return nil
	}
	for {
		var chunk *rosterChunk
		var ok bool
		select {
		case chunk, ok = <-rc:
		case <-ctx.Done():
			return ctx.Err()
		}
		if !ok {
			break
		}
		for i := range chunk.emps {
			e := &chunk.emps[i]
			if err := unknownBefore(e.ID, false); err != nil {
				return err
			}
			lo, hi, err := takePunches(e.ID)
			if err != nil {
				return err
			}
			slo, shi, err := takeShifts(e.ID)
			if err != nil {
				return err
			}
			z, fam, bad, err := res.resolve(e)
			if err != nil {
				return err
			}
			if bad != nil {
				rej.add(*bad)
				rejectUnknown(b, cfg, e.ID, b.punches[lo:hi])
				rejectUnknownShifts(b, cfg.Schedule, e.ID, b.shifts[slo:shi])
				b.punches, b.shifts = b.punches[:lo], b.shifts[:slo]
				continue
			}
			if lo == hi {
				later = append(later, employee{emp: *e, zone: z, family: fam, idx: -1})
				laterAt = append(laterAt, len(laterShifts))
				laterShifts = append(laterShifts, b.shifts[slo:shi]...)
				b.shifts = b.shifts[:slo]
				continue
			}
			b.emps = append(b.emps, employee{emp: *e, zone: z, family: fam, idx: -1})
			b.groups = append(b.groups, group{emp: e.ID, lo: lo, hi: hi, ei: len(b.emps) - 1, slo: slo, shi: shi})
			if len(b.groups) >= batchEmployees {
				if err := flush(); err != nil {
					return err
				}
			}
		}
		rosterChunks.Put(chunk)
	}
	if err := unknownBefore("", true); err != nil {
		return err
	}
	laterAt = append(laterAt, len(laterShifts))
	for i := range later {
		slo := len(b.shifts)
		b.shifts = append(b.shifts, laterShifts[laterAt[i]:laterAt[i+1]]...)
		b.emps = append(b.emps, later[i])
		n := len(b.punches)
		b.groups = append(b.groups, group{emp: later[i].emp.ID, lo: n, hi: n, ei: len(b.emps) - 1, slo: slo, shi: len(b.shifts)})
		if len(b.groups) >= batchEmployees {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}

// rejectUnknownShifts rejects the posted shifts of an employee who is not on the roster.
func rejectUnknownShifts(b *batch, file, id string, shifts []model.Scheduled) {
	for i := range shifts {
		b.rejects = append(b.rejects, unknownShift(file, id, shifts[i].Line))
	}
}

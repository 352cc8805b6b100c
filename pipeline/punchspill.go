package pipeline

import (
	"fmt"
	"io"

	"golang.org/x/sync/errgroup"

	"github.com/payclose/payclose/stages/ingest"
	"github.com/payclose/payclose/stages/model"
)

// splitBytes is the smallest punch export the partitioned close parses in two halves at once:
// below it, the halves are too short for the second reader and its placer to pay for themselves.
// A variable so a test can split a small export.
var splitBytes int64 = 64 << 20

// punchSpill writes the rows of the punch export to partition files by their employee's roster
// position (step 2 of the partitioned close).
type punchSpill struct {
	cfg    *Config
	ids    *idIndex
	partOf func(pos int32) int
	nparts int // partitions of the roster; the rows of ids the roster does not have go to one more
	dir    string
	// sets are the partition files written, one set for each reader of the export, the first
	// half's first: an employee's rows in partition k are those of sets[0], then those of
	// sets[1], which is their order in the file, as the close needs them.
	sets []*partitions
}

// read reads the export f. A large regular file is read in two halves at once, each by its own
// parser and placer (place): with one parser, the parser was the critical path of the
// partitioning pass (2.2 CPU s of one goroutine at 1M employee-weeks, the two cores busy 74% of
// the pass; in halves the pass takes 1.8 s instead of 2.5). The halves meet at a line start,
// which is always a record start (ingest.SplitPoint).
func (sp *punchSpill) read(f *inputFile, reject func(model.Reject), weeks *weekRows) (ingest.Stats, error) {
	var size, mid int64
	if fi, err := f.Stat(); err == nil && fi.Mode().IsRegular() && fi.Size() >= splitBytes {
		size = fi.Size()
		if mid, err = ingest.SplitPoint(f, size); err != nil {
			return ingest.Stats{}, fmt.Errorf("%s: %w", sp.cfg.Punches, err)
		}
	}
	n := 1
	if mid > 0 && mid < size {
		n = 2
	}
	for range n {
		ps, err := newPartitions(sp.dir, sp.nparts+1)
		if err != nil {
			return ingest.Stats{}, err
		}
		sp.sets = append(sp.sets, ps)
	}
	if n == 1 {
		return sp.place(sp.sets[0], func(emit func(*model.Punch)) (ingest.Stats, error) {
			return ingest.ReadPunches(&progressReader{r: f, p: sp.cfg.Progress}, sp.cfg.Punches, emit, reject)
		}, weeks)
	}
	head, err := ingest.OpenPunches(&progressReader{r: io.NewSectionReader(f, 0, mid), p: sp.cfg.Progress}, sp.cfg.Punches, reject)
	if err != nil {
		return ingest.Stats{}, err
	}
	// The second half's rows are numbered on from the first half's lines, counted while the
	// first half is read (about 0.1 s at 1M): only the second half waits for the count.
	lines := make(chan int, 1)
	var g errgroup.Group
	g.Go(func() error {
		defer close(lines)
		count, err := ingest.CountLines(f, mid)
		if err != nil {
			return fmt.Errorf("%s: %w", sp.cfg.Punches, err)
		}
		lines <- count
		return nil
	})
	var tail ingest.Stats
	tailWeeks := weeks.empty() // a weekRows is one goroutine's
	g.Go(func() error {
		count, ok := <-lines
		if !ok {
			return nil // the count's error
		}
		rest := head.Rest(&progressReader{r: io.NewSectionReader(f, mid, size-mid), p: sp.cfg.Progress, header: true}, count)
		var err error
		tail, err = sp.place(sp.sets[1], rest.Read, tailWeeks)
		return err
	})
	st, err := sp.place(sp.sets[0], head.Read, weeks)
	if gerr := g.Wait(); err == nil {
		err = gerr
	}
	st.Add(tail)
	weeks.addAll(tailWeeks)
	return st, err
}

// place writes this shard's rows to ps as read parses them (read calls emit for each good row).
// Rows are parsed on this goroutine and written to their partitions on another, a batch at a
// time. Finding a row's roster position reads a random place of an array of a few MB; between two
// rows the parser's work kept those reads from overlapping, while a batch's lookups, one after
// the other, do. And parsing and partitioning take a core each (they took 6.4 s of one core at
// 1M, while the schedule's reader took 1.1 s).
func (sp *punchSpill) place(ps *partitions, read func(emit func(*model.Punch)) (ingest.Stats, error), weeks *weekRows) (ingest.Stats, error) {
	cfg, ids, partOf, nparts := sp.cfg, sp.ids, sp.partOf, sp.nparts
	full, free, done := make(chan []model.Punch, 2), make(chan []model.Punch, 3), make(chan struct{})
	for i := 0; i < cap(free); i++ {
		free <- make([]model.Punch, 0, punchBatch)
	}
	go func() {
		defer close(done)
		pos := make([]int32, punchBatch)
		for b := range full {
			for i := range b {
				pos[i] = ids.find(b[i].Employee)
			}
			for i := range b {
				if pos[i] >= 0 {
					ps.add(partOf(pos[i]), &b[i], pos[i])
				} else {
					ps.add(nparts, &b[i], -1)
				}
			}
			free <- b[:0]
		}
	}()
	b := <-free
	st, err := read(func(p *model.Punch) {
		weeks.add(p.EventDate)
		if ShardOf(p.Employee, cfg.Shards) != cfg.Shard {
			return
		}
		if b = append(b, *p); len(b) == punchBatch {
			full <- b
			b = <-free
		}
	})
	full <- b
	close(full)
	<-done
	if err == nil {
		err = ps.flush()
	}
	return st, err
}

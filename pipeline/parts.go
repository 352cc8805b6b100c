package pipeline

import (
	"context"
	"fmt"
	"io"
	"os"
	"path"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/stages/emit"
	"github.com/payclose/payclose/stages/model"
)

// part is one set of output files (a pay_lines and an accruals Parquet file per week) written by
// its own goroutine. Parquet encoding is the most expensive step of the close, and one file is
// encoded by one goroutine, so a large week is split across parts: batch seq goes to part
// seq mod P, each part receives its batches in sequence order, and the number of parts depends
// only on the input (see partsFor), so the files are the same for any number of workers.
type part struct {
	first calendars.Date
	ch    chan *batch
	files []*os.File
	pay   []*emit.PayLineWriter
	acc   []*emit.AccrualWriter
	paths []string // pay line files, then accrual files
	// tables are pay and acc in the order of paths and files
	tables []tableFile
	stage  *emit.Staging
	// maxHeld is the bytes of row groups the part holds, its files not started, before it waits
	// for them (heldBytes over the parts)
	maxHeld int
	buf     []model.Accrual
	outs    []emit.Output // the closed files, for the manifest (run)
}

// partBytes is how much punch export one part encodes: about 5M pay lines. More parts encode
// faster on more cores, but each holds its own Arrow builders and an open row group in memory.
const partBytes = 384 << 20

// maxParts bounds the parts: each holds a row group of pay lines and one of accruals in memory
// (about 50 MB at 128k rows each), so with 8 the writer's memory grew with the week up to 3M
// employee-weeks (live heap 221 MB at 1M, 520 MB at 3M). Four keep the encoders of a 2-4 core
// machine busy.
const maxParts = 4

// partQueue is how many batches wait for a part's goroutine. Batches go to the parts in turn, so
// while one part encodes a row group at once (tens of milliseconds) the close stops as soon as
// that part's queue is full: with 2, the other core often waited too. A batch is about 1 MB.
const partQueue = 8

// partsFor is the number of parts for an export of the given size, at most maxParts.
func partsFor(punchBytes int64) int {
	return int(min(maxParts, max(1, (punchBytes+partBytes-1)/partBytes)))
}

// partFile names a part's file: part-SSSSS.parquet for the shard, with -PPP when the week is
// split into several parts.
func partFile(cfg *Config, p, parts int) string {
	if parts == 1 {
		return "part-" + pad5(cfg.Shard) + ".parquet"
	}
	return fmt.Sprintf("part-%05d-%03d.parquet", cfg.Shard, p)
}

// newPart makes a part whose writers encode and hold row groups until its files are made (create)
// and the run id is known (run).
func newPart(cfg *Config, p, parts int) (*part, error) {
	pt := &part{first: cfg.Week, ch: make(chan *batch, partQueue), maxHeld: heldBytes / parts}
	for k := 0; k < cfg.Weeks; k++ {
		pw, err := emit.NewHeldPayLineWriter(emit.ParquetOptions{})
		if err != nil {
			return nil, err
		}
		pt.pay = append(pt.pay, pw)
		pt.paths = append(pt.paths, path.Join("pay_lines", "week_start="+cfg.Week.AddDays(7*k).String(), partFile(cfg, p, parts)))
	}
	for k := 0; k < cfg.Weeks; k++ {
		aw, err := emit.NewHeldAccrualWriter(emit.ParquetOptions{})
		if err != nil {
			return nil, err
		}
		pt.acc = append(pt.acc, aw)
		pt.paths = append(pt.paths, path.Join("accruals", "week_start="+cfg.Week.AddDays(7*k).String(), partFile(cfg, p, parts)))
	}
	for _, w := range pt.pay {
		pt.tables = append(pt.tables, w)
	}
	for _, w := range pt.acc {
		pt.tables = append(pt.tables, w)
	}
	return pt, nil
}

// create makes the part's files in the staging tree.
func (pt *part) create(stage *emit.Staging) error {
	pt.stage = stage
	for _, rel := range pt.paths {
		if err := os.MkdirAll(path.Dir(stage.Path(rel)), 0o755); err != nil {
			return err
		}
		f, err := stage.Create(rel)
		if err != nil {
			return err
		}
		pt.files = append(pt.files, f)
	}
	return nil
}

// heldBytes is how many bytes of encoded row groups the parts hold in all while the run id is
// not known, before they wait for it: each part its share. A 1M close's run id comes about 0.8 s
// in, its two parts holding 6-14 MB each by then. At 10M the hash of the 7.9 GB punch export
// takes some 6 s, which the close used to wait out on one core; 64 MiB per part (256 MiB over its
// four) made one 10M close's peak RSS 906 MiB. With 32 MiB in all: 653-752 MiB in three runs,
// 561-820 MiB for the close that waited (where the collections fall moves it that much), and the
// 10M close 3-4% faster (78.4-79.5 s against 81.6-81.7 s).
var heldBytes = 32 << 20 // a variable for tests

// run writes the part's batches until its channel closes, returning each batch to the pool, then
// finishes the part's files (pt.outs) and starts syncing them to disk: each part on its own
// goroutine as soon as its last batch is encoded (one after the other by finish, the last row
// groups were encoded on one core while the other waited), and the pay lines reach the disk while
// the hand-off reads them back.
//
// The files are started (their row groups held until then written) once the run's identity is
// known and the files are made (staged): the run id is in every row. Until then the part
// encodes as batches come, up to its share of heldBytes, so the close need not wait for the
// inputs' hash.
func (pt *part) run(ctx context.Context, staged <-chan struct{}, id *identity) error {
	started := false
	start := func(wait bool) error {
		if started {
			return nil
		}
		if wait {
			select {
			case <-staged:
			case <-ctx.Done():
				return ctx.Err()
			}
		} else {
			select {
			case <-staged:
			default:
				return nil
			}
		}
		started = true
		return pt.start(id.runID)
	}
	for b := range pt.ch {
		err := start(pt.held() >= pt.maxHeld)
		if err == nil {
			err = pt.write(b)
		}
		putBatch(b)
		if err != nil {
			return err
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if err := start(true); err != nil {
		return err
	}
	outs, err := pt.close()
	if err != nil {
		return err
	}
	pt.outs = outs
	for _, o := range outs {
		pt.stage.SyncSoon(o.Path)
	}
	return nil
}

// start writes the part's files under runID, from the row groups held.
func (pt *part) start(runID string) error {
	for k, w := range pt.tables {
		if err := w.Start(pt.files[k], runID); err != nil {
			return err
		}
	}
	return nil
}

// held is the bytes of row groups the part's writers hold until start.
func (pt *part) held() int {
	n := 0
	for _, w := range pt.tables {
		n += w.Held()
	}
	return n
}

// write appends a batch's pay lines and accrual rows to the files of their weeks. Rows come
// employee by employee, week by week, so each week's rows are written in one call per batch.
func (pt *part) write(b *batch) error {
	for k := range pt.acc {
		rows := b.accruals
		if len(pt.acc) > 1 {
			pt.buf = pt.buf[:0]
			for i := range b.accruals {
				if int(b.accruals[i].Week-pt.first)/7 == k {
					pt.buf = append(pt.buf, b.accruals[i])
				}
			}
			rows = pt.buf
		}
		if err := pt.acc[k].Write(rows); err != nil {
			return err
		}
	}
	lines := b.lines
	if len(pt.pay) == 1 {
		return pt.pay[0].Write(lines)
	}
	for i := 0; i < len(lines); {
		k := int(lines[i].WorkDate-pt.first) / 7
		j := i + 1
		for j < len(lines) && int(lines[j].WorkDate-pt.first)/7 == k {
			j++
		}
		if k < 0 || k >= len(pt.pay) {
			return fmt.Errorf("internal: pay line dated %s outside the closed weeks", lines[i].WorkDate)
		}
		if err := pt.pay[k].Write(lines[i:j]); err != nil {
			return err
		}
		i = j
	}
	return nil
}

// tableFile is what a part needs of a pay-line or accrual writer besides its Write.
type tableFile interface {
	Start(w io.Writer, runID string) error
	Held() int
	Close() error
	Written() emit.Output
}

// close finishes the part's files (pay lines, then accruals, in the order of paths) and describes
// them for the manifest.
func (pt *part) close() ([]emit.Output, error) {
	var outs []emit.Output
	for k, w := range pt.tables {
		if err := w.Close(); err != nil {
			return nil, err
		}
		o := w.Written()
		o.Path = pt.paths[k]
		outs = append(outs, o)
	}
	for _, f := range pt.files {
		if err := f.Close(); err != nil {
			return nil, err
		}
	}
	pt.files = nil
	return outs, nil
}

func (pt *part) abort() {
	for _, f := range pt.files {
		f.Close()
	}
}

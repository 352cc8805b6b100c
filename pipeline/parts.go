package pipeline

import (
	"context"
	"fmt"
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
	buf   []model.Accrual
	outs  []emit.Output // the closed files, for the manifest (run)
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

func newPart(cfg *Config, stage *emit.Staging, runID string, p, parts int) (*part, error) {
	pt := &part{first: cfg.Week, ch: make(chan *batch, partQueue)}
	open := func(table string, week calendars.Date) (*os.File, string, error) {
		rel := path.Join(table, "week_start="+week.String(), partFile(cfg, p, parts))
		if err := os.MkdirAll(path.Dir(stage.Path(rel)), 0o755); err != nil {
			return nil, "", err
		}
		f, err := stage.Create(rel)
		return f, rel, err
	}
	for k := 0; k < cfg.Weeks; k++ {
		f, rel, err := open("pay_lines", cfg.Week.AddDays(7*k))
		if err != nil {
			return pt, err
		}
		pt.files, pt.paths = append(pt.files, f), append(pt.paths, rel)
		pw, err := emit.NewPayLineWriter(f, runID, emit.ParquetOptions{})
		if err != nil {
			return pt, err
		}
		pt.pay = append(pt.pay, pw)
	}
	for k := 0; k < cfg.Weeks; k++ {
		f, rel, err := open("accruals", cfg.Week.AddDays(7*k))
		if err != nil {
			return pt, err
		}
		pt.files, pt.paths = append(pt.files, f), append(pt.paths, rel)
		aw, err := emit.NewAccrualWriter(f, runID, emit.ParquetOptions{})
		if err != nil {
			return pt, err
		}
		pt.acc = append(pt.acc, aw)
	}
	return pt, nil
}

// run writes the part's batches until its channel closes, returning each batch to the pool, then
// finishes the part's files (pt.outs) and starts syncing them to disk: each part on its own
// goroutine as soon as its last batch is encoded (one after the other by finish, the last row
// groups were encoded on one core while the other waited), and the pay lines reach the disk while
// the hand-off reads them back.
func (pt *part) run(ctx context.Context, stage *emit.Staging) error {
	for b := range pt.ch {
		err := pt.write(b)
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
	outs, err := pt.close()
	if err != nil {
		return err
	}
	pt.outs = outs
	for _, o := range outs {
		stage.SyncSoon(o.Path)
	}
	return nil
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

// tableFile is what close needs of a pay-line or accrual writer.
type tableFile interface {
	Close() error
	Written() emit.Output
}

// close finishes the part's files (pay lines, then accruals, in the order of paths) and describes
// them for the manifest.
func (pt *part) close() ([]emit.Output, error) {
	var tables []tableFile
	for _, w := range pt.pay {
		tables = append(tables, w)
	}
	for _, w := range pt.acc {
		tables = append(tables, w)
	}
	var outs []emit.Output
	for k, w := range tables {
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

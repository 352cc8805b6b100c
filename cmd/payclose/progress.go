package main

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/urfave/cli/v2"
	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"

	"github.com/payclose/payclose/pipeline"
)

func progressFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "progress", Value: "auto", EnvVars: []string{"PAYCLOSE_PROGRESS"},
			Usage: "auto (bars when stderr is a terminal, else log lines), bar, log or off"},
		&cli.DurationFlag{Name: "progress-every", Value: 10 * time.Second, EnvVars: []string{"PAYCLOSE_PROGRESS_EVERY"},
			Usage: "interval of the progress log lines"},
	}
}

// progress shows the close on stderr: one bar per stage on a terminal (rows read with percent of
// the file and ETA; employees done with rate and ETA), periodic log lines otherwise. It carries
// counts only, never names or rates of pay, so its lines are safe at info level.
type progress struct {
	rows, bytes, emps atomic.Int64
	readTotal         atomic.Int64
	empTotal          atomic.Int64
	started           time.Time

	mu       sync.Mutex
	stage    string
	bars     *mpb.Progress
	readBar  *mpb.Bar
	closeBar *mpb.Bar
	// closeUnknown is set when the close stage's total is unknown (streamed roster).
	closeUnknown bool

	log  *slog.Logger
	stop chan struct{}
	done chan struct{}
}

// newProgress returns nil (no progress) for --progress off, or a progress whose finish must be
// called before the summary is printed.
func newProgress(c *cli.Context, stderr io.Writer, log *slog.Logger) (*progress, error) {
	mode := c.String("progress")
	switch mode {
	case "off":
		return nil, nil
	case "auto":
		mode = "log"
		if isTerminal(stderr) {
			mode = "bar"
		}
	case "bar", "log":
	default:
		return nil, cliUsage{fmt.Errorf("--progress %q: expected auto, bar, log or off", mode)}
	}
	p := &progress{started: time.Now()}
	if mode == "bar" {
		p.bars = mpb.New(mpb.WithOutput(stderr), mpb.WithWidth(40), mpb.WithRefreshRate(200*time.Millisecond))
		return p, nil
	}
	every := c.Duration("progress-every")
	if every <= 0 {
		return nil, cliUsage{fmt.Errorf("--progress-every %s: expected a positive duration such as 10s", every)}
	}
	p.log, p.stop, p.done = log, make(chan struct{}), make(chan struct{})
	go func() {
		defer close(p.done)
		t := time.NewTicker(every)
		defer t.Stop()
		for {
			select {
			case <-t.C:
				p.logLine("progress")
			case <-p.stop:
				return
			}
		}
	}()
	return p, nil
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func (p *progress) RowsRead(n int64) { p.rows.Add(n) }
func (p *progress) EmployeesDone(n int64) {
	done := p.emps.Add(n)
	if p.bars != nil {
		p.mu.Lock()
		b, unknown := p.closeBar, p.closeUnknown
		p.mu.Unlock()
		if b != nil && unknown {
			b.SetTotal(done+1, false)
		}
	}
	p.incr(&p.closeBar, n)
}
func (p *progress) BytesRead(n int64) { p.bytes.Add(n); p.incr(&p.readBar, n) }

func (p *progress) incr(bar **mpb.Bar, n int64) {
	if p.bars == nil {
		return
	}
	p.mu.Lock()
	b := *bar
	p.mu.Unlock()
	if b != nil {
		b.IncrInt64(n)
	}
}

// Stage starts "read FILE" (total bytes) or "close" (total employees). A stage started again (the
// on-call file, or the re-read of an unsorted export) starts its counters and bar afresh.
func (p *progress) Stage(name string, total int64) {
	reading := strings.HasPrefix(name, "read ")
	if reading {
		p.rows.Store(0)
		p.bytes.Store(0)
		p.readTotal.Store(total)
	} else {
		p.emps.Store(0)
		p.empTotal.Store(total)
	}
	p.mu.Lock()
	p.stage = name
	p.mu.Unlock()
	if p.bars == nil {
		if p.log != nil {
			// A read stage's total is the file's size in bytes; the close's, employees (unknown,
			// and so not logged, when the roster is streamed).
			attrs := []any{"stage", name}
			switch {
			case reading && total > 0:
				attrs = append(attrs, "file_bytes", total)
			case !reading && total > 0:
				attrs = append(attrs, "employees", total)
			}
			p.log.Info("stage started", attrs...)
		}
		return
	}
	unknown := total <= 0
	if unknown {
		total = 1
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	// A stage started again replaces its bar: the figures of the abandoned pass mean nothing.
	if reading {
		drop(p.readBar)
		p.readBar = p.bars.New(total, mpb.BarStyle(),
			mpb.PrependDecorators(decor.Name(name, decor.WCSyncSpaceR),
				decor.Any(func(decor.Statistics) string { return fmt.Sprintf("%d rows", p.rows.Load()) }, decor.WCSyncSpace)),
			mpb.AppendDecorators(decor.Percentage(decor.WCSyncSpace), decor.Name(" ETA "), decor.AverageETA(decor.ET_STYLE_GO)))
		return
	}
	drop(p.closeBar)
	if unknown {
		// A streamed roster: the number of employees is known only at the end. The bar counts
		// without a total or an ETA (EmployeesDone keeps its total ahead of the count).
		p.closeUnknown = true
		p.closeBar = p.bars.New(total, mpb.BarStyle(),
			mpb.PrependDecorators(decor.Name(name, decor.WCSyncSpaceR),
				decor.Any(func(decor.Statistics) string { return fmt.Sprintf("%d employees", p.emps.Load()) }, decor.WCSyncSpace)),
			mpb.AppendDecorators(decor.AverageSpeed(nil, "%.0f/s", decor.WCSyncSpace)))
		return
	}
	p.closeUnknown = false
	p.closeBar = p.bars.New(total, mpb.BarStyle(),
		mpb.PrependDecorators(decor.Name(name, decor.WCSyncSpaceR), decor.CountersNoUnit("%d / %d employees", decor.WCSyncSpace)),
		mpb.AppendDecorators(decor.AverageSpeed(nil, "%.0f/s", decor.WCSyncSpace), decor.Name(" ETA "), decor.AverageETA(decor.ET_STYLE_GO)))
}

func drop(b *mpb.Bar) {
	if b != nil {
		b.Abort(true)
	}
}

func complete(b *mpb.Bar) {
	if b != nil && !b.Completed() {
		b.SetTotal(-1, true)
	}
}

// logLine is one plain progress line: counts, percent of the punch file, rates per second and an
// ETA from bytes read against the file size.
func (p *progress) logLine(msg string) {
	if p.log == nil {
		return
	}
	p.mu.Lock()
	stage := p.stage
	p.mu.Unlock()
	el := time.Since(p.started)
	rows, read, total, emps := p.rows.Load(), p.bytes.Load(), p.readTotal.Load(), p.emps.Load()
	var attrs []any
	if stage != "" {
		attrs = append(attrs, "stage", stage)
	}
	attrs = append(attrs, "rows_read", rows, "employees_done", emps, "elapsed", el.Round(time.Millisecond).String())
	if total > 0 {
		attrs = append(attrs, "read_pct", read*100/total)
		if read > 0 && read < total {
			eta := time.Duration(float64(el) * float64(total-read) / float64(read))
			attrs = append(attrs, "eta", eta.Round(time.Second).String())
		}
	}
	if s := el.Seconds(); s > 0 {
		attrs = append(attrs, "rows_per_s", int64(float64(rows)/s), "employees_per_s", int64(float64(emps)/s))
	}
	p.log.Info(msg, attrs...)
}

// finish stops the bars or the ticker; ok says whether the run completed (bars are then shown
// full, otherwise left where they stopped).
func (p *progress) finish(ok bool) {
	if p == nil {
		return
	}
	if p.bars != nil {
		p.mu.Lock()
		for _, b := range []*mpb.Bar{p.readBar, p.closeBar} {
			if b == nil {
				continue
			}
			if ok {
				complete(b)
			} else {
				b.Abort(false)
			}
		}
		p.mu.Unlock()
		p.bars.Wait()
		return
	}
	close(p.stop)
	<-p.done
	if ok {
		// A failed run says so itself, after this: no "done" line before its error.
		p.logLine("progress done")
	}
}

var _ pipeline.StageProgress = (*progress)(nil)

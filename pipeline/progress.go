package pipeline

import (
	"bytes"
	"io"
	"os"
)

// StageProgress is optionally implemented by a Progress that shows stages and an ETA: it learns
// when a stage starts and how big its input is, and how many bytes of it have been read.
type StageProgress interface {
	// Stage starts a stage. total is its size in the stage's unit (bytes for a file being read,
	// employees for the close); 0 when unknown.
	Stage(name string, total int64)
	BytesRead(n int64)
}

// progressReader reports the punch file's progress: bytes for the ETA, and rows as the newlines
// read (a quoted field with a newline in it counts twice; for a progress line that is fine, and it
// keeps counting out of the reader's hot loop). It reports in chunks, never per row.
type progressReader struct {
	r       io.Reader
	p       Progress
	started bool
	header  bool // the header line is not a row
}

func (p *progressReader) Read(b []byte) (int, error) {
	n, err := p.r.Read(b)
	if p.p == nil {
		return n, err
	}
	sp, _ := p.p.(StageProgress)
	if !p.started {
		p.started = true
		if f, ok := p.r.(*os.File); ok && sp != nil {
			var size int64
			if st, err := f.Stat(); err == nil {
				size = st.Size()
			}
			sp.Stage("read "+f.Name(), size)
		}
	}
	if n > 0 {
		rows := int64(bytes.Count(b[:n], []byte{'\n'}))
		if !p.header && rows > 0 {
			p.header = true
			rows--
		}
		p.p.RowsRead(rows)
		if sp != nil {
			sp.BytesRead(int64(n))
		}
	}
	return n, err
}

// startStage tells a StageProgress that the close of total employees begins.
func startStage(p Progress, name string, total int64) {
	if sp, ok := p.(StageProgress); ok {
		sp.Stage(name, total)
	}
}

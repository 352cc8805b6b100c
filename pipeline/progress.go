package pipeline

import "io"

// progressReader reports bytes... rows are counted by the reader; this only forwards reads and
// lets the progress sink see that the stream advances.
type progressReader struct {
	r io.Reader
	p Progress
}

func (p *progressReader) Read(b []byte) (int, error) { return p.r.Read(b) }

package emit

import (
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"io"
)

// Output describes one written file for the manifest. Path is left to the caller, which knows
// where the file sits relative to the output directory.
type Output struct {
	Path   string `json:"path"`
	Rows   int64  `json:"rows"`
	Bytes  int64  `json:"bytes"`
	SHA256 string `json:"sha256"`
}

// sink counts and hashes everything written through it, so the manifest's byte counts and
// checksums come for free instead of from a second read of each file. It deliberately has no
// Close: the Parquet library closes its sink if it can, and the caller must keep its file open
// to fsync it.
type sink struct {
	w io.Writer
	h hash.Hash
	n int64
}

func newSink(w io.Writer) *sink { return &sink{w: w, h: sha256.New()} }

func (s *sink) Write(p []byte) (int, error) {
	n, err := s.w.Write(p)
	s.h.Write(p[:n])
	s.n += int64(n)
	return n, err
}

func (s *sink) output(rows int64) Output {
	return Output{Rows: rows, Bytes: s.n, SHA256: hex.EncodeToString(s.h.Sum(nil))}
}

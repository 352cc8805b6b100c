package ingest

import (
	"bytes"
	"io"
)

// A large export can be read by two goroutines, one from its start and one from a line start in
// its middle (PunchReader.Rest). A record is one physical line (a quote cannot carry a field over
// a line break: see unquote), so any line start is a record start, quoted fields or not.

// SplitPoint is where a file of size bytes read from r can be cut for two readers: the start of
// the first line that starts after the middle, or size when there is none.
func SplitPoint(r io.ReaderAt, size int64) (int64, error) {
	buf := make([]byte, bufferSize)
	for at := size / 2; at < size; at += int64(len(buf)) {
		n, err := r.ReadAt(buf[:min(int64(len(buf)), size-at)], at)
		if i := bytes.IndexByte(buf[:n], '\n'); i >= 0 {
			return at + int64(i) + 1, nil
		}
		if err != nil && err != io.EOF {
			return 0, err
		}
		if n == 0 {
			break
		}
	}
	return size, nil
}

// CountLines is how many newlines r's first n bytes hold: at a line start, the physical lines
// before it.
func CountLines(r io.ReaderAt, n int64) (int, error) {
	buf := make([]byte, 1<<20)
	lines := 0
	for at := int64(0); at < n; {
		k, err := r.ReadAt(buf[:min(int64(len(buf)), n-at)], at)
		lines += bytes.Count(buf[:k], []byte{'\n'})
		at += int64(k)
		if err == io.EOF && at < n {
			return lines, io.ErrUnexpectedEOF
		}
		if err != nil && err != io.EOF {
			return lines, err
		}
	}
	return lines, nil
}

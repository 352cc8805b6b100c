package ingest

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/bits"
)

// MaxLineBytes bounds the memory one record may take. A time-clock export never comes near it, so
// a longer line is a broken file (or an unterminated quote), not data to buffer without limit.
const MaxLineBytes = 1 << 20

// maxFields caps the fields of one record so a line of a million commas cannot allocate a
// million-entry slice; every file we read has a few dozen columns.
const maxFields = 1024

const bufferSize = 64 << 10

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// recordError is a record that cannot be split into fields. The reader has already skipped it, so
// the caller can reject it and carry on.
type recordError struct {
	line   int
	reason string
	detail string
	value  []byte // a short prefix of the offending text, valid until the next read
}

func (e *recordError) Error() string {
	return fmt.Sprintf("line %d: %s: %s", e.line, e.reason, e.detail)
}

// recordReader is an RFC 4180 reader tuned for large exports. Records without a quote are split
// in place in the bufio buffer, so the common row costs no copy and no allocation; the returned
// fields are only valid until the next call to read.
type recordReader struct {
	br     *bufio.Reader
	line   int    // physical lines consumed, from start
	start  int    // physical lines of the file before r's input (PunchReader.Rest), 0 at its start
	bytes  int64  // bytes consumed
	blank  int    // blank lines skipped
	long   []byte // a line that did not fit the bufio buffer
	rec    []byte // unquoted text of a record that needed unquoting
	ends   []int
	fields [][]byte
	first  bool
}

func newRecordReader(r io.Reader) *recordReader {
	return &recordReader{br: bufio.NewReaderSize(r, bufferSize), first: true}
}

var errLineTooLong = errors.New("line too long")

// errHeaderTooLong is a first line over MaxLineBytes: the file is not a CSV export, and reading
// on to the end of that line (endless on /dev/zero) would be pointless.
var errHeaderTooLong = errors.New("header line too long")

// readLine returns the next physical line with its terminator. At the end of input it returns
// io.EOF with no data. A line over MaxLineBytes is consumed entirely (each underlying Read is a
// chance for a cancelled reader to stop it) and reported as errLineTooLong with its first bytes
// in r.long; on the first line it is errHeaderTooLong at once.
func (r *recordReader) readLine() ([]byte, error) {
	line, err := r.br.ReadSlice('\n')
	r.bytes += int64(len(line))
	if err == bufio.ErrBufferFull {
		r.long = append(r.long[:0], line...)
		for err == bufio.ErrBufferFull {
			line, err = r.br.ReadSlice('\n')
			r.bytes += int64(len(line))
			if len(r.long)+len(line) > MaxLineBytes+2 {
				if r.first {
					return nil, errHeaderTooLong
				}
				r.long = r.long[:64]
				for err == bufio.ErrBufferFull {
					line, err = r.br.ReadSlice('\n')
					r.bytes += int64(len(line))
				}
				if err != nil && err != io.EOF {
					return nil, err
				}
				r.line++
				return nil, errLineTooLong
			}
			r.long = append(r.long, line...)
		}
		line = r.long
	}
	if err != nil && err != io.EOF {
		return nil, err
	}
	if len(line) == 0 {
		return nil, io.EOF
	}
	r.line++
	if len(trimNewline(line)) > MaxLineBytes {
		r.long = append(r.long[:0], line[:64]...)
		return nil, errLineTooLong
	}
	return line, nil
}

// trimNewline cuts the line ending: the \n and every \r before it. A stray \r (\r\r\n, from a
// file converted to CRLF twice) is part of the line ending, not text of the last field.
func trimNewline(b []byte) []byte {
	if n := len(b); n > 0 && b[n-1] == '\n' {
		b = b[:n-1]
	}
	for n := len(b); n > 0 && b[n-1] == '\r'; n-- {
		b = b[:n-1]
	}
	return b
}

// read returns the next record and the physical line it starts on. Blank lines are skipped. The
// error is io.EOF at the end, a *recordError for a record the caller should reject, or a read
// failure.
func (r *recordReader) read() ([][]byte, int, error) {
	for {
		line, err := r.readLine()
		if err == errLineTooLong {
			return nil, r.line, &recordError{line: r.line, reason: ReasonLineTooLong,
				detail: "the line is longer than 1 MiB and was skipped; is this the right file?", value: r.long}
		}
		if err != nil {
			return nil, r.line, err
		}
		if r.first {
			r.first = false
			line = bytes.TrimPrefix(line, utf8BOM)
		}
		start := r.line
		if len(trimNewline(line)) == 0 {
			r.blank++
			continue
		}
		if fields, ok := r.splitPlain(trimNewline(line)); ok {
			return fields, start, nil
		}
		if bytes.IndexByte(line, 0) >= 0 {
			return nil, start, &recordError{line: start, reason: ReasonBinary,
				detail: "the line contains NUL bytes: binary data, not CSV text", value: prefix(line)}
		}
		if bytes.IndexByte(line, '"') < 0 {
			return r.split(trimNewline(line), start)
		}
		return r.unquote(line, start)
	}
}

// splitPlain is split for the common record in one pass over the line instead of a search for
// NUL, one for a quote and one per comma (bytes.IndexByte was a third of ingest): eight bytes at a
// time, with the commas, quotes and NULs of each found by a few integer operations. It gives up
// (false) at a quote, a NUL or too many fields, and read then goes the way it always went.
func (r *recordReader) splitPlain(line []byte) ([][]byte, bool) {
	fields := r.fields[:0]
	from, i := 0, 0
	for ; i+8 <= len(line); i += 8 {
		w := binary.LittleEndian.Uint64(line[i:])
		if zeroBytes(w^quotes)|zeroBytes(w) != 0 {
			return nil, false
		}
		for c := zeroBytes(w ^ commas); c != 0; c &= c - 1 {
			at := i + bits.TrailingZeros64(c)/8
			fields = append(fields, line[from:at])
			from = at + 1
			if len(fields) >= maxFields {
				return nil, false
			}
		}
	}
	for ; i < len(line); i++ {
		switch line[i] {
		case ',':
			fields = append(fields, line[from:i])
			from = i + 1
			if len(fields) >= maxFields {
				return nil, false
			}
		case '"', 0:
			return nil, false
		}
	}
	r.fields = append(fields, line[from:])
	return r.fields, true
}

const (
	low7   = 0x7f7f7f7f7f7f7f7f
	commas = 0x2c2c2c2c2c2c2c2c // ','
	quotes = 0x2222222222222222 // '"'
)

// zeroBytes sets the high bit of exactly the bytes of w that are zero (no borrow from one byte
// to the next, unlike the shorter (w-0x0101...)&^w&0x8080... test, which may mark a 0x01 byte
// above a zero).
func zeroBytes(w uint64) uint64 {
	t := (w & low7) + low7
	return ^(t | w | low7)
}

// split cuts a line without quotes at its commas, in place.
func (r *recordReader) split(line []byte, start int) ([][]byte, int, error) {
	r.fields = r.fields[:0]
	for {
		i := bytes.IndexByte(line, ',')
		if i < 0 {
			r.fields = append(r.fields, line)
			return r.fields, start, nil
		}
		r.fields = append(r.fields, line[:i])
		line = line[i+1:]
		if len(r.fields) >= maxFields {
			return nil, start, tooManyFields(start)
		}
	}
}

func tooManyFields(line int) error {
	return &recordError{line: line, reason: ReasonFieldCount,
		detail: fmt.Sprintf("more than %d fields on one row", maxFields)}
}

// unquote parses a record that has quotes, copying field text into r.rec. A record is one physical
// line: a quote cannot carry a field over a line break.
func (r *recordReader) unquote(line []byte, start int) ([][]byte, int, error) {
	r.rec = r.rec[:0]
	r.ends = r.ends[:0]
	first := line
	bad := func(detail string) ([][]byte, int, error) {
		return nil, start, &recordError{line: start, reason: ReasonBadQuote, detail: detail, value: prefix(first)}
	}
fields:
	for {
		if len(r.ends) >= maxFields {
			return nil, start, tooManyFields(start)
		}
		if len(line) == 0 || line[0] != '"' {
			i := bytes.IndexByte(line, ',')
			field := line
			if i >= 0 {
				field = line[:i]
			} else {
				field = trimNewline(line)
			}
			if bytes.IndexByte(field, '"') >= 0 {
				return bad(`a quote (") inside a field that does not start with a quote; quote the whole field and double inner quotes`)
			}
			r.rec = append(r.rec, field...)
			r.ends = append(r.ends, len(r.rec))
			if i < 0 {
				break fields
			}
			line = line[i+1:]
			continue
		}
		line = line[1:]
		for {
			i := bytes.IndexByte(line, '"')
			if i >= 0 {
				r.rec = append(r.rec, line[:i]...)
				line = line[i+1:]
				switch {
				case len(line) > 0 && line[0] == '"':
					r.rec = append(r.rec, '"')
					line = line[1:]
				case len(line) > 0 && line[0] == ',':
					r.ends = append(r.ends, len(r.rec))
					line = line[1:]
					continue fields
				case len(trimNewline(line)) == 0:
					r.ends = append(r.ends, len(r.rec))
					break fields
				default:
					return bad(`text after the closing quote of a field; double the quote ("") to put one inside a field`)
				}
				continue
			}
			// No input format allows a line break inside a field: a quote still open at the end of
			// the line rejects this line only, and reading resumes on the next one. (Reading on to
			// the next quote would swallow the rows in between, unaccounted for.)
			return bad(`a quoted field is not closed on its line (a field cannot hold a line break); close the quote or remove it`)
		}
	}
	r.fields = r.fields[:0]
	from := 0
	for _, end := range r.ends {
		r.fields = append(r.fields, r.rec[from:end])
		from = end
	}
	return r.fields, start, nil
}

// prefix is the start of a bad line, enough for a person to find it.
func prefix(b []byte) []byte {
	b = trimNewline(b)
	if len(b) > 64 {
		return b[:64]
	}
	return b
}

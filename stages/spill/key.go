package spill

import (
	"bytes"
	"encoding/binary"
	"strings"
)

// AppendString appends s to a key so that keys compare as their fields do, field by field: a NUL
// byte of s is written 0x00 0xFF and s ends with 0x00 0x01, below any byte that continues a longer
// string, so a string sorts before the strings it is a prefix of ("a" < "a\x00" < "ab").
func AppendString(b []byte, s string) []byte {
	for {
		i := strings.IndexByte(s, 0)
		if i < 0 {
			return append(append(b, s...), 0, 1)
		}
		b = append(append(b, s[:i+1]...), 0xFF)
		s = s[i+1:]
	}
}

// CutString reads a field of AppendString from the front of b: s is the string's bytes (within b,
// or appended to scratch when the string had a NUL byte), rest what follows it; false if b does
// not start with such a field.
func CutString(b, scratch []byte) (s, rest []byte, ok bool) {
	i := bytes.IndexByte(b, 0)
	if i >= 0 && i+1 < len(b) && b[i+1] == 1 {
		return b[:i], b[i+2:], true
	}
	s = scratch[:0]
	for i >= 0 && i+1 < len(b) && b[i+1] == 0xFF {
		s = append(s, b[:i+1]...)
		b = b[i+2:]
		if i = bytes.IndexByte(b, 0); i >= 0 && i+1 < len(b) && b[i+1] == 1 {
			return append(s, b[:i]...), b[i+2:], true
		}
	}
	return nil, nil, false
}

// AppendInt appends n to a key so that keys compare as their fields do: big-endian, the sign bit
// flipped so that negative numbers sort first.
func AppendInt(b []byte, n int64) []byte {
	return binary.BigEndian.AppendUint64(b, uint64(n)^1<<63)
}

// CutInt reads a field of AppendInt from the front of b; false if b is too short.
func CutInt(b []byte) (n int64, rest []byte, ok bool) {
	if len(b) < 8 {
		return 0, nil, false
	}
	return int64(binary.BigEndian.Uint64(b) ^ 1<<63), b[8:], true
}

// Fields reads a record's fields in the order they were appended. The first field that is not
// there (a record cut short or damaged) makes every later read a no-op, so a decoder reads all its
// fields and asks Done once.
type Fields struct {
	b  []byte
	ok bool
}

// NewFields reads the fields of b.
func NewFields(b []byte) Fields { return Fields{b: b, ok: true} }

// String reads a field of AppendString into *dst, leaving *dst as it is when it already holds
// those bytes: a decoder that reuses its record keeps the strings that repeat from row to row
// (a file name, a reason) instead of allocating them again.
func (f *Fields) String(dst *string) {
	if !f.ok {
		return
	}
	var s []byte
	if s, f.b, f.ok = CutString(f.b, nil); f.ok && string(s) != *dst {
		*dst = string(s)
	}
}

// Int reads a field of AppendInt (0 once a field was missing).
func (f *Fields) Int() int64 {
	if !f.ok {
		return 0
	}
	var n int64
	n, f.b, f.ok = CutInt(f.b)
	return n
}

// Done reports whether every field read was there and nothing is left over.
func (f *Fields) Done() bool { return f.ok && len(f.b) == 0 }

package emit

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"slices"
	"unsafe"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/thrift/lib/go/thrift"
	"github.com/golang/snappy"
	pq "github.com/xitongsys/parquet-go/parquet"
)

// OwnFile reads back the column chunks of a Parquet file this package wrote (pqFile): flat,
// required columns, each chunk either PLAIN pages or a PLAIN dictionary page with RLE_DICTIONARY
// pages (and PLAIN pages for the rows after the dictionary filled up), Snappy or uncompressed.
//
// The hand-off reads every pay line of the close it ends. Through Arrow's column readers that
// was ~0.9 of a 1M employee-week close's ~14.7 CPU s: a byte slice made for each row of each
// dictionary column, one batch call at a time through generic decoders. Here a dictionary
// column comes back as what the file holds, its values once and each row's number among them,
// so a caller can look up what a value means once per value, not once per row. A file of another
// writer, or a page this package does not write, is an error (other files are read with Arrow).
type OwnFile struct {
	f     *os.File
	path  string
	size  int64
	md    *pq.FileMetaData
	chunk []byte // the column chunk being decoded, as stored
}

// OpenOwnFile opens path, written by this package, and reads its footer.
func OpenOwnFile(path string) (*OwnFile, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	of := &OwnFile{f: f, path: path}
	if err := of.readFooter(); err != nil {
		f.Close()
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return of, nil
}

// OpenOwnTable is OpenOwnFile for a file of the table sc: its columns must be sc's, in order.
func OpenOwnTable(path string, sc *arrow.Schema) (*OwnFile, error) {
	of, err := OpenOwnFile(path)
	if err != nil {
		return nil, err
	}
	cols := of.Columns()
	if len(cols) != sc.NumFields() {
		of.Close()
		return nil, fmt.Errorf("%s: not a file of this version: %d columns, want %d", path, len(cols), sc.NumFields())
	}
	for i, c := range cols {
		if w := sc.Field(i).Name; c != w {
			of.Close()
			return nil, fmt.Errorf("%s: not a file of this version: column %d is %s, want %s", path, i, c, w)
		}
	}
	return of, nil
}

// Close closes the file.
func (o *OwnFile) Close() error { return o.f.Close() }

func (o *OwnFile) readFooter() error {
	st, err := o.f.Stat()
	if err != nil {
		return err
	}
	size := st.Size()
	o.size = size
	var tail [8]byte
	if size < int64(2*len(magic)+4) {
		return errors.New("not a Parquet file: too short")
	}
	if _, err := o.f.ReadAt(tail[:], size-8); err != nil {
		return err
	}
	if !bytes.Equal(tail[4:], magic) {
		return errors.New("not a Parquet file: no PAR1 at the end")
	}
	n := int64(binary.LittleEndian.Uint32(tail[:4]))
	if n > size-int64(2*len(magic)+4) {
		return errors.New("not a Parquet file: footer longer than the file")
	}
	buf := make([]byte, n)
	if _, err := o.f.ReadAt(buf, size-8-n); err != nil {
		return err
	}
	md := pq.NewFileMetaData()
	if err := md.Read(context.Background(), thrift.NewTCompactProtocolConf(&thrift.TMemoryBuffer{Buffer: bytes.NewBuffer(buf)}, nil)); err != nil {
		return fmt.Errorf("footer: %w", err)
	}
	if md.CreatedBy == nil || *md.CreatedBy != createdBy {
		return fmt.Errorf("not a file of this version: written by %q", md.GetCreatedBy())
	}
	for _, rg := range md.RowGroups {
		if len(rg.Columns) != len(md.Schema)-1 {
			return fmt.Errorf("row group of %d columns, schema of %d", len(rg.Columns), len(md.Schema)-1)
		}
	}
	o.md = md
	return nil
}

// Columns is the names of the file's columns, in order.
func (o *OwnFile) Columns() []string {
	names := make([]string, 0, len(o.md.Schema))
	for _, e := range o.md.Schema[1:] {
		names = append(names, e.Name)
	}
	return names
}

// RowGroups is the number of row groups.
func (o *OwnFile) RowGroups() int { return len(o.md.RowGroups) }

// Rows is the number of rows of row group g.
func (o *OwnFile) Rows(g int) int { return int(o.md.RowGroups[g].NumRows) }

// StringChunk is a string column's chunk of a row group: row i's value is Dict[Idx[i]]. The
// values of PLAIN pages (a chunk without a dictionary, or the rows after it filled up) are
// appended to Dict, one entry per row. Dict's strings share the chunk's memory: they are valid
// until the StringChunk is decoded into again.
type StringChunk struct {
	Dict []string
	Idx  []int32
	buf  []byte // the decoded pages the strings point into
}

// IntChunk is an integer column's chunk of a row group, one value per row; dict holds a
// dictionary chunk's values while it is decoded.
type IntChunk[T int32 | int64] struct {
	Values []T
	dict   []T
	idx    []int32
	buf    []byte
}

// Int64Chunk is an INT64 column's chunk (decimals as their unscaled integers, timestamps).
type Int64Chunk = IntChunk[int64]

// Int32Chunk is an INT32 column's chunk (dates as days, minutes).
type Int32Chunk = IntChunk[int32]

// Strings decodes column c of row group g into sc.
func (o *OwnFile) Strings(g, c int, sc *StringChunk) error {
	sc.Dict, sc.Idx = sc.Dict[:0], sc.Idx[:0]
	md, err := o.load(g, c, pq.Type_BYTE_ARRAY)
	if err != nil {
		return err
	}
	// Every page is decoded into buf at once, which never grows past the chunk's uncompressed
	// size (headers included), so the strings of earlier pages stay where they are.
	sc.buf = slices.Grow(sc.buf[:0], int(md.TotalUncompressedSize))
	sc.Idx = slices.Grow(sc.Idx, int(md.NumValues))
	err = o.pages(md, &sc.buf, func(h *pq.PageHeader, raw []byte) error {
		switch {
		case h.Type == pq.PageType_DICTIONARY_PAGE:
			if len(sc.Dict) > 0 {
				return errors.New("a second dictionary page")
			}
			var err error
			sc.Dict, err = appendPlainStrings(sc.Dict, raw, int(h.DictionaryPageHeader.NumValues))
			return err
		case isDictEncoding(h.DataPageHeader.Encoding):
			var err error
			sc.Idx, err = appendIndexes(sc.Idx, raw, int(h.DataPageHeader.NumValues), len(sc.Dict))
			return err
		default: // PLAIN
			n := int(h.DataPageHeader.NumValues)
			first := int32(len(sc.Dict))
			var err error
			if sc.Dict, err = appendPlainStrings(sc.Dict, raw, n); err != nil {
				return err
			}
			for k := range int32(n) {
				sc.Idx = append(sc.Idx, first+k)
			}
			return nil
		}
	})
	if err == nil && len(sc.Idx) != int(md.NumValues) {
		err = fmt.Errorf("%d values, the chunk says %d", len(sc.Idx), md.NumValues)
	}
	return o.chunkErr(g, c, err)
}

// Int64s decodes INT64 column c of row group g into ic.Values.
func (o *OwnFile) Int64s(g, c int, ic *Int64Chunk) error { return readInts(o, g, c, pq.Type_INT64, ic) }

// Int32s decodes INT32 column c of row group g into ic.Values.
func (o *OwnFile) Int32s(g, c int, ic *Int32Chunk) error { return readInts(o, g, c, pq.Type_INT32, ic) }

func readInts[T int32 | int64](o *OwnFile, g, c int, typ pq.Type, ic *IntChunk[T]) error {
	ic.Values, ic.dict, ic.idx = ic.Values[:0], ic.dict[:0], ic.idx[:0]
	md, err := o.load(g, c, typ)
	if err != nil {
		return err
	}
	ic.buf = slices.Grow(ic.buf[:0], int(md.TotalUncompressedSize))
	ic.Values = slices.Grow(ic.Values, int(md.NumValues))
	err = o.pages(md, &ic.buf, func(h *pq.PageHeader, raw []byte) error {
		switch {
		case h.Type == pq.PageType_DICTIONARY_PAGE:
			if len(ic.dict) > 0 {
				return errors.New("a second dictionary page")
			}
			var err error
			ic.dict, err = appendPlainInts(ic.dict, raw, int(h.DictionaryPageHeader.NumValues))
			return err
		case isDictEncoding(h.DataPageHeader.Encoding):
			var err error
			if ic.idx, err = appendIndexes(ic.idx[:0], raw, int(h.DataPageHeader.NumValues), len(ic.dict)); err != nil {
				return err
			}
			n := len(ic.Values)
			vals := slices.Grow(ic.Values, len(ic.idx))[n : n+len(ic.idx)]
			dict := ic.dict
			for i, k := range ic.idx { // each k checked against len(dict) by appendIndexes
				vals[i] = dict[k]
			}
			ic.Values = ic.Values[:n+len(vals)]
			return nil
		default:
			var err error
			ic.Values, err = appendPlainInts(ic.Values, raw, int(h.DataPageHeader.NumValues))
			return err
		}
	})
	if err == nil && len(ic.Values) != int(md.NumValues) {
		err = fmt.Errorf("%d values, the chunk says %d", len(ic.Values), md.NumValues)
	}
	return o.chunkErr(g, c, err)
}

func (o *OwnFile) chunkErr(g, c int, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: row group %d, column %s: %w", o.path, g, o.md.Schema[c+1].Name, err)
}

// maxChunkValues bounds the values of a column chunk this package reads back (it writes row groups
// of DefaultRowGroupRows).
const maxChunkValues = 1 << 24

// load reads the bytes of column c of row group g into o.chunk and checks it is of type typ.
func (o *OwnFile) load(g, c int, typ pq.Type) (*pq.ColumnMetaData, error) {
	if g < 0 || g >= len(o.md.RowGroups) || c < 0 || c >= len(o.md.RowGroups[g].Columns) {
		return nil, fmt.Errorf("%s: no column %d in row group %d", o.path, c, g)
	}
	md := o.md.RowGroups[g].Columns[c].MetaData
	if md == nil || md.Type != typ {
		return nil, o.chunkErr(g, c, fmt.Errorf("not of type %s", typ))
	}
	start := md.DataPageOffset
	if md.DictionaryPageOffset != nil {
		start = min(start, *md.DictionaryPageOffset)
	}
	// The sizes are checked before anything is allocated by them: the chunk within the file, its
	// decoded pages within what Snappy can make of it, its values those of the row group.
	if start < 0 || md.TotalCompressedSize < 0 || md.TotalCompressedSize > o.size-start ||
		md.TotalUncompressedSize < 0 || md.TotalUncompressedSize > 64*md.TotalCompressedSize+1<<20 ||
		md.NumValues < 0 || md.NumValues > maxChunkValues || md.NumValues != o.md.RowGroups[g].NumRows {
		return nil, o.chunkErr(g, c, errors.New("chunk size out of range"))
	}
	o.chunk = slices.Grow(o.chunk[:0], int(md.TotalCompressedSize))[:md.TotalCompressedSize]
	if _, err := o.f.ReadAt(o.chunk, start); err != nil {
		return nil, o.chunkErr(g, c, err)
	}
	return md, nil
}

// pages calls fn with each page of the loaded chunk, decoded (appended to *buf).
func (o *OwnFile) pages(md *pq.ColumnMetaData, buf *[]byte, fn func(h *pq.PageHeader, raw []byte) error) error {
	if md.Codec != pq.CompressionCodec_SNAPPY && md.Codec != pq.CompressionCodec_UNCOMPRESSED {
		return fmt.Errorf("codec %s", md.Codec)
	}
	rest := o.chunk
	left := md.TotalUncompressedSize // what the pages may still decode to
	values := md.NumValues           // and the values they may still hold
	for len(rest) > 0 {
		mb := &thrift.TMemoryBuffer{Buffer: bytes.NewBuffer(rest)}
		h := pq.NewPageHeader()
		if err := h.Read(context.Background(), thrift.NewTCompactProtocolConf(mb, nil)); err != nil {
			return fmt.Errorf("page header: %w", err)
		}
		rest = rest[len(rest)-mb.Len():]
		if h.CompressedPageSize < 0 || int(h.CompressedPageSize) > len(rest) || h.UncompressedPageSize < 0 || int64(h.UncompressedPageSize) > left {
			return errors.New("page size out of range")
		}
		left -= int64(h.UncompressedPageSize)
		body := rest[:h.CompressedPageSize]
		rest = rest[h.CompressedPageSize:]
		switch {
		case h.Type == pq.PageType_DICTIONARY_PAGE && h.DictionaryPageHeader != nil:
			if e := h.DictionaryPageHeader.Encoding; e != pq.Encoding_PLAIN && e != pq.Encoding_PLAIN_DICTIONARY {
				return fmt.Errorf("dictionary page encoding %s", e)
			}
			if h.DictionaryPageHeader.NumValues < 0 || int64(h.DictionaryPageHeader.NumValues) > int64(h.UncompressedPageSize) {
				return errors.New("dictionary size out of range")
			}
		case h.Type == pq.PageType_DATA_PAGE && h.DataPageHeader != nil:
			if e := h.DataPageHeader.Encoding; e != pq.Encoding_PLAIN && !isDictEncoding(e) {
				return fmt.Errorf("data page encoding %s", e)
			}
			if n := int64(h.DataPageHeader.NumValues); n < 0 || n > values {
				return errors.New("more values in the pages than in the chunk")
			}
			values -= int64(h.DataPageHeader.NumValues)
		default:
			return fmt.Errorf("page type %s", h.Type)
		}
		at := len(*buf)
		if md.Codec == pq.CompressionCodec_SNAPPY {
			if n, err := snappy.DecodedLen(body); err != nil || n != int(h.UncompressedPageSize) {
				return fmt.Errorf("a Snappy page of %d bytes, the header says %d (%v)", n, h.UncompressedPageSize, err)
			}
			// A destination of the decoded length is written in place; buf has room for the
			// whole chunk, so earlier pages are not moved.
			*buf = slices.Grow(*buf, int(h.UncompressedPageSize))
			if _, err := snappy.Decode((*buf)[at:at+int(h.UncompressedPageSize)], body); err != nil {
				return err
			}
			*buf = (*buf)[:at+int(h.UncompressedPageSize)]
		} else {
			if len(body) != int(h.UncompressedPageSize) {
				return errors.New("uncompressed page of the wrong size")
			}
			*buf = append(*buf, body...)
		}
		if err := fn(h, (*buf)[at:]); err != nil {
			return err
		}
	}
	return nil
}

func isDictEncoding(e pq.Encoding) bool {
	return e == pq.Encoding_RLE_DICTIONARY || e == pq.Encoding_PLAIN_DICTIONARY
}

var errTruncated = errors.New("page shorter than its values")

// appendPlainStrings appends n PLAIN byte arrays (a 4-byte length and the bytes of each) of raw
// to dst, as strings pointing into raw.
func appendPlainStrings(dst []string, raw []byte, n int) ([]string, error) {
	for range n {
		if len(raw) < 4 {
			return dst, errTruncated
		}
		l := binary.LittleEndian.Uint32(raw)
		raw = raw[4:]
		if uint64(l) > uint64(len(raw)) {
			return dst, errTruncated
		}
		s := ""
		if l > 0 {
			s = unsafe.String(&raw[0], l)
		}
		dst = append(dst, s)
		raw = raw[l:]
	}
	return dst, nil
}

// appendPlainInts appends n PLAIN (little-endian) integers of raw to dst.
func appendPlainInts[T int32 | int64](dst []T, raw []byte, n int) ([]T, error) {
	width := int(unsafe.Sizeof(T(0)))
	if n < 0 || len(raw) < width*n {
		return dst, errTruncated
	}
	for i := range n {
		if width == 8 {
			dst = append(dst, T(binary.LittleEndian.Uint64(raw[8*i:])))
		} else {
			dst = append(dst, T(int32(binary.LittleEndian.Uint32(raw[4*i:]))))
		}
	}
	return dst, nil
}

// appendIndexes appends the n dictionary numbers of an RLE_DICTIONARY page (a bit width, then
// the RLE/bit-packed hybrid encoding: see appendHybrid) to dst, each checked against the
// dictionary's size.
func appendIndexes(dst []int32, raw []byte, n, size int) ([]int32, error) {
	if len(raw) < 1 {
		return dst, errTruncated
	}
	bw := int(raw[0])
	raw = raw[1:]
	if bw > 32 || n < 0 {
		return dst, fmt.Errorf("bit width %d, %d values", bw, n)
	}
	want := len(dst) + n
	dst = slices.Grow(dst, n)
	for len(dst) < want {
		h, k := binary.Uvarint(raw)
		if k <= 0 {
			return dst, errTruncated
		}
		raw = raw[k:]
		if h&1 == 0 { // an RLE run: the count, then the value in whole bytes
			count, vb := h>>1, (bw+7)/8
			if len(raw) < vb || count == 0 || count > uint64(want-len(dst)) {
				return dst, errors.New("bad RLE run")
			}
			var v uint32
			for b := range vb {
				v |= uint32(raw[b]) << (8 * b)
			}
			raw = raw[vb:]
			if int(v) >= size {
				return dst, fmt.Errorf("dictionary number %d of %d", v, size)
			}
			run := dst[len(dst) : len(dst)+int(count)] // within the capacity grown above
			for i := range run {
				run[i] = int32(v)
			}
			dst = dst[:len(dst)+len(run)]
			continue
		}
		groups := h >> 1 // bit-packed: groups of 8 values, bw bytes a group
		if groups == 0 || groups > 1<<28 || uint64(len(raw)) < groups*uint64(bw) {
			return dst, errors.New("bad bit-packed run")
		}
		body := raw[:int(groups)*bw]
		raw = raw[len(body):]
		vals := min(int(groups)*8, want-len(dst))
		out := dst[len(dst) : len(dst)+vals]
		if bw == 0 {
			clear(out)
		} else {
			mask := uint64(1)<<bw - 1
			// A value is at most 32 bits at a bit offset under 8: one 8-byte load from its first
			// byte holds it. The values whose load stays inside the run are read from it, the
			// last few from a copy padded with zeros. Checked against the dictionary once, by the
			// largest (a compare and a conditional move per value, not a branch).
			var most uint64
			i, bit := 0, 0
			if len(body) >= 8 {
				inside := min(len(out), ((len(body)-8)*8)/bw+1) // values i with i*bw/8+8 <= len(body)
				for ; i < inside; i++ {
					v := binary.LittleEndian.Uint64(body[bit>>3:]) >> (bit & 7) & mask
					most = max(most, v)
					out[i] = int32(v)
					bit += bw
				}
			}
			if i < len(out) {
				var pad [40]byte // the rest of a group of 8 values of up to 32 bits, and a load's 8
				tail := body[bit>>3:]
				copy(pad[:], tail)
				for bit &= 7; i < len(out); i++ {
					v := binary.LittleEndian.Uint64(pad[bit>>3:]) >> (bit & 7) & mask
					most = max(most, v)
					out[i] = int32(v)
					bit += bw
				}
			}
			if most >= uint64(size) {
				return dst, fmt.Errorf("dictionary number %d of %d", most, size)
			}
		}
		dst = dst[:len(dst)+vals]
	}
	return dst, nil
}

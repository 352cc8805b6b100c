package emit

import (
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"math/bits"
	"slices"
	"unsafe"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/thrift/lib/go/thrift"
	"github.com/golang/snappy"
	pq "github.com/xitongsys/parquet-go/parquet"
)

// createdBy names the writer in the footer. It is fixed, so the same rows give the same bytes.
// Readers parse "<app> version <x.y.z>" to apply workarounds for known writers' bugs; ours is
// none of those (Arrow distrusts string statistics only from old parquet-mr and parquet-cpp).
const createdBy = "payclose version 1.0.0"

var magic = []byte("PAR1")

// pqFile writes a Parquet file from a table writer's column buffers without Arrow's column
// writers. In a CPU profile of a 1M employee-week close those took ~7.3 s of ~30: Snappy
// allocating its output for every page (v15 passes a zero-length buffer), new page buffers per
// row group regrown from zero, the dictionary pages copied, the RLE encoder of the indices, a
// memo table per dictionary; ~6 of the close's 7 GB of allocation. Our columns are all required
// and flat (no definition or repetition levels), so a column chunk is simple enough to write
// here: PLAIN pages of the integers (the buffer's bytes as they are), and for a dictionary
// column (strings, and integer chunks of few values: intdict.go) a PLAIN dictionary page and
// RLE_DICTIONARY data pages. Every buffer is reused from row group to row group. Page headers and the footer are the generated Thrift structs of
// parquet-format (xitongsys/parquet-go) written with Thrift's compact protocol.
type pqFile struct {
	w      io.Writer
	off    int64 // bytes written so far
	cols   []pqColumn
	schema []*pq.SchemaElement
	groups []*pq.RowGroup
	rows   int64

	raw   []byte // the page being encoded
	comp  []byte // its Snappy encoding
	chunk []byte // the column chunk being assembled (headers and pages), written at once

	hdr   *thrift.TMemoryBuffer
	proto *thrift.TCompactProtocol

	// the chunk being assembled
	uncompressed  int64
	dictPages     int32
	indexPages    int32
	plainPages    int32
	dataPageStart int64 // offset of the first data page in the chunk
	codec         pq.CompressionCodec

	idict intDict
}

// pqColumn is what the footer needs of a column.
type pqColumn struct {
	name  string
	typ   pq.Type
	stats bool
}

// newPQFile is a file of schema sc whose writer (w) the caller sets, and which writes magic first.
func newPQFile(sc *arrow.Schema) (*pqFile, error) {
	f := &pqFile{hdr: thrift.NewTMemoryBuffer()}
	f.proto = thrift.NewTCompactProtocolConf(f.hdr, &thrift.TConfiguration{})
	// The root as Arrow's writer names it; every reader we test accepts it.
	f.schema = append(f.schema, &pq.SchemaElement{Name: "schema", RepetitionType: pq.FieldRepetitionTypePtr(pq.FieldRepetitionType_REPEATED),
		NumChildren: ptr(int32(len(sc.Fields())))})
	for _, fd := range sc.Fields() {
		el, err := schemaElement(fd)
		if err != nil {
			return nil, err
		}
		f.schema = append(f.schema, el)
		f.cols = append(f.cols, pqColumn{name: fd.Name, typ: *el.Type, stats: slices.Contains(statsColumns, fd.Name)})
	}
	return f, nil
}

func ptr[T any](v T) *T { return &v }

// schemaElement is the Parquet type of an Arrow field, as pqarrow.ToParquet makes it with
// decimals stored as integers: the logical type and the older converted type both, for
// readers that know only one of them.
func schemaElement(fd arrow.Field) (*pq.SchemaElement, error) {
	el := &pq.SchemaElement{Name: fd.Name, RepetitionType: pq.FieldRepetitionTypePtr(pq.FieldRepetitionType_REQUIRED)}
	if fd.Nullable {
		return nil, fmt.Errorf("parquet schema: column %s is nullable; the writer knows required columns only", fd.Name)
	}
	switch t := fd.Type.(type) {
	case *arrow.StringType:
		el.Type, el.ConvertedType = pq.TypePtr(pq.Type_BYTE_ARRAY), pq.ConvertedTypePtr(pq.ConvertedType_UTF8)
		el.LogicalType = &pq.LogicalType{STRING: &pq.StringType{}}
	case *arrow.Int32Type:
		el.Type, el.ConvertedType = pq.TypePtr(pq.Type_INT32), pq.ConvertedTypePtr(pq.ConvertedType_INT_32)
		el.LogicalType = &pq.LogicalType{INTEGER: &pq.IntType{BitWidth: 32, IsSigned: true}}
	case *arrow.Date32Type:
		el.Type, el.ConvertedType = pq.TypePtr(pq.Type_INT32), pq.ConvertedTypePtr(pq.ConvertedType_DATE)
		el.LogicalType = &pq.LogicalType{DATE: &pq.DateType{}}
	case *arrow.Decimal128Type:
		if t.Precision > 18 {
			return nil, fmt.Errorf("parquet schema: column %s: DECIMAL(%d) does not fit INT64", fd.Name, t.Precision)
		}
		el.Type, el.ConvertedType = pq.TypePtr(pq.Type_INT64), pq.ConvertedTypePtr(pq.ConvertedType_DECIMAL)
		el.Precision, el.Scale = ptr(t.Precision), ptr(t.Scale)
		el.LogicalType = &pq.LogicalType{DECIMAL: &pq.DecimalType{Precision: t.Precision, Scale: t.Scale}}
	case *arrow.TimestampType:
		if t.Unit != arrow.Microsecond || t.TimeZone != "UTC" {
			return nil, fmt.Errorf("parquet schema: column %s: only UTC microsecond timestamps", fd.Name)
		}
		el.Type, el.ConvertedType = pq.TypePtr(pq.Type_INT64), pq.ConvertedTypePtr(pq.ConvertedType_TIMESTAMP_MICROS)
		el.LogicalType = &pq.LogicalType{TIMESTAMP: &pq.TimestampType{IsAdjustedToUTC: true, Unit: &pq.TimeUnit{MICROS: &pq.MicroSeconds{}}}}
	default:
		return nil, fmt.Errorf("parquet schema: column %s: type %s not supported", fd.Name, fd.Type)
	}
	return el, nil
}

func (f *pqFile) write(p []byte) error {
	n, err := f.w.Write(p)
	f.off += int64(n)
	return err
}

// beginChunk starts a column chunk.
func (f *pqFile) beginChunk() {
	f.chunk = f.chunk[:0]
	f.codec = pq.CompressionCodec_SNAPPY
	f.uncompressed, f.dictPages, f.indexPages, f.plainPages = 0, 0, 0, 0
}

// page appends raw as one Snappy page of the chunk.
func (f *pqFile) page(typ pq.PageType, enc pq.Encoding, values int, raw []byte) error {
	if f.codec == pq.CompressionCodec_UNCOMPRESSED {
		f.comp = append(f.comp[:0], raw...)
	} else {
		if n := snappy.MaxEncodedLen(len(raw)); cap(f.comp) < n {
			f.comp = make([]byte, n)
		}
		// Given a dst of MaxEncodedLen, snappy.Encode writes there and allocates nothing.
		f.comp = snappy.Encode(f.comp[:cap(f.comp)], raw)
	}
	h := pq.PageHeader{Type: typ, UncompressedPageSize: int32(len(raw)), CompressedPageSize: int32(len(f.comp))}
	if typ == pq.PageType_DICTIONARY_PAGE {
		h.DictionaryPageHeader = &pq.DictionaryPageHeader{NumValues: int32(values), Encoding: enc, IsSorted: ptr(false)}
		f.dictPages++
	} else {
		if f.indexPages+f.plainPages == 0 {
			f.dataPageStart = int64(len(f.chunk))
		}
		// Required columns carry no levels; the level encodings are required fields all the same.
		h.DataPageHeader = &pq.DataPageHeader{NumValues: int32(values), Encoding: enc,
			DefinitionLevelEncoding: pq.Encoding_RLE, RepetitionLevelEncoding: pq.Encoding_RLE}
		if enc == pq.Encoding_RLE_DICTIONARY {
			f.indexPages++
		} else {
			f.plainPages++
		}
	}
	f.hdr.Reset()
	if err := h.Write(context.Background(), f.proto); err != nil {
		return err
	}
	if err := f.proto.Flush(context.Background()); err != nil {
		return err
	}
	f.uncompressed += int64(f.hdr.Len() + len(raw))
	f.chunk = append(f.chunk, f.hdr.Bytes()...)
	f.chunk = append(f.chunk, f.comp...)
	return nil
}

// endChunk writes the assembled chunk and returns its footer entry.
func (f *pqFile) endChunk(c *pqColumn, values int, st *pq.Statistics) (*pq.ColumnChunk, error) {
	start := f.off
	md := &pq.ColumnMetaData{Type: c.typ, PathInSchema: []string{c.name}, Codec: f.codec,
		NumValues: int64(values), TotalUncompressedSize: f.uncompressed, TotalCompressedSize: int64(len(f.chunk)),
		DataPageOffset: start + f.dataPageStart, Statistics: st}
	if f.dictPages > 0 {
		md.DictionaryPageOffset = ptr(start)
		md.Encodings = append(md.Encodings, pq.Encoding_PLAIN, pq.Encoding_RLE_DICTIONARY)
		md.EncodingStats = append(md.EncodingStats,
			&pq.PageEncodingStats{PageType: pq.PageType_DICTIONARY_PAGE, Encoding: pq.Encoding_PLAIN, Count: f.dictPages},
			&pq.PageEncodingStats{PageType: pq.PageType_DATA_PAGE, Encoding: pq.Encoding_RLE_DICTIONARY, Count: f.indexPages})
	} else {
		md.Encodings = append(md.Encodings, pq.Encoding_PLAIN)
	}
	if f.plainPages > 0 {
		md.EncodingStats = append(md.EncodingStats, &pq.PageEncodingStats{PageType: pq.PageType_DATA_PAGE, Encoding: pq.Encoding_PLAIN, Count: f.plainPages})
	}
	if err := f.write(f.chunk); err != nil {
		return nil, err
	}
	// file_offset is deprecated; the chunk's start, as parquet-mr writes it.
	return &pq.ColumnChunk{FileOffset: start, MetaData: md}, nil
}

// littleEndian: Parquet's PLAIN integers are little-endian, as the machine's memory on amd64
// and arm64, so a buffer of them is a page as it is.
var littleEndian = binary.NativeEndian.Uint16([]byte{1, 0}) == 1

// fixedChunk writes a column chunk of integers as PLAIN pages, with their min and max if the
// column keeps statistics.
func fixedChunk[T int32 | int64](f *pqFile, c *pqColumn, vs []T) (*pq.ColumnChunk, error) {
	if cc, ok, err := intDictChunk(f, c, vs); ok || err != nil {
		return cc, err
	}
	var st *pq.Statistics
	if c.stats && len(vs) > 0 {
		st = intStats(slices.Min(vs), slices.Max(vs))
	}
	width := int(unsafe.Sizeof(T(0)))
	f.beginChunk()
	for rest := vs; len(rest) > 0; {
		n := min(len(rest), dataPageSize/width)
		var raw []byte
		if littleEndian {
			raw = unsafe.Slice((*byte)(unsafe.Pointer(unsafe.SliceData(rest))), width*n)
		} else {
			f.raw = f.raw[:0]
			for _, v := range rest[:n] {
				f.raw = binary.LittleEndian.AppendUint64(f.raw, uint64(v))[:len(f.raw)+width]
			}
			raw = f.raw
		}
		if err := f.page(pq.PageType_DATA_PAGE, pq.Encoding_PLAIN, n, raw); err != nil {
			return nil, err
		}
		rest = rest[n:]
	}
	return f.endChunk(c, len(vs), st)
}

// intStats are the statistics of an integer column as Arrow writes them: in the min_value and
// max_value fields and, the order of signed integers being the one the deprecated min and max
// fields assumed, in those too.
func intStats[T int32 | int64](lo, hi T) *pq.Statistics {
	width := int(unsafe.Sizeof(T(0)))
	l := binary.LittleEndian.AppendUint64(nil, uint64(lo))[:width]
	h := binary.LittleEndian.AppendUint64(nil, uint64(hi))[:width]
	return &pq.Statistics{Min: l, Max: h, MinValue: l, MaxValue: h, NullCount: ptr(int64(0))}
}

// strStats are the statistics of a string column: min_value and max_value only (the deprecated
// fields had no defined order for byte arrays), and nothing longer than maxStatsSize.
func strStats(lo, hi string) *pq.Statistics {
	st := &pq.Statistics{NullCount: ptr(int64(0))}
	if len(lo) <= maxStatsSize {
		st.MinValue = []byte(lo)
	}
	if len(hi) <= maxStatsSize {
		st.MaxValue = []byte(hi)
	}
	return st
}

// plainStrings appends vs to the chunk as PLAIN pages (a 4-byte length and the bytes of each).
func (f *pqFile) plainStrings(vs []string) error {
	for len(vs) > 0 {
		f.raw = f.raw[:0]
		n := 0
		for n < len(vs) && len(f.raw) < dataPageSize {
			f.raw = binary.LittleEndian.AppendUint32(f.raw, uint32(len(vs[n])))
			f.raw = append(f.raw, vs[n]...)
			n++
		}
		if err := f.page(pq.PageType_DATA_PAGE, pq.Encoding_PLAIN, n, f.raw); err != nil {
			return err
		}
		vs = vs[n:]
	}
	return nil
}

// stringChunk writes a string column without a dictionary.
func (f *pqFile) stringChunk(c *pqColumn, vs []string) (*pq.ColumnChunk, error) {
	f.beginChunk()
	if err := f.plainStrings(vs); err != nil {
		return nil, err
	}
	var st *pq.Statistics
	if c.stats && len(vs) > 0 {
		st = strStats(slices.Min(vs), slices.Max(vs))
	}
	return f.endChunk(c, len(vs), st)
}

// dictChunk writes a dictionary column: the distinct values as a PLAIN dictionary page, the rows'
// numbers as RLE_DICTIONARY pages, and the rows after the dictionary filled up (rest) as PLAIN
// pages, as Arrow falls back. The statistics need only the distinct values.
func (f *pqFile) dictChunk(c *pqColumn, dict []string, idx []int32, rest []string) (*pq.ColumnChunk, error) {
	f.beginChunk()
	if len(idx) > 0 {
		f.raw = f.raw[:0]
		for _, v := range dict {
			f.raw = binary.LittleEndian.AppendUint32(f.raw, uint32(len(v)))
			f.raw = append(f.raw, v...)
		}
		if err := f.page(pq.PageType_DICTIONARY_PAGE, pq.Encoding_PLAIN, len(dict), f.raw); err != nil {
			return nil, err
		}
		if err := f.rowNumbers(idx, len(dict)); err != nil {
			return nil, err
		}
	}
	if err := f.plainStrings(rest); err != nil {
		return nil, err
	}
	var st *pq.Statistics
	if c.stats && len(idx)+len(rest) > 0 {
		all := [][]string{dict, rest}
		lo, hi := "", ""
		first := true
		for _, vs := range all {
			if len(vs) == 0 {
				continue
			}
			l, h := slices.Min(vs), slices.Max(vs)
			if first {
				lo, hi, first = l, h, false
			}
			lo, hi = min(lo, l), max(hi, h)
		}
		st = strStats(lo, hi)
	}
	return f.endChunk(c, len(idx)+len(rest), st)
}

// rowNumbers appends the rows' numbers in a dictionary of size values as RLE_DICTIONARY pages.
func (f *pqFile) rowNumbers(idx []int32, size int) error {
	// The readers we know reject a bit width of 0, which a one-value dictionary would have.
	bw := max(1, bits.Len32(uint32(size-1)))
	for page := idx; len(page) > 0; {
		n := min(len(page), dataPageSize*8/bw)
		f.raw = appendHybrid(append(f.raw[:0], byte(bw)), page[:n], bw)
		if err := f.page(pq.PageType_DATA_PAGE, pq.Encoding_RLE_DICTIONARY, n, f.raw); err != nil {
			return err
		}
		page = page[n:]
	}
	return nil
}

// appendHybrid appends vs in the RLE/bit-packed hybrid encoding with bit width bw: a run of 8
// or more equal values as one RLE run, the rest bit-packed in groups of 8. A bit-packed run
// holds a whole number of groups except at the end of the page, where the last group is padded
// with zeros (the page header's value count says where the values end).
func appendHybrid(out []byte, vs []int32, bw int) []byte {
	for i := 0; i < len(vs); {
		if r := runAt(vs, i); r >= 8 {
			out = binary.AppendUvarint(out, uint64(r)<<1)
			for b := 0; b < bw; b += 8 {
				out = append(out, byte(uint32(vs[i])>>b))
			}
			i += r
			continue
		}
		// A bit-packed run, group by group, until a group is 8 equal values: a run that starts
		// inside a group is entered up to the next group's start, and becomes an RLE run there
		// if 8 or more values are left of it.
		s := i
		for i < len(vs) && (i+8 > len(vs) || !equal8(vs[i:i+8])) {
			i += 8
		}
		i = min(i, len(vs))
		groups := (i - s + 7) / 8
		out = binary.AppendUvarint(out, uint64(groups)<<1|1)
		// The values' bits, least significant first: whole groups of narrow values a group at a
		// time, the rest flushed 32 bits at a time; the zeros that pad the last group need only
		// be counted.
		rest := vs[s:i]
		if bw <= 16 {
			out, rest = packGroups(out, rest, bw)
		}
		var acc uint64
		nb := 0
		for _, v := range rest {
			acc |= uint64(uint32(v)) << nb
			if nb += bw; nb >= 32 {
				out = binary.LittleEndian.AppendUint32(out, uint32(acc))
				acc >>= 32
				nb -= 32
			}
		}
		for nb += (8*groups - (i - s)) * bw; nb > 0; nb -= 8 {
			out = append(out, byte(acc))
			acc >>= 8
		}
	}
	return out
}

// packGroups appends the whole groups of 8 values of vs, of bw <= 16 bits each, bit-packed (a
// group is bw bytes), and returns the values after them. A group is put together in one or two
// words and stored at once: one value at a time through an accumulator was the encoder's largest
// cost (most dictionary columns of a close are 2 to 12 bits wide).
func packGroups(out []byte, vs []int32, bw int) ([]byte, []int32) {
	n := len(vs) &^ 7
	b := uint(bw)
	le := binary.LittleEndian
	for k := 0; k < n; k += 8 {
		g := vs[k : k+8 : k+8]
		w0 := uint64(uint32(g[0])) | uint64(uint32(g[1]))<<b | uint64(uint32(g[2]))<<(2*b) | uint64(uint32(g[3]))<<(3*b)
		w1 := uint64(uint32(g[4])) | uint64(uint32(g[5]))<<b | uint64(uint32(g[6]))<<(2*b) | uint64(uint32(g[7]))<<(3*b)
		if bw <= 8 {
			out = le.AppendUint64(out, w0|w1<<(4*b))[:len(out)+bw]
			continue
		}
		// 4b is 36 to 64 bits: w1 begins in the first word and ends in the second (a shift by 64
		// is 0 in Go, so at 16 bits the first word is w0 and the second w1).
		out = le.AppendUint64(out, w0|w1<<(4*b))
		out = le.AppendUint64(out, w1>>(64-4*b))[:len(out)+bw-8]
	}
	return out, vs[n:]
}

// runAt is the length of the run of equal values at vs[i].
func runAt(vs []int32, i int) int {
	j := i + 1
	for j < len(vs) && vs[j] == vs[i] {
		j++
	}
	return j - i
}

func equal8(g []int32) bool {
	_ = g[7]
	return g[0] == g[1] && g[0] == g[2] && g[0] == g[3] && g[0] == g[4] && g[0] == g[5] && g[0] == g[6] && g[0] == g[7]
}

// endRowGroup records a row group of n rows whose column chunks were written.
func (f *pqFile) endRowGroup(chunks []*pq.ColumnChunk, n int) {
	rg := &pq.RowGroup{Columns: chunks, NumRows: int64(n), FileOffset: ptr(chunks[0].FileOffset)}
	var comp int64
	for _, c := range chunks {
		rg.TotalByteSize += c.MetaData.TotalUncompressedSize
		comp += c.MetaData.TotalCompressedSize
	}
	rg.TotalCompressedSize = ptr(comp)
	if len(f.groups) <= math.MaxInt16 {
		rg.Ordinal = ptr(int16(len(f.groups)))
	}
	f.groups = append(f.groups, rg)
	f.rows += int64(n)
}

// close writes the footer: the schema, the row groups and their chunks' metadata, and the type
// order of each column (which tells readers the statistics are ordered as the types define).
func (f *pqFile) close() error {
	md := &pq.FileMetaData{Version: 2, Schema: f.schema, NumRows: f.rows, RowGroups: f.groups, CreatedBy: ptr(createdBy)}
	if md.RowGroups == nil {
		md.RowGroups = []*pq.RowGroup{}
	}
	for range f.cols {
		md.ColumnOrders = append(md.ColumnOrders, &pq.ColumnOrder{TYPE_ORDER: &pq.TypeDefinedOrder{}})
	}
	f.hdr.Reset()
	if err := md.Write(context.Background(), f.proto); err != nil {
		return err
	}
	if err := f.proto.Flush(context.Background()); err != nil {
		return err
	}
	n := f.hdr.Len()
	b := binary.LittleEndian.AppendUint32(f.hdr.Bytes(), uint32(n))
	return f.write(append(b, magic...))
}

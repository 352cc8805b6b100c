package emit

import (
	"errors"
	"fmt"
	"io"
	"unsafe"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/apache/arrow/go/v15/parquet"
	"github.com/apache/arrow/go/v15/parquet/compress"
	"github.com/apache/arrow/go/v15/parquet/file"
	"github.com/apache/arrow/go/v15/parquet/metadata"
	"github.com/apache/arrow/go/v15/parquet/pqarrow"
)

// DefaultRowGroupRows is the production row group size. A writer holds one row group's values
// in memory (24 bytes per string value), and a large close has up to 4 parts with a pay-line and
// an accrual writer each: at 128k rows (DuckDB's own is 122,880) that was 180 MB of a 1M close's
// ~300 MB live heap, and with the collector's headroom a peak RSS over 1 GiB. 64k rows: 0.3%
// larger files, no measurable CPU, peak RSS 1.08-1.28 -> 0.88-0.91 GiB (issue 16).
const DefaultRowGroupRows = 64 << 10

// ParquetOptions tunes a Parquet writer. The zero value is the production setting.
type ParquetOptions struct {
	// RowGroupRows is the number of rows per row group (the last one may be shorter). Row groups
	// are sized by rows rather than bytes so that the same input always splits the same way.
	// The writer holds one row group's values in memory.
	RowGroupRows int64
}

func (o ParquetOptions) withDefaults() ParquetOptions {
	if o.RowGroupRows <= 0 {
		o.RowGroupRows = DefaultRowGroupRows
	}
	return o
}

// Arrow types shared by the schemas. Timestamps carry the zone "UTC" so the Parquet column is
// written with isAdjustedToUTC=true and DuckDB reads TIMESTAMP WITH TIME ZONE.
var (
	typeHours  = &arrow.Decimal128Type{Precision: 10, Scale: 4}
	typeRate   = &arrow.Decimal128Type{Precision: 12, Scale: 4}
	typeAmount = &arrow.Decimal128Type{Precision: 18, Scale: 2}
	typeInstUs = &arrow.TimestampType{Unit: arrow.Microsecond, TimeZone: "UTC"}
)

// Largest magnitudes (exclusive) the declared decimal precisions can hold. Checked on write: a
// value that does not fit would be stored anyway and read back as garbage by strict readers.
const (
	limitP10 = 10_000_000_000
	limitP12 = 1_000_000_000_000
	limitP18 = 1_000_000_000_000_000_000
)

func fits(v, limit int64) bool { return v > -limit && v < limit }

func required(name string, t arrow.DataType) arrow.Field {
	return arrow.Field{Name: name, Type: t, Nullable: false}
}

// statsColumns are the columns whose min/max statistics are written: the ones a reader filters
// on (an employee, a week's days, a pay code), so DuckDB or Spark can skip row groups. The others
// (run id, amounts, rates, timestamps) are read whole by every query we know of, and computing
// their page and chunk statistics is CPU the close spends on every value.
var statsColumns = []string{"employee_id", "work_date", "pay_code", "rule_set", "bank"}

// writerProperties is the one place the physical layout is chosen.
//
//   - Decimals are stored as INT64 (all our precisions are 10..18): smaller than
//     FIXED_LEN_BYTE_ARRAY and read natively as DECIMAL by DuckDB, Spark, Trino and pyarrow.
//   - Snappy rather than zstd. zstd gives files about 30% smaller, but arrow v15's zstd codec
//     builds a new encoder (with a 16 MiB window) for every data page: measured at 1M
//     employee-weeks that was 12.8 GB of garbage and more than half the encoding time of the
//     close. Snappy encodes 2.3× faster here and every target reader decodes it.
//   - Dictionary encoding on the string columns a writer lists (all of them for pay lines,
//     accruals and the register, employee ids included: about ten pay lines per employee),
//     never on the numbers. The writer numbers the values itself and gives Arrow the dictionary
//     and the indices (writeDict): fed plain values, v15's dictionary encoder hashed the bytes
//     of every value and boxed each one to look it up, and computing the page statistics compared
//     every value of employee_id; now Arrow hashes and compares only the distinct values. Issue
//     16, CPU profiles of a 1M employee-week close (2 vCPU, main and this interleaved, 4 runs
//     each): the Parquet writers (Write and Close) took 14.1-16.3 s of 51-58 CPU seconds, flush
//     12.6-14.7 s of it (DictByteArrayEncoder.PutByteArray 4.9-5.2 s); now 7.3-8.0 s of 40-43
//     (last two runs), flush 5.7-6.2 s; see benchmarks/README.md.
//     BenchmarkWritePayLines: 3.0M allocations and 749 MB per 1M pay lines, now 0.2M and 360 MB.
//     Pay lines are 7% smaller, accruals 7%; the register is 0.7% larger (its three or four rows
//     per employee compress better plain than as a dictionary of employee ids).
//     Measured and not kept: dictionaries on integer columns (work_date, minutes, hours, rate:
//     files 14% smaller, CPU 7-14% more: a map lookup per value costs more than plain + Snappy),
//     DELTA_BINARY_PACKED (files 30% smaller, CPU ~10% more), data page v2, 256 KiB pages and
//     larger write batches (no difference beyond the noise). What is left is inside Arrow:
//     Snappy (golang/snappy allocates its output because v15 passes a zero-length buffer), page
//     assembly, the RLE encoder of the indices and the memo table of each dictionary; arrow-go
//     v18.5.1 has the same code there (only RegisterCodec is new), so it was not adopted.
//   - Data pages stay at the 1 MiB convention.
//   - created_by is the library's fixed version string and nothing else in the footer varies, so
//     the same records give byte-identical files.
func writerProperties(o ParquetOptions, dictColumns []string) *parquet.WriterProperties {
	props := []parquet.WriterProperty{
		parquet.WithStoreDecimalAsInteger(true),
		parquet.WithCompression(compress.Codecs.Snappy),
		parquet.WithDictionaryDefault(false),
		parquet.WithMaxRowGroupLength(o.RowGroupRows),
		parquet.WithCreatedBy(parquet.DefaultCreatedBy),
	}
	for _, c := range dictColumns {
		props = append(props, parquet.WithDictionaryFor(c, true))
	}
	props = append(props, parquet.WithStats(false))
	for _, c := range statsColumns {
		props = append(props, parquet.WithStatsFor(c, true))
	}
	return parquet.NewWriterProperties(props...)
}

// tableWriter is the streaming machinery shared by the typed writers. The Arrow schemas above
// are the interface (and what `payclose schema` prints); the file is written with Arrow's
// low-level Parquet column writers from plain Go slices, one row group at a time:
//
//   - A string is never copied or allocated: a dictionary column keeps each row's number and
//     its distinct values (strDict), a plain one the Go strings themselves (immutable, and
//     interned by ingest), and both reach Parquet as byte arrays that alias the strings. Arrow's
//     record path allocated about 900 bytes per pay line, which at a million employee-weeks was
//     most of the close's time and memory.
//   - The column buffers are reused row group after row group.
//
// The Parquet schema is derived from the Arrow schema by pqarrow.ToParquet, so the file's types
// are exactly what pqarrow would write (DECIMAL as INT64, DATE, TIMESTAMP adjusted to UTC).
type tableWriter struct {
	sink   *sink
	fw     *file.Writer
	cols   []colBuf
	rgRows int
	rows   int64 // rows written so far, including buffered ones
	n      int   // rows buffered in the current row group
	err    error // sticky: after a failed write the file is unusable
	closed bool

	plain []parquet.ByteArray // scratch of a string column written plain
}

// colBuf buffers one row group of one column.
type colBuf struct {
	// dict numbers the values of a dictionary column as they are appended; strs holds the
	// values of a plain string column, and those of a dictionary column from the row where its
	// dictionary was full.
	dict *strDict
	strs []string
	i32  []int32
	i64  []int64
}

func newTableWriter(w io.Writer, sc *arrow.Schema, dictColumns []string, o ParquetOptions) (*tableWriter, error) {
	o = o.withDefaults()
	props := writerProperties(o, dictColumns)
	psc, err := pqarrow.ToParquet(sc, props, pqarrow.DefaultWriterProps())
	if err != nil {
		return nil, fmt.Errorf("parquet schema: %w", err)
	}
	s := newSink(w)
	fw := file.NewParquetWriter(s, psc.Root(), file.WithWriterProps(props))
	t := &tableWriter{sink: s, fw: fw, cols: make([]colBuf, len(sc.Fields())), rgRows: int(o.RowGroupRows)}
	for _, c := range dictColumns {
		for _, i := range sc.FieldIndices(c) {
			t.cols[i].dict = &strDict{limit: int(props.DictionaryPageSizeLimit()), sorted: true}
		}
	}
	return t, nil
}

// ready must be called before appending a row.
func (t *tableWriter) ready() error {
	if t.err != nil {
		return t.err
	}
	if t.closed {
		return errors.New("parquet writer: write after Close")
	}
	return nil
}

func (t *tableWriter) str(c int, v string) {
	b := &t.cols[c]
	if d := b.dict; d != nil && len(b.strs) == 0 {
		if d.has && v == d.lastV { // a length and pointer compare when interned
			d.idx = append(d.idx, d.last)
			return
		}
		if d.add(v) {
			return
		}
	}
	b.strs = append(b.strs, v)
}

func (t *tableWriter) i32(c int, v int32) { t.cols[c].i32 = append(t.cols[c].i32, v) }
func (t *tableWriter) i64(c int, v int64) { t.cols[c].i64 = append(t.cols[c].i64, v) }

// rowDone counts an appended row and writes a full row group.
func (t *tableWriter) rowDone() error {
	t.n++
	t.rows++
	if t.n == t.rgRows {
		return t.flush()
	}
	return nil
}

// flush writes the buffered rows as one row group, column after column.
func (t *tableWriter) flush() error {
	if t.n == 0 {
		return nil
	}
	t.n = 0
	rg := t.fw.AppendRowGroup()
	for i := range t.cols {
		c := &t.cols[i]
		cw, err := rg.NextColumn()
		if err == nil {
			switch w := cw.(type) {
			case *file.ByteArrayColumnChunkWriter:
				if c.dict != nil {
					err = t.writeDict(w, c)
				} else {
					_, err = w.WriteBatch(t.byteArrays(c.strs), nil, nil)
				}
			case *file.Int32ColumnChunkWriter:
				reserve(w, 4*len(c.i32))
				_, err = w.WriteBatch(c.i32, nil, nil)
			case *file.Int64ColumnChunkWriter:
				reserve(w, 8*len(c.i64))
				_, err = w.WriteBatch(c.i64, nil, nil)
			default:
				err = fmt.Errorf("column %d: unexpected writer %T", i, cw)
			}
		}
		if err == nil {
			err = cw.Close()
		}
		if err != nil {
			t.err = fmt.Errorf("parquet write: %w", err)
			return t.err
		}
		c.strs, c.i32, c.i64 = c.strs[:0], c.i32[:0], c.i64[:0]
	}
	if err := rg.Close(); err != nil {
		t.err = fmt.Errorf("parquet write: %w", err)
	}
	return t.err
}

// reserver is the method of Arrow's encoders (an internal type) that sizes their buffer.
type reserver interface {
	ReserveForWrite(n int)
}

// reserve sizes the encoder's buffer for n bytes of PLAIN values, up to one data page, at once:
// given the values 1024 at a time, Arrow grows it by doubling from 256 bytes, reallocating and
// copying a dozen times per page.
func reserve(w file.ColumnChunkWriter, n int) {
	if r, ok := w.CurrentEncoder().(reserver); ok {
		r.ReserveForWrite(min(n, int(w.Properties().DataPageSize())))
	}
}

// empty backs the empty string: a nil byte array would be a null, and these columns are required.
var empty = parquet.ByteArray{}

func byteArray(v string) parquet.ByteArray {
	if len(v) == 0 {
		return empty
	}
	return unsafe.Slice(unsafe.StringData(v), len(v))
}

// byteArrays is vs as byte arrays aliasing the strings, in a scratch slice.
func (t *tableWriter) byteArrays(vs []string) []parquet.ByteArray {
	t.plain = t.plain[:0]
	for _, v := range vs {
		t.plain = append(t.plain, byteArray(v))
	}
	return t.plain
}

// dictPutter is the method of Arrow's dictionary encoders (an internal type) that seeds the
// dictionary of an empty column chunk.
type dictPutter interface {
	PutDictionary(arrow.Array) error
}

// writeDict writes a dictionary column chunk as a dictionary and indices. Given plain values,
// Arrow's dictionary encoder hashes the bytes of every value in a memo table and boxes each one
// in an interface to look it up (an allocation per value); here the values are numbered as they
// are appended (strDict), and Arrow gets the dictionary (hashed once per distinct value) and the
// indices (copied). The dictionary is in order of first appearance, as Arrow's own memo table
// numbers it, and the statistics are those of the values. The rows after the dictionary filled
// up are written plain, as Arrow itself falls back.
func (t *tableWriter) writeDict(w *file.ByteArrayColumnChunkWriter, c *colBuf) error {
	d := c.dict
	defer d.reset()
	if k := len(d.idx); k > 0 {
		enc, ok := w.CurrentEncoder().(dictPutter)
		if !ok {
			return fmt.Errorf("column %s: encoder %T is not a dictionary encoder", w.Descr().Name(), w.CurrentEncoder())
		}
		dict, idx := d.arrays()
		defer dict.Release()
		defer idx.Release()
		if err := enc.PutDictionary(dict); err != nil {
			return err
		}
		if st, ok := w.PageStatistics().(*metadata.ByteArrayStatistics); ok && st != nil {
			st.Update(d.byteArrays, 0)
			st.IncNumValues(int64(k - len(d.byteArrays)))
		}
		if err := w.WriteDictIndices(idx, nil, nil); err != nil {
			return err
		}
		if len(c.strs) > 0 {
			w.FallbackToPlain()
		}
	}
	if len(c.strs) > 0 {
		_, err := w.WriteBatch(t.byteArrays(c.strs), nil, nil)
		return err
	}
	return nil
}

// strDict numbers the distinct values of a dictionary column's row group in order of first
// appearance, while its PLAIN-encoded size stays within the dictionary page limit.
type strDict struct {
	limit  int
	index  map[string]int32
	values []string
	size   int     // a 4-byte length and the bytes per value
	idx    []int32 // the number of each row

	// the previous row's value and number, if has
	lastV string
	last  int32
	has   bool

	// sorted: each value so far was either the previous row's or greater than all before it, as
	// employee ids are in a close (written in roster order). A greater value is then new without
	// a lookup, and index is only filled (from values) when the order breaks. In a close this
	// spares a map insert per employee per table.
	sorted bool

	// cache maps a string's data pointer and length to its number: the strings of a row group
	// are mostly interned (one pointer per distinct value), so most rows are found here or are
	// the previous row's value, without hashing their bytes. Numbers are always those of the
	// values, so what is cached changes only the speed, never the file.
	cache [dictCacheSize]dictCacheEntry

	// the dictionary as Arrow wants it
	byteArrays []parquet.ByteArray
	offsets    []int32
	data       []byte
}

const dictCacheSize = 1024

type dictCacheEntry struct {
	p   *byte
	n   int
	idx int32 // number + 1; 0 is an empty entry
}

// add numbers v, unless the dictionary is full.
func (d *strDict) add(v string) bool {
	if d.sorted {
		if n := len(d.values); n == 0 || v > d.values[n-1] {
			if d.size+4+len(v) > d.limit {
				return false
			}
			i := int32(n)
			d.values = append(d.values, v)
			d.size += 4 + len(v)
			d.lastV, d.last, d.has = v, i, true
			d.idx = append(d.idx, i)
			return true
		}
		d.sorted = false
		if d.index == nil {
			d.index = make(map[string]int32, len(d.values))
		}
		for i, x := range d.values {
			d.index[x] = int32(i)
		}
	}
	p := unsafe.StringData(v)
	e := &d.cache[(uintptr(unsafe.Pointer(p))>>4^uintptr(len(v)))%dictCacheSize]
	var i int32
	if e.idx != 0 && e.p == p && e.n == len(v) {
		i = e.idx - 1
	} else {
		if d.index == nil {
			d.index = make(map[string]int32)
		}
		var ok bool
		if i, ok = d.index[v]; !ok {
			if d.size+4+len(v) > d.limit {
				return false
			}
			i = int32(len(d.values))
			d.values = append(d.values, v)
			d.index[v] = i
			d.size += 4 + len(v)
		}
		*e = dictCacheEntry{p: p, n: len(v), idx: i + 1}
	}
	d.lastV, d.last, d.has = v, i, true
	d.idx = append(d.idx, i)
	return true
}

// reset empties the dictionary for the next row group.
func (d *strDict) reset() {
	clear(d.index)
	clear(d.values)
	d.cache = [dictCacheSize]dictCacheEntry{}
	d.values, d.idx, d.size = d.values[:0], d.idx[:0], 0
	d.lastV, d.last, d.has = "", 0, false
	d.sorted = true
}

// arrays are the dictionary (a string array) and the indices (an int32 array) over d's scratch
// buffers; valid until the next reset.
func (d *strDict) arrays() (dict, idx arrow.Array) {
	if d.data == nil {
		// Arrow reads a nil value as a null: the dictionary of a column of empty strings must
		// still have a (zero-length) data buffer.
		d.data = make([]byte, 0, 256)
	}
	d.byteArrays, d.offsets, d.data = d.byteArrays[:0], append(d.offsets[:0], 0), d.data[:0]
	for _, v := range d.values {
		d.byteArrays = append(d.byteArrays, byteArray(v))
		d.data = append(d.data, v...)
		d.offsets = append(d.offsets, int32(len(d.data)))
	}
	dd := array.NewData(arrow.BinaryTypes.String, len(d.values),
		[]*memory.Buffer{nil, memory.NewBufferBytes(arrow.Int32Traits.CastToBytes(d.offsets)), memory.NewBufferBytes(d.data)}, nil, 0, 0)
	defer dd.Release()
	id := array.NewData(arrow.PrimitiveTypes.Int32, len(d.idx),
		[]*memory.Buffer{nil, memory.NewBufferBytes(arrow.Int32Traits.CastToBytes(d.idx))}, nil, 0, 0)
	defer id.Release()
	return array.MakeFromData(dd), array.MakeFromData(id)
}

func (t *tableWriter) close() error {
	if t.closed {
		return t.err
	}
	t.closed = true
	if t.err != nil {
		return t.err
	}
	if err := t.flush(); err != nil {
		return err
	}
	if err := t.fw.Close(); err != nil {
		t.err = fmt.Errorf("parquet close: %w", err)
	}
	return t.err
}

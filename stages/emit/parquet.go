package emit

import (
	"errors"
	"fmt"
	"io"
	"unsafe"

	"github.com/apache/arrow/go/v15/arrow"
	pq "github.com/xitongsys/parquet-go/parquet"

	"github.com/payclose/payclose/stages/strtab"
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
// their statistics is CPU the close would spend on every value.
var statsColumns = []string{"employee_id", "work_date", "pay_code", "rule_set", "bank"}

// The physical layout, chosen here and written by pqFile (pqfile.go).
//
//   - Decimals are stored as INT64 (all our precisions are 10..18): smaller than
//     FIXED_LEN_BYTE_ARRAY and read natively as DECIMAL by DuckDB, Spark, Trino and pyarrow.
//   - Snappy rather than zstd. zstd gives files about 30% smaller, but arrow v15's zstd codec
//     built a new encoder (with a 16 MiB window) for every data page: measured at 1M
//     employee-weeks that was 12.8 GB of garbage and more than half the encoding time of the
//     close. Snappy encodes 2.3× faster here and every target reader decodes it. golang/snappy
//     rather than klauspost's s2.EncodeSnappy: in the 1M close s2 took as long (2.1 s) and made
//     pay-line files 6.5% larger (it left the timestamp columns uncompressed).
//   - Dictionary encoding on the string columns a writer lists (all of them for pay lines,
//     accruals and the register, employee ids included: about ten pay lines per employee),
//     and on an integer column chunk whose values are few enough (intdict.go). The writer numbers the values itself (strDict), so only the distinct
//     values are hashed and compared for the statistics. Issue 16: fed plain values, Arrow v15's
//     dictionary encoder hashed the bytes of every value and boxed each one to look it up
//     (Parquet writers 14.1-16.3 s of 51-58 CPU seconds of a 1M close, then 7.3-8.0 s of 40-43
//     with Arrow given the dictionary and the indices).
//     Measured and not kept: dictionaries on integer columns through Arrow's encoder (files 14%
//     smaller, CPU 7-14% more: a map lookup per value costs more than plain + Snappy; our own
//     table, intdict.go, costs less than Snappy's 8 bytes a value), DELTA_BINARY_PACKED (files
//     30% smaller, CPU ~10% more), data page v2, 256 KiB pages and larger write batches (no
//     difference beyond the noise).
//   - The column chunks are written by pqFile, not Arrow's column writers: what was left in
//     those was Snappy allocating its output for every page (v15 passes a zero-length buffer),
//     page buffers regrown from zero for every row group, dictionary pages copied, the RLE
//     encoder of the indices and a memo table per dictionary, ~6 of a 1M close's 7 GB of
//     allocation (arrow-go v18.5.1 has the same code there). CPU profiles of the 1M close, main and
//     this interleaved, 3 runs each: the writers (Write and Close) 6.9-7.7 s -> 4.2-4.8 s, flush
//     5.5-6.0 s -> 2.7-3.1 s (Snappy ~2.0 s of it), GC workers 1.1 s -> 0.3 s; the close
//     allocates 1.8 GB instead of 6.9 (the writers 0.13 GB instead of 5.1);
//     BenchmarkWritePayLines 212k allocations and 329 MB per 1M lines -> 3k and 25 MB (the
//     writer's buffers), median 1271 -> 339 ms. See benchmarks/README.md.
//   - Data pages stay at the 1 MiB convention: at 64k rows every chunk is one data page (and a
//     dictionary page).
//   - Statistics in the column chunk metadata only (what readers use to skip row groups), not
//     repeated in the page headers, and only on statsColumns: min and max, null count 0 (Arrow
//     also wrote a distinct count of 0, which says nothing).
//   - created_by is a fixed string and nothing else in the footer varies, so the same records
//     give byte-identical files.
const (
	dataPageSize  = 1 << 20 // bytes of values per data page, before compression
	dictPageLimit = 1 << 20 // PLAIN bytes of a dictionary page; past it a chunk falls back to plain
	maxStatsSize  = 4096    // a min or max longer than this is left out, as Arrow did
)

// tableWriter is the streaming machinery shared by the typed writers. The Arrow schemas above
// are the interface (and what `payclose schema` prints); the file is written from plain Go
// slices, one row group at a time (pqFile):
//
//   - A string is not allocated: a dictionary column keeps each row's number and its distinct
//     values (strDict), a plain one the Go strings themselves (immutable, and interned by
//     ingest); their bytes are copied once, into the page. Arrow's record path allocated about
//     900 bytes per pay line, which at a million employee-weeks was most of the close's time
//     and memory.
//   - The column buffers and the page buffers are reused row group after row group.
//
// The Parquet types are those pqarrow.ToParquet makes of the Arrow schema with decimals as
// integers (DECIMAL as INT64, DATE, TIMESTAMP adjusted to UTC); TestSchemaIsWhatArrowWrites
// holds them to it.
type tableWriter struct {
	sink   *sink // nil until start
	pf     *pqFile
	cols   []colBuf
	rgRows int
	rows   int64 // rows written so far, including buffered ones
	n      int   // rows buffered in the current row group
	err    error // sticky: after a failed write the file is unusable
	closed bool

	// The run_id column (runCol; -1 when the schema has none) holds one value for the whole
	// file, runID, filled in as each row group is written rather than row by row. It is given
	// with the file (start): until then the row groups are encoded all the same, every column but
	// the run id's, and held (held, groups). A close learns its run id once its inputs are
	// hashed, about a tenth of the way into a large week; the rows need not wait for it.
	runCol  int
	runID   string
	started bool
	held    heldBytes
	groups  []heldGroup
}

// heldGroup is a row group encoded before the file was started: its column chunks but the run
// id's are held[from:to], their offsets counted from the start of held.
type heldGroup struct {
	rows     int
	from, to int64
	chunks   []*pq.ColumnChunk
}

// heldBytes is where a tableWriter's file goes until it is started.
type heldBytes []byte

func (h *heldBytes) Write(p []byte) (int, error) {
	*h = append(*h, p...)
	return len(p), nil
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

// newTableWriter starts a file of schema sc on w; a run_id column holds runID.
func newTableWriter(w io.Writer, runID string, sc *arrow.Schema, dictColumns []string, o ParquetOptions) (*tableWriter, error) {
	t, err := newHeldTableWriter(sc, dictColumns, o)
	if err != nil {
		return nil, err
	}
	return t, t.start(w, runID)
}

// newHeldTableWriter is a tableWriter whose file and run id are given later (start).
func newHeldTableWriter(sc *arrow.Schema, dictColumns []string, o ParquetOptions) (*tableWriter, error) {
	o = o.withDefaults()
	pf, err := newPQFile(sc)
	if err != nil {
		return nil, err
	}
	t := &tableWriter{pf: pf, cols: make([]colBuf, len(sc.Fields())), rgRows: int(o.RowGroupRows), runCol: -1}
	for _, c := range dictColumns {
		for _, i := range sc.FieldIndices(c) {
			t.cols[i].dict = &strDict{limit: dictPageLimit, sorted: true}
		}
	}
	if i := sc.FieldIndices("run_id"); len(i) > 0 {
		// First, so that a held row group's run id chunk, written when the file starts, is
		// where a started writer writes it: the same rows give the same bytes either way.
		if i[0] != 0 {
			return nil, fmt.Errorf("parquet schema: run_id is column %d; the writer needs it first", i[0])
		}
		t.runCol = 0
	}
	pf.w = &t.held
	return t, nil
}

// start gives the writer its file and run id, and writes the row groups held until now.
func (t *tableWriter) start(w io.Writer, runID string) error {
	if t.started {
		return errors.New("parquet writer: started twice")
	}
	t.started, t.runID = true, runID
	t.sink = newSink(w)
	t.pf.w, t.pf.off = t.sink, 0
	if err := t.pf.write(magic); err != nil {
		t.err = err
		return err
	}
	for _, g := range t.groups {
		// The run id chunk, then the others as they were encoded: their offsets move by where
		// they land.
		run, err := t.runChunk(g.rows)
		if err != nil {
			return err
		}
		base := t.pf.off - g.from
		if err := t.pf.write(t.held[g.from:g.to]); err != nil {
			t.err = fmt.Errorf("parquet write: %w", err)
			return t.err
		}
		for _, cc := range g.chunks {
			cc.FileOffset += base
			cc.MetaData.DataPageOffset += base
			if d := cc.MetaData.DictionaryPageOffset; d != nil {
				*d += base
			}
		}
		t.pf.endRowGroup(append([]*pq.ColumnChunk{run}, g.chunks...), g.rows)
	}
	t.held, t.groups = nil, nil
	return nil
}

// heldSize is the bytes of row groups encoded and held until the writer is started.
func (t *tableWriter) heldSize() int { return len(t.held) }

// fileWriter is what the typed Parquet writers share besides their Write: the file's start, what
// it holds until then, its end and its description.
type fileWriter struct{ t *tableWriter }

// Start writes the file on w, every row with runID, beginning with the row groups held.
func (f fileWriter) Start(w io.Writer, runID string) error { return f.t.start(w, runID) }

// Held is the bytes of encoded row groups held until Start.
func (f fileWriter) Held() int { return f.t.heldSize() }

// Close writes the remaining rows and the footer. It does not close the underlying writer.
func (f fileWriter) Close() error { return f.t.close() }

// Written describes what was written (rows, bytes, sha256); complete after Close.
func (f fileWriter) Written() Output { return f.t.sink.output(f.t.rows) }

// runChunk writes the run id column of a row group of n rows.
func (t *tableWriter) runChunk(n int) (*pq.ColumnChunk, error) {
	for range n {
		t.str(t.runCol, t.runID)
	}
	return t.chunk(t.runCol)
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
		if d.has && strtab.Same(v, d.lastV) { // a length and pointer compare when interned
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

// flush writes the buffered rows as one row group, column after column; before the writer is
// started, every column but the run id's, held.
func (t *tableWriter) flush() error {
	if t.n == 0 {
		return nil
	}
	n := t.n
	t.n = 0
	chunks := make([]*pq.ColumnChunk, 0, len(t.cols)) // kept by the footer
	from := t.pf.off
	for i := range t.cols {
		var cc *pq.ColumnChunk
		var err error
		switch {
		case i == t.runCol && !t.started:
			continue // written when the file starts
		case i == t.runCol:
			cc, err = t.runChunk(n)
		default:
			cc, err = t.chunk(i)
		}
		if err != nil {
			return err
		}
		chunks = append(chunks, cc)
	}
	if !t.started {
		t.groups = append(t.groups, heldGroup{rows: n, from: from, to: t.pf.off, chunks: chunks})
		return nil
	}
	t.pf.endRowGroup(chunks, n)
	return nil
}

// chunk writes column i's buffered values as one column chunk and empties its buffer.
func (t *tableWriter) chunk(i int) (*pq.ColumnChunk, error) {
	c, pc := &t.cols[i], &t.pf.cols[i]
	var cc *pq.ColumnChunk
	var err error
	switch {
	case pc.typ == pq.Type_BYTE_ARRAY && c.dict != nil:
		cc, err = t.pf.dictChunk(pc, c.dict.values, c.dict.idx, c.strs)
		c.dict.reset()
	case pc.typ == pq.Type_BYTE_ARRAY:
		cc, err = t.pf.stringChunk(pc, c.strs)
	case pc.typ == pq.Type_INT32:
		cc, err = fixedChunk(t.pf, pc, c.i32)
	case pc.typ == pq.Type_INT64:
		cc, err = fixedChunk(t.pf, pc, c.i64)
	default:
		err = fmt.Errorf("column %s: unexpected type %s", pc.name, pc.typ)
	}
	if err != nil {
		t.err = fmt.Errorf("parquet write: %w", err)
		return nil, t.err
	}
	c.strs, c.i32, c.i64 = c.strs[:0], c.i32[:0], c.i64[:0]
	return cc, nil
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

func (t *tableWriter) close() error {
	if t.closed {
		return t.err
	}
	t.closed = true
	if t.err != nil {
		return t.err
	}
	if !t.started {
		t.err = errors.New("parquet writer: closed before it was started")
		return t.err
	}
	if err := t.flush(); err != nil {
		return err
	}
	if err := t.pf.close(); err != nil {
		t.err = fmt.Errorf("parquet close: %w", err)
	}
	return t.err
}

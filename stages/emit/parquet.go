package emit

import (
	"errors"
	"fmt"
	"io"
	"unsafe"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/parquet"
	"github.com/apache/arrow/go/v15/parquet/compress"
	"github.com/apache/arrow/go/v15/parquet/file"
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
//   - Dictionary encoding only on pay codes, rule ids, labor accounts, banks and tiers: few
//     distinct values, and the dictionary makes their pages tiny (pay lines 20% smaller). Not on
//     the run id and rule set, nearly constant columns that plain + snappy already shrinks to
//     almost nothing, because v15's dictionary encoder allocates for every value it encodes
//     (it boxes the value to look it up). Not on employee ids: as many values as employees.
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
//   - Strings go to Parquet as byte arrays that alias the Go strings (immutable, and interned by
//     ingest), so a value is never copied or allocated; Arrow's record path allocated about 900
//     bytes per pay line, which at a million employee-weeks was most of the close's time and
//     memory.
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
}

// colBuf buffers one row group of one column; exactly one of the slices is used.
type colBuf struct {
	bytes []parquet.ByteArray
	i32   []int32
	i64   []int64
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
	return &tableWriter{sink: s, fw: fw, cols: make([]colBuf, len(sc.Fields())), rgRows: int(o.RowGroupRows)}, nil
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

// empty backs the empty string: a nil byte array would be a null, and these columns are required.
var empty = parquet.ByteArray{}

func (t *tableWriter) str(c int, v string) {
	b := empty
	if len(v) > 0 {
		b = unsafe.Slice(unsafe.StringData(v), len(v))
	}
	t.cols[c].bytes = append(t.cols[c].bytes, b)
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
				_, err = w.WriteBatch(c.bytes, nil, nil)
			case *file.Int32ColumnChunkWriter:
				_, err = w.WriteBatch(c.i32, nil, nil)
			case *file.Int64ColumnChunkWriter:
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
		c.bytes, c.i32, c.i64 = c.bytes[:0], c.i32[:0], c.i64[:0]
	}
	if err := rg.Close(); err != nil {
		t.err = fmt.Errorf("parquet write: %w", err)
	}
	return t.err
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

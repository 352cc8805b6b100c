package handoff

import (
	"fmt"
	"unsafe"

	"github.com/apache/arrow/go/v15/parquet"
	"github.com/apache/arrow/go/v15/parquet/file"

	"github.com/payclose/payclose/stages/emit"
)

// payLine is what the hand-off reads of a pay line.
type payLine struct {
	Employee, RuleSet   string // valid only during the call
	PayCode, Account    string // interned: kept as they are
	Hours, Rate, Amount int64
}

// The pay_lines columns the hand-off reads (emit.PayLineSchema): employee_id, rule_set, pay_code,
// hours, rate, amount, labor_account.
var payLineCols = []int{1, 2, 4, 6, 7, 8, 10}

// payLineBatch is how many rows of each column readPayLines decodes at a time.
const payLineBatch = 4096

// payLinesAhead is how many batches of decoded rows readPayLines' decoder may be ahead of the
// rows handed to fn.
const payLinesAhead = 4

// payCols is a batch of decoded rows, column by column.
type payCols struct {
	strs [4][]parquet.ByteArray // employee_id, rule_set, pay_code, labor_account
	nums [3][]int64             // hours, rate, amount
	n    int
}

// readPayLines calls fn for every row of a pay_lines Parquet file, in file order, decoding only
// the columns the hand-off uses, with Parquet's own column readers into slices reused from batch
// to batch: the decimals are stored as INT64 (emit.writerProperties) and read as such, and the
// strings are read as the bytes of the decoded page, never copied. pay_code and labor_account
// are dictionary-encoded: a row's bytes are its dictionary entry's, so each is interned once per
// entry (internCache) rather than looked up by value row by row. Reading through Arrow records
// (pqarrow) was 7 of the hand-off's 8.4 CPU seconds at a million employee-weeks.
//
// The columns are decoded on a goroutine of their own, a few batches ahead of fn: decoding (a
// third of the hand-off reader's CPU) and adding up the rows (the rest) then take a core each,
// where one core did both while the register writers waited for rows. The rows' bytes stay
// valid while fn works on an earlier batch: every page is decoded into a buffer of its own
// (Snappy into a new buffer, see bytesString), never written again.
func readPayLines(path string, intern func(string) string, fn func(*payLine) error) error {
	rdr, err := openParquet(path)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	defer rdr.Close()
	sc := rdr.MetaData().Schema
	if sc.NumColumns() != emit.PayLineSchema.NumFields() {
		return fmt.Errorf("%s: not a file of this version: %d columns, want %d", path, sc.NumColumns(), emit.PayLineSchema.NumFields())
	}
	for i := range sc.NumColumns() {
		if g, w := sc.Column(i).Name(), emit.PayLineSchema.Field(i).Name; g != w {
			return fmt.Errorf("%s: not a file of this version: column %d is %s, want %s", path, i, g, w)
		}
	}
	// free and full each hold every batch at once, so neither side ever blocks sending.
	free, full := make(chan *payCols, payLinesAhead), make(chan *payCols, payLinesAhead)
	for range payLinesAhead {
		b := &payCols{}
		for i := range b.strs {
			b.strs[i] = make([]parquet.ByteArray, payLineBatch)
		}
		for i := range b.nums {
			b.nums[i] = make([]int64, payLineBatch)
		}
		free <- b
	}
	stop := make(chan struct{})
	var decErr error
	go func() {
		defer close(full)
		decErr = decodePayLines(rdr, path, free, full, stop)
	}()
	var r payLine
	var pcs, accts internCache
	for b := range full { // until the decoder is done, also after an error here
		for i := 0; i < b.n && err == nil; i++ {
			r.Employee, r.RuleSet = bytesString(b.strs[0][i]), bytesString(b.strs[1][i])
			r.PayCode, r.Account = pcs.get(b.strs[2][i], intern), accts.get(b.strs[3][i], intern)
			r.Hours, r.Rate, r.Amount = b.nums[0][i], b.nums[1][i], b.nums[2][i]
			if err = fn(&r); err != nil {
				close(stop)
			}
		}
		free <- b
	}
	if err != nil {
		return err
	}
	return decErr
}

// decodePayLines decodes the hand-off's columns of every row group of rdr into batches taken from
// free and sent, full, to full, until the file ends or stop is closed.
func decodePayLines(rdr *file.Reader, path string, free <-chan *payCols, full chan<- *payCols, stop <-chan struct{}) error {
	sc := rdr.MetaData().Schema
	for g := range rdr.NumRowGroups() {
		rg := rdr.RowGroup(g)
		var sr [4]*file.ByteArrayColumnChunkReader
		var nr [3]*file.Int64ColumnChunkReader
		for k, c := range payLineCols {
			cr, err := rg.Column(c)
			if err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
			ok := true
			switch k {
			case 0, 1, 2, 6:
				sr[min(k, 3)], ok = cr.(*file.ByteArrayColumnChunkReader)
			default:
				nr[k-3], ok = cr.(*file.Int64ColumnChunkReader)
			}
			if !ok {
				return fmt.Errorf("%s: not a file of this version: column %s is %s", path, sc.Column(c).Name(), sc.Column(c).PhysicalType())
			}
		}
		rows := rg.NumRows()
		for done := int64(0); done < rows; {
			var b *payCols
			select {
			case b = <-free:
			case <-stop:
				return nil
			}
			n := min(int64(payLineBatch), rows-done)
			for k := range sr {
				if _, got, err := sr[k].ReadBatch(n, b.strs[k], nil, nil); err != nil || int64(got) != n {
					return fmt.Errorf("%s: row group %d: %d of %d values read: %v", path, g, got, n, err)
				}
			}
			for k := range nr {
				if _, got, err := nr[k].ReadBatch(n, b.nums[k], nil, nil); err != nil || int64(got) != n {
					return fmt.Errorf("%s: row group %d: %d of %d values read: %v", path, g, got, n, err)
				}
			}
			b.n = int(n)
			full <- b
			done += n
		}
	}
	return nil
}

// readBuffer is how much of a column chunk Arrow's reader holds at a time.
const readBuffer = 64 << 10

// openParquet opens a file for Arrow's column readers, which then read each column chunk through
// a buffer of readBuffer bytes. By default they read a whole chunk into a new slice and copy it
// into a reader's buffer of the same size: the hand-off's reads allocated 69 MB per million pay
// lines, 58 MB this way, and took ~10% less CPU (BenchmarkReadPayLines, user+sys, 3 rounds).
// Every page is still decoded into a buffer of its own (see bytesString).
func openParquet(path string) (*file.Reader, error) {
	props := parquet.NewReaderProperties(nil)
	props.BufferedStreamEnabled, props.BufferSize = true, readBuffer
	return file.OpenParquetFile(path, false, file.WithReadProps(props))
}

// bytesString is b as a string without a copy: valid while b's page is (the pages of a column
// chunk are decoded into buffers of their own, not reused), so only for the row's call or to be
// interned (copied when new).
func bytesString(b parquet.ByteArray) string {
	if len(b) == 0 {
		return ""
	}
	return unsafe.String(&b[0], len(b))
}

// internCache is the interned strings of the byte arrays last seen at a few addresses (a
// column's dictionary entries), direct-mapped by address: a hit costs no hashing of the value.
// The arrays it holds keep their pages alive, and a decoded page is not written again, so the
// same address and length is the same value.
type internCache [64]struct {
	b parquet.ByteArray
	s string
}

func (c *internCache) get(b parquet.ByteArray, intern func(string) string) string {
	if len(b) == 0 {
		return intern("")
	}
	e := &c[(uintptr(unsafe.Pointer(&b[0]))>>2)%uintptr(len(c))]
	if len(e.b) == len(b) && &e.b[0] == &b[0] {
		return e.s
	}
	e.b, e.s = b, intern(bytesString(b))
	return e.s
}

// readAccrualChanges calls fn with the employee id (valid only during the call) and the change
// in hours (closing - opening) of every row of an accruals Parquet file, in file order, read as
// readPayLines reads pay lines (columns employee_id, opening and closing of emit.AccrualSchema).
func readAccrualChanges(path string, fn func(employee []byte, change int64) error) error {
	rdr, err := openParquet(path)
	if err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	defer rdr.Close()
	sc := rdr.MetaData().Schema
	if sc.NumColumns() != emit.AccrualSchema.NumFields() {
		return fmt.Errorf("%s: not a file of this version: %d columns, want %d", path, sc.NumColumns(), emit.AccrualSchema.NumFields())
	}
	for i := range sc.NumColumns() {
		if g, w := sc.Column(i).Name(), emit.AccrualSchema.Field(i).Name; g != w {
			return fmt.Errorf("%s: not a file of this version: column %d is %s, want %s", path, i, g, w)
		}
	}
	emps := make([]parquet.ByteArray, payLineBatch)
	opening, closing := make([]int64, payLineBatch), make([]int64, payLineBatch)
	for g := range rdr.NumRowGroups() {
		rg := rdr.RowGroup(g)
		var er *file.ByteArrayColumnChunkReader
		var nr [2]*file.Int64ColumnChunkReader
		for k, c := range []int{1, 4, 8} {
			cr, err := rg.Column(c)
			if err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
			ok := true
			if k == 0 {
				er, ok = cr.(*file.ByteArrayColumnChunkReader)
			} else {
				nr[k-1], ok = cr.(*file.Int64ColumnChunkReader)
			}
			if !ok {
				return fmt.Errorf("%s: not a file of this version: column %s is %s", path, sc.Column(c).Name(), sc.Column(c).PhysicalType())
			}
		}
		rows := rg.NumRows()
		for done := int64(0); done < rows; {
			n := min(int64(payLineBatch), rows-done)
			if _, got, err := er.ReadBatch(n, emps, nil, nil); err != nil || int64(got) != n {
				return fmt.Errorf("%s: row group %d: %d of %d values read: %v", path, g, got, n, err)
			}
			for k, dst := range [2][]int64{opening, closing} {
				if _, got, err := nr[k].ReadBatch(n, dst, nil, nil); err != nil || int64(got) != n {
					return fmt.Errorf("%s: row group %d: %d of %d values read: %v", path, g, got, n, err)
				}
			}
			for i := range int(n) {
				if err := fn(emps[i], closing[i]-opening[i]); err != nil {
					return err
				}
			}
			done += n
		}
	}
	return nil
}

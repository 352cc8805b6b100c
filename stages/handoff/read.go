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

// readPayLines calls fn for every row of a pay_lines Parquet file, in file order, decoding only
// the columns the hand-off uses, with Parquet's own column readers into slices reused from batch
// to batch: the decimals are stored as INT64 (emit.writerProperties) and read as such, and the
// strings are read as the bytes of the decoded page, never copied. pay_code and labor_account
// repeat from row to row (dictionary-encoded: a row's bytes are the dictionary's), so each is
// interned only when it differs from the row before. Reading through Arrow records (pqarrow)
// was 7 of the hand-off's 8.4 CPU seconds at a million employee-weeks.
func readPayLines(path string, intern func(string) string, fn func(*payLine) error) error {
	rdr, err := file.OpenParquetFile(path, false)
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
	var strs [4][]parquet.ByteArray // employee_id, rule_set, pay_code, labor_account
	var nums [3][]int64             // hours, rate, amount
	for i := range strs {
		strs[i] = make([]parquet.ByteArray, payLineBatch)
	}
	for i := range nums {
		nums[i] = make([]int64, payLineBatch)
	}
	var r payLine
	var prevPC, prevAcct parquet.ByteArray
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
			n := min(int64(payLineBatch), rows-done)
			for k := range sr {
				if _, got, err := sr[k].ReadBatch(n, strs[k], nil, nil); err != nil || int64(got) != n {
					return fmt.Errorf("%s: row group %d: %d of %d values read: %v", path, g, got, n, err)
				}
			}
			for k := range nr {
				if _, got, err := nr[k].ReadBatch(n, nums[k], nil, nil); err != nil || int64(got) != n {
					return fmt.Errorf("%s: row group %d: %d of %d values read: %v", path, g, got, n, err)
				}
			}
			for i := range int(n) {
				r.Employee, r.RuleSet = bytesString(strs[0][i]), bytesString(strs[1][i])
				if pc := strs[2][i]; !sameBytes(pc, prevPC) {
					prevPC, r.PayCode = pc, intern(bytesString(pc))
				}
				if a := strs[3][i]; !sameBytes(a, prevAcct) {
					prevAcct, r.Account = a, intern(bytesString(a))
				}
				r.Hours, r.Rate, r.Amount = nums[0][i], nums[1][i], nums[2][i]
				if err := fn(&r); err != nil {
					return err
				}
			}
			done += n
		}
	}
	return nil
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

// sameBytes reports whether a and b are the same bytes in memory (a dictionary's entry read twice)
// or equal.
func sameBytes(a, b parquet.ByteArray) bool {
	if len(a) != len(b) {
		return false
	}
	if len(a) == 0 {
		return b != nil
	}
	return &a[0] == &b[0] || string(a) == string(b)
}

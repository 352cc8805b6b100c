package spill

import (
	"encoding/binary"
	"testing"
)

// A sorter's buffers grow by doubling, but never past what its budget lets them hold: the
// budget is what the hand-off counts on to keep ten million employee-weeks under 1 GiB.
func TestSorterBuffersWithinBudget(t *testing.T) {
	for _, size := range []int{0, 3, 40} { // the value's length: records of 17 to 57 bytes
		s := &Sorter{Parent: t.TempDir(), Bytes: 1 << 20}
		val := make([]byte, size)
		var key []byte
		for i := range 200_000 {
			key = binary.BigEndian.AppendUint64(key[:0], uint64(i*7919%200_000))
			if err := s.Add(key, val); err != nil {
				t.Fatal(err)
			}
			if held := cap(s.buf) + recRefSize*cap(s.recs); held > s.Bytes*5/4 {
				t.Fatalf("values of %d bytes: after %d records the buffers hold %d bytes, budget %d", size, i+1, held, s.Bytes)
			}
		}
		if s.Runs() < 2 {
			t.Errorf("values of %d bytes: %d runs, want several", size, s.Runs())
		}
		s.Remove()
	}
}

package spill_test

import (
	"encoding/binary"
	"testing"

	"github.com/payclose/payclose/stages/spill"
)

// BenchmarkSorterRuns puts 3M records (an 8-byte id and a few bytes, the hand-off's accrual
// changes at a million employee-weeks) in three ordered segments through a sorter of 16 MB, as
// the hand-off does, and reads them back merged.
func BenchmarkSorterRuns(b *testing.B) {
	const n = 1_000_000
	keys := make([]byte, 0, 3*n*8)
	for seg := range 3 {
		for i := range n {
			keys = binary.BigEndian.AppendUint64(keys, uint64(10_000_000+3*i+seg))
		}
	}
	val := []byte{2, 4, 6, 8}
	b.ReportAllocs()
	for range b.N {
		s := &spill.Sorter{Parent: b.TempDir(), Bytes: 16 << 20}
		for k := keys; len(k) > 0; k = k[8:] {
			if err := s.Add(k[:8], val); err != nil {
				b.Fatal(err)
			}
		}
		got := 0
		if err := s.Each(func(k, v []byte) error { got++; return nil }); err != nil || got != 3*n {
			b.Fatalf("%d records back, %v", got, err)
		}
		s.Remove()
	}
}

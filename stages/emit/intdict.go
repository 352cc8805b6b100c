package emit

import (
	"encoding/binary"
	"math/bits"
	"slices"
	"unsafe"

	pq "github.com/xitongsys/parquet-go/parquet"
)

// Integer columns with few distinct values in a row group (dates, minutes, hours, rates,
// timestamps of shifts that start on the quarter hour) are written as a dictionary: the distinct
// values as a PLAIN dictionary page and each row's number in RLE_DICTIONARY pages, uncompressed.
// Issue 16: PLAIN int64 pages were most of the bytes Snappy chewed in a close (~1.8 CPU s at 1M)
// and that the hand-off decompressed again. Numbering the values in the table below and
// bit-packing the numbers costs the writer about what Snappy did (measured at 1M: Snappy 1.8 ->
// 0.7 s, numbering and packing +1.1 s), but the files are 12% smaller and a reader gathers the
// values from the dictionary instead of decompressing them. A chunk whose dictionary would not pay
// (amounts: a value per line) stays PLAIN and Snappy, decided chunk by chunk from its values
// only, so the same rows still give the same bytes.

// intDictShare is the most a dictionary chunk may take, as a fraction of the chunk's PLAIN
// bytes (before compression): Snappy leaves 20-36% of our PLAIN integer pages, so 3/8 keeps the
// dictionary columns about as small as they were compressed.
const intDictShareNum, intDictShareDen = 3, 8

// intDictMaxBits bounds the numbers' width, hence the distinct values of a dictionary chunk
// (2^14) and the table (2^15 slots of 16 bytes, reused).
const intDictMaxBits = 15

// intDict numbers the distinct values of an integer column chunk in order of first appearance,
// in an open-addressed table reused from chunk to chunk (a generation number empties it).
type intDict struct {
	slots []intSlot
	gen   uint32
	shift uint
	vals  []uint64 // the distinct values, in order of first appearance
	idx   []int32  // each row's number
}

type intSlot struct {
	key uint64
	num int32
	gen uint32 // the slot is in use if gen is the table's
}

// reset empties the table, sized for limit values at most half full.
func (d *intDict) reset(limit int) {
	b := max(4, bits.Len(uint(2*limit)))
	if len(d.slots) < 1<<b {
		d.slots, d.gen = make([]intSlot, 1<<b), 0
	}
	d.shift = uint(64 - bits.Len(uint(len(d.slots)-1)))
	d.gen++
	if d.gen == 0 {
		clear(d.slots)
		d.gen = 1
	}
	d.vals, d.idx = d.vals[:0], d.idx[:0]
}

// buildIntDict numbers vs into d; false as soon as there are more than limit distinct values.
// (Giving up early, at more than a quarter of limit in the first quarter of vs, saved the
// numbering of amounts but refused chunks that fit: no gain in the writer.)
func buildIntDict[T int32 | int64](d *intDict, vs []T, limit int) bool {
	d.reset(limit)
	slots, gen, shift := d.slots, d.gen, d.shift
	mask := uint64(len(slots) - 1)
	idx := slices.Grow(d.idx[:0], len(vs))[:len(vs)]
	var lastK uint64
	lastN := int32(-1)
	for i, v := range vs {
		k := uint64(v)
		if k == lastK && lastN >= 0 { // a rate or a date repeats row after row
			idx[i] = lastN
			continue
		}
		for h := (k * 0x9E3779B97F4A7C15) >> shift; ; h = (h + 1) & mask {
			s := &slots[h]
			if s.gen != gen {
				if len(d.vals) >= limit {
					d.idx = idx[:0]
					return false
				}
				*s = intSlot{key: k, num: int32(len(d.vals)), gen: gen}
				d.vals = append(d.vals, k)
			} else if s.key != k {
				continue
			}
			lastN = s.num
			break
		}
		lastK = k
		idx[i] = lastN
	}
	d.idx = idx
	return true
}

// intDictLimit is the most distinct values a dictionary chunk of n values of width bytes may
// have: d*width + n*bits(d)/8 within intDictShare of n*width.
func intDictLimit(n, width int) int {
	budget := n * width * intDictShareNum / intDictShareDen
	limit := 0
	for bw := 1; bw < intDictMaxBits; bw++ {
		d := min(1<<bw, (budget-n*bw/8)/width)
		if d <= 1<<(bw-1) { // no more values than with a bit less
			break
		}
		limit = d
	}
	return limit
}

// intDictChunk writes vs as a dictionary chunk if that pays (ok), else writes nothing.
func intDictChunk[T int32 | int64](f *pqFile, c *pqColumn, vs []T) (cc *pq.ColumnChunk, ok bool, err error) {
	width := int(unsafe.Sizeof(T(0)))
	limit := intDictLimit(len(vs), width)
	if limit < 2 {
		return nil, false, nil
	}
	d := &f.idict
	if !buildIntDict(d, vs, limit) {
		return nil, false, nil
	}
	var st *pq.Statistics
	if c.stats {
		lo, hi := T(d.vals[0]), T(d.vals[0])
		for _, v := range d.vals {
			lo, hi = min(lo, T(v)), max(hi, T(v))
		}
		st = intStats(lo, hi)
	}
	f.beginChunk()
	// Bit-packed numbers leave Snappy little to find: on a part of a 1M close, Snappy on these
	// chunks made the file 10% smaller for 15% more of the writer's CPU, and every reader would
	// decompress them again.
	f.codec = pq.CompressionCodec_UNCOMPRESSED
	f.raw = f.raw[:0]
	for _, v := range d.vals {
		f.raw = binary.LittleEndian.AppendUint64(f.raw, v)[:len(f.raw)+width]
	}
	if err := f.page(pq.PageType_DICTIONARY_PAGE, pq.Encoding_PLAIN, len(d.vals), f.raw); err != nil {
		return nil, true, err
	}
	if err := f.rowNumbers(d.idx, len(d.vals)); err != nil {
		return nil, true, err
	}
	cc, err = f.endChunk(c, len(vs), st)
	return cc, true, err
}

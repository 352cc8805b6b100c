// Package strtab finds values by pairs of strings that are mostly the same few values at the same
// few addresses (pay codes are the rules' constants, accounts and rule sets are interned by the
// readers), by the strings' addresses and lengths rather than their bytes.
package strtab

import (
	"math/bits"
	"unsafe"
)

// Same is a == b, answered by the addresses when they are the same (one compare, no call), by the
// bytes otherwise.
func Same(a, b string) bool {
	return len(a) == len(b) && (unsafe.StringData(a) == unsafe.StringData(b) || a == b)
}

// Pairs maps a pair of strings, by where their bytes are and their lengths, to a V: an
// open-addressed table with linear probing, kept at most half full. Two equal strings at other
// addresses are another pair; a caller that must not tell them apart looks a pair it has not seen
// up by its text (a map) and adds it, so the table only spares that look-up on the next lines.
// (A hand-off at a million employee-weeks sees ~6,000 pairs of pay code and account on 10.7M lines,
// and a close's totals ~30 pairs of rule set and pay code on as many.)
type Pairs[V any] struct {
	slots []slot[V]
	n     int
	shift uint
}

type slot[V any] struct {
	a, b   *byte
	la, lb int
	used   bool
	v      V
}

// Find returns the value of the pair (a, b) and whether the pair was there. A pair that was not
// is added with the zero V, which the caller sets through the pointer (valid until the next Find).
func (t *Pairs[V]) Find(a, b string) (v *V, found bool) {
	if 2*(t.n+1) > len(t.slots) {
		t.grow()
	}
	pa, pb := unsafe.StringData(a), unsafe.StringData(b)
	mask := uint64(len(t.slots) - 1)
	h := hash(pa, pb, len(a), len(b)) >> t.shift
	for ; ; h = (h + 1) & mask {
		s := &t.slots[h]
		if !s.used {
			*s = slot[V]{a: pa, b: pb, la: len(a), lb: len(b), used: true}
			t.n++
			return &s.v, false
		}
		if s.a == pa && s.b == pb && s.la == len(a) && s.lb == len(b) {
			return &s.v, true
		}
	}
}

// Len is the number of pairs in the table.
func (t *Pairs[V]) Len() int { return t.n }

func hash(a, b *byte, la, lb int) uint64 {
	x := uint64(uintptr(unsafe.Pointer(a)))*0x9E3779B97F4A7C15 ^ uint64(uintptr(unsafe.Pointer(b))) ^ uint64(la)<<48 ^ uint64(lb)<<56
	return x * 0xBF58476D1CE4E5B9
}

func (t *Pairs[V]) grow() {
	old := t.slots
	size := max(64, 2*len(old))
	t.slots, t.n, t.shift = make([]slot[V], size), 0, uint(64-bits.Len(uint(size-1)))
	mask := uint64(size - 1)
	for i := range old {
		o := &old[i]
		if !o.used {
			continue
		}
		h := hash(o.a, o.b, o.la, o.lb) >> t.shift
		for t.slots[h].used {
			h = (h + 1) & mask
		}
		t.slots[h] = *o
		t.n++
	}
}

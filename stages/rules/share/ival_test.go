package share

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// addIvalGeneral is addIval without its fast paths for intervals in time order: the reference
// they must agree with.
func addIvalGeneral(set []ival, iv ival) []ival {
	if iv.to <= iv.from {
		return set
	}
	i := 0
	for i < len(set) && set[i].to < iv.from {
		i++
	}
	j := i
	for j < len(set) && set[j].from <= iv.to {
		iv.from, iv.to = min(iv.from, set[j].from), max(iv.to, set[j].to)
		j++
	}
	if j == i {
		set = append(set, ival{})
		copy(set[i+1:], set[i:])
		set[i] = iv
		return set
	}
	set[i] = iv
	return append(set[:i+1], set[j:]...)
}

// The cover of a week's worked time and call-back windows (OC-F: "Employees will not be paid more
// than once for the same period of time") is the same set whichever path addIval takes: mostly
// ordered intervals (slices), touching, gapped, overlapping and out of order (guarantee windows).
func TestAddIvalFastPathsMatchGeneral(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 16))
	for n := 0; n < 20000; n++ {
		var got, want []ival
		at := int64(r.IntN(100))
		for k := 0; k < 1+r.IntN(12); k++ {
			var iv ival
			switch r.IntN(4) {
			case 0: // touching the previous
				iv = ival{at, at + int64(r.IntN(50))}
			case 1: // after a gap
				iv = ival{at + 1 + int64(r.IntN(20)), at + 30 + int64(r.IntN(50))}
			case 2: // overlapping or inside
				iv = ival{at - int64(r.IntN(40)), at + int64(r.IntN(60)) - 20}
			default: // anywhere
				f := int64(r.IntN(400))
				iv = ival{f, f + int64(r.IntN(80)) - 10}
			}
			at = max(at, iv.to)
			got, want = addIval(got, iv), addIvalGeneral(want, iv)
			if !slices.Equal(got, want) {
				t.Fatalf("after adding %v: got %v, want %v", iv, got, want)
			}
		}
	}
}

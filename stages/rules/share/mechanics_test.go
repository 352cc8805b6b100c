package share

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"
	"unsafe"

	"github.com/payclose/payclose/stages/rules"
)

// samePay compares slicePay as three words, which is its fields only while it has no padding
// and is three words long, and the differential's code and rule as one two-byte word.
func TestSlicePayWords(t *testing.T) {
	ty := reflect.TypeFor[slicePay]()
	var sum uintptr
	for i := range ty.NumField() {
		sum += ty.Field(i).Type.Size()
	}
	if ty.Size() != 24 || sum != ty.Size() {
		t.Fatalf("slicePay is %d bytes, its fields %d: samePay's words need 24 without padding", ty.Size(), sum)
	}
	var s slice
	if unsafe.Sizeof(s.diffCode) != 1 || unsafe.Sizeof(s.diffRule) != 1 || unsafe.Offsetof(s.diffRule) != unsafe.Offsetof(s.diffCode)+1 {
		t.Fatal("slice.diffCode and diffRule are not two bytes side by side: samePay's diffs reads them as one word")
	}
}

// markDaily marks what rules.MarkLastEach marks for the same days: random weeks of slices, some
// already overtime or at a premium, days with more or less over than their straight time.
func TestMarkDailyIsMarkLastEach(t *testing.T) {
	r := rand.New(rand.NewPCG(10, 7))
	for week := 0; week < 5000; week++ {
		var c, ref Calc
		ndays := 1 + r.IntN(4)
		var total int64
		for k := 0; k < ndays; k++ {
			over := int64(r.IntN(5)-1) * 1800
			c.days = append(c.days, dayTotal{over: over})
			total += max(over, 0)
		}
		at := int64(0)
		for k := 0; k < ndays; k++ {
			for n := r.IntN(5); n > 0; n-- {
				s := slice{start: at, end: at + int64(1+r.IntN(8))*900, day: int8(k)}
				s.premium = r.IntN(6) == 0
				if r.IntN(8) == 0 {
					s.ot = weeklyOT
				}
				c.slices = append(c.slices, s)
				at = s.end + int64(r.IntN(2))*900
			}
		}
		ref.slices = slices.Clone(c.slices)
		ref.days = slices.Clone(c.days)
		c.markDaily(total)
		rules.MarkLastEach(&ref.slices, total, func(s *slice) *int64 { return &ref.days[s.day].over }, func(s *slice) { s.ot = dailyOT })
		if !slices.Equal(c.slices, ref.slices) || !slices.Equal(c.days, ref.days) {
			t.Fatalf("week %d: markDaily\n%+v\n%+v\nMarkLastEach\n%+v\n%+v", week, c.slices, c.days, ref.slices, ref.days)
		}
	}
}

package psu

import (
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/payclose/payclose/stages/rules"
)

// markDaily and straightBefore mark, cut and sum what rules.MarkLastEach and rules.StraightBefore
// do: random weeks of slices, some already overtime, days with more or less over than their
// straight time, week ends inside a slice, between slices and outside the week.
func TestWalksAreTheGenericOnes(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 10))
	for week := 0; week < 5000; week++ {
		var c, ref Calc
		var total int64
		for k := range c.days {
			over := int64(r.IntN(5)-1) * 1800
			c.days[k].over = over
			total += max(over, 0)
		}
		at := int64(0)
		for k := 0; k < 1+r.IntN(7); k++ {
			for n := r.IntN(4); n > 0; n-- {
				s := slice{start: at, end: at + int64(1+r.IntN(8))*900, wd: k, local: at + 3600}
				s.ot = r.IntN(8) == 0
				c.slices = append(c.slices, s)
				at = s.end + int64(r.IntN(2))*900
			}
		}
		ref.slices, ref.days = slices.Clone(c.slices), c.days
		c.markDaily(total)
		rules.MarkLastEach(&ref.slices, total, func(s *slice) *int64 { return &ref.days[s.wd].over }, (*slice).SetOvertime)
		if !slices.Equal(c.slices, ref.slices) || c.days != ref.days {
			t.Fatalf("week %d: markDaily\n%+v\nMarkLastEach\n%+v", week, c.slices, ref.slices)
		}
		end := int64(r.IntN(int(at/900)+4)) * 900
		if r.IntN(2) == 0 {
			end += 300
		}
		got, want := c.straightBefore(end), rules.StraightBefore(&ref.slices, end)
		if got != want || !slices.Equal(c.slices, ref.slices) {
			t.Fatalf("week %d, end %d: straightBefore %d\n%+v\nStraightBefore %d\n%+v", week, end, got, c.slices, want, ref.slices)
		}
	}
}

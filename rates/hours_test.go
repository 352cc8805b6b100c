package rates

import (
	"math/rand/v2"
	"testing"
)

// AppendHours writes what HoursDecimal(seconds).String() does, for every kind of number of
// seconds: whole hours, quarters, odd seconds, under a hundredth, negative.
func TestAppendHoursMatchesDecimal(t *testing.T) {
	cases := []int64{0, 1, 2, 17, 36, 360, 900, 1800, 3600, 5400, 7199, 28800, 144000, 149399, -1, -1800, -3600, -5401, 40 * 3600, 168 * 3600}
	r := rand.New(rand.NewPCG(7, 11))
	for range 20000 {
		cases = append(cases, r.Int64N(400*3600)-100*3600)
	}
	for _, secs := range cases {
		if got, want := string(AppendHours(nil, secs)), HoursDecimal(secs).String(); got != want {
			t.Fatalf("AppendHours(%d) = %q, want %q", secs, got, want)
		}
	}
}

package rates

import (
	"github.com/shopspring/decimal"
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

// AppendFixed writes what the String methods do: Money with 2 places, Rate and Hours with 4.
func TestAppendFixedMatchesString(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 5))
	cases := []int64{0, 1, -1, 9, 10, 99, 100, 12345, -12345, 1 << 40, -(1 << 40)}
	for range 20000 {
		cases = append(cases, r.Int64N(1<<42)-1<<41)
	}
	for _, v := range cases {
		if got, want := string(AppendFixed(nil, v, 2)), Money(v).String(); got != want {
			t.Fatalf("AppendFixed(%d, 2) = %q, want %q", v, got, want)
		}
		if got, want := string(AppendFixed(nil, v, 4)), Rate(v).String(); got != want {
			t.Fatalf("AppendFixed(%d, 4) = %q, want %q", v, got, want)
		}
		for scale := range 5 { // every scale, against the decimal library
			if got, want := string(AppendFixed([]byte("x"), v, scale)), "x"+decimal.New(v, int32(-scale)).StringFixed(int32(scale)); got != want {
				t.Fatalf("AppendFixed(%d, %d) = %q, want %q", v, scale, got, want)
			}
		}
	}
}

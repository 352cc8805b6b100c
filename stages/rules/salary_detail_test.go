package rules

import (
	"testing"

	"github.com/payclose/payclose/rates"
)

// The salary exception's text is the one the concatenation around the decimal gave, whether
// built or taken from the worker's kept texts, and past the cap it is still built right.
func TestUnaccountedDetailText(t *testing.T) {
	var l Lines
	for round := range 2 { // the second round reads the kept texts
		for secs := int64(1); secs < 2*maxDetails*60; secs += 59 {
			want := "salaried week paid in full: " + rates.HoursDecimal(secs).String() +
				" h neither worked nor on leave (LWOP would reduce it)"
			if got := l.unaccountedDetail(secs); got != want {
				t.Fatalf("round %d, %d s: %q, want %q", round, secs, got, want)
			}
		}
	}
	if len(l.details) != maxDetails {
		t.Fatalf("%d texts kept, want the cap %d", len(l.details), maxDetails)
	}
}

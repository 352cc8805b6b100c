package rules

import (
	"testing"

	"github.com/payclose/payclose/rates"
)

// PaidBreak pays a gap strictly shorter than paid_break_under_minutes (NU-HOW-IIIB "shorter than
// 20 minutes"; SHARE-BRK-01 "a shorter break is paid", shorter than the 30-minute meal), nothing
// for no gap, an overlap or a rule set without the key.
func TestPaidBreak(t *testing.T) {
	rs := &rates.RuleSet{PaidBreakUnder: 20}
	for _, c := range []struct{ end, start, want int64 }{
		{1000, 1000 + 15*60, 15 * 60},
		{1000, 1000 + 20*60 - 1, 20*60 - 1},
		{1000, 1000 + 20*60, 0},
		{1000, 1000 + 30*60, 0},
		{1000, 1000, 0},
		{1000, 900, 0},
	} {
		if got := PaidBreak(rs, c.end, c.start); got != c.want {
			t.Errorf("gap %d s: %d, want %d", c.start-c.end, got, c.want)
		}
	}
	if got := PaidBreak(&rates.RuleSet{}, 0, 60); got != 0 {
		t.Errorf("no paid_break_under_minutes: %d, want 0", got)
	}
}

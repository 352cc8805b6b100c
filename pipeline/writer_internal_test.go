package pipeline

import (
	"strings"
	"testing"
)

// writer.code finds totals by the addresses of the rule set and pay code: a rule set name that is
// its own string on every line (a roster past ingest's maxRuleSets names) must not grow the table
// with the lines, and every line must still reach the one total of its name.
func TestWriterCodeTableBounded(t *testing.T) {
	w := newWriter(&Config{}, &rejectSink{})
	const lines = 3 * maxCodePairs
	for i := 0; i < lines; i++ {
		rs := strings.Clone("SHARE") // equal text, another address each line
		w.code(rs, "REG").Seconds += 3600
		if n := w.codes.Len(); n > maxCodePairs {
			t.Fatalf("line %d: %d pairs in the table, want at most %d", i, n, maxCodePairs)
		}
	}
	if got := w.totals.ByRuleSet["SHARE"]["REG"]; got == nil || got.Seconds != 3600*lines {
		t.Fatalf("SHARE REG total = %+v, want %d seconds", got, 3600*lines)
	}
	if len(w.totals.ByRuleSet) != 1 {
		t.Fatalf("%d rule sets in the totals, want 1", len(w.totals.ByRuleSet))
	}
}

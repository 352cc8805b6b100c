package ingest

import (
	"strings"
	"testing"
)

func TestSplitRecords(t *testing.T) {
	in := "A,B,C\r\n1,\"x, y\",3\r\n\r\n4,5,6\n7,\"bad\"x,9\n"
	var got []string
	n, bad, err := SplitRecords(strings.NewReader(in), func(f [][]byte) {
		parts := make([]string, len(f))
		for i := range f {
			parts[i] = string(f[i])
		}
		got = append(got, strings.Join(parts, "|"))
	})
	want := []string{"A|B|C", "1|x, y|3", "4|5|6"}
	if err != nil || n != 3 || bad != 1 || strings.Join(got, ";") != strings.Join(want, ";") {
		t.Fatalf("records %d bad %d err %v: %q, want %q", n, bad, err, got, want)
	}
}

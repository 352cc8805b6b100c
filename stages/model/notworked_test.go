package model

import "testing"

// NotWorked narrows CameBack's search for on-call periods; it must never leave one out.
func TestNotWorked(t *testing.T) {
	w, oc := Span{Kind: SpanWorked}, Span{Kind: SpanOnCall}
	for _, tc := range []struct {
		name  string
		spans []Span
		want  int // len of the result, which is always a tail of spans
	}{
		{"worked then on-call: the on-call tail", []Span{w, w, oc, oc}, 2},
		{"only worked: nothing to search", []Span{w, w}, 0},
		{"only on-call: all", []Span{oc, oc}, 2},
		{"out of kind order: all", []Span{w, oc, w}, 3},
		{"none", nil, 0},
	} {
		got := NotWorked(tc.spans)
		if len(got) != tc.want || (len(got) > 0 && &got[len(got)-1] != &tc.spans[len(tc.spans)-1]) {
			t.Errorf("%s: got %d spans, want the last %d", tc.name, len(got), tc.want)
		}
	}
}

package spill

import (
	"bytes"
	"cmp"
	"math"
	"strings"
	"testing"
	"unsafe"
)

// Keys of AppendString and AppendInt fields compare, byte for byte, as the fields do one after the
// other (a string before the strings it is a prefix of, NUL bytes included; negative numbers
// before zero before positive), and CutString and CutInt read the fields back.
func FuzzKeyOrder(f *testing.F) {
	for _, c := range []struct {
		a1     string
		n1     int64
		a2, b1 string
		n2     int64
		b2     string
	}{
		{"", 0, "", "", 0, ""},
		{"a", 1, "x", "a", 1, "x"},
		{"a", 0, "", "ab", 0, ""},
		{"a", 0, "z", "a\x00", 0, ""},
		{"a\x00", 0, "", "a\x01", 0, ""},
		{"a\x00b", -1, "", "a\x00", 1, ""},
		{"\x00", 0, "\xff", "", 0, "\x00\x00"},
		{"a", -1, "", "a", 0, ""},
		{"a", math.MinInt64, "", "a", math.MaxInt64, ""},
		{"a", -2, "b", "a", -2, "a"},
		{"10000004", 20406, "x", "1000000", 20406, "x"},
	} {
		f.Add(c.a1, c.n1, c.a2, c.b1, c.n2, c.b2)
	}
	f.Fuzz(func(t *testing.T, a1 string, n1 int64, a2, b1 string, n2 int64, b2 string) {
		key := func(s1 string, n int64, s2 string) []byte {
			return AppendString(AppendInt(AppendString(nil, s1), n), s2)
		}
		ka, kb := key(a1, n1, a2), key(b1, n2, b2)
		want := cmp.Or(strings.Compare(a1, b1), cmp.Compare(n1, n2), strings.Compare(a2, b2))
		if got := bytes.Compare(ka, kb); got != want {
			t.Fatalf("(%q %d %q) vs (%q %d %q): keys compare %d, fields %d", a1, n1, a2, b1, n2, b2, got, want)
		}
		s1, rest, ok1 := CutString(ka, nil)
		n, rest, ok2 := CutInt(rest)
		s2, rest, ok3 := CutString(rest, nil)
		if !ok1 || !ok2 || !ok3 || string(s1) != a1 || n != n1 || string(s2) != a2 || len(rest) != 0 {
			t.Fatalf("(%q %d %q) read back as (%q %d %q), %d bytes left", a1, n1, a2, s1, n, s2, len(rest))
		}
	})
}

// CutString and CutInt refuse a key cut short or a string without its end.
func TestCutDamaged(t *testing.T) {
	k := AppendString(nil, "a\x00b")
	for i := range len(k) {
		if _, _, ok := CutString(k[:i], nil); ok {
			t.Errorf("CutString(%q) ok", k[:i])
		}
	}
	if _, _, ok := CutString([]byte("a\x00\x02"), nil); ok {
		t.Error("CutString took an unknown escape")
	}
	if _, _, ok := CutInt(AppendInt(nil, 5)[:7]); ok {
		t.Error("CutInt took 7 bytes")
	}
}

// Fields reads back what was appended, keeps a string that did not change, and after a missing
// field reads nothing more and is not Done.
func TestFields(t *testing.T) {
	rec := AppendInt(AppendString(AppendString(nil, "a\x00b"), "same"), -7)
	kept := "same"
	var first string
	f := NewFields(rec)
	f.String(&first)
	before := unsafe.StringData(kept)
	f.String(&kept)
	if n := f.Int(); n != -7 || first != "a\x00b" || !f.Done() {
		t.Fatalf("read %q, %d; done %v", first, n, f.Done())
	}
	if unsafe.StringData(kept) != before {
		t.Error("an unchanged string was allocated again")
	}
	for i := range len(rec) {
		f := NewFields(rec[:i])
		var a, b string
		f.String(&a)
		f.String(&b)
		f.Int()
		if f.Done() {
			t.Errorf("a record cut to %d bytes read as whole", i)
		}
	}
	g := NewFields(AppendInt(rec, 1))
	var a, b string
	g.String(&a)
	g.String(&b)
	g.Int()
	if g.Done() {
		t.Error("a field left over was not noticed")
	}
}

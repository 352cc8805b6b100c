package share

import (
	"reflect"
	"testing"
	"unsafe"
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

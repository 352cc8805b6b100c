package strtab

import (
	"fmt"
	"strings"
	"testing"
)

// Every pair added is found again with its value, also after the table grew; equal strings at
// other addresses, and a prefix of a string at the same address, are other pairs.
func TestPairsFindsEveryPairByAddress(t *testing.T) {
	var tab Pairs[int]
	as, bs := make([]string, 40), make([]string, 300)
	for i := range as {
		as[i] = strings.Clone(fmt.Sprintf("CODE%d", i))
	}
	for i := range bs {
		bs[i] = strings.Clone(fmt.Sprintf("100/ACCT/%d", i))
	}
	for i := range as {
		for j := range bs {
			v, found := tab.Find(as[i], bs[j])
			if found || *v != 0 {
				t.Fatalf("pair %d,%d there before it was added", i, j)
			}
			*v = i*1000 + j + 1
		}
	}
	for i := range as {
		for j := range bs {
			if v, found := tab.Find(as[i], bs[j]); !found || *v != i*1000+j+1 {
				t.Fatalf("pair %d,%d: %v %d", i, j, found, *v)
			}
		}
	}
	if _, found := tab.Find(strings.Clone(as[0]), bs[0]); found {
		t.Fatal("a copy of a string at another address found a pair")
	}
	if _, found := tab.Find(as[0][:3], bs[0]); found {
		t.Fatal("a prefix at the same address found a pair")
	}
	if want := len(as)*len(bs) + 2; tab.Len() != want || 2*tab.Len() > len(tab.slots) {
		t.Fatalf("%d pairs (want %d) in %d slots", tab.Len(), want, len(tab.slots))
	}
}

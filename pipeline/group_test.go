package pipeline

import (
	"math/rand"
	"sort"
	"strconv"
	"testing"

	"github.com/payclose/payclose/stages/model"
)

// groupByEmployee must give exactly what a stable sort by first appearance gives, for any order.
func TestGroupByEmployeeEqualsStableSort(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	for trial := 0; trial < 200; trial++ {
		n := rng.Intn(300)
		emps := 1 + rng.Intn(40)
		rows := make([]model.Punch, n)
		for i := range rows {
			rows[i] = model.Punch{Line: int32(i + 2), Employee: strconv.Itoa(100 + rng.Intn(emps))}
		}
		want := append([]model.Punch(nil), rows...)
		idx := map[string]int{}
		for _, p := range want {
			if _, ok := idx[p.Employee]; !ok {
				idx[p.Employee] = len(idx)
			}
		}
		sort.SliceStable(want, func(i, j int) bool { return idx[want[i].Employee] < idx[want[j].Employee] })
		groupByEmployee(rows)
		for i := range rows {
			if rows[i].Line != want[i].Line {
				t.Fatalf("trial %d: row %d is line %d, want line %d", trial, i, rows[i].Line, want[i].Line)
			}
		}
	}
}

package pipeline

import "github.com/payclose/payclose/stages/model"

// groupByEmployee reorders punch rows so that each employee's rows are contiguous, employees in
// order of first appearance and rows of one employee in file order: the order a streaming pass
// would have seen in a grouped export. It is a counting sort applied in place by following the
// permutation's cycles, so it is linear in the rows, looks each id up once, and needs 8 bytes a
// row of scratch rather than a second copy of the rows (a punch is over 100 bytes, and an export
// read into memory is already the largest thing the close holds).
func groupByEmployee(all []model.Punch) {
	if len(all) < 2 {
		return
	}
	first := make(map[string]int32, 1024) // id -> group, in order of first appearance
	key := make([]int32, len(all))
	for i := range all {
		g, ok := first[all[i].Employee]
		if !ok {
			g = int32(len(first))
			first[all[i].Employee] = g
		}
		key[i] = g
	}
	// start[g] is where group g begins; dest[i] where row i goes (stable within a group).
	start := make([]int32, len(first)+1)
	for _, g := range key {
		start[g+1]++
	}
	for g := 1; g < len(start); g++ {
		start[g] += start[g-1]
	}
	dest := key // reuse: key[i] is read once, just before dest[i] is written
	for i, g := range key {
		dest[i] = start[g]
		start[g]++
	}
	// Apply the permutation in place: each cycle moves its rows along once.
	for i := range all {
		for int(dest[i]) != i {
			j := dest[i]
			all[i], all[j] = all[j], all[i]
			dest[i], dest[j] = dest[j], dest[i]
		}
	}
}

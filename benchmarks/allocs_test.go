package benchmarks

import "testing"

// TestAssembleAndRulesAllocs measures the average allocations of one employee-week of assemble +
// rules over 2000 generated employees, after one warm-up pass (a worker's scratch memory grows
// during its first batch and is reused after). The target is 0.
//
// Measured when written (2026-11, SHARE-only default mix, seed 1): 0 for clean weeks; 0.004 per
// employee-week with the default 0.5% bad rows, i.e. 8 allocations per 2000 employees. Those come
// from rejects raised in assemble (an overlap or out-of-week reject builds its Detail string with
// concatenation), so they scale with bad rows, not with employee-weeks. The bounds below are the
// measured values: a change that allocates per employee-week fails here.
func TestAssembleAndRulesAllocs(t *testing.T) {
	for _, tc := range []struct {
		name  string
		clean bool
		max   float64 // allocations per employee-week
	}{
		{"clean week", true, 0},
		{"with 0.5% bad rows", false, 0.005},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := loadWorkloadBad(t, 2000, tc.clean)
			c := newCalculator()
			for i := range w.emps {
				c.employeeWeek(&w.emps[i])
			}
			perPass := testing.AllocsPerRun(5, func() {
				for i := range w.emps {
					c.employeeWeek(&w.emps[i])
				}
			})
			got := perPass / float64(len(w.emps))
			t.Logf("assemble + rules: %.4f allocs per employee-week (%.0f per pass of %d)", got, perPass, len(w.emps))
			if got > tc.max {
				t.Errorf("%.4f allocs per employee-week, the bound is %g", got, tc.max)
			}
		})
	}
}

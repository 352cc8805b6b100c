package pipeline_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/payclose/payclose/pipeline"
	"github.com/payclose/payclose/rates"
)

// Issue 12, defect 2 on the sample: no pay line without a labor account. The university employees'
// Thanksgiving week (holiday benefit and salary continuation, no punch rows) is charged to their
// roster LABORACCOUNT; only 300112, scheduled with no punches and no home account on the roster,
// falls to UNASSIGNED: its salary continuation, 37.5 h × $30.00 in each of the two weeks = $2,250.00.
func TestSampleEveryLineHasALaborAccount(t *testing.T) {
	res, err := pipeline.Run(context.Background(), sampleConfig(t, filepath.Join(t.TempDir(), "out")))
	if err != nil {
		t.Fatal(err)
	}
	if m, ok := res.Totals.ByAccount[""]; ok {
		t.Errorf("$%s of pay lines with an empty labor account", *m)
	}
	if m := res.Totals.ByAccount["UNASSIGNED"]; m == nil || *m != rates.Money(225000) {
		t.Errorf("UNASSIGNED = %v, want $2250.00 (300112's salary continuation)", m)
	}
}

package pipeline_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/payclose/payclose/benchmarks/gen"
	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/pipeline"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/rules/rulestest"
)

// Conservation and invariance at the level of the close, on a generated week of all three rule
// sets: the manifest's gross is the sum of every employee's line amounts computed one employee at
// a time outside the pipeline (rulestest.Close: assemble and the rule family, no files), and
// splitting the export into shards pays, rule set by rule set and pay code by pay code, exactly
// what one run pays. Protects every rule id's lines on their way to the files (FORMATS: the
// manifest totals are what payroll posts).
func TestGeneratedWeekManifestAndShards(t *testing.T) {
	week := calendars.NewDate(2026, time.November, 22) // Thanksgiving: holiday lines of every rule set
	n := 300
	if rulestest.Long() {
		n = 5000
	}
	mix := gen.Mix{{RuleSet: "SHARE", Weight: 40}, {RuleSet: "PSU_NONEXEMPT", Weight: 30}, {RuleSet: "NONUNIT_NONEXEMPT", Weight: 30}}
	const seed = 12
	dir := t.TempDir()
	if _, err := gen.Write(dir, gen.Config{Employees: n, Week: week, Seed: seed, Mix: mix, BadPer10k: -1}); err != nil {
		t.Fatal(err)
	}
	cfg := func(out string) pipeline.Config {
		return pipeline.Config{Punches: filepath.Join(dir, gen.PunchesFile), Roster: filepath.Join(dir, gen.RosterFile),
			Schedule: filepath.Join(dir, gen.ScheduleFile), Week: week, Out: filepath.Join(dir, out)}
	}
	one, err := pipeline.Run(context.Background(), cfg("one"))
	if err != nil {
		t.Fatal(err)
	}
	var sum int64
	for _, p := range rulestest.Generate(t, week, n, seed, mix) {
		sum += rulestest.Close(t, p, week, nil).Gross()
	}
	if got := one.Manifest.Totals.Gross; got != rates.Money(sum).String() {
		t.Errorf("manifest gross %s, the employees' lines add up to %s", got, rates.Money(sum))
	}

	byCode := map[string]int64{}
	var gross int64
	for i := 0; i < 3; i++ {
		c := cfg("shard" + string(rune('a'+i)))
		c.Shard, c.Shards = i, 3
		res, err := pipeline.Run(context.Background(), c)
		if err != nil {
			t.Fatal(err)
		}
		gross += int64(res.Totals.Gross)
		for rs, codes := range res.Totals.ByRuleSet {
			for code, tot := range codes {
				byCode[rs+" "+code] += int64(tot.Amount)
			}
		}
	}
	if gross != int64(one.Totals.Gross) {
		t.Errorf("three shards pay %s, one run %s", rates.Money(gross), one.Totals.Gross)
	}
	for rs, codes := range one.Totals.ByRuleSet {
		for code, tot := range codes {
			if byCode[rs+" "+code] != int64(tot.Amount) {
				t.Errorf("%s %s: shards pay %s, one run %s", rs, code, rates.Money(byCode[rs+" "+code]), tot.Amount)
			}
		}
	}
	t.Logf("%d employees, gross %s", n, one.Manifest.Totals.Gross)
}

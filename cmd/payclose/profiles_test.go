package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/emit"
	"github.com/shopspring/decimal"
)

type manifestView struct {
	RunID  string `json:"run_id"`
	Inputs []struct {
		Name, Path, SHA256 string
	} `json:"inputs"`
	Totals struct {
		GrossByRuleSet map[string]map[string]string `json:"gross_by_rule_set"`
		HoursByPayCode map[string]string            `json:"hours_by_pay_code"`
	} `json:"totals"`
}

// readManifest reads the manifest of the one run in the ledger at dir.
func readManifest(t *testing.T, dir string) manifestView {
	t.Helper()
	x, err := emit.ReadIndex(dir)
	if err != nil || len(x.Runs) != 1 {
		t.Fatalf("ledger %s: %v, %d runs", dir, err, len(x.Runs))
	}
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(x.Runs[0].Manifest.Path)))
	if err != nil {
		t.Fatal(err)
	}
	var m manifestView
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

// --profiles DIR: an analyst raises SHARE's evening differential from $2.00 to $3.00 in a copy of
// the profiles, without a rebuild. The sample weeks' DIFF_EVE pay rises by exactly $1.00 per
// evening hour (SHARE-SHIFT-03: "$2.00 per hour" is now $3.00), nothing else of SHARE's straight
// pay moves, and the manifest names the profile set by its hash, which is in the run id too.
func TestProfilesDir(t *testing.T) {
	dir := t.TempDir()
	prof := filepath.Join(dir, "profiles")
	if err := os.MkdirAll(prof, 0o755); err != nil {
		t.Fatal(err)
	}
	src := filepath.Join("..", "..", "rates", "profiles")
	files, _ := filepath.Glob(filepath.Join(src, "*.json"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if filepath.Base(f) == "share-2018.json" {
			if !strings.Contains(string(b), `"evening": "2.00",`) {
				t.Fatal("share-2018.json no longer has evening 2.00")
			}
			b = []byte(strings.Replace(string(b), `"evening": "2.00",`, `"evening": "3.00",`, 1))
		}
		if err := os.WriteFile(filepath.Join(prof, filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if code, _, errs := runCLI(t, "run", "--sample", "--out", filepath.Join(dir, "base")); code != exitRejects {
		t.Fatalf("base run: exit %d\n%s", code, errs)
	}
	if code, _, errs := runCLI(t, "run", "--sample", "--profiles", prof, "--out", filepath.Join(dir, "raised")); code != exitRejects {
		t.Fatalf("--profiles run: exit %d\n%s", code, errs)
	}
	base, raised := readManifest(t, filepath.Join(dir, "base")), readManifest(t, filepath.Join(dir, "raised"))

	dec := func(s string) decimal.Decimal { d, _ := decimal.NewFromString(s); return d }
	eveHours := dec(raised.Totals.HoursByPayCode["DIFF_EVE"])
	if eveHours.IsZero() {
		t.Fatal("the sample has no evening hours: the test cannot tell the profiles apart")
	}
	got := dec(raised.Totals.GrossByRuleSet["SHARE"]["DIFF_EVE"]).Sub(dec(base.Totals.GrossByRuleSet["SHARE"]["DIFF_EVE"]))
	if !got.Equal(eveHours) {
		t.Errorf("DIFF_EVE rose by %s for %s evening hours; want $1.00 per hour", got, eveHours)
	}
	if a, b := base.Totals.GrossByRuleSet["SHARE"]["REG"], raised.Totals.GrossByRuleSet["SHARE"]["REG"]; a != b {
		t.Errorf("REG changed from %s to %s", a, b)
	}

	reg, err := rates.LoadDir(prof)
	if err != nil {
		t.Fatal(err)
	}
	profilesInput := func(m manifestView) (path, sum string) {
		for _, in := range m.Inputs {
			if in.Name == "profiles" {
				return in.Path, in.SHA256
			}
		}
		t.Fatal("the manifest has no profiles input")
		return "", ""
	}
	if p, sum := profilesInput(raised); p != prof || sum != reg.Hash() {
		t.Errorf("manifest profiles input %s %s; want %s %s", p, sum, prof, reg.Hash())
	}
	if p, sum := profilesInput(base); p != "rates/profiles" || sum != rates.Default.Hash() {
		t.Errorf("base manifest profiles input %s %s", p, sum)
	}
	if base.RunID == raised.RunID {
		t.Error("other profiles, same run id")
	}

	// A misspelled key in the directory stops the run before it reads any input.
	b, _ := os.ReadFile(filepath.Join(prof, "share-2018.json"))
	os.WriteFile(filepath.Join(prof, "share-2018.json"), []byte(strings.Replace(string(b), `"night":`, `"nigth":`, 1)), 0o644)
	code, _, errs := runCLI(t, "run", "--sample", "--profiles", prof, "--out", filepath.Join(dir, "bad"))
	if code == 0 || code == exitRejects || !strings.Contains(errs, `"nigth"`) || !strings.Contains(errs, "share-2018.json") {
		t.Errorf("misspelled key: exit %d\n%s", code, errs)
	}
}

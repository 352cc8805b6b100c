package pipeline

import (
	"path/filepath"
	"slices"
	"testing"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/stages/emit/emittest"
	"github.com/payclose/payclose/stages/model"
)

// adjust makes one row per changed grain and its check fails when the adjustments do not add up
// to the employee's new − paid gross (here a paid gross that disagrees with the paid lines).
func TestAdjustRowsAndCheck(t *testing.T) {
	week := calendars.NewDate(2026, 11, 15)
	k := payKey{"E1", "2026-11-17", "OT", "SHARE-OT-B", "A"}
	same := payKey{"E1", "2026-11-16", "REG", "SHARE-REG", "A"}
	prior := &weekLines{lines: map[payKey]*payAgg{k: {ruleSet: "SHARE", minutes: 180, hours: 30000, amount: 9180, rate: 306000},
		same: {ruleSet: "SHARE", minutes: 480, hours: 80000, amount: 16320, rate: 204000}}, gross: map[string]int64{"E1": 25500}}
	now := &weekLines{lines: map[payKey]*payAgg{k: {ruleSet: "SHARE", minutes: 300, hours: 50000, amount: 15300, rate: 306000},
		same: {ruleSet: "SHARE", minutes: 480, hours: 80000, amount: 16320, rate: 204000}}, gross: map[string]int64{"E1": 31620}}
	rows, c := adjust(week, prior, now, "r1", "r2")
	// 5 h − 3 h of overtime at $30.60 = $61.20; the unchanged REG line makes no row.
	if len(rows) != 1 || rows[0].DeltaAmount() != 6120 || rows[0].DeltaMinutes() != 120 || rows[0].Change != "CHANGED" ||
		rows[0].DeltaHours != 20000 || !c.OK || c.Adjustments != "61.20" || c.PaidGross != "255.00" || c.NewGross != "316.20" {
		t.Fatalf("rows %+v, correction %+v", rows, c)
	}
	prior.gross["E1"] = 25400 // paid a dollar less than the paid lines say
	if _, c := adjust(week, prior, now, "r1", "r2"); c.OK {
		t.Errorf("a correction whose adjustments do not equal new − paid passed: %+v", c)
	}
}

// The gross of the employees whose lines did not change comes as one sum on each side
// (weekLines.others): it counts in the paid and new gross, and a difference between the two sums
// that no adjustment explains fails the check.
func TestAdjustCountsTheUnchangedEmployeesGross(t *testing.T) {
	week := calendars.NewDate(2026, 11, 15)
	k := payKey{"E1", "2026-11-17", "OT", "SHARE-OT-B", "A"}
	prior := &weekLines{lines: map[payKey]*payAgg{k: {ruleSet: "SHARE", minutes: 180, amount: 9180}}, gross: map[string]int64{"E1": 9180}, others: 100000}
	now := &weekLines{lines: map[payKey]*payAgg{k: {ruleSet: "SHARE", minutes: 300, amount: 15300}}, gross: map[string]int64{"E1": 15300}, others: 100000}
	_, c := adjust(week, prior, now, "r1", "r2")
	if !c.OK || c.PaidGross != "1091.80" || c.NewGross != "1153.00" || c.Adjustments != "61.20" || c.EmployeesChanged != 1 {
		t.Fatalf("correction %+v", c)
	}
	now.others = 100100 // a dollar more for employees no adjustment names
	if _, c := adjust(week, prior, now, "r1", "r2"); c.OK {
		t.Errorf("a gross difference outside the adjustments passed: %+v", c)
	}
}

// writeLines writes lines as a pay_lines file and returns its path.
func writeLines(t *testing.T, lines []model.PayLine) string {
	path := filepath.Join(t.TempDir(), "p.parquet")
	emittest.WritePayLines(t, path, lines)
	return path
}

// An employee's fingerprint does not depend on the order of their lines, and changes when any
// field a correction compares changes, text moved from one field to the next included.
func TestFingerprintsSeeEveryField(t *testing.T) {
	base := []model.PayLine{
		{Employee: "E1", RuleSet: "SHARE", WorkDate: 20400, PayCode: "REG", Seconds: 28800, Rate: 306000, Amount: 24480, RuleID: "SHARE-REG", Account: "A/B"},
		{Employee: "E1", RuleSet: "SHARE", WorkDate: 20401, PayCode: "OT", Seconds: 3600, Rate: 459000, Amount: 4590, RuleID: "SHARE-OT-B", Account: "A/B"},
	}
	print1 := func(lines []model.PayLine) linePrint {
		fp, err := fingerprints([]string{writeLines(t, lines)})
		if err != nil || fp["E1"] == nil {
			t.Fatalf("%v, %v", fp, err)
		}
		return *fp["E1"]
	}
	want := print1(base)
	if got := print1([]model.PayLine{base[1], base[0]}); got != want {
		t.Errorf("lines in another order: %+v, want %+v", got, want)
	}
	for name, edit := range map[string]func(*model.PayLine){
		"rule set": func(l *model.PayLine) { l.RuleSet = "PSU_NONEXEMPT" },
		"date":     func(l *model.PayLine) { l.WorkDate++ },
		"pay code": func(l *model.PayLine) { l.PayCode = "RE" },
		"text moved from pay code to rule": func(l *model.PayLine) {
			l.PayCode, l.RuleID = "RE", "GSHARE-REG"
		},
		"minutes": func(l *model.PayLine) { l.Seconds += 60 },
		"rate":    func(l *model.PayLine) { l.Rate++ },
		"amount":  func(l *model.PayLine) { l.Amount++ },
		"account": func(l *model.PayLine) { l.Account = "A/C" },
	} {
		lines := slices.Clone(base)
		edit(&lines[0])
		if got := print1(lines); got == want {
			t.Errorf("%s changed: the same fingerprint", name)
		}
	}
}

package emit

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestManifestJSON(t *testing.T) {
	m := &Manifest{
		RunID:      "9c1e",
		Version:    "0.1.0",
		WeekStarts: []string{"2024-01-07"},
		RuleSets:   []string{"PSU_NONEXEMPT", "SHARE"},
		Inputs: []Input{{Name: "punches", Path: "in/punches.csv", SHA256: "ab", Bytes: 120, Rows: 3,
			LinesRead: 5, BytesRead: 120, HeaderLines: 1, BlankLines: 1, LinesAccepted: 2, LinesRejected: 1}},
		Outputs: []Output{{Path: "pay_lines/week_start=2024-01-07/part-00000.parquet", Rows: 5, Bytes: 2048, SHA256: "cd"}},
		Totals: Totals{
			Employees: 2, PayLines: 5, Gross: "1304.50",
			GrossByRuleSet: map[string]map[string]string{"SHARE": {"REG": "1000.00", "OT": "300.00"}, "PSU_NONEXEMPT": {"REG": "4.50"}},
			HoursByPayCode: map[string]string{"REG": "40.0000", "OT": "6.0000"},
		},
		Reconciliation: Reconciliation{InputHours: "47.5000", PaidHours: "45.5000", RejectedHours: "1.5000", DeductedHours: "0.5000", AddedHours: "0.0000",
			StandbyHours: "0.0000", OK: true},
		RejectsByReason: map[string]int64{"MISSING_OUT_PUNCH": 1},
	}
	want := `{
  "run_id": "9c1e",
  "version": "0.1.0",
  "week_starts": [
    "2024-01-07"
  ],
  "rule_sets": [
    "PSU_NONEXEMPT",
    "SHARE"
  ],
  "inputs": [
    {
      "name": "punches",
      "path": "in/punches.csv",
      "sha256": "ab",
      "bytes": 120,
      "rows": 3,
      "lines_read": 5,
      "bytes_read": 120,
      "header_lines": 1,
      "blank_lines": 1,
      "lines_accepted": 2,
      "lines_rejected": 1
    }
  ],
  "outputs": [
    {
      "path": "pay_lines/week_start=2024-01-07/part-00000.parquet",
      "rows": 5,
      "bytes": 2048,
      "sha256": "cd"
    }
  ],
  "totals": {
    "employees": 2,
    "pay_lines": 5,
    "gross": "1304.50",
    "gross_by_rule_set": {
      "PSU_NONEXEMPT": {
        "REG": "4.50"
      },
      "SHARE": {
        "OT": "300.00",
        "REG": "1000.00"
      }
    },
    "hours_by_pay_code": {
      "OT": "6.0000",
      "REG": "40.0000"
    }
  },
  "reconciliation": {
    "input_hours": "47.5000",
    "paid_hours": "45.5000",
    "rejected_hours": "1.5000",
    "deducted_hours": "0.5000",
    "added_hours": "0.0000",
    "standby_hours": "0.0000",
    "rejected_rows_unknown_hours": 0,
    "ok": true
  },
  "rejects_by_reason": {
    "MISSING_OUT_PUNCH": 1
  },
  "exceptions_by_code": {}
}
`
	path := filepath.Join(t.TempDir(), "manifest.json")
	if err := WriteManifest(path, m); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("manifest.json:\n%s\nwant:\n%s", got, want)
	}
	if m.ExceptionsByCode != nil {
		t.Error("WriteManifest modified the caller's manifest")
	}
}

func TestEmptyManifestHasNoNulls(t *testing.T) {
	b, err := MarshalManifest(&Manifest{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "null") {
		t.Errorf("empty manifest contains null:\n%s", b)
	}
}

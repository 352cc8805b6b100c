package emit

import (
	"encoding/json"
	"fmt"
	"os"
)

// Manifest is manifest.json: what a run read, what it wrote, and the totals a person checks before
// paying. The pipeline fills it. Key order in the file is the field order here; maps are written
// with sorted keys (encoding/json), so the file is byte-identical for the same run. It holds no
// wall-clock time: the run id (a hash of the inputs) identifies the run.
//
// Money and hours are decimal strings ("1234.50", "7.5000"), never JSON numbers, so no reader
// turns them into floats.
type Manifest struct {
	RunID      string   `json:"run_id"`
	Version    string   `json:"version"`
	WeekStarts []string `json:"week_starts"` // YYYY-MM-DD, ascending
	RuleSets   []string `json:"rule_sets"`
	// Profiles are the rule-set versions in force on some day of the weeks closed, for the rule
	// sets the run paid: the numbers the pay came from, by file and content hash.
	Profiles         []ProfileVersion `json:"profiles,omitempty"`
	Inputs           []Input          `json:"inputs"`
	Outputs          []Output         `json:"outputs"`
	Totals           Totals           `json:"totals"`
	Reconciliation   Reconciliation   `json:"reconciliation"`
	RejectsByReason  map[string]int64 `json:"rejects_by_reason"`
	ExceptionsByCode map[string]int64 `json:"exceptions_by_code"`
	// Shard is "i/N" for a sharded close.
	Shard string `json:"shard,omitempty"`
	// PayWeek is the week the adjustments of a correction are paid in (--pay-week).
	PayWeek string `json:"pay_week,omitempty"`
	// ExceptionsByStatus counts exceptions OPEN, APPROVED and DENIED when approvals were given.
	ExceptionsByStatus map[string]int64 `json:"exceptions_by_status,omitempty"`
	// Corrections has one entry per week this run re-closed (a week the ledger already held).
	Corrections []Correction `json:"corrections,omitempty"`
	// BalancesKnown: the close's opening balances were given, by balances.csv or by a closed
	// previous week whose own were known; false, its banks started from zero and the rules that
	// may pay only what a bank holds (SHARE-PTO-19) paid time off as entered. A later week that
	// opens from this one's closing balances inherits it.
	BalancesKnown bool `json:"balances_known,omitempty"`
	// OffCycleChecks are the employees whose corrections in this run come to an amount the rule
	// set pays by a check of its own rather than in the pay week (SHARE-WAGE-09).
	OffCycleChecks []OffCycleCheck `json:"off_cycle_checks,omitempty"`
}

// ProfileVersion is one rule-set version a run used.
type ProfileVersion struct {
	RuleSet string `json:"rule_set"`
	InForce string `json:"in_force_from"`
	File    string `json:"file"`
	SHA256  string `json:"sha256"`
}

// OffCycleCheck is one employee's small correction, paid by a separate check.
type OffCycleCheck struct {
	Employee string `json:"employee_id"`
	RuleSet  string `json:"rule_set"`
	Amount   string `json:"amount"`
	RuleID   string `json:"rule_id"`
	Due      string `json:"due"`
}

// Correction is the check of one re-closed week: what was paid (the ledger's current lines before
// this run), what it comes to now, and the adjustment lines between them. OK says the
// adjustments add up to new − paid for every employee, to the cent; a run where they do not
// writes nothing.
type Correction struct {
	Week             string `json:"week"`
	PriorRunID       string `json:"prior_run_id"`
	PaidGross        string `json:"paid_gross"`
	NewGross         string `json:"new_gross"`
	Adjustments      string `json:"adjustments"`
	AdjustmentRows   int64  `json:"adjustment_rows"`
	EmployeesChanged int64  `json:"employees_changed"`
	OK               bool   `json:"ok"`
}

// Input is one file the run read.
type Input struct {
	Name   string `json:"name"` // role, e.g. punches, roster
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
	Bytes  int64  `json:"bytes"`
	Rows   int64  `json:"rows"` // data rows, header excluded
	// Line accounting, checked every run: lines_read = header_lines + blank_lines +
	// lines_accepted + lines_rejected (a row is one physical line).
	LinesRead      int64    `json:"lines_read"`
	BytesRead      int64    `json:"bytes_read"`
	HeaderLines    int64    `json:"header_lines"`
	BlankLines     int64    `json:"blank_lines"`
	LinesAccepted  int64    `json:"lines_accepted"`
	LinesRejected  int64    `json:"lines_rejected"`
	UnknownColumns []string `json:"unknown_columns,omitempty"` // header columns ignored (a warning)
	AllowedEmpty   bool     `json:"allowed_empty,omitempty"`   // closed without data by --allow-empty
}

// Totals are the run's sums, by the keys payroll posts them under.
type Totals struct {
	Employees int64  `json:"employees"`
	PayLines  int64  `json:"pay_lines"`
	Gross     string `json:"gross"`
	// GrossByRuleSet is rule set -> pay code -> amount.
	GrossByRuleSet map[string]map[string]string `json:"gross_by_rule_set"`
	HoursByPayCode map[string]string            `json:"hours_by_pay_code"`
}

// Reconciliation is the every-run check input hours = paid hours + rejected hours.
type Reconciliation struct {
	InputHours    string `json:"input_hours"`
	PaidHours     string `json:"paid_hours"`
	RejectedHours string `json:"rejected_hours"`
	// DeductedHours is punched time the contract does not pay (an unpunched meal deducted from a
	// long shift): input = paid + deducted + rejected.
	DeductedHours string `json:"deducted_hours"`
	// AddedHours is unpunched time the contract pays as worked (a short punched break): input +
	// added = paid + deducted + rejected.
	AddedHours string `json:"added_hours"`
	// StandbyHours is accepted on-call standby time: in the input, not worked, so not on the paid
	// side (input + added = paid + deducted + rejected + standby).
	StandbyHours string `json:"standby_hours"`
	// RejectedUnknownHours counts rejected rows whose hours could not be read: their hours are
	// unknown, not 0, and not in rejected_hours.
	RejectedUnknownHours int64 `json:"rejected_rows_unknown_hours"`
	OK                   bool  `json:"ok"`
}

// MarshalManifest renders m as indented JSON with a final newline. Absent lists and maps are
// written as [] and {} rather than null, so readers need no special case.
func MarshalManifest(m *Manifest) ([]byte, error) {
	c := *m
	c.WeekStarts = orEmpty(c.WeekStarts)
	c.RuleSets = orEmpty(c.RuleSets)
	c.Inputs = orEmpty(c.Inputs)
	c.Outputs = orEmpty(c.Outputs)
	c.RejectsByReason = orEmptyMap(c.RejectsByReason)
	c.ExceptionsByCode = orEmptyMap(c.ExceptionsByCode)
	c.Totals.GrossByRuleSet = orEmptyMap(c.Totals.GrossByRuleSet)
	c.Totals.HoursByPayCode = orEmptyMap(c.Totals.HoursByPayCode)
	b, err := json.MarshalIndent(&c, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("manifest: %w", err)
	}
	return append(b, '\n'), nil
}

// WriteManifest writes m to path (normally a Staging path; Commit makes it durable).
func WriteManifest(path string, m *Manifest) error {
	b, err := MarshalManifest(m)
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		return fmt.Errorf("manifest: %w", err)
	}
	return nil
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func orEmptyMap[K comparable, V any](m map[K]V) map[K]V {
	if m == nil {
		return map[K]V{}
	}
	return m
}

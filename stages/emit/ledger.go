package emit

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
)

// IndexFile is the ledger index, OUT/manifest.json.
const IndexFile = "manifest.json"

// Index is the ledger index: for every week in the output directory, the run current for it
// with its files (sha256 included), and the runs it superseded; every run's own manifest; the
// adjustment files by the week they are paid in. It is replaced (never edited) by each commit.
type Index struct {
	Ledger      int               `json:"ledger"` // format version of the index
	Weeks       []WeekEntry       `json:"weeks"`  // ascending week_start
	Adjustments []AdjustmentEntry `json:"adjustments"`
	Runs        []RunEntry        `json:"runs"` // in commit order
	// Report is report.html at the top of the ledger: a copy of the latest run's report
	// (runs/<run_id>/report.html), replaced by each commit.
	Report *Output `json:"report,omitempty"`
}

// LedgerVersion is the index format this build writes.
const LedgerVersion = 1

// WeekEntry is one closed week.
type WeekEntry struct {
	WeekStart string `json:"week_start"`
	Shards    int    `json:"shards"`
	// Closed is true when every shard's run is current (always, unsharded).
	Closed     bool       `json:"closed"`
	Current    []RunFiles `json:"current"`    // one per shard, by shard
	Superseded []RunFiles `json:"superseded"` // oldest first; never deleted
}

// RunFiles is what one run wrote for one week: its pay-line and accrual files. Paths are relative
// to the ledger directory and follow the files when they are superseded.
type RunFiles struct {
	RunID        string   `json:"run_id"`
	Shard        int      `json:"shard"`
	Files        []Output `json:"files"`
	SupersededBy string   `json:"superseded_by,omitempty"`
	// BalancesKnown is the run's Manifest.BalancesKnown: whether the closing balances in Files
	// rest on opening balances that were given.
	BalancesKnown bool `json:"balances_known,omitempty"`
}

// AdjustmentEntry is one run's adjustment file(s) paid in PayWeek.
type AdjustmentEntry struct {
	PayWeek        string   `json:"pay_week"`
	RunID          string   `json:"run_id"`
	CorrectedWeeks []string `json:"corrected_weeks"`
	Files          []Output `json:"files"`
}

// RunEntry is a committed run and its own manifest (runs/<run_id>/manifest.json).
type RunEntry struct {
	RunID    string   `json:"run_id"`
	Weeks    []string `json:"weeks"`
	Shard    int      `json:"shard"`
	Shards   int      `json:"shards"`
	PayWeek  string   `json:"pay_week,omitempty"`
	Manifest Output   `json:"manifest"`
	Reports  []Output `json:"reports"`
}

// Week returns the entry of week (YYYY-MM-DD), or nil.
func (x *Index) Week(week string) *WeekEntry {
	for i := range x.Weeks {
		if x.Weeks[i].WeekStart == week {
			return &x.Weeks[i]
		}
	}
	return nil
}

// Run returns the entry of a run id, or nil.
func (x *Index) Run(id string) *RunEntry {
	for i := range x.Runs {
		if x.Runs[i].RunID == id {
			return &x.Runs[i]
		}
	}
	return nil
}

// ErrNotLedger marks an output directory whose manifest.json is not a ledger index (the output of
// an earlier payclose, or another program's).
var ErrNotLedger = errors.New("not a payclose ledger")

// ReadIndex reads OUT/manifest.json; a directory without one is an empty ledger.
func ReadIndex(outDir string) (*Index, error) {
	b, err := os.ReadFile(filepath.Join(outDir, IndexFile))
	if errors.Is(err, fs.ErrNotExist) {
		return &Index{Ledger: LedgerVersion}, nil
	}
	if err != nil {
		return nil, err
	}
	return ParseIndex(b)
}

// ParseIndex parses a ledger index; anything else is ErrNotLedger.
func ParseIndex(b []byte) (*Index, error) {
	var x Index
	dec := json.NewDecoder(bytes.NewReader(b))
	if err := dec.Decode(&x); err != nil {
		return nil, fmt.Errorf("%s: %w", IndexFile, err)
	}
	if x.Ledger == 0 {
		return nil, fmt.Errorf("%s: %w (no \"ledger\" version)", IndexFile, ErrNotLedger)
	}
	if x.Ledger > LedgerVersion {
		return nil, fmt.Errorf("%s: ledger version %d is newer than this payclose (%d)", IndexFile, x.Ledger, LedgerVersion)
	}
	return &x, nil
}

// MarshalIndex renders the index as indented JSON with a final newline, empty lists as [].
func MarshalIndex(x *Index) ([]byte, error) {
	c := *x
	c.Weeks = orEmpty(c.Weeks)
	c.Adjustments = orEmpty(c.Adjustments)
	c.Runs = orEmpty(c.Runs)
	for i := range c.Weeks {
		c.Weeks[i].Current = orEmpty(c.Weeks[i].Current)
		c.Weeks[i].Superseded = orEmpty(c.Weeks[i].Superseded)
	}
	b, err := json.MarshalIndent(&c, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("ledger index: %w", err)
	}
	return append(b, '\n'), nil
}

// HashFile is the sha256 (hex) and size of a file.
func HashFile(path string) (string, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", 0, err
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// VerifyFile checks that dir/o.Path has the sha256 the index or manifest lists for it.
func VerifyFile(dir string, o Output) error {
	sum, _, err := HashFile(filepath.Join(dir, filepath.FromSlash(o.Path)))
	if err != nil {
		return fmt.Errorf("%s: %w", o.Path, err)
	}
	if sum != o.SHA256 {
		return fmt.Errorf("%s: sha256 %s, but the manifest lists %s: the file was changed or replaced", o.Path, sum, o.SHA256)
	}
	return nil
}

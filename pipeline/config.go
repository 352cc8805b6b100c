// Package pipeline runs the weekly close as stages connected by bounded channels:
//
//	read punches ─► group by employee ─► calculate (worker pool) ─► reorder ─► write Parquet
//
// Data flows one way. The reader groups the Kronos export (sorted by employee, the export's normal
// order) into batches of employees; workers assemble each employee's weeks and run the rule family
// of their rule set; the writer puts batches back in input order so the output is the same for any
// number of workers, and streams pay lines into Parquet. Memory is bounded by the batches in flight.
// Everything is written under a staging directory that is swapped into place at the end, after the
// reconciliation passed.
package pipeline

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
)

// Config is one run's inputs and settings.
type Config struct {
	Punches  string // Kronos timecard detail export (required)
	Roster   string // roster.csv (required)
	Schedule string // schedule.csv (required)
	OnCall   string // optional extra file of ON CALL rows in the punches format
	Balances string // optional opening balances
	Previous string // optional previous run's output directory (opening balances from its accruals)
	// Approvals is an optional approvals.csv: decisions on exceptions (status only, never pay).
	Approvals string
	// Separations is an optional separations.csv: employments that end, with final pay.
	Separations string
	// Rates is an optional rates.csv: dated rates and second jobs (issue 14).
	Rates string

	Week  calendars.Date // first week to close (a week-start day of every rule set in the roster)
	Weeks int            // number of consecutive weeks (default 1)
	Out   string         // output directory: the payroll ledger (README "The ledger")
	// PayWeek is the week the adjustments of a correction are paid in; required when the close
	// re-closes a week the ledger already holds.
	PayWeek calendars.Date

	// LockWait is how long a close waits for another close's ledger lock before failing (default
	// 0: fail at once, naming the holder).
	LockWait time.Duration

	Workers int // calculation workers (default GOMAXPROCS)
	Shard   int // this process's shard, 0-based
	Shards  int // number of shards (default 1)

	Validate bool // check inputs and write rejects only
	Version  string

	// AllowEmpty names input files (path or role: punches, schedule) allowed to have no data rows,
	// or no punch row in a closed week.
	AllowEmpty []string
	// Limits overrides the rule sets' plausibility limits (zero fields: the profile's).
	Limits rates.Limits

	// Handoff configures the payroll register, GL journal and report (handoff.go).
	Handoff HandoffConfig

	Registry *rates.Registry // rule-set profiles (default rates.Default)
	Log      *slog.Logger
	Progress Progress // optional progress sink

	ctx context.Context // the run's context, for the input readers
	// opening is where the opening balances come from when they are a closed week's accruals
	// (--previous, or the ledger's previous week), verified against its manifest.
	opening *opening
	// balancesKnown: the opening balances were given (balances.csv, or a previous week whose own
	// were), recorded in the manifest for the weeks that open from this one.
	balancesKnown bool
}

// Progress receives counters while the run goes; implementations must be cheap and safe for
// concurrent use.
type Progress interface {
	RowsRead(n int64)
	EmployeesDone(n int64)
}

func (c *Config) defaults() error {
	if c.Punches == "" || c.Roster == "" || c.Schedule == "" {
		return usageError("--punches, --roster and --schedule are required")
	}
	if c.Out == "" {
		return usageError("--out is required")
	}
	if c.Weeks < 0 {
		return usageError(fmt.Sprintf("--weeks %d: expected at least 1", c.Weeks))
	}
	if c.Weeks == 0 {
		c.Weeks = 1
	}
	if c.Weeks > 53 {
		return usageError("--weeks must be at most 53")
	}
	if c.Workers < 0 {
		return usageError(fmt.Sprintf("--workers %d: expected at least 1 (or leave it out for one per CPU)", c.Workers))
	}
	if c.Workers == 0 {
		c.Workers = runtime.GOMAXPROCS(0)
	}
	if c.Shards <= 0 {
		c.Shards = 1
	}
	if c.Shard < 0 || c.Shard >= c.Shards {
		return usageError(fmt.Sprintf("--shard %d/%d: the shard must be between 0 and %d", c.Shard, c.Shards, c.Shards-1))
	}
	if err := c.distinctInputs(); err != nil {
		return err
	}
	if c.Registry == nil {
		c.Registry = rates.Default
	}
	if c.Log == nil {
		c.Log = slog.New(slog.DiscardHandler)
	}
	if c.Version == "" {
		c.Version = "dev"
	}
	return nil
}

// distinctInputs refuses one file given as two inputs (the export as --punches and --oncall):
// its lines would be read, and counted, twice. Rejects and each input's line accounting are kept
// by path, so the second file's duplicates would be counted against the first as well, saying
// that rows which were paid were rejected.
func (c *Config) distinctInputs() error {
	type named struct{ flag, path string }
	var seen []named
	for _, x := range []named{{"--punches", c.Punches}, {"--roster", c.Roster}, {"--schedule", c.Schedule},
		{"--oncall", c.OnCall}, {"--balances", c.Balances}, {"--approvals", c.Approvals},
		{"--separations", c.Separations}, {"--rates", c.Rates}} {
		if x.path == "" {
			continue
		}
		for _, y := range seen {
			if sameFile(x.path, y.path) {
				return usageError(fmt.Sprintf("%s %s is the file given as %s: each input must be a file of its own", x.flag, x.path, y.flag))
			}
		}
		seen = append(seen, x)
	}
	return nil
}

// sameFile says whether two paths name one file: the same path, or the same file by its device
// and inode (a link, another spelling of the path).
func sameFile(a, b string) bool {
	if filepath.Clean(a) == filepath.Clean(b) {
		return true
	}
	sa, err := os.Stat(a)
	if err != nil {
		return false
	}
	sb, err := os.Stat(b)
	return err == nil && os.SameFile(sa, sb)
}

// UsageError is a problem with how the command was called (exit code 2).
type UsageError struct{ msg string }

func (e UsageError) Error() string { return e.msg }

func usageError(msg string) error { return UsageError{msg} }

// ShardOf is the stable shard of an employee id: FNV-1a of the id modulo n. Every process of a
// sharded run computes the same owner for every employee, whatever order it reads them in.
func ShardOf(id string, n int) int {
	if n <= 1 {
		return 0
	}
	h := uint32(2166136261) // FNV-1a, inline so the hot loop does not allocate a hash.Hash
	for i := 0; i < len(id); i++ {
		h ^= uint32(id[i])
		h *= 16777619
	}
	return int(h % uint32(n))
}

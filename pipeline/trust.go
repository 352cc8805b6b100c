package pipeline

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/emit"
	"github.com/payclose/payclose/stages/ingest"
	"github.com/payclose/payclose/stages/model"
)

// Reject reasons and exception codes of the plausibility limits (rates.Limits), raised here
// because the limits depend on the employee's rule set, which the readers do not know.
const (
	ReasonImplausibleRate    = "IMPLAUSIBLE_RATE"
	ReasonImplausibleBalance = "IMPLAUSIBLE_BALANCE"
	ExceptionGrossCeiling    = "GROSS_OVER_CEILING"
)

// inputFile is an open input whose reads stop when the run is cancelled: each Read checks the
// context (a reader looping over an endless line calls Read again every 64 KiB), and cancelling
// closes the file, which wakes a Read blocked on a pipe or FIFO.
type inputFile struct {
	ctx  context.Context
	f    *os.File
	stop func() bool
}

func openInput(ctx context.Context, path string) (*inputFile, error) {
	if ctx == nil {
		ctx = context.Background()
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	in := &inputFile{ctx: ctx, f: f}
	in.stop = context.AfterFunc(ctx, func() { f.Close() })
	return in, nil
}

func (in *inputFile) Read(p []byte) (int, error) {
	if err := in.ctx.Err(); err != nil {
		return 0, err
	}
	n, err := in.f.Read(p)
	if err != nil && in.ctx.Err() != nil {
		return n, in.ctx.Err() // closed by the cancellation, not a broken file
	}
	return n, err
}

// ReadAt lets the punch export be read in two halves at once (punchSpill).
func (in *inputFile) ReadAt(p []byte, off int64) (int, error) {
	if err := in.ctx.Err(); err != nil {
		return 0, err
	}
	n, err := in.f.ReadAt(p, off)
	if err != nil && in.ctx.Err() != nil {
		return n, in.ctx.Err()
	}
	return n, err
}

// Stat lets a reader size its buffers from the file.
func (in *inputFile) Stat() (os.FileInfo, error) { return in.f.Stat() }

func (in *inputFile) Close() error {
	in.stop()
	return in.f.Close()
}

// weekRows counts the punch rows dated in each week being closed, so a week the export does not
// cover at all is caught (--weeks 2 on a one-week export would pay salaried staff for nothing).
type weekRows struct {
	first calendars.Date
	n     []int64
}

func newWeekRows(cfg *Config) *weekRows {
	return &weekRows{first: cfg.Week, n: make([]int64, cfg.Weeks)}
}

// empty is a weekRows of the same weeks with no rows, for another goroutine (addAll).
func (w *weekRows) empty() *weekRows {
	return &weekRows{first: w.first, n: make([]int64, len(w.n))}
}

// addAll adds the rows o counted.
func (w *weekRows) addAll(o *weekRows) {
	for k, n := range o.n {
		w.n[k] += n
	}
}

func (w *weekRows) add(d calendars.Date) {
	if d >= w.first {
		if k := int(d-w.first) / 7; k < len(w.n) {
			w.n[k]++
		}
	}
}

// allowedEmpty says whether the operator allowed a file (named by path or by role) to be empty.
func allowedEmpty(cfg *Config, role, path string) bool {
	for _, a := range cfg.AllowEmpty {
		if a == role || filepath.Clean(a) == filepath.Clean(path) {
			return true
		}
	}
	return false
}

// ErrCoverage is an input that does not cover what the run was asked to close; nothing is written.
var ErrCoverage = errors.New("input does not cover the close")

// checkInputs fills each input's line accounting into the manifest and checks it: every physical
// line is the header, blank, or a data row accepted or rejected. It then checks coverage: the
// punch and schedule files have data rows and the punch export has rows in every week closed.
// It returns the warnings for the summary.
func checkInputs(cfg *Config, inputs []emit.Input, stats map[string]*ingest.Stats, weeks *weekRows, rejects *rejectTally) ([]string, error) {
	var warnings []string
	rejected := rejects.byFile
	if rejects.twice != "" {
		return nil, fmt.Errorf("%w: %s is rejected twice; nothing was written", ErrReconciliation, rejects.twice)
	}
	for i := range inputs {
		in := &inputs[i]
		st := stats[in.Name]
		if st == nil {
			continue
		}
		if err := st.Check(in.Path); err != nil {
			return nil, fmt.Errorf("%w: %v; nothing was written", ErrReconciliation, err)
		}
		in.Rows = int64(st.Rows)
		in.LinesRead, in.BytesRead = int64(st.Lines), st.Bytes
		in.HeaderLines, in.BlankLines = int64(st.Header), int64(st.Blank)
		in.LinesRejected = rejected[in.Path]
		in.LinesAccepted = in.Rows - in.LinesRejected
		if cfg.Shards > 1 {
			// Other shards' rejects are theirs: count the reader's.
			in.LinesRejected, in.LinesAccepted = int64(st.Rejected), int64(st.Emitted)
		}
		if in.LinesAccepted < 0 || in.LinesRead != in.HeaderLines+in.BlankLines+in.LinesAccepted+in.LinesRejected {
			return nil, fmt.Errorf("%w: %s: %d lines read but %d header + %d blank + %d accepted + %d rejected; nothing was written",
				ErrReconciliation, in.Path, in.LinesRead, in.HeaderLines, in.BlankLines, in.LinesAccepted, in.LinesRejected)
		}
		in.UnknownColumns = st.UnknownColumns
		for _, c := range st.UnknownColumns {
			warnings = append(warnings, fmt.Sprintf("%s: column %s is not one payclose reads; it was ignored", in.Path, c))
		}
		if in.Name == "punches" || in.Name == "schedule" {
			if st.Rows == 0 {
				if !allowedEmpty(cfg, in.Name, in.Path) {
					return nil, fmt.Errorf("%w: %s has no data rows (only a header): an empty or truncated export? nothing was written; "+
						"if it is right, run again with --allow-empty %s", ErrCoverage, in.Path, in.Path)
				}
				in.AllowedEmpty = true
				warnings = append(warnings, fmt.Sprintf("%s has no data rows; closed anyway (--allow-empty)", in.Path))
			}
		}
		if in.Name == "punches" && st.Rows > 0 && weeks != nil {
			for k, n := range weeks.n {
				if n > 0 {
					continue
				}
				from := weeks.first.AddDays(7 * k)
				if !allowedEmpty(cfg, in.Name, in.Path) {
					return nil, fmt.Errorf("%w: %s has no row dated in the week %s to %s, which this run closes (--week %s --weeks %d): "+
						"is the export for the right dates? nothing was written; if it is right, run again with --allow-empty %s",
						ErrCoverage, in.Path, from, from.AddDays(6), cfg.Week, cfg.Weeks, in.Path)
				}
				in.AllowedEmpty = true
				warnings = append(warnings, fmt.Sprintf("%s has no row in the week %s to %s; closed anyway (--allow-empty)", in.Path, from, from.AddDays(6)))
			}
		}
	}
	return warnings, nil
}

// limitsFor is the rule set's limits with the run's overrides.
func limitsFor(cfg *Config, rs *rates.RuleSet) rates.Limits {
	return rs.Limits.Override(cfg.Limits)
}

// checkRate rejects a roster row whose hourly rate, or the salary's hourly equivalent over the
// budgeted week (annual ÷ 52 ÷ budgeted hours), is outside the rule set's limits.
func checkRate(cfg *Config, rs *rates.RuleSet, e *model.Employee) *model.Reject {
	return checkRateIn(cfg, rs, e, cfg.Roster)
}

// checkRateIn is checkRate for a row of file (the roster, or rates.csv with e carrying the row's
// pay and line).
func checkRateIn(cfg *Config, rs *rates.RuleSet, e *model.Employee, file string) *model.Reject {
	lim := limitsFor(cfg, rs)
	rate := e.BaseRate
	if e.AnnualSalary > 0 {
		if e.BudgetedWeekly <= 0 {
			return nil
		}
		// cents × 100 = rate units a year; ÷ (52 × budgeted hours).
		rate = rates.Rate(rates.Round(int64(e.AnnualSalary)*100*3600, 52*e.BudgetedWeekly))
	}
	if !(lim.MinRate > 0 && rate < lim.MinRate || lim.MaxRate > 0 && rate > lim.MaxRate) {
		return nil // the usual row: nothing formatted (every employee of a close comes here)
	}
	col, val, what := "BASE_RATE", e.BaseRate.String(), "an hourly rate"
	if e.AnnualSalary > 0 {
		col, val = "ANNUAL_SALARY", e.AnnualSalary.String()
		what = "a salary worth " + dollars(rate) + " an hour over the budgeted week (annual / 52 / budgeted hours)"
	}
	switch {
	case lim.MinRate > 0 && rate < lim.MinRate:
		return &model.Reject{File: file, Line: e.Line, Column: col, Value: val, Reason: ReasonImplausibleRate, Employee: e.ID,
			Detail: fmt.Sprintf("expected %s of at least %s (limit min_rate of %s, the minimum wage; check the rate, or set the limit with --min-rate)", what, dollars(lim.MinRate), rs.Name)}
	case lim.MaxRate > 0 && rate > lim.MaxRate:
		return &model.Reject{File: file, Line: e.Line, Column: col, Value: val, Reason: ReasonImplausibleRate, Employee: e.ID,
			Detail: fmt.Sprintf("expected %s of at most %s (limit max_rate of %s; a misplaced decimal point? check the rate, or set the limit with --max-rate)", what, dollars(lim.MaxRate), rs.Name)}
	}
	return nil
}

// dollars is an hourly rate for a person: 15.00, or 31.2525 when it has more than cents.
func dollars(r rates.Rate) string {
	if r%100 == 0 {
		return r.Decimal().StringFixed(2)
	}
	return r.String()
}

// checkBalance rejects an opening balance below the rule set's minimum (zero) or above the
// largest cap the bank has in the rule set's accrual profile.
func checkBalance(cfg *Config, rs *rates.RuleSet, b *model.Balance) *model.Reject {
	lim := limitsFor(cfg, rs)
	secs := b.Hours.Seconds()
	bad := func(detail string) *model.Reject {
		return &model.Reject{File: cfg.Balances, Line: b.Line, Column: "HOURS", Value: b.Hours.Decimal().String(), Reason: ReasonImplausibleBalance,
			Employee: b.Employee, Detail: detail}
	}
	if secs < int64(lim.MinBalance) {
		return bad(fmt.Sprintf("expected an opening %s balance of at least %s hours (limit min_balance_hours of %s: a bank does not open overdrawn; correct it in the HR system)",
			b.Bank, rates.HoursOf(int64(lim.MinBalance)).Decimal(), rs.Name))
	}
	if rs.Accrual != nil {
		if top := rs.Accrual.MaxCap(b.Bank); top > 0 && secs > int64(top) {
			return bad(fmt.Sprintf("expected an opening %s balance of at most %s hours, the bank's largest cap in %s", b.Bank, rates.HoursOf(int64(top)).Decimal(), rs.Name))
		}
	}
	return nil
}

// checkGross reports an employee-week whose gross is above the ceiling: paid as calculated, but
// a person looks before the money goes out.
func checkGross(cfg *Config, rs *rates.RuleSet, emp *model.Employee, week calendars.Date, lines []model.PayLine, out *[]model.Exception) {
	lim := limitsFor(cfg, rs)
	if lim.MaxWeeklyGross <= 0 {
		return
	}
	var gross rates.Money
	for i := range lines {
		gross += lines[i].Amount
	}
	if gross > lim.MaxWeeklyGross {
		*out = append(*out, model.Exception{Employee: emp.ID, Date: week, Code: ExceptionGrossCeiling, File: cfg.Roster, Line: emp.Line,
			Detail: fmt.Sprintf("gross for the week is %s, above the ceiling of %s (limit max_weekly_gross of %s); check the hours and rate before paying", gross, lim.MaxWeeklyGross, rs.Name)})
	}
}

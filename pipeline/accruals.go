package pipeline

import (
	"context"
	"fmt"
	"strings"

	"github.com/apache/arrow/go/v15/arrow"
	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/apache/arrow/go/v15/parquet/file"
	"github.com/apache/arrow/go/v15/parquet/pqarrow"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/accrue"
	"github.com/payclose/payclose/stages/assemble"
	"github.com/payclose/payclose/stages/ingest"
	"github.com/payclose/payclose/stages/model"
	"github.com/payclose/payclose/stages/rules"
	"github.com/payclose/payclose/stages/rules/separate"
)

// accrualState is the accrual stage's shared, read-only state for a run (opening balances from
// balances.csv or a previous run's accruals). It is loaded with the reference data.
type accrualState struct {
	book     *accrue.Book
	balances *ingest.Stats                // the balances file's counts, when one was read
	seps     map[string]*model.Separation // separations.csv by employee
	rehires  map[string]*model.Separation // its rows with REHIRE_DATE: earlier separations
	// decisions are approvals.csv's rows by employee, for the rules that credit only what a person
	// approved (model.Week.Approvals); the same file sets the exceptions' status after the close.
	decisions map[string][]model.Approval
	sepStats  *ingest.Stats // the separations file's counts, when one was read
	// known: the run was given opening balances (balances.csv, --previous or the ledger's
	// previous week), so the balances the rules are handed before each week are known, not an
	// empty book (model.Week.BalancesKnown).
	known bool
}

// accruer is one worker's accrual stage: after the rules paid an employee-week, it moves the
// employee's banks (earned, used, forfeited) and appends one row per bank.
type accruer interface {
	// before gives the rules what they need of the banks before they pay the week (the comp
	// balance, so comp earned can be capped and the overflow paid in cash).
	before(emp *model.Employee, w *model.Week)
	week(emp *model.Employee, rs *rates.RuleSet, w *model.Week, res *model.Result, out *[]model.Accrual, exc *[]model.Exception)
	// separation is the employee's separation (nil when none): a week it falls in gets final pay,
	// a week after it pays nothing but severance owed.
	separation(emp *model.Employee) *model.Separation
	// severanceOwed reports, after before, whether the employee opens the week owed severance.
	severanceOwed() bool
	// history gives the employee's roster row and rates.csv rows, before their weeks (the average
	// rate of a final payout, NU-OT-8).
	history(home *model.Employee, rows []model.RatePeriod)
}

func (a *accrualState) newAccruer() accruer {
	return &bankAccruer{book: a.book, seps: a.seps, rehires: a.rehires, decisions: a.decisions, known: a.known}
}

// bankAccruer carries one employee's banks from week to week of a multi-week run: the worker
// closes an employee's weeks in order before it moves to the next employee, so one State is
// enough.
type bankAccruer struct {
	book    *accrue.Book
	seps    map[string]*model.Separation
	rehires map[string]*model.Separation
	// decisions: see accrualState.
	decisions map[string][]model.Approval
	known     bool // see accrualState
	engine    accrue.Engine
	st        accrue.State
	emp       string // the id of the employee whose banks are open (a week may carry its own copy of the employee)
	opened    bool
	home      *model.Employee    // the roster row (history)
	rows      []model.RatePeriod // its rates.csv rows (history)
	last      calendars.Date
	in        accrue.Input
}

// load opens the employee's banks at their first week of this run.
func (a *bankAccruer) load(emp *model.Employee, week calendars.Date) {
	if !a.same(emp) || week <= a.last {
		a.book.Opening(emp.ID, &a.st)
		a.emp, a.opened = emp.ID, true
	}
	a.last = week
}

// same reports whether emp is the employee whose banks are open: by id, since each week may carry
// its own copy of the employee at the week's rate (model.Week.Pays).
func (a *bankAccruer) same(emp *model.Employee) bool { return a.opened && a.emp == emp.ID }

func (a *bankAccruer) before(emp *model.Employee, w *model.Week) {
	if !a.same(emp) || w.Start <= a.last {
		a.book.Opening(emp.ID, &a.st)
		a.emp, a.opened, a.last = emp.ID, true, w.Start-7
	}
	w.CompBalance = a.st.Seconds(accrue.Comp)
	// The banks at the close of the prior week, for a rule set whose rows may use only that
	// (model.Week.Balances): handed over, not judged; the rule family and its profile decide.
	w.BalancesKnown = a.known
	for b := range w.Balances {
		w.Balances[b] = a.st.Slots[b].Balance
	}
	w.Approvals = a.decisions[emp.ID]
}

func (a *bankAccruer) week(emp *model.Employee, rs *rates.RuleSet, w *model.Week, res *model.Result, out *[]model.Accrual, exc *[]model.Exception) {
	a.load(emp, w.Start)
	a.in = accrue.Input{Emp: emp, RuleSet: rs, Week: w.Start, Result: res, HolidayBank: res.HolidayBank}
	// A scheduled or assumed accrual base covers the days of the week the salary is paid for, from
	// the hire date to the separation date: the one notion of the part of a week in employment
	// (PSU-22.4, ESL-A3; ESL "Employees may begin accruing sick time on the first date of actual
	// work").
	a.in.Days, a.in.Per = rules.EmployedShare(w)
	// A week holding January 1 after its Sunday counts those days by year: a bank with a year cap
	// accrues the days before it in the old year (ESL-A5).
	if jan1 := calendars.NewDate((w.Start + 6).Year(), 1, 1); jan1 > w.Start {
		a.in.Days, a.in.NewYearDays, a.in.Per = rules.EmployedSplit(w, jan1)
	}
	if r := a.rehires[emp.ID]; r != nil {
		separate.Repayment(w, rs, r, res) // in the week of the re-employment date
	}
	sep := a.seps[emp.ID]
	owed := a.st.Slots[accrue.Severance].Balance > 0
	paid := func() {
		// Final pay and a quarter's holiday comp payout (SHARE-HOL-13 "(balance − 40) × base")
		// are paid at the hourly base and charged to the week's fallback account.
		a.in.PayoutRate = payoutRate(emp, rs)
		a.in.Account, a.in.From, a.in.To = rules.FallbackAccount(w), w.From, w.To
	}
	if (sep == nil || sep.Date > w.Start+6) && !owed {
		if accrue.QuarterStarts(w.Start) {
			paid() // four weeks a year: the rest never look up the fallback account
		}
		a.engine.Week(&a.in, &a.st, out, exc)
		return
	}
	paid()
	if sep != nil && rs.Separation != nil && rs.Separation.AverageRate.Years > 0 {
		a.in.AverageRate = a.averageRate(rs, sep.Date, rs.Separation.AverageRate.Years)
	}
	switch {
	case sep != nil && sep.Date >= w.Start && sep.Date <= w.Start+6:
		// The final rate is the one in force on the separation date (PSU-39.6-E5 "the member's
		// final regular rate of pay", NU-OT-8 "the regular rate of pay received by such employee"):
		// a raise from the Wednesday of a Friday separation is the final rate; w.Emp carries the
		// week's first (Week.DayPay; all 0 unless the rate changes inside the week by workday).
		var final model.Employee
		if e := w.PayOn(sep.Date, &final); e != w.Emp {
			a.in.PayoutRate = payoutRate(e, rs)
		}
		f := separate.Compute(w, rs, sep, res)
		a.in.Separated, a.in.SeparationDate, a.in.SeveranceHours = true, sep.Date, f.SeveranceSecs
		a.in.Reason, a.in.Vested = sep.Reason, sep.Vested
		a.engine.Week(&a.in, &a.st, out, exc)
		// The summary lists every separation with its final pay (the week's lines, the banks paid
		// out, notice pay) and the day it is due.
		var total rates.Money
		for i := range res.Lines {
			total += res.Lines[i].Amount
		}
		*exc = append(*exc, model.Exception{Employee: emp.ID, Date: f.Due, Code: ExcFinalPay, RuleID: separate.FinalPayRule(rs),
			Detail: "separated " + sep.Date.String() + " (" + sep.Reason + "): final pay " + total.String() + " due " + f.Due.String()})
	case sep != nil || res.Worked == 0:
		// After the separation (known from separations.csv, or from severance still owed when the
		// file is not given again): nothing accrues, a week of severance is paid.
		a.in.After = true
		a.engine.Week(&a.in, &a.st, out, exc)
	default:
		// Severance owed but the employee works again: it stops (SHARE-SEV-01 "severance pay will
		// cease upon the start date of work").
		a.in.StopSeverance = true
		a.engine.Week(&a.in, &a.st, out, exc)
	}
}

// ExcFinalPay is the exception that lists a separation's final pay and due date.
const ExcFinalPay = "FINAL_PAY_DUE"

func (a *bankAccruer) separation(emp *model.Employee) *model.Separation { return a.seps[emp.ID] }

func (a *bankAccruer) history(home *model.Employee, rows []model.RatePeriod) {
	a.home, a.rows = home, rows
}

// averageRate is the employee's hourly rate averaged over the days of the last years of employment
// up to end (from the hire date when later), each day at the home job's pay in force (rates.csv,
// else the roster's), a salary at its hourly equivalent like the final payout rate; rounded once.
// rates.csv gives base rates, so differentials of past weeks are not in it. 0 without rates.csv
// rows: the final rate is then the only rate known.
func (a *bankAccruer) averageRate(rs *rates.RuleSet, end calendars.Date, years int) rates.Rate {
	if len(a.rows) == 0 || a.home == nil {
		return 0
	}
	from := end.AddMonths(-12*years) + 1
	if a.home.Hire != model.NoDate && a.home.Hire > from {
		from = a.home.Hire
	}
	var sum, days int64
	for d := from; d <= end; d++ {
		p := assemble.InForce(a.home, a.rows, "", d)
		e := *a.home
		e.BaseRate, e.AnnualSalary = p.BaseRate, p.AnnualSalary
		sum += int64(payoutRate(&e, rs))
		days++
	}
	if days == 0 {
		return 0
	}
	return rates.Rate(rates.Round(sum, days))
}

// payoutRate is the hourly rate final pay is paid at: the base rate, or a salary's hourly
// equivalent (rules.Hourly of rules.Annual).
func payoutRate(emp *model.Employee, rs *rates.RuleSet) rates.Rate {
	if emp.AnnualSalary > 0 || emp.Weeks43 {
		return rules.Hourly(rules.Annual(emp, rs), emp.BudgetedWeekly)
	}
	return emp.BaseRate
}

func (a *bankAccruer) severanceOwed() bool { return a.st.Slots[accrue.Severance].Balance > 0 }

// loadAccruals reads the separations and the opening balances: balances.csv, or the closing
// balances of a closed week's accruals (--previous, or the ledger's previous week: resolveOpening
// found and verified them). Employees of other shards are skipped; rows for employees not on the
// roster are rejects.
func loadAccruals(cfg *Config, ref *reference, rej *rejectSink) (*accrualState, error) {
	st := &accrualState{book: accrue.NewBook()}
	if cfg.Separations != "" {
		if err := readSeparationsFile(cfg, ref, rej, st); err != nil {
			return nil, err
		}
	}
	if cfg.Approvals != "" {
		if err := readDecisions(cfg, st); err != nil {
			return nil, err
		}
	}
	if cfg.Balances != "" {
		st.balances, st.known = &ingest.Stats{}, true
		cfg.balancesKnown = true
		return st, readBalancesFile(cfg, ref, rej, st.book, st.balances)
	}
	if cfg.opening != nil {
		// A previous week's closing balances are known only if its own opening ones were: a
		// ledger whose first close had no balances.csv started every bank at zero, and holding
		// time off to those would leave it unpaid (emit.Manifest.BalancesKnown).
		st.known = cfg.opening.known
		cfg.balancesKnown = st.known
		return st, readPrevious(cfg, ref, st.book)
	}
	return st, nil
}

// readDecisions reads approvals.csv for the rules: every decision of this shard's employees in
// the closed weeks. Its rejects and line counts are the status pass's (loadApprovals), which
// reads the file again after the close; here a bad row is only skipped.
func readDecisions(cfg *Config, st *accrualState) error {
	f, err := openInput(cfg.ctx, cfg.Approvals)
	if err != nil {
		return fmt.Errorf("approvals: %w", err)
	}
	defer f.Close()
	st.decisions = map[string][]model.Approval{}
	first, last := cfg.Week, cfg.Week.AddDays(7*cfg.Weeks)
	_, err = ingest.ReadApprovals(f, cfg.Approvals, func(a *model.Approval) {
		if ShardOf(a.Employee, cfg.Shards) != cfg.Shard || a.Date < first || a.Date >= last {
			return
		}
		c := *a
		c.Employee, c.Exception, c.By, c.Note = strings.Clone(a.Employee), strings.Clone(a.Exception), "", ""
		st.decisions[c.Employee] = append(st.decisions[c.Employee], c)
	}, func(model.Reject) {})
	return err
}

// readSeparationsFile reads separations.csv: one separation per employee of this shard.
func readSeparationsFile(cfg *Config, ref *reference, rej *rejectSink, st *accrualState) error {
	f, err := openInput(cfg.ctx, cfg.Separations)
	if err != nil {
		return fmt.Errorf("separations: %w", err)
	}
	defer f.Close()
	st.seps, st.rehires = map[string]*model.Separation{}, map[string]*model.Separation{}
	st.sepStats = &ingest.Stats{}
	*st.sepStats, err = ingest.ReadSeparations(f, cfg.Separations, func(s *model.Separation) {
		if ShardOf(s.Employee, cfg.Shards) != cfg.Shard {
			return
		}
		if _, ok := ref.byID[s.Employee]; !ok && ref.byID != nil {
			rej.add(model.Reject{File: cfg.Separations, Line: s.Line, Column: "PERSONNUM", Value: s.Employee, Reason: "UNKNOWN_EMPLOYEE",
				Detail: "expected an employee on the roster (or whose roster row was accepted)", Employee: s.Employee})
			return
		}
		// A row with REHIRE_DATE is an earlier separation of an employee working again: it ends
		// nothing in this close, it may owe a repayment (NUT-I.D-4).
		into := st.seps
		if s.Rehire != model.NoDate {
			into = st.rehires
		}
		if _, dup := into[s.Employee]; dup {
			rej.add(model.Reject{File: cfg.Separations, Line: s.Line, Column: "PERSONNUM", Value: s.Employee, Reason: "DUPLICATE_SEPARATION",
				Detail: "expected one separation per employee; this one repeats an earlier row", Employee: s.Employee})
			return
		}
		c := *s
		c.Employee = strings.Clone(s.Employee)
		into[c.Employee] = &c
	}, rej.add)
	return err
}

func readBalancesFile(cfg *Config, ref *reference, rej *rejectSink, book *accrue.Book, stats *ingest.Stats) error {
	f, err := openInput(cfg.ctx, cfg.Balances)
	if err != nil {
		return fmt.Errorf("balances: %w", err)
	}
	defer f.Close()
	profiles := profileCache{reg: cfg.Registry}
	*stats, err = ingest.ReadBalances(f, cfg.Balances, func(b *model.Balance) {
		if ShardOf(b.Employee, cfg.Shards) != cfg.Shard {
			return
		}
		e, ok := ref.byID[b.Employee]
		if !ok {
			rej.add(model.Reject{File: cfg.Balances, Line: b.Line, Column: "PERSONNUM", Value: b.Employee, Reason: "UNKNOWN_EMPLOYEE",
				Detail: "expected an employee on the roster (or whose roster row was accepted)", Employee: b.Employee})
			return
		}
		if rs, err := profiles.get(e.emp.RuleSet, cfg.Week); err == nil {
			if bad := checkBalance(cfg, rs, b); bad != nil {
				rej.add(*bad)
				return
			}
		}
		bank, _ := accrue.ParseBank(b.Bank) // ReadBalances accepts only known banks
		if bank == accrue.ExemptComp {
			// Kept in lots: each row is one lot, and the lot's credit date decides when it expires.
			if b.CreditDate == model.NoDate {
				rej.add(model.Reject{File: cfg.Balances, Line: b.Line, Column: "CREDIT_DATE", Value: "", Reason: "MISSING_FIELD",
					Detail: "EXEMPT_COMP is kept in lots: give each lot's CREDIT_DATE (one row per lot)", Employee: b.Employee})
				return
			}
			book.PutLot(b.Employee, bank, b.CreditDate, b.Hours)
			book.PutLotBank(b.Employee, bank, b.YTD)
			return
		}
		if !book.Put(b.Employee, bank, b.Hours, b.YTD) {
			rej.add(model.Reject{File: cfg.Balances, Line: b.Line, Column: "BANK", Value: b.Bank, Reason: "DUPLICATE_BALANCE",
				Detail: "expected one opening balance per employee and bank; this one repeats an earlier row", Employee: b.Employee})
		}
	}, rej.add)
	return err
}

// readPrevious loads the closing balances of the week resolveOpening verified: every shard's
// part file of that week.
func readPrevious(cfg *Config, ref *reference, book *accrue.Book) error {
	op := cfg.opening
	if op.week+7 != cfg.Week {
		return usageError(fmt.Sprintf("--previous %s closes the week of %s; its balances open the week of %s, not --week %s",
			cfg.Previous, op.week, op.week+7, cfg.Week))
	}
	for _, p := range op.files {
		if err := readAccrualPart(p, cfg, ref, book); err != nil {
			return fmt.Errorf("opening balances: %s: %w", p, err)
		}
	}
	return nil
}

// readAccrualPart reads employee_id, bank, closing and ytd_accrued of one accruals file. The
// closing balance of a bank is its opening in the next week; the year-to-date accrual carries too.
func readAccrualPart(path string, cfg *Config, ref *reference, book *accrue.Book) error {
	rdr, err := file.OpenParquetFile(path, false)
	if err != nil {
		return err
	}
	defer rdr.Close()
	fr, err := pqarrow.NewFileReader(rdr, pqarrow.ArrowReadProperties{BatchSize: 64 << 10}, memory.DefaultAllocator)
	if err != nil {
		return err
	}
	tbl, err := fr.ReadTable(context.Background())
	if err != nil {
		return err
	}
	defer tbl.Release()
	for _, name := range []string{"employee_id", "bank", "closing", "ytd_accrued"} {
		i := fieldIndex(tbl.Schema(), name)
		if i < 0 {
			return fmt.Errorf("no column %q (is it an accruals file?)", name)
		}
		if dt, ok := tbl.Schema().Field(i).Type.(*arrow.Decimal128Type); ok && dt.Scale != 4 {
			return fmt.Errorf("column %q has scale %d, want DECIMAL(10,4) hours", name, dt.Scale)
		}
	}
	hasLots := fieldIndex(tbl.Schema(), "credit_date") >= 0
	tr := array.NewTableReader(tbl, 64<<10)
	defer tr.Release()
	for tr.Next() {
		rec := tr.Record()
		var credit *array.String
		if hasLots {
			credit, _ = rec.Column(fieldIndex(rec.Schema(), "credit_date")).(*array.String)
		}
		emp, ok1 := rec.Column(int(fieldIndex(rec.Schema(), "employee_id"))).(*array.String)
		bank, ok2 := rec.Column(int(fieldIndex(rec.Schema(), "bank"))).(*array.String)
		closing, ok3 := rec.Column(int(fieldIndex(rec.Schema(), "closing"))).(*array.Decimal128)
		ytd, ok4 := rec.Column(int(fieldIndex(rec.Schema(), "ytd_accrued"))).(*array.Decimal128)
		if !ok1 || !ok2 || !ok3 || !ok4 {
			return fmt.Errorf("unexpected column types (want STRING employee_id/bank, DECIMAL closing/ytd_accrued)")
		}
		for i := 0; i < int(rec.NumRows()); i++ {
			id := emp.Value(i)
			if ShardOf(id, cfg.Shards) != cfg.Shard {
				continue
			}
			if _, ok := ref.byID[id]; !ok && ref.byID != nil {
				continue // left the roster: their banks are not this run's
			}
			b, ok := accrue.ParseBank(bank.Value(i))
			if !ok {
				return fmt.Errorf("row %d: unknown bank %q", i, bank.Value(i))
			}
			c, y := closing.Value(i), ytd.Value(i)
			if !c.FitsInPrecision(18) || !y.FitsInPrecision(18) {
				return fmt.Errorf("row %d: balance out of range", i)
			}
			if b == accrue.ExemptComp {
				// The bank row carries the year-to-date accrual; its lot rows (credit_date set)
				// carry the balance, lot by lot.
				if credit == nil || credit.Value(i) == "" {
					book.PutLotBank(strings.Clone(id), b, rates.Hours(y.LowBits()))
					continue
				}
				d, err := calendars.ParseISODate(credit.Value(i))
				if err != nil {
					return fmt.Errorf("row %d: credit_date: %w", i, err)
				}
				if c.LowBits() != 0 {
					book.PutLot(strings.Clone(id), b, d, rates.Hours(c.LowBits()))
				}
				continue
			}
			if !book.Put(strings.Clone(id), b, rates.Hours(c.LowBits()), rates.Hours(y.LowBits())) {
				return fmt.Errorf("row %d: employee %s has two %s rows in one week", i, id, bank.Value(i))
			}
		}
	}
	return tr.Err()
}

func fieldIndex(s *arrow.Schema, name string) int {
	idx := s.FieldIndices(name)
	if len(idx) != 1 {
		return -1
	}
	return idx[0]
}

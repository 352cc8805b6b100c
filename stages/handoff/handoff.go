package handoff

import (
	"bufio"
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/emit"
	"github.com/payclose/payclose/stages/model"
	"github.com/payclose/payclose/stages/spill"
	"github.com/payclose/payclose/stages/strtab"
)

// Week is one week of pay lines and accruals, as files (absolute paths) in the order the close
// wrote them: an employee's lines are contiguous and in one file.
type Week struct {
	Start    calendars.Date
	PayLines []string
	Accruals []string
}

// Input is what a close hands over.
type Input struct {
	RunID string
	Weeks []Week
	// Previous is the ledger's current closed week before Weeks[0], if it has one: the report's
	// variance compares against it when the run closes a single week.
	Previous *Week
	Manifest *emit.Manifest
	// Rejects are the first rows of rejects.csv, at least as many as the report shows
	// (ReportRows); RejectCount is all of them (0: len(Rejects)).
	Rejects     []model.Reject
	RejectCount int64
	Exceptions  []model.Exception
	// Gross is the close's own running total of the pay lines (cents), counted as they were
	// written: the register and the journal must come to it.
	Gross int64
	// Suffix makes a sharded close's file names distinct ("" or e.g. "-00001").
	Suffix string
	// Keep, when set, picks the employees of Previous this close compares with (a sharded
	// close: its own shard's), so the others do not show as gone.
	Keep func(employee string) bool
	// Ready, when set, is called before the report is written (the report reads Manifest,
	// Rejects and Exceptions): the close may still be counting its exceptions, as it writes
	// exceptions.csv, while the register and journal are written.
	Ready func() error
	// Scratch is where the hand-off may write temporary files (a week's employees sorted by id,
	// when there are more than fit in a few MB), removed before Write returns; "" = the system's
	// temporary directory.
	Scratch string
}

// Options are the hand-off settings.
type Options struct {
	Mappings *Mappings
	// Threshold flags employees whose gross moved more than this many percent against the
	// previous week (default 25).
	Threshold int
	// DeptLevels is how many leading levels of a labor account name the department (default 3:
	// UMMH/MED/4EAST/RN/-/-/- is department UMMH/MED/4EAST).
	DeptLevels int
}

// Create writes one file of the run at rel (slash-separated, relative to the output directory).
type Create func(rel string, write func(io.Writer) (emit.Output, error)) error

// ErrUnbalanced is returned when the register or the journal does not come to the close's gross
// or the journal's debits differ from its credits; the close then writes nothing.
var ErrUnbalanced = errors.New("hand-off totals do not balance")

// ReportFile is the report's name in the run directory.
const ReportFile = "report.html"

// Write writes the register and journal of every week of the run and the report (into
// runs/<run_id>/report.html), each through create.
func Write(in *Input, opt Options, create Create) error {
	if opt.Mappings == nil {
		m, err := LoadMappings("", "")
		if err != nil {
			return err
		}
		opt.Mappings = m
	}
	if opt.Threshold <= 0 {
		opt.Threshold = 25
	}
	if opt.DeptLevels <= 0 {
		opt.DeptLevels = 3
	}
	var regGross, jrnGross int64
	var stats []*weekStats
	var prev *weekStats
	defer func() {
		for _, ws := range append(stats, prev) {
			if ws != nil {
				ws.emps.Remove()
			}
		}
	}()
	for _, w := range in.Weeks {
		ws, err := closeWeek(in, opt, w, create)
		if ws != nil {
			stats = append(stats, ws)
		}
		if err != nil {
			return err
		}
		regGross += ws.registerGross
		jrnGross += ws.journalPay
		if len(stats) >= 3 {
			stats[len(stats)-3].emps.Remove() // the report compares the last two weeks only
		}
	}
	if regGross != in.Gross || jrnGross != in.Gross {
		return fmt.Errorf("%w: register %s, journal accrued payroll %s, the close's gross %s; nothing was written",
			ErrUnbalanced, rates.Money(regGross), rates.Money(jrnGross), rates.Money(in.Gross))
	}
	if in.Previous != nil {
		var err error
		if prev, err = scanWeek(opt, *in.Previous, in.Scratch, nil); err != nil {
			return fmt.Errorf("report: previous week %s: %w", in.Previous.Start, err)
		}
	}
	if in.Ready != nil {
		if err := in.Ready(); err != nil {
			return err
		}
	}
	return create(path.Join("runs", in.RunID, ReportFile), func(out io.Writer) (emit.Output, error) {
		return countWrite(out, 0, func(w io.Writer) (int64, error) { return 0, writeReport(w, in, opt, stats, prev) })
	})
}

// agg is hours (1/10,000 h) and cents.
type agg struct{ hours, amount int64 }

// weekStats is one week in brief, for the report.
type weekStats struct {
	start calendars.Date
	// emps is every employee of the week in brief (emps.go), sorted by id on disk past a few MB:
	// held in a map, they were about 100 bytes each (1 GB at ten million employees).
	emps *spill.Sorter
	// intern holds one copy of each department, rule set and labor account string; names and
	// nameIdx number them for emps.
	intern         map[string]string
	names          []string
	nameIdx        map[string]uint64
	kbuf, vbuf     []byte
	deptOf         map[string]string // labor account -> department
	dept           map[string]*agg   // paid hours, gross
	ot, callback   map[string]*agg   // by department
	byRuleSet      map[string]*agg   // paid hours, gross
	byCode         map[string]*agg   // pay code: hours, amount
	debits         map[jkey]*agg
	registerGross  int64
	journalPay     int64
	employeesCount int64
}

// agg is m's total for k, made when k is new.
func (ws *weekStats) agg(m map[string]*agg, k string) *agg {
	x := m[k]
	if x == nil {
		x = &agg{}
		m[k] = x
	}
	return x
}

// empStat is an employee's week for the report and the accrual liability.
type empStat struct {
	gross         int64
	dept, ruleSet string
	rate          int64  // base rate: values the leave banks
	account       string // the labor account with the most money
	accountRef    uint64 // its number in the week's names
}

func (ws *weekStats) str(s string) string {
	if c, ok := ws.intern[s]; ok {
		return c
	}
	c := strings.Clone(s)
	ws.intern[c] = c
	return c
}

// empWeek accumulates one employee's lines.
type empWeek struct {
	id, ruleSet string
	ruleSetRef  uint64
	codes       []regAcc  // by earning code, few per employee: a slice, not a map
	accounts    []acctAmt // labor accounts and their cents
	baseRate    int64
	hoursMax    int64
	hoursRate   int64
	byRuleSet   *agg
}

// lineInfo is a pay code and labor account's mapping and the totals their lines add to, looked up
// once per distinct pair instead of half a dozen map lookups per line.
type lineInfo struct {
	payCode, account string
	acctRef, deptRef uint64 // the account's and its department's numbers in the week's names
	earning          Earning
	dept, code       *agg // by department, by pay code
	debit            *agg
	class            *agg // overtime premium or on call by department, or nil

	// Where the employee being read keeps this pair's earning code and account (indexes into
	// empWeek.codes and .accounts), valid while emp is that employee's number in the scan: an
	// employee's lines repeat a few pairs, and looking the entries up by string on every line was
	// a fifth of the hand-off reader's time.
	emp            uint64
	codeAt, acctAt int
}

func (ws *weekStats) lineInfo(opt Options, payCode, account string) (*lineInfo, error) {
	e := opt.Mappings.Earning(payCode)
	g, err := opt.Mappings.GL(payCode)
	if err != nil {
		return nil, err
	}
	li := &lineInfo{payCode: ws.str(payCode), account: ws.str(account), earning: e}
	li.earning.Code = ws.str(e.Code)
	dept := ws.deptOfAccount(li.account, opt.DeptLevels)
	li.acctRef, li.deptRef = ws.ref(li.account), ws.ref(dept)
	li.dept = ws.agg(ws.dept, dept)
	li.code = ws.agg(ws.byCode, li.payCode)
	k := jkey{li.account, g.Class, g.Account}
	if li.debit = ws.debits[k]; li.debit == nil {
		li.debit = &agg{}
		ws.debits[k] = li.debit
	}
	switch g.Class {
	case "overtime_premium":
		li.class = ws.agg(ws.ot, dept)
	case "on_call":
		li.class = ws.agg(ws.callback, dept)
	}
	return li, nil
}

type acctAmt struct {
	account string
	amount  int64
	li      *lineInfo // a line's of the account: its numbers
}

type regAcc struct {
	code          string
	desc          string
	paid          bool
	hours, amount int64
	rate          int64
	rates         []int64 // distinct
}

type jkey struct{ account, class, gl string }

// scanWeek reads a week's pay lines once: register rows (when reg is not nil), journal debits,
// report stats, and each employee's base rate and home account for the accrual liability (into
// ws.emps, whose run files go under scratch; the caller removes them, also after an error).
func scanWeek(opt Options, w Week, scratch string, sink func(e *empWeek) error) (*weekStats, error) {
	ws := &weekStats{start: w.Start, emps: newSorter(scratch), intern: map[string]string{}, nameIdx: map[string]uint64{}, deptOf: map[string]string{},
		dept: map[string]*agg{}, ot: map[string]*agg{}, callback: map[string]*agg{}, byRuleSet: map[string]*agg{}, byCode: map[string]*agg{}, debits: map[jkey]*agg{}}
	var lines strtab.Pairs[*lineInfo]
	// a rule set's name, number and totals, looked up once per run of its employees
	type ruleSetInfo struct {
		name string
		ref  uint64
		agg  *agg
	}
	ruleSets := map[string]*ruleSetInfo{}
	var lastRS *ruleSetInfo
	var cur *empWeek
	var emp uint64 // cur's number in the scan (lineInfo.emp), from 1
	// spare is the employee before, whose record and slices the next one reuses: sink is done
	// with an employee when it returns (registerRows copies what it keeps), and a record
	// allocated per employee was a million allocations at 1M employee-weeks.
	var spare empWeek
	flush := func() error {
		if cur == nil {
			return nil
		}
		e := cur
		cur = nil
		var gross int64
		for _, c := range e.codes {
			gross += c.amount
		}
		var acctRef, deptRef uint64
		if i := primary(e.accounts); i >= 0 {
			acctRef, deptRef = e.accounts[i].li.acctRef, e.accounts[i].li.deptRef
		} else {
			acctRef, deptRef = ws.unassigned(opt.DeptLevels)
		}
		rate := e.baseRate
		if rate == 0 {
			rate = e.hoursRate
		}
		if err := ws.addEmp(e.id, gross, rate, deptRef, e.ruleSetRef, acctRef); err != nil {
			return err
		}
		ws.registerGross += gross
		ws.employeesCount++
		if sink != nil {
			return sink(e)
		}
		return nil
	}
	for _, p := range w.PayLines {
		rerr := readPayLines(p, ws.str, func(r *payLine) error {
			if cur == nil || cur.id != r.Employee {
				if err := flush(); err != nil {
					return err
				}
				rs := lastRS
				if rs == nil || rs.name != r.RuleSet {
					if rs = ruleSets[r.RuleSet]; rs == nil {
						name := ws.str(r.RuleSet)
						rs = &ruleSetInfo{name: name, ref: ws.ref(name), agg: ws.agg(ws.byRuleSet, name)}
						ruleSets[name] = rs
					}
					lastRS = rs
				}
				emp++
				spare = empWeek{id: strings.Clone(r.Employee), ruleSet: rs.name, ruleSetRef: rs.ref, byRuleSet: rs.agg, codes: spare.codes[:0], accounts: spare.accounts[:0]}
				cur = &spare
			}
			// PayCode and Account are interned: a pair's lineInfo is found by where their bytes
			// are (strtab.Pairs).
			slot, _ := lines.Find(r.PayCode, r.Account)
			li := *slot
			if li == nil {
				var err error
				if li, err = ws.lineInfo(opt, r.PayCode, r.Account); err != nil {
					return err
				}
				*slot = li
			}
			e := &li.earning
			if li.emp != emp {
				li.emp, li.codeAt, li.acctAt = emp, -1, -1
				for i := range cur.codes {
					if cur.codes[i].code == e.Code {
						li.codeAt = i
						break
					}
				}
				for i := range cur.accounts {
					if cur.accounts[i].account == li.account {
						li.acctAt = i
						break
					}
				}
			}
			if li.codeAt < 0 {
				var rs []int64 // the distinct rates slice of the employee before's code in this place, reused
				if n := len(cur.codes); n < cap(cur.codes) {
					rs = cur.codes[: n+1 : n+1][n].rates[:0]
				}
				li.codeAt = len(cur.codes)
				cur.codes = append(cur.codes, regAcc{code: e.Code, desc: e.Description, paid: e.PaidHours, rates: rs})
			}
			c := &cur.codes[li.codeAt]
			c.hours += r.Hours
			c.amount += r.Amount
			c.rate = r.Rate
			if !slices.Contains(c.rates, r.Rate) {
				c.rates = append(c.rates, r.Rate)
			}
			if e.Base && r.Rate > cur.baseRate {
				cur.baseRate = r.Rate
			}
			if r.Hours > cur.hoursMax {
				cur.hoursMax, cur.hoursRate = r.Hours, r.Rate
			}
			if li.acctAt < 0 {
				li.acctAt = len(cur.accounts)
				cur.accounts = append(cur.accounts, acctAmt{li.account, 0, li})
			}
			cur.accounts[li.acctAt].amount += r.Amount
			paid := int64(0)
			if e.PaidHours {
				paid = r.Hours
			}
			li.dept.hours += paid
			li.dept.amount += r.Amount
			cur.byRuleSet.hours += paid
			cur.byRuleSet.amount += r.Amount
			li.code.hours += r.Hours
			li.code.amount += r.Amount
			li.debit.hours += r.Hours
			li.debit.amount += r.Amount
			if li.class != nil {
				li.class.hours += r.Hours
				li.class.amount += r.Amount
			}
			return nil
		})
		if rerr != nil {
			return ws, rerr
		}
		if err := flush(); err != nil {
			return ws, err
		}
	}
	return ws, nil
}

// deptOfAccount is the department of a labor account, computed once per distinct account.
func (ws *weekStats) deptOfAccount(account string, levels int) string {
	if d, ok := ws.deptOf[account]; ok {
		return d
	}
	d := ws.str(Department(account, levels))
	ws.deptOf[ws.str(account)] = d
	return d
}

// primary is the labor account with the most money (ties: the smallest name), as an index into
// accounts; -1 when there is none (the employee's account is UNASSIGNED).
func primary(accounts []acctAmt) int {
	best, bi, amt := "", -1, int64(0)
	for i, x := range accounts {
		a, v := x.account, x.amount
		if best == "" || v > amt || (v == amt && a < best) {
			best, bi, amt = a, i, v
		}
	}
	return bi
}

// unassigned is the numbers of the account of an employee without one, and of its department.
func (ws *weekStats) unassigned(levels int) (acct, dept uint64) {
	const none = "UNASSIGNED"
	return ws.ref(none), ws.ref(ws.deptOfAccount(none, levels))
}

// Department is the first levels of a labor account ("/"-separated).
func Department(account string, levels int) string {
	parts := strings.SplitN(account, "/", levels+1)
	if len(parts) > levels {
		parts = parts[:levels]
	}
	return strings.Join(parts, "/")
}

// registerBatch is how many register rows the reader hands the two register writers at a time.
var registerBatch = 4096

// rowBatch is register rows on their way to the CSV and the Parquet writer; the last of the two
// to finish with it gives it back.
type rowBatch struct {
	rows []emit.RegisterRow
	left atomic.Int32
}

// closeWeek writes a week's register (CSV and Parquet, streamed employee by employee as the pay
// lines are read) and journal. The register's CSV and its Parquet are each written by a goroutine
// of their own from batches of rows, in the order the reader made them, while the reader decodes
// and adds up the next lines: the hand-off runs alone at the end of the close, and one core was
// idle (each file is still written by one goroutine, front to back, so its bytes do not change).
func closeWeek(in *Input, opt Options, w Week, create Create) (*weekStats, error) {
	week := "week_start=" + w.Start.String()
	weekCSV := w.Start.String()
	// The accrual rows that changed are read and sorted by employee on a goroutine of their own
	// while the pay lines are read (they need nothing of them until the join in
	// accrualLiability): alone after the register, they took a core while the other was idle.
	type changed struct {
		rows *spill.Sorter
		err  error
	}
	chg := make(chan changed, 1)
	go func() {
		rows, err := accrualChanges(w, in.Scratch)
		chg <- changed{rows, err}
	}()
	var changes *changed
	waitChanges := func() *changed {
		if changes == nil {
			c := <-chg
			changes = &c
		}
		return changes
	}
	defer func() { waitChanges().rows.Remove() }()
	var ws *weekStats
	err := create(path.Join("register", week, "register"+in.Suffix+".csv"), func(out io.Writer) (emit.Output, error) {
		var n int64
		o, err := countWrite(out, 0, func(bw io.Writer) (int64, error) {
			line := emit.AppendCSVLine(nil, RegisterHeader)
			if _, err := bw.Write(line); err != nil {
				return 0, err
			}
			err := create(path.Join("register", week, "register"+in.Suffix+".parquet"), func(pout io.Writer) (emit.Output, error) {
				rw, err := emit.NewRegisterWriter(pout, in.RunID)
				if err != nil {
					return emit.Output{}, err
				}
				size := max(registerBatch, 1)
				// Batches for a whole row group of the register Parquet and a few more: its
				// writer encodes a row group at once, and the reader (with 4 batches) waited for
				// it with a core idle.
				free := make(chan *rowBatch, min(64, emit.DefaultRowGroupRows/size+4))
				for range cap(free) {
					free <- &rowBatch{rows: make([]emit.RegisterRow, 0, size)}
				}
				toCSV, toPQ := make(chan *rowBatch, cap(free)), make(chan *rowBatch, cap(free))
				var failed atomic.Bool
				done := func(b *rowBatch) {
					if b.left.Add(-1) == 0 {
						b.rows = b.rows[:0]
						free <- b
					}
				}
				var wg sync.WaitGroup
				var csvErr, pqErr error
				wg.Add(2)
				go func() {
					defer wg.Done()
					rcsv := &registerCSV{week: weekCSV}
					for b := range toCSV {
						if csvErr == nil {
							line = line[:0]
							for i := range b.rows {
								line = rcsv.appendRow(line, &b.rows[i])
							}
							if _, csvErr = bw.Write(line); csvErr != nil {
								failed.Store(true)
							}
						}
						done(b)
					}
				}()
				go func() {
					defer wg.Done()
					for b := range toPQ {
						if pqErr == nil {
							if pqErr = rw.Write(b.rows); pqErr != nil {
								failed.Store(true)
							}
						}
						done(b)
					}
				}()
				cur := <-free
				send := func() {
					n += int64(len(cur.rows))
					cur.left.Store(2)
					toCSV <- cur
					toPQ <- cur
					cur = <-free
				}
				var serr error
				ws, serr = scanWeek(opt, w, in.Scratch, func(e *empWeek) error {
					if failed.Load() {
						return errWriterFailed
					}
					cur.rows = registerRows(w.Start, e, cur.rows)
					if len(cur.rows) >= size {
						send()
					}
					return nil
				})
				if serr == nil && len(cur.rows) > 0 {
					send()
				}
				close(toCSV)
				close(toPQ)
				wg.Wait()
				if serr == errWriterFailed {
					serr = nil
				}
				if serr == nil {
					serr = cmp.Or(csvErr, pqErr)
				}
				cerr := rw.Close()
				if serr != nil {
					return emit.Output{}, serr
				}
				return rw.Written(), cerr
			})
			return 0, err
		})
		o.Rows = n
		return o, err
	})
	if err != nil {
		return ws, err
	}
	c := waitChanges()
	if c.err != nil {
		return ws, c.err
	}
	leave, err := accrualLiability(opt, c.rows, ws)
	if err != nil {
		return ws, err
	}
	lines, pay, err := journalLines(opt.Mappings, w.Start, ws.debits, leave)
	if err != nil {
		return ws, err
	}
	ws.journalPay = pay
	if err := create(path.Join("journal", week, "journal"+in.Suffix+".csv"), func(out io.Writer) (emit.Output, error) {
		return countWrite(out, int64(len(lines)), func(w io.Writer) (int64, error) { return 0, writeJournalCSV(w, lines) })
	}); err != nil {
		return ws, err
	}
	return ws, nil
}

// accrualChanges reads the week's accrual rows whose hours changed into runs sorted by employee id
// (under scratch): one record for each employee's consecutive rows, their changes as varints in
// row order. An employee's banks come one after the other, so a record holds about five changes:
// a record per row (its id, length and 16-byte reference each time) spilled and read back four
// times the bytes at a million employee-weeks. The caller removes the runs, also after an error.
func accrualChanges(w Week, scratch string) (*spill.Sorter, error) {
	rows := newSorter(scratch)
	var emp, val []byte
	flush := func() error {
		if len(val) == 0 {
			return nil
		}
		err := rows.Add(emp, val)
		val = val[:0]
		return err
	}
	for _, p := range w.Accruals {
		err := readAccrualChanges(p, func(e string, d int64) error {
			if d == 0 {
				return nil
			}
			if e != string(emp) {
				if err := flush(); err != nil {
					return err
				}
				emp = append(emp[:0], e...)
			}
			val = binary.AppendVarint(val, d)
			return nil
		})
		if err == nil {
			err = flush()
		}
		if err != nil {
			return rows, err
		}
	}
	return rows, nil
}

// accrualLiability adds the change in each bank's hours, valued at the employee's base rate, to
// the week's debits by the employee's labor account (an employee without pay lines: UNASSIGNED,
// at no rate), and returns the total. The accrual rows that changed (accrualChanges, sorted by
// employee id) are joined with the week's employees, also in id order.
func accrualLiability(opt Options, rows *spill.Sorter, ws *weekStats) (int64, error) {
	it, err := rows.Iter()
	if err != nil {
		return 0, err
	}
	defer it.Close()
	iter, err := ws.empIter(nil)
	if err != nil {
		return 0, err
	}
	defer iter.close()
	emps := newEmpsAhead(iter)
	defer emps.close() // before iter's
	more, err := emps.next()
	if err != nil {
		return 0, err
	}
	debits := ws.debits
	ac, _ := opt.Mappings.GL(AccrualChange)
	none := empStat{account: "UNASSIGNED"}
	var leave int64
	// the debit of an employee's account, by the account's number in the week's names
	byRef := make([]*agg, len(ws.names))
	for {
		ok, err := it.Next()
		if err != nil {
			return 0, err
		}
		if !ok {
			break
		}
		for more && bytes.Compare(emps.id, it.Key) < 0 {
			if more, err = emps.next(); err != nil {
				return 0, err
			}
		}
		st := &none
		if more && bytes.Equal(emps.id, it.Key) {
			st = &emps.st
		}
		var a *agg
		if st != &none {
			a = byRef[st.accountRef]
		}
		if a == nil {
			k := jkey{st.account, ac.Class, ac.Account}
			if a = debits[k]; a == nil {
				a = &agg{}
				debits[k] = a
			}
			if st != &none {
				byRef[st.accountRef] = a
			}
		}
		for v := it.Val; len(v) > 0; {
			d, n := binary.Varint(v)
			if n <= 0 {
				return 0, fmt.Errorf("hand-off spill: a damaged accrual record")
			}
			v = v[n:]
			// Each row's change is valued on its own, as a row of the accruals file:
			// hours (1/10,000 h) × rate (1/10,000 $) = 1/100,000,000 $; to cents: / 1,000,000.
			cents := rates.Round(d*st.rate, 1_000_000)
			a.hours += d
			a.amount += cents
			leave += cents
		}
	}
	return leave, nil
}

// empsAhead reads a week's employees (an empIter) on a goroutine of its own, a batch ahead of the
// join of accrualLiability: merging the employees' runs and the accrual changes' runs took one
// core at the end of the hand-off while the other was idle.
type empsAhead struct {
	full, free chan *empBatch
	stop       chan struct{}
	b          *empBatch
	i          int
	id         []byte  // the current employee's id, valid until next
	st         empStat // and week
}

// empBatch is employees read ahead: ids[ends[i-1]:ends[i]] is the i-th one's id.
type empBatch struct {
	ids  []byte
	ends []int
	sts  []empStat
	err  error // after the employees before it
}

const empsAheadBatch, empsAheadBatches = 1024, 3

func newEmpsAhead(it *empIter) *empsAhead {
	// full and free each hold every batch at once: the reader never blocks sending.
	a := &empsAhead{full: make(chan *empBatch, empsAheadBatches), free: make(chan *empBatch, empsAheadBatches), stop: make(chan struct{})}
	for range empsAheadBatches {
		a.free <- &empBatch{}
	}
	go func() {
		defer close(a.full)
		for {
			var b *empBatch
			select {
			case b = <-a.free:
			case <-a.stop:
				return
			}
			b.ids, b.ends, b.sts, b.err = b.ids[:0], b.ends[:0], b.sts[:0], nil
			last := false
			for len(b.sts) < empsAheadBatch {
				more, err := it.next()
				if err != nil || !more {
					b.err, last = err, true
					break
				}
				b.ids = append(b.ids, it.id...)
				b.ends = append(b.ends, len(b.ids))
				b.sts = append(b.sts, it.st)
			}
			a.full <- b
			if last {
				return
			}
		}
	}()
	return a
}

// next moves to the next employee (a.id, a.st); false after the last.
func (a *empsAhead) next() (bool, error) {
	for {
		if b := a.b; b != nil {
			if a.i < len(b.sts) {
				lo := 0
				if a.i > 0 {
					lo = b.ends[a.i-1]
				}
				a.id, a.st = b.ids[lo:b.ends[a.i]], b.sts[a.i]
				a.i++
				return true, nil
			}
			if b.err != nil {
				return false, b.err
			}
			a.free <- b
			a.b = nil
		}
		b, ok := <-a.full
		if !ok {
			return false, nil
		}
		a.b, a.i = b, 0
	}
}

// close stops the reader and waits for it to end.
func (a *empsAhead) close() {
	close(a.stop)
	for range a.full {
	}
}

// registerRows are an employee's register rows, earning codes in order, the employee's totals on
// each.
func registerRows(week calendars.Date, e *empWeek, rows []emit.RegisterRow) []emit.RegisterRow {
	var gross, hours int64
	for _, c := range e.codes {
		gross += c.amount
		if c.paid {
			hours += c.hours
		}
	}
	// Earning code order by insertion of indexes: an employee has a few codes, and moving the
	// 80-byte codes themselves cost half a CPU second at 1M employee-weeks.
	var small [16]int
	order := small[:0]
	if len(e.codes) > len(small) {
		order = make([]int, 0, len(e.codes))
	}
	for i := range e.codes {
		j := len(order)
		order = append(order, i)
		for ; j > 0 && e.codes[order[j-1]].code > e.codes[i].code; j-- {
			order[j] = order[j-1]
		}
		order[j] = i
	}
	for _, i := range order {
		c := &e.codes[i]
		r := emit.RegisterRow{Week: week, Employee: e.id, RuleSet: e.ruleSet, EarningCode: c.code, Description: c.desc,
			Hours: c.hours, Amount: c.amount, Rates: int32(len(c.rates)), EmployeeHours: hours, EmployeeGross: gross}
		if len(c.rates) == 1 {
			r.Rate = c.rate
		}
		rows = append(rows, r)
	}
	return rows
}

// errWriterFailed stops the reader when a register writer has failed (its error is returned).
var errWriterFailed = errors.New("register writer failed")

// appendRegisterCSV appends a register row as encoding/csv writes it (fields quoted only when they
// need it, "\n" line ends), without a string per field: the register is millions of rows.
func appendRegisterCSV(b []byte, week string, r *emit.RegisterRow) []byte {
	c := registerCSV{week: week}
	return c.appendRow(b, r)
}

// registerCSV writes register rows as appendRegisterCSV describes, keeping the text of the fields
// that repeat from row to row: week, employee and rule set, and the employee's totals, are the
// same on each of an employee's rows, and an earning code and its description come from a
// short list. Only hours, rate and amount are formatted per row. (Formatting and checking for
// quotes every field of every row was 0.8 of the hand-off's CPU seconds at 1M employee-weeks.)
type registerCSV struct {
	week string

	emp, ruleSet string // the strings of prefix
	prefix       []byte // week,employee,rule set,
	hasPrefix    bool

	empHours, empGross int64  // the numbers of suffix
	suffix             []byte // ,employee hours,employee gross\n
	hasSuffix          bool

	// codes holds "code,description," by where the code's bytes are (the mapping's strings).
	codes [64]struct {
		code, desc string
		text       []byte
	}
}

func (c *registerCSV) appendRow(b []byte, r *emit.RegisterRow) []byte {
	if !c.hasPrefix || r.Employee != c.emp || r.RuleSet != c.ruleSet {
		p := append(emit.AppendCSVField(c.prefix[:0], c.week), ',')
		p = append(emit.AppendCSVField(p, r.Employee), ',')
		c.prefix = append(emit.AppendCSVField(p, r.RuleSet), ',')
		c.emp, c.ruleSet, c.hasPrefix = r.Employee, r.RuleSet, true
	}
	b = append(b, c.prefix...)
	e := &c.codes[(uintptr(unsafe.Pointer(unsafe.StringData(r.EarningCode)))>>3^uintptr(len(r.EarningCode)))%uintptr(len(c.codes))]
	if e.text == nil || e.code != r.EarningCode || e.desc != r.Description {
		t := append(emit.AppendCSVField(e.text[:0], r.EarningCode), ',')
		e.text = append(emit.AppendCSVField(t, r.Description), ',')
		e.code, e.desc = r.EarningCode, r.Description
	}
	b = append(b, e.text...)
	b = rates.AppendFixed(b, r.Hours, 4)
	b = append(b, ',')
	if r.Rates > 1 {
		b = append(b, "various"...)
	} else {
		b = rates.AppendFixed(b, r.Rate, 4)
	}
	b = append(b, ',')
	b = rates.AppendFixed(b, r.Amount, 2)
	if !c.hasSuffix || r.EmployeeHours != c.empHours || r.EmployeeGross != c.empGross {
		s := rates.AppendFixed(append(c.suffix[:0], ','), r.EmployeeHours, 4)
		s = rates.AppendFixed(append(s, ','), r.EmployeeGross, 2)
		c.suffix = append(s, '\n')
		c.empHours, c.empGross, c.hasSuffix = r.EmployeeHours, r.EmployeeGross, true
	}
	return append(b, c.suffix...)
}

// JournalLine is one line of journal.csv; amounts in cents, signed amount on one side only.
type JournalLine struct {
	Week          calendars.Date
	Line          int
	GLAccount     string
	LaborAccount  string
	Class         string
	Debit, Credit int64
	Hours         int64
	Memo          string
}

// journalLines orders the debits (labor account, class) and adds the two credits. A negative
// amount (a bank that shrank) goes on the other side. Debits must equal credits.
func journalLines(m *Mappings, week calendars.Date, debits map[jkey]*agg, leave int64) ([]JournalLine, int64, error) {
	keys := make([]jkey, 0, len(debits))
	for k := range debits {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.account != b.account {
			return a.account < b.account
		}
		if a.class != b.class {
			return a.class < b.class
		}
		return a.gl < b.gl
	})
	var out []JournalLine
	put := func(gl, acct, class string, amount, hours int64, memo string) {
		l := JournalLine{Week: week, GLAccount: gl, LaborAccount: acct, Class: class, Hours: hours, Memo: memo}
		if amount >= 0 {
			l.Debit = amount
		} else {
			l.Credit = -amount
		}
		l.Line = len(out) + 1
		out = append(out, l)
	}
	ac, _ := m.GL(AccrualChange)
	var pay int64
	for _, k := range keys {
		a := debits[k]
		if a.amount == 0 {
			continue
		}
		if k.class != ac.Class || k.gl != ac.Account {
			pay += a.amount
		}
		put(k.gl, k.account, k.class, a.amount, a.hours, "")
	}
	cp, _ := m.GL(AccruedPayroll)
	cl, _ := m.GL(AccruedLeave)
	put(cp.Account, "", cp.Class, -pay, 0, "gross pay of the week")
	if leave != 0 {
		put(cl.Account, "", cl.Class, -leave, 0, "change in leave banks at base rate")
	}
	var dr, cr int64
	for _, l := range out {
		dr += l.Debit
		cr += l.Credit
	}
	if dr != cr {
		return nil, 0, fmt.Errorf("%w: journal of week %s: debits %s, credits %s", ErrUnbalanced, week, rates.Money(dr), rates.Money(cr))
	}
	return out, pay, nil
}

// RegisterHeader and JournalHeader are the CSV columns (documented in docs/FORMATS.md).
var (
	RegisterHeader = []string{"week_start", "employee_id", "rule_set", "earning_code", "description", "hours", "rate", "amount", "employee_hours", "employee_gross"}
	JournalHeader  = []string{"week_start", "line", "gl_account", "labor_account", "expense_class", "debit", "credit", "hours", "memo"}
)

func hours4(h int64) string { return fixed(h, 4) }
func money(c int64) string  { return fixed(c, 2) }

// fixed formats an unscaled decimal with scale places, as rates' String methods do (the register
// writes millions of them; going through a decimal type was a tenth of the hand-off).
func fixed(v int64, scale int) string {
	var buf [32]byte
	return string(rates.AppendFixed(buf[:0], v, scale))
}

func writeJournalCSV(w io.Writer, lines []JournalLine) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(JournalHeader); err != nil {
		return err
	}
	for _, l := range lines {
		if err := cw.Write([]string{l.Week.String(), strconv.Itoa(l.Line), l.GLAccount, l.LaborAccount, l.Class,
			money(l.Debit), money(l.Credit), hours4(l.Hours), l.Memo}); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// countWrite runs write on a buffered, hashing writer and describes the result.
func countWrite(out io.Writer, rows int64, write func(io.Writer) (int64, error)) (emit.Output, error) {
	h := &hashCount{w: out, h: sha256.New()}
	bw := bufio.NewWriterSize(h, 64<<10)
	if _, err := write(bw); err != nil {
		return emit.Output{}, err
	}
	if err := bw.Flush(); err != nil {
		return emit.Output{}, err
	}
	return emit.Output{Rows: rows, Bytes: h.n, SHA256: hex.EncodeToString(h.h.Sum(nil))}, nil
}

type hashCount struct {
	w io.Writer
	h hash.Hash
	n int64
}

func (c *hashCount) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.h.Write(p[:n])
	c.n += int64(n)
	return n, err
}

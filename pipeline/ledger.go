package pipeline

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/maphash"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/emit"
)

// ledger is a close's view of the output directory, taken under its lock: the index, and for
// each week the close closes, this shard's run that is current for it (nil for a first close).
type ledger struct {
	dir   string
	lock  *emit.Lock
	index *emit.Index
	// created is set when this close created the directory.
	created bool
	prior   []*emit.RunFiles // by week of the run
	// unchanged is set when every week the close closes is current under the very run id the
	// close computes (same inputs, same settings): the close then only checks its files are
	// byte-identical to the ledger's and changes nothing.
	unchanged bool
}

// openLedger resolves --out (a symlink is followed: the ledger is its target), takes the lock,
// finishes or discards what a crashed close left, and reads the index.
func openLedger(cfg *Config) (*ledger, error) {
	dir := filepath.Clean(cfg.Out)
	if fi, err := os.Lstat(dir); err == nil && fi.Mode()&fs.ModeSymlink != 0 {
		target, err := filepath.EvalSymlinks(dir)
		if err != nil {
			return nil, fmt.Errorf("--out %s is a symlink whose target cannot be used: %w", dir, err)
		}
		dir = target
	}
	_, statErr := os.Stat(dir)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, fmt.Errorf("output directory: %w", err)
	}
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		return nil, fmt.Errorf("output directory %s: not a directory", dir)
	}
	host, _ := os.Hostname()
	h := emit.Holder{PID: os.Getpid(), Host: host, Started: time.Now().UTC().Format(time.RFC3339), Weeks: weekStrings(cfg)}
	if cfg.Shards > 1 {
		h.Shard = fmt.Sprintf("%d/%d", cfg.Shard, cfg.Shards)
	}
	lock, err := emit.LockLedgerWait(dir, h, cfg.LockWait)
	if err != nil {
		return nil, err
	}
	led := &ledger{dir: dir, lock: lock, created: errors.Is(statErr, fs.ErrNotExist)}
	if err := emit.Recover(dir); err != nil {
		led.release(false)
		return nil, err
	}
	if led.index, err = emit.ReadIndex(dir); err != nil {
		led.release(false)
		if errors.Is(err, emit.ErrNotLedger) {
			return nil, fmt.Errorf("%s: %w; it looks like the output of an earlier payclose: close into a new --out (with --previous %s for the opening balances)", dir, err, dir)
		}
		return nil, err
	}
	for k := 0; k < cfg.Weeks; k++ {
		week := cfg.Week.AddDays(7 * k).String()
		var prior *emit.RunFiles
		if e := led.index.Week(week); e != nil {
			if e.Shards != cfg.Shards {
				led.release(false)
				return nil, usageError(fmt.Sprintf("week %s is in %s closed in %d shard(s); close it again with --shard i/%d", week, dir, e.Shards, e.Shards))
			}
			for i := range e.Current {
				if e.Current[i].Shard == cfg.Shard {
					prior = &e.Current[i]
				}
			}
		}
		led.prior = append(led.prior, prior)
	}
	return led, nil
}

// release drops the lock. A failed first close into a directory it created removes the
// directory again, so a failed close leaves nothing behind.
func (l *ledger) release(ok bool) {
	if l == nil {
		return
	}
	if !ok && l.created && (l.index == nil || len(l.index.Runs) == 0) {
		os.RemoveAll(filepath.Join(l.dir, ".staging"))
		l.lock.Remove()
		os.Remove(l.dir) // only if empty
		return
	}
	l.lock.Release()
}

func weekStrings(cfg *Config) []string {
	var out []string
	for k := 0; k < cfg.Weeks; k++ {
		out = append(out, cfg.Week.AddDays(7*k).String())
	}
	return out
}

// corrected lists the weeks of the close the ledger already holds (for this shard).
func (l *ledger) corrected(cfg *Config) []string {
	var out []string
	for k, p := range l.prior {
		if p != nil {
			out = append(out, cfg.Week.AddDays(7*k).String())
		}
	}
	return out
}

// plan settles the run id and checks a correction is complete: the run id is the hash of the
// inputs (contentID) unless the ledger already holds a run of that id that is no longer current
// (the same inputs closed again after another correction), in which case it also hashes the runs
// it supersedes, so a run id names one commit.
func (l *ledger) plan(cfg *Config, contentID string) (string, error) {
	corrected := l.corrected(cfg)
	if len(corrected) == len(l.prior) {
		same := true
		for _, p := range l.prior {
			same = same && p.RunID == contentID
		}
		if same {
			l.unchanged = true
			return contentID, nil
		}
	}
	if len(corrected) > 0 {
		// Accruals follow: a later week's opening balances are this week's closing ones.
		last := cfg.Week.AddDays(7 * (cfg.Weeks - 1)).String()
		var later []string
		for _, e := range l.index.Weeks {
			if e.WeekStart > last {
				later = append(later, e.WeekStart)
			}
		}
		if len(later) > 0 {
			all := append(weekStrings(cfg), later...)
			return "", usageError(fmt.Sprintf("re-closing %s: the ledger holds later weeks (%s) whose accruals open from it; include them in this close: --week %s --weeks %d (the export must cover them)",
				strings.Join(corrected, ", "), strings.Join(later, ", "), cfg.Week, weeksBetween(all[0], all[len(all)-1])))
		}
		if cfg.PayWeek == 0 {
			return "", usageError(fmt.Sprintf("week(s) %s are already closed in %s: a correction needs --pay-week (the week the differences are paid in)", strings.Join(corrected, ", "), l.dir))
		}
		for _, w := range corrected {
			if cfg.PayWeek.String() <= w {
				return "", usageError(fmt.Sprintf("--pay-week %s: the differences of week %s are paid in a later week", cfg.PayWeek, w))
			}
		}
	}
	if l.index.Run(contentID) == nil {
		return contentID, nil
	}
	h := sha256.New()
	fmt.Fprintf(h, "%s supersedes", contentID)
	for _, p := range l.prior {
		if p != nil {
			fmt.Fprintf(h, " %s", p.RunID)
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}

func weeksBetween(first, last string) int {
	a, _ := calendars.ParseISODate(first)
	b, _ := calendars.ParseISODate(last)
	return int(b-a)/7 + 1
}

// opening is a closed week whose closing balances open the close: its accrual files, verified.
type opening struct {
	week  calendars.Date
	files []string // absolute paths
	// known: the week's closing balances rest on opening balances that were given (every
	// current run of it says so); else they started from zero (emit.Manifest.BalancesKnown).
	known bool
}

// runsKnown reports whether every run in rfs closed on given opening balances.
func runsKnown(rfs []emit.RunFiles) bool {
	for _, rf := range rfs {
		if !rf.BalancesKnown {
			return false
		}
	}
	return len(rfs) > 0
}

// resolveOpening finds and verifies the accrual files the opening balances come from, and lists
// them as inputs of the run: --previous DIR (a ledger or an earlier payclose output), or, with
// neither --previous nor --balances, the ledger's own week before --week when it holds it. Every
// file used must match the sha256 its manifest lists.
func resolveOpening(cfg *Config, led *ledger) ([]emit.Input, error) {
	if cfg.Previous != "" {
		if cfg.Balances != "" {
			return nil, usageError("--balances and --previous both give opening balances: pass one")
		}
		return previousOpening(cfg)
	}
	if cfg.Balances != "" || led == nil {
		return nil, nil
	}
	prevWeek := cfg.Week.AddDays(-7)
	e := led.index.Week(prevWeek.String())
	if e == nil {
		return nil, nil
	}
	if !e.Closed {
		return nil, fmt.Errorf("the opening balances of %s come from week %s in %s, which not all %d shards have closed yet", cfg.Week, prevWeek, led.dir, e.Shards)
	}
	op := &opening{week: prevWeek, known: runsKnown(e.Current)}
	var inputs []emit.Input
	for _, rf := range e.Current {
		for _, o := range rf.Files {
			if !strings.HasPrefix(o.Path, "accruals/") {
				continue
			}
			if err := emit.VerifyFile(led.dir, o); err != nil {
				return nil, fmt.Errorf("ledger %s: %w", led.dir, err)
			}
			op.files = append(op.files, filepath.Join(led.dir, filepath.FromSlash(o.Path)))
			inputs = append(inputs, emit.Input{Name: "ledger_accruals", Path: o.Path, SHA256: o.SHA256, Bytes: o.Bytes, Rows: o.Rows})
		}
	}
	cfg.opening = op
	return inputs, nil
}

// previousOpening verifies --previous: its manifest.json must parse (a ledger index, or the run
// manifest of an earlier payclose), and the accrual files of its latest week must be exactly the
// ones it lists, with the listed sha256.
func previousOpening(cfg *Config) ([]emit.Input, error) {
	dir := cfg.Previous
	mpath := filepath.Join(dir, emit.IndexFile)
	raw, err := os.ReadFile(mpath)
	if err != nil {
		return nil, fmt.Errorf("--previous: %w", err)
	}
	var listed []emit.Output // accrual files of the latest week
	var latest string
	balancesKnown := false
	if x, err := emit.ParseIndex(raw); err == nil {
		// The week before --week if the ledger has it, else its latest (which readPrevious then
		// refuses, saying which week it would open).
		want := cfg.Week.AddDays(-7).String()
		for _, e := range x.Weeks {
			if latest != want && (e.WeekStart > latest || e.WeekStart == want) {
				latest = e.WeekStart
				listed, balancesKnown = nil, runsKnown(e.Current)
				if !e.Closed {
					return nil, fmt.Errorf("--previous %s: week %s is not closed by all %d shards", dir, e.WeekStart, e.Shards)
				}
				for _, rf := range e.Current {
					for _, o := range rf.Files {
						if strings.HasPrefix(o.Path, "accruals/") {
							listed = append(listed, o)
						}
					}
				}
			}
		}
	} else if errors.Is(err, emit.ErrNotLedger) {
		var m emit.Manifest
		if err := json.Unmarshal(raw, &m); err != nil || m.RunID == "" {
			return nil, fmt.Errorf("--previous: %s is not a payclose manifest: %v", mpath, err)
		}
		balancesKnown = m.BalancesKnown
		for _, o := range m.Outputs {
			if w, ok := strings.CutPrefix(o.Path, "accruals/week_start="); ok {
				w, _, _ = strings.Cut(w, "/")
				if w > latest {
					latest, listed = w, nil
				}
				if w == latest {
					listed = append(listed, o)
				}
			}
		}
	} else {
		return nil, fmt.Errorf("--previous: %s: %w", mpath, err)
	}
	if latest == "" || len(listed) == 0 {
		return nil, fmt.Errorf("--previous %s: its manifest lists no accruals (is it a payclose output directory?)", dir)
	}
	week, err := calendars.ParseISODate(latest)
	if err != nil {
		return nil, fmt.Errorf("--previous: %s: week %q: %w", mpath, latest, err)
	}
	// A part file in the week's directory that the manifest does not list would be read by
	// nobody and trusted by no one: refuse rather than guess.
	onDisk, _ := filepath.Glob(filepath.Join(dir, "accruals", "week_start="+latest, "*.parquet"))
	known := map[string]bool{}
	for _, o := range listed {
		known[filepath.Join(dir, filepath.FromSlash(o.Path))] = true
	}
	for _, p := range onDisk {
		if !known[p] {
			return nil, fmt.Errorf("--previous: %s is not listed in %s", p, mpath)
		}
	}
	sum := sha256.Sum256(raw)
	inputs := []emit.Input{{Name: "previous", Path: mpath, SHA256: hex.EncodeToString(sum[:]), Bytes: int64(len(raw))}}
	op := &opening{week: week, known: balancesKnown}
	for _, o := range listed {
		if err := emit.VerifyFile(dir, o); err != nil {
			return nil, fmt.Errorf("--previous %s: %w", dir, err)
		}
		op.files = append(op.files, filepath.Join(dir, filepath.FromSlash(o.Path)))
		inputs = append(inputs, emit.Input{Name: "previous_accruals", Path: filepath.Join(dir, filepath.FromSlash(o.Path)), SHA256: o.SHA256, Bytes: o.Bytes, Rows: o.Rows})
	}
	cfg.opening = op
	return inputs, nil
}

// payKey is the grain of an adjustment line.
type payKey struct {
	emp, date, code, rule, acct string
}

type payAgg struct {
	ruleSet        string
	minutes, hours int64
	amount         int64
	rate           int64
}

// weekLines sums pay lines by adjustment grain and gross by employee.
type weekLines struct {
	lines map[payKey]*payAgg
	gross map[string]int64
	// others is the gross of the week's employees left out of gross: in a correction, those
	// whose lines did not change, the same on both sides (a map entry each was two million map
	// writes for a week of a million employees, and as many reads in adjust).
	others int64
}

// readWeekLines sums the pay lines of the employees keep accepts (all when keep is nil). Lines
// come employee by employee, so the keep decision is made once per run of an employee's lines.
func readWeekLines(paths []string, keep map[string]bool) (*weekLines, error) {
	wl := &weekLines{lines: map[payKey]*payAgg{}, gross: map[string]int64{}}
	last, kept := "", false
	for _, p := range paths {
		err := emit.ReadPayLines(p, func(r *emit.PayLineRow) {
			if r.Employee != last || last == "" {
				last, kept = strings.Clone(r.Employee), keep == nil || keep[r.Employee]
			}
			if !kept {
				return
			}
			k := payKey{last, r.WorkDate.String(), r.PayCode, r.RuleID, r.Account}
			a := wl.lines[k]
			if a == nil {
				k.code, k.rule, k.acct = strings.Clone(k.code), strings.Clone(k.rule), strings.Clone(k.acct)
				a = &payAgg{ruleSet: strings.Clone(r.RuleSet)}
				wl.lines[k] = a
			}
			a.minutes += r.Minutes
			a.hours += r.Hours
			a.amount += r.Amount
			a.rate = max(a.rate, r.Rate)
			wl.gross[last] += r.Amount
		})
		if err != nil {
			return nil, err
		}
	}
	return wl, nil
}

// linePrint is an employee's pay lines in a week in brief: the gross, and an order-independent
// fingerprint of every line's grain and numbers.
type linePrint struct {
	gross, sum uint64
}

// printSeed seeds the strings' hashes of every fingerprint this process makes.
var printSeed = maphash.MakeSeed()

// fingerprints reads pay-line files once and keeps 16 bytes per employee, so that a correction
// of a large week holds in memory only the lines of the employees whose lines changed.
func fingerprints(paths []string) (map[string]*linePrint, error) {
	out := map[string]*linePrint{}
	var cur *linePrint
	last := ""
	for _, p := range paths {
		err := emit.ReadPayLines(p, func(r *emit.PayLineRow) {
			if cur == nil || r.Employee != last {
				// Lines come employee by employee: one map lookup per employee, not per line.
				last = strings.Clone(r.Employee)
				if cur = out[last]; cur == nil {
					cur = new(linePrint)
					out[last] = cur
				}
			}
			// Each string by maphash (AES rounds, 16 bytes at a time): FNV a byte at a time over
			// ~55 bytes a line was the largest part of a correction's fingerprints. The seed is
			// the process's, so both sides of a comparison hash alike; prints are never stored.
			h := uint64(14695981039346656037)
			for _, s := range [...]string{r.RuleSet, r.PayCode, r.RuleID, r.Account} {
				h = (h ^ maphash.String(printSeed, s)) * 1099511628211
			}
			for _, v := range [...]int64{int64(r.WorkDate), r.Minutes, r.Hours, r.Amount, r.Rate} {
				h = (h ^ uint64(v)) * 1099511628211
			}
			// splitmix64 finaliser: a sum of well-mixed line hashes does not cancel.
			h ^= h >> 30
			h *= 0xbf58476d1ce4e5b9
			h ^= h >> 27
			h *= 0x94d049bb133111eb
			h ^= h >> 31
			cur.sum += h
			cur.gross += uint64(r.Amount)
		})
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

// changedEmployees reads the paid and new lines of a week and returns the employees whose lines
// differ (in number, grain or amount), each side read once more only for them.
// The paid and the new side are read at once, one goroutine each: the close has ended, and a
// correction of a large week otherwise reads them one after the other on one core.
func changedEmployees(priorPaths, newPaths []string) (prior, now *weekLines, err error) {
	var fp, fn map[string]*linePrint
	var g errgroup.Group
	g.Go(func() (err error) { fp, err = fingerprints(priorPaths); return err })
	g.Go(func() (err error) { fn, err = fingerprints(newPaths); return err })
	if err := g.Wait(); err != nil {
		return nil, nil, err
	}
	changed := map[string]bool{}
	differ := func(a, b *linePrint) bool { return a == nil || b == nil || *a != *b }
	for e, f := range fp {
		if differ(fn[e], f) {
			changed[e] = true
		}
	}
	for e, f := range fn {
		if differ(fp[e], f) {
			changed[e] = true
		}
	}
	g.Go(func() (err error) { prior, err = readWeekLines(priorPaths, changed); return err })
	g.Go(func() (err error) { now, err = readWeekLines(newPaths, changed); return err })
	if err := g.Wait(); err != nil {
		return nil, nil, err
	}
	// The grosses the adjustments are checked against come from the first reading, not from the
	// lines the adjustments were made of: paid and new gross of every changed employee, and the
	// gross of the others as one sum.
	prior.gross, now.gross = map[string]int64{}, map[string]int64{}
	for _, side := range []struct {
		fp map[string]*linePrint
		wl *weekLines
	}{{fp, prior}, {fn, now}} {
		for e, f := range side.fp {
			if changed[e] {
				side.wl.gross[e] = int64(f.gross)
			} else {
				side.wl.others += int64(f.gross)
			}
		}
	}
	return prior, now, nil
}

// adjust compares the paid (prior) and new lines of one week: one adjustment per grain whose
// minutes or amount changed, and the check that, per employee, the adjustments add up to new
// gross − paid gross.
func adjust(week calendars.Date, prior, now *weekLines, priorRun, newRun string) ([]emit.Adjustment, emit.Correction) {
	keys := map[payKey]bool{}
	for k := range prior.lines {
		keys[k] = true
	}
	for k := range now.lines {
		keys[k] = true
	}
	var adj []emit.Adjustment
	byEmp := map[string]int64{}
	for k := range keys {
		p, n := prior.lines[k], now.lines[k]
		a := emit.Adjustment{Employee: k.emp, PayCode: k.code, RuleID: k.rule, Account: k.acct, CorrectedWeek: week,
			PriorRunID: priorRun, NewRunID: newRun}
		a.WorkDate, _ = calendars.ParseISODate(k.date)
		var ph, nh int64
		switch {
		case p == nil:
			a.Change, a.RuleSet, a.Rate = "ADDED", n.ruleSet, n.rate
		case n == nil:
			a.Change, a.RuleSet, a.Rate = "REMOVED", p.ruleSet, p.rate
		default:
			a.Change, a.RuleSet, a.Rate = "CHANGED", n.ruleSet, n.rate
		}
		if p != nil {
			a.PriorMinutes, a.PriorAmount, ph = p.minutes, p.amount, p.hours
		}
		if n != nil {
			a.NewMinutes, a.NewAmount, nh = n.minutes, n.amount, n.hours
		}
		a.DeltaHours = nh - ph
		if a.DeltaMinutes() == 0 && a.DeltaAmount() == 0 && a.DeltaHours == 0 {
			continue
		}
		adj = append(adj, a)
		byEmp[a.Employee] += a.DeltaAmount()
	}
	slices.SortFunc(adj, func(a, b emit.Adjustment) int {
		return cmp.Or(strings.Compare(a.Employee, b.Employee), cmp.Compare(a.WorkDate, b.WorkDate), strings.Compare(a.PayCode, b.PayCode),
			strings.Compare(a.RuleID, b.RuleID), strings.Compare(a.Account, b.Account))
	})
	paid, gross, sum := prior.others, now.others, int64(0)
	ok := true
	emps := map[string]bool{}
	for e, g := range prior.gross {
		paid += g
		emps[e] = true
	}
	for e, g := range now.gross {
		gross += g
		emps[e] = true
	}
	changed := int64(0)
	for e := range emps {
		if byEmp[e] != now.gross[e]-prior.gross[e] {
			ok = false
		}
		if byEmp[e] != 0 || now.gross[e] != prior.gross[e] {
			changed++
		}
		sum += byEmp[e]
	}
	ok = ok && sum == gross-paid
	return adj, emit.Correction{Week: week.String(), PriorRunID: priorRun, PaidGross: rates.Money(paid).String(),
		NewGross: rates.Money(gross).String(), Adjustments: rates.Money(sum).String(), AdjustmentRows: int64(len(adj)),
		EmployeesChanged: changed, OK: ok}
}

// ErrAdjustments is returned when a correction's adjustments do not add up; nothing is written.
var ErrAdjustments = errors.New("adjustments do not add up")

// commit puts the run into the ledger: corrections' adjustments, the run's manifest and reports
// under runs/<run_id>/, superseded files under superseded/, the new index.
func (l *ledger) commit(cfg *Config, stage *emit.Staging, m *emit.Manifest, res *Result) error {
	weekFiles := func(k int) []emit.Output {
		var out []emit.Output
		w := "week_start=" + cfg.Week.AddDays(7*k).String()
		for _, o := range m.Outputs {
			if isWeekTable(o.Path, w) {
				out = append(out, o)
			}
		}
		return out
	}
	if l.unchanged {
		for k, p := range l.prior {
			if !sameFiles(p.Files, weekFiles(k)) {
				return fmt.Errorf("re-closing week %s with the inputs of run %s gave different files: the close is not deterministic; nothing was written",
					cfg.Week.AddDays(7*k), p.RunID)
			}
		}
		res.Unchanged = true
		return stage.Abort()
	}

	// Adjustments: the corrected weeks' paid lines against the new ones.
	var adj []emit.Adjustment
	for k, p := range l.prior {
		if p == nil {
			continue
		}
		week := cfg.Week.AddDays(7 * k)
		var priorPaths, newPaths []string
		for _, o := range p.Files {
			if strings.HasPrefix(o.Path, "pay_lines/") {
				if err := emit.VerifyFile(l.dir, o); err != nil {
					return fmt.Errorf("ledger %s: %w", l.dir, err)
				}
				priorPaths = append(priorPaths, filepath.Join(l.dir, filepath.FromSlash(o.Path)))
			}
		}
		for _, o := range weekFiles(k) {
			if strings.HasPrefix(o.Path, "pay_lines/") {
				newPaths = append(newPaths, stage.Path(o.Path))
			}
		}
		prior, now, err := changedEmployees(priorPaths, newPaths)
		if err != nil {
			return err
		}
		rows, c := adjust(week, prior, now, p.RunID, m.RunID)
		m.Corrections = append(m.Corrections, c)
		if !c.OK {
			return fmt.Errorf("%w for week %s: paid %s, now %s, adjustments %s; nothing was written", ErrAdjustments, c.Week, c.PaidGross, c.NewGross, c.Adjustments)
		}
		adj = append(adj, rows...)
	}
	res.Adjustments = adj
	m.OffCycleChecks = offCycle(cfg, adj)
	var moves []emit.Move
	x := *l.index
	x.Weeks = append([]emit.WeekEntry(nil), x.Weeks...)
	x.Ledger = emit.LedgerVersion
	if len(m.Corrections) > 0 {
		m.PayWeek = cfg.PayWeek.String()
		rel := path.Join("adjustments", "pay_week="+cfg.PayWeek.String(), "part-"+m.RunID+".parquet")
		o, err := writeFile(stage, rel, func(w io.Writer) (emit.Output, error) { return emit.WriteAdjustments(w, m.RunID, adj) })
		if err != nil {
			return err
		}
		m.Outputs = append(m.Outputs, o)
		moves = append(moves, stage.StagedMove(rel))
		x.Adjustments = append(append([]emit.AdjustmentEntry(nil), x.Adjustments...),
			emit.AdjustmentEntry{PayWeek: cfg.PayWeek.String(), RunID: m.RunID, CorrectedWeeks: l.corrected(cfg), Files: []emit.Output{o}})
	}

	// The run's own manifest, never overwritten.
	runDir := path.Join("runs", m.RunID)
	mrel := path.Join(runDir, "manifest.json")
	if err := emit.WriteManifest(stagePathMkdir(stage, mrel), m); err != nil {
		return err
	}
	sum, n, err := emit.HashFile(stage.Path(mrel))
	if err != nil {
		return err
	}
	run := emit.RunEntry{RunID: m.RunID, Weeks: m.WeekStarts, Shard: cfg.Shard, Shards: cfg.Shards, PayWeek: m.PayWeek,
		Manifest: emit.Output{Path: mrel, Bytes: n, SHA256: sum}}
	var staged []emit.Move
	for _, o := range m.Outputs {
		staged = append(staged, stage.StagedMove(o.Path))
		if strings.HasPrefix(o.Path, runDir+"/") {
			run.Reports = append(run.Reports, o)
		}
	}
	staged = append(staged, stage.StagedMove(mrel))
	x.Runs = append(append([]emit.RunEntry(nil), x.Runs...), run)

	// Weeks: the prior run's files move to superseded/, the new ones become current.
	for k := 0; k < cfg.Weeks; k++ {
		week := cfg.Week.AddDays(7 * k).String()
		var e *emit.WeekEntry
		for i := range x.Weeks {
			if x.Weeks[i].WeekStart == week {
				e = &x.Weeks[i]
			}
		}
		if e == nil {
			x.Weeks = append(x.Weeks, emit.WeekEntry{WeekStart: week, Shards: cfg.Shards})
			e = &x.Weeks[len(x.Weeks)-1]
		}
		e.Current = append([]emit.RunFiles(nil), e.Current...)
		e.Superseded = append([]emit.RunFiles(nil), e.Superseded...)
		var kept []emit.RunFiles
		for _, rf := range e.Current {
			if rf.Shard != cfg.Shard {
				kept = append(kept, rf)
				continue
			}
			old := rf
			old.Files = nil
			old.SupersededBy = m.RunID
			for _, o := range rf.Files {
				table, rest, _ := strings.Cut(o.Path, "/")
				_, base, _ := strings.Cut(rest, "/")
				to := path.Join("superseded", table, "week_start="+week, "run_id="+rf.RunID, base)
				moves = append(moves, emit.Move{From: o.Path, To: to})
				o.Path = to
				old.Files = append(old.Files, o)
			}
			e.Superseded = append(e.Superseded, old)
		}
		kept = append(kept, emit.RunFiles{RunID: m.RunID, Shard: cfg.Shard, Files: weekFiles(k), BalancesKnown: m.BalancesKnown})
		sort.Slice(kept, func(i, j int) bool { return kept[i].Shard < kept[j].Shard })
		e.Current = kept
		e.Closed = len(kept) == e.Shards
	}
	sort.Slice(x.Weeks, func(i, j int) bool { return x.Weeks[i].WeekStart < x.Weeks[j].WeekStart })
	moves = append(moves, staged...)

	if mv, o, ok, err := stageLatestReport(stage, runDir, m); err != nil {
		return err
	} else if ok {
		x.Report = &o
		moves = append(moves, mv)
	}
	b, err := emit.MarshalIndex(&x)
	if err != nil {
		return err
	}
	if err := os.WriteFile(stage.Path("index.json"), b, 0o644); err != nil {
		return err
	}
	ix := stage.StagedMove("index.json")
	moves = append(moves, emit.Move{From: ix.From, To: emit.IndexFile, Replace: true})
	if err := stage.Commit(moves); err != nil {
		return err
	}
	l.index = &x
	res.RunDir = filepath.Join(l.dir, filepath.FromSlash(runDir))
	return nil
}

func stagePathMkdir(stage *emit.Staging, rel string) string {
	p := stage.Path(rel)
	os.MkdirAll(filepath.Dir(p), 0o755)
	return p
}

// sameFiles reports whether two file lists have the same paths and sha256s.
func sameFiles(a, b []emit.Output) bool {
	if len(a) != len(b) {
		return false
	}
	key := func(o []emit.Output) []string {
		var s []string
		for _, x := range o {
			s = append(s, x.Path+" "+x.SHA256)
		}
		sort.Strings(s)
		return s
	}
	ka, kb := key(a), key(b)
	for i := range ka {
		if ka[i] != kb[i] {
			return false
		}
	}
	return true
}

// offCycle lists the employees whose adjustments in this run add up to an amount their rule set
// pays by a check of its own (rates.OffCycleRule), due within its days of the pay week's start
// (the close is the payroll department's notice of the discrepancy).
func offCycle(cfg *Config, adj []emit.Adjustment) []emit.OffCycleCheck {
	var out []emit.OffCycleCheck
	for i := 0; i < len(adj); {
		j, sum := i, int64(0)
		for ; j < len(adj) && adj[j].Employee == adj[i].Employee; j++ {
			sum += adj[j].DeltaAmount()
		}
		rs, err := cfg.Registry.Lookup(adj[i].RuleSet, cfg.PayWeek.Time())
		if err == nil && rs.OffCycle != nil && sum != 0 && max(sum, -sum) <= int64(rs.OffCycle.Max) {
			out = append(out, emit.OffCycleCheck{Employee: adj[i].Employee, RuleSet: adj[i].RuleSet, Amount: rates.Money(sum).String(),
				RuleID: rs.OffCycle.RuleID, Due: cfg.PayWeek.AddDays(rs.OffCycle.Days).String()})
		}
		i = j
	}
	return out
}

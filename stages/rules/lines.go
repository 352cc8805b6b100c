package rules

import (
	"slices"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
	"github.com/payclose/payclose/stages/strtab"
)

// Lines accumulates time into pay lines keyed by work date × pay code × rule × rate × account,
// and rounds each line once when flushed. It keeps its memory between weeks.
type Lines struct {
	acc   []model.PayLine // seconds and span accumulated; Amount filled by Flush
	lumps []model.PayLine // amounts already computed
	order []int32         // Flush's sort of acc, by index: a PayLine is too large to swap
	// Add's search goes through the lines of one date only (a week's lines are spread over
	// about eight dates): last[b] is 1 + the index of the newest line whose date is b modulo
	// dateBuckets, and below[i] the same for the line before acc[i] in its bucket (0: none).
	last  [dateBuckets]int32
	below []int32
	// details are Salary's exception texts by the seconds they name (unaccountedDetail); kept
	// across weeks.
	details map[int64]string
}

// dateBuckets is how many date chains Add keeps: more than the dates a week's lines carry, so
// two dates share a chain only when they are that many days apart.
const dateBuckets = 16

// Reset forgets the lines of the previous week.
func (l *Lines) Reset() {
	l.acc, l.lumps, l.below = l.acc[:0], l.lumps[:0], l.below[:0]
	l.last = [dateBuckets]int32{}
}

// Add adds seconds of time [start, end) at rate to the matching line (creating it).
func (l *Lines) Add(date calendars.Date, code, ruleID string, rate rates.Rate, account string, seconds, start, end int64) {
	if seconds == 0 {
		return
	}
	// A week has a handful of lines: a scan of the date's few beats a map and does not allocate.
	// At most one line matches (a line is created only when none does), so the order of the
	// scan does not matter.
	b := uint32(date) % dateBuckets
	for i := l.last[b]; i > 0; i = l.below[i-1] {
		p := &l.acc[i-1]
		if p.WorkDate != date || p.Rate != rate {
			continue // the integers tell most lines apart without comparing a string
		}
		if strtab.Same(p.PayCode, code) && strtab.Same(p.RuleID, ruleID) && strtab.Same(p.Account, account) {
			extend(p, seconds, start, end)
			return
		}
	}
	l.below = append(l.below, l.last[b])
	// The new line is zeroed and filled where it lies. A PayLine literal appended is built on
	// the stack and copied in 16-byte moves that read back the 8-byte stores just made: the CPU
	// cannot forward those, and each copy waited on its stores reaching the cache. Zeroing the
	// whole line first keeps any field PayLine gains zero, as the literal did.
	n := len(l.acc)
	l.acc = slices.Grow(l.acc, 1)[:n+1]
	p := &l.acc[n]
	*p = model.PayLine{}
	p.WorkDate, p.PayCode, p.RuleID, p.Rate, p.Account = date, code, ruleID, rate, account
	p.Seconds, p.Start, p.End = seconds, start, end
	l.last[b] = int32(n + 1)
}

func extend(p *model.PayLine, seconds, start, end int64) {
	p.Seconds += seconds
	if start < p.Start {
		p.Start = start
	}
	if end > p.End {
		p.End = end
	}
}

// Lump adds a line with no time attached (a lump sum or an amount computed elsewhere).
func (l *Lines) Lump(date calendars.Date, code, ruleID string, rate rates.Rate, amount rates.Money, account string, seconds, start, end int64) {
	l.lumps = append(l.lumps, model.PayLine{WorkDate: date, PayCode: code, RuleID: ruleID, Rate: rate, Amount: amount, Account: account, Seconds: seconds, Start: start, End: end})
}

// Flush rounds every line once (hours × rate, half away from zero) and appends them to res in a
// deterministic order: work date, pay code, rule, account, rate. A line that came from no punch row
// (its account is empty) is charged to the week's fallback account, so no line is left uncosted.
func (l *Lines) Flush(w *model.Week, res *model.Result) {
	emp := w.Emp
	fallback := ""
	for i := range l.acc {
		p := &l.acc[i]
		p.Amount = rates.Amount(p.Seconds, p.Rate)
		if p.Account == "" {
			if fallback == "" {
				fallback = FallbackAccount(w)
			}
			p.Account = fallback
		}
	}
	for i := range l.lumps {
		if p := &l.lumps[i]; p.Account == "" {
			if fallback == "" {
				fallback = FallbackAccount(w)
			}
			p.Account = fallback
		}
	}
	l.acc = append(l.acc, l.lumps...)
	l.order = sortOrder(l.order[:0], l.acc)
	n := len(res.Lines)
	res.Lines = slices.Grow(res.Lines, len(l.acc))[:n+len(l.acc)]
	for k, i := range l.order {
		p := &res.Lines[n+k]
		*p = l.acc[i]
		p.Employee = emp.ID
		p.RuleSet = emp.RuleSet
	}
}

// sortOrder is SortLines on indexes into a: the same insertion sort, so the same (stable) order.
func sortOrder(order []int32, a []model.PayLine) []int32 {
	order = slices.Grow(order, len(a))[:len(a)] // one capacity check, not one per append
	for i := range order {
		order[i] = int32(i)
	}
	for i := 1; i < len(order); i++ {
		v := order[i]
		x := &a[v]
		j := i
		for ; j > 0; j-- {
			// lineLess, its first test inline: most pairs differ in the date
			if y := &a[order[j-1]]; x.WorkDate != y.WorkDate {
				if x.WorkDate > y.WorkDate {
					break
				}
			} else if !lineLess(x, y) {
				break
			}
			order[j] = order[j-1]
		}
		order[j] = v
	}
	return order
}

// SortLines puts a week's lines in the one order they are written in (work date, pay code, rule,
// account, rate, start). An insertion sort: a week has few lines and sort.Slice would allocate.
func SortLines(a []model.PayLine) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && lineLess(&a[j], &a[j-1]); j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

func lineLess(a, b *model.PayLine) bool {
	if a.WorkDate != b.WorkDate {
		return a.WorkDate < b.WorkDate
	}
	if x, y := a.PayCode, b.PayCode; len(x) > 0 && len(y) > 0 && x[0] != y[0] {
		return x[0] < y[0] // most codes of a date differ in their first letter (REG, OT, DIFF_...)
	}
	if !strtab.Same(a.PayCode, b.PayCode) {
		return a.PayCode < b.PayCode
	}
	if !strtab.Same(a.RuleID, b.RuleID) {
		return a.RuleID < b.RuleID
	}
	if !strtab.Same(a.Account, b.Account) {
		return a.Account < b.Account
	}
	if a.Rate != b.Rate {
		return a.Rate < b.Rate
	}
	return a.Start < b.Start
}

// workedSpan reports whether a span is worked time for FallbackAccount (restricted on-call is).
func workedSpan(sp *model.Span) bool {
	return sp.Kind == model.SpanWorked || sp.Rule&model.RuleRestricted != 0
}

// accountBefore reports whether one of spans is worked time on account.
func accountBefore(spans []model.Span, account string) bool {
	for j := range spans {
		if strtab.Same(spans[j].Account, account) && workedSpan(&spans[j]) {
			return true
		}
	}
	return false
}

// NoAccount is the labor account of a line when the employee has no home account and the week
// has no row naming one: visible to finance as unassigned rather than an empty field.
const NoAccount = "UNASSIGNED"

// FallbackAccount is the labor account of a pay line that comes from no punch row (an automatic
// holiday benefit, a comp credit, salary continuation). FORMATS: LABORACCOUNT is "carried to pay
// lines", and the roster's LABORACCOUNT is the "home account for lines with no punch row". Without
// one, the account with the most worked time in the week (ties: the smallest account string, so
// the choice does not depend on row order), else the account of the first pay-code row that names
// one, else NoAccount.
func FallbackAccount(w *model.Week) string {
	if w.Emp != nil && w.Emp.Account != "" {
		return w.Emp.Account
	}
	best, bestSecs := "", int64(0)
	for i := range w.Spans {
		sp := &w.Spans[i]
		if sp.Account == "" || !workedSpan(sp) || accountBefore(w.Spans[:i], sp.Account) {
			continue // an account is summed once, at its first worked span
		}
		var n int64
		for j := i; j < len(w.Spans); j++ {
			if o := &w.Spans[j]; strtab.Same(o.Account, sp.Account) && workedSpan(o) {
				n += o.Seconds()
			}
		}
		if n > bestSecs || (n == bestSecs && sp.Account < best) {
			best, bestSecs = sp.Account, n
		}
	}
	if best != "" {
		return best
	}
	for i := range w.Absences {
		if a := w.Absences[i].Account; a != "" {
			return a
		}
	}
	return NoAccount
}

package handoff

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"fmt"
	"html"
	"html/template"
	"io"
	"iter"
	"slices"
	"sort"
	"strings"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/emit"
	"github.com/payclose/payclose/stages/model"
	"github.com/payclose/payclose/stages/spill"
)

// maxRows bounds the long tables of the report (rejects, exceptions, unflagged variance rows);
// the CSV files have them all.
const maxRows = 500

// ReportRows is how many rejects the report lists (the first of rejects.csv): a close that keeps
// its rejects on disk keeps that many in memory for it.
const ReportRows = maxRows

type amountRow struct {
	Key           string
	Hours, Amount string
	Cents         int64
}

type varRow struct {
	Key, Dept, RuleSet string
	Prev, Now, Delta   string
	Pct                string
	Flag               string // "", "moved", "new", "gone"
	prev, now          int64
	bp                 int64 // |change| in basis points of prev (prev > 0)
}

type hotRow struct {
	Dept              string
	OTHours, OTAmount string
	CBHours, CBAmount string
	Share             string
	total             int64
}

type reportData struct {
	RunID, Version, Weeks        string
	Gross                        string
	GrossCents                   int64
	Employees, PayLines          int64
	RejectCount, ExceptionCount  int
	ReconOK                      bool
	RuleSets, PayCodes, Depts    []amountRow
	ChartRuleSets, ChartPayCodes template.HTML
	ChartDepts, ChartHot         template.HTML
	VarWeek, VarPrev             string
	HasVariance                  bool
	Threshold                    int
	Flagged                      int
	VarEmployees                 iter.Seq[varRow]
	VarDepts                     []varRow
	VarTruncated                 int
	Hot                          []hotRow
	Rejects                      []model.Reject
	Exceptions                   []model.Exception
	RejectsCut, ExceptionsCut    int
	RejectsPath, ExceptionsPath  string
}

func sumAgg(stats []*weekStats, pick func(*weekStats) map[string]*agg) map[string]*agg {
	out := map[string]*agg{}
	for _, ws := range stats {
		for k, a := range pick(ws) {
			x := out[k]
			if x == nil {
				x = &agg{}
				out[k] = x
			}
			x.hours += a.hours
			x.amount += a.amount
		}
	}
	return out
}

func amountRows(m map[string]*agg) []amountRow {
	var out []amountRow
	for k, a := range m {
		out = append(out, amountRow{Key: k, Hours: hours2(a.hours), Amount: money(a.amount), Cents: a.amount})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Cents != out[j].Cents {
			return out[i].Cents > out[j].Cents
		}
		return out[i].Key < out[j].Key
	})
	return out
}

// hours2 shows hours (1/10,000 h) with two decimals, rounded once.
func hours2(h int64) string { return rates.Money(rates.Round(h, 100)).String() }

// barChart is a horizontal bar chart as inline SVG.
func barChart(title string, rows []amountRow, limit int) template.HTML {
	if len(rows) > limit {
		rows = rows[:limit]
	}
	var max int64 = 1
	for _, r := range rows {
		if r.Cents > max {
			max = r.Cents
		}
	}
	const lw, bw, rh = 230, 420, 20
	h := len(rows)*rh + 28
	var b strings.Builder
	fmt.Fprintf(&b, `<svg class="chart" role="img" aria-label="%s" width="%d" height="%d" viewBox="0 0 %d %d" xmlns="http://www.w3.org/2000/svg">`,
		html.EscapeString(title), lw+bw+110, h, lw+bw+110, h)
	fmt.Fprintf(&b, `<text x="0" y="14" class="ct">%s</text>`, html.EscapeString(title))
	for i, r := range rows {
		y := 24 + i*rh
		w := int64(0)
		if r.Cents > 0 {
			w = r.Cents * bw / max
		}
		fmt.Fprintf(&b, `<text x="%d" y="%d" text-anchor="end" class="cl">%s</text>`, lw-6, y+13, html.EscapeString(r.Key))
		fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" class="bar"/>`, lw, y+2, max64(w, 1), rh-5)
		fmt.Fprintf(&b, `<text x="%d" y="%d" class="cv">%s</text>`, lw+int(w)+4, y+13, html.EscapeString(r.Amount))
	}
	b.WriteString(`</svg>`)
	return template.HTML(b.String())
}

func max64(a, b int64) int64 {
	if a > b {
		return a
	}
	return b
}

// pct is change/prev in percent with one decimal, from basis points.
func pct(delta, prev int64) (string, int64) {
	if prev == 0 {
		return "", 0
	}
	bp := rates.Round(delta*10000, prev)
	s := rates.Money(rates.Round(bp, 10) * 10).String() // bp/100 with 2 places, shown with 1
	s = s[:len(s)-1]
	if bp > 0 {
		s = "+" + s
	}
	if bp < 0 {
		bp = -bp
	}
	return s + "%", bp
}

// variance compares now with prev by key; flagged rows first: moved more than the threshold (by
// size of the move in percent), then new and gone, then the rest by the size of the change.
func variance(now, prev map[string]int64, about func(string) (dept, ruleSet string), threshold int) []varRow {
	keys := map[string]bool{}
	for k := range now {
		keys[k] = true
	}
	for k := range prev {
		keys[k] = true
	}
	var out []varRow
	for k := range keys {
		r := varianceRow(k, now[k], prev[k], threshold)
		if about != nil {
			r.Dept, r.RuleSet = about(k)
		}
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return varLess(&out[i], &out[j]) })
	return out
}

// varianceRow is the row of key whose gross went from p to n.
func varianceRow(k string, n, p int64, threshold int) varRow {
	r := varRow{Key: k, Prev: money(p), Now: money(n), Delta: money(n - p), prev: p, now: n}
	r.Pct, r.bp = pct(n-p, p)
	switch {
	case p == 0 && n != 0:
		r.Flag = "new"
	case n == 0 && p != 0:
		r.Flag = "gone"
	case p != 0 && r.bp > int64(threshold)*100:
		r.Flag = "moved"
	}
	return r
}

// varRank orders the flags: moved, then new and gone, then the rest.
func varRank(flag string) byte {
	switch flag {
	case "moved":
		return 0
	case "new", "gone":
		return 1
	}
	return 2
}

func abs64(v int64) int64 {
	if v < 0 {
		return -v
	}
	return v
}

// varLess is the order of the variance tables (varKey encodes it as bytes).
func varLess(a, b *varRow) bool {
	if ra, rb := varRank(a.Flag), varRank(b.Flag); ra != rb {
		return ra < rb
	}
	if a.Flag == "moved" && a.bp != b.bp {
		return a.bp > b.bp
	}
	if da, db := abs64(a.now-a.prev), abs64(b.now-b.prev); da != db {
		return da > db
	}
	return a.Key < b.Key
}

// varKey appends a flagged row's sort key, whose byte order is varLess: the rank; for a move, its
// size in basis points, largest first; the size of the change, largest first; the employee id.
func varKey(b []byte, r *varRow, id []byte) []byte {
	rank := varRank(r.Flag)
	b = append(b, rank)
	if rank == 0 {
		b = binary.BigEndian.AppendUint64(b, ^uint64(r.bp))
	}
	b = binary.BigEndian.AppendUint64(b, ^uint64(abs64(r.now-r.prev)))
	return append(b, id...)
}

// varKeyID is the employee id at the end of a varKey.
func varKeyID(k []byte) []byte {
	if len(k) > 0 && k[0] == 0 {
		return k[min(len(k), 17):]
	}
	return k[min(len(k), 9):]
}

// listedUnflagged is how many employees below the threshold the variance table lists, after the
// flagged ones.
const listedUnflagged = 15

// empVariance is the report's variance by employee, last week against before (keep picks the
// employees of before; nil = all): the two weeks' employees are read in id order and joined; the
// flagged rows are sorted by the table's order in a spill.Sorter (they can be many), the largest 15
// other changes kept in memory; rows streams the table. It also sums each week's gross by the
// employees' departments.
type empVariance struct {
	flagged, total int
	rows           *spill.Sorter
	top            []varRow
	dn, dp         map[string]int64
	err            error
}

func newEmpVariance(last, before *weekStats, keep func(string) bool, threshold int, scratch string) (*empVariance, error) {
	v := &empVariance{rows: newSorter(scratch), dn: map[string]int64{}, dp: map[string]int64{}}
	ni, err := last.empIter(nil)
	if err != nil {
		return v, err
	}
	defer ni.close()
	pi, err := before.empIter(keep)
	if err != nil {
		return v, err
	}
	defer pi.close()
	nok, err := ni.next()
	if err != nil {
		return v, err
	}
	pok, err := pi.next()
	if err != nil {
		return v, err
	}
	var key, val []byte
	for nok || pok {
		var id []byte
		var n, p int64
		var about *empStat
		c := 0
		switch {
		case !pok:
			c = -1
		case !nok:
			c = 1
		default:
			c = bytes.Compare(ni.id, pi.id)
		}
		if c <= 0 {
			id, n, about = ni.id, ni.st.gross, &ni.st
			v.dn[ni.st.dept] += ni.st.gross
		}
		if c >= 0 {
			id, p = pi.id, pi.st.gross
			if about == nil {
				about = &pi.st
			}
			v.dp[pi.st.dept] += pi.st.gross
		}
		v.total++
		r := varianceRow("", n, p, threshold)
		if r.Flag != "" {
			v.flagged++
			key = varKey(key[:0], &r, id)
			val = binary.AppendUvarint(val[:0], uint64(len(about.dept)))
			val = append(val, about.dept...)
			val = append(binary.AppendUvarint(val, uint64(len(about.ruleSet))), about.ruleSet...)
			val = binary.AppendVarint(binary.AppendVarint(val, n), p)
			if err := v.rows.Add(key, val); err != nil {
				return v, err
			}
		} else if d := abs64(n - p); len(v.top) < listedUnflagged || d > abs64(v.top[len(v.top)-1].now-v.top[len(v.top)-1].prev) ||
			d == abs64(v.top[len(v.top)-1].now-v.top[len(v.top)-1].prev) && string(id) < v.top[len(v.top)-1].Key {
			r.Key, r.Dept, r.RuleSet = string(id), about.dept, about.ruleSet
			i := sort.Search(len(v.top), func(i int) bool { return varLess(&r, &v.top[i]) })
			v.top = slices.Insert(v.top, i, r)
			if len(v.top) > listedUnflagged {
				v.top = v.top[:listedUnflagged]
			}
		}
		if c <= 0 {
			if nok, err = ni.next(); err != nil {
				return v, err
			}
		}
		if c >= 0 {
			if pok, err = pi.next(); err != nil {
				return v, err
			}
		}
	}
	return v, nil
}

// seq streams the table's rows: the flagged ones, then the largest other changes; a read error
// ends it and is kept in v.err.
func (v *empVariance) seq(threshold int) iter.Seq[varRow] {
	return func(yield func(varRow) bool) {
		it, err := v.rows.Iter()
		if err != nil {
			v.err = err
			return
		}
		defer it.Close()
		for {
			ok, err := it.Next()
			if err != nil {
				v.err = err
				return
			}
			if !ok {
				break
			}
			b := it.Val
			var dept, rs string
			var n, p int64
			bad := false
			str := func() string {
				l, k := binary.Uvarint(b)
				if k <= 0 || uint64(len(b)-k) < l {
					bad = true
					return ""
				}
				s := string(b[k : k+int(l)])
				b = b[k+int(l):]
				return s
			}
			dept, rs = str(), str()
			if !bad {
				var k1, k2 int
				n, k1 = binary.Varint(b)
				if k1 > 0 {
					p, k2 = binary.Varint(b[k1:])
				}
				bad = k1 <= 0 || k2 <= 0
			}
			if bad {
				v.err = fmt.Errorf("hand-off spill: a damaged variance record")
				return
			}
			r := varianceRow(string(varKeyID(it.Key)), n, p, threshold)
			r.Dept, r.RuleSet = dept, rs
			if !yield(r) {
				return
			}
		}
		for _, r := range v.top {
			if !yield(r) {
				return
			}
		}
	}
}

func writeReport(w io.Writer, in *Input, opt Options, stats []*weekStats, prev *weekStats) (err error) {
	m := in.Manifest
	d := &reportData{RunID: in.RunID, Version: m.Version, Weeks: strings.Join(m.WeekStarts, ", "), Gross: m.Totals.Gross,
		GrossCents: in.Gross, Employees: m.Totals.Employees, PayLines: m.Totals.PayLines, RejectCount: max(int(in.RejectCount), len(in.Rejects)),
		ExceptionCount: openExceptions(m), ReconOK: m.Reconciliation.OK, Threshold: opt.Threshold,
		RejectsPath: "runs/" + in.RunID + "/rejects.csv", ExceptionsPath: "runs/" + in.RunID + "/exceptions.csv"}
	d.RuleSets = amountRows(sumAgg(stats, func(ws *weekStats) map[string]*agg { return ws.byRuleSet }))
	d.PayCodes = amountRows(sumAgg(stats, func(ws *weekStats) map[string]*agg { return ws.byCode }))
	d.Depts = amountRows(sumAgg(stats, func(ws *weekStats) map[string]*agg { return ws.dept }))
	d.ChartRuleSets = barChart("Gross by rule set", d.RuleSets, 20)
	d.ChartPayCodes = barChart("Gross by pay code (top 20)", d.PayCodes, 20)
	d.ChartDepts = barChart("Gross by department (top 20)", d.Depts, 20)

	// Variance: the run's last week against the week before it (in this run, or the ledger's).
	if len(stats) > 0 {
		last := stats[len(stats)-1]
		before := prev
		if len(stats) > 1 {
			before = stats[len(stats)-2]
		}
		if before != nil {
			d.HasVariance = true
			d.VarWeek, d.VarPrev = last.start.String(), before.start.String()
			var keep func(string) bool
			if before == prev {
				keep = in.Keep
			}
			v, err := newEmpVariance(last, before, keep, opt.Threshold, in.Scratch)
			defer v.rows.Remove()
			if err != nil {
				return err
			}
			d.Flagged = v.flagged
			if keep := d.Flagged + listedUnflagged; v.total > keep {
				d.VarTruncated = v.total - keep
			}
			d.VarEmployees = v.seq(opt.Threshold)
			defer func() { err = cmp.Or(err, v.err) }()
			// By the employees' departments (their labor account with the most money), so that
			// a sharded close compares its own employees in both weeks.
			d.VarDepts = variance(v.dn, v.dp, nil, opt.Threshold)
		}
	}

	// Hot spots: overtime and on-call/call-back money by department, over the run.
	ot := sumAgg(stats, func(ws *weekStats) map[string]*agg { return ws.ot })
	cb := sumAgg(stats, func(ws *weekStats) map[string]*agg { return ws.callback })
	gross := sumAgg(stats, func(ws *weekStats) map[string]*agg { return ws.dept })
	depts := map[string]bool{}
	for k := range ot {
		depts[k] = true
	}
	for k := range cb {
		depts[k] = true
	}
	var chart []amountRow
	for k := range depts {
		o, c := ot[k], cb[k]
		if o == nil {
			o = &agg{}
		}
		if c == nil {
			c = &agg{}
		}
		g := int64(0)
		if gross[k] != nil {
			g = gross[k].amount
		}
		share := ""
		if g != 0 {
			share, _ = pct(o.amount+c.amount, g)
			share = strings.TrimPrefix(share, "+")
		}
		d.Hot = append(d.Hot, hotRow{Dept: k, OTHours: hours2(o.hours), OTAmount: money(o.amount), CBHours: hours2(c.hours), CBAmount: money(c.amount),
			Share: share, total: o.amount + c.amount})
	}
	sort.Slice(d.Hot, func(i, j int) bool {
		if d.Hot[i].total != d.Hot[j].total {
			return d.Hot[i].total > d.Hot[j].total
		}
		return d.Hot[i].Dept < d.Hot[j].Dept
	})
	for _, h := range d.Hot {
		chart = append(chart, amountRow{Key: h.Dept, Cents: h.total, Amount: money(h.total)})
	}
	d.ChartHot = barChart("Overtime + on-call/call-back by department", chart, 20)

	d.Rejects = in.Rejects
	if len(d.Rejects) > maxRows {
		d.Rejects = d.Rejects[:maxRows]
	}
	d.RejectsCut = d.RejectCount - len(d.Rejects)
	// The first open exceptions of each code, as the summary shows them: a large week keeps only
	// such a sample in memory (the rest is in exceptions.csv), so the page is the same either way.
	perCode := map[string]int{}
	for _, e := range in.Exceptions {
		if (e.Status == "" || e.Status == model.StatusOpen) && perCode[e.Code] < examplesPerCode {
			perCode[e.Code]++
			d.Exceptions = append(d.Exceptions, e)
		}
	}
	d.ExceptionsCut = d.ExceptionCount - len(d.Exceptions)
	return reportTmpl.Execute(w, d)
}

// examplesPerCode is how many exceptions of one code the page lists (the summary lists as many).
const examplesPerCode = 3

// openExceptions counts the exceptions a person must review: all of them, less those decided in
// approvals.csv.
func openExceptions(m *emit.Manifest) int {
	var n int64
	for _, c := range m.ExceptionsByCode {
		n += c
	}
	if s := m.ExceptionsByStatus; s != nil {
		n -= s[model.StatusApproved] + s[model.StatusDenied]
	}
	return int(n)
}

var reportTmpl = template.Must(template.New("report").Funcs(template.FuncMap{
	"date": func(d calendars.Date) string { return d.String() },
	"line": func(n int32) string {
		if n <= 0 {
			return ""
		}
		return fmt.Sprint(n)
	},
	"status": func(s string) string {
		if s == "" {
			return "OPEN"
		}
		return s
	},
}).Parse(reportHTML))

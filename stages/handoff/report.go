package handoff

import (
	"fmt"
	"html"
	"html/template"
	"io"
	"sort"
	"strings"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/emit"
	"github.com/payclose/payclose/stages/model"
)

// maxRows bounds the long tables of the report (rejects, exceptions, unflagged variance rows);
// the CSV files have them all.
const maxRows = 500

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
	VarEmployees, VarDepts       []varRow
	VarTruncated                 int
	Hot                          []hotRow
	Rejects                      []model.Reject
	Exceptions                   []model.Exception
	RejectsCut, ExceptionsCut    int
	RejectsPath, ExceptionsPath  string
}

func grossOf(emps map[string]empStat) map[string]int64 {
	out := make(map[string]int64, len(emps))
	for k, st := range emps {
		out[k] = st.gross
	}
	return out
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
		n, p := now[k], prev[k]
		r := varRow{Key: k, Prev: money(p), Now: money(n), Delta: money(n - p), prev: p, now: n}
		if about != nil {
			r.Dept, r.RuleSet = about(k)
		}
		r.Pct, r.bp = pct(n-p, p)
		switch {
		case p == 0 && n != 0:
			r.Flag = "new"
		case n == 0 && p != 0:
			r.Flag = "gone"
		case p != 0 && r.bp > int64(threshold)*100:
			r.Flag = "moved"
		}
		out = append(out, r)
	}
	rank := map[string]int{"moved": 0, "new": 1, "gone": 1, "": 2}
	abs := func(v int64) int64 {
		if v < 0 {
			return -v
		}
		return v
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := &out[i], &out[j]
		if rank[a.Flag] != rank[b.Flag] {
			return rank[a.Flag] < rank[b.Flag]
		}
		if a.Flag == "moved" && a.bp != b.bp {
			return a.bp > b.bp
		}
		if da, db := abs(a.now-a.prev), abs(b.now-b.prev); da != db {
			return da > db
		}
		return a.Key < b.Key
	})
	return out
}

func writeReport(w io.Writer, in *Input, opt Options, stats []*weekStats, prev *weekStats) error {
	m := in.Manifest
	d := &reportData{RunID: in.RunID, Version: m.Version, Weeks: strings.Join(m.WeekStarts, ", "), Gross: m.Totals.Gross,
		GrossCents: in.Gross, Employees: m.Totals.Employees, PayLines: m.Totals.PayLines, RejectCount: len(in.Rejects),
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
			emps := variance(grossOf(last.emps), grossOf(before.emps), func(k string) (string, string) {
				st, ok := last.emps[k]
				if !ok {
					st = before.emps[k]
				}
				return st.dept, st.ruleSet
			}, opt.Threshold)
			for _, r := range emps {
				if r.Flag != "" {
					d.Flagged++
				}
			}
			if keep := d.Flagged + 15; len(emps) > keep {
				d.VarTruncated = len(emps) - keep
				emps = emps[:keep]
			}
			d.VarEmployees = emps
			// By the employees' departments (their labor account with the most money), so that
			// a sharded close compares its own employees in both weeks.
			dn, dp := map[string]int64{}, map[string]int64{}
			for _, st := range last.emps {
				dn[st.dept] += st.gross
			}
			for _, st := range before.emps {
				dp[st.dept] += st.gross
			}
			d.VarDepts = variance(dn, dp, nil, opt.Threshold)
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
		d.RejectsCut, d.Rejects = len(d.Rejects)-maxRows, d.Rejects[:maxRows]
	}
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

package pipeline

import (
	"context"
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/ingest"
	"github.com/payclose/payclose/stages/model"
	"github.com/payclose/payclose/stages/rules"
)

// Explanation is one employee's close, step by step, for a clerk (or a tool) asking "why was I
// paid this?". It is computed by the same stages as Run, on that employee's rows only, and writes
// nothing.
type Explanation struct {
	Employee   string             `json:"employee"`
	RuleSet    string             `json:"rule_set,omitempty"`
	BaseRate   string             `json:"base_rate,omitempty"`
	Zone       string             `json:"zone,omitempty"`
	Rows       []ExplainRow       `json:"input_rows"`
	Weeks      []ExplainWeek      `json:"weeks"`
	Rejects    []ExplainReject    `json:"rejects"`
	Exceptions []ExplainException `json:"exceptions"`
	Gross      string             `json:"gross"`
}

// ExplainRow is one punch-export row as read (wall clock at the site).
type ExplainRow struct {
	File      string `json:"file"`
	Line      int32  `json:"line"`
	EventDate string `json:"event_date"`
	PayCode   string `json:"pay_code,omitempty"`
	In        string `json:"in,omitempty"`
	Out       string `json:"out,omitempty"`
	Hours     string `json:"hours,omitempty"`
	Account   string `json:"labor_account,omitempty"`
	WorkRule  string `json:"work_rule,omitempty"`
}

// ExplainWeek is one workweek of the close.
type ExplainWeek struct {
	Start       string           `json:"week_start"`
	Spans       []ExplainSpan    `json:"spans"`
	Absences    []ExplainAbsence `json:"absences"`
	Lines       []ExplainLine    `json:"pay_lines"`
	RegularRate ExplainRR        `json:"regular_rate"`
	Accruals    []ExplainAccrual `json:"accruals"`
	Gross       string           `json:"gross"`
	// Notes are the rule family's own account of amounts the lines alone do not show (a
	// call-back's guarantee windows, their overlap and the guarantee arithmetic).
	Notes []string `json:"notes,omitempty"`
	// Rates are the rates the week was paid at when rates.csv gave any (the home job's first).
	Rates []string `json:"rates,omitempty"`
}

// ExplainSpan is a span after rounding, with the clocks that classify it.
type ExplainSpan struct {
	Line     int32           `json:"line"`
	Kind     string          `json:"kind"`
	RawStart string          `json:"punched_start"`
	RawEnd   string          `json:"punched_end"`
	Start    string          `json:"start"`
	End      string          `json:"end"`
	Hours    string          `json:"hours"`
	Workday  string          `json:"workday"`
	Week     string          `json:"week_start"`
	Windows  []ExplainWindow `json:"windows"`
	Account  string          `json:"labor_account,omitempty"`
	WorkRule string          `json:"work_rule,omitempty"`
}

// ExplainWindow is the part of a span inside one local wall-clock window.
type ExplainWindow struct {
	Window string `json:"window"` // the family's name for it with its clock times, e.g. EVENING 15-23
	Hours  string `json:"hours"`
	Note   string `json:"note,omitempty"` // the holiday's name and class
	secs   int64
}

// ExplainAbsence is a pay-code row accepted into the week.
type ExplainAbsence struct {
	Line    int32  `json:"line"`
	Date    string `json:"date"`
	Input   string `json:"input_pay_code"`
	Code    string `json:"pay_code"`
	Hours   string `json:"hours"`
	Account string `json:"labor_account,omitempty"`
}

// ExplainLine is a pay line with its arithmetic.
type ExplainLine struct {
	WorkDate string `json:"work_date"`
	PayCode  string `json:"pay_code"`
	RuleID   string `json:"rule_id"`
	Hours    string `json:"hours"`
	Rate     string `json:"rate"`
	Amount   string `json:"amount"`
	Account  string `json:"labor_account,omitempty"`
	// Arithmetic is "hours × rate = amount" for time lines; lump sums say how they were made.
	Arithmetic string `json:"arithmetic"`
}

// ExplainRR is the FLSA regular rate recomputed from the week's lines: straight-time pay for
// worked hours (base on REG and OT hours, every differential on worked time) plus on-call pay,
// divided by the worked hours; and the half-time true-up it implies for the overtime hours: the
// difference settled exactly, or, for a family that only tops up to the FLSA floor, the shortfall
// of what the contract's premiums paid against it.
type ExplainRR struct {
	WorkedHours    string `json:"worked_hours"`
	OvertimeHours  string `json:"overtime_hours"`
	StraightPay    string `json:"straight_time_pay"`
	Rate           string `json:"regular_rate"`
	BaseRate       string `json:"base_rate"`
	ExpectedTrueUp string `json:"expected_trueup"`
	// FLSAFloor and PremiumPaid are set for a family whose true-up only tops up to the FLSA floor
	// (rules.Describer.TopUpOnly) in a week with overtime: the half-time the law requires on the
	// overtime hours, (multiplier − 1) × RR × OT h, and what the contract paid above straight time
	// toward it. The true-up owed is the shortfall, if any.
	FLSAFloor   string `json:"flsa_floor,omitempty"`
	PremiumPaid string `json:"premium_paid,omitempty"`
	TrueUpLine  string `json:"trueup_line"`
	Matches     bool   `json:"matches"`
	Explanation string `json:"explanation"`
}

// ExplainAccrual is one bank's movement.
type ExplainAccrual struct {
	Bank      string `json:"bank"`
	Opening   string `json:"opening"`
	Earned    string `json:"earned"`
	Used      string `json:"used"`
	Forfeited string `json:"forfeited"`
	Closing   string `json:"closing"`
	Tier      string `json:"tier,omitempty"`
	RuleID    string `json:"rule_id"`
}

// ExplainReject is a row of this employee that was not paid.
type ExplainReject struct {
	File   string `json:"file"`
	Line   int32  `json:"line"`
	Column string `json:"column"`
	Value  string `json:"value,omitempty"`
	Reason string `json:"reason"`
	Detail string `json:"detail"`
	Hours  string `json:"hours"` // empty when the row's hours could not be read (unknown, not 0 h)
}

// ExplainException is a condition to review.
type ExplainException struct {
	Date   string `json:"date"`
	Code   string `json:"code"`
	RuleID string `json:"rule_id,omitempty"`
	Detail string `json:"detail"`
	Line   int32  `json:"line,omitempty"`
}

// ErrNoSuchEmployee is returned (with whatever rejects the employee had) when the id is not an
// accepted roster row.
var ErrNoSuchEmployee = errors.New("employee not on the roster")

// Explain closes cfg's week(s) for one employee and returns the timeline. cfg.Out is not used:
// nothing is written.
func Explain(ctx context.Context, cfg Config, id string) (*Explanation, error) {
	if cfg.Out == "" {
		cfg.Out = "explain" // required by defaults, never written
	}
	cfg.Shard, cfg.Shards, cfg.Validate = 0, 1, true
	if err := cfg.defaults(); err != nil {
		return nil, err
	}
	if _, err := resolveOpening(&cfg, nil); err != nil {
		return nil, err
	}
	// Only the employee's rejects are shown, so only they are held (and, with no spill directory
	// set, all held).
	rej := &rejectSink{keep: func(r *model.Reject) bool { return r.Employee == id }}
	ref, _, _, err := loadReference(&cfg, rej)
	if err != nil {
		return nil, err
	}
	x := &Explanation{Employee: id}
	var rows []model.Punch
	for _, path := range []string{cfg.Punches, cfg.OnCall} {
		if path == "" {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("punches: %w", err)
		}
		start := len(rows)
		_, err = ingest.ReadPunches(f, path, func(p *model.Punch) {
			if p.Employee == id {
				rows = append(rows, *p)
			}
		}, rej.add)
		f.Close()
		if err != nil {
			return nil, err
		}
		for i := start; i < len(rows); i++ {
			x.Rows = append(x.Rows, explainRow(path, &rows[i]))
		}
	}

	e := ref.byID[id]
	b := getBatch(0)
	defer putBatch(b)
	wk := newWorker(&cfg, ref)
	wk.employee(b, id, rows)

	rejects := append([]model.Reject(nil), b.rejects...)
	for _, r := range rej.rows {
		if r.Employee == id {
			rejects = append(rejects, r)
		}
	}
	sort.SliceStable(rejects, func(i, j int) bool {
		if rejects[i].File != rejects[j].File {
			return rejects[i].File < rejects[j].File
		}
		return rejects[i].Line < rejects[j].Line
	})
	for _, r := range rejects {
		h := rates.HoursDecimal(r.Seconds).StringFixed(2)
		if r.UnknownHours {
			h = "" // could not be read: unknown, not 0 h
		}
		x.Rejects = append(x.Rejects, ExplainReject{File: r.File, Line: r.Line, Column: r.Column, Value: r.Value,
			Reason: r.Reason, Detail: r.Detail, Hours: h})
	}
	for _, ex := range b.exceptions {
		x.Exceptions = append(x.Exceptions, ExplainException{Date: ex.Date.String(), Code: ex.Code, RuleID: ex.RuleID, Detail: ex.Detail, Line: ex.Line})
	}
	if e == nil {
		x.Gross = rates.Money(0).String()
		if len(x.Rejects) > 0 {
			return x, fmt.Errorf("%w: %s (see the rejects above)", ErrNoSuchEmployee, id)
		}
		return x, fmt.Errorf("%w: %s: no roster row and no input row has this PERSONNUM", ErrNoSuchEmployee, id)
	}
	x.RuleSet, x.BaseRate, x.Zone = e.emp.RuleSet, e.emp.BaseRate.String(), e.zone.Loc.String()
	// The family describes its own windows and regular rate (rules.Describer): the pipeline holds
	// no contract knowledge.
	desc, _ := e.family.(rules.Describer)
	var gross rates.Money
	for k := range wk.weeks {
		w := &wk.weeks[k]
		rs, err := cfg.Registry.Lookup(e.emp.RuleSet, w.Start.Time())
		if err != nil {
			return x, err
		}
		if k == 0 && e.emp.BaseRate == 0 && desc != nil {
			x.BaseRate = desc.Base(&e.emp, rs).String() // derived from the salary by the rule set
		}
		ew := explainWeek(w, rs, desc, b)
		ew.week.Notes = familyNotes(&cfg, e, w)
		x.Weeks = append(x.Weeks, ew.week)
		gross += ew.gross
	}
	x.Gross = gross.String()
	return x, nil
}

// familyNotes recalculates week w with a fresh calculator of the employee's rule family and, if the
// family can explain itself (rules.Explainer), returns its notes. The pipeline knows no contract:
// the text is the family's.
func familyNotes(cfg *Config, e *employee, w *model.Week) []string {
	if e.family == nil {
		return nil
	}
	rs, err := cfg.Registry.Lookup(e.emp.RuleSet, w.Start.Time())
	if err != nil {
		return nil
	}
	calc := e.family.NewCalc()
	ex, ok := calc.(rules.Explainer)
	if !ok {
		return nil
	}
	var res model.Result
	calc.Calculate(w, rs, &res)
	return ex.Explain(w)
}

func explainRow(file string, p *model.Punch) ExplainRow {
	r := ExplainRow{File: file, Line: p.Line, EventDate: p.EventDate.String(), PayCode: p.PayCode, Account: p.Account, WorkRule: workRules(p.WorkRule)}
	if p.HasIn {
		r.In = wallString(p.In)
	}
	if p.HasOut {
		r.Out = wallString(p.Out)
	}
	if p.HasHours {
		r.Hours = rates.HoursDecimal(p.Seconds).StringFixed(2)
	}
	return r
}

type weekResult struct {
	week  ExplainWeek
	gross rates.Money
}

func explainWeek(w *model.Week, rs *rates.RuleSet, desc rules.Describer, b *batch) weekResult {
	ew := ExplainWeek{Start: w.Start.String()}
	for _, p := range w.Pays {
		if p.Line == 0 && len(w.Pays) == 1 {
			break // the roster's rate, shown in the header
		}
		job, from := p.Job, "roster"
		if job == "" {
			job = "home job"
		}
		if p.Line > 0 {
			from = fmt.Sprintf("rates.csv line %d", p.Line)
		}
		pay := "$" + p.BaseRate.String() + "/h"
		if p.AnnualSalary > 0 {
			pay = "$" + p.AnnualSalary.String() + " a year"
		}
		ew.Rates = append(ew.Rates, fmt.Sprintf("%s: %s (%s)", job, pay, from))
	}
	var pieces []calendars.Piece
	for i := range w.Spans {
		sp := &w.Spans[i]
		s := ExplainSpan{Line: sp.Line, Kind: spanKind(sp.Kind),
			RawStart: instantString(w.Zone, sp.RawStart), RawEnd: instantString(w.Zone, sp.RawEnd),
			Start: instantString(w.Zone, sp.Start), End: instantString(w.Zone, sp.End),
			Hours: rates.HoursDecimal(sp.Seconds()).StringFixed(2), Workday: sp.Workday.String(), Week: w.Start.String(),
			Account: sp.Account, WorkRule: workRules(sp.Rule)}
		pieces = w.Zone.Pieces(pieces[:0], sp.Start, sp.End)
		s.Windows = windows(pieces, rs, desc)
		ew.Spans = append(ew.Spans, s)
	}
	for _, a := range w.Absences {
		ew.Absences = append(ew.Absences, ExplainAbsence{Line: a.Line, Date: a.Date.String(), Input: a.Input, Code: a.Code,
			Hours: rates.HoursDecimal(a.Seconds).StringFixed(2), Account: a.Account})
	}
	var gross rates.Money
	var lines []model.PayLine
	for _, l := range b.lines {
		if l.WorkDate >= w.Start && l.WorkDate < w.Start.AddDays(7) {
			lines = append(lines, l)
		}
	}
	for _, l := range lines {
		gross += l.Amount
		ew.Lines = append(ew.Lines, ExplainLine{WorkDate: l.WorkDate.String(), PayCode: l.PayCode, RuleID: l.RuleID,
			Hours: rates.HoursDecimal(l.Seconds).StringFixed(4), Rate: l.Rate.String(), Amount: l.Amount.String(),
			Account: l.Account, Arithmetic: arithmetic(&l)})
	}
	if desc != nil {
		ew.RegularRate = regularRate(w, rs, desc, lines)
	}
	for _, a := range b.accruals {
		if a.Week == w.Start {
			ew.Accruals = append(ew.Accruals, ExplainAccrual{Bank: a.Bank, Opening: a.Opening.String(), Earned: a.Earned.String(),
				Used: a.Used.String(), Forfeited: a.Forfeited.String(), Closing: a.Closing.String(), Tier: a.Tier, RuleID: a.RuleID})
		}
	}
	ew.Gross = gross.String()
	return weekResult{ew, gross}
}

// arithmetic shows how a line's amount came about. A time line is hours × rate rounded once to
// the cent; anything else was computed by its rule and carried as a lump.
func arithmetic(l *model.PayLine) string {
	h := rates.HoursDecimal(l.Seconds).StringFixed(4)
	if l.Seconds != 0 && rates.Amount(l.Seconds, l.Rate) == l.Amount {
		return fmt.Sprintf("%s h × $%s = $%s", h, l.Rate, l.Amount)
	}
	if l.Seconds != 0 {
		return fmt.Sprintf("lump sum $%s for %s h (rate shown $%s; %s h × $%s would be $%s)", l.Amount, h, l.Rate, h, l.Rate, rates.Amount(l.Seconds, l.Rate))
	}
	return fmt.Sprintf("lump sum $%s", l.Amount)
}

// regularRate recomputes the week's regular rate from its lines alone, independently of the rule
// family's code path: the family says how each line enters it (rules.Describer); RR = straight-time
// pay ÷ worked hours. The FLSA half-time on the overtime hours is (multiplier − 1) × RR per hour;
// what the lines paid of it already is (multiplier − 1) × the base each overtime hour was paid time
// and a half of, plus any premium the family credits. A family that settles the half-time exactly
// is owed (or owes back, 29 CFR 778.115) the difference as its true-up; one that only tops up to
// the FLSA floor (rules.Describer.TopUpOnly) owes the shortfall, if any. Rounded once for the week.
func regularRate(w *model.Week, rs *rates.RuleSet, desc rules.Describer, lines []model.PayLine) ExplainRR {
	base := desc.Base(w.Emp, rs)
	// A week at several rates (two jobs, a raise inside the week) has one base per pay; a time line
	// is paid at the pay of the span it covers (Span.Pay), any other line at the base its rate is.
	// (By rate alone, a $30.00 second job's REG line would be the $20.00 home job's overtime.)
	var bases []rates.Rate
	for k := range w.Pays {
		var tmp model.Employee
		bases = append(bases, desc.Base(w.PayOf(uint8(k), &tmp), rs))
	}
	lineBase := func(l *model.PayLine) rates.Rate {
		if l.Seconds > 0 {
			for i := range w.Spans {
				sp := &w.Spans[i]
				if sp.Start <= l.Start && l.Start < sp.End && int(sp.Pay) < len(bases) {
					return bases[sp.Pay]
				}
			}
		}
		for _, b := range bases {
			if l.Rate == b || (rs.OTMult.Den != 0 && l.Rate == rates.Rate(rs.OTMult.Apply(int64(b)))) {
				return b
			}
		}
		return base
	}
	var worked, ot, numer, otBase, premium int64
	var trueUp rates.Money
	haveTrueUp := false
	for i := range lines {
		p := desc.RegularRatePart(w, rs, &lines[i], lineBase(&lines[i]))
		worked, ot, numer = worked+p.Worked, ot+p.OT, numer+p.Straight
		otBase, premium = otBase+p.OTBase, premium+p.Premium
		if p.TrueUp {
			trueUp += lines[i].Amount
			haveTrueUp = true
		}
	}
	rr := ExplainRR{WorkedHours: rates.HoursDecimal(worked).StringFixed(4), OvertimeHours: rates.HoursDecimal(ot).StringFixed(4),
		BaseRate: base.String(), TrueUpLine: "none"}
	if haveTrueUp {
		rr.TrueUpLine = "$" + trueUp.String()
	}
	// numer is in seconds × (1/10000 $/h): dollars = numer / 3600 / 10000, cents = numer / 3600 / 100.
	rr.StraightPay = rates.Money(rates.Round(numer, 3600*100)).String()
	if worked == 0 {
		rr.Rate = "n/a"
		rr.ExpectedTrueUp = "$0.00"
		rr.Matches = !haveTrueUp
		rr.Explanation = "no worked hours: no regular rate"
		return rr
	}
	r := rates.Round(numer, worked)
	rr.Rate = rates.Rate(r).String()
	m := rs.OTMult
	var expect rates.Money
	topUp := desc.TopUpOnly()
	// In seconds × rate units × m.Den: the half-time owed on the overtime and what was paid of it.
	var owed, paid int64
	if ot > 0 && m.Num > m.Den {
		owed, paid = ot*r*(m.Num-m.Den), otBase*(m.Num-m.Den)+premium*m.Den
		if topUp {
			// The FLSA floor from the straight pay itself, not the rounded rate, as the floor is.
			owed = rates.Round(numer*ot*(m.Num-m.Den), worked)
		}
		expect = rates.Money(rates.Round(owed-paid, m.Den*3600*100))
		if topUp && expect < 0 {
			expect = 0
		}
	}
	rr.ExpectedTrueUp = "$" + expect.String()
	rr.Matches = expect == trueUp
	if len(bases) > 1 {
		rr.BaseRate = ""
		for k, b := range bases {
			if k > 0 {
				rr.BaseRate += ", "
			}
			rr.BaseRate += b.String()
		}
	}
	switch {
	case topUp && ot > 0 && m.Num > m.Den:
		floor, prem := rates.Money(rates.Round(owed, m.Den*3600*100)), rates.Money(rates.Round(paid, m.Den*3600*100))
		rr.FLSAFloor, rr.PremiumPaid = "$"+floor.String(), "$"+prem.String()
		rr.Explanation = fmt.Sprintf("RR = $%s / %s h = $%s/h", rr.StraightPay, rr.WorkedHours, rr.Rate)
		if len(bases) > 1 {
			rr.Explanation += fmt.Sprintf(" (weighted over the week's rates $%s, 29 CFR 778.115)", rr.BaseRate)
		}
		rr.Explanation += fmt.Sprintf("; FLSA floor = RR × (%s − 1) × %s OT h = $%s; overtime and other premiums paid above straight time $%s",
			ratioString(m), rr.OvertimeHours, floor, prem)
		switch {
		case owed < paid:
			rr.Explanation += fmt.Sprintf(" > the floor: the contract pays more than the FLSA floor, no true-up owed ($%s)", expect)
		case owed == paid:
			rr.Explanation += fmt.Sprintf(" = the floor: the contract pays the FLSA floor exactly, no true-up owed ($%s)", expect)
		default:
			rr.Explanation += fmt.Sprintf(" < the floor: true-up = the shortfall, rounded once = $%s", expect)
		}
	case len(bases) > 1:
		rr.Explanation = fmt.Sprintf("RR = $%s / %s h = $%s/h (weighted over the week's rates $%s, 29 CFR 778.115); true-up = Σ (RR − the hour's base) × (%s − 1) over %s OT h = $%s",
			rr.StraightPay, rr.WorkedHours, rr.Rate, rr.BaseRate, ratioString(m), rr.OvertimeHours, expect)
	default:
		rr.Explanation = fmt.Sprintf("RR = $%s / %s h = $%s/h; true-up = (RR − base $%s) × (%s − 1) × %s OT h = $%s",
			rr.StraightPay, rr.WorkedHours, rr.Rate, rr.BaseRate, ratioString(m), rr.OvertimeHours, expect)
	}
	if !rr.Matches {
		rr.Explanation += fmt.Sprintf("; the REG_RATE_TRUEUP line says %s: MISMATCH", rr.TrueUpLine)
	}
	return rr
}

func ratioString(q rates.Ratio) string {
	if q.Den == 0 {
		return "none" // a rule set with no overtime multiplier (exempt staff)
	}
	return decimal.New(q.Num, 0).DivRound(decimal.New(q.Den, 0), 4).String()
}

// windows are the rule family's clock windows a span falls in (rules.Describer). They describe the
// clock only; which of them a rule set pays, and at what rate, is on the pay lines.
func windows(pieces []calendars.Piece, rs *rates.RuleSet, desc rules.Describer) []ExplainWindow {
	if desc == nil {
		return nil
	}
	var out []ExplainWindow
	idx := map[string]int{}
	add := func(name string, secs int64, note string) {
		if secs <= 0 {
			return
		}
		k := name + "\x00" + note
		if i, ok := idx[k]; ok {
			out[i].secs += secs
			return
		}
		idx[k] = len(out)
		out = append(out, ExplainWindow{Window: name, Note: note, secs: secs})
	}
	for _, p := range pieces {
		desc.Windows(rs, p.Start+p.Offset, p.End+p.Offset, add)
	}
	for i := range out {
		out[i].Hours = rates.HoursDecimal(out[i].secs).StringFixed(2)
	}
	return out
}

func spanKind(k model.SpanKind) string {
	switch k {
	case model.SpanWorked:
		return "WORKED"
	case model.SpanOnCall:
		return "ON_CALL"
	case model.SpanReleasedOnCall:
		return "RELEASED_ON_CALL"
	}
	return "?"
}

func workRules(r model.WorkRule) string {
	var parts []string
	for _, x := range []struct {
		bit  model.WorkRule
		name string
	}{{model.RuleCharge, "CHARGE"}, {model.RulePreceptor, "PRECEPTOR"}, {model.RuleMgmtRequest, "MGMT_REQUEST"},
		{model.RuleInService, "INSERVICE"}, {model.RuleRestricted, "RESTRICTED"}} {
		if r&x.bit != 0 {
			parts = append(parts, x.name)
		}
	}
	return strings.Join(parts, ",")
}

// wallString formats wall-clock seconds (as punched) like the export's ISO form.
func wallString(wall int64) string {
	return time.Unix(wall, 0).UTC().Format("2006-01-02 15:04")
}

// instantString formats an instant on the site's clock with its UTC offset, so the hour of a DST
// change is unambiguous.
func instantString(z calendars.Zone, t int64) string {
	return time.Unix(t, 0).In(z.Loc).Format("2006-01-02 15:04 -07:00")
}

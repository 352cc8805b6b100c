// Package wages holds the SHARE wage article as data and as pure functions: the grade tables of
// Appendix C (share-grades.csv, transcribed from the contract text by TestGradeTablesMatchSeed),
// the numbers of the article (share-2018.json: the raise factor, the $0.60 floor, the raise dates
// and their table columns, the promotion and demotion percentages, the notice period), and the
// raise, Max Cap bonus, promotion, demotion, transfer and red-circling rules (SHARE-WAGE-01, 03,
// 05, 06, 07, 08). Nothing here reads a file at run time or knows about the close.
package wages

import (
	"bytes"
	"embed"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
)

//go:embed share-2018.json share-grades.csv
var embedded embed.FS

// profileFile and gradesFile are the embedded SHARE wage profile and grade tables.
const (
	profileFile = "share-2018.json"
	gradesFile  = "share-grades.csv"
)

// Factor is a multiplier in millionths (1.0295 = 1_029_500): the contract's percentages have at
// most four decimal places, so every factor is exact.
type Factor int64

// FactorScale is the Factor of 1.
const FactorScale = 1_000_000

func parseFactor(s string) (Factor, error) {
	d, err := decimal.NewFromString(s)
	if err != nil {
		return 0, fmt.Errorf("not a decimal number: %q", s)
	}
	scaled := d.Shift(6)
	if !scaled.Equal(scaled.Truncate(0)) || d.Sign() < 0 || d.GreaterThan(decimal.NewFromInt(10)) {
		return 0, fmt.Errorf("expected a factor between 0 and 10 with at most 6 decimals: %q", s)
	}
	return Factor(scaled.IntPart()), nil
}

func (f Factor) String() string { return decimal.New(int64(f), -6).String() }

// Event is one of the article's raises: its effective date (a Sunday, SHARE-WAGE-02) and the
// grade-table column it pays.
type Event struct {
	Year      int
	Effective calendars.Date
	Column    int // index into Wages.Columns
}

// Table is one grade's pay table: per column, the steps Min, 1..n, Max (Steps[col][row]) and the
// Max cap.
type Table struct {
	Grade  string
	Rows   []string // "Min", "1", …, "n", "Max"
	Steps  [][]rates.Rate
	MaxCap []rates.Rate
}

// Max is the grade's maximum in column col.
func (t *Table) Max(col int) rates.Rate { return t.Steps[col][len(t.Rows)-1] }

// Wages is the SHARE wage article: its numbers and its grade tables.
type Wages struct {
	RuleSet string
	Source  string
	// Factor is the raise of an employee off the platforms: "1% ATB plus platform movement of
	// 1.93%", which the tables show to be ×1.0295 (SHARE-WAGE-01, ambiguity A5).
	Factor Factor
	// Floor: "or a $0.60/hour minimum raise, whichever is greater".
	Floor rates.Rate
	// CapFactor is the yearly rise of the Max cap row (1%, the ATB alone).
	CapFactor Factor
	Events    []Event
	// "a promotional increase of 5% per grade up to a maximum of 15%"; "reduced by 5% per grade
	// up to a maximum of 15%".
	PromotionStep, PromotionMax Factor
	DemotionStep, DemotionMax   Factor
	// ReviewOver: a demotion (voluntary or not) by more grades than this is for people to decide.
	ReviewOver int
	// NoticeDays is the standard transfer notice: "If the notice period is extended beyond 2 weeks".
	NoticeDays int
	// BonusPayCode and TrueUpPayCode name the Max Cap bonus lines; TrueUpFactor is the overtime
	// half on the prior-FY overtime hours (SHARE-WAGE-05 ambiguity 2).
	BonusPayCode, TrueUpPayCode string
	TrueUpFactor                Factor
	// FiscalYearStart is the month and day the fiscal year begins (SHARE-G-08: "cfg.fiscal_year_start
	// = Oct 1"), the year of "hours paid in previous FY".
	FiscalYearStart struct {
		Month time.Month
		Day   int
	}
	// HoursCodes are the pay codes of the close's lines whose hours are "hours paid" besides the
	// rule set's paid absence codes (HoursPaid); OvertimeCodes those of them that are overtime.
	HoursCodes, OvertimeCodes []string
	// Columns are the grade tables' effective dates (10/1/2018 … 10/1/2021).
	Columns []calendars.Date
	tables  map[string]*Table
	grades  []string // in file order
}

// profile is share-2018.json as written; every key is required.
type profile struct {
	RuleSet       string       `json:"rule_set"`
	Source        string       `json:"source"`
	GradeTables   string       `json:"grade_tables"`
	RaiseFactor   string       `json:"raise_factor"`
	RaiseFloor    string       `json:"raise_floor"`
	MaxCapFactor  string       `json:"max_cap_factor"`
	RaiseEvents   []raiseEvent `json:"raise_events"`
	PromotionStep string       `json:"promotion_step"`
	PromotionMax  string       `json:"promotion_max"`
	DemotionStep  string       `json:"demotion_step"`
	DemotionMax   string       `json:"demotion_max"`
	ReviewOver    *int         `json:"manual_review_over_grades"`
	NoticeDays    *int         `json:"standard_notice_days"`
	BonusPayCode  string       `json:"maxcap_bonus_pay_code"`
	TrueUpCode    string       `json:"maxcap_ot_trueup_pay_code"`
	TrueUpFactor  string       `json:"maxcap_ot_trueup_factor"`
	FiscalYear    string       `json:"fiscal_year_start"`
	HoursCodes    []string     `json:"maxcap_hours_pay_codes"`
	OvertimeCodes []string     `json:"maxcap_overtime_pay_codes"`
}

type raiseEvent struct {
	Year      int    `json:"year"`
	Effective string `json:"effective"`
	Column    string `json:"column"`
}

// Load reads the embedded SHARE wage profile and grade tables.
func Load() (*Wages, error) { return LoadFS(embedded, "rates/wages") }

// LoadFS reads share-2018.json and the grade tables it names from fsys. Loading is strict: an
// unknown or missing key, a value that does not parse, a table row out of order, a cell that is
// not whole cents, a platform not above the one before it or a Max cap below Max is an error
// naming the file, the line and the value.
func LoadFS(fsys fs.FS, label string) (*Wages, error) {
	file := path.Join(label, profileFile)
	b, err := fs.ReadFile(fsys, profileFile)
	if err != nil {
		return nil, err
	}
	var p profile
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&p); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if dec.More() {
		return nil, fmt.Errorf("%s: more than one JSON object", file)
	}
	w := &Wages{RuleSet: p.RuleSet, Source: p.Source, BonusPayCode: p.BonusPayCode, TrueUpPayCode: p.TrueUpCode}
	for k, v := range map[string]string{"rule_set": p.RuleSet, "source": p.Source, "grade_tables": p.GradeTables,
		"maxcap_bonus_pay_code": p.BonusPayCode, "maxcap_ot_trueup_pay_code": p.TrueUpCode} {
		if v == "" {
			return nil, fmt.Errorf("%s: %q is missing or empty", file, k)
		}
	}
	for _, f := range []struct {
		key string
		s   string
		dst *Factor
	}{
		{"raise_factor", p.RaiseFactor, &w.Factor}, {"max_cap_factor", p.MaxCapFactor, &w.CapFactor},
		{"promotion_step", p.PromotionStep, &w.PromotionStep}, {"promotion_max", p.PromotionMax, &w.PromotionMax},
		{"demotion_step", p.DemotionStep, &w.DemotionStep}, {"demotion_max", p.DemotionMax, &w.DemotionMax},
		{"maxcap_ot_trueup_factor", p.TrueUpFactor, &w.TrueUpFactor},
	} {
		if *f.dst, err = parseFactor(f.s); err != nil {
			return nil, fmt.Errorf("%s: %q: %w", file, f.key, err)
		}
	}
	if w.Floor, err = rates.ParseRate(p.RaiseFloor); err != nil || w.Floor < 0 {
		return nil, fmt.Errorf("%s: \"raise_floor\": expected dollars like 0.60, got %q", file, p.RaiseFloor)
	}
	if p.ReviewOver == nil || *p.ReviewOver < 1 || p.NoticeDays == nil || *p.NoticeDays < 1 {
		return nil, fmt.Errorf("%s: \"manual_review_over_grades\" and \"standard_notice_days\" are required and positive", file)
	}
	w.ReviewOver, w.NoticeDays = *p.ReviewOver, *p.NoticeDays
	fy, err := time.Parse("01-02", p.FiscalYear)
	if err != nil || fy.Day() > 28 {
		return nil, fmt.Errorf("%s: \"fiscal_year_start\": expected MM-DD (a day that every year has, at most the 28th), got %q", file, p.FiscalYear)
	}
	w.FiscalYearStart.Month, w.FiscalYearStart.Day = fy.Month(), fy.Day()
	if len(p.HoursCodes) == 0 || len(p.OvertimeCodes) == 0 {
		return nil, fmt.Errorf("%s: \"maxcap_hours_pay_codes\" and \"maxcap_overtime_pay_codes\" are required", file)
	}
	for _, c := range p.OvertimeCodes {
		if !slices.Contains(p.HoursCodes, c) {
			return nil, fmt.Errorf("%s: \"maxcap_overtime_pay_codes\": %s is not in maxcap_hours_pay_codes (overtime is part of the hours paid)", file, c)
		}
	}
	w.HoursCodes, w.OvertimeCodes = p.HoursCodes, p.OvertimeCodes

	gfile := path.Join(label, p.GradeTables)
	g, err := fs.ReadFile(fsys, p.GradeTables)
	if err != nil {
		return nil, fmt.Errorf("%s: \"grade_tables\": %w", file, err)
	}
	if err := w.readTables(bytes.NewReader(g), gfile); err != nil {
		return nil, err
	}
	if len(p.RaiseEvents) == 0 {
		return nil, fmt.Errorf("%s: \"raise_events\" is empty", file)
	}
	for i, e := range p.RaiseEvents {
		d, err := calendars.ParseISODate(e.Effective)
		if err != nil {
			return nil, fmt.Errorf("%s: raise_events[%d].effective: %w", file, i, err)
		}
		col := -1
		for c, cd := range w.Columns {
			if cd.String() == e.Column {
				col = c
			}
		}
		if col < 0 {
			return nil, fmt.Errorf("%s: raise_events[%d].column %q is not a column of %s", file, i, e.Column, gfile)
		}
		if i > 0 {
			prev := w.Events[i-1]
			if !(d > prev.Effective) || col != prev.Column+1 || e.Year != prev.Year+1 {
				return nil, fmt.Errorf("%s: raise_events[%d]: events must follow each other a year and a column apart", file, i)
			}
		}
		w.Events = append(w.Events, Event{Year: e.Year, Effective: d, Column: col})
	}
	return w, nil
}

// readTables reads the grade tables: GRADE, ROW, then one column per effective date; per grade
// the rows Min, 1..n, Max, Max cap in that order.
func (w *Wages) readTables(r io.Reader, file string) error {
	cr := csv.NewReader(r)
	head, err := cr.Read()
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	if len(head) < 3 || head[0] != "GRADE" || head[1] != "ROW" {
		return fmt.Errorf("%s: header must be GRADE,ROW,<effective dates…>, got %v", file, head)
	}
	for i, h := range head[2:] {
		d, err := calendars.ParseISODate(h)
		if err != nil {
			return fmt.Errorf("%s: column %q: %w", file, h, err)
		}
		if i > 0 && !(d > w.Columns[i-1]) {
			return fmt.Errorf("%s: column %s is not after %s", file, h, w.Columns[i-1])
		}
		w.Columns = append(w.Columns, d)
	}
	w.tables = map[string]*Table{}
	var t *Table
	closed := true // the current table has its Max cap row
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return fmt.Errorf("%s: %w", file, err)
		}
		line, _ := cr.FieldPos(0)
		grade, row := rec[0], rec[1]
		vals := make([]rates.Rate, len(w.Columns))
		for i, s := range rec[2:] {
			v, err := rates.ParseRate(s)
			if err != nil || v <= 0 || v%(rates.RateScale/100) != 0 || len(s) < 4 || s[len(s)-3] != '.' {
				return fmt.Errorf("%s:%d: %s %s %s: expected a rate in dollars and cents like 13.31, got %q", file, line, grade, row, head[i+2], s)
			}
			vals[i] = v
		}
		if t == nil || grade != t.Grade {
			if !closed {
				return fmt.Errorf("%s:%d: table %s ends without its Max cap row", file, line, t.Grade)
			}
			if w.tables[grade] != nil {
				return fmt.Errorf("%s:%d: grade %s appears twice", file, line, grade)
			}
			if row != "Min" {
				return fmt.Errorf("%s:%d: table %s starts with %q, not Min", file, line, grade, row)
			}
			t = &Table{Grade: grade, Steps: make([][]rates.Rate, len(w.Columns))}
			w.tables[grade], closed = t, false
			w.grades = append(w.grades, grade)
		} else if closed {
			return fmt.Errorf("%s:%d: table %s has a row after its Max cap", file, line, grade)
		}
		n := len(t.Rows)
		switch {
		case row == "Max cap":
			if n < 2 || t.Rows[n-1] != "Max" {
				return fmt.Errorf("%s:%d: table %s: Max cap must follow Max", file, line, grade)
			}
			for c, v := range vals {
				if v < t.Max(c) {
					return fmt.Errorf("%s:%d: table %s %s: Max cap %s is below Max %s", file, line, grade, head[c+2], cents(v), cents(t.Max(c)))
				}
			}
			t.MaxCap, closed = vals, true
			continue
		case n > 0 && t.Rows[n-1] == "Max":
			return fmt.Errorf("%s:%d: table %s: %q after Max (only Max cap may follow)", file, line, grade, row)
		case row == "Min", row == "Max":
		default:
			if k, err := strconv.Atoi(row); err != nil || k != n || strconv.Itoa(k) != row {
				return fmt.Errorf("%s:%d: table %s: row %q out of order (want %d)", file, line, grade, row, n)
			}
		}
		if row == "Min" && n > 0 {
			return fmt.Errorf("%s:%d: table %s: a second Min", file, line, grade)
		}
		for c, v := range vals {
			if n > 0 && v <= t.Steps[c][n-1] {
				return fmt.Errorf("%s:%d: table %s %s: %s %s is not above %s %s", file, line, grade, head[c+2], row, cents(v), t.Rows[n-1], cents(t.Steps[c][n-1]))
			}
			t.Steps[c] = append(t.Steps[c], v)
		}
		t.Rows = append(t.Rows, row)
	}
	if t == nil {
		return fmt.Errorf("%s: no grade tables", file)
	}
	if !closed {
		return fmt.Errorf("%s: table %s ends without its Max cap row", file, t.Grade)
	}
	return nil
}

// NoGradeTable is SHARE-WAGE-06 ambiguity 3: a grade (ADM11, TEC4, or none at all) with no pay
// table in Appendix C. Its rate is not computed.
type NoGradeTable struct{ Grade string }

// CodeNoGradeTable is the stable code reports carry for a NoGradeTable.
const CodeNoGradeTable = "NO_GRADE_TABLE"

func (e *NoGradeTable) Error() string {
	if e.Grade == "" {
		return CodeNoGradeTable + ": no GRADE"
	}
	return fmt.Sprintf("%s: grade %s has no pay table in Appendix C", CodeNoGradeTable, e.Grade)
}

// IsNoGradeTable reports whether err is a NoGradeTable.
func IsNoGradeTable(err error) bool {
	var e *NoGradeTable
	return errors.As(err, &e)
}

// Table is the pay table of grade.
func (w *Wages) Table(grade string) (*Table, error) {
	if t := w.tables[grade]; t != nil {
		return t, nil
	}
	return nil, &NoGradeTable{Grade: grade}
}

// Grades lists the grades with a table, in the order of Appendix C.
func (w *Wages) Grades() []string { return append([]string(nil), w.grades...) }

// IdenticalTables groups the grades whose tables are the same in every row and column (the
// catalog's ADM3=SER6, ADM5=NSG4=TEC5, …): a numeric difference of grade numbers across job
// families says nothing about pay, which is why promotions take the grade distance as an input.
func (w *Wages) IdenticalTables() [][]string {
	key := func(t *Table) string {
		return fmt.Sprint(t.Rows, t.Steps, t.MaxCap)
	}
	groups := map[string][]string{}
	var order []string
	for _, g := range w.grades {
		k := key(w.tables[g])
		if groups[k] == nil {
			order = append(order, k)
		}
		groups[k] = append(groups[k], g)
	}
	var out [][]string
	for _, k := range order {
		if len(groups[k]) > 1 {
			out = append(out, groups[k])
		}
	}
	return out
}

// EventOn is the raise that takes effect on day d.
func (w *Wages) EventOn(d calendars.Date) (Event, error) {
	var dates []string
	for _, e := range w.Events {
		if e.Effective == d {
			return e, nil
		}
		dates = append(dates, e.Effective.String())
	}
	return Event{}, fmt.Errorf("%s has no raise effective %s (raises: %s)", w.RuleSet, d, strings.Join(dates, ", "))
}

// ColumnOn is the table column in force on day d: the column of the last raise effective on or
// before d.
func (w *Wages) ColumnOn(d calendars.Date) (int, error) {
	col := -1
	for _, e := range w.Events {
		if e.Effective <= d {
			col = e.Column
		}
	}
	if col < 0 {
		return 0, fmt.Errorf("%s: no grade table in force on %s (the first raise is effective %s)", w.RuleSet, d, w.Events[0].Effective)
	}
	return col, nil
}

// cents renders a rate as the tables print it, dollars and cents.
func cents(r rates.Rate) string { return r.Decimal().StringFixed(2) }

package accrue

import (
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
)

func day(t testing.TB, s string) calendars.Date {
	t.Helper()
	d, err := calendars.ParseISODate(s)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func hrs(t testing.TB, s string) rates.Hours {
	t.Helper()
	h, err := rates.ParseHours(s)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func secs(hours float64) int64 { return int64(hours * 3600) } // test literals only: exact quarter hours

func shareRS(t testing.TB) *rates.RuleSet {
	t.Helper()
	rs, err := rates.Default.Lookup("SHARE", time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

// profileRS builds a rule set from an accruals-*.json file and a pay-code table, for rule sets
// whose own profile may not be in the registry yet.
func profileRS(t testing.TB, file, name string, codes map[string]rates.PayCode) *rates.RuleSet {
	t.Helper()
	b, err := os.ReadFile("../../rates/profiles/" + file)
	if err != nil {
		t.Fatal(err)
	}
	var f struct {
		RuleSet string                `json:"rule_set"`
		Accrual *rates.AccrualProfile `json:"accrual"`
	}
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	if err := f.Accrual.Validate(); err != nil {
		t.Fatal(err)
	}
	return &rates.RuleSet{Name: name, PayCodes: codes, Accrual: f.Accrual} // week starts Sunday (zero value)
}

var psuCodes = map[string]rates.PayCode{
	"VACATION":       {Code: "VACATION", Paid: true, Bank: "VACATION", AccrualBase: true},
	"SICK":           {Code: "SICK", Paid: true, Bank: "SICK", AccrualBase: true},
	"COMP TIME USED": {Code: "COMP_USED", Paid: true, Bank: "COMP", AccrualBase: true},
	"LWOP":           {Code: "LWOP", Paid: false},
}

var nuCodes = map[string]rates.PayCode{
	"VACATION":       {Code: "VACATION", Paid: true},
	"ESL":            {Code: "ESL", Paid: true, Bank: "ESL"},
	"COMP TIME USED": {Code: "COMP_USED", Paid: true, Bank: "COMP"},
	"LWOP":           {Code: "LWOP", Paid: false},
}

func psuRS(t testing.TB) *rates.RuleSet {
	return profileRS(t, "accruals-psu.json", "PSU_NONEXEMPT", psuCodes)
}

func nuRS(t testing.TB) *rates.RuleSet {
	return profileRS(t, "accruals-nonunit.json", "NONUNIT_NONEXEMPT", nuCodes)
}

func employee(t testing.TB, system, seniority string, budgeted float64) *model.Employee {
	return &model.Employee{ID: "E1", RuleSet: "SHARE", TimeOff: system, Seniority: day(t, seniority), Hire: model.NoDate,
		BudgetedWeekly: secs(budgeted)}
}

// wk is one synthetic week: worked hours and pay lines (code, hours).
type wk struct {
	worked float64
	lines  []ln
	comp   float64 // Result.CompEarned hours
	hcomp  float64 // Result.HolidayCompEarned hours
	hbank  float64 // holiday bank hours (Input.HolidayBank)
}

type ln struct {
	code    string
	hours   float64
	minutes int64  // when set, the line's length in minutes (exact for thirds of an hour)
	rule    string // "" = the rule of the pay-code row that produces this code
}

// close runs one week and returns its rows by bank name and its exceptions.
func close1(t testing.TB, e *Engine, emp *model.Employee, rs *rates.RuleSet, week calendars.Date, w wk, st *State) (map[string]model.Accrual, []model.Exception) {
	t.Helper()
	res := &model.Result{Worked: secs(w.worked), CompEarned: secs(w.comp), HolidayCompEarned: secs(w.hcomp)}
	for i, l := range w.lines {
		res.Lines = append(res.Lines, model.PayLine{WorkDate: week + calendars.Date(1+i%5), PayCode: l.code, Seconds: lineSecs(l), RuleID: ruleOf(rs, l)})
	}
	var out []model.Accrual
	var exc []model.Exception
	before := *st
	e.Week(&Input{Emp: emp, RuleSet: rs, Week: week, Result: res, HolidayBank: secs(w.hbank)}, st, &out, &exc)
	rows := map[string]model.Accrual{}
	for _, r := range out {
		if _, dup := rows[r.Bank]; dup {
			t.Fatalf("two %s rows in one week", r.Bank)
		}
		// The row's columns against what the engine did not compute this week: the opening is the
		// balance carried in, the closing is the balance carried out, and only the balance at the
		// close of the prior week can be used (SHARE-PTO-19 "Earned time must be accrued before it
		// is paid"; PSU-22.2, NU-OT-7). A bank never goes negative, and no column is.
		b, ok := ParseBank(r.Bank)
		if !ok {
			t.Fatalf("row for unknown bank %q", r.Bank)
		}
		if r.Opening != before.Slots[b].Balance {
			t.Fatalf("%s: opening %s, but %s was carried in", r.Bank, r.Opening, before.Slots[b].Balance)
		}
		if r.Closing != st.Slots[b].Balance {
			t.Fatalf("%s: closing %s, but %s is carried out", r.Bank, r.Closing, st.Slots[b].Balance)
		}
		if r.Used > r.Opening {
			t.Fatalf("%s: used %s of an opening balance of %s", r.Bank, r.Used, r.Opening)
		}
		if r.Closing < 0 || r.Earned < 0 || r.Used < 0 || r.Forfeited < 0 {
			t.Fatalf("%s: a negative column: %+v", r.Bank, r)
		}
		if r.Closing != r.Opening+r.Earned-r.Used-r.Forfeited {
			t.Fatalf("%s: closing %s != opening %s + earned %s - used %s - forfeited %s", r.Bank, r.Closing, r.Opening, r.Earned, r.Used, r.Forfeited)
		}
		if r.RuleID == "" || r.Tier == "" {
			t.Fatalf("%s row without rule id or tier: %+v", r.Bank, r)
		}
		rows[r.Bank] = r
	}
	return rows, exc
}

// opening returns a state holding the given balances.
func opening(t testing.TB, kv ...string) State {
	var st State
	for i := 0; i+1 < len(kv); i += 2 {
		b, ok := ParseBank(kv[i])
		if !ok {
			t.Fatalf("bank %q", kv[i])
		}
		st.Slots[b] = Slot{Balance: hrs(t, kv[i+1]), Held: true}
	}
	return st
}

func want(t *testing.T, what string, got rates.Hours, exp string) {
	t.Helper()
	if got != hrs(t, exp) {
		t.Errorf("%s = %s, want %s", what, got, exp)
	}
}

// firstWeek is the first workweek (Sunday start) of a calendar year: the one holding January 1.
func firstWeek(y int) calendars.Date {
	return calendars.WeekStart(calendars.NewDate(y, time.January, 1), time.Sunday)
}

func calendarsDays(n int) calendars.Date { return calendars.Date(n) }

func lineSecs(l ln) int64 {
	if l.minutes > 0 {
		return l.minutes * 60
	}
	return secs(l.hours)
}

func hired(emp *model.Employee, t testing.TB, d string) *model.Employee {
	emp.Hire = day(t, d)
	return emp
}

type employeeT = model.Employee

// ruleOf is the rule id a family puts on a pay-code row's line: the pay-code table's.
func ruleOf(rs *rates.RuleSet, l ln) string {
	if l.rule != "" {
		return l.rule
	}
	for _, pc := range rs.PayCodes {
		if pc.Code == l.code && pc.RuleID != "" {
			return pc.RuleID
		}
	}
	return "TEST-RULE"
}

package accrue

import (
	"math/rand"
	"reflect"
	"testing"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
)

// A generated year for every plan: on every row closing = opening + earned − used − forfeited
// (checked in close1), and closing 52 weeks one at a time, each opened from nothing but the
// previous week's rows (closing and ytd_accrued, as --previous does), gives the same rows as one
// 52-week pass. The weeks cross a calendar year, so rollover and the year reset are in the chain.
func TestChainedWeeksEqualOneRun(t *testing.T) {
	type person struct {
		emp *model.Employee
		rs  *rates.RuleSet
	}
	share := shareRS(t)
	people := []person{
		{employee(t, "EARNED", "2004-09-20", 40), share},
		{employee(t, "EARNED", "2016-02-29", 24), share},
		{employee(t, "TRADITIONAL", "1998-12-28", 36), share},
		{psuEmp(t, "2018-03-05", 37.5), psuRS(t)},
		{nuEmp(t, 40), nuRS(t)},
	}
	codes := []string{"EARNED", "VACATION", "SICK", "HOL_BANK_PAYOUT", "CASH_OUT", "ONCALL", "SLEEP", "LWOP", "ESL", "COMP_USED", "PERSONAL"}
	rng := rand.New(rand.NewSource(4))
	first := day(t, "2020-06-07")
	const weeks = 52
	for _, p := range people {
		gen := make([]wk, weeks)
		for k := range gen {
			w := wk{worked: float64(rng.Intn(200)) / 4}
			for n := rng.Intn(4); n > 0; n-- {
				w.lines = append(w.lines, ln{code: codes[rng.Intn(len(codes))], minutes: int64(rng.Intn(40)) * 15})
			}
			if rng.Intn(5) == 0 {
				w.comp, w.hcomp, w.hbank = float64(rng.Intn(12))/4, 8, 8
			}
			gen[k] = w
		}
		start := opening(t, "EARNED", "400", "VACATION", "150", "SICK", "510", "HOLIDAY", "45", "COMP", "230", "ESL", "39")

		var e Engine
		st := start
		var one []model.Accrual
		for k := 0; k < weeks; k++ {
			rows := closeRows(t, &e, p.emp, p.rs, first+calendars.Date(7*k), gen[k], &st)
			one = append(one, rows...)
		}

		var chained []model.Accrual
		book := NewBook()
		for b, s := range start.Slots {
			if s.Held {
				book.Put(p.emp.ID, Bank(b), s.Balance, s.YTD)
			}
		}
		for k := 0; k < weeks; k++ {
			var fresh Engine // a new run: nothing survives but the book
			var st State
			book.Opening(p.emp.ID, &st)
			rows := closeRows(t, &fresh, p.emp, p.rs, first+calendars.Date(7*k), gen[k], &st)
			chained = append(chained, rows...)
			book = NewBook()
			for _, r := range rows {
				b, _ := ParseBank(r.Bank)
				if !book.Put(r.Employee, b, r.Closing, r.YTD) {
					t.Fatalf("two %s rows", r.Bank)
				}
			}
		}
		if !reflect.DeepEqual(one, chained) {
			for i := range one {
				if i >= len(chained) || one[i] != chained[i] {
					t.Fatalf("%s %s: row %d differs:\n one run %+v\n chained %+v", p.emp.RuleSet, p.emp.TimeOff, i, one[i], chained[min(i, len(chained)-1)])
				}
			}
			t.Fatalf("%s: %d rows in one run, %d chained", p.emp.RuleSet, len(one), len(chained))
		}
		for _, r := range one {
			if r.Closing < 0 && r.Opening >= 0 {
				t.Fatalf("bank went negative: %+v", r)
			}
		}
	}
}

func closeRows(t *testing.T, e *Engine, emp *model.Employee, rs *rates.RuleSet, week calendars.Date, w wk, st *State) []model.Accrual {
	t.Helper()
	byBank, _ := close1(t, e, emp, rs, week, w, st)
	var rows []model.Accrual
	for b := Bank(0); b < NumBanks; b++ {
		if r, ok := byBank[b.String()]; ok {
			rows = append(rows, r)
		}
	}
	return rows
}

// The weekly loop allocates nothing once the plan is compiled and the row buffer is grown.
func TestWeekDoesNotAllocate(t *testing.T) {
	rs := shareRS(t)
	emp := employee(t, "EARNED", "2015-07-01", 40)
	res := &model.Result{Worked: secs(40), Lines: []model.PayLine{{PayCode: "EARNED", Seconds: secs(8)}, {PayCode: "REG", Seconds: secs(32)}}}
	var e Engine
	st := opening(t, "EARNED", "100")
	out := make([]model.Accrual, 0, 16)
	var exc []model.Exception
	in := &Input{Emp: emp, RuleSet: rs, Week: firstWeek(2019), Result: res}
	e.Week(in, &st, &out, &exc)
	open := opening(t, "EARNED", "100")
	allocs := testing.AllocsPerRun(100, func() {
		out, st = out[:0], open
		e.Week(in, &st, &out, &exc)
	})
	if allocs != 0 {
		t.Errorf("%v allocations per week", allocs)
	}
}

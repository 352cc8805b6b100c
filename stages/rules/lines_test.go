package rules

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
)

// refLines is Lines without its search cache and index sort: one line per key, found by comparing
// every field, then SortLines.
type refLines struct{ acc []model.PayLine }

func (r *refLines) add(date calendars.Date, code, rule string, rate rates.Rate, account string, secs, start, end int64) {
	if secs == 0 {
		return
	}
	for i := range r.acc {
		p := &r.acc[i]
		if p.WorkDate == date && p.PayCode == code && p.RuleID == rule && p.Rate == rate && p.Account == account {
			p.Seconds += secs
			p.Start, p.End = min(p.Start, start), max(p.End, end)
			return
		}
	}
	r.acc = append(r.acc, model.PayLine{WorkDate: date, PayCode: code, RuleID: rule, Rate: rate, Account: account, Seconds: secs, Start: start, End: end})
}

// A week's lines are the same whether Add finds a line by its cache or by its search, and the index
// sort gives SortLines' order: random weeks of many keys (dates that share Add's date chain among
// them), with equal strings at different addresses (an account read from two rows).
func TestLinesMatchReference(t *testing.T) {
	r := rand.New(rand.NewPCG(16, 3))
	codes := []string{CodeREG, CodeOT, CodeDiffEve, CodeDiffNight, CodeDiffWeekend}
	ruleIDs := []string{"SHARE-G-06", "SHARE-OT-A", "SHARE-OT-B", "SHARE-SHIFT-04"}
	accounts := []string{"", "100/ICU", strings.Clone("100/ICU"), "200/ER", strings.Clone("200/ER")}
	emp := &model.Employee{ID: "E1", RuleSet: "SHARE", Account: "900/HOME"}
	w := &model.Week{Emp: emp}
	var l Lines
	var res model.Result
	for week := 0; week < 3000; week++ {
		l.Reset()
		res.Reset()
		var ref refLines
		for k := 0; k < r.IntN(80); k++ {
			// nine dates of a week, and dates a multiple of dateBuckets away (they share Add's
			// date chain), before and after the epoch
			date := calendars.Date(20000*(1-2*(week%2)) + r.IntN(9) + dateBuckets*r.IntN(3))
			code, rule := codes[r.IntN(len(codes))], ruleIDs[r.IntN(len(ruleIDs))]
			rate := rates.Rate(100000 * (1 + r.IntN(3)))
			acct := accounts[r.IntN(len(accounts))]
			secs, start := int64(r.IntN(4)*900), int64(r.IntN(1000))*60
			l.Add(date, code, rule, rate, acct, secs, start, start+secs)
			ref.add(date, code, rule, rate, acct, secs, start, start+secs)
		}
		l.Flush(w, &res)
		for i := range ref.acc {
			p := &ref.acc[i]
			p.Amount = rates.Amount(p.Seconds, p.Rate)
			if p.Account == "" {
				p.Account = emp.Account
			}
			p.Employee, p.RuleSet = emp.ID, emp.RuleSet
		}
		SortLines(ref.acc)
		if len(ref.acc) == 0 && len(res.Lines) == 0 {
			continue
		}
		if !reflect.DeepEqual(res.Lines, ref.acc) {
			t.Fatalf("week %d: got\n%v\nwant\n%v", week, res.Lines, ref.acc)
		}
	}
}

// Flush orders a week's lines in SortLines' stable order also where lines tie, which they do when the
// fallback account Flush gives an empty one is also named by a line of the same key, and where lump
// lines tie with added ones (an order built from Add's date chains must keep this).
func TestFlushOrderStableOnTies(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 16))
	accounts := []string{"", "900/HOME", "100/ICU"}
	emp := &model.Employee{ID: "E1", RuleSet: "SHARE", Account: "900/HOME"}
	w := &model.Week{Emp: emp}
	var l Lines
	var res model.Result
	for week := 0; week < 3000; week++ {
		l.Reset()
		res.Reset()
		var ref refLines
		base := calendars.Date(20000 * (1 - 2*(week%2)))
		for k := 0; k < r.IntN(30); k++ {
			date := base + calendars.Date(r.IntN(9))
			code := []string{CodeREG, CodeOT}[r.IntN(2)]
			acct := accounts[r.IntN(len(accounts))]
			secs, start := int64(1+r.IntN(2))*900, int64(r.IntN(2))*60
			l.Add(date, code, "R", 100000, acct, secs, start, start+secs)
			ref.add(date, code, "R", 100000, acct, secs, start, start+secs)
		}
		var lumps []model.PayLine
		for k := 0; k < r.IntN(4); k++ {
			p := model.PayLine{WorkDate: base + calendars.Date(r.IntN(9)), PayCode: CodeREG, RuleID: "R", Rate: 100000,
				Amount: rates.Money(r.IntN(500)), Account: accounts[r.IntN(len(accounts))], Start: int64(r.IntN(2)) * 60}
			l.Lump(p.WorkDate, p.PayCode, p.RuleID, p.Rate, p.Amount, p.Account, 0, p.Start, p.End)
			lumps = append(lumps, p)
		}
		l.Flush(w, &res)
		for i := range ref.acc {
			ref.acc[i].Amount = rates.Amount(ref.acc[i].Seconds, ref.acc[i].Rate)
		}
		want := append(ref.acc, lumps...)
		for i := range want {
			p := &want[i]
			if p.Account == "" {
				p.Account = emp.Account
			}
			p.Employee, p.RuleSet = emp.ID, emp.RuleSet
		}
		SortLines(want)
		if len(want) == 0 && len(res.Lines) == 0 {
			continue
		}
		if !reflect.DeepEqual(res.Lines, want) {
			t.Fatalf("week %d: got\n%v\nwant\n%v", week, res.Lines, want)
		}
	}
}

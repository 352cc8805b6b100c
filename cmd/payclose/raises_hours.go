package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/rates/wages"
	"github.com/payclose/payclose/stages/emit"
	"github.com/payclose/payclose/stages/model"
)

// fyHours is one employee's hours paid in the fiscal year before a raise: all of them, and the
// overtime hours among them (SHARE-WAGE-05).
type fyHours struct {
	hours, ot rates.Hours
}

// hoursSource is where the prior fiscal year's hours came from, for the summary.
type hoursSource struct {
	what     string         // "--ledger DIR" or "--hours FILE"
	from, to calendars.Date // the work dates counted, [from, to)
	weeks    int            // pay weeks touching [from, to)
	inLedger int            // of which the ledger holds
	missing  []string       // the weeks it does not hold
	open     []string       // weeks held but not closed by all their shards
}

// ledgerHours sums, from the current pay lines of the ledger dir, the hours paid with a work date
// in [from, to) of the employees in want: each line's hours once when wg.HoursPaid counts its pay
// code (worked time once, paid time, the rule set's paid absences; not differentials, on-call or
// standby). Lines with no hours add nothing. weekStart is the rule set's first day of the week, to
// tell which pay weeks the ledger should hold.
func ledgerHours(dir string, wg *wages.Wages, absence func(string) bool, from, to calendars.Date, weekStart func(calendars.Date) calendars.Date,
	want map[string]bool) (map[string]fyHours, hoursSource, error) {
	src := hoursSource{what: "--ledger " + dir, from: from, to: to}
	if _, err := os.Stat(filepath.Join(dir, emit.IndexFile)); err != nil {
		return nil, src, fmt.Errorf("--ledger %s: not a payclose ledger (%w)", dir, err)
	}
	// A close killed after its commit point leaves its journal: the index may not yet name
	// what is on disk. raises writes nothing to the ledger, so it leaves completing it to diff.
	if _, err := os.Stat(filepath.Join(dir, ".commit.json")); err == nil {
		return nil, src, fmt.Errorf("--ledger %s: a close's commit is not complete (.commit.json); run payclose diff on it first", dir)
	}
	x, err := emit.ReadIndex(dir)
	if err != nil {
		return nil, src, fmt.Errorf("--ledger %s: %w", dir, err)
	}
	out := map[string]fyHours{}
	for wk := weekStart(from); wk < to; wk = wk.AddDays(7) {
		src.weeks++
		e := x.Week(wk.String())
		if e == nil {
			src.missing = append(src.missing, wk.String())
			continue
		}
		src.inLedger++
		if !e.Closed {
			src.open = append(src.open, wk.String())
		}
		for _, rf := range e.Current {
			for _, o := range rf.Files {
				if !strings.HasPrefix(o.Path, "pay_lines/") {
					continue
				}
				if err := emit.VerifyFile(dir, o); err != nil {
					return nil, src, fmt.Errorf("--ledger %s: %w", dir, err)
				}
				err := emit.ReadPayLines(filepath.Join(dir, filepath.FromSlash(o.Path)), func(r *emit.PayLineRow) {
					if !want[r.Employee] || r.Hours == 0 || r.WorkDate < from || r.WorkDate >= to {
						return
					}
					counts, ot := wg.HoursPaid(r.PayCode, absence)
					if !counts {
						return
					}
					h := out[r.Employee]
					h.hours += rates.Hours(r.Hours)
					if ot {
						h.ot += rates.Hours(r.Hours)
					}
					out[strings.Clone(r.Employee)] = h
				})
				if err != nil {
					return nil, src, fmt.Errorf("--ledger %s: %w", dir, err)
				}
			}
		}
	}
	for id := range want {
		if _, ok := out[id]; !ok {
			out[id] = fyHours{} // in the ledger's weeks, no hours paid
		}
	}
	return out, src, nil
}

// hoursFile reads --hours: PERSONNUM, HOURS, OT_HOURS (optional, 0 when empty), the prior fiscal
// year's hours paid as payroll has them. A row that does not read is a reject; the others are kept.
func hoursFile(name string, reject func(model.Reject)) (map[string]fyHours, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	cr := csv.NewReader(f)
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.ToUpper(strings.TrimSpace(h))] = i
	}
	pi, ok1 := col["PERSONNUM"]
	hi, ok2 := col["HOURS"]
	oi, hasOT := col["OT_HOURS"]
	if !ok1 || !ok2 {
		return nil, fmt.Errorf("%s: expected the columns PERSONNUM, HOURS and (optional) OT_HOURS, got %s", name, strings.Join(head, ","))
	}
	out := map[string]fyHours{}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		line, _ := cr.FieldPos(0)
		field := func(i int) string {
			if i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		bad := func(column, value, reason, detail string) {
			reject(model.Reject{File: name, Line: int32(line), Column: column, Value: value, Reason: reason, Detail: detail, Employee: field(pi)})
		}
		id := field(pi)
		if id == "" {
			bad("PERSONNUM", "", "MISSING_FIELD", "expected the employee's PERSONNUM")
			continue
		}
		if _, dup := out[id]; dup {
			bad("PERSONNUM", id, "DUPLICATE_EMPLOYEE", "expected one row per employee")
			continue
		}
		var h fyHours
		h.hours, err = rates.ParseHours(field(hi))
		if err != nil || h.hours < 0 {
			bad("HOURS", field(hi), "BAD_HOURS", "expected the hours paid in the fiscal year, like 2080 or 1987.75")
			continue
		}
		if v := field(oi); hasOT && v != "" {
			h.ot, err = rates.ParseHours(v)
			if err != nil || h.ot < 0 || h.ot > h.hours {
				bad("OT_HOURS", v, "BAD_HOURS", "expected the overtime hours among HOURS (at most "+h.hours.String()+")")
				continue
			}
		}
		out[id] = h
	}
	return out, nil
}

// applyHours writes the prior fiscal year's hours on the plan's MAXCAP rows (BONUS_HOURS,
// BONUS_OT_HOURS). An employee with several capped jobs keeps them empty: the hours paid are the
// employee's, and which of them each job's bonus rate is owed on is for payroll to split.
func applyHours(p *raisePlan, hours map[string]fyHours) {
	capped := map[string]int{}
	for i := range p.rows {
		if p.rows[i].BonusRate > 0 {
			capped[p.rows[i].Employee]++
		}
	}
	for i := range p.rows {
		row := &p.rows[i]
		if row.BonusRate == 0 {
			continue
		}
		h, ok := hours[row.Employee]
		switch {
		case capped[row.Employee] > 1:
			p.unsplit = append(p.unsplit, i)
		case ok:
			row.BonusHours, row.BonusOTHours, row.BonusHoursGiven = h.hours, h.ot, true
		}
	}
}

package ingest

import (
	"io"

	"github.com/payclose/payclose/stages/model"
)

const (
	bPerson = iota
	bBank
	bHours
	bYTD
	bCredit
)

var balanceColumns = []column{
	bPerson: {"PERSONNUM", true},
	bBank:   {"BANK", true},
	bHours:  {"HOURS", true},
	bYTD:    {"YTD_ACCRUED", false},
	bCredit: {"CREDIT_DATE", false},
}

var bankNames = model.BankNames

// ReadBalances streams opening balances. The *model.Balance given to emit is reused for the next
// row; copy the struct to keep it. A balance may be written with a sign (whether a negative one is
// plausible is the rule set's limit, checked by the close); YTD_ACCRUED may not. Rejected balance rows carry no hours of the week (Seconds 0).
func ReadBalances(r io.Reader, file string, emit func(*model.Balance), reject func(model.Reject)) (Stats, error) {
	var stats Stats
	t, err := openTable(r, file, balanceColumns, &stats, reject)
	if err != nil {
		return stats, err
	}
	ids := newInterner()
	var b model.Balance
	err = t.each(func(fields [][]byte, line int) {
		var p problem
		b = model.Balance{Line: int32(line), CreditDate: model.NoDate}
		id := t.field(fields, bPerson)
		b.Employee = p.person(ids, id)
		if v := t.field(fields, bBank); len(v) == 0 {
			p.add(ReasonMissingField, "BANK", nil, "the bank is empty: EARNED, VACATION, SICK, HOLIDAY, COMP, ESL, EXEMPT_COMP or SEVERANCE")
		} else if i, ok := enumIndex(v, bankNames[:]...); ok {
			b.Bank = bankNames[i]
		} else {
			p.add(ReasonBadEnum, "BANK", v, "expected EARNED, VACATION, SICK, HOLIDAY, COMP, ESL, EXEMPT_COMP or SEVERANCE")
		}
		if v := t.field(fields, bHours); len(v) == 0 {
			p.add(ReasonMissingField, "HOURS", nil, "the balance is empty; "+detailHours)
		} else if h, ok := ParseHours(v, true); ok {
			b.Hours = h
		} else {
			p.add(ReasonBadHours, "HOURS", v, hoursDetail(v, true))
		}
		if v := t.field(fields, bYTD); len(v) > 0 {
			if h, ok := ParseHours(v, false); ok {
				b.YTD = h
			} else {
				p.add(ReasonBadHours, "YTD_ACCRUED", v, hoursDetail(v, false))
			}
		}
		// A bank kept in lots (EXEMPT_COMP) is given one row per lot, dated by CREDIT_DATE.
		if v := t.field(fields, bCredit); len(v) > 0 {
			if d, ok := ParseDate(v); ok {
				b.CreditDate = d
			} else {
				p.add(ReasonBadDate, "CREDIT_DATE", v, detailDate+" (or leave it empty)")
			}
		}
		if t.done(line, &p, id) && emit != nil {
			emit(&b)
		}
	})
	return stats, err
}

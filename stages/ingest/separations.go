package ingest

import (
	"io"
	"strconv"

	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
)

const (
	sepPerson = iota
	sepDate
	sepReason
	sepNotice
	sepRelease
	sepExternal
	sepVested
	sepRehire
	sepPaidInLieu
	sepPaidMonths
	sepBuyout
)

var separationColumns = []column{
	sepPerson:   {"PERSONNUM", true},
	sepDate:     {"SEPARATION_DATE", true},
	sepReason:   {"REASON", true},
	sepNotice:   {"NOTICE_GIVEN_DAYS", false},
	sepRelease:  {"RELEASE_EXECUTED", false},
	sepExternal: {"EXTERNALLY_FUNDED", false},
	// Issue 15, the rest: PSU-SL-SICK's vesting, and a re-employment after an earlier separation
	// (NUT-I.D-4) with the payment in lieu it received.
	sepVested:     {"RETIREMENT_VESTED", false},
	sepRehire:     {"REHIRE_DATE", false},
	sepPaidInLieu: {"PAID_IN_LIEU", false},
	sepPaidMonths: {"PAID_MONTHS", false},
	sepBuyout:     {"NOTICE_BUYOUT_DAYS", false},
}

var separationReasons = [...]string{model.SepVoluntary, model.SepInvoluntary, model.SepLayoff, model.SepCause, model.SepRetirement, model.SepDeath}

// ReadSeparations streams separations.csv (optional): one row per employment that ends. The
// *model.Separation given to emit is reused for the next row. Rejected rows carry no hours.
func ReadSeparations(r io.Reader, file string, emit func(*model.Separation), reject func(model.Reject)) (Stats, error) {
	var stats Stats
	t, err := openTable(r, file, separationColumns, &stats, reject)
	if err != nil {
		return stats, err
	}
	ids := newInterner()
	var s model.Separation
	err = t.each(func(fields [][]byte, line int) {
		var p problem
		s = model.Separation{Line: int32(line)}
		id := t.field(fields, sepPerson)
		s.Employee = p.person(ids, id)
		s.Date = p.date(&t.dates, t.field(fields, sepDate), "SEPARATION_DATE", "the separation date (last day employed)")
		if v := t.field(fields, sepReason); len(v) == 0 {
			p.add(ReasonMissingField, "REASON", nil, "the reason is empty: VOLUNTARY, INVOLUNTARY, LAYOFF, CAUSE, RETIREMENT or DEATH")
		} else if i, ok := enumIndex(v, separationReasons[:]...); ok {
			s.Reason = separationReasons[i]
		} else {
			p.add(ReasonBadEnum, "REASON", v, "expected VOLUNTARY, INVOLUNTARY, LAYOFF, CAUSE, RETIREMENT or DEATH")
		}
		s.NoticeDays = days(t.field(fields, sepNotice), "NOTICE_GIVEN_DAYS", "of notice", &p)
		s.BuyoutDays = days(t.field(fields, sepBuyout), "NOTICE_BUYOUT_DAYS", "the notice was shortened by agreement", &p)
		s.Release = yesNo(t.field(fields, sepRelease), "RELEASE_EXECUTED", false, &p)
		s.External = yesNo(t.field(fields, sepExternal), "EXTERNALLY_FUNDED", false, &p)
		s.Vested = yesNo(t.field(fields, sepVested), "RETIREMENT_VESTED", false, &p)
		rehire(t, fields, &s, &p)
		if t.done(line, &p, id) && emit != nil {
			emit(&s)
		}
	})
	return stats, err
}

// rehire reads the optional re-employment columns: REHIRE_DATE after SEPARATION_DATE, and the
// payment in lieu received (PAID_IN_LIEU dollars, PAID_MONTHS the months it was based on, up to
// two decimals), which only a row with REHIRE_DATE may give, both or neither.
func rehire(t *table, fields [][]byte, s *model.Separation, p *problem) {
	s.Rehire = model.NoDate
	v := t.field(fields, sepRehire)
	amount, months := t.field(fields, sepPaidInLieu), t.field(fields, sepPaidMonths)
	if len(v) == 0 {
		if len(amount)+len(months) > 0 {
			p.add(ReasonMissingField, "REHIRE_DATE", nil, "PAID_IN_LIEU and PAID_MONTHS describe a payment to repay on re-employment: give the REHIRE_DATE too")
		}
		return
	}
	d, ok := ParseDate(v)
	switch {
	case !ok:
		p.add(ReasonBadDate, "REHIRE_DATE", v, detailDate)
		return
	case d <= s.Date:
		p.add(ReasonBadDate, "REHIRE_DATE", v, "expected the re-employment start date after SEPARATION_DATE")
		return
	}
	s.Rehire = d
	if (len(amount) == 0) != (len(months) == 0) {
		p.add(ReasonMissingField, "PAID_IN_LIEU", amount, "give both PAID_IN_LIEU and PAID_MONTHS (the payment and the months it was based on), or neither")
		return
	}
	if len(amount) == 0 {
		return
	}
	if m, err := rates.ParseMoney(string(amount)); err != nil || m <= 0 {
		p.add(ReasonBadNumber, "PAID_IN_LIEU", amount, "expected the payment in lieu in dollars like 31200 or 31200.00")
	} else {
		s.PaidInLieu = m
	}
	// Months with up to two decimals are read as hundredths (the money parser's scale).
	if m, err := rates.ParseMoney(string(months)); err != nil || m <= 0 || m > 1200 {
		p.add(ReasonBadNumber, "PAID_MONTHS", months, "expected the months the payment was based on, like 6 or 2.5 (0.01 to 12)")
	} else {
		s.PaidMonths = int64(m)
	}
}

// days reads an optional count of calendar days (0 when empty).
func days(v []byte, column, what string, p *problem) int {
	if len(v) == 0 {
		return 0
	}
	n, err := strconv.Atoi(string(v))
	if err != nil || n < 0 || n > 3660 {
		p.add(ReasonBadNumber, column, v, "expected whole calendar days "+what+", 0 to 3660")
		return 0
	}
	return n
}

package ingest

import (
	"errors"
	"fmt"
	"io"

	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
)

const (
	rtPerson = iota
	rtEffective
	rtJob
	rtBase
	rtSalary
	rtFTE
	rtGrade
	rtPlatform
	rtAccount
	rtReason
	rtBonusRate
	rtBonusHours
	rtBonusOT
)

var rateColumns = []column{
	rtPerson:     {"PERSONNUM", true},
	rtEffective:  {"EFFECTIVE_DATE", true},
	rtJob:        {"JOB", false},
	rtBase:       {"BASE_RATE", false},
	rtSalary:     {"ANNUAL_SALARY", false},
	rtFTE:        {"FTE", false},
	rtGrade:      {"GRADE", false},
	rtPlatform:   {"PLATFORM", false},
	rtAccount:    {"LABORACCOUNT", false},
	rtReason:     {"REASON", false},
	rtBonusRate:  {"BONUS_RATE", false},
	rtBonusHours: {"BONUS_HOURS", false},
	rtBonusOT:    {"BONUS_OT_HOURS", false},
}

// maxBonusHours bounds BONUS_HOURS: the hours of one fiscal year, at most 366 × 24.
const maxBonusHours = 366 * 24 * 10000

// maxFTE bounds FTE: above 1.5 is a typing error (150 for 1.50), not an appointment.
const maxFTE = 15000

// ReadRates streams rates.csv (optional): any number of dated rows per employee and job. The
// *model.RatePeriod given to emit is reused for the next row. Rejected rows carry no hours.
func ReadRates(r io.Reader, file string, emit func(*model.RatePeriod), reject func(model.Reject)) (Stats, error) {
	var stats Stats
	t, err := openTable(r, file, rateColumns, &stats, reject)
	if err != nil {
		return stats, err
	}
	if t.idx[rtBase] < 0 && t.idx[rtSalary] < 0 {
		return stats, fmt.Errorf("%s: missing required column BASE_RATE or ANNUAL_SALARY", file)
	}
	ids, texts := newInterner(), newInterner()
	var rp model.RatePeriod
	err = t.each(func(fields [][]byte, line int) {
		var p problem
		rp = model.RatePeriod{Line: int32(line)}
		id := t.field(fields, rtPerson)
		rp.Employee = p.person(ids, id)
		rp.Effective = p.date(&t.dates, t.field(fields, rtEffective), "EFFECTIVE_DATE", "the date the rate is in force from")
		rp.BaseRate, rp.AnnualSalary = payRate(t.field(fields, rtBase), t.field(fields, rtSalary), &p)
		if v := t.field(fields, rtFTE); len(v) > 0 {
			if h, ok := ParseHours(v, false); ok && h > 0 && h.Seconds() <= maxFTE*36/100 {
				rp.FTE = int32(h.Seconds() * 100 / 36) // hours parse to 1/3600: FTE 0.75 is 2700 s
			} else {
				p.add(ReasonBadNumber, "FTE", v, "expected a full-time equivalent like 1, 0.75 or 0.5 (above 0, at most 1.5)")
			}
		}
		rp.Job = p.text(texts, t.field(fields, rtJob), "JOB")
		rp.Grade = p.text(texts, t.field(fields, rtGrade), "GRADE")
		rp.Platform = p.text(texts, t.field(fields, rtPlatform), "PLATFORM")
		rp.Account = p.text(texts, t.field(fields, rtAccount), "LABORACCOUNT")
		rp.Reason = p.text(texts, t.field(fields, rtReason), "REASON")
		bonus(&rp, t.field(fields, rtBonusRate), t.field(fields, rtBonusHours), t.field(fields, rtBonusOT), &p)
		if t.done(line, &p, id) && emit != nil {
			emit(&rp)
		}
	})
	return stats, err
}

// payRate reads the pay of a roster or rates.csv row: an hourly BASE_RATE or an ANNUAL_SALARY,
// exactly one of them.
func payRate(base, salary []byte, p *problem) (rates.Rate, rates.Money) {
	switch {
	case len(base) == 0 && len(salary) == 0:
		p.add(ReasonMissingField, "BASE_RATE", nil, "give the hourly BASE_RATE or the ANNUAL_SALARY")
	case len(base) > 0 && len(salary) > 0:
		p.add(ReasonConflictingFields, "ANNUAL_SALARY", salary, "give either BASE_RATE or ANNUAL_SALARY, not both")
	case len(base) > 0:
		if rate, err := parseRate(base); err != nil || rate <= 0 {
			p.add(ReasonBadNumber, "BASE_RATE", base, "expected an hourly rate in dollars like 31.25 (no $ sign, at most 4 decimals)")
		} else {
			return rate, 0
		}
	default:
		if m, err := parseMoney(salary); err != nil || m <= 0 {
			p.add(ReasonBadNumber, "ANNUAL_SALARY", salary, "expected an annual salary in dollars like 58500 or 58500.00 (no $ sign or commas)")
		} else {
			return 0, m
		}
	}
	return 0, 0
}

// bonus reads a row's lump sum: BONUS_RATE (dollars an hour), BONUS_HOURS and BONUS_OT_HOURS
// (hours of the fiscal year it is paid on, overtime included in BONUS_HOURS). Hours without a
// rate are a row nobody can pay; a rate without hours is kept (the hours come later).
func bonus(rp *model.RatePeriod, rate, hours, ot []byte, p *problem) {
	if len(rate) > 0 {
		if r, err := rates.ParseRate(string(rate)); err != nil || r < 0 {
			p.add(ReasonBadNumber, "BONUS_RATE", rate, "expected a bonus rate in dollars an hour like 0.44 (no $ sign, at most 4 decimals)")
		} else {
			rp.BonusRate = r
		}
	}
	read := func(v []byte, col string) rates.Hours {
		if len(v) == 0 {
			return 0
		}
		h, ok := ParseHours(v, false)
		if !ok || h > maxBonusHours {
			p.add(ReasonBadHours, col, v, "expected the hours of one fiscal year like 2080 or 2080.25 (at most 8784)")
			return 0
		}
		return h
	}
	rp.BonusHours, rp.BonusOTHours = read(hours, "BONUS_HOURS"), read(ot, "BONUS_OT_HOURS")
	rp.BonusHoursGiven = len(hours) > 0
	switch {
	case (len(hours) > 0 || len(ot) > 0) && len(rate) == 0:
		p.add(ReasonMissingField, "BONUS_RATE", nil, "BONUS_HOURS and BONUS_OT_HOURS are paid at a BONUS_RATE: give it, or leave the hours empty")
	case len(ot) > 0 && len(hours) == 0:
		p.add(ReasonMissingField, "BONUS_HOURS", nil, "BONUS_OT_HOURS is the overtime part of BONUS_HOURS: give both")
	case rp.BonusOTHours > rp.BonusHours:
		p.add(ReasonConflictingFields, "BONUS_OT_HOURS", ot, "the overtime hours are part of BONUS_HOURS, so at most "+rp.BonusHours.String())
	}
}

// parseRate is rates.ParseRate of b; plain decimal text (31.25) is read without allocating.
func parseRate(b []byte) (rates.Rate, error) {
	if v, ok, plain := parsePlainDecimal(b, 4, 1e9*rates.RateScale); plain {
		if !ok {
			return 0, errPlainDecimal
		}
		return rates.Rate(v), nil
	}
	return rates.ParseRate(string(b))
}

// parseMoney is rates.ParseMoney of b; plain decimal text (58500.00) is read without allocating.
func parseMoney(b []byte) (rates.Money, error) {
	if v, ok, plain := parsePlainDecimal(b, 2, 1e12*100); plain {
		if !ok {
			return 0, errPlainDecimal
		}
		return rates.Money(v), nil
	}
	return rates.ParseMoney(string(b))
}

var errPlainDecimal = errors.New("more decimal places than the value allows, or out of range")

// parsePlainDecimal reads text of the form 123 or 123.4567 as a count of 10^-places units, as
// package rates reads it (decimals beyond places must be zeros; at most max units) but without
// the allocations of its arbitrary-precision decimals: 157 MB at 1M employees. plain is false
// for any other text (a sign, an exponent, a point with no digit on one side, more than 13
// integer digits), which the caller leaves to package rates, so both always agree
// (FuzzParsePlainDecimal).
func parsePlainDecimal(b []byte, places int, max int64) (v int64, ok, plain bool) {
	i, ints := 0, 0
	for ; i < len(b) && isDigit(b[i]); i++ {
		v = v*10 + int64(b[i]-'0')
		ints++
	}
	if ints == 0 || ints > 13 {
		return 0, false, false
	}
	frac := 0
	if i < len(b) {
		if b[i] != '.' || i+1 == len(b) {
			return 0, false, false
		}
		for i++; i < len(b); i++ {
			c := b[i]
			if !isDigit(c) {
				return 0, false, false
			}
			if frac == places {
				// A decimal beyond places must be 0 (31.25000 is 31.25); any other is an error,
				// unless later text makes the whole value one for package rates to judge.
				if c != '0' {
					for ; i < len(b); i++ {
						if !isDigit(b[i]) {
							return 0, false, false
						}
					}
					return 0, false, true
				}
				continue
			}
			v = v*10 + int64(c-'0')
			frac++
		}
	}
	for ; frac < places; frac++ {
		v *= 10
	}
	return v, v <= max, true
}

// Package accrue moves an employee's time-off banks for one workweek: what the week earned (rate
// × accrual base, longevity, comp and holiday time the rules credited), what it used (pay lines
// that debit a bank), what the caps forfeited, and the closing balance that opens the next week.
//
// It is pure: no I/O, every number from the rule set's accrual profile (rates.AccrualProfile). The
// whole state an employee carries from one week to the next is the balance and the year-to-date
// accrual of each bank, i.e. exactly the closing and ytd_accrued columns of the accruals output.
// That is what makes a chain of one-week runs (each opened from the previous run's output) equal
// to one multi-week run, byte for byte.
//
// Rounding. Balances are kept at 1/10000 h and accrual rates are exact rationals (SHARE-G-05,
// ENG-1). A week's credit is rounded once to 1/10000 h, but not in isolation: it is the
// difference of the rounded cumulative accrual of a nominal year of full weeks,
//
//	credit = R(rate × (P + base)) − R(rate × P),   P = k × nominal week, k = week of the year
//
// so an employee who works the nominal week every week gets exactly the annual figure the
// contract states (52 × 40 h at 23/260 = 184.0000 h, TC-DOC-18; 1,200 h worked = 40 h ESL, ESL-A1),
// while every single week stays within 1/10000 h of rate × base. Plain per-week rounding would
// drift (52 × 3.5385 = 184.0020) and carrying the exact remainder would need state the output
// does not hold.
//
// The year. k counts from the week holding January 1 of the year of the week's last day, and
// year-to-date accrual restarts in that week. A bank with a year cap (ESL-A5: "during the benefit
// year", which runs "from January 1 to December 31") splits that week when January 1 is not its
// first day: the base before January 1 is credited in the old year, at the week's place in it
// (P = k_old × nominal week) and within what the old year's cap leaves; the base from January 1 in
// the new year at P = 0, as the whole week was before, counted in the new year's YTD. Each part is
// the same difference of rounded running totals, so each is within 1/10000 h of rate × its hours
// and a week with no hours before January 1 credits exactly as it did. Other banks keep the whole
// week in the new year (their YTD is a report, no text caps it). A bank credited in days
// (rates.YearGrant, PSU-20.3 personal leave) is credited in that week too, the first of the
// January payroll month (a week's payroll month is the month of its last day), after the rollover
// took what the old year left, and in the week of a later hire; other weeks only compare dates.
package accrue

import (
	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
)

// Bank is a time-off bank. The constant order is the row order of the accruals output.
type Bank uint8

const (
	Earned Bank = iota
	Vacation
	Sick
	Holiday
	Comp
	ESL
	Personal
	// ExemptComp is PSU exempt comp time, kept in lots that expire (PSU-18.2-C1); its bank row is
	// followed by one row per lot.
	ExemptComp
	// Severance is severance owed in hours of the budgeted week, credited at a separation and paid
	// out week by week until exhausted (SHARE-SEV-01).
	Severance
	NumBanks
)

// NoBank marks a pay code that debits nothing.
const NoBank Bank = 255

var bankNames [NumBanks]string = model.BankNames // a compile error if the two lists differ in length

func (b Bank) String() string {
	if b < NumBanks {
		return bankNames[b]
	}
	return "NONE"
}

// ParseBank reads a bank name as written in balances.csv, the profiles and the output.
func ParseBank(s string) (Bank, bool) {
	for i, n := range bankNames {
		if n == s {
			return Bank(i), true
		}
	}
	return NoBank, false
}

// Slot is one bank's state between weeks.
type Slot struct {
	Balance rates.Hours
	YTD     rates.Hours // accrued this calendar year
	Held    bool        // the employee has this bank (a row is written every week)
}

// State is an employee's banks between weeks. Copying it copies the banks but shares the lots:
// use CopyFrom to copy.
type State struct {
	Slots [NumBanks]Slot
	// Lots of the bank kept in lots, oldest credit first; their hours sum to its balance.
	Lots []Lot
}

// Lot is time credited on one date to a bank kept in lots.
type Lot struct {
	Credit calendars.Date
	Hours  rates.Hours
}

// CopyFrom makes st a copy of o, reusing st's lot memory.
func (st *State) CopyFrom(o *State) {
	lots := st.Lots[:0]
	*st = *o
	st.Lots = append(lots, o.Lots...)
}

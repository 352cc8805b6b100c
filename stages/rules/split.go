package rules

import (
	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
)

// Share is one labor account's part of a week-level amount that belongs to some of the week's
// hours (the FLSA regular-rate true-up belongs to the overtime hours): the seconds of those hours
// charged to the account, and the latest work date among them.
type Share struct {
	Account string
	Date    calendars.Date
	Seconds int64
	cents   int64
	rem     int64
}

// AddShare adds secs worked on date on account to shares, keeping one entry per account.
func AddShare(shares []Share, account string, date calendars.Date, secs int64) []Share {
	for i := range shares {
		if shares[i].Account == account {
			shares[i].Seconds += secs
			shares[i].Date = max(shares[i].Date, date)
			return shares
		}
	}
	return append(shares, Share{Account: account, Date: date, Seconds: secs})
}

// LumpSplit writes amount as one lump line per share, dated the share's date, split across the
// shares in proportion to their seconds so each labor account is charged for its own hours. Whole
// cents by the largest remainder: each share first gets floor(amount × seconds ÷ total) cents,
// then the cents left over go one each to the shares with the largest remainders (ties: the
// smaller account), so the lines sum exactly to amount. withSeconds puts each share's seconds on
// its line (the hours the amount is for); otherwise the lines carry no time.
func (l *Lines) LumpSplit(code, ruleID string, rate rates.Rate, amount rates.Money, shares []Share, withSeconds bool, start, end int64) {
	var total int64
	for i := range shares {
		total += shares[i].Seconds
	}
	if total <= 0 || amount == 0 {
		return
	}
	sign, a := int64(1), int64(amount)
	if a < 0 {
		sign, a = -1, -a
	}
	left := a
	for i := range shares {
		s := &shares[i]
		s.cents = a * s.Seconds / total
		s.rem = a*s.Seconds - s.cents*total
		left -= s.cents
	}
	for ; left > 0; left-- {
		best := -1
		for i := range shares {
			s := &shares[i]
			if s.rem < 0 {
				continue // already given its extra cent
			}
			if best < 0 || s.rem > shares[best].rem || (s.rem == shares[best].rem && s.Account < shares[best].Account) {
				best = i
			}
		}
		shares[best].cents++
		shares[best].rem = -1
	}
	for i := range shares {
		s := &shares[i]
		if s.cents == 0 {
			continue
		}
		var secs int64
		if withSeconds {
			secs = s.Seconds
		}
		l.Lump(s.Date, code, ruleID, rate, rates.Money(sign*s.cents), s.Account, secs, start, end)
	}
}

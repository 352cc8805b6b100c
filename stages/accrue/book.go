package accrue

import (
	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
)

// Book is the opening state of a run: every employee's banks as of the close of the week before
// the first week closed, from balances.csv or a previous run's accruals. It is filled before the
// run and read-only after, so workers share it.
type Book struct {
	idx    map[string]int32
	states []State
}

// NewBook returns an empty book.
func NewBook() *Book { return &Book{idx: map[string]int32{}} }

// Put records an opening balance. It returns false when the employee already has that bank: two
// opening balances for one bank are a conflict the caller must report, not a sum.
func (b *Book) Put(emp string, bank Bank, balance, ytd rates.Hours) bool {
	i, ok := b.idx[emp]
	if !ok {
		i = int32(len(b.states))
		b.idx[emp] = i
		b.states = append(b.states, State{})
	}
	s := &b.states[i].Slots[bank]
	if s.Held {
		return false
	}
	*s = Slot{Balance: balance, YTD: ytd, Held: true}
	return true
}

// PutLot records an opening lot of the bank kept in lots (balances.csv CREDIT_DATE, or a lot row
// of a previous run's accruals). Lots are kept oldest first; two lots of one credit date add up.
// The bank's balance is the sum of its lots.
func (b *Book) PutLot(emp string, bank Bank, credit calendars.Date, hours rates.Hours) {
	i, ok := b.idx[emp]
	if !ok {
		i = int32(len(b.states))
		b.idx[emp] = i
		b.states = append(b.states, State{})
	}
	st := &b.states[i]
	st.Slots[bank].Held = true
	st.Slots[bank].Balance += hours
	st.Lots = insertLot(st.Lots, credit, hours)
}

// PutLotBank records the bank row of a bank kept in lots: its year-to-date accrual (a zero does
// not clear one given on another lot row). The balance comes from the lots.
func (b *Book) PutLotBank(emp string, bank Bank, ytd rates.Hours) {
	i, ok := b.idx[emp]
	if !ok {
		i = int32(len(b.states))
		b.idx[emp] = i
		b.states = append(b.states, State{})
	}
	s := &b.states[i].Slots[bank]
	s.Held = true
	if ytd != 0 {
		s.YTD = ytd
	}
}

func insertLot(lots []Lot, credit calendars.Date, h rates.Hours) []Lot {
	k := len(lots)
	for k > 0 && lots[k-1].Credit > credit {
		k--
	}
	if k > 0 && lots[k-1].Credit == credit {
		lots[k-1].Hours += h
		return lots
	}
	lots = append(lots, Lot{})
	copy(lots[k+1:], lots[k:])
	lots[k] = Lot{Credit: credit, Hours: h}
	return lots
}

// Opening copies an employee's opening state into st (all banks empty when the book has none).
func (b *Book) Opening(emp string, st *State) {
	if b != nil {
		if i, ok := b.idx[emp]; ok {
			st.CopyFrom(&b.states[i])
			return
		}
	}
	st.CopyFrom(&State{})
}

// Len is the number of employees with an opening balance.
func (b *Book) Len() int {
	if b == nil {
		return 0
	}
	return len(b.states)
}

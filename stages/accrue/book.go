package accrue

import "github.com/payclose/payclose/rates"

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

// Opening copies an employee's opening state into st (all banks empty when the book has none).
func (b *Book) Opening(emp string, st *State) {
	if b != nil {
		if i, ok := b.idx[emp]; ok {
			*st = b.states[i]
			return
		}
	}
	*st = State{}
}

// Len is the number of employees with an opening balance.
func (b *Book) Len() int {
	if b == nil {
		return 0
	}
	return len(b.states)
}

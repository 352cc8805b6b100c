package rules

import (
	"testing"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
)

// Issue 12, defect 3: the FLSA regular-rate true-up (SHARE-OT-E: "an employee's regular rate of pay
// will include all pay differentials"; PSU-39.5-A, the FLSA floor) is owed on the overtime hours,
// so it is charged to the labor accounts of those hours in proportion to them, in whole cents by
// the largest remainder so the lines sum to the amount exactly.
func TestLumpSplit(t *testing.T) {
	cases := []struct {
		name   string
		amount rates.Money
		secs   [3]int64 // accounts A, B, C
		want   [3]int64
	}{
		// $1.00 over three equal shares: 33⅓ each → 33 + 33 + 33 = 99; the cent left goes to the
		// largest remainder, all equal, so to the smallest account: A 34, B 33, C 33.
		{"equal thirds", 100, [3]int64{3600, 3600, 3600}, [3]int64{34, 33, 33}},
		// $0.10 over 1 h, 2 h, 4 h: 10/7 = 1.43, 20/7 = 2.86, 40/7 = 5.71 → floors 1 + 2 + 5 = 8;
		// the two cents left go to the remainders .86 (B) and .71 (C): 1, 3, 6.
		{"1:2:4", 10, [3]int64{3600, 7200, 14400}, [3]int64{1, 3, 6}},
		// A negative amount (a reversal) splits the same way, signs kept.
		{"negative", -100, [3]int64{3600, 3600, 3600}, [3]int64{-34, -33, -33}},
	}
	for _, c := range cases {
		var l Lines
		var shares []Share
		for i, acct := range []string{"C", "A", "B"} { // order of appearance does not matter
			k := map[string]int{"A": 0, "B": 1, "C": 2}[acct]
			shares = AddShare(shares, acct, calendars.Date(3+i), c.secs[k])
		}
		l.LumpSplit("REG_RATE_TRUEUP", "SHARE-OT-E", 0, c.amount, shares, true, 0, 1)
		var res model.Result
		l.Flush(&model.Week{Emp: &model.Employee{ID: "E"}}, &res)
		got := map[string]int64{}
		var sum int64
		for _, ln := range res.Lines {
			got[ln.Account] += int64(ln.Amount)
			sum += int64(ln.Amount)
		}
		if sum != int64(c.amount) || got["A"] != c.want[0] || got["B"] != c.want[1] || got["C"] != c.want[2] {
			t.Errorf("%s: %v (sum %d), want %v", c.name, got, sum, c.want)
		}
	}
}

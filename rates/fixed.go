// Package rates holds the numbers of every rule set (effective-dated profiles loaded from the
// embedded JSON files) and the fixed-point arithmetic that all money and hours go through.
//
// Money is int64 cents, rates are int64 ten-thousandths of a dollar per hour, durations are int64
// seconds. Round is the single rounding helper: half away from zero. Decimals (shopspring) are used
// only where numbers enter or leave the program.
package rates

import (
	"fmt"
	"strconv"

	"github.com/shopspring/decimal"
)

// Money is an amount in cents.
type Money int64

// Rate is dollars per hour in units of 1/10000 (DECIMAL(12,4)).
type Rate int64

// RateScale is the number of Rate units in one dollar.
const RateScale = 10000

// Dollars returns a Rate of whole dollars and cents, e.g. Dollars(2, 50) = $2.50.
func Dollars(d, cents int64) Rate { return Rate(d*RateScale + cents*RateScale/100) }

// Round divides num by den rounding half away from zero. It is the only rounding in the program;
// den must be positive.
func Round(num, den int64) int64 {
	if num >= 0 {
		return (2*num + den) / (2 * den)
	}
	return -((-2*num + den) / (2 * den))
}

// Amount is the pay for seconds of time at rate r, rounded once to the cent.
// cents = seconds × r / 3600 / 100.
func Amount(seconds int64, r Rate) Money {
	return Money(Round(seconds*int64(r), 3600*100))
}

// Scale multiplies a rate by num/den (e.g. 3/2 for time and a half), rounded to 1/10000.
func (r Rate) Scale(num, den int64) Rate { return Rate(Round(int64(r)*num, den)) }

// Decimal returns the amount as a decimal with two places.
func (m Money) Decimal() decimal.Decimal { return decimal.New(int64(m), -2) }

// Decimal returns the rate as a decimal with four places.
func (r Rate) Decimal() decimal.Decimal { return decimal.New(int64(r), -4) }

func (m Money) String() string { return m.Decimal().StringFixed(2) }
func (r Rate) String() string  { return r.Decimal().StringFixed(4) }

// ParseRate reads a decimal dollar string ("20", "20.5", "20.1234"); more than four decimal places
// is an error rather than a silent rounding.
func ParseRate(s string) (Rate, error) {
	d, err := decimal.NewFromString(s)
	if err != nil {
		return 0, fmt.Errorf("not a decimal number: %q", s)
	}
	scaled := d.Shift(4)
	if !scaled.Equal(scaled.Truncate(0)) {
		return 0, fmt.Errorf("more than 4 decimal places: %q", s)
	}
	if d.Abs().GreaterThan(decimal.NewFromInt(1e9)) {
		return 0, fmt.Errorf("out of range: %q", s)
	}
	return Rate(scaled.IntPart()), nil
}

// ParseMoney reads a decimal dollar string with at most two decimal places.
func ParseMoney(s string) (Money, error) {
	d, err := decimal.NewFromString(s)
	if err != nil {
		return 0, fmt.Errorf("not a decimal number: %q", s)
	}
	scaled := d.Shift(2)
	if !scaled.Equal(scaled.Truncate(0)) {
		return 0, fmt.Errorf("more than 2 decimal places: %q", s)
	}
	if d.Abs().GreaterThan(decimal.NewFromInt(1e12)) {
		return 0, fmt.Errorf("out of range: %q", s)
	}
	return Money(scaled.IntPart()), nil
}

// HoursDecimal renders seconds as hours with four decimal places (DECIMAL(10,4)), rounded once.
func HoursDecimal(seconds int64) decimal.Decimal {
	return decimal.New(Round(seconds*10000, 3600), -4)
}

// AppendFixed appends the unscaled decimal v with scale places (0 to 4), as the String methods
// write it (Money 2, Rate and Hours 4), without a decimal type: the hand-off's register writes
// millions of them, and the rule stage's texts are built in its hot loop.
func AppendFixed(b []byte, v int64, scale int) []byte {
	u := uint64(v)
	if v < 0 {
		b = append(b, '-')
		u = -u
	}
	p := pow10[scale]
	b = strconv.AppendUint(b, u/p, 10)
	if scale == 0 {
		return b
	}
	// The places by pairs from a table and appended as single bytes: the loop of divisions and
	// the append of a slice of a variable length (a call to memmove) were most of the cost.
	f := u % p
	switch scale {
	case 2:
		d := &digitPairs[f]
		return append(b, '.', d[0], d[1])
	case 4:
		hi, lo := &digitPairs[f/100], &digitPairs[f%100]
		return append(b, '.', hi[0], hi[1], lo[0], lo[1])
	}
	var places [4]byte
	for i := scale - 1; i >= 0; i-- {
		places[i] = byte('0' + f%10)
		f /= 10
	}
	return append(append(b, '.'), places[:scale]...)
}

// digitPairs[n] is n in two digits, "00" to "99".
var digitPairs = func() (t [100][2]byte) {
	for n := range t {
		t[n] = [2]byte{byte('0' + n/10), byte('0' + n%10)}
	}
	return t
}()

var pow10 = [...]uint64{1, 10, 100, 1000, 10000}

// AppendHours appends HoursDecimal(seconds).String() to b: the hours with up to four decimal
// places, trailing zeros and a bare point dropped ("7.5", "8", "0.0003").
func AppendHours(b []byte, seconds int64) []byte {
	b = AppendFixed(b, Round(seconds*10000, 3600), 4)
	for b[len(b)-1] == '0' {
		b = b[:len(b)-1]
	}
	if b[len(b)-1] == '.' {
		b = b[:len(b)-1]
	}
	return b
}

// Hours is a quantity of hours in units of 1/10000 hour (DECIMAL(10,4)); used for bank balances,
// where accrual rates produce fractions that seconds cannot hold exactly.
type Hours int64

// HoursOf converts whole seconds to Hours, rounded once.
func HoursOf(seconds int64) Hours { return Hours(Round(seconds*10000, 3600)) }

// Decimal returns the hours as a decimal with four places.
func (h Hours) Decimal() decimal.Decimal { return decimal.New(int64(h), -4) }

func (h Hours) String() string { return h.Decimal().StringFixed(4) }

// ParseHours reads decimal hours ("7.5") or h:mm ("7:30") with at most four decimal places.
func ParseHours(s string) (Hours, error) {
	if i := indexByte(s, ':'); i >= 0 {
		h, m := s[:i], s[i+1:]
		if len(m) != 2 || len(h) == 0 || len(h) > 4 || !digits(h) || !digits(m) || m[0] > '5' {
			return 0, fmt.Errorf("expected hours as h:mm, got %q", s)
		}
		return Hours((atoi(h)*60 + atoi(m)) * 10000 / 60), nil
	}
	d, err := decimal.NewFromString(s)
	if err != nil {
		return 0, fmt.Errorf("expected hours like 7.5 or 7:30, got %q", s)
	}
	scaled := d.Shift(4)
	if !scaled.Equal(scaled.Truncate(0)) {
		return 0, fmt.Errorf("more than 4 decimal places of hours: %q", s)
	}
	if d.Abs().GreaterThan(decimal.NewFromInt(100000)) {
		return 0, fmt.Errorf("hours out of range: %q", s)
	}
	return Hours(scaled.IntPart()), nil
}

// Seconds converts Hours to whole seconds, rounded once.
func (h Hours) Seconds() int64 { return Round(int64(h)*3600, 10000) }

func indexByte(s string, c byte) int {
	for i := 0; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func atoi(s string) int64 {
	var n int64
	for i := 0; i < len(s); i++ {
		n = n*10 + int64(s[i]-'0')
	}
	return n
}

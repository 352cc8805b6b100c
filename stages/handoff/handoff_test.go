package handoff

import (
	"bytes"
	"errors"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/emit"
	"github.com/payclose/payclose/stages/emit/emittest"
	"github.com/payclose/payclose/stages/model"
)

func payLineFile(t *testing.T, lines []model.PayLine) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "part-00000.parquet")
	emittest.WritePayLines(t, p, lines)
	return p
}

var week, _ = calendars.ParseISODate("2026-11-15")

func lines() []model.PayLine {
	return []model.PayLine{
		{Employee: "1", RuleSet: "X", WorkDate: week, PayCode: "REG", Seconds: 8 * 3600, Rate: rates.Dollars(20, 0), Amount: 16000, RuleID: "R", Account: "A/B/C/D"},
		{Employee: "1", RuleSet: "X", WorkDate: week + 1, PayCode: "REG", Seconds: 8 * 3600, Rate: rates.Dollars(21, 0), Amount: 16800, RuleID: "R", Account: "A/B/C/D"},
		{Employee: "1", RuleSet: "X", WorkDate: week + 1, PayCode: "NEWCODE", Seconds: 3600, Rate: rates.Dollars(5, 0), Amount: 500, RuleID: "R", Account: "A/B/C/D"},
	}
}

type memFiles map[string]*bytes.Buffer

func (m memFiles) create(rel string, write func(io.Writer) (emit.Output, error)) error {
	b := &bytes.Buffer{}
	m[rel] = b
	_, err := write(b)
	return err
}

// The register aggregates an earning code's lines (two REG rates: "various"), maps an unknown
// pay code through the "*" row to itself, and the run fails when the register does not come to
// the close's own gross.
func TestRegisterAndUnbalanced(t *testing.T) {
	p := payLineFile(t, lines())
	in := &Input{RunID: "r1", Weeks: []Week{{Start: week, PayLines: []string{p}}}, Manifest: &emit.Manifest{}, Gross: 33300}
	files := memFiles{}
	if err := Write(in, Options{}, files.create); err != nil {
		t.Fatal(err)
	}
	reg := files["register/week_start=2026-11-15/register.csv"].String()
	want := "2026-11-15,1,X,NEWCODE,,1.0000,5.0000,5.00,17.0000,333.00\n2026-11-15,1,X,REG,Regular,16.0000,various,328.00,17.0000,333.00\n"
	if !strings.HasSuffix(reg, want) {
		t.Errorf("register:\n%s\nwant rows\n%s", reg, want)
	}
	in.Gross = 33301
	if err := Write(in, Options{}, memFiles{}.create); !errors.Is(err, ErrUnbalanced) {
		t.Errorf("gross off by a cent: err = %v, want ErrUnbalanced", err)
	}
}

// A custom mapping renames earning codes; a GL mapping without a "*" row fails on an unmapped
// pay code instead of posting it anywhere.
func TestMappingOverride(t *testing.T) {
	dir := t.TempDir()
	earn := filepath.Join(dir, "e.csv")
	gl := filepath.Join(dir, "g.csv")
	os.WriteFile(earn, []byte("pay_code,earning_code,description,paid_hours,base\nREG,E01,Straight,Y,Y\n"), 0o644)
	os.WriteFile(gl, []byte("pay_code,expense_class,gl_account\nREG,wages,6000\nACCRUAL_CHANGE,accrual_liability_change,6100\nACCRUED_LEAVE,accrued_leave_liability,2200\nACCRUED_PAYROLL,accrued_payroll,2000\n"), 0o644)
	m, err := LoadMappings(earn, gl)
	if err != nil {
		t.Fatal(err)
	}
	if e := m.Earning("REG"); e.Code != "E01" || !e.Base {
		t.Errorf("REG -> %+v", e)
	}
	if e := m.Earning("OT"); e.Code != "OT" {
		t.Errorf("unlisted OT without a * row -> %+v, want itself", e)
	}
	p := payLineFile(t, lines())
	in := &Input{RunID: "r1", Weeks: []Week{{Start: week, PayLines: []string{p}}}, Manifest: &emit.Manifest{}, Gross: 33300}
	if err := Write(in, Options{Mappings: m}, memFiles{}.create); err == nil || !strings.Contains(err.Error(), "NEWCODE") {
		t.Errorf("err = %v, want the unmapped pay code named", err)
	}
}

// A bank that shrank is a credit to the expense and a debit to the liability; debits = credits.
func TestJournalNegativeAccrual(t *testing.T) {
	m, err := LoadMappings("", "")
	if err != nil {
		t.Fatal(err)
	}
	debits := map[jkey]*agg{
		{"A", "wages", "5100"}:                    {hours: 80000, amount: 32800},
		{"A", "accrual_liability_change", "5160"}: {hours: -20000, amount: -4000},
	}
	out, pay, err := journalLines(m, week, debits, -4000)
	if err != nil {
		t.Fatal(err)
	}
	if pay != 32800 || len(out) != 4 {
		t.Fatalf("pay %d, lines %+v", pay, out)
	}
	if out[0].Credit != 4000 || out[0].Debit != 0 || out[3].Debit != 4000 || out[2].Credit != 32800 {
		t.Errorf("lines %+v", out)
	}
}

// The variance table: moves past the threshold first, largest percent first (a 3x gross, +200%,
// before a halving, -50%), then new and gone employees, then the rest by the size of the change.
// 24.9% is not past a 25% threshold; 25.1% is.
func TestVarianceOrder(t *testing.T) {
	prev := map[string]int64{"half": 100000, "triple": 40000, "small": 100000, "edge": 100000, "over": 100000, "gone": 5000}
	now := map[string]int64{"half": 50000, "triple": 120000, "small": 101000, "edge": 124900, "over": 125100, "new": 7000}
	rows := variance(now, prev, nil, 25)
	var got []string
	for _, r := range rows {
		got = append(got, r.Key+":"+r.Flag+":"+r.Pct)
	}
	want := []string{"triple:moved:+200.0%", "half:moved:-50.0%", "over:moved:+25.1%", "new:new:", "gone:gone:-100.0%", "edge::+24.9%", "small::+1.0%"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("order\n got %v\nwant %v", got, want)
	}
}

// The register's own number formatting is the rates package's, digit for digit.
func TestFixedIsRatesFormat(t *testing.T) {
	for _, v := range []int64{0, 1, -1, 5, -50, 99, 100, 101, 12345, -12345, 1000000, 987654321, -987654321, 1 << 40, math.MaxInt64, math.MinInt64 + 1} {
		if got, want := fixed(v, 2), rates.Money(v).String(); got != want {
			t.Errorf("money %d: %q, want %q", v, got, want)
		}
		if got, want := fixed(v, 4), rates.Hours(v).String(); got != want {
			t.Errorf("hours %d: %q, want %q", v, got, want)
		}
	}
}

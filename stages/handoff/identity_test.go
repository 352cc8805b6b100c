package handoff

import (
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/emit"
	"github.com/payclose/payclose/stages/emit/emittest"
	"github.com/payclose/payclose/stages/model"
)

// identityWeek is a week of pay lines in three part files with ids and accounts that need CSV
// quoting (a comma, a quote, a leading space, a newline, `\.`), several pay codes and rates per
// employee, negative amounts, and more rows than one register batch.
func identityWeek(t *testing.T) (Week, int64) {
	t.Helper()
	ids := []string{"1", "a,b", `q"uote`, " lead", "nl\nx", `\.`, "\u00a0nbsp", "z"}
	codes := []string{"REG", "OT", "NEWCODE", "SICK", "CALLBACK"}
	accts := []string{"A/B/C/D", "A/B/E/F", `X,Y/"Z"/W`}
	dir := t.TempDir()
	var parts []string
	var gross int64
	emp := 0
	for p := 0; p < 3; p++ {
		var ls []model.PayLine
		for k := 0; k < 700; k++ {
			id := fmt.Sprintf("%s-%05d", ids[emp%len(ids)], emp)
			emp++
			for j := 0; j < 1+emp%4; j++ {
				amt := int64((emp*7919+j*104729)%50000) - 2000
				gross += amt
				ls = append(ls, model.PayLine{Employee: id, RuleSet: []string{"SHARE", "PSU", "NONUNIT"}[emp%3], WorkDate: week + 3,
					PayCode: codes[(emp+j)%len(codes)], Seconds: int64(3600 * (1 + j + emp%9)), Rate: rates.Dollars(int64(20+(emp+j)%3), 0),
					Amount: rates.Money(amt), RuleID: "R", Account: accts[(emp/3+j)%len(accts)]})
			}
		}
		f := filepath.Join(dir, fmt.Sprintf("part-%05d.parquet", p))
		emittest.WritePayLines(t, f, ls)
		parts = append(parts, f)
	}
	return Week{Start: week, PayLines: parts}, gross
}

// The hand-off's files are byte for byte those of the straightforward writer it replaced
// (encoding/csv on fmt'd fields, one goroutine; sha256 taken at 654d94d), and the register Parquet
// is the same whatever the batch size between the reader and the writers.
func TestHandoffBytesUnchanged(t *testing.T) {
	w, gross := identityWeek(t)
	want := map[string]string{
		"register/week_start=2026-11-15/register.csv": "ed7d8958691ed32c189fc59ee385ef0d649416eccb9fba7176ab4474c8f7eb94",
		"journal/week_start=2026-11-15/journal.csv":   "3cea2ee2c3aabb62c6f768be28bc5418c29dbf78e353eec91c9701fc84a9983b",
		"runs/r1/report.html":                         "8e9c81f811dad6abedc21b08161c10eb4eac2d59790a49f73d2ac9068871d139",
	}
	var parquet string
	for _, batch := range []int{0, 1, 7} {
		if batch > 0 {
			defer func(b int) { registerBatch = b }(registerBatch)
			registerBatch = batch
		}
		in := &Input{RunID: "r1", Weeks: []Week{w}, Manifest: &emit.Manifest{}, Gross: gross}
		files := memFiles{}
		if err := Write(in, Options{}, files.create); err != nil {
			t.Fatal(err)
		}
		for name, h := range want {
			b, ok := files[name]
			if !ok {
				t.Fatalf("no %s", name)
			}
			s := sha256.Sum256(b.Bytes())
			if got := hex.EncodeToString(s[:]); got != h {
				t.Errorf("batch %d: %s sha256 %s, want %s", batch, name, got, h)
			}
		}
		pq := files["register/week_start=2026-11-15/register.parquet"].String()
		if parquet == "" {
			parquet = pq
		} else if pq != parquet {
			t.Errorf("batch %d: register.parquet differs", batch)
		}
	}
}

// A register line is what encoding/csv writes for the same fields, quoting and all: a line on its
// own (appendRegisterCSV), and a line after others through one registerCSV, which keeps the text
// of the fields that repeat (the same strings with other numbers, an employee and rule set with
// other codes, and the same codes and numbers for another employee).
func TestRegisterCSVIsEncodingCSV(t *testing.T) {
	odd := []string{"", "x", "a,b", `q"u"ote`, " lead", "\tlead", "\u00a0nbsp", "\u3000ideo", "nl\nx", "cr\rx", `\.`, `\.x`, "trail ", "é", `"`}
	rc := &registerCSV{week: week.String()}
	for k, s := range odd {
		for j, v := range []int64{0, -1, 12345, -987654321, 12345} {
			code, desc := s, odd[(k+j)%len(odd)]
			r := emit.RegisterRow{Week: week, Employee: s, RuleSet: s, EarningCode: code, Description: desc, Hours: v, Rate: -v, Rates: int32(v & 3), Amount: v, EmployeeHours: v * 3, EmployeeGross: -v}
			rate := fixed(r.Rate, 4)
			if r.Rates > 1 {
				rate = "various"
			}
			var want strings.Builder
			cw := csv.NewWriter(&want)
			cw.Write([]string{week.String(), s, s, code, desc, fixed(r.Hours, 4), rate, fixed(r.Amount, 2), fixed(r.EmployeeHours, 4), fixed(r.EmployeeGross, 2)})
			cw.Flush()
			if got := string(appendRegisterCSV(nil, week.String(), &r)); got != want.String() {
				t.Errorf("%q %d:\n got %q\nwant %q", s, v, got, want.String())
			}
			if got := string(rc.appendRow([]byte("before\n"), &r)); got != "before\n"+want.String() {
				t.Errorf("%q %d, after other lines:\n got %q\nwant %q", s, v, got, want.String())
			}
			// the same code, description and numbers for the next employee
			r2 := r
			r2.Employee, r2.RuleSet = s+"2", "RS"
			if got, want := string(rc.appendRow(nil, &r2)), strings.Replace(want.String(), ","+csvQuoted(s)+","+csvQuoted(s)+",", ","+csvQuoted(s+"2")+",RS,", 1); got != want {
				t.Errorf("%q %d, next employee:\n got %q\nwant %q", s, v, got, want)
			}
			// the same hours for another gross
			r3 := r2
			r3.EmployeeGross++
			if got, want := string(rc.appendRow(nil, &r3)), ","+fixed(r3.EmployeeGross, 2)+"\n"; !strings.HasSuffix(got, want) {
				t.Errorf("%q %d, another gross: got %q, want it to end %q", s, v, got, want)
			}
		}
	}
}

// A register row the Parquet writer refuses (an employee's hours past the column's 10 digits:
// two lines of 600,000 h) fails the hand-off with the writer's error, batch after batch behind it
// or not, instead of hanging the reader.
func TestRegisterWriterErrorStopsReader(t *testing.T) {
	var ls []model.PayLine
	for i := 0; i < 20; i++ {
		ls = append(ls, model.PayLine{Employee: fmt.Sprintf("e%02d", i), RuleSet: "X", WorkDate: week, PayCode: "REG", Seconds: 3600, Rate: rates.Dollars(20, 0), Amount: 2000, RuleID: "R", Account: "A/B/C/D"})
	}
	for j := 0; j < 2; j++ {
		ls = append(ls, model.PayLine{Employee: "huge", RuleSet: "X", WorkDate: week, PayCode: "REG", Seconds: 600000 * 3600, Rate: rates.Dollars(20, 0), Amount: 1, RuleID: "R", Account: "A/B/C/D"})
	}
	for i := 20; i < 40; i++ {
		ls = append(ls, model.PayLine{Employee: fmt.Sprintf("e%02d", i), RuleSet: "X", WorkDate: week, PayCode: "REG", Seconds: 3600, Rate: rates.Dollars(20, 0), Amount: 2000, RuleID: "R", Account: "A/B/C/D"})
	}
	p := payLineFile(t, ls)
	defer func(b int) { registerBatch = b }(registerBatch)
	for _, batch := range []int{1, 3, 4096} {
		registerBatch = batch
		in := &Input{RunID: "r1", Weeks: []Week{{Start: week, PayLines: []string{p}}}, Manifest: &emit.Manifest{}, Gross: 40*2000 + 2}
		if err := Write(in, Options{}, memFiles{}.create); err == nil || !strings.Contains(err.Error(), "does not fit") {
			t.Errorf("batch %d: err = %v, want the register's number that does not fit", batch, err)
		}
	}
}

// csvQuoted is s as encoding/csv writes a field.
func csvQuoted(s string) string {
	var b strings.Builder
	cw := csv.NewWriter(&b)
	cw.Write([]string{s})
	cw.Flush()
	return strings.TrimSuffix(b.String(), "\n")
}

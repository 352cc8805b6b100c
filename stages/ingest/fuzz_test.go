package ingest

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
)

// FuzzReadPunches checks the reader never panics, accounts for every row (emitted or rejected with
// a reason) and only emits punches that satisfy the documented shape.
func FuzzReadPunches(f *testing.F) {
	f.Add([]byte(punchHeader + "E1,,11/16/2026,,11/16/2026 7:00,11/16/2026 15:30,,A/B,CHARGE\n"))
	f.Add([]byte(punchHeader + "E1,\"a,\"\"b\"\"\nc\",2026-11-16,SICK,,,7:30,,\r\n,,,,,,,,\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var punches, rejects int
		stats, err := ReadPunches(bytes.NewReader(data), "f.csv", func(p *model.Punch) {
			punches++
			if p.Employee == "" || p.Line < 2 {
				t.Fatalf("emitted a punch without employee or line: %+v", p)
			}
			if p.PayCode == "" && (!p.HasIn || !p.HasOut) {
				t.Fatalf("worked punch without both times: %+v", p)
			}
			if p.PayCode != "" && !p.HasHours && (!p.HasIn || !p.HasOut) {
				t.Fatalf("pay-code row without hours or span: %+v", p)
			}
			if p.HasIn && p.HasOut {
				d := p.Out - p.In
				if d == 0 || d > maxSpan || (d < 0 && !maybeFallBack(p.In, p.Out)) {
					t.Fatalf("bad span emitted: %+v", p)
				}
			}
		}, func(r model.Reject) {
			rejects++
			if r.Reason == "" || r.Detail == "" || r.Line < 2 || r.File != "f.csv" {
				t.Fatalf("reject without reason, detail or line: %+v", r)
			}
		})
		if err != nil {
			return // fatal errors (no header, binary) are allowed; the counts below are not checked
		}
		if stats.Rows != stats.Emitted+stats.Rejected || stats.Emitted != punches || stats.Rejected != rejects {
			t.Fatalf("rows do not reconcile: %+v, %d punches, %d rejects", stats, punches, rejects)
		}
		if err := stats.Check("f.csv"); err != nil || stats.Bytes != int64(len(data)) {
			t.Fatalf("line accounting: %v, %d of %d bytes", err, stats.Bytes, len(data))
		}
	})
}

// FuzzReadRates checks the rates.csv reader: no panic, every row emitted or rejected with a reason,
// and an emitted row has an employee, exactly one of a rate and a salary, both positive, and bonus
// overtime hours never above the bonus hours.
func FuzzReadRates(f *testing.F) {
	const h = "PERSONNUM,EFFECTIVE_DATE,JOB,BASE_RATE,ANNUAL_SALARY,FTE,GRADE,PLATFORM,LABORACCOUNT,REASON,BONUS_RATE,BONUS_HOURS,BONUS_OT_HOURS\n"
	f.Add([]byte(h + "E1,2019-09-29,,31.00,,1,NSG4,3,,RAISE-2,,,\nE1,2019-01-01,FLOAT,,62400,0.75,,,B/ICU,,0.44,1987.8333,61.25\n"))
	f.Add([]byte(h + "E1,9/29/2019,,31.00,62400,2,,,,,,,\n,,,,,,,,,,,,\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		var rows, rejects int
		stats, err := ReadRates(bytes.NewReader(data), "r.csv", func(r *model.RatePeriod) {
			rows++
			if r.Employee == "" || r.Line < 2 || (r.BaseRate > 0) == (r.AnnualSalary > 0) || r.BaseRate < 0 || r.AnnualSalary < 0 {
				t.Fatalf("emitted a bad rate row: %+v", r)
			}
			if r.BonusOTHours > r.BonusHours {
				t.Fatalf("bonus overtime hours above the bonus hours: %+v", r)
			}
		}, func(r model.Reject) {
			rejects++
			if r.Reason == "" || r.Detail == "" || r.Line < 2 || r.File != "r.csv" {
				t.Fatalf("reject without reason, detail or line: %+v", r)
			}
		})
		if err != nil {
			return
		}
		if stats.Rows != stats.Emitted+stats.Rejected || stats.Emitted != rows || stats.Rejected != rejects {
			t.Fatalf("rows do not reconcile: %+v, %d rows, %d rejects", stats, rows, rejects)
		}
		if err := stats.Check("r.csv"); err != nil || stats.Bytes != int64(len(data)) {
			t.Fatalf("line accounting: %v, %d of %d bytes", err, stats.Bytes, len(data))
		}
	})
}

// FuzzRecordReader compares the record reader with encoding/csv wherever the latter accepts the
// whole input: same records, same fields.
func FuzzRecordReader(f *testing.F) {
	f.Add([]byte("a,b\n\"c,d\",\"e\"\"f\"\r\n\n\"g\nh\",i"))
	f.Fuzz(func(t *testing.T, data []byte) {
		data = bytes.TrimPrefix(data, utf8BOM)
		if bytes.IndexByte(data, 0) >= 0 || len(data) > MaxLineBytes {
			return
		}
		std := csv.NewReader(bytes.NewReader(data))
		std.FieldsPerRecord = -1
		want, err := std.ReadAll()
		if err != nil {
			return
		}
		for _, rec := range want {
			if len(rec) > maxFields {
				return // our reader rejects such rows by design (FIELD_COUNT): bounded memory per row
			}
			for _, f := range rec {
				if strings.ContainsAny(f, "\r\n") {
					return // by design a field cannot hold a line break (BAD_QUOTE), and \r\r\n is a line end
				}
			}
		}
		rr := newRecordReader(bytes.NewReader(data))
		for i := 0; ; i++ {
			fields, _, err := rr.read()
			if errors.Is(err, io.EOF) {
				if i != len(want) {
					t.Fatalf("%d records, encoding/csv has %d", i, len(want))
				}
				return
			}
			if err != nil {
				t.Fatalf("record %d: %v (encoding/csv accepted it: %q)", i, err, want)
			}
			if i >= len(want) || len(fields) != len(want[i]) {
				t.Fatalf("record %d: %q, encoding/csv %q", i, fields, want)
			}
			for j := range fields {
				if string(fields[j]) != want[i][j] {
					t.Fatalf("record %d field %d: %q, encoding/csv %q", i, j, fields[j], want[i][j])
				}
			}
		}
	})
}

var dateTimeLayouts = []string{
	"1/2/2006 15:04", "1/2/2006 15:04:05",
	"2006-01-02T15:04", "2006-01-02T15:04:05", "2006-01-02 15:04", "2006-01-02 15:04:05",
}

// FuzzParseDateTime checks every accepted value against time.Parse and a round trip.
func FuzzParseDateTime(f *testing.F) {
	for _, s := range []string{"11/16/2026 7:00", "2026-11-16T07:00:30", "2/29/2024 23:59:59", "2026-02-30 07:00"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := ParseDateTime([]byte(s))
		if !ok {
			return
		}
		matched := false
		for _, l := range dateTimeLayouts {
			if tm, err := time.Parse(l, s); err == nil {
				matched = true
				if tm.Unix() != got {
					t.Fatalf("ParseDateTime(%q) = %d, time.Parse(%q) = %d", s, got, l, tm.Unix())
				}
			}
		}
		if !matched {
			t.Fatalf("ParseDateTime accepted %q, which no 24-hour layout accepts", s)
		}
		canon := time.Unix(got, 0).UTC().Format("2006-01-02T15:04:05")
		if back, ok := ParseDateTime([]byte(canon)); !ok || back != got {
			t.Fatalf("round trip %q -> %d -> %q -> %d", s, got, canon, back)
		}
		if d, ok := ParseDate([]byte(s[:strings.IndexAny(s, " T")])); !ok || int64(d) != floorDiv(got, 86400) {
			t.Fatalf("date part of %q disagrees: %d", s, d)
		}
	})
}

var plainHours = regexp.MustCompile(`^(-?[0-9]+(\.[0-9]+)?|[0-9]{1,4}:[0-5][0-9])$`)

// FuzzParseHours checks the allocation-free parser against rates.ParseHours both ways on the
// grammar they share.
func FuzzParseHours(f *testing.F) {
	for _, s := range []string{"7.5", "7.50", "7:30", "0:01", "-2.25", "100000", "7.12345", "1e2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := ParseHours([]byte(s), true)
		want, err := rates.ParseHours(s)
		if ok && (err != nil || got != want) {
			t.Fatalf("ParseHours(%q) = %d, rates.ParseHours = %d, %v", s, got, want, err)
		}
		if !ok && err == nil && plainHours.MatchString(s) {
			t.Fatalf("ParseHours(%q) refused what rates.ParseHours reads as %d", s, want)
		}
		if ok {
			if pos, okPos := ParseHours([]byte(s), false); okPos != (got >= 0 && !strings.HasPrefix(s, "-")) || (okPos && pos != got) {
				t.Fatalf("sign handling of %q: %d %v", s, pos, okPos)
			}
		}
	})
}

// FuzzParsePlainDecimal checks the allocation-free rate and salary reading against package rates:
// the same value, or an error from both, for any text.
func FuzzParsePlainDecimal(f *testing.F) {
	for _, s := range []string{"31.25", "31.2500", "31.25001", "58500", "58500.00", "0", "0.00", "007.5", "5.", ".5",
		"-1", "+1", "1e3", "1000000000", "1000000000.0001", "1000000000000", "1000000000000.01", "99999999999999", "1.2.3", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := parseRate([]byte(s))
		wr, werr := rates.ParseRate(s)
		if (err == nil) != (werr == nil) || r != wr && werr == nil {
			t.Fatalf("parseRate(%q) = %d, %v; rates.ParseRate = %d, %v", s, r, err, wr, werr)
		}
		m, err := parseMoney([]byte(s))
		wm, werr := rates.ParseMoney(s)
		if (err == nil) != (werr == nil) || m != wm && werr == nil {
			t.Fatalf("parseMoney(%q) = %d, %v; rates.ParseMoney = %d, %v", s, m, err, wm, werr)
		}
	})
}

// FuzzDateCache checks that reading a value after another through the cache gives what ParseDate
// and ParseDateTime give without it.
func FuzzDateCache(f *testing.F) {
	for _, p := range [][2]string{{"11/15/2026", "11/15/2026 7:00"}, {"11/15/2026 23:00", "11/15/20261 7:00"},
		{"2026-11-15", "2026-11-15T07:00"}, {"1/1/2026", "1/1/20260"}, {"2026-11-15 7:00", "2026-11-15"},
		{"1/12/2026", "1/1/2026 7:00"}, {"11/15/2026", "11/15/2026"}} {
		f.Add(p[0], p[1])
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		var c dateCache
		for _, s := range []string{a, b, a, b} {
			d, ok := c.date([]byte(s))
			wd, wok := ParseDate([]byte(s))
			if d != wd || ok != wok {
				t.Fatalf("cached date(%q) after %q = %d %v, ParseDate = %d %v", s, a, d, ok, wd, wok)
			}
			at, ok := c.dateTime([]byte(s))
			wat, wok := ParseDateTime([]byte(s))
			if at != wat || ok != wok {
				t.Fatalf("cached dateTime(%q) after %q = %d %v, ParseDateTime = %d %v", s, a, at, ok, wat, wok)
			}
		}
	})
}

// FuzzSplitPlain checks the one-pass splitter against split, the reader's way before it: the same
// fields, and a refusal exactly for lines with a quote, a NUL or too many fields.
func FuzzSplitPlain(f *testing.F) {
	f.Add([]byte("10000000,Linda Herrera,11/15/2026,,11/15/2026 14:59,11/15/2026 19:04,,UMMH/MED/ICU/MLT/-/-/-,"))
	f.Add([]byte(`a,"b",c`))
	f.Add([]byte("a,b\x00,c"))
	f.Add(bytes.Repeat([]byte{','}, maxFields))
	f.Fuzz(func(t *testing.T, line []byte) {
		var plain, old recordReader
		got, ok := plain.splitPlain(line)
		refuse := bytes.IndexByte(line, '"') >= 0 || bytes.IndexByte(line, 0) >= 0 || bytes.Count(line, []byte{','}) >= maxFields
		if ok == refuse {
			t.Fatalf("splitPlain(%q) ok=%v", line, ok)
		}
		if !ok {
			return
		}
		want, _, err := old.split(line, 1)
		if err != nil || len(got) != len(want) {
			t.Fatalf("splitPlain(%q) = %q, split = %q, %v", line, got, want, err)
		}
		for i := range got {
			if !bytes.Equal(got[i], want[i]) {
				t.Fatalf("splitPlain(%q) = %q, split = %q", line, got, want)
			}
		}
	})
}

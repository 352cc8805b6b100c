package ingest

import (
	"reflect"
	"strings"
	"testing"

	"github.com/payclose/payclose/stages/model"
)

// Every physical line is counted: header, blank, or a data row; bytes as read (issue 10).
func TestLineAccounting(t *testing.T) {
	csv := "\xEF\xBB\xBF" + punchHeader +
		"E1,,11/16/2026,,11/16/2026 7:00,11/16/2026 8:00,,,\r\r\n" + // \r\r\n: line ending, not text
		"\n\r\n" +
		"E2,\"open,11/16/2026,,11/16/2026 7:00,11/16/2026 8:00,,,\n" +
		"E3,,11/16/2026,,11/16/2026 7:00,11/16/2026 8:00,,,"
	c := readPunches(t, csv)
	st := c.stats
	if st.Lines != 6 || st.Header != 1 || st.Blank != 2 || st.Rows != 3 || st.Bytes != int64(len(csv)) || st.Check("f") != nil {
		t.Fatalf("stats %+v", st)
	}
	if len(c.punches) != 2 || c.punches[0].WorkRule != 0 || c.punches[1].Employee != "E3" {
		t.Fatalf("punches %+v", c.punches)
	}
	if st.UnknownHours != 1 || c.rejects[0].Reason != ReasonBadQuote {
		t.Fatalf("the quoted line's hours are unknown, not 0: %+v %+v", st, c.rejects)
	}
	bad := st
	bad.Lines++
	if bad.Check("f.csv") == nil || !strings.Contains(bad.Check("f.csv").Error(), "f.csv: 7 lines read") {
		t.Errorf("a line not accounted for passes: %v", bad.Check("f.csv"))
	}
}

// A header within a typo of a wanted column fails with a suggestion; an unrelated extra column is
// only noted.
func TestNearMissHeader(t *testing.T) {
	for _, c := range []struct{ header, want string }{
		{strings.Replace(punchHeader, "WORKRULE", "WORK_RULE", 1), `did you mean WORKRULE?`},
		{strings.Replace(punchHeader, "PUNCHDTM", "PUNCH_DTM", 1), `did you mean PUNCHDTM?`},
		{strings.Replace(punchHeader, "LABORACCOUNT", "LABOURACCOUNT", 1), `did you mean LABORACCOUNT?`},
		{strings.Replace(punchHeader, "HOURS", "HOURZ", 1), `did you mean HOURS?`},
	} {
		_, err := ReadPunches(strings.NewReader(c.header), "p.csv", nil, nil)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: %v, want %q", c.header, err, c.want)
		}
	}
	st, err := ReadSchedule(strings.NewReader("PERSONNUM,SHIFTDATE,START,END,DATE,UNIT\n"), "s.csv", nil, nil)
	if err != nil || strings.Join(st.UnknownColumns, ",") != "DATE,UNIT" {
		t.Errorf("extra columns: %v %v", err, st.UnknownColumns)
	}
	for _, c := range []struct {
		a, b string
		d    int
	}{{"WORK_RULE", "WORKRULE", 1}, {"WROKRULE", "WORKRULE", 1}, {"PUNCH_DTM", "PUNCHDTM", 1}, {"DATE", "NAME", 2}, {"", "END", 3}, {"ab", "ba", 1}} {
		if got := osaDistance(c.a, c.b); got != c.d {
			t.Errorf("osaDistance(%q, %q) = %d, want %d", c.a, c.b, got, c.d)
		}
	}
	if nearName("DATE", "NAME") {
		t.Error("DATE is not a typo of NAME (two edits in a four-letter name)")
	}
}

func TestBadHoursSaysWhy(t *testing.T) {
	for _, c := range []struct{ v, want string }{
		{"-5", "cannot be negative"},
		{"999999", "too large"},
		{"7.12345", "more than 4 decimals"},
		{"seven", detailHours},
	} {
		got := readPunches(t, punchHeader+"E1,,11/16/2026,SICK,,,"+c.v+",,\n")
		if len(got.rejects) != 1 || got.rejects[0].Reason != ReasonBadHours || !strings.Contains(got.rejects[0].Detail, c.want) {
			t.Errorf("%s: %+v, want a detail saying %q", c.v, got.rejects, c.want)
		}
		if c.v != "-5" && strings.Contains(got.rejects[0].Detail, "negative") {
			t.Errorf("%s: %q speaks of a sign", c.v, got.rejects[0].Detail)
		}
	}
}

// A roster row repeated with another rate names both rates; in the streaming reader too.
func TestDuplicateEmployeeNamesTheConflict(t *testing.T) {
	const head = "PERSONNUM,RULESET,BASE_RATE,ANNUAL_SALARY,BUDGETED_WEEKLY_HOURS,HOME_SHIFT,SENIORITY_DATE\n"
	rows := head + "E1,SHARE,31.25,,40,DAY,2020-01-01\nE1,SHARE,13.25,,40,DAY,2020-01-01\n" +
		"E2,PSU_NONEXEMPT,,50000,40,DAY,2020-01-01\nE2,PSU_NONEXEMPT,,60000,40,DAY,2020-01-01\n" +
		"E3,SHARE,20,,40,DAY,2020-01-01\nE3,SHARE,20,,40,NIGHT,2020-01-01\n"
	var rejects []model.Reject
	if _, _, err := ReadRoster(strings.NewReader(rows), "r.csv", func(r model.Reject) { rejects = append(rejects, r) }); err != nil {
		t.Fatal(err)
	}
	var streamed []model.Reject
	if _, err := StreamRoster(strings.NewReader(rows), "r.csv", func(*model.Employee) {}, func(r model.Reject) { streamed = append(streamed, r) }); err != nil {
		t.Fatal(err)
	}
	want := []string{
		"already on line 2 of the roster with BASE_RATE 31.2500; this row says 13.2500",
		"already on line 4 of the roster with ANNUAL_SALARY 50000.00; this row says 60000.00",
		"already on line 6 of the roster",
	}
	for _, got := range [][]model.Reject{rejects, streamed} {
		if len(got) != 3 {
			t.Fatalf("rejects %+v", got)
		}
		for i, w := range want {
			if got[i].Reason != ReasonDuplicateEmployee || !strings.Contains(got[i].Detail, w) {
				t.Errorf("reject %d: %q, want %q", i, got[i].Detail, w)
			}
		}
		if strings.Contains(got[2].Detail, "says") {
			t.Errorf("same pay: %q should name no conflict", got[2].Detail)
		}
	}
}

// UNKNOWN_PAYCODE reports the pay code as written; the reader keeps it next to the canonical one.
func TestPayCodeAsWritten(t *testing.T) {
	c := readPunches(t, punchHeader+"E1,,11/16/2026, Vacatoin ,,,8,,\n")
	if len(c.punches) != 1 || c.punches[0].PayCode != "VACATOIN" || c.punches[0].PayText != "Vacatoin" {
		t.Fatalf("%+v", c.punches)
	}
}

// A PERSONNUM seen before is a duplicate wherever its first row is: next to it, earlier while the
// ids still rose (the list of a sorted roster), after the order broke (the map), and among ids
// that are not all digits; 007 and 7 are two ids.
func TestDuplicateEmployeeInAnyOrder(t *testing.T) {
	head := "PERSONNUM,RULESET,BASE_RATE,BUDGETED_WEEKLY_HOURS,HOME_SHIFT,SENIORITY_DATE\n"
	row := func(id string) string { return id + ",SHARE,20.00,40,DAY,1/1/2020\n" }
	for _, c := range []struct {
		ids  []string
		dups []int32 // the lines rejected as duplicates
	}{
		{[]string{"10", "11", "11", "12"}, []int32{4}},
		{[]string{"10", "11", "12", "10"}, []int32{5}},
		{[]string{"10", "12", "11", "12", "10", "13", "11"}, []int32{5, 6, 8}},
		{[]string{"7", "007", "07", "007", "7"}, []int32{5, 6}},
		{[]string{"A1", "10", "A1", "9", "B", "10", "A1"}, []int32{4, 7, 8}},
		{[]string{"123456789012345678", "123456789012345678", "1"}, []int32{3}},
	} {
		var b strings.Builder
		b.WriteString(head)
		for _, id := range c.ids {
			b.WriteString(row(id))
		}
		var got []int32
		emps, _, err := ReadRoster(strings.NewReader(b.String()), "r.csv", func(r model.Reject) {
			if r.Reason == ReasonDuplicateEmployee {
				got = append(got, r.Line)
			} else {
				t.Errorf("%v: line %d rejected %s %s", c.ids, r.Line, r.Reason, r.Detail)
			}
		})
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, c.dups) || len(emps)+len(got) != len(c.ids) {
			t.Errorf("%v: duplicates on lines %v (%d accepted), want %v", c.ids, got, len(emps), c.dups)
		}
	}
}

// A duplicate names its first row, whether that row is in seenIDs' rising list or, having come
// out of order, in its map; and a key above the list's last after keys out of order is still
// checked against both.
func TestDuplicateNamesTheFirstRow(t *testing.T) {
	roster := "PERSONNUM,RULESET,BASE_RATE,ANNUAL_SALARY,BUDGETED_WEEKLY_HOURS,HOME_SHIFT,SENIORITY_DATE\n" +
		"10,SHARE,20.00,,40,DAY,1/1/2020\n" + // line 2
		"30,PSU_NONEXEMPT,,58500,40,DAY,1/1/2020\n" + // 3
		"20,SHARE,22.00,,40,DAY,1/1/2020\n" + // 4: out of order, to the map
		"40,SHARE,23.00,,40,DAY,1/1/2020\n" + // 5: rising again
		"10,SHARE,21.00,,40,DAY,1/1/2020\n" + // 6: the list's line 2
		"30,PSU_NONEXEMPT,,60000,40,DAY,1/1/2020\n" + // 7: the list's line 3, a salary
		"20,SHARE,22.50,,40,DAY,1/1/2020\n" + // 8: the map's line 4
		"40,SHARE,23.00,,40,DAY,1/1/2020\n" + // 9: the list's line 5, the same pay
		"50,SHARE,300000.00,,40,DAY,1/1/2020\n" + // 10: a rate past 32 bits, to the map
		"50,SHARE,300000.50,,40,DAY,1/1/2020\n" // 11
	want := map[int32]string{
		6:  "this employee id is already on line 2 of the roster with BASE_RATE 20.0000; this row says 21.0000 (which is right?)",
		7:  "this employee id is already on line 3 of the roster with ANNUAL_SALARY 58500.00; this row says 60000.00 (which is right?)",
		8:  "this employee id is already on line 4 of the roster with BASE_RATE 22.0000; this row says 22.5000 (which is right?)",
		9:  "this employee id is already on line 5 of the roster",
		11: "this employee id is already on line 10 of the roster with BASE_RATE 300000.0000; this row says 300000.5000 (which is right?)",
	}
	got := map[int32]string{}
	emit := func(*model.Employee) {}
	if _, err := EachRoster(strings.NewReader(roster), "r.csv", emit, func(r model.Reject) { got[r.Line] = r.Detail }); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("duplicates:\n got %q\nwant %q", got, want)
	}
}

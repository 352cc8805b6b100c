package ingest

import (
	"bytes"
	"strings"
	"testing"
	"unsafe"

	"github.com/payclose/payclose/stages/model"
)

const punchHeader = "PERSONNUM,PERSONFULLNAME,EVENTDATE,PAYCODENAME,PUNCHDTM,ENDPUNCHDTM,HOURS,LABORACCOUNT,WORKRULE\n"

// wall is the wall-clock seconds of 2026-11-16 plus h:m (see parse_test.go for the day number).
func wall(days, h, m int64) int64 { return (day20261116+days)*86400 + h*3600 + m*60 }

type collected struct {
	punches []model.Punch
	rejects []model.Reject
	stats   Stats
}

func readPunches(t *testing.T, csv string) collected {
	t.Helper()
	var c collected
	var err error
	c.stats, err = ReadPunches(strings.NewReader(csv), "punches.csv",
		func(p *model.Punch) { c.punches = append(c.punches, *p) },
		func(r model.Reject) { c.rejects = append(c.rejects, r) })
	if err != nil {
		t.Fatalf("ReadPunches: %v", err)
	}
	if c.stats.Rows != c.stats.Emitted+c.stats.Rejected || c.stats.Emitted != len(c.punches) || c.stats.Rejected != len(c.rejects) {
		t.Fatalf("counts do not reconcile: %+v, %d punches, %d rejects", c.stats, len(c.punches), len(c.rejects))
	}
	return c
}

func TestReadPunchesGoodRows(t *testing.T) {
	csv := punchHeader +
		"E1,\"Smith, Jane\",11/16/2026,,11/16/2026 7:00,11/16/2026 15:30,,UMMH/MED/4EAST/RN/-/-/-,CHARGE\n" +
		"E1,Smith,2026-11-16,,2026-11-16T19:00,2026-11-17T07:30,12.5,UMMH/MED/4EAST/RN/-/-/-,charge|preceptor\n" +
		"E2,,11/17/2026,vacation ,,,7:30,,\n" +
		"E2,,11/17/2026,ON CALL,11/17/2026 17:00,11/18/2026 7:00,,,RESTRICTED\n" +
		"E2,,11/18/2026,HOLIDAY,11/18/2026 7:00,,8,,\n" // pay-code edit with a start time and an amount
	c := readPunches(t, csv)
	if len(c.rejects) != 0 {
		t.Fatalf("unexpected rejects: %+v", c.rejects)
	}
	acct := "UMMH/MED/4EAST/RN/-/-/-"
	want := []model.Punch{
		{Line: 2, Employee: "E1", EventDate: day20261116, In: wall(0, 7, 0), Out: wall(0, 15, 30), HasIn: true, HasOut: true, Account: acct, WorkRule: model.RuleCharge},
		{Line: 3, Employee: "E1", EventDate: day20261116, In: wall(0, 19, 0), Out: wall(1, 7, 30), HasIn: true, HasOut: true, Seconds: 45000, HasHours: true, Account: acct, WorkRule: model.RuleCharge | model.RulePreceptor},
		{Line: 4, Employee: "E2", EventDate: day20261116 + 1, PayCode: "VACATION", PayText: "vacation", Seconds: 27000, HasHours: true},
		{Line: 5, Employee: "E2", EventDate: day20261116 + 1, PayCode: "ON CALL", PayText: "ON CALL", In: wall(1, 17, 0), Out: wall(2, 7, 0), HasIn: true, HasOut: true, WorkRule: model.RuleRestricted},
		{Line: 6, Employee: "E2", EventDate: day20261116 + 2, PayCode: "HOLIDAY", PayText: "HOLIDAY", In: wall(2, 7, 0), HasIn: true, Seconds: 28800, HasHours: true},
	}
	if len(c.punches) != len(want) {
		t.Fatalf("got %d punches, want %d", len(c.punches), len(want))
	}
	for i := range want {
		if c.punches[i] != want[i] {
			t.Errorf("punch %d:\n got %+v\nwant %+v", i, c.punches[i], want[i])
		}
	}
	if unsafe.StringData(c.punches[0].Employee) != unsafe.StringData(c.punches[1].Employee) ||
		unsafe.StringData(c.punches[0].Account) != unsafe.StringData(c.punches[1].Account) {
		t.Error("repeated employee ids and accounts should share one interned string")
	}
	if len(c.stats.UnknownColumns) != 0 {
		t.Errorf("UnknownColumns = %v", c.stats.UnknownColumns)
	}
}

// Each reject reason with the Reject it must produce. Seconds is the time the row carried: the
// span when both punches parsed and out > in, else HOURS, else 0.
func TestReadPunchesRejects(t *testing.T) {
	cases := []struct {
		name, row string
		reason    string
		column    string
		value     string
		seconds   int64
		employee  string
	}{
		{"no employee", ",,11/16/2026,,11/16/2026 7:00,11/16/2026 15:00,,,", ReasonMissingField, "PERSONNUM", "", 8 * 3600, ""},
		{"no event date", "E1,,,,11/16/2026 7:00,11/16/2026 15:00,,,", ReasonMissingField, "EVENTDATE", "", 8 * 3600, "E1"},
		{"bad event date", "E1,,11/31/2026,,11/16/2026 7:00,11/16/2026 15:00,,,", ReasonBadDate, "EVENTDATE", "11/31/2026", 8 * 3600, "E1"},
		{"bad in punch", "E1,,11/16/2026,,11/16/2026 7:00 AM,11/16/2026 15:00,,,", ReasonBadDateTime, "PUNCHDTM", "11/16/2026 7:00 AM", 0, "E1"},
		{"bad out punch", "E1,,11/16/2026,,11/16/2026 7:00,11/16/2026 25:00,,,", ReasonBadDateTime, "ENDPUNCHDTM", "11/16/2026 25:00", 0, "E1"},
		{"bad hours", "E1,,11/16/2026,SICK,,,7,5,,", ReasonFieldCount, "", "E1,,11/16/2026,SICK,,,7,5,,", 0, ""},
		{"bad hours value", "E1,,11/16/2026,SICK,,,7h,,", ReasonBadHours, "HOURS", "7h", 0, "E1"},
		{"negative hours", "E1,,11/16/2026,SICK,,,-8,,", ReasonBadHours, "HOURS", "-8", 0, "E1"},
		{"missing out", "E1,,11/16/2026,,11/16/2026 7:00,,,,", ReasonMissingOut, "ENDPUNCHDTM", "", 0, "E1"},
		{"missing in", "E1,,11/16/2026,,,11/16/2026 15:00,,,", ReasonMissingIn, "PUNCHDTM", "", 0, "E1"},
		{"worked hours without punches", "E1,,11/16/2026,,,,8,,", ReasonMissingIn, "PUNCHDTM", "", 8 * 3600, "E1"},
		{"on call without out", "E1,,11/16/2026,ON CALL,11/16/2026 17:00,,,,", ReasonMissingOut, "ENDPUNCHDTM", "", 0, "E1"},
		{"out before in", "E1,,11/16/2026,,11/16/2026 15:00,11/16/2026 7:00,,,", ReasonOutBeforeIn, "ENDPUNCHDTM", "11/16/2026 7:00", 0, "E1"},
		{"out before in, early hours, over an hour", "E1,,11/1/2026,,11/1/2026 1:50,11/1/2026 0:45,,,", ReasonOutBeforeIn, "ENDPUNCHDTM", "11/1/2026 0:45", 0, "E1"},
		{"zero length", "E1,,11/16/2026,,11/16/2026 7:00,11/16/2026 7:00,,,", ReasonZeroLength, "ENDPUNCHDTM", "11/16/2026 7:00", 0, "E1"},
		{"span too long", "E1,,11/16/2026,,11/16/2026 7:00,11/17/2026 7:01,,,", ReasonSpanTooLong, "ENDPUNCHDTM", "11/17/2026 7:01", 24*3600 + 60, "E1"},
		{"unknown work rule", "E1,,11/16/2026,SICK,,,8,,FLOAT", ReasonUnknownWorkRule, "WORKRULE", "FLOAT", 8 * 3600, "E1"},
		{"pay code with nothing", "E1,,11/16/2026,VACATION,,,,,", ReasonNoTimeOrHours, "HOURS", "", 0, "E1"},
		// A pay-code row with punches is paid for its span: HOURS that disagree were dropped.
		{"pay code hours and a longer span", "E1,,11/16/2026,VACATION,11/16/2026 7:00,11/16/2026 15:00,4,,", ReasonConflictingFields, "HOURS", "4", 8 * 3600, "E1"},
		{"on call hours and a span", "E1,,11/16/2026,ON CALL,11/16/2026 17:00,11/16/2026 23:00,7:30,,", ReasonConflictingFields, "HOURS", "7:30", 6 * 3600, "E1"},
		{"first problem wins", "E1,,11/16/2026,,11/16/2026 7:00,,x,,FLOAT", ReasonBadHours, "HOURS", "x", 0, "E1"},
		{"bare quote", `E1,Jane "JJ" Smith,11/16/2026,,11/16/2026 7:00,11/16/2026 15:00,,,`, ReasonBadQuote, "", `E1,Jane "JJ" Smith,11/16/2026,,11/16/2026 7:00,11/16/2026 15:00,,,`, 0, ""},
		{"text after closing quote", `E1,"Jane" Smith,11/16/2026,,11/16/2026 7:00,11/16/2026 15:00,,,`, ReasonBadQuote, "", `E1,"Jane" Smith,11/16/2026,,11/16/2026 7:00,11/16/2026 15:00,,,`, 0, ""},
		{"id not UTF-8", "E\xff,,11/16/2026,SICK,,,8,,", ReasonBadText, "PERSONNUM", "E\uFFFD", 8 * 3600, "E\uFFFD"},
		{"account not UTF-8", "E1,,11/16/2026,SICK,,,8,A/\xc3,", ReasonBadText, "LABORACCOUNT", "A/\uFFFD", 8 * 3600, "E1"},
		{"NUL in a row", "E1,\x00,11/16/2026,,11/16/2026 7:00,11/16/2026 15:00,,,", ReasonBinary, "", "E1,\x00,11/16/2026,,11/16/2026 7:00,11/16/2026 15:00,,,", 0, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := readPunches(t, punchHeader+c.row+"\nE9,,11/16/2026,,11/16/2026 7:00,11/16/2026 8:00,,,\n")
			if len(got.rejects) != 1 || len(got.punches) != 1 || got.punches[0].Line != 3 {
				t.Fatalf("want one reject and the next row read: %+v %+v", got.rejects, got.punches)
			}
			r := got.rejects[0]
			if len(c.value) > 64 { // reader-level rejects quote the start of the line
				c.value = c.value[:64]
			}
			if r.Reason != c.reason || r.Column != c.column || r.Value != c.value || r.Seconds != c.seconds ||
				r.Employee != c.employee || r.Line != 2 || r.File != "punches.csv" || r.Detail == "" {
				t.Errorf("got %+v\nwant reason %s column %q value %q seconds %d employee %q line 2",
					r, c.reason, c.column, c.value, c.seconds, c.employee)
			}
			if got.stats.Reasons[c.reason] != 1 || got.stats.RejectedSeconds != c.seconds {
				t.Errorf("stats %+v", got.stats)
			}
			// Hours that could not be read are unknown, not 0 h: the reject says so (rejects.csv
			// leaves them empty) and the stats count it, one decision for both. Equal punches
			// are 0 h, known.
			wantUnknown := c.seconds == 0 && c.reason != ReasonZeroLength
			if r.UnknownHours != wantUnknown || got.stats.UnknownHours != map[bool]int{false: 0, true: 1}[wantUnknown] {
				t.Errorf("reject UnknownHours %v, stats UnknownHours %d; want unknown %v", r.UnknownHours, got.stats.UnknownHours, wantUnknown)
			}
		})
	}
}

// An out punch up to an hour before the in punch in the small hours may be a span within a
// fall-back repeated hour (01:40 EDT to 01:10 EST is 30 minutes); it is passed on for assemble.
func TestReadPunchesFallBackHour(t *testing.T) {
	c := readPunches(t, punchHeader+"E1,,11/1/2026,,11/1/2026 1:40,11/1/2026 1:10,,,\n")
	if len(c.punches) != 1 || c.punches[0].Out-c.punches[0].In != -30*60 {
		t.Fatalf("got %+v %+v", c.punches, c.rejects)
	}
}

func TestReadPunchesLineNumbersQuotesBOMAndCRLF(t *testing.T) {
	csv := "\xEF\xBB\xBFpersonnum,PersonFullName,EVENTDATE,PAYCODENAME,PUNCHDTM,ENDPUNCHDTM,HOURS,LABORACCOUNT,WORKRULE,EXTRA,Comment\r\n" +
		"\"E1\",\"Jane \"\"JJ\"\" Smith\",11/16/2026,,11/16/2026 7:00,11/16/2026 15:00,,,,x,\"two, note\"\r\n" +
		"\r\n" + // blank lines are skipped but counted
		"E2,,11/16/2026,,11/16/2026 7:00,11/16/2026 15:00,,,,x,\"\"\r\n" +
		"E3,,11/16/2026,,11/16/2026 7:00,11/16/2026 15:00,,,,x,\"three note\"\r\r\n" + // a stray \r is line ending
		"E4,,11/16/2026,,11/16/2026 7:00,11/16/2026 15:00,,,,x,y" // no final newline
	c := readPunches(t, csv)
	if len(c.rejects) != 0 {
		t.Fatalf("rejects: %+v", c.rejects)
	}
	var lines []int32
	var ids []string
	for _, p := range c.punches {
		lines = append(lines, p.Line)
		ids = append(ids, p.Employee)
	}
	if got, want := lines, []int32{2, 4, 5, 6}; !equalInts(got, want) {
		t.Errorf("lines %v, want %v", got, want)
	}
	if strings.Join(ids, " ") != "E1 E2 E3 E4" {
		t.Errorf("ids %v", ids)
	}
	if strings.Join(c.stats.UnknownColumns, "|") != "EXTRA|Comment" { // as written in the header, each once
		t.Errorf("UnknownColumns = %v", c.stats.UnknownColumns)
	}
}

func equalInts(a, b []int32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestRecordReaderQuotedFields(t *testing.T) {
	rr := newRecordReader(strings.NewReader("a,\"b,c\",\"d\"\"e\",\"\",f\n\"x y\",z\r\n,\n"))
	want := [][]string{{"a", "b,c", `d"e`, "", "f"}, {"x y", "z"}, {"", ""}}
	wantLines := []int{1, 2, 3}
	for i, w := range want {
		fields, line, err := rr.read()
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, f := range fields {
			got = append(got, string(f))
		}
		if strings.Join(got, "|") != strings.Join(w, "|") || len(got) != len(w) || line != wantLines[i] {
			t.Errorf("record %d = %q at line %d, want %q at line %d", i, got, line, w, wantLines[i])
		}
	}
	if _, _, err := rr.read(); err == nil || err.Error() != "EOF" {
		t.Errorf("want EOF, got %v", err)
	}
}

func TestLineTooLong(t *testing.T) {
	long := "E1,\"" + strings.Repeat("x", MaxLineBytes) + "\",11/16/2026,,11/16/2026 7:00,11/16/2026 8:00,,,\n"
	unquoted := "E1," + strings.Repeat("y", MaxLineBytes+10) + ",11/16/2026,,11/16/2026 7:00,11/16/2026 8:00,,,\n"
	good := "E2,,11/16/2026,,11/16/2026 7:00,11/16/2026 8:00,,,\n"
	// A line exactly at the limit is still read.
	atLimit := "E3," + strings.Repeat("z", MaxLineBytes-len("E3,,11/16/2026,,11/16/2026 7:00,11/16/2026 8:00,,,")) + ",11/16/2026,,11/16/2026 7:00,11/16/2026 8:00,,,\n"
	c := readPunches(t, punchHeader+long+good+unquoted+good+atLimit)
	if len(c.rejects) != 2 || c.rejects[0].Reason != ReasonLineTooLong || c.rejects[1].Reason != ReasonLineTooLong ||
		c.rejects[0].Line != 2 || c.rejects[1].Line != 4 {
		t.Fatalf("rejects %+v", c.rejects)
	}
	if len(c.punches) != 3 || c.punches[0].Line != 3 || c.punches[1].Line != 5 || c.punches[2].Employee != "E3" {
		t.Fatalf("punches %+v", c.punches)
	}
	if len(c.rejects[0].Value) > 64 {
		t.Errorf("reject value should be a short prefix, has %d bytes", len(c.rejects[0].Value))
	}
}

func TestLineLimitIsExact(t *testing.T) {
	for _, n := range []int{MaxLineBytes - 1, MaxLineBytes, MaxLineBytes + 1} {
		for _, eol := range []string{"\n", "\r\n", ""} {
			next := "b\n"
			if eol == "" { // the long line is the last one, without a newline
				next = ""
			}
			rr := newRecordReader(strings.NewReader("h\n" + strings.Repeat("a", n) + eol + next))
			if _, _, err := rr.read(); err != nil {
				t.Fatal(err)
			}
			_, line, err := rr.read()
			rerr, isRecord := err.(*recordError)
			if tooLong := isRecord && rerr.reason == ReasonLineTooLong; tooLong != (n > MaxLineBytes) || line != 2 {
				t.Errorf("%d bytes + %q: err %v line %d", n, eol, err, line)
			}
			fields, line, err := rr.read()
			if eol != "" && (err != nil || line != 3 || string(fields[0]) != "b") {
				t.Errorf("%d bytes + %q: next record %q line %d err %v", n, eol, fields, line, err)
			}
		}
	}
}

// A quote still open at the end of its line rejects that line only: no input format allows a line
// break in a field, and reading on to the next quote would swallow the rows in between (issue 10).
func TestUnterminatedQuote(t *testing.T) {
	c := readPunches(t, punchHeader+"E1,\"Smith,11/16/2026,,11/16/2026 7:00,11/16/2026 8:00,,,\nE2,,11/16/2026,,11/16/2026 7:00,11/16/2026 8:00,,,\n"+
		"E3,\"x\ny\",11/16/2026,,11/16/2026 7:00,11/16/2026 8:00,,,\n")
	if len(c.rejects) != 3 || c.rejects[0].Reason != ReasonBadQuote || c.rejects[0].Line != 2 ||
		c.rejects[1].Line != 4 || c.rejects[1].Reason != ReasonBadQuote || c.rejects[2].Line != 5 ||
		len(c.punches) != 1 || c.punches[0].Employee != "E2" || c.punches[0].Line != 3 {
		t.Fatalf("got %+v %+v", c.rejects, c.punches)
	}
	if c.stats.Lines != 5 || c.stats.Check("punches.csv") != nil {
		t.Fatalf("line accounting %+v", c.stats)
	}
}

func TestFatalErrors(t *testing.T) {
	cases := []struct{ name, csv, want string }{
		{"empty", "", "punches.csv: empty file"},
		{"missing column", "PERSONNUM,EVENTDATE,PUNCHDTM\nE1,11/16/2026,\n", "punches.csv: missing required column ENDPUNCHDTM"},
		{"binary header", "PK\x03\x04\x00\x00,x\n", "punches.csv: not a CSV text file"},
		{"not utf-8", "PERSONNUM,\xff\xfe\n", "punches.csv: the header is not UTF-8"},
		{"duplicate column", "PERSONNUM,EVENTDATE,PUNCHDTM,ENDPUNCHDTM,personnum\n", "punches.csv: column PERSONNUM appears twice"},
		{"header too long", strings.Repeat("x", MaxLineBytes+1), "punches.csv: cannot read the header row"},
		// Lines ended by a bare CR are one line: read as a header, an export without data rows,
		// its rows unaccounted for (the run's "no data rows" error even suggested --allow-empty).
		{"bare CR line ends", "PERSONNUM,EVENTDATE,PAYCODENAME,PUNCHDTM,ENDPUNCHDTM,HOURS,LABORACCOUNT,WORKRULE\r" +
			"E1,11/16/2026,,11/16/2026 7:00,11/16/2026 15:00,,A,\rE2,11/16/2026,,11/16/2026 7:00,11/16/2026 15:00,,A,\r",
			"punches.csv: the header line holds a carriage return"},
	}
	for _, c := range cases {
		_, err := ReadPunches(strings.NewReader(c.csv), "punches.csv", nil, nil)
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%s: got %v, want %q...", c.name, err, c.want)
		}
	}
}

const rosterHeader = "PERSONNUM,NAME,RULESET,BASE_RATE,ANNUAL_SALARY,BUDGETED_WEEKLY_HOURS,HOME_SHIFT,SCHEDULE_TYPE,WEEKDAY_ONLY,TIMEOFF_SYSTEM,SENIORITY_DATE,HIRE_DATE,COMP_ELECT,HOLIDAY_ELECT,SITE_ZONE,ONCALL_APPROVED\n"

func TestReadRoster(t *testing.T) {
	csv := rosterHeader +
		"E1,\"Smith, Jane\",share,31.25,,37.5,NIGHT,FLEX,n,EARNED,11/16/2026,,Y,BANK,America/New_York,N\n" +
		"E2,Doe,PSU_NONEXEMPT,,58500.00,40,day,,Y,,2026-01-01,2026-11-16,,DOUBLE,,\n"
	var rejects []model.Reject
	emps, stats, err := ReadRoster(strings.NewReader(csv), "roster.csv", func(r model.Reject) { rejects = append(rejects, r) })
	if err != nil || len(rejects) != 0 {
		t.Fatalf("err %v rejects %+v", err, rejects)
	}
	want := []model.Employee{
		{ID: "E1", Name: "Smith, Jane", RuleSet: "SHARE", BaseRate: 312500, BudgetedWeekly: 37*3600 + 1800,
			HomeShift: model.ShiftNight, ScheduleType: model.ScheduleFlex, TimeOff: "EARNED", Seniority: day20261116,
			Hire: model.NoDate, CompElect: true, HolidayElect: "BANK", Zone: "America/New_York", OnCallApproved: false, Line: 2,
			ContractStart: model.NoDate, ContractEnd: model.NoDate},
		{ID: "E2", Name: "Doe", RuleSet: "PSU_NONEXEMPT", AnnualSalary: 5850000, BudgetedWeekly: 40 * 3600,
			HomeShift: model.ShiftDay, WeekdayOnly: true, Seniority: day20260101, Hire: day20261116,
			HolidayElect: "DOUBLE", OnCallApproved: true, Line: 3, ContractStart: model.NoDate, ContractEnd: model.NoDate},
	}
	if len(emps) != 2 || emps[0] != want[0] || emps[1] != want[1] {
		t.Fatalf("got\n%+v\nwant\n%+v", emps, want)
	}
	if stats.Rows != 2 || stats.Emitted != 2 {
		t.Errorf("stats %+v", stats)
	}
}

func TestReadRosterRejects(t *testing.T) {
	good := "E1,,SHARE,31.25,,40,DAY,,,,1/1/2026,,,,,"
	cases := []struct{ name, row, reason, column string }{
		{"no rate", "E1,,SHARE,,,40,DAY,,,,1/1/2026,,,,,", ReasonMissingField, "BASE_RATE"},
		{"both rates", "E1,,SHARE,31.25,65000,40,DAY,,,,1/1/2026,,,,,", ReasonConflictingFields, "ANNUAL_SALARY"},
		{"bad rate", "E1,,SHARE,$31.25,,40,DAY,,,,1/1/2026,,,,,", ReasonBadNumber, "BASE_RATE"},
		{"zero rate", "E1,,SHARE,0,,40,DAY,,,,1/1/2026,,,,,", ReasonBadNumber, "BASE_RATE"},
		{"bad salary", "E1,,SHARE,,\"58,500\",40,DAY,,,,1/1/2026,,,,,", ReasonBadNumber, "ANNUAL_SALARY"},
		{"no rule set", "E1,,,31.25,,40,DAY,,,,1/1/2026,,,,,", ReasonMissingField, "RULESET"},
		{"bad budget", "E1,,SHARE,31.25,,169,DAY,,,,1/1/2026,,,,,", ReasonBadHours, "BUDGETED_WEEKLY_HOURS"},
		{"bad shift", "E1,,SHARE,31.25,,40,MORNING,,,,1/1/2026,,,,,", ReasonBadEnum, "HOME_SHIFT"},
		{"no shift", "E1,,SHARE,31.25,,40,,,,,1/1/2026,,,,,", ReasonMissingField, "HOME_SHIFT"},
		{"bad schedule type", "E1,,SHARE,31.25,,40,DAY,ROTATING,,,1/1/2026,,,,,", ReasonBadEnum, "SCHEDULE_TYPE"},
		{"bad weekday flag", "E1,,SHARE,31.25,,40,DAY,,X,,1/1/2026,,,,,", ReasonBadEnum, "WEEKDAY_ONLY"},
		{"bad time off", "E1,,SHARE,31.25,,40,DAY,,,PTO,1/1/2026,,,,,", ReasonBadEnum, "TIMEOFF_SYSTEM"},
		{"no seniority", "E1,,SHARE,31.25,,40,DAY,,,,,,,,,", ReasonMissingField, "SENIORITY_DATE"},
		{"bad seniority", "E1,,SHARE,31.25,,40,DAY,,,,2/30/2020,,,,,", ReasonBadDate, "SENIORITY_DATE"},
		{"bad hire", "E1,,SHARE,31.25,,40,DAY,,,,1/1/2026,soon,,,,", ReasonBadDate, "HIRE_DATE"},
		{"bad comp", "E1,,SHARE,31.25,,40,DAY,,,,1/1/2026,,maybe,,,", ReasonBadEnum, "COMP_ELECT"},
		{"bad holiday elect", "E1,,SHARE,31.25,,40,DAY,,,,1/1/2026,,,CASH,,", ReasonBadEnum, "HOLIDAY_ELECT"},
		{"bad zone", "E1,,SHARE,31.25,,40,DAY,,,,1/1/2026,,,,Mars/Olympus,", ReasonBadZone, "SITE_ZONE"},
		{"local zone", "E1,,SHARE,31.25,,40,DAY,,,,1/1/2026,,,,Local,", ReasonBadZone, "SITE_ZONE"},
		{"bad on-call flag", "E1,,SHARE,31.25,,40,DAY,,,,1/1/2026,,,,,2", ReasonBadEnum, "ONCALL_APPROVED"},
		{"duplicate", good, ReasonDuplicateEmployee, "PERSONNUM"},
		{"id not UTF-8", "E1\xff,,SHARE,31.25,,40,DAY,,,,1/1/2026,,,,,", ReasonBadText, "PERSONNUM"},
	}
	for _, c := range cases {
		var rejects []model.Reject
		emps, stats, err := ReadRoster(strings.NewReader(rosterHeader+"E0,,SHARE,20,,40,DAY,,,,1/1/2026,,,,,\n"+good+"\n"+c.row+"\n"),
			"roster.csv", func(r model.Reject) { rejects = append(rejects, r) })
		if err != nil {
			t.Fatal(err)
		}
		if len(rejects) != 1 || rejects[0].Reason != c.reason || rejects[0].Column != c.column || rejects[0].Line != 4 ||
			!strings.HasPrefix(rejects[0].Employee, "E1") || len(emps) != 2 || stats.Rows != 3 {
			t.Errorf("%s: rejects %+v, %d employees", c.name, rejects, len(emps))
		}
	}
}

func TestReadRosterNeedsARateColumn(t *testing.T) {
	_, _, err := ReadRoster(strings.NewReader("PERSONNUM,RULESET,BUDGETED_WEEKLY_HOURS,HOME_SHIFT,SENIORITY_DATE\n"), "roster.csv", nil)
	if err == nil || !strings.Contains(err.Error(), "roster.csv: missing required column BASE_RATE or ANNUAL_SALARY") {
		t.Errorf("got %v", err)
	}
}

func TestReadSchedule(t *testing.T) {
	csv := "PERSONNUM,SHIFTDATE,START,END,UNIT\n" +
		"E1,11/16/2026,11/16/2026 19:00,11/17/2026 7:30,4E\n" +
		"E1,11/17/2026,11/17/2026 19:00,11/17/2026 7:30,4E\n" +
		"E1,,11/17/2026 19:00,11/18/2026 7:30,4E\n" +
		"E1,11/18/2026,11/18/2026 7:00,,4E\n"
	var got []model.Scheduled
	var rejects []model.Reject
	stats, err := ReadSchedule(strings.NewReader(csv), "schedule.csv",
		func(s *model.Scheduled) { got = append(got, *s) }, func(r model.Reject) { rejects = append(rejects, r) })
	if err != nil {
		t.Fatal(err)
	}
	want := model.Scheduled{Line: 2, Employee: "E1", Date: day20261116, Start: wall(0, 19, 0), End: wall(1, 7, 30)}
	if len(got) != 1 || got[0] != want {
		t.Errorf("got %+v want %+v", got, want)
	}
	reasons := ""
	for _, r := range rejects {
		reasons += r.Reason + "/" + r.Column + " "
	}
	if reasons != "OUT_BEFORE_IN/END MISSING_FIELD/SHIFTDATE MISSING_FIELD/END " {
		t.Errorf("rejects %q", reasons)
	}
	if strings.Join(stats.UnknownColumns, ",") != "UNIT" || stats.Rows != 4 {
		t.Errorf("stats %+v", stats)
	}
}

// TestReadBalancesLots: EXEMPT_COMP is given one row per lot with its CREDIT_DATE.
func TestReadBalancesLots(t *testing.T) {
	csv := "PERSONNUM,BANK,HOURS,YTD_ACCRUED,CREDIT_DATE\n" +
		"E1,EXEMPT_COMP,3,,2026-02-28\n" +
		"E1,exempt_comp,2.5,,2026-05-02\n" +
		"E1,EXEMPT_COMP,1,,2026-13-01\n"
	var got []model.Balance
	var rejects []model.Reject
	if _, err := ReadBalances(strings.NewReader(csv), "balances.csv",
		func(b *model.Balance) { got = append(got, *b) }, func(r model.Reject) { rejects = append(rejects, r) }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Bank != "EXEMPT_COMP" || got[0].CreditDate.String() != "2026-02-28" || got[1].CreditDate.String() != "2026-05-02" {
		t.Errorf("got %+v", got)
	}
	if len(rejects) != 1 || rejects[0].Column != "CREDIT_DATE" || rejects[0].Reason != ReasonBadDate {
		t.Errorf("rejects %+v", rejects)
	}
}

func TestReadBalances(t *testing.T) {
	csv := "PERSONNUM,BANK,HOURS,YTD_ACCRUED\n" +
		"E1,earned,120.5,40:15\n" +
		"E1,SICK,-4,\n" +
		"E1,PTO,8,\n" +
		"E1,COMP,8,-1\n"
	var got []model.Balance
	var rejects []model.Reject
	if _, err := ReadBalances(strings.NewReader(csv), "balances.csv",
		func(b *model.Balance) { got = append(got, *b) }, func(r model.Reject) { rejects = append(rejects, r) }); err != nil {
		t.Fatal(err)
	}
	want := []model.Balance{
		{Line: 2, Employee: "E1", Bank: "EARNED", Hours: 1205000, YTD: 402500, CreditDate: model.NoDate},
		{Line: 3, Employee: "E1", Bank: "SICK", Hours: -40000, CreditDate: model.NoDate},
	}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("got %+v", got)
	}
	if len(rejects) != 2 || rejects[0].Reason != ReasonBadEnum || rejects[1].Reason != ReasonBadHours || rejects[1].Column != "YTD_ACCRUED" {
		t.Errorf("rejects %+v", rejects)
	}
}

// The reader must not allocate per row on the common path once its buffers and intern tables are
// warm; this is what keeps a million-row export cheap.
func TestReadPunchesSteadyStateAllocations(t *testing.T) {
	var buf bytes.Buffer
	buf.WriteString(punchHeader)
	for i := 0; i < 2000; i++ {
		buf.WriteString("E1,Smith,11/16/2026,,11/16/2026 7:00,11/16/2026 15:30,8.5,UMMH/MED/4EAST/RN/-/-/-,CHARGE\n")
	}
	data := buf.Bytes()
	allocs := testing.AllocsPerRun(5, func() {
		if _, err := ReadPunches(bytes.NewReader(data), "p.csv", func(*model.Punch) {}, nil); err != nil {
			t.Fatal(err)
		}
	})
	// Setup (bufio buffer, header, intern maps, field slice) is a few dozen allocations; per-row
	// allocation would show up as thousands.
	if allocs > 60 {
		t.Errorf("%.0f allocations for 2000 rows", allocs)
	}
}

// The optional roster LABORACCOUNT is the employee's home labor account (FORMATS: "roster
// LABORACCOUNT (home account for lines with no punch row)"); a roster without the column reads as
// before.
func TestReadRosterHomeAccount(t *testing.T) {
	csv := "PERSONNUM,RULESET,BASE_RATE,BUDGETED_WEEKLY_HOURS,HOME_SHIFT,SENIORITY_DATE,LABORACCOUNT\n" +
		"E1,SHARE,31.25,40,DAY,1/1/2026,UMMH/MED/4EAST/RN/-/-/-\n" +
		"E2,SHARE,31.25,40,DAY,1/1/2026,\n"
	var rejects []model.Reject
	emps, _, err := ReadRoster(strings.NewReader(csv), "roster.csv", func(r model.Reject) { rejects = append(rejects, r) })
	if err != nil || len(rejects) != 0 || len(emps) != 2 {
		t.Fatalf("err %v rejects %+v", err, rejects)
	}
	if emps[0].Account != "UMMH/MED/4EAST/RN/-/-/-" || emps[1].Account != "" {
		t.Fatalf("accounts %q %q", emps[0].Account, emps[1].Account)
	}
}

// TestReadSeparations: the reasons are an enumeration, notice days whole and not negative, the
// flags Y/N.
func TestReadSeparations(t *testing.T) {
	csv := "PERSONNUM,SEPARATION_DATE,REASON,NOTICE_GIVEN_DAYS,RELEASE_EXECUTED,EXTERNALLY_FUNDED\n" +
		"E1,2026-11-20,layoff,42,Y,N\n" +
		"E2,11/20/2026,RETIREMENT,,,\n" +
		"E3,2026-11-20,FIRED,,,\n" +
		"E4,2026-11-20,VOLUNTARY,-3,,\n" +
		"E5,,VOLUNTARY,,,\n"
	var got []model.Separation
	var rejects []model.Reject
	if _, err := ReadSeparations(strings.NewReader(csv), "separations.csv",
		func(s *model.Separation) { got = append(got, *s) }, func(r model.Reject) { rejects = append(rejects, r) }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Reason != model.SepLayoff || got[0].NoticeDays != 42 || !got[0].Release || got[0].External ||
		got[1].Reason != model.SepRetirement || got[1].Date.String() != "2026-11-20" {
		t.Errorf("got %+v", got)
	}
	if len(rejects) != 3 || rejects[0].Column != "REASON" || rejects[1].Column != "NOTICE_GIVEN_DAYS" || rejects[2].Column != "SEPARATION_DATE" {
		t.Errorf("rejects %+v", rejects)
	}
}

// TestReadSeparationsRehire: REHIRE_DATE after the separation, with PAID_IN_LIEU and PAID_MONTHS
// both or neither (months up to two decimals, read as hundredths); those two need REHIRE_DATE.
func TestReadSeparationsRehire(t *testing.T) {
	csv := "PERSONNUM,SEPARATION_DATE,REASON,RETIREMENT_VESTED,REHIRE_DATE,PAID_IN_LIEU,PAID_MONTHS\n" +
		"E1,2026-03-06,LAYOFF,,2026-05-06,31200,6\n" +
		"E2,2026-03-06,LAYOFF,Y,2026-05-06,,\n" +
		"E3,2026-03-06,LAYOFF,,2026-03-06,,\n" +
		"E4,2026-03-06,LAYOFF,,,31200,6\n" +
		"E5,2026-03-06,LAYOFF,,2026-05-06,31200,\n" +
		"E6,2026-03-06,LAYOFF,,2026-05-06,31200,2.555\n" +
		"E7,2026-11-20,RETIREMENT,,,,\n"
	var got []model.Separation
	var rejects []model.Reject
	if _, err := ReadSeparations(strings.NewReader(csv), "separations.csv",
		func(s *model.Separation) { got = append(got, *s) }, func(r model.Reject) { rejects = append(rejects, r) }); err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[0].Rehire.String() != "2026-05-06" || got[0].PaidInLieu != 3120000 || got[0].PaidMonths != 600 || got[0].Vested ||
		!got[1].Vested || got[1].PaidMonths != 0 || got[2].Rehire != model.NoDate {
		t.Errorf("got %+v", got)
	}
	want := []string{"REHIRE_DATE", "REHIRE_DATE", "PAID_IN_LIEU", "PAID_MONTHS"}
	if len(rejects) != len(want) {
		t.Fatalf("rejects %+v", rejects)
	}
	for i, c := range want {
		if rejects[i].Column != c {
			t.Errorf("reject %d: %+v, want column %s", i, rejects[i], c)
		}
	}
}

// The optional CONTRACT_START and CONTRACT_END bound a non-unit employment contract (NUT-I.C):
// both or neither, the end on or after the start; a roster without them reads as before (NoDate).
func TestReadRosterContract(t *testing.T) {
	csv := "PERSONNUM,RULESET,ANNUAL_SALARY,BUDGETED_WEEKLY_HOURS,HOME_SHIFT,SENIORITY_DATE,CONTRACT_START,CONTRACT_END\n" +
		"E1,NONUNIT_EXEMPT,90000,40,DAY,1/1/2024,2024-01-01,2027-01-01\n" +
		"E2,NONUNIT_EXEMPT,90000,40,DAY,1/1/2024,,\n" +
		"E3,NONUNIT_EXEMPT,90000,40,DAY,1/1/2024,,2027-01-01\n" +
		"E4,NONUNIT_EXEMPT,90000,40,DAY,1/1/2024,2027-01-01,2024-01-01\n"
	var rejects []model.Reject
	emps, _, err := ReadRoster(strings.NewReader(csv), "roster.csv", func(r model.Reject) { rejects = append(rejects, r) })
	if err != nil || len(emps) != 2 {
		t.Fatalf("err %v, %d employees, rejects %+v", err, len(emps), rejects)
	}
	if emps[0].ContractStart.String() != "2024-01-01" || emps[0].ContractEnd.String() != "2027-01-01" || emps[1].ContractStart != model.NoDate || emps[1].ContractEnd != model.NoDate {
		t.Errorf("contracts %+v", emps)
	}
	if len(rejects) != 2 || rejects[0].Column != "CONTRACT_START" || rejects[1].Column != "CONTRACT_END" {
		t.Errorf("rejects %+v", rejects)
	}
}

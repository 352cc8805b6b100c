package emit

import (
	"bytes"
	"encoding/csv"
	"testing"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/stages/model"
)

func TestNeutralise(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"E001", "E001"},
		{"=1+1", "'=1+1"},
		{"+15551234", "'+15551234"},
		{"-1.5", "'-1.5"}, // text from the input, not our number: neutralised
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tx", "'\tx"},
		{"\rx", "'\rx"},
		{"a=b", "a=b"}, // only the first character matters
		{"'quoted", "'quoted"},
	}
	for _, tc := range tests {
		if got := neutralise(tc.in); got != tc.want {
			t.Errorf("neutralise(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestWriteRejects(t *testing.T) {
	rs := []model.Reject{
		{File: "punches.csv", Line: 12, Column: "ENDPUNCHDTM", Value: "", Reason: "MISSING_OUT_PUNCH",
			Detail: "in punch 1/8/2024 7:00 has no out punch", Employee: "E001", Seconds: 0},
		{File: "punches.csv", Line: 3, Column: "HOURS", Value: "-1.5", Reason: "BAD_HOURS",
			Detail: `expected hours like 7.5 or 7:30, got "-1.5"`, Employee: "=cmd|' /C calc'!A0", Seconds: -5400},
		{File: "roster.csv", Line: 0, Column: "", Value: "a,b\nc", Reason: "BAD_ROW", Detail: "", Employee: "", Seconds: 27000},
		{File: "punches.csv", Line: 3, Column: "EVENTDATE", Value: "13/40/2024", Reason: "BAD_DATE", Seconds: 100},
		{File: "punches.csv", Line: 14, Column: "HOURS", Value: "7,5", Reason: "BAD_HOURS", Employee: "E002", UnknownHours: true},
	}
	SortRejects(rs)
	var buf bytes.Buffer
	out, err := WriteRejects(&buf, rs)
	if err != nil {
		t.Fatal(err)
	}
	// Sorted by file, line, column; text cells starting with = or - get a quote; hours keep their
	// sign; 0 s is 0.0000 h; 100 s is 0.0278 h; 27000 s is 7.5 h; hours that could not be read
	// are an empty cell (unknown, not 0 h); line 0 is an empty cell.
	want := "file,line,column,value,reason,detail,employee_id,hours\n" +
		"punches.csv,3,EVENTDATE,13/40/2024,BAD_DATE,,,0.0278\n" +
		`punches.csv,3,HOURS,'-1.5,BAD_HOURS,"expected hours like 7.5 or 7:30, got ""-1.5""",'=cmd|' /C calc'!A0,-1.5000` + "\n" +
		"punches.csv,12,ENDPUNCHDTM,,MISSING_OUT_PUNCH,in punch 1/8/2024 7:00 has no out punch,E001,0.0000\n" +
		"punches.csv,14,HOURS,\"7,5\",BAD_HOURS,,E002,\n" +
		"roster.csv,,,\"a,b\nc\",BAD_ROW,,,7.5000\n"
	if got := buf.String(); got != want {
		t.Errorf("rejects.csv:\n%s\nwant:\n%s", got, want)
	}
	if out.Rows != 5 || out.Bytes != int64(len(want)) {
		t.Errorf("Output = %+v", out)
	}
	// Any RFC 4180 reader gets the fields back.
	recs, err := csv.NewReader(bytes.NewReader(buf.Bytes())).ReadAll()
	if err != nil || len(recs) != 6 || recs[5][3] != "a,b\nc" {
		t.Errorf("re-read: %v %q", err, recs)
	}
}

func TestWriteExceptions(t *testing.T) {
	es := []model.Exception{
		{Employee: "E002", Date: calendars.NewDate(2024, 1, 9), Code: "MISSING_PUNCH", RuleID: "CORE-PUNCH", Detail: "no out punch", File: "punches.csv", Line: 44},
		{Employee: "E001", Date: calendars.NewDate(2024, 1, 10), Code: "CONSECUTIVE_DAYS", RuleID: "SHARE-SCHED-4", Detail: "14th consecutive day"},
		{Employee: "E001", Date: model.NoDate, Code: "+OT_UNAPPROVED", RuleID: "", Detail: "@weekly", File: "", Line: 0},
		{Employee: "E001", Date: calendars.NewDate(2024, 1, 8), Code: "CONSECUTIVE_DAYS", RuleID: "SHARE-SCHED-4", Detail: "13th",
			Status: model.StatusApproved, Decision: "=J. Ortiz: posted 13 days"},
	}
	SortExceptions(es)
	var buf bytes.Buffer
	if _, err := WriteExceptions(&buf, es); err != nil {
		t.Fatal(err)
	}
	// NoDate sorts first (it is the smallest Date) and prints empty.
	// No decision is OPEN; a decision's text is neutralised like any other cell.
	want := "employee_id,date,code,rule_id,detail,file,line,status,decision\n" +
		"E001,,'+OT_UNAPPROVED,,'@weekly,,,OPEN,\n" +
		"E001,2024-01-08,CONSECUTIVE_DAYS,SHARE-SCHED-4,13th,,,APPROVED,'=J. Ortiz: posted 13 days\n" +
		"E001,2024-01-10,CONSECUTIVE_DAYS,SHARE-SCHED-4,14th consecutive day,,,OPEN,\n" +
		"E002,2024-01-09,MISSING_PUNCH,CORE-PUNCH,no out punch,punches.csv,44,OPEN,\n"
	if got := buf.String(); got != want {
		t.Errorf("exceptions.csv:\n%s\nwant:\n%s", got, want)
	}
}

func TestSortRejectsIsTotal(t *testing.T) {
	// Same file/line/column, different reasons: the order must not depend on the input order.
	a := model.Reject{File: "p.csv", Line: 1, Column: "X", Reason: "B"}
	b := model.Reject{File: "p.csv", Line: 1, Column: "X", Reason: "A"}
	one, two := []model.Reject{a, b}, []model.Reject{b, a}
	SortRejects(one)
	SortRejects(two)
	if one[0] != two[0] || one[0].Reason != "A" {
		t.Errorf("order depends on input: %v vs %v", one, two)
	}
}

// The CSV outputs are written by AppendCSVLine, not encoding/csv's Writer; the bytes must stay
// the Writer's (comma ",", UseCRLF false) for every kind of field that it quotes or leaves alone:
// each field alone, and every field in one line.
func TestAppendCSVLineIsEncodingCSV(t *testing.T) {
	odd := []string{"", "x", "a,b", `q"u"ote`, `""`, " lead", "\tlead", "\u00a0nbsp", "\u3000ideo", "\u0085nel",
		"nl\nx", "cr\rx", "crlf\r\n", `\.`, `\.x`, "trail ", "é", `"`, "\xff\xfe bad utf-8", "'=1+1"}
	encode := func(rec []string) string {
		var b bytes.Buffer
		cw := csv.NewWriter(&b)
		if err := cw.Write(rec); err != nil {
			t.Fatal(err)
		}
		cw.Flush()
		return b.String()
	}
	for _, f := range odd {
		if got, want := string(AppendCSVLine(nil, []string{f})), encode([]string{f}); got != want {
			t.Errorf("%q: got %q, want %q", f, got, want)
		}
	}
	if got, want := string(AppendCSVLine([]byte("kept,"), odd)), "kept,"+encode(odd); got != want {
		t.Errorf("line:\n got %q\nwant %q", got, want)
	}
}

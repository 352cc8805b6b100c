package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/payclose/payclose/pipeline"
	"github.com/payclose/payclose/stages/model"
)

// printRejects shows the examples the close kept when they are enough (the summary's three), and
// reads the rejects again, in order, when more are asked for than it kept (validate lists them
// all): both give the lines the rows would.
func TestPrintRejectsExamples(t *testing.T) {
	rows := []model.Reject{
		{File: "p.csv", Line: 2, Column: "HOURS", Reason: "BAD_HOURS", Detail: "d2"},
		{File: "p.csv", Line: 3, Reason: "MISSING_OUT_PUNCH", Detail: "d3"},
		{File: "p.csv", Line: 4, Column: "HOURS", Reason: "BAD_HOURS", Detail: "d4"},
		{File: "p.csv", Line: 5, Column: "HOURS", Reason: "BAD_HOURS", Detail: "d5"},
	}
	all := rejectsOf(rows)
	// As a close keeps them: the first of each reason only, every row still readable.
	kept := &pipeline.Rejects{Count: all.Count, ByReason: all.ByReason, First: rows,
		Examples: map[string][]model.Reject{"BAD_HOURS": rows[:1], "MISSING_OUT_PUNCH": rows[1:2]}}
	show := func(r *pipeline.Rejects, examples int64) string {
		var b bytes.Buffer
		printRejects(&b, r, examples, "rejects.csv")
		return b.String()
	}
	want := "\nRejected rows: 4 (see rejects.csv)\n" +
		"  BAD_HOURS                    3\n" +
		"      p.csv line 2, column HOURS: d2\n" +
		"      p.csv line 4, column HOURS: d4\n" +
		"      p.csv line 5, column HOURS: d5\n" +
		"  MISSING_OUT_PUNCH            1\n" +
		"      p.csv line 3: d3\n"
	if got := show(all, 4); got != want {
		t.Errorf("all rows as examples:\n%s\nwant\n%s", got, want)
	}
	if got := show(kept, 4); got != want {
		t.Errorf("read again:\n%s\nwant\n%s", got, want)
	}
	if got := show(kept, 1); strings.Contains(got, "d4") || !strings.Contains(got, "d2") {
		t.Errorf("one example of each:\n%s", got)
	}
	if got := show(&pipeline.Rejects{}, 3); got != "\nRejected rows: none\n" {
		t.Errorf("no rejects: %q", got)
	}
}

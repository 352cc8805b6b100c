package ingest

import (
	"bytes"
	"io"
	"reflect"
	"strings"
	"testing"

	"github.com/payclose/payclose/stages/model"
)

// An export read in two parts, cut at any line start (OpenPunches, then Rest from the cut with
// the lines before it counted), gives the rows, rejects (line numbers included) and stats of one
// reader: quoted fields, an unclosed quote, a BOM, CRLF and bare CR line endings, blank lines, a
// line too long and a last line without a newline.
func TestPunchesReadInTwoPartsReadAsOne(t *testing.T) {
	rows := []string{
		"E1,\"Doe, Jane\",11/16/2026,,11/16/2026 7:00,11/16/2026 15:30,,A/B,CHARGE\r\n",
		"E2,Roe,11/16/2026,SICK,,,7:30,,\n",
		"\n",
		"E3,\"a \"\"quoted\"\" name,11/16/2026,,11/16/2026 7:00,11/16/2026 15:30,,A/B,\n", // unclosed quote
		"E4,Poe,11/17/2026,,11/17/2026 7:00,,,A/C,\n",                                     // missing out
		"E5,Loe,11/17/2026,,11/17/2026 7:00,11/17/2026 15:00,,A/C,,extra\n",               // field count
		"\r\n",
		"E6,Moe,2026-11-18,,2026-11-18T07:00,2026-11-18T15:00,,A/B,PRECEPTOR\r\r\n",
		strings.Repeat("x", MaxLineBytes+10) + "\n",
		"E1,\"Doe, Jane\",11/18/2026,VACATION,,,8,A/B,\n",
		"E7,Koe,11/19/2026,,11/19/2026 7:00,11/19/2026 15:00,,A/B,NOSUCHRULE",
	}
	data := []byte("\xEF\xBB\xBF" + punchHeader + strings.Join(rows, ""))
	want := collect(t, data, int64(len(data)))
	if len(want.punches) < 4 || len(want.rejects) < 4 {
		t.Fatalf("the export should have good and bad rows: %d and %d", len(want.punches), len(want.rejects))
	}
	cuts := 0
	for cut := 1; cut < len(data); cut++ {
		if data[cut-1] != '\n' {
			continue
		}
		cuts++
		if got := collect(t, data, int64(cut)); !reflect.DeepEqual(got, want) {
			t.Errorf("cut at byte %d:\ngot  %+v\nwant %+v", cut, got, want)
		}
	}
	if cuts != strings.Count(string(data), "\n") {
		t.Errorf("%d cuts tried", cuts)
	}
}

// collect reads data in two parts cut at byte cut (a line start), or whole when cut is its end.
func collect(t *testing.T, data []byte, cut int64) collected {
	t.Helper()
	var c collected
	emit := func(p *model.Punch) { c.punches = append(c.punches, *p) }
	reject := func(r model.Reject) { c.rejects = append(c.rejects, r) }
	r := bytes.NewReader(data)
	head, err := OpenPunches(io.NewSectionReader(r, 0, cut), "punches.csv", reject)
	if err != nil {
		t.Fatal(err)
	}
	c.stats, err = head.Read(emit)
	if err != nil {
		t.Fatal(err)
	}
	if cut < int64(len(data)) {
		lines, err := CountLines(r, cut)
		if err != nil {
			t.Fatal(err)
		}
		st, err := head.Rest(io.NewSectionReader(r, cut, int64(len(data))-cut), lines).Read(emit)
		if err != nil {
			t.Fatal(err)
		}
		c.stats.Add(st)
	}
	return c
}

func TestSplitPoint(t *testing.T) {
	for _, c := range []struct {
		data string
		want int64
	}{
		{"h\nabcdef\nghij\n", 9}, // after the first newline past the middle (7)
		{"abcdef\nhijkl\n", 7},   // the newline at the middle
		{"header\nabc\n", 7},     // right after the header
		{"h\nabcdefghij\n", 13},  // only the last newline past the middle: no cut
		{"h\nabcdefghij", 12},    // none: no cut
		{"", 0},
	} {
		got, err := SplitPoint(strings.NewReader(c.data), int64(len(c.data)))
		if err != nil || got != c.want {
			t.Errorf("SplitPoint(%q) = %d, %v; want %d", c.data, got, err, c.want)
		}
	}
}

package gen

import (
	"testing"

	"github.com/payclose/payclose/stages/ingest"
)

func TestDateTimeTextRoundTripsThroughTheReader(t *testing.T) {
	dt := newDateTexts(week, -1, 8)
	for _, tc := range []struct {
		minute int
		iso    bool
		want   string
	}{
		{0, false, "11/15/2026 0:00"},
		{7*60 + 5, false, "11/15/2026 7:05"},
		{1440 + 23*60 + 59, false, "11/16/2026 23:59"},
		{7*1440 + 7*60 + 30, true, "2026-11-22T07:30"},
		{-60, false, "11/14/2026 23:00"},
	} {
		got := string(dt.dateTime(nil, tc.minute, tc.iso))
		if got != tc.want {
			t.Errorf("minute %d: %q, want %q", tc.minute, got, tc.want)
		}
		wall, ok := ingest.ParseDateTime([]byte(got))
		if want := int64(week)*86400 + int64(tc.minute)*60; !ok || wall != want {
			t.Errorf("%q reads back as %d %v, want %d", got, wall, ok, want)
		}
	}
}

func TestAppendCentsAndField(t *testing.T) {
	if got := string(appendCents(nil, 3405)); got != "34.05" {
		t.Errorf("3405 cents: %q", got)
	}
	if got := string(appendField(nil, `O'Brien, "Pat"`)); got != `"O'Brien, ""Pat"""` {
		t.Errorf("quoted field: %s", got)
	}
	if got := string(appendField(nil, "Maria Santos")); got != "Maria Santos" {
		t.Errorf("plain field: %s", got)
	}
}

package calendars

import (
	"errors"
	"strings"
	"testing"
)

// The table behind `payclose calendar --year 2026 --ruleset SHARE`, checked by hand.
func TestFormatYearSHARE2026(t *testing.T) {
	var b strings.Builder
	if err := FormatYear(&b, mustCalendar(t, "SHARE"), 2026); err != nil {
		t.Fatal(err)
	}
	want := `SHARE holidays 2026 (10 days)
source: contract 004 (SHARE); SHARE-HOL-01 list and classes, SHARE-HOL-17 observed days
weekend rule: Saturday -> Friday before, Sunday -> Monday after (Monday-Friday staff; others keep the actual day)

HOLIDAY                 CLASS  ACTUAL          OBSERVED        NOTE
New Year's Day          MAJOR  Thu 2026-01-01  Thu 2026-01-01
Martin Luther King Day  MINOR  Mon 2026-01-19  Mon 2026-01-19
Presidents Day          MINOR  Mon 2026-02-16  Mon 2026-02-16
Memorial Day            MAJOR  Mon 2026-05-25  Mon 2026-05-25
Independence Day        MAJOR  Sat 2026-07-04  Fri 2026-07-03  Saturday: observed the Friday before
Labor Day               MAJOR  Mon 2026-09-07  Mon 2026-09-07
Columbus Day            MINOR  Mon 2026-10-12  Mon 2026-10-12
Veterans Day            MINOR  Wed 2026-11-11  Wed 2026-11-11
Thanksgiving Day        MAJOR  Thu 2026-11-26  Thu 2026-11-26
Christmas Day           MAJOR  Fri 2026-12-25  Fri 2026-12-25
`
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

func TestFormatYearPSUShowsDifferentialAndSundayShift(t *testing.T) {
	var b strings.Builder
	if err := FormatYear(&b, mustCalendar(t, "PSU"), 2022); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"PSU holidays 2022 (13 days)",
		"$1 DIFF",
		"Christmas Day                                STANDARD  yes      Sun 2022-12-25  Mon 2022-12-26  Sunday: observed the Monday after",
		"New Year's Day                               STANDARD  yes      Sat 2022-01-01  Sat 2022-01-01  Saturday: kept on Saturday",
		"Patriots Day                                 STANDARD           Mon 2022-04-18  Mon 2022-04-18\n",
		"New Year's work day (1st before, Art. 21.2)  STANDARD           Fri 2022-12-30  Fri 2022-12-30\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("missing %q in\n%s", want, out)
		}
	}
}

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errors.New("disk full") }

func TestFormatYearReportsWriteErrors(t *testing.T) {
	if err := FormatYear(failingWriter{}, mustCalendar(t, "SHARE"), 2026); err == nil {
		t.Error("write error swallowed")
	}
}

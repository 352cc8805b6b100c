package calendars

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// FormatYear prints the holidays of year y as a table for `payclose calendar`: name, class, the
// $1.00 differential flag when the calendar has one, actual and observed dates with weekdays, and
// why a weekend holiday moved (or did not).
func FormatYear(w io.Writer, c *Calendar, y int) error {
	hs := c.Year(y)
	withDiff := false
	for _, h := range hs {
		withDiff = withDiff || h.Diff
	}
	if _, err := fmt.Fprintf(w, "%s holidays %d (%d days)\nsource: %s\nweekend rule: %s\n\n",
		c.name, y, len(hs), c.source, c.observe); err != nil {
		return err
	}
	var table bytes.Buffer
	tw := tabwriter.NewWriter(&table, 0, 0, 2, ' ', 0)
	header := "HOLIDAY\tCLASS\t"
	if withDiff {
		header += "$1 DIFF\t"
	}
	fmt.Fprintln(tw, header+"ACTUAL\tOBSERVED\tNOTE")
	for _, h := range hs {
		row := h.Name + "\t" + h.Class.String() + "\t"
		if withDiff {
			row += yes(h.Diff) + "\t"
		}
		fmt.Fprintln(tw, row+dayLabel(h.Actual)+"\t"+dayLabel(h.Observed)+"\t"+c.observe.note(h))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	// tabwriter pads the empty NOTE cells; trailing blanks only make golden files brittle.
	for line := range strings.Lines(table.String()) {
		if _, err := io.WriteString(w, strings.TrimRight(line, " \n")+"\n"); err != nil {
			return err
		}
	}
	return nil
}

func dayLabel(d Date) string { return d.Weekday().String()[:3] + " " + d.String() }

func yes(b bool) string {
	if b {
		return "yes"
	}
	return ""
}

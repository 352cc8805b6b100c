package calendars

import (
	"fmt"
	"io"
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
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
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
		row += dayLabel(h.Actual) + "\t" + dayLabel(h.Observed)
		if note := c.observe.note(h); note != "" {
			row += "\t" + note // only here: an empty last cell would leave trailing blanks
		}
		fmt.Fprintln(tw, row)
	}
	return tw.Flush()
}

func dayLabel(d Date) string { return d.Weekday().String()[:3] + " " + d.String() }

func yes(b bool) string {
	if b {
		return "yes"
	}
	return ""
}

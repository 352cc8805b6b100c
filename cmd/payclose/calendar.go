package main

import (
	"fmt"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
)

func calendarCommand() *cli.Command {
	return &cli.Command{
		Name:  "calendar",
		Usage: "print a rule set's holidays for a year, with actual and observed dates",
		Description: `Example:
   payclose calendar --year 2026 --ruleset SHARE`,
		Flags: []cli.Flag{
			&cli.IntFlag{Name: "year", Usage: "calendar year (required)", DefaultText: "none"},
			&cli.StringFlag{Name: "ruleset", Value: "SHARE", Usage: "a rule set (its profile names its calendar: SHARE, PSU_NONEXEMPT, ...) or a calendar (SHARE, PSU, NONUNIT)"},
		},
		Action: func(c *cli.Context) error {
			if !c.IsSet("year") {
				return cliUsage{fmt.Errorf("--year is required, e.g. --year 2026")}
			}
			y := c.Int("year")
			if y < 1900 || y > 2200 {
				return cliUsage{fmt.Errorf("--year %d: expected a year between 1900 and 2200", y)}
			}
			var cal *calendars.Calendar
			if rs, err := rates.Default.Lookup(c.String("ruleset"), time.Date(y, time.December, 31, 0, 0, 0, 0, time.UTC)); err == nil {
				cal = rs.Calendar() // the calendar the rule set's profile names
			} else if cal, err = calendars.CalendarFor(c.String("ruleset")); err != nil {
				return cliUsage{err}
			}
			return calendars.FormatYear(c.App.Writer, cal, y)
		},
	}
}

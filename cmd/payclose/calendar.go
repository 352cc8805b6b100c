package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/payclose/payclose/calendars"
)

func calendarCommand() *cli.Command {
	return &cli.Command{
		Name:  "calendar",
		Usage: "print a rule set's holidays for a year, with actual and observed dates",
		Description: `Example:
   payclose calendar --year 2026 --ruleset SHARE`,
		Flags: []cli.Flag{
			&cli.IntFlag{Name: "year", Usage: "calendar year (required)", DefaultText: "none"},
			&cli.StringFlag{Name: "ruleset", Value: "SHARE", Usage: "SHARE, PSU or NONUNIT"},
		},
		Action: func(c *cli.Context) error {
			if !c.IsSet("year") {
				return cliUsage{fmt.Errorf("--year is required, e.g. --year 2026")}
			}
			cal, err := calendars.CalendarFor(c.String("ruleset"))
			if err != nil {
				return cliUsage{err}
			}
			y := c.Int("year")
			if y < 1900 || y > 2200 {
				return cliUsage{fmt.Errorf("--year %d: expected a year between 1900 and 2200", y)}
			}
			return calendars.FormatYear(c.App.Writer, cal, y)
		},
	}
}

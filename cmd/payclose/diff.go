package main

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/pipeline"
	"github.com/payclose/payclose/rates"
)

func diffCommand() *cli.Command {
	return &cli.Command{
		Name:  "diff",
		Usage: "what changed in a closed week since it was paid: gross paid, gross now, adjustment lines",
		Description: `Reads the ledger only (writes nothing).

Example:
   payclose diff --out /data/payroll --week 2026-11-15

Exit codes: 0 ok, 1 the ledger cannot be read or an employee's adjustments do not add up to
now - paid, 2 bad usage (the week is not in the ledger).`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "out", Usage: "the ledger (the --out of the closes)", EnvVars: []string{"PAYCLOSE_OUT"}},
			&cli.StringFlag{Name: "week", Usage: "the closed week, YYYY-MM-DD", EnvVars: []string{"PAYCLOSE_WEEK"}},
		},
		Action: func(c *cli.Context) error {
			if c.String("out") == "" || c.String("week") == "" {
				return cliUsage{errors.New("--out and --week are required")}
			}
			w, err := calendars.ParseISODate(c.String("week"))
			if err != nil {
				return cliUsage{fmt.Errorf("--week: %w", err)}
			}
			d, err := pipeline.Diff(c.String("out"), w)
			if err != nil {
				return err
			}
			printDiff(c.App.Writer, d)
			if d.Mismatches > 0 {
				return fmt.Errorf("%d employee(s) whose adjustments do not add up to now - paid", d.Mismatches)
			}
			return nil
		},
	}
}

func printDiff(w io.Writer, d *pipeline.WeekDiff) {
	fmt.Fprintf(w, "Week %s: paid $%s (run %s), now $%s (run %s), adjustments $%s\n",
		d.Week, d.Paid, strings.Join(d.PaidRuns, ", "), d.Now, strings.Join(d.NowRuns, ", "), d.Adjusted)
	if len(d.Employees) == 0 {
		fmt.Fprintln(w, "No changes since the week was paid.")
		return
	}
	for _, e := range d.Employees {
		check := "OK"
		if !e.OK() {
			check = "MISMATCH: adjustments != now - paid"
		}
		fmt.Fprintf(w, "\nEmployee %s: gross paid $%s, gross now $%s, adjustments $%s: %s\n", e.Employee, e.Paid, e.Now, e.Delta, check)
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "work date\tpay code\trule\tminutes\thours\trate\tamount\tchange\tpaid in\tprior run -> new run\t")
		for _, l := range e.Lines {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%+d\t%s\t%s\t%s\t%s\t%s\t%s -> %s\t\n",
				l.WorkDate, l.PayCode, l.RuleID, l.DeltaMinutes(), signed(rates.Hours(l.DeltaHours).String()),
				rates.Rate(l.Rate), signed(rates.Money(l.DeltaAmount()).String()), l.Change, l.PayWeek, l.PriorRunID, l.NewRunID)
		}
		tw.Flush()
	}
}

func signed(s string) string {
	if strings.HasPrefix(s, "-") {
		return s
	}
	return "+" + s
}

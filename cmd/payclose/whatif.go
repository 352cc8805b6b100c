package main

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/pipeline"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/emit"
)

func whatifCommand() *cli.Command {
	return &cli.Command{
		Name:  "whatif",
		Usage: "what closed weeks would have cost under other profiles: proposed − paid, by rule set, pay code, rule and labor account",
		Description: `Re-closes the weeks --weeks-from..--weeks-to of the ledger --out from the inputs their current
runs read (each must still have the sha256 its manifest lists) under the profiles of --profiles,
into a temporary directory: the ledger is only read. Writes whatif.csv and whatif.parquet (week_start, rule_set,
pay_code, rule_id, labor_account, department, paid and proposed hours and amounts, difference;
only the rows that differ) to --report and prints the totals and the difference by department.

Example:
   payclose whatif --profiles proposed/ --weeks-from 2026-11-15 --weeks-to 2026-11-22 --out /data/payroll

Exit codes: 0 ok, 1 an input changed since it was paid or the close failed, 2 bad usage (no
--profiles, a week not in the ledger).`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "profiles", Usage: "directory of the proposed rule-set profiles (*.json)"},
			&cli.StringFlag{Name: "weeks-from", Usage: "first closed week, YYYY-MM-DD"},
			&cli.StringFlag{Name: "weeks-to", Usage: "last closed week, YYYY-MM-DD (default: --weeks-from)"},
			&cli.StringFlag{Name: "out", Usage: "the ledger (the --out of the closes); only read", EnvVars: []string{"PAYCLOSE_OUT"}},
			&cli.StringFlag{Name: "report", Usage: "directory for whatif.csv and whatif.parquet (created if missing)", Value: "."},
			&cli.IntFlag{Name: "dept-levels", Usage: "leading levels of a labor account that name the department", Value: 3},
		},
		Action: func(c *cli.Context) error {
			if c.String("profiles") == "" || c.String("out") == "" || c.String("weeks-from") == "" {
				return cliUsage{errors.New("--profiles, --out and --weeks-from are required")}
			}
			from, err := calendars.ParseISODate(c.String("weeks-from"))
			if err != nil {
				return cliUsage{fmt.Errorf("--weeks-from: %w", err)}
			}
			to := from
			if s := c.String("weeks-to"); s != "" {
				if to, err = calendars.ParseISODate(s); err != nil {
					return cliUsage{fmt.Errorf("--weeks-to: %w", err)}
				}
			}
			reg, err := loadProfiles(c.String("profiles"))
			if err != nil {
				return cliUsage{err}
			}
			res, err := pipeline.WhatIf(c.Context, pipeline.Config{Registry: reg, Version: version}, c.String("out"), from, to, c.Int("dept-levels"))
			if err != nil {
				return err
			}
			if err := os.MkdirAll(c.String("report"), 0o755); err != nil {
				return err
			}
			path := filepath.Join(c.String("report"), "whatif.csv")
			if err := writeWhatIf(path, res); err != nil {
				return err
			}
			printWhatIf(c.App.Writer, res, path)
			return nil
		},
	}
}

// writeWhatIf writes the rows that differ as path (CSV) and the same rows as whatif.parquet next
// to it.
func writeWhatIf(path string, res *pipeline.WhatIfResult) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	w.Write([]string{"week_start", "rule_set", "pay_code", "rule_id", "labor_account", "department",
		"paid_hours", "proposed_hours", "paid_amount", "proposed_amount", "difference"})
	var lines []emit.WhatIfLine
	for _, r := range res.Rows {
		if r.Difference() == 0 && r.PaidHours == r.ProposedHours {
			continue
		}
		week, err := calendars.ParseISODate(r.Week)
		if err != nil {
			f.Close()
			return err
		}
		lines = append(lines, emit.WhatIfLine{Week: week, RuleSet: r.RuleSet, PayCode: r.PayCode, RuleID: r.RuleID,
			Account: r.Account, Department: r.Department, PaidHours: int64(r.PaidHours), ProposedHours: int64(r.ProposedHours),
			PaidAmount: int64(r.PaidAmount), ProposedAmount: int64(r.ProposedAmount)})
		w.Write([]string{r.Week, r.RuleSet, r.PayCode, r.RuleID, r.Account, r.Department,
			r.PaidHours.String(), r.ProposedHours.String(), r.PaidAmount.String(), r.ProposedAmount.String(), r.Difference().String()})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	pq, err := os.Create(filepath.Join(filepath.Dir(path), "whatif.parquet"))
	if err != nil {
		return err
	}
	if _, err := emit.WriteWhatIf(pq, lines); err != nil {
		pq.Close()
		return err
	}
	return pq.Close()
}

func printWhatIf(w io.Writer, res *pipeline.WhatIfResult, path string) {
	fmt.Fprintf(w, "Weeks %v (runs %v)\n", res.Weeks, res.Runs)
	fmt.Fprintf(w, "Paid $%s, proposed $%s, difference $%s\n", res.Paid, res.Proposed, signed((res.Proposed - res.Paid).String()))
	depts := make([]string, 0, len(res.ByDepartment))
	for d := range res.ByDepartment {
		depts = append(depts, d)
	}
	sort.Strings(depts)
	if len(depts) > 0 {
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "department\tdifference\t")
		for _, d := range depts {
			fmt.Fprintf(tw, "%s\t%s\t\n", d, signed(rates.Money(res.ByDepartment[d]).String()))
		}
		tw.Flush()
	}
	fmt.Fprintf(w, "Rows in %s\n", path)
}

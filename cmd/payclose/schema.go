package main

import (
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/payclose/payclose/stages/emit"
)

func schemaCommand() *cli.Command {
	return &cli.Command{
		Name:  "schema",
		Usage: "print the Parquet schemas of the outputs",
		Description: `Example:
   payclose schema`,
		Action: func(c *cli.Context) error {
			fmt.Fprintln(c.App.Writer, "pay_lines (OUT/pay_lines/week_start=YYYY-MM-DD/part-NNNNN.parquet):")
			fmt.Fprintln(c.App.Writer, emit.PayLineSchema)
			fmt.Fprintln(c.App.Writer, "\naccruals (OUT/accruals/week_start=YYYY-MM-DD/part-NNNNN.parquet):")
			fmt.Fprintln(c.App.Writer, emit.AccrualSchema)
			fmt.Fprintln(c.App.Writer, "\nadjustments (OUT/adjustments/pay_week=YYYY-MM-DD/part-<run_id>.parquet):")
			fmt.Fprintln(c.App.Writer, emit.AdjustmentSchema)
			fmt.Fprintln(c.App.Writer, "\nregister (OUT/register/week_start=YYYY-MM-DD/register.parquet; register.csv has the same rows):")
			fmt.Fprintln(c.App.Writer, emit.RegisterSchema)
			fmt.Fprintln(c.App.Writer, "\nwhatif (REPORT/whatif.parquet, payclose whatif; whatif.csv has the same rows):")
			fmt.Fprintln(c.App.Writer, emit.WhatIfSchema)
			return nil
		},
	}
}

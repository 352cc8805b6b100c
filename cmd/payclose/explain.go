package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"text/tabwriter"

	"github.com/urfave/cli/v2"

	"github.com/payclose/payclose/pipeline"
)

func explainCommand() *cli.Command {
	flags := append(commandFlags("with --against: the ledger that holds the run (explain writes nothing)", "workers", "shard", "pay-week", "lock-wait"),
		&cli.StringFlag{Name: "employee", Usage: "PERSONNUM of the employee to explain (required)"},
		&cli.StringFlag{Name: "format", Value: "text", Usage: "text or json"},
		&cli.StringFlag{Name: "against", Usage: "RUN_ID of the ledger --out: show the input rows and pay lines that changed since that run"},
	)
	return &cli.Command{
		Name:  "explain",
		Usage: "show one employee's week as a timeline: rows, spans, windows, pay lines, regular rate",
		Description: `Runs the same stages as "run" for one employee and writes nothing.

Example:
   payclose explain --employee 100109 --punches fixtures/sample/punches.csv \
       --roster fixtures/sample/roster.csv --schedule fixtures/sample/schedule.csv \
       --week 2026-11-15 --weeks 2
   payclose explain --sample --employee 100109 --format json
   payclose explain --employee 100109 --punches corrected.csv --roster roster.csv \
       --schedule schedule.csv --week 2026-11-15 --out /data/payroll --against e4334642e3c3fa0d

Exit codes: 0 ok, 1 the employee is not on the roster (their rejects are still shown) or the
inputs could not be read, 2 bad usage.`,
		Flags: flags,
		Action: func(c *cli.Context) error {
			id := strings.TrimSpace(c.String("employee"))
			if id == "" {
				return cliUsage{errors.New("--employee is required (the PERSONNUM to explain)")}
			}
			format := c.String("format")
			if format != "text" && format != "json" {
				return cliUsage{fmt.Errorf("--format %q: expected text or json", format)}
			}
			if c.Bool("sample") {
				cleanup, err := useSample(c)
				if err != nil {
					return err
				}
				defer cleanup()
			}
			cfg, err := config(c, true)
			if err != nil {
				return err
			}
			if run := c.String("against"); run != "" {
				if !c.IsSet("out") {
					return cliUsage{errors.New("--against needs --out, the ledger that holds the run")}
				}
				a, err := pipeline.ExplainAgainst(c.Context, cfg, c.String("out"), run, id)
				if err != nil {
					return err
				}
				if format == "json" {
					enc := json.NewEncoder(c.App.Writer)
					enc.SetIndent("", "  ")
					emptyLists(reflect.ValueOf(a))
					return enc.Encode(a)
				}
				printAgainst(c.App.Writer, id, a)
				return nil
			}
			x, err := pipeline.Explain(c.Context, cfg, id)
			if x != nil {
				if format == "json" {
					enc := json.NewEncoder(c.App.Writer)
					enc.SetIndent("", "  ")
					emptyLists(reflect.ValueOf(x))
					if jerr := enc.Encode(x); jerr != nil {
						return jerr
					}
				} else {
					printExplanation(c.App.Writer, x)
				}
			}
			return err
		},
	}
}

// printExplanation is the clerk's view: the week in the order pay is decided.
func printExplanation(w io.Writer, x *pipeline.Explanation) {
	fmt.Fprintf(w, "Employee %s", x.Employee)
	if x.RuleSet != "" {
		fmt.Fprintf(w, "  rule set %s  base rate $%s/h  zone %s", x.RuleSet, x.BaseRate, x.Zone)
	}
	fmt.Fprintln(w)

	fmt.Fprintf(w, "\nInput rows (%d)\n", len(x.Rows))
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "  line\tevent date\tpay code\tin\tout\thours\tlabor account\twork rule")
	for _, r := range x.Rows {
		fmt.Fprintf(tw, "  %d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.Line, r.EventDate, dash(r.PayCode), dash(r.In), dash(r.Out), dash(r.Hours), dash(r.Account), dash(r.WorkRule))
	}
	tw.Flush()

	for _, wk := range x.Weeks {
		fmt.Fprintf(w, "\nWeek of %s\n", wk.Start)
		for _, r := range wk.Rates {
			fmt.Fprintf(w, "  paid at %s\n", r)
		}
		fmt.Fprintf(w, "\n  Spans after rounding\n")
		for _, s := range wk.Spans {
			fmt.Fprintf(w, "    line %d  %s  %s → %s  (punched %s → %s)  %s h\n", s.Line, s.Kind, s.Start, s.End, s.RawStart, s.RawEnd, s.Hours)
			fmt.Fprintf(w, "        workday %s, week %s", s.Workday, s.Week)
			if s.WorkRule != "" {
				fmt.Fprintf(w, ", work rule %s", s.WorkRule)
			}
			fmt.Fprintln(w)
			for _, win := range s.Windows {
				fmt.Fprintf(w, "        %-24s %s h", win.Window, win.Hours)
				if win.Note != "" {
					fmt.Fprintf(w, "  %s", win.Note)
				}
				fmt.Fprintln(w)
			}
		}
		if len(wk.Spans) == 0 {
			fmt.Fprintln(w, "    none")
		}
		if len(wk.Absences) > 0 {
			fmt.Fprintf(w, "\n  Pay-code rows\n")
			for _, a := range wk.Absences {
				fmt.Fprintf(w, "    line %d  %s  %s → %s  %s h\n", a.Line, a.Date, a.Input, a.Code, a.Hours)
			}
		}
		fmt.Fprintf(w, "\n  Pay lines\n")
		tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "    work date\tpay code\trule\tarithmetic")
		for _, l := range wk.Lines {
			fmt.Fprintf(tw, "    %s\t%s\t%s\t%s\n", l.WorkDate, l.PayCode, l.RuleID, l.Arithmetic)
		}
		tw.Flush()
		fmt.Fprintf(w, "    gross for the week: $%s\n", wk.Gross)
		if len(wk.Notes) > 0 {
			fmt.Fprintf(w, "\n  How the rules got there\n")
			for _, n := range wk.Notes {
				fmt.Fprintf(w, "    %s\n", n)
			}
		}

		rr := wk.RegularRate
		fmt.Fprintf(w, "\n  Regular rate (from the lines)\n    %s\n    REG_RATE_TRUEUP line: %s (%s)\n", rr.Explanation, rr.TrueUpLine, agrees(rr.Matches))
		if len(wk.Accruals) > 0 {
			fmt.Fprintf(w, "\n  Accruals (hours)\n")
			tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
			fmt.Fprintln(tw, "    bank\topening\tearned\tused\tforfeited\tclosing\ttier\trule")
			for _, a := range wk.Accruals {
				fmt.Fprintf(tw, "    %s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", a.Bank, a.Opening, a.Earned, a.Used, a.Forfeited, a.Closing, dash(a.Tier), a.RuleID)
			}
			tw.Flush()
		}
	}

	fmt.Fprintf(w, "\nRejected rows (%d)\n", len(x.Rejects))
	for _, r := range x.Rejects {
		hours := r.Hours + " h"
		if r.Hours == "" {
			hours = "hours unknown," // they could not be read: not 0 h
		}
		fmt.Fprintf(w, "    %s line %d, column %s: %s: %s (%s not paid)\n", r.File, r.Line, r.Column, r.Reason, r.Detail, hours)
	}
	if len(x.Exceptions) > 0 {
		fmt.Fprintf(w, "\nExceptions to review (%d)\n", len(x.Exceptions))
		for _, e := range x.Exceptions {
			fmt.Fprintf(w, "    %s %s %s: %s\n", e.Date, e.Code, e.RuleID, e.Detail)
		}
	}
	fmt.Fprintf(w, "\nGross: $%s\n", x.Gross)
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func agrees(ok bool) string {
	if ok {
		return "agrees"
	}
	return "DOES NOT AGREE"
}

// printAgainst shows what changed for one employee since a run: input rows, then pay lines.
func printAgainst(w io.Writer, id string, a *pipeline.Against) {
	fmt.Fprintf(w, "Employee %s against run %s: gross then $%s, now $%s\n", id, a.RunID, a.GrossThen, a.GrossNow)
	row := func(r pipeline.ExplainRow) string {
		return fmt.Sprintf("line %d  %s  %s  %s → %s  %s h  %s  %s", r.Line, r.EventDate, dash(r.PayCode), dash(r.In), dash(r.Out),
			dash(r.Hours), dash(r.Account), dash(r.WorkRule))
	}
	fmt.Fprintf(w, "\nInput rows changed (%d)\n", len(a.RowsChanged))
	for _, c := range a.RowsChanged {
		fmt.Fprintf(w, "  was  %s\n  now  %s\n", row(c[0]), row(c[1]))
	}
	fmt.Fprintf(w, "\nInput rows added (%d)\n", len(a.RowsAdded))
	for _, r := range a.RowsAdded {
		fmt.Fprintf(w, "  +  %s\n", row(r))
	}
	fmt.Fprintf(w, "\nInput rows removed (%d)\n", len(a.RowsRemoved))
	for _, r := range a.RowsRemoved {
		fmt.Fprintf(w, "  -  %s\n", row(r))
	}
	fmt.Fprintf(w, "\nPay lines that moved\n")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, l := range a.LinesRemoved {
		fmt.Fprintf(tw, "  -\t%s\t%s\t%s\t%s\n", l.WorkDate, l.PayCode, l.RuleID, l.Arithmetic)
	}
	for _, l := range a.LinesAdded {
		fmt.Fprintf(tw, "  +\t%s\t%s\t%s\t%s\n", l.WorkDate, l.PayCode, l.RuleID, l.Arithmetic)
	}
	tw.Flush()
	if len(a.LinesAdded)+len(a.LinesRemoved) == 0 {
		fmt.Fprintln(w, "  none")
	}
}

// emptyLists replaces nil slices reachable from v with empty ones, so the JSON of explain has []
// where a list is empty, never null: tools need no special case.
func emptyLists(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			emptyLists(v.Elem())
		}
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				emptyLists(v.Field(i))
			}
		}
	case reflect.Slice:
		if v.IsNil() {
			if v.CanSet() {
				v.Set(reflect.MakeSlice(v.Type(), 0, 0))
			}
			return
		}
		for i := 0; i < v.Len(); i++ {
			emptyLists(v.Index(i))
		}
	case reflect.Map:
		for _, k := range v.MapKeys() {
			e := v.MapIndex(k)
			if e.Kind() == reflect.Pointer {
				emptyLists(e)
			}
		}
	}
}

package main

import (
	"fmt"
	"io"
	"sort"
	"text/tabwriter"

	"github.com/payclose/payclose/pipeline"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
)

// printSummary is the end-of-run report for the payroll clerk: who was paid, hours and money by
// pay code and rule set, what was rejected and why, and where the files are.
func printSummary(w io.Writer, res *pipeline.Result) {
	t := res.Totals
	m := res.Manifest
	fmt.Fprintf(w, "payclose %s  run %s  weeks %v  (%s)\n\n", m.Version, m.RunID, m.WeekStarts, res.Mode)
	fmt.Fprintf(w, "Employees paid   %d (%d employee-weeks)\n", t.Employees, t.EmployeeWeeks)
	fmt.Fprintf(w, "Pay lines        %d\n", t.PayLines)
	fmt.Fprintf(w, "Gross            $%s\n\n", t.Gross)

	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "rule set\tpay code\thours\tamount\t")
	for _, rs := range sortedKeys(t.ByRuleSet) {
		var sum rates.Money
		codes := t.ByRuleSet[rs]
		for _, pc := range sortedKeys(codes) {
			ct := codes[pc]
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t\n", rs, pc, rates.HoursDecimal(ct.Seconds).StringFixed(2), ct.Amount)
			sum += ct.Amount
		}
		fmt.Fprintf(tw, "%s\t%s\t\t%s\t\n", rs, "TOTAL", sum)
	}
	tw.Flush()

	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "labor account\tgross\t")
	for _, a := range sortedKeys(t.ByAccount) {
		name := a
		if name == "" {
			name = "(none)"
		}
		fmt.Fprintf(tw, "%s\t%s\t\n", name, t.ByAccount[a])
	}
	tw.Flush()

	r := m.Reconciliation
	fmt.Fprintf(w, "\nReconciliation   input %s h + short breaks paid %s h = paid %s h + meals deducted %s h + rejected %s h: %v\n",
		r.InputHours, r.AddedHours, r.PaidHours, r.DeductedHours, r.RejectedHours, okWord(r.OK))
	printRejects(w, res.Rejects, 3)
	// Every separation with its final pay and the day it is due: a clerk must pay each one, often
	// the same day (Massachusetts: an involuntary discharge is paid in full on the day).
	first := true
	for _, e := range res.Exceptions {
		if e.Code != pipeline.ExcFinalPay {
			continue
		}
		if first {
			fmt.Fprintf(w, "\nSeparations (final pay)\n")
			first = false
		}
		fmt.Fprintf(w, "  employee %s: %s\n", e.Employee, e.Detail)
	}
	if len(res.Exceptions) > 0 {
		fmt.Fprintf(w, "\nExceptions to review: %d\n", len(res.Exceptions))
		by := map[string][]model.Exception{}
		for _, e := range res.Exceptions {
			by[e.Code] = append(by[e.Code], e)
		}
		for _, code := range sortedKeys(by) {
			fmt.Fprintf(w, "  %-28s %d\n", code, len(by[code]))
			for i, e := range by[code] {
				if i == 3 {
					break
				}
				fmt.Fprintf(w, "      employee %s %s: %s\n", e.Employee, e.Date, e.Detail)
			}
		}
	}
	if res.OutDir != "" {
		fmt.Fprintf(w, "\nOutputs in %s: pay_lines/ (Parquet), rejects.csv, exceptions.csv, manifest.json\n", res.OutDir)
	}
}

// printRejects lists rejects by reason with the first few examples of each.
func printRejects(w io.Writer, rs []model.Reject, examples int) {
	if len(rs) == 0 {
		fmt.Fprintln(w, "\nRejected rows: none")
		return
	}
	fmt.Fprintf(w, "\nRejected rows: %d (see rejects.csv)\n", len(rs))
	by := map[string][]model.Reject{}
	for _, r := range rs {
		by[r.Reason] = append(by[r.Reason], r)
	}
	for _, reason := range sortedKeys(by) {
		fmt.Fprintf(w, "  %-28s %d\n", reason, len(by[reason]))
		for i, r := range by[reason] {
			if i == examples {
				break
			}
			fmt.Fprintf(w, "      %s line %d, column %s: %s\n", r.File, r.Line, r.Column, r.Detail)
		}
	}
}

func okWord(ok bool) string {
	if ok {
		return "OK"
	}
	return "MISMATCH"
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

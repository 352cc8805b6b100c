package main

import (
	"fmt"
	"io"
	"path/filepath"
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
	fmt.Fprintf(w, "\nReconciliation   input %s h + short breaks paid %s h = paid %s h + meals deducted %s h + on-call standby %s h + rejected %s h: %v\n",
		r.InputHours, r.AddedHours, r.PaidHours, r.DeductedHours, r.StandbyHours, r.RejectedHours, okWord(r.OK))
	if r.RejectedUnknownHours > 0 {
		fmt.Fprintf(w, "                 and %d rejected rows of unknown hours (not 0 h: their hours could not be read; see %s)\n", r.RejectedUnknownHours, reportPath(res, "rejects.csv"))
	}
	fmt.Fprintln(w, "Lines read       file: lines = header + blank + accepted + rejected")
	for _, in := range m.Inputs {
		if in.LinesRead == 0 && in.BytesRead == 0 {
			continue // not a CSV the close reads line by line (e.g. the rate profiles)
		}
		fmt.Fprintf(w, "  %-14s %d = %d + %d + %d + %d\n", in.Name, in.LinesRead, in.HeaderLines, in.BlankLines, in.LinesAccepted, in.LinesRejected)
	}
	if len(res.Warnings) > 0 {
		fmt.Fprintf(w, "\nWarnings: %d\n", len(res.Warnings))
		for _, s := range res.Warnings {
			fmt.Fprintf(w, "  %s\n", s)
		}
	}
	if n := m.ExceptionsByCode[pipeline.ExceptionGrossCeiling]; n > 0 {
		fmt.Fprintf(w, "\nWeekly gross above the ceiling: %d employee-weeks (%s in %s): check them before paying\n", n, pipeline.ExceptionGrossCeiling, reportPath(res, "exceptions.csv"))
	}
	printRejects(w, res.Rejects, 3, reportPath(res, "rejects.csv"))
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
	if !first && res.ExceptionsSampled {
		fmt.Fprintf(w, "  (a sample: %d separations in all, every one in %s as %s)\n",
			res.OpenExceptions[pipeline.ExcFinalPay], reportPath(res, "exceptions.csv"), pipeline.ExcFinalPay)
	}
	if len(m.ExceptionsByCode) > 0 {
		// Decided exceptions (approvals.csv) are counted apart: only open ones need a person.
		// The counts come from the close (res.Exceptions may be a sample of a large week).
		by := map[string][]model.Exception{}
		for _, e := range res.Exceptions {
			if e.Status == "" || e.Status == model.StatusOpen {
				by[e.Code] = append(by[e.Code], e)
			}
		}
		var open int64
		for _, n := range res.OpenExceptions {
			open += n
		}
		fmt.Fprintf(w, "\nExceptions to review: %d", open)
		if n := m.ExceptionsByStatus; n[model.StatusApproved]+n[model.StatusDenied] > 0 {
			fmt.Fprintf(w, " (decided in approvals: %d approved, %d denied)", n[model.StatusApproved], n[model.StatusDenied])
		}
		fmt.Fprintln(w)
		for _, code := range sortedKeys(by) {
			fmt.Fprintf(w, "  %-28s %d\n", code, res.OpenExceptions[code])
			for i, e := range by[code] {
				if i == 3 {
					break
				}
				fmt.Fprintf(w, "      employee %s %s: %s\n", e.Employee, e.Date, e.Detail)
			}
		}
	}
	for _, c := range m.Corrections {
		fmt.Fprintf(w, "\nCorrection of week %s (was run %s): paid $%s, now $%s, adjustments $%s in %d lines for %d employee(s), paid in week %s: %s\n",
			c.Week, c.PriorRunID, c.PaidGross, c.NewGross, c.Adjustments, c.AdjustmentRows, c.EmployeesChanged, m.PayWeek, okWord(c.OK))
	}
	if len(m.OffCycleChecks) > 0 {
		fmt.Fprintf(w, "\nOff-cycle checks (small corrections paid by a check of their own, not in week %s)\n", m.PayWeek)
		for _, o := range m.OffCycleChecks {
			fmt.Fprintf(w, "  employee %-10s $%-10s due by %s  %s\n", o.Employee, o.Amount, o.Due, o.RuleID)
		}
	}
	switch {
	case res.Unchanged:
		fmt.Fprintf(w, "\nUnchanged: %s already holds run %s for these weeks, byte for byte; nothing was written\n", res.OutDir, m.RunID)
	case res.RunDir != "":
		fmt.Fprintf(w, "\nOutputs in the ledger %s:\n", res.OutDir)
		fmt.Fprintln(w, "  pay_lines/, accruals/            Parquet by week (current lines)")
		fmt.Fprintln(w, "  register/, journal/              payroll register (CSV, Parquet) and GL journal (CSV) by week")
		fmt.Fprintln(w, "  report.html                      the close report: open it before releasing the pay")
		fmt.Fprintln(w, "  manifest.json                    the ledger index")
		fmt.Fprintf(w, "  %s\n", filepath.Join(res.RunDir, "manifest.json"))
		fmt.Fprintf(w, "  %s\n", filepath.Join(res.RunDir, "rejects.csv"))
		fmt.Fprintf(w, "  %s\n", filepath.Join(res.RunDir, "exceptions.csv"))
	}
}

// reportPath is where a run's rejects.csv or exceptions.csv is: the run's directory in the
// ledger, or validate's --out.
func reportPath(res *pipeline.Result, name string) string {
	dir := res.RunDir
	if dir == "" {
		dir = res.OutDir
	}
	if abs, err := filepath.Abs(dir); err == nil {
		dir = abs
	}
	return filepath.Join(dir, name)
}

// printRejects lists rejects by reason with the first few examples of each (in the order of
// rejects.csv for a close): those the close kept, or, when more are asked for (validate lists them
// all), those read again.
func printRejects(w io.Writer, r *pipeline.Rejects, examples int64, file string) {
	if r.Count == 0 {
		fmt.Fprintln(w, "\nRejected rows: none")
		return
	}
	fmt.Fprintf(w, "\nRejected rows: %d (see %s)\n", r.Count, file)
	for _, reason := range sortedKeys(r.ByReason) {
		n := r.ByReason[reason]
		fmt.Fprintf(w, "  %-28s %d\n", reason, n)
		want := min(examples, n)
		if ex := r.Examples[reason]; int64(len(ex)) >= want {
			for _, x := range ex[:want] {
				printReject(w, &x)
			}
			continue
		}
		var shown int64
		err := r.Each(func(x *model.Reject) error {
			if x.Reason == reason && shown < want {
				printReject(w, x)
				shown++
			}
			return nil
		})
		if err != nil {
			fmt.Fprintf(w, "      (%v)\n", err)
		}
	}
}

func printReject(w io.Writer, r *model.Reject) {
	if r.Column == "" {
		fmt.Fprintf(w, "      %s line %d: %s\n", r.File, r.Line, r.Detail)
	} else {
		fmt.Fprintf(w, "      %s line %d, column %s: %s\n", r.File, r.Line, r.Column, r.Detail)
	}
}

// rejectsOf counts rs for printRejects, every row an example, in the order given.
func rejectsOf(rs []model.Reject) *pipeline.Rejects {
	r := &pipeline.Rejects{Count: int64(len(rs)), ByReason: map[string]int64{}, Examples: map[string][]model.Reject{}}
	for _, x := range rs {
		r.ByReason[x.Reason]++
		r.Examples[x.Reason] = append(r.Examples[x.Reason], x)
	}
	return r
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

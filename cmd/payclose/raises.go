package main

import (
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/shopspring/decimal"
	"github.com/urfave/cli/v2"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/rates/wages"
	"github.com/payclose/payclose/stages/ingest"
	"github.com/payclose/payclose/stages/model"
)

func raisesCommand() *cli.Command {
	return &cli.Command{
		Name:  "raises",
		Usage: "the contract's raise of one date as new rates.csv rows (SHARE: Appendix C grade tables, SHARE-WAGE-01)",
		Description: `Reads rates.csv, takes each employee's and job's row in force the day before --effective,
and writes one new row per raised job: same columns, EFFECTIVE_DATE = --effective, the new
BASE_RATE, GRADE and PLATFORM, REASON = RAISE-<year> (or MAXCAP when the Max cap clamped the
rate; the excess is the bonus rate, BONUS_RATE). A rate on a platform moves one box down and
one box to the right; any other rate gets max(rate x 1.0295 rounded to the cent, rate + 0.60),
at most the Max cap. A MAXCAP row carries BONUS_RATE, and, with --ledger (a payclose output
ledger) or --hours (a CSV of PERSONNUM, HOURS, OT_HOURS), BONUS_HOURS and BONUS_OT_HOURS: the
hours paid in the fiscal year before the raise, overtime included, and the overtime among them
(SHARE-WAGE-05). The close pays the bonus from them in the first pay week on or after the raise.
Without either, the rows have no hours and the bonus cannot be paid until they are written.
Rows with no GRADE, or a grade with no table, are NO_GRADE_TABLE; a row
whose REASON is RED_CIRCLED keeps its rate (SHARE-WAGE-08). With --roster, only employees of
--ruleset are raised.

Example:
   payclose raises --ruleset SHARE --effective 2019-09-29 --rates rates.csv --out new-rates.csv
   payclose raises --ruleset SHARE --effective 2019-09-29 --rates rates.csv --ledger out/ --out new-rates.csv

Exit codes: 0 ok, 1 a file cannot be read or written, 2 bad usage (not a raise date of the rule
set), 3 rates.csv, the roster or --hours had rejected rows (the new rows are still written).`,
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "ruleset", Usage: "rule set whose wage article to apply (SHARE)", EnvVars: []string{"PAYCLOSE_RULESET"}},
			&cli.StringFlag{Name: "effective", Usage: "the raise's effective date, YYYY-MM-DD (SHARE: 2018-09-30, 2019-09-29, 2020-09-27, 2021-09-26)", EnvVars: []string{"PAYCLOSE_EFFECTIVE"}},
			&cli.StringFlag{Name: "rates", Usage: "rates history (CSV): PERSONNUM, EFFECTIVE_DATE, JOB, BASE_RATE, FTE, GRADE, PLATFORM, LABORACCOUNT, REASON, BONUS_RATE, BONUS_HOURS, BONUS_OT_HOURS", EnvVars: []string{"PAYCLOSE_RATES"}},
			&cli.StringFlag{Name: "roster", Usage: "optional roster (CSV): raise only the employees whose RULESET is --ruleset", EnvVars: []string{"PAYCLOSE_ROSTER"}},
			&cli.StringFlag{Name: "ledger", Usage: "a payclose output ledger: the Max cap bonus hours are the hours paid in the fiscal year before the raise, from its current pay lines", EnvVars: []string{"PAYCLOSE_LEDGER"}},
			&cli.StringFlag{Name: "hours", Usage: "instead of --ledger, the Max cap bonus hours (CSV): PERSONNUM, HOURS, OT_HOURS"},
			&cli.StringFlag{Name: "profiles", Usage: "rate profiles directory (as run --profiles): which pay codes are paid absences", EnvVars: []string{"PAYCLOSE_PROFILES"}},
			&cli.StringFlag{Name: "out", Usage: "write the new rows here instead of stdout (CSV with a header)"},
		},
		Action: raisesAction,
	}
}

// Not-raised codes of the raises summary.
const (
	notRaisedNoTable     = wages.CodeNoGradeTable
	notRaisedRedCircled  = "RED_CIRCLED"
	notRaisedSalaried    = "NOT_HOURLY"
	notRaisedDated       = "ALREADY_DATED"
	notRaisedNotOnRoster = "NOT_ON_ROSTER"
)

func raisesAction(c *cli.Context) error {
	for _, f := range []string{"ruleset", "effective", "rates"} {
		if c.String(f) == "" {
			return cliUsage{errors.New("--ruleset, --effective and --rates are required")}
		}
	}
	w, err := wages.Load()
	if err != nil {
		return err
	}
	if c.String("ruleset") != w.RuleSet {
		return cliUsage{fmt.Errorf("--ruleset %s: only %s has wage tables (rates/wages)", c.String("ruleset"), w.RuleSet)}
	}
	eff, err := calendars.ParseISODate(c.String("effective"))
	if err != nil {
		return cliUsage{fmt.Errorf("--effective: %w", err)}
	}
	ev, err := w.EventOn(eff)
	if err != nil {
		return cliUsage{fmt.Errorf("--effective: %w", err)}
	}
	var rejects []model.Reject
	reject := func(r model.Reject) { rejects = append(rejects, r) }
	var periods []model.RatePeriod
	if err := readFile(c.String("rates"), func(r io.Reader, name string) error {
		_, err := ingest.ReadRates(r, name, func(p *model.RatePeriod) { periods = append(periods, *p) }, reject)
		return err
	}); err != nil {
		return err
	}
	var ruleSetOf map[string]string
	if name := c.String("roster"); name != "" {
		ruleSetOf = map[string]string{}
		if err := readFile(name, func(r io.Reader, name string) error {
			emps, _, err := ingest.ReadRoster(r, name, reject)
			for _, e := range emps {
				ruleSetOf[e.ID] = e.RuleSet
			}
			return err
		}); err != nil {
			return err
		}
	}
	if c.String("ledger") != "" && c.String("hours") != "" {
		return cliUsage{errors.New("--ledger and --hours both give the Max cap bonus hours: give one")}
	}
	res := planRaises(w, ev, periods, ruleSetOf)
	if res.src, err = bonusHours(c, w, ev, &res, reject); err != nil {
		return err
	}

	out := c.App.Writer
	var file *os.File
	if name := c.String("out"); name != "" {
		if file, err = os.Create(name); err != nil {
			return err
		}
		defer file.Close()
		out = file
	}
	if err := writeRateRows(out, res.rows); err != nil {
		return err
	}
	if file != nil {
		if err := file.Close(); err != nil {
			return err
		}
	}
	printRaises(c.App.ErrWriter, w, ev, len(periods), res)
	if len(rejects) > 0 {
		printRejects(c.App.ErrWriter, rejectsOf(rejects), 3, "the lines above")
		return errRejects
	}
	return nil
}

// bonusHours finds the prior fiscal year's hours of the plan's MAXCAP employees (--ledger or
// --hours) and writes them on their rows; without either it does nothing.
func bonusHours(c *cli.Context, w *wages.Wages, ev wages.Event, p *raisePlan, reject func(model.Reject)) (*hoursSource, error) {
	var hours map[string]fyHours
	var src *hoursSource
	from, to := w.PriorFiscalYear(ev)
	switch {
	case c.String("ledger") != "":
		want := map[string]bool{}
		for _, row := range p.rows {
			if row.BonusRate > 0 {
				want[row.Employee] = true
			}
		}
		if len(want) == 0 {
			return nil, nil // nobody capped: nothing to read
		}
		reg := rates.Default
		if dir := c.String("profiles"); dir != "" {
			var err error
			if reg, err = loadProfiles(dir); err != nil {
				return nil, err
			}
		}
		rs, err := reg.Lookup(w.RuleSet, to.AddDays(-1).Time())
		if err != nil {
			return nil, err
		}
		// "hours paid": the rule set's paid absence codes that carry hours (not on-call or
		// standby spans, not cash with no time).
		paid := map[string]bool{}
		for _, pc := range rs.PayCodes {
			if pc.Paid && !pc.Span && !pc.LumpSum {
				paid[pc.Code] = true
			}
		}
		weekStart := func(d calendars.Date) calendars.Date { return calendars.WeekStart(d, rs.WeekStart()) }
		h, s, err := ledgerHours(c.String("ledger"), w, func(code string) bool { return paid[code] }, from, to, weekStart, want)
		if err != nil {
			return nil, err
		}
		hours, src = h, &s
	case c.String("hours") != "":
		h, err := hoursFile(c.String("hours"), reject)
		if err != nil {
			return nil, err
		}
		hours, src = h, &hoursSource{what: "--hours " + c.String("hours"), from: from, to: to}
	default:
		return nil, nil
	}
	applyHours(p, hours)
	return src, nil
}

// printHoursSource says which hours the bonuses are on, and what the ledger lacks of them.
func printHoursSource(w io.Writer, wg *wages.Wages, ev wages.Event, src *hoursSource) {
	from, to := wg.PriorFiscalYear(ev)
	if src == nil {
		fmt.Fprintf(w, "  bonus hours: none given (--ledger or --hours): the MAXCAP rows have no BONUS_HOURS, and the close pays no bonus until they do\n")
		return
	}
	fmt.Fprintf(w, "  bonus hours from %s: hours paid with a work date %s .. %s (the fiscal year before the raise, up to the day before it)", src.what, from, to.AddDays(-1))
	if src.weeks > 0 {
		fmt.Fprintf(w, "; the ledger holds %d of the %d pay weeks", src.inLedger, src.weeks)
		if n := len(src.missing); n > 0 {
			fmt.Fprintf(w, " (missing %s .. %s: they count no hours)", src.missing[0], src.missing[n-1])
		}
		if len(src.open) > 0 {
			fmt.Fprintf(w, "; not closed by all shards: %s", strings.Join(src.open, ", "))
		}
	}
	fmt.Fprintln(w)
}

func readFile(name string, read func(io.Reader, string) error) error {
	f, err := os.Open(name)
	if err != nil {
		return err
	}
	defer f.Close()
	return read(f, name)
}

// raisePlan is what a raise does to rates.csv: the new rows and the jobs left as they are.
type raisePlan struct {
	rows      []model.RatePeriod
	raises    []wages.Raise // parallel to rows
	notRaised []notRaised
	inForce   int          // employee jobs with a row in force the day before the raise
	otherSet  int          // employee jobs of another rule set (--roster)
	unsplit   []int        // MAXCAP rows of employees with several capped jobs (hours not written)
	src       *hoursSource // where the bonus hours came from; nil: none given
}

type notRaised struct {
	code, employee, job, detail string
}

// planRaises applies the raise ev to the row in force the day before it, per employee and job.
// It reads and writes nothing.
func planRaises(w *wages.Wages, ev wages.Event, periods []model.RatePeriod, ruleSetOf map[string]string) raisePlan {
	type key struct{ emp, job string }
	last := map[key]*model.RatePeriod{}
	dated := map[key]bool{}
	for i := range periods {
		p := &periods[i]
		k := key{p.Employee, p.Job}
		if p.Effective >= ev.Effective {
			dated[k] = true
			continue
		}
		if cur := last[k]; cur == nil || p.Effective >= cur.Effective {
			last[k] = p
		}
	}
	keys := make([]key, 0, len(last))
	for k := range last {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b key) int { return cmp.Or(cmp.Compare(a.emp, b.emp), cmp.Compare(a.job, b.job)) })
	var plan raisePlan
	for _, k := range keys {
		p := last[k]
		skip := func(code, detail string) {
			plan.notRaised = append(plan.notRaised, notRaised{code, k.emp, k.job, detail})
		}
		if ruleSetOf != nil {
			set, ok := ruleSetOf[k.emp]
			if !ok {
				skip(notRaisedNotOnRoster, "not on the roster")
				continue
			}
			if set != w.RuleSet {
				plan.otherSet++
				continue
			}
		}
		plan.inForce++
		switch {
		case dated[k]:
			skip(notRaisedDated, fmt.Sprintf("already has a row dated on or after %s", ev.Effective))
			continue
		case p.BaseRate == 0:
			skip(notRaisedSalaried, "ANNUAL_SALARY: the grade tables are hourly rates")
			continue
		}
		r, err := w.Raise(ev, p.Grade, p.BaseRate, strings.EqualFold(p.Reason, notRaisedRedCircled))
		switch {
		case wages.IsNoGradeTable(err):
			skip(notRaisedNoTable, strings.TrimPrefix(err.Error(), wages.CodeNoGradeTable+": "))
			continue
		case err != nil:
			skip("ERROR", err.Error())
			continue
		case r.Method == wages.RedCircled:
			skip(notRaisedRedCircled, fmt.Sprintf("%s stays %s: raises withheld (%s)", p.Grade, dollars(p.BaseRate), wages.RuleRedCircled))
			continue
		}
		row := *p
		row.Effective, row.BaseRate, row.Platform = ev.Effective, r.New, r.Platform
		row.Reason = "RAISE-" + strconv.Itoa(ev.Effective.Year())
		// A bonus is paid once, from the row of its raise: the row raised keeps none of it.
		row.BonusRate, row.BonusHours, row.BonusOTHours, row.BonusHoursGiven = r.BonusRate, 0, 0, false
		if r.BonusRate > 0 {
			row.Reason = "MAXCAP"
		}
		plan.rows = append(plan.rows, row)
		plan.raises = append(plan.raises, r)
	}
	return plan
}

func dollars(r rates.Rate) string { return r.Decimal().StringFixed(2) }

// writeRateRows writes rows in the columns of rates.csv.
func writeRateRows(w io.Writer, rows []model.RatePeriod) error {
	cw := csv.NewWriter(w)
	cw.Write([]string{"PERSONNUM", "EFFECTIVE_DATE", "JOB", "BASE_RATE", "FTE", "GRADE", "PLATFORM", "LABORACCOUNT", "REASON",
		"BONUS_RATE", "BONUS_HOURS", "BONUS_OT_HOURS"})
	for _, r := range rows {
		fte := ""
		if r.FTE > 0 {
			fte = decimal.New(int64(r.FTE), -4).String()
		}
		var bonus, hours, ot string
		if r.BonusRate > 0 {
			bonus = dollars(r.BonusRate)
		}
		if r.BonusHoursGiven {
			hours, ot = r.BonusHours.Decimal().String(), r.BonusOTHours.Decimal().String()
		}
		cw.Write([]string{r.Employee, r.Effective.String(), r.Job, dollars(r.BaseRate), fte, r.Grade, r.Platform, r.Account, r.Reason, bonus, hours, ot})
	}
	cw.Flush()
	return cw.Error()
}

// printRaises is the summary on stderr: how many were raised and how, the bonus rates to pay,
// and every job not raised with the reason.
func printRaises(w io.Writer, wg *wages.Wages, ev wages.Event, read int, p raisePlan) {
	fmt.Fprintf(w, "%s raise of %s (year %d, table column %s): %d rates.csv rows, %d employee jobs with a rate in force on %s",
		wg.RuleSet, ev.Effective, ev.Year, wg.Columns[ev.Column], read, p.inForce, ev.Effective.AddDays(-1))
	if p.otherSet > 0 {
		fmt.Fprintf(w, " (%d of other rule sets left out)", p.otherSet)
	}
	fmt.Fprintln(w)
	count := map[wages.Method]int{}
	employees := map[string]bool{}
	for i, r := range p.raises {
		count[r.Method]++
		employees[p.rows[i].Employee] = true
	}
	bonus := count[wages.Capped] + count[wages.AboveCap]
	fmt.Fprintf(w, "  raised: %d employees, %d jobs: %d on platform, %d calculated, %d at the Max cap with a bonus rate\n",
		len(employees), len(p.rows), count[wages.OnPlatform], count[wages.Calculated], bonus)
	if ev.Column == 0 {
		fmt.Fprintln(w, "  year 1: the 10/1/2017 table is not in the contract, so every rate is calculated, none looked up")
	}
	if bonus > 0 {
		printHoursSource(w, wg, ev, p.src)
	}
	for i, r := range p.raises {
		if r.BonusRate > 0 {
			row := p.rows[i]
			fmt.Fprintf(w, "  MAXCAP %s job %q %s: %s -> %s (calculated %s), bonus rate %s/h: %s = bonus rate x hours paid in the previous fiscal year (%s)\n",
				row.Employee, row.Job, row.Grade, dollars(r.Old), dollars(r.New), dollars(r.Calc), dollars(r.BonusRate), wg.BonusPayCode, wages.RuleMaxCap)
			switch {
			case slices.Contains(p.unsplit, i):
				fmt.Fprintf(w, "    hours not written: %s has several capped jobs; split the hours paid between their rows (BONUS_HOURS, BONUS_OT_HOURS)\n", row.Employee)
			case row.BonusHoursGiven:
				b := wg.MaxCapBonus(row.BonusRate, row.BonusHours, row.BonusOTHours)
				fmt.Fprintf(w, "    %s h paid (%s h overtime): %s %s = %s x %s h, %s %s, paid in the week of %s\n",
					row.BonusHours.Decimal().String(), row.BonusOTHours.Decimal().String(), b.PayCode, b.Amount, dollars(row.BonusRate),
					row.BonusHours.Decimal().String(), b.TrueUpPayCode, b.TrueUp, ev.Effective)
			default:
				fmt.Fprintf(w, "    no hours: the bonus cannot be paid until BONUS_HOURS is given (--ledger or --hours)\n")
			}
		}
	}
	if len(p.notRaised) == 0 {
		return
	}
	by := map[string]int{}
	for _, n := range p.notRaised {
		by[n.code]++
	}
	var parts []string
	for _, code := range sortedKeys(by) {
		parts = append(parts, fmt.Sprintf("%d %s", by[code], code))
	}
	fmt.Fprintf(w, "  not raised: %s\n", strings.Join(parts, ", "))
	for _, n := range p.notRaised {
		fmt.Fprintf(w, "  %s %s job %q: %s\n", n.code, n.employee, n.job, n.detail)
	}
}

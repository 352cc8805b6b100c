package main

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/fixtures"
	"github.com/payclose/payclose/pipeline"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/rules"
)

// inputFlags are shared by run and validate. Every flag can come from a PAYCLOSE_* variable, so a
// scheduler can configure the close without a command line.
func inputFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "punches", Usage: "Kronos timecard detail export (CSV)", EnvVars: []string{"PAYCLOSE_PUNCHES"}},
		&cli.StringFlag{Name: "roster", Usage: "employee roster (CSV)", EnvVars: []string{"PAYCLOSE_ROSTER"}},
		&cli.StringFlag{Name: "schedule", Usage: "posted schedule (CSV)", EnvVars: []string{"PAYCLOSE_SCHEDULE"}},
		&cli.StringFlag{Name: "oncall", Usage: "optional on-call spans: punches format, PAYCODENAME 'ON CALL'", EnvVars: []string{"PAYCLOSE_ONCALL"}},
		&cli.StringFlag{Name: "balances", Usage: "optional opening balances (CSV)", EnvVars: []string{"PAYCLOSE_BALANCES"}},
		&cli.StringFlag{Name: "approvals", Usage: "optional approvals.csv: decisions on exceptions (PERSONNUM, DATE, EXCEPTION, DECISION, BY, NOTE)", EnvVars: []string{"PAYCLOSE_APPROVALS"}},
		&cli.StringFlag{Name: "previous", Usage: "optional previous run's output directory (opening balances)", EnvVars: []string{"PAYCLOSE_PREVIOUS"}},
		&cli.StringFlag{Name: "separations", Usage: "optional separations (CSV): employments that end, with final pay", EnvVars: []string{"PAYCLOSE_SEPARATIONS"}},
		&cli.StringFlag{Name: "rates", Usage: "optional rates history (CSV): dated rates and second jobs (PERSONNUM, EFFECTIVE_DATE, JOB, BASE_RATE | ANNUAL_SALARY, LABORACCOUNT, ...)", EnvVars: []string{"PAYCLOSE_RATES"}},
		&cli.StringFlag{Name: "week", Usage: "first day of the week to close, YYYY-MM-DD (a Sunday for SHARE)", EnvVars: []string{"PAYCLOSE_WEEK"}},
		&cli.IntFlag{Name: "weeks", Value: 1, Usage: "number of consecutive weeks to close", EnvVars: []string{"PAYCLOSE_WEEKS"}},
		&cli.StringFlag{Name: "out", Usage: "the payroll ledger: output directory of every close (a symlink is followed)", EnvVars: []string{"PAYCLOSE_OUT"}},
		&cli.StringFlag{Name: "pay-week", Usage: "YYYY-MM-DD: the week a correction's differences are paid in (required to re-close a closed week)", EnvVars: []string{"PAYCLOSE_PAY_WEEK"}},
		&cli.DurationFlag{Name: "lock-wait", Usage: "wait up to this long for another close's lock on --out (e.g. 30m for shards started together); default: fail at once", EnvVars: []string{"PAYCLOSE_LOCK_WAIT"}},
		&cli.IntFlag{Name: "workers", Usage: "calculation workers (default: number of CPUs)", EnvVars: []string{"PAYCLOSE_WORKERS"}},
		&cli.StringFlag{Name: "shard", Usage: "i/N: close only the employees of shard i of N (0-based)", EnvVars: []string{"PAYCLOSE_SHARD"}},
		&cli.StringFlag{Name: "profiles", Usage: "directory of rule-set profiles (*.json) to use instead of the built-in ones", EnvVars: []string{"PAYCLOSE_PROFILES"}},
		&cli.StringFlag{Name: "memory-limit", Usage: "soft heap limit, e.g. 4GiB (default: 3/4 of the machine's or container's memory; wins over GOMEMLIMIT)", EnvVars: []string{"PAYCLOSE_MEMORY_LIMIT"}},
		&cli.StringFlag{Name: "log-format", Value: "text", Usage: "text or json", EnvVars: []string{"PAYCLOSE_LOG_FORMAT"}},
		&cli.StringSliceFlag{Name: "allow-empty", Usage: "FILE (path or punches/schedule) may have no data rows, or no punch row in a closed week (repeatable)", EnvVars: []string{"PAYCLOSE_ALLOW_EMPTY"}},
		&cli.StringFlag{Name: "max-row-hours", Usage: "override the rule sets' limit on hours of one pay-code row (profile default 24)", EnvVars: []string{"PAYCLOSE_MAX_ROW_HOURS"}},
		&cli.StringFlag{Name: "min-rate", Usage: "override the lowest plausible hourly rate (profile default 15.00, the MA minimum wage)", EnvVars: []string{"PAYCLOSE_MIN_RATE"}},
		&cli.StringFlag{Name: "max-rate", Usage: "override the highest plausible hourly rate (profile default 1000.00)", EnvVars: []string{"PAYCLOSE_MAX_RATE"}},
		&cli.StringFlag{Name: "max-weekly-gross", Usage: "override the weekly gross above which an employee-week is an exception (profile default 10000.00)", EnvVars: []string{"PAYCLOSE_MAX_WEEKLY_GROSS"}},
		&cli.BoolFlag{Name: "sample", Usage: "close the embedded sample weeks (sets --punches, --roster, --schedule, --separations, --rates, --week and --weeks)"},
		&cli.StringFlag{Name: "cpuprofile", Hidden: true, Usage: "write a CPU profile (capacity planning)"},
		&cli.StringFlag{Name: "memprofile", Hidden: true, Usage: "write a heap profile at the end of the run (capacity planning)"},
		&cli.StringFlag{Name: "trace", Hidden: true, Usage: "write a Go execution trace (go tool trace: which stages keep the cores busy)"},
	}
}

// commandFlags are inputFlags without the flags that do nothing for a command, and with --out
// described as what it is there (validate: where the reports go; explain: the ledger of --against).
func commandFlags(outUsage string, drop ...string) []cli.Flag {
	var out []cli.Flag
	for _, f := range inputFlags() {
		name := f.Names()[0]
		if slices.Contains(drop, name) {
			continue
		}
		if name == "out" {
			f = &cli.StringFlag{Name: "out", Usage: outUsage, EnvVars: []string{"PAYCLOSE_OUT"}}
		}
		out = append(out, f)
	}
	return out
}

// handoffFlags configure the register, journal and report a close writes (run only).
func handoffFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "earning-codes", Usage: "CSV mapping pay codes to the payroll system's earning codes (default: the embedded one; see README)", EnvVars: []string{"PAYCLOSE_EARNING_CODES"}},
		&cli.StringFlag{Name: "gl-accounts", Usage: "CSV mapping pay codes to GL expense classes and accounts (default: the embedded one; see README)", EnvVars: []string{"PAYCLOSE_GL_ACCOUNTS"}},
		&cli.IntFlag{Name: "variance-threshold", Value: 25, Usage: "report.html flags employees whose gross moved more than this percent against the previous week", EnvVars: []string{"PAYCLOSE_VARIANCE_THRESHOLD"}},
	}
}

// useSample writes the embedded sample to a temporary directory and works from there, so rejects
// and the manifest name the files "punches.csv" etc. (the same on every run: byte-identical
// outputs), whatever the temporary directory is called.
func useSample(c *cli.Context) (cleanup func(), err error) {
	dir, err := os.MkdirTemp("", "payclose-sample-")
	if err != nil {
		return nil, err
	}
	if err := fixtures.WriteSample(dir); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	prev, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	for _, flag := range []string{"out", "profiles"} {
		if p := c.String(flag); p != "" {
			abs, err := filepath.Abs(p)
			if err != nil {
				return nil, err
			}
			c.Set(flag, abs)
		}
	}
	if c.String("out") == "" && c.Command.Name == "validate" {
		// validate's default --out is the current directory: the one the user is in, not the
		// sample's temporary one (removed at the end).
		c.Set("out", prev)
	}
	if err := os.Chdir(dir); err != nil {
		return nil, err
	}
	for flag, file := range map[string]string{"punches": "punches.csv", "roster": "roster.csv", "schedule": "schedule.csv"} {
		c.Set(flag, file)
	}
	// The sample's three separations (issue 15: a SHARE layoff with severance, a PSU resignation
	// with comp time, a non-unit layoff with a release), unless the run names its own file.
	if !c.IsSet("separations") {
		c.Set("separations", "separations.csv")
	}
	// The sample's rates history (issue 14: a float nurse with a second job and a raise).
	if !c.IsSet("rates") {
		c.Set("rates", "rates.csv")
	}
	if !c.IsSet("week") {
		c.Set("week", fixtures.SampleWeek)
	}
	// The sample is two workweeks; closing only the first would leave the Thanksgiving week's rows
	// out of the week and in rejects.
	if !c.IsSet("weeks") {
		c.Set("weeks", strconv.Itoa(fixtures.SampleWeeks))
	}
	return func() { os.Chdir(prev); os.RemoveAll(dir) }, nil
}

func config(c *cli.Context, validate bool) (pipeline.Config, error) {
	cfg := pipeline.Config{
		Punches: c.String("punches"), Roster: c.String("roster"), Schedule: c.String("schedule"),
		OnCall: c.String("oncall"), Balances: c.String("balances"), Previous: c.String("previous"), Approvals: c.String("approvals"),
		Separations: c.String("separations"), Rates: c.String("rates"),
		Weeks: c.Int("weeks"), Out: c.String("out"), Workers: c.Int("workers"), LockWait: c.Duration("lock-wait"),
		Validate: validate, Version: version, Log: logger(c), AllowEmpty: c.StringSlice("allow-empty"),
	}
	// An explicit 0 or negative is a mistake to report, not a value to replace silently.
	if c.Int("weeks") < 1 {
		return cfg, cliUsage{fmt.Errorf("--weeks %d: expected 1 or more weeks", c.Int("weeks"))}
	}
	if c.IsSet("workers") && c.Int("workers") < 1 {
		return cfg, cliUsage{fmt.Errorf("--workers %d: expected 1 or more (leave it out for one per CPU)", c.Int("workers"))}
	}
	if err := limitFlags(c, &cfg.Limits); err != nil {
		return cfg, err
	}
	if c.String("week") == "" {
		return cfg, cliUsage{fmt.Errorf("--week is required (the first day of the workweek, YYYY-MM-DD)")}
	}
	w, err := calendars.ParseISODate(c.String("week"))
	if err != nil {
		return cfg, cliUsage{fmt.Errorf("--week: %w", err)}
	}
	cfg.Week = w
	if s := c.String("pay-week"); s != "" {
		p, err := calendars.ParseISODate(s)
		if err != nil {
			return cfg, cliUsage{fmt.Errorf("--pay-week: %w", err)}
		}
		cfg.PayWeek = p
	}
	if s := c.String("shard"); s != "" {
		i, n, ok := strings.Cut(s, "/")
		a, err1 := strconv.Atoi(i)
		b, err2 := strconv.Atoi(n)
		if !ok || err1 != nil || err2 != nil || b < 1 {
			return cfg, cliUsage{fmt.Errorf("--shard %q: expected i/N, e.g. 0/4", s)}
		}
		cfg.Shard, cfg.Shards = a, b
	}
	if !validate {
		cfg.Handoff = pipeline.HandoffConfig{EarningCodes: c.String("earning-codes"), GLAccounts: c.String("gl-accounts"), VariancePct: c.Int("variance-threshold")}
		if c.Int("variance-threshold") < 1 {
			return cfg, cliUsage{fmt.Errorf("--variance-threshold %d: expected a percentage of 1 or more", c.Int("variance-threshold"))}
		}
	}
	if validate && cfg.Out == "" {
		cfg.Out = "."
	}
	if err := setMemoryLimit(c.String("memory-limit")); err != nil {
		return cfg, err
	}
	if dir := c.String("profiles"); dir != "" {
		reg, err := loadProfiles(dir)
		if err != nil {
			return cfg, err
		}
		cfg.Registry = reg
	}
	return cfg, nil
}

// loadProfiles reads --profiles DIR strictly: every file parses, and every profile carries
// exactly the keys its rule family reads.
func loadProfiles(dir string) (*rates.Registry, error) {
	reg, err := rates.LoadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("--profiles: %w", err)
	}
	if err := rules.CheckProfiles(reg); err != nil {
		return nil, fmt.Errorf("--profiles: %w", err)
	}
	return reg, nil
}

func runCommand() *cli.Command {
	return &cli.Command{
		Name:  "run",
		Usage: "close the week: write pay lines, accruals, the register, the GL journal, the report, rejects, exceptions and the manifest",
		Description: `Example:
   payclose run --punches punches.csv --roster roster.csv --schedule schedule.csv \
       --week 2026-11-15 --out out/

Exit codes: 0 ok, 1 run failed (nothing written), 2 bad usage, 3 inputs had rejects
(outputs written; see rejects.csv).`,
		Flags: append(append(inputFlags(), handoffFlags()...), progressFlags()...),
		Action: func(c *cli.Context) error {
			return closeWeek(c, false, func(res *pipeline.Result) { printSummary(c.App.Writer, res) })
		},
	}
}

func validateCommand() *cli.Command {
	return &cli.Command{
		Name:  "validate",
		Usage: "check the inputs only; report rejects (no pay lines are written)",
		Description: `Example:
   payclose validate --punches punches.csv --roster roster.csv --schedule schedule.csv --week 2026-11-15

Exit codes: 0 inputs clean, 1 inputs unusable as a whole (e.g. no data rows; nothing written),
2 bad usage, 3 inputs had rejects (listed on stdout).`,
		Flags: append(commandFlags("directory for rejects.csv and exceptions.csv (default: the current directory; not a ledger)", "pay-week", "lock-wait"), progressFlags()...),
		Action: func(c *cli.Context) error {
			return closeWeek(c, true, func(res *pipeline.Result) {
				printRejects(c.App.Writer, res.Rejects, res.Rejects.Count, reportPath(res, "rejects.csv"))
				if res.Rejects.Count == 0 {
					fmt.Fprintln(c.App.Writer, "inputs are clean")
				}
			})
		},
	}
}

// closeWeek is run and validate: the inputs (or the embedded sample), progress and profiles set
// up, the pipeline run, report printed; inputs with rejects end in errRejects (exit code 3).
func closeWeek(c *cli.Context, validate bool, report func(*pipeline.Result)) error {
	if c.Bool("sample") {
		cleanup, err := useSample(c)
		if err != nil {
			return err
		}
		defer cleanup()
	}
	cfg, err := config(c, validate)
	if err != nil {
		return err
	}
	prog, err := newProgress(c, c.App.ErrWriter, cfg.Log)
	if err != nil {
		return err
	}
	if prog != nil {
		cfg.Progress = prog
	}
	stopProfiles, err := startProfiles(c.String("cpuprofile"), c.String("memprofile"), c.String("trace"))
	if err != nil {
		return err
	}
	res, err := pipeline.Run(c.Context, cfg)
	stopProfiles()
	prog.finish(err == nil)
	if err != nil {
		return err
	}
	defer res.Rejects.Close() // a validate's rejects kept on disk for the report
	report(res)
	if res.Rejects.Count > 0 {
		return errRejects
	}
	return nil
}

// limitFlags reads the plausibility-limit overrides (decimal hours and dollars).
func limitFlags(c *cli.Context, l *rates.Limits) error {
	if v := c.String("max-row-hours"); v != "" {
		h, err := rates.ParseHours(v)
		if err != nil || h <= 0 {
			return cliUsage{fmt.Errorf("--max-row-hours %q: expected hours like 24 or 40.5", v)}
		}
		l.MaxRowHours = rates.Duration(h.Seconds())
	}
	for _, f := range []struct {
		name string
		dst  *rates.Rate
	}{{"min-rate", &l.MinRate}, {"max-rate", &l.MaxRate}} {
		if v := c.String(f.name); v != "" {
			r, err := rates.ParseRate(v)
			if err != nil || r <= 0 {
				return cliUsage{fmt.Errorf("--%s %q: expected dollars an hour like 15.00", f.name, v)}
			}
			*f.dst = r
		}
	}
	if v := c.String("max-weekly-gross"); v != "" {
		m, err := rates.ParseMoney(v)
		if err != nil || m <= 0 {
			return cliUsage{fmt.Errorf("--max-weekly-gross %q: expected dollars like 10000.00", v)}
		}
		l.MaxWeeklyGross = m
	}
	return nil
}

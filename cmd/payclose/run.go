package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/fixtures"
	"github.com/payclose/payclose/pipeline"
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
		&cli.StringFlag{Name: "previous", Usage: "optional previous run's output directory (opening balances)", EnvVars: []string{"PAYCLOSE_PREVIOUS"}},
		&cli.StringFlag{Name: "separations", Usage: "optional separations (CSV): employments that end, with final pay", EnvVars: []string{"PAYCLOSE_SEPARATIONS"}},
		&cli.StringFlag{Name: "week", Usage: "first day of the week to close, YYYY-MM-DD (a Sunday for SHARE)", EnvVars: []string{"PAYCLOSE_WEEK"}},
		&cli.IntFlag{Name: "weeks", Value: 1, Usage: "number of consecutive weeks to close", EnvVars: []string{"PAYCLOSE_WEEKS"}},
		&cli.StringFlag{Name: "out", Usage: "output directory (Hive-partitioned Parquet and reports)", EnvVars: []string{"PAYCLOSE_OUT"}},
		&cli.IntFlag{Name: "workers", Usage: "calculation workers (default: number of CPUs)", EnvVars: []string{"PAYCLOSE_WORKERS"}},
		&cli.StringFlag{Name: "shard", Usage: "i/N: close only the employees of shard i of N (0-based)", EnvVars: []string{"PAYCLOSE_SHARD"}},
		&cli.StringFlag{Name: "log-format", Value: "text", Usage: "text or json", EnvVars: []string{"PAYCLOSE_LOG_FORMAT"}},
		&cli.BoolFlag{Name: "sample", Usage: "close the embedded sample weeks (sets --punches, --roster, --schedule, --week and --weeks)"},
		&cli.StringFlag{Name: "cpuprofile", Hidden: true, Usage: "write a CPU profile (capacity planning)"},
		&cli.StringFlag{Name: "memprofile", Hidden: true, Usage: "write a heap profile at the end of the run (capacity planning)"},
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
	if out := c.String("out"); out != "" {
		abs, err := filepath.Abs(out)
		if err != nil {
			return nil, err
		}
		c.Set("out", abs)
	}
	prev, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	if err := os.Chdir(dir); err != nil {
		return nil, err
	}
	for flag, file := range map[string]string{"punches": "punches.csv", "roster": "roster.csv", "schedule": "schedule.csv"} {
		c.Set(flag, file)
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
		OnCall: c.String("oncall"), Balances: c.String("balances"), Previous: c.String("previous"),
		Separations: c.String("separations"),
		Weeks:       c.Int("weeks"), Out: c.String("out"), Workers: c.Int("workers"),
		Validate: validate, Version: version, Log: logger(c),
	}
	if c.String("week") == "" {
		return cfg, cliUsage{fmt.Errorf("--week is required (the first day of the workweek, YYYY-MM-DD)")}
	}
	w, err := calendars.ParseISODate(c.String("week"))
	if err != nil {
		return cfg, cliUsage{fmt.Errorf("--week: %w", err)}
	}
	cfg.Week = w
	if s := c.String("shard"); s != "" {
		i, n, ok := strings.Cut(s, "/")
		a, err1 := strconv.Atoi(i)
		b, err2 := strconv.Atoi(n)
		if !ok || err1 != nil || err2 != nil || b < 1 {
			return cfg, cliUsage{fmt.Errorf("--shard %q: expected i/N, e.g. 0/4", s)}
		}
		cfg.Shard, cfg.Shards = a, b
	}
	if validate && cfg.Out == "" {
		cfg.Out = "."
	}
	return cfg, nil
}

func runCommand() *cli.Command {
	return &cli.Command{
		Name:  "run",
		Usage: "close the week: write pay lines, rejects, exceptions and the manifest",
		Description: `Example:
   payclose run --punches punches.csv --roster roster.csv --schedule schedule.csv \
       --week 2026-11-15 --out out/

Exit codes: 0 ok, 1 run failed (nothing written), 2 bad usage, 3 inputs had rejects
(outputs written; see rejects.csv).`,
		Flags: append(inputFlags(), progressFlags()...),
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

Exit codes: 0 inputs clean, 2 bad usage, 3 inputs had rejects (listed on stdout).`,
		Flags: append(inputFlags(), progressFlags()...),
		Action: func(c *cli.Context) error {
			return closeWeek(c, true, func(res *pipeline.Result) {
				printRejects(c.App.Writer, res.Rejects, len(res.Rejects))
				if len(res.Rejects) == 0 {
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
	stopProfiles, err := startProfiles(c.String("cpuprofile"), c.String("memprofile"))
	if err != nil {
		return err
	}
	res, err := pipeline.Run(c.Context, cfg)
	stopProfiles()
	prog.finish(err == nil)
	if err != nil {
		return err
	}
	report(res)
	if len(res.Rejects) > 0 {
		return errRejects
	}
	return nil
}

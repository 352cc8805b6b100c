package main

import (
	"fmt"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/payclose/payclose/benchmarks/gen"
	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
)

func genCommand() *cli.Command {
	return &cli.Command{
		Name:  "gen",
		Usage: "write a deterministic synthetic week (roster.csv, schedule.csv, punches.csv) for benchmarks",
		Description: `Example:
   payclose gen --employees 100000 --week 2026-11-15 --out /tmp/week --seed 1

The same flags always give byte-identical files. The default mix is SHARE 70%, PSU_NONEXEMPT 20%,
NONUNIT_NONEXEMPT 10%, with rule sets that have no profile yet folded into SHARE. About 0.5% of
punch rows are deliberately bad (each is rejected exactly once by the close).`,
		Flags: []cli.Flag{
			&cli.IntFlag{Name: "employees", Required: true, Usage: "number of employees"},
			&cli.StringFlag{Name: "week", Required: true, Usage: "first day of the week, YYYY-MM-DD (a Sunday)"},
			&cli.StringFlag{Name: "out", Required: true, Usage: "output directory"},
			&cli.Uint64Flag{Name: "seed", Value: 1, Usage: "random seed"},
			&cli.BoolFlag{Name: "shuffle", Usage: "write punch rows in random order (a few hundred MB in memory, the rest in temporary files)"},
			&cli.StringFlag{Name: "mix", Usage: "rule-set weights, e.g. SHARE=70,PSU_NONEXEMPT=20,NONUNIT_NONEXEMPT=10"},
			&cli.IntFlag{Name: "bad-per-10k", Value: gen.DefaultBadPer10k, Usage: "bad punch rows per 10,000 (0 for none)"},
		},
		Action: func(c *cli.Context) error {
			week, err := calendars.ParseISODate(c.String("week"))
			if err != nil {
				return cliUsage{fmt.Errorf("--week: %w", err)}
			}
			cfg := gen.Config{Employees: c.Int("employees"), Week: week, Seed: c.Uint64("seed"),
				Shuffle: c.Bool("shuffle"), BadPer10k: c.Int("bad-per-10k")}
			if cfg.BadPer10k == 0 {
				cfg.BadPer10k = -1 // the flag's 0 means none; the Config's 0 means the default
			}
			if cfg.Employees < 1 {
				return cliUsage{fmt.Errorf("--employees must be at least 1")}
			}
			if m := c.String("mix"); m != "" {
				if cfg.Mix, err = gen.ParseMix(m); err != nil {
					return cliUsage{err}
				}
				for _, w := range cfg.Mix {
					if _, err := rates.Default.Lookup(w.RuleSet, week.Time()); err != nil && w.Weight > 0 {
						return cliUsage{fmt.Errorf("--mix: %w", err)}
					}
				}
			}
			start := time.Now()
			st, err := gen.Write(c.String("out"), cfg)
			if err != nil {
				return err
			}
			secs := time.Since(start).Seconds()
			fmt.Fprintf(c.App.Writer, "employees %d  roster rows %d  schedule rows %d  punch rows %d (bad %d)  punch bytes %d  %.2fs (%.0f rows/s)\n",
				st.Employees, st.RosterRows, st.ScheduleRows, st.PunchRows, st.BadRows, st.PunchBytes, secs,
				float64(st.PunchRows+st.ScheduleRows+st.RosterRows)/secs)
			return nil
		},
	}
}

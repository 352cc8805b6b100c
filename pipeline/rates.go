package pipeline

import (
	"fmt"
	"strings"

	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/ingest"
	"github.com/payclose/payclose/stages/model"
)

// loadRates reads rates.csv (--rates) into the reference, by employee; rows of other shards are
// skipped, rows of employees not on the roster rejected.
func loadRates(cfg *Config, ref *reference, rej *rejectSink) error {
	if cfg.Rates == "" {
		return nil
	}
	f, err := openInput(cfg.ctx, cfg.Rates)
	if err != nil {
		return fmt.Errorf("rates: %w", err)
	}
	defer f.Close()
	ref.rates = map[string][]model.RatePeriod{}
	ref.rateStats = &ingest.Stats{}
	*ref.rateStats, err = ingest.ReadRates(f, cfg.Rates, func(r *model.RatePeriod) {
		if ShardOf(r.Employee, cfg.Shards) != cfg.Shard {
			return
		}
		if _, ok := ref.byID[r.Employee]; !ok {
			rej.add(model.Reject{File: cfg.Rates, Line: r.Line, Column: "PERSONNUM", Value: r.Employee, Reason: "UNKNOWN_EMPLOYEE",
				Detail: "expected an employee on the roster (or whose roster row was accepted)", Employee: r.Employee})
			return
		}
		c := *r
		c.Employee = strings.Clone(r.Employee)
		ref.rates[c.Employee] = append(ref.rates[c.Employee], c)
	}, rej.add)
	return err
}

// rates are the employee's rates.csv rows that pass the rule set's rate limits; the others are
// rejected here, once, as the roster's rate would be (IMPLAUSIBLE_RATE). Two rows of one job on
// one date are a conflict nobody can settle by reading: the later line is rejected.
func (wk *worker) rates(b *batch, e *employee, rs *rates.RuleSet) []model.RatePeriod {
	rows := wk.ref.rates[e.emp.ID]
	if len(rows) == 0 {
		return nil
	}
	kept := wk.rateRows[:0]
	for _, r := range rows {
		probe := e.emp
		probe.BaseRate, probe.AnnualSalary, probe.Line = r.BaseRate, r.AnnualSalary, r.Line
		if bad := checkRateIn(wk.cfg, rs, &probe, wk.cfg.Rates); bad != nil {
			b.rejects = append(b.rejects, *bad)
			continue
		}
		dup := false
		for _, k := range kept {
			if k.Effective == r.Effective && k.Account == r.Account {
				dup = true
				b.rejects = append(b.rejects, model.Reject{File: wk.cfg.Rates, Line: r.Line, Column: "EFFECTIVE_DATE", Value: r.Effective.String(),
					Reason: "DUPLICATE_RATE", Employee: r.Employee,
					Detail: fmt.Sprintf("expected one rate per job and date; line %d already gives this job's rate from %s", k.Line, r.Effective)})
				break
			}
		}
		if !dup {
			kept = append(kept, r)
		}
	}
	wk.rateRows = kept
	return kept
}

// Package rules is the contract between assemble and the rule families. A family (share, psu,
// nonunit, ...) computes one employee-week from a model.Week and the numbers of its rate profile;
// it does no I/O. Families register themselves by name; a rate profile names its family.
package rules

import (
	"errors"
	"fmt"
	"sort"

	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
)

// Family computes pay lines for one employee-week. Implementations must be safe for concurrent
// use by several workers (keep per-call state in a Calc obtained from NewCalc).
type Family interface {
	// NewCalc returns a calculator owning reusable scratch memory; one per worker.
	NewCalc() Calc
}

// Calc computes one employee-week into res (already Reset by the caller).
type Calc interface {
	Calculate(w *model.Week, rs *rates.RuleSet, res *model.Result)
}

// RunChecker is implemented by calculators with rules that look across weeks (e.g. consecutive
// days worked). It is called once per employee after all the weeks of a run were calculated, with
// those weeks in order.
type RunChecker interface {
	CheckRun(weeks []model.Week, exc *[]model.Exception)
}

// Explainer is implemented by calculators that can say, after Calculate, how they reached amounts
// the pay lines alone do not show (a call-back's guarantee windows and their overlap). Only
// `payclose explain` asks; the close never does, so the text costs nothing in the hot loop.
type Explainer interface {
	Explain(w *model.Week) []string
}

var families = map[string]Family{}

// Register adds a family; called from the family package's init.
func Register(name string, f Family) {
	if _, dup := families[name]; dup {
		panic(fmt.Sprintf("rules: family %q registered twice", name))
	}
	families[name] = f
}

// Lookup returns the family registered under name.
func Lookup(name string) (Family, error) {
	f, ok := families[name]
	if !ok {
		return nil, fmt.Errorf("no rule family %q is built in", name)
	}
	return f, nil
}

// Families lists the registered family names.
func Families() []string {
	var out []string
	for k := range families {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Params is implemented by families that name the profile keys they read ("switches.NAME" for a
// switch). CheckProfiles holds every profile of such a family to exactly those keys and Common:
// a key the family does not read is dead configuration (nudging it would change no pay), a key it
// reads but the profile lacks would read as zero. TestFamilyParams (stages/rules/all) keeps each
// list equal to the fields the family's code reads.
type Params interface {
	Params() []string
}

// Common are the keys every profile carries, read outside the families: the rule set's identity
// and clock (assemble, calendars), punch rounding and span limits (assemble), pay codes (assemble,
// accrue), the accrual banks (accrue, optional) and the holiday calendar (optional: the family's
// name when absent).
var Common = []string{
	"name", "family", "effective_from", "zone", "week_start", "source",
	"round_minutes", "round_mode", "rate_effective", "off_cycle_check", "max_span_hours", "span_gap_merge_hours", "pay_codes",
}

// optional keys may be absent from a profile.
// ("limits" are the plausibility limits of the input checks, read by ingest for every family.)
var optional = map[string]bool{"off_cycle_check": true, "source": true, "accrual": true, "switches": true, "calendar": true, "limits": true}

// CheckProfiles checks every profile of reg against the family it names: the family is built in,
// and (for a family with Params) no key is missing and none is unread. Each problem names the key,
// the file and the date it is in force from.
func CheckProfiles(reg *rates.Registry) error {
	var errs []error
	seen := map[string]bool{}
	for _, rs := range reg.All() {
		if seen[rs.File()] {
			continue // the versions of one file carry the same keys
		}
		seen[rs.File()] = true
		at := fmt.Sprintf("%s (rule set %s, in force %s)", rs.File(), rs.Name, rs.InForce().Format("2006-01-02"))
		f, err := Lookup(rs.Family)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", at, err))
			continue
		}
		p, ok := f.(Params)
		if !ok {
			continue
		}
		want := map[string]bool{}
		for _, k := range Common {
			want[k] = true
		}
		for _, k := range p.Params() {
			want[k] = true
		}
		have := map[string]bool{}
		for _, k := range rs.Keys() {
			have[k] = true
			if !want[k] && !optional[k] {
				errs = append(errs, fmt.Errorf("%s: key %q: nothing in family %s reads it (remove it, or implement the rule that needs it)", at, k, rs.Family))
			}
		}
		for _, k := range sortedKeys(want) {
			if !have[k] && !optional[k] {
				errs = append(errs, fmt.Errorf("%s: key %q is missing (family %s reads it)", at, k, rs.Family))
			}
		}
	}
	return errors.Join(errs...)
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

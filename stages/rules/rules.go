// Package rules is the contract between assemble and the rule families. A family (share, psu,
// nonunit, ...) computes one employee-week from a model.Week and the numbers of its rate profile;
// it does no I/O. Families register themselves by name; a rate profile names its family.
package rules

import (
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

package pipeline

import (
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
)

// accrualState is the accrual stage's shared, read-only state for a run (opening balances from
// balances.csv or a previous run's accruals). It is loaded with the reference data.
type accrualState struct{}

// accruer is one worker's accrual stage: after the rules paid an employee-week, it moves the
// employee's banks (earned, used, forfeited) and appends one row per bank.
type accruer interface {
	week(emp *model.Employee, rs *rates.RuleSet, w *model.Week, res *model.Result, out *[]model.Accrual, exc *[]model.Exception)
}

func (a *accrualState) newAccruer() accruer { return noAccruals{} }

// noAccruals is the stage until banks are implemented.
type noAccruals struct{}

func (noAccruals) week(*model.Employee, *rates.RuleSet, *model.Week, *model.Result, *[]model.Accrual, *[]model.Exception) {
}

package pipeline

import (
	"fmt"

	"github.com/payclose/payclose/stages/ingest"
	"github.com/payclose/payclose/stages/model"
)

// Reject reasons of approvals.csv rows that decide nothing in this close.
const (
	reasonUnmatchedApproval = "UNMATCHED_APPROVAL"
	reasonDuplicateApproval = "DUPLICATE_APPROVAL"
)

type approvalKey struct {
	emp  string
	date int32
	code string
}

// applyApprovals reads --approvals and sets the status of the exceptions they decide (APPROVED
// or DENIED; the others stay OPEN). It records that a person looked at the exception; pay changes
// only where a rule credits what a person approved, and readDecisions gave the rules the same
// rows before the close. Rows for employees of other shards or days outside the closed weeks belong
// to other closes and are skipped; a row for this close that matches no exception, or repeats
// an earlier row's employee, date and code, is a reject.
func applyApprovals(cfg *Config, exc []model.Exception, rej *rejectSink) (*ingest.Stats, error) {
	ap, st, err := loadApprovals(cfg, rej)
	if ap == nil || err != nil {
		return st, err
	}
	for i := range exc {
		ap.apply(&exc[i])
	}
	ap.unmatched(rej)
	return st, nil
}

// approvals are the decisions of approvals.csv for this close, by employee, date and exception.
type approvals struct {
	file  string
	byKey map[approvalKey]model.Approval
	used  map[approvalKey]bool
}

// loadApprovals reads --approvals (nil when there is none), with the file's line counts for the
// line accounting (issue 10).
func loadApprovals(cfg *Config, rej *rejectSink) (*approvals, *ingest.Stats, error) {
	if cfg.Approvals == "" {
		return nil, nil, nil
	}
	f, err := openInput(cfg.ctx, cfg.Approvals)
	if err != nil {
		return nil, nil, fmt.Errorf("approvals: %w", err)
	}
	defer f.Close()
	byKey := map[approvalKey]model.Approval{}
	first, last := cfg.Week, cfg.Week.AddDays(7*cfg.Weeks)
	st, err := ingest.ReadApprovals(f, cfg.Approvals, func(a *model.Approval) {
		if ShardOf(a.Employee, cfg.Shards) != cfg.Shard || a.Date < first || a.Date >= last {
			return
		}
		k := approvalKey{a.Employee, int32(a.Date), a.Exception}
		if prev, ok := byKey[k]; ok {
			rej.add(model.Reject{File: cfg.Approvals, Line: a.Line, Column: "EXCEPTION", Value: a.Exception, Reason: reasonDuplicateApproval,
				Detail: fmt.Sprintf("expected one decision per employee, date and exception; line %d already decides this one", prev.Line), Employee: a.Employee})
			return
		}
		byKey[k] = *a
	}, rej.add)
	if err != nil {
		return nil, &st, err
	}
	return &approvals{file: cfg.Approvals, byKey: byKey, used: map[approvalKey]bool{}}, &st, nil
}

// apply sets the status of an exception the approvals decide. Applying it twice is harmless.
func (ap *approvals) apply(e *model.Exception) {
	k := approvalKey{e.Employee, int32(e.Date), e.Code}
	a, ok := ap.byKey[k]
	if !ok {
		return
	}
	ap.used[k] = true
	e.Status = model.StatusDenied
	if a.Approved {
		e.Status = model.StatusApproved
	}
	e.Decision = a.By
	if a.Note != "" {
		e.Decision += ": " + a.Note
	}
}

// unmatched rejects the decisions that matched no exception of this close.
func (ap *approvals) unmatched(rej *rejectSink) {
	for k, a := range ap.byKey {
		if !ap.used[k] {
			rej.add(model.Reject{File: ap.file, Line: a.Line, Column: "EXCEPTION", Value: a.Exception, Reason: reasonUnmatchedApproval,
				Detail: fmt.Sprintf("expected an exception %s of employee %s on %s in this close; there is none", a.Exception, a.Employee, a.Date), Employee: a.Employee})
		}
	}
}

func exceptionStatus(e *model.Exception) string {
	if e.Status == "" {
		return model.StatusOpen
	}
	return e.Status
}

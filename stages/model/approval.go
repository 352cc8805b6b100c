package model

import "github.com/payclose/payclose/calendars"

// Approval is a row of approvals.csv: a reviewer's decision on one exception of one employee on
// one day. It changes the exception's status; a rule that credits only what a person approved
// (PSU-18.2-B exempt comp) reads it before it pays (Week.Approvals).
type Approval struct {
	Employee  string
	Date      calendars.Date
	Exception string // the exception code, e.g. UNAPPROVED_OT
	Approved  bool   // DECISION: APPROVED (true) or DENIED
	By        string
	Note      string
	Line      int32
}

// Exception statuses written in exceptions.csv.
const (
	StatusOpen     = "OPEN"
	StatusApproved = "APPROVED"
	StatusDenied   = "DENIED"
)

// Decision is the approval decision of the exception code on date among the week's approvals:
// approved, and whether there is one at all.
func (w *Week) Decision(date calendars.Date, code string) (approved, decided bool) {
	for i := range w.Approvals {
		if a := &w.Approvals[i]; a.Date == date && a.Exception == code {
			return a.Approved, true
		}
	}
	return false, false
}

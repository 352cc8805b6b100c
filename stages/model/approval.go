package model

import "github.com/payclose/payclose/calendars"

// Approval is a row of approvals.csv: a reviewer's decision on one exception of one employee on
// one day. It changes the exception's status, never the pay.
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

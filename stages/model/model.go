// Package model holds the records that flow between stages: what ingest reads, what assemble
// builds for one employee-week, and what the rule families produce. It has no behaviour beyond
// small helpers, so every stage can depend on it without depending on another stage.
package model

import (
	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
)

// Shift is an employee's regular (home) shift.
type Shift uint8

const (
	ShiftDay Shift = iota
	ShiftEvening
	ShiftNight
)

// ScheduleType says how daily overtime thresholds are set.
type ScheduleType uint8

const (
	ScheduleStandard ScheduleType = iota // days of 8 hours or less
	ScheduleFlex                         // budgeted days over 8 hours
	ScheduleFixed                        // agreed fixed schedule (no daily OT where the rule set allows)
)

// NoDate marks an absent optional date.
const NoDate calendars.Date = -1 << 31

// CompletedYears is the number of anniversaries of from on or before asOf: years of service for
// accrual tiers (SHARE-PTO-05: "the tier is set by the anniversaries completed") and severance
// (SHARE-SEV-01, NUT-I.D-2: "each complete year"); 0 when from is absent or later.
func CompletedYears(from, asOf calendars.Date) int {
	if from == NoDate || asOf < from {
		return 0
	}
	y1, m1, d1 := from.YMD()
	y2, m2, d2 := asOf.YMD()
	n := y2 - y1
	if m2 < m1 || (m2 == m1 && d2 < d1) {
		n--
	}
	return max(n, 0)
}

// Employee is one roster row.
type Employee struct {
	ID             string
	Name           string
	RuleSet        string // roster RULESET, e.g. SHARE
	BaseRate       rates.Rate
	AnnualSalary   rates.Money // 0 when BASE_RATE is given
	BudgetedWeekly int64       // seconds
	HomeShift      Shift
	ScheduleType   ScheduleType
	WeekdayOnly    bool
	TimeOff        string // SHARE: EARNED or TRADITIONAL
	Seniority      calendars.Date
	Hire           calendars.Date // NoDate when not given
	CompElect      bool
	HolidayElect   string
	Zone           string // "" = rule set default
	OnCallApproved bool   // position approved for on-call pay (default true)
	Account        string // roster LABORACCOUNT: the home labor account ("" when not given)
	// Weeks43 is a 43-week appointment (roster APPOINTMENT_WEEKS=43): ANNUAL_SALARY is the 52-week
	// salary of the position, converted and paid over 52 weeks (NUT-VI-1, NUT-VI-3).
	Weeks43 bool
	// CompApproved stands for the department head's approval of exempt comp time (roster
	// COMP_APPROVED=Y, PSU-18.2-B) when approvals.csv has no decision on it.
	CompApproved bool
	// OnCallFormal: the department runs a formal on-call/call-back system (roster
	// ONCALL_SYSTEM=FORMAL, PSU-18.3-A); otherwise on-call earns comp (PSU-18.3-B/C).
	OnCallFormal bool
	// ContractStart and ContractEnd (its last day) bound a non-unit employment contract (roster
	// CONTRACT_START, CONTRACT_END; NoDate when none), whose length NUT-I.C limits.
	ContractStart, ContractEnd calendars.Date
	Line                       int32
}

// WorkRule flags come from the WORKRULE column of a punch row.
type WorkRule uint16

const (
	RuleCharge      WorkRule = 1 << iota // temporarily assigned charge duties
	RulePreceptor                        // precepting
	RuleMgmtRequest                      // extension or shift change at management's request
	RuleInService                        // in-service or meeting: no call-back minimum
	RuleRestricted                       // restricted to premises while on call: worked time
	RuleCalledIn                         // not on call, called and agreed to come in (SHARE-OC-J minimum)
	RuleNoLunch                          // worked through the meal (pages, calls, operational need): no meal deducted
	RuleClosure                          // worked during a declared emergency closure (PSU-39.13)
)

// Punch is one row of the Kronos timecard export, typed but not interpreted: times are wall-clock
// seconds since 1970-01-01 on the site's clock (the zone is applied in assemble, which knows the
// employee's rule set).
type Punch struct {
	Line      int32
	Employee  string
	EventDate calendars.Date
	PayCode   string // canonical upper-case PAYCODENAME; "" for worked time
	PayText   string // PAYCODENAME as written (trimmed), for rejects
	In, Out   int64  // wall-clock seconds; valid when HasIn/HasOut
	HasIn     bool
	HasOut    bool
	Seconds   int64 // HOURS of a pay-code edit, in seconds
	HasHours  bool
	Account   string
	WorkRule  WorkRule
	// OnCallFile: the row was read from the --oncall file, not the punch export (its Line is a
	// line of that file).
	OnCallFile bool
}

// Scheduled is one posted shift.
type Scheduled struct {
	Line       int32
	Employee   string
	Date       calendars.Date
	Start, End int64 // wall-clock seconds
}

// BankNames are the time-off banks, as balances.csv, the profiles and the accruals output write
// them, in the accruals output's row order (accrue.Bank). The one list: ingest accepts exactly
// these opening balances, accrue keeps exactly these banks.
var BankNames = [...]string{"EARNED", "VACATION", "SICK", "HOLIDAY", "COMP", "ESL", "PERSONAL", "EXEMPT_COMP", "SEVERANCE"}

// Balance is an opening balance row.
type Balance struct {
	Line     int32
	Employee string
	Bank     string
	Hours    rates.Hours // balance held
	YTD      rates.Hours // accrued so far this accrual year
	// CreditDate is the credit date of a lot (balances.csv CREDIT_DATE, one row per lot of a bank
	// kept in lots); NoDate when not given.
	CreditDate calendars.Date
}

// Reject is an input row that could not be paid, with where and why.
type Reject struct {
	File     string
	Line     int32
	Column   string
	Value    string
	Reason   string // stable code, e.g. MISSING_OUT_PUNCH
	Detail   string // what was expected, for a person
	Employee string
	Seconds  int64 // hours the row carried, for reconciliation (0 when UnknownHours)
	// UnknownHours says the row's hours could not be read (a broken line, unreadable HOURS, an
	// out punch before the in punch): not 0 h. rejects.csv leaves its hours empty, and the
	// manifest counts it in rejected_rows_unknown_hours.
	UnknownHours bool
}

// Exception is a condition a payroll clerk must look at; it does not stop payment.
type Exception struct {
	Employee string
	Date     calendars.Date
	Code     string
	RuleID   string
	Detail   string
	File     string
	Line     int32
	// Status is OPEN unless approvals.csv decided it (StatusApproved, StatusDenied); "" is OPEN.
	Status string
	// Decision is who decided and their note, for exceptions.csv.
	Decision string
}

// SpanKind says what a span of time is.
type SpanKind uint8

const (
	SpanWorked         SpanKind = iota
	SpanOnCall                  // on call, not working (standby)
	SpanReleasedOnCall          // released for low census and put on call
)

// Span is a rounded interval of one kind for one employee, attributed to a workday.
type Span struct {
	Start, End       int64 // instants (unix seconds), after punch rounding
	RawStart, RawEnd int64 // instants as punched
	Workday          calendars.Date
	Kind             SpanKind
	OnCallFile       bool // from the --oncall file (see Punch)
	Rule             WorkRule
	Account          string
	Line             int32
	// Pay indexes Week.Pays: the job and rate this span is paid at (0, the home job's rate in
	// force at the week's start, unless rates.csv says otherwise).
	Pay uint8
}

// Seconds is the elapsed length of the span.
func (s Span) Seconds() int64 { return s.End - s.Start }

// Absence is a paid (or unpaid) absence from a pay-code row.
type Absence struct {
	Date    calendars.Date
	Code    string // output pay code, e.g. VACATION
	Input   string // PAYCODENAME as given
	Seconds int64
	Account string
	Line    int32
	Pay     uint8 // indexes Week.Pays, like Span.Pay
}

// ScheduledShift is a posted shift converted to instants.
type ScheduledShift struct {
	Date       calendars.Date
	Start, End int64
}

// Week is everything the rules need for one employee-week. It is built by assemble and read by
// the rule families; nothing in it refers to files.
type Week struct {
	Emp      *Employee
	Zone     calendars.Zone
	Start    calendars.Date // first day of the workweek
	From, To int64          // instants bounding the workweek [From, To)
	Spans    []Span         // sorted by Start
	Absences []Absence
	Schedule []ScheduledShift // sorted by Start
	// CarryIn is time worked inside this week on shifts of the previous workweek (a Saturday
	// night shift after Sunday 00:00). It was paid with its own shift, and counts toward this
	// week's weekly overtime threshold: hours count in the week they are worked (FLSA).
	CarryIn int64
	// Carried are the worked spans (and restricted on-call ones) of the previous workweek's last
	// workday, the Saturday before Start, whole, as the input has them: the day CarryIn
	// continues, empty when CarryIn is 0. The family reads from them how much of CarryIn that
	// day's own daily overtime took (its last hours, paid as overtime there, not straight time):
	// only the rest counts toward this week's 40.
	Carried []Span
	// CompBalance is the FLSA comp bank at the start of the week in seconds (0 when not known),
	// so comp earned can be capped (PSU-39.6-E3, NU-OT-6) and the overflow paid in cash.
	CompBalance int64
	// Balances are the employee's banks at the close of the prior week, in BankNames order, and
	// BalancesKnown says the run knows them: it was given opening balances (balances.csv,
	// --previous or the ledger's previous week), carried from week to week of the run. A bank
	// whose rows may use only that balance (rates.BankRule.BalanceBasis, SHARE-PTO-19) is paid up
	// to it; without them (BalancesKnown false) the rules pay the rows as entered.
	Balances      [len(BankNames)]rates.Hours
	BalancesKnown bool
	// Separation is set when the employment ends inside this week (its Date): the family pays
	// the week up to that day.
	Separation *Separation
	// Pays are the rates the week is paid at, indexed by Span.Pay and Absence.Pay. Pays[0] is
	// the home job's pay in force at the week's start, and Emp carries it (BaseRate,
	// AnnualSalary), so a week at one rate reads w.Emp as it always did; a week with a second job
	// or a rate change inside it has more (rates.csv). Empty when the week was built by hand in a
	// test: every span is then at Emp's rate.
	Pays []Pay
	// Bonuses are the rates.csv rows' lump sums paid in this week (RatePeriod.BonusRate): empty
	// but for the first pay week on or after such a row's date.
	Bonuses []Bonus
	// DayPay is the home job's pay in force on each day of the week (indexes Pays): all 0 unless
	// a rate changes inside the week by workday, so a salary can be paid by the day it was earned.
	DayPay [7]uint8
	// Approvals are the employee's decisions of approvals.csv in the closed weeks: a rule that
	// needs a person's approval before it credits (PSU-18.2-B) reads its own exception's.
	Approvals []Approval
}

// Pay is the pay of one job, as the roster or a rates.csv row gives it.
type Pay struct {
	BaseRate     rates.Rate
	AnnualSalary rates.Money
	Job          string // "" = the home job
	Line         int32  // the rates.csv line; 0 = the roster
}

// Bonus is a rates.csv row's lump sum to pay in a week: the rate and the hours it multiplies, as
// the row gives them (RatePeriod.BonusRate, BonusHours, BonusOTHours); the rule family knows
// what they mean.
type Bonus struct {
	Rate       rates.Rate
	Hours      rates.Hours
	OTHours    rates.Hours
	HoursGiven bool
	Effective  calendars.Date // the row's EFFECTIVE_DATE
	Job        string
	Line       int32 // the rates.csv line
}

// PayOf returns the employee record a span or absence with pay index k is paid from: Emp itself
// for the home rate, else tmp filled as a copy of Emp carrying pay k's rate, so a family derives
// the base rate of any job the one way it derives the home one.
func (w *Week) PayOf(k uint8, tmp *Employee) *Employee {
	if int(k) >= len(w.Pays) || k == 0 {
		return w.Emp
	}
	*tmp = *w.Emp
	tmp.BaseRate, tmp.AnnualSalary = w.Pays[k].BaseRate, w.Pays[k].AnnualSalary
	return tmp
}

// PayOn returns the employee record in force on date d (DayPay): the pay of that day of the week,
// Emp itself when d is outside the week or the rate does not change inside it.
func (w *Week) PayOn(d calendars.Date, tmp *Employee) *Employee {
	if d < w.Start || d > w.Start+6 {
		return w.Emp
	}
	return w.PayOf(w.DayPay[d-w.Start], tmp)
}

// PayLine is one output row: employee × work date × pay code × rule.
type PayLine struct {
	Employee string
	RuleSet  string
	WorkDate calendars.Date
	PayCode  string
	Seconds  int64 // 0 for lump sums
	Rate     rates.Rate
	Amount   rates.Money
	RuleID   string
	Account  string
	Start    int64 // instants the line covers
	End      int64
}

// Result collects what a rule family computes for one employee-week. It is reused between weeks
// (Reset) so the hot loop does not allocate in steady state.
type Result struct {
	Lines      []PayLine
	Exceptions []Exception
	Worked     int64 // worked seconds in the week (punched work, incl. call-back)
	Regular    int64 // seconds paid as REG
	Overtime   int64 // seconds paid as OT
	Absent     int64 // seconds of absence lines (pay-code rows)
	// Deducted is punched time the contract does not pay (an unpunched meal deducted under the
	// rule set's meal rule), so reconciliation can tell it from lost time.
	Deducted int64
	// Added is unpunched time the contract pays as worked (a short punched break, SHARE-BRK-01).
	Added int64
	// CompEarned is time credited to the FLSA comp bank in lieu of overtime pay (COMP_ELECT=Y),
	// already capped by the rule set; the accrual stage banks it.
	CompEarned int64
	// HolidayCompEarned is time credited to a holiday comp bank (PSU-39.10 comp day).
	HolidayCompEarned int64
	// HolidayBank is time credited to the holiday bank for a holiday worked (SHARE-HOL-10,
	// election BANK); the accrual stage picks the bank by time-off system (HOL-11).
	HolidayBank int64
	// ExemptCompEarned is exempt comp time credited this week (PSU-18.2-B, 18.3-B/C, 18.5-B); the
	// accrual stage keeps it as a lot that expires (PSU-18.2-C1).
	ExemptCompEarned int64
}

// Reset empties the result keeping its capacity.
func (r *Result) Reset() {
	r.Lines = r.Lines[:0]
	r.Exceptions = r.Exceptions[:0]
	r.Worked, r.Regular, r.Overtime, r.Absent, r.Deducted, r.HolidayBank = 0, 0, 0, 0, 0, 0
	r.CompEarned, r.HolidayCompEarned, r.Added, r.ExemptCompEarned = 0, 0, 0, 0
}

// Accrual is one bank's movement for one employee-week.
type Accrual struct {
	Week      calendars.Date // the workweek (the Hive partition, not a column)
	Employee  string
	RuleSet   string
	Bank      string
	Opening   rates.Hours
	Earned    rates.Hours
	Used      rates.Hours
	Forfeited rates.Hours
	Closing   rates.Hours
	YTD       rates.Hours
	Tier      string
	RuleID    string
	// Lot marks a lot row of a bank kept in lots (exempt comp, PSU-18.2-C1), with the date the
	// lot was credited and the last day it can be used; bank rows leave them unset.
	Lot        bool
	CreditDate calendars.Date
	Expires    calendars.Date
}

// CameBack reports whether worked span next, the first worked span after prev, is time the
// employee came back for after punching out, rather than a continuation of prev's shift. Both
// contracts pay such time under their own rule whatever the gap: a call-back while on call (SHARE
// On-Call B, F; PSU-39.14 during standby), a call-in (SHARE On-Call J: "Employees who are not on-call
// and are called and agree to come in to work", WORKRULE CALLED_IN) or, under PSU-39.14, work after
// the member "left his/her place of employment" once the posted shift was over. Only work that
// continues without a punch-out extends a shift (SHARE-OC-STAY: "must stay past the end of the
// shift").
//
// It is true when there is a punch-out between the two and next either carries CALLED_IN where
// prev does not, or starts inside an on-call period, or starts at or after the end of the posted
// shift prev was worked on, unless next is flagged MGMT_REQUEST (an extension of the shift at
// management's request: the row split is the work-rule transfer, the employee did not leave).
// Short of CALLED_IN, raw punches at most grace apart (TransferGrace) are not a punch-out:
// that is the export habit of a work-rule or labor-account transfer (an extension at management's
// request, charge duty from mid-shift), which Kronos writes as an out and an in at the same minute,
// give or take a minute of keying. Anything else, e.g. an out and an in minutes apart inside the
// posted shift (a punched meal or break), is left to the families' span merge.
func CameBack(prev, next *Span, grace int64, sched []ScheduledShift, spans []Span) bool {
	gap := next.RawStart - prev.RawEnd
	if gap <= 0 {
		return false
	}
	if next.Rule&RuleCalledIn != 0 && prev.Rule&RuleCalledIn == 0 {
		return true // the timekeeper says so: nobody is called in to work they never left
	}
	if gap <= grace {
		return false
	}
	for i := range spans {
		oc := &spans[i]
		if oc.Kind != SpanWorked && oc.Rule&RuleRestricted == 0 && oc.Start <= next.Start && next.Start < oc.End {
			return true
		}
	}
	if next.Rule&RuleMgmtRequest != 0 {
		return false // an extension at management's request (SHARE-SHIFT-17: "extend their scheduled shift")
	}
	for i := range sched {
		if s := &sched[i]; s.Start < prev.End && prev.Start < s.End && next.Start >= s.End {
			return true
		}
	}
	return false
}

// NotWorked is the part of spans in which CameBack can find an on-call period: the spans after the
// worked ones when those come first (assemble sorts a week's spans by kind, worked first), else
// all of spans. Searching it instead of the whole week answers the same, in fewer steps.
func NotWorked(spans []Span) []Span {
	k := 0
	for k < len(spans) && spans[k].Kind == SpanWorked {
		k++
	}
	for i := k; i < len(spans); i++ {
		if spans[i].Kind == SpanWorked {
			return spans // not in kind order: search them all
		}
	}
	return spans[k:]
}

// TransferGrace is the longest raw gap between an out punch and the next in punch that is still
// one stretch of work: half the rule set's rounding increment, in whole minutes — 7 minutes under
// the quarter-hour "7/8-minute rule" (SHARE-G-04: "Minute mod 15 of 0–7 rounds down; 8–14 rounds
// up"), the most by which rounding already moves a punch. A gap that short is keying noise around a
// transfer row, never time the employee left and came back for; so the one place pay can change
// with the gap below the contracts' own thresholds is the rounding rule's.
func TransferGrace(rs *rates.RuleSet) int64 {
	return int64(rs.RoundMinutes) * 60 / 2 / 60 * 60
}

// Separation reasons (separations.csv REASON).
const (
	SepVoluntary   = "VOLUNTARY"
	SepInvoluntary = "INVOLUNTARY"
	SepLayoff      = "LAYOFF"
	SepCause       = "CAUSE"
	SepRetirement  = "RETIREMENT"
	SepDeath       = "DEATH"
)

// Separation is one row of separations.csv: an employment that ends on Date (the last day
// employed), why, and what the final pay depends on.
type Separation struct {
	Line       int32
	Employee   string
	Date       calendars.Date
	Reason     string // one of the Sep* constants
	NoticeDays int    // calendar days of notice the employer gave
	Release    bool   // a general release of claims was executed (NUT-I.D-2)
	External   bool   // funded through external funds (NUT-I.D-6)
	// BuyoutDays: calendar days the layoff notice given was shortened by agreement (PSU-13.3-D).
	BuyoutDays int
	// Vested: vested in the retirement system as of 2020-06-30, so the PSU sick payout at
	// retirement is not capped (PSU-SL-SICK).
	Vested bool
	// Rehire is the day a former employee starts a new University position (NoDate: none). A row
	// with it records an earlier separation whose payment in lieu may have to be repaid
	// (NUT-I.D-4); it ends no employment in this close. PaidInLieu and PaidMonths (hundredths of
	// a month) are that payment; 0 when not given (the close computes them from the row).
	Rehire     calendars.Date
	PaidInLieu rates.Money
	PaidMonths int64
}

// RatePeriod is one row of rates.csv: the pay of one of an employee's jobs from a date on. The
// roster's BASE_RATE / ANNUAL_SALARY stays the pay wherever no row is in force (before the first
// row of the job, or for an employee with no rows).
type RatePeriod struct {
	Line         int32
	Employee     string
	Effective    calendars.Date
	Job          string // "" = the employee's home job
	BaseRate     rates.Rate
	AnnualSalary rates.Money // 0 when BASE_RATE is given
	FTE          int32       // basis points (10000 = 1.0); 0 when not given (recorded, not paid on)
	Grade        string
	Platform     string
	Account      string // the job's labor account: a punch row on it is paid at this job's rate
	Reason       string
	// BonusRate is a lump sum's rate paid once, in the first pay week on or after Effective, on
	// BonusHours (of which BonusOTHours overtime): the SHARE Max Cap bonus (SHARE-WAGE-05,
	// written by payclose raises). 0 when the row has none; BonusHoursGiven tells BONUS_HOURS 0
	// from BONUS_HOURS left empty (the hours are not known yet, nothing can be paid).
	BonusRate       rates.Rate
	BonusHours      rates.Hours
	BonusOTHours    rates.Hours
	BonusHoursGiven bool
}

package rates

import (
	"embed"
	"fmt"
	"io/fs"
	"os"
	"reflect"
	"sort"
	"strings"
	"time"

	"github.com/shopspring/decimal"

	"github.com/payclose/payclose/calendars"
)

// RuleSet is the data of one contract: every number a rule family reads. A rule set names the
// family of code that computes it (Family); two rule sets may share a family with different numbers.
// Profiles are effective-dated: the version in force for a week is the latest whose
// EffectiveFrom is on or before the week's first day.
type RuleSet struct {
	Name          string `json:"name"`
	Family        string `json:"family"`
	EffectiveFrom string `json:"effective_from"`
	Zone          string `json:"zone"`
	WeekStartDay  string `json:"week_start"` // e.g. "Sunday"
	Source        string `json:"source"`     // contract the numbers come from
	// CalendarName is the holiday calendar (calendars.CalendarFor: SHARE, PSU, NONUNIT); absent, the
	// family's name. Resolved when the profile loads: an unknown calendar is a load error.
	CalendarName string `json:"calendar,omitempty"`

	// Punch rounding: increment in minutes and NEAREST / UP / DOWN. NEAREST with 15 is the
	// 7-minute rule: 7 minutes or less rounds back, 8 or more rounds forward.
	RoundMinutes int    `json:"round_minutes"`
	RoundMode    string `json:"round_mode"`

	// RateEffective is from when a dated rate (rates.csv) is paid: RatePayrollWeek or RateWorkday.
	RateEffective string `json:"rate_effective"`

	// Differentials and premiums, dollars per hour.
	Evening      Rate `json:"evening"`
	Night        Rate `json:"night"`
	Weekend      Rate `json:"weekend"`
	Charge       Rate `json:"charge"`
	Preceptor    Rate `json:"preceptor"`
	ExtEvening   Rate `json:"extension_evening"` // SHARE extension incentive (= evening diff)
	OnCall       Rate `json:"on_call"`
	MinorHoliday Rate `json:"minor_holiday"`
	ShiftDiff    Rate `json:"shift_diff"`   // PSU second/third shift
	HolidayDiff  Rate `json:"holiday_diff"` // PSU named holidays
	Standby      Rate `json:"standby"`      // PSU lump sum per standby period

	// Multipliers as num/den pairs.
	OTMult         Ratio `json:"ot_multiplier"`
	MajorHolMult   Ratio `json:"major_holiday_multiplier"`
	CompMult       Ratio `json:"comp_multiplier"`
	HolidayDoubleM Ratio `json:"holiday_worked_multiplier"`
	ClosureMult    Ratio `json:"closure_worked_multiplier"`

	// Thresholds in hours (stored as seconds).
	DailyOT       Duration `json:"daily_ot_hours"`
	WeeklyOT      Duration `json:"weekly_ot_hours"`
	CallBackMin   Duration `json:"callback_min_hours"`
	StayLateMax   Duration `json:"stay_late_max_hours"`
	SpanGapMerge  Duration `json:"span_gap_merge_hours"`
	MealDeduct    Duration `json:"meal_deduct_hours"` // unpunched meal deducted from a long shift (0 = none)
	MealAfter     Duration `json:"meal_after_hours"`  // shift length from which the meal is deducted
	MaxSpan       Duration `json:"max_span_hours"`
	CompCap       Duration `json:"comp_cap_hours"`
	StandardWeek  Duration `json:"standard_week_hours"`
	StandardDay   Duration `json:"standard_day_hours"`
	SalaryDivisor int64    `json:"salary_divisor"` // annual salary ÷ this = hourly (PSU 1950)
	WeeksPerYear  int64    `json:"weeks_per_year"` // non-unit: hourly = annual ÷ (this × weekly hours)
	// PaidBreakUnder is the length, in whole minutes, under which a punched break inside a shift
	// is paid as worked time (rules.PaidBreak; 29 CFR 785.18: "Rest periods of short duration,
	// running from 5 minutes to about 20 minutes ... must be counted as hours worked"). 0: no
	// punched break is paid. Minutes, not hours: 20 minutes is no whole number of seconds in
	// decimal hours.
	PaidBreakUnder int `json:"paid_break_under_minutes"`
	// PSU standby periods: a day period starts at StandbyDayStart and lasts StandbyDayHours; the
	// night period is the rest of the 24 hours.
	StandbyDayStart Duration `json:"standby_day_start_hours"`
	StandbyDayHours Duration `json:"standby_day_hours"`
	HolidayCompDay  Duration `json:"holiday_comp_day_hours"` // a holiday comp day (PSU 21.8: 8 h)
	// Exempt staff. Weeks43Divisor converts a 52-week salary to the 43-week one (NUT-VI-1: "divide
	// the annual 52 week salary by 1.15"); OnCallCompPer is the on-call time that earns one hour
	// of comp (PSU-18.3-B: "one hour … for every 8 hours"); ClosureCompUnit the closure work that
	// earns one hour (PSU-18.5-B: "each full hour"); ApprovalSalary the salary from which the
	// President's approval is needed (NUT-IV-1: "exceeds $200,000").
	Weeks43Divisor  Ratio    `json:"weeks43_salary_divisor"`
	OnCallCompPer   Duration `json:"oncall_comp_per_hours"`
	ClosureCompUnit Duration `json:"closure_comp_unit_hours"`
	ApprovalSalary  Money    `json:"approval_salary"`
	// ContractMaxMonths is the longest employment contract (NUT-I.C: "Such contract may not be
	// more than 3 years in duration"); 0: no limit checked.
	ContractMaxMonths int `json:"contract_max_months"`
	// PSU-39.4-D shift windows as clock hours from the workday's midnight (an end past 24 is the
	// next day): a second shift starts at or after SecondShiftStart and ends by SecondShiftEnd.
	SecondShiftStart Duration `json:"second_shift_start_hours"`
	SecondShiftEnd   Duration `json:"second_shift_end_hours"`
	ThirdShiftStart  Duration `json:"third_shift_start_hours"`
	ThirdShiftEnd    Duration `json:"third_shift_end_hours"`
	// HolidayEve is the clock hour of the eve at which a holiday-differential window opens (23:00
	// on the eve to the same hour on the holiday, PSU-39.10-F).
	HolidayEve Duration `json:"holiday_eve_hours"`
	// SHARE shift windows (SHIFT-01), clock hours after local midnight: the day, evening and night
	// windows start at DayFrom, EveningFrom, NightFrom; a start or end within WithinHour of a
	// window's edge follows SHIFT-06; EveningCutoff is RS-1's "ENDS at 7:00 pm" and SHIFT-17's
	// "6:59 pm"; the weekend runs from WeekendFrom on Friday to WeekendTo on Sunday.
	DayFrom       Duration `json:"day_window_start"`
	EveningFrom   Duration `json:"evening_window_start"`
	NightFrom     Duration `json:"night_window_start"`
	WithinHour    Duration `json:"within_one_hour_hours"`
	EveningCutoff Duration `json:"evening_cutoff"`
	WeekendFrom   Duration `json:"weekend_window_start"`
	WeekendTo     Duration `json:"weekend_window_end"`
	// SHARE sleep time (§5) and holiday windows (§7). Clock times are hours after local midnight.
	SleepMin        Duration `json:"sleep_min_hours"`
	SleepBonus      Duration `json:"sleep_bonus_hours"`
	SleepMax        Duration `json:"sleep_max_hours"`
	SleepLongShift  Duration `json:"sleep_cond1_min_hours"`         // prior shift at least this: Condition 1
	SleepShortShift Duration `json:"sleep_cond2_max_hours"`         // prior shift at most this: Condition 2
	SleepFrom       Duration `json:"sleep_window_start"`            // 23:00
	SleepFromLong   Duration `json:"sleep_window_start_cond1"`      // 19:00
	SleepFromShort  Duration `json:"sleep_window_start_cond2"`      // 21:00
	SleepTo         Duration `json:"sleep_window_end"`              // 07:00 the next morning
	SleepCond2Until Duration `json:"sleep_cond2_until"`             // call-back still worked at 01:00
	SleepBonusFrom  Duration `json:"sleep_bonus_from"`              // 23:30
	SleepBonusTo    Duration `json:"sleep_bonus_to"`                // 04:30, inclusive
	HolidayFrom     Duration `json:"holiday_window_start"`          // 23:00 the day before
	Holiday12From   Duration `json:"holiday_12h_window_start"`      // 19:00 the day before
	HolidayEveFrom  Duration `json:"holiday_evening_window_start"`  // 15:00 the day before
	Holiday12Min    Duration `json:"holiday_12h_min_hours"`         // 12 h − tolerance
	Holiday12Max    Duration `json:"holiday_12h_max_hours"`         // 12.5 h + tolerance
	Holiday12Early  Duration `json:"holiday_12h_start_early_hours"` // 18:30 = 19:00 − this
	Holiday12Late   Duration `json:"holiday_12h_start_late_hours"`  // 19:15 = 19:00 + this
	HolidayDivisor  int64    `json:"holiday_benefit_divisor"`       // benefit = budgeted weekly ÷ this
	HolidayRound    Duration `json:"holiday_benefit_round_hours"`   // … to the nearest this

	// PayCodes maps an input PAYCODENAME to how it is paid. Sites rename codes here.
	PayCodes map[string]PayCode `json:"pay_codes"`

	// Switches for the catalog's ambiguity register; names follow the catalog's cfg.* keys.
	Switches map[string]bool `json:"switches"`

	// Accrual is the time-off banks of the rule set (nil: the rule set keeps no banks).
	Accrual *AccrualProfile `json:"accrual,omitempty"`

	// Separation is what an employment's end pays beyond the final week (nil: nothing more than
	// the banks the accrual profile pays out).
	Separation *SeparationProfile `json:"separation,omitempty"`

	// Limits are the plausibility bounds on this rule set's input (a run may override them).
	Limits Limits `json:"limits"`

	// OffCycle is how a small correction is paid (nil: in the pay week like any other).
	OffCycle *OffCycleRule `json:"off_cycle_check,omitempty"`

	effective time.Time    // the day this version is in force from (effective_from or a series date)
	base      time.Time    // the file's effective_from
	weekStart time.Weekday // parsed WeekStartDay
	file      string       // the profile file, for messages
	sha       string       // sha256 of the profile file
	keys      []string     // the keys the file carries ("switches.NAME" for each switch)
	refs      map[string]string
	missing   []string // parameters whose series has no value in force on effective
	cal       *calendars.Calendar
}

// When a dated rate takes effect (RuleSet.RateEffective).
const (
	// RatePayrollWeek: from the first payroll week that starts on or after the rate's date, so a
	// week, and a shift, is never paid at two rates of one job (SHARE-WAGE-02: "All raises begin
	// on the first payroll shift of the new payroll week beginning on the dates indicated above").
	RatePayrollWeek = "PAYROLL_WEEK"
	// RateWorkday: from the rate's date on, by the workday a shift is attributed to (a salary
	// change of PSU and non-unit staff is in force from its date).
	RateWorkday = "WORKDAY"
)

// Limits are plausibility bounds: input beyond them is a typing or export error, not pay. A row
// beyond a limit is rejected with the limit in its text; a weekly gross above the ceiling is an
// exception to review (nothing is withheld). Zero means no bound, except MinBalance, whose zero
// is the bound itself (an opening balance below zero).
type Limits struct {
	MaxRowHours    Duration `json:"max_row_hours"`     // hours on one pay-code row
	MinRate        Rate     `json:"min_rate"`          // hourly base rate (or a salary's hourly equivalent) at least
	MaxRate        Rate     `json:"max_rate"`          // … at most
	MinBalance     Duration `json:"min_balance_hours"` // opening balance at least (the top is the bank's cap)
	MaxWeeklyGross Money    `json:"max_weekly_gross"`  // one employee-week's gross above this is an exception
}

// Override returns l with every non-zero field of o in place of l's (o is a run's flags).
func (l Limits) Override(o Limits) Limits {
	if o.MaxRowHours != 0 {
		l.MaxRowHours = o.MaxRowHours
	}
	if o.MinRate != 0 {
		l.MinRate = o.MinRate
	}
	if o.MaxRate != 0 {
		l.MaxRate = o.MaxRate
	}
	if o.MinBalance != 0 {
		l.MinBalance = o.MinBalance
	}
	if o.MaxWeeklyGross != 0 {
		l.MaxWeeklyGross = o.MaxWeeklyGross
	}
	return l
}

// UnmarshalJSON reads a decimal dollar string with at most 2 decimals.
func (m *Money) UnmarshalJSON(b []byte) error {
	v, err := decimalJSON(b)
	if err != nil {
		return err
	}
	x, err := ParseMoney(v.String())
	*m = x
	return err
}

// Calendar is the rule set's holiday calendar, resolved when the profile was loaded.
func (r *RuleSet) Calendar() *calendars.Calendar { return r.cal }

// SeparationProfile is the numbers of final pay at separation (issue 15).
type SeparationProfile struct {
	// AverageRate: the banks paid out at the higher of the final rate and the average rate of the
	// last Years of employment (NU-OT-8: "the payment is (1) the average regular rate of pay
	// received by the employee during the last three years employment, or (2) The regular rate of
	// pay received by such employee, whichever is higher"; 29 U.S.C. 207(o)(4)).
	AverageRate AverageRatePayout `json:"payout_average_rate"`
	// Severance in weeks of the budgeted week per completed year of service, between a minimum and
	// a maximum, for the listed reasons (SHARE-SEV-01: "one week for every year of service, up to
	// 8, with a minimum of two weeks"); paid weekly after the separation from a SEVERANCE bank.
	SeveranceReasons []string `json:"severance_reasons"`
	SeverancePerYear int      `json:"severance_weeks_per_year"`
	SeveranceMin     int      `json:"severance_min_weeks"`
	SeveranceMax     int      `json:"severance_max_weeks"`
	// A layoff (LayoffReasons) is owed notice by completed years of service at the notice date
	// (SHARE-SEV-01: "at least six (6) calendar weeks before the layoff date"; PSU-13.4: 30 days, 60
	// from 2 years, 90 from 5); shorter notice is an exception under LayoffNoticeRuleID. Notice
	// shortened by agreement is paid BuyoutPercent of the weekly salary a week (PSU-13.3-D: "a lump
	// sum payment of fifty (50) percent of the bargaining unit member's weekly salary for each week
	// that the previously given notice is shortened").
	LayoffReasons      []string     `json:"layoff_reasons"`
	LayoffNotice       []NoticeTier `json:"layoff_notice"`
	LayoffNoticeRuleID string       `json:"layoff_notice_rule_id"`
	BuyoutPercent      int64        `json:"notice_buyout_percent"`
	// IncomeSecurityDays, in segments of IncomeSecuritySegment days, is the period "up to 90 days"
	// a laid-off employee may stay "on the payroll at their old wages" before severance
	// (SHARE-SEC-01); it is decided month to month, so the close raises its value for review.
	IncomeSecurityDays    int `json:"income_security_days"`
	IncomeSecuritySegment int `json:"income_security_segment_days"`
	// Notice or pay in lieu in months of salary for the listed reasons (NUT-I.D-1: "1 month of
	// notice … or … one (1) month's salary in lieu"), extended with an executed release to
	// ReleaseMonthsPerYear a completed year of continuous service, at most ReleaseMaxMonths,
	// inclusive of the notice month (NUT-I.D-2).
	NoticeReasons        []string `json:"notice_reasons"`
	NoticeMonths         int      `json:"notice_months"`
	ReleaseMonthsPerYear int      `json:"release_months_per_year"`
	ReleaseMaxMonths     int      `json:"release_max_months"`
	// RepaymentPercent of the remaining value of a payment in lieu is repaid by a former employee
	// offered a new position (NUT-I.D-4: "repay the University fifty percent of the remaining
	// value of their payment"); 0: no repayment terms.
	RepaymentPercent int `json:"repayment_percent"`
	// When final wages are due: on the separation day for the listed reasons (Massachusetts: an
	// involuntary discharge is paid in full on the day of discharge), else on the next regular
	// payday, this many days after the workweek's last day.
	DueSameDayReasons []string `json:"due_same_day_reasons"`
	PaydayAfterWeek   int      `json:"payday_days_after_week"`
	// FinalPayRuleID names the rule the final pay is listed under (e.g. SHARE-PTO-16).
	FinalPayRuleID string `json:"final_pay_rule_id"`
	// Payout maps a bank to the rule that pays its balance left at the close of the separation
	// week as a lump sum at the hourly base (SHARE-PTO-16: "Upon termination, employees will
	// normally be paid in a lump sum for all earned/vacation time accruals"; PSU-22.4; FLSA comp
	// PSU-39.6-E5, NU-OT-8). SeveranceRuleID is the rule of the weekly severance draw.
	Payout          map[string]string `json:"payout"`
	SeveranceRuleID string            `json:"severance_rule_id"`
	// Share is the banks paid at a percent of their balance, for some reasons only (PSU-20.1-M:
	// "Bargaining unit members who retire shall be paid twenty (20) percent of the value of their
	// unused accrued sick leave").
	Share []SharePayout `json:"share_payout"`
}

// NoticeTier is the notice owed from Years of completed service on.
type NoticeTier struct {
	Years int `json:"years"`
	Days  int `json:"days"`
}

// SharePayout is a bank paid out at separation at Percent of its balance for the listed reasons,
// the balance counted at most CapHours (prorated by the budgeted week when CapProrate) unless the
// employee is vested (PSU-SL-SICK: "for an employee who is not vested as of June 30, 2020, any sick
// leave payout on retirement will be limited to the maximum of 20% of 120 days"). Authorize: the
// payout needs conditions the close cannot see (a pension office's authorization): it is an
// exception with the amount, and the bank is left as it is.
type SharePayout struct {
	Bank       string   `json:"bank"`
	RuleID     string   `json:"rule_id"`
	Reasons    []string `json:"reasons"`
	Percent    int64    `json:"percent"`
	CapHours   Duration `json:"unvested_cap_hours"`
	CapReasons []string `json:"cap_reasons"` // the reasons the cap applies to (none listed: all)
	CapProrate bool     `json:"cap_prorate"`
	CapRuleID  string   `json:"cap_rule_id"`
	Authorize  bool     `json:"authorize"`
}

// OffCycleRule: an employee's corrections of at most Max (in absolute value) are paid by a check
// of their own within Days of notice (SHARE-WAGE-09: "Paycheck discrepancies of $25.00 or less will
// be dealt with by mailing a check to the affected employee within the week after the payroll
// department receives notice").
type OffCycleRule struct {
	Max    Money  `json:"max"`
	Days   int    `json:"days"`
	RuleID string `json:"rule_id"`
}

// AverageRatePayout names the banks paid at the higher of the final and an average rate.
type AverageRatePayout struct {
	Banks []string `json:"banks"`
	Years int      `json:"years"`
}

// Covers reports whether bank is paid at the higher of the final and the average rate.
func (a AverageRatePayout) Covers(bank string) bool {
	for _, b := range a.Banks {
		if b == bank {
			return true
		}
	}
	return false
}

// PayCode says how a pay-code row is paid.
type PayCode struct {
	Code        string `json:"code"`         // output pay code, e.g. VACATION
	Paid        bool   `json:"paid"`         // false: recorded, not paid (LWOP)
	ShiftDiff   bool   `json:"shift_diff"`   // carries the regular shift differential
	CountsOT    bool   `json:"counts_ot"`    // counts toward the weekly OT threshold
	Bank        string `json:"bank"`         // bank debited, "" for none
	LumpSum     bool   `json:"lump_sum"`     // cash with no time attached (counts nowhere)
	Span        bool   `json:"span"`         // a span with punches (ON CALL, STANDBY), not hours
	RuleID      string `json:"rule_id"`      // catalog rule that pays it
	AccrualBase bool   `json:"accrual_base"` // hours on which PTO accrues
}

// Switch reports a named switch of the ambiguity register. A switch the profile does not carry is
// a defect of the profile or of the caller (a renamed key would otherwise read as false and
// silently flip the behaviour it guards), so it panics with both names; every family's tests read
// every switch it uses, so the mismatch shows in `go test`, never in a close.
func (r *RuleSet) Switch(name string) bool {
	v, ok := r.Switches[name]
	if !ok {
		panic(fmt.Sprintf("rule set %s (effective %s) has no switch %q", r.Name, r.EffectiveFrom, name))
	}
	return v
}

// SamePay reports whether two versions of a rule set pay alike: they differ at most in the input
// limits (checked by the close before the rules run) and in when they are in force, as the versions
// a dated minimum wage makes. A week across two such versions is calculated once.
func (r *RuleSet) SamePay(o *RuleSet) bool {
	if r == o {
		return true
	}
	a, b := *r, *o
	a.Limits, b.Limits = Limits{}, Limits{}
	a.effective, b.effective = time.Time{}, time.Time{}
	a.refs, b.refs = nil, nil
	return reflect.DeepEqual(a, b)
}

// WeekStart is the first day of the rule set's workweek.
func (r *RuleSet) WeekStart() time.Weekday { return r.weekStart }

// Ratio is a multiplier kept exact, e.g. {3,2} for time and a half. JSON: "1.5".
type Ratio struct{ Num, Den int64 }

// Apply multiplies v by the ratio, rounding once.
func (q Ratio) Apply(v int64) int64 {
	if q.Den == 1 {
		return v * q.Num // Round(x, 1) is x: no division for a whole multiplier (the 1 of straight time)
	}
	return Round(v*q.Num, q.Den)
}

// UnmarshalJSON reads a decimal multiplier string.
func (q *Ratio) UnmarshalJSON(b []byte) error {
	d, err := decimalJSON(b)
	if err != nil {
		return err
	}
	scaled := d.Shift(4)
	if !scaled.Equal(scaled.Truncate(0)) {
		return fmt.Errorf("multiplier %s has more than 4 decimals", d)
	}
	n, den := scaled.IntPart(), int64(10000)
	for n%10 == 0 && den > 1 {
		n, den = n/10, den/10
	}
	for n%5 == 0 && den%5 == 0 {
		n, den = n/5, den/5
	}
	for n%2 == 0 && den%2 == 0 {
		n, den = n/2, den/2
	}
	*q = Ratio{n, den}
	return nil
}

// Duration is a time quantity in seconds. JSON: hours as a decimal string, e.g. "7.5".
type Duration int64

// UnmarshalJSON reads decimal hours.
func (d *Duration) UnmarshalJSON(b []byte) error {
	v, err := decimalJSON(b)
	if err != nil {
		return err
	}
	s := v.Mul(decimal.NewFromInt(3600))
	if !s.Equal(s.Truncate(0)) {
		return fmt.Errorf("hours %s are not whole seconds", v)
	}
	*d = Duration(s.IntPart())
	return nil
}

// UnmarshalJSON reads a decimal dollar string.
func (r *Rate) UnmarshalJSON(b []byte) error {
	v, err := decimalJSON(b)
	if err != nil {
		return err
	}
	x, err := ParseRate(v.String())
	*r = x
	return err
}

func decimalJSON(b []byte) (decimal.Decimal, error) {
	s := strings.Trim(string(b), `"`)
	d, err := decimal.NewFromString(s)
	if err != nil {
		return d, fmt.Errorf("expected a decimal string, got %s", b)
	}
	return d, nil
}

//go:embed profiles/*.json
var profileFS embed.FS

// Registry holds every rule-set version by name.
type Registry struct {
	byName map[string][]*RuleSet // sorted by effective date
	source string                // where the profiles came from: rates/profiles (embedded) or a directory
	hash   string                // sha256 of the profile set (file names and contents)
	files  int
	bytes  int64
}

// Default is the registry loaded from the embedded profiles.
var Default = mustLoad()

func mustLoad() *Registry {
	r, err := Load(profileFS)
	if err != nil {
		panic(err) // embedded data is part of the binary: a bad profile is a build defect
	}
	return r
}

// Load reads every profiles/*.json of the embedded file system.
func Load(fsys embed.FS) (*Registry, error) {
	sub, err := fs.Sub(fsys, "profiles")
	if err != nil {
		return nil, err
	}
	return LoadFS(sub, "rates/profiles")
}

// LoadDir reads every *.json of dir: `payclose --profiles DIR` changes an amount without a rebuild.
func LoadDir(dir string) (*Registry, error) {
	if _, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("profiles: %w", err)
	}
	return LoadFS(os.DirFS(dir), dir)
}

var weekdays = map[string]time.Weekday{
	"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday, "wednesday": time.Wednesday,
	"thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday,
}

// Lookup returns the version of the named rule set in force on day (UTC midnight of a civil date).
func (r *Registry) Lookup(name string, day time.Time) (*RuleSet, error) {
	versions := r.byName[name]
	if len(versions) == 0 {
		return nil, fmt.Errorf("unknown rule set %q (known: %s)", name, strings.Join(r.Names(), ", "))
	}
	var found *RuleSet
	for _, v := range versions {
		if !v.effective.After(day) {
			found = v
		}
	}
	if found == nil {
		return nil, fmt.Errorf("rule set %q has no version in force on %s", name, day.Format("2006-01-02"))
	}
	if len(found.missing) > 0 {
		return nil, &ParameterNotFoundError{RuleSet: name, File: found.file, Param: found.missing[0], Day: day}
	}
	return found, nil
}

// Names lists the known rule sets.
func (r *Registry) Names() []string {
	var out []string
	for k := range r.byName {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

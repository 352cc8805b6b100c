package rates

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// AccrualProfile is the data of a rule set's time-off banks: which banks an employee holds (by
// time-off system), how each one earns, its caps and what happens to the overflow. The accrual
// stage reads every number from here; it knows no contract.
type AccrualProfile struct {
	// Plans by roster TIMEOFF_SYSTEM (SHARE: EARNED / TRADITIONAL); "" is the plan for employees
	// with no or an unknown system.
	Plans map[string]AccrualPlan `json:"plans"`
	// FullTimeHours is the full-time week that caps and longevity are prorated against (SHARE 40,
	// PSU 37.5).
	FullTimeHours Duration `json:"full_time_hours"`
	// InsufficientRuleID is the catalog rule a usage without balance is reported under.
	InsufficientRuleID string `json:"insufficient_rule_id"`
	// Weeks43Factor prorates the rate accrual of banks marked prorate_43 for an employee on a
	// 43-week appointment (NUT-VI-5: "vacation leave, sick leave, and paid personal leave shall be
	// prorated"; the catalog's 43/52, by time on duty). Zero: no proration.
	Weeks43Factor Fraction `json:"weeks43_factor"`
}

// AccrualPlan is the banks of one time-off system.
type AccrualPlan struct {
	Banks []BankRule `json:"banks"`
	// Alias redirects a pay code's bank to the bank this plan keeps it in, e.g. under Earned
	// Time "holiday bank hours are placed in the earned bank" (SHARE-HOL-11): HOLIDAY → EARNED.
	Alias map[string]string `json:"bank_alias"`
}

// BankRule is how one bank earns and is capped.
type BankRule struct {
	Bank   string `json:"bank"`
	RuleID string `json:"rule_id"` // the rule that accrues the bank (or defines it, when it earns nothing)
	Tier   string `json:"tier"`    // label when the bank has no chart

	// Base is what the accrual rate multiplies: PAID (worked + pay codes marked accrual_base +
	// BaseCodes), WORKED (worked time only), SCHEDULED (budgeted weekly hours less unpaid time, or
	// see UnpaidLimit),
	// ASSUMED (the budgeted week, at most BaseCap, less the week's leave and unpaid time: ESL-A3
	// "Employees exempt from overtime requirements … shall be assumed to work 40 hours in each work
	// week … unless their jobs specify a lower number of hours per week"),
	// or "" (the bank earns only from Earn sources).
	Base      string   `json:"base"`
	BaseCap   Duration `json:"base_cap_hours"` // accrual base per week at most this (0 = no cap)
	BaseCodes []string `json:"base_codes"`     // extra output pay codes in a PAID base (sleep, call-back top-up)
	// UnpaidLimit makes the bank's week all or nothing: unpaid time up to this fraction of the
	// budgeted week takes nothing from the base, more stops the week's accrual (PSU-20.1-D "shall
	// not accrue sick leave credits for any months in which he/she was on leave without pay or
	// absent without pay for a total of more than one (1) day", scaled to a week: 12/260). Without
	// it a SCHEDULED or ASSUMED base is reduced by the unpaid time.
	UnpaidLimit Fraction `json:"unpaid_limit"`

	// Earn names a week total the rules computed that is credited here 1:1: COMP (Result.
	// CompEarned), HOLIDAY_COMP (Result.HolidayCompEarned), HOLIDAY_BANK (a worked holiday's bank).
	Earn []string `json:"earn"`

	Charts []AccrualChart `json:"charts"` // chosen by service date; none = no rate accrual

	// ServiceDate is HIRE (roster HIRE_DATE, falling back to SENIORITY_DATE) or SENIORITY.
	ServiceDate string `json:"service_date"`

	CapProrate bool `json:"cap_prorate"` // cap × min(1, budgeted / full time)
	// CapFrom applies the cap only to employees hired on or after this date (PSU side letter).
	CapFrom string `json:"cap_hired_from"`
	// Cap is the balance cap when the chart tier has none (e.g. ESL 40 h, comp 240 h).
	Cap Duration `json:"cap_hours"`
	// CapMode says what happens to accrual above the cap: FORFEIT (shown as forfeited), SUSPEND
	// (never accrued, ESL-A6), or OVERFLOW (credited to OverflowTo).
	CapMode    string `json:"cap_mode"`
	OverflowTo string `json:"overflow_to"`
	CapRuleID  string `json:"cap_rule_id"`

	YearCap       Duration `json:"year_cap_hours"` // accrued per calendar year at most (ESL-A5)
	YearCapRuleID string   `json:"year_cap_rule_id"`
	Rollover      Duration `json:"rollover_hours"` // balance kept into a new calendar year (0 = all)
	HasRollover   bool     `json:"has_rollover"`
	RolloverRule  string   `json:"rollover_rule_id"`

	// QuarterKeep pays out the balance above this after each calendar quarter (SHARE-HOL-13).
	QuarterKeep   Duration `json:"quarter_keep_hours"`
	HasQuarterPay bool     `json:"quarter_payout"`
	QuarterRule   string   `json:"quarter_rule_id"`

	UseRoundMinutes int    `json:"use_round_up_minutes"` // usage charged in units, rounded up (PSU-20.1-G, ESL-B3)
	UseRuleID       string `json:"use_rule_id"`          // rule for a usage above the balance
	// BalanceBasis is what a week's pay-code rows drawing on the bank may use. "" (the default):
	// the rules pay them as entered and the accrual stage reports a usage above the balance.
	// PRIOR_WEEK_CLOSE: the balance at the close of the prior week, when the run knows it (opening
	// balances given); the rule family pays the rows in date order up to it and leaves the rest
	// unpaid (SHARE-PTO-19 "Earned time must be accrued before it is paid. Negative balances in
	// the earned time bank are not permitted."; the catalog's cfg.pto_balance_basis). The week's
	// own accrual does not fund the week's use.
	BalanceBasis string `json:"pto_balance_basis"`

	// LotMonths keeps the bank in lots, one per credit date, each forfeited when not used within
	// this many calendar months of its credit (PSU-18.2-C1); lots are used oldest first. A warning
	// is raised LotWarnDays before a lot expires. ExpireRuleID names both; SeparationRuleID the
	// forfeiture of every lot when the employment ends (PSU-18.2-C3).
	LotMonths        int    `json:"lot_months"`
	LotWarnDays      int    `json:"lot_warn_days"`
	ExpireRuleID     string `json:"expire_rule_id"`
	SeparationRuleID string `json:"separation_rule_id"`
	// WorkloadRuleID raises the excessive-workload indicators a bank kept in lots shows (PSU-11.3):
	// more than one regular work week of it held WorkloadMonths, more than one day expiring.
	WorkloadRuleID string `json:"workload_rule_id"`
	WorkloadMonths int    `json:"workload_months"`

	Prorate43 bool `json:"prorate_43"` // prorated by Weeks43Factor on a 43-week appointment

	// Grant credits the bank whole days once a year instead of a rate (PSU-20.3 personal leave);
	// with has_rollover and rollover_hours 0 what is left of it is forfeited when the year turns.
	Grant *YearGrant `json:"year_grant"`

	Longevity       []Longevity `json:"longevity"`
	LongevityRuleID string      `json:"longevity_rule_id"`

	capFrom time.Time
}

// AccrualChart is one chart (e.g. SHARE Chart 1A): the tiers for employees whose service date is
// in [From, Before).
type AccrualChart struct {
	Name   string        `json:"name"`
	From   string        `json:"service_from"`   // "" = no lower bound
	Before string        `json:"service_before"` // "" = no upper bound
	Tiers  []AccrualTier `json:"tiers"`          // ascending Years

	from, before time.Time
}

// AccrualTier is a chart row: from Years completed anniversaries on, Rate hours per hour of base.
type AccrualTier struct {
	Years int      `json:"years"`
	Label string   `json:"label"`
	Rate  Fraction `json:"rate"`
	Cap   Duration `json:"cap_hours"` // 0 = the bank's Cap
}

// YearGrant is a bank credited in days: Days in the first workweek of the calendar year (the week
// holding January 1, the first of the year's "payroll month of January") to an employee employed
// on its first day, and to a later hire, in the week of the hire date, the days of the HireDays
// row holding that date. A day is DayHours, prorated like a cap (budgeted ÷ full_time_hours, at
// most 1: "Personal leave days for regular part-time bargaining unit members will be granted on a
// pro-rata basis", PSU-20.3).
type YearGrant struct {
	Days     int        `json:"days"`
	DayHours Duration   `json:"day_hours"`
	HireDays []GrantRow `json:"hire_days"` // ascending from "01-01"
}

// GrantRow is a row of the hire table: hires dated from From ("MM-DD") to the next row's From
// are credited Days.
type GrantRow struct {
	From string `json:"from"`
	Days int    `json:"days"`

	month, day int
}

// HireDaysOn is the days credited to a hire dated (m, d) of the grant's year.
func (g *YearGrant) HireDaysOn(m time.Month, d int) int {
	days := 0
	for i := range g.HireDays {
		r := &g.HireDays[i]
		if int(m) > r.month || (int(m) == r.month && d >= r.day) {
			days = r.Days
		}
	}
	return days
}

func (g *YearGrant) validate() error {
	if g.Days < 0 || g.DayHours <= 0 {
		return fmt.Errorf("year_grant needs days ≥ 0 and day_hours > 0")
	}
	for i := range g.HireDays {
		r := &g.HireDays[i]
		t, err := time.Parse("01-02", r.From)
		if err != nil {
			return fmt.Errorf("year_grant hire_days %d: from %q is not MM-DD", i, r.From)
		}
		r.month, r.day = int(t.Month()), t.Day()
		if r.Days < 0 || (i == 0 && r.From != "01-01") || (i > 0 && r.month*100+r.day <= g.HireDays[i-1].month*100+g.HireDays[i-1].day) {
			return fmt.Errorf("year_grant hire_days %d: rows need days ≥ 0 and ascending dates from 01-01", i)
		}
	}
	return nil
}

// Longevity credits Hours on the N-th anniversary for N in [From, To] (To 0 = no end).
type Longevity struct {
	From  int      `json:"from"`
	To    int      `json:"to"`
	Hours Duration `json:"hours"`
}

// Fraction is an exact rational kept as num/den, e.g. an accrual rate of 23 days × 8 h / 2080 h
// = "23/260" hours per hour. JSON: "n/d" or an integer.
type Fraction struct{ Num, Den int64 }

// IsZero reports an unset fraction.
func (f Fraction) IsZero() bool { return f.Num == 0 }

// UnmarshalJSON reads "n/d".
func (f *Fraction) UnmarshalJSON(b []byte) error {
	s := strings.Trim(string(b), `"`)
	n, d, ok := strings.Cut(s, "/")
	if !ok {
		d = "1"
	}
	num, err1 := strconv.ParseInt(strings.TrimSpace(n), 10, 64)
	den, err2 := strconv.ParseInt(strings.TrimSpace(d), 10, 64)
	if err1 != nil || err2 != nil || den <= 0 || num < 0 {
		return fmt.Errorf("expected a fraction like \"23/260\", got %s", b)
	}
	*f = Fraction{num, den}
	return nil
}

// Validate checks the profile once at load, so the accrual stage can trust it.
func (p *AccrualProfile) Validate() error {
	for sys, plan := range p.Plans {
		for i := range plan.Banks {
			b := &plan.Banks[i]
			if b.Bank == "" || b.RuleID == "" {
				return fmt.Errorf("accrual plan %q: bank %d needs bank and rule_id", sys, i)
			}
			switch b.Base {
			case "", "PAID", "WORKED", "SCHEDULED", "ASSUMED":
			default:
				return fmt.Errorf("accrual plan %q bank %s: base %q is not PAID, WORKED, SCHEDULED or ASSUMED", sys, b.Bank, b.Base)
			}
			switch b.BalanceBasis {
			case "", BalancePriorWeekClose:
			default:
				return fmt.Errorf("accrual plan %q bank %s: pto_balance_basis %q is not PRIOR_WEEK_CLOSE", sys, b.Bank, b.BalanceBasis)
			}
			switch b.CapMode {
			case "", "FORFEIT", "SUSPEND":
			case "OVERFLOW":
				if b.OverflowTo == "" {
					return fmt.Errorf("accrual plan %q bank %s: cap_mode OVERFLOW needs overflow_to", sys, b.Bank)
				}
			default:
				return fmt.Errorf("accrual plan %q bank %s: cap_mode %q is not FORFEIT, SUSPEND or OVERFLOW", sys, b.Bank, b.CapMode)
			}
			if b.CapFrom != "" {
				t, err := time.Parse("2006-01-02", b.CapFrom)
				if err != nil {
					return fmt.Errorf("accrual plan %q bank %s: cap_hired_from: %w", sys, b.Bank, err)
				}
				b.capFrom = t
			}
			if b.Grant != nil {
				for _, o := range plan.Banks[:i] {
					if o.Grant != nil {
						return fmt.Errorf("accrual plan %q bank %s: only one bank of a plan can have a year_grant", sys, b.Bank)
					}
				}
				if err := b.Grant.validate(); err != nil {
					return fmt.Errorf("accrual plan %q bank %s: %w", sys, b.Bank, err)
				}
			}
			if b.CapMode == "OVERFLOW" && !bankAfter(plan.Banks, i, b.OverflowTo) {
				return fmt.Errorf("accrual plan %q bank %s: overflow_to %s must be a later bank of the plan", sys, b.Bank, b.OverflowTo)
			}
			for j := range b.Charts {
				c := &b.Charts[j]
				var err error
				if c.From != "" {
					if c.from, err = time.Parse("2006-01-02", c.From); err != nil {
						return fmt.Errorf("accrual chart %s: %w", c.Name, err)
					}
				}
				if c.Before != "" {
					if c.before, err = time.Parse("2006-01-02", c.Before); err != nil {
						return fmt.Errorf("accrual chart %s: %w", c.Name, err)
					}
				}
				for k := range c.Tiers {
					if c.Tiers[k].Rate.Den == 0 || (k > 0 && c.Tiers[k].Years <= c.Tiers[k-1].Years) {
						return fmt.Errorf("accrual chart %s: tier %d needs a rate and ascending years", c.Name, k)
					}
				}
			}
		}
	}
	return nil
}

// BalancePriorWeekClose is the BankRule.BalanceBasis that pays a bank's rows only up to its
// balance at the close of the prior week.
const BalancePriorWeekClose = "PRIOR_WEEK_CLOSE"

// Plan is the plan of a roster TIMEOFF_SYSTEM: its own, else the "" plan (nil when neither).
func (p *AccrualProfile) Plan(system string) *AccrualPlan {
	if p == nil {
		return nil
	}
	pl, ok := p.Plans[system]
	if !ok {
		pl, ok = p.Plans[""]
	}
	if !ok {
		return nil
	}
	return &pl
}

// BankOf is the bank a pay code's rows draw on under this plan: the pay code's bank, redirected
// by the plan's bank_alias (under Earned Time a VACATION row draws on EARNED). "" for none. The
// accrual stage debits by it and a rule family that pays only the balance (BalanceBasis) reads
// it: one mapping for both.
func (pl *AccrualPlan) BankOf(pc PayCode) string {
	if pl == nil || pc.Bank == "" {
		return ""
	}
	if a, ok := pl.Alias[pc.Bank]; ok {
		return a
	}
	return pc.Bank
}

// Rule is the plan's rule for a bank, nil when the plan does not keep it.
func (pl *AccrualPlan) Rule(bank string) *BankRule {
	if pl == nil {
		return nil
	}
	for i := range pl.Banks {
		if pl.Banks[i].Bank == bank {
			return &pl.Banks[i]
		}
	}
	return nil
}

// Chart returns the chart for a service date (UTC midnight), or nil.
func (b *BankRule) Chart(service time.Time) *AccrualChart {
	for i := range b.Charts {
		c := &b.Charts[i]
		if (c.From == "" || !service.Before(c.from)) && (c.Before == "" || service.Before(c.before)) {
			return c
		}
	}
	return nil
}

// CapApplies reports whether the cap covers an employee hired on hire (UTC midnight).
func (b *BankRule) CapApplies(hire time.Time) bool {
	return b.CapFrom == "" || !hire.Before(b.capFrom)
}

// TierFor is the chart row for y completed years of service.
func (c *AccrualChart) TierFor(y int) *AccrualTier {
	t := &c.Tiers[0]
	for i := range c.Tiers {
		if c.Tiers[i].Years <= y {
			t = &c.Tiers[i]
		}
	}
	return t
}

// accrualFilePrefix names profile files that hold only the banks of a rule set defined in
// another file (profiles/accruals-*.json), so the banks can be kept apart from the pay numbers.
const accrualFilePrefix = "accruals-"

type accrualFile struct {
	RuleSet string          `json:"rule_set"`
	Accrual *AccrualProfile `json:"accrual"`
}

// decodeStrict reads one profile file into v: an unknown key is an error naming the file.
func decodeStrict(name string, b []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return nil
}

func addAccrualFile(list *[]accrualFile, name string, b []byte) error {
	var f accrualFile
	if err := decodeStrict(name, b, &f); err != nil {
		return err
	}
	if f.RuleSet == "" || f.Accrual == nil {
		return fmt.Errorf("%s: needs rule_set and accrual", name)
	}
	if err := f.Accrual.Validate(); err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	*list = append(*list, f)
	return nil
}

// separationFilePrefix names profile files that hold the final pay of a rule set defined in
// another file (profiles/separation-*.json).
const separationFilePrefix = "separation-"

type separationFile struct {
	RuleSet    string             `json:"rule_set"`
	Separation *SeparationProfile `json:"separation"`
}

func addSeparationFile(list *[]separationFile, name string, b []byte) error {
	var f separationFile
	if err := decodeStrict(name, b, &f); err != nil {
		return err
	}
	if f.RuleSet == "" || f.Separation == nil {
		return fmt.Errorf("%s: needs rule_set and separation", name)
	}
	*list = append(*list, f)
	return nil
}

// attachSeparationFiles gives every version of a rule set without a separation key the final pay
// of its separation-*.json file.
func attachSeparationFiles(reg *Registry, files []separationFile) {
	for _, f := range files {
		for _, rs := range reg.byName[f.RuleSet] {
			if rs.Separation == nil {
				rs.Separation = f.Separation
			}
		}
	}
}

// attachAccrualFiles gives every version of a rule set that has no accrual key of its own the
// banks of its accruals-*.json file. A file for a rule set that is not (yet) in the registry is
// kept out: profiles of other rule sets are added independently.
func attachAccrualFiles(reg *Registry, files []accrualFile) {
	for _, f := range files {
		for _, rs := range reg.byName[f.RuleSet] {
			if rs.Accrual == nil {
				rs.Accrual = f.Accrual
			}
		}
	}
}

func bankAfter(banks []BankRule, i int, name string) bool {
	for _, b := range banks[i+1:] {
		if b.Bank == name {
			return true
		}
	}
	return false
}

// MaxCap is the largest balance cap of a bank in any plan of the profile, over every chart tier,
// before proration: no opening balance of that bank can be above it. It is 0 (no bound) when
// the bank is not kept, or any plan keeps it uncapped or caps it only for some employees.
func (p *AccrualProfile) MaxCap(bank string) Duration {
	var top Duration
	found := false
	for _, plan := range p.Plans {
		for _, b := range plan.Banks {
			if b.Bank != bank {
				continue
			}
			found = true
			if b.CapFrom != "" || b.Cap == 0 && len(b.Charts) == 0 {
				return 0
			}
			top = max(top, b.Cap)
			for _, c := range b.Charts {
				for _, t := range c.Tiers {
					if t.Cap == 0 && b.Cap == 0 {
						return 0
					}
					top = max(top, t.Cap)
				}
			}
		}
	}
	if !found {
		return 0
	}
	return top
}

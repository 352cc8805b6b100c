package rates

import (
	"testing"
	"time"
)

func TestEmbeddedProfilesLoad(t *testing.T) {
	rs, err := Default.Lookup("SHARE", time.Date(2020, 1, 5, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	// "Evening Diff: $2.00/hour … Night Diff: $4.00/hour … Weekend Diff: $2.50/hour" (SHARE-DIFF-01)
	if rs.Evening != Dollars(2, 0) || rs.Night != Dollars(4, 0) || rs.Weekend != Dollars(2, 50) {
		t.Fatalf("SHARE differentials: %v %v %v", rs.Evening, rs.Night, rs.Weekend)
	}
	if rs.OTMult != (Ratio{3, 2}) || rs.DailyOT != 8*3600 || rs.WeekStart() != time.Sunday {
		t.Fatalf("SHARE OT: %+v %v %v", rs.OTMult, rs.DailyOT, rs.WeekStart())
	}
	if _, err := Default.Lookup("SHARE", time.Date(2017, 1, 1, 0, 0, 0, 0, time.UTC)); err == nil {
		t.Fatal("a week before the contract must not find a version")
	}
	if _, err := Default.Lookup("NOPE", time.Now()); err == nil {
		t.Fatal("unknown rule set must be an error")
	}
}

func TestRoundHalfAwayFromZero(t *testing.T) {
	cases := []struct{ num, den, want int64 }{{5, 10, 1}, {4, 10, 0}, {-5, 10, -1}, {-4, 10, 0}, {15, 10, 2}, {25, 10, 3}}
	for _, c := range cases {
		if got := Round(c.num, c.den); got != c.want {
			t.Errorf("Round(%d,%d)=%d want %d", c.num, c.den, got, c.want)
		}
	}
	// 0.25 h at $20.01 × 1.5 = 7.50375 → $7.50
	if got := Amount(900, Rate(200100).Scale(3, 2)); got != 750 {
		t.Errorf("Amount = %d", got)
	}
}

func TestParseHours(t *testing.T) {
	for in, want := range map[string]Hours{"7.5": 75000, "7.50": 75000, "7:30": 75000, "0:15": 2500, "8": 80000} {
		got, err := ParseHours(in)
		if err != nil || got != want {
			t.Errorf("ParseHours(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, bad := range []string{"7:3", "7:60", "x", "1.00001", ":30", "7.5h"} {
		if _, err := ParseHours(bad); err == nil {
			t.Errorf("ParseHours(%q) accepted", bad)
		}
	}
}

// A switch the profile does not carry must not read as false: renaming
// weekend_diff_day_shifts in the profile would otherwise flip SHARE's weekend pay silently.
func TestUnknownSwitchPanics(t *testing.T) {
	rs, err := Default.Lookup("SHARE", time.Date(2026, 11, 15, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if !rs.Switch("weekend_diff_day_shifts") {
		t.Fatal("SHARE's weekend_diff_day_shifts is true in the profile")
	}
	defer func() {
		if recover() == nil {
			t.Fatal("reading a switch the profile lacks did not panic")
		}
	}()
	rs.Switch("weekend_diff_day_shift")
}

// Every rule set carries plausibility limits (issue 10): 24 hours on one pay-code row, $15.00 to
// $1,000.00 an hour (the MA minimum wage, M.G.L. c. 151 § 1, $15.00 since 2023-01-01), balances
// not below zero, a $10,000.00 weekly gross ceiling; a run's override replaces only what it sets.
func TestProfileLimits(t *testing.T) {
	for _, name := range Default.Names() {
		rs, err := Default.Lookup(name, time.Date(2026, 11, 15, 0, 0, 0, 0, time.UTC))
		if err != nil {
			t.Fatal(err)
		}
		want := Limits{MaxRowHours: 24 * 3600, MinRate: Dollars(15, 0), MaxRate: Dollars(1000, 0), MaxWeeklyGross: 1_000_000}
		if rs.Limits != want {
			t.Errorf("%s limits %+v, want %+v", name, rs.Limits, want)
		}
		o := rs.Limits.Override(Limits{MaxRowHours: 40 * 3600})
		want.MaxRowHours = 40 * 3600
		if o != want {
			t.Errorf("%s override %+v", name, o)
		}
	}
}

// MaxCap is the largest cap a bank has in the profile: SHARE EARNED by its charts' top tier (592 h),
// PSU VACATION at 480 h; PSU SICK is capped only for employees hired from 2018 (no bound), and a
// bank the profile does not keep has none.
func TestAccrualMaxCap(t *testing.T) {
	day := time.Date(2026, 11, 15, 0, 0, 0, 0, time.UTC)
	share, _ := Default.Lookup("SHARE", day)
	psu, _ := Default.Lookup("PSU_NONEXEMPT", day)
	if c := share.Accrual.MaxCap("EARNED"); c != 592*3600 { // the top tier of its charts
		t.Errorf("SHARE EARNED cap %d, want 592 h", c)
	}
	if c := psu.Accrual.MaxCap("VACATION"); c != 480*3600 {
		t.Errorf("PSU VACATION cap %d, want 480 h", c)
	}
	if c := psu.Accrual.MaxCap("SICK"); c != 0 {
		t.Errorf("PSU SICK cap %d, want none (capped only for hires from 2018)", c)
	}
	if c := psu.Accrual.MaxCap("NOSUCH"); c != 0 {
		t.Errorf("unknown bank cap %d", c)
	}
}

// The dated minimum wage makes a version of each rule set on 1 January; those versions pay alike
// (SamePay), so a week across New Year's Day is calculated once. A version with another pay number
// does not.
func TestSamePayIgnoresOnlyLimits(t *testing.T) {
	before, err := Default.Lookup("SHARE", time.Date(2019, 12, 31, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	after, err := Default.Lookup("SHARE", time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if before == after || before.Limits.MinRate == after.Limits.MinRate {
		t.Fatalf("expected two versions with another minimum rate, got %v and %v", before.Limits.MinRate, after.Limits.MinRate)
	}
	if !before.SamePay(after) {
		t.Error("versions that differ only in limits do not pay alike")
	}
	other := *after
	other.Evening++
	if before.SamePay(&other) {
		t.Error("a version with another evening differential pays alike")
	}
}

// A whole multiplier (straight time's 1, a double time's 2) skips the division: the same value as
// the one rounding helper gives, for positive and negative amounts.
func TestRatioApplyWholeMultiplier(t *testing.T) {
	for _, q := range []Ratio{{Num: 1, Den: 1}, {Num: 2, Den: 1}, {Num: 0, Den: 1}} {
		for _, v := range []int64{0, 1, -1, 7, -7, 345_678, -345_678, 1 << 40, -(1 << 40)} {
			if got, want := q.Apply(v), Round(v*q.Num, q.Den); got != want {
				t.Errorf("%d/%d of %d: %d, Round gives %d", q.Num, q.Den, v, got, want)
			}
		}
	}
	if got := (Ratio{Num: 15000, Den: 10000}).Apply(333_333); got != 500_000 {
		t.Errorf("1.5 × 33.3333: %d, want 500000 (499999.5 rounded half away from zero)", got)
	}
}

package pipeline_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/pipeline"
	"github.com/payclose/payclose/rates"
)

// pto19Close closes the week of Sunday 2026-11-15 for one SHARE Earned Time employee at $30.00:
// Mon–Thu 07:00–15:30 worked (8 h a day after the meal, 32 h) and an 8-hour EARNED TIME row on
// Friday 11/20. balances is balances.csv's body ("" for no file: no opening balances at all).
func pto19Close(t *testing.T, balances string) (*pipeline.Result, pipeline.Config) {
	t.Helper()
	cfg := pto19Config(t, balances)
	res, err := pipeline.Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	// 4 × 8.5 h punched + the 8 h row = 42 h in; 32 h worked + the row's 8 h on pay lines + 4 ×
	// 0.5 h meals deducted (SHARE-BRK-01) = 42 h.
	if r := res.Manifest.Reconciliation; !r.OK || r.InputHours != "42.0000" || r.PaidHours != "40.0000" || r.DeductedHours != "2.0000" {
		t.Fatalf("reconciliation %+v: want input 42 h = paid 40 h + deducted 2 h (every hour of the row on a line), OK", r)
	}
	return res, cfg
}

// pto19Config writes pto19Close's inputs and returns the close of the week of 2026-11-15 into a
// new ledger.
func pto19Config(t *testing.T, balances string) pipeline.Config {
	t.Helper()
	acct := "UMMH/MED/4EAST/RN/-/-/-"
	files := map[string]string{
		"roster.csv": "PERSONNUM,NAME,RULESET,BASE_RATE,BUDGETED_WEEKLY_HOURS,HOME_SHIFT,SCHEDULE_TYPE,WEEKDAY_ONLY,TIMEOFF_SYSTEM,SENIORITY_DATE,HIRE_DATE,HOLIDAY_ELECT,LABORACCOUNT\n" +
			"500003,Test Three,SHARE,30.00,40,DAY,STANDARD,N,EARNED,2020-01-06,2020-01-06,BANK," + acct + "\n",
	}
	punches := "PERSONNUM,PERSONFULLNAME,EVENTDATE,PAYCODENAME,PUNCHDTM,ENDPUNCHDTM,HOURS,LABORACCOUNT,WORKRULE\n"
	schedule := "PERSONNUM,SHIFTDATE,START,END\n"
	for d := 16; d <= 19; d++ {
		day := "11/" + string(rune('0'+d/10)) + string(rune('0'+d%10)) + "/2026"
		punches += "500003,Test Three," + day + ",," + day + " 7:00," + day + " 15:30,," + acct + ",\n"
		schedule += "500003," + day + "," + day + " 7:00," + day + " 15:30\n"
	}
	punches += "500003,Test Three,11/20/2026,EARNED TIME,,,8," + acct + ",\n"
	schedule += "500003,11/20/2026,11/20/2026 7:00,11/20/2026 15:30\n"
	files["punches.csv"], files["schedule.csv"] = punches, schedule
	if balances != "" {
		files["balances.csv"] = balances
	}
	dir := t.TempDir()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	start, _ := calendars.ParseISODate("2026-11-15")
	cfg := pipeline.Config{Punches: filepath.Join(dir, "punches.csv"), Roster: filepath.Join(dir, "roster.csv"),
		Schedule: filepath.Join(dir, "schedule.csv"), Week: start, Weeks: 1, Out: filepath.Join(dir, "out")}
	if balances != "" {
		cfg.Balances = filepath.Join(dir, "balances.csv")
	}
	return cfg
}

// payByCode sums the week's pay lines by pay code and rule: hours and amount.
func payByCode(t *testing.T, out string) map[string][2]rates.Money {
	t.Helper()
	m := map[string][2]rates.Money{}
	for _, r := range parquetRows(t, filepath.Join(out, "pay_lines", "week_start=2026-11-15", "part-00000.parquet")) {
		f := strings.Split(r, "|")
		h, err1 := rates.ParseMoney(f[5])
		a, err2 := rates.ParseMoney(f[7])
		if err1 != nil || err2 != nil {
			t.Fatalf("row %s: %v %v", r, err1, err2)
		}
		k := f[3] + " " + f[8]
		m[k] = [2]rates.Money{m[k][0] + h, m[k][1] + a}
	}
	return m
}

func countCode(res *pipeline.Result, code string) (n int, rule, detail string) {
	for _, e := range res.Exceptions {
		if e.Code == code {
			n, rule, detail = n+1, e.RuleID, e.Detail
		}
	}
	return n, rule, detail
}

// SHARE-PTO-19 through the close: "Earned time must be accrued before it is paid. Negative
// balances in the earned time bank are not permitted." balances.csv opens EARNED at 5 h; the
// 8-hour EARNED TIME row is paid up to the balance at the close of the prior week:
//
//	REG     32 h × $30.00 = $960.00
//	EARNED   5 h × $30.00 = $150.00
//	LWOP     3 h × $0     =   $0.00   (8 − 5, rule SHARE-PTO-19)
//	gross                  $1,110.00   (the old close paid $1,200.00 and left 3 h to recover)
//
// One INSUFFICIENT_BALANCE (SHARE-PTO-19, from the rules; the accrual stage raises none); the
// EARNED row: opening 5, used 5, so 0 before the week's own accrual, which it closes at
// (32 + 5 paid h × 28/260); never negative. Input 42 h = paid 40 h (the LWOP line holds 3 of them) +
// 2 h of meals deducted.
func TestSHARE_PTO_19_close(t *testing.T) {
	res, cfg := pto19Close(t, "PERSONNUM,BANK,HOURS,YTD_ACCRUED\n500003,EARNED,5,0\n")
	pay := payByCode(t, cfg.Out)
	if got := pay["EARNED SHARE-SHIFT-20"]; got != [2]rates.Money{500, 15000} {
		t.Errorf("EARNED %v, want 5 h = $150.00 (%v)", got, pay)
	}
	if got := pay["LWOP SHARE-PTO-19"]; got != [2]rates.Money{300, 0} {
		t.Errorf("LWOP (SHARE-PTO-19) %v, want 3 h = $0.00 (%v)", got, pay)
	}
	if got := pay["REG SHARE-G-06"]; got != [2]rates.Money{3200, 96000} {
		t.Errorf("REG %v, want 32 h = $960.00 (%v)", got, pay)
	}
	var gross rates.Money
	for _, v := range pay {
		gross += v[1]
	}
	if gross != 111000 {
		t.Errorf("gross %s, want $1,110.00 (%v)", gross, pay)
	}
	n, rule, detail := countCode(res, "INSUFFICIENT_BALANCE")
	if n != 1 || rule != "SHARE-PTO-19" || !strings.Contains(detail, "3.0000 h not paid") {
		t.Errorf("%d INSUFFICIENT_BALANCE (%s: %s), want one under SHARE-PTO-19 for 3 h", n, rule, detail)
	}
	found := false
	for _, r := range accrualRows(t, cfg.Out, "2026-11-15") {
		f := strings.Split(r, "|")
		if f[2] != "EARNED" {
			continue
		}
		found = true
		opening, _ := rates.ParseHours(f[3])
		earned, _ := rates.ParseHours(f[4])
		used, _ := rates.ParseHours(f[5])
		closing, _ := rates.ParseHours(f[7])
		if opening != 50000 || used != 50000 || closing != earned || earned <= 0 {
			t.Errorf("EARNED row %s: want opening 5, used 5, closing = the week's accrual", r)
		}
	}
	if !found {
		t.Fatal("no EARNED accrual row")
	}
}

// Without any opening balances (no balances.csv, no --previous, no ledger week before) the close
// knows no balance: the row is paid as entered, 8 h × $30.00 = $240.00, and the accrual stage
// keeps the bank at zero and raises its INSUFFICIENT_BALANCE, as before SHARE-PTO-19 was applied.
func TestSHARE_PTO_19_closeWithoutBalancesPaysAsEntered(t *testing.T) {
	res, cfg := pto19Close(t, "")
	pay := payByCode(t, cfg.Out)
	if got := pay["EARNED SHARE-SHIFT-20"]; got != [2]rates.Money{800, 24000} {
		t.Errorf("EARNED %v, want 8 h = $240.00 (%v)", got, pay)
	}
	if _, ok := pay["LWOP SHARE-PTO-19"]; ok {
		t.Errorf("an unpaid LWOP line without opening balances: %v", pay)
	}
	if n, _, detail := countCode(res, "INSUFFICIENT_BALANCE"); n != 1 || !strings.Contains(detail, "paid without balance") {
		t.Errorf("%d INSUFFICIENT_BALANCE (%s), want the accrual stage's one", n, detail)
	}
}

// SHARE-PTO-19 week after week in one ledger: a week opening from the ledger's previous week holds
// earned time to its balance only if that week's own opening balances were given. The week of
// 11-08 is closed first (nothing punched; Veterans Day's holiday accrues earned time), then the
// week of 11-15 with the 8-hour row opens from its closing balances.
//   - The first close had no balances.csv: every bank started at zero, which is no balance anyone
//     holds, so the second week pays the row as entered, 8 h × $30.00 = $240.00, with no unpaid
//     line, and both manifests say balances_known false (a ledger that never recorded it reads
//     the same).
//   - The first close had balances.csv (EARNED 5 h): the second opens at the first's closing EARNED
//     balance (5 h + the week's accrual, 5.8615 h) and pays that in whole seconds, the rest of the
//     8 h an unpaid LWOP line under SHARE-PTO-19; balances_known true.
func TestSHARE_PTO_19_ledgerChain(t *testing.T) {
	for _, c := range []struct {
		balances string
		known    bool
	}{
		{"", false},
		{"PERSONNUM,BANK,HOURS,YTD_ACCRUED\n500003,EARNED,5,0\n", true},
	} {
		cfg := pto19Config(t, c.balances)
		first := cfg
		first.Week = cfg.Week.AddDays(-7)
		first.AllowEmpty = []string{"punches", "schedule"}
		res, err := pipeline.Run(context.Background(), first)
		if err != nil {
			t.Fatal(err)
		}
		if res.Manifest.BalancesKnown != c.known {
			t.Errorf("balances %q: the first week's manifest says balances_known %v", c.balances, res.Manifest.BalancesKnown)
		}
		var closing rates.Hours
		for _, r := range accrualRows(t, cfg.Out, first.Week.String()) {
			if f := strings.Split(r, "|"); f[2] == "EARNED" {
				closing, _ = rates.ParseHours(f[7])
			}
		}
		second := cfg
		second.Balances = ""
		if res, err = pipeline.Run(context.Background(), second); err != nil {
			t.Fatal(err)
		}
		if res.Manifest.BalancesKnown != c.known {
			t.Errorf("balances %q: the second week's manifest says balances_known %v", c.balances, res.Manifest.BalancesKnown)
		}
		paid := map[string]rates.Hours{}
		for _, r := range parquetRows(t, filepath.Join(cfg.Out, "pay_lines", "week_start=2026-11-15", "part-00000.parquet")) {
			f := strings.Split(r, "|")
			h, err := rates.ParseHours(f[5])
			if err != nil {
				t.Fatal(err)
			}
			paid[f[3]+" "+f[8]] += h
		}
		// The rules pay in whole seconds, never above the balance: 5.8615 h is 21,101.4 s, paid
		// 21,101 s (5.8614 h), the other 7,699 s of the 8 h (2.1386 h) unpaid.
		secs := int64(closing) * 36 / 100
		want := map[bool][2]rates.Hours{false: {80000, 0}, true: {rates.HoursOf(secs), rates.HoursOf(8*3600 - secs)}}[c.known]
		if c.known && (closing <= 50000 || closing >= 80000) {
			t.Fatalf("the first week closed EARNED at %s, want between 5 h and 8 h", closing)
		}
		if got := [2]rates.Hours{paid["EARNED SHARE-SHIFT-20"], paid["LWOP SHARE-PTO-19"]}; got != want {
			t.Errorf("balances %q: EARNED paid, unpaid %v in the second week, want %v", c.balances, got, want)
		}
	}
}

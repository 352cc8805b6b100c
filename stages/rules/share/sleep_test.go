package share

import (
	"testing"

	"github.com/payclose/payclose/stages/model"
)

// The §15 E fixture: on call Tue after the prior shift, scheduled Wed 07:00–15:30. Sleep is paid
// against Wednesday's unworked scheduled hours: the employee comes in at 12:00 (5 h late, sleep at
// the BEGIN: 5 h unworked), or leaves at 11:00 (sleep at the END: 4.5 h unworked).
type sleepCase struct {
	prior     [2]string // prior shift Tue, "" = day off
	callbacks [][2]string
	position  string // BEGIN, END, END_OPS (operational need, MGMT_REQUEST), FULL (shift worked)
	want      string // sleep hours paid
}

func runSleep(t *testing.T, c sleepCase) *model.Result {
	f := newFx(t)
	ocFrom := "Tue 15:30"
	if c.prior[0] != "" {
		f.sched("Tue "+c.prior[0], c.prior[1])
		f.work("Tue "+c.prior[0], c.prior[1], 0)
		ocFrom = "Tue " + c.prior[1]
	}
	f.span(ocFrom, "07:00", 0, model.SpanOnCall)
	for _, cb := range c.callbacks {
		f.work(cb[0], cb[1], 0)
		f.week.Spans[len(f.week.Spans)-1].Workday = f.start.AddDays(1) // the on-call night's workday
	}
	f.sched("Wed 07:00", "15:30")
	switch c.position {
	case "BEGIN":
		f.work("Wed 12:00", "15:30", 0)
	case "END":
		f.work("Wed 07:00", "11:00", 0)
	case "END_OPS":
		f.work("Wed 07:00", "11:00", model.RuleMgmtRequest)
	case "FULL":
		f.work("Wed 07:00", "15:30", 0)
	}
	return f.run()
}

func checkSleep(t *testing.T, cases map[string]sleepCase) {
	t.Helper()
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			if c.prior == [2]string{} {
				c.prior = [2]string{"07:00", "15:00"} // 8 h, no meal punches in these tests
			}
			if c.prior[0] == "-" {
				c.prior = [2]string{}
			}
			res := runSleep(t, c)
			if got := hours(res, "SLEEP", "SHARE-SLEEP-02"); got != c.want {
				t.Fatalf("sleep %s h, want %s\n%s", got, c.want, dump(res))
			}
		})
	}
}

// TestSHARE_SLEEP_01 — "The SHARE member who is called back between 11pm and 7am and scheduled to
// work the day immediately following shall receive paid sleep time hours equal to actual hours
// worked, receiving a minimum of one (1) hour." TC-DER-OC-01, SL-03, SL-06, SL-07, SL-08.
func TestSHARE_SLEEP_01(t *testing.T) {
	checkSleep(t, map[string]sleepCase{
		"TC-DER-OC-01 23:00–00:30 → 1.5":       {callbacks: [][2]string{{"Tue 23:00", "00:30"}}, position: "BEGIN", want: "1.5"},
		"TC-DER-SL-03 21:30–00:30 → 1.5":       {callbacks: [][2]string{{"Tue 21:30", "00:30"}}, position: "BEGIN", want: "1.5"},
		"TC-DER-SL-07 22:00–23:30 → 0.5 → 1.0": {callbacks: [][2]string{{"Tue 22:00", "23:30"}}, position: "BEGIN", want: "1"},
		"call-back 20:00–22:00 outside window": {callbacks: [][2]string{{"Tue 20:00", "22:00"}}, position: "BEGIN", want: "0"},
	})
	t.Run("TC-DER-SL-08 not scheduled the next day → 0", func(t *testing.T) {
		f := newFx(t)
		f.span("Tue 15:30", "07:00", 0, model.SpanOnCall)
		f.work("Tue 23:00", "00:30", 0)
		if res := f.run(); hours(res, "SLEEP") != "0" {
			t.Fatal(dump(res))
		}
	})
}

// TestSHARE_SLEEP_02 — "These hours must be taken during the day immediately following the call
// back time worked. The sleep hours may be taken at either the beginning or the end of the
// scheduled shift"; "Our intent is to count sleep time, like other paid time, toward the
// calculation of overtime for the week." TC-DER-OC-03 (full shift worked → 0) and TC-DER-SL-09.
func TestSHARE_SLEEP_02(t *testing.T) {
	checkSleep(t, map[string]sleepCase{
		"full next shift worked → nothing to pay": {callbacks: [][2]string{{"Tue 23:00", "00:30"}}, position: "FULL", want: "0"},
		"capped at the unworked hours (5 h)":      {callbacks: [][2]string{{"Tue 23:45", "06:30"}}, position: "BEGIN", want: "5"},
	})
	t.Run("TC-DER-SL-09 sleep and top-up count toward 40", func(t *testing.T) {
		f := newFx(t)
		for _, d := range []string{"Mon", "Tue", "Wed", "Fri", "Sat"} {
			f.sched(d+" 07:00", "15:30")
			f.work(d+" 07:00", "11:00", 0)
			f.work(d+" 11:30", "15:30", 0)
		}
		f.span("Wed 15:30", "07:00", 0, model.SpanOnCall)
		f.work("Thu 00:30", "01:30", 0)
		f.week.Spans[len(f.week.Spans)-1].Workday = f.start.AddDays(3)
		f.sched("Thu 07:00", "15:30")
		f.work("Thu 10:00", "12:00", 0)
		f.work("Thu 12:30", "15:30", 0)
		res := f.run()
		// Sleep 1.0 + 2 bonus (00:30, BEGIN) = 3; straight worked 45; S = 45 + 3 + 3 = 51 → OT 11.
		if hours(res, "SLEEP") != "3" || hours(res, "CALLBACK_GUARANTEE") != "3" || hours(res, "OT", "SHARE-OT-A") != "11" {
			t.Fatal(dump(res))
		}
	})
}

// TestSHARE_SLEEP_03 — "called back between the hours of 11:30pm – 4:30am AND chooses to take their
// sleep time hours at the beginning of their shift, they get a bonus of two additional hours (up to
// a maximum total of 8)". TC-DER-SL-04, SL-05, SL-06, OC-02.
func TestSHARE_SLEEP_03(t *testing.T) {
	cb := [][2]string{{"Wed 02:00", "03:00"}}
	checkSleep(t, map[string]sleepCase{
		"TC-DER-SL-04 BEGIN → 3.0":                 {callbacks: cb, position: "BEGIN", want: "3"},
		"TC-DER-SL-04 END by choice → 1.0":         {callbacks: cb, position: "END", want: "1"},
		"TC-DER-SL-04 END by operational need → 3": {callbacks: cb, position: "END_OPS", want: "3"},
		"TC-DER-SL-06 00:00–00:15 BEGIN → 3.0":     {callbacks: [][2]string{{"Wed 00:00", "00:15"}}, position: "BEGIN", want: "3"},
		"TC-DER-OC-02 two call-backs BEGIN → 4.5":  {prior: [2]string{"07:00", "15:00"}, callbacks: [][2]string{{"Tue 22:00", "23:00"}, {"Wed 00:30", "02:00"}}, position: "BEGIN", want: "4.5"},
		"TC-DER-OC-02 two call-backs END → 2.5":    {prior: [2]string{"07:00", "15:00"}, callbacks: [][2]string{{"Tue 22:00", "23:00"}, {"Wed 00:30", "02:00"}}, position: "END", want: "2.5"},
		"report 23:00 is before 23:30: no bonus":   {callbacks: [][2]string{{"Tue 23:00", "00:30"}}, position: "BEGIN", want: "1.5"},
	})
	// TC-DER-SL-05: call-back 23:45–06:30 (6.75) BEGIN → min(8, 8.75) = 8 when 8 h are unworked.
	// The 8 unworked hours bind as much as the cap here, so this case cannot tell the cap;
	// TestSHARE_SLEEP_03_CapBinds leaves 9 h unworked so that only the cap does.
	t.Run("TC-DER-SL-05 cap 8", func(t *testing.T) {
		c := sleepCase{prior: [2]string{"07:00", "15:00"}, callbacks: [][2]string{{"Tue 23:45", "06:30"}}, want: "8"}
		res := runSleep(t, c) // next shift not worked at all: 8 h unworked
		if hours(res, "SLEEP") != "8" {
			t.Fatal(dump(res))
		}
	})
}

// TestSHARE_SLEEP_04 — "When a SHARE member has worked a 10 or 12-hour shift before being on-call,
// the relevant hours are 7pm to 7am, rather than 11pm to 7am". TC-DER-SL-01.
func TestSHARE_SLEEP_04(t *testing.T) {
	checkSleep(t, map[string]sleepCase{
		"TC-DER-SL-01 12 h prior, call-back 20:00–22:00 → 2.0": {prior: [2]string{"07:00", "19:00"}, callbacks: [][2]string{{"Tue 20:00", "22:00"}}, position: "BEGIN", want: "2"},
		"8 h prior: the same call-back earns nothing":          {callbacks: [][2]string{{"Tue 20:00", "22:00"}}, position: "BEGIN", want: "0"},
	})
}

// TestSHARE_SLEEP_05 — "the call back time continues until 1am, if the employee has worked an 8-hour
// shift or less, or has the day off prior to being on call, the relevant hours are 9pm to 7am".
// TC-DER-SL-02 and SL-03.
func TestSHARE_SLEEP_05(t *testing.T) {
	checkSleep(t, map[string]sleepCase{
		"TC-DER-SL-02 21:30–01:00 → 3.5":            {callbacks: [][2]string{{"Tue 21:30", "01:00"}}, position: "BEGIN", want: "3.5"},
		"TC-DER-SL-03 21:30–00:30 → 1.5":            {callbacks: [][2]string{{"Tue 21:30", "00:30"}}, position: "BEGIN", want: "1.5"},
		"day off before on call, 21:30–01:00 → 3.5": {prior: [2]string{"-", ""}, callbacks: [][2]string{{"Tue 21:30", "01:00"}}, position: "BEGIN", want: "3.5"},
	})
}

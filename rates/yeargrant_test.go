package rates

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// PSU-20.3's schedule as a year_grant: "Date of Hire into Unit | Personal Leave Days Credited":
// January 1 to February 29 → 5, March 1 to April 30 → 4, May 1 to June 30 → 3, July 1 to August
// 31 → 2, September 1 to October 31 → 1, November 1 to December 31 → none. HireDaysOn reads the
// row holding a date; a table that does not start on 01-01, is not ascending or is not MM-DD, and a
// second year_grant in one plan, are refused at load.
func TestPSU_20_3_YearGrantProfile(t *testing.T) {
	const table = `{"days": 6, "day_hours": "7.5", "hire_days": [
	  {"from": "01-01", "days": 5}, {"from": "03-01", "days": 4}, {"from": "05-01", "days": 3},
	  {"from": "07-01", "days": 2}, {"from": "09-01", "days": 1}, {"from": "11-01", "days": 0}]}`
	load := func(banks string) (*AccrualProfile, error) {
		var p AccrualProfile
		if err := json.Unmarshal([]byte(`{"full_time_hours": "37.5", "plans": {"": {"banks": [`+banks+`]}}}`), &p); err != nil {
			t.Fatal(err)
		}
		return &p, p.Validate()
	}
	p, err := load(`{"bank": "PERSONAL", "rule_id": "PSU-20.3", "year_grant": ` + table + `}`)
	if err != nil {
		t.Fatal(err)
	}
	g := p.Plan("").Rule("PERSONAL").Grant
	if g.Days != 6 || g.DayHours != 27000 {
		t.Errorf("days %d, day hours %d s, want 6 and 7.5 h = 27000 s", g.Days, g.DayHours)
	}
	for _, c := range []struct {
		m    time.Month
		d    int
		want int
	}{{1, 1, 5}, {2, 29, 5}, {3, 1, 4}, {3, 10, 4}, {4, 30, 4}, {5, 1, 3}, {6, 30, 3}, {7, 1, 2}, {8, 31, 2}, {9, 1, 1}, {10, 31, 1}, {11, 1, 0}, {12, 31, 0}} {
		if got := g.HireDaysOn(c.m, c.d); got != c.want {
			t.Errorf("hired %02d-%02d: %d days, want %d", c.m, c.d, got, c.want)
		}
	}
	for _, bad := range []string{
		`{"bank": "PERSONAL", "rule_id": "PSU-20.3", "year_grant": {"days": 6, "day_hours": "7.5", "hire_days": [{"from": "03-01", "days": 4}]}}`,
		`{"bank": "PERSONAL", "rule_id": "PSU-20.3", "year_grant": {"days": 6, "day_hours": "7.5", "hire_days": [{"from": "01-01", "days": 5}, {"from": "01-01", "days": 4}]}}`,
		`{"bank": "PERSONAL", "rule_id": "PSU-20.3", "year_grant": {"days": 6, "day_hours": "7.5", "hire_days": [{"from": "1/1", "days": 5}]}}`,
		`{"bank": "PERSONAL", "rule_id": "PSU-20.3", "year_grant": {"days": 6}}`,
		`{"bank": "PERSONAL", "rule_id": "PSU-20.3", "year_grant": ` + table + `}, {"bank": "VACATION", "rule_id": "PSU-20.3", "year_grant": ` + table + `}`,
	} {
		if _, err := load(bad); err == nil || !strings.Contains(err.Error(), "year_grant") {
			t.Errorf("%s: error %v, want one naming year_grant", bad, err)
		}
	}
}

package ingest

import (
	"fmt"
	"io"
	"os"
	"slices"
	"unicode/utf8"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
)

const (
	rPerson = iota
	rName
	rRuleSet
	rBaseRate
	rSalary
	rBudgeted
	rHomeShift
	rScheduleType
	rWeekdayOnly
	rTimeOff
	rSeniority
	rHire
	rCompElect
	rHolidayElect
	rZone
	rOnCall
	rAccount
	rWeeks
	rCompApproved
	rOnCallSystem
	rContractStart
	rContractEnd
)

var rosterColumns = []column{
	rPerson:       {"PERSONNUM", true},
	rName:         {"NAME", false},
	rRuleSet:      {"RULESET", true},
	rBaseRate:     {"BASE_RATE", false},
	rSalary:       {"ANNUAL_SALARY", false},
	rBudgeted:     {"BUDGETED_WEEKLY_HOURS", true},
	rHomeShift:    {"HOME_SHIFT", true},
	rScheduleType: {"SCHEDULE_TYPE", false},
	rWeekdayOnly:  {"WEEKDAY_ONLY", false},
	rTimeOff:      {"TIMEOFF_SYSTEM", false},
	rSeniority:    {"SENIORITY_DATE", true},
	rHire:         {"HIRE_DATE", false},
	rCompElect:    {"COMP_ELECT", false},
	rHolidayElect: {"HOLIDAY_ELECT", false},
	rZone:         {"SITE_ZONE", false},
	rOnCall:       {"ONCALL_APPROVED", false},
	rAccount:      {"LABORACCOUNT", false},
	rWeeks:        {"APPOINTMENT_WEEKS", false},
	rCompApproved: {"COMP_APPROVED", false},
	rOnCallSystem: {"ONCALL_SYSTEM", false},
	// A non-unit employment contract (NUT-I.C).
	rContractStart: {"CONTRACT_START", false},
	rContractEnd:   {"CONTRACT_END", false},
}

// maxBudgetedSeconds is a week: more budgeted hours than that is a typing error.
const maxBudgetedSeconds = 168 * 3600

// ReadRoster reads the employee roster. Which rule sets exist, and whether an employee's options
// fit the rule set (TIMEOFF_SYSTEM for SHARE, a HOLIDAY_ELECT the contract offers), is checked
// later against the rate profiles; here values only have to be ones the format allows. A
// PERSONNUM seen before, even on a rejected row, rejects the row as DUPLICATE_EMPLOYEE: paying
// either row would be a guess.
func ReadRoster(r io.Reader, file string, reject func(model.Reject)) ([]model.Employee, Stats, error) {
	var emps []model.Employee
	if f, ok := r.(interface{ Stat() (os.FileInfo, error) }); ok {
		// A roster row is rarely under 64 bytes: reserving by file size saves growing a large
		// slice of employees by copying it over and over.
		if st, err := f.Stat(); err == nil && st.Size() > 0 {
			emps = make([]model.Employee, 0, st.Size()/64+1)
		}
	}
	stats, err := EachRoster(r, file, func(e *model.Employee) { emps = append(emps, *e) }, reject)
	return emps, stats, err
}

// EachRoster is ReadRoster handing each accepted row to emit instead of keeping them, for a close
// that spills the roster (duplicates are found in any order, as ReadRoster finds them). The
// *model.Employee given to emit is reused for the next row.
func EachRoster(r io.Reader, file string, emit func(*model.Employee), reject func(model.Reject)) (Stats, error) {
	var seen seenIDs
	return readRoster(r, file, reject, seen.dup, emit)
}

// seenIDs remembers each roster id's first row, to find duplicates in any order. A map keyed by
// the id string cost 0.45 s and about 80 MB at a million employees, its keys scanned by the
// collector. The usual PERSONNUM is all digits and is kept by its IDKey. A key above every key
// before it, as in a roster sorted by id, cannot have been seen: it goes at the end of a rising
// list, 16 bytes an id. A key below the list's last is searched for in the list and kept in a map
// of its own: a roster sorted by id with a few rows out of place (a duplicate, a late hire) keeps
// a short map. Putting the whole list in a map at the first key out of order, as before, held
// 516 MB of map at 10M employees.
type seenIDs struct {
	keys  []uint64 // rising
	lines []int32
	pays  []int32 // the row's BASE_RATE, or minus its ANNUAL_SALARY: payRate gives one of the two
	num   map[uint64]firstRow
	str   map[string]firstRow // ids that are not all digits
}

func (s *seenIDs) dup(e *model.Employee) (firstRow, bool) {
	row := firstRow{int(e.Line), e.BaseRate, e.AnnualSalary}
	k, ok := IDKey(e.ID)
	if !ok {
		if s.str == nil {
			s.str = map[string]firstRow{}
		}
		first, ok := s.str[e.ID]
		if !ok {
			s.str[e.ID] = row
		}
		return first, ok
	}
	pay := int64(e.BaseRate)
	if e.AnnualSalary != 0 {
		pay = -int64(e.AnnualSalary)
	}
	// A pay that does not fit 32 bits ($214,748.3647 an hour, $21M a year) or a row with both
	// (rejected anyway) goes to the map.
	if n := len(s.keys); (n == 0 || k > s.keys[n-1]) && (e.BaseRate == 0 || e.AnnualSalary == 0) && pay == int64(int32(pay)) {
		// Not in num either: a key put there was below the list's last then, and the list only rises.
		s.keys, s.lines, s.pays = append(s.keys, k), append(s.lines, e.Line), append(s.pays, int32(pay))
		return firstRow{}, false
	}
	if i, found := slices.BinarySearch(s.keys, k); found {
		first := firstRow{line: int(s.lines[i])}
		if p := int64(s.pays[i]); p >= 0 {
			first.rate = rates.Rate(p)
		} else {
			first.salary = rates.Money(-p)
		}
		return first, true
	}
	if s.num == nil {
		s.num = map[uint64]firstRow{}
	}
	first, ok := s.num[k]
	if !ok {
		s.num[k] = row
	}
	return first, ok
}

// IDKey is the key of an all-digit id of up to 17 digits: its value and its length (so 007 and 7
// stay two ids; 10^17 < 2^57, 5 bits of length), false for any other id. Keys of one length
// order as the ids do.
func IDKey(id string) (uint64, bool) {
	if len(id) == 0 || len(id) > 17 {
		return 0, false
	}
	var v uint64
	for i := 0; i < len(id); i++ {
		c := id[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		v = v*10 + uint64(c-'0')
	}
	return v<<5 | uint64(len(id)), true
}

// StreamRoster reads the roster row by row, for a close that streams inputs sorted by employee id.
// It remembers only the previous row, so it catches a duplicate next to its first row; in a
// roster sorted by id every duplicate is, and the caller checks the order. The *model.Employee
// given to emit is reused for the next row.
func StreamRoster(r io.Reader, file string, emit func(*model.Employee), reject func(model.Reject)) (Stats, error) {
	var prevID string
	var prev firstRow
	dup := func(e *model.Employee) (firstRow, bool) {
		if e.ID == prevID {
			return prev, true
		}
		prevID, prev = e.ID, firstRow{int(e.Line), e.BaseRate, e.AnnualSalary}
		return firstRow{}, false
	}
	return readRoster(r, file, reject, dup, emit)
}

// firstRow is what is kept of an employee's first roster row, to name a duplicate's conflict.
type firstRow struct {
	line   int
	rate   rates.Rate
	salary rates.Money
}

// readRoster parses rows; dup reports whether an id was seen before (and its first row).
func readRoster(r io.Reader, file string, reject func(model.Reject), dup func(e *model.Employee) (firstRow, bool), emit func(*model.Employee)) (Stats, error) {
	var stats Stats
	t, err := openTable(r, file, rosterColumns, &stats, reject)
	if err != nil {
		return stats, err
	}
	if t.idx[rBaseRate] < 0 && t.idx[rSalary] < 0 {
		return stats, fmt.Errorf("%s: missing required column BASE_RATE or ANNUAL_SALARY", file)
	}
	zones, ruleSets := map[string]bool{}, map[string]string{}
	// One Employee for every row: dup and emit take its address, which moved a fresh one to the
	// heap for each row (the roster's largest allocation).
	var e model.Employee
	for {
		fields, line, err := t.next()
		if err == io.EOF {
			return stats, nil
		}
		if err != nil {
			return stats, err
		}
		var p problem
		e = parseEmployee(t, fields, line, zones, ruleSets, &p)
		if e.ID != "" {
			if first, isDup := dup(&e); isDup {
				p.add(ReasonDuplicateEmployee, "PERSONNUM", t.field(fields, rPerson), duplicateDetail(first, &e))
			}
		}
		if p.set {
			t.reject(line, &p, t.field(fields, rPerson), 0, true)
			continue
		}
		stats.Emitted++
		emit(&e)
	}
}

// maxRuleSets bounds the rule set names parseEmployee remembers; a roster has a handful.
const maxRuleSets = 256

// parseEmployee reads one roster row. ruleSets maps the upper-case RULESET text to its string, so
// a name repeated on every row is not a new string on every row.
func parseEmployee(t *table, fields [][]byte, line int, zones map[string]bool, ruleSets map[string]string, p *problem) model.Employee {
	f := func(wi int) []byte { return t.field(fields, wi) }
	e := model.Employee{Line: int32(line), Hire: model.NoDate, OnCallApproved: true}
	var upper [64]byte

	if id := f(rPerson); len(id) == 0 {
		p.add(ReasonMissingField, "PERSONNUM", nil, "the employee id (PERSONNUM) is empty")
	} else if !utf8.Valid(id) {
		p.add(ReasonBadText, "PERSONNUM", id, detailText)
	} else {
		e.ID = string(id)
	}
	e.Name = valueString(f(rName))
	if rs := f(rRuleSet); len(rs) == 0 {
		p.add(ReasonMissingField, "RULESET", nil, "the rule set (RULESET) is empty, e.g. SHARE")
	} else {
		up := upperInto(upper[:0], rs)
		name, ok := ruleSets[string(up)]
		if !ok {
			name = valueString(up)
			if len(ruleSets) < maxRuleSets {
				ruleSets[string(up)] = name
			}
		}
		e.RuleSet = name
	}

	e.BaseRate, e.AnnualSalary = payRate(f(rBaseRate), f(rSalary), p)

	if b := f(rBudgeted); len(b) == 0 {
		p.add(ReasonMissingField, "BUDGETED_WEEKLY_HOURS", nil, "budgeted weekly hours are empty, e.g. 40 or 37.5")
	} else if h, ok := ParseHours(b, false); !ok || h.Seconds() > maxBudgetedSeconds {
		p.add(ReasonBadHours, "BUDGETED_WEEKLY_HOURS", b, detailHours+", at most 168 a week")
	} else {
		e.BudgetedWeekly = h.Seconds()
	}

	if v := f(rHomeShift); len(v) == 0 {
		p.add(ReasonMissingField, "HOME_SHIFT", nil, "the home shift is empty: DAY, EVENING or NIGHT")
	} else if i, ok := enumIndex(v, "DAY", "EVENING", "NIGHT"); ok {
		e.HomeShift = model.Shift(i)
	} else {
		p.add(ReasonBadEnum, "HOME_SHIFT", v, "expected DAY, EVENING or NIGHT")
	}

	if v := f(rScheduleType); len(v) > 0 {
		if i, ok := enumIndex(v, "STANDARD", "FLEX", "FIXED"); ok {
			e.ScheduleType = model.ScheduleType(i)
		} else {
			p.add(ReasonBadEnum, "SCHEDULE_TYPE", v, "expected STANDARD, FLEX or FIXED (empty means STANDARD)")
		}
	}
	e.WeekdayOnly = yesNo(f(rWeekdayOnly), "WEEKDAY_ONLY", false, p)
	if v := f(rTimeOff); len(v) > 0 {
		if i, ok := enumIndex(v, "EARNED", "TRADITIONAL"); ok {
			e.TimeOff = [...]string{"EARNED", "TRADITIONAL"}[i]
		} else {
			p.add(ReasonBadEnum, "TIMEOFF_SYSTEM", v, "expected EARNED or TRADITIONAL")
		}
	}

	if v := f(rSeniority); len(v) == 0 {
		p.add(ReasonMissingField, "SENIORITY_DATE", nil, "the seniority date is empty; "+detailDate)
	} else if d, ok := t.dates.date(v); ok {
		e.Seniority = d
	} else {
		p.add(ReasonBadDate, "SENIORITY_DATE", v, detailDate)
	}
	if v := f(rHire); len(v) > 0 {
		if d, ok := t.dates.date(v); ok {
			e.Hire = d
		} else {
			p.add(ReasonBadDate, "HIRE_DATE", v, detailDate+" (or leave it empty)")
		}
	}

	e.CompElect = yesNo(f(rCompElect), "COMP_ELECT", false, p)
	if v := f(rHolidayElect); len(v) > 0 {
		names := [...]string{"BANK", "PAYOUT", "DAYOFF", "DOUBLE", "PAY_PLUS_COMP"}
		if i, ok := enumIndex(v, names[:]...); ok {
			e.HolidayElect = names[i]
		} else {
			p.add(ReasonBadEnum, "HOLIDAY_ELECT", v, "expected BANK, PAYOUT, DAYOFF, DOUBLE or PAY_PLUS_COMP")
		}
	}
	if v := f(rZone); len(v) > 0 {
		e.Zone = string(v)
		if !validZone(e.Zone, zones) {
			p.add(ReasonBadZone, "SITE_ZONE", v, "expected an IANA time zone like America/New_York (or leave it empty)")
		}
	}
	e.OnCallApproved = yesNo(f(rOnCall), "ONCALL_APPROVED", true, p)
	// The home labor account: pay lines that come from no punch row (automatic holiday pay, comp
	// credits, salary continuation) are charged to it (FORMATS: "roster LABORACCOUNT (home account
	// for lines with no punch row)").
	if v := f(rAccount); len(v) > 0 {
		if utf8.Valid(v) {
			e.Account = string(v)
		} else {
			p.add(ReasonBadText, "LABORACCOUNT", v, detailText)
		}
	}
	// Exempt staff: a 43-week appointment, the department head's comp approval and the
	// department's on-call system (PSU-18.2-B, PSU-18.3-A; NUT-VI).
	if v := f(rWeeks); len(v) > 0 {
		if i, ok := enumIndex(v, "52", "43"); ok {
			e.Weeks43 = i == 1
		} else {
			p.add(ReasonBadEnum, "APPOINTMENT_WEEKS", v, "expected 52 or 43 (empty means 52)")
		}
	}
	e.CompApproved = yesNo(f(rCompApproved), "COMP_APPROVED", false, p)
	if v := f(rOnCallSystem); len(v) > 0 {
		if i, ok := enumIndex(v, "NONE", "FORMAL"); ok {
			e.OnCallFormal = i == 1
		} else {
			p.add(ReasonBadEnum, "ONCALL_SYSTEM", v, "expected NONE or FORMAL (empty means NONE)")
		}
	}
	e.ContractStart, e.ContractEnd = model.NoDate, model.NoDate
	if start, end := f(rContractStart), f(rContractEnd); len(start)+len(end) > 0 {
		e.ContractStart = p.date(&t.dates, start, "CONTRACT_START", "the employment contract's first day (with CONTRACT_END)")
		e.ContractEnd = p.date(&t.dates, end, "CONTRACT_END", "the employment contract's last day (with CONTRACT_START)")
		if !p.set && e.ContractEnd < e.ContractStart {
			p.add(ReasonBadDate, "CONTRACT_END", end, "expected the contract's last day on or after CONTRACT_START")
		}
	}
	return e
}

// validZone loads each distinct zone once; "Local" is refused because it would make the output
// depend on the machine the run happens on.
func validZone(name string, cache map[string]bool) bool {
	ok, seen := cache[name]
	if !seen {
		_, err := calendars.LoadZone(name)
		ok = err == nil && name != "Local"
		cache[name] = ok
	}
	return ok
}

func enumIndex(v []byte, names ...string) (int, bool) {
	for i, n := range names {
		if equalFoldASCII(v, n) {
			return i, true
		}
	}
	return 0, false
}

// yesNo reads a Y/N flag; empty is the default.
func yesNo(v []byte, col string, def bool, p *problem) bool {
	if len(v) == 0 {
		return def
	}
	i, ok := enumIndex(v, "Y", "N", "YES", "NO")
	if !ok {
		p.add(ReasonBadEnum, col, v, "expected Y or N")
		return def
	}
	return i%2 == 0
}

// duplicateDetail names the earlier row and, when the two rows pay differently, the conflict.
func duplicateDetail(first firstRow, e *model.Employee) string {
	d := fmt.Sprintf("this employee id is already on line %d of the roster", first.line)
	switch {
	case first.rate != e.BaseRate && first.rate > 0 && e.BaseRate > 0:
		d += fmt.Sprintf(" with BASE_RATE %s; this row says %s (which is right?)", first.rate, e.BaseRate)
	case first.salary != e.AnnualSalary && first.salary > 0 && e.AnnualSalary > 0:
		d += fmt.Sprintf(" with ANNUAL_SALARY %s; this row says %s (which is right?)", first.salary, e.AnnualSalary)
	case first.rate != e.BaseRate || first.salary != e.AnnualSalary:
		d += "; the two rows give different pay (BASE_RATE or ANNUAL_SALARY)"
	}
	return d
}

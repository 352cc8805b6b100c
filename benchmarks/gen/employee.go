package gen

import (
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
)

const (
	rosterHeader   = "PERSONNUM,NAME,RULESET,BASE_RATE,ANNUAL_SALARY,BUDGETED_WEEKLY_HOURS,HOME_SHIFT,SCHEDULE_TYPE,WEEKDAY_ONLY,TIMEOFF_SYSTEM,SENIORITY_DATE,HIRE_DATE,COMP_ELECT,HOLIDAY_ELECT,ONCALL_APPROVED\r\n"
	scheduleHeader = "PERSONNUM,SHIFTDATE,START,END\r\n"
	punchHeader    = "PERSONNUM,PERSONFULLNAME,EVENTDATE,PAYCODENAME,PUNCHDTM,ENDPUNCHDTM,HOURS,LABORACCOUNT,WORKRULE\r\n"
)

// firstID is the first employee id. Ids step by 2 so that an unknown employee (a bad row) can take
// the odd id right after a real one and the file stays sorted.
const firstID = 10_000_000

// ruleSet is what the generator needs to know about one rule set of the mix.
type ruleSet struct {
	name     string
	weight   int
	family   string   // "share", "psu", "nonunit" or other
	earned   []string // PTO codes for EARNED time-off staff (SHARE)
	pto      []string // PTO codes for everybody else
	onCall   bool     // ON CALL is a pay code of the profile
	holiday  bool     // HOLIDAY is a pay code of the profile
	observed [7]bool  // observed holidays in the week
	accounts []string
}

type generator struct {
	cfg      Config
	sets     []ruleSet
	total    int
	dates    *dateTexts
	src      *rand.PCG
	r        *rand.Rand
	rows     []row
	buf      []byte
	stats    Stats
	shuffled rowStore
	// rows of unknown employees (bad rows), written after the current employee's rows
	pendingStranger []row
}

func newGenerator(cfg Config) (*generator, error) {
	if cfg.Employees < 1 {
		return nil, errNoEmployees
	}
	if cfg.Employees > 40_000_000 {
		return nil, fmt.Errorf("gen: at most 40,000,000 employees (8-digit ids)")
	}
	if cfg.Registry == nil {
		cfg.Registry = rates.Default
	}
	if cfg.Mix == nil {
		cfg.Mix = DefaultMix(cfg.Registry)
	}
	if cfg.BadPer10k == 0 {
		cfg.BadPer10k = DefaultBadPer10k
	}
	g := &generator{cfg: cfg, src: rand.NewPCG(0, 0)}
	g.r = rand.New(g.src)
	// Day -1 .. 7: nothing is dated outside the week, but a Saturday night ends on day 7.
	g.dates = newDateTexts(cfg.Week, -1, 8)
	for _, w := range cfg.Mix {
		if w.Weight == 0 {
			continue
		}
		rs, err := g.ruleSet(w)
		if err != nil {
			return nil, err
		}
		g.sets = append(g.sets, rs)
		g.total += w.Weight
	}
	if g.total == 0 {
		return nil, fmt.Errorf("gen: the mix %s has no weight", cfg.Mix)
	}
	return g, nil
}

// ruleSet reads the profile so that only pay codes the rule set knows are written: a generated
// row is either good or one of the deliberately bad ones, never accidentally bad.
func (g *generator) ruleSet(w Weight) (ruleSet, error) {
	rs := ruleSet{name: w.RuleSet, weight: w.Weight}
	prof, err := g.cfg.Registry.Lookup(w.RuleSet, g.cfg.Week.Time())
	if err != nil {
		return rs, fmt.Errorf("gen: %w", err)
	}
	if prof.WeekStart() != g.cfg.Week.Weekday() {
		return rs, fmt.Errorf("gen: week %s is a %s but %s weeks start on %s", g.cfg.Week, g.cfg.Week.Weekday(), rs.name, prof.WeekStart())
	}
	rs.family = prof.Family
	has := func(c string) bool { _, ok := prof.PayCodes[c]; return ok }
	for _, c := range []string{"EARNED TIME", "EARNED TIME", "EARNED TIME", "SICK"} {
		if has(c) {
			rs.earned = append(rs.earned, c)
		}
	}
	for _, c := range []string{"VACATION", "VACATION", "VACATION", "SICK", "SICK", "PERSONAL", "ESL"} {
		if has(c) {
			rs.pto = append(rs.pto, c)
		}
	}
	if len(rs.earned) == 0 {
		rs.earned = rs.pto
	}
	rs.onCall, rs.holiday = has("ON CALL"), has("HOLIDAY")
	if cal, err := calendars.CalendarFor(rs.name); err == nil {
		for d := 0; d < 7; d++ {
			_, rs.observed[d] = cal.ObservedOn(g.cfg.Week.AddDays(d))
		}
	}
	site := "UMMH"
	if rs.family == "psu" {
		site = "PSU"
	}
	rs.accounts = accounts(site)
	return rs, nil
}

// Home shifts and their templates: start minute of the day by shift length (8, 10, 12 h). Every
// template has a 30-minute meal, punched as two rows.
const (
	day = iota
	evening
	night
)

var shiftNames = [...]string{"DAY", "EVENING", "NIGHT"}

var templateStart = [3][3]int{
	day:     {7 * 60, 7 * 60, 7 * 60},    // 07:00-15:30, 07:00-17:30, 07:00-19:30
	evening: {15 * 60, 13 * 60, 11 * 60}, // 15:00-23:30, 13:00-23:30, 11:00-23:30
	night:   {23 * 60, 21 * 60, 19 * 60}, // 23:00-07:30, 21:00-07:30, 19:00-07:30
}

// employee is one roster row's plan for the week.
type employee struct {
	id          int64
	name        string
	set         *ruleSet
	shift       int
	hours       int // shift length: 8, 10 or 12
	days        [7]bool
	weekdayOnly bool
	iso         bool // writes ISO dates (web-timecard edits)
	account     string
	timeOff     string
	chargePct   int
	preceptPct  int
	onCallOK    bool
}

// row is one punch-export row before formatting. Times are minutes since the week start, wall
// clock; in < 0 means no punches.
type row struct {
	emp     int64
	day     int
	code    string
	in, out int
	hours   string
	rule    string
	pto     bool
}

func (g *generator) pct(p int) bool { return g.r.IntN(100) < p }

func (g *generator) employee(i int, roster, schedule, punches io.Writer) {
	g.src.Seed(g.cfg.Seed, uint64(i))
	e := g.plan(i)
	g.writeRoster(&e, roster)
	g.stats.Employees++
	g.rows = g.rows[:0]
	g.shifts(&e, schedule)
	sortRows(g.rows)
	for k := range g.rows {
		g.writePunch(&e, &g.rows[k], punches)
	}
	for k := range g.pendingStranger {
		g.emit(&e, &g.pendingStranger[k], -1, punches)
	}
	g.pendingStranger = g.pendingStranger[:0]
}

func (g *generator) plan(i int) employee {
	r := g.r
	e := employee{id: firstID + 2*int64(i)}
	pick := r.IntN(g.total)
	for k := range g.sets {
		if pick < g.sets[k].weight {
			e.set = &g.sets[k]
			break
		}
		pick -= g.sets[k].weight
	}
	first, last := firstNames[r.IntN(len(firstNames))], lastNames[r.IntN(len(lastNames))]
	if g.pct(2) {
		e.name = last + ", " + first // quoted in the CSV
	} else {
		e.name = first + " " + last
	}
	switch x := r.IntN(100); {
	case x < 55:
		e.shift = day
	case x < 80:
		e.shift = evening
	default:
		e.shift = night
	}
	switch x := r.IntN(100); {
	case x < 60:
		e.hours = 8
	case x < 75:
		e.hours = 10
	default:
		e.hours = 12
	}
	n := [...]int{5, 4, 3}[(e.hours-8)/2] // 40, 40 and 36 hours a week
	if e.hours == 8 {
		switch x := r.IntN(100); {
		case x < 15:
			n = 4
		case x < 30:
			n = 3
		}
	}
	if e.shift == day && e.hours == 8 && n == 5 && g.pct(40) {
		e.weekdayOnly = true
		for d := 1; d <= 5; d++ {
			e.days[d] = true
		}
	} else {
		var perm [7]int
		for k := range perm {
			perm[k] = k
		}
		for k := 0; k < n; k++ {
			j := k + r.IntN(7-k)
			perm[k], perm[j] = perm[j], perm[k]
			e.days[perm[k]] = true
		}
	}
	e.iso = g.pct(2)
	e.account = e.set.accounts[r.IntN(len(e.set.accounts))]
	if g.pct(12) {
		e.chargePct = 40
	}
	if g.pct(6) {
		e.preceptPct = 50
	}
	e.onCallOK = g.pct(20)
	return e
}

func (g *generator) writeRoster(e *employee, w io.Writer) {
	r := g.r
	b := strconv.AppendInt(g.buf[:0], e.id, 10)
	b = append(b, ',')
	b = appendField(b, e.name)
	b = append(b, ',')
	b = append(b, e.set.name...)
	b = append(b, ',')
	cents := int64(1850 + r.IntN(3400))
	if e.set.family == "psu" && g.pct(40) {
		b = append(b, ',')
		b = strconv.AppendInt(b, cents*1950/100, 10) // annual salary, whole dollars
	} else {
		b = appendCents(b, cents)
		b = append(b, ',')
	}
	days := 0
	for _, d := range e.days {
		if d {
			days++
		}
	}
	b = append(b, ',')
	b = strconv.AppendInt(b, int64(days*e.hours), 10)
	b = append(b, ',')
	b = append(b, shiftNames[e.shift]...)
	if e.hours == 8 {
		b = append(b, ",STANDARD,"...)
	} else {
		b = append(b, ",FLEX,"...)
	}
	if e.weekdayOnly {
		b = append(b, 'Y')
	} else {
		b = append(b, 'N')
	}
	b = append(b, ',')
	seniority := g.cfg.Week.AddDays(-r.IntN(36 * 365))
	if e.set.family == "share" {
		e.timeOff = "EARNED"
		if seniority < calendars.NewDate(2004, 1, 1) && g.pct(80) {
			e.timeOff = "TRADITIONAL"
		}
		b = append(b, e.timeOff...)
	}
	b = append(b, ',')
	b = append(b, seniority.String()...)
	b = append(b, ',')
	if !g.pct(10) {
		b = append(b, seniority.String()...)
	}
	b = append(b, ',')
	if e.set.family == "psu" && g.pct(20) {
		b = append(b, 'Y')
	} else {
		b = append(b, 'N')
	}
	b = append(b, ',')
	switch e.set.family {
	case "share":
		b = append(b, [...]string{"BANK", "PAYOUT", "DAYOFF", ""}[r.IntN(4)]...)
	case "psu":
		b = append(b, [...]string{"DOUBLE", "PAY_PLUS_COMP"}[r.IntN(2)]...)
	}
	b = append(b, ',')
	if e.onCallOK {
		b = append(b, 'Y')
	} else {
		b = append(b, 'N')
	}
	b = append(b, '\r', '\n')
	g.buf = b
	w.Write(b)
	g.stats.RosterRows++
}

// shifts writes the posted schedule and plans the punch rows: worked shifts with jitter, meals,
// extensions and work rules; PTO and holiday rows in place of some shifts; an extra shift (weekly
// overtime); an on-call span with a call-back.
func (g *generator) shifts(e *employee, schedule io.Writer) {
	r := g.r
	start := templateStart[e.shift][(e.hours-8)/2]
	length := e.hours*60 + 30
	ptoDays := 0
	if g.pct(12) {
		ptoDays = 1
		if g.pct(20) {
			ptoDays = 2
		}
	}
	for d := 0; d < 7; d++ {
		if !e.days[d] {
			continue
		}
		s := d*1440 + start
		b := strconv.AppendInt(g.buf[:0], e.id, 10)
		b = append(b, ',')
		b = g.dates.date(b, d, false)
		b = append(b, ',')
		b = g.dates.dateTime(b, s, false)
		b = append(b, ',')
		b = g.dates.dateTime(b, s+length, false)
		b = append(b, '\r', '\n')
		g.buf = b
		schedule.Write(b)
		g.stats.ScheduleRows++

		switch {
		case e.weekdayOnly && e.set.observed[d] && e.set.holiday:
			g.rows = append(g.rows, row{emp: e.id, day: d, code: "HOLIDAY", in: -1, hours: g.hoursText(e.hours), pto: true})
		case ptoDays > 0 && g.pct(30) && len(e.set.pto) > 0:
			ptoDays--
			codes := e.set.pto
			if e.timeOff == "EARNED" {
				codes = e.set.earned
			}
			g.rows = append(g.rows, row{emp: e.id, day: d, code: codes[r.IntN(len(codes))], in: -1, hours: g.hoursText(e.hours), pto: true})
		default:
			g.worked(e, s, length, d)
		}
	}
	// Off days, in a random order: the first may carry an on-call span, the next an extra shift.
	var off [7]int
	n := 0
	for d := 0; d < 7; d++ {
		if !e.days[d] {
			off[n] = d
			n++
		}
	}
	r.Shuffle(n, func(i, j int) { off[i], off[j] = off[j], off[i] })
	k := 0
	if e.onCallOK && e.set.onCall && k < n && g.pct(40) {
		// 08:00-18:00 on an off day cannot touch any template shift of the day before or after.
		d := off[k]
		k++
		g.rows = append(g.rows, row{emp: e.id, day: d, code: "ON CALL", in: d*1440 + 8*60, out: d*1440 + 18*60})
		if g.pct(50) {
			cb := d*1440 + 10*60 + r.IntN(4)*60
			g.rows = append(g.rows, row{emp: e.id, day: d, in: cb + g.jitter(false), out: cb + 150 + r.IntN(60) + g.jitter(false)})
		}
	}
	if k < n && g.pct(8) {
		g.worked(e, off[k]*1440+start, length, off[k])
	}
}

// worked adds the rows of one shift: two rows around the meal (a few shifts have a single row and
// get an automatic meal deduction), sometimes a late out or a separate extension row at
// management request, and charge or preceptor work rules.
func (g *generator) worked(e *employee, s, length, d int) {
	r := g.r
	rule := ""
	secondOnly := false
	switch {
	case e.chargePct > 0 && g.pct(e.chargePct):
		rule = "CHARGE"
		secondOnly = g.pct(30)
	case e.preceptPct > 0 && g.pct(e.preceptPct):
		rule = "PRECEPTOR"
	}
	end := s + length
	late := 0
	extRow := false
	if g.pct(10) {
		late = [...]int{15, 30, 45, 60, 120}[r.IntN(5)]
		extRow = late >= 30 && g.pct(30)
	}
	if g.pct(3) {
		out := end + g.jitter(true)
		if !extRow {
			out += late
		}
		g.rows = append(g.rows, row{emp: e.id, day: d, in: s + g.jitter(true), out: out, rule: rule})
	} else {
		meal := s + (length-30)/2
		first := rule
		if secondOnly {
			first = ""
		}
		g.rows = append(g.rows, row{emp: e.id, day: d, in: s + g.jitter(true), out: meal + g.jitter(true), rule: first})
		out := end + g.jitter(true)
		if !extRow {
			out += late
		}
		g.rows = append(g.rows, row{emp: e.id, day: d, in: meal + 30 + g.jitter(true), out: out, rule: rule})
	}
	if extRow {
		// Starts where the shift's out punch is (or a minute or two after), so the rounded spans
		// cannot overlap.
		prev := g.rows[len(g.rows)-1].out
		g.rows = append(g.rows, row{emp: e.id, day: d, in: prev + r.IntN(3), out: end + late + g.jitter(false), rule: "MGMT_REQUEST"})
	}
}

// jitter is how far a punch falls from the template minute: nearly always within the 7-minute
// rule's reach; wide adds some punches 8-12 minutes off (rounded to the next quarter).
func (g *generator) jitter(wide bool) int {
	if wide && g.pct(8) {
		j := 8 + g.r.IntN(5)
		if g.pct(50) {
			return -j
		}
		return j
	}
	return g.r.IntN(15) - 7
}

// hoursText writes a whole number of hours in one of the formats Kronos exports and clerks type.
func (g *generator) hoursText(h int) string {
	return hoursTexts[(h-8)/2][g.r.IntN(4)]
}

var hoursTexts = [3][4]string{
	{"8", "8.00", "8:00", "8.0"},
	{"10", "10.00", "10:00", "10.0"},
	{"12", "12.00", "12:00", "12.0"},
}

// sortRows orders an employee's rows by date and in punch (the export's order): insertion sort,
// a week has a dozen rows.
func sortRows(a []row) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && rowLess(&a[j], &a[j-1]); j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

func rowLess(a, b *row) bool {
	if a.day != b.day {
		return a.day < b.day
	}
	return a.in < b.in
}

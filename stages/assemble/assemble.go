// Package assemble turns one employee's typed input rows into a model.Week: wall clock to instants
// in the site's zone, punch rounding per the rule set, spans attributed to workdays (a shift belongs
// to the workday it starts on, or to the scheduled shift it adjoins), pay-code rows mapped through
// the rule set's pay-code table. Rows that cannot be paid become rejects with a reason.
package assemble

import (
	"cmp"
	"slices"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/model"
)

// Reject reasons raised here (ingest raises the row-level ones).
const (
	ReasonUnknownEmployee = "UNKNOWN_EMPLOYEE"
	ReasonOverlap         = "OVERLAPPING_SPAN"
	ReasonUnknownPayCode  = "UNKNOWN_PAYCODE"
	ReasonOutOfWeek       = "OUT_OF_WEEK"
	ReasonSpanTooLong     = "SPAN_TOO_LONG"
	ReasonOutBeforeIn     = "OUT_BEFORE_IN"
	ReasonDuplicateRow    = "DUPLICATE_ROW"
	ReasonImplausibleHrs  = "IMPLAUSIBLE_HOURS"
	// ReasonNonexistentTime: a punch or posted shift at a wall-clock time the site's clock never
	// showed, skipped by a forward change (2026-03-08 02:00-02:59 in New York). Read as it was,
	// 02:15 would be 03:15 and 02:15-03:30 paid 0.25 h, where a clock that had not been set
	// forward meant 1.25 h: neither can be known, so the row is the clerk's to correct.
	ReasonNonexistentTime = "NONEXISTENT_TIME"
)

// Input is everything known about one employee for the weeks being closed.
type Input struct {
	Emp      *model.Employee
	Profile  *rates.RuleSet
	Zone     calendars.Zone
	Punches  []model.Punch
	Schedule []model.Scheduled
	File     string // punches file name, for rejects
	// OnCallFile names the --oncall file, for rejects of its rows.
	OnCallFile string
	// ScheduleFile names the schedule file, for rejects of its rows.
	ScheduleFile string
	// MaxRowSeconds bounds the hours of one pay-code row (the rule set's limits.max_row_hours or
	// the run's override); 0 is no bound.
	MaxRowSeconds int64
	// Rates are the employee's rates.csv rows (any order); none: the roster's rate throughout.
	Rates []model.RatePeriod
}

// Builder keeps scratch memory between employees; one per worker.
type Builder struct {
	spans []model.Span
	sched []model.ScheduledShift
	dup   []int32          // per punch: 1 + the index of the row it duplicates, or 0
	ins   []int64          // per punch: its in punch, the field that tells rows apart first
	emps  []model.Employee // per week: the employee at the week's home rate (pays)
}

// fileOf names the file a row came from.
func (in *Input) fileOf(onCallFile bool) string {
	if onCallFile && in.OnCallFile != "" {
		return in.OnCallFile
	}
	return in.File
}

// maxPairwise is the group size up to which duplicates are found by comparing pairs; a larger
// group (a broken export) uses a map for that employee only.
const maxPairwise = 64

// markDuplicates finds punch rows equal in every field to an earlier row of the employee: a
// Kronos export can repeat a row, and paying both pays the hours twice. The first is kept.
func (b *Builder) markDuplicates(ps []model.Punch) []int32 {
	b.dup = slices.Grow(b.dup[:0], len(ps))[:len(ps)]
	clear(b.dup)
	if len(ps) <= maxPairwise {
		// sameRow's first test on a flat array: most pairs differ there, and a Punch is large.
		b.ins = b.ins[:0]
		sorted := true
		for i := range ps {
			b.ins = append(b.ins, ps[i].In)
			sorted = sorted && (i == 0 || ps[i].In >= ps[i-1].In)
		}
		run := 0 // rows in order of In (an export sorted by time): the first row with i's In
		for i := 1; i < len(ps); i++ {
			in := b.ins[i]
			if sorted && in != b.ins[i-1] {
				run = i // no earlier row has this In: nothing to compare
				continue
			}
			for j := run; j < i; j++ {
				if b.ins[j] == in && b.dup[j] == 0 && sameRow(&ps[i], &ps[j]) {
					b.dup[i] = int32(j + 1)
					break
				}
			}
		}
		return b.dup
	}
	first := make(map[model.Punch]int32, len(ps))
	for i := range ps {
		k := ps[i]
		k.Line, k.OnCallFile = 0, false
		if j, ok := first[k]; ok {
			b.dup[i] = j
		} else {
			first[k] = int32(i + 1)
		}
	}
	return b.dup
}

// sameRow compares every field of two rows; the line and the file they were read from are where
// the row is, not what it says.
func sameRow(a, b *model.Punch) bool {
	// Rows of one employee nearly always differ in their punches or date: decide on those before
	// copying and comparing the whole row (this was 5% of assemble and rules).
	if a.In != b.In || a.Out != b.Out || a.EventDate != b.EventDate || a.Seconds != b.Seconds {
		return false
	}
	x := *a
	x.Line, x.OnCallFile = b.Line, b.OnCallFile
	return x == *b
}

// rowSeconds is the hours a row carries: its span, else its HOURS.
func rowSeconds(p *model.Punch) int64 {
	if p.HasIn && p.HasOut {
		return p.Out - p.In
	}
	return p.Seconds
}

// wallText renders wall-clock seconds as the export writes them (2026-11-16 07:00): the value of
// a reject that names a punch column, as the reader's rejects give the column's text.
func wallText(wall int64) string {
	d := calendars.Date(calendars.FloorDiv(wall, 86400))
	sec := wall - int64(d)*86400
	h, m := sec/3600, sec%3600/60
	return d.String() + " " + string([]byte{byte('0' + h/10), byte('0' + h%10), ':', byte('0' + m/10), byte('0' + m%10)})
}

// punchText is the in punch of a span's row, for a reject's value.
func punchText(in *Input, sp *model.Span) string {
	for i := range in.Punches {
		if p := &in.Punches[i]; p.Line == sp.Line && p.OnCallFile == sp.OnCallFile && p.HasIn {
			return wallText(p.In)
		}
	}
	return ""
}

// Build fills weeks[k] with the employee-week starting at first+7k, for k < len(weeks). Every row
// lands in exactly one week or in reject: a row dated outside the range is OUT_OF_WEEK (it is
// another close's to pay), so input hours = paid hours + rejected hours holds.
func (b *Builder) Build(in *Input, first calendars.Date, weeks []model.Week, reject func(model.Reject)) {
	z := in.Zone
	n := calendars.Date(len(weeks))
	last := first + 7*n // exclusive
	for k := range weeks {
		w := &weeks[k]
		w.Emp = in.Emp
		w.Zone = z
		w.Start = first + calendars.Date(7*k)
		w.From = z.Instant(w.Start, 0)
		w.To = z.Instant(w.Start.AddDays(7), 0)
		w.Spans = w.Spans[:0]
		w.Absences = w.Absences[:0]
		w.Schedule = w.Schedule[:0]
		w.CarryIn, w.Carried = 0, w.Carried[:0]
		// A worker reuses its weeks for the next employee: what the pipeline set on them for
		// one employee (an employment ending, approval decisions) must not pay the next.
		w.Separation, w.Approvals, w.CompBalance = nil, nil, 0
		w.Balances, w.BalancesKnown = [len(model.BankNames)]rates.Hours{}, false
	}
	near := z.Near(weeks[0].From, weeks[len(weeks)-1].To)
	weekOf := func(d calendars.Date) *model.Week {
		if d < first || d >= last {
			return nil
		}
		return &weeks[(d-first)/7]
	}
	outOfRange := func(p *model.Punch, secs int64) {
		reject(rowReject(in, p, "EVENTDATE", p.EventDate.String(), ReasonOutOfWeek,
			"a date in the week(s) being closed, "+first.String()+" to "+(last-1).String(), secs))
	}

	// Each week sees the schedule from the day before to the day after it: shifts adjoining the
	// week's edges anchor workdays, and sleep time looks at the next day's schedule.
	for i := range in.Schedule {
		s := &in.Schedule[i]
		if !near.Exists(s.Start) || !near.Exists(s.End) {
			// A posted shift cannot start or end at a time that does not exist either; one
			// outside the weeks' reach is not read, as any other there.
			if s.Date >= first-1 && s.Date <= last {
				col, at := "START", s.Start
				if near.Exists(s.Start) {
					col, at = "END", s.End
				}
				reject(model.Reject{File: in.ScheduleFile, Line: s.Line, Column: col, Value: wallText(at), Reason: ReasonNonexistentTime,
					Detail: "expected " + nonexistent(z, at, "posted shift"), Employee: in.Emp.ID})
			}
			continue
		}
		start := wallInstant(&near, s.Start, false, 0)
		end := wallInstant(&near, s.End, true, start)
		for k := range weeks {
			w := &weeks[k]
			if s.Date >= w.Start-1 && s.Date <= w.Start+7 {
				w.Schedule = append(w.Schedule, model.ScheduledShift{Date: s.Date, Start: start, End: end})
			}
		}
	}
	for k := range weeks {
		sc := weeks[k].Schedule
		slices.SortFunc(sc, byScheduledStart)
	}

	dup := b.markDuplicates(in.Punches)
	spans := b.spans[:0]
	for i := range in.Punches {
		p := &in.Punches[i]
		if dup[i] != 0 {
			first := &in.Punches[dup[i]-1]
			where := ""
			if first.OnCallFile != p.OnCallFile {
				where = " of " + in.fileOf(first.OnCallFile)
			}
			reject(rowReject(in, p, "", "", ReasonDuplicateRow, "a row that is not an exact copy of an earlier one; this one repeats line "+
				itoa(int64(first.Line))+where+", which is paid once (remove the copy from the export)", rowSeconds(p)))
			continue
		}
		// A punch at a time the clock skipped: no instant is its own (02:15 read as 03:15 would pay
		// an hour less than a clock not yet set forward meant). Its hours are the row's on the
		// wall clock, as ingest measured them.
		if inGap, outGap := p.HasIn && !near.Exists(p.In), p.HasOut && !near.Exists(p.Out); inGap || outGap {
			col, at := "PUNCHDTM", p.In
			if !inGap {
				col, at = "ENDPUNCHDTM", p.Out
			}
			reject(rowReject(in, p, col, wallText(at), ReasonNonexistentTime, nonexistent(z, at, "punch"), rowSeconds(p)))
			continue
		}
		if !p.HasIn || !p.HasOut {
			if p.PayCode == "" {
				continue // ingest rejected worked rows without both punches
			}
			if w := weekOf(p.EventDate); w != nil {
				b.absence(in, p, w, reject)
			} else {
				outOfRange(p, p.Seconds)
			}
			continue
		}
		kind := model.SpanWorked
		if p.PayCode != "" {
			pc, ok := in.Profile.PayCodes[p.PayCode]
			if !ok {
				reject(rowReject(in, p, "PAYCODENAME", p.PayText, ReasonUnknownPayCode, "a pay code known to rule set "+in.Profile.Name, p.Out-p.In))
				continue
			}
			if !pc.Span {
				// An absence recorded with punches: its length is the hours, the time elapsed as
				// for worked time. Out before in (the reader lets an hour of it through for a
				// repeated hour it cannot see) is no length at all: rejected, not a negative
				// absence paid as negative pay.
				start := wallInstant(&near, p.In, false, 0)
				end := wallInstant(&near, p.Out, true, start)
				if end <= start {
					reject(outBeforeIn(in, p))
					continue
				}
				q := *p
				q.Seconds, q.HasHours = end-start, true
				if w := weekOf(p.EventDate); w != nil {
					b.absence(in, &q, w, reject)
				} else {
					outOfRange(p, q.Seconds)
				}
				continue
			}
			kind = model.SpanOnCall
			if p.PayCode == "RELEASED ON CALL" {
				kind = model.SpanReleasedOnCall
			}
		}
		start := wallInstant(&near, p.In, false, 0)
		end := wallInstant(&near, p.Out, true, start)
		if in.Profile.MaxSpan > 0 && end-start > int64(in.Profile.MaxSpan) {
			reject(rowReject(in, p, "ENDPUNCHDTM", wallText(p.Out), ReasonSpanTooLong, "a span of at most 24 hours of elapsed time", end-start))
			continue
		}
		if end <= start {
			reject(outBeforeIn(in, p)) // not a span in a repeated hour after all
			continue
		}
		sp := model.Span{
			RawStart: start, RawEnd: end, Kind: kind, Rule: p.WorkRule, OnCallFile: p.OnCallFile,
			Account: p.Account, Line: p.Line, Workday: p.EventDate,
			Start: roundAt(start, near.Offset(start), in.Profile), End: roundAt(end, near.Offset(end), in.Profile),
		}
		if sp.End <= sp.Start {
			// Under 8 minutes rounds to nothing under the 7-minute rule: paid as zero, so it is
			// reported rather than lost.
			reject(rowReject(in, p, "ENDPUNCHDTM", wallText(p.Out), "ROUNDS_TO_ZERO", "a span still there after rounding to the quarter hour", end-start))
			continue
		}
		spans = append(spans, sp)
	}
	sortSpans(spans, true)

	// Overlaps among spans of one kind reject the later row: paying both would pay the same
	// minutes twice. On-call spans legitimately overlap worked time (a call-back).
	kept := spans[:0]
	for i := range spans {
		sp := &spans[i] // kept writes at an index <= i: sp is read before it is overwritten
		if len(kept) > 0 {
			prev := &kept[len(kept)-1]
			if prev.Kind == sp.Kind && sp.Start < prev.End {
				reject(model.Reject{File: in.fileOf(sp.OnCallFile), Line: sp.Line, Column: "PUNCHDTM", Value: punchText(in, sp), Reason: ReasonOverlap,
					Detail:   "expected a span that does not overlap the employee's span on line " + itoa(int64(prev.Line)),
					Employee: in.Emp.ID, Seconds: sp.RawEnd - sp.RawStart})
				continue
			}
		}
		if len(kept) == i {
			kept = kept[:i+1] // nothing dropped yet: the span is in place
		} else {
			kept = append(kept, spans[i])
		}
	}
	spans = kept
	b.spans = spans

	b.sched = b.sched[:0]
	for k := range weeks {
		b.sched = append(b.sched, weeks[k].Schedule...)
	}
	attributeWorkdays(spans, b.sched, len(weeks) == 1, &near, int64(in.Profile.SpanGapMerge), model.TransferGrace(in.Profile))

	// Closing one week (the usual close), the week takes the scratch spans whole and hands the
	// builder its old buffer instead of a copy of every span (64 bytes with strings, so a copy
	// checks for the write barrier). Ownership moves, nothing is shared: the builder starts from
	// b.spans[:0] next time.
	oneWeek := len(weeks) == 1
	in1 := 0 // oneWeek: the spans kept in the week so far, compacted in place
	for i := range spans {
		sp := &spans[i]
		w := weekOf(sp.Workday)
		carryIn(weeks, sp)
		if w == nil {
			reject(model.Reject{File: in.fileOf(sp.OnCallFile), Line: sp.Line, Column: "PUNCHDTM", Value: punchText(in, sp), Reason: ReasonOutOfWeek,
				Detail: "expected a shift starting in the week(s) being closed, " + first.String() + " to " + (last - 1).String() +
					"; this time is worked on the workday of " + sp.Workday.String() + " (the shift it starts or continues), which the close of the week of " +
					(first + calendars.Date(calendars.FloorDiv(int64(sp.Workday-first), 7)*7)).String() + " pays (as a correction, with --pay-week, if that week is closed)",
				Employee: in.Emp.ID, Seconds: sp.RawEnd - sp.RawStart})
			continue
		}
		if oneWeek {
			if in1 != i {
				spans[in1] = *sp // in1 < i: spans[in1] was read before
			}
			in1++
			continue
		}
		w.Spans = append(w.Spans, *sp)
	}
	if oneWeek {
		weeks[0].Spans, b.spans = spans[:in1], weeks[0].Spans[:0]
	}
	for k := range weeks {
		if weeks[k].CarryIn == 0 {
			weeks[k].Carried = weeks[k].Carried[:0] // a Saturday that ended by midnight
		} else {
			sortSpans(weeks[k].Carried, false) // worked, then restricted on-call: by start
		}
	}
	for k := range weeks {
		sortSpans(weeks[k].Spans, false)
	}
	b.pays(in, weeks)
}

// Comparison functions are top-level so sorting allocates nothing per employee.
func byScheduledStart(a, b model.ScheduledShift) int { return cmp.Compare(a.Start, b.Start) }
func bySpanStart(a, b model.Span) int                { return cmp.Compare(a.Start, b.Start) }
func byKindThenStart(a, b model.Span) int {
	if a.Kind != b.Kind {
		return cmp.Compare(a.Kind, b.Kind)
	}
	return cmp.Compare(a.Start, b.Start)
}

// sortSpans is slices.SortStableFunc with byKindThenStart (byKind) or bySpanStart: an insertion
// sort by pointer for an employee's handful of spans (a Span is too large to pass by value to a
// comparison per step); any stable sort by the same key gives the same order.
func sortSpans(a []model.Span, byKind bool) {
	if len(a) > maxPairwise {
		if byKind {
			slices.SortStableFunc(a, byKindThenStart)
		} else {
			slices.SortStableFunc(a, bySpanStart)
		}
		return
	}
	less := func(x, y *model.Span) bool {
		if byKind && x.Kind != y.Kind {
			return x.Kind < y.Kind
		}
		return x.Start < y.Start
	}
	for i := 1; i < len(a); i++ {
		if !less(&a[i], &a[i-1]) {
			continue
		}
		v := a[i]
		j := i
		for ; j > 0 && less(&v, &a[j-1]); j-- {
			a[j] = a[j-1]
		}
		a[j] = v
	}
}

// carryIn counts the part of a worked span that falls in a later week than its workday's toward
// that week's weekly total (model.Week.CarryIn): a Saturday-night shift of the week before the
// close (its row is the previous close's to pay) or of an earlier week of this close. It goes by
// the workday, not by where the row starts: the row after the meal of a Saturday 23:00 shift
// (Sunday 03:30-07:30) starts inside the next week and is still the Saturday's (SHARE-G-02).
//
// The Saturday's spans go with it whole (model.Week.Carried): part of the carried time may be that
// day's daily overtime, which the family decides (assemble knows no daily limit). It is called
// before the span is kept or rejected, so sp is still the input's.
func carryIn(weeks []model.Week, sp *model.Span) {
	if sp.Kind != model.SpanWorked && sp.Rule&model.RuleRestricted == 0 {
		return
	}
	for k := range weeks {
		w := &weeks[k]
		if sp.Workday == w.Start-1 {
			w.Carried = append(w.Carried, *sp)
		}
		if sp.Workday >= w.Start || sp.End <= w.From || sp.Start >= w.To {
			continue // this week's shift (or a later one's), or no time inside the week
		}
		w.CarryIn += min(sp.End, w.To) - max(sp.Start, w.From)
	}
}

func itoa(v int64) string {
	if v == 0 {
		return "0"
	}
	var b [20]byte
	i := len(b)
	neg := v < 0
	if neg {
		v = -v
	}
	for v > 0 {
		i--
		b[i] = byte('0' + v%10)
		v /= 10
	}
	if neg {
		i--
		b[i] = '-'
	}
	return string(b[i:])
}

func (b *Builder) absence(in *Input, p *model.Punch, w *model.Week, reject func(model.Reject)) {
	pc, ok := in.Profile.PayCodes[p.PayCode]
	if !ok || pc.Span {
		reject(rowReject(in, p, "PAYCODENAME", p.PayText, ReasonUnknownPayCode, "a pay code with hours known to rule set "+in.Profile.Name, p.Seconds))
		return
	}
	if in.MaxRowSeconds > 0 && p.Seconds > in.MaxRowSeconds {
		reject(rowReject(in, p, "HOURS", rates.HoursOf(p.Seconds).Decimal().String(), ReasonImplausibleHrs,
			"at most "+rates.HoursOf(in.MaxRowSeconds).Decimal().String()+" hours on one pay-code row (limit max_row_hours; split the row or raise the limit with --max-row-hours)", p.Seconds))
		return
	}
	w.Absences = append(w.Absences, model.Absence{Date: p.EventDate, Code: pc.Code, Input: p.PayCode, Seconds: p.Seconds, Account: p.Account, Line: p.Line})
}

func rowReject(in *Input, p *model.Punch, col, val, reason, expected string, secs int64) model.Reject {
	return model.Reject{File: in.fileOf(p.OnCallFile), Line: p.Line, Column: col, Value: val, Reason: reason, Detail: "expected " + expected, Employee: in.Emp.ID, Seconds: secs}
}

// nonexistent is what a NONEXISTENT_TIME reject expected, naming the gap wall-clock seconds w is
// in: "a time that exists in America/New_York: 2026-03-08 02:15 does not, the clocks went forward
// from 02:00 to 03:00 that night; correct the punch".
func nonexistent(z calendars.Zone, w int64, what string) string {
	from, to, _ := z.Gap(w)
	clock := func(v int64) string { // the clock alone on w's date
		t := wallText(v)
		if calendars.FloorDiv(v, 86400) == calendars.FloorDiv(w, 86400) {
			return t[len(t)-5:]
		}
		return t
	}
	return "a time that exists in " + z.Loc.String() + ": " + wallText(w) + " does not, the clocks went forward from " +
		clock(from) + " to " + clock(to) + " that night; correct the " + what
}

// wallInstant converts wall-clock seconds to an instant. An out punch in the repeated hour of a
// fall-back night takes the later meaning when the earlier one would not follow the in punch.
// outBeforeIn is the reject of a row whose out punch is not after its in punch once the zone is
// known (the reader passes one that may lie in a repeated hour). Its hours are unknown, as when the
// reader rejects it (ingest's punchReader.parse): not 0 h. A negative span is no length of work,
// and the row stands for time the clerk must still enter; its HOURS, if any, are what it carries.
func outBeforeIn(in *Input, p *model.Punch) model.Reject {
	r := rowReject(in, p, "ENDPUNCHDTM", wallText(p.Out), ReasonOutBeforeIn, "an out punch after the in punch", p.Seconds)
	r.UnknownHours = !p.HasHours
	return r
}

func wallInstant(z *calendars.Near, wall int64, isEnd bool, after int64) int64 {
	t := z.WallToInstant(wall, false)
	if isEnd && t <= after {
		t = z.WallToInstant(wall, true)
	}
	return t
}

// roundAt applies the rule set's punch rounding to instant t on the wall clock (so zones with
// half-hour offsets round to their own quarter hours); off is the zone's UTC offset at t.
func roundAt(t, off int64, rs *rates.RuleSet) int64 {
	inc := int64(rs.RoundMinutes) * 60
	if inc <= 0 {
		return t
	}
	local := t + off
	var r int64
	if inc == 15*60 {
		r = local % (15 * 60) // the common increment: a division by a constant is a multiply
	} else {
		r = local % inc
	}
	if r < 0 {
		r += inc
	}
	base := local - r
	switch rs.RoundMode {
	case "UP":
		if r > 0 {
			base += inc
		}
	case "DOWN":
	default: // NEAREST: the 7-minute rule for 15-minute increments; whole minutes decide.
		if r/60*2 >= int64(rs.RoundMinutes) { // inc/60
			base += inc
		}
	}
	return base - off
}

// attributeWorkdays gives each worked span its workday. Spans closer than gap to each other form
// one shift; a shift belongs to the scheduled shift it overlaps or adjoins (Overtime F: "hours
// worked immediately preceding or following their regularly scheduled shifts are considered as
// having been worked on the same workday"), otherwise to the local date it starts on.
//
// The gap (span_gap_merge_hours) serves the export habit of a punched meal or break: an out and an
// in minutes apart inside one shift are two rows of one stretch of work. It never joins time the
// employee came back for after punching out (model.CameBack: a call-back or call-in is its own
// shift whatever the gap, paid under its own minimum), and such a shift belongs to a posted shift
// only if it overlaps it: it was not worked "immediately" after it.
//
// schedSorted says sched is in order of start (one week's schedule is; several weeks' laid end to
// end are not), so the search for the shift's posted shift stops at the first one starting after it.
func attributeWorkdays(spans []model.Span, sched []model.ScheduledShift, schedSorted bool, z *calendars.Near, gap, grace int64) {
	// On-call spans belong to the date they start on. Spans are sorted by kind, worked first.
	for i := range spans {
		if spans[i].Kind != model.SpanWorked {
			spans[i].Workday = calendars.Date(calendars.FloorDiv(z.Local(spans[i].Start), 86400))
		}
	}
	// CameBack looks for an on-call span among spans that are not worked: the tail after the
	// worked ones, handed to it alone.
	nw := 0
	for nw < len(spans) && spans[nw].Kind == model.SpanWorked {
		nw++
	}
	onCall := spans[nw:]
	i := 0
	for i < len(spans) && spans[i].Kind == model.SpanWorked {
		j := i + 1
		end := spans[i].End
		for j < len(spans) && spans[j].Kind == model.SpanWorked && spans[j].Start-end < gap &&
			!model.CameBack(&spans[j-1], &spans[j], grace, sched, onCall) {
			if spans[j].End > end {
				end = spans[j].End
			}
			j++
		}
		start := spans[i].Start
		var day calendars.Date // the posted shift's, else the local date it starts on
		best := int64(-1)
		adjoin := gap
		if i > 0 && spans[i-1].Kind == model.SpanWorked && model.CameBack(&spans[i-1], &spans[i], grace, sched, onCall) {
			adjoin = 0
		}
		for _, s := range sched {
			if s.Start >= end+adjoin && schedSorted {
				break // sorted by start: no later shift overlaps or adjoins either
			}
			// overlap or adjacency within the merge gap
			if s.Start < end+adjoin && start < s.End+adjoin {
				ov := min(end, s.End) - max(start, s.Start)
				if ov > best {
					best, day = ov, s.Date
				}
			}
		}
		if best < 0 {
			day = calendars.Date(calendars.FloorDiv(z.Local(start), 86400))
			// Not part of a posted shift: a call-back belongs to the on-call period it answers,
			// so a call-back after midnight on Saturday stays in the week of its on-call night;
			// otherwise the export's apply date (EVENTDATE, still in Workday here) decides when it
			// names the night before, e.g. the second half of a night shift after a long meal.
			anchored := false
			for k := max(j, nw); k < len(spans); k++ {
				if oc := &spans[k]; oc.Kind != model.SpanWorked && oc.Start <= start && start < oc.End {
					day, anchored = oc.Workday, true
					break
				}
			}
			if ev := spans[i].Workday; !anchored && ev == day-1 {
				day = ev
			}
		}
		for k := i; k < j; k++ {
			spans[k].Workday = day
		}
		i = j
	}
}

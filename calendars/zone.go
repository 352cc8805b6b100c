package calendars

import (
	"fmt"
	"sync"
	"time"
)

// Zone converts between instants (unix seconds, UTC) and the site's wall clock. Pay is elapsed
// time; windows (evening, night, weekend, holiday) are wall-clock, so a span that crosses a DST
// change is cut into pieces with a constant UTC offset.
type Zone struct {
	Loc *time.Location
}

// locations caches LoadZone by name: time.LoadLocation reads the tzdata file and returns a new
// *time.Location each call, and the offset tables are kept per location.
var locations sync.Map // string -> *time.Location

// LoadZone loads an IANA zone by name. Zones of the same name share one location.
func LoadZone(name string) (Zone, error) {
	if v, ok := locations.Load(name); ok {
		return Zone{Loc: v.(*time.Location)}, nil
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return Zone{}, fmt.Errorf("unknown time zone %q", name)
	}
	v, _ := locations.LoadOrStore(name, loc)
	return Zone{Loc: v.(*time.Location)}, nil
}

// Offset returns the UTC offset in seconds at instant t (unix seconds).
func (z Zone) Offset(t int64) int64 {
	zt := tableFor(z.Loc)
	if zt != nil && t >= zt.lo && t < zt.hi {
		return zt.off[zt.period(t)]
	}
	_, off := time.Unix(t, 0).In(z.Loc).Zone()
	return int64(off)
}

// Local returns the wall-clock time of instant t as seconds since 1970-01-01 00:00 on the wall
// clock (so Local/86400 is the local civil date and Local%86400 the clock).
func (z Zone) Local(t int64) int64 { return t + z.Offset(t) }

// Instant converts a wall-clock date-time (secOfDay seconds after the date's wall-clock midnight;
// values past 24 h run into the next day) to an instant. In the repeated hour of a fall-back night
// the earlier instant is returned; a time skipped by spring-forward is read with the offset in
// force before the change, so it moves forward by the gap (02:30 becomes 03:30 EDT).
func (z Zone) Instant(d Date, secOfDay int64) int64 {
	return z.wallToInstant(int64(d)*86400+secOfDay, false)
}

// WallInstant converts a wall-clock date-time exactly as written (hour, minute, second) to an
// instant, resolving ambiguity like Instant.
func (z Zone) WallInstant(d Date, h, m, s int) int64 {
	return z.wallToInstant(int64(d)*86400+int64(h)*3600+int64(m)*60+int64(s), false)
}

// LaterInstant returns the later of the two instants a wall-clock time can mean in a fall-back
// hour (or the only one). Used for an out punch that would otherwise precede its in punch.
func (z Zone) LaterInstant(d Date, h, m, s int) int64 {
	return z.wallToInstant(int64(d)*86400+int64(h)*3600+int64(m)*60+int64(s), true)
}

// FixedOffset returns the zone's UTC offset and true when one offset is in force at every instant
// of [lo, hi): there the wall clock is the instant plus the offset, both ways (no repeated or
// skipped time), at least a day inside either end.
func (z Zone) FixedOffset(lo, hi int64) (int64, bool) {
	zt := tableFor(z.Loc)
	if zt == nil || hi <= lo || lo < zt.lo || hi > zt.hi {
		return 0, false
	}
	i := zt.period(lo)
	if zt.periodEnd(i) < hi {
		return 0, false
	}
	return zt.off[i], true
}

// Near is a zone for the instants around a stretch of time (an employee's week): nearly every week
// of the year keeps one UTC offset from days before to days after it, and then wall clock and
// instant differ by that offset with no table lookup. Elsewhere it is the zone.
type Near struct {
	Zone
	fixed  bool
	off    int64
	lo, hi int64 // the instants where off is in force and no change is within a day (none: lo == hi)
	// wlo, whi are lo and hi on the wall clock (lo+off, hi+off; none: wlo == whi), for WallToInstant.
	wlo, whi int64
	// from, to are the stretch Set made it for (set: it did)
	from, to int64
	set      bool
}

// Set makes n z.Near(from, to), unless Set last made it that: the employees of a close mostly share
// the week and the zone, and a calculator keeping its Near skips the zone's table for each.
func (n *Near) Set(z Zone, from, to int64) {
	if n.set && n.Zone == z && n.from == from && n.to == to {
		return
	}
	*n = z.Near(from, to)
	n.from, n.to, n.set = from, to, true
}

// Near returns the zone for instants around [from, to).
func (z Zone) Near(from, to int64) Near {
	const day = 86400
	off, ok := z.FixedOffset(from-3*day, to+3*day)
	if !ok {
		return Near{Zone: z} // lo == hi: no instant is in the fixed range
	}
	lo, hi := from-2*day, to+2*day
	return Near{Zone: z, fixed: ok, off: off, lo: lo, hi: hi, wlo: lo + off, whi: hi + off}
}

// Offset is Zone.Offset.
func (n *Near) Offset(t int64) int64 {
	if n.fixed && t >= n.lo && t < n.hi {
		return n.off
	}
	return n.Zone.Offset(t)
}

// Local is Zone.Local. (Written out rather than through Offset, and without the fixed flag that
// the empty range [lo, hi) of a Near without one offset stands for, so that it is inlined.)
func (n *Near) Local(t int64) int64 {
	if t >= n.lo && t < n.hi {
		return t + n.off
	}
	return t + n.Zone.Offset(t)
}

// WallToInstant is Zone.WallToInstant. (Tested against the wall-clock range, without the fixed
// flag, as Local, so that it is inlined: assemble converts every punch and posted shift with it.)
func (n *Near) WallToInstant(w int64, later bool) int64 {
	if w >= n.wlo && w < n.whi {
		return w - n.off
	}
	return n.Zone.wallToInstant(w, later)
}

// Exists is Zone.Exists. (Tested against the wall-clock range of the one offset, as
// WallToInstant, so that it is inlined: in a week without a change it costs two compares.)
func (n *Near) Exists(w int64) bool {
	return w >= n.wlo && w < n.whi || n.Zone.Exists(w)
}

// Fixed reports whether one offset, off, is in force over all of the non-empty [start, end), which
// is then Pieces' one piece: inlined, it spares the caller Pieces' call and append for most spans.
func (n *Near) Fixed(start, end int64) (off int64, ok bool) {
	return n.off, n.fixed && start < end && start >= n.lo && end <= n.hi
}

// Pieces is Zone.Pieces.
func (n *Near) Pieces(dst []Piece, start, end int64) []Piece {
	if n.fixed && start < end && start >= n.lo && end <= n.hi {
		return append(dst, Piece{start, end, n.off})
	}
	return n.Zone.Pieces(dst, start, end)
}

// WallToInstant is WallInstant (later false) or LaterInstant (later true) of wall-clock seconds
// since 1970-01-01 00:00 on the wall clock, for a caller that holds the wall clock as one number.
func (z Zone) WallToInstant(w int64, later bool) int64 { return z.wallToInstant(w, later) }

// Exists reports whether the wall clock ever shows wall-clock seconds w (seconds since 1970-01-01
// 00:00 on the wall clock): false inside the gap a forward change skips (02:00 to 02:59:59 on a
// spring-forward night in New York), where WallToInstant moves the time forward by the gap. A
// repeated time of a fall-back night exists (twice).
func (z Zone) Exists(w int64) bool {
	if zt := tableFor(z.Loc); zt != nil {
		if i, ok := zt.wallPeriod(w); ok {
			return i == 0 || w >= zt.start[i]+zt.off[i]
		}
	}
	_, _, gap := z.Gap(w)
	return !gap
}

// Gap returns, for wall-clock seconds w that do not exist (Exists), the wall clock the forward
// change skipped from and to (02:00 and 03:00 on a spring-forward night in New York: w is in
// [from, to)); ok is false for a time that exists. For messages: it is not on a hot path.
func (z Zone) Gap(w int64) (from, to int64, ok bool) {
	const day = 86400
	// |offset| < 1 day: the change that skips w is within a day of w read as an instant.
	var buf [4]Piece
	ps := z.Pieces(buf[:0], w-2*day, w+2*day)
	for k := 1; k < len(ps); k++ {
		at := ps[k].Start
		if f, t := at+ps[k-1].Offset, at+ps[k].Offset; w >= f && w < t {
			return f, t, true
		}
	}
	return 0, 0, false
}

// wallToInstant reads wall-clock seconds w (seconds since 1970-01-01 00:00 on the wall clock).
// Both a repeated and a skipped time take the offset in force before the change, unless later
// asks for the second meaning of a repeated time.
func (z Zone) wallToInstant(w int64, later bool) int64 {
	zt := tableFor(z.Loc)
	if zt == nil {
		return z.wallToInstantSlow(w, later)
	}
	i, ok := zt.wallPeriod(w)
	if !ok {
		return z.wallToInstantSlow(w, later)
	}
	if i > 0 && w < zt.start[i]+zt.off[i] { // skipped by a forward change
		return w - zt.off[i-1]
	}
	if later && i+1 < len(zt.start) && w >= zt.start[i+1]+zt.off[i+1] { // repeated: also in i+1
		return w - zt.off[i+1]
	}
	return w - zt.off[i]
}

// wallToInstantSlow serves wall times outside the table's years with the same rules: try the
// offsets in force a day either side, which are the only candidates.
func (z Zone) wallToInstantSlow(w int64, later bool) int64 {
	oa, ob := z.Offset(w-86400), z.Offset(w+86400)
	ta, tb := w-oa, w-ob // candidate instants under the earlier and the later offset
	okA, okB := z.Offset(ta) == oa, z.Offset(tb) == ob
	switch {
	case okA && okB && ta != tb && later:
		return max(ta, tb)
	case okA && okB:
		return min(ta, tb)
	case okA:
		return ta
	case okB:
		return tb
	default: // skipped: keep the offset before the change
		return ta
	}
}

// Piece is part of an interval with a constant UTC offset.
type Piece struct {
	Start, End int64 // instants, unix seconds
	Offset     int64 // seconds to add to get wall clock
}

// Pieces cuts [start, end) at the zone's offset changes and appends the pieces to dst. A span of at
// most a day crosses at most one change, so there are one or two pieces; longer spans are cut at
// every change. An empty or reversed span is one piece with the offset at start.
func (z Zone) Pieces(dst []Piece, start, end int64) []Piece {
	zt := tableFor(z.Loc)
	if zt == nil || end <= start || start < zt.lo || end > zt.hi {
		return z.piecesSlow(dst, start, end)
	}
	i := zt.period(start)
	for s := start; ; i++ {
		e := zt.periodEnd(i)
		if e >= end {
			return append(dst, Piece{s, end, zt.off[i]})
		}
		dst = append(dst, Piece{s, e, zt.off[i]})
		s = e
	}
}

// piecesSlow is the original bisection, kept for instants outside the table's years.
func (z Zone) piecesSlow(dst []Piece, start, end int64) []Piece {
	o1, o2 := z.Offset(start), z.Offset(end-1)
	if o1 == o2 || end-start <= 1 {
		return append(dst, Piece{start, end, o1})
	}
	lo, hi := start, end-1 // offset(lo) = o1, offset(hi) = o2: find the first instant with o2
	for hi-lo > 1 {
		mid := lo + (hi-lo)/2
		if z.Offset(mid) == o1 {
			lo = mid
		} else {
			hi = mid
		}
	}
	return append(dst, Piece{start, hi, o1}, Piece{hi, end, o2})
}

package calendars

import (
	"fmt"
	"time"
)

// Zone converts between instants (unix seconds, UTC) and the site's wall clock. Pay is elapsed
// time; windows (evening, night, weekend, holiday) are wall-clock, so a span that crosses a DST
// change is cut into pieces with a constant UTC offset.
type Zone struct {
	Loc *time.Location
}

// LoadZone loads an IANA zone by name.
func LoadZone(name string) (Zone, error) {
	loc, err := time.LoadLocation(name)
	if err != nil {
		return Zone{}, fmt.Errorf("unknown time zone %q", name)
	}
	return Zone{Loc: loc}, nil
}

// Offset returns the UTC offset in seconds at instant t (unix seconds).
func (z Zone) Offset(t int64) int64 {
	_, off := time.Unix(t, 0).In(z.Loc).Zone()
	return int64(off)
}

// Local returns the wall-clock time of instant t as seconds since 1970-01-01 00:00 on the wall
// clock (so Local/86400 is the local civil date and Local%86400 the clock).
func (z Zone) Local(t int64) int64 { return t + z.Offset(t) }

// Instant converts a wall-clock date-time to an instant. In the repeated hour of a fall-back night
// the earlier instant is returned; a time skipped by spring-forward is moved forward, as time.Date
// does.
func (z Zone) Instant(d Date, secOfDay int64) int64 {
	y, m, dd := d.YMD()
	return time.Date(y, m, dd, 0, 0, 0, 0, z.Loc).Add(time.Duration(secOfDay) * time.Second).Unix()
}

// WallInstant converts a wall-clock date-time exactly as written (hour, minute, second) to an
// instant, resolving ambiguity like Instant.
func (z Zone) WallInstant(d Date, h, m, s int) int64 {
	y, mo, dd := d.YMD()
	return time.Date(y, mo, dd, h, m, s, 0, z.Loc).Unix()
}

// LaterInstant returns the later of the two instants a wall-clock time can mean in a fall-back
// hour (or the only one). Used for an out punch that would otherwise precede its in punch.
func (z Zone) LaterInstant(d Date, h, m, s int) int64 {
	t := z.WallInstant(d, h, m, s)
	if alt := t + 3600; z.Local(alt) == z.Local(t) {
		return alt
	}
	return t
}

// Piece is part of an interval with a constant UTC offset.
type Piece struct {
	Start, End int64 // instants, unix seconds
	Offset     int64 // seconds to add to get wall clock
}

// Pieces cuts [start, end) at the zone's offset changes. Spans are at most a day long and DST
// changes are months apart, so there are at most two pieces; the result is appended to dst.
func (z Zone) Pieces(dst []Piece, start, end int64) []Piece {
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

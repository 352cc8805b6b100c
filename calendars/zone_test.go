package calendars

import (
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

func newYork(t testing.TB) Zone {
	t.Helper()
	z, err := LoadZone("America/New_York")
	if err != nil {
		t.Skip("no tzdata for America/New_York:", err)
	}
	return z
}

func utc(y int, m time.Month, d, h, min int) int64 {
	return time.Date(y, m, d, h, min, 0, 0, time.UTC).Unix()
}

// wallClock renders an instant's wall clock as the zone reads it, for readable failures.
func wallClock(z Zone, t int64) string { return time.Unix(z.Local(t), 0).UTC().Format("01-02 15:04") }

const edt, est = -4 * 3600, -5 * 3600

// Fall-back night 2026-11-01: clocks go from 02:00 EDT back to 01:00 EST at 06:00 UTC. A night
// shift 23:00 Oct 31 to 07:00 Nov 1 is 03:00Z..12:00Z: 9 hours elapsed, in two pieces with wall
// clocks 23:00–02:00 (EDT) and 01:00–07:00 (EST).
func TestPiecesFallBackNight(t *testing.T) {
	z := newYork(t)
	start := z.WallInstant(NewDate(2026, time.October, 31), 23, 0, 0)
	end := z.WallInstant(NewDate(2026, time.November, 1), 7, 0, 0)
	if start != utc(2026, 11, 1, 3, 0) || end != utc(2026, 11, 1, 12, 0) {
		t.Fatalf("instants %d..%d, want 03:00Z..12:00Z", start, end)
	}
	if end-start != 9*3600 {
		t.Errorf("elapsed %d s, want 9 h", end-start)
	}
	got := z.Pieces(nil, start, end)
	want := []Piece{
		{utc(2026, 11, 1, 3, 0), utc(2026, 11, 1, 6, 0), edt},
		{utc(2026, 11, 1, 6, 0), utc(2026, 11, 1, 12, 0), est},
	}
	checkPieces(t, z, got, want, []string{"10-31 23:00", "11-01 02:00", "11-01 01:00", "11-01 07:00"})
}

// Spring-forward night 2026-03-08: 02:00 EST jumps to 03:00 EDT at 07:00 UTC. 23:00 Mar 7 to
// 07:00 Mar 8 is 04:00Z..11:00Z: 7 hours, wall clocks 23:00–02:00 and 03:00–07:00.
func TestPiecesSpringForwardNight(t *testing.T) {
	z := newYork(t)
	start := z.WallInstant(NewDate(2026, time.March, 7), 23, 0, 0)
	end := z.WallInstant(NewDate(2026, time.March, 8), 7, 0, 0)
	if start != utc(2026, 3, 8, 4, 0) || end != utc(2026, 3, 8, 11, 0) {
		t.Fatalf("instants %d..%d, want 04:00Z..11:00Z", start, end)
	}
	if end-start != 7*3600 {
		t.Errorf("elapsed %d s, want 7 h", end-start)
	}
	got := z.Pieces(nil, start, end)
	want := []Piece{
		{utc(2026, 3, 8, 4, 0), utc(2026, 3, 8, 7, 0), est},
		{utc(2026, 3, 8, 7, 0), utc(2026, 3, 8, 11, 0), edt},
	}
	checkPieces(t, z, got, want, []string{"03-07 23:00", "03-08 02:00", "03-08 03:00", "03-08 07:00"})
}

func checkPieces(t *testing.T, z Zone, got, want []Piece, walls []string) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("pieces %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("piece %d = %+v, want %+v", i, got[i], want[i])
		}
		// The wall clock of a piece is instant + its own offset; the end is read with the
		// piece's offset too (02:00 EDT is the same instant as 01:00 EST).
		ws := time.Unix(got[i].Start+got[i].Offset, 0).UTC().Format("01-02 15:04")
		we := time.Unix(got[i].End+got[i].Offset, 0).UTC().Format("01-02 15:04")
		if ws != walls[2*i] || we != walls[2*i+1] {
			t.Errorf("piece %d wall %s–%s, want %s–%s", i, ws, we, walls[2*i], walls[2*i+1])
		}
	}
}

func TestPiecesNoChange(t *testing.T) {
	z := newYork(t)
	d := NewDate(2026, time.June, 10)
	start, end := z.WallInstant(d, 9, 0, 0), z.WallInstant(d, 17, 30, 0)
	got := z.Pieces(make([]Piece, 0, 2), start, end)
	if len(got) != 1 || got[0] != (Piece{utc(2026, 6, 10, 13, 0), utc(2026, 6, 10, 21, 30), edt}) {
		t.Errorf("pieces %v", got)
	}
	// A span ending exactly at the change is one piece; one starting at it is one piece.
	change := utc(2026, 11, 1, 6, 0)
	if got := z.Pieces(nil, change-3600, change); len(got) != 1 || got[0].Offset != edt {
		t.Errorf("ending at the change: %v", got)
	}
	if got := z.Pieces(nil, change, change+3600); len(got) != 1 || got[0].Offset != est {
		t.Errorf("starting at the change: %v", got)
	}
	// Pieces appends to what is there.
	prev := []Piece{{1, 2, 3}}
	if got := z.Pieces(prev, start, end); len(got) != 2 || got[0] != prev[0] {
		t.Errorf("append: %v", got)
	}
	// A long span is cut at every change: March 1 to December 1 2026 has two.
	if got := z.Pieces(nil, utc(2026, 3, 1, 12, 0), utc(2026, 12, 1, 12, 0)); len(got) != 3 ||
		got[0].End != utc(2026, 3, 8, 7, 0) || got[1].End != utc(2026, 11, 1, 6, 0) || got[2].Offset != est {
		t.Errorf("long span: %v", got)
	}
}

// The repeated 01:30 of 2026-11-01 is 05:30Z (EDT) and 06:30Z (EST): WallInstant takes the
// earlier, LaterInstant the later; an unambiguous time has one answer.
func TestWallInstantRepeatedHour(t *testing.T) {
	z := newYork(t)
	d := NewDate(2026, time.November, 1)
	cases := []struct {
		name        string
		h, m        int
		early, late int64
	}{
		{"01:30 repeated", 1, 30, utc(2026, 11, 1, 5, 30), utc(2026, 11, 1, 6, 30)},
		{"01:00 repeated", 1, 0, utc(2026, 11, 1, 5, 0), utc(2026, 11, 1, 6, 0)},
		{"00:59 before", 0, 59, utc(2026, 11, 1, 4, 59), utc(2026, 11, 1, 4, 59)},
		{"02:00 after", 2, 0, utc(2026, 11, 1, 7, 0), utc(2026, 11, 1, 7, 0)},
	}
	for _, tc := range cases {
		if got := z.WallInstant(d, tc.h, tc.m, 0); got != tc.early {
			t.Errorf("%s: WallInstant = %s, want %s", tc.name, time.Unix(got, 0).UTC(), time.Unix(tc.early, 0).UTC())
		}
		if got := z.LaterInstant(d, tc.h, tc.m, 0); got != tc.late {
			t.Errorf("%s: LaterInstant = %s, want %s", tc.name, time.Unix(got, 0).UTC(), time.Unix(tc.late, 0).UTC())
		}
	}
}

// A wall time skipped by spring-forward moves forward by the gap, as zone.go documents:
// 02:30 on 2026-03-08 does not exist and is read as 03:30 EDT (07:30Z). time.Date would give
// 01:30 EST (06:30Z), an hour earlier; that was a bug of the previous WallInstant.
func TestWallInstantSkippedHour(t *testing.T) {
	z := newYork(t)
	d := NewDate(2026, time.March, 8)
	for _, tc := range []struct {
		h, m int
		want int64
	}{{2, 0, utc(2026, 3, 8, 7, 0)}, {2, 30, utc(2026, 3, 8, 7, 30)}, {1, 59, utc(2026, 3, 8, 6, 59)}, {3, 0, utc(2026, 3, 8, 7, 0)}} {
		if got := z.WallInstant(d, tc.h, tc.m, 0); got != tc.want {
			t.Errorf("%02d:%02d -> %s, want %s", tc.h, tc.m, time.Unix(got, 0).UTC(), time.Unix(tc.want, 0).UTC())
		}
		if got := z.LaterInstant(d, tc.h, tc.m, 0); got != tc.want {
			t.Errorf("later %02d:%02d -> %d, want %d", tc.h, tc.m, got, tc.want)
		}
	}
}

// Instant reads secOfDay as wall clock: 07:00 on spring-forward day is 11:00Z. The previous code
// added elapsed seconds to midnight and returned 12:00Z (08:00 EDT), so windows such as the
// 23:00 holiday start were an hour off on change days.
func TestInstantIsWallClock(t *testing.T) {
	z := newYork(t)
	cases := []struct {
		d    Date
		sec  int64
		want int64
	}{
		{NewDate(2026, time.March, 8), 7 * 3600, utc(2026, 3, 8, 11, 0)},
		{NewDate(2026, time.March, 8), 23 * 3600, utc(2026, 3, 9, 3, 0)},
		{NewDate(2026, time.November, 1), 23 * 3600, utc(2026, 11, 2, 4, 0)},
		{NewDate(2026, time.November, 1), 24 * 3600, utc(2026, 11, 2, 5, 0)}, // next midnight
		{NewDate(2026, time.June, 10), 0, utc(2026, 6, 10, 4, 0)},
	}
	for _, tc := range cases {
		got := z.Instant(tc.d, tc.sec)
		if got != tc.want {
			t.Errorf("Instant(%s, %d) = %s, want %s", tc.d, tc.sec, time.Unix(got, 0).UTC(), time.Unix(tc.want, 0).UTC())
		}
		if z.Local(got) != int64(tc.d)*86400+tc.sec {
			t.Errorf("Local(Instant(%s, %d)) = %s", tc.d, tc.sec, wallClock(z, got))
		}
	}
}

// Offset must equal what time.In says, everywhere the table covers and outside it: each change
// instant and the seconds around it, and random instants 1900–2300.
func TestOffsetMatchesTimeIn(t *testing.T) {
	for _, name := range []string{"America/New_York", "UTC", "Europe/London", "Australia/Lord_Howe", "Asia/Kolkata"} {
		z, err := LoadZone(name)
		if err != nil {
			t.Logf("skip %s: %v", name, err)
			continue
		}
		loc := z.Loc
		oracle := func(at int64) int64 { _, o := time.Unix(at, 0).In(loc).Zone(); return int64(o) }
		zt := tableFor(loc)
		if zt == nil {
			t.Fatalf("%s: no table (cache full?)", name)
		}
		for _, s := range zt.start[1:] {
			for _, at := range []int64{s - 1, s, s + 1} {
				if got, want := z.Offset(at), oracle(at); got != want {
					t.Fatalf("%s Offset(%s) = %d, want %d", name, time.Unix(at, 0).UTC(), got, want)
				}
			}
		}
		r := rand.New(rand.NewPCG(1, 2))
		lo, hi := utc(1890, 1, 1, 0, 0), utc(2300, 1, 1, 0, 0)
		for range 20000 {
			at := lo + r.Int64N(hi-lo)
			if got, want := z.Offset(at), oracle(at); got != want {
				t.Fatalf("%s Offset(%s) = %d, want %d", name, time.Unix(at, 0).UTC(), got, want)
			}
		}
	}
}

// WallInstant agrees with time.Date wherever the wall time is unambiguous, and otherwise picks a
// valid meaning as documented — inside the table's years and outside them (2250).
func TestWallInstantAgainstTimeDate(t *testing.T) {
	z := newYork(t)
	for _, y := range []int{1918, 1945, 1974, 2007, 2026, 2099, 2250} {
		for d := NewDate(y, 1, 1); d < NewDate(y+1, 1, 1); d++ {
			wd := d.Weekday()
			if wd != time.Sunday && d.Time().Day() != 1 {
				continue // changes happen on Sundays (and 1 Jan/Feb in odd years)
			}
			for min := 0; min < 24*60; min += 15 {
				w := int64(d)*86400 + int64(min)*60
				early, late := z.WallInstant(d, min/60, min%60, 0), z.LaterInstant(d, min/60, min%60, 0)
				meanings := 0
				for _, c := range []int64{w + 4*3600, w + 5*3600, w + 3*3600} {
					if z.Local(c) == w {
						meanings++
					}
				}
				switch meanings {
				case 1:
					y, m, dd := d.YMD()
					if want := time.Date(y, m, dd, min/60, min%60, 0, 0, z.Loc).Unix(); early != want || late != want {
						t.Fatalf("%s %02d:%02d: %d/%d, time.Date %d", d, min/60, min%60, early, late, want)
					}
				case 2:
					if z.Local(early) != w || z.Local(late) != w || late-early != 3600 {
						t.Fatalf("%s %02d:%02d repeated: %s / %s", d, min/60, min%60, wallClock(z, early), wallClock(z, late))
					}
				case 0:
					if z.Local(early) != w+3600 || late != early {
						t.Fatalf("%s %02d:%02d skipped: %s", d, min/60, min%60, wallClock(z, early))
					}
				}
			}
		}
	}
}

func TestPiecesOutsideTable(t *testing.T) {
	z := newYork(t)
	// Past the table (2200): the night before the first Sunday of November 2250.
	sunday, err := ParseISODate(nthWeekdayOracle(2250, time.November, time.Sunday, 1))
	if err != nil {
		t.Fatal(err)
	}
	d := sunday - 1
	start := z.WallInstant(d, 23, 0, 0)
	end := z.WallInstant(d+1, 7, 0, 0)
	got := z.Pieces(nil, start, end)
	if end-start != 9*3600 || len(got) != 2 || got[0].Offset != edt || got[1].Offset != est ||
		got[0].End != got[1].Start || got[1].Start+est != int64(d+1)*86400+3600 {
		t.Errorf("2250 fall-back pieces %v (elapsed %d)", got, end-start)
	}
}

func TestUTCZone(t *testing.T) {
	for _, z := range []Zone{{Loc: time.UTC}, mustZone(t, "UTC")} {
		at := utc(2026, 11, 1, 6, 0)
		if z.Offset(at) != 0 || z.Local(at) != at {
			t.Errorf("UTC offset %d", z.Offset(at))
		}
		if got := z.Pieces(nil, at-86400, at+86400); len(got) != 1 {
			t.Errorf("UTC pieces %v", got)
		}
		if got := z.WallInstant(NewDate(2026, 11, 1), 1, 30, 0); got != utc(2026, 11, 1, 1, 30) {
			t.Errorf("UTC wall %d", got)
		}
	}
}

func mustZone(t *testing.T, name string) Zone {
	z, err := LoadZone(name)
	if err != nil {
		t.Fatal(err)
	}
	return z
}

func TestZoneHotPathsDoNotAllocate(t *testing.T) {
	z := newYork(t)
	start, end := utc(2026, 11, 1, 3, 0), utc(2026, 11, 1, 12, 0)
	buf := make([]Piece, 0, 4)
	var sink int64
	for _, tc := range []struct {
		name string
		f    func()
	}{
		{"Offset", func() { sink += z.Offset(start) }},
		{"Local", func() { sink += z.Local(end) }},
		{"Pieces", func() { sink += int64(len(z.Pieces(buf[:0], start, end))) }},
		{"WallInstant", func() { sink += z.WallInstant(NewDate(2026, 11, 1), 1, 30, 0) }},
		{"LaterInstant", func() { sink += z.LaterInstant(NewDate(2026, 11, 1), 1, 30, 0) }},
	} {
		if n := testing.AllocsPerRun(200, tc.f); n != 0 {
			t.Errorf("%s: %v allocations", tc.name, n)
		}
	}
	_ = sink
}

func BenchmarkOffset(b *testing.B) {
	z := newYork(b)
	at := utc(2026, 5, 1, 0, 0)
	var sink int64
	for i := int64(0); b.Loop(); i++ {
		sink += z.Offset(at + i*977)
	}
	_ = sink
}

func BenchmarkOffsetTimeIn(b *testing.B) {
	z := newYork(b)
	at := utc(2026, 5, 1, 0, 0)
	var sink int64
	for i := int64(0); b.Loop(); i++ {
		_, o := time.Unix(at+i*977, 0).In(z.Loc).Zone()
		sink += int64(o)
	}
	_ = sink
}

func TestLoadZoneSharesLocation(t *testing.T) {
	a, b := newYork(t), newYork(t)
	if a.Loc != b.Loc {
		t.Error("two LoadZone calls gave two locations: each would build its own table")
	}
	if _, err := LoadZone("America/Nowhere"); err == nil {
		t.Error("unknown zone accepted")
	}
}

// The slow paths (years past the table, or a full table cache) must give the table's answers.
func TestSlowPathsMatchTable(t *testing.T) {
	z := newYork(t)
	for _, d := range []Date{NewDate(2026, 3, 8), NewDate(2026, 11, 1), NewDate(2026, 6, 1), NewDate(1974, 1, 6)} {
		for min := -120; min < 26*60; min += 10 {
			w := int64(d)*86400 + int64(min)*60
			for _, later := range []bool{false, true} {
				if got, want := z.wallToInstantSlow(w, later), z.wallToInstant(w, later); got != want {
					t.Errorf("%s %+d min later=%v: slow %d, table %d", d, min, later, got, want)
				}
			}
			start := z.wallToInstant(w, false)
			fast, slow := z.Pieces(nil, start, start+9*3600), z.piecesSlow(nil, start, start+9*3600)
			if len(fast) != len(slow) || fast[0] != slow[0] || fast[len(fast)-1] != slow[len(slow)-1] {
				t.Errorf("%s %+d min: pieces %v vs %v", d, min, fast, slow)
			}
		}
	}
}

// Runs last (file order): fills the table cache with fixed zones; past the bound zones still work.
func TestTableCacheIsBounded(t *testing.T) {
	for i := range maxTables + 5 {
		z := Zone{Loc: time.FixedZone("TEST", 60*(i+1))}
		at := utc(2026, 1, 1, 0, 0)
		if z.Offset(at) != int64(60*(i+1)) || z.WallInstant(NewDate(2026, 1, 1), 0, 0, 0) != at-int64(60*(i+1)) {
			t.Fatalf("fixed zone %d wrong", i)
		}
		if got := z.Pieces(nil, at, at+3600); len(got) != 1 || got[0].Offset != int64(60*(i+1)) {
			t.Fatalf("fixed zone %d pieces %v", i, got)
		}
	}
	if n := tableCount.Load(); n > maxTables {
		t.Errorf("%d tables cached", n)
	}
}

// Near answers as its zone does: around weeks starting on every day of 2026 (so some end days
// before a DST change) in New York, a half-hour zone and UTC, for wall times, instants and spans up
// to days outside the weeks, in repeated and skipped hours too.
func TestNearMatchesZone(t *testing.T) {
	r := rand.New(rand.NewPCG(16, 4))
	for _, name := range []string{"America/New_York", "Australia/Adelaide", "UTC"} {
		z, err := LoadZone(name)
		if err != nil {
			t.Skip("no tzdata:", err)
		}
		fixedSeen := false
		var got, want []Piece
		for first := NewDate(2026, 1, 1); first < NewDate(2027, 1, 1); first++ {
			for n := 1; n <= 2; n++ {
				near := z.Near(z.Instant(first, 0), z.Instant(first.AddDays(7*n), 0))
				fixedSeen = fixedSeen || near.fixed
				for k := 0; k < 100; k++ {
					wall := int64(first-4)*86400 + int64(r.IntN((7*n+8)*96))*900 + int64(r.IntN(3)-1)*60
					for _, later := range []bool{false, true} {
						if g, w := near.WallToInstant(wall, later), z.WallToInstant(wall, later); g != w {
							t.Fatalf("%s, week %s: wall %d (later %v): %d, the zone says %d", name, first, wall, later, g, w)
						}
					}
					at := wall - 5*3600
					if g, w := near.Local(at), z.Local(at); g != w {
						t.Fatalf("%s, week %s: local of %d: %d, the zone says %d", name, first, at, g, w)
					}
					end := at + int64(r.IntN(40)-2)*1800
					got, want = near.Pieces(got[:0], at, end), z.Pieces(want[:0], at, end)
					if !slices.Equal(got, want) {
						t.Fatalf("%s, week %s: pieces of [%d, %d): %v, the zone says %v", name, first, at, end, got, want)
					}
				}
			}
		}
		if !fixedSeen && tableFor(z.Loc) != nil { // other tests may have filled the table cache
			t.Errorf("%s: no week took the one-offset path", name)
		}
	}
}

// A Near kept and Set for week after week, zone after zone, is the Near of the week it was last
// Set for, and where Fixed reports one offset Pieces gives one piece at it.
func TestNearSetAndFixed(t *testing.T) {
	var zones []Zone
	for _, name := range []string{"America/New_York", "UTC", "Australia/Adelaide"} {
		z, err := LoadZone(name)
		if err != nil {
			t.Skip("no tzdata:", err)
		}
		zones = append(zones, z)
	}
	r := rand.New(rand.NewPCG(10, 16))
	var kept Near
	var pieces []Piece
	for k := 0; k < 3000; k++ {
		z := zones[r.IntN(len(zones))]
		first := NewDate(2026, 1, 1).AddDays(r.IntN(365))
		from, to := z.Instant(first, 0), z.Instant(first.AddDays(7), 0)
		kept.Set(z, from, to)
		want := z.Near(from, to)
		if kept.Zone != want.Zone || kept.fixed != want.fixed || kept.off != want.off || kept.lo != want.lo || kept.hi != want.hi ||
			kept.wlo != want.wlo || kept.whi != want.whi {
			t.Fatalf("Set for %v, week %s: %+v, Near gives %+v", z.Loc, first, kept, want)
		}
		start := from + int64(r.IntN(7*96))*900 - 86400
		end := start + int64(r.IntN(60)-2)*900
		if off, ok := kept.Fixed(start, end); ok {
			pieces = kept.Pieces(pieces[:0], start, end)
			if len(pieces) != 1 || pieces[0] != (Piece{start, end, off}) {
				t.Fatalf("%v, [%d, %d): Fixed says offset %d, Pieces gives %v", z.Loc, start, end, off, pieces)
			}
		}
	}
}

// Wall times skipped by spring-forward do not exist; the minutes either side and the repeated hour
// of fall-back do. 2026-03-08 in New York: 01:59 exists, 02:00 to 02:59:59 do not (clocks went
// from 02:00 to 03:00), 03:00 exists; 2026-11-01 01:30 exists (twice).
func TestExistsSpringForwardEdges(t *testing.T) {
	z := newYork(t)
	spring, fall := int64(NewDate(2026, time.March, 8))*86400, int64(NewDate(2026, time.November, 1))*86400
	for _, tc := range []struct {
		name string
		w    int64
		want bool
	}{
		{"03-08 01:59", spring + 1*3600 + 59*60, true},
		{"03-08 01:59:59", spring + 2*3600 - 1, true},
		{"03-08 02:00", spring + 2*3600, false},
		{"03-08 02:15", spring + 2*3600 + 15*60, false},
		{"03-08 02:59:59", spring + 3*3600 - 1, false},
		{"03-08 03:00", spring + 3*3600, true},
		{"03-08 23:00", spring + 23*3600, true},
		{"11-01 01:30 (repeated)", fall + 1*3600 + 30*60, true},
		{"11-01 02:00", fall + 2*3600, true},
	} {
		if got := z.Exists(tc.w); got != tc.want {
			t.Errorf("%s: Exists %v, want %v", tc.name, got, tc.want)
		}
		from, to, gap := z.Gap(tc.w)
		if gap == tc.want {
			t.Errorf("%s: Gap reports a gap %v, want %v", tc.name, gap, !tc.want)
		}
		if gap && (from != spring+2*3600 || to != spring+3*3600) {
			t.Errorf("%s: gap from %d to %d, want 02:00 to 03:00 of 2026-03-08", tc.name, from-spring, to-spring)
		}
	}
}

// Exists agrees with time.Date, which normalizes a time that does not exist to another wall clock:
// every quarter hour (and the minute either side) of 2026 and of a year past the table in zones with whole- and half-hour
// changes, through the table and its slow path, and through a Near of each week.
func TestExistsAgainstTimeDate(t *testing.T) {
	for _, name := range []string{"America/New_York", "Australia/Lord_Howe", "Europe/London", "UTC"} {
		z, err := LoadZone(name)
		if err != nil {
			t.Skip("no tzdata:", err)
		}
		for _, year := range []int{2026, tableEndYear + 50} { // the table's years, then the slow path's
			gaps := 0
			for first := NewDate(year, 1, 1); first < NewDate(year+1, 1, 1); first += 7 {
				near := z.Near(z.Instant(first, 0), z.Instant(first.AddDays(7), 0))
				for q := -96; q < 8*96; q++ {
					for _, dm := range []int64{-60, 0, 60} {
						w := int64(first)*86400 + int64(q)*900 + dm
						u := time.Unix(w, 0).UTC()
						lt := time.Date(u.Year(), u.Month(), u.Day(), u.Hour(), u.Minute(), u.Second(), 0, z.Loc)
						want := lt.Year() == u.Year() && lt.YearDay() == u.YearDay() && lt.Hour() == u.Hour() && lt.Minute() == u.Minute()
						if got := z.Exists(w); got != want {
							t.Fatalf("%s %s: Exists %v, time.Date says %v", name, u.Format("2006-01-02 15:04"), got, want)
						}
						if got := near.Exists(w); got != want {
							t.Fatalf("%s %s: Near (week %s) Exists %v, time.Date says %v", name, u.Format("2006-01-02 15:04"), first, got, want)
						}
						if _, _, gap := z.Gap(w); gap == want {
							t.Fatalf("%s %s: Gap %v, time.Date says exists %v", name, u.Format("2006-01-02 15:04"), gap, want)
						}
						if !want {
							gaps++
						}
					}
				}
			}
			if name != "UTC" && gaps == 0 {
				t.Errorf("%s: no time of %d found in a gap", name, year)
			}
		}
	}
}

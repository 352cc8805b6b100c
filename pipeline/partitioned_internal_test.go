package pipeline

import (
	"bufio"
	"bytes"
	"reflect"
	"testing"

	"github.com/payclose/payclose/stages/model"
)

// Every field of a roster row survives the roster spill of the partitioned close: the fields are
// filled with distinct values by reflection, so a field added to model.Employee and not encoded
// fails here rather than closing employees with a zero value.
func TestEmployeeSpillRoundTrip(t *testing.T) {
	var e model.Employee
	v := reflect.ValueOf(&e).Elem()
	for i := 0; i < v.NumField(); i++ {
		f := v.Field(i)
		switch f.Kind() {
		case reflect.String:
			f.SetString(v.Type().Field(i).Name + "-x")
		case reflect.Bool:
			f.SetBool(true)
		case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
			f.SetInt(int64(-1000 - i))
		case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
			f.SetUint(uint64(1 + i))
		default:
			t.Fatalf("model.Employee.%s is a %s: teach appendEmployee and rowReader.employee to spill it", v.Type().Field(i).Name, f.Kind())
		}
	}
	// Each boolean alone, too: a flag read from the wrong bit would pass with all of them set.
	rows := []model.Employee{e}
	for i := 0; i < v.NumField(); i++ {
		if v.Field(i).Kind() == reflect.Bool {
			one := e
			ov := reflect.ValueOf(&one).Elem()
			for j := 0; j < ov.NumField(); j++ {
				if ov.Field(j).Kind() == reflect.Bool {
					ov.Field(j).SetBool(j == i)
				}
			}
			rows = append(rows, one)
		}
	}
	var buf []byte
	for i := range rows {
		buf = appendRow(buf, appendEmployee(nil, &rows[i]))
	}
	r := bufio.NewReader(bytes.NewReader(buf))
	rr := &rowReader{strs: map[string]string{}}
	var row []byte
	for i := range rows {
		var got model.Employee
		row = rr.nextRow(r, row)
		rr.employee(&got)
		if rr.err != nil {
			t.Fatal(rr.err)
		}
		if !reflect.DeepEqual(got, rows[i]) {
			t.Errorf("row %d:\ngot  %+v\nwant %+v", i, got, rows[i])
		}
	}
}

// Ids are found by value and length, so ids that differ only in leading zeros stay apart, and
// ids that are not all digits (or too long for a number) are found by their string; a roster of
// close plain numbers is compacted into an array, and one of rising plain numbers each at its
// index (a roster sorted by id) into a count of a bitmap, and either finds the same.
func TestIDIndex(t *testing.T) {
	for _, c := range []struct {
		ids, absent []string
		dense       bool // compacted into an array when positions are not the indices
		rank        bool // counted when they are
	}{
		{[]string{"7", "007", "10000000", "A-17", "123456789012345678901", "99999999999999999", "0"}, []string{"07", "", "8", "a-17"}, false, false},
		{[]string{"7", "007"}, []string{"07", "8"}, false, false},     // a leading zero: not compacted
		{[]string{"10", "1000"}, []string{"11", "100"}, false, false}, // 2 ids over 991 values
		{[]string{"12", "10", "15", "13"}, []string{"11", "012", "9", "16", "1", "x", ""}, true, false},
		{[]string{"0", "3", "1"}, []string{"00", "2", "4"}, true, false},
		{[]string{"10", "12", "13", "15"}, []string{"11", "012", "9", "16", "1", "x", ""}, true, true},
		{[]string{"0", "1", "3"}, []string{"00", "2", "4"}, true, true},
		{[]string{"5", "100"}, []string{"05", "6", "99", "101", "164"}, false, true},                                         // sparse, but rising
		{[]string{"5", "63", "64", "127", "128", "200"}, []string{"6", "62", "65", "126", "129", "199", "201"}, false, true}, // word edges
	} {
		// Positions as the roster gives them (each the index of its key), and not: a position
		// skipped, or a first one past 0.
		for _, sp := range [][2]int{{1, 0}, {3, 0}, {1, 2}} {
			step, first := sp[0], sp[1]
			x := newIDIndex(0)
			for i, id := range c.ids {
				x.put(id, int32(i*step+first))
			}
			x.compact()
			wantRank := c.rank && step == 1 && first == 0
			if got := x.rank != nil; got != wantRank {
				t.Errorf("%q, step %d, first %d: counted %v, want %v", c.ids, step, first, got, wantRank)
			}
			if got := x.dense != nil; got != (c.dense && !wantRank) {
				t.Errorf("%q, step %d, first %d: compacted %v, want %v", c.ids, step, first, got, c.dense && !wantRank)
			}
			for i, id := range c.ids {
				if pos, ok := x.get(id); !ok || pos != int32(i*step+first) {
					t.Errorf("%q: get(%q) = %d, %v; want %d", c.ids, id, pos, ok, i*step+first)
				}
			}
			for _, id := range c.absent {
				if pos, ok := x.get(id); ok {
					t.Errorf("%q: get(%q) = %d: not put", c.ids, id, pos)
				}
			}
		}
	}
}

// bucket groups row indices by key, stably.
func TestBucket(t *testing.T) {
	start, order := bucket([]int32{2, 0, 2, 1, 0, 2}, 4, nil, nil)
	if want := []int32{0, 2, 3, 6, 6}; !reflect.DeepEqual(start, want) {
		t.Errorf("start %v, want %v", start, want)
	}
	if want := []int32{1, 4, 3, 0, 2, 5}; !reflect.DeepEqual(order, want) {
		t.Errorf("order %v, want %v", order, want)
	}
}

// A partition's file is emptied once the partition is read (its rows are in memory): the spill of
// a big export does not hold disk and page cache until the close ends.
func TestPartitionFreedWhenRead(t *testing.T) {
	ps, err := newPartitions(t.TempDir(), 2)
	if err != nil {
		t.Fatal(err)
	}
	defer ps.remove()
	p := model.Punch{Line: 2, Employee: "7", PayCode: "VACATION", PayText: "Vacation", Account: "A/B", HasHours: true, Seconds: 3600}
	ps.add(0, &p, 0)
	ps.add(1, &p, -1)
	if err := ps.flush(); err != nil {
		t.Fatal(err)
	}
	all, err := ps.read(1, nil, func(int32) (string, bool) { return "", false })
	if err != nil || len(all) != 1 || all[0] != p {
		t.Fatalf("read back %+v, %v; want %+v", all, err, p)
	}
	for k, want := range []int64{ps.size[0], 0} {
		if fi, err := ps.files[k].Stat(); err != nil || fi.Size() != want {
			t.Errorf("partition %d: %d bytes on disk (%v), want %d", k, fi.Size(), err, want)
		}
	}
}

// A punch row comes back from its spill as it went in, whatever its shape: times that fit the
// short encoding and times that do not (an in punch decades from its event date, HOURS past 4
// bytes), an absent in punch, strings numbered and written in the row (long enough that the
// row's length takes two bytes), a row of an id not on the roster.
func TestPunchSpillRoundTrip(t *testing.T) {
	defer func(old int) { maxStrCodes = old }(maxStrCodes)
	maxStrCodes = 2 // "" and the first value: the others are written in the row
	ps, err := newPartitions(t.TempDir(), 1)
	if err != nil {
		t.Fatal(err)
	}
	defer ps.remove()
	day := int64(20773) // 2026-11-15
	long := string(bytes.Repeat([]byte("X/"), 200))
	rows := []struct {
		p   model.Punch
		pos int32
	}{
		{model.Punch{Line: 2, Employee: "7", EventDate: 20773, Account: "A/B", HasIn: true, HasOut: true, In: day*86400 + 7*3600, Out: day*86400 + 15*3600}, 0},
		{model.Punch{Line: 3, Employee: "7", EventDate: 20773, PayCode: "VACATION", PayText: "Vacation", Account: long, HasHours: true, Seconds: 8 * 3600, WorkRule: model.RuleCharge | model.RuleNoLunch}, 0},
		{model.Punch{Line: 4, Employee: "8", EventDate: 20774, HasIn: true, HasOut: true, In: day*86400 - 3600, Out: day*86400 + 100, OnCallFile: true}, 1},
		{model.Punch{Line: 5, Employee: "8", EventDate: 0, HasIn: true, HasOut: true, In: 1 << 40, Out: 1<<40 + 60}, 1},
		{model.Punch{Line: 6, Employee: "8", EventDate: 20773, PayCode: "SICK", PayText: "SICK", HasHours: true, Seconds: 1 << 33}, 1},
		{model.Punch{Line: 7, Employee: "9", EventDate: 20773, HasOut: true, Out: day * 86400, Account: "A/B"}, -1},
		{model.Punch{Line: 1 << 30, Employee: "not on the roster " + long, EventDate: 20775, HasIn: true, In: -5}, -1},
	}
	for i := range rows {
		ps.add(0, &rows[i].p, rows[i].pos)
	}
	if err := ps.flush(); err != nil {
		t.Fatal(err)
	}
	ids := []string{"7", "8"}
	all, err := ps.read(0, nil, func(at int32) (string, bool) { return ids[at], int(at) < len(ids) })
	if err != nil || len(all) != len(rows) {
		t.Fatalf("read back %d rows, %v; want %d", len(all), err, len(rows))
	}
	for i, r := range rows {
		if all[i] != r.p {
			t.Errorf("row %d: read back %+v, want %+v", i, all[i], r.p)
		}
	}
}

package rates

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func shareProfile(t *testing.T) string {
	b, err := profileFS.ReadFile("profiles/share-2018.json")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func loadOne(t *testing.T, name, src string) (*Registry, error) {
	t.Helper()
	return LoadFS(fstest.MapFS{name: {Data: []byte(src)}}, "dir")
}

// A misspelled key fails to load, naming the key, the file, the date and the key it resembles.
func TestLoadMisspelledKey(t *testing.T) {
	src := strings.Replace(shareProfile(t), `"evening":`, `"evenning":`, 1)
	_, err := loadOne(t, "share.json", src)
	if err == nil {
		t.Fatal("a profile with a misspelled key loaded")
	}
	for _, want := range []string{`"evenning"`, "dir/share.json", "2018-09-30", `did you mean "evening"`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %s", err, want)
		}
	}
}

// A dated series: the evening differential is $2.00 from 2018-09-30 (seed 004) and, in this
// made-up amendment, $2.25 from 2019-10-06. A week in each gets its own value and reference; a
// series that starts after effective_from leaves the weeks before it without a value, an error
// naming the parameter and the date.
func TestLoadSeries(t *testing.T) {
	series := `"evening": {"series": [
		{"from": "2018-09-30", "value": "2.00", "ref": "004 Shift Differentials Policy"},
		{"from": "2019-10-06", "value": "2.25", "ref": "test amendment"}]},`
	src := strings.Replace(shareProfile(t), `"evening": "2.00",`, series, 1)
	reg, err := loadOne(t, "share.json", src)
	if err != nil {
		t.Fatal(err)
	}
	day := func(s string) time.Time { d, _ := time.Parse("2006-01-02", s); return d }
	for _, c := range []struct {
		day  string
		rate Rate
		ref  string
	}{{"2019-10-05", Dollars(2, 0), "004 Shift Differentials Policy"}, {"2019-10-06", Dollars(2, 25), "test amendment"}, {"2021-01-03", Dollars(2, 25), "test amendment"}} {
		rs, err := reg.Lookup("SHARE", day(c.day))
		if err != nil {
			t.Fatal(err)
		}
		if rs.Evening != c.rate || rs.Ref("evening") != c.ref || rs.Night != Dollars(4, 0) {
			t.Errorf("%s: evening %v (%q), night %v; want %v (%q)", c.day, rs.Evening, rs.Ref("evening"), rs.Night, c.rate, c.ref)
		}
	}

	late := strings.Replace(src, `"from": "2018-09-30"`, `"from": "2018-10-07"`, 1)
	reg, err = loadOne(t, "share.json", late)
	if err != nil {
		t.Fatal(err)
	}
	_, err = reg.Lookup("SHARE", day("2018-09-30"))
	var pnf *ParameterNotFoundError
	if !errors.As(err, &pnf) || pnf.Param != "evening" || !strings.Contains(err.Error(), "2018-09-30") {
		t.Fatalf("a week before the first value: %v", err)
	}
	if _, err := reg.Lookup("SHARE", day("2018-10-07")); err != nil {
		t.Fatal(err)
	}

	bad := strings.Replace(src, `"from": "2019-10-06"`, `"from": "2018-01-01"`, 1)
	if _, err := loadOne(t, "share.json", bad); err == nil || !strings.Contains(err.Error(), `"evening"`) {
		t.Fatalf("series dates out of order: %v", err)
	}
	extra := strings.Replace(src, `"ref": "test amendment"`, `"ref": "x", "note": "y"`, 1)
	if _, err := loadOne(t, "share.json", extra); err == nil || !strings.Contains(err.Error(), "note") {
		t.Fatalf("unknown field in a series entry: %v", err)
	}
}

// The profile set's hash changes with any byte of any file and is the same for the same files.
func TestRegistryHash(t *testing.T) {
	src := shareProfile(t)
	a, err := loadOne(t, "share.json", src)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := loadOne(t, "share.json", src)
	c, _ := loadOne(t, "share.json", strings.Replace(src, `"night": "4.00"`, `"night": "4.01"`, 1))
	if a.Hash() != b.Hash() || a.Hash() == c.Hash() || len(a.Hash()) != 64 {
		t.Fatalf("hashes %s %s %s", a.Hash(), b.Hash(), c.Hash())
	}
	if Default.Source() != "rates/profiles" || Default.Hash() == "" {
		t.Fatalf("embedded registry: %q %q", Default.Source(), Default.Hash())
	}
}

// The profile names its holiday calendar; an unknown one stops the load, naming the file; a
// profile without the key gets its family's calendar.
func TestLoadCalendar(t *testing.T) {
	src := shareProfile(t)
	if _, err := loadOne(t, "share.json", strings.Replace(src, `"calendar": "SHARE"`, `"calendar": "SHAER"`, 1)); err == nil ||
		!strings.Contains(err.Error(), "dir/share.json") || !strings.Contains(err.Error(), "calendar") {
		t.Fatalf("unknown calendar: %v", err)
	}
	reg, err := loadOne(t, "share.json", strings.Replace(src, `"calendar": "SHARE",`, "", 1))
	if err != nil {
		t.Fatal(err)
	}
	rs, err := reg.Lookup("SHARE", time.Date(2026, 1, 4, 0, 0, 0, 0, time.UTC))
	if err != nil || rs.Calendar() == nil || rs.Calendar().Name() != "SHARE" {
		t.Fatalf("calendar of a profile without the key: %v %v", rs, err)
	}
}

// A later file of a rule set replaces an earlier one from its effective_from, even where the
// earlier file has a dated change after it: share-2018 raises evening to $2.25 from 2021-10-03,
// but a 2020 file (evening $3.00) is in force from 2020-10-04 on.
func TestLoadLaterFileWins(t *testing.T) {
	src := shareProfile(t)
	old := strings.Replace(src, `"evening": "2.00",`, `"evening": {"series": [{"from": "2018-09-30", "value": "2.00"}, {"from": "2021-10-03", "value": "2.25"}]},`, 1)
	next := strings.Replace(strings.Replace(src, `"evening": "2.00",`, `"evening": "3.00",`, 1), `"effective_from": "2018-09-30"`, `"effective_from": "2020-10-04"`, 1)
	reg, err := LoadFS(fstest.MapFS{"share-2018.json": {Data: []byte(old)}, "share-2020.json": {Data: []byte(next)}}, "dir")
	if err != nil {
		t.Fatal(err)
	}
	for day, want := range map[string]Rate{"2019-01-06": Dollars(2, 0), "2020-10-04": Dollars(3, 0), "2022-01-02": Dollars(3, 0)} {
		d, _ := time.Parse("2006-01-02", day)
		rs, err := reg.Lookup("SHARE", d)
		if err != nil || rs.Evening != want {
			t.Errorf("%s: %v %v, want %v", day, rs.Evening, err, want)
		}
	}
}

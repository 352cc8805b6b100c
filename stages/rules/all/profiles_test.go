package all

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/rates"
	"github.com/payclose/payclose/stages/rules"
)

// The embedded profiles carry exactly the keys their families read.
func TestProfilesStrict(t *testing.T) {
	if err := rules.CheckProfiles(rates.Default); err != nil {
		t.Fatal(err)
	}
}

// A key nothing reads and a key a family reads but the profile lacks are errors naming the key,
// the file and the date. The catalog left SHARE's stack_weekend_with_shift and
// weekend_within_one_hour (share.md A12, A15) as switches, but the family implements only the
// recommended readings (weekend stacks on evening/night, SHARE-DIFF-04; no within-one-hour on the
// weekend window, SHARE-SHIFT-04), so a profile carrying them would promise a choice it does not
// have.
func TestCheckProfilesCatches(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "rates", "profiles", "share-2018.json"))
	if err != nil {
		t.Fatal(err)
	}
	src := string(b)
	for name, c := range map[string]struct{ edit, want string }{
		"unread switch":  {strings.Replace(src, `"short_break_paid": true`, `"short_break_paid": true, "stack_weekend_with_shift": true`, 1), `"switches.stack_weekend_with_shift": nothing in family share reads it`},
		"missing key":    {strings.Replace(src, `"night": "4.00",`, "", 1), `"night" is missing`},
		"missing switch": {strings.Replace(src, `"weekend_diff_day_shifts": true,`, "", 1), `"switches.weekend_diff_day_shifts" is missing`},
	} {
		reg, err := rates.LoadFS(fstest.MapFS{"share.json": {Data: []byte(c.edit)}}, "dir")
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		err = rules.CheckProfiles(reg)
		if err == nil || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "dir/share.json") || !strings.Contains(err.Error(), "2018-09-30") {
			t.Errorf("%s: %v; want an error naming %s, the file and the date", name, err, c.want)
		}
	}
}

// rsField is a read of a RuleSet field as the families write it (rs.Evening).
var rsField = regexp.MustCompile(`\brs\.([A-Z]\w*)\b`)

// switchRead is a read of a switch, by literal or by a constant (swX = "name").
var (
	switchRead  = regexp.MustCompile(`\.Switch\(("\w+"|\w+)\)`)
	stringConst = regexp.MustCompile(`\b(\w+)\s*=\s*"(\w+)"`)
)

// Each family's Params (the keys CheckProfiles holds its profiles to) are the RuleSet fields and
// switches its code reads, so the list cannot drift from the code.
func TestFamilyParams(t *testing.T) {
	jsonName := map[string]string{}
	rt := reflect.TypeOf(rates.RuleSet{})
	for i := 0; i < rt.NumField(); i++ {
		if tag := strings.Split(rt.Field(i).Tag.Get("json"), ",")[0]; tag != "" {
			jsonName[rt.Field(i).Name] = tag
		}
	}
	// What the rules package's helpers read on a family's behalf (rules.CompTime reads the comp
	// multiplier and cap): helper name -> RuleSet fields.
	helperReads := map[string][]string{}
	shared, _ := filepath.Glob(filepath.Join("..", "*.go"))
	for _, file := range shared {
		if strings.HasSuffix(file, "_test.go") {
			continue
		}
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for _, fn := range strings.Split(string(src), "\nfunc ")[1:] {
			name := regexp.MustCompile(`^(?:\([^)]*\)\s*)?(\w+)`).FindStringSubmatch(fn)
			for _, m := range rsField.FindAllStringSubmatch(fn, -1) {
				helperReads[name[1]] = append(helperReads[name[1]], m[1])
			}
		}
	}
	common := map[string]bool{}
	for _, k := range rules.Common {
		common[k] = true
	}
	for _, name := range rules.Families() {
		f, _ := rules.Lookup(name)
		p, ok := f.(rules.Params)
		if !ok {
			continue
		}
		files, _ := filepath.Glob(filepath.Join("..", name, "*.go"))
		read := map[string]bool{}
		var all strings.Builder
		for _, file := range files {
			if strings.HasSuffix(file, "_test.go") {
				continue
			}
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			fields := rsField.FindAllStringSubmatch(string(src), -1)
			for helper, f := range helperReads {
				if strings.Contains(string(src), "rules."+helper+"(") || strings.Contains(string(src), "rules."+helper+"[") {
					for _, x := range f {
						fields = append(fields, []string{"", x})
					}
				}
			}
			for _, m := range fields {
				if k, ok := jsonName[m[1]]; ok && !common[k] && k != "switches" {
					read[k] = true
				}
			}
			all.Write(src)
		}
		consts := map[string]string{}
		for _, m := range stringConst.FindAllStringSubmatch(all.String(), -1) {
			consts[m[1]] = m[2]
		}
		for _, m := range switchRead.FindAllStringSubmatch(all.String(), -1) {
			sw := strings.Trim(m[1], `"`)
			if m[1][0] != '"' {
				sw = consts[m[1]]
			}
			read["switches."+sw] = true
		}
		if len(files) == 0 {
			t.Fatalf("family %s: no source in ../%s", name, name)
		}
		got := append([]string(nil), p.Params()...)
		var want []string
		for k := range read {
			want = append(want, k)
		}
		sort.Strings(got)
		sort.Strings(want)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("family %s: Params() = %v\nits code reads %v", name, got, want)
		}
	}
}

// The non-unit family's only window is a holiday of its own calendar (the profile's "calendar"):
// 08:00–16:00 on Thanksgiving 2026 (Thursday 2026-11-26) is 8 h in it, named after the holiday.
func TestNonUnitHolidayWindow(t *testing.T) {
	f, err := rules.Lookup("nonunit")
	if err != nil {
		t.Fatal(err)
	}
	rs, err := rates.Default.Lookup("NONUNIT_NONEXEMPT", time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	day := int64(calendars.NewDate(2026, time.November, 26)) * 86400
	var got []string
	f.(rules.Describer).Windows(rs, day+8*3600, day+16*3600, func(w string, secs int64, note string) {
		got = append(got, fmt.Sprintf("%s %d %s", w, secs/3600, note))
	})
	if len(got) != 1 || !strings.HasPrefix(got[0], "HOLIDAY 00-24 8 Thanksgiving") {
		t.Fatalf("windows %v", got)
	}
}

// Every pay code the families write is in docs/FORMATS.md, the output contract.
func TestPayCodesInFormats(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "..", "..", "docs", "FORMATS.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range rules.PayCodes {
		if !strings.Contains(string(b), "`"+c+"`") {
			t.Errorf("pay code %s is not in docs/FORMATS.md", c)
		}
	}
}

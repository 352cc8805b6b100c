package rates

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"reflect"
	"sort"
	"strings"
	"time"

	"github.com/payclose/payclose/calendars"
)

// A profile parameter is either a plain value, in force from the file's effective_from, or a dated
// series with the source of each value, like OpenFisca's parameters:
//
//	"evening": {"series": [
//	    {"from": "2018-10-01", "value": "2.00", "ref": "seed 004, Shift Differentials Policy"},
//	    {"from": "2020-10-01", "value": "2.25", "ref": "2020 MOA §3"}]}
//
// A file with series is loaded as one rule-set version per date on which any value changes. A
// week that falls before a parameter's first value is an error naming the parameter and the date
// (ParameterNotFoundError), never a zero.

// seriesEntry is one dated value of a parameter.
type seriesEntry struct {
	From  string          `json:"from"`
	Value json.RawMessage `json:"value"`
	Ref   string          `json:"ref"`
	day   time.Time
}

// ParameterNotFoundError is a parameter with no value in force on a day.
type ParameterNotFoundError struct {
	RuleSet, File, Param string
	Day                  time.Time
}

func (e *ParameterNotFoundError) Error() string {
	return fmt.Sprintf("%s: rule set %s: parameter %q has no value in force on %s", e.File, e.RuleSet, e.Param, e.Day.Format("2006-01-02"))
}

// profileKeys is every key a rule-set file may carry: the json names of RuleSet's fields.
var profileKeys = func() map[string]bool {
	keys := map[string]bool{}
	t := reflect.TypeOf(RuleSet{})
	for i := 0; i < t.NumField(); i++ {
		if tag := strings.Split(t.Field(i).Tag.Get("json"), ",")[0]; tag != "" && tag != "-" {
			keys[tag] = true
		}
	}
	return keys
}()

// LoadFS reads every *.json of fsys; label names the set in messages (rates/profiles or a
// directory). Loading is strict: an unknown key, a malformed series, or a value that does not
// parse is an error naming the key, the file and the date.
func LoadFS(fsys fs.FS, label string) (*Registry, error) {
	names, err := fs.Glob(fsys, "*.json")
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("%s: no *.json profiles", label)
	}
	sort.Strings(names)
	reg := &Registry{byName: map[string][]*RuleSet{}, source: label, files: len(names)}
	h := sha256.New()
	var banks []accrualFile
	var seps []separationFile
	for _, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		fmt.Fprintf(h, "%s %d\n", name, len(b))
		h.Write(b)
		reg.bytes += int64(len(b))
		file := path.Join(label, name)
		if strings.HasPrefix(name, separationFilePrefix) {
			if err := addSeparationFile(&seps, file, b); err != nil {
				return nil, err
			}
			continue
		}
		if strings.HasPrefix(name, accrualFilePrefix) {
			if err := addAccrualFile(&banks, file, b); err != nil {
				return nil, err
			}
			continue
		}
		versions, err := loadRuleSet(file, b)
		if err != nil {
			return nil, err
		}
		sum := sha256.Sum256(b)
		for _, rs := range versions {
			rs.sha = hex.EncodeToString(sum[:])
			reg.byName[rs.Name] = append(reg.byName[rs.Name], rs)
		}
	}
	for name, v := range reg.byName {
		sort.SliceStable(v, func(i, j int) bool { return v[i].effective.Before(v[j].effective) })
		// A later file of the same rule set replaces an earlier one from its effective_from on,
		// dated changes of the earlier file included.
		keep := v[:0]
		for _, x := range v {
			superseded := false
			for _, y := range v {
				if y.file != x.file && y.base.After(x.base) && !y.base.After(x.effective) {
					superseded = true
				}
			}
			if !superseded {
				keep = append(keep, x)
			}
		}
		reg.byName[name] = keep
	}
	attachAccrualFiles(reg, banks)
	attachSeparationFiles(reg, seps)
	reg.hash = hex.EncodeToString(h.Sum(nil))
	return reg, nil
}

// loadRuleSet reads one rule-set file into its versions: one per date a series changes a value.
func loadRuleSet(file string, b []byte) ([]*RuleSet, error) {
	raw := map[string]json.RawMessage{}
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	var from string
	if v, ok := raw["effective_from"]; !ok || json.Unmarshal(v, &from) != nil {
		return nil, fmt.Errorf("%s: effective_from is missing or not a date string", file)
	}
	start, err := time.Parse("2006-01-02", from)
	if err != nil {
		return nil, fmt.Errorf("%s: effective_from: %w", file, err)
	}
	keys := make([]string, 0, len(raw))
	series := map[string][]seriesEntry{}
	dates := map[time.Time]bool{start: true}
	for k, v := range raw {
		if !profileKeys[k] {
			return nil, fmt.Errorf("%s (effective %s): unknown key %q%s", file, from, k, didYouMean(k))
		}
		keys = append(keys, k)
		s, ok, err := parseSeries(v)
		if err != nil {
			return nil, fmt.Errorf("%s (effective %s): key %q: %w", file, from, k, err)
		}
		if !ok {
			continue
		}
		series[k] = s
		for _, e := range s {
			if e.day.After(start) {
				dates[e.day] = true
			}
		}
	}
	var days []time.Time
	for d := range dates {
		days = append(days, d)
	}
	sort.Slice(days, func(i, j int) bool { return days[i].Before(days[j]) })

	var out []*RuleSet
	for _, day := range days {
		obj := make(map[string]json.RawMessage, len(raw))
		refs := map[string]string{}
		var missing []string
		for k, v := range raw {
			s, ok := series[k]
			if !ok {
				obj[k] = v
				continue
			}
			var cur *seriesEntry
			for i := range s {
				if !s[i].day.After(day) {
					cur = &s[i]
				}
			}
			if cur == nil {
				missing = append(missing, k)
				continue
			}
			obj[k], refs[k] = cur.Value, cur.Ref
		}
		flat, err := json.Marshal(obj)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", file, err)
		}
		rs := &RuleSet{}
		dec := json.NewDecoder(bytes.NewReader(flat))
		dec.DisallowUnknownFields()
		if err := dec.Decode(rs); err != nil {
			return nil, fmt.Errorf("%s (in force %s): %w", file, day.Format("2006-01-02"), err)
		}
		wd, ok := weekdays[strings.ToLower(rs.WeekStartDay)]
		if !ok {
			return nil, fmt.Errorf("%s: week_start %q is not a weekday", file, rs.WeekStartDay)
		}
		if rs.RateEffective != RatePayrollWeek && rs.RateEffective != RateWorkday {
			return nil, fmt.Errorf("%s: rate_effective %q: expected %q or %q", file, rs.RateEffective, RatePayrollWeek, RateWorkday)
		}
		if rs.Accrual != nil {
			if err := rs.Accrual.Validate(); err != nil {
				return nil, fmt.Errorf("%s: %w", file, err)
			}
		}
		// The profile names its calendar; a profile written before "calendar" existed gets the
		// calendar of its family's name, else of its rule set's name (PSU_EXEMPT: PSU).
		names := []string{rs.CalendarName}
		if rs.CalendarName == "" {
			names = []string{rs.Family, rs.Name}
		}
		var cal *calendars.Calendar
		for _, n := range names {
			if cal, err = calendars.CalendarFor(n); err == nil {
				break
			}
		}
		if err != nil {
			return nil, fmt.Errorf("%s (effective %s): calendar: %w", file, from, err)
		}
		rs.cal = cal
		sort.Strings(missing)
		rs.effective, rs.base, rs.weekStart, rs.file, rs.refs, rs.missing = day, start, wd, file, refs, missing
		rs.keys = append([]string(nil), keys...)
		for sw := range rs.Switches {
			rs.keys = append(rs.keys, "switches."+sw)
		}
		sort.Strings(rs.keys)
		out = append(out, rs)
	}
	return out, nil
}

// parseSeries reads {"series": [...]}; ok is false for a plain value.
func parseSeries(v json.RawMessage) (s []seriesEntry, ok bool, err error) {
	t := bytes.TrimSpace(v)
	if len(t) == 0 || t[0] != '{' {
		return nil, false, nil
	}
	var obj map[string]json.RawMessage
	if json.Unmarshal(t, &obj) != nil || len(obj) != 1 || obj["series"] == nil {
		return nil, false, nil
	}
	dec := json.NewDecoder(bytes.NewReader(obj["series"]))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&s); err != nil {
		return nil, true, fmt.Errorf("series: %w", err)
	}
	if len(s) == 0 {
		return nil, true, fmt.Errorf("series has no value")
	}
	for i := range s {
		if s[i].day, err = time.Parse("2006-01-02", s[i].From); err != nil {
			return nil, true, fmt.Errorf("series entry %d: from: %w", i, err)
		}
		if len(s[i].Value) == 0 {
			return nil, true, fmt.Errorf("series entry from %s has no value", s[i].From)
		}
		if i > 0 && !s[i].day.After(s[i-1].day) {
			return nil, true, fmt.Errorf("series dates must ascend (%s after %s)", s[i].From, s[i-1].From)
		}
	}
	return s, true, nil
}

// didYouMean names the known key closest to a misspelled one.
func didYouMean(k string) string {
	best, dist := "", 4
	for known := range profileKeys {
		if d := editDistance(k, known); d < dist || (d == dist && known < best) {
			best, dist = known, d
		}
	}
	if best == "" {
		return ""
	}
	return fmt.Sprintf(" (did you mean %q?)", best)
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur := make([]int, len(b)+1)
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev = cur
	}
	return prev[len(b)]
}

// Keys lists the keys the rule set's file carries, switches as "switches.NAME", sorted.
func (r *RuleSet) Keys() []string { return r.keys }

// File is the profile file the rule set was read from.
func (r *RuleSet) File() string { return r.file }

// SHA256 is the sha256 of the profile file the version was read from, for the run manifest.
func (r *RuleSet) SHA256() string { return r.sha }

// InForce is the first day of this version: effective_from, or the date a series changed a value.
func (r *RuleSet) InForce() time.Time { return r.effective }

// Ref is the source reference of the value of key in force in this version ("" for a plain value).
func (r *RuleSet) Ref(key string) string { return r.refs[key] }

// Hash is the sha256 of the profile set (file names and contents): it goes into the manifest and
// the run id, so a run is tied to the numbers it used.
func (r *Registry) Hash() string { return r.hash }

// Source is where the profiles came from: rates/profiles (embedded) or the --profiles directory.
func (r *Registry) Source() string { return r.source }

// Size is the number of profile files and their bytes.
func (r *Registry) Size() (files int, bytes int64) { return r.files, r.bytes }

// All lists every rule-set version, by name then date.
func (r *Registry) All() []*RuleSet {
	var out []*RuleSet
	for _, n := range r.Names() {
		out = append(out, r.byName[n]...)
	}
	return out
}

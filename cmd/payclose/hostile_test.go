package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/apache/arrow/go/v15/arrow/array"
	"github.com/apache/arrow/go/v15/arrow/memory"
	"github.com/apache/arrow/go/v15/parquet/file"
	"github.com/apache/arrow/go/v15/parquet/pqarrow"

	"github.com/payclose/payclose/benchmarks/gen"
	"github.com/payclose/payclose/calendars"
	"github.com/payclose/payclose/stages/emit"
)

// Issue 10, "nothing lost, nothing paid twice": a generated week is closed once as it is, then
// once per hostile mutation of one input. Each mutation asserts the exit code, the reject code or
// the error, that every physical line of every input is accounted for (lines read = header +
// blank + accepted + rejected, and lines read is the file's real line count), and that every
// employee the mutation did not touch is paid exactly what the clean close paid, to the cent.

const hostileWeek = "2026-11-15"

// hostileInputs is a generated week of a few hundred employees with no deliberately bad rows,
// plus a small balances file for employees of the week, written once.
var hostileInputs = sync.OnceValues(func() (map[string][]byte, error) {
	dir, err := os.MkdirTemp("", "payclose-hostile-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(dir)
	w, _ := calendars.ParseISODate(hostileWeek)
	if _, err := gen.Write(dir, gen.Config{Employees: 150, Week: w, Seed: 7, BadPer10k: -1}); err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	for _, n := range []string{"punches.csv", "roster.csv", "schedule.csv"} {
		if files[n], err = os.ReadFile(filepath.Join(dir, n)); err != nil {
			return nil, err
		}
	}
	return files, nil
})

// lines splits a file into lines with their endings.
func splitLines(b []byte) []string { return strings.SplitAfter(string(b), "\n") }

func field(line string, i int) string {
	f := strings.Split(strings.TrimRight(line, "\r\n"), ",")
	if i < len(f) {
		return f[i]
	}
	return ""
}

// pick returns the index of the first line (after the header) without quotes that satisfies ok.
func pick(t *testing.T, ls []string, ok func(string) bool) int {
	t.Helper()
	for i := 1; i < len(ls); i++ {
		if ls[i] != "" && !strings.Contains(ls[i], `"`) && ok(ls[i]) {
			return i
		}
	}
	t.Fatal("no line to mutate")
	return 0
}

// physicalLines is how many lines a reader must report for b.
func physicalLines(b []byte) int64 {
	n := int64(bytes.Count(b, []byte{'\n'}))
	if len(b) > 0 && b[len(b)-1] != '\n' {
		n++
	}
	return n
}

type hostileRun struct {
	code     int
	stdout   string
	stderr   string
	manifest *emit.Manifest
	gross    map[string]int64 // employee -> cents
	rejects  string
}

// closeFiles writes files into a fresh directory and closes the week with the CLI.
func closeFiles(t *testing.T, files map[string][]byte, args ...string) hostileRun {
	t.Helper()
	dir := t.TempDir()
	for n, b := range files {
		if err := os.WriteFile(filepath.Join(dir, n), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(dir, "out")
	argv := []string{"run", "--punches", filepath.Join(dir, "punches.csv"), "--roster", filepath.Join(dir, "roster.csv"),
		"--schedule", filepath.Join(dir, "schedule.csv"), "--week", hostileWeek, "--out", out, "--progress", "off"}
	if _, ok := files["balances.csv"]; ok {
		argv = append(argv, "--balances", filepath.Join(dir, "balances.csv"))
	}
	var r hostileRun
	r.code, r.stdout, r.stderr = runCLI(t, append(argv, args...)...)
	if r.code != exitOK && r.code != exitRejects {
		if wrote := ledgerWritten(out); wrote != "" {
			t.Errorf("exit %d but %s was written", r.code, wrote)
		}
		return r
	}
	x, err := emit.ReadIndex(out)
	if err != nil || len(x.Runs) != 1 {
		t.Fatalf("ledger index: %v, %+v", err, x)
	}
	runDir := filepath.Join(out, "runs", x.Runs[0].RunID)
	mb, err := os.ReadFile(filepath.Join(runDir, "manifest.json"))
	if err != nil {
		t.Fatal(err)
	}
	r.manifest = &emit.Manifest{}
	if err := json.Unmarshal(mb, r.manifest); err != nil {
		t.Fatal(err)
	}
	rb, _ := os.ReadFile(filepath.Join(runDir, "rejects.csv"))
	r.rejects = string(rb)
	for _, in := range r.manifest.Inputs {
		want := physicalLines(files[filepath.Base(in.Path)])
		if in.LinesRead != want || in.LinesRead != in.HeaderLines+in.BlankLines+in.LinesAccepted+in.LinesRejected {
			t.Errorf("%s: lines read %d (file has %d) = header %d + blank %d + accepted %d + rejected %d does not hold",
				in.Name, in.LinesRead, want, in.HeaderLines, in.BlankLines, in.LinesAccepted, in.LinesRejected)
		}
		if in.BytesRead != int64(len(files[filepath.Base(in.Path)])) {
			t.Errorf("%s: %d bytes read of %d", in.Name, in.BytesRead, len(files[filepath.Base(in.Path)]))
		}
	}
	if !r.manifest.Reconciliation.OK {
		t.Errorf("reconciliation not OK: %+v", r.manifest.Reconciliation)
	}
	r.gross = payLinesGross(t, out)
	return r
}

// payLinesGross sums the Parquet pay lines by employee.
func payLinesGross(t *testing.T, out string) map[string]int64 {
	t.Helper()
	paths, _ := filepath.Glob(filepath.Join(out, "pay_lines", "*", "*.parquet"))
	if len(paths) == 0 {
		t.Fatalf("no pay lines under %s", out)
	}
	gross := map[string]int64{}
	for _, p := range paths {
		f, err := os.Open(p)
		if err != nil {
			t.Fatal(err)
		}
		rdr, err := file.NewParquetReader(f)
		if err != nil {
			t.Fatal(err)
		}
		fr, err := pqarrow.NewFileReader(rdr, pqarrow.ArrowReadProperties{}, memory.DefaultAllocator)
		if err != nil {
			t.Fatal(err)
		}
		tbl, err := fr.ReadTable(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		ei, ai := tbl.Schema().FieldIndices("employee_id")[0], tbl.Schema().FieldIndices("amount")[0]
		for c, chunk := range tbl.Column(ei).Data().Chunks() {
			emp := chunk.(*array.String)
			amt := tbl.Column(ai).Data().Chunk(c).(*array.Decimal128)
			for i := 0; i < emp.Len(); i++ {
				gross[emp.Value(i)] += int64(amt.Value(i).LowBits())
			}
		}
		tbl.Release()
		rdr.Close()
	}
	return gross
}

type mutation struct {
	name string
	// mutate changes the files in place and returns the employees whose pay may change ("*": all).
	mutate    func(t *testing.T, files map[string][]byte) []string
	args      []string
	code      int
	reason    string // a reject code the run must report
	exception string // an exception code the run must report
	text      string // in stderr (failed runs) or stdout (written runs)
	rejectHas string // in rejects.csv
	// sameInput: the run's input hours are the clean close's (the mutation moved hours from
	// accepted to rejected, or not at all).
	sameInput bool
	// unknownHours: the rejected line's hours could not be read; reported as unknown, not 0 h.
	unknownHours bool
}

// editLine replaces line i of a file.
func editLine(files map[string][]byte, name string, i int, f func(string) string) string {
	ls := splitLines(files[name])
	ls[i] = f(ls[i])
	files[name] = []byte(strings.Join(ls, ""))
	return ls[i]
}

func lineOf(t *testing.T, files map[string][]byte, name string, ok func(string) bool) (int, string) {
	ls := splitLines(files[name])
	i := pick(t, ls, ok)
	return i, ls[i]
}

func worked(l string) bool { return field(l, 3) == "" && field(l, 4) != "" }
func payCode(code string) func(string) bool {
	return func(l string) bool { return field(l, 3) == code && field(l, 6) != "" }
}
func hourly(l string) bool   { return field(l, 3) != "" && field(l, 2) == "SHARE" }
func salaried(l string) bool { return field(l, 3) == "" && field(l, 4) != "" }

// setField replaces field i of an unquoted line.
func setField(l string, i int, v string) string {
	end := l[len(strings.TrimRight(l, "\r\n")):]
	f := strings.Split(strings.TrimRight(l, "\r\n"), ",")
	f[i] = v
	return strings.Join(f, ",") + end
}

func insertAfter(files map[string][]byte, name string, i int, extra string) {
	ls := splitLines(files[name])
	ls = append(ls[:i+1], append([]string{extra}, ls[i+1:]...)...)
	files[name] = []byte(strings.Join(ls, ""))
}

func headerOnly(files map[string][]byte, name string) {
	files[name] = []byte(splitLines(files[name])[0])
}

func everyLine(files map[string][]byte, name string, f func(i int, l string) string) {
	ls := splitLines(files[name])
	for i := range ls {
		if ls[i] != "" {
			ls[i] = f(i, ls[i])
		}
	}
	files[name] = []byte(strings.Join(ls, ""))
}

func hostileMutations() []mutation {
	oneLine := func(name string, ok func(string) bool, f func(string) string) func(t *testing.T, files map[string][]byte) []string {
		return func(t *testing.T, files map[string][]byte) []string {
			i, l := lineOf(t, files, name, ok)
			editLine(files, name, i, f)
			return []string{field(l, 0)}
		}
	}
	// dup copies a line right after itself (touching no one's pay: the copy is rejected).
	dup := func(name string, ok func(string) bool) func(t *testing.T, files map[string][]byte) []string {
		return func(t *testing.T, files map[string][]byte) []string {
			i, l := lineOf(t, files, name, ok)
			insertAfter(files, name, i, l)
			return nil
		}
	}
	return []mutation{
		{name: "unclosed quote rejects its line only", code: exitRejects, reason: "BAD_QUOTE", unknownHours: true, text: "1 rejected rows of unknown hours",
			mutate: oneLine("punches.csv", worked, func(l string) string { return strings.Replace(l, ",", `,"`, 1) })},
		{name: "quote opened in the last field", code: exitRejects, unknownHours: true, reason: "BAD_QUOTE",
			mutate: oneLine("punches.csv", worked, func(l string) string { return strings.TrimRight(l, "\n") + `"x` + "\n" })},
		{name: "quote inside an unquoted field", code: exitRejects, unknownHours: true, reason: "BAD_QUOTE",
			mutate: oneLine("punches.csv", worked, func(l string) string { return strings.Replace(l, "/-/", `/"-/`, 1) })},
		{name: "exact duplicate pay-code row is paid once", code: exitRejects, reason: "DUPLICATE_ROW", rejectHas: "repeats line",
			mutate: dup("punches.csv", func(l string) bool { return field(l, 3) != "" && field(l, 6) != "" })},
		{name: "exact duplicate worked row is paid once", code: exitRejects, reason: "DUPLICATE_ROW",
			mutate: dup("punches.csv", worked)},
		{name: "9999 hours on a pay-code row", code: exitRejects, reason: "IMPLAUSIBLE_HOURS", rejectHas: "at most 24 hours",
			mutate: oneLine("punches.csv", func(l string) bool { return field(l, 3) != "" && field(l, 6) != "" }, func(l string) string { return setField(l, 6, "9999") })},
		{name: "25 hours on a pay-code row", code: exitRejects, reason: "IMPLAUSIBLE_HOURS",
			mutate: oneLine("punches.csv", func(l string) bool { return field(l, 3) != "" && field(l, 6) != "" }, func(l string) string { return setField(l, 6, "25") })},
		{name: "25 hours allowed by --max-row-hours 30", code: exitOK, args: []string{"--max-row-hours", "30"},
			mutate: oneLine("punches.csv", func(l string) bool { return field(l, 3) == "VACATION" && field(l, 6) != "" }, func(l string) string { return setField(l, 6, "25") })},
		{name: "base rate 3470000", code: exitRejects, reason: "IMPLAUSIBLE_RATE", rejectHas: "at most 1000",
			mutate: oneLine("roster.csv", hourly, func(l string) string { return setField(l, 3, "3470000") })},
		{name: "base rate below the minimum wage", code: exitRejects, reason: "IMPLAUSIBLE_RATE", rejectHas: "at least 15",
			mutate: oneLine("roster.csv", hourly, func(l string) string { return setField(l, 3, "7.25") })},
		{name: "salary worth less than the minimum wage", code: exitRejects, reason: "IMPLAUSIBLE_RATE", rejectHas: "ANNUAL_SALARY",
			mutate: oneLine("roster.csv", salaried, func(l string) string { return setField(l, 4, "1000") })},
		{name: "roster row repeated with another rate", code: exitRejects, reason: "DUPLICATE_EMPLOYEE", rejectHas: "this row says 99.0000",
			mutate: func(t *testing.T, files map[string][]byte) []string {
				i, l := lineOf(t, files, "roster.csv", hourly)
				insertAfter(files, "roster.csv", i, setField(l, 3, "99.00"))
				return nil // the first row is paid as before
			}},
		{name: "negative opening balance", code: exitRejects, reason: "IMPLAUSIBLE_BALANCE", rejectHas: "at least 0 hours",
			mutate: func(t *testing.T, files map[string][]byte) []string {
				editLine(files, "balances.csv", 1, func(l string) string { return setField(l, 2, "-10") })
				return []string{field(splitLines(files["balances.csv"])[1], 0)}
			}},
		{name: "opening balance above the bank's cap", code: exitRejects, reason: "IMPLAUSIBLE_BALANCE", rejectHas: "cap",
			mutate: func(t *testing.T, files map[string][]byte) []string {
				editLine(files, "balances.csv", 1, func(l string) string { return setField(l, 2, "99999") })
				return []string{field(splitLines(files["balances.csv"])[1], 0)}
			}},
		{name: "header-only schedule", code: exitFailed, text: "schedule.csv has no data rows",
			mutate: func(t *testing.T, files map[string][]byte) []string {
				headerOnly(files, "schedule.csv")
				return []string{"*"}
			}},
		{name: "header-only punches", code: exitFailed, text: "punches.csv has no data rows",
			mutate: func(t *testing.T, files map[string][]byte) []string {
				headerOnly(files, "punches.csv")
				return []string{"*"}
			}},
		{name: "header-only punches allowed", code: exitOK, args: []string{"--allow-empty", "punches"}, text: "--allow-empty",
			mutate: func(t *testing.T, files map[string][]byte) []string {
				headerOnly(files, "punches.csv")
				return []string{"*"}
			}},
		{name: "--weeks 2 on a one-week export", code: exitFailed, args: []string{"--weeks", "2"}, text: "no row dated in the week 2026-11-22 to 2026-11-28",
			mutate: func(*testing.T, map[string][]byte) []string { return nil }},
		{name: "--weeks 0", code: exitUsage, args: []string{"--weeks", "0"}, text: "--weeks 0",
			mutate: func(*testing.T, map[string][]byte) []string { return nil }},
		{name: "--weeks -1", code: exitUsage, args: []string{"--weeks", "-1"}, text: "--weeks -1",
			mutate: func(*testing.T, map[string][]byte) []string { return nil }},
		{name: "--workers -1", code: exitUsage, args: []string{"--workers", "-1"}, text: "--workers -1",
			mutate: func(*testing.T, map[string][]byte) []string { return nil }},
		{name: "misspelled column WORK_RULE", code: exitFailed, text: "did you mean WORKRULE?",
			mutate: func(t *testing.T, files map[string][]byte) []string {
				editLine(files, "punches.csv", 0, func(l string) string { return strings.Replace(l, "WORKRULE", "WORK_RULE", 1) })
				return nil
			}},
		{name: "misspelled column PUNCH_DTM", code: exitFailed, text: "did you mean PUNCHDTM?",
			mutate: func(t *testing.T, files map[string][]byte) []string {
				editLine(files, "punches.csv", 0, func(l string) string { return strings.Replace(l, ",PUNCHDTM", ",PUNCH_DTM", 1) })
				return nil
			}},
		{name: "unknown column is a warning", code: exitOK, text: "column NOTES is not one payclose reads",
			mutate: func(t *testing.T, files map[string][]byte) []string {
				everyLine(files, "schedule.csv", func(i int, l string) string {
					v := ",x\n"
					if i == 0 {
						v = ",NOTES\n"
					}
					return strings.TrimRight(l, "\r\n") + v
				})
				return nil
			}},
		{name: `schedule lines ending \r\r\n`, code: exitOK,
			mutate: func(t *testing.T, files map[string][]byte) []string {
				everyLine(files, "schedule.csv", func(_ int, l string) string { return strings.TrimRight(l, "\r\n") + "\r\r\n" })
				return nil
			}},
		{name: `punch lines ending \r\r\n and a BOM`, code: exitOK,
			mutate: func(t *testing.T, files map[string][]byte) []string {
				everyLine(files, "punches.csv", func(_ int, l string) string { return strings.TrimRight(l, "\r\n") + "\r\r\n" })
				files["punches.csv"] = append([]byte("\xEF\xBB\xBF"), files["punches.csv"]...)
				return nil
			}},
		{name: "blank lines are counted", code: exitOK,
			mutate: func(t *testing.T, files map[string][]byte) []string {
				i, _ := lineOf(t, files, "punches.csv", worked)
				insertAfter(files, "punches.csv", i, "\n")
				insertAfter(files, "punches.csv", i, "\r\n")
				return nil
			}},
		{name: "stray comma", code: exitRejects, reason: "FIELD_COUNT", unknownHours: true,
			mutate: oneLine("punches.csv", worked, func(l string) string { return strings.Replace(l, ",", ",,", 1) })},
		{name: "unknown pay code reported as written", code: exitRejects, reason: "UNKNOWN_PAYCODE", rejectHas: ",Vacatoin,",
			mutate: oneLine("punches.csv", payCode("VACATION"), func(l string) string { return setField(l, 3, "Vacatoin") })},
		{name: "negative hours", code: exitRejects, unknownHours: true, reason: "BAD_HOURS", rejectHas: "cannot be negative",
			mutate: oneLine("punches.csv", func(l string) bool { return field(l, 3) != "" && field(l, 6) != "" }, func(l string) string { return setField(l, 6, "-5") })},
		{name: "hours too large to read", code: exitRejects, unknownHours: true, reason: "BAD_HOURS", rejectHas: "too large",
			mutate: oneLine("punches.csv", func(l string) bool { return field(l, 3) != "" && field(l, 6) != "" }, func(l string) string { return setField(l, 6, "999999") })},
		{name: "NUL bytes in a line", code: exitRejects, unknownHours: true, reason: "BINARY_DATA",
			mutate: oneLine("punches.csv", worked, func(l string) string { return "\x00\x00" + l })},
		{name: "line over 1 MiB", code: exitRejects, unknownHours: true, reason: "LINE_TOO_LONG",
			mutate: oneLine("punches.csv", worked, func(l string) string { return strings.Repeat("z", 2<<20) + l })},
		{name: "overlapping span names its punch", code: exitRejects, reason: "OVERLAPPING_SPAN", rejectHas: "PUNCHDTM,2026-11-",
			mutate: func(t *testing.T, files map[string][]byte) []string {
				i, l := lineOf(t, files, "punches.csv", worked)
				// the same span a minute later: not a duplicate, an overlap
				in := field(l, 4)
				insertAfter(files, "punches.csv", i, setField(l, 4, in[:len(in)-1]+string(in[len(in)-1]^1)))
				return []string{field(l, 0)} // either row may be the one kept
			}},
		{name: "pay-code row dated next week", code: exitRejects, reason: "OUT_OF_WEEK", rejectHas: "EVENTDATE,2026-11-24",
			mutate: oneLine("punches.csv", func(l string) bool { return field(l, 3) != "" && field(l, 4) == "" && field(l, 6) != "" },
				func(l string) string { return setField(l, 2, "11/24/2026") })},
		{name: "worked shift moved to next week names its punch", code: exitRejects, reason: "OUT_OF_WEEK", rejectHas: "PUNCHDTM,2026-11-24",
			mutate: oneLine("punches.csv", func(l string) bool {
				return worked(l) && field(l, 2) == "11/16/2026" && strings.Count(l, "11/16/2026") == 3
			},
				func(l string) string { return strings.ReplaceAll(l, "11/16/2026", "11/24/2026") })},
		// On-call standby is not worked time, but it is input: accepted or rejected, an ON CALL
		// row's hours are in input_hours (standby_hours when accepted, rejected_hours when not).
		{name: "rejected ON CALL row stays in the input hours", code: exitRejects, reason: "OUT_OF_WEEK", sameInput: true,
			mutate: oneLine("punches.csv", func(l string) bool { return field(l, 3) == "ON CALL" && strings.Count(l, field(l, 2)) == 3 },
				func(l string) string { return strings.ReplaceAll(l, field(l, 2), "11/25/2026") })},
		{name: "weekly gross above the ceiling", code: exitOK, args: []string{"--max-weekly-gross", "1500"},
			exception: "GROSS_OVER_CEILING", text: "Weekly gross above the ceiling",
			mutate: func(*testing.T, map[string][]byte) []string { return nil }},
		{name: "truncated in the middle of a line", code: exitRejects, unknownHours: true,
			mutate: func(t *testing.T, files map[string][]byte) []string {
				b := files["punches.csv"]
				cut := bytes.LastIndexByte(b[:len(b)*2/3], '\n') + 12
				files["punches.csv"] = b[:cut]
				return []string{"*"}
			}},
	}
}

func TestHostileInputs(t *testing.T) {
	if testing.Short() {
		t.Skip("closes a generated week 40 times")
	}
	clean, err := hostileInputs()
	if err != nil {
		t.Fatal(err)
	}
	// A balances file for a few SHARE employees of the roster, used by the balance mutations (and
	// their own clean close).
	var bal strings.Builder
	bal.WriteString("PERSONNUM,BANK,HOURS\n")
	n := 0
	for _, l := range splitLines(clean["roster.csv"])[1:] {
		if hourly(l) && !strings.Contains(l, `"`) && n < 5 {
			fmt.Fprintf(&bal, "%s,EARNED,20\n", field(l, 0))
			n++
		}
	}
	copyFiles := func(withBalances bool) map[string][]byte {
		m := map[string][]byte{}
		for k, v := range clean {
			m[k] = append([]byte(nil), v...)
		}
		if withBalances {
			m["balances.csv"] = []byte(bal.String())
		}
		return m
	}
	base := map[bool]hostileRun{}
	for _, wb := range []bool{false, true} {
		base[wb] = closeFiles(t, copyFiles(wb))
		if base[wb].code != exitOK || len(base[wb].gross) < 100 {
			t.Fatalf("clean close: exit %d, %d employees paid\n%s%s", base[wb].code, len(base[wb].gross), base[wb].stdout, base[wb].stderr)
		}
		// input + added = paid + deducted + standby + rejected, and the week has on-call standby.
		rc := base[wb].manifest.Reconciliation
		h := func(s string) int64 {
			whole, frac, _ := strings.Cut(s, ".")
			var w, f int64
			fmt.Sscan(whole, &w)
			fmt.Sscan(frac, &f)
			return w*10000 + f
		}
		// Each figure is rounded to 0.0001 h on its own: a paid rest break of PSU or non-unit staff
		// (PSU-39.8, NU-HOW-IIIB) is not a whole quarter hour, so the six may miss by up to
		// 0.0003 h; the close's own check (OK) is in seconds.
		if d := h(rc.InputHours) + h(rc.AddedHours) - h(rc.PaidHours) - h(rc.DeductedHours) - h(rc.StandbyHours) - h(rc.RejectedHours); d < -3 || d > 3 || !rc.OK || h(rc.StandbyHours) == 0 {
			t.Fatalf("clean close: reconciliation %+v does not balance with standby hours", rc)
		}
	}
	muts := hostileMutations()
	if len(muts) < 25 {
		t.Fatalf("%d mutations; the issue asks for at least 25", len(muts))
	}
	for _, m := range muts {
		t.Run(m.name, func(t *testing.T) {
			wb := strings.Contains(m.name, "balance")
			files := copyFiles(wb)
			touched := m.mutate(t, files)
			r := closeFiles(t, files, m.args...)
			if r.code != m.code {
				t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, m.code, r.stdout, r.stderr)
			}
			if r.code == exitFailed || r.code == exitUsage {
				if !strings.Contains(r.stderr, m.text) {
					t.Errorf("stderr %q does not say %q", r.stderr, m.text)
				}
				return
			}
			if m.text != "" && !strings.Contains(r.stdout, m.text) {
				t.Errorf("summary does not say %q:\n%s", m.text, r.stdout)
			}
			if strings.Contains(r.stdout, "column :") {
				t.Errorf("summary prints an empty column name:\n%s", r.stdout)
			}
			if m.reason != "" && r.manifest.RejectsByReason[m.reason] == 0 {
				t.Errorf("no %s reject; rejects by reason %v", m.reason, r.manifest.RejectsByReason)
			}
			if m.reason == "" && m.code == exitOK && len(r.manifest.RejectsByReason) != 0 {
				t.Errorf("unexpected rejects %v", r.manifest.RejectsByReason)
			}
			if m.rejectHas != "" && !strings.Contains(r.rejects, m.rejectHas) {
				t.Errorf("rejects.csv does not contain %q:\n%s", m.rejectHas, r.rejects)
			}
			if rc, bc := r.manifest.Reconciliation, base[wb].manifest.Reconciliation; m.sameInput && (rc.InputHours != bc.InputHours || rc.RejectedHours == bc.RejectedHours) {
				t.Errorf("input hours %s (rejected %s), clean close %s (rejected %s): the row's hours should move to rejected, input unchanged",
					rc.InputHours, rc.RejectedHours, bc.InputHours, bc.RejectedHours)
			}
			if got := r.manifest.Reconciliation.RejectedUnknownHours; (got > 0) != m.unknownHours {
				t.Errorf("rejected rows of unknown hours: %d", got)
			}
			if m.exception != "" && r.manifest.ExceptionsByCode[m.exception] == 0 {
				t.Errorf("no %s exception", m.exception)
			}
			skip := map[string]bool{}
			for _, id := range touched {
				skip[id] = true
			}
			if skip["*"] {
				return
			}
			for id, cents := range base[wb].gross {
				if !skip[id] && r.gross[id] != cents {
					t.Errorf("employee %s untouched by the mutation: gross %d cents, clean close %d", id, r.gross[id], cents)
				}
			}
		})
	}
}

// ledgerWritten names what a failed close left in the ledger at out, "" when nothing: a close that
// fails writes no index, run, pay line or report. (A close stopped by exiting, see exitAfterSignal,
// may leave the directory with its lock file; the lock is an flock, released with the process.)
func ledgerWritten(out string) string {
	entries, err := os.ReadDir(out)
	if err != nil {
		return ""
	}
	for _, e := range entries {
		if e.Name() == emit.LockFile {
			continue
		}
		if e.Name() == ".staging" {
			if sub, _ := os.ReadDir(filepath.Join(out, e.Name())); len(sub) == 0 {
				continue
			}
		}
		return filepath.Join(out, e.Name())
	}
	return ""
}

// Package handoff writes what payroll and finance take from a close: the payroll register (one
// row per employee × earning code), the GL journal (debits per labor account × expense class and
// the balancing credits) and the close report (report.html). It reads the pay lines and accruals
// the close has just written and knows no contract: pay codes become earning codes and expense
// classes through two small mapping files (embedded defaults in mappings/, overridable).
package handoff

import (
	"bytes"
	"embed"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"strings"
)

//go:embed mappings/*.csv
var defaults embed.FS

// Earning is the register's view of a pay code.
type Earning struct {
	Code, Description string
	PaidHours         bool // the line's hours count in the employee's hours
	Base              bool // the line's rate is the employee's base rate
}

// GL is the journal's view of a pay code (or of ACCRUAL_CHANGE, ACCRUED_LEAVE, ACCRUED_PAYROLL).
type GL struct {
	Class, Account string
}

// Mappings are the two mapping files.
type Mappings struct {
	earning map[string]Earning
	gl      map[string]GL
}

// Pseudo pay codes of the GL mapping.
const (
	AccrualChange  = "ACCRUAL_CHANGE"
	AccruedLeave   = "ACCRUED_LEAVE"
	AccruedPayroll = "ACCRUED_PAYROLL"
)

// LoadMappings reads the earning-code and GL mapping files; "" is the embedded default.
func LoadMappings(earningPath, glPath string) (*Mappings, error) {
	m := &Mappings{earning: map[string]Earning{}, gl: map[string]GL{}}
	rows, err := readMapping(earningPath, "mappings/earning_codes.csv", []string{"pay_code", "earning_code", "description", "paid_hours", "base"})
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		yn := func(i int) (bool, error) {
			switch strings.ToUpper(strings.TrimSpace(r.f[i])) {
			case "Y":
				return true, nil
			case "N", "":
				return false, nil
			}
			return false, fmt.Errorf("%s line %d: %s must be Y or N, not %q", r.file, r.line, []string{3: "paid_hours", 4: "base"}[i], r.f[i])
		}
		paid, err := yn(3)
		if err != nil {
			return nil, err
		}
		base, err := yn(4)
		if err != nil {
			return nil, err
		}
		m.earning[r.f[0]] = Earning{Code: r.f[1], Description: r.f[2], PaidHours: paid, Base: base}
	}
	if rows, err = readMapping(glPath, "mappings/gl_accounts.csv", []string{"pay_code", "expense_class", "gl_account"}); err != nil {
		return nil, err
	}
	for _, r := range rows {
		m.gl[r.f[0]] = GL{Class: r.f[1], Account: r.f[2]}
	}
	for _, k := range []string{AccrualChange, AccruedLeave, AccruedPayroll} {
		if _, ok := m.gl[k]; !ok {
			return nil, fmt.Errorf("GL mapping %s: no row for %s", nameOr(glPath), k)
		}
	}
	return m, nil
}

func nameOr(p string) string {
	if p == "" {
		return "(default)"
	}
	return p
}

// Earning maps a pay code; a code the file does not list takes the "*" row, whose "*" earning
// code means the pay code itself. With no "*" row the pay code is its own earning code.
func (m *Mappings) Earning(payCode string) Earning {
	if e, ok := m.earning[payCode]; ok {
		return e
	}
	e, ok := m.earning["*"]
	if !ok {
		return Earning{Code: payCode, PaidHours: true}
	}
	if e.Code == "*" || e.Code == "" {
		e.Code = payCode
	}
	return e
}

// GL maps a pay code to its expense class and account; unknown codes take the "*" row.
func (m *Mappings) GL(payCode string) (GL, error) {
	if g, ok := m.gl[payCode]; ok {
		return g, nil
	}
	if g, ok := m.gl["*"]; ok {
		return g, nil
	}
	return GL{}, fmt.Errorf("GL mapping: pay code %s has no row (and there is no \"*\" row)", payCode)
}

type mapRow struct {
	file string
	line int
	f    []string
}

// readMapping reads a small CSV with the given header; lines starting with # are comments.
func readMapping(path, def string, header []string) ([]mapRow, error) {
	var raw []byte
	var err error
	name := path
	if path == "" {
		name = def + " (default)"
		raw, err = defaults.ReadFile(def)
	} else {
		raw, err = os.ReadFile(path)
	}
	if err != nil {
		return nil, fmt.Errorf("mapping: %w", err)
	}
	r := csv.NewReader(bytes.NewReader(raw))
	r.Comment = '#'
	r.FieldsPerRecord = len(header)
	var out []mapRow
	first := true
	for {
		f, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("mapping %s: %w (expected columns %s)", name, err, strings.Join(header, ","))
		}
		line, _ := r.FieldPos(0)
		for i := range f {
			f[i] = strings.TrimSpace(f[i])
		}
		if first {
			first = false
			for i, h := range header {
				if !strings.EqualFold(f[i], h) {
					return nil, fmt.Errorf("mapping %s line %d: column %d is %q, expected %q (columns %s)", name, line, i+1, f[i], h, strings.Join(header, ","))
				}
			}
			continue
		}
		if f[0] == "" {
			return nil, fmt.Errorf("mapping %s line %d: empty %s", name, line, header[0])
		}
		out = append(out, mapRow{file: name, line: line, f: f})
	}
	return out, nil
}

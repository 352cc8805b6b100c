package accrue

import (
	"github.com/payclose/payclose/rates"
)

// plan is a rule set's accrual profile for one time-off system, resolved once into arrays so the
// weekly loop does no map lookups and builds no strings.
type plan struct {
	rs     *rates.RuleSet
	system string
	prof   *rates.AccrualProfile
	rules  [NumBanks]*rates.BankRule
	order  []Bank               // banks of the plan, in profile order (an overflow target comes later)
	use    []codeBank           // output pay code → bank it debits, after the plan's aliases
	unpaid []string             // output pay codes that are not paid (LWOP)
	base   [NumBanks][]string   // output pay codes counted in a PAID base besides worked time
	labels [NumBanks][][]string // chart × tier → "ET2-1A 5-14y"
	over   [NumBanks]Bank       // overflow target of a bank, NoBank for none
	grant  Bank                 // the bank credited in days once a year (rates.YearGrant), NoBank for none
	// The codes of use, unpaid and base as keySets: most lines are in none of them.
	useKey, unpaidKey keySet
	baseKey           [NumBanks]keySet
}

type codeBank struct {
	code string
	rule string // the pay code row's rule: a line of the same code from another rule (a worked
	// holiday paid out, SHARE-HOL-12) is not a withdrawal from the bank
	bank Bank
	unit int64 // usage charged in units of this many seconds, rounded up (0 = exact)
}

// planFor returns the compiled plan for (rule set, system); one engine caches a handful.
func (e *Engine) planFor(rs *rates.RuleSet, system string) *plan {
	for _, p := range e.plans {
		if p.rs == rs && p.system == system {
			return p
		}
	}
	p := compile(rs, system)
	e.plans = append(e.plans, p)
	return p
}

func compile(rs *rates.RuleSet, system string) *plan {
	p := &plan{rs: rs, system: system, prof: rs.Accrual, grant: NoBank}
	for b := range p.over {
		p.over[b] = NoBank
	}
	pl := rs.Accrual.Plan(system)
	if pl == nil {
		pl = &rates.AccrualPlan{}
	}
	for i := range pl.Banks {
		r := &pl.Banks[i]
		b, ok := ParseBank(r.Bank)
		if !ok {
			continue // rates validation names the bank; an unknown one holds nothing here
		}
		p.rules[b] = r
		p.order = append(p.order, b)
		if r.Grant != nil && p.grant == NoBank {
			p.grant = b
		}
		if t, ok := ParseBank(r.OverflowTo); ok && r.CapMode == "OVERFLOW" {
			p.over[b] = t
		}
		for _, c := range r.Charts {
			row := make([]string, len(c.Tiers))
			for k, t := range c.Tiers {
				row[k] = c.Name + " " + t.Label
			}
			p.labels[b] = append(p.labels[b], row)
		}
	}
	// Pay codes: which bank a line debits and which lines are accrual base or unpaid. The pay
	// code table is keyed by input PAYCODENAME; lines carry the output code.
	names := make([]string, 0, len(rs.PayCodes))
	for name := range rs.PayCodes {
		names = append(names, name)
	}
	sortStrings(names) // map order must not leak into the plan
	var baseCodes []string
	for _, name := range names {
		pc := rs.PayCodes[name]
		if pc.AccrualBase && pc.Paid && !contains(baseCodes, pc.Code) {
			baseCodes = append(baseCodes, pc.Code)
		}
		if !pc.Paid && !contains(p.unpaid, pc.Code) {
			p.unpaid = append(p.unpaid, pc.Code)
		}
		b, ok := ParseBank(pc.Bank)
		if !ok || pc.Bank == "" {
			continue
		}
		// The plan's alias (rates.AccrualPlan.BankOf, the mapping the rules read too); one to a
		// bank that does not exist leaves the pay code's own.
		if ab, ok := ParseBank(pl.BankOf(pc)); ok {
			b = ab
		}
		seen := false
		for _, u := range p.use {
			seen = seen || (u.code == pc.Code && u.rule == pc.RuleID)
		}
		if !seen {
			var unit int64
			if r := p.rules[b]; r != nil && r.UseRoundMinutes > 0 {
				unit = int64(r.UseRoundMinutes) * 60
			}
			p.use = append(p.use, codeBank{code: pc.Code, rule: pc.RuleID, bank: b, unit: unit})
		}
	}
	for _, u := range p.use {
		p.useKey.add(u.code)
	}
	for _, c := range p.unpaid {
		p.unpaidKey.add(c)
	}
	for _, b := range p.order {
		r := p.rules[b]
		if r.Base != "PAID" && r.Base != "ASSUMED" {
			continue
		}
		codes := append([]string(nil), baseCodes...)
		for _, c := range r.BaseCodes {
			if !contains(codes, c) {
				codes = append(codes, c)
			}
		}
		p.base[b] = codes
		for _, c := range codes {
			p.baseKey[b].add(c)
		}
	}
	return p
}

// keySet holds a bit per codeKey of a list of pay codes: a code whose bit is clear is not in the
// list, so most lines are told apart without a string comparison.
type keySet [4]uint64

func codeKey(code string) uint8 {
	if code == "" {
		return 0
	}
	return uint8(len(code)*31 + int(code[0])*7 + int(code[len(code)-1]))
}

func (k *keySet) add(code string) { c := codeKey(code); k[c>>6] |= 1 << (c & 63) }

// mayHave is false when code is certainly not in the list.
func (k *keySet) mayHave(code string) bool { c := codeKey(code); return k[c>>6]&(1<<(c&63)) != 0 }

func (p *plan) bankOf(code, rule string) (Bank, int64) {
	if !p.useKey.mayHave(code) {
		return NoBank, 0
	}
	for i := range p.use {
		if u := &p.use[i]; u.code == code && (u.rule == "" || u.rule == rule) {
			return p.use[i].bank, p.use[i].unit
		}
	}
	return NoBank, 0
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func sortStrings(a []string) {
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && a[j] < a[j-1]; j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

package ingest

import (
	"strings"
	"testing"

	"github.com/payclose/payclose/stages/model"
)

// Every bank the close keeps is accepted as an opening balance: PERSONAL (SHARE-PTO-28's legacy
// personal bank, PSU-20.3 personal leave) was once rejected as an unknown bank.
func TestBalancesAcceptEveryBank(t *testing.T) {
	var src strings.Builder
	src.WriteString("PERSONNUM,BANK,HOURS,CREDIT_DATE\n")
	for _, b := range model.BankNames {
		credit := "" // a bank kept in lots (EXEMPT_COMP, PSU-18.2-C1) is given lot by lot
		if b == "EXEMPT_COMP" {
			credit = "2026-10-31"
		}
		src.WriteString("100101," + b + ",8," + credit + "\n")
	}
	var got []string
	var rejects []model.Reject
	_, err := ReadBalances(strings.NewReader(src.String()), "balances.csv",
		func(b *model.Balance) { got = append(got, b.Bank) }, func(r model.Reject) { rejects = append(rejects, r) })
	if err != nil || len(rejects) != 0 || len(got) != len(model.BankNames) || got[len(got)-1] != model.BankNames[len(model.BankNames)-1] {
		t.Fatalf("banks %v, rejects %v, err %v", got, rejects, err)
	}
}

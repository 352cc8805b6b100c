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
	src.WriteString("PERSONNUM,BANK,HOURS\n")
	for _, b := range model.BankNames {
		src.WriteString("100101," + b + ",8\n")
	}
	var got []string
	var rejects []model.Reject
	_, err := ReadBalances(strings.NewReader(src.String()), "balances.csv",
		func(b *model.Balance) { got = append(got, b.Bank) }, func(r model.Reject) { rejects = append(rejects, r) })
	if err != nil || len(rejects) != 0 || len(got) != len(model.BankNames) || got[len(got)-1] != "PERSONAL" {
		t.Fatalf("banks %v, rejects %v, err %v", got, rejects, err)
	}
}

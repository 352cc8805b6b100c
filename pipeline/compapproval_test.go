package pipeline_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/payclose/payclose/pipeline"
)

// PSU-18.2-B "with the approval of the department head", decided in approvals.csv: 300303 (PSU
// exempt, COMP_APPROVED=Y on the roster) works 45 h in week 1, 5 h over 40 (EXPECTED.md). The
// department head DENIES the week's COMP_NOT_APPROVED (dated its last day, Sat 2026-11-21): the 5 h
// are not credited though the roster flag says Y — the decision settles it — and the exception
// carries the decision (DENIED, not an unmatched approval). Her on-call comp (2 h, PSU-18.3-B) and
// call-back comp (1.5 h, PSU-18.3-C) need no such approval and stay: 3.5 h instead of 8.5 h.
func TestPSU_18_2_B_approvalsFile(t *testing.T) {
	cfg := sampleConfig(t, filepath.Join(t.TempDir(), "out"))
	cfg.Weeks = 1
	cfg.Approvals = filepath.Join(t.TempDir(), "approvals.csv")
	if err := os.WriteFile(cfg.Approvals, []byte("PERSONNUM,DATE,EXCEPTION,DECISION,BY,NOTE\n300303,2026-11-21,COMP_NOT_APPROVED,DENIED,R. Alvarez,not agreed in advance\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := pipeline.Run(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, x := range res.Exceptions {
		if x.Employee == "300303" && x.Code == "COMP_NOT_APPROVED" {
			got = append(got, x.Status+" "+x.RuleID+" "+x.Detail)
		}
	}
	if len(got) != 1 || got[0] != "DENIED PSU-18.2-B 5 h worked over 40 h: denied in approvals.csv; none credited" {
		t.Errorf("exceptions %q", got)
	}
	for _, r := range res.Rejects.First {
		if r.File == cfg.Approvals {
			t.Errorf("reject %+v", r)
		}
	}
	var comp []string
	for _, r := range parquetRows(t, filepath.Join(cfg.Out, "pay_lines", "week_start=2026-11-15", "part-00000.parquet")) {
		if f := strings.Split(r, "|"); f[0] == "300303" && f[3] == "XCOMP_EARNED" {
			comp = append(comp, f[5]+" "+f[8])
		}
	}
	if strings.Join(comp, ",") != "2 PSU-18.3-B,1.5 PSU-18.3-C" {
		t.Errorf("comp lines %v", comp)
	}
}

package emit

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writeStaged(t *testing.T, s *Staging, files map[string]string) {
	t.Helper()
	for rel, body := range files {
		f, err := s.Create(rel)
		if err != nil {
			t.Fatal(err)
		}
		f.WriteString(body)
		f.Close()
	}
}

func read(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// A commit moves the old file aside, the new one in and replaces the index; nothing of the
// staging or the journal is left.
func TestCommitMovesOnlyWhatItWrites(t *testing.T) {
	out := t.TempDir()
	os.MkdirAll(filepath.Join(out, "pay_lines", "week_start=2026-11-08"), 0o755)
	os.WriteFile(filepath.Join(out, "pay_lines", "week_start=2026-11-08", "part-00000.parquet"), []byte("other week"), 0o644)
	os.MkdirAll(filepath.Join(out, "pay_lines", "week_start=2026-11-15"), 0o755)
	os.WriteFile(filepath.Join(out, "pay_lines", "week_start=2026-11-15", "part-00000.parquet"), []byte("v1"), 0o644)
	os.WriteFile(filepath.Join(out, IndexFile), []byte("index v1"), 0o644)

	s, err := NewStaging(out)
	if err != nil {
		t.Fatal(err)
	}
	rel := "pay_lines/week_start=2026-11-15/part-00000.parquet"
	writeStaged(t, s, map[string]string{rel: "v2", "index.json": "index v2"})
	ix := s.StagedMove("index.json")
	moves := []Move{{From: rel, To: "superseded/pay_lines/week_start=2026-11-15/run_id=r1/part-00000.parquet"},
		s.StagedMove(rel), {From: ix.From, To: IndexFile, Replace: true}}
	if err := s.Commit(moves); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]string{
		"pay_lines/week_start=2026-11-08/part-00000.parquet": "other week",
		rel: "v2",
		"superseded/pay_lines/week_start=2026-11-15/run_id=r1/part-00000.parquet": "v1",
		IndexFile: "index v2",
	} {
		if got := read(t, filepath.Join(out, p)); got != want {
			t.Errorf("%s = %q, want %q", p, got, want)
		}
	}
	for _, p := range []string{journalFile, stagingDir + "/" + filepath.Base(s.Dir())} {
		if _, err := os.Stat(filepath.Join(out, p)); err == nil {
			t.Errorf("%s left behind", p)
		}
	}
	if err := s.Commit(moves); err == nil {
		t.Error("second Commit of the same staging succeeded")
	}
}

// The ledger never overwrites a file: a commit whose target exists (and is not vacated by an
// earlier move) fails before its commit point and changes nothing.
func TestCommitRefusesToOverwrite(t *testing.T) {
	out := t.TempDir()
	os.WriteFile(filepath.Join(out, "a"), []byte("kept"), 0o644)
	s, _ := NewStaging(out)
	writeStaged(t, s, map[string]string{"a": "new"})
	if err := s.Commit([]Move{s.StagedMove("a")}); err == nil {
		t.Fatal("commit over an existing file succeeded")
	}
	if got := read(t, filepath.Join(out, "a")); got != "kept" {
		t.Errorf("a = %q", got)
	}
	if _, err := os.Stat(filepath.Join(out, journalFile)); err == nil {
		t.Error("a refused commit wrote a journal")
	}
}

// A crash after the commit point (journal written, moves half done) is finished by Recover, once
// or any number of times; a crash before it leaves only a staging tree, which Recover removes.
func TestRecoverReplaysJournalAndDropsStaging(t *testing.T) {
	out := t.TempDir()
	os.WriteFile(filepath.Join(out, "cur"), []byte("v1"), 0o644)
	os.WriteFile(filepath.Join(out, IndexFile), []byte("index v1"), 0o644)
	s, _ := NewStaging(out)
	writeStaged(t, s, map[string]string{"cur": "v2", "index.json": "index v2"})
	ix := s.StagedMove("index.json")
	moves := []Move{{From: "cur", To: "old/cur"}, s.StagedMove("cur"), {From: ix.From, To: IndexFile, Replace: true}}
	// As if killed after the first move.
	os.MkdirAll(filepath.Join(out, "old"), 0o755)
	os.Rename(filepath.Join(out, "cur"), filepath.Join(out, "old", "cur"))
	b, _ := json.Marshal(moves)
	os.WriteFile(filepath.Join(out, journalFile), b, 0o644)
	for i := 0; i < 2; i++ {
		if err := Recover(out); err != nil {
			t.Fatal(err)
		}
		if read(t, filepath.Join(out, "cur")) != "v2" || read(t, filepath.Join(out, "old", "cur")) != "v1" ||
			read(t, filepath.Join(out, IndexFile)) != "index v2" {
			t.Fatalf("after Recover %d: the journal was not replayed", i+1)
		}
	}

	// Killed before the commit point: the staging tree goes, the ledger stays.
	s2, _ := NewStaging(out)
	writeStaged(t, s2, map[string]string{"cur": "v3"})
	if err := Recover(out); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(s2.Dir()); err == nil {
		t.Error("stale staging kept")
	}
	if read(t, filepath.Join(out, "cur")) != "v2" {
		t.Error("a staging tree without a journal changed the ledger")
	}
}

// A second LockLedger on the same directory fails at once and names the holder.
func TestLockNamesHolder(t *testing.T) {
	dir := t.TempDir()
	l, err := LockLedger(dir, Holder{PID: 4242, Host: "payroll-1", Started: "2026-12-03T08:00:00Z", Weeks: []string{"2026-11-15"}})
	if err != nil {
		t.Fatal(err)
	}
	_, err = LockLedger(dir, Holder{PID: 1})
	le, ok := err.(*LockedError)
	if !ok || le.Holder == nil || le.Holder.PID != 4242 {
		t.Fatalf("second lock: %v, want a LockedError naming pid 4242", err)
	}
	for _, s := range []string{"pid 4242", "payroll-1", "2026-12-03T08:00:00Z", "2026-11-15"} {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("message %q does not name %s", err, s)
		}
	}
	l.Release()
	l2, err := LockLedger(dir, Holder{PID: 2})
	if err != nil {
		t.Fatalf("lock after release: %v", err)
	}
	l2.Release()
}

// A lock taken on a lock file that was then removed is not a lock: LockLedger notices the file
// is gone (or replaced) and locks the one at the path.
func TestLockSurvivesRemovedLockFile(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "ledger")
	os.MkdirAll(dir, 0o755)
	first, err := LockLedger(dir, Holder{PID: 1})
	if err != nil {
		t.Fatal(err)
	}
	if err := first.Remove(); err != nil {
		t.Fatal(err)
	}
	os.Remove(dir)
	second, err := LockLedger(dir, Holder{PID: 2})
	if err != nil {
		t.Fatalf("lock after the first close removed its directory: %v", err)
	}
	defer second.Release()
	if _, err := LockLedger(dir, Holder{PID: 3}); err == nil {
		t.Error("a third close got the lock the second holds")
	}
}

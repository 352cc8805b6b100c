package emit

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"sync"
)

// Staging is a run's private output tree inside the ledger directory, OUT/.staging/<random>/.
// Writers write under it; Commit moves what the run wrote into the ledger, so a reader of the
// ledger index (or a crash) sees the previous ledger or the new one, never a half-written week.
//
// The staging tree is inside OUT, so every move is a rename on one filesystem, and it is hidden
// from the globs finance reads with (OUT/pay_lines/*/*.parquet). Only the close holding the
// ledger lock stages anything, so every staging tree found by OpenLedger is a crashed run's.
type Staging struct {
	outDir string
	dir    string
	done   bool
	// syncs are the fsyncs SyncSoon started; syncErr is the first one's error.
	syncs   sync.WaitGroup
	syncMu  sync.Mutex
	syncErr error
}

const (
	stagingDir  = ".staging"
	journalFile = ".commit.json"
)

// NewStaging creates a staging tree in the ledger directory outDir. The caller holds the lock.
func NewStaging(outDir string) (*Staging, error) {
	outDir = filepath.Clean(outDir)
	root := filepath.Join(outDir, stagingDir)
	if err := os.MkdirAll(root, 0o755); err != nil {
		return nil, fmt.Errorf("staging directory: %w", err)
	}
	dir, err := os.MkdirTemp(root, "run-*")
	if err != nil {
		return nil, fmt.Errorf("staging directory: %w", err)
	}
	return &Staging{outDir: outDir, dir: dir}, nil
}

// Dir is the staging root.
func (s *Staging) Dir() string { return s.dir }

// Path is where the output rel (slash- or OS-separated, relative to the output directory) is
// written during the run.
func (s *Staging) Path(rel string) string { return filepath.Join(s.dir, filepath.FromSlash(rel)) }

// Create creates the staged file rel and its parent directories.
func (s *Staging) Create(rel string) (*os.File, error) {
	if !filepath.IsLocal(filepath.FromSlash(rel)) {
		return nil, fmt.Errorf("staging: %q is not a path inside the output directory", rel)
	}
	p := s.Path(rel)
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return nil, err
	}
	return os.Create(p)
}

// SyncSoon starts writing the finished staged file rel to disk in the background. The commit
// fsyncs every staged file (step 1 of Commit) with both cores idle: a file synced while the run
// still works on its other outputs (the pay lines while the hand-off reads them back) is clean by
// then, and its fsync returns at once. Commit waits for these syncs and fails with their error.
func (s *Staging) SyncSoon(rel string) {
	s.syncs.Add(1)
	go func() {
		defer s.syncs.Done()
		if err := syncPath(s.Path(rel)); err != nil {
			s.syncMu.Lock()
			if s.syncErr == nil {
				s.syncErr = err
			}
			s.syncMu.Unlock()
		}
	}()
}

// waitSyncs waits for the fsyncs SyncSoon started and returns the first error.
func (s *Staging) waitSyncs() error {
	s.syncs.Wait()
	s.syncMu.Lock()
	defer s.syncMu.Unlock()
	return s.syncErr
}

// Abort discards the staged outputs. It is a no-op after Commit or a previous Abort.
func (s *Staging) Abort() error {
	if s.done {
		return nil
	}
	s.done = true
	s.syncs.Wait() // no fsync left running on a removed file
	return os.RemoveAll(s.dir)
}

// Move is one rename of a commit, both paths relative to the ledger directory (slash-separated).
// A plain move never replaces a file: it is skipped when To exists (a replayed journal), and a
// commit whose To exists beforehand is refused. Replace moves rename over To (the index).
type Move struct {
	From    string `json:"from"`
	To      string `json:"to"`
	Replace bool   `json:"replace,omitempty"`
}

// StagedMove is the move of the staged file rel to the same relative path in the ledger.
func (s *Staging) StagedMove(rel string) Move {
	r, _ := filepath.Rel(s.outDir, s.Path(rel))
	return Move{From: filepath.ToSlash(r), To: rel}
}

// Commit makes the staged outputs part of the ledger. moves say what goes where, in order:
// superseded files out of the current tree first, then the run's files into it, the index
// (manifest.json) last. It touches only those files, so its cost is the run's, not the history's.
//
//  1. Every staged file and directory is fsynced.
//  2. The moves are written to OUT/.commit.json (through a temporary file, fsynced, renamed and
//     the directory fsynced). This is the commit point: before it the previous ledger is
//     untouched; after it the close has happened, whatever comes next.
//  3. The moves are applied, their directories fsynced, the journal removed.
//
// A crash during step 3 leaves the journal; the next OpenLedger (any close or diff on OUT)
// replays it before anything else. Replaying is idempotent (see Move).
func (s *Staging) Commit(moves []Move) (err error) {
	if s.done {
		return errors.New("staging: already committed or aborted")
	}
	s.done = true
	defer func() {
		if _, jerr := os.Stat(filepath.Join(s.outDir, journalFile)); jerr != nil {
			os.RemoveAll(s.dir) // kept while a journal still needs its files
		}
		if err != nil {
			err = fmt.Errorf("commit %s: %w", s.outDir, err)
		}
	}()
	if err := s.waitSyncs(); err != nil {
		return err
	}
	vacated := map[string]bool{} // paths an earlier move empties
	for _, m := range moves {
		if !m.Replace && !vacated[m.To] {
			if _, err := os.Lstat(s.abs(m.To)); err == nil {
				return fmt.Errorf("%s already exists: the ledger never overwrites a file", m.To)
			}
		}
		vacated[m.From] = true
	}
	if err := syncTree(s.dir); err != nil {
		return err
	}
	b, err := json.MarshalIndent(moves, "", "  ")
	if err != nil {
		return err
	}
	if err := writeDurable(s.outDir, journalFile, b); err != nil {
		return err
	}
	if err := replay(s.outDir, moves); err != nil {
		return fmt.Errorf("%w (the close is committed: %s lists its remaining renames, which the next close or diff on this directory completes)", err, journalFile)
	}
	return nil
}

func (s *Staging) abs(rel string) string { return filepath.Join(s.outDir, filepath.FromSlash(rel)) }

// replay applies a journal's moves, fsyncs the directories they touched and removes the journal.
func replay(outDir string, moves []Move) error {
	dirs := map[string]bool{}
	for _, m := range moves {
		from, to := filepath.Join(outDir, filepath.FromSlash(m.From)), filepath.Join(outDir, filepath.FromSlash(m.To))
		if !m.Replace {
			if _, err := os.Lstat(to); err == nil {
				continue // done before a crash
			}
		} else if _, err := os.Lstat(from); errors.Is(err, fs.ErrNotExist) {
			continue // done before a crash
		}
		if err := mkdirAllSynced(outDir, filepath.Dir(to), dirs); err != nil {
			return err
		}
		if err := os.Rename(from, to); err != nil {
			return err
		}
		dirs[filepath.Dir(from)], dirs[filepath.Dir(to)] = true, true
	}
	keys := make([]string, 0, len(dirs))
	for d := range dirs {
		keys = append(keys, d)
	}
	sort.Strings(keys)
	for _, d := range keys {
		if _, err := os.Stat(d); err == nil {
			if err := syncDir(d); err != nil {
				return err
			}
		}
	}
	if err := os.Remove(filepath.Join(outDir, journalFile)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return syncDir(outDir)
}

// mkdirAllSynced creates dir (under outDir) and marks every directory whose entries it changed
// for an fsync.
func mkdirAllSynced(outDir, dir string, dirs map[string]bool) error {
	if _, err := os.Stat(dir); err == nil {
		return nil
	}
	if dir != outDir {
		if err := mkdirAllSynced(outDir, filepath.Dir(dir), dirs); err != nil {
			return err
		}
	}
	if err := os.Mkdir(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	dirs[filepath.Dir(dir)], dirs[dir] = true, true
	return nil
}

// Recover finishes or discards what a crashed close left in the ledger directory: a journal is
// replayed (the crash came after the commit point), staging trees are removed (before it). The
// caller holds the lock.
func Recover(outDir string) error {
	b, err := os.ReadFile(filepath.Join(outDir, journalFile))
	switch {
	case err == nil:
		var moves []Move
		if err := json.Unmarshal(b, &moves); err != nil {
			return fmt.Errorf("ledger journal %s: %w", journalFile, err)
		}
		if err := replay(outDir, moves); err != nil {
			return fmt.Errorf("ledger journal replay: %w", err)
		}
	case !errors.Is(err, fs.ErrNotExist):
		return err
	}
	os.Remove(filepath.Join(outDir, journalFile+".tmp"))
	if err := os.RemoveAll(filepath.Join(outDir, stagingDir)); err != nil {
		return fmt.Errorf("remove stale staging: %w", err)
	}
	return nil
}

// writeDurable writes dir/name through a temporary file: fsynced, renamed, directory fsynced.
func writeDurable(dir, name string, b []byte) error {
	tmp := filepath.Join(dir, name+".tmp")
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if err == nil {
		err = f.Sync()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, filepath.Join(dir, name))
	}
	if err != nil {
		os.Remove(tmp)
		return err
	}
	return syncDir(dir)
}

// syncTree fsyncs every file and directory under root, so that after the moves the new files'
// contents are on disk, not only their names.
func syncTree(root string) error {
	return filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.Type()&fs.ModeSymlink != 0 {
			return nil
		}
		return syncPath(p)
	})
}

func syncDir(p string) error { return syncPath(p) }

func syncPath(p string) error {
	f, err := os.Open(p)
	if err != nil {
		return err
	}
	err = f.Sync()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

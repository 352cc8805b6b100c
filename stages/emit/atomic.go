package emit

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
)

// Staging is a run's private output tree. Writers write under it; Commit makes it the output
// directory in one step, so a reader (or a crash) sees either the previous outputs or the new
// ones, never a half-written week.
//
// The staging directory is a sibling of the output directory, <outDir>.tmp-<pid>-<random>, so it
// is on the same filesystem and the final step is a rename. The pid in the name lets a later run
// tell a crashed run's leftovers (pid gone) from a run still in progress. Commit is not meant for
// two runs committing to the same output directory at the same time: the second would not carry
// over the first one's new partitions.
type Staging struct {
	outDir string
	dir    string
	done   bool
}

const (
	stagingInfix = ".tmp-"
	asideSuffix  = ".old"
)

// NewStaging creates the staging directory for outDir (creating outDir's parent if needed) and
// first cleans up after crashed runs: their staging directories are removed, and if a crash
// happened inside the fallback swap of Commit, leaving no outDir, the previous output is put back.
func NewStaging(outDir string) (*Staging, error) {
	outDir = filepath.Clean(outDir)
	base := filepath.Base(outDir)
	if base == "." || base == ".." || base == string(filepath.Separator) {
		return nil, fmt.Errorf("output directory %q: need a named directory", outDir)
	}
	parent := filepath.Dir(outDir)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, fmt.Errorf("output directory: %w", err)
	}
	if err := cleanStale(outDir); err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(parent, base+stagingInfix+strconv.Itoa(os.Getpid())+"-*")
	if err != nil {
		return nil, fmt.Errorf("staging directory: %w", err)
	}
	// MkdirTemp makes it private; this directory becomes the output directory finance reads.
	if err := os.Chmod(dir, 0o755); err != nil {
		os.RemoveAll(dir)
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

// Abort discards the staged outputs. It is a no-op after Commit or a previous Abort.
func (s *Staging) Abort() error {
	if s.done {
		return nil
	}
	s.done = true
	return os.RemoveAll(s.dir)
}

// Commit makes the staged tree the output directory.
//
// Existing outputs the run does not replace are kept: every file of the current output directory
// is hard-linked into the staging tree unless the run wrote the same path, and a Hive partition
// directory (a name containing '=', e.g. week_start=2024-01-07) that the run wrote replaces the
// old one wholesale, so a rerun of a week with fewer part files leaves no stale part behind. Then
// every file and directory is fsynced and the trees are swapped with renameat2(RENAME_EXCHANGE),
// which is atomic; the old tree, now under the staging name, is removed.
//
// Where RENAME_EXCHANGE is not available (not Linux, or a filesystem that returns EINVAL) the swap
// is two renames: outDir aside, staging in. Between them outDir does not exist for a moment; a
// crash there leaves the old tree under <outDir>.tmp-<pid>-<random>.old, which the next NewStaging
// puts back.
//
// After a failed Commit outDir is unchanged and the staged outputs are discarded.
func (s *Staging) Commit() (err error) {
	if s.done {
		return errors.New("staging: already committed or aborted")
	}
	s.done = true
	defer func() {
		if err != nil {
			os.RemoveAll(s.dir)
			err = fmt.Errorf("commit %s: %w", s.outDir, err)
		}
	}()
	old, err := os.Stat(s.outDir)
	exists := err == nil
	switch {
	case exists && !old.IsDir():
		return errors.New("output path exists and is not a directory")
	case !exists && !errors.Is(err, fs.ErrNotExist):
		return err
	}
	if exists {
		if err := s.carryOver(); err != nil {
			return err
		}
		if err := os.Chmod(s.dir, old.Mode().Perm()); err != nil {
			return err
		}
	}
	if err := syncTree(s.dir); err != nil {
		return err
	}
	parent := filepath.Dir(s.outDir)
	if !exists {
		if err := os.Rename(s.dir, s.outDir); err != nil {
			return err
		}
		return syncDir(parent)
	}
	if err := exchange(s.dir, s.outDir); err == nil {
		// s.dir now holds the previous tree. If removing it fails, the next run's NewStaging
		// removes it (its pid is ours, dead by then); the commit itself has happened.
		err = syncDir(parent)
		os.RemoveAll(s.dir)
		return err
	} else if !errors.Is(err, syscall.EINVAL) && !errors.Is(err, syscall.ENOSYS) {
		return err
	}
	return s.swapByRenames(parent)
}

func (s *Staging) swapByRenames(parent string) error {
	aside := s.dir + asideSuffix
	if err := os.Rename(s.outDir, aside); err != nil {
		return err
	}
	if err := os.Rename(s.dir, s.outDir); err != nil {
		if rerr := os.Rename(aside, s.outDir); rerr != nil {
			return fmt.Errorf("%w; previous output left at %s: %v", err, aside, rerr)
		}
		return err
	}
	err := syncDir(parent)
	os.RemoveAll(aside)
	return err
}

// carryOver links into the staging tree what the run keeps from the current output directory.
func (s *Staging) carryOver() error {
	return filepath.WalkDir(s.outDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(s.outDir, p)
		if err != nil || rel == "." {
			return err
		}
		dst := filepath.Join(s.dir, rel)
		staged, err := os.Lstat(dst)
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		if d.IsDir() {
			switch {
			case staged == nil:
				info, err := d.Info()
				if err != nil {
					return err
				}
				return os.Mkdir(dst, info.Mode().Perm())
			case !staged.IsDir() || isPartition(d.Name()):
				return fs.SkipDir // replaced by the run
			default:
				return nil // merge the run's files with the kept ones
			}
		}
		if staged != nil {
			return nil // replaced by the run
		}
		switch t := d.Type(); {
		case t.IsRegular():
			return os.Link(p, dst)
		case t&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			return os.Symlink(target, dst)
		default:
			return fmt.Errorf("%s: not a regular file, directory or symlink", p)
		}
	})
}

func isPartition(name string) bool { return strings.Contains(name, "=") }

// syncTree fsyncs every file and directory under root, so that after the rename the new tree's
// contents are on disk, not only its name.
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

// cleanStale removes the staging trees of runs whose process is gone, after putting back a
// previous output left aside by a crash in the middle of the fallback swap.
func cleanStale(outDir string) error {
	parent, prefix := filepath.Dir(outDir), filepath.Base(outDir)+stagingInfix
	entries, err := os.ReadDir(parent)
	if err != nil {
		return fmt.Errorf("output directory: %w", err)
	}
	for _, e := range entries {
		name := e.Name()
		rest, ok := strings.CutPrefix(name, prefix)
		if !ok {
			continue
		}
		pidText, _, ok := strings.Cut(rest, "-")
		pid, err := strconv.Atoi(pidText)
		if !ok || err != nil || pid <= 0 {
			continue // not a name this package makes
		}
		if pid == os.Getpid() || pidAlive(pid) {
			continue
		}
		p := filepath.Join(parent, name)
		if strings.HasSuffix(name, asideSuffix) {
			if _, err := os.Lstat(outDir); errors.Is(err, fs.ErrNotExist) {
				if err := os.Rename(p, outDir); err != nil {
					return fmt.Errorf("restore previous output from %s: %w", p, err)
				}
				continue
			}
		}
		if err := os.RemoveAll(p); err != nil {
			return fmt.Errorf("remove stale staging %s: %w", p, err)
		}
	}
	return nil
}

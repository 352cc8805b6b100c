package emit

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// LockFile is the ledger's lock, OUT/.lock. Its content names the close holding it.
const LockFile = ".lock"

// Holder is who holds the ledger lock, written into the lock file so a second close can say who
// is in the way.
type Holder struct {
	PID     int      `json:"pid"`
	Host    string   `json:"host"`
	Started string   `json:"started"` // RFC 3339, UTC
	Weeks   []string `json:"weeks"`
	Shard   string   `json:"shard,omitempty"`
}

func (h Holder) String() string {
	s := fmt.Sprintf("pid %d on %s, started %s, closing weeks %s", h.PID, h.Host, h.Started, strings.Join(h.Weeks, ", "))
	if h.Shard != "" {
		s += ", shard " + h.Shard
	}
	return s
}

// LockedError is returned when another close holds the ledger.
type LockedError struct {
	Dir    string
	Holder *Holder // nil when the holder had not written its name yet
}

func (e *LockedError) Error() string {
	if e.Holder == nil {
		return fmt.Sprintf("%s is locked by another close (it has not yet written who it is); one close at a time", e.Dir)
	}
	return fmt.Sprintf("%s is locked by another close: %s; one close at a time", e.Dir, e.Holder)
}

// Lock is a held ledger lock.
type Lock struct {
	f    *os.File
	path string
}

// LockLedger takes the exclusive lock of the ledger directory dir (which must exist) for the
// whole close, or fails at once with a *LockedError naming the holder. It never waits: a
// scheduler retrying a close should see the conflict, not hang behind it.
func LockLedger(dir string, h Holder) (*Lock, error) { return LockLedgerWait(dir, h, 0) }

// LockLedgerWait is LockLedger that, while another close holds the lock, retries for up to wait
// before failing: shards of one week started together then commit one after another.
func LockLedgerWait(dir string, h Holder, wait time.Duration) (*Lock, error) {
	deadline := time.Now().Add(wait)
	for {
		l, err := lockOnce(dir, h)
		var le *LockedError
		if !errors.As(err, &le) || !time.Now().Before(deadline) {
			return l, err
		}
		time.Sleep(min(250*time.Millisecond, time.Until(deadline)))
	}
}

func lockOnce(dir string, h Holder) (*Lock, error) {
	p := filepath.Join(dir, LockFile)
	for attempt := 0; attempt < 4; attempt++ {
		f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE, 0o644)
		if errors.Is(err, fs.ErrNotExist) {
			// The first close into a new directory failed and removed it (see Lock.Remove).
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return nil, fmt.Errorf("ledger lock: %w", err)
			}
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("ledger lock: %w", err)
		}
		held, err := flock(f)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("ledger lock %s: %w", p, err)
		}
		if held {
			f.Close()
			le := &LockedError{Dir: dir}
			if b, err := os.ReadFile(p); err == nil {
				var other Holder
				if json.Unmarshal(b, &other) == nil && other.PID != 0 {
					le.Holder = &other
				}
			}
			return nil, le
		}
		// Locked, but is it still the lock file? A failed first close removes the file it held
		// (Lock.Remove); a lock on a removed file would exclude no one.
		fi, ferr := f.Stat()
		pi, perr := os.Stat(p)
		if ferr != nil || perr != nil || !os.SameFile(fi, pi) {
			f.Close()
			continue
		}
		// Who holds it is a courtesy to the close that is refused; failing to write it is no
		// reason to give up the lock.
		b, _ := json.Marshal(h)
		_ = f.Truncate(0)
		_, _ = f.WriteAt(append(b, '\n'), 0)
		return &Lock{f: f, path: p}, nil
	}
	return nil, fmt.Errorf("ledger lock %s: the lock file keeps disappearing", p)
}

// Release empties the holder text and drops the lock. (A crashed close leaves its text behind;
// only the flock matters.)
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	_ = l.f.Truncate(0)
	err := l.f.Close()
	l.f = nil
	return err
}

// Remove deletes the lock file while still holding it, then drops the lock: for a close that
// created the directory and leaves nothing behind. A close waiting on the removed file sees it
// is gone once it gets the lock, and locks the new one instead.
func (l *Lock) Remove() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := os.Remove(l.path)
	if cerr := l.f.Close(); err == nil {
		err = cerr
	}
	l.f = nil
	return err
}

//go:build unix

package emit

import (
	"errors"
	"os"
	"syscall"
)

// flock takes an exclusive, non-blocking flock(2) on f. The kernel drops it when the process
// exits, however it exits (kill -9 included), so a crashed close never leaves the ledger locked.
func flock(f *os.File) (held bool, err error) {
	err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return true, nil
	}
	return false, err
}

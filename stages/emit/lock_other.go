//go:build !unix

package emit

import (
	"errors"
	"os"
)

func flock(*os.File) (bool, error) {
	return false, errors.New("ledger lock: flock is not available on this system")
}

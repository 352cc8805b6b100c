//go:build linux && (amd64 || arm64)

package emit

import (
	"syscall"
	"unsafe"
)

const (
	atFDCWD        = -100   // AT_FDCWD: paths relative to the working directory
	renameExchange = 1 << 1 // RENAME_EXCHANGE from <linux/fs.h>
)

// exchange swaps two paths atomically with renameat2(RENAME_EXCHANGE) (Linux 3.15+). The standard
// syscall package has no wrapper and golang.org/x/sys is not a direct dependency, hence the raw
// call. Filesystems without support return EINVAL; Commit then falls back to two renames.
func exchange(a, b string) error {
	pa, err := syscall.BytePtrFromString(a)
	if err != nil {
		return err
	}
	pb, err := syscall.BytePtrFromString(b)
	if err != nil {
		return err
	}
	dirfd := atFDCWD
	_, _, errno := syscall.Syscall6(sysRenameat2,
		uintptr(dirfd), uintptr(unsafe.Pointer(pa)),
		uintptr(dirfd), uintptr(unsafe.Pointer(pb)),
		renameExchange, 0)
	if errno != 0 {
		return errno
	}
	return nil
}

// pidAlive reports whether a process exists; EPERM means it exists under another user.
func pidAlive(pid int) bool {
	err := syscall.Kill(pid, 0)
	return err == nil || err == syscall.EPERM
}

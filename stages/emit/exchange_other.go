//go:build !(linux && (amd64 || arm64))

package emit

import "syscall"

// exchange is unavailable here; Commit falls back to two renames.
func exchange(a, b string) error { return syscall.ENOSYS }

// pidAlive cannot be checked portably; assuming alive only means stale staging trees are kept.
func pidAlive(pid int) bool { return true }

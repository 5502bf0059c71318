//go:build unix

package cache

import (
	"os"
	"syscall"
)

// lock waits for an exclusive lock on f, released when f is closed, so two
// builds sharing a cache folder take turns.
func lock(f *os.File) error {
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX)
		if err != syscall.EINTR {
			return err
		}
	}
}

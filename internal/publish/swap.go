package publish

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"

	"golang.org/x/sync/errgroup"
)

// Commit swaps the fresh directory in place of the output directory and
// removes the previous one. For an in-memory output it does nothing.
func (o *Output) Commit() error {
	if o.dir == "" {
		return nil
	}
	o.gate.Lock()
	if o.closed {
		o.gate.Unlock()
		return errClosed
	}
	old, err := swap(o.tmp, o.dir)
	if err != nil {
		o.gate.Unlock()
		o.Abort()
		return err
	}
	o.closed = true
	o.gate.Unlock()
	if old != "" {
		return removeAll(old)
	}
	return nil
}

// Abort removes the fresh directory, leaving the output directory as it
// was. It may be called from another goroutine while files are written
// (a build stopped by a signal): it waits for the files being written,
// and no file is written after it.
func (o *Output) Abort() {
	o.gate.Lock()
	defer o.gate.Unlock()
	if o.dir != "" && !o.closed {
		os.RemoveAll(o.tmp)
	}
	o.closed = true
}

// errClosed is the error of a write after Abort or Commit.
var errClosed = errors.New("the build was stopped")

// These are variables so a test can make the swap fail half-way.
var (
	rename   = os.Rename
	exchange = exchangeDirs // atomic where the system has it, see swap_linux.go
)

// swap puts the directory fresh in place of dir and returns where the
// previous dir now is ("" when there was none). Where the system can
// exchange two directories in one step, dir is never missing, even if
// the process is killed; elsewhere the old one is renamed aside, the new
// one in, and the old one put back if that fails.
func swap(fresh, dir string) (old string, err error) {
	if _, err := os.Lstat(dir); os.IsNotExist(err) {
		if err := rename(fresh, dir); err != nil {
			return "", fmt.Errorf("put the new site in place at %s: %w", dir, err)
		}
		return "", nil
	}
	if exchange(fresh, dir) == nil {
		return fresh, nil // fresh now holds the previous site
	}
	old = fresh + "-old"
	if err := rename(dir, old); err != nil {
		return "", fmt.Errorf("move the previous %s aside: %w", dir, err)
	}
	if err := rename(fresh, dir); err != nil {
		if back := rename(old, dir); back != nil {
			return "", fmt.Errorf("put the new site in place at %s: %w (and the previous site is left at %s: %v)", dir, err, old, back)
		}
		return "", fmt.Errorf("put the new site in place at %s: %w", dir, err)
	}
	return old, nil
}

// removeAll is os.RemoveAll, with the folders at the top spread over a few
// goroutines: removing the previous site (a folder per chapter) is
// otherwise a long run of one unlink at a time.
func removeAll(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return os.RemoveAll(dir)
	}
	var g errgroup.Group
	g.SetLimit(4 * runtime.GOMAXPROCS(0))
	for _, e := range entries {
		g.Go(func() error { return os.RemoveAll(filepath.Join(dir, e.Name())) })
	}
	if err := g.Wait(); err != nil {
		return err
	}
	return os.Remove(dir)
}

package content

import (
	"io/fs"
	"sync"
	"time"

	"github.com/workbook-press/workbook/internal/cache"
)

// A rebuild must know which chapters changed, and reading every file to
// hash it was a fifth of a one-chapter rebuild of 1,000 chapters. stamps
// remember, per Markdown file, what the file system said of it when the
// last build read it (size, modification and change times, inode; see
// fileStamp) and the hash of its bytes. A file the file system describes
// the same way is not read again: the remembered hash keys its cached
// parse. The change time cannot be set back by any tool; and a stamp taken
// within two seconds of a change is not kept (a second write in the same
// tick of the file system's clock would look the same), as git does with
// its index. Where the system gives no change time and inode, every file
// is read.
type stamp struct {
	Size, MTime, CTime int64
	Ino                uint64
	Sum                [32]byte // SHA-256 of the file's bytes
}

// stamps is the set a build reads and the one it writes, in a file of the
// build cache's folder.
type stamps struct {
	store *cache.Store
	old   map[string]stamp

	mu  sync.Mutex
	new map[string]stamp
}

const stampsName = "sources.stamps"

// racyWindow is how recent a change must be for its stamp not to be kept.
var racyWindow = 2 * time.Second

// loadStamps returns the stamps of the build cache on disk, nil without one.
func loadStamps(store *cache.Store) *stamps {
	if !store.Persistent() {
		return nil
	}
	s := &stamps{store: store, old: map[string]stamp{}, new: map[string]stamp{}}
	if !store.LoadGob(stampsName, &s.old) {
		s.old = map[string]stamp{}
	}
	return s
}

// known returns the hash of file p's bytes when the file system describes
// it as the last build saw it.
func (s *stamps) known(p string, fi fs.FileInfo) ([32]byte, bool) {
	if s == nil || fi == nil {
		return [32]byte{}, false
	}
	st, ok := fileStamp(fi)
	if !ok {
		return [32]byte{}, false
	}
	old, ok := s.old[p]
	st.Sum = old.Sum
	if !ok || st != old {
		return [32]byte{}, false
	}
	s.keep(p, old)
	return old.Sum, true
}

// record notes that file p, as fi described it before it was read, held
// bytes hashing to sum.
func (s *stamps) record(p string, fi fs.FileInfo, sum [32]byte, now time.Time) {
	if s == nil || fi == nil {
		return
	}
	st, ok := fileStamp(fi)
	if !ok || now.Sub(time.Unix(0, max(st.MTime, st.CTime))) < racyWindow {
		return
	}
	st.Sum = sum
	s.keep(p, st)
}

func (s *stamps) keep(p string, st stamp) {
	s.mu.Lock()
	s.new[p] = st
	s.mu.Unlock()
}

// save writes the stamps of this build for the next one.
func (s *stamps) save() error {
	if s == nil {
		return nil
	}
	return s.store.SaveGob(stampsName, s.new)
}

package publish

import (
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// With the build cache on disk, a build remembers what it published (each
// file's hash, size and modification time) in the cache folder. The next
// build then leaves a file of the previous site in place when it would
// write the same bytes and the file is as the last build left it, writes
// only the files that changed into the fresh directory, and on Commit
// moves those into the output directory and removes what is no longer
// published. Creating thousands of files and folders, and removing the
// previous site's, is most of a rebuild's time otherwise.
//
// A failed build still leaves the output directory untouched (nothing
// moves before Commit), and files this build did not publish are removed
// from it, as a swap would. Without a record of the last build into that
// directory, Commit swaps directories as a cold build does.

const recordName = "published.gob"

// lastBuild is what a build left in the output directory.
type lastBuild struct {
	Dir   string
	Files map[string]stamp
	Dirs  map[string]int64 // each folder's modification time: a folder whose listing changed may hold strays
}

type stamp struct {
	Hash    string
	Size    int64
	ModTime int64 // nanoseconds
}

// loadPrevious reads the record of the last build into dir, if any.
func (o *Output) loadPrevious() {
	var prev lastBuild
	if !o.memo.LoadGob(recordName, &prev) || prev.Dir != o.dir {
		return
	}
	if st, err := os.Lstat(o.dir); err == nil && st.IsDir() {
		o.prev, o.prevDirs = prev.Files, prev.Dirs
	}
}

// unchanged reports whether the output directory already holds these bytes
// at p, as the last build wrote them.
func (o *Output) unchanged(p, hash string, size int64) bool {
	s, ok := o.prev[p]
	if !ok || s.Hash != hash || s.Size != size {
		return false
	}
	st, err := os.Lstat(filepath.Join(o.dir, filepath.FromSlash(p)))
	return err == nil && st.Mode().IsRegular() && st.Size() == size && st.ModTime().UnixNano() == s.ModTime
}

// Keep publishes at p the file the previous build left there, when its
// hash is hash and it is as that build left it; it reports whether it did.
// A page whose inputs did not change (the build cache knows its hash) is
// then neither rendered nor written.
func (o *Output) Keep(p, hash string) bool {
	s, ok := o.prev[p]
	if !ok || o.tmp == "" || !o.unchanged(p, hash, s.Size) {
		return false
	}
	return o.record(Entry{Path: p, Hash: hash, Size: s.Size}) == nil
}

// Published returns the entry of a file written in this build.
func (o *Output) Published(p string) (Entry, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	e, ok := o.ents[p]
	return e, ok
}

// commitUpdate moves the changed files into the output directory and
// removes the ones no longer published.
func (o *Output) commitUpdate() error {
	for p := range o.written {
		to := filepath.Join(o.dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
			return err
		}
		if err := os.Rename(filepath.Join(o.tmp, filepath.FromSlash(p)), to); err != nil {
			return err
		}
	}
	err := o.removeStale()
	os.RemoveAll(o.tmp)
	o.tmp = ""
	return err
}

// removeStale removes what this build did not publish: the last build's
// files it dropped, and anything else in a folder whose listing changed
// since the last build (a folder's modification time changes when an entry
// is added or removed, so the others need not be read). Folders left
// empty go too.
func (o *Output) removeStale() error {
	var errs []error
	emptied := map[string]bool{}
	for p := range o.prev {
		if _, ok := o.ents[p]; !ok {
			full := filepath.Join(o.dir, filepath.FromSlash(p))
			if err := os.Remove(full); err != nil && !errors.Is(err, fs.ErrNotExist) {
				errs = append(errs, err)
			}
			emptied[filepath.Dir(full)] = true
		}
	}
	dirs := o.publishedDirs()
	o.seenDirs = make(map[string]int64, len(o.prevDirs))
	for rel, mtime := range o.prevDirs {
		full := filepath.Join(o.dir, filepath.FromSlash(rel))
		st, err := os.Lstat(full)
		if err != nil {
			continue
		}
		if st.ModTime().UnixNano() != mtime {
			errs = append(errs, o.removeStrays(rel, dirs, emptied))
		}
		o.seenDirs[rel] = st.ModTime().UnixNano() // saveRecord need not look again, unless emptied below
	}
	for full := range emptied { // their listings changed, and removeEmpty may remove them from their parents'
		if rel, err := filepath.Rel(o.dir, full); err == nil {
			for d := filepath.ToSlash(rel); ; d = path.Dir(d) {
				delete(o.seenDirs, d)
				if d == "." || d == "/" {
					break
				}
			}
		}
	}
	removeEmpty(o.dir, emptied)
	return errors.Join(errs...)
}

// removeStrays removes the entries of folder rel that hold nothing
// published.
func (o *Output) removeStrays(rel string, dirs map[string]bool, emptied map[string]bool) error {
	full := filepath.Join(o.dir, filepath.FromSlash(rel))
	entries, err := os.ReadDir(full)
	if err != nil {
		return nil // gone already
	}
	var errs []error
	for _, e := range entries {
		p := path.Join(rel, e.Name())
		if rel == "." {
			p = e.Name()
		}
		if _, ok := o.ents[p]; ok || dirs[p] {
			continue
		}
		errs = append(errs, os.RemoveAll(filepath.Join(full, e.Name())))
		emptied[full] = true
	}
	return errors.Join(errs...)
}

// publishedDirs lists the folders that hold published files, "." for the
// top.
func (o *Output) publishedDirs() map[string]bool {
	dirs := map[string]bool{".": true}
	for p := range o.ents {
		for d := path.Dir(p); !dirs[d]; d = path.Dir(d) {
			dirs[d] = true
		}
	}
	return dirs
}

// removeEmpty removes the given folders when empty, and their parents below
// top when that leaves them empty.
func removeEmpty(top string, emptied map[string]bool) {
	dirs := make([]string, 0, len(emptied))
	for d := range emptied {
		dirs = append(dirs, d)
	}
	sort.Sort(sort.Reverse(sort.StringSlice(dirs))) // deepest first
	for _, d := range dirs {
		for d != top && strings.HasPrefix(d, top) && os.Remove(d) == nil { // fails, as it should, unless empty
			d = filepath.Dir(d)
		}
	}
}

// saveRecord writes what the output directory now holds, for the next
// build. A file that cannot be stamped is left out (and rewritten next
// time).
func (o *Output) saveRecord() error {
	if o.memo.Dir() == "" {
		return nil
	}
	rec := lastBuild{Dir: o.dir, Files: make(map[string]stamp, len(o.ents)), Dirs: map[string]int64{}}
	for p, e := range o.ents {
		if s, kept := o.prev[p]; kept && !o.written[p] && s.Hash == e.Hash {
			rec.Files[p] = s // checked unchanged by this build
			continue
		}
		st, err := os.Lstat(filepath.Join(o.dir, filepath.FromSlash(p)))
		if err == nil {
			rec.Files[p] = stamp{e.Hash, e.Size, st.ModTime().UnixNano()}
		}
	}
	for d := range o.publishedDirs() {
		if mtime, ok := o.seenDirs[d]; ok {
			rec.Dirs[d] = mtime
		} else if st, err := os.Lstat(filepath.Join(o.dir, filepath.FromSlash(d))); err == nil {
			rec.Dirs[d] = st.ModTime().UnixNano()
		}
	}
	return o.memo.SaveGob(recordName, rec)
}

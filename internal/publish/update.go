package publish

import (
	"bytes"
	"encoding/gob"
	"errors"
	"io/fs"
	"os"
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
}

type stamp struct {
	Hash    string
	Size    int64
	ModTime int64 // nanoseconds
}

// loadPrevious reads the record of the last build into dir, if any.
func (o *Output) loadPrevious() {
	cacheDir := o.memo.Dir()
	if cacheDir == "" {
		return
	}
	o.recordPath = filepath.Join(cacheDir, recordName)
	data, err := os.ReadFile(o.recordPath)
	if err != nil {
		return
	}
	var prev lastBuild
	if gob.NewDecoder(bytes.NewReader(data)).Decode(&prev) != nil || prev.Dir != o.dir {
		return
	}
	if st, err := os.Lstat(o.dir); err == nil && st.IsDir() {
		o.prev = prev.Files
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

// removeStale removes files of the output directory this build did not
// publish, and the folders that leaves empty.
func (o *Output) removeStale() error {
	emptied := map[string]bool{}
	err := filepath.WalkDir(o.dir, func(full string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel := filepath.ToSlash(strings.TrimPrefix(full, o.dir+string(filepath.Separator)))
		if _, ok := o.ents[rel]; ok {
			return nil
		}
		emptied[filepath.Dir(full)] = true
		return os.Remove(full)
	})
	dirs := make([]string, 0, len(emptied))
	for d := range emptied {
		dirs = append(dirs, d)
	}
	sort.Sort(sort.Reverse(sort.StringSlice(dirs))) // deepest first
	for _, d := range dirs {
		for d != o.dir && os.Remove(d) == nil { // fails, as it should, unless empty
			d = filepath.Dir(d)
		}
	}
	return err
}

// saveRecord writes what the output directory now holds, for the next
// build. A file that cannot be stamped is left out (and rewritten next
// time).
func (o *Output) saveRecord() error {
	if o.recordPath == "" {
		return nil
	}
	rec := lastBuild{Dir: o.dir, Files: make(map[string]stamp, len(o.ents))}
	for p, e := range o.ents {
		st, err := os.Lstat(filepath.Join(o.dir, filepath.FromSlash(p)))
		if err == nil {
			rec.Files[p] = stamp{e.Hash, e.Size, st.ModTime().UnixNano()}
		}
	}
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(rec); err != nil {
		return err
	}
	tmp := o.recordPath + ".new"
	return errors.Join(os.WriteFile(tmp, buf.Bytes(), 0o644), os.Rename(tmp, o.recordPath))
}

package site

import (
	"errors"
	"io/fs"
	"maps"
	"slices"
	"strings"
)

// overlay is a read-only file system where files of top hide files of the
// same name in bottom: a book's own layouts/ and assets/ over the embedded
// theme. Either may be nil.
type overlay struct{ top, bottom fs.FS }

func (o overlay) Open(name string) (fs.File, error) {
	if o.top != nil {
		f, err := o.top.Open(name)
		if err == nil {
			return f, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	if o.bottom == nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	}
	return o.bottom.Open(name)
}

// ReadDir merges the listings of both layers, top first on a name clash.
func (o overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	seen := map[string]fs.DirEntry{}
	found := false
	for _, layer := range []fs.FS{o.bottom, o.top} {
		if layer == nil {
			continue
		}
		ents, err := fs.ReadDir(layer, name)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, err
		}
		found = true
		for _, e := range ents {
			seen[e.Name()] = e
		}
	}
	if !found {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	return slices.SortedFunc(maps.Values(seen), func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) }), nil
}

// subOrNil returns the named folder of fsys, or nil when it does not exist.
func subOrNil(fsys fs.FS, dir string) fs.FS {
	if fsys == nil {
		return nil
	}
	if st, err := fs.Stat(fsys, dir); err != nil || !st.IsDir() {
		return nil
	}
	sub, err := fs.Sub(fsys, dir)
	if err != nil {
		return nil
	}
	return sub
}

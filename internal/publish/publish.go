// Package publish is the last stage of a build: it takes rendered pages and
// assets, minifies them by type, and writes them into a fresh directory
// beside the output directory. Only when the whole build succeeded does
// Commit swap the fresh directory in, so a failed build leaves the previous
// site byte for byte as it was, and files of deleted chapters disappear.
// Nothing is ever written into the live output directory.
//
// An Output without a directory keeps the files in memory instead, for the
// preview server.
package publish

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/workbook-press/workbook/internal/memo"
)

// Options tunes an Output.
type Options struct {
	Minify bool       // minify HTML, CSS, JS, SVG, JSON and XML
	Memo   *memo.Memo // when set, remembers minified files by their bytes (the preview server)
}

// Entry records one published file.
type Entry struct {
	Path string // relative to the site root, slash-separated, e.g. "talk/index.html"
	Hash string // fileHash of the published bytes
	Size int64
}

// Output collects the files of one build.
type Output struct {
	dir  string // final directory, "" for an in-memory output
	tmp  string // fresh directory being written
	min  *minifier
	memo *memo.Memo

	// gate is held for reading while a file is written into tmp, and for
	// writing by Abort and Commit, so no write lands after either.
	gate   sync.RWMutex
	closed bool // committed or aborted: tmp is gone or in place

	mu   sync.Mutex
	ents map[string]Entry
	mem  map[string][]byte // the files of an in-memory output
	dirs map[string]bool   // directories already created in tmp
}

// Begin starts writing a build that will replace dir when committed. The
// fresh directory is created beside dir so the final swap is a rename on
// one file system.
func Begin(dir string, opts Options) (*Output, error) {
	dir = filepath.Clean(dir)
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return nil, err
	}
	removeStale(dir)
	tmp, err := os.MkdirTemp(filepath.Dir(dir), freshPrefix(dir)+strconv.Itoa(os.Getpid())+"-")
	if err != nil {
		return nil, fmt.Errorf("create a fresh output directory beside %s: %w", dir, err)
	}
	o := InMemory(opts)
	o.dir, o.tmp, o.mem = dir, tmp, nil
	return o, nil
}

// InMemory starts a build whose files are kept in memory.
func InMemory(opts Options) *Output {
	o := &Output{memo: opts.Memo, ents: map[string]Entry{}, mem: map[string][]byte{}, dirs: map[string]bool{}}
	if opts.Minify {
		o.min = newMinifier()
	}
	return o
}

// Write minifies data according to the extension of p and publishes it at
// p, a slash-separated path relative to the site root. The minifier works
// on data in place: Write takes it over. It is safe for concurrent use;
// writing one path twice is an error.
func (o *Output) Write(p string, data []byte) error {
	if o.min != nil && o.min.handles(p) {
		var err error
		if data, err = o.Minified(p, data); err != nil {
			return err
		}
	}
	return o.Put(p, data)
}

// Put publishes at p bytes already as published (from Minified), as they
// are: the preview server keeps a page's bytes by its inputs.
func (o *Output) Put(p string, data []byte) error {
	if err := o.claim(p); err != nil {
		return err
	}
	return o.store(p, data)
}

// store writes data, as it is, at p, claimed already.
func (o *Output) store(p string, data []byte) error {
	if o.dir != "" {
		return o.writeFile(p, data)
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	o.ents[p] = Entry{Path: p, Hash: fileHash(data), Size: int64(len(data))}
	o.mem[p] = data
	return nil
}

// WriteFrom publishes at p what write writes, as it is written: not
// minified (write makes it compact) and never whole in memory, for a large
// generated file such as the search index. It is safe for concurrent use
// with Write.
func (o *Output) WriteFrom(p string, write func(*bufio.Writer)) error {
	if err := o.claim(p); err != nil {
		return err
	}
	if o.dir == "" {
		var buf bytes.Buffer
		w := bufio.NewWriter(&buf)
		write(w)
		w.Flush()
		return o.store(p, buf.Bytes())
	}
	f, err := o.create(p)
	if err != nil {
		return err
	}
	hw := newHashWriter(gated{o, f})
	w := bufio.NewWriterSize(hw, 64<<10)
	write(w)
	err = errors.Join(w.Flush(), f.Close())
	o.mu.Lock()
	o.ents[p] = Entry{Path: p, Hash: hw.sum(), Size: hw.n}
	o.mu.Unlock()
	return err
}

// create makes file p in the fresh directory, unless the output was
// committed or aborted.
func (o *Output) create(p string) (*os.File, error) {
	o.gate.RLock()
	defer o.gate.RUnlock()
	full, err := o.place(p)
	if err != nil {
		return nil, err
	}
	return os.OpenFile(full, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
}

// place returns where file p goes in the fresh directory, its folder made,
// unless the output was committed or aborted. The caller holds the gate.
func (o *Output) place(p string) (string, error) {
	if o.closed {
		return "", errClosed
	}
	full := filepath.Join(o.tmp, filepath.FromSlash(p))
	return full, o.makeDir(path.Dir(p), filepath.Dir(full))
}

// gated writes to f while the output is open, holding the gate for each
// write only: Abort (Ctrl-C) waits for one buffer, not for the whole file
// and the work of making it.
type gated struct {
	o *Output
	f *os.File
}

func (g gated) Write(p []byte) (int, error) {
	g.o.gate.RLock()
	defer g.o.gate.RUnlock()
	if g.o.closed {
		return 0, errClosed
	}
	return g.f.Write(p)
}

// claim reserves path p, a clean path inside the site, for one file.
func (o *Output) claim(p string) error {
	if err := checkPath(p); err != nil {
		return err
	}
	o.mu.Lock()
	defer o.mu.Unlock()
	if _, dup := o.ents[p]; dup {
		return fmt.Errorf("two files would be written to %s", p)
	}
	o.ents[p] = Entry{Path: p}
	return nil
}

// Minified returns data as published at p, in bytes of its own (the caller
// reuses its buffer): minified, or found in the memo by its bytes.
func (o *Output) Minified(p string, data []byte) ([]byte, error) {
	if o.min == nil || !o.min.handles(p) {
		return append([]byte(nil), data...), nil
	}
	k := memo.KeyOf([]byte("minify"), []byte(path.Ext(p)), data)
	out, err := memo.Do(o.memo, k, func() ([]byte, error) {
		var buf bytes.Buffer
		buf.Grow(len(data)) // never more than its input: grown once, not doubled on the way
		err := o.min.minifyTo(&buf, p, data)
		return buf.Bytes(), err
	})
	if err != nil {
		return nil, fmt.Errorf("minify %s: %w", p, err)
	}
	return out, nil
}

// writeFile puts data in the fresh directory at p: as a hard link to the
// live output's file when that holds these very bytes, else as a new file.
// A rebuild then writes only what changed, and removing the previous site
// frees only the blocks of what changed (on a file system mounted with
// discard, freeing a 10,000-page site's blocks took longer than building
// it).
func (o *Output) writeFile(p string, data []byte) error {
	o.mu.Lock()
	o.ents[p] = Entry{Path: p, Hash: fileHash(data), Size: int64(len(data))}
	o.mu.Unlock()
	o.gate.RLock()
	defer o.gate.RUnlock()
	full, err := o.place(p)
	if err != nil {
		return err
	}
	old := filepath.Join(o.dir, filepath.FromSlash(p))
	if sameFile(old, data) && os.Link(old, full) == nil {
		return nil
	}
	return os.WriteFile(full, data, 0o644)
}

// sameFile reports whether the regular file at p holds exactly data.
func sameFile(p string, data []byte) bool {
	f, err := os.Open(p)
	if err != nil {
		return false
	}
	defer f.Close()
	if st, err := f.Stat(); err != nil || !st.Mode().IsRegular() || st.Size() != int64(len(data)) {
		return false
	}
	chunk := chunks.Get().(*[]byte)
	defer chunks.Put(chunk)
	for len(data) > 0 {
		n, err := io.ReadFull(f, (*chunk)[:min(len(*chunk), len(data))])
		if err != nil || !bytes.Equal((*chunk)[:n], data[:n]) {
			return false
		}
		data = data[n:]
	}
	return true
}

// chunks are what sameFile reads a file into.
var chunks = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}

// makeDir creates the folder full (dir inside the site) once.
func (o *Output) makeDir(dir, full string) error {
	o.mu.Lock()
	made := o.dirs[dir]
	o.dirs[dir] = true
	o.mu.Unlock()
	if made {
		return nil
	}
	return os.MkdirAll(full, 0o755)
}

// checkPath refuses paths that would land outside the output directory.
func checkPath(p string) error {
	if p == "" || strings.HasPrefix(p, "/") || strings.Contains(p, "\\") || path.Clean(p) != p || p == ".." || strings.HasPrefix(p, "../") {
		return fmt.Errorf("refusing to write %q: not a clean path inside the site", p)
	}
	return nil
}

// Entries returns every published file sorted by path.
func (o *Output) Entries() []Entry {
	o.mu.Lock()
	defer o.mu.Unlock()
	return slices.SortedFunc(maps.Values(o.ents), func(a, b Entry) int { return strings.Compare(a.Path, b.Path) })
}

// File returns a published file of an in-memory output.
func (o *Output) File(p string) ([]byte, bool) {
	o.mu.Lock()
	defer o.mu.Unlock()
	data, ok := o.mem[p]
	return data, ok
}

// Has reports whether p was published.
func (o *Output) Has(p string) bool {
	o.mu.Lock()
	defer o.mu.Unlock()
	_, ok := o.ents[p]
	return ok
}

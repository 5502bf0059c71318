// Package publish is the last stage of a build: it takes rendered pages and
// assets, minifies them by type, and writes them into a fresh directory
// beside the output directory. Only when the whole build succeeded does
// Commit swap the fresh directory in, so a failed build leaves the previous
// site byte for byte as it was, and files of deleted chapters disappear.
//
// An Output without a directory keeps the files in memory instead, for the
// preview server.
package publish

import (
	"bytes"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/workbook-press/workbook/internal/cache"
)

// Options tunes an Output.
type Options struct {
	Minify bool         // minify HTML, CSS, JS, SVG, JSON and XML
	Cache  *cache.Store // when set, remembers minified files by their unminified bytes
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
	memo *cache.Store

	piecesMinified atomic.Int64 // pieces of large pages not found in the build cache
	pieces         *Pieces      // see Pieces; nil until asked for

	mu   sync.Mutex
	ents map[string]Entry
	mem  map[string][]byte
	dirs map[string]bool // directories already created in tmp

	later    map[string]*later // files made when first read, see Later
	settling map[string]bool

	// With the build cache on disk (see update.go):
	prev     map[string]stamp // what the previous build published, nil if unknown
	prevDirs map[string]int64 // its folders' modification times
	seenDirs map[string]int64 // folders' modification times as removeStale left them
	written  map[string]bool  // files written into tmp, to move on Commit
}

// Begin starts writing a build that will replace dir when committed. The
// fresh directory is created beside dir so the final swap is a rename on
// one file system.
func Begin(dir string, opts Options) (*Output, error) {
	dir = filepath.Clean(dir)
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), "."+filepath.Base(dir)+"-new-")
	if err != nil {
		return nil, fmt.Errorf("create a fresh output directory beside %s: %w", dir, err)
	}
	o := newOutput(opts)
	o.dir, o.tmp = dir, tmp
	o.loadPrevious()
	return o, nil
}

// InMemory starts a build whose files are kept in memory.
func InMemory(opts Options) *Output { return newOutput(opts) }

func newOutput(opts Options) *Output {
	o := &Output{ents: map[string]Entry{}, mem: map[string][]byte{}, dirs: map[string]bool{}, memo: opts.Cache,
		later: map[string]*later{}, settling: map[string]bool{}, written: map[string]bool{}}
	if opts.Minify {
		o.min = newMinifier()
	}
	return o
}

// Write minifies data according to the extension of p and publishes it at
// p, a slash-separated path relative to the site root. It is safe for
// concurrent use; writing one path twice is an error.
func (o *Output) Write(p string, data []byte) error {
	if o.tmp != "" && !o.memo.InMemory() && o.min != nil && o.min.handles(p) {
		return o.writeMinified(p, data)
	}
	f, err := o.Prepare(p, data)
	if err != nil {
		return err
	}
	return o.WritePrepared(p, f)
}

// scratch holds buffers for minified pages on their way to disk.
var scratch = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// writeMinified minifies a page into a reused buffer and writes it: a build
// to disk keeps no page in memory, so it need not allocate one per page.
func (o *Output) writeMinified(p string, data []byte) error {
	buf := scratch.Get().(*bytes.Buffer)
	defer scratch.Put(buf)
	buf.Reset()
	if o.piecewise(p, len(data)) || o.pieces.in(data) {
		if _, err := o.minifyMarked(buf, nil, p, data, true); err != nil {
			return err
		}
	} else if err := o.min.minifyTo(buf, p, data); err != nil {
		return fmt.Errorf("minify %s: %w", p, err)
	}
	return o.WritePrepared(p, Prepared{buf.Bytes(), fileHash(buf.Bytes())})
}

// WritePrepared publishes a file Prepare made, in this build or an
// earlier one (the preview server keeps them).
func (o *Output) WritePrepared(p string, f Prepared) error {
	if err := checkPath(p); err != nil {
		return err
	}
	keep := o.tmp != "" && o.prev != nil && o.unchanged(p, f.Hash, int64(len(f.Data)))
	o.mu.Lock()
	_, dup := o.ents[p]
	_, pending := o.later[p]
	if dup || (pending && !o.settling[p]) {
		o.mu.Unlock()
		return fmt.Errorf("two files would be written to %s", p)
	}
	o.ents[p] = Entry{Path: p, Hash: f.Hash, Size: int64(len(f.Data))}
	if o.tmp == "" {
		o.mem[p] = f.Data
		o.mu.Unlock()
		return nil
	}
	if keep {
		o.mu.Unlock()
		return nil // the output directory already holds it
	}
	o.written[p] = true
	dir := path.Dir(p)
	needDir := !o.dirs[dir]
	o.dirs[dir] = true
	o.mu.Unlock()
	full := filepath.Join(o.tmp, filepath.FromSlash(p))
	if needDir {
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return err
		}
	}
	return os.WriteFile(full, f.Data, 0o644)
}

// record adds the entry of a file written straight to disk.
func (o *Output) record(e Entry) error {
	o.mu.Lock()
	defer o.mu.Unlock()
	if _, dup := o.ents[e.Path]; dup {
		return fmt.Errorf("two files would be written to %s", e.Path)
	}
	o.ents[e.Path] = e
	return nil
}

// Prepared is a file as published: minified when its type is, and hashed.
// Its Data is never shared with the caller's buffer, so it can be kept.
type Prepared struct {
	Data []byte
	Hash string // fileHash of Data
}

// Prepare minifies and hashes data for publishing at p, or finds the
// result in the cache, which keeps it by the unminified bytes.
func (o *Output) Prepare(p string, data []byte) (Prepared, error) {
	if o.min == nil || !o.min.handles(p) {
		return Prepared{append([]byte(nil), data...), fileHash(data)}, nil
	}
	var k cache.Key
	if o.memo.InMemory() {
		k = cache.NewKey("minify").String(path.Ext(p)).Bytes(data).Key()
		if v, ok := o.memo.Get(k); ok {
			return v.(Prepared), nil
		}
	}
	min, err := o.min.minify(p, data)
	if err != nil {
		return Prepared{}, fmt.Errorf("minify %s: %w", p, err)
	}
	f := Prepared{min, fileHash(min)}
	if o.memo.InMemory() {
		o.memo.Put(k, f)
	}
	return f, nil
}

// checkPath refuses paths that would land outside the output directory.
func checkPath(p string) error {
	if p == "" || strings.HasPrefix(p, "/") || strings.Contains(p, "\\") || path.Clean(p) != p || p == ".." || strings.HasPrefix(p, "../") {
		return fmt.Errorf("refusing to write %q: not a clean path inside the site", p)
	}
	return nil
}

// Entries returns every published file sorted by path; files published
// with Later are listed once made (see Settle).
func (o *Output) Entries() []Entry {
	o.mu.Lock()
	defer o.mu.Unlock()
	out := make([]Entry, 0, len(o.ents))
	for _, e := range o.ents {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// File returns a published file of an in-memory output.
func (o *Output) File(p string) ([]byte, bool) {
	o.settle(p)
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
	_, pending := o.later[p]
	return ok || pending
}

// Commit swaps the fresh directory in place of the output directory and
// removes the previous one. For an in-memory output it does nothing.
func (o *Output) Commit() error {
	if o.tmp == "" {
		return nil // files published with Later are made when first read
	}
	if err := o.Settle(); err != nil {
		o.Abort()
		return err
	}
	if err := o.pieces.check(); err != nil {
		o.Abort()
		return err
	}
	if o.prev != nil {
		if err := o.commitUpdate(); err != nil {
			return fmt.Errorf("update %s: %w", o.dir, err)
		}
		return o.saveRecord()
	}
	if err := o.swap(); err != nil {
		return err
	}
	return o.saveRecord()
}

// swap puts the fresh directory in place of the output directory.
func (o *Output) swap() error {
	old := ""
	if _, err := os.Lstat(o.dir); err == nil {
		old = o.tmp + "-old"
		if err := os.Rename(o.dir, old); err != nil {
			o.Abort()
			return fmt.Errorf("move the previous %s aside: %w", o.dir, err)
		}
	}
	if err := os.Rename(o.tmp, o.dir); err != nil {
		if old != "" {
			os.Rename(old, o.dir)
		}
		o.Abort()
		return fmt.Errorf("put the new site in place at %s: %w", o.dir, err)
	}
	o.tmp = ""
	if old != "" {
		return removeAll(old)
	}
	return nil
}

// removeAll is os.RemoveAll, with the folders at the top spread over a few
// goroutines: removing the previous site (a folder per chapter) is
// otherwise a long run of one unlink at a time.
func removeAll(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return os.RemoveAll(dir)
	}
	next := make(chan string)
	errs := make(chan error, len(entries))
	var wg sync.WaitGroup
	for range min(4*runtime.GOMAXPROCS(0), len(entries)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p := range next {
				if err := os.RemoveAll(p); err != nil {
					errs <- err
				}
			}
		}()
	}
	for _, e := range entries {
		next <- filepath.Join(dir, e.Name())
	}
	close(next)
	wg.Wait()
	close(errs)
	if err := <-errs; err != nil {
		return err
	}
	return os.Remove(dir)
}

// Abort removes the fresh directory, leaving the output directory as it was.
func (o *Output) Abort() {
	if o.tmp != "" {
		os.RemoveAll(o.tmp)
		o.tmp = ""
	}
}

// Equal reports whether two outputs published the same files with the same
// bytes; tests use it to compare builds.
func Equal(a, b []Entry) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

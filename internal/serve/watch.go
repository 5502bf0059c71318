package serve

import (
	"context"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/workbook-press/workbook"
)

// watched are the folders of a project whose changes trigger a rebuild
// (i18n/ holds the book's own interface strings),
// recursively. The project root itself is watched without recursion, to
// see these folders appear and netlify.toml change.
var watched = []string{"content", "layouts", "assets", "i18n"}

// watcher turns file-system events below the project into batches of
// changed paths. Editors save in bursts (write a temporary file, rename it
// over the original; or remove and recreate), so a batch is sent only once
// the events have been quiet for a short while.
type watcher struct {
	root    string
	fsw     *fsnotify.Watcher
	quiet   time.Duration // wait this long without events before a batch
	longest time.Duration // but never longer than this after the first
	mu      sync.Mutex
	dirs    map[string]bool
	pending map[string]bool // slash paths relative to root
	errs    func(error)     // reports watch errors (not fatal)
}

func newWatcher(root string, report func(error)) (*watcher, error) {
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, err
	}
	w := &watcher{root: root, fsw: fsw, quiet: 8 * time.Millisecond, longest: 150 * time.Millisecond,
		dirs: map[string]bool{}, pending: map[string]bool{}, errs: report}
	if err := w.add(root); err != nil {
		fsw.Close()
		return nil, err
	}
	for _, d := range watched {
		w.addTree(filepath.Join(root, d))
	}
	return w, nil
}

// add watches one directory.
func (w *watcher) add(dir string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.dirs[dir] {
		return nil
	}
	if err := w.fsw.Add(dir); err != nil {
		return err
	}
	w.dirs[dir] = true
	return nil
}

// addTree watches dir and every folder below it; a folder that does not
// exist (yet) is no error.
func (w *watcher) addTree(dir string) {
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if !errors.Is(err, fs.ErrNotExist) {
				w.errs(err)
			}
			return nil
		}
		if d.IsDir() {
			if p != dir && workbook.Ignored(d.Name()) {
				return fs.SkipDir
			}
			if err := w.add(p); err != nil {
				w.errs(err)
			}
		}
		return nil
	})
}

// drop forgets a removed folder and everything below it.
func (w *watcher) drop(dir string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	for d := range w.dirs {
		if d == dir || strings.HasPrefix(d, dir+string(filepath.Separator)) {
			w.fsw.Remove(d) // the kernel may have dropped it already
			delete(w.dirs, d)
		}
	}
}

// relevant reports whether a change at p matters to the build: below one
// of the watched folders, or the project's netlify.toml.
func (w *watcher) relevant(p string) (string, bool) {
	rel, err := filepath.Rel(w.root, p)
	if err != nil || strings.HasPrefix(rel, "..") {
		return "", false
	}
	rel = filepath.ToSlash(rel)
	if rel == "netlify.toml" {
		return rel, true
	}
	top, _, _ := strings.Cut(rel, "/")
	if !slices.Contains(watched, top) || slices.ContainsFunc(strings.Split(rel, "/"), workbook.Ignored) {
		return "", false
	}
	return rel, true
}

// handle records one event and keeps the watch list in step with the tree.
func (w *watcher) handle(ev fsnotify.Event) bool {
	rel, ok := w.relevant(ev.Name)
	if !ok || ev.Op == fsnotify.Chmod {
		return false
	}
	if ev.Has(fsnotify.Create) {
		if st, err := os.Lstat(ev.Name); err == nil && st.IsDir() {
			w.addTree(ev.Name) // files written before the watch are caught by the full rebuild
		}
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		w.drop(ev.Name)
	}
	w.mu.Lock()
	w.pending[rel] = true
	w.mu.Unlock()
	return true
}

// waiting reports whether changes wait for the next batch.
func (w *watcher) waiting() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return len(w.pending) > 0
}

// take returns and clears the changed paths gathered so far.
func (w *watcher) take() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := slices.Collect(maps.Keys(w.pending))
	clear(w.pending)
	return out
}

// run delivers debounced batches on ready (a signal: take the batch with
// take) until ctx ends. It closes the fsnotify watcher when it returns.
func (w *watcher) run(ctx context.Context, ready chan<- struct{}) {
	defer w.fsw.Close()
	var timer <-chan time.Time
	var first time.Time
	for {
		select {
		case <-ctx.Done():
			return
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return
			}
			w.errs(err)
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return
			}
			if !w.handle(ev) {
				continue
			}
			if timer == nil {
				first = time.Now()
			}
			wait := min(w.quiet, w.longest-time.Since(first))
			timer = time.After(max(wait, 0))
		case <-timer:
			timer = nil
			select {
			case ready <- struct{}{}:
			default: // a batch is already waiting; take() will include these paths
			}
		}
	}
}

package main

import (
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strings"
	"sync"
)

// Garbage collection costs a build in proportion to what it allocates
// divided by the garbage it lets pile up between collections. A cold
// build allocates a lot that dies at once (goldmark's trees, chroma's
// tokens, the minifier's buffers) and keeps little: the book's outline,
// about 0.7 bytes per byte of Markdown, and no page.
//
// With GOGC, garbage may grow only as large as the live heap: a few MiB
// while a book starts loading, hence a collection every few milliseconds.
// A cold build instead collects when all the memory the Go runtime holds
// reaches a budget set before it starts: three times the size of the
// book's Markdown, and at least minBudget. Should the live heap grow past
// half the budget, the budget grows to twice the live heap, so a book never
// runs short of room for what it holds. Measured on generated books
// (medians of alternating runs, 2 cores, each build into a new folder),
// against GOGC 100, raised to 200 once the live heap passed 32 MiB:
//
//	1,000 chapters (8.9 MB, a budget of 40 MiB): 0.87 s and 52 MiB, against 0.93 s and 48 MiB
//	10,000 chapters (89 MB, 255 MiB): 7.1 s and 268 MiB, against 8.5 s and 265 MiB
//
// A budget of 32 MiB for the small book peaked at 46 MiB and took 2 to 4%
// longer than 40 MiB; 48 MiB peaked at 60 MiB.

// collectLessOften lets the heap grow to five times what is live before
// the garbage collector runs, up to 256 MiB, unless GOGC or GOMEMLIMIT say
// otherwise. A rebuild with the cache holds little (the book's outline,
// not its bodies) and allocates a lot of short-lived memory: collecting
// less often made a one-chapter rebuild of 1,000 chapters 12% faster
// (hyperfine, 25 runs each), for a peak of about 65 MiB instead of 55.
func collectLessOften() {
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(400)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(256 << 20)
	}
}

// minBudget is the least memory budget of a cold build.
const minBudget = 40 << 20

// budgetPerSourceByte is the budget per byte of Markdown.
const budgetPerSourceByte = 3

// collectByBudget makes the collector run by a memory budget for a book of
// sourceBytes of Markdown, until the returned stop is called. It does
// nothing when GOGC or GOMEMLIMIT is set in the environment: the person
// who set them decides.
func collectByBudget(sourceBytes int64) (stop func()) {
	if collectorSetByEnv() {
		return func() {}
	}
	first := max(minBudget, budgetPerSourceByte*min(sourceBytes, math.MaxInt64/budgetPerSourceByte))
	w := &heapWatch{first: first, budget: first, sample: []metrics.Sample{{Name: "/gc/heap/live:bytes"}}}
	debug.SetMemoryLimit(first)
	debug.SetGCPercent(-1)
	w.arm()
	return func() {
		w.mu.Lock()
		defer w.mu.Unlock()
		w.stopped = true
		debug.SetGCPercent(100)
		debug.SetMemoryLimit(math.MaxInt64)
	}
}

// collectorSetByEnv reports whether GOGC or GOMEMLIMIT is set: the person
// who set them decides how the collector runs.
func collectorSetByEnv() bool {
	return os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != ""
}

// budgetFor returns the memory budget for a live heap of live bytes.
func (w *heapWatch) budgetFor(live uint64) int64 {
	return max(w.first, 2*int64(min(live, math.MaxInt64/2)))
}

// sourceSize returns the size of the Markdown files under dir.
func sourceSize(dir string) int64 {
	var n int64
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(d.Name(), ".md") {
			if fi, err := d.Info(); err == nil {
				n += fi.Size()
			}
		}
		return nil
	})
	return n
}

// heapWatch runs after every garbage collection: a finalizer on an object
// nothing refers to runs once the collection that found it is over, and
// arming it again from the finalizer waits for the next one.
type heapWatch struct {
	mu      sync.Mutex
	stopped bool
	first   int64 // the budget the build started with
	budget  int64 // the memory limit now
	sample  []metrics.Sample
}

// token is what the finalizer is set on: a tiny object (under 16 bytes and
// without pointers) may share its block with others and never be freed.
type token struct{ _ *int }

func (w *heapWatch) arm() {
	runtime.SetFinalizer(&token{}, func(*token) { w.collected() })
}

// collected sets the budget from the live heap, then waits for the next
// collection.
func (w *heapWatch) collected() {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.stopped {
		return
	}
	metrics.Read(w.sample)
	if w.sample[0].Value.Kind() == metrics.KindUint64 {
		if b := w.budgetFor(w.sample[0].Value.Uint64()); b != w.budget {
			debug.SetMemoryLimit(b)
			w.budget = b
		}
	}
	w.arm()
}

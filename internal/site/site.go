// Package site runs the whole build pipeline of a book:
//
//	load content/ -> fingerprint assets/ -> render pages -> publish (minify, write, swap)
//
// Each stage's error is wrapped with the stage's name. Nothing is put in
// place unless every stage succeeded.
package site

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/workbook-press/workbook"
	"github.com/workbook-press/workbook/internal/assets"
	"github.com/workbook-press/workbook/internal/book"
	"github.com/workbook-press/workbook/internal/cache"
	"github.com/workbook-press/workbook/internal/content"
	"github.com/workbook-press/workbook/internal/publish"
	"github.com/workbook-press/workbook/internal/render"
	"github.com/workbook-press/workbook/internal/search"
	"github.com/workbook-press/workbook/internal/spill"
)

// PageNamesAsset is the generated stylesheet of printed running heads
// (render.PageNamesCSS); layouts link it as {{asset "css/page-names.css"}}.
const PageNamesAsset = "css/page-names.css"

// SearchIndex is where the book's search index (internal/search) is
// published. Its URL stays the same from build to build, so a change to
// the text changes this one file and no page; the service worker keeps it
// by its content's hash, like the pages.
const SearchIndex = "search-index.json"

// Config is everything a build needs to know.
type Config struct {
	Src     string // project root holding content/, and optionally layouts/ and assets/
	Out     string // output directory; "" keeps the result in memory
	BaseURL string // absolute URL of the published site, "" for root-relative links
	Drafts  bool   // include chapters marked draft
	Minify  bool   // minify HTML, CSS, JS, SVG, JSON and XML
	Preview bool   // built for the preview server (no service worker, live reload)

	// Project replaces os.DirFS(Src) when set (tests use fstest.MapFS).
	Project fs.FS
	// Theme replaces the embedded default theme when set.
	Theme fs.FS
	// Cache, when set, memoises each stage's results by a hash of their
	// inputs, so a build after a small change redoes only what it changed;
	// the output is the same as without it. The preview server keeps one.
	Cache *cache.Store
	// SpillAbove is how many bytes of Markdown a book may have before a
	// build to disk keeps the chapters' bodies in a scratch file instead of
	// in memory; 0 means DefaultSpillAbove, a negative value always spills.
	SpillAbove int64
}

// DefaultSpillAbove keeps the bodies of a book of a few thousand chapters
// in memory, where reading them back from disk would cost more time than
// the memory is worth, and spills those of larger books.
const DefaultSpillAbove = 32 << 20

// Result describes a finished build.
type Result struct {
	Book    *book.Book
	Output  *publish.Output
	Pages   int           // rendered pages
	Bytes   int64         // bytes published
	Elapsed time.Duration // wall time of the whole build
	Stages  []Stage       // wall time of each stage, in order
	Notes   []string      // lines worth telling the author, e.g. the precache size

	// Pieces of pages made by the layouts' {{cached}} calls in this build,
	// and kept ones reused (only with the build cache on disk).
	PiecesMade, PiecesReused int
}

// Stage is the timing of one pipeline stage.
type Stage struct {
	Name    string
	Elapsed time.Duration
}

// Build runs the pipeline once.
func Build(ctx context.Context, cfg Config) (*Result, error) {
	start := time.Now()
	res := &Result{}
	record := func(name string, elapsed time.Duration, err error) error {
		res.Stages = append(res.Stages, Stage{name, elapsed})
		if err != nil {
			return fmt.Errorf("%s: %w", name, err)
		}
		return ctx.Err()
	}
	timed := func(name string, f func() error) error {
		t := time.Now()
		err := f()
		return record(name, time.Since(t), err)
	}
	project, theme := cfg.fileSystems()
	b, set, r, err := prepare(cfg, project, theme, timed, record)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	out, err := cfg.begin()
	if err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	err = timed("write", func() error { return writeSite(ctx, cfg, project, b, set, r, out, res) })
	if err == nil {
		err = timed("offline", func() error { return writeOffline(cfg, b, set, out, res) })
	}
	if err == nil {
		err = timed("commit", out.Commit)
	}
	if err != nil {
		out.Abort()
		return nil, err
	}
	res.Book, res.Output, res.Elapsed = b, out, time.Since(start)
	res.PiecesReused, res.PiecesMade = out.PieceCounts()
	for _, e := range out.Entries() {
		res.Bytes += e.Size
	}
	return res, nil
}

// prepare runs the stages that only read the project: load, assets, paths
// and templates. Each runs even when an earlier one failed (as far as it
// can without the other's result), so one build reports the problems of
// content, assets and layouts together. The assets and the layouts are
// read while the content loads.
func prepare(cfg Config, project, theme fs.FS, timed func(string, func() error) error, record func(string, time.Duration, error) error) (*book.Book, *assets.Set, *render.Renderer, error) {
	var b *book.Book
	var set *assets.Set
	var r *render.Renderer
	var assetsErr, templatesErr error
	var assetsTime, templatesTime time.Duration
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.Now()
		set, assetsErr = assets.Build(overlay{subOrNil(project, "assets"), subOrNil(theme, "assets")})
		assetsTime, t = time.Since(t), time.Now()
		// Parsing needs no asset; the set is asked only when a page renders.
		assetURL := func(name string) (string, error) { return set.URL(name) }
		r, templatesErr = render.New(overlay{subOrNil(project, "layouts"), subOrNil(theme, "layouts")}, assetURL)
		if r != nil {
			r.Preview = cfg.Preview
			if !cfg.Preview {
				r.ServiceWorker = "/sw.js"
			}
		}
		templatesTime = time.Since(t)
	}()
	loadErr := timed("load", func() (err error) {
		sp, err := cfg.spill(project)
		if err != nil {
			return err
		}
		b, err = content.Load(project, content.Options{Drafts: cfg.Drafts, BaseURL: cfg.BaseURL, Cache: cfg.Cache, Spill: sp})
		if cfg.Out != "" && !cfg.Cache.Persistent() {
			// Loading leaves each body's first copy behind; collected now,
			// the heap the write stage grows to is about twice the book's
			// bodies, not twice loading's peak (150 MB less at 10,000
			// chapters). The preview server, rebuilding often, skips it. So
			// does a build with the cache on disk, cold or warm: its bodies
			// go to the cache as they are made (and a cold one collects by
			// a memory budget, see cmd/workbook/gc.go).
			runtime.GC()
		}
		return err
	})
	<-done
	if assetsErr == nil && b != nil {
		t := time.Now()
		assetsErr = set.Add(PageNamesAsset, render.PageNamesCSS(b))
		assetsTime += time.Since(t)
	}
	assetsErr = record("assets", assetsTime, assetsErr)
	var pathsErr error
	if set != nil && b != nil {
		pathsErr = timed("paths", func() error { return checkPaths(b, set).Err() })
	}
	templatesErr = record("templates", templatesTime, templatesErr)
	return b, set, r, collect(loadErr, assetsErr, pathsErr, templatesErr)
}

// collect merges the errors of several stages: the author's problems
// (book.Error) into one book.Errors, joined with any other error.
func collect(errs ...error) error {
	var list book.Errors
	var others []error
	for _, err := range errs {
		var many book.Errors
		var one *book.Error
		switch {
		case err == nil:
		case errors.As(err, &many):
			list = append(list, many...)
		case errors.As(err, &one):
			list = append(list, one)
		default:
			others = append(others, err)
		}
	}
	if len(list) > 0 {
		others = append([]error{list}, others...)
	}
	if len(others) == 1 {
		return others[0]
	}
	return errors.Join(others...)
}

func (cfg Config) fileSystems() (project, theme fs.FS) {
	project, theme = cfg.Project, cfg.Theme
	if project == nil {
		project = os.DirFS(cfg.Src)
	}
	if theme == nil {
		theme = workbook.Theme
	}
	return project, theme
}

// spill returns the scratch file that holds the chapters' bodies of a
// build to disk, beside the output folder (so on the same disk), or nil to
// keep them in memory: the preview server builds in memory and rebuilds
// often.
func (cfg Config) spill(project fs.FS) (*spill.File, error) {
	if cfg.Out == "" || cfg.Preview || cfg.Cache.Persistent() {
		return nil, nil // a build cache on disk holds the bodies (see content.Options.Cache)
	}
	limit := cfg.SpillAbove
	if limit == 0 {
		limit = DefaultSpillAbove
	}
	if limit > 0 && markdownBytes(project) <= limit {
		return nil, nil
	}
	out, err := filepath.Abs(cfg.Out)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return nil, err
	}
	return spill.New(filepath.Dir(out))
}

// markdownBytes adds up the sizes of the Markdown files in content/;
// what it cannot read the loader reports.
func markdownBytes(project fs.FS) int64 {
	var n int64
	fs.WalkDir(project, "content", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			if info, err := d.Info(); err == nil {
				n += info.Size()
			}
		}
		return nil
	})
	return n
}

func (cfg Config) begin() (*publish.Output, error) {
	opts := publish.Options{Minify: cfg.Minify, Cache: cfg.Cache}
	if cfg.Out == "" {
		return publish.InMemory(opts), nil
	}
	if err := cfg.checkOut(); err != nil {
		return nil, err
	}
	return publish.Begin(cfg.Out, opts)
}

// writeSite publishes the assets, the files beside the chapters and every
// rendered page. Pages render in parallel on all cores.
func writeSite(ctx context.Context, cfg Config, project fs.FS, b *book.Book, set *assets.Set, r *render.Renderer, out *publish.Output, res *Result) error {
	for _, f := range set.Files() {
		if err := out.Write(f.Path, f.Data); err != nil {
			return err
		}
	}
	index, err := search.Build(b)
	if err != nil {
		return fmt.Errorf("search index: %w", err)
	}
	if err := out.Write(SearchIndex, index); err != nil {
		return err
	}
	for _, f := range b.Files {
		data, err := fs.ReadFile(project, f.SourcePath)
		if err != nil {
			return err
		}
		if err := out.Write(f.OutputPath, data); err != nil {
			return err
		}
	}
	if p := out.Pieces(); p != nil {
		r.Pieces = p
	}
	jobs := render.Plan(b)
	res.Pages = len(jobs)
	ps := newPages(cfg, b, set, r, out)
	return parallel(ctx, len(jobs), func(i int, buf *bytes.Buffer) error {
		return ps.write(jobs[i], buf)
	})
}

// parallel calls f for 0..n-1 on GOMAXPROCS workers, each with its own
// reusable buffer, and returns the first error.
func parallel(ctx context.Context, n int, f func(i int, buf *bytes.Buffer) error) error {
	workers := min(runtime.GOMAXPROCS(0), n)
	next := make(chan int)
	errs := make(chan error, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			for i := range next {
				if err := f(i, &buf); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	var err error
feed:
	for i := range n {
		select {
		case next <- i:
		case err = <-errs:
			break feed
		case <-ctx.Done():
			err = ctx.Err()
			break feed
		}
	}
	close(next)
	wg.Wait()
	close(errs)
	if err == nil {
		err = <-errs
	}
	return err
}

// Package site runs the whole build pipeline of a book:
//
//	load content/ -> fingerprint assets/ -> render pages -> publish (minify, write, swap)
//
// Each stage's error is wrapped with the stage's name. Nothing is put in
// place unless every stage succeeded.
package site

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/workbook-press/workbook"
	"github.com/workbook-press/workbook/internal/assets"
	"github.com/workbook-press/workbook/internal/book"
	"github.com/workbook-press/workbook/internal/content"
	"github.com/workbook-press/workbook/internal/i18n"
	"github.com/workbook-press/workbook/internal/memo"
	"github.com/workbook-press/workbook/internal/publish"
	"github.com/workbook-press/workbook/internal/render"
	"github.com/workbook-press/workbook/internal/search"
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
	Strict  bool   // warnings are errors: nothing is published while there is one
	MetaCSP bool   // pages carry the Content-Security-Policy in a <meta http-equiv>, for hosts that send no headers

	// Project replaces os.DirFS(Src) when set (tests use fstest.MapFS).
	Project fs.FS
	// Theme replaces the embedded default theme when set.
	Theme fs.FS
	// Memo, when set, keeps the results of the pure steps by a hash of
	// their inputs (a file's bytes give its parse, a page's inputs its
	// published bytes: render.Key), so a build after a small change redoes
	// little; the output is the same as without it. The preview server
	// keeps one.
	Memo *memo.Memo
}

// Result describes a finished build.
type Result struct {
	Book    *book.Book
	Output  *publish.Output
	Pages   int           // rendered pages
	Bytes   int64         // bytes published
	Elapsed time.Duration // wall time of the whole build
	Stages  []Stage       // wall time of each stage, in order
	Notes   []string      // lines worth telling the author, e.g. the precache size
	// Warnings are what the build let through but readers would see
	// broken (content's warnings and stylesheets' remote references).
	Warnings book.Errors
}

// Stage is the timing of one pipeline stage.
type Stage struct {
	Name    string
	Elapsed time.Duration
}

// Build runs the pipeline once. When ctx ends (Ctrl-C), Build returns its
// error at once, its fresh output folder removed, even while a stage is
// still busy: see stopper.
func Build(ctx context.Context, cfg Config) (*Result, error) {
	return stoppable(ctx, cfg, buildOnce)
}

func buildOnce(ctx context.Context, cfg Config, stop *stopper) (*Result, error) {
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
	project, theme, closeFS, err := cfg.fileSystems()
	if err != nil {
		return nil, err
	}
	defer closeFS()
	if errs := checkLinks(project); len(errs) > 0 {
		return nil, collect(record("load", 0, errs))
	}
	b, set, r, err := prepare(cfg, project, theme, timed, record, res)
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	res.Warnings = append(append(slices.Clone(b.Warnings), cssWarnings(set)...), res.Warnings...) // the strings' own, from prepare
	if cfg.Strict && len(res.Warnings) > 0 {
		return nil, strictErrors(res.Warnings)
	}
	out, err := stop.begin(ctx, cfg.begin)
	if err != nil {
		return nil, err
	}
	err = timed("write", func() error { return writeSite(ctx, project, b, set, r, out, cfg, res) })
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
	files := out.Entries()
	for _, e := range files {
		res.Bytes += e.Size
	}
	res.Notes = append(res.Notes, searchNote(files))
	return res, nil
}

// prepare runs the stages that only read the project: load, assets, paths
// and templates. Each runs even when an earlier one failed (as far as it
// can without the other's result), so one build reports the problems of
// content, assets and layouts together. The assets and the layouts are
// read while the content loads.
func prepare(cfg Config, project, theme fs.FS, timed func(string, func() error) error, record func(string, time.Duration, error) error, res *Result) (*book.Book, *assets.Set, *render.Renderer, error) {
	var b *book.Book
	var set *assets.Set
	var r *render.Renderer
	var assetsErr, templatesErr error
	var assetsTime, templatesTime time.Duration
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.Now()
		set, assetsErr = assets.Build(overlay{subOrNil(project, "assets"), subOrNil(theme, "assets")}, cfg.Memo)
		assetsTime, t = time.Since(t), time.Now()
		// Parsing needs no asset; the set is asked only when a page renders.
		base := book.BasePath(cfg.BaseURL)
		assetURL := func(name string) (string, error) { u, err := set.URL(name); return base + u, err }
		opts := render.Options{AssetURL: assetURL, Preview: cfg.Preview, ServiceWorker: base + "/sw.js"}
		if assetsErr == nil {
			if f, ok := set.Lookup(assets.Entry); ok {
				opts.Script = f.Data
			}
		}
		if cfg.Preview {
			opts.ServiceWorker = ""
		}
		if cfg.MetaCSP && !cfg.Preview {
			opts.CSP = metaCSP()
		}
		r, templatesErr = render.New(overlay{subOrNil(project, "layouts"), subOrNil(theme, "layouts")}, opts)
		templatesTime = time.Since(t)
	}()
	loadErr := timed("load", func() (err error) {
		b, err = content.Load(project, content.Options{Drafts: cfg.Drafts, BaseURL: cfg.BaseURL, Memo: cfg.Memo})
		return err
	})
	<-done
	var tab *i18n.Table
	var stringsErr error
	if b != nil {
		tab, stringsErr = loadStrings(theme, project, b, res)
	}
	if r != nil && tab != nil {
		r, stringsErr = r.WithStrings(tab)
	}
	if assetsErr == nil && b != nil && tab != nil && r != nil {
		t := time.Now()
		assetsErr = bookAssets(set, project, b, tab, r)
		assetsTime += time.Since(t)
	}
	assetsErr = record("assets", assetsTime, assetsErr)
	var pathsErr error
	if set != nil && b != nil {
		pathsErr = timed("paths", func() error { return checkPaths(b, set).Err() })
	}
	templatesErr = record("templates", templatesTime, templatesErr)
	return b, set, r, collect(loadErr, assetsErr, pathsErr, templatesErr, stringsErr)
}

// StringsAsset is every interface string of the book's scripts, which a
// page fetches before it loads a module that may need one its data block
// left out (render.ScriptStrings).
const StringsAsset = "js/strings.json"

// ContentsAsset is the book's contents the sidebar of every page fetches
// (render.Renderer.Contents).
const ContentsAsset = "contents.html"

// bookAssets adds the assets made from the book: the printed running
// heads, the scripts' strings, the sidebar's contents and the neutral page
// "Leave quickly" opens.
func bookAssets(set *assets.Set, project fs.FS, b *book.Book, tab *i18n.Table, r *render.Renderer) error {
	err := set.Add(PageNamesAsset, append(render.PageNamesCSS(b), render.StringsCSS(tab)...))
	all, err2 := render.ScriptStrings(tab, nil)
	var contents bytes.Buffer
	if err = errors.Join(err, err2, r.Contents(&contents, b)); err != nil {
		return err
	}
	if err := errors.Join(set.Add(StringsAsset, all), set.Add(ContentsAsset, contents.Bytes())); err != nil {
		return err
	}
	return leavePage(set, project, tab)
}

// leavePage writes the theme's neutral page, which "Leave quickly" opens,
// in the book's language: a search box that says nothing of the book. A
// book's own assets/search.html is left as it is.
func leavePage(set *assets.Set, project fs.FS, tab *i18n.Table) error {
	if _, err := fs.Stat(project, "assets/search.html"); err == nil {
		return nil
	}
	f, ok := set.Lookup("search.html")
	if !ok {
		return nil
	}
	word, err := tab.T("search_placeholder")
	if err != nil {
		return err
	}
	word = html.EscapeString(word)
	lang := `<html lang="` + html.EscapeString(tab.Lang) + `"`
	if tab.Dir == "rtl" {
		lang += ` dir="rtl"`
	}
	page := strings.NewReplacer(`<html lang="en">`, lang+`>`,
		"<title>Search</title>", "<title>"+word+"</title>", "<label>Search <input", "<label>"+word+" <input").Replace(string(f.Data))
	if page == string(f.Data) {
		return nil
	}
	return set.Replace("search.html", []byte(page))
}

// loadStrings loads the interface strings of the book's language; keys
// that fell back to English are warnings.
func loadStrings(theme, project fs.FS, b *book.Book, res *Result) (*i18n.Table, error) {
	tab, warnings, err := i18n.Load(theme, project, b.Site.Language, b.Site.Direction)
	if err != nil {
		return nil, err
	}
	res.Warnings = append(res.Warnings, warnings...)
	return tab, nil
}

// collect merges the errors of several stages: the author's problems
// (book.Error) into one book.Errors, joined with any other error.
func collect(errs ...error) error {
	err := errors.Join(errs...)
	if err == nil {
		return nil
	}
	list, others := book.Split(err)
	if len(list) > 0 {
		others = append([]error{list}, others...)
	}
	if len(others) == 1 {
		return others[0]
	}
	return errors.Join(others...)
}

// fileSystems returns the project and the theme to read. The project on
// disk is read through an os.Root: no path, link or ".." leads out of it.
func (cfg Config) fileSystems() (project, theme fs.FS, close func() error, err error) {
	project, theme, close = cfg.Project, cfg.Theme, func() error { return nil }
	if project == nil {
		root, err := os.OpenRoot(cfg.Src)
		if err != nil {
			return nil, nil, nil, err
		}
		project, close = root.FS(), root.Close
	}
	if theme == nil {
		theme = workbook.Theme
	}
	return project, theme, close, nil
}

func (cfg Config) begin() (*publish.Output, error) {
	opts := publish.Options{Minify: cfg.Minify, Memo: cfg.Memo}
	if cfg.Out == "" {
		return publish.InMemory(opts), nil
	}
	if err := cfg.checkOut(); err != nil {
		return nil, err
	}
	return publish.Begin(cfg.Out, opts)
}

// writeSite publishes the assets, the files beside the chapters, the
// search index and every rendered page. The index and the pages are made
// in parallel on all cores; with a memo, a page whose inputs are those of
// a page made before is not made again.
func writeSite(ctx context.Context, project fs.FS, b *book.Book, set *assets.Set, r *render.Renderer, out *publish.Output, cfg Config, res *Result) error {
	m := cfg.Memo
	names := [][]byte{[]byte(fmt.Sprint(cfg.Minify))} // what a page's bytes depend on that its layout does not read: minifying, and the assets' fingerprinted names
	for _, f := range set.Files() {
		if err := out.Write(f.Path, bytes.Clone(f.Data)); err != nil { // Write minifies in place; the set (and the preview's memo of the bundle) keeps its bytes
			return err
		}
		names = append(names, []byte(f.Path))
	}
	extra := memo.KeyOf(names...)
	for _, f := range b.Files {
		data, err := fs.ReadFile(project, f.SourcePath)
		if err != nil {
			return err
		}
		if err := out.Write(f.OutputPath, data); err != nil {
			return err
		}
	}
	size := textSize(b)
	jobs := pageJobs(b, size, res)
	res.Pages = len(jobs)
	g, ctx := errgroup.WithContext(ctx)
	g.SetLimit(runtime.GOMAXPROCS(0))
	g.Go(func() error {
		if err := writeSearchIndex(out, b, r, m); err != nil {
			return fmt.Errorf("search index: %w", err)
		}
		return nil
	})
	for _, j := range jobs {
		g.Go(func() error {
			if err := ctx.Err(); err != nil {
				return err
			}
			buf := buffers.Get().(*bytes.Buffer)
			if j.Kind == render.PrintBook { // made once at its size, not doubled five times on the way
				buf = bytes.NewBuffer(make([]byte, 0, size*3/2+1<<20))
			}
			if err := writePage(r, j, out, buf, m, extra); err != nil {
				return locateMinifyError(project, b, j, err)
			}
			return nil
		})
	}
	return g.Wait()
}

// buffers hold pages between rendering and minifying.
var buffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// writePage renders page j, minifies it and publishes it; with a memo
// (the preview server), the bytes kept by the page's inputs are published
// instead when there are some. A large page's buffer (the book on one
// page) is let go rather than kept for the next page.
func writePage(r *render.Renderer, j render.Job, out *publish.Output, buf *bytes.Buffer, m *memo.Memo, extra memo.Key) error {
	defer func() {
		if buf.Cap() <= 1<<20 {
			buffers.Put(buf)
		}
	}()
	k, err := r.Key(j, extra)
	if err != nil {
		return fmt.Errorf("render %s: %w", j.Path, err)
	}
	data, err := memo.Do(m, k, func() ([]byte, error) {
		buf.Reset()
		if err := r.Render(buf, j); err != nil {
			return nil, fmt.Errorf("render %s: %w", j.Path, err)
		}
		return out.Minified(j.Path, buf.Bytes())
	})
	if err != nil {
		return err
	}
	return out.Put(j.Path, data)
}

// writeSearchIndex publishes the book's search index, written chapter by
// chapter straight into its file. With a memo (the preview server), a
// chapter's entries are made again only when the chapter changed.
func writeSearchIndex(out *publish.Output, b *book.Book, r *render.Renderer, m *memo.Memo) error {
	entries := func(c *book.Chapter, n int) ([]byte, error) {
		k := r.KeyOf(c)
		return memo.Do(m, memo.KeyOf([]byte("search entries"), k[:]), func() ([]byte, error) { return search.ChapterJSON(c, n) })
	}
	var err error
	werr := out.WriteFrom(SearchIndex, func(w *bufio.Writer) { err = search.Write(w, b, entries) })
	return errors.Join(err, werr)
}

// PrintBookLimit is the most HTML, in bytes, of all the chapters' text that
// the book printed on one page (print/book/) is made for: about 600
// chapters of 1,200 words, some 2,000 printed pages, already more than a
// browser tab prints well. Past it the page is left out and the build says
// so: the page is built whole in memory before it is minified, and at
// 1,000 chapters of the generated benchmark book it alone raised the
// build's peak memory from 75-78 to 100-102 MB.
const PrintBookLimit = 8 << 20

// textSize is the size of the HTML of every chapter's text.
func textSize(b *book.Book) int {
	size := 0
	for _, c := range b.Chapters {
		for _, s := range c.Segments {
			size += len(s.HTML)
		}
	}
	return size
}

// pageJobs lists the pages to render, without the whole-book print page
// when the book's text (size bytes) is over PrintBookLimit.
func pageJobs(b *book.Book, size int, res *Result) []render.Job {
	jobs := render.Plan(b)
	if size <= PrintBookLimit {
		return jobs
	}
	res.Notes = append(res.Notes, fmt.Sprintf("print: the book's text is %d MiB of HTML, over the %d MiB a page of the whole book is made for: print/book/ was left out (print each chapter from its own page)",
		size>>20, PrintBookLimit>>20))
	return slices.DeleteFunc(jobs, func(j render.Job) bool { return j.Kind == render.PrintBook })
}

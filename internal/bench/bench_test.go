package bench

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/workbook-press/workbook"
	"github.com/workbook-press/workbook/internal/assets"
	"github.com/workbook-press/workbook/internal/book"
	"github.com/workbook-press/workbook/internal/content"
	"github.com/workbook-press/workbook/internal/corpus"
	"github.com/workbook-press/workbook/internal/i18n"
	"github.com/workbook-press/workbook/internal/markdown"
	"github.com/workbook-press/workbook/internal/memo"
	"github.com/workbook-press/workbook/internal/publish"
	"github.com/workbook-press/workbook/internal/render"
	"github.com/workbook-press/workbook/internal/site"
)

// chapters is the size of the benchmark book: large enough that per-page
// costs dominate, small enough to keep a run short.
const chapters = 200

var (
	once   sync.Once
	dir    string
	setupE error
)

// book writes the generated corpus once per test binary.
func corpusDir(b *testing.B) string {
	b.Helper()
	once.Do(func() {
		dir, setupE = os.MkdirTemp("", "workbook-bench-")
		if setupE == nil {
			setupE = corpus.Write(dir, corpus.Options{Chapters: chapters, Seed: 1})
		}
	})
	if setupE != nil {
		b.Fatal(setupE)
	}
	return dir
}

func TestMain(m *testing.M) {
	code := m.Run()
	if dir != "" {
		os.RemoveAll(dir)
	}
	os.Exit(code)
}

func loadBook(b *testing.B) *book.Book {
	b.Helper()
	bk, err := content.Load(os.DirFS(corpusDir(b)), content.Options{})
	if err != nil {
		b.Fatal(err)
	}
	return bk
}

// BenchmarkLoad is the whole load stage: read, split, decode, parse and
// render Markdown, check links.
func BenchmarkLoad(b *testing.B) {
	fsys := os.DirFS(corpusDir(b))
	for b.Loop() {
		if _, err := content.Load(fsys, content.Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// bodies returns the split Markdown bodies of the corpus.
func bodies(b *testing.B) (paths []string, srcs [][]byte, lines []int) {
	b.Helper()
	fsys := os.DirFS(corpusDir(b))
	matches, _ := fs.Glob(fsys, "content/*.md")
	for _, p := range matches {
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			b.Fatal(err)
		}
		s, _ := content.SplitFile(data)
		paths, srcs, lines = append(paths, p), append(srcs, s.Body), append(lines, s.BodyLine)
	}
	return paths, srcs, lines
}

// BenchmarkMarkdown converts every body with goldmark and chroma and
// resolves its links: the share of the load stage that is Markdown.
func BenchmarkMarkdown(b *testing.B) {
	paths, srcs, lines := bodies(b)
	conv := markdown.New()
	targets := map[string]markdown.Target{}
	bk := loadBook(b)
	for _, c := range bk.Chapters {
		for i, p := range paths {
			if p == c.SourcePath {
				targets[p] = markdown.Target{URL: c.URL(), IDs: conv.Convert(srcs[i], markdown.Options{LineBase: lines[i]}).IDs}
			}
		}
	}
	exists := func(string) bool { return true }
	for b.Loop() {
		for i, src := range srcs {
			conv.Convert(src, markdown.Options{LineBase: lines[i]}).Resolve(markdown.Links{Self: paths[i], Chapters: targets, Exists: exists})
		}
	}
}

// renderer parses the default layouts for the corpus book.
func renderer(b *testing.B, bk *book.Book) *render.Renderer {
	b.Helper()
	aset, err := assets.Build(sub(b, "assets"), nil)
	if err != nil {
		b.Fatal(err)
	}
	if err := aset.Add(site.PageNamesAsset, render.PageNamesCSS(bk)); err != nil {
		b.Fatal(err)
	}
	if err := aset.Add(site.StringsAsset, nil); err != nil {
		b.Fatal(err)
	}
	r, err := render.New(sub(b, "layouts"), render.Options{AssetURL: aset.URL})
	if err != nil {
		b.Fatal(err)
	}
	tab, _, err := i18n.Load(workbook.Theme, nil, bk.Site.Language, bk.Site.Direction)
	if err != nil {
		b.Fatal(err)
	}
	if r, err = r.WithStrings(tab); err != nil {
		b.Fatal(err)
	}
	return r
}

func sub(b *testing.B, dir string) fs.FS {
	f, err := fs.Sub(workbook.Theme, dir)
	if err != nil {
		b.Fatal(err)
	}
	return f
}

// BenchmarkRender executes the templates of every page.
func BenchmarkRender(b *testing.B) {
	bk := loadBook(b)
	r := renderer(b, bk)
	jobs := render.Plan(bk)
	var buf bytes.Buffer
	for b.Loop() {
		for _, j := range jobs {
			buf.Reset()
			if err := r.Render(&buf, j); err != nil {
				b.Fatal(err)
			}
		}
	}
}

type page struct {
	path string
	data []byte
}

func renderAll(b *testing.B) []page {
	bk := loadBook(b)
	r := renderer(b, bk)
	var out []page
	for _, j := range render.Plan(bk) {
		var buf bytes.Buffer
		if err := r.Render(&buf, j); err != nil {
			b.Fatal(err)
		}
		out = append(out, page{j.Path, buf.Bytes()})
	}
	return out
}

// BenchmarkMinify minifies every rendered page (into memory).
func BenchmarkMinify(b *testing.B) {
	pages := renderAll(b)
	for b.Loop() {
		out := publish.InMemory(publish.Options{Minify: true})
		for _, p := range pages {
			if err := out.Write(p.path, p.data); err != nil {
				b.Fatal(err)
			}
		}
	}
}

// BenchmarkWrite writes every rendered page, unminified, into a fresh
// directory and swaps it in.
func BenchmarkWrite(b *testing.B) {
	pages := renderAll(b)
	target := filepath.Join(b.TempDir(), "public")
	for b.Loop() {
		out, err := publish.Begin(target, publish.Options{})
		if err != nil {
			b.Fatal(err)
		}
		for _, p := range pages {
			if err := out.Write(p.path, p.data); err != nil {
				b.Fatal(err)
			}
		}
		if err := out.Commit(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuild is a whole cold build to disk, every stage together.
func BenchmarkBuild(b *testing.B) {
	src := corpusDir(b)
	target := filepath.Join(b.TempDir(), "public")
	for b.Loop() {
		if _, err := site.Build(context.Background(), site.Config{Src: src, Out: target, Minify: true}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRebuild is the preview server's rebuild with nothing changed:
// every step's result found in the memo.
func BenchmarkRebuild(b *testing.B) {
	cfg := site.Config{Src: corpusDir(b), Minify: true, Preview: true, Memo: memo.New()}
	for b.Loop() {
		if _, err := site.Build(context.Background(), cfg); err != nil {
			b.Fatal(err)
		}
		cfg.Memo.Sweep()
	}
}

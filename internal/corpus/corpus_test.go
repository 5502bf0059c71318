package corpus

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/workbook-press/workbook/internal/book"
	"github.com/workbook-press/workbook/internal/site"
)

// files returns every file below dir with its contents.
func files(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestWriteIsDeterministic(t *testing.T) {
	a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	for _, dir := range []string{a, b} {
		if err := Write(dir, Options{Chapters: 40, Seed: 7}); err != nil {
			t.Fatal(err)
		}
	}
	if err := Write(c, Options{Chapters: 40, Seed: 8}); err != nil {
		t.Fatal(err)
	}
	fa, fb, fc := files(t, a), files(t, b), files(t, c)
	if len(fa) != 41 {
		t.Errorf("got %d files, want 41 (40 chapters and _index.md)", len(fa))
	}
	for p, data := range fa {
		if !bytes.Equal(data, fb[p]) {
			t.Errorf("%s differs between two runs with the same seed", p)
		}
	}
	if len(fa) == len(fc) && bytes.Equal(fa["content/_index.md"], fc["content/_index.md"]) {
		same := 0
		for p := range fa {
			if bytes.Equal(fa[p], fc[p]) {
				same++
			}
		}
		if same == len(fa) {
			t.Error("another seed gave the same book")
		}
	}
}

// TestCorpusBuilds builds a generated book with our generator and checks
// what the generator promises: the words, worksheets of every field type,
// working links.
func TestCorpusBuilds(t *testing.T) {
	dir := t.TempDir()
	const n = 30
	if err := Write(dir, Options{Chapters: n, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	res, err := site.Build(context.Background(), site.Config{Src: dir, Minify: true})
	if err != nil {
		t.Fatalf("the generated book does not build: %v", err)
	}
	b := res.Book
	if len(b.Chapters) != n {
		t.Fatalf("got %d chapters, want %d", len(b.Chapters), n)
	}
	types := map[book.FieldType]bool{}
	for i, c := range b.Chapters {
		if c.Words < 1000 || c.Words > 1500 {
			t.Errorf("%s: got %d words, want about 1,200", c.SourcePath, c.Words)
		}
		wantSheets := 0
		if i%3 == 2 {
			wantSheets = 1
		}
		if len(c.Worksheets) != wantSheets {
			t.Errorf("%s: got %d worksheets, want %d", c.SourcePath, len(c.Worksheets), wantSheets)
		}
		for _, ws := range c.Worksheets {
			if len(ws.Fields) < 4 || len(ws.Fields) > 8 {
				t.Errorf("%s: got %d fields, want 4 to 8", c.SourcePath, len(ws.Fields))
			}
			for _, f := range ws.Fields {
				types[f.Type] = true
			}
		}
	}
	for _, ft := range book.FieldTypes {
		if !types[ft] {
			t.Errorf("no field of type %s in the book", ft)
		}
	}
	page, ok := res.Output.File(b.Chapters[4].OutputPath())
	if !ok {
		t.Fatalf("no page %s", b.Chapters[4].OutputPath())
	}
	for _, want := range []string{"<table", `class="chroma"`, "<dl>", "footnote", `<a href="/`} {
		if !strings.Contains(string(page), want) {
			t.Errorf("chapter page lacks %s", want)
		}
	}
}

func TestHugoSiteBuilds(t *testing.T) {
	dir := t.TempDir()
	if err := Write(dir, Options{Chapters: 9, Seed: 1, Hugo: true}); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"hugo.toml", "layouts/_default/single.html", "layouts/shortcodes/worksheet.html", "content/_index.md"} {
		if _, err := os.Stat(filepath.Join(dir, p)); err != nil {
			t.Errorf("the Hugo site lacks %s", p)
		}
	}
	hugo, err := exec.LookPath("hugo")
	if err != nil {
		t.Skip("SKIPPED: hugo is not installed; the Hugo site was written but not built")
	}
	out, err := exec.Command(hugo, "--quiet", "--minify", "-s", dir, "-d", filepath.Join(dir, "public")).CombinedOutput()
	if err != nil {
		t.Fatalf("hugo failed: %v\n%s", err, out)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, "content"))
	var chapter string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "0003-") {
			chapter = strings.TrimSuffix(strings.TrimPrefix(e.Name(), "0003-"), ".md")
		}
	}
	page, err := os.ReadFile(filepath.Join(dir, "public", chapter, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<table", `class=chroma`, "<dl>", `id=ws-3`, "<label>"} {
		if !strings.Contains(string(page), want) {
			t.Errorf("Hugo's page %s/index.html lacks %s", chapter, want)
		}
	}
}

// TestPageSizeDoesNotGrowWithTheBook: a chapter's page carries the head of
// the sidebar, not every chapter's link (those are one file, fetched once),
// so the same chapter weighs the same in a book of 10 chapters and of 200.
func TestPageSizeDoesNotGrowWithTheBook(t *testing.T) {
	size := func(n int) int {
		dir := t.TempDir()
		if err := Write(dir, Options{Chapters: n, Seed: 1}); err != nil {
			t.Fatal(err)
		}
		res, err := site.Build(context.Background(), site.Config{Src: dir, Minify: true})
		if err != nil {
			t.Fatal(err)
		}
		page, _ := res.Output.File(res.Book.Chapters[4].OutputPath())
		return len(page)
	}
	small, big := size(10), size(200)
	t.Logf("chapter 5's page: %d bytes in a book of 10 chapters, %d in one of 200", small, big)
	if big > small+1000 {
		t.Errorf("chapter 5's page: %d bytes in a book of 200 chapters, %d in one of 10: want about the same (the contents belong in contents.html)", big, small)
	}
}

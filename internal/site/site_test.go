package site

import (
	"context"
	"errors"
	"html/template"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/workbook-press/workbook/internal/book"
	"github.com/workbook-press/workbook/internal/render"
)

// project is a small book with two chapters, one of them with a worksheet.
func project() fstest.MapFS {
	return fstest.MapFS{
		"content/_index.md": {Data: []byte("---\nid: test-book\ntitle: A Test Book\n---\n\nWelcome.\n")},
		"content/01-first.md": {Data: []byte(`---
title: First steps
worksheets:
  - id: feelings
    title: How I feel
    fields:
      - {id: word, type: text, label: "One word"}
---

Read [the second chapter](02-second.md#a-heading).

{{< worksheet feelings >}}
`)},
		"content/02-second.md": {Data: []byte("# Second\n\n## A heading\n\nBack to [the start](01-first.md).\n")},
		"content/img/dot.png":  {Data: []byte("\x89PNG fake")},
	}
}

func build(t *testing.T, proj fstest.MapFS, out string) (*Result, error) {
	t.Helper()
	return Build(context.Background(), Config{Project: proj, Out: out, Minify: true})
}

// tree returns every file below dir with its contents.
func tree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		files[filepath.ToSlash(rel)] = string(data)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestBuildWritesTheBook(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	res, err := build(t, project(), out)
	if err != nil {
		t.Fatal(err)
	}
	files := tree(t, out)
	for _, want := range []string{"index.html", "first/index.html", "second/index.html", "404.html", "img/dot.png", "sitemap.xml", "robots.txt", "print/index.html"} {
		if _, ok := files[want]; !ok {
			t.Errorf("public/%s is missing; got %d files", want, len(files))
		}
	}
	if got := files["first/index.html"]; !strings.Contains(got, `href="/second/#a-heading"`) {
		t.Errorf("first/index.html: the link to 02-second.md#a-heading was not rewritten to /second/#a-heading:\n%s", got)
	}
	if res.Pages == 0 || res.Bytes == 0 {
		t.Errorf("got %d pages, %d bytes; want both > 0", res.Pages, res.Bytes)
	}
}

func TestFailedBuildLeavesPublicIntact(t *testing.T) {
	for _, tc := range []struct {
		stage, file, data, want string
	}{
		{"", "content/02-second.md", "---\ntitel: Oops\n---\nBody\n", "content/02-second.md:2:1"},
		{"", "layouts/chapter.html", `{{define "main"}}{{.Oops}{{end}}`, "layouts/chapter.html:1: bad character"},
		{"write", "layouts/chapter.html", `{{define "main"}}{{.Chapter.Oops}}{{end}}`, "layouts/chapter.html:1:27: <.Chapter.Oops>: there is no field Oops here"},
		{"write", "layouts/404.html", `{{define "main"}}<img src="{{asset "img/missing.png"}}">{{end}}`, "layouts/404.html:1:29: executing \"main\" at <asset \"img/missing.png\">: error calling asset: no asset"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "public")
			proj := project()
			if _, err := build(t, proj, out); err != nil {
				t.Fatal(err)
			}
			before := tree(t, out)
			proj[tc.file] = &fstest.MapFile{Data: []byte(tc.data)}
			_, err := build(t, proj, out)
			if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), tc.stage) {
				t.Fatalf("got error %v, want one from the %s stage naming %s", err, tc.stage, tc.want)
			}
			after := tree(t, out)
			if len(after) != len(before) {
				t.Fatalf("public/ has %d files after a failed build, want %d", len(after), len(before))
			}
			for p, data := range before {
				if after[p] != data {
					t.Errorf("public/%s changed after a failed build", p)
				}
			}
			siblings, _ := os.ReadDir(filepath.Dir(out))
			if len(siblings) != 1 {
				t.Errorf("a failed build left %d entries beside public/, want 1", len(siblings))
			}
		})
	}
}

func TestDeletedChapterDisappears(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	proj := project()
	if _, err := build(t, proj, out); err != nil {
		t.Fatal(err)
	}
	delete(proj, "content/02-second.md")
	proj["content/01-first.md"] = &fstest.MapFile{Data: []byte("# First\n\nAlone now.\n")}
	if _, err := build(t, proj, out); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "second")); !os.IsNotExist(err) {
		t.Errorf("public/second/ still exists after its chapter was deleted (stat error %v)", err)
	}
}

// TestBuildIsDeterministic builds the same books twice on disk, the second
// time with one worker, and wants byte-identical trees.
func TestBuildIsDeterministic(t *testing.T) {
	for name, cfg := range map[string]Config{"small": {Project: project()}, "fixture": fixtureBook()} {
		t.Run(name, func(t *testing.T) {
			dir := t.TempDir()
			cfg.Minify = true
			a, b := cfg, cfg
			a.Out, b.Out = filepath.Join(dir, "a"), filepath.Join(dir, "b")
			if _, err := Build(context.Background(), a); err != nil {
				t.Fatal(err)
			}
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
			if _, err := Build(context.Background(), b); err != nil {
				t.Fatal(err)
			}
			ta, tb := tree(t, a.Out), tree(t, b.Out)
			if len(ta) != len(tb) || len(ta) < 10 {
				t.Fatalf("got %d and %d files from two builds of the same input", len(ta), len(tb))
			}
			for p, data := range ta {
				if tb[p] != data {
					t.Errorf("%s differs between two builds of the same input", p)
				}
			}
		})
	}
}

func TestInMemoryBuildMatchesDisk(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, err := build(t, project(), out); err != nil {
		t.Fatal(err)
	}
	res, err := Build(context.Background(), Config{Project: project(), Minify: true})
	if err != nil {
		t.Fatal(err)
	}
	disk := tree(t, out)
	for _, e := range res.Output.Entries() {
		data, _ := res.Output.File(e.Path)
		if disk[e.Path] != string(data) {
			t.Errorf("%s: the in-memory build differs from the one on disk", e.Path)
		}
	}
	if got, want := len(res.Output.Entries()), len(disk); got != want {
		t.Errorf("in memory: %d files, on disk: %d", got, want)
	}
}

func TestChapterOrFileOnAGeneratedPath(t *testing.T) {
	proj := project()
	proj["content/03-print.md"] = &fstest.MapFile{Data: []byte("# Printing\n")}
	proj["content/robots.txt"] = &fstest.MapFile{Data: []byte("User-agent: *\n")}
	_, err := build(t, proj, "")
	var errs book.Errors
	if !errors.As(err, &errs) || len(errs) != 2 {
		t.Fatalf("got %v, want two located errors", err)
	}
	for _, want := range []string{
		"content/03-print.md:1: the URL /print/ is already used by the page /print/index.html (give the chapter another `slug:` or file name)",
		"content/robots.txt: the file would replace the page /robots.txt",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("got %v, want %q", err, want)
		}
	}
}

// TestProjectOverridesTheTheme: a book's own layouts/x.html and assets/x
// replace the embedded ones of the same name; the rest still come from the
// theme, and templates get the override's fingerprinted URL.
func TestProjectOverridesTheTheme(t *testing.T) {
	proj := project()
	proj["layouts/404.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}<p>Our own lost page.</p>{{end}}`)}
	proj["assets/css/app.css"] = &fstest.MapFile{Data: []byte("body { color: rebeccapurple }\n")}
	res, err := Build(context.Background(), Config{Project: proj})
	if err != nil {
		t.Fatal(err)
	}
	page, _ := res.Output.File("404.html")
	if !strings.Contains(string(page), "<p>Our own lost page.</p>") || !strings.Contains(string(page), `class="skip-link"`) {
		t.Errorf("404.html should be the book's layout inside the theme's base:\n%s", page)
	}
	var css []byte
	for _, e := range res.Output.Entries() {
		if strings.HasPrefix(e.Path, "assets/css/app.") {
			css, _ = res.Output.File(e.Path)
			if !strings.Contains(string(page), `href="/`+e.Path+`"`) {
				t.Errorf("404.html does not link the fingerprinted %s", e.Path)
			}
		}
	}
	if string(css) != "body { color: rebeccapurple }\n" {
		t.Errorf("assets/css/app.*.css: got %q, want the book's own stylesheet", css)
	}
}

// TestEveryStageReportsItsProblems: content, assets and layouts are checked
// in one build, so the author sees every problem at once.
func TestEveryStageReportsItsProblems(t *testing.T) {
	proj := project()
	proj["content/02-second.md"] = &fstest.MapFile{Data: []byte("---\ntitel: Oops\n---\n\n## A heading\n")}
	proj["layouts/404.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{if .Site}}{{end}`)}
	proj["assets/js/extra.js"] = &fstest.MapFile{Data: []byte(`import {x} from "./missing.js";`)}
	_, err := build(t, proj, "")
	for _, want := range []string{
		"content/02-second.md:2:1: chapter: unknown key \"titel\"",
		"layouts/404.html:1: ",
		`assets/js/extra.js:1:18: "./missing.js" is not in assets/`,
	} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("got %v, want it to report %q", err, want)
		}
	}
}

// TestOutputMayNotReplaceTheBook: a successful build deletes the previous
// output directory, so it must never be the book or hold it.
func TestOutputMayNotReplaceTheBook(t *testing.T) {
	root := t.TempDir()
	src := filepath.Join(root, "book")
	for p, f := range project() {
		full := filepath.Join(src, filepath.FromSlash(p))
		os.MkdirAll(filepath.Dir(full), 0o755)
		os.WriteFile(full, f.Data, 0o644)
	}
	other := filepath.Join(root, "other")
	os.MkdirAll(filepath.Join(other, "content"), 0o755)
	notes := filepath.Join(root, "notes")
	os.MkdirAll(notes, 0o755)
	os.WriteFile(filepath.Join(notes, "todo.txt"), []byte("mine"), 0o644)
	file := filepath.Join(root, "site.html")
	os.WriteFile(file, []byte("mine"), 0o644)
	for _, out := range []string{src, root, filepath.Join(src, "content"), filepath.Join(src, "content", "public"), filepath.Join(src, "assets", "x"), other, notes, file} {
		_, err := Build(context.Background(), Config{Src: src, Out: out})
		if err == nil || !strings.Contains(err.Error(), "refusing to") {
			t.Errorf("--out %s: got %v, want a refusal", out, err)
		}
	}
	if got := len(tree(t, src)); got != len(project()) {
		t.Fatalf("the book now has %d files, want %d", got, len(project()))
	}
	if data, _ := os.ReadFile(filepath.Join(notes, "todo.txt")); string(data) != "mine" {
		t.Errorf("a folder that is not a site was replaced")
	}
	empty := filepath.Join(root, "empty")
	os.MkdirAll(empty, 0o755)
	for _, out := range []string{filepath.Join(src, "public"), filepath.Join(src, "public"), empty} {
		if _, err := Build(context.Background(), Config{Src: src, Out: out}); err != nil {
			t.Errorf("--out %s: %v", out, err)
		}
	}
}

// TestPrintBookLeftOutOfAHugeBook: past PrintBookLimit the whole-book
// print page is not made, and the build says so.
func TestPrintBookLeftOutOfAHugeBook(t *testing.T) {
	for _, size := range []int{PrintBookLimit, PrintBookLimit + 1} {
		c := &book.Chapter{Slug: "a", Segments: []book.Segment{{HTML: template.HTML(strings.Repeat("x", size))}}}
		b := &book.Book{Chapters: []*book.Chapter{c}}
		res := &Result{}
		made := false
		for _, j := range pageJobs(b, textSize(b), res) {
			made = made || j.Kind == render.PrintBook
		}
		if over := size > PrintBookLimit; made == over || (len(res.Notes) == 1) != over {
			t.Errorf("%d bytes of text: print page made %v, notes %q", size, made, res.Notes)
		}
	}
}

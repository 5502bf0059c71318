package render

import (
	"bytes"
	"errors"
	"strings"
	"sync/atomic"
	"testing"
	"testing/fstest"

	"github.com/workbook-press/workbook/internal/book"
)

func sharedLayouts(base string) fstest.MapFS {
	fsys := fstest.MapFS{"base.html": {Data: []byte(base)}}
	for _, file := range layoutOf {
		fsys[file] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{.Title}}{{end}}`)}
	}
	return fsys
}

func TestSharedRunsOnceABuild(t *testing.T) {
	var assetCalls atomic.Int32
	fsys := sharedLayouts(`{{define "base"}}{{shared "links" .Site}}|{{template "main" .}}{{end}}` +
		`{{define "links"}}<link href="{{asset "app.css"}}"><title>{{.Title}}</title>{{end}}`)
	r, err := New(fsys, func(name string) (string, error) {
		assetCalls.Add(1)
		return "/assets/" + name, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var chapters []*book.Chapter
	for _, title := range []string{"One", "Two", "Three"} {
		chapters = append(chapters, &book.Chapter{Title: title, Slug: strings.ToLower(title)})
	}
	bk := &book.Book{Site: book.Site{Title: "Book <1>"}, Chapters: chapters}
	for _, c := range chapters {
		var buf bytes.Buffer
		if err := r.Render(&buf, bk, Job{Kind: Chapter, Path: c.OutputPath(), Chapter: c}); err != nil {
			t.Fatal(err)
		}
		if want := `<link href="/assets/app.css"><title>Book &lt;1&gt;</title>|` + c.Title; buf.String() != want {
			t.Errorf("page %s: got %q, want %q", c.Title, buf.String(), want)
		}
	}
	if n := assetCalls.Load(); n != 1 {
		t.Errorf("asset called %d times for 3 pages; want once: the shared template runs once a build", n)
	}
}

func TestSharedTakesOnlyTheSite(t *testing.T) {
	fsys := sharedLayouts(`{{define "base"}}{{shared "links" .Chapter}}{{end}}{{define "links"}}{{.Title}}{{end}}`)
	r, err := New(fsys, func(string) (string, error) { return "", nil })
	if err != nil {
		t.Fatal(err)
	}
	c := &book.Chapter{Title: "One", Slug: "one"}
	err = r.Render(&bytes.Buffer{}, &book.Book{Chapters: []*book.Chapter{c}}, Job{Kind: Chapter, Path: c.OutputPath(), Chapter: c})
	var be *book.Error
	if !errors.As(err, &be) || be.Path != "layouts/base.html" || !strings.Contains(be.Msg, "book.Site") {
		t.Errorf("shared with a chapter as dot: got %v; want an error in layouts/base.html saying it takes a book.Site", err)
	}
}

package render

import (
	"bytes"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/workbook-press/workbook/internal/book"
	"github.com/workbook-press/workbook/internal/cache"
)

// fakePieces keeps pieces in a map, as the publish stage keeps them in the
// build cache, and records what the renderer asked.
type fakePieces struct {
	kept             map[cache.Key]string
	recalled, marked int
}

func (f *fakePieces) Recall(k cache.Key) (string, bool) {
	s, ok := f.kept[k]
	if ok {
		f.recalled++
	}
	return s, ok
}

func (f *fakePieces) Mark(k cache.Key, html string) string {
	f.marked++
	f.kept[k] = "[kept " + strings.TrimSpace(html) + "]"
	return html
}

func TestCachedRunsTheTemplateOrRecallsIt(t *testing.T) {
	fsys := fstest.MapFS{"base.html": {Data: []byte(`{{define "base"}}{{template "main" .}}{{end}}`)}}
	for _, file := range layoutOf {
		fsys[file] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{end}}`)}
	}
	fsys["printbook.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{range .Book.Chapters}}{{cached "one" .}}|{{cached "far" .}}|{{cached "plain" .Title}};{{end}}{{end}}` +
		`{{define "plain"}}<section>{{.}}</section>{{end}}` +
		`{{define "one"}}<section>{{.Title}}{{with .Next}} then {{.Title}}{{end}}</section>{{end}}` +
		`{{define "far"}}<div>{{with .Next}}{{with .Next}}{{.Title}}{{end}}{{end}}</div>{{end}}`)}
	r, err := New(fsys, func(string) (string, error) { return "", nil })
	if err != nil {
		t.Fatal(err)
	}
	a, b, c := &book.Chapter{Title: "A", Slug: "a"}, &book.Chapter{Title: "B", Slug: "b", Index: 1}, &book.Chapter{Title: "C", Slug: "c", Index: 2}
	a.Next, b.Prev, b.Next, c.Prev = b, a, c, b
	bk := &book.Book{Chapters: []*book.Chapter{a, b, c}}
	render := func() string {
		var buf bytes.Buffer
		if err := r.Render(&buf, bk, Job{Kind: PrintBook, Path: "print/book/index.html"}); err != nil {
			t.Fatal(err)
		}
		return buf.String()
	}
	want := "<section>A then B</section>|<div>C</div>|<section>A</section>;"
	if got := render(); !strings.HasPrefix(got, want) {
		t.Fatalf("without pieces: got %q, want it to start %q", got, want)
	}
	f := &fakePieces{kept: map[cache.Key]string{}}
	r.Pieces = f
	first := render()
	if f.marked != 3 || f.recalled != 0 {
		t.Errorf("first build: %d marked, %d recalled; want the 3 chapters marked (a template reading past a neighbour, or given a string, never)", f.marked, f.recalled)
	}
	if !strings.HasPrefix(first, want) {
		t.Errorf("first build: got %q", first)
	}
	if got := render(); !strings.HasPrefix(got, "[kept <section>A then B</section>]|<div>C</div>|") || f.recalled != 3 {
		t.Errorf("second build: got %q with %d recalled, want the 3 kept pieces", got, f.recalled)
	}
	c.Sum[0] = 1 // C changed: B shows it as its next chapter
	f.recalled, f.marked = 0, 0
	render()
	if f.recalled != 1 || f.marked != 2 {
		t.Errorf("after C changed: %d recalled and %d marked, want A recalled and B, C made again", f.recalled, f.marked)
	}
}

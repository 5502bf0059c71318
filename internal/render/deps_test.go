package render

import (
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/workbook-press/workbook"
)

func TestScopeFollowsWhatLayoutsRead(t *testing.T) {
	base := `{{define "base"}}<title>{{.Site.Title}}</title>{{template "main" .}}{{end}}`
	for _, c := range []struct {
		name, chapter string
		want          Scope
	}{
		{"own chapter and neighbours", `{{define "main"}}{{.Chapter.Title}}{{with .Chapter.Prev}}{{.URL}} {{.Title}}{{end}}{{.Chapter.Next.Title}}{{end}}`, Neighbours},
		{"the book", `{{define "main"}}{{range .Book.Chapters}}{{.Title}}{{end}}{{end}}`, WholeBook},
		{"the book through $", `{{define "main"}}{{range .Chapter.TOC}}{{$.Book.Site.Title}}{{end}}{{end}}`, WholeBook},
		{"a neighbour's neighbour", `{{define "main"}}{{.Chapter.Prev.Prev.Title}}{{end}}`, WholeBook},
		{"a neighbour's neighbour below with", `{{define "main"}}{{with .Chapter.Next}}{{.Next.Title}}{{end}}{{end}}`, WholeBook},
		{"a neighbour's neighbour through a variable", `{{define "main"}}{{$n := .Chapter.Next}}{{$n.Next.Title}}{{end}}`, WholeBook},
		{"a neighbour through a variable", `{{define "main"}}{{$n := .Chapter.Next}}{{$n.Title}}{{range $i, $ws := .Chapter.Worksheets}}{{$ws.Title}}{{end}}{{end}}`, Neighbours},
		{"a partial reading the book", `{{define "main"}}{{template "partials/list.html" .}}{{end}}`, WholeBook},
		{"a template given a neighbour, reading its neighbour", `{{define "main"}}{{template "next" .Chapter.Next}}{{end}}{{define "next"}}{{.Next.Title}}{{end}}`, WholeBook},
		{"a template given a neighbour, reading it", `{{define "main"}}{{template "next" .Chapter.Next}}{{end}}{{define "next"}}{{.Title}}{{end}}`, Neighbours},
		{"a cached template reading a neighbour", `{{define "main"}}{{cached "c" .Chapter}}{{end}}{{define "c"}}{{.Prev.Title}}{{end}}`, Neighbours},
		{"a cached template reading a neighbour's neighbour", `{{define "main"}}{{cached "c" .Chapter}}{{end}}{{define "c"}}{{.Prev.Next.Title}}{{end}}`, WholeBook},
		{"a cached template given a neighbour", `{{define "main"}}{{cached "c" .Chapter.Prev}}{{end}}{{define "c"}}{{.Prev.Title}}{{end}}`, WholeBook},
		{"a cached template named by a variable", `{{define "main"}}{{$n := "c"}}{{cached $n .Chapter}}{{end}}{{define "c"}}{{.Title}}{{end}}`, WholeBook},
	} {
		t.Run(c.name, func(t *testing.T) {
			fsys := fstest.MapFS{"base.html": {Data: []byte(base)}, "partials/list.html": {Data: []byte(`{{.Book.Site.Title}}`)}}
			for _, file := range layoutOf {
				fsys[file] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{end}}`)}
			}
			fsys["chapter.html"] = &fstest.MapFile{Data: []byte(c.chapter)}
			r, err := New(fsys, func(string) (string, error) { return "", nil })
			if err != nil {
				t.Fatal(err)
			}
			if got := r.Scope(Chapter); got != c.want {
				t.Errorf("got scope %d, want %d", got, c.want)
			}
		})
	}
}

func TestShippedLayoutsScopes(t *testing.T) {
	r, err := New(sub(t, workbook.Theme, "layouts"), func(string) (string, error) { return "", nil })
	if err != nil {
		t.Fatal(err)
	}
	// Every page shows the book's contents beside it (partials/book-nav.html)
	// and a chapter says where it is ("Chapter 7 of 12"): a new or renamed
	// chapter changes every page.
	for _, k := range []string{Chapter, Home, Print, PrintBook, Sitemap} {
		if r.Scope(k) != WholeBook {
			t.Errorf("%s pages: got neighbours only, want the whole book", k)
		}
	}
}

func sub(t *testing.T, fsys fs.FS, dir string) fs.FS {
	t.Helper()
	s, err := fs.Sub(fsys, dir)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

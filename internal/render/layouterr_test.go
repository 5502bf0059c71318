package render

import (
	"errors"
	"io"
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/workbook-press/workbook"
	"github.com/workbook-press/workbook/internal/book"
)

// withLayout is the default theme with one layout replaced.
func withLayout(name, src string) fs.FS {
	layouts, _ := fs.Sub(workbook.Theme, "layouts")
	m := fstest.MapFS{name: {Data: []byte(src)}}
	fs.WalkDir(layouts, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && p != name {
			data, _ := fs.ReadFile(layouts, p)
			m[p] = &fstest.MapFile{Data: data}
		}
		return nil
	})
	return m
}

func TestLayoutErrors(t *testing.T) {
	b, _ := fixture(t)
	for _, tc := range []struct {
		name, layout, want, hint string
	}{
		{"misspelt site field", "{{define \"main\"}}\n<p>{{.Site.Titel}}</p>\n{{end}}\n",
			"layouts/404.html:2:", "<.Site.Titel>: there is no field Titel here (did you mean .Site.Title?)"},
		{"misspelt chapter field in a range", "{{define \"main\"}}\n{{range .Book.Chapters}}\n<a href=\"{{.URL}}\">{{.Titl}}</a>{{end}}\n{{end}}\n",
			"layouts/404.html:3:", "<.Titl>: there is no field Titl here (did you mean .Title?)"},
		{"misspelt function", "{{define \"main\"}}\n\n<link href=\"{{asest \"css/app.css\"}}\">\n{{end}}\n",
			"layouts/404.html:3:", "there is no function asest (did you mean asset?)"},
		{"unclosed action", "{{define \"main\"}}\n{{if .Title}}\n{{end}}\n",
			"layouts/404.html:", "check the template syntax"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := New(withLayout("404.html", tc.layout), Options{AssetURL: func(n string) (string, error) { return "/assets/" + n, nil }})
			if err == nil {
				r, err = r.WithStrings(english(t))
			}
			if err == nil {
				err = r.Render(io.Discard, Job{Kind: NotFound, Path: "404.html", Book: b})
			}
			var e *book.Error
			if !errors.As(err, &e) {
				t.Fatalf("got %v, want a *book.Error", err)
			}
			got := e.Error()
			if !strings.HasPrefix(got, tc.want) || !strings.Contains(got, tc.hint) || strings.Contains(got, "internal/") || strings.Contains(got, "book.Site") {
				t.Errorf("got %q, want it to start with %q and say %q, naming no Go package or type", got, tc.want, tc.hint)
			}
		})
	}
}

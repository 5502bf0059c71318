package render

import (
	"html/template"
	"strings"
	"sync"

	"github.com/workbook-press/workbook/internal/book"
)

// What every page of a build shows alike, such as the stylesheet and
// script links of the <head>, can be made once a build:
//
//	{{shared "head-assets" .Site}}
//
// runs the template "head-assets" with the book's settings as dot the first
// time a page asks for it, and gives every later page what it wrote. The
// dot can only be the book.Site: a template made once can't show anything
// of one page. Each {{asset}} link costs a page about 1.7 µs of escaping
// (html/template calls three escapers by reflection), a third of a
// chapter page's shell with the seven links of base.html.

// shared returns the shared function of the templates of t; a Renderer
// serves one build, so what it keeps is never stale.
func (r *Renderer) shared(t *template.Template) func(name string, site book.Site) (template.HTML, error) {
	var mu sync.Mutex
	made := map[string]template.HTML{}
	return func(name string, site book.Site) (template.HTML, error) {
		mu.Lock()
		h, ok := made[name]
		mu.Unlock()
		if ok {
			return h, nil
		}
		var b strings.Builder
		if err := t.ExecuteTemplate(&b, name, site); err != nil {
			return "", err
		}
		h = template.HTML(b.String())
		mu.Lock()
		made[name] = h
		mu.Unlock()
		return h, nil
	}
}

package render

import (
	"html/template"
	"strconv"
	"strings"

	"github.com/workbook-press/workbook/internal/book"
	"github.com/workbook-press/workbook/internal/cache"
)

// A page that shows the whole book (the book printed on one page) changes
// with every edit, though almost all of it shows chapters that did not
// change. Its layout can run the part it shows of each chapter as
//
//	{{cached "print-chapter" .}}
//
// which executes the template like {{template "print-chapter" .}} does,
// with a chapter or a worksheet as dot. A build that keeps its cache on
// disk remembers what such a call wrote, once minified, under a key of the
// layouts and of the chapter it shows with its neighbours; the next build
// reuses it without running the template or the minifier again. A template
// that reads more of the book than that (.Book is out of its reach, but a
// neighbour's neighbour is not) is run every time, as are calls on
// anything else.

// Pieces keeps the output of cached calls between builds; the publish
// stage provides it, as only it knows what the minifier makes of a piece.
type Pieces interface {
	// Recall returns what stands in the page for the piece kept under
	// key, if there is one.
	Recall(key cache.Key) (string, bool)
	// Mark returns the HTML a cached call wrote, marked so that the piece
	// is kept under key once minified (or as it is, when it cannot be cut
	// from the page safely).
	Mark(key cache.Key, html string) string
}

// cached returns the cached function of the templates of t.
func (r *Renderer) cached(t *template.Template) func(name string, dot any) (template.HTML, error) {
	return func(name string, dot any) (template.HTML, error) {
		key, ok := r.pieceKey(t, name, dot)
		if ok {
			if s, found := r.Pieces.Recall(key); found {
				return template.HTML(s), nil
			}
		}
		var b strings.Builder
		if err := t.ExecuteTemplate(&b, name, dot); err != nil {
			return "", err
		}
		if ok {
			return template.HTML(r.Pieces.Mark(key, b.String())), nil
		}
		return template.HTML(b.String()), nil
	}
}

// pieceKey returns the key of a cached call, or false when its output
// cannot be kept: no Pieces, a dot that is not a chapter or a worksheet,
// or a template that reads further into the book than a neighbour.
func (r *Renderer) pieceKey(t *template.Template, name string, dot any) (cache.Key, bool) {
	if r.Pieces == nil {
		return cache.Key{}, false
	}
	h := cache.NewKey("cached").Bytes(r.Sum[:]).String(name)
	switch d := dot.(type) {
	case *book.Chapter:
		if d == nil {
			return cache.Key{}, false
		}
		ChapterKey(h, d)
	case *book.Worksheet:
		if d == nil || d.Chapter == nil {
			return cache.Key{}, false
		}
		ChapterKey(h.String(d.ID), d.Chapter)
	default:
		return cache.Key{}, false
	}
	if r.pieceScope(t, name) != Neighbours {
		return cache.Key{}, false
	}
	return h.Key(), true
}

// ChapterKey adds to h what a layout that shows a chapter and its
// neighbours (Scope Neighbours, or a cached template) can show of them:
// the chapter, its place, and its neighbours.
func ChapterKey(h *cache.Hasher, c *book.Chapter) {
	h.Bytes(c.Sum[:]).String(c.Slug).String(strconv.Itoa(c.Index))
	for _, n := range []*book.Chapter{c.Prev, c.Next} {
		if n != nil {
			h.Bytes(n.Sum[:]).String(n.Slug)
		} else {
			h.String("")
		}
	}
}

type scopeKey struct {
	t    *template.Template
	name string
}

// pieceScope returns the scope of the template name of t, which New
// found before any page ran (running a template rewrites its tree); a
// page's is that of its "base".
func (r *Renderer) pieceScope(t *template.Template, name string) Scope {
	if s, ok := r.pieceScopes[scopeKey{t, name}]; ok {
		return s
	}
	return WholeBook
}

// findPieceScopes finds the scope of every template of t, "base" (the
// page) included.
func (r *Renderer) findPieceScopes(t *template.Template) {
	for _, tt := range t.Templates() {
		r.pieceScopes[scopeKey{t, tt.Name()}] = scopeFrom(t, tt.Name())
	}
}

package site

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"io"

	"github.com/workbook-press/workbook/internal/assets"
	"github.com/workbook-press/workbook/internal/book"
	"github.com/workbook-press/workbook/internal/cache"
	"github.com/workbook-press/workbook/internal/publish"
	"github.com/workbook-press/workbook/internal/render"
)

// pages renders the book's pages through the memo: a page is keyed by a
// hash of everything it can show (layouts, asset URLs, settings, and its
// chapter with its neighbours, or the whole book for pages whose layouts
// read it), so after a one-chapter edit only the pages that show that
// chapter are rendered and minified again.
type pages struct {
	cfg  Config
	b    *book.Book
	r    *render.Renderer
	out  *publish.Output
	base cache.Key // layouts, assets, settings
	all  cache.Key // base and every chapter
}

func newPages(cfg Config, b *book.Book, set *assets.Set, r *render.Renderer, out *publish.Output) *pages {
	h := cache.NewKey("site").Bytes(r.Sum[:]).Bool(cfg.Preview).String(fmt.Sprintf("%+v", b.Site))
	for _, f := range set.Files() {
		h.String(f.Name).String(f.Path)
	}
	base := h.Key()
	h = cache.NewKey("book").Bytes(base[:]).Bytes(b.Home.Sum[:])
	for _, c := range b.Chapters {
		h.Bytes(c.Sum[:])
	}
	for _, f := range b.Files {
		h.String(f.OutputPath)
	}
	return &pages{cfg: cfg, b: b, r: r, out: out, base: base, all: h.Key()}
}

// key is the memo key of one page.
func (ps *pages) key(j render.Job) cache.Key {
	h := cache.NewKey("page").String(j.Kind).String(j.Path)
	if ps.r.Scope(j.Kind) == render.WholeBook || j.Chapter == nil {
		return h.Bytes(ps.all[:]).Key()
	}
	render.ChapterKey(h.Bytes(ps.base[:]), j.Chapter)
	return h.Key()
}

// deferred reports pages the preview makes only when first asked for:
// the print pages show every chapter, so any edit changes them, and they
// are the largest pages of the book.
func (ps *pages) deferred(j render.Job) bool {
	return ps.cfg.Preview && (j.Kind == render.Print || j.Kind == render.PrintBook)
}

// write publishes page j, now or, when deferred, on first use.
func (ps *pages) write(j render.Job, buf *bytes.Buffer) error {
	if ps.deferred(j) {
		k := ps.key(j)
		return ps.out.Later(j.Path, hex.EncodeToString(k[:]), func() (publish.Prepared, error) {
			return ps.prepare(j, k, &bytes.Buffer{})
		})
	}
	if ps.cfg.Cache == nil {
		return ps.stream(j, buf)
	}
	if ps.cfg.Cache.Persistent() {
		return ps.writeKept(j, buf)
	}
	f, err := ps.prepare(j, ps.key(j), buf)
	if err != nil {
		return err
	}
	return ps.out.WritePrepared(j.Path, f)
}

// stream renders page j straight into the output: a build to disk does not
// hold large pages (the book on one page) in memory.
func (ps *pages) stream(j render.Job, buf *bytes.Buffer) error {
	return ps.out.WriteFrom(j.Path, buf, func(w io.Writer) error { return ps.render(w, j) })
}

// writeKept is write with the build cache on disk, which remembers the
// hash of each page by its key: a page whose inputs did not change, and
// whose file the last build left as it was, is neither rendered nor
// written again.
func (ps *pages) writeKept(j render.Job, buf *bytes.Buffer) error {
	k := ps.key(j)
	k = cache.NewKey("published").Bytes(k[:]).Bool(ps.cfg.Minify).Key()
	if hash, ok := ps.cfg.Cache.GetBytes(k); ok && ps.out.Keep(j.Path, string(hash)) {
		return nil
	}
	if err := ps.stream(j, buf); err != nil {
		return err
	}
	if e, ok := ps.out.Published(j.Path); ok {
		ps.cfg.Cache.PutBytes(k, []byte(e.Hash))
	}
	return nil
}

func (ps *pages) render(w io.Writer, j render.Job) error {
	if err := ps.r.Render(w, ps.b, j); err != nil {
		return fmt.Errorf("render %s: %w", j.Path, err)
	}
	return nil
}

// prepare renders and minifies page j, or finds it in the memo.
func (ps *pages) prepare(j render.Job, k cache.Key, buf *bytes.Buffer) (publish.Prepared, error) {
	if v, ok := ps.cfg.Cache.Get(k); ok {
		return v.(publish.Prepared), nil
	}
	buf.Reset()
	if err := ps.render(buf, j); err != nil {
		return publish.Prepared{}, err
	}
	f, err := ps.out.Prepare(j.Path, buf.Bytes())
	if err == nil {
		ps.cfg.Cache.Put(k, f)
	}
	return f, err
}

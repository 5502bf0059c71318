// Package render is the page stage: it parses the html/template layouts once
// and renders the book's pages from the model. docs/theme.md is the
// authors' reference of what follows (a test keeps it listing every field
// and function). Layout files:
//
//	base.html            the page shell; defines "base" and calls the block "main"
//	home.html            defines "main" for index.html
//	chapter.html         defines "main" for each chapter
//	404.html             defines "main" for 404.html
//	offline.html         defines "main" for offline/index.html (shown by the service worker)
//	print.html           defines "main" for print/index.html (every worksheet)
//	printbook.html       defines "main" for print/book/index.html (the whole book)
//	partials/*.html      shared pieces, e.g. "worksheet" (dot: *book.Worksheet)
//
// Functions available in templates: t KEY [NAME VALUE]... (the interface
// string KEY of the book's language with {NAME} filled in, see
// internal/i18n), dir ("rtl" or "ltr"), scriptStrings (the [script]
// strings as JSON, for the page's data block), max A B, asset NAME (fingerprinted URL of
// assets/NAME), minutes N ("5 min"), plural N "word" ("3 words"), join,
// progress CHAPTER (its worksheets for the progress marks, as JSON, see
// ProgressSheet), inc, seq N
// (1..N), listEntries FIELD (the entries a list field shows at first),
// tocTree HEADINGS (a chapter's level-2 headings, each with its level-3
// ones as Children), tocItems HEADINGS (the same as <li> items with links,
// for an <ol>, made without the cost of a range).
// Links between pages are root-relative, starting with the base path of a
// book published in a folder (Site.BasePath); the canonical link and the
// sitemap use the book's base URL when it has one.
package render

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"maps"
	"path"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/workbook-press/workbook/internal/book"
	"github.com/workbook-press/workbook/internal/i18n"
)

// Kinds of page.
const (
	Home      = "home"
	Chapter   = "chapter"
	NotFound  = "notfound"
	Offline   = "offline"
	Print     = "print"
	PrintBook = "printbook"
	Sitemap   = "sitemap"
	Robots    = "robots"
)

// layoutOf names the layout file of each HTML kind.
var layoutOf = map[string]string{
	Home: "home.html", Chapter: "chapter.html", NotFound: "404.html",
	Offline: "offline.html", Print: "print.html", PrintBook: "printbook.html",
}

// Job is one page to render and what its layout reads.
type Job struct {
	Kind    string
	Path    string        // output path, e.g. "talk/index.html"
	Book    *book.Book    // the book as the page sees it: whole, or its navigation only (see Plan)
	Chapter *book.Chapter // for Kind == Chapter: its own chapter, whole, its neighbours from Book
}

// Plan lists every page of the book, the longest to make first (the book
// printed on one page), so that parallel workers finish together. Only
// that page sees the whole book. The home page and print/ see the book
// without the chapters' text, and every other page its navigation only
// (viewOf), so that when one chapter's text changes, its own page and the
// book printed on one page are the pages that change, and the preview
// server makes only them again (Key).
func Plan(b *book.Book) []Job {
	nav, outline := viewOf(b, false), viewOf(b, true)
	jobs := []Job{
		{Kind: PrintBook, Path: "print/book/index.html", Book: b},
		{Kind: Print, Path: "print/index.html", Book: outline},
		{Kind: Home, Path: "index.html", Book: outline},
		{Kind: Offline, Path: "offline/index.html", Book: nav},
		{Kind: NotFound, Path: "404.html", Book: nav},
		{Kind: Sitemap, Path: "sitemap.xml", Book: nav},
		{Kind: Robots, Path: "robots.txt", Book: nav},
	}
	for i, c := range b.Chapters {
		own := *c
		own.Prev, own.Next = nav.Chapters[i].Prev, nav.Chapters[i].Next
		adopt(&own)
		jobs = append(jobs, Job{Kind: Chapter, Path: c.OutputPath(), Book: nav, Chapter: &own})
	}
	return jobs
}

// viewOf is b without its chapters' text: each chapter's title, URL, part,
// number, description and place in the order, and, with outline, its
// reading minutes and worksheets, and the home page's text.
func viewOf(b *book.Book, outline bool) *book.Book {
	v := &book.Book{Site: b.Site, Home: book.Page{SourcePath: b.Home.SourcePath}, Files: b.Files}
	if outline {
		v.Home = b.Home
	}
	for _, c := range b.Chapters {
		n := *c
		n.Segments, n.TOC, n.Words = nil, nil, 0
		if !outline {
			n.ReadingMinutes, n.Worksheets = 0, nil
		}
		adopt(&n)
		v.Chapters = append(v.Chapters, &n)
	}
	v.Link()
	return v
}

// adopt gives copied chapter c copies of its worksheets, in .Worksheets
// and in its segments, that lead back to c rather than to the chapter c
// was copied from.
func adopt(c *book.Chapter) {
	copies := map[*book.Worksheet]*book.Worksheet{}
	copyOf := func(ws *book.Worksheet) *book.Worksheet {
		if copies[ws] == nil {
			cp := *ws
			cp.Chapter = c
			copies[ws] = &cp
		}
		return copies[ws]
	}
	c.Worksheets, c.Segments = slices.Clone(c.Worksheets), slices.Clone(c.Segments)
	for i, ws := range c.Worksheets {
		c.Worksheets[i] = copyOf(ws)
	}
	for i, s := range c.Segments {
		if s.Worksheet != nil {
			c.Segments[i].Worksheet = copyOf(s.Worksheet)
		}
	}
}

// Options are what a Renderer needs besides the layouts.
type Options struct {
	// AssetURL returns the fingerprinted URL of an asset ({{asset}}).
	AssetURL func(name string) (string, error)
	// Preview marks pages for the preview server: base.html then adds
	// data-preview to <body> (no service worker) and the live-reload script.
	Preview bool
	// ServiceWorker is the URL of the service worker pages register
	// (data-sw on <body>), "" for none, as in preview.
	ServiceWorker string
	// CSP is the Content-Security-Policy pages carry in a <meta
	// http-equiv>, for hosts that cannot send it as a header; "" for none.
	CSP string
	// Script is the page's script (assets.Entry): a page's data block
	// holds only the [script] strings it names (ScriptStrings); nil, all.
	Script []byte
}

// Renderer holds the parsed layouts. It is safe for concurrent use.
type Renderer struct {
	pages   map[string]*template.Template
	opts    Options
	strings *i18n.Table // nil until WithStrings
	script  template.JS // the data block's strings, made by WithStrings
	keys                // what Key hashes besides the page
}

// New parses the layouts once: base.html and partials/*.html, cloned for
// each kind's file.
func New(layouts fs.FS, opts Options) (*Renderer, error) {
	r := &Renderer{pages: map[string]*template.Template{}, opts: opts}
	k := newKeyWriter(r)
	k.value(reflect.ValueOf([]any{opts.Preview, opts.ServiceWorker, opts.CSP}))
	base := template.New("base.html").Funcs(r.funcs())
	files, _ := fs.Glob(layouts, "partials/*.html")
	for _, name := range append([]string{"base.html"}, files...) {
		if err := parseLayout(layouts, base, name, k); err != nil {
			return nil, err
		}
	}
	for _, kind := range slices.Sorted(maps.Keys(layoutOf)) {
		t, err := base.Clone()
		if err != nil {
			return nil, err
		}
		if err := parseLayout(layouts, t, layoutOf[kind], k); err != nil {
			return nil, err
		}
		r.pages[kind] = t
	}
	r.settings = k.sum()
	return r, nil
}

// WithStrings returns a Renderer whose pages speak the language of tab. The
// layouts are parsed before the book says its language, so each page's
// template is cloned with functions that read tab.
func (r *Renderer) WithStrings(tab *i18n.Table) (*Renderer, error) {
	script, err := ScriptStrings(tab, r.opts.Script)
	if err != nil {
		return nil, err
	}
	out := &Renderer{pages: map[string]*template.Template{}, opts: r.opts, strings: tab, script: template.JS(script)}
	k := newKeyWriter(out)
	k.value(reflect.ValueOf([]any{r.settings, tab.Lang, tab.Dir, tab.Section(i18n.Page), script}))
	out.settings = k.sum()
	for kind, t := range r.pages {
		c, err := t.Clone()
		if err != nil {
			return nil, err
		}
		out.pages[kind] = c.Funcs(out.funcs())
	}
	return out, nil
}

// parseLayout adds the layout file name to t, and its name and text to k.
func parseLayout(layouts fs.FS, t *template.Template, name string, k *keyWriter) error {
	src, err := fs.ReadFile(layouts, name)
	if err != nil {
		return fmt.Errorf("layouts/%s: %w", name, err)
	}
	k.value(reflect.ValueOf([]string{name, string(src)}))
	if t.Name() != name {
		t = t.New(name)
	}
	_, err = t.Parse(string(src))
	return layoutError(err)
}

// Data is what every layout gets as dot.
type Data struct {
	Site      book.Site
	Book      *book.Book
	Kind      string
	Title     string        // the page's own title ("" on the home page)
	Path      string        // the page's URL path, e.g. "/talk/"
	Canonical string        // absolute URL when the book has a base URL
	Chapter   *book.Chapter // on chapter pages
	Preview   bool          // served by workbook serve, not published
	Code      bool          // the page shows highlighted code: it links css/syntax.css

	ServiceWorker string // URL of the service worker to register, "" for none
	CSP           string // Content-Security-Policy for a <meta http-equiv>, "" for none
}

// Render writes one page.
func (r *Renderer) Render(w io.Writer, j Job) error {
	switch j.Kind {
	case Sitemap:
		return writeSitemap(w, j.Book)
	case Robots:
		return writeRobots(w, j.Book)
	}
	t, ok := r.pages[j.Kind]
	if !ok {
		return fmt.Errorf("no layout for pages of kind %q", j.Kind)
	}
	d, err := r.data(j)
	if err != nil {
		return err
	}
	return layoutError(t.ExecuteTemplate(w, "base", d))
}

// data is what page j's layout gets as dot.
func (r *Renderer) data(j Job) (Data, error) {
	b := j.Book
	d := Data{Site: b.Site, Book: b, Kind: j.Kind, Path: urlPath(j.Path), Chapter: j.Chapter, Preview: r.opts.Preview, ServiceWorker: r.opts.ServiceWorker, CSP: r.opts.CSP}
	switch j.Kind {
	case Chapter:
		d.Code, d.Title = j.Chapter.HasCode(), j.Chapter.Title
	case PrintBook:
		d.Code = slices.ContainsFunc(b.Chapters, (*book.Chapter).HasCode)
	}
	if key, ok := titleKey[j.Kind]; ok {
		title, err := r.t(key)
		if err != nil {
			return d, err
		}
		d.Title = string(title)
	}
	if b.Site.BaseURL != "" {
		d.Canonical = b.Site.BaseURL + d.Path
	}
	return d, nil
}

// Contents writes the book's contents for the sidebar, the layouts'
// "book-nav-list" with the book as dot: once per build, as the asset
// contents.html every page's script fetches, so a page does not carry
// every chapter's link.
func (r *Renderer) Contents(w io.Writer, b *book.Book) error {
	return layoutError(r.pages[Home].ExecuteTemplate(w, "book-nav-list", b))
}

// titleKey names the interface string of each page title the book does not
// write itself.
var titleKey = map[string]string{NotFound: "title_notfound", Offline: "title_offline", Print: "title_print", PrintBook: "title_printbook"}

// t is the template function t: an interface string, escaped for HTML but
// with its apostrophes kept as they are, as in a layout's own text.
func (r *Renderer) t(key string, args ...any) (template.HTML, error) {
	if r.strings == nil {
		return "", fmt.Errorf("no interface strings: the renderer needs WithStrings")
	}
	s, err := r.strings.T(key, args...)
	return template.HTML(htmlText.Replace(s)), err
}

var htmlText = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&#34;")

// scriptStrings is the page's data block of interface strings.
func (r *Renderer) scriptStrings() template.JS {
	if r.strings == nil {
		return "{}"
	}
	return r.script
}

// ScriptStrings is tab's [script] section as JSON: with a script, only
// the strings whose keys it holds as "key" (a page's data block); with
// nil, all of them (js/strings.json, which the site stage adds for the
// modules a page loads later).
func ScriptStrings(tab *i18n.Table, script []byte) ([]byte, error) {
	sec := tab.Section(i18n.Script)
	for k := range sec {
		if script != nil && !bytes.Contains(script, []byte(`"`+k+`"`)) {
			delete(sec, k)
		}
	}
	return json.Marshal(sec)
}

func (r *Renderer) dir() string {
	if r.strings == nil {
		return "ltr"
	}
	return r.strings.Dir
}

// templateError matches the position html/template puts in its errors.
var templateError = regexp.MustCompile(`(?s)^(?:html/)?template: ([\w./-]+\.html):(\d+):(?:(\d+):)? ?(.*)$`)

// layoutError turns a template error into a *book.Error naming its layout
// file, line and column, like every other error of the build.
func layoutError(err error) error {
	if err == nil {
		return nil
	}
	m := templateError.FindStringSubmatch(err.Error())
	if m == nil {
		return err
	}
	line, _ := strconv.Atoi(m[2])
	col, _ := strconv.Atoi(m[3])
	e := &book.Error{Path: "layouts/" + m[1], Line: line, Col: col, Msg: m[4]}
	e.Hint = "check the template syntax there: each {{ needs its }}, each {{if}}, {{range}}, {{with}} and {{define}} its {{end}}"
	if msg, hint := explain(e.Msg, funcNames); hint != "" {
		e.Msg, e.Hint = msg, hint
	} else if strings.Contains(e.Msg, "executing") {
		e.Hint = "the fields a layout can use are listed in docs/theme.md"
	}
	return e
}

// funcNames are the functions a layout can call: the renderer's and
// text/template's own.
var funcNames = func() []string {
	names := []string{"and", "call", "html", "index", "slice", "js", "len", "not", "or", "print", "printf", "println", "urlquery", "eq", "ge", "gt", "le", "lt", "ne"}
	for name := range (&Renderer{}).funcs() {
		names = append(names, name)
	}
	return names
}()

// urlPath turns an output path into the URL path that serves it.
func urlPath(out string) string {
	if out == "index.html" || strings.HasSuffix(out, "/index.html") {
		return "/" + strings.TrimSuffix(out, "index.html")
	}
	return "/" + out
}

func (r *Renderer) funcs() template.FuncMap {
	return template.FuncMap{
		"asset":         r.opts.AssetURL,
		"t":             r.t,
		"dir":           r.dir,
		"scriptStrings": r.scriptStrings,
		"max":           func(a, b int) int { return max(a, b) },
		"minutes": func(n int) string {
			return fmt.Sprintf("%d min", max(n, 1))
		},
		"plural": func(n int, word string) string {
			if n != 1 {
				word += "s"
			}
			return fmt.Sprintf("%d %s", n, word)
		},
		"join":     strings.Join,
		"tocTree":  tocTree,
		"tocItems": tocItems,
		"progress": progress,
		"inc":      func(i int) int { return i + 1 },
		"seq":      seq,
		"listEntries": func(f book.Field) []int {
			return seq(max(f.Min, 1))
		},
	}
}

// seq is 1..n.
func seq(n int) []int {
	out := make([]int, max(n, 0))
	for i := range out {
		out[i] = i + 1
	}
	return out
}

// ProgressSheet is what the home page's progress marks (assets/js/progress.js)
// know of one worksheet of a chapter; a chapter's list of them is its
// data-sheets attribute, as JSON.
type ProgressSheet struct {
	ID     string   `json:"id"`
	Fields []string `json:"fields"`           // the ids of its fields
	Repeat bool     `json:"repeat,omitempty"` // a journal, counted by entries
}

// progress returns a chapter's data-sheets: its worksheets as JSON.
func progress(c *book.Chapter) (string, error) {
	sheets := make([]ProgressSheet, len(c.Worksheets))
	for i, ws := range c.Worksheets {
		sheets[i] = ProgressSheet{ID: ws.ID, Fields: make([]string, len(ws.Fields)), Repeat: ws.Repeat}
		for j, f := range ws.Fields {
			sheets[i].Fields[j] = f.ID
		}
	}
	data, err := json.Marshal(sheets)
	return string(data), err
}

// urlSet is the sitemap's XML shape.
type urlSet struct {
	XMLName xml.Name     `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []sitemapURL `xml:"url"`
}

type sitemapURL struct {
	Loc string `xml:"loc"`
}

// writeSitemap lists the home page and chapters; without a base URL the
// locations are root-relative, which search engines ignore but people can
// still read.
func writeSitemap(w io.Writer, b *book.Book) error {
	origin := strings.TrimSuffix(b.Site.BaseURL, b.Site.BasePath) // a chapter's URL starts with the base path
	set := urlSet{URLs: []sitemapURL{{b.Site.BaseURL + "/"}}}
	for _, c := range b.Chapters {
		set.URLs = append(set.URLs, sitemapURL{origin + c.URL()})
	}
	out, err := xml.Marshal(set)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(w, "%s%s\n", xml.Header, out)
	return err
}

func writeRobots(w io.Writer, b *book.Book) error {
	text := "User-agent: *\nAllow: /\n"
	if b.Site.BaseURL != "" {
		text += "Sitemap: " + b.Site.BaseURL + path.Join("/", "sitemap.xml") + "\n"
	}
	_, err := io.WriteString(w, text)
	return err
}

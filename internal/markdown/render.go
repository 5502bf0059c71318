package markdown

import (
	"bytes"
	"fmt"
	"html/template"
	"net/url"
	"path"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"

	"github.com/workbook-press/workbook/internal/book"
	"github.com/workbook-press/workbook/internal/cache"
)

// Target is what a relative link may point at.
type Target struct {
	URL string          // the page's URL, e.g. "/talk/"
	IDs map[string]bool // its heading ids
}

// Links resolves the relative links of one file. Chapters maps a source
// path ("content/02-talk.md") to its page; Exists reports whether a file
// (an image) is in the project.
type Links struct {
	Self     string // source path of the file being rendered
	Chapters map[string]Target
	Drafts   map[string]bool // source paths of drafts left out of this build
	Exists   func(sourcePath string) bool
}

// Problem is a broken link, located in the file.
type Problem struct {
	Line int
	Col  int // 0 when unknown
	Msg  string
	Hint string
}

// linkRef is a link or image whose destination waits for Render.
type linkRef struct {
	dest      string // as the author wrote it
	line, col int
	image     bool
}

// Prepare renders the body to HTML with a placeholder for every link
// destination and lets go of the syntax tree; Render then only resolves
// links. unsafe passes raw HTML through. Parse and Prepare depend on the
// file alone, so a prepared Doc can be cached by its source.
func (d *Doc) Prepare(unsafe bool) {
	if d.prepared && d.unsafe == unsafe || d.conv == nil {
		return // d.conv is nil in a Doc read from the cache, keyed by unsafe
	}
	if d.root == nil {
		d.parse()
	}
	d.links, d.renderErr = d.links[:0], ""
	ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			n.Destination = d.placeholder(n, n.Destination, false)
		case *ast.Image:
			n.Destination = d.placeholder(n, n.Destination, true)
		}
		return ast.WalkContinue, nil
	})
	md := d.conv.safe
	if unsafe {
		md = d.conv.unsafe
	}
	var buf bytes.Buffer
	buf.Grow(2 * len(d.src))
	if err := md.Renderer().Render(&buf, d.src, d.root); err != nil {
		d.renderErr = "render Markdown: " + err.Error()
	}
	d.html, d.unsafe, d.prepared, d.root, d.titleNode = buf.String(), unsafe, true, nil, nil
}

// placeholder records a destination and returns the text that stands for
// it in the HTML: "%00" is kept as it is by goldmark's URL escaping and
// never written by it otherwise, and every destination of the document is
// replaced, so an author cannot forge one.
func (d *Doc) placeholder(n ast.Node, dest []byte, image bool) []byte {
	line, col := d.Position(d.offsetOf(n))
	d.links = append(d.links, linkRef{dest: string(dest), line: line, col: col, image: image})
	return fmt.Appendf(nil, "%%00%d%%00", len(d.links)-1)
}

// Render resolves the links of a prepared body and returns it split at
// worksheet markers: len(d.Markers)+1 HTML parts. A Doc may be rendered
// again with other links (the preview server keeps parsed files).
func (d *Doc) Render(links Links, unsafe bool) ([]template.HTML, []Problem) {
	urls, problems := d.Resolve(links, unsafe)
	return d.Fill(urls), problems
}

// Resolve returns the final URL of every link and image of a prepared
// body, in order, and the broken ones. The body's HTML depends only on
// the source and these URLs, so callers may key a cache by them.
func (d *Doc) Resolve(links Links, unsafe bool) ([]string, []Problem) {
	d.Prepare(unsafe)
	var problems []Problem
	if d.renderErr != "" {
		problems = append(problems, Problem{Line: d.lineBase + 1, Msg: d.renderErr})
	}
	urls := make([]string, len(d.links))
	for i, l := range d.links {
		dest, p := d.resolve(links, l.dest, l.image)
		if p != nil {
			p.Line, p.Col = l.line, l.col
			problems = append(problems, *p)
		}
		urls[i] = escapeURL(dest, l.image, unsafe)
	}
	return urls, problems
}

// Fill puts the URLs Resolve returned into the prepared body and splits it
// at worksheet markers.
func (d *Doc) Fill(urls []string) []template.HTML { return FillHTML(d.html, urls) }

// FillHTML is Fill on a prepared body kept elsewhere (TakeHTML).
func FillHTML(html string, urls []string) []template.HTML {
	parts := splitParts(fillPlaceholders(html, urls))
	out := make([]template.HTML, len(parts))
	for i, p := range parts {
		out[i] = template.HTML(p)
	}
	return out
}

// BlankParts reports which parts of the prepared body Fill returns are
// blank: they are blank whatever the URLs, which stand in attributes.
func (d *Doc) BlankParts() []bool {
	parts := splitParts(d.html)
	out := make([]bool, len(parts))
	for i, p := range parts {
		out[i] = p == ""
	}
	return out
}

// splitParts splits a body at its worksheet markers and trims each part.
func splitParts(html string) []string {
	parts := strings.Split(html, sentinel)
	for i, p := range parts {
		parts[i] = strings.TrimSpace(p)
	}
	return parts
}

// Compact drops the source of a prepared body: it can then be rendered
// only with the unsafe setting it was prepared with, as a build does, and
// a large book's sources are not all held at once.
func (d *Doc) Compact() {
	if d.prepared {
		d.src, d.conv = nil, nil
	}
}

// TakeHTML returns the prepared body and drops it from d, for a caller
// that keeps it elsewhere until Fill: a large book's prepared bodies are
// then not all held while the links between them are resolved.
func (d *Doc) TakeHTML() string {
	h := d.html
	d.html = ""
	return h
}

// PutHTML gives back a prepared body TakeHTML returned.
func (d *Doc) PutHTML(h string) { d.html = h }

// Release drops the body's source and HTML once it will not be rendered
// again, so a large book's memory holds only what pages need.
func (d *Doc) Release() {
	d.src, d.root, d.html, d.links, d.prepared = nil, nil, "", nil, false
}

// escapeURL writes a destination as goldmark writes an href or a src,
// dropping dangerous ones unless raw HTML is allowed.
func escapeURL(dest string, image, unsafe bool) string {
	if plainURL(dest) {
		return dest // what most links resolve to: "/chapter/#heading"
	}
	return escapeURLAsGoldmark(dest, image, unsafe)
}

// escapeURLAsGoldmark is escapeURL done the way goldmark does it, for
// every destination.
func escapeURLAsGoldmark(dest string, image, unsafe bool) string {
	if image {
		esc := util.URLEscape([]byte(dest), true)
		if !unsafe && gmhtml.IsDangerousURL(esc) {
			return ""
		}
		return string(util.EscapeHTML(esc))
	}
	if !unsafe && gmhtml.IsDangerousURL([]byte(dest)) {
		return ""
	}
	return string(util.EscapeHTML(util.URLEscape([]byte(dest), true)))
}

// plainURL reports whether dest is made only of letters, digits and
// "/-_.~#": escaping leaves such a destination as it is, and without a
// colon it has no scheme, so none that is dangerous.
func plainURL(dest string) bool {
	for i := 0; i < len(dest); i++ {
		if c := dest[i]; !plainURLByte[c] {
			return false
		}
	}
	return true
}

var plainURLByte = func() (t [256]bool) {
	for _, c := range []byte("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789/-_.~#") {
		t[c] = true
	}
	return t
}()

// fillPlaceholders replaces every `"%00N%00"` attribute value by urls[N].
func fillPlaceholders(html string, urls []string) string {
	var b strings.Builder
	b.Grow(len(html) + 32*len(urls))
	for {
		i := strings.Index(html, `"%00`)
		if i < 0 {
			break
		}
		rest := html[i+4:]
		n, end := 0, 0
		for end < len(rest) && rest[end] >= '0' && rest[end] <= '9' && end < 9 {
			n = n*10 + int(rest[end]-'0')
			end++
		}
		if end == 0 || n >= len(urls) || !strings.HasPrefix(rest[end:], `%00"`) {
			b.WriteString(html[:i+4])
			html = rest
			continue
		}
		b.WriteString(html[:i+1])
		b.WriteString(urls[n])
		html = rest[end+3:]
	}
	b.WriteString(html)
	return b.String()
}

// offsetOf finds a source offset for an inline node: its own, or its first
// text's.
func (d *Doc) offsetOf(n ast.Node) int {
	if p := n.Pos(); p >= 0 {
		return p
	}
	off := -1
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if t, ok := c.(*ast.Text); ok && entering {
			off = t.Segment.Start
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if off < 0 {
		for p := n.Parent(); p != nil; p = p.Parent() {
			if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
				return p.Lines().At(0).Start
			}
		}
	}
	return off
}

// resolve maps a link destination to its URL, or reports why it is broken.
func (d *Doc) resolve(links Links, dest string, image bool) (string, *Problem) {
	if dest == "" || strings.HasPrefix(dest, "/") || strings.HasPrefix(dest, "//") {
		return dest, nil
	}
	if !plainURL(dest) { // a plain one parses, without a scheme
		if u, err := url.Parse(dest); err != nil || u.Scheme != "" {
			return dest, nil
		}
	}
	file, frag, _ := strings.Cut(dest, "#")
	if file == "" { // a heading of this page
		if !d.IDs[frag] {
			return dest, &Problem{Msg: fmt.Sprintf("link to #%s: this page has no such heading", frag), Hint: hintIDs(d.IDs)}
		}
		return dest, nil
	}
	file, _, _ = strings.Cut(file, "?")
	unescaped, err := url.PathUnescape(file)
	if err == nil {
		file = unescaped
	}
	target := path.Join(path.Dir(links.Self), file)
	if strings.HasSuffix(file, ".md") && !image {
		t, ok := links.Chapters[target]
		if !ok && links.Drafts[target] {
			return dest, &Problem{Msg: fmt.Sprintf("link to %s: %s is a draft, left out of this build", dest, target), Hint: "remove the link until the chapter is published, or build with --drafts"}
		}
		if !ok {
			return dest, &Problem{Msg: fmt.Sprintf("link to %s: no such chapter (%s)", dest, target), Hint: "check the file name; links are relative to this file"}
		}
		if frag != "" && !t.IDs[frag] {
			return dest, &Problem{Msg: fmt.Sprintf("link to %s: %s has no heading with the id %q", dest, target, frag), Hint: hintIDs(t.IDs)}
		}
		if frag != "" {
			return t.URL + "#" + frag, nil
		}
		return t.URL, nil
	}
	if !strings.HasPrefix(target, "content/") || !links.Exists(target) {
		return dest, &Problem{Msg: fmt.Sprintf("link to %s: no such file (%s)", dest, target), Hint: "put the file in content/ beside the chapter, or fix the path"}
	}
	out := "/" + strings.TrimPrefix(target, "content/")
	if frag != "" {
		out += "#" + frag
	}
	return out, nil
}

func hintIDs(ids map[string]bool) string {
	var list []string
	for id := range ids {
		if id != "" {
			list = append(list, "#"+id)
		}
	}
	if len(list) == 0 {
		return "the page has no headings"
	}
	if len(list) > 6 {
		list = list[:6]
	}
	sort.Strings(list)
	return "heading ids are made from the heading text: " + strings.Join(list, ", ")
}

// docData is what a prepared Doc is made of, for the build cache on disk.
type docData struct {
	LineBase  int
	Unsafe    bool
	HTML      string
	Links     []linkData
	RenderErr string
	Title     string
	TOC       []book.Heading
	IDs       map[string]bool
	Markers   []Marker
	Repeated  []Marker
	BadAttrs  []Marker
	Words     int
}

type linkData struct {
	Dest      string
	Line, Col int
	Image     bool
}

// GobEncode writes a prepared Doc (Prepare it first) for the build cache.
func (d *Doc) GobEncode() ([]byte, error) {
	if !d.prepared {
		return nil, fmt.Errorf("markdown: only a prepared Doc can be cached")
	}
	data := docData{LineBase: d.lineBase, Unsafe: d.unsafe, HTML: d.html, RenderErr: d.renderErr,
		Title: d.Title, TOC: d.TOC, IDs: d.IDs, Markers: d.Markers, Repeated: d.Repeated, BadAttrs: d.BadAttrs, Words: d.Words}
	for _, l := range d.links {
		data.Links = append(data.Links, linkData{l.dest, l.line, l.col, l.image})
	}
	return docCodec.Marshal(&data)
}

// docCodec writes a Doc's data for the build cache; its Version is part of
// CacheFormat.
var docCodec = cache.NewCodec[docData]()

// CacheFormat names how a Doc is written for the build cache: put it in
// the key of a record that holds one.
func CacheFormat() []byte { return docCodec.Version() }

// GobDecode reads a Doc written by GobEncode: it can be rendered with the
// unsafe setting it was prepared with, which the cache key holds.
func (d *Doc) GobDecode(b []byte) error {
	var data docData
	if err := docCodec.Unmarshal(b, &data); err != nil {
		return err
	}
	*d = Doc{lineBase: data.LineBase, unsafe: data.Unsafe, html: data.HTML, renderErr: data.RenderErr, prepared: true,
		Title: data.Title, TOC: data.TOC, IDs: data.IDs, Markers: data.Markers, Repeated: data.Repeated, BadAttrs: data.BadAttrs, Words: data.Words}
	if d.IDs == nil {
		d.IDs = map[string]bool{}
	}
	for _, l := range data.Links {
		d.links = append(d.links, linkRef{l.Dest, l.Line, l.Col, l.Image})
	}
	return nil
}

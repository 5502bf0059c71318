// Package markdown converts a chapter's Markdown body to HTML with goldmark,
// configured once: GFM (tables, task lists, strikethrough, autolinks),
// footnotes, definition lists, typographer, heading ids and attributes, and
// code highlighted by chroma with CSS classes (no inline styles, so a strict
// Content-Security-Policy holds). Raw HTML is escaped unless the book opts
// in.
//
// Conversion is one call, Convert, which parses a body once and returns its
// Outline: what other files need to know (its heading ids), its links, and
// its HTML with a placeholder where each link's URL goes. Link resolution
// is part of it, done once every file is outlined: Outline.Resolve finds
// each link's URL in the book's index, reports the broken ones, and fills
// them in.
package markdown

import (
	"bufio"
	"bytes"
	stdhtml "html"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/workbook-press/workbook/internal/book"
)

// Converter holds the configured goldmark instances. It is safe for
// concurrent use.
type Converter struct {
	safe, unsafe goldmark.Markdown
}

// New configures goldmark once.
func New() *Converter {
	return &Converter{safe: newGoldmark(false), unsafe: newGoldmark(true)}
}

func newGoldmark(unsafe bool) goldmark.Markdown {
	rendererOpts := []renderer.Option{
		html.WithXHTML(),
		renderer.WithNodeRenderers(
			util.Prioritized(&codeRenderer{}, 100),
			util.Prioritized(&markerRenderer{}, 100),
		),
	}
	if unsafe {
		rendererOpts = append(rendererOpts, html.WithUnsafe())
	} else {
		rendererOpts = append(rendererOpts, renderer.WithNodeRenderers(util.Prioritized(&escapeHTMLRenderer{}, 100)))
	}
	return goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList, extension.Typographer),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithAttribute(),
			parser.WithASTTransformers(util.Prioritized(markerTransformer{}, 100)),
		),
		goldmark.WithRendererOptions(rendererOpts...),
	)
}

// Options says how to read and convert one body.
type Options struct {
	LineBase  int  // lines before the body in its file (the frontmatter), so positions are lines of the file
	DropTitle bool // leave the first level-1 heading out: the page prints the title itself
	Unsafe    bool // pass raw HTML and dangerous URLs through (the book's unsafe_html)
}

// Outline is a body read once: what it tells the rest of the book (its
// title, headings and ids, worksheet markers and links) and its HTML,
// waiting for its links' URLs. It is plain data, safe to share once made.
type Outline struct {
	Title    string         // text of the first level-1 heading, "" if none
	TOC      []book.Heading // level 2 and 3 headings
	IDs      map[string]bool
	Markers  []Marker // worksheet marker lines, in order
	Repeated []Marker // headings whose {#id} an earlier heading already has
	BadAttrs []Marker // heading attributes other than {#id} and {.class}, left out
	Links    []Link   // every link and image, in order
	HTML     []HTML   // raw HTML, in order
	Words    int

	html     string    // the body's HTML, each link's URL a placeholder (see placeholder)
	unsafe   bool      // Options.Unsafe: whether a dangerous URL is kept
	problems []Problem // the renderer's, if it failed
}

// Marker is a worksheet marker line: {{< worksheet ID >}}.
type Marker struct {
	ID   string
	Line int // in the file
}

// markerLine matches a worksheet marker on a line of its own.
var markerLine = regexp.MustCompile(`^\{\{<\s*worksheet\s+([^\s>]*)\s*>\}\}$`)

// LayoutIDs are the ids the default layouts give their own elements; a
// heading whose text would make one of them gets "-1" added instead, so a
// page never holds an id twice.
var LayoutIDs = []string{"main", "banners", "contents", "contents-title", "your-answers", "your-answers-title", "print-fill", "print-toc-title", "book-nav", "search-q", "search-hint", "search-results", "wb-strings"}

// Convert parses a body once and returns its outline and its HTML, each
// link's and image's URL left for Resolve to fill in. src must be UTF-8
// (content checks it); any other byte is replaced, so that a placeholder
// cannot be written by an author.
func (c *Converter) Convert(src []byte, opts Options) *Outline {
	if !utf8.Valid(src) {
		src = bytes.ToValidUTF8(src, []byte("\uFFFD"))
	}
	conv, root := c.parse(src, opts.LineBase)
	o := &Outline{IDs: map[string]bool{}, BadAttrs: conv.bad, unsafe: opts.Unsafe}
	title := conv.collect(root, o)
	if opts.DropTitle && title != nil {
		title.Parent().RemoveChild(title.Parent(), title)
	}
	o.Links = conv.links(root)
	md := c.safe
	if opts.Unsafe {
		md = c.unsafe
	}
	var buf bytes.Buffer
	buf.Grow(2 * len(src))
	if err := md.Renderer().Render(&buf, src, root); err != nil {
		o.problems = []Problem{{Line: opts.LineBase + 1, Msg: "render Markdown: " + err.Error()}}
	}
	o.html = buf.String()
	return o
}

// parse parses a body, the layouts' ids taken, and keeps only the id and
// class attributes of headings (conversion.bad lists the others).
func (c *Converter) parse(src []byte, lineBase int) (*conversion, ast.Node) {
	conv := &conversion{src: src, lineBase: lineBase}
	ctx := parser.NewContext()
	for _, id := range LayoutIDs {
		ctx.IDs().Put([]byte(id))
	}
	root := c.safe.Parser().Parse(text.NewReader(src), parser.WithContext(ctx))
	conv.bad = conv.filterAttributes(root)
	return conv, root
}

// conversion is a body being read: its source, to locate nodes.
type conversion struct {
	src      []byte
	lineBase int
	bad      []Marker // heading attributes left out

	// starts holds the offset of every line's start, made on first use;
	// at is the last position asked, from which the next one on the same
	// line is counted. Links are asked for in order, so the positions of
	// 100,000 links on one line cost one pass over it, not 100,000.
	starts []int
	at     struct{ offset, lineStart, col int }
}

// Line returns the line in the file of a byte offset in the body.
func (c *conversion) Line(offset int) int {
	if offset < 0 {
		return c.lineBase + 1
	}
	return c.lineBase + c.lineIndex(offset) + 1
}

// lineIndex returns the 0-based line of the body holding offset.
func (c *conversion) lineIndex(offset int) int {
	if c.starts == nil {
		c.starts = append(c.starts, 0)
		for i, b := range c.src {
			if b == '\n' {
				c.starts = append(c.starts, i+1)
			}
		}
	}
	offset = min(offset, len(c.src))
	return sort.Search(len(c.starts), func(i int) bool { return c.starts[i] > offset }) - 1
}

// Position returns the line and column (in characters, 1-based) in the file
// of a byte offset in the body; the column is 0 when the offset is unknown.
func (c *conversion) Position(offset int) (line, col int) {
	if offset < 0 {
		return c.Line(offset), 0
	}
	offset = min(offset, len(c.src))
	i := c.lineIndex(offset)
	start := c.starts[i]
	if c.at.lineStart != start || c.at.offset > offset || c.at.col == 0 {
		c.at.lineStart, c.at.offset, c.at.col = start, start, 1
	}
	c.at.col += utf8.RuneCount(c.src[c.at.offset:offset])
	c.at.offset = offset
	return c.lineBase + i + 1, c.at.col
}

// collect walks the tree once for the title, headings, markers and words,
// and returns the title's heading.
func (c *conversion) collect(root ast.Node, d *Outline) (title *ast.Heading) {
	ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			id, _ := n.AttributeString("id")
			ids, _ := id.([]byte)
			txt := plainText(n, c.src, d.unsafe)
			if d.IDs[string(ids)] {
				d.Repeated = append(d.Repeated, Marker{ID: string(ids), Line: c.Line(headingOffset(n))})
			}
			d.IDs[string(ids)] = true
			if title == nil && n.Level == 1 {
				title, d.Title = n, txt
			} else if n.Level == 2 || n.Level == 3 {
				d.TOC = append(d.TOC, book.Heading{Level: n.Level, ID: string(ids), Text: txt})
			}
		case *markerNode:
			d.Markers = append(d.Markers, Marker{ID: n.id, Line: c.Line(n.offset)})
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			d.Words += countWords(n.Segment.Value(c.src))
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			return ast.WalkSkipChildren, nil
		case *ast.HTMLBlock, *ast.RawHTML:
			d.HTML = append(d.HTML, c.rawHTML(n))
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return title
}

// plainText is the text of n as a reader sees it: a heading's words for
// the contents and titles, which the layouts escape. It is the HTML the
// renderer writes for n's text, unescaped once; without unsafe, raw HTML
// shows as text, as on the page, and comments not at all.
func plainText(n ast.Node, src []byte, unsafe bool) string {
	var h bytes.Buffer
	w := bufio.NewWriter(&h)
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			html.DefaultWriter.Write(w, c.Segment.Value(src))
			if c.SoftLineBreak() {
				w.WriteByte(' ')
			}
		case *ast.String:
			if c.IsCode() { // HTML already: the typographer's &rsquo; and the like
				w.Write(c.Value)
			} else {
				html.DefaultWriter.RawWrite(w, c.Value)
			}
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if tt, ok := t.(*ast.Text); ok {
					html.DefaultWriter.RawWrite(w, tt.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		case *ast.RawHTML:
			if !unsafe {
				showRawHTML(w, c, src)
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	w.Flush()
	return strings.TrimSpace(stdhtml.UnescapeString(h.String()))
}

// countWords counts the runs of letters, digits and apostrophes in b.
func countWords(b []byte) int {
	n, in := 0, false
	for len(b) > 0 {
		var word bool
		if c := b[0]; c < utf8.RuneSelf { // most of a book's text: no decoding
			word = asciiWord[c]
			b = b[1:]
		} else {
			r, size := utf8.DecodeRune(b)
			b = b[size:]
			word = isWordRune(r)
		}
		if word && !in {
			n++
		}
		in = word
	}
	return n
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’'
}

// asciiWord is isWordRune of each ASCII character.
var asciiWord = func() (t [utf8.RuneSelf]bool) {
	for c := range utf8.RuneSelf {
		t[c] = isWordRune(rune(c))
	}
	return t
}()

// headingOffset is where a heading's text starts in the body, or -1.
func headingOffset(n *ast.Heading) int {
	if n.Lines().Len() > 0 {
		return n.Lines().At(0).Start
	}
	return -1
}

// filterAttributes keeps only the id and class of each heading's {...}
// attributes and returns the others, with their lines: a style attribute
// would break the page's Content-Security-Policy, and no other attribute
// belongs in a book's text.
func (c *conversion) filterAttributes(root ast.Node) []Marker {
	var bad []Marker
	ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		h, ok := n.(*ast.Heading)
		if !ok || !entering || h.Attributes() == nil {
			return ast.WalkContinue, nil
		}
		attrs := h.Attributes()
		h.RemoveAttributes()
		for _, a := range attrs {
			if name := string(a.Name); name == "id" || name == "class" {
				h.SetAttribute(a.Name, a.Value)
			} else {
				bad = append(bad, Marker{ID: name, Line: c.Line(headingOffset(h))})
			}
		}
		return ast.WalkSkipChildren, nil
	})
	return bad
}

// Package markdown converts a chapter's Markdown body to HTML with goldmark,
// configured once: GFM (tables, task lists, strikethrough, autolinks),
// footnotes, definition lists, typographer, heading ids and attributes, and
// code highlighted by chroma with CSS classes (no inline styles, so a strict
// Content-Security-Policy holds). Raw HTML is escaped unless the book opts
// in.
//
// Conversion has two steps so links can be checked against the whole book:
// Parse reads one file and knows its headings; Render, once every file is
// parsed, rewrites links to other chapters and reports broken ones.
package markdown

import (
	"bytes"
	"regexp"
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

// Doc is one parsed Markdown body. Once prepared it holds its HTML with
// placeholders where links go, not its syntax tree, so a book's documents
// take little memory while the others are parsed.
type Doc struct {
	src       []byte
	root      ast.Node // nil once prepared
	conv      *Converter
	lineBase  int  // lines before the body in its file (the frontmatter)
	dropTitle bool // the first level-1 heading is left out of the HTML

	prepared  bool
	unsafe    bool      // raw HTML passed through in html
	html      string    // the body with link placeholders
	links     []linkRef // what each placeholder stands for
	renderErr string

	Title     string         // text of the first level-1 heading, "" if none
	TOC       []book.Heading // level 2 and 3 headings
	IDs       map[string]bool
	Markers   []Marker // worksheet marker lines, in order
	Repeated  []Marker // headings whose {#id} an earlier heading already has
	BadAttrs  []Marker // heading attributes other than {#id} and {.class}, left out
	Words     int
	titleNode ast.Node
}

// Marker is a worksheet marker line: {{< worksheet ID >}}.
type Marker struct {
	ID   string
	Line int // in the file
}

// markerLine matches a worksheet marker on a line of its own.
var markerLine = regexp.MustCompile(`^\{\{<\s*worksheet\s+([^\s>]*)\s*>\}\}$`)

// Parse parses a body; the parse does not depend on unsafe_html, only the
// rendering does. lineBase is the number of file lines before the body,
// so positions are reported as lines of the file.
func (c *Converter) Parse(src []byte, lineBase int) *Doc {
	d := &Doc{src: src, conv: c, lineBase: lineBase, IDs: map[string]bool{}}
	d.parse()
	d.collect()
	return d
}

// LayoutIDs are the ids the default layouts give their own elements; a
// heading whose text would make one of them gets "-1" added instead, so a
// page never holds an id twice.
var LayoutIDs = []string{"main", "banners", "contents", "contents-title", "your-answers", "your-answers-title", "print-fill", "print-toc-title", "book-nav", "search-q", "search-hint", "search-results"}

func (d *Doc) parse() {
	ctx := parser.NewContext()
	for _, id := range LayoutIDs {
		ctx.IDs().Put([]byte(id))
	}
	d.root = d.conv.safe.Parser().Parse(text.NewReader(d.src), parser.WithContext(ctx))
	d.BadAttrs = filterAttributes(d.root, d)
	d.titleNode = nil
	ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering && h.Level == 1 {
			d.titleNode = h
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	if d.dropTitle {
		d.removeTitle()
	}
}

// Line returns the line in the file of a byte offset in the body.
func (d *Doc) Line(offset int) int {
	if offset < 0 {
		return d.lineBase + 1
	}
	return d.lineBase + 1 + bytes.Count(d.src[:min(offset, len(d.src))], []byte("\n"))
}

// Position returns the line and column (in characters, 1-based) in the file
// of a byte offset in the body; the column is 0 when the offset is unknown.
func (d *Doc) Position(offset int) (line, col int) {
	if offset < 0 {
		return d.Line(offset), 0
	}
	offset = min(offset, len(d.src))
	start := bytes.LastIndexByte(d.src[:offset], '\n') + 1
	return d.Line(offset), 1 + utf8.RuneCount(d.src[start:offset])
}

// collect walks the tree once for the title, headings, markers and words.
func (d *Doc) collect() {
	ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			id, _ := n.AttributeString("id")
			ids, _ := id.([]byte)
			txt := plainText(n, d.src)
			if d.IDs[string(ids)] {
				d.Repeated = append(d.Repeated, Marker{ID: string(ids), Line: d.Line(headingOffset(n))})
			}
			d.IDs[string(ids)] = true
			if n == d.titleNode {
				d.Title = txt
			} else if n.Level == 2 || n.Level == 3 {
				d.TOC = append(d.TOC, book.Heading{Level: n.Level, ID: string(ids), Text: txt})
			}
		case *markerNode:
			d.Markers = append(d.Markers, Marker{ID: n.id, Line: d.Line(n.offset)})
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			d.Words += countWords(n.Segment.Value(d.src))
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// DropTitle removes the first level-1 heading from the body, when the page
// prints the title itself.
func (d *Doc) DropTitle() {
	d.dropTitle = true
	if d.root != nil {
		d.removeTitle()
	} else {
		d.prepared = false // parsed again on the next Render
	}
}

func (d *Doc) removeTitle() {
	if d.titleNode != nil && d.titleNode.Parent() != nil {
		d.titleNode.Parent().RemoveChild(d.titleNode.Parent(), d.titleNode)
	}
}

func plainText(n ast.Node, src []byte) string {
	var b strings.Builder
	ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Text:
			b.Write(c.Segment.Value(src))
			if c.SoftLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.Write(c.Value)
		case *ast.CodeSpan:
			for t := c.FirstChild(); t != nil; t = t.NextSibling() {
				if tt, ok := t.(*ast.Text); ok {
					b.Write(tt.Segment.Value(src))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return strings.TrimSpace(b.String())
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
func filterAttributes(root ast.Node, d *Doc) []Marker {
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
				bad = append(bad, Marker{ID: name, Line: d.Line(headingOffset(h))})
			}
		}
		return ast.WalkSkipChildren, nil
	})
	return bad
}

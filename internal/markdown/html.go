package markdown

import (
	"bytes"
	"strings"

	"github.com/yuin/goldmark/ast"
)

// HTML is a run of raw HTML in a body, as the author wrote it: a block of
// lines, or a tag inside a paragraph. It is passed through only when the
// book allows raw HTML; otherwise it shows as text (comments are dropped).
type HTML struct {
	Line int // in the file
	Text string
}

// rawHTML returns the raw HTML of node n, or false when n is not raw HTML.
func (c *conversion) rawHTML(n ast.Node) (HTML, bool) {
	switch n := n.(type) {
	case *ast.HTMLBlock:
		var b bytes.Buffer
		lines := n.Lines()
		for i := 0; i < lines.Len(); i++ {
			seg := lines.At(i)
			b.Write(seg.Value(c.src))
		}
		if n.HasClosure() {
			seg := n.ClosureLine
			b.Write(seg.Value(c.src))
		}
		start := -1
		if lines.Len() > 0 {
			start = lines.At(0).Start
		}
		return HTML{Line: c.Line(start), Text: b.String()}, true
	case *ast.RawHTML:
		var b bytes.Buffer
		for i := 0; i < n.Segments.Len(); i++ {
			seg := n.Segments.At(i)
			b.Write(seg.Value(c.src))
		}
		start := -1
		if n.Segments.Len() > 0 {
			start = n.Segments.At(0).Start
		}
		return HTML{Line: c.Line(start), Text: b.String()}, true
	}
	return HTML{}, false
}

// HTMLChapter returns the chapter x.md that a link to x.html (an mdBook's
// way of linking) means, when x.md is a chapter.
func HTMLChapter(target string, chapters map[string]Target) (string, bool) {
	base, ok := strings.CutSuffix(target, ".html")
	if !ok {
		return "", false
	}
	_, ok = chapters[base+".md"]
	return base + ".md", ok
}

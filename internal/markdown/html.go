package markdown

import (
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// HTML is a run of raw HTML in a body, as the author wrote it: a block of
// lines, or a tag inside a paragraph. It is passed through only when the
// book allows raw HTML; otherwise it shows as text (comments are dropped).
type HTML struct {
	Line int // in the file
	Text string
}

// rawHTML returns the raw HTML of n, an *ast.HTMLBlock or an *ast.RawHTML.
func (c *conversion) rawHTML(n ast.Node) HTML {
	var segs *text.Segments
	var raw []byte
	switch n := n.(type) {
	case *ast.HTMLBlock:
		segs = n.Lines()
		raw = segs.Value(c.src)
		if n.HasClosure() {
			raw = append(raw, n.ClosureLine.Value(c.src)...)
		}
	case *ast.RawHTML:
		segs = n.Segments
		raw = segs.Value(c.src)
	}
	start := -1
	if segs.Len() > 0 {
		start = segs.At(0).Start
	}
	return HTML{Line: c.Line(start), Text: string(raw)}
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

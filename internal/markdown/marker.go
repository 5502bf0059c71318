package markdown

import (
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// kindMarker is the node kind of a worksheet marker.
var kindMarker = ast.NewNodeKind("WorksheetMarker")

// markerNode stands where a worksheet marker line was.
type markerNode struct {
	ast.BaseBlock
	id     string
	offset int
}

func (n *markerNode) Kind() ast.NodeKind { return kindMarker }

func (n *markerNode) Dump(src []byte, level int) {
	ast.DumpHelper(n, src, level, map[string]string{"ID": n.id}, nil)
}

// markerTransformer replaces every top-level paragraph that is exactly one
// marker line by a markerNode. Reading the paragraph's source line (not its
// inline text) keeps the typographer from getting in the way.
type markerTransformer struct{}

func (markerTransformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	for n := doc.FirstChild(); n != nil; {
		next := n.NextSibling()
		if p, ok := n.(*ast.Paragraph); ok && p.Lines().Len() == 1 {
			seg := p.Lines().At(0)
			line := util.TrimRightSpace(util.TrimLeftSpace(seg.Value(src)))
			if m := markerLine.FindSubmatch(line); m != nil {
				doc.ReplaceChild(doc, n, &markerNode{id: string(m[1]), offset: seg.Start})
			}
		}
		n = next
	}
}

// sentinel separates the HTML around markers; it cannot occur in rendered
// Markdown because goldmark never emits a NUL byte.
const sentinel = "\x00"

// markerRenderer writes a sentinel the converter splits on.
type markerRenderer struct{}

func (markerRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(kindMarker, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			w.WriteString(sentinel)
		}
		return ast.WalkSkipChildren, nil
	})
}

package markdown

import (
	"bytes"
	"sync"
	"time"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/renderer"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"

	"github.com/workbook-press/workbook/internal/book"
)

// formatter writes chroma tokens as spans with classes; the colours live in
// assets/css/syntax.css, generated once by gensyntax.
var formatter = chromahtml.New(chromahtml.WithClasses(true), chromahtml.PreventSurroundingPre(true))

// classesOnly is the style the formatter is given: with classes it writes
// no colour, so any style does. Not chroma's styles package, whose init
// parses every style it ships, 4 ms at the start of every build.
var classesOnly = chroma.MustNewStyle("classes-only", chroma.StyleEntries{})

// codeRenderer highlights fenced code blocks with a known language.
type codeRenderer struct{}

func (codeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, renderFencedCode)
}

func renderFencedCode(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.FencedCodeBlock)
	code := n.Lines().Value(src)
	lang := fenceLanguage(n.Language(src))
	lexer := lexerOf(lang)
	if lexer == nil {
		w.WriteString(`<pre><code>`)
		gmhtml.DefaultWriter.RawWrite(w, code)
		w.WriteString("</code></pre>\n")
		return ast.WalkSkipChildren, nil
	}
	tokens, err := tokenise(lexer, string(code))
	if err != nil {
		return ast.WalkStop, err
	}
	w.WriteString(book.HighlightedCode)
	w.WriteString(`<code class="language-`)
	gmhtml.DefaultWriter.RawWrite(w, []byte(lang))
	w.WriteString(`">`)
	if err := formatter.Format(w, classesOnly, chroma.Literator(tokens...)); err != nil {
		return ast.WalkStop, err
	}
	w.WriteString("</code></pre>\n")
	return ast.WalkSkipChildren, nil
}

// fenceLanguage is the language of a fence's info string: its first word,
// as Hugo and mdBook read it. "rust,ignore" is rust, "js {linenos=true}"
// and "js{linenos=true}" are js; the rest are options for other tools.
func fenceLanguage(info []byte) string {
	if i := bytes.IndexAny(info, ", {"); i >= 0 {
		info = info[:i]
	}
	return string(info)
}

// known holds chroma's answer for each language name asked so far (a
// chroma.Lexer, or nil for none). For a name it does not know, such as
// "rust,ignore" or a made-up language, chroma's Get tries it as a file name
// against every lexer's patterns, about a millisecond each time: a
// 1,000-chapter book with eight such fences a chapter spent 60% of its
// build there.
var known sync.Map

// lexerOf returns chroma's lexer for a fence's language, or nil.
func lexerOf(lang string) chroma.Lexer {
	if lang == "" {
		return nil
	}
	if l, ok := known.Load(lang); ok {
		lexer, _ := l.(chroma.Lexer)
		return lexer
	}
	lexer := lexers.Get(lang)
	known.Store(lang, lexer)
	return lexer
}

// tokenise lexes code. chroma gives each regular expression match
// matchTimeout of wall time; a match that runs past it (on a busy machine,
// not because of the code) is skipped as if it had failed, and another rule
// or an error token takes its place, so the same fence could highlight
// differently from build to build. No match can time out in a try that took
// less than matchTimeout in all: that try is what an idle machine gives,
// and it is kept. A slower try is made again, up to three times, and of
// slow tries the one with the fewest error tokens wins.
func tokenise(lexer chroma.Lexer, code string) ([]chroma.Token, error) {
	var best []chroma.Token
	bestErrs := -1
	for range 3 {
		start := time.Now()
		it, err := chroma.Coalesce(lexer).Tokenise(nil, code)
		if err != nil {
			return nil, err
		}
		tokens := it.Tokens()
		if time.Since(start) < matchTimeout {
			return tokens, nil
		}
		errs := 0
		for _, t := range tokens {
			if t.Type == chroma.Error {
				errs++
			}
		}
		if bestErrs < 0 || errs < bestErrs {
			best, bestErrs = tokens, errs
		}
	}
	return best, nil
}

// matchTimeout is chroma's limit on one regular expression match (set in
// its regexp.go, not configurable).
const matchTimeout = 250 * time.Millisecond

// escapeHTMLRenderer shows raw HTML as text, so a book that has not opted in
// with unsafe_html can never inject markup or scripts. HTML comments are
// dropped instead: they are the author's notes, not text for the reader.
type escapeHTMLRenderer struct{}

// showRawHTML writes inline raw HTML as the page shows it when the book
// has not opted in: as text, or nothing for a comment. The contents'
// text of a heading (plainText) shows it the same way.
func showRawHTML(w util.BufWriter, n *ast.RawHTML, src []byte) {
	if raw := n.Segments.Value(src); !bytes.HasPrefix(raw, []byte("<!--")) {
		gmhtml.DefaultWriter.RawWrite(w, raw)
	}
}

func (escapeHTMLRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindRawHTML, func(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			showRawHTML(w, node.(*ast.RawHTML), src)
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(ast.KindHTMLBlock, func(w util.BufWriter, src []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		n := node.(*ast.HTMLBlock)
		if n.HTMLBlockType == ast.HTMLBlockType2 { // <!-- a comment -->
			return ast.WalkSkipChildren, nil
		}
		w.WriteString("<p>")
		gmhtml.DefaultWriter.RawWrite(w, n.Lines().Value(src))
		if n.HasClosure() {
			gmhtml.DefaultWriter.RawWrite(w, n.ClosureLine.Value(src))
		}
		w.WriteString("</p>\n")
		return ast.WalkSkipChildren, nil
	})
}

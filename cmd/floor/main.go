// Command floor is the bar the workbook generator is measured against, not
// a product: it does only the unavoidable work of a build, on all cores.
// For every content/*.md file it reads the file, splits and decodes the
// YAML frontmatter, converts the body with goldmark (the extensions we use,
// chroma with CSS classes), wraps it in a minimal page, minifies it and
// writes it. No validation, links, templates, assets or service worker.
//
//	go run ./cmd/floor -src DIR -out DIR/floor-public
package main

import (
	"bytes"
	"flag"
	"fmt"
	"html"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/tdewolff/minify/v2"
	minhtml "github.com/tdewolff/minify/v2/html"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
	"go.yaml.in/yaml/v3"
	"golang.org/x/sync/errgroup"
)

func main() {
	src := flag.String("src", ".", "book `dir` holding content/")
	out := flag.String("out", "floor-public", "output `dir`")
	flag.Parse()
	if err := run(*src, *out); err != nil {
		fmt.Fprintln(os.Stderr, "floor:", err)
		os.Exit(1)
	}
}

func run(src, out string) error {
	paths, err := filepath.Glob(filepath.Join(src, "content", "*.md"))
	if err != nil {
		return err
	}
	md := goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList, extension.Typographer),
		goldmark.WithParserOptions(parser.WithAutoHeadingID(), parser.WithAttribute()),
		goldmark.WithRendererOptions(gmhtml.WithXHTML(),
			renderer.WithNodeRenderers(util.Prioritized(chromaBlocks{}, 100))),
	)
	m := minify.New()
	m.Add("text/html", &minhtml.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true})
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for _, p := range paths {
		g.Go(func() error {
			b := buffers.Get().(*[2]bytes.Buffer)
			defer buffers.Put(b)
			if err := convert(md, m, p, out, &b[0], &b[1]); err != nil {
				return fmt.Errorf("%s: %w", p, err)
			}
			return nil
		})
	}
	return g.Wait()
}

// buffers hold a page and its minified bytes, reused from file to file as a
// build reuses its own.
var buffers = sync.Pool{New: func() any { return new([2]bytes.Buffer) }}

// convert turns one Markdown file into out/NAME/index.html.
func convert(md goldmark.Markdown, m *minify.M, p, out string, page, min *bytes.Buffer) error {
	data, err := os.ReadFile(p)
	if err != nil {
		return err
	}
	var front struct {
		Title      string
		Worksheets []map[string]any
	}
	body := data
	if rest, ok := bytes.CutPrefix(data, []byte("---\n")); ok {
		if fm, after, ok := bytes.Cut(rest, []byte("\n---\n")); ok {
			if err := yaml.Unmarshal(fm, &front); err != nil {
				return err
			}
			body = after
		}
	}
	page.Reset()
	fmt.Fprintf(page, "<!doctype html><html lang=en><head><meta charset=utf-8><title>%s</title></head><body><main><h1>%s</h1>\n",
		html.EscapeString(front.Title), html.EscapeString(front.Title))
	if err := md.Convert(body, page); err != nil {
		return err
	}
	page.WriteString("</main></body></html>\n")
	min.Reset()
	if err := m.Minify("text/html", min, page); err != nil {
		return err
	}
	name := strings.TrimSuffix(filepath.Base(p), ".md")
	dir := filepath.Join(out, name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, "index.html"), min.Bytes(), 0o644)
}

// chromaBlocks highlights fenced code with chroma, as CSS classes.
type chromaBlocks struct{}

var classes = chromahtml.New(chromahtml.WithClasses(true))

// known keeps chroma's lexer for each language name: for a name it does
// not know ("rust,ignore") chroma tries every lexer's file name patterns,
// about a millisecond a fence, which is not a cost a build has to pay.
var known sync.Map

func lexerOf(lang string) chroma.Lexer {
	if l, ok := known.Load(lang); ok {
		return l.(chroma.Lexer)
	}
	lexer := lexers.Get(lang)
	if lexer == nil {
		lexer = lexers.Fallback
	}
	known.Store(lang, lexer)
	return lexer
}

func (chromaBlocks) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindFencedCodeBlock, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkSkipChildren, nil
		}
		block := n.(*ast.FencedCodeBlock)
		var code strings.Builder
		for i := range block.Lines().Len() {
			line := block.Lines().At(i)
			code.Write(line.Value(src))
		}
		lang := block.Language(src) // "rust,ignore", "js{hl_lines=[2]}": the language is the first word
		if i := bytes.IndexAny(lang, ",{"); i >= 0 {
			lang = lang[:i]
		}
		lexer := lexerOf(string(lang))
		tokens, err := chroma.Coalesce(lexer).Tokenise(nil, code.String())
		if err != nil {
			return ast.WalkStop, err
		}
		return ast.WalkSkipChildren, classes.Format(w, styles.Fallback, tokens)
	})
}

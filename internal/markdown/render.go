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
	Exists   func(sourcePath string) bool
}

// Problem is a broken link, located in the file.
type Problem struct {
	Line int
	Col  int // 0 when unknown
	Msg  string
	Hint string
}

// Render rewrites links and renders the body, split at worksheet markers:
// the result has len(d.Markers)+1 HTML parts.
// A Doc may be rendered again (the preview server keeps parsed files): links
// are resolved from what the author wrote each time.
func (d *Doc) Render(links Links, unsafe bool) ([]template.HTML, []Problem) {
	problems := d.rewriteLinks(links)
	md := d.conv.safe
	if unsafe {
		md = d.conv.unsafe
	}
	var buf bytes.Buffer
	if err := md.Renderer().Render(&buf, d.src, d.root); err != nil {
		problems = append(problems, Problem{Line: d.lineBase + 1, Msg: "render Markdown: " + err.Error()})
	}
	parts := strings.Split(buf.String(), sentinel)
	out := make([]template.HTML, len(parts))
	for i, p := range parts {
		out[i] = template.HTML(strings.TrimSpace(p))
	}
	return out, problems
}

func (d *Doc) rewriteLinks(links Links) []Problem {
	var problems []Problem
	ast.Walk(d.root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			dest, p := d.resolve(links, string(d.original(n, n.Destination)), false)
			n.Destination = []byte(dest)
			if p != nil {
				p.Line, p.Col = d.Position(d.offsetOf(n))
				problems = append(problems, *p)
			}
		case *ast.Image:
			dest, p := d.resolve(links, string(d.original(n, n.Destination)), true)
			n.Destination = []byte(dest)
			if p != nil {
				p.Line, p.Col = d.Position(d.offsetOf(n))
				problems = append(problems, *p)
			}
		}
		return ast.WalkContinue, nil
	})
	return problems
}

// original returns the destination of a link as the author wrote it.
func (d *Doc) original(n ast.Node, dest []byte) []byte {
	if o, ok := d.orig[n]; ok {
		return o
	}
	d.orig[n] = dest
	return dest
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
	if u, err := url.Parse(dest); err != nil || u.Scheme != "" {
		return dest, nil
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

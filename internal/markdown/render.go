package markdown

import (
	"fmt"
	"html/template"
	"net/url"
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/yuin/goldmark/ast"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/util"
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
	Base     string // the site's folder on its host, "" or "/mybook": files' URLs start with it
}

// Problem is a broken link, located in the file.
type Problem struct {
	Line int
	Col  int // 0 when unknown
	Msg  string
	Hint string
}

// Link is a link or image of a body, as the author wrote it.
type Link struct {
	Dest      string
	Line, Col int
	Image     bool
}

// links lists every link and image of the tree, in order, and gives the
// i-th the destination placeholder(i), which Resolve replaces by its URL.
func (c *conversion) links(root ast.Node) []Link {
	var links []Link
	ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			line, col := c.Position(c.offsetOf(n))
			links = append(links, Link{Dest: string(n.Destination), Line: line, Col: col})
			n.Destination = placeholder(len(links) - 1)
		case *ast.Image:
			line, col := c.Position(c.offsetOf(n))
			links = append(links, Link{Dest: string(n.Destination), Line: line, Col: col, Image: true})
			n.Destination = placeholder(len(links) - 1)
		}
		return ast.WalkContinue, nil
	})
	return links
}

// mark opens and closes a placeholder: 0xFF is never a byte of UTF-8, so
// it is in no HTML goldmark writes from a UTF-8 body, and goldmark writes a
// destination's other bytes (digits here) as they are.
const mark = 0xFF

func placeholder(i int) []byte {
	return append(strconv.AppendInt([]byte{mark}, int64(i), 10), mark)
}

// Resolve finds the URL of every link and image of the body and returns
// the body's HTML with them, split at worksheet markers (one more part
// than the body has markers), and the problems: broken links, and the
// renderer's failure if it had one. Links to other chapters (by their
// file) become the chapter's URL, links to files of content/ the file's
// URL, and links to a heading are checked against its page's ids.
func (o *Outline) Resolve(links Links) ([]template.HTML, []Problem) {
	var problems []Problem
	urls := make([][]byte, len(o.Links))
	size := len(o.html)
	for i, l := range o.Links {
		dest, p := o.resolve(links, l.Dest, l.Image)
		if p != nil {
			p.Line, p.Col = l.Line, l.Col
			problems = append(problems, *p)
		}
		// as goldmark writes a destination
		if u := util.URLEscape([]byte(dest), true); o.unsafe || !gmhtml.IsDangerousURL(u) {
			urls[i] = util.EscapeHTML(u)
		}
		size += len(urls[i])
	}
	// The body is made at its size: grown on the way, the chapters'
	// text, all kept until their pages are written, took 2.4 MB more at
	// 1,000 chapters.
	var b strings.Builder
	b.Grow(size)
	for rest := o.html; ; {
		start := strings.IndexByte(rest, mark)
		if start < 0 {
			b.WriteString(rest)
			break
		}
		end := start + 1 + strings.IndexByte(rest[start+1:], mark)
		i, _ := strconv.Atoi(rest[start+1 : end])
		b.WriteString(rest[:start])
		b.Write(urls[i])
		rest = rest[end+1:]
	}
	parts := strings.Split(b.String(), sentinel)
	out := make([]template.HTML, len(parts))
	for i, p := range parts {
		out[i] = template.HTML(strings.TrimSpace(p))
	}
	return out, append(problems, o.problems...)
}

// plainURL reports whether dest is made only of letters, digits and
// "/-_.~#": it then parses as a URL without a scheme.
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

// offsetOf finds a source offset for an inline node: its own, or its first
// text's.
func (c *conversion) offsetOf(n ast.Node) int {
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
func (d *Outline) resolve(links Links, dest string, image bool) (string, *Problem) {
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
	if md, ok := HTMLChapter(target, links.Chapters); ok && !image { // other.html, as mdBook links, means other.md
		target, file = md, strings.TrimSuffix(file, ".html")+".md"
	}
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
	out := links.Base + "/" + strings.TrimPrefix(target, "content/")
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

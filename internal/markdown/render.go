package markdown

import (
	"fmt"
	"html/template"
	"net/url"
	"path"
	"sort"
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
}

// Problem is a broken link, located in the file.
type Problem struct {
	Line int
	Col  int // 0 when unknown
	Msg  string
	Hint string
}

// Link is a link or image of a body whose destination waits for Render.
type Link struct {
	Dest      string // as the author wrote it
	Line, Col int
	Image     bool
}

// placeholders replaces every link and image destination of the tree by
// a placeholder and returns what they stand for: "%00" is kept as it is by
// goldmark's URL escaping and never written by it otherwise, and every
// destination of the document is replaced, so an author cannot forge one.
func (c *conversion) placeholders(root ast.Node) []Link {
	var links []Link
	ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		var dest *[]byte
		switch n := n.(type) {
		case *ast.Link:
			dest = &n.Destination
		case *ast.Image:
			dest = &n.Destination
		default:
			return ast.WalkContinue, nil
		}
		line, col := c.Position(c.offsetOf(n))
		_, image := n.(*ast.Image)
		links = append(links, Link{Dest: string(*dest), Line: line, Col: col, Image: image})
		*dest = fmt.Appendf(nil, "%%00%d%%00", len(links)-1)
		return ast.WalkContinue, nil
	})
	return links
}

// Render resolves the links of a converted body against the book and
// returns the body split at worksheet markers, len(d.Markers)+1 HTML
// parts, and its broken links. It does not change d.
func (d *Doc) Render(links Links) ([]template.HTML, []Problem) {
	problems := append([]Problem(nil), d.Problems...)
	urls := make([]string, len(d.Links))
	for i, l := range d.Links {
		dest, p := d.resolve(links, l.Dest, l.Image)
		if p != nil {
			p.Line, p.Col = l.Line, l.Col
			problems = append(problems, *p)
		}
		urls[i] = escapeURL(dest, l.Image, d.Unsafe)
	}
	parts := strings.Split(fillPlaceholders(d.HTML, urls), sentinel)
	out := make([]template.HTML, len(parts))
	for i, p := range parts {
		out[i] = template.HTML(strings.TrimSpace(p))
	}
	return out, problems
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

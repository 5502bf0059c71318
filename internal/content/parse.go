package content

import (
	"fmt"

	"github.com/workbook-press/workbook/internal/book"
	"github.com/workbook-press/workbook/internal/markdown"
)

// Parsed is one Markdown file read on its own: frontmatter decoded and
// validated, body parsed once into its outline and HTML. It depends only on
// the file's path and bytes and whether the book lets raw HTML through, so
// the preview server keeps it by their hash; nothing changes it once made.
type Parsed struct {
	Path    string
	Site    book.Site // for content/_index.md
	Matter  chapterMatter
	Outline *markdown.Outline
	Errors  book.Errors
	// Unread is true when the frontmatter could not be parsed at all: its
	// worksheets are unknown, so markers naming them are not errors.
	Unread bool

	shortcodes book.Errors // leftoverShortcodes
}

const indexHint = "start it with a frontmatter: a `---` line, `id: my-book`, `title: My Book`, and a `---` line"

// ParseFile splits, decodes and converts one file, passing raw HTML
// through when unsafe (content/_index.md says for itself). Problems are
// returned in Parsed.Errors, each with its line; it never panics on any
// input.
func ParseFile(p string, src []byte, unsafe bool) *Parsed {
	out := &Parsed{Path: p, Outline: conv.Convert(nil, markdown.Options{})}
	fail := func(line, col int, msg, hint string) {
		out.Errors = append(out.Errors, &book.Error{Path: p, Line: line, Col: col, Msg: msg, Hint: hint})
	}
	if len(src) == 0 {
		hint := "write a `# Title` and some text, or delete the file"
		if p == IndexPath {
			hint = indexHint
		}
		fail(1, 0, "the file is empty", hint)
		return out
	}
	s, serr := SplitFile(src)
	if serr != nil {
		serr.Path = p
		out.Errors = append(out.Errors, serr)
		return out
	}
	d := &decoder{path: p}
	if s.Format != NoFrontmatter {
		if root := d.parseFrontmatter(s); root != nil {
			if p == IndexPath {
				out.Site = d.siteMatter(root)
			} else {
				out.Matter = d.chapterMatter(root)
			}
		} else {
			out.Unread = true
		}
	} else if p == IndexPath {
		fail(1, 0, "content/_index.md has no frontmatter", indexHint)
	}
	out.Errors = append(out.Errors, d.errs...)
	if line, depth := checkNesting(s.Body); line >= 0 {
		msg, hint := nestingError(depth)
		fail(s.BodyLine+line+1, 1, msg, hint)
		return out
	}
	// Without a title in the frontmatter, the first # heading is the
	// title, which the page prints itself.
	if p == IndexPath {
		unsafe = out.Site.UnsafeHTML
	}
	out.Outline = conv.Convert(s.Body, markdown.Options{LineBase: s.BodyLine, DropTitle: out.Matter.Title == "", Unsafe: unsafe})
	for _, a := range out.Outline.BadAttrs {
		fail(a.Line, 0, fmt.Sprintf("the heading attribute %q is not allowed", a.ID),
			"only {#id} and {.class} are: put styles in assets/css (the site's Content-Security-Policy blocks inline ones)")
	}
	for _, r := range out.Outline.Repeated {
		fail(r.Line, 0, fmt.Sprintf("an earlier heading already has the id %q", r.ID),
			"give this heading its own id, e.g. `## Heading {#"+r.ID+"-2}`: links to #"+r.ID+" could only reach the first")
	}
	out.shortcodes = leftoverShortcodes(p, s.Body, s.BodyLine) // a warning, made with the parse so the preview server keeps it; the Markdown is not kept
	return out
}

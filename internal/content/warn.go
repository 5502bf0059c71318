package content

import (
	"bufio"
	"bytes"
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/workbook-press/workbook/internal/book"
	"github.com/workbook-press/workbook/internal/markdown"
)

// bookWarnings checks the home page and the chapters of a loaded book for
// what a build lets through but a reader then sees broken: raw HTML shown
// as text, leftover shortcodes, links in raw HTML that do not resolve from
// the page, and resources on other hosts that the Content-Security-Policy
// blocks. `workbook build --strict` makes them errors.
func bookWarnings(b *book.Book, index *Parsed, chapters []*Parsed) book.Errors {
	urls := make(map[string]string, len(chapters)+1)             // a file's path -> its page's URL
	targets := make(map[string]markdown.Target, len(chapters)+1) // every file a link may name
	for i, p := range chapters {
		urls[p.Path] = b.Chapters[i].URL()
		targets[p.Path] = markdown.Target{}
	}
	files := chapters
	if index != nil {
		urls[index.Path] = "" // its relative URLs resolve as written
		targets[index.Path] = markdown.Target{}
		files = append([]*Parsed{index}, chapters...)
	}
	var out book.Errors
	for _, p := range files {
		out = append(out, p.shortcodes...)
		out = append(out, remoteImages(p)...)
		out = append(out, htmlLinks(p, targets)...)
		if b.Site.UnsafeHTML {
			out = append(out, htmlReferences(p, urls[p.Path])...)
		} else {
			out = append(out, htmlAsText(p)...)
		}
	}
	sortErrors(out)
	return out
}

// htmlAsText warns once per file about raw HTML the page shows as text.
func htmlAsText(p *Parsed) book.Errors {
	var shown []markdown.HTML
	for _, h := range p.Outline.HTML {
		if !strings.HasPrefix(strings.TrimSpace(h.Text), "<!--") { // comments are dropped, not shown
			shown = append(shown, h)
		}
	}
	if len(shown) == 0 {
		return nil
	}
	more := ""
	if len(shown) > 1 {
		more = fmt.Sprintf(" (and %d more tags in this file)", len(shown)-1)
	}
	return book.Errors{{Path: p.Path, Line: shown[0].Line,
		Msg:  fmt.Sprintf("raw HTML %s will show as text on the page%s", quoteHTML(shown[0].Text), more),
		Hint: "the book's `unsafe_html` setting is off: set `unsafe_html: true` in content/_index.md to let raw HTML through, or write it in Markdown"}}
}

// shortcode finds the start of a Hugo shortcode or an mdBook directive.
var shortcode = regexp.MustCompile(`\{\{\s*[<%#]`)

// leftoverShortcodes warns about shortcodes and directives outside code,
// which show as text, and worksheet markers that share their line, in
// body, the Markdown of file path after lineBase lines of frontmatter.
func leftoverShortcodes(path string, body []byte, lineBase int) book.Errors {
	if !bytes.Contains(body, []byte("{{")) { // most chapters: no line to look at
		return nil
	}
	var out book.Errors
	fence := "" // the open fence's first three characters
	sc := bufio.NewScanner(bytes.NewReader(body))
	sc.Buffer(nil, len(body)+1)
	for n := 1; sc.Scan(); n++ {
		text := bytes.TrimSpace(sc.Bytes())
		switch {
		case fence == "" && (bytes.HasPrefix(text, []byte("```")) || bytes.HasPrefix(text, []byte("~~~"))):
			fence = string(text[:3])
			continue
		case fence != "" && len(text) >= 3 && string(text[:3]) == fence:
			fence = ""
			continue
		}
		if fence != "" || !bytes.Contains(text, []byte("{{")) {
			continue
		}
		line := string(text)
		loc := shortcode.FindStringIndex(line)
		if loc == nil || markerAlone.MatchString(line) {
			continue
		}
		at := &book.Error{Path: path, Line: lineBase + n}
		if strings.Contains(line, "worksheet") && strings.HasPrefix(line[loc[0]:], "{{<") {
			at.Msg, at.Hint = "a worksheet marker shares its line with other text, so it shows as text", "put `{{< worksheet ID >}}` on a line of its own"
		} else {
			at.Msg = fmt.Sprintf("%q is a shortcode or directive workbook does not know: it will show as text", clip(line[loc[0]:], 40))
			at.Hint = "workbook knows only `{{< worksheet ID >}}` on a line of its own: replace it with Markdown (an mdBook include: paste the included lines; workbook import mdbook does)"
		}
		out = append(out, at)
	}
	return out
}

// markerAlone is a worksheet marker on a line of its own.
var markerAlone = regexp.MustCompile(`^\{\{<\s*worksheet\s+[^\s>]*\s*>\}\}$`)

// htmlLinks notes the links to other.html that are taken as links to the
// chapter other.md, as an mdBook writes them; chapters holds every
// chapter's path.
func htmlLinks(p *Parsed, chapters map[string]markdown.Target) book.Errors {
	var out book.Errors
	for _, l := range p.Outline.Links {
		file, _, _ := strings.Cut(l.Dest, "#")
		if l.Image || !relative(file) {
			continue
		}
		if md, ok := markdown.HTMLChapter(path.Join(path.Dir(p.Path), file), chapters); ok {
			out = append(out, &book.Error{Path: p.Path, Line: l.Line, Col: l.Col,
				Msg:  fmt.Sprintf("the link to %s is taken as a link to the chapter %s", file, md),
				Hint: "write " + strings.TrimSuffix(file, ".html") + ".md, the file, as links between chapters are written"})
		}
	}
	return out
}

// remoteImages warns about Markdown images on other hosts: the
// Content-Security-Policy (img-src 'self' data:) blocks them.
func remoteImages(p *Parsed) book.Errors {
	var out book.Errors
	for _, l := range p.Outline.Links {
		if l.Image && otherHost(l.Dest) {
			out = append(out, blocked(p.Path, l.Line, "the image "+l.Dest))
		}
	}
	return out
}

func blocked(path string, line int, what string) *book.Error {
	return &book.Error{Path: path, Line: line, Msg: what + " is on another host: the site's Content-Security-Policy will block it, and readers offline could not see it anyway",
		Hint: "download it into content/ (or assets/ for fonts and styles) and link it from there"}
}

// htmlTag and htmlRef find the tags of raw HTML and their URL attributes.
var (
	htmlTag = regexp.MustCompile(`<([a-zA-Z][a-zA-Z0-9-]*)[^>]*>`)
	htmlRef = regexp.MustCompile(`(?i)\s(src|href|poster)\s*=\s*["']?([^"'\s>]+)`)
)

// htmlReferences checks the URLs in raw HTML the book lets through: a
// relative one resolves from the page's URL (/talk/), not from the
// Markdown file's folder, and a resource on another host is blocked.
// pageURL is "" for the home page, where the two are the same.
func htmlReferences(p *Parsed, pageURL string) book.Errors {
	var out book.Errors
	for _, h := range p.Outline.HTML {
		for _, t := range htmlTag.FindAllStringSubmatch(h.Text, -1) {
			tag := strings.ToLower(t[1])
			for _, m := range htmlRef.FindAllStringSubmatch(t[0], -1) {
				attr, ref := strings.ToLower(m[1]), m[2]
				switch {
				case otherHost(ref) && (attr != "href" || tag == "link"):
					out = append(out, blocked(p.Path, h.Line, fmt.Sprintf("<%s %s=%q>", tag, attr, ref)))
				case relative(ref) && pageURL != "":
					out = append(out, &book.Error{Path: p.Path, Line: h.Line,
						Msg: fmt.Sprintf("<%s %s=%q> in raw HTML is relative to the page's URL, not to the Markdown file: the browser will look for %s%s",
							tag, attr, ref, pageURL, ref),
						Hint: "write it in Markdown ([text](" + ref + ") or ![text](" + ref + ")), which the build checks and rewrites"})
				}
			}
		}
	}
	return out
}

// otherHost reports a URL on another host: http:, https: or "//host".
func otherHost(ref string) bool {
	l := strings.ToLower(ref)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") || strings.HasPrefix(l, "//")
}

// relative reports a URL that is neither absolute, root-relative, a
// fragment, nor one with a scheme (mailto:, data:).
func relative(ref string) bool {
	return ref != "" && !strings.HasPrefix(ref, "/") && !strings.HasPrefix(ref, "#") && !strings.Contains(ref, ":")
}

func quoteHTML(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	return "`" + clip(s, 40) + "`"
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

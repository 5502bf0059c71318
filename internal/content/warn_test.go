package content

import (
	"strings"
	"testing"
)

const unsafeIndex = "---\nid: test-book\ntitle: A Test Book\nunsafe_html: true\n---\n\nWelcome.\n"

func TestWarnings(t *testing.T) {
	for _, tc := range []struct {
		name   string
		unsafe bool
		body   string // of content/02-x.md, after a two-line frontmatter
		want   []string
	}{
		{"clean", false, "Text and [a link](01-start.md).\n", nil},
		{"raw HTML as text, once per file", false, "Text.\n\n<div class=\"note\">Careful</div>\n\nMore <b>bold</b>.\n",
			[]string{"content/02-x.md:6: raw HTML `<div class=\"note\">Careful</div>` will show as text on the page (and 2 more tags in this file)", "`unsafe_html`"}},
		{"an HTML comment is dropped, not shown", false, "Text.\n\n<!-- a note to myself -->\n", nil},
		{"raw HTML let through", true, "<div class=\"note\">Careful</div>\n", nil},
		{"Hugo shortcode", false, "Text.\n\n{{< figure src=\"a.png\" >}}\n", []string{`content/02-x.md:6: "{{< figure src=\"a.png\" >}}" is a shortcode or directive workbook does not know`}},
		{"mdBook include", false, "{{#include ../listing.rs}}\n", []string{`content/02-x.md:4: "{{#include ../listing.rs}}" is a shortcode`}},
		{"shortcode in a code fence is code", false, "```\n{{#include x.rs}}\n```\n", nil},
		{"shortcode after a fence is text", false, "~~~ rust\nlet x = 1;\n~~~\n\n{{#include x.rs}}\n", []string{`content/02-x.md:8: "{{#include x.rs}}" is a shortcode`}},
		{"marker not alone on its line", false, "See below: {{< worksheet w >}}\n", []string{"content/02-x.md:4: a worksheet marker shares its line"}},
		{"remote image", false, "![logo](https://example.org/logo.png)\n", []string{"content/02-x.md:4: the image https://example.org/logo.png is on another host"}},
		{"remote link is fine", false, "[site](https://example.org/)\n", nil},
		{"relative src in raw HTML", true, "Text.\n\n<img src=\"img/a.png\" alt=\"a\">\n", []string{`content/02-x.md:6: <img src="img/a.png"> in raw HTML is relative to the page's URL, not to the Markdown file: the browser will look for /x/img/a.png`}},
		{"relative href in raw HTML", true, "<a href=\"01-start.md\">start</a>\n", []string{`<a href="01-start.md"> in raw HTML is relative`}},
		{"root-relative and fragment in raw HTML", true, "<a href=\"/img/a.png\">a</a> <a href=\"#top\">top</a> <a href=\"mailto:a@b.c\">m</a>\n", nil},
		{"remote script in raw HTML", true, "<script src=\"https://cdn.example.org/x.js\"></script>\n", []string{`content/02-x.md:4: <script src="https://cdn.example.org/x.js"> is on another host`}},
		{"remote stylesheet in raw HTML", true, "<link rel=\"stylesheet\" href=\"//fonts.example.org/css\">\n", []string{`<link href="//fonts.example.org/css"> is on another host`}},
		{"an mdBook link to other.html", false, "[start](01-start.html#section-one)\n", []string{"content/02-x.md:4:1: the link to 01-start.html is taken as a link to the chapter content/01-start.md (write 01-start.md"}},
		{"remote link in raw HTML is fine", true, "<a href=\"https://example.org/\">site</a>\n", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{"content/02-x.md": "---\ntitle: X\n---\n" + tc.body}
			if tc.unsafe {
				files["content/_index.md"] = unsafeIndex
			}
			b := load(t, files, Options{})
			got := b.Warnings.Error()
			if len(tc.want) == 0 && len(b.Warnings) > 0 {
				t.Errorf("got warnings\n%s\nwant none", got)
			}
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("got warnings\n%s\nwant one with %q", got, w)
				}
			}
			if len(tc.want) > 0 && len(b.Warnings) != 1 {
				t.Errorf("got %d warnings, want 1:\n%s", len(b.Warnings), got)
			}
		})
	}
}

func TestRawHTMLAnchorsAreLinkTargets(t *testing.T) {
	files := map[string]string{
		"content/_index.md": unsafeIndex,
		"content/02-x.md":   "---\ntitle: X\n---\n<a id=\"old-heading\"></a>\n\n## New heading\n\n<p id='para'>Text.</p>\n",
		"content/03-y.md":   "---\ntitle: Y\n---\n[old](02-x.md#old-heading), [para](02-x.md#para), [new](02-x.md#new-heading).\n",
	}
	b := load(t, files, Options{})
	if body := bodyOf(chapter(t, b, "content/03-y.md")); !strings.Contains(body, `href="/x/#old-heading"`) || !strings.Contains(body, `href="/x/#para"`) {
		t.Errorf("links to raw HTML anchors: got %s", body)
	}
	// Without unsafe_html the anchor is text, so it is no target.
	files["content/_index.md"] = indexMD
	if _, err := Load(bookWith(files), Options{}); err == nil || !strings.Contains(err.Error(), `no heading with the id "old-heading"`) {
		t.Errorf("a link to a raw HTML anchor shown as text: got %v, want an error", err)
	}
}

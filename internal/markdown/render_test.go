package markdown

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func renderBody(t *testing.T, src string, unsafe bool) (string, []Problem) {
	t.Helper()
	c := New()
	links := Links{
		Self:     "content/01-a.md",
		Chapters: map[string]Target{"content/02-b.md": {URL: "/b/", IDs: map[string]bool{"there": true}}},
		Exists:   func(p string) bool { return p == "content/img/dot.png" },
	}
	parts, problems := c.Convert([]byte(src), Options{Unsafe: unsafe}).Resolve(links)
	var out []string
	for _, p := range parts {
		out = append(out, string(p))
	}
	return strings.Join(out, "|"), problems
}

func TestRenderResolvesLinksAfterTheTreeIsGone(t *testing.T) {
	html, problems := renderBody(t, "## Here\n\n[b](02-b.md#there), [self](#here), [out](https://example.org/a?b=c&d), ![dot](img/dot.png \"Dot\")\n", false)
	if len(problems) > 0 {
		t.Fatalf("got problems %v", problems)
	}
	for _, want := range []string{`<a href="/b/#there">b</a>`, `<a href="#here">self</a>`, `<a href="https://example.org/a?b=c&amp;d">out</a>`, `<img src="/img/dot.png" alt="dot" title="Dot" />`} {
		if !strings.Contains(html, want) {
			t.Errorf("got %s\nwant it to contain %s", html, want)
		}
	}
}

func TestRenderReportsBrokenLinksWithTheirLine(t *testing.T) {
	_, problems := renderBody(t, "text\n\n[gone](03-c.md) and [no](02-b.md#nowhere)\n", false)
	if len(problems) != 2 || problems[0].Line != 3 || problems[1].Line != 3 {
		t.Fatalf("got %+v, want two problems on line 3", problems)
	}
}

// An author cannot write a placeholder that the link pass fills in: not
// the 0xFF bytes that mark one (not UTF-8, so replaced), nor the form goldmark
// would escape them to.
func TestRenderPlaceholdersCannotBeForged(t *testing.T) {
	html, _ := renderBody(t, "[a](https://example.org/) [b](%000%00) `\"%000%00\"` \"%000%00\" \xff0\xff [c](\xff0\xff) %FF0%FF\n", false)
	if strings.ContainsRune(html, 0xFF) || !utf8.ValidString(html) {
		t.Errorf("a 0xFF byte went through: %q", html)
	}
	if strings.Count(html, "example.org") != 1 {
		t.Errorf("a forged placeholder was filled in: %s", html)
	}
	if !strings.Contains(html, `href="%000%00"`) {
		t.Errorf("the author's own destination was changed: %s", html)
	}
}

func TestRenderDropsDangerousURLsUnlessUnsafe(t *testing.T) {
	safe, _ := renderBody(t, "[x](javascript:alert(1))\n", false)
	if !strings.Contains(safe, `<a href="">x</a>`) {
		t.Errorf("got %s, want the javascript: URL dropped", safe)
	}
	unsafe, _ := renderBody(t, "[x](javascript:alert(1))\n", true)
	if !strings.Contains(unsafe, `href="javascript:alert(1)"`) {
		t.Errorf("got %s, want the URL kept with unsafe_html", unsafe)
	}
}

func TestConvertWithOtherLinksAndTitleDropped(t *testing.T) {
	c := New()
	src := []byte("# Title\n\n[b](02-b.md)\n")
	o := c.Convert(src, Options{DropTitle: true})
	parts, _ := o.Resolve(Links{Self: "content/01-a.md", Chapters: map[string]Target{"content/02-b.md": {URL: "/renamed/"}}})
	got := string(parts[0])
	if strings.Contains(got, "<h1") || !strings.Contains(got, `href="/renamed/"`) {
		t.Errorf("got %s, want no title and the new URL", got)
	}
	if o.Title != "Title" {
		t.Errorf("got title %q, want Title", o.Title)
	}
}

// A link inside an image's description shows as text in its alt, so its
// placeholder is not in the HTML: the links after it still get their own
// URLs. Links in footnotes come after the text, in the tree's order.
func TestRenderFillsEachLinkWithItsOwnURL(t *testing.T) {
	html, problems := renderBody(t, "![an [inner](02-b.md) link](img/dot.png) [b](02-b.md#there)[^1] ![x](img/dot.png)\n\n[^1]: See [self](#here).\n\n## Here\n", false)
	if len(problems) > 0 {
		t.Fatalf("got problems %v", problems)
	}
	for _, want := range []string{`<img src="/img/dot.png" alt="an inner link" />`, `<a href="/b/#there">b</a>`, `<img src="/img/dot.png" alt="x" />`, `See <a href="#here">self</a>`} {
		if !strings.Contains(html, want) {
			t.Errorf("got %s\nwant it to contain %s", html, want)
		}
	}
}

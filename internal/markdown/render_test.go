package markdown

import (
	"strings"
	"testing"
)

func renderBody(t *testing.T, src string, unsafe bool) (string, []Problem) {
	t.Helper()
	c := New()
	links := Links{
		Self:     "content/01-a.md",
		Chapters: map[string]Target{"content/02-b.md": {URL: "/b/", IDs: map[string]bool{"there": true}}},
		Exists:   func(p string) bool { return p == "content/img/dot.png" },
	}
	urls, problems := c.Outline([]byte(src), Options{}).Resolve(links)
	parts, more := c.Convert([]byte(src), Options{Unsafe: unsafe, URLs: urls})
	problems = append(problems, more...)
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

// An author cannot write a placeholder that the link pass fills in.
func TestRenderPlaceholdersCannotBeForged(t *testing.T) {
	html, _ := renderBody(t, "[a](https://example.org/) [b](%000%00) `\"%000%00\"` \"%000%00\"\n", false)
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
	o := c.Outline(src, Options{DropTitle: true})
	urls, _ := o.Resolve(Links{Self: "content/01-a.md", Chapters: map[string]Target{"content/02-b.md": {URL: "/renamed/"}}})
	parts, _ := c.Convert(src, Options{DropTitle: true, URLs: urls})
	got := string(parts[0])
	if strings.Contains(got, "<h1") || !strings.Contains(got, `href="/renamed/"`) {
		t.Errorf("got %s, want no title and the new URL", got)
	}
	if o.Title != "Title" {
		t.Errorf("got title %q, want Title", o.Title)
	}
}

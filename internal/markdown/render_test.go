package markdown

import (
	"reflect"
	"strings"
	"testing"
)

func renderBody(t *testing.T, src string, unsafe bool) (string, []Problem) {
	t.Helper()
	d := New().Parse([]byte(src), 0)
	links := Links{
		Self:     "content/01-a.md",
		Chapters: map[string]Target{"content/02-b.md": {URL: "/b/", IDs: map[string]bool{"there": true}}},
		Exists:   func(p string) bool { return p == "content/img/dot.png" },
	}
	parts, problems := d.Render(links, unsafe)
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

func TestRenderAgainWithOtherLinksAndTitleDropped(t *testing.T) {
	d := New().Parse([]byte("# Title\n\n[b](02-b.md)\n"), 0)
	d.Render(Links{Self: "content/01-a.md", Chapters: map[string]Target{"content/02-b.md": {URL: "/b/"}}}, false)
	d.DropTitle()
	parts, _ := d.Render(Links{Self: "content/01-a.md", Chapters: map[string]Target{"content/02-b.md": {URL: "/renamed/"}}}, false)
	got := string(parts[0])
	if strings.Contains(got, "<h1") || !strings.Contains(got, `href="/renamed/"`) {
		t.Errorf("got %s, want no title and the new URL", got)
	}
	if d.Title != "Title" {
		t.Errorf("got title %q, want Title", d.Title)
	}
}

// Everything a Doc tells the content stage must survive the build cache:
// a field added to Doc and not to docData would be lost on warm builds.
func TestCachedDocKeepsEveryExportedField(t *testing.T) {
	doc, data := reflect.TypeOf(Doc{}), reflect.TypeOf(docData{})
	for i := range doc.NumField() {
		f := doc.Field(i)
		if f.IsExported() {
			if _, ok := data.FieldByName(f.Name); !ok {
				t.Errorf("Doc.%s is not kept by the build cache: add it to docData and GobEncode/GobDecode", f.Name)
			}
		}
	}
	d := New().Parse([]byte("# T\n\n## A b\n\n[x](02-b.md)\n\n{{< worksheet w >}}\n"), 3)
	d.Prepare(false)
	enc, err := d.GobEncode()
	if err != nil {
		t.Fatal(err)
	}
	var back Doc
	if err := back.GobDecode(enc); err != nil {
		t.Fatal(err)
	}
	links := Links{Self: "content/01-a.md", Chapters: map[string]Target{"content/02-b.md": {URL: "/b/"}}}
	want, _ := d.Render(links, false)
	got, _ := back.Render(links, false)
	if !reflect.DeepEqual(got, want) || back.Title != "T" || len(back.TOC) != 1 || len(back.Markers) != 1 || back.Words != d.Words {
		t.Errorf("after the cache: got %q %+v, want %q %+v", got, back, want, d)
	}
}

package content

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/workbook-press/workbook/internal/book"
	"github.com/workbook-press/workbook/internal/memo"
)

// load loads a book that must have no errors.
func load(t *testing.T, files map[string]string, opts Options) *book.Book {
	t.Helper()
	b, err := Load(bookWith(files), opts)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return b
}

func chapter(t *testing.T, b *book.Book, path string) *book.Chapter {
	t.Helper()
	for _, c := range b.Chapters {
		if c.SourcePath == path {
			return c
		}
	}
	t.Fatalf("no chapter %s among %d", path, len(b.Chapters))
	return nil
}

func bodyOf(c *book.Chapter) string {
	var s strings.Builder
	for _, seg := range c.Segments {
		s.WriteString(string(seg.HTML))
	}
	return s.String()
}

func TestByteOrderMarkAndCRLFAccepted(t *testing.T) {
	src := "\ufeff---\r\ntitle: Windows\r\nworksheets:\r\n  - id: plan\r\n    title: P\r\n    fields: [{id: a, label: A}]\r\n---\r\n\r\n## Notes\r\n\r\nSee [the start](01-start.md#section-one).\r\n"
	b := load(t, one(src), Options{})
	c := chapter(t, b, x)
	if c.Title != "Windows" {
		t.Errorf("title: got %q, want %q", c.Title, "Windows")
	}
	if len(c.Worksheets) != 1 || c.Worksheets[0].ID != "plan" {
		t.Errorf("got worksheets %v, want one named plan", c.Worksheets)
	}
	if body := bodyOf(c); !strings.Contains(body, `href="/start/#section-one"`) || strings.Contains(body, "\r") {
		t.Errorf("body: want the link rewritten and no CR left; got %q", body)
	}

	// Line numbers still count CRLF lines once.
	_, err := Load(bookWith(one("\ufeff---\r\ntitle: W\r\n---\r\n\r\n[x](#nope)\r\n")), Options{})
	if err == nil || !strings.Contains(err.Error(), x+":5:1: link to #nope") {
		t.Errorf("got %v, want an error at %s:5:1", err, x)
	}

	// A lone CR (old Mac files) ends a line too, for YAML and for Markdown.
	_, err = Load(bookWith(one("---\rtitle: Mac\rtitel: x\r---\r\r[x](#nope)\r")), Options{})
	for _, want := range []string{x + ":3:1: chapter: unknown key \"titel\"", x + ":6:1: link to #nope"} {
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("got %v, want %s", err, want)
		}
	}
}

func TestTOMLFrontmatterAccepted(t *testing.T) {
	src := "+++\ntitle = \"In TOML\"\nweight = -1\n\n[[worksheets]]\nid = \"plan\"\ntitle = \"P\"\nfields = [{id = \"a\", label = \"A\", type = \"scale\", min = 1, max = 5}]\n+++\nText.\n"
	b := load(t, one(src), Options{})
	c := b.Chapters[0]
	if c.SourcePath != x || c.Title != "In TOML" {
		t.Fatalf("first chapter: got %s %q, want %s (weight -1) titled %q", c.SourcePath, c.Title, x, "In TOML")
	}
	f := c.Worksheets[0].Fields[0]
	if f.Type != book.Scale || f.Min != 1 || f.Max != 5 {
		t.Errorf("field: got %+v, want a scale from 1 to 5", f)
	}
}

func TestRawHTMLEscapedUnlessOptedIn(t *testing.T) {
	src := "# X\n\n<script>alert(1)</script>\n\nSome <b onclick=\"x()\">bold</b> text.<!-- inline note -->\n\n<!-- A note\nto myself -->\n\n[a](javascript:alert(1)) [b](JavaScript:alert(1)) ![c](data:text/html;base64,PHNjcmlwdD4=) <javascript:alert(2)>\n"
	body := bodyOf(chapter(t, load(t, one(src), Options{}), x))
	for _, bad := range []string{"<script", "<b ", "onclick=\"", "note", "&lt;!--", `href="javascript`, `href="JavaScript`, `src="data:text/html`} {
		if strings.Contains(body, bad) {
			t.Errorf("without unsafe_html the body contains %q:\n%s", bad, body)
		}
	}
	for _, good := range []string{"&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;b onclick=&quot;x()&quot;&gt;bold&lt;/b&gt;"} {
		if !strings.Contains(body, good) {
			t.Errorf("without unsafe_html the body lacks the escaped %q:\n%s", good, body)
		}
	}

	files := one(src)
	files[IndexPath] = "---\nid: b\ntitle: T\nunsafe_html: true\n---\n"
	body = bodyOf(chapter(t, load(t, files, Options{}), x))
	if !strings.Contains(body, "<script>alert(1)</script>") || !strings.Contains(body, `<b onclick="x()">bold</b>`) {
		t.Errorf("with unsafe_html: true the raw HTML should pass through:\n%s", body)
	}
}

func TestChapterOrderSlugsAndTitles(t *testing.T) {
	b := load(t, map[string]string{
		"content/02-b.md":         "---\ntitle: \"  B \"\nweight: 5\n---\n",
		"content/03-a.md":         "---\ntitle: A\nslug: first-things\nweight: -5\n---\n",
		"content/10-draft.md":     "---\ntitle: D\ndraft: true\n---\n",
		"content/part/04-deep.md": "# Deep *one*\n\nText here.\n",
		"content/_notes.md":       "ignored: [",
		"content/.hidden.md":      "ignored: [",
	}, Options{})
	var got []string
	for _, c := range b.Chapters {
		got = append(got, c.URL()+" "+c.Title)
	}
	want := "/first-things/ A|/start/ Start|/part/deep/ Deep one|/b/ B"
	if strings.Join(got, "|") != want {
		t.Errorf("chapters:\ngot  %s\nwant %s", strings.Join(got, "|"), want)
	}
	deep := chapter(t, b, "content/part/04-deep.md")
	if strings.Contains(bodyOf(deep), "<h1") {
		t.Errorf("a title taken from the first heading must not be repeated in the body: %s", bodyOf(deep))
	}
	if b.Chapters[1].Prev != b.Chapters[0] || b.Chapters[1].Next != b.Chapters[2] {
		t.Errorf("prev/next not linked in reading order")
	}

	b = load(t, map[string]string{"content/10-draft.md": "---\ntitle: D\ndraft: true\n---\n"}, Options{Drafts: true})
	if len(b.Chapters) != 2 {
		t.Errorf("with Drafts: got %d chapters, want 2 (the draft kept)", len(b.Chapters))
	}
}

func TestWorksheetsPlacedAtMarkers(t *testing.T) {
	src := "---\ntitle: X\nworksheets:\n  - {id: one, title: One, fields: [{id: a, label: A}]}\n  - {id: two, title: Two, fields: [{id: a, label: A}]}\n  - {id: three, title: Three, fields: [{id: a, label: A}]}\n---\n\nBefore.\n\n{{< worksheet two >}}\n\nBetween.\n\n{{< worksheet one >}}\n\nAfter.\n"
	c := chapter(t, load(t, one(src), Options{}), x)
	var got []string
	for _, s := range c.Segments {
		if s.Worksheet != nil {
			got = append(got, "ws:"+s.Worksheet.ID)
		} else {
			got = append(got, strings.TrimSuffix(strings.TrimPrefix(string(s.HTML), "<p>"), "</p>"))
		}
	}
	want := "Before.|ws:two|Between.|ws:one|After.|ws:three"
	if strings.Join(got, "|") != want {
		t.Errorf("segments:\ngot  %s\nwant %s", strings.Join(got, "|"), want)
	}
	if c.Worksheets[0].Chapter != c {
		t.Errorf("worksheet does not point back at its chapter")
	}
}

func TestLinksRewritten(t *testing.T) {
	files := map[string]string{
		IndexPath:                 indexMD + "\n## Before you begin\n",
		"content/part/04-deep.md": "# Deep\n\n[Home](../_index.md#before-you-begin), [start](../01-start.md), ![dot](../img/a.png), [web](https://example.org/x.md), [mail](mailto:a@example.org), [top](#deep).\n",
	}
	body := bodyOf(chapter(t, load(t, files, Options{}), "content/part/04-deep.md"))
	for _, want := range []string{`href="/#before-you-begin"`, `href="/start/"`, `src="/img/a.png"`, `href="https://example.org/x.md"`, `href="mailto:a@example.org"`, `href="#deep"`} {
		if !strings.Contains(body, want) {
			t.Errorf("body lacks %s:\n%s", want, body)
		}
	}
}

// TestUnreadableFile: a chapter that cannot be read (a link to a missing
// file) is an error, not a crash.
func TestUnreadableFile(t *testing.T) {
	dir := t.TempDir()
	for p, data := range map[string]string{IndexPath: indexMD, "content/01-start.md": startMD} {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755)
		os.WriteFile(filepath.Join(dir, p), []byte(data), 0o644)
	}
	if err := os.Symlink("nowhere.md", filepath.Join(dir, "content", "02-gone.md")); err != nil {
		t.Skip("no symlinks here:", err)
	}
	_, err := Load(os.DirFS(dir), Options{})
	if err == nil || !strings.Contains(err.Error(), "content/02-gone.md: cannot read the file") {
		t.Errorf("got %v, want an error naming content/02-gone.md", err)
	}
}
func TestHeadingIDsAvoidTheLayoutsIDs(t *testing.T) {
	body := bodyOf(chapter(t, load(t, one("# X\n\n## Main\n\n## Contents\n\n## Contents\n\nSee [above](#main-1).\n"), Options{}), x))
	for _, want := range []string{`<h2 id="main-1">Main</h2>`, `<h2 id="contents-1">Contents</h2>`, `<h2 id="contents-2">Contents</h2>`} {
		if !strings.Contains(body, want) {
			t.Errorf("body lacks %s:\n%s", want, body)
		}
	}
}

// TestRepeatableWorksheets reads repeat: in YAML and TOML; a worksheet
// without it keeps one set of answers.
func TestRepeatableWorksheets(t *testing.T) {
	cases := []struct {
		name, src string
		want      map[string]bool
	}{
		{"YAML", "---\ntitle: X\nworksheets:\n  - {id: journal, title: J, repeat: true, fields: [{id: a, label: A}]}\n  - {id: once, title: O, fields: [{id: a, label: A}]}\n  - {id: off, title: F, repeat: false, fields: [{id: a, label: A}]}\n  - {id: yes, title: Y, repeat: yes, fields: [{id: a, label: A}]}\n---\n",
			map[string]bool{"journal": true, "once": false, "off": false, "yes": true}},
		{"TOML", "+++\ntitle = \"X\"\n[[worksheets]]\nid = \"journal\"\ntitle = \"J\"\nrepeat = true\nfields = [{id = \"a\", label = \"A\"}]\n+++\n",
			map[string]bool{"journal": true}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := map[string]bool{}
			for _, ws := range chapter(t, load(t, one(tc.src), Options{}), x).Worksheets {
				got[ws.ID] = ws.Repeat
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.want) {
				t.Errorf("repeat by worksheet: got %v, want %v", got, tc.want)
			}
		})
	}
}

// TestMemoisedLoadEqualsPlainLoad: the preview server's memo keeps parses
// between loads; a load through it gives the book a plain load gives, the
// second time too, and after the linked chapter moved.
func TestMemoisedLoadEqualsPlainLoad(t *testing.T) {
	files := map[string]string{
		"content/_index.md": "---\nid: b\ntitle: B\n---\n\nSee [the end](02-b.md#end).\n",
		"content/01-a.md":   "---\ntitle: A\nworksheets:\n  - {id: one, title: One, fields: [{id: a, label: A}]}\n---\n\nBefore [b](02-b.md#end).\n\n{{< worksheet one >}}\n\nAfter.\n",
		"content/02-b.md":   "---\ntitle: B\n---\n\nSee [a](01-a.md).\n\n## End\n\nDone.\n",
	}
	m := memo.New()
	for build := range 3 {
		if build == 2 {
			files["content/02-b.md"] = "---\ntitle: B\nslug: moved\n---\n\nSee [a](01-a.md).\n\n## End\n\nDone.\n"
		}
		plain, memoised := load(t, files, Options{}), load(t, files, Options{Memo: m})
		m.Sweep()
		if memoised.Home.Body != plain.Home.Body {
			t.Errorf("build %d: home %q, want %q", build, memoised.Home.Body, plain.Home.Body)
		}
		for i, c := range memoised.Chapters {
			if got, want := bodyOf(c), bodyOf(plain.Chapters[i]); got != want || want == "" {
				t.Errorf("build %d, %s: body %q, want %q", build, c.SourcePath, got, want)
			}
		}
	}
}

// TestRewordedOptions: an option may be plain words or {label, was}; the
// field offers the labels in order and carries the earlier words, in YAML
// and TOML alike.
func TestRewordedOptions(t *testing.T) {
	cases := []struct{ name, src string }{
		{"YAML", "---\ntitle: X\nworksheets:\n  - id: w\n    title: W\n    fields:\n      - {id: c, type: checklist, label: C, options: [\"Keep\", {label: \"Walk daily\", was: [\"Walk\", \"Go for a walk\"]}, {label: \"Rest\"}]}\n---\n"},
		{"TOML", "+++\ntitle = \"X\"\n[[worksheets]]\nid = \"w\"\ntitle = \"W\"\nfields = [{id = \"c\", type = \"checklist\", label = \"C\", options = [\"Keep\", {label = \"Walk daily\", was = [\"Walk\", \"Go for a walk\"]}, {label = \"Rest\"}]}]\n+++\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			f := chapter(t, load(t, one(tc.src), Options{}), x).Worksheets[0].Fields[0]
			if got := strings.Join(f.Options, "|"); got != "Keep|Walk daily|Rest" {
				t.Errorf("options %q", got)
			}
			if got, want := f.OptionWasJSON(), `[{"label":"Walk daily","was":["Walk","Go for a walk"]}]`; got != want {
				t.Errorf("option was JSON %s, want %s", got, want)
			}
		})
	}
}

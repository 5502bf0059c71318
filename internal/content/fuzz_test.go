package content

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/workbook-press/workbook/internal/book"
)

// seeds are inputs the fuzzers start from; the corpus in testdata/fuzz adds
// the ones that once failed.
var seeds = []string{
	"",
	"# Title\n\nText.\n",
	"---\ntitle: T\n---\nBody\n",
	"\ufeff---\r\ntitle: T\r\n---\r\n\r\nBody\r\n",
	"+++\ntitle = \"T\"\n[[worksheets]]\nid = \"a\"\n+++\n",
	"---\ntitle: [\n---\n",
	"---\ntitle: T\n",
	"---   \n---\n",
	"+++\n+++",
	"---\ntitle: T\nworksheets:\n  - id: plan\n    title: P\n    fields:\n      - {id: a, type: scale, label: A, min: 0, max: 10}\n      - {id: b, type: choice, label: B, options: [x, y], was: [c]}\n---\n\n{{< worksheet plan >}}\n",
	"# T\n\n[a](01-start.md#section-one) ![i](img/a.png) [b](#t) [c](x.md)\n",
	"# T\n\n<div>\n<script>x</script>\n</div>\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [ ] task\n\nterm\n: definition\n\n[^1]\n\n[^1]: note\n",
	"\xff\xfe---\n",
	"---\nid: &a [*a]\n---\n",
	"---\n? [a, b]\n: c\n---\n",
	"+++\ntitle = \"T\"\n[[worksheets]]\nid = \"a\"\ntitle = \"A\"\n[[worksheets.fields]]\nid = \"f\"\nlabel = \"F\"\ntype = \"scale\"\nmin = 1\nmax = 1999-01-01\n+++\n",
	"+++\nworksheets = [{id = \"a\", fields = [{id = 1, options = [[1]]}]}]\n\"title\" = \"x\"\n+++\n{{< worksheet a >}}\n",
	"---\ntitle: T\ndraft: true\nslug: start\n---\n[h](_index.md#x) [d](../content/02-x.md) ![](img/../img/a.png?x#y)\n",
	"---\ntitle: T\nworksheets:\n  - id: a\n    title: A\n    fields:\n      - {id: x, type: list, label: L, min: 99, max: 2, options: [\"\", a, a], was: [x, Y, y]}\n---\n",
	// Shapes whose cost once grew faster than their size (cost_test.go).
	"# T\n\n" + strings.Repeat("[a](01-start.md) [b](missing.md) ", 200) + "\n",
	"# T\n\n" + strings.Repeat("  ", 40) + "- deep\n" + strings.Repeat("- ", 40) + "x\n" + strings.Repeat("> ", 40) + "q\n",
	"# T\n\n```\n" + strings.Repeat(" ", 200) + "- in code\n```\n1. 2) - * + > x\n",
}

func FuzzSplitFile(f *testing.F) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		s, err := SplitFile(src)
		lines := lineCount(src)
		if err != nil {
			if err.Line < 1 || err.Line > lines {
				t.Fatalf("error at line %d of a %d-line file: %s", err.Line, lines, err.Msg)
			}
			return
		}
		if s.Format == NoFrontmatter {
			if len(s.Frontmatter) != 0 || s.BodyLine != 0 {
				t.Fatalf("no frontmatter but got %q, body line %d", s.Frontmatter, s.BodyLine)
			}
			return
		}
		// The frontmatter and body lines add up to the file's lines.
		fm := bytes.Count(s.Frontmatter, []byte("\n"))
		if s.FrontLine != 2 || s.BodyLine != s.FrontLine+fm {
			t.Fatalf("frontmatter of %d lines from line %d, body after line %d", fm, s.FrontLine, s.BodyLine)
		}
		if s.BodyLine > lines {
			t.Fatalf("body after line %d of a %d-line file", s.BodyLine, lines)
		}
	})
}

// lineCount counts lines as an editor does: LF, CRLF and a lone CR each
// end one.
func lineCount(src []byte) int {
	return 1 + bytes.Count(normalizeNewlines(src), []byte("\n"))
}

// checkErrors fails when an error has no usable position.
func checkErrors(t *testing.T, errs book.Errors, lines int) {
	t.Helper()
	for _, e := range errs {
		if e.Path == "" || e.Msg == "" {
			t.Fatalf("error without path or message: %#v", e)
		}
		if e.Line < 1 || e.Line > lines || e.Col < 0 {
			t.Fatalf("%v: line %d, column %d not in a %d-line file", e, e.Line, e.Col, lines)
		}
	}
}

func FuzzParseFile(f *testing.F) {
	for _, s := range seeds {
		f.Add([]byte(s), false)
	}
	f.Fuzz(func(t *testing.T, src []byte, index bool) {
		p := "content/02-x.md"
		if index {
			p = IndexPath
		}
		parsed := ParseFile(p, src, false)
		if parsed.Outline == nil {
			t.Fatal("ParseFile returned no Outline")
		}
		checkErrors(t, parsed.Errors, lineCount(src))
	})
}

// FuzzLoad loads a book whose one chapter is the input, through every step
// of the content stage, links and worksheets included.
func FuzzLoad(f *testing.F) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		fsys := fstest.MapFS{
			"content/_index.md":   {Data: []byte(indexMD)},
			"content/01-start.md": {Data: []byte(startMD)},
			"content/img/a.png":   {Data: []byte("png")},
			"content/02-x.md":     {Data: src},
		}
		b, err := Load(fsys, Options{})
		if err == nil {
			if b == nil || len(b.Chapters) > 2 {
				t.Fatalf("no error, but book %v", b)
			}
			return
		}
		var errs book.Errors
		if !errors.As(err, &errs) {
			t.Fatalf("got %T %v, want book.Errors", err, err)
		}
		for _, e := range errs {
			if e.Path != "content/02-x.md" && !strings.Contains(e.Msg, "is also the URL of") {
				t.Fatalf("error in a file that did not change: %v", e)
			}
		}
		checkErrors(t, errs, lineCount(src))
	})
}

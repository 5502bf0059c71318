package site

import (
	"bytes"
	"context"
	"fmt"
	stdhtml "html"
	"os"
	"path"
	"strings"
	"testing"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/html"
)

// fixtureBook is the book the render golden tests use: every Markdown
// feature, a worksheet, parts.
func fixtureBook() Config {
	return Config{Project: os.DirFS("../render/testdata/book"), BaseURL: "https://golden.example"}
}

// TestMinifiedOutputIsSmallerAndEquivalent builds the fixture book with and
// without minifying and checks that every minified page is smaller and
// still has the same elements, attributes and text.
func TestMinifiedOutputIsSmallerAndEquivalent(t *testing.T) {
	plain, small := fixtureBook(), fixtureBook()
	small.Minify = true
	a, err := Build(context.Background(), plain)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Build(context.Background(), small)
	if err != nil {
		t.Fatal(err)
	}
	if b.Bytes >= a.Bytes {
		t.Errorf("minified site: %d bytes, unminified %d; want smaller", b.Bytes, a.Bytes)
	}
	checked := 0
	for _, e := range a.Output.Entries() {
		ext := path.Ext(e.Path)
		if !strings.Contains(".html .css .js .svg .xml .webmanifest", ext) {
			continue
		}
		big, _ := a.Output.File(e.Path)
		min, ok := b.Output.File(e.Path)
		if !ok {
			t.Errorf("%s: missing from the minified build", e.Path)
			continue
		}
		if len(min) > len(big) {
			t.Errorf("%s: minified %d bytes, unminified %d", e.Path, len(min), len(big))
		}
		if ext == ".html" {
			checked++
			if got, want := outline(min), outline(big); got != want {
				t.Errorf("%s: minified page differs from the unminified one:\n%s", e.Path, firstDifference(got, want))
			}
		}
	}
	if checked < 5 {
		t.Errorf("compared %d HTML pages, want every page of the book", checked)
	}
}

// outline lists a page's tags, attributes and text, one per line, with
// whitespace runs collapsed: what a reader and a browser get from it.
func outline(page []byte) string {
	var b strings.Builder
	l := html.NewLexer(parse.NewInputBytes(page))
	for {
		tt, data := l.Next()
		switch tt {
		case html.ErrorToken:
			if l.Err() != nil && l.Err().Error() != "EOF" {
				fmt.Fprintf(&b, "error %v\n", l.Err())
			}
			return b.String()
		case html.StartTagToken, html.EndTagToken:
			fmt.Fprintf(&b, "%s %s\n", tt, bytes.ToLower(l.Text()))
		case html.AttributeToken:
			val := stdhtml.UnescapeString(strings.Trim(string(l.AttrVal()), `"'`))
			if strings.HasPrefix(val, "width=") { // the viewport's list loses its spaces
				val = strings.ReplaceAll(val, ", ", ",")
			}
			fmt.Fprintf(&b, "  %s=%q\n", bytes.ToLower(l.AttrKey()), strings.Join(strings.Fields(val), " "))
		case html.TextToken:
			if text := strings.Join(strings.Fields(stdhtml.UnescapeString(string(data))), " "); text != "" {
				fmt.Fprintf(&b, "  text %q\n", text)
			}
		}
	}
}

func firstDifference(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return fmt.Sprintf("entry %d: got %s, want %s", i, g[i], w[i])
		}
	}
	return fmt.Sprintf("got %d entries, want %d", len(g), len(w))
}

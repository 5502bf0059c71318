package render

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/workbook-press/workbook"
	"github.com/workbook-press/workbook/internal/assets"
	"github.com/workbook-press/workbook/internal/book"
	"github.com/workbook-press/workbook/internal/content"
	"github.com/workbook-press/workbook/internal/i18n"
	"github.com/workbook-press/workbook/internal/markdown"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// golden lists the pages compared with testdata/golden: every kind this
// package owns the shape of. (The print and offline pages have tests of
// their own.)
var golden = map[string]bool{
	Home: true, Chapter: true, NotFound: true, Sitemap: true, Robots: true, "contents": true,
}

// english is the theme's English table.
func english(t testing.TB) *i18n.Table {
	t.Helper()
	tab, _, err := i18n.Load(workbook.Theme, nil, "en", "")
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

// fixture loads testdata/book with the embedded theme. Asset URLs keep
// their source names, so a change to a stylesheet does not touch every
// golden file; they must still name an asset that exists.
func fixture(t testing.TB) (*book.Book, *Renderer) {
	t.Helper()
	b, err := content.Load(os.DirFS("testdata/book"), content.Options{BaseURL: "https://golden.example/"})
	if err != nil {
		t.Fatal(err)
	}
	themeAssets, _ := fs.Sub(workbook.Theme, "assets")
	set, err := assets.Build(themeAssets, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := set.Add("css/page-names.css", PageNamesCSS(b)); err != nil { // as the site stage does
		t.Fatal(err)
	}
	if err := errors.Join(set.Add("js/strings.json", nil), set.Add("contents.html", nil)); err != nil { // likewise
		t.Fatal(err)
	}
	layouts, _ := fs.Sub(workbook.Theme, "layouts")
	r, err := New(layouts, Options{AssetURL: func(name string) (string, error) {
		if _, err := set.URL(name); err != nil {
			return "", err
		}
		return "/assets/" + name, nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	if r, err = r.WithStrings(english(t)); err != nil {
		t.Fatal(err)
	}
	return b, r
}

// TestGoldenPages renders the fixture book and compares each page with its
// golden file; run with -update to rewrite them, then review the diff.
func TestGoldenPages(t *testing.T) {
	b, r := fixture(t)
	for _, j := range append(Plan(b), Job{Kind: "contents", Path: "contents.html"}) {
		if !golden[j.Kind] {
			continue
		}
		var buf bytes.Buffer
		render := func() error { return r.Render(&buf, j) }
		if j.Kind == "contents" { // the sidebar's list, an asset made once (site.ContentsAsset)
			render = func() error { return r.Contents(&buf, b) }
		}
		if err := render(); err != nil {
			t.Fatalf("%s: %v", j.Path, err)
		}
		path := filepath.Join("testdata", "golden", filepath.FromSlash(j.Path))
		if *update {
			os.MkdirAll(filepath.Dir(path), 0o755)
			if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test ./internal/render -update)", err)
		}
		if got := buf.String(); got != string(want) {
			t.Errorf("%s differs from %s (run with -update and review the diff):\n%s", j.Path, path, firstDiff(got, string(want)))
		}
	}
}

// firstDiff shows the first line where got and want part.
func firstDiff(got, want string) string {
	g, w := strings.Split(got, "\n"), strings.Split(want, "\n")
	for i := 0; i < len(g) || i < len(w); i++ {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\ngot  %s\nwant %s", i+1, gl, wl)
		}
	}
	return ""
}

// TestLayoutIDsKnownToMarkdown: every fixed id in the default layouts is
// one markdown keeps headings from taking, so no page has an id twice.
func TestLayoutIDsKnownToMarkdown(t *testing.T) {
	fixed := regexp.MustCompile(`\bid="([^"{]+)"`)
	err := fs.WalkDir(workbook.Theme, "layouts", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, _ := fs.ReadFile(workbook.Theme, p)
		for _, m := range fixed.FindAllStringSubmatch(string(src), -1) {
			if !slices.Contains(markdown.LayoutIDs, m[1]) {
				t.Errorf("%s: id %q is not in markdown.LayoutIDs; a heading could take it too", p, m[1])
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestSyntaxCSSOnlyWithCode: css/syntax.css is linked by the pages that
// show highlighted code (the fixture's "markdown" chapter and the whole
// book to print) and by no other.
func TestSyntaxCSSOnlyWithCode(t *testing.T) {
	b, r := fixture(t)
	want := map[string]bool{"markdown/index.html": true, "print/book/index.html": true}
	for _, j := range Plan(b) {
		if layoutOf[j.Kind] == "" {
			continue
		}
		var buf bytes.Buffer
		if err := r.Render(&buf, j); err != nil {
			t.Fatalf("%s: %v", j.Path, err)
		}
		if got := strings.Contains(buf.String(), "css/syntax.css"); got != want[j.Path] {
			t.Errorf("%s: links syntax.css: got %v, want %v", j.Path, got, want[j.Path])
		}
	}
}

// TestScriptStrings: a page's data block holds the strings its script
// names, and js/strings.json all of them.
func TestScriptStrings(t *testing.T) {
	tab := english(t)
	some, err := ScriptStrings(tab, []byte(`say(t("saving")); t("cancel", {n}); "not_a_key"`))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(some), `{"cancel":"Cancel","saving":"Saving…"}`; got != want {
		t.Errorf("ScriptStrings for a script = %s, want %s", got, want)
	}
	all, _ := ScriptStrings(tab, nil)
	if got, want := strings.Count(string(all), `":`), len(tab.Section(i18n.Script)); got < want {
		t.Errorf("ScriptStrings(nil) holds %d strings, want all %d", got, want)
	}
}

package site

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"image"
	_ "image/png"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/workbook-press/workbook/internal/publish"
)

var (
	swAttr       = regexp.MustCompile(`data-sw="?/sw\.js"?[ >]`)
	manifestLink = regexp.MustCompile(`<link rel="?manifest"? href="?/manifest\.webmanifest"?>`)
)

func TestServiceWorkerOnlyOutsidePreview(t *testing.T) {
	for _, preview := range []bool{false, true} {
		res, err := Build(context.Background(), Config{Project: project(), Minify: true, Preview: preview})
		if err != nil {
			t.Fatal(err)
		}
		if _, has := res.Output.File("sw.js"); has == preview {
			t.Errorf("preview=%v: sw.js published: %v", preview, has)
		}
		for _, e := range res.Output.Entries() {
			// The theme's blank page for "Leave quickly" is an asset, not a page of the book.
			if !strings.HasSuffix(e.Path, ".html") || strings.HasPrefix(e.Path, "assets/") {
				continue
			}
			page, _ := res.Output.File(e.Path)
			if got := swAttr.Match(page); got == preview {
				t.Errorf("preview=%v: %s has data-sw=/sw.js: %v", preview, e.Path, got)
			}
			if !manifestLink.Match(page) {
				t.Errorf("%s does not link /manifest.webmanifest", e.Path)
			}
		}
	}
}

func TestPrecacheBudgetComesFromTheBook(t *testing.T) {
	for _, tc := range []struct {
		budget   string
		note     string
		chapters string // where /first/ is listed
	}{
		{"", "the whole book", "PRECACHE"},
		{"precache_budget: 1\n", "over precache_budget 1 kB", "LATER"},
	} {
		proj := project()
		proj["content/_index.md"] = &fstest.MapFile{Data: []byte("---\nid: test-book\ntitle: A Test Book\n" + tc.budget + "---\n\nWelcome.\n")}
		res, err := Build(context.Background(), Config{Project: proj})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Notes) == 0 || !strings.HasPrefix(res.Notes[0], "offline: ") || !strings.Contains(res.Notes[0], tc.note) {
			t.Errorf("budget %q: got notes %q, want the first saying %q", tc.budget, res.Notes, tc.note)
		}
		sw, _ := res.Output.File("sw.js")
		m := regexp.MustCompile(`const (PRECACHE|LATER) = .*"/first/"`).FindSubmatch(sw)
		if m == nil || string(m[1]) != tc.chapters {
			t.Errorf("budget %q: /first/ is not in %s of sw.js:\n%.600s", tc.budget, tc.chapters, sw)
		}
	}
}

func TestManifestResolves(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	res, err := Build(context.Background(), Config{Project: project(), Out: out, Minify: true, BaseURL: "https://example.org/"})
	if err != nil {
		t.Fatal(err)
	}
	files := tree(t, out)
	var m struct {
		ID, Name, StartURL, Scope, ShortName string
		Icons                                []struct{ Src, Sizes, Type, Purpose string }
	}
	data := files["manifest.webmanifest"]
	if err := json.Unmarshal([]byte(strings.NewReplacer("start_url", "starturl", "short_name", "shortname").Replace(data)), &m); err != nil {
		t.Fatalf("manifest.webmanifest: %v\n%s", err, data)
	}
	if m.Name != "A Test Book" || m.ShortName == "" || len([]rune(m.ShortName)) > 12 || m.StartURL != "/" || m.Scope != "/" || m.ID != "/" {
		t.Errorf("manifest: got %+v, want the book's name, a short name, and start_url, scope and id \"/\"", m)
	}
	kinds := map[string]bool{}
	for _, icon := range m.Icons {
		file, ok := files[strings.TrimPrefix(icon.Src, "/")]
		if !ok || !strings.HasPrefix(icon.Src, "/assets/") {
			t.Errorf("manifest icon %s is not a published asset", icon.Src)
			continue
		}
		kinds[icon.Type+" "+icon.Sizes+" "+icon.Purpose] = true
		if icon.Type != "image/png" {
			continue
		}
		cfg, _, err := image.DecodeConfig(bytes.NewReader([]byte(file)))
		if got := fmt.Sprintf("%dx%d", cfg.Width, cfg.Height); err != nil || got != icon.Sizes {
			t.Errorf("manifest icon %s: got a %s PNG (error %v), the manifest says %s", icon.Src, got, err, icon.Sizes)
		}
	}
	for _, want := range []string{"image/svg+xml any ", "image/png 192x192 ", "image/png 512x512 ", "image/png 512x512 maskable"} {
		if !kinds[want] {
			t.Errorf("manifest has no %q icon; got %v", want, kinds)
		}
	}
	if res.Book.Site.BaseURL != "https://example.org" {
		t.Errorf("base URL: got %q", res.Book.Site.BaseURL)
	}
}

// TestServiceWorkerListsEveryFileOnTheSite: the worker only ever downloads
// the files of its lists, so they must all be on the site, and be all of it.
func TestServiceWorkerListsEveryFileOnTheSite(t *testing.T) {
	res, err := Build(context.Background(), Config{Project: project()})
	if err != nil {
		t.Fatal(err)
	}
	sw, _ := res.Output.File("sw.js")
	listed := map[string]bool{}
	for _, m := range regexp.MustCompile(`"url":"([^"]*)","revision":"([0-9a-f]{16})"`).FindAllSubmatch(sw, -1) {
		listed[string(m[1])] = true
	}
	for _, e := range res.Output.Entries() {
		url := publish.PageURL(e.Path)
		want := e.Path != "sw.js" && e.Path != "404.html" && e.Path != "sitemap.xml" && e.Path != "robots.txt"
		if listed[url] != want {
			t.Errorf("%s: listed in sw.js with a revision: %v, want %v", url, listed[url], want)
		}
		delete(listed, url)
	}
	for url := range listed {
		t.Errorf("sw.js lists %s, which the site does not publish", url)
	}
}

// TestSearchIndexSizeIsReported: the build tells the author how large the
// search index is against the reading pages' HTML, and the index holds the
// book's text, not its markup.
func TestSearchIndexSizeIsReported(t *testing.T) {
	res, err := Build(context.Background(), Config{Project: os.DirFS("../..")})
	if err != nil {
		t.Fatal(err)
	}
	index, _ := res.Output.File(SearchIndex)
	var pages int
	for _, c := range res.Book.Chapters {
		page, _ := res.Output.File(c.OutputPath())
		pages += len(page)
	}
	want := fmt.Sprintf("search: the index is %s, ", kB(int64(len(index))))
	if !slices.ContainsFunc(res.Notes, func(n string) bool {
		return strings.HasPrefix(n, want) && strings.Contains(n, "% of the size of the reading pages' HTML")
	}) {
		t.Errorf("notes %q: want one starting %q", res.Notes, want)
	}
	// Markup in the index, or the print pages' copy of the text, would
	// take it near the chapters' own size; their text alone is about a
	// quarter of it.
	t.Logf("the search index: %d bytes; the chapter pages: %d bytes", len(index), pages)
	if len(index) == 0 || len(index)*100 > pages*40 {
		t.Errorf("the search index is %d bytes against %d bytes of chapter pages: want at most 40%%", len(index), pages)
	}
}

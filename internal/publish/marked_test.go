package publish

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/workbook-press/workbook/internal/cache"
)

// section is one chapter of a page made of pieces, as a layout's
// {{cached}} call writes it: whitespace around a block.
func section(i int, extra string) string {
	return fmt.Sprintf("\n  <section class=\"print-chapter\" id=\"c%d\">\n  <h2>Chapter %d</h2>\n  <p>Some <em>inline</em>   text%s <a href=\"/x/\">link</a> </p>\n"+
		"  <pre><code>keep   this\n  </code></pre>\n</section>\n", i, i, extra)
}

// writeMarkedPage writes a page of n sections through WriteFrom, each
// section recalled from pieces when kept, marked otherwise, in writes of
// odd sizes, and returns what the page would be without pieces.
func writeMarkedPage(t *testing.T, out *Output, n int, edited int) []byte {
	t.Helper()
	ps := out.Pieces()
	if ps == nil {
		t.Fatal("no Pieces for a build to disk with its cache on disk")
	}
	var plain, marked strings.Builder
	head := "<!doctype html>\n<html lang=\"en\">\n<head><title>Book</title></head>\n<body>\n<main>\n<h1>The   book</h1>\n"
	plain.WriteString(head)
	marked.WriteString(head)
	for i := range n {
		extra := ""
		if i == edited {
			extra = ", edited"
		}
		s := section(i, extra)
		key := cache.NewKey("test").String(s).Key()
		plain.WriteString(s)
		if m, ok := ps.Recall(key); ok {
			marked.WriteString(m)
		} else {
			marked.WriteString(ps.Mark(key, s))
		}
		plain.WriteString("  <p>Between   pieces.</p>")
		marked.WriteString("  <p>Between   pieces.</p>")
	}
	tail := "\n</main>\n</body>\n</html>\n"
	plain.WriteString(tail)
	marked.WriteString(tail)
	var buf bytes.Buffer
	page := []byte(marked.String())
	err := out.WriteFrom("print/book/index.html", &buf, func(w io.Writer) error {
		for p := page; len(p) > 0; p = p[min(len(p), 777):] {
			if _, err := w.Write(p[:min(len(p), 777)]); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return []byte(plain.String())
}

// TestMarkedPiecesEqualWholePage: a page whose parts a layout wrote with
// {{cached}} comes out as minifying it whole does, when its pieces are
// made and when they are recalled, streamed in chunks or written at once,
// and a second build minifies only the piece that changed.
func TestMarkedPiecesEqualWholePage(t *testing.T) {
	for _, chunk := range []int{1 << 12, 1 << 20} {
		t.Run(fmt.Sprintf("chunk %d", chunk), func(t *testing.T) {
			defer func(n int) { chunkSize = n }(chunkSize)
			chunkSize = chunk
			cacheDir := filepath.Join(t.TempDir(), "cache")
			for build, edited := range []int{-1, -1, 7} {
				out, store, dir := beginCached(t, cacheDir)
				plain := writeMarkedPage(t, out, 60, edited)
				if err := out.Commit(); err != nil {
					t.Fatal(err)
				}
				store.Close()
				got, err := os.ReadFile(filepath.Join(dir, "print/book/index.html"))
				if err != nil {
					t.Fatal(err)
				}
				if want := minifiedWhole(t, plain); !bytes.Equal(got, want) {
					t.Fatalf("build %d: the page differs from minifying it whole:\n got %.300q\nwant %.300q", build, got, want)
				}
				reused, made := out.pieces.Counts()
				wantMade := map[int]int{0: 60, 1: 0, 2: 1}[build]
				if made != wantMade || reused != 60-wantMade {
					t.Errorf("build %d: %d pieces made and %d reused, want %d made", build, made, reused, wantMade)
				}
			}
		})
	}
}

// TestMarkRefusesUnsafeCuts: a piece is kept only when the minifier drops
// the whitespace around it anyway; otherwise the HTML is left as it is.
func TestMarkRefusesUnsafeCuts(t *testing.T) {
	store, err := cache.Open(filepath.Join(t.TempDir(), "cache"))
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	out, err := Begin(filepath.Join(t.TempDir(), "public"), Options{Minify: true, Cache: store})
	if err != nil {
		t.Fatal(err)
	}
	defer out.Abort()
	ps := out.Pieces()
	for _, html := range []string{
		"just text",
		"<span>inline</span>",
		"<section>a section followed by text</section> and more",
		"<p>a paragraph</p> and text",
		"<link rel=x>",
	} {
		if got := ps.Mark(cache.Key{1}, html); got != html {
			t.Errorf("Mark(%q) = %q, want it unmarked", html, got)
		}
	}
	for _, html := range []string{"\n <div>ok</div>\n", "\n <li class=x>an item</li>", "\n <p>a paragraph</p>"} {
		if got := ps.Mark(cache.Key{1}, html); !strings.HasPrefix(got, "\n "+ps.tag) {
			t.Errorf("Mark(%q) = %q, want it marked after its leading whitespace", html, got)
		}
	}
	if InMemory(Options{Minify: true}).Pieces() != nil {
		t.Error("an in-memory output has Pieces")
	}
}

// TestLostPieceFailsTheBuild: a {{cached}} output that html/template
// escaped (it stood in an attribute) never reaches the page; the build
// says so instead of publishing a page without it.
func TestLostPieceFailsTheBuild(t *testing.T) {
	cacheDir := filepath.Join(t.TempDir(), "cache")
	for build := range 2 {
		out, store, dir := beginCached(t, cacheDir)
		ps := out.Pieces()
		key := cache.Key{2}
		m, ok := ps.Recall(key)
		if !ok {
			m = ps.Mark(key, "<div>kept</div>")
		}
		escaped := strings.NewReplacer("<", "&lt;", ">", "&gt;").Replace(m)
		if err := out.Write("index.html", []byte("<!doctype html><p title=\""+escaped+"\">x</p>")); err != nil {
			t.Fatal(err)
		}
		err := out.Commit()
		if err == nil || !strings.Contains(err.Error(), "cached") {
			t.Errorf("build %d: Commit = %v, want an error about the lost piece", build, err)
		}
		if _, statErr := os.Stat(dir); !os.IsNotExist(statErr) {
			t.Errorf("build %d: the failed build published %s", build, dir)
		}
		// Keep the piece for the second build, as a build that wrote it would.
		store.PutBytes(pieceKey(key), []byte("<div>kept</div>"))
		store.Close()
	}
}

// beginCached starts a build to a fresh folder with the build cache on
// disk in cacheDir.
func beginCached(t *testing.T, cacheDir string) (*Output, *cache.Store, string) {
	t.Helper()
	store, err := cache.Open(cacheDir)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "public")
	out, err := Begin(dir, Options{Minify: true, Cache: store})
	if err != nil {
		t.Fatal(err)
	}
	return out, store, dir
}

// TestPieceHoldingPiecesIsKeptWhole: a piece whose HTML holds the marker
// of another (a chapter's text showing a worksheet) is kept with the inner
// piece in it, so the next build recalls it complete; the inner piece is
// kept on its own too, for the page that lists every worksheet. Both pages
// come out as minifying them whole does.
func TestPieceHoldingPiecesIsKeptWhole(t *testing.T) {
	cacheDir := filepath.Join(t.TempDir(), "cache")
	worksheet := "\n<section class=\"ws\">\n  <h2>A   worksheet</h2>\n  <textarea>keep   this</textarea>\n</section>\n"
	wsKey, proseKey := cache.Key{7}, cache.Key{8}
	for build := range 2 {
		out, store, dir := beginCached(t, cacheDir)
		ps := out.Pieces()
		prose, ok := ps.Recall(proseKey)
		if !ok {
			inner, ok := ps.Recall(wsKey)
			if !ok {
				inner = ps.Mark(wsKey, worksheet)
			}
			prose = ps.Mark(proseKey, "\n<div class=\"prose\">\n  <p>Before   it.</p>"+inner+"<p>After it.</p>\n</div>\n")
		}
		booklet, ok := ps.Recall(wsKey)
		if !ok {
			t.Fatalf("build %d: the worksheet inside the text was not kept on its own", build)
		}
		pages := map[string]string{
			"c/index.html":     "<!doctype html><main>" + prose + "</main>",
			"print/index.html": "<!doctype html><main>" + booklet + "</main>",
		}
		plain := map[string]string{
			"c/index.html":     "<!doctype html><main>\n<div class=\"prose\">\n  <p>Before   it.</p>" + worksheet + "<p>After it.</p>\n</div>\n</main>",
			"print/index.html": "<!doctype html><main>" + worksheet + "</main>",
		}
		for p, page := range pages {
			if err := out.Write(p, []byte(page)); err != nil {
				t.Fatal(err)
			}
		}
		if err := out.Commit(); err != nil {
			t.Fatalf("build %d: %v", build, err)
		}
		store.Close()
		for p := range pages {
			got, err := os.ReadFile(filepath.Join(dir, p))
			if err != nil {
				t.Fatal(err)
			}
			if want := minifiedWhole(t, []byte(plain[p])); !bytes.Equal(got, want) {
				t.Errorf("build %d: %s differs from minifying it whole:\n got %q\nwant %q", build, p, got, want)
			}
		}
		reused, made := ps.Counts()
		if want := [][2]int{{1, 2}, {2, 0}}[build]; reused != want[0] || made != want[1] {
			t.Errorf("build %d: %d pieces reused and %d made, want %v", build, reused, made, want)
		}
	}
}

// TestPieceThatCannotHoldItsPiecesGivesThemBack: when a piece's core cannot
// be made (here a marker stands for no piece of this build), the core stays
// in the page as it was and the inner pieces it had taken are held again,
// for the page's writer.
func TestPieceThatCannotHoldItsPiecesGivesThemBack(t *testing.T) {
	out, store, _ := beginCached(t, filepath.Join(t.TempDir(), "cache"))
	defer store.Close()
	defer out.Abort()
	ps := out.Pieces()
	inner := ps.Mark(cache.Key{1}, "<section>a worksheet</section>")
	bogus := ps.tag + "=999-->"
	html := "<div>" + inner + bogus + "</div>"
	if got := ps.Mark(cache.Key{2}, html); got != html {
		t.Fatalf("Mark = %q, want the HTML as it was", got)
	}
	if _, made := ps.Counts(); made != 1 {
		t.Errorf("%d pieces made, want 1 (the inner one)", made)
	}
	ps.mu.Lock()
	held := len(ps.held)
	ps.mu.Unlock()
	if held != 1 {
		t.Errorf("%d pieces held after the failed Mark, want the inner one back", held)
	}
}

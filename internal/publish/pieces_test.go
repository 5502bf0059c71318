package publish

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"testing"
)

// TestPiecesRememberedAcrossBuilds: with the build cache on disk a large
// page comes out as minifying it whole does, streamed or not, and after an
// edit in one place only the pieces around it are minified again.
func TestPiecesRememberedAcrossBuilds(t *testing.T) {
	defer func(n int) { chunkSize = n }(chunkSize)
	chunkSize = 1 << 14
	cacheDir := filepath.Join(t.TempDir(), "cache")
	page := bigPage(800)
	edited := bytes.Replace(page, []byte("<h2>Chapter 400</h2>"), []byte("<h2>Chapter 400</h2>\n  <p>One   more sentence.</p>"), 1)
	for i, tc := range []struct {
		page        []byte
		maxMinified int64 // pieces not found in the cache
	}{{page, 1 << 20}, {page, 0}, {edited, 3}} {
		want := minifiedWhole(t, tc.page)
		out, store, dir := beginCached(t, cacheDir)
		if err := out.Write("index.html", tc.page); err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		err := out.WriteFrom("print/book/index.html", &buf, func(w io.Writer) error {
			for p := tc.page; len(p) > 0; p = p[min(len(p), 700):] {
				w.Write(p[:min(len(p), 700)])
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if err := out.Commit(); err != nil {
			t.Fatal(err)
		}
		store.Close()
		for _, p := range []string{"index.html", "print/book/index.html"} {
			got, err := os.ReadFile(filepath.Join(dir, p))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("build %d, %s: got %d bytes differing from minifying the page whole (%d bytes)", i, p, len(got), len(want))
			}
		}
		if n := out.piecesMinified.Load(); n > 2*tc.maxMinified {
			t.Errorf("build %d: %d pieces minified, want at most %d per page", i, n, tc.maxMinified)
		}
		if i == 0 && out.piecesMinified.Load() < 20 {
			t.Errorf("build 0: %d pieces, want the page cut in many", out.piecesMinified.Load())
		}
	}
}

func minifiedWhole(t *testing.T, page []byte) []byte {
	t.Helper()
	whole := InMemory(Options{Minify: true})
	if err := whole.Write("index.html", page); err != nil {
		t.Fatal(err)
	}
	b, _ := whole.File("index.html")
	return b
}

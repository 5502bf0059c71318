package publish

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/workbook-press/workbook/internal/cache"
)

// publishWith writes files into dir with the build cache in cacheDir, as a
// build does, and commits unless abort.
func publishWith(t *testing.T, dir, cacheDir string, files map[string]string, abort bool) {
	t.Helper()
	store, err := cache.Open(cacheDir)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	out, err := Begin(dir, Options{Minify: true, Cache: store})
	if err != nil {
		t.Fatal(err)
	}
	for p, text := range files {
		if err := out.Write(p, []byte(text)); err != nil {
			t.Fatal(err)
		}
	}
	if abort {
		out.Abort()
		return
	}
	if err := out.Commit(); err != nil {
		t.Fatal(err)
	}
}

func TestRebuildWritesOnlyWhatChanged(t *testing.T) {
	dir, cacheDir := filepath.Join(t.TempDir(), "public"), t.TempDir()
	publishWith(t, dir, cacheDir, map[string]string{
		"a/index.html": "<p>same</p>", "b/index.html": "<p>old</p>", "c/index.html": "<p>gone</p>", "hand.txt": "edited by hand",
	}, false)
	stat := func(p string) os.FileInfo {
		st, err := os.Stat(filepath.Join(dir, p))
		if err != nil {
			t.Fatal(err)
		}
		return st
	}
	before := stat("a/index.html")
	old := time.Now().Add(-time.Hour)
	if err := os.WriteFile(filepath.Join(dir, "hand.txt"), []byte("EDITED BY HAND"), 0o644); err != nil {
		t.Fatal(err)
	}
	os.Chtimes(filepath.Join(dir, "hand.txt"), old, old)
	os.WriteFile(filepath.Join(dir, "stray.txt"), []byte("not published"), 0o644)

	read := func(p string) string {
		data, err := os.ReadFile(filepath.Join(dir, p))
		if err != nil {
			return "(missing)"
		}
		return string(data)
	}

	// A failed build changes nothing.
	publishWith(t, dir, cacheDir, map[string]string{"a/index.html": "<p>broken</p>"}, true)
	if read("a/index.html") != "<p>same</p>" || read("c/index.html") != "<p>gone</p>" {
		t.Error("a failed build changed the site")
	}

	publishWith(t, dir, cacheDir, map[string]string{
		"a/index.html": "<p>same</p>", "b/index.html": "<p>new</p>", "d/index.html": "<p>added</p>", "hand.txt": "edited by hand",
	}, false)
	want := map[string]string{"a/index.html": "<p>same</p>", "b/index.html": "<p>new</p>", "d/index.html": "<p>added</p>",
		"hand.txt": "edited by hand", "c/index.html": "(missing)", "stray.txt": "(missing)"}
	for p, text := range want {
		if got := read(p); got != text {
			t.Errorf("%s: got %q, want %q", p, got, text)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "c")); err == nil {
		t.Error("the folder of a page no longer published is still there")
	}
	if after := stat("a/index.html"); !os.SameFile(before, after) || !after.ModTime().Equal(before.ModTime()) {
		t.Error("an unchanged page was written again")
	}
}

// TestStraysGoInEveryBuild: a file someone puts into the output folder is
// removed by the next build, in the top folder or a page's, unchanged or
// rewritten, again and again: the record of the folders' times, which
// tells a rebuild which folders to read, stays true after each removal.
func TestStraysGoInEveryBuild(t *testing.T) {
	dir, cacheDir := filepath.Join(t.TempDir(), "public"), t.TempDir()
	pages := map[string]string{"index.html": "<p>home</p>", "a/index.html": "<p>a</p>", "b/index.html": "<p>b</p>"}
	publishWith(t, dir, cacheDir, pages, false)
	for build := range 4 {
		// Folder times have a granularity; a stray must change them.
		time.Sleep(10 * time.Millisecond)
		strays := []string{"stray.txt", "a/stray.txt", "b/stray.txt"}
		for _, s := range strays {
			if err := os.WriteFile(filepath.Join(dir, s), []byte("not published"), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if build%2 == 1 {
			pages["b/index.html"] = "<p>b, build " + string(rune('0'+build)) + "</p>"
		}
		publishWith(t, dir, cacheDir, pages, false)
		for _, s := range strays {
			if _, err := os.Stat(filepath.Join(dir, s)); err == nil {
				t.Errorf("build %d left %s", build, s)
			}
		}
		for p, text := range pages {
			if data, err := os.ReadFile(filepath.Join(dir, p)); err != nil || string(data) != text {
				t.Errorf("build %d: %s is %q (%v), want %q", build, p, data, err, text)
			}
		}
	}
}

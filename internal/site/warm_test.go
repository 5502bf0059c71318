package site

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/workbook-press/workbook/internal/cache"
	"github.com/workbook-press/workbook/internal/corpus"
)

// TestWarmBuildEqualsColdBuild builds a generated book with the build cache
// on disk, again with the cache in place, and after editing one chapter;
// each time the output must be byte for byte what a build without a cache
// writes.
func TestWarmBuildEqualsColdBuild(t *testing.T) {
	src := t.TempDir()
	if err := corpus.Write(src, corpus.Options{Chapters: 12, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	cacheDir := filepath.Join(t.TempDir(), "cache")
	buildWith := func(out string, useCache bool) {
		t.Helper()
		cfg := Config{Src: src, Out: out, Minify: true}
		if useCache {
			store, err := cache.Open(cacheDir)
			if err != nil {
				t.Fatal(err)
			}
			defer func() {
				if err := store.Close(); err != nil {
					t.Fatal(err)
				}
			}()
			cfg.Cache = store
		}
		if _, err := Build(context.Background(), cfg); err != nil {
			t.Fatal(err)
		}
	}
	warm := filepath.Join(t.TempDir(), "public") // rebuilt in place, as an author does
	compare := func(what string) {
		t.Helper()
		cold := filepath.Join(t.TempDir(), "cold")
		buildWith(cold, false)
		buildWith(warm, true)
		want, got := tree(t, cold), tree(t, warm)
		if len(got) != len(want) {
			t.Errorf("%s: got %d files, want %d", what, len(got), len(want))
		}
		for p, data := range want {
			if got[p] != data {
				t.Errorf("%s: %s differs from a build without a cache", what, p)
			}
		}
	}
	compare("first build, empty cache")
	compare("nothing changed")
	chapters, _ := filepath.Glob(filepath.Join(src, "content", "0004-*.md"))
	original, err := os.ReadFile(chapters[0])
	if err != nil {
		t.Fatal(err)
	}
	edit := func(extra string) {
		t.Helper()
		if err := os.WriteFile(chapters[0], append(original[:len(original):len(original)], extra...), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	edit("\nA closing line with a [broken link](#no-such-heading).\n")
	store, _ := cache.Open(cacheDir)
	_, err = Build(context.Background(), Config{Src: src, Out: warm, Minify: true, Cache: store})
	store.Close()
	if err == nil {
		t.Error("a broken link in an edited chapter passed with the cache")
	}
	edit("\nA new closing line.\n")
	compare("one chapter changed")
	// A new URL changes the links of every chapter that links to it: their
	// bodies are filled again from a parse kept without them.
	if err := os.WriteFile(chapters[0], bytes.Replace(original, []byte("---\n"), []byte("---\nslug: moved\n"), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	compare("one chapter moved to a new URL")
	if err := os.WriteFile(chapters[0], original, 0o644); err != nil {
		t.Fatal(err)
	}
	compare("moved back")
	extra := filepath.Join(src, "content", "0099-extra.md")
	if err := os.WriteFile(extra, []byte("# Extra\n\nA chapter that comes and goes.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	compare("one chapter added")
	if err := os.Remove(extra); err != nil {
		t.Fatal(err)
	}
	compare("one chapter deleted")
}

// TestCachedInAnAttributeFailsTheBuild: a layout that prints a {{cached}}
// piece where html/template escapes it (an attribute) would lose the piece
// with the build cache on; the build says so, with or without pieces kept
// from before, and public/ stays as it was.
func TestCachedInAnAttributeFailsTheBuild(t *testing.T) {
	proj := project()
	out := filepath.Join(t.TempDir(), "public")
	cacheDir := filepath.Join(t.TempDir(), "cache")
	buildCached := func() error {
		t.Helper()
		store, err := cache.Open(cacheDir)
		if err != nil {
			t.Fatal(err)
		}
		defer store.Close()
		_, err = Build(context.Background(), Config{Project: proj, Out: out, Minify: true, Cache: store})
		return err
	}
	if err := buildCached(); err != nil {
		t.Fatal(err)
	}
	before := tree(t, out)
	proj["layouts/print.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{range .Book.Worksheets}}<p title="{{cached "worksheet" .}}">x</p>{{end}}{{end}}`)}
	for i := range 2 {
		err := buildCached()
		if err == nil || !strings.Contains(err.Error(), "{{cached}}") || !strings.Contains(err.Error(), "attribute") {
			t.Fatalf("build %d: got %v, want an error about a {{cached}} output in an attribute", i, err)
		}
	}
	after := tree(t, out)
	for p, data := range before {
		if after[p] != data {
			t.Errorf("public/%s changed after a failed build", p)
		}
	}
}

package site

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/workbook-press/workbook/internal/corpus"
	"github.com/workbook-press/workbook/internal/memo"
	"github.com/workbook-press/workbook/internal/publish"
)

// corpusFS generates a book of n chapters into a map file system.
func corpusFS(t testing.TB, n int) fstest.MapFS {
	t.Helper()
	dir := t.TempDir()
	if err := corpus.Write(dir, corpus.Options{Chapters: n, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	proj := fstest.MapFS{}
	err := fs.WalkDir(os.DirFS(dir), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(filepath.Join(dir, p))
		proj[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return proj
}

// middleChapter returns the path of a chapter in the middle of the book.
func middleChapter(proj fstest.MapFS) string {
	names, _ := fs.Glob(proj, "content/[0-9]*.md")
	return names[len(names)/2]
}

// BenchmarkRebuildAfterOneEdit is the preview server's rebuild: one chapter
// of a 1,000-chapter book on disk changed, every step memoised.
func BenchmarkRebuildAfterOneEdit(b *testing.B) {
	dir := b.TempDir()
	if err := corpus.Write(dir, corpus.Options{Chapters: 1000, Seed: 1}); err != nil {
		b.Fatal(err)
	}
	cfg := Config{Src: dir, Minify: true, Preview: true, Memo: memo.New()}
	if _, err := Build(context.Background(), cfg); err != nil {
		b.Fatal(err)
	}
	victim := filepath.Join(dir, middleChapter(corpusDirFS(dir)))
	orig, _ := os.ReadFile(victim)
	var res *Result
	for i := 0; b.Loop(); i++ {
		os.WriteFile(victim, fmt.Appendf(append([]byte(nil), orig...), "\nEdit %d.\n", i), 0o644)
		var err error
		if res, err = Build(context.Background(), cfg); err != nil {
			b.Fatal(err)
		}
		cfg.Memo.Sweep()
	}
	b.Log(res.Stages)
}

func corpusDirFS(dir string) fstest.MapFS {
	names, _ := fs.Glob(os.DirFS(dir), "content/[0-9]*.md")
	proj := fstest.MapFS{}
	for _, n := range names {
		proj[n] = &fstest.MapFile{}
	}
	return proj
}

// TestMemoisedRebuildEqualsCleanBuild edits a book the ways authors do and
// checks after each edit that a build through the memo of earlier builds
// publishes exactly the bytes of a build from scratch.
func TestMemoisedRebuildEqualsCleanBuild(t *testing.T) {
	proj := corpusFS(t, 30)
	names, _ := fs.Glob(proj, "content/[0-9]*.md")
	sheet := names[len(names)-1]
	for _, name := range names[5:] {
		if strings.Contains(string(proj[name].Data), "worksheets:") {
			sheet = name
			break
		}
	}
	edit := func(name, old, new string) func() {
		return func() {
			text := string(proj[name].Data)
			if !strings.Contains(text, old) {
				t.Fatalf("%s has no %q to replace", name, old)
			}
			proj[name] = &fstest.MapFile{Data: []byte(strings.Replace(text, old, new, 1))}
		}
	}
	steps := []struct {
		name   string
		change func()
		broken bool // the build must fail
	}{
		{"nothing", func() {}, false},
		{"a paragraph", func() { appendTo(proj, names[10], "\nOne more paragraph, written today.\n") }, false},
		{"a title, shown by the neighbours", edit(names[11], "title: ", "title: Now "), false},
		{"a new chapter", func() {
			proj["content/9999-late.md"] = &fstest.MapFile{Data: []byte("# Late\n\nAdded at the end.\n")}
		}, false},
		{"a chapter linking to the new one", func() {
			proj["content/9998-pointer.md"] = &fstest.MapFile{Data: []byte("# Pointer\n\nSee [the late chapter](9999-late.md).\n")}
		}, false},
		{"the URL of the chapter linked to", func() {
			proj["content/9999-late.md"] = &fstest.MapFile{Data: []byte("---\nslug: later-still\n---\n# Late\n\nAdded at the end.\n")}
		}, false},
		{"a link to an image not there yet", func() { appendTo(proj, "content/9998-pointer.md", "\n![A dot](img/dot.png)\n") }, true},
		{"the image added", func() { proj["content/img/dot.png"] = &fstest.MapFile{Data: []byte("\x89PNG dot")} }, false},
		{"the home page", func() { appendTo(proj, "content/_index.md", "\nA new welcome line.\n") }, false},
		{"a layout", func() {
			proj["layouts/404.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}<h1>Lost</h1>{{end}}`)}
		}, false},
		{"a layout showing the next chapter's title", func() {
			proj["layouts/chapter.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}{{.Chapter.Title}}, then {{with .Chapter.Next}}{{.Title}}{{end}}{{end}}`)}
		}, false},
		{"a title the previous page shows", edit(names[12], "title: ", "title: Renamed "), false},
		{"a worksheet", edit(sheet, "label: \"", "label: \"Now, "), false},
		{"a worksheet's title, which print/ lists", edit(sheet, "title: \"", "title: \"Now, "), false},
		{"a paragraph, the reading time unchanged", func() { appendTo(proj, names[20], "\nA word.\n") }, false},
		{"a paragraph, many minutes longer", func() { appendTo(proj, names[20], "\n"+strings.Repeat("More words to read. ", 300)+"\n") }, false},
		{"a stylesheet", func() {
			proj["assets/css/app.css"] = &fstest.MapFile{Data: []byte("body { color: teal }\n")}
		}, false},
		{"the interface strings", func() {
			proj["i18n/en.toml"] = &fstest.MapFile{Data: []byte("[page]\npager_next = \"Onwards\"\n")}
		}, false},
		{"chapters and an image removed", func() {
			for _, name := range []string{"content/9999-late.md", "content/9998-pointer.md", "content/img/dot.png"} {
				delete(proj, name)
			}
		}, false},
	}
	for _, preview := range []bool{false, true} {
		m := memo.New()
		for _, step := range steps {
			step.change()
			memoised, err := Build(context.Background(), Config{Project: proj, Minify: true, Preview: preview, Memo: m})
			if step.broken {
				if err == nil {
					t.Fatalf("%s: the build succeeded, want an error", step.name)
				}
				continue
			}
			if err != nil {
				t.Fatalf("%s: %v", step.name, err)
			}
			m.Sweep()
			clean, err := Build(context.Background(), Config{Project: proj, Minify: true, Preview: preview})
			if err != nil {
				t.Fatal(err)
			}
			if got, want := memoised.Output.Entries(), clean.Output.Entries(); !slices.Equal(got, want) {
				t.Errorf("preview %v, after changing %s: the memoised build differs from a clean one:\n%s", preview, step.name, diffEntries(got, want))
			}
		}
	}
}

func appendTo(proj fstest.MapFS, name, text string) {
	proj[name] = &fstest.MapFile{Data: append(append([]byte(nil), proj[name].Data...), text...)}
}

func diffEntries(got, want []publish.Entry) string {
	byPath := map[string]string{}
	for _, e := range want {
		byPath[e.Path] = e.Hash
	}
	var out []string
	for _, e := range got {
		if h, ok := byPath[e.Path]; !ok {
			out = append(out, "extra "+e.Path)
		} else if h != e.Hash {
			out = append(out, "differs "+e.Path)
		}
		delete(byPath, e.Path)
	}
	for p := range byPath {
		out = append(out, "missing "+p)
	}
	return strings.Join(out, "\n")
}

package publish

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func readTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	files := map[string]string{}
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		if !d.IsDir() {
			data, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			files[filepath.ToSlash(rel)] = string(data)
		}
		return nil
	})
	return files
}

func TestCommitReplacesAndAbortKeeps(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	first, err := Begin(dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	first.Write("index.html", []byte("one"))
	first.Write("gone/index.html", []byte("deleted chapter"))
	if err := first.Commit(); err != nil {
		t.Fatal(err)
	}

	failed, _ := Begin(dir, Options{})
	failed.Write("index.html", []byte("half-written"))
	failed.Abort()
	if got := readTree(t, dir); len(got) != 2 || got["index.html"] != "one" {
		t.Fatalf("after an aborted build: got %v, want the first build untouched", got)
	}

	second, _ := Begin(dir, Options{})
	second.Write("index.html", []byte("two"))
	if err := second.Commit(); err != nil {
		t.Fatal(err)
	}
	got := readTree(t, dir)
	if len(got) != 1 || got["index.html"] != "two" {
		t.Fatalf("after the second build: got %v, want only index.html = two", got)
	}
	siblings, _ := os.ReadDir(filepath.Dir(dir))
	if len(siblings) != 1 {
		t.Errorf("left %d entries beside public/, want only public/", len(siblings))
	}
}

func TestWriteMinifiesAndRecords(t *testing.T) {
	o := InMemory(Options{Minify: true})
	if err := o.Write("a/index.html", []byte("<!doctype html>\n<html>\n  <body>\n    <p>  Hello   there </p>\n  </body>\n</html>\n")); err != nil {
		t.Fatal(err)
	}
	if err := o.Write("x.css", []byte("a {\n  color : #ff0000 ;\n}\n")); err != nil {
		t.Fatal(err)
	}
	html, _ := o.File("a/index.html")
	if strings.Contains(string(html), "\n") || !strings.Contains(string(html), "Hello there") {
		t.Errorf("minified html = %q", html)
	}
	css, _ := o.File("x.css")
	if got, want := string(css), "a{color:red}"; got != want {
		t.Errorf("minified css: got %q want %q", got, want)
	}
	if err := o.Write("x.css", nil); err == nil {
		t.Error("writing x.css twice: got no error")
	}
	if e := o.Entries(); len(e) != 2 || e[0].Path != "a/index.html" || e[0].Size != int64(len(html)) {
		t.Errorf("entries = %+v", e)
	}
}

func TestWriteRefusesEscapingPaths(t *testing.T) {
	o := InMemory(Options{})
	for _, p := range []string{"../x", "/etc/passwd", "a/../../x", `a\b`, "", "a//b"} {
		if err := o.Write(p, nil); err == nil {
			t.Errorf("Write(%q): got no error", p)
		}
	}
}

// TestFailedSwapKeepsThePreviousSite makes the swap fail at each of its
// steps, with and without the atomic exchange, and finds the previous site
// whole every time.
func TestFailedSwapKeepsThePreviousSite(t *testing.T) {
	defer func(r func(string, string) error, x func(string, string) error) { rename, exchange = r, x }(rename, exchange)
	for _, failAt := range []int{1, 2} { // rename aside, rename in
		dir := filepath.Join(t.TempDir(), "public")
		first, _ := Begin(dir, Options{})
		first.Write("index.html", []byte("one"))
		first.Write("a/index.html", []byte("chapter"))
		if err := first.Commit(); err != nil {
			t.Fatal(err)
		}
		calls := 0
		exchange = func(string, string) error { return os.ErrInvalid }
		rename = func(a, b string) error {
			if calls++; calls == failAt {
				return os.ErrPermission
			}
			return os.Rename(a, b)
		}
		second, _ := Begin(dir, Options{})
		second.Write("index.html", []byte("two"))
		if err := second.Commit(); err == nil {
			t.Fatalf("rename %d failing: Commit succeeded", failAt)
		}
		rename = os.Rename
		if got := readTree(t, dir); len(got) != 2 || got["index.html"] != "one" {
			t.Errorf("rename %d failing: got %v, want the first build whole", failAt, got)
		}
		if siblings, _ := os.ReadDir(filepath.Dir(dir)); len(siblings) != 1 {
			t.Errorf("rename %d failing: left %d entries beside public/, want 1", failAt, len(siblings))
		}
	}
}

// TestLastWriteFailingKeepsThePreviousSite: a build whose last file cannot
// be written is aborted, and the previous site stays whole.
func TestLastWriteFailingKeepsThePreviousSite(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	first, _ := Begin(dir, Options{})
	first.Write("index.html", []byte("one"))
	first.Commit()
	second, _ := Begin(dir, Options{})
	second.Write("index.html", []byte("two"))
	second.Write("a", []byte("a file where a folder must go"))
	if err := second.Write("a/index.html", []byte("chapter")); err == nil {
		t.Fatal("writing under a file succeeded")
	}
	second.Abort()
	if got := readTree(t, dir); len(got) != 1 || got["index.html"] != "one" {
		t.Errorf("got %v, want the first build whole", got)
	}
}

// TestUnchangedFilesAreLinked: a file with the bytes the live output
// already holds is a hard link to it in the fresh folder; a changed one is
// a file of its own; the live output is not changed either way.
func TestUnchangedFilesAreLinked(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "public")
	first, _ := Begin(dir, Options{})
	first.Write("same.html", []byte("<p>same</p>"))
	first.Write("changed.html", []byte("<p>before</p>"))
	if err := first.Commit(); err != nil {
		t.Fatal(err)
	}
	second, _ := Begin(dir, Options{})
	defer second.Abort()
	second.Write("same.html", []byte("<p>same</p>"))
	second.Write("changed.html", []byte("<p>after!</p>"))
	for name, want := range map[string]bool{"same.html": true, "changed.html": false} {
		live, _ := os.Stat(filepath.Join(dir, name))
		fresh, _ := os.Stat(filepath.Join(second.tmp, name))
		if got := os.SameFile(live, fresh); got != want {
			t.Errorf("%s: linked %v, want %v", name, got, want)
		}
	}
	if got := readTree(t, dir); got["changed.html"] != "<p>before</p>" {
		t.Errorf("the live output changed: %v", got)
	}
}

// TestWriteFromIsWrite: a file streamed with WriteFrom is published as its
// bytes, recorded with the same hash and size as Write records, on disk and
// in memory; its path is claimed like any other.
func TestWriteFromIsWrite(t *testing.T) {
	data := "[" + strings.Repeat(`{"x":"a line of the index"},`, 10000) + "1]" // larger than the write buffer
	dir := filepath.Join(t.TempDir(), "public")
	disk, err := Begin(dir, Options{Minify: true})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range []*Output{disk, InMemory(Options{Minify: true})} {
		if err := o.WriteFrom("index.json", func(w *bufio.Writer) { w.WriteString(data) }); err != nil {
			t.Fatal(err)
		}
		if err := o.Write("same.json", []byte(data)); err != nil {
			t.Fatal(err)
		}
		e := o.Entries()
		if len(e) != 2 || e[0].Hash != e[1].Hash || e[0].Size != int64(len(data)) {
			t.Errorf("entries: got %+v, want two of the same hash and size %d", e, len(data))
		}
		if err := o.WriteFrom("same.json", func(*bufio.Writer) {}); err == nil {
			t.Error("writing same.json twice: got no error")
		}
	}
	if err := disk.Commit(); err != nil {
		t.Fatal(err)
	}
	if got := readTree(t, dir)["index.json"]; got != data {
		t.Errorf("index.json on disk: got %d bytes, want %d", len(got), len(data))
	}
}

// TestAbortDoesNotWaitForWriteFrom: Ctrl-C aborts the output while a
// large file is still being made; Abort returns without waiting for the
// maker, whose later writes fail, and no fresh folder is left.
func TestAbortDoesNotWaitForWriteFrom(t *testing.T) {
	parent := t.TempDir()
	o, err := Begin(filepath.Join(parent, "public"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	chunk := strings.Repeat("x", 100<<10) // more than the write buffer: part reaches the file
	err = o.WriteFrom("search-index.json", func(w *bufio.Writer) {
		w.WriteString(chunk)
		aborted := make(chan struct{})
		go func() { o.Abort(); close(aborted) }()
		select {
		case <-aborted:
		case <-time.After(5 * time.Second):
			t.Error("Abort still waiting after 5s for the file being made")
		}
		w.WriteString(chunk)
	})
	if err == nil {
		t.Error("WriteFrom after Abort: got no error")
	}
	if ents, _ := os.ReadDir(parent); len(ents) != 0 {
		t.Errorf("left beside public/: %v", ents)
	}
}

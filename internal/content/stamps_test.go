package content

import (
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/workbook-press/workbook/internal/cache"
)

// countingFS counts the files opened for reading; Stat does not open.
type countingFS struct {
	fs.FS
	opened atomic.Int32
}

func (c *countingFS) Open(name string) (fs.File, error) {
	if strings.HasSuffix(name, ".md") {
		c.opened.Add(1)
	}
	return c.FS.Open(name)
}

func (c *countingFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(c.FS, name) }

func (c *countingFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(c.FS, name) }

// TestUnchangedFilesAreNotReadAgain: with the build cache on disk, a file
// the file system describes as the last build saw it is not read again;
// an edited one is, and the book shows the edit.
func TestUnchangedFilesAreNotReadAgain(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("files are told apart by their change time and inode on Linux only; elsewhere every file is read")
	}
	defer func(w time.Duration) { racyWindow = w }(racyWindow)
	racyWindow = 0 // the files were written a moment ago
	dir := t.TempDir()
	files := map[string]string{
		"content/_index.md": "---\nid: b\ntitle: B\n---\n\nHome.\n",
		"content/01-a.md":   "---\ntitle: A\n---\n\nSee [b](02-b.md).\n",
		"content/02-b.md":   "---\ntitle: B\n---\n\nThe second chapter.\n",
	}
	for p, text := range files {
		os.MkdirAll(filepath.Join(dir, filepath.Dir(p)), 0o755)
		if err := os.WriteFile(filepath.Join(dir, p), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cacheDir := t.TempDir()
	load := func() (int32, string) {
		t.Helper()
		store, err := cache.Open(cacheDir)
		if err != nil {
			t.Fatal(err)
		}
		defer store.Close()
		c := &countingFS{FS: os.DirFS(dir)}
		b, err := Load(c, Options{Cache: store})
		if err != nil {
			t.Fatal(err)
		}
		return c.opened.Load(), bodyOf(chapter(t, b, "content/02-b.md"))
	}
	if n, _ := load(); n != 3 {
		t.Fatalf("first build read %d files, want 3", n)
	}
	if n, body := load(); n != 0 || !strings.Contains(body, "The second chapter.") {
		t.Errorf("nothing changed: read %d files, want 0; chapter b: %q", n, body)
	}
	if err := os.WriteFile(filepath.Join(dir, "content/02-b.md"), []byte(files["content/02-b.md"]+"\nOne more line.\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if n, body := load(); n != 1 || !strings.Contains(body, "One more line.") {
		t.Errorf("one file edited: read %d files, want 1; chapter b: %q", n, body)
	}
	// Same size, same modification time, new bytes: the change time tells
	// (a tick of the file system's clock later: racyWindow is 0 here).
	time.Sleep(50 * time.Millisecond)
	p := filepath.Join(dir, "content/01-a.md")
	st, _ := os.Stat(p)
	os.WriteFile(p, []byte(strings.Replace(files["content/01-a.md"], "See", "Saw", 1)), 0o644)
	os.Chtimes(p, st.ModTime(), st.ModTime())
	store, _ := cache.Open(cacheDir)
	defer store.Close()
	b, err := Load(os.DirFS(dir), Options{Cache: store})
	if err != nil || !strings.Contains(bodyOf(chapter(t, b, "content/01-a.md")), "Saw") {
		t.Errorf("an edit keeping size and modification time was missed (err %v)", err)
	}
}

// TestRecentChangesAreReadAgain: a stamp taken right after a change is
// not kept, as a second change in the same tick would look the same.
func TestRecentChangesAreReadAgain(t *testing.T) {
	s := &stamps{old: map[string]stamp{}, new: map[string]stamp{}}
	dir := t.TempDir()
	p := filepath.Join(dir, "a.md")
	os.WriteFile(p, []byte("x"), 0o644)
	fi, _ := os.Stat(p)
	s.record("content/a.md", fi, [32]byte{1}, time.Now())
	if len(s.new) != 0 {
		t.Error("a stamp taken a moment after the change was kept")
	}
	s.record("content/a.md", fi, [32]byte{1}, time.Now().Add(time.Minute))
	if runtime.GOOS == "linux" && len(s.new) != 1 {
		t.Error("a stamp taken long after the change was not kept")
	}
}

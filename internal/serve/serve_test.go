package serve

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/workbook-press/workbook/internal/site"
)

// preview is a running server on a temporary project.
type preview struct {
	t   testing.TB
	dir string
	srv *Server
}

// startPreview writes a book of n chapters and serves it on a free
// loopback port until the test ends.
func startPreview(t testing.TB, n int) *preview {
	t.Helper()
	dir := t.TempDir()
	writeBook(t, dir, n)
	return startOn(t, dir)
}

func startOn(t testing.TB, dir string) *preview {
	t.Helper()
	srv, err := Start(context.Background(), Config{
		Site: site.Config{Src: dir, Minify: true}, Addr: "127.0.0.1:0",
		Stdout: logOut(), Stderr: logOut(), Verbose: os.Getenv("SERVE_LOG") != "",
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return &preview{t: t, dir: dir, srv: srv}
}

func logOut() io.Writer {
	if os.Getenv("SERVE_LOG") != "" {
		return os.Stderr
	}
	return io.Discard
}

// get fetches a path and returns the status and body.
func (p *preview) get(path string) (int, string) {
	p.t.Helper()
	resp, err := http.Get(strings.TrimSuffix(p.srv.URL(), "/") + path)
	if err != nil {
		p.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		p.t.Fatal(err)
	}
	return resp.StatusCode, string(body)
}

func (p *preview) write(rel, text string) { write(p.t, filepath.Join(p.dir, rel), text) }

// events is one live-reload connection, as a browser has.
type events struct {
	resp *http.Response
	ch   chan event
}

// listen connects to the event stream and waits for the server's greeting
// when the book has built.
func (p *preview) listen() *events {
	p.t.Helper()
	resp, err := http.Get(p.srv.URL() + "_workbook/events")
	if err != nil {
		p.t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		p.t.Fatalf("events: got status %d, want 200", resp.StatusCode)
	}
	e := &events{resp: resp, ch: make(chan event, 64)}
	go e.read()
	p.t.Cleanup(e.close)
	return e
}

func (e *events) read() {
	defer close(e.ch)
	sc := bufio.NewScanner(e.resp.Body)
	sc.Buffer(nil, 1<<20)
	var ev event
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "event: "):
			ev.Name = strings.TrimPrefix(line, "event: ")
		case strings.HasPrefix(line, "data: "):
			ev.Data = strings.TrimPrefix(line, "data: ")
		case line == "" && ev.Name != "":
			e.ch <- ev
			ev = event{}
		}
	}
}

func (e *events) close() { e.resp.Body.Close() }

// next returns the next event other than those named in skip, failing the
// test after timeout.
func (e *events) next(t testing.TB, timeout time.Duration, skip ...string) event {
	t.Helper()
	deadline := time.After(timeout)
	for {
		select {
		case ev, ok := <-e.ch:
			if !ok {
				t.Fatal("the event stream ended")
			}
			if !contains(skip, ev.Name) {
				return ev
			}
		case <-deadline:
			t.Fatalf("no event within %s", timeout)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// expect waits for an event named name, skipping greetings and no-op
// rebuilds.
func (e *events) expect(t testing.TB, name string) event {
	t.Helper()
	ev := e.next(t, 10*time.Second, "hello", "unchanged")
	if ev.Name != name {
		t.Fatalf("got event %s %s, want %s", ev.Name, ev.Data, name)
	}
	return ev
}

// settleGoroutines waits for the goroutine count to fall to at most want.
func settleGoroutines(t *testing.T, want int) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > want {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<20)
			t.Fatalf("got %d goroutines, want at most %d:\n%s", runtime.NumGoroutine(), want, buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestEditorSavesReload saves a chapter the ways editors do; each save
// reloads the page, which then shows the new text.
func TestEditorSavesReload(t *testing.T) {
	saves := map[string]func(file, text string) error{
		"in place": func(file, text string) error { return os.WriteFile(file, []byte(text), 0o644) },
		"temporary file renamed over": func(file, text string) error {
			tmp := filepath.Join(filepath.Dir(file), "."+filepath.Base(file)+".tmp")
			if err := os.WriteFile(tmp, []byte(text), 0o644); err != nil {
				return err
			}
			return os.Rename(tmp, file)
		},
		"removed and recreated": func(file, text string) error {
			if err := os.Remove(file); err != nil {
				return err
			}
			return os.WriteFile(file, []byte(text), 0o644)
		},
	}
	for name, save := range saves {
		t.Run(name, func(t *testing.T) {
			p := startPreview(t, 3)
			ev := p.listen()
			lead := "Saved " + name + "."
			if err := save(filepath.Join(p.dir, "content", chapterFile(2)), chapterText(2, 3, lead)); err != nil {
				t.Fatal(err)
			}
			ev.expect(t, "reload")
			if code, body := p.get("/chapter-2/"); code != 200 || !strings.Contains(body, lead) {
				t.Errorf("got %d and a page without %q, want 200 with it", code, lead)
			}
		})
	}
}

func TestNewChapterInNewFolder(t *testing.T) {
	p := startPreview(t, 2)
	ev := p.listen()
	p.write("content/part-two/01-arrival.md", "# Arrival\n\nA chapter in a folder made while serving.\n")
	// os.WriteFile creates the file empty, then writes it: on a busy
	// machine a build may see the empty file and report it first.
	ev.next(t, 10*time.Second, "hello", "unchanged", "broken")
	if code, body := p.get("/part-two/arrival/"); code != 200 || !strings.Contains(body, "A chapter in a folder made while serving.") {
		t.Fatalf("got %d, want 200 with the new chapter", code)
	}
	// The new folder is watched too.
	p.write("content/part-two/01-arrival.md", "# Arrival\n\nEdited in the new folder.\n")
	ev.expect(t, "reload")
	if _, body := p.get("/part-two/arrival/"); !strings.Contains(body, "Edited in the new folder.") {
		t.Error("an edit in the new folder was not picked up")
	}
	// Removing the folder removes its chapter, and a folder made again
	// under the same name is watched afresh.
	if err := os.RemoveAll(filepath.Join(p.dir, "content/part-two")); err != nil {
		t.Fatal(err)
	}
	ev.expect(t, "reload")
	if code, _ := p.get("/part-two/arrival/"); code != 404 {
		t.Errorf("after removing the folder: got %d, want 404", code)
	}
	p.write("content/part-two/01-return.md", "# Return\n\nBack again.\n")
	ev.next(t, 10*time.Second, "hello", "unchanged", "broken")
	p.write("content/part-two/01-return.md", "# Return\n\nBack again, edited.\n")
	deadline := time.Now().Add(10 * time.Second)
	for {
		ev.next(t, 10*time.Second, "hello", "unchanged", "broken")
		if _, body := p.get("/part-two/return/"); strings.Contains(body, "Back again, edited.") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("an edit in the folder made again was not picked up")
		}
	}
}

func TestDeletedChapterIsGone(t *testing.T) {
	p := startPreview(t, 3)
	ev := p.listen()
	if code, _ := p.get("/chapter-3/"); code != 200 {
		t.Fatalf("before: got %d, want 200", code)
	}
	if err := os.Remove(filepath.Join(p.dir, "content", chapterFile(3))); err != nil {
		t.Fatal(err)
	}
	ev.expect(t, "reload")
	code, body := p.get("/chapter-3/")
	_, notFound := p.get("/404.html")
	if code != 404 || body != notFound {
		t.Errorf("got %d, want 404 with the book's 404 page", code)
	}
}

func TestEditorDroppingsAreIgnored(t *testing.T) {
	p := startPreview(t, 2)
	ev := p.listen()
	for _, name := range []string{"4913", ".#0001-chapter-1.md", "0001-chapter-1.md~", ".0001-chapter-1.md.swp", ".DS_Store"} {
		p.write("content/"+name, "junk")
	}
	select {
	case e := <-ev.ch:
		if e.Name != "hello" {
			t.Fatalf("got event %s for editor droppings, want none", e.Name)
		}
	case <-time.After(300 * time.Millisecond):
	}
	select {
	case e := <-ev.ch:
		t.Fatalf("got event %s for editor droppings, want none", e.Name)
	case <-time.After(300 * time.Millisecond):
	}
}

// TestPageKnowsItsBuild: a page that connects for live reload only after a
// newer build finished must still learn that it is stale, so each page
// carries the id of its build and the greeting names the current one.
func TestPageKnowsItsBuild(t *testing.T) {
	p := startPreview(t, 2)
	_, before := p.get("/chapter-1/")
	ev := p.listen()
	p.write("content/"+chapterFile(1), chapterText(1, 2, "Changed before the page connected."))
	ev.expect(t, "reload")
	hello := p.listen().next(t, 5*time.Second)
	old := buildOf(t, before)
	if hello.Name != "hello" || strings.Contains(hello.Data, `"`+old+`"`) {
		t.Fatalf("got %s %s, want hello naming a build other than the page's %s", hello.Name, hello.Data, old)
	}
	if _, after := p.get("/chapter-1/"); !strings.Contains(hello.Data, `"`+buildOf(t, after)+`"`) {
		t.Errorf("a page served now does not carry the build the greeting names")
	}
}

func buildOf(t *testing.T, page string) string {
	t.Helper()
	_, rest, ok := strings.Cut(page, `<meta name="workbook-build" content="`)
	id, _, ok2 := strings.Cut(rest, `"`)
	if !ok || !ok2 || id == "" {
		t.Fatal("the page carries no build id")
	}
	return id
}

// syncBuffer is a bytes.Buffer safe to read while the server writes.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestRunPrintsTheURLAndStopsWhenCancelled(t *testing.T) {
	dir := t.TempDir()
	writeBook(t, dir, 1)
	ctx, cancel := context.WithCancel(context.Background())
	var out syncBuffer
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Config{Site: site.Config{Src: dir, Minify: true}, Addr: "127.0.0.1:0", Stdout: &out, Stderr: &out})
	}()
	var url string
	waitFor(t, "the URL to be printed", func() bool {
		_, rest, ok := strings.Cut(out.String(), "at http://")
		url, _, _ = strings.Cut(rest, " ")
		return ok
	})
	resp, err := http.Get("http://" + url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.HasPrefix(url, "127.0.0.1:") {
		t.Errorf("got %d from %s, want 200 from 127.0.0.1", resp.StatusCode, url)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run returned %v, want nil", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return after its context was cancelled")
	}
}

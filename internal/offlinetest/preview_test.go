package offlinetest

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/workbook-press/workbook/internal/browsertest"
	previewserver "github.com/workbook-press/workbook/internal/serve"
	"github.com/workbook-press/workbook/internal/site"
)

// A preview build never registers a worker, and removes one a published
// build left on the same origin, so an author never reads a cached page.
func TestPreviewNeverUsesAWorker(t *testing.T) {
	browsertest.Require(t)
	out := filepath.Join(t.TempDir(), "public")
	preview := func() {
		if _, err := site.Build(context.Background(), site.Config{Project: book("Preview text."), Out: out, Preview: true}); err != nil {
			t.Fatal(err)
		}
	}
	const registrations = `navigator.serviceWorker.getRegistrations().then(r => r.length)`
	preview()
	srv := serve(t, out)
	tab := browsertest.New(t, browsertest.Options{Trap: true})
	open(t, tab, srv.URL+"/first/")
	time.Sleep(time.Second) // the page script has run; give a registration time to show
	if n := run(t, tab, "registrations", chromedp.Evaluate[int](registrations, chromedp.EvalAwaitPromise)); n != 0 {
		t.Fatalf("a preview page registered %d service workers, want none", n)
	}

	build(t, book("Published text."), out)
	visitUntilControlled(t, tab, srv.URL+"/first/")
	preview()
	open(t, tab, srv.URL+"/first/")
	eventually(t, tab, "the worker left by the published book is gone", `navigator.serviceWorker.getRegistrations().then(r => r.length === 0)`)
	if text := run(t, tab, "text", chromedp.Text("main")); !strings.Contains(text, "Preview text.") {
		t.Errorf("preview after a published build: got %.200q, want the preview's text", text)
	}
	if caught := tab.Trap.Caught(srv.URL); len(caught) > 0 {
		t.Errorf("requests tried to leave the machine (from a page or the service worker): %v", caught)
	}
}

// A published copy of the book opened earlier on the address the preview
// server now uses has installed its worker and filled its caches
// ("workbook:<book id>:<build>"). The preview's /sw.js replaces that
// worker, deletes those caches and unregisters itself.
func TestPreviewServerRemovesAPublishedCopy(t *testing.T) {
	browsertest.Require(t)
	proj := book("The book's text.")
	dir := t.TempDir()
	for name, f := range proj {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out := filepath.Join(t.TempDir(), "public")
	build(t, proj, out)
	published := serve(t, out)
	tab := browsertest.New(t, browsertest.Options{Trap: true})
	visitUntilControlled(t, tab, published.URL+"/first/")
	eventually(t, tab, "the published copy fills its cache", `caches.keys().then(k => k.some(n => n.startsWith("workbook:offline-book:")))`)
	published.Close()
	goneOffline(t, published.URL)

	preview, err := previewserver.Start(context.Background(), previewserver.Config{
		Site: site.Config{Src: dir, Minify: true}, Addr: published.Addr(), Stdout: io.Discard, Stderr: io.Discard,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { preview.Close() })
	run(t, tab, "open the preview", chromedp.Navigate(published.URL+"/first/")) // the page may reload itself once
	eventually(t, tab, "the published copy's worker and caches are gone",
		`Promise.all([navigator.serviceWorker.getRegistrations(), caches.keys()]).then(([r, k]) => r.length === 0 && k.length === 0)`)
	if caught := tab.Trap.Caught(published.URL); len(caught) > 0 {
		t.Errorf("requests tried to leave the machine: %v", caught)
	}
}

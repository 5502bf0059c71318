package offlinetest

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/workbook-press/workbook/internal/browsertest"
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

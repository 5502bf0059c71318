package offlinetest

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/workbook-press/workbook/internal/browsertest"
)

// A book over its precache budget saves the shell on the first visit and
// each chapter as it is read; a chapter read once stays saved, updated,
// across a new version.
func TestOverBudgetSavesChaptersAsTheyAreRead(t *testing.T) {
	browsertest.Require(t)
	out := filepath.Join(t.TempDir(), "public")
	build(t, bookWith("precache_budget: 1\n", "The opening.", "The old second chapter."), out)
	srv := serve(t, out)
	tab := browsertest.New(t, browsertest.Options{Trap: true})

	visitUntilControlled(t, tab, srv.URL+"/")
	if cached(t, tab, "/second/") || cached(t, tab, "/third/") || !cached(t, tab, "/print/") {
		t.Fatalf("over budget, after the first visit: chapters are cached, or the worksheets print page is not")
	}
	open(t, tab, srv.URL+"/second/")
	eventually(t, tab, "the chapter read is saved", `caches.match("/second/").then(r => r !== undefined)`)

	srv.Close()
	goneOffline(t, srv.URL)
	if h1, fromWorker := open(t, tab, srv.URL+"/second/"); h1 != "Second thoughts" || !fromWorker {
		t.Errorf("offline, the chapter read before: got h1 %q (from the worker: %v)", h1, fromWorker)
	}
	if h1, _ := open(t, tab, srv.URL+"/third/"); h1 != "You are offline" {
		t.Errorf("offline, a chapter never opened: got h1 %q, want You are offline", h1)
	}
	eventually(t, tab, "the offline page marks unsaved chapters", `document.querySelectorAll(".not-saved").length === 2`)
	list := run(t, tab, "chapter list", chromedp.Text(".chapter-list"))
	if want := "Second thoughts\nThird time (not saved on this device yet)"; !strings.Contains(list, want) || !strings.Contains(list, "First steps (not saved") {
		t.Errorf("offline page, over budget: got chapter list %q, want only Second thoughts without the not-saved note", list)
	}

	build(t, bookWith("precache_budget: 1\n", "The opening.", "The new second chapter."), out)
	srv = serve(t, out, srv.Addr())
	open(t, tab, srv.URL+"/")
	acceptUpdate(t, tab, "Welcome.")
	body := run(t, tab, "the saved chapter", chromedp.Evaluate[string](`caches.match("/second/").then(r => r ? r.text() : "")`, chromedp.EvalAwaitPromise))
	if !strings.Contains(body, "The new second chapter.") {
		t.Errorf("after the update, the chapter read before is saved as %.200q, want the new version", body)
	}
	if names := run(t, tab, "cache names", chromedp.Evaluate[string](ourCaches, chromedp.EvalAwaitPromise)); strings.Contains(names, " ") {
		t.Errorf("after the update: caches %q, want one", names)
	}
	if caught := tab.Trap.Caught(srv.URL); len(caught) > 0 {
		t.Errorf("requests tried to leave the machine (from a page or the service worker): %v", caught)
	}
}

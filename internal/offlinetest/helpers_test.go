package offlinetest

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"github.com/workbook-press/workbook"
	"github.com/workbook-press/workbook/internal/browsertest"
	"github.com/workbook-press/workbook/internal/netlify"
	"github.com/workbook-press/workbook/internal/site"
)

// book is a small book: three chapters, the first with a worksheet.
func book(firstChapterText string) fstest.MapFS {
	return bookWith("", firstChapterText, "The second chapter.")
}

// bookWith sets extra book settings (YAML lines) and the text of the first
// two chapters.
func bookWith(settings, firstChapterText, secondChapterText string) fstest.MapFS {
	return fstest.MapFS{
		"content/_index.md": {Data: []byte("---\nid: offline-book\ntitle: Offline Book\n" + settings + "---\n\nWelcome.\n")},
		"content/01-first.md": {Data: []byte(`---
title: First steps
worksheets:
  - id: mood
    title: How I feel
    fields:
      - {id: word, type: text, label: "One word"}
      - {id: more, type: textarea, label: "Say more"}
---

` + firstChapterText + `

{{< worksheet mood >}}
`)},
		"content/02-second.md": {Data: []byte("---\ntitle: Second thoughts\n---\n\n" + secondChapterText + "\n")},
		"content/03-third.md":  {Data: []byte("---\ntitle: Third time\n---\n\nThe third chapter.\n")},
	}
}

func build(t *testing.T, proj fstest.MapFS, out string) *site.Result {
	t.Helper()
	res, err := site.Build(context.Background(), site.Config{Project: proj, Out: out, Minify: true})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func run[T any](t *testing.T, tab *browsertest.Tab, what string, a chromedp.Action[T]) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(tab.Ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

// eventually waits until expr is true, across page loads.
func eventually(t *testing.T, tab *browsertest.Tab, what, expr string) {
	t.Helper()
	var err error
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		var ok bool
		if ok, err = chromedp.Run(tab.Ctx, chromedp.Evaluate[bool](expr, chromedp.EvalAwaitPromise)); ok && err == nil {
			return
		}
	}
	t.Fatalf("%s: still not true after 30 s (last error %v): %s", what, err, expr)
}

// open navigates and returns the page's h1 and whether the service worker
// answered.
func open(t *testing.T, tab *browsertest.Tab, url string) (h1 string, fromWorker bool) {
	t.Helper()
	res := run(t, tab, "open "+url, chromedp.NavigateResponse(url))
	return run(t, tab, "h1 of "+url, chromedp.Text("h1")), res != nil && res.FromServiceWorker
}

// serve serves a built site with the production headers of netlify.toml,
// on addr when it is not empty (a restart on the same origin).
func serve(t *testing.T, out string, addr ...string) *browsertest.Server {
	t.Helper()
	return browsertest.Serve(t, host(t, out), addr...)
}

// host is the static host of a built site, with netlify.toml's headers.
func host(t *testing.T, out string) http.Handler {
	t.Helper()
	rules, err := netlify.ParseHeaders(workbook.Netlify)
	if err != nil {
		t.Fatal(err)
	}
	return browsertest.Static(out, rules)
}

// visitUntilControlled opens url and waits until the service worker
// installed, precached and took control of the page.
func visitUntilControlled(t *testing.T, tab *browsertest.Tab, url string) {
	t.Helper()
	open(t, tab, url)
	run(t, tab, "wait for the worker to control the page", chromedp.Poll[bool](`navigator.serviceWorker.controller !== null`, chromedp.WithPollingTimeout(20*time.Second)))
}

// goneOffline makes sure the server really is gone.
func goneOffline(t *testing.T, url string) {
	t.Helper()
	if resp, err := http.Get(url + "/"); err == nil {
		resp.Body.Close()
		t.Fatalf("the server still answers after Close: %s", resp.Status)
	}
}

// comeBackOnline is what the browser does when the connection returns: it
// fires "online", and the page looks for a new version.
func comeBackOnline(t *testing.T, tab *browsertest.Tab) {
	t.Helper()
	for _, offline := range []bool{true, false} {
		if _, err := chromedp.Call(tab.Ctx, network.OverrideNetworkState, network.OverrideNetworkStateParams{Offline: offline, DownloadThroughput: -1, UploadThroughput: -1}); err != nil {
			t.Fatal(err)
		}
	}
}

// acceptUpdate waits for the update banner, presses Reload and waits until
// the page shows text.
func acceptUpdate(t *testing.T, tab *browsertest.Tab, text string) {
	t.Helper()
	run(t, tab, "the update banner", chromedp.WaitVisible("#banner-update button"))
	run(t, tab, "mark the page", chromedp.Evaluate[any](`window.samePage = true`))
	run(t, tab, "press Reload", browsertest.Tap("#banner-update button"))
	eventually(t, tab, "the page reloads with "+text, `!window.samePage && document.readyState === "complete" && document.querySelector("main").textContent.includes(`+jsString(text)+`)`)
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

const ourCaches = `caches.keys().then(k => k.filter(n => n.startsWith("workbook:offline-book:")).join(" "))`

// cached reports whether this book's caches hold url.
func cached(t *testing.T, tab *browsertest.Tab, url string) bool {
	t.Helper()
	return run(t, tab, "look in the cache", chromedp.Evaluate[bool](`caches.match(`+jsString(url)+`).then(r => r !== undefined)`, chromedp.EvalAwaitPromise))
}

// requestLog is a handler that remembers the path of every request.
type requestLog struct {
	h    http.Handler
	mu   sync.Mutex
	seen []string
}

func (l *requestLog) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	l.mu.Lock()
	l.seen = append(l.seen, r.URL.Path)
	l.mu.Unlock()
	l.h.ServeHTTP(w, r)
}

func (l *requestLog) paths() []string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return slices.Clone(l.seen)
}

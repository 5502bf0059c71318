package browsertest

import (
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/workbook-press/workbook/internal/netlify"
)

func TestBrowserLoadsALoopbackPage(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "index.html"), []byte("<!doctype html><title>t</title><h1>Hello</h1>"), 0o644)
	os.WriteFile(filepath.Join(dir, "404.html"), []byte("<!doctype html><title>404</title><p>Not here"), 0o644)
	srv := Serve(t, Static(dir, nil))
	tab := New(t)
	if err := chromedp.Do(tab.Ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
		t.Fatal(err)
	}
	h1, err := chromedp.Run(tab.Ctx, chromedp.Text("h1"))
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Do(tab.Ctx, chromedp.Navigate(srv.URL+"/nope/")); err != nil {
		t.Fatal(err)
	}
	missing, err := chromedp.Run(tab.Ctx, chromedp.Text("p"))
	if err != nil {
		t.Fatal(err)
	}
	if h1 != "Hello" || missing != "Not here" {
		t.Errorf("got h1 %q and 404 text %q, want Hello and Not here", h1, missing)
	}
	if f := tab.Foreign(srv.URL); len(f) != 0 {
		t.Errorf("requests left the origin: %v", f)
	}
	resp, err := http.Get(srv.URL + "/nope")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 404 {
		t.Errorf("GET /nope: got status %d, want 404", resp.StatusCode)
	}
}

// TestTabReportsErrors proves the error log a page check relies on can
// fail: an uncaught exception, a console.error and a script the
// Content-Security-Policy blocks are all reported.
func TestTabReportsErrors(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "index.html"), []byte(`<!doctype html><title>t</title><script src="/boom.js"></script><script>alert(1)</script>`), 0o644)
	os.WriteFile(filepath.Join(dir, "boom.js"), []byte(`console.error("told you"); throw new Error("boom");`), 0o644)
	rules := []netlify.HeaderRule{{For: "/*", Values: map[string]string{"Content-Security-Policy": "default-src 'self'"}}}
	srv := Serve(t, Static(dir, rules))
	tab := New(t)
	if err := chromedp.Do(tab.Ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
		t.Fatal(err)
	}
	got := strings.Join(tab.Errors(), "\n")
	for _, want := range []string{"told you", "boom", "Content Security Policy"} {
		if !strings.Contains(got, want) {
			t.Errorf("errors do not mention %q; got:\n%s", want, got)
		}
	}
}

// leaky is a site whose every part asks another host for something: the
// page's script, an image, a stylesheet's @import, the service worker's
// script and install, and a dedicated worker.
var leaky = map[string]string{
	"index.html": "<!doctype html><title>t</title><h1>Hello</h1>",
	"leaky.html": `<!doctype html><title>leaky</title><link rel="stylesheet" href="/leaky.css">
<img src="http://img.example.com/pixel.png" alt="">
<script>navigator.serviceWorker.register("/sw.js"); new Worker("/worker.js");</script>`,
	"leaky.css": `@import url("http://css.example.com/imported.css");`,
	"sw.js": `fetch("http://sw.example.com/top").catch(() => 0);
self.addEventListener("install", e => e.waitUntil(fetch("https://sw.example.com/install").catch(() => 0)));`,
	"worker.js": `fetch("http://worker.example.com/x").catch(() => 0);`,
}

func TestTrapCatchesRequestsToOtherHosts(t *testing.T) {
	dir := t.TempDir()
	for name, text := range leaky {
		os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644)
	}
	srv := Serve(t, Static(dir, nil))
	tab := New(t, Options{Trap: true})
	if err := chromedp.Do(tab.Ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
		t.Fatal(err)
	}
	if got := tab.Trap.Caught(srv.URL); len(got) != 0 {
		t.Fatalf("a loopback page: the trap caught %q, want nothing", got)
	}

	if err := chromedp.Do(tab.Ctx, chromedp.Navigate(srv.URL+"/leaky.html")); err != nil {
		t.Fatal(err)
	}
	fetched, err := chromedp.Run(tab.Ctx, chromedp.Evaluate[string](`fetch("http://page.example.com/x", {mode: "no-cors"}).then(() => "answered", () => "failed")`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatal(err)
	}
	if fetched != "failed" {
		t.Errorf("the page's fetch of another host was %s, want failed before it is sent", fetched)
	}
	sw := "(service_worker " + srv.URL + "/sw.js)"
	want := []string{
		"GET http://page.example.com/x (page)",
		"GET http://img.example.com/pixel.png (page)",
		"GET http://css.example.com/imported.css (page)",
		"GET http://sw.example.com/top " + sw,
		"GET https://sw.example.com/install " + sw,
		"GET http://worker.example.com/x (page)",
	}
	slices.Sort(want)
	var got []string
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if got = slices.Sorted(slices.Values(tab.Trap.Caught(srv.URL))); slices.Equal(got, want) {
			return
		}
	}
	t.Errorf("the trap caught:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
}

// TestPhoneWidthIsReal: a tab asked for 375 px lays its page out at 375
// px, though a headless window is never narrower than 500.
func TestPhoneWidthIsReal(t *testing.T) {
	tab := New(t, Options{Width: 375, Height: 740})
	if err := chromedp.Do(tab.Ctx, chromedp.Navigate("about:blank")); err != nil {
		t.Fatal(err)
	}
	width, err := chromedp.Run(tab.Ctx, chromedp.Evaluate[int](`document.documentElement.clientWidth`))
	if err != nil {
		t.Fatal(err)
	}
	if width != 375 {
		t.Errorf("the page is %d px wide, want 375", width)
	}
}

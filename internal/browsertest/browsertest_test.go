package browsertest

import (
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
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
	rules := []HeaderRule{{For: "/*", Values: map[string]string{"Content-Security-Policy": "default-src 'self'"}}}
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

func TestTrapCatchesRequestsToOtherHosts(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "index.html"), []byte("<!doctype html><title>t</title><h1>Hello</h1>"), 0o644)
	srv := Serve(t, Static(dir, nil))
	tab := New(t, Options{Trap: true})
	if err := chromedp.Do(tab.Ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
		t.Fatal(err)
	}
	if got := tab.Trap.Caught(); len(got) != 0 {
		t.Fatalf("a loopback page: the trap caught %v, want nothing", got)
	}
	if _, err := chromedp.Run(tab.Ctx, chromedp.Evaluate[any](`fetch("http://example.com/x", {mode: "no-cors"}).catch(() => 0)`, chromedp.EvalAwaitPromise)); err != nil {
		t.Fatal(err)
	}
	if got := tab.Trap.Caught(); len(got) != 1 || got[0] != "GET example.com/x" {
		t.Errorf("after fetching http://example.com/x: the trap caught %q, want GET example.com/x", got)
	}
}

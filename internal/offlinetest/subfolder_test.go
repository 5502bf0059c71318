package offlinetest

import (
	"context"
	"net/http"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/workbook-press/workbook/internal/browsertest"
	"github.com/workbook-press/workbook/internal/site"
)

// TestBookInAFolder publishes a book the way a GitHub Pages project site
// is: under /mybook/ of its host, with nothing of the book at the root. The
// book must work there online and, after one visit, offline; no request may
// leave /mybook/.
func TestBookInAFolder(t *testing.T) {
	browsertest.Require(t)
	out := filepath.Join(t.TempDir(), "public")
	res, err := site.Build(context.Background(), site.Config{Project: book("The opening."), Out: out, Minify: true, BaseURL: "https://alice.example.org/mybook"})
	if err != nil {
		t.Fatal(err)
	}
	outside := &requestLog{h: http.NotFoundHandler()}
	mux := http.NewServeMux()
	mux.Handle("/mybook/", http.StripPrefix("/mybook", host(t, out)))
	mux.Handle("/", outside)
	srv := browsertest.Serve(t, mux)
	tab := browsertest.New(t, browsertest.Options{Trap: true})
	base := srv.URL + "/mybook"

	visitUntilControlled(t, tab, base+"/")
	state := run(t, tab, "worker, manifest and links", chromedp.Evaluate[string](`(async () => {
		const reg = await navigator.serviceWorker.getRegistration();
		const link = document.querySelector('link[rel="manifest"]');
		const m = await (await fetch(link.href)).json();
		const icons = await Promise.all(m.icons.map(i => fetch(new URL(i.src, link.href)).then(r => r.status)));
		const hrefs = [...document.querySelectorAll("a[href], link[href], script[src]")].map(e => new URL(e.href || e.src, location.href).pathname);
		return [new URL(reg.scope).pathname, new URL(m.start_url, link.href).pathname, new URL(m.scope, link.href).pathname, icons.every(s => s === 200),
			hrefs.filter(p => !p.startsWith("/mybook/")).join(",")].join("|");
	})()`, chromedp.EvalAwaitPromise))
	if want := "/mybook/|/mybook/|/mybook/|true|"; state != want {
		t.Errorf("the book in /mybook/: got worker scope|start_url|manifest scope|icons found|links outside /mybook/ = %q, want %q", state, want)
	}
	run(t, tab, "follow the first chapter", browsertest.Tap(`.toc-chapter a`))
	eventually(t, tab, "the first chapter opens", `location.pathname === "/mybook/first/" && document.querySelector("h1").textContent.includes("First steps")`)
	run(t, tab, "type an answer", chromedp.SendKeys("#ws-mood-word", "calm"))
	run(t, tab, "wait for the save", chromedp.Poll[bool]("("+savedMood+`).includes("calm")`))

	srv.Close()
	goneOffline(t, srv.URL)
	for _, c := range res.Book.Chapters {
		if !strings.HasPrefix(c.URL(), "/mybook/") {
			t.Fatalf("chapter URL %s is not in /mybook/", c.URL())
		}
		h1, fromWorker := open(t, tab, srv.URL+c.URL())
		if h1 != c.Title || !fromWorker {
			t.Errorf("offline %s: got h1 %q (from the worker: %v), want %q from the worker", c.URL(), h1, fromWorker, c.Title)
		}
	}
	open(t, tab, base+"/first/")
	if got := run(t, tab, "restored answer", chromedp.Value("#ws-mood-word")); got != "calm" {
		t.Errorf("offline in /mybook/first/: got %q in the field, want calm", got)
	}
	h1, _ := open(t, tab, base+"/never-cached/")
	links := run(t, tab, "offline page links", chromedp.Evaluate[string](`[...document.querySelectorAll("main a")].map(a => new URL(a.href).pathname).join(" ")`))
	if h1 != "You are offline" || !strings.Contains(links, "/mybook/first/") || !strings.Contains(links, "/mybook/print/") || strings.Contains(" "+links, " /print/") {
		t.Errorf("offline, an uncached URL in /mybook/: got h1 %q and links %q, want the offline page linking inside /mybook/", h1, links)
	}
	if got := outside.paths(); len(got) > 0 {
		t.Errorf("requests outside /mybook/: %v", got)
	}
	if caught := tab.Trap.Caught(srv.URL); len(caught) > 0 {
		t.Errorf("requests tried to leave the machine: %v", caught)
	}
}

// Package offlinetest checks, in headless Chromium, that a built book keeps
// working with the server gone after one visit, and that a new deployment
// reaches the reader through the update banner without losing answers.
package offlinetest

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/workbook-press/workbook/internal/browsertest"
	"github.com/workbook-press/workbook/internal/site"
)

func TestBookWorksOfflineAndUpdates(t *testing.T) {
	browsertest.Require(t)
	out := filepath.Join(t.TempDir(), "public")
	first := build(t, book("The old opening."), out)
	srv := serve(t, out)
	tab := browsertest.New(t, browsertest.Options{Trap: true})

	// First visit: the worker installs, precaches and takes control.
	visitUntilControlled(t, tab, srv.URL+"/")
	checkManifest(t, tab)
	oldCache := run(t, tab, "cache names", chromedp.Evaluate[string](ourCaches, chromedp.EvalAwaitPromise))
	// Someone else's cache and storage on the same origin must survive.
	run(t, tab, "other data", chromedp.Evaluate[any](`localStorage.setItem("someone-else", "keep me"); caches.open("someone-else").then(c => c.put("/x", new Response("x")))`, chromedp.EvalAwaitPromise))

	srv.Close()
	goneOffline(t, srv.URL)
	readEverythingOffline(t, tab, srv.URL, first)
	typeAndSaveOffline(t, tab, srv.URL)
	useLaterModulesOffline(t, tab, srv.URL)

	// The author deploys a new version while the reader's page stays open.
	build(t, book("The new opening."), out)
	after := &requestLog{h: host(t, out)}
	srv = browsertest.Serve(t, after, srv.Addr())
	updateThroughTheBanner(t, tab, srv.URL)
	// The new version downloads only what changed: the first chapter and
	// the whole-book print page that holds it. The rest is copied over.
	got := after.paths()
	if !slices.Contains(got, "/first/") || !slices.Contains(got, "/print/book/") || slices.Contains(got, "/third/") ||
		slices.ContainsFunc(got, func(p string) bool { return strings.HasPrefix(p, "/assets/") }) {
		t.Errorf("requests after the new deployment: %v; want /first/ and /print/book/, and no unchanged chapter or asset", got)
	}

	newCache := run(t, tab, "cache names", chromedp.Evaluate[string](ourCaches, chromedp.EvalAwaitPromise))
	if newCache == oldCache || strings.Contains(newCache, " ") || newCache == "" {
		t.Errorf("caches after the update: got %q, want one cache, not the first version's %q", newCache, oldCache)
	}
	other := run(t, tab, "other data", chromedp.Evaluate[string](`caches.has("someone-else").then(has => localStorage.getItem("someone-else") + " " + has)`, chromedp.EvalAwaitPromise))
	if other != "keep me true" {
		t.Errorf("another app's storage and cache after the update: got %q, want both kept", other)
	}
	if f := tab.Foreign(srv.URL); len(f) > 0 {
		t.Errorf("requests left the site: %v", f)
	}
	if caught := tab.Trap.Caught(srv.URL); len(caught) > 0 {
		t.Errorf("requests tried to leave the machine (from a page or the service worker): %v", caught)
	}
}

func readEverythingOffline(t *testing.T, tab *browsertest.Tab, origin string, res *site.Result) {
	t.Helper()
	for _, c := range res.Book.Chapters {
		h1, fromWorker := open(t, tab, origin+c.URL())
		if h1 != c.Title || !fromWorker {
			t.Errorf("offline %s: got h1 %q (from the worker: %v), want %q from the worker", c.URL(), h1, fromWorker, c.Title)
		}
	}
	for _, p := range []struct{ url, h1, text string }{
		{"/", "Offline Book", "First steps"},
		{"/print/", "all worksheets", "How I feel"},
		{"/print/book/", "Offline Book", "The third chapter."},
	} {
		h1, fromWorker := open(t, tab, origin+p.url)
		text := run(t, tab, "text of "+p.url, chromedp.Text("main"))
		if !strings.Contains(h1, p.h1) || !strings.Contains(text, p.text) || !fromWorker {
			t.Errorf("offline %s: got h1 %q (from the worker: %v), want one with %q from the worker, and %q in the text", p.url, h1, fromWorker, p.h1, p.text)
		}
	}
	h1, _ := open(t, tab, origin+"/never-cached/")
	links := run(t, tab, "offline page links", chromedp.Evaluate[string](`[...document.querySelectorAll(".chapter-list li")].map(li => li.textContent.trim() + " " + new URL(li.querySelector("a").href).pathname).join("; ")`))
	if want := "First steps /first/; Second thoughts /second/; Third time /third/"; h1 != "You are offline" || links != want {
		t.Errorf("offline, an uncached URL: got h1 %q and chapter links %q, want You are offline and %q", h1, links, want)
	}
}

// savedMood is every answer saved for the book, of every reader.
const savedMood = `Object.keys(localStorage).filter(k => k.startsWith("workbook:offline-book/")).map(k => localStorage.getItem(k)).join(" ")`

func typeAndSaveOffline(t *testing.T, tab *browsertest.Tab, origin string) {
	t.Helper()
	open(t, tab, origin+"/first/")
	run(t, tab, "type", chromedp.SendKeys("#ws-mood-word", "calm"))
	run(t, tab, "wait for the save", chromedp.Poll[bool]("("+savedMood+`).includes("calm")`, chromedp.WithPollingTimeout(5*time.Second)))
	open(t, tab, origin+"/first/")
	if got := run(t, tab, "restored answer", chromedp.Value("#ws-mood-word")); got != "calm" {
		t.Errorf("offline, after reloading the worksheet: got %q in the field, want calm", got)
	}
}

// useLaterModulesOffline: what a page loads only once it is used (search,
// "Who is writing?", with their strings and stylesheet) was never loaded
// online, and works offline from the worker's copy.
func useLaterModulesOffline(t *testing.T, tab *browsertest.Tab, origin string) {
	t.Helper()
	open(t, tab, origin+"/second/")
	// The sidebar's contents, one file the worker saved, arrive on a page
	// never visited online, with this chapter marked.
	eventually(t, tab, "the contents, offline", `document.querySelector("[data-book-nav] [aria-current=page]")?.getAttribute("href") === "/second/" &&
	  caches.match(document.querySelector("[data-book-nav]").dataset.contents).then(r => !!r)`)
	run(t, tab, "search", chromedp.SendKeys("#search-q", "third"))
	eventually(t, tab, "search results", `document.querySelector("[data-search-list]").textContent.includes("Third time")`)
	if got := run(t, tab, "search heading", chromedp.TextContent(".search-group")); got != "In the book" {
		t.Errorf("offline search: group heading %q, want In the book", got)
	}
	run(t, tab, "Who is writing?", browsertest.Tap("[data-who]"))
	eventually(t, tab, "the switcher", `document.querySelector("dialog[open]") !== null`)
	got := run(t, tab, "the switcher", chromedp.Evaluate[string](`(() => { const d = document.querySelector("dialog[open]"); return d.textContent + "|" + getComputedStyle(d).borderTopStyle; })()`))
	if !strings.Contains(got, "Add someone") || !strings.HasSuffix(got, "|solid") {
		t.Errorf("offline, Who is writing?: got %q, want its strings and stylesheet (a solid border)", got)
	}
	loaded := run(t, tab, "scripts", chromedp.Evaluate[string](`performance.getEntriesByType("resource").map(r => new URL(r.name).pathname).join(" ")`))
	for _, want := range []string{"/assets/js/search.", "/assets/js/switcher.", "/assets/css/later.", "/assets/js/strings."} {
		if !strings.Contains(loaded, want) {
			t.Errorf("offline: the page loaded %s, want %s…", loaded, want)
		}
	}
	open(t, tab, origin+"/first/") // where the update finds the reader
}

// updateThroughTheBanner: the connection comes back while an old page is
// open with an answer half typed. The page must offer the new version and
// wait for the reader; the reader's click shows the new text.
func updateThroughTheBanner(t *testing.T, tab *browsertest.Tab, origin string) {
	t.Helper()
	run(t, tab, "type without waiting", chromedp.SendKeys("#ws-mood-more", "still typing"))
	run(t, tab, "mark the page", chromedp.Evaluate[any](`window.samePage = true`))
	comeBackOnline(t, tab)
	run(t, tab, "the update banner", chromedp.WaitVisible("#banner-update button"))
	state := run(t, tab, "page state", chromedp.Evaluate[string](`[window.samePage, document.querySelector("#ws-mood-more").value,
		document.querySelector("main").textContent.includes("The old opening."),
		document.querySelector("[aria-live] #banner-update").textContent].join("|")`))
	if want := "true|still typing|true|A new version of this book is ready.Reload"; state != want {
		t.Fatalf("with a new version waiting: got %q, want %q (same page, typing kept, old text, banner in a live region)", state, want)
	}
	acceptUpdate(t, tab, "The new opening.")
	eventually(t, tab, "the worksheet restored", `document.querySelector("#ws-mood-word").value === "calm"`)
	if got := run(t, tab, "answers", chromedp.Evaluate[string](`document.querySelector("#ws-mood-word").value + "|" + document.querySelector("#ws-mood-more").value`)); got != "calm|still typing" {
		t.Errorf("answers after the update: got %q, want calm|still typing", got)
	}
	if stored := run(t, tab, "stored answers", chromedp.Evaluate[string](savedMood)); !strings.Contains(stored, "calm") || !strings.Contains(stored, "still typing") {
		t.Errorf("localStorage after the update: got %q, want both answers", stored)
	}
}

// checkManifest fetches the manifest the page links to, as a browser
// installing the book does, and every icon it names.
func checkManifest(t *testing.T, tab *browsertest.Tab) {
	t.Helper()
	got := run(t, tab, "manifest", chromedp.Evaluate[string](`(async () => {
		const link = document.querySelector('link[rel="manifest"]');
		const res = await fetch(link.href);
		const m = await res.json();
		const out = [res.status, res.headers.get("content-type"), m.name, new URL(m.start_url, link.href).href === location.origin + "/"];
		for (const icon of m.icons) {
			const r = await fetch(new URL(icon.src, link.href));
			out.push(icon.sizes + " " + r.status + " " + r.headers.get("content-type"));
		}
		return out.join("|");
	})()`, chromedp.EvalAwaitPromise))
	want := "200|application/manifest+json|Offline Book|true|any 200 image/svg+xml|192x192 200 image/png|512x512 200 image/png|512x512 200 image/png"
	if got != want {
		t.Errorf("the web app manifest and its icons:\ngot  %s\nwant %s", got, want)
	}
}

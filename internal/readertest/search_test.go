package readertest

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/workbook-press/workbook/internal/browsertest"
)

// answer is what the reader types in chapter 3; nothing but their record
// may ever hold it.
const answer = "texting when the night train runs late"

// TestSearchOfflineFindsTheBookAndMyAnswers: after one visit, with the
// server gone, the search box finds a phrase of chapter 9 (headings
// first) and an answer typed in chapter 3, and opens a result from the
// keyboard; the answer is then nowhere but in the reader's record.
func TestSearchOfflineFindsTheBookAndMyAnswers(t *testing.T) {
	srv := serve(t)
	tab := browsertest.New(t, browsertest.Options{Trap: true})
	open(t, tab, srv.URL+"/")
	eventually(t, tab, "the worker controls the page", `navigator.serviceWorker.controller !== null`)
	eventually(t, tab, "told once that the book is saved", `document.querySelector("#banner-offline-ready")?.textContent.includes("saved on this device")`)
	if n := eval[int](t, tab, "index not loaded", `performance.getEntriesByType("resource").filter(e => e.name.includes("search-index")).length`); n != 0 {
		t.Errorf("the page itself fetched the search index %d times before the box was used", n)
	}

	open(t, tab, srv.URL+"/how-trust-breaks/")
	if eval[bool](t, tab, "told again?", `document.querySelector("#banner-offline-ready") !== null`) {
		t.Error("the next page says again that the book is saved")
	}
	run(t, tab, "type an answer", chromedp.SendKeys(chromedp.CSS("#ws-expectations-first"), answer))
	eventually(t, tab, "saved", `Object.values(localStorage).some(v => v.includes("`+answer+`"))`)
	srv.Close()

	open(t, tab, srv.URL+"/going-on/")
	search(t, tab, "three places to look")
	first := eval[string](t, tab, "first result", `document.querySelector("[data-search-list] [role=option]")?.dataset.href`)
	if first != chapter9+"#three-places-to-look" {
		t.Errorf("first result for a heading of chapter 9: got %q, want the heading", first)
	}
	search(t, tab, "nothing in this chapter moves the choice")
	got := results(t, tab)
	if len(got) == 0 || !strings.HasPrefix(got[0], chapter9) {
		t.Errorf("a sentence of chapter 9 offline: got %q", got)
	}
	if marks := eval[string](t, tab, "highlight", `[...document.querySelectorAll("[data-search-list] [role=option] .search-snippet mark")].map(m => m.textContent).join("|")`); marks != "Nothing in this chapter moves the choice" {
		t.Errorf("the match is not highlighted: marks %q", marks)
	}

	search(t, tab, "night train")
	mine := eval[string](t, tab, "my answers", `[...document.querySelectorAll("[data-search-list] [role=option]")].filter(o => o.querySelector(".search-where").textContent.startsWith("Your answer")).map(o => o.dataset.href + " " + o.textContent).join("\n")`)
	if !strings.HasPrefix(mine, "/how-trust-breaks/#ws-expectations") || !strings.Contains(mine, "What I expected") || !strings.Contains(mine, answer) {
		t.Errorf("my answer from chapter 3: got %q", mine)
	}
	checkNowhereElse(t, tab)

	run(t, tab, "choose the answer", chromedp.KeyEvent(kb.ArrowDown))
	run(t, tab, "open it", chromedp.KeyEvent(kb.Enter))
	eventually(t, tab, "opened chapter 3 offline", `location.pathname === "/how-trust-breaks/" && location.hash === "#ws-expectations" && document.querySelector("#ws-expectations-first")?.value === "`+answer+`"`)
	if strings.Contains(eval[string](t, tab, "url", `location.href`), "train") {
		t.Error("the search went into the address")
	}
	checkNowhereElse(t, tab)
	noErrors(t, tab)
}

// search types q into a fresh box (opening it with "/") and waits for
// the results.
func search(t *testing.T, tab *browsertest.Tab, q string) {
	t.Helper()
	eval[any](t, tab, "clear", `document.activeElement?.blur(); document.querySelector("#search-q").value = ""`)
	run(t, tab, "press /", chromedp.KeyEvent("/"))
	if !eval[bool](t, tab, "focus", `document.activeElement.id === "search-q"`) {
		t.Fatal("/ did not focus the search box")
	}
	// The protocol sends the key's character apart from its keydown, so
	// the page's preventDefault can't stop it as it does in a browser.
	eval[any](t, tab, "clear", `document.querySelector("#search-q").value = ""`)
	run(t, tab, "type "+q, chromedp.SendKeys(chromedp.CSS("#search-q"), q))
	eventually(t, tab, "results for "+q, `!document.querySelector("#search-results").hidden && document.querySelector("[data-search-list]").dataset.query === "`+q+`"`)
	t.Logf("search %q: %s", q, eval[string](t, tab, "status", `document.querySelector("[data-search-status]").textContent`))
}

func results(t *testing.T, tab *browsertest.Tab) []string {
	t.Helper()
	s := eval[string](t, tab, "results", `[...document.querySelectorAll("[data-search-list] [role=option]")].map(o => o.dataset.href).join("\n")`)
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// checkNowhereElse looks for the answer in every place a browser keeps
// things for a page: it must be only in the reader's record of the
// worksheet.
func checkNowhereElse(t *testing.T, tab *browsertest.Tab) {
	t.Helper()
	time.Sleep(300 * time.Millisecond)
	where := eval[string](t, tab, "where the answer is kept", `(async () => {
	  const found = [];
	  for (const k of Object.keys(localStorage)) if (localStorage.getItem(k).includes("`+answer+`") || k.includes("night")) found.push("localStorage " + k);
	  for (const k of Object.keys(sessionStorage)) if ((k + sessionStorage.getItem(k)).includes("night")) found.push("sessionStorage " + k);
	  for (const name of await caches.keys()) {
	    const c = await caches.open(name);
	    for (const req of await c.keys()) {
	      if (req.url.includes("night")) found.push("cache url " + req.url);
	      const body = await (await c.match(req)).text();
	      if (body.includes("night train")) found.push("cache " + req.url);
	    }
	  }
	  if (indexedDB.databases) for (const db of await indexedDB.databases()) found.push("indexedDB " + db.name);
	  return found.join("\n");
	})()`)
	if where != "localStorage workbook:rebuilding-trust/1:expectations" {
		t.Errorf("the answer is kept in:\n%s\nwant only localStorage workbook:rebuilding-trust/1:expectations", where)
	}
}

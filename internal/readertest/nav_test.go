package readertest

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/workbook-press/workbook/internal/browsertest"
)

const chapter9 = "/what-made-it-possible/"

// TestSidebarStaysInViewWide: at 1,280 px the contents stand beside the
// page, the current chapter and its part marked, and stay in view at the
// end of a long chapter; the chapter says where it is; "On this page"
// lists its worksheet.
func TestSidebarStaysInViewWide(t *testing.T) {
	srv := serve(t)
	tab := browsertest.New(t, browsertest.Options{Width: 1280, Height: 900, Trap: true})
	open(t, tab, srv.URL+chapter9)
	eventually(t, tab, "the contents arrived", `document.querySelectorAll("[data-book-nav] .book-nav-list a").length === 14`)
	// The page carries none of the list; it is one file, fetched once by
	// the page's script, so it never holds up the first paint. (Whether the
	// fetch starts before or after the paint is the browser's timing.)
	html := eval[string](t, tab, "the page's HTML", `fetch(location.href).then(r => r.text())`)
	if strings.Contains(html, `href="/what-trust-is/"`) || strings.Contains(html, "book-nav-list") {
		t.Error("the chapter's HTML holds the book's contents; want them only in contents.html")
	}
	once := `(() => {
	  const c = performance.getEntriesByType("resource").filter(r => r.name.includes("/assets/contents."));
	  return c.length === 1 && c[0].initiatorType === "fetch";
	})()`
	if !eval[bool](t, tab, "contents fetched once by the script", once) {
		t.Error("want the contents fetched once, by the page's script")
	}

	if got := eval[string](t, tab, "position", `document.querySelector(".chapter-part").textContent`); got != "Chapter 9 of 14 · Together" {
		t.Errorf("position: got %q, want %q", got, "Chapter 9 of 14 · Together")
	}
	if got := eval[string](t, tab, "current", `document.querySelector("[data-book-nav] [aria-current=page]")?.textContent.trim()`); got != "9 What made it possible" {
		t.Errorf("current chapter in the contents: got %q", got)
	}
	if got := eval[string](t, tab, "part", `document.querySelector(".book-nav-part.is-current .book-nav-part-title")?.textContent`); got != "Together" {
		t.Errorf("current part: got %q, want Together", got)
	}
	ws := eval[string](t, tab, "worksheets on this page", `[...document.querySelectorAll(".chapter-toc a")].filter(a => a.textContent.startsWith("Worksheet: ") && document.querySelector(a.hash)).map(a => a.textContent).join("|")`)
	if ws != "Worksheet: What made it possible" {
		t.Errorf("On this page: got worksheets %q, want one link to the chapter's worksheet", ws)
	}

	inView := `(() => {
	  const nav = document.querySelector("[data-book-nav]"), cur = nav.querySelector("[aria-current]");
	  const n = nav.getBoundingClientRect(), c = cur.getBoundingClientRect();
	  return getComputedStyle(nav).display !== "none" && n.top === 0 && n.left === 0 && n.width >= 200 &&
	    c.top >= 0 && c.bottom <= innerHeight && document.querySelector("#search-q").getBoundingClientRect().top >= 0;
	})()`
	if !eval[bool](t, tab, "sidebar in view", inView) {
		t.Fatal("the contents are not beside the page at the top")
	}
	eval[any](t, tab, "scroll", `window.scrollTo(0, document.body.scrollHeight)`)
	if !eval[bool](t, tab, "sidebar after scrolling", `scrollY > 2000 && `+inView) {
		t.Error("at the end of the chapter, the contents (or the current chapter, or search) scrolled out of view")
	}
	if got := eval[bool](t, tab, "no Menu button", `document.querySelector("[data-nav-toggle]").offsetParent === null`); !got {
		t.Error("the Menu button shows beside the contents at 1,280 px")
	}
	noErrors(t, tab)
}

// TestContentsReachableOnAPhone: at 375 px the Menu button stays in the
// sticky bar however far the reader scrolled, opens the contents below
// the bar (Leave quickly still in reach), and Escape closes them.
func TestContentsReachableOnAPhone(t *testing.T) {
	srv := serve(t)
	tab := browsertest.New(t, browsertest.Options{Trap: true})
	run(t, tab, "a phone's screen", chromedp.EmulateViewport(375, 740))
	open(t, tab, srv.URL+chapter9)
	if !eval[bool](t, tab, "contents hidden", `getComputedStyle(document.querySelector("[data-book-nav]")).display === "none"`) {
		t.Fatal("the contents take the top of a phone's screen before the chapter")
	}
	eval[any](t, tab, "scroll", `window.scrollTo(0, 3000)`)
	visible := func(sel string) string {
		return `(() => { const el = document.querySelector(` + "`" + sel + "`" + `), r = el.getBoundingClientRect();
		  return r.width > 0 && r.top >= 0 && r.bottom <= innerHeight && el.contains(document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2)); })()`
	}
	if !eval[bool](t, tab, "Menu in view", `scrollY >= 3000 && `+visible("[data-nav-toggle]")) {
		t.Fatal("3,000 px down the chapter, the Menu button is not in view")
	}
	if w := eval[float64](t, tab, "page width", `document.documentElement.scrollWidth`); w > 375 {
		t.Errorf("the page is %v px wide at 375 px", w)
	}
	for _, width := range []int64{360, 375} {
		run(t, tab, "width", chromedp.EmulateViewport(width, 740))
		open(t, tab, srv.URL+chapter9)
		if h := eval[float64](t, tab, "bar height", `document.querySelector(".reader-bar").offsetHeight`); h > 60 {
			t.Errorf("at %d px the sticky bar is %v px tall, want one row", width, h)
		}
	}
	if eval[bool](t, tab, "no list yet", `!!document.querySelector("[data-book-nav] .book-nav-list")`) {
		t.Error("a phone downloaded the contents before Menu was tapped")
	}
	run(t, tab, "tap Menu", browsertest.Tap(chromedp.CSS("[data-nav-toggle]")))
	eventually(t, tab, "the contents arrived, focus on the current chapter", `document.activeElement.matches("[data-book-nav] [aria-current=page]")`)
	if !eval[bool](t, tab, "current chapter in view", visible("[data-book-nav] [aria-current]")) {
		t.Error("the open contents don't show the current chapter")
	}
	if !eval[bool](t, tab, "Leave quickly in reach", visible("[data-leave]")) {
		t.Error("the open contents cover Leave quickly")
	}
	if got := eval[string](t, tab, "focus", `document.activeElement.textContent.trim()`); got != "9 What made it possible" {
		t.Errorf("focus after Menu: got %q, want the current chapter's link", got)
	}
	run(t, tab, "Escape", chromedp.KeyEvent(kb.Escape))
	if !eval[bool](t, tab, "closed", `getComputedStyle(document.querySelector("[data-book-nav]")).display === "none" && document.activeElement.matches("[data-nav-toggle]")`) {
		t.Error("Escape did not close the contents and give the focus back to Menu")
	}
	run(t, tab, "tap Menu", browsertest.Tap(chromedp.CSS("[data-nav-toggle]")))
	run(t, tab, "tap a chapter", browsertest.Tap(chromedp.CSS(`[data-book-nav] a[href="/after-the-conversation/"]`)))
	eventually(t, tab, "chapter 10 opened", `location.pathname === "/after-the-conversation/" && document.querySelector("h1").textContent === "After the conversation"`)
	noErrors(t, tab)
}

// TestArrowKeysAndContinue: the arrow keys turn the page, except while the
// reader writes; the home page offers the first chapter, then the chapter
// after the one finished last.
func TestArrowKeysAndContinue(t *testing.T) {
	srv := serve(t)
	tab := browsertest.New(t, browsertest.Options{Trap: true})
	open(t, tab, srv.URL+"/")
	const offered = `(() => { const c = document.querySelector("[data-continue]"); return c.hidden ? "hidden" : c.textContent.trim() + " " + new URL(c.querySelector("a").href).pathname; })()`
	if got, want := eval[string](t, tab, "Start reading", offered), "Start reading: Safety first /safety-first/"; got != want {
		t.Errorf("a first visit: got %q, want %q", got, want)
	}
	open(t, tab, srv.URL+chapter9)
	run(t, tab, "right arrow", chromedp.KeyEvent(kb.ArrowRight))
	eventually(t, tab, "next chapter", `location.pathname === "/after-the-conversation/" && document.documentElement.classList.contains("js")`)
	run(t, tab, "left arrow", chromedp.KeyEvent(kb.ArrowLeft))
	eventually(t, tab, "previous chapter", `location.pathname === "`+chapter9+`" && document.documentElement.classList.contains("js")`)

	field := `section.worksheet textarea, section.worksheet input[type=text]`
	run(t, tab, "focus a field", chromedp.Focus(chromedp.CSS(field)))
	run(t, tab, "type", chromedp.SendKeys(chromedp.CSS(field), "ab"))
	run(t, tab, "left arrow in a field", chromedp.KeyEvent(kb.ArrowLeft))
	run(t, tab, "right arrow in a field", chromedp.KeyEvent(kb.ArrowRight))
	run(t, tab, "wait", chromedp.Sleep(500_000_000))
	if got := eval[string](t, tab, "still here", `location.pathname`); got != chapter9 {
		t.Fatalf("an arrow key in a field left the chapter for %s", got)
	}

	eval[any](t, tab, "read to the end", `window.scrollTo(0, document.body.scrollHeight)`)
	eventually(t, tab, "chapter 9 marked read", `Object.keys(localStorage).some(k => k.endsWith(":read:`+chapter9+`"))`)
	open(t, tab, srv.URL+"/")
	got := eval[string](t, tab, "Continue", offered)
	if want := "Continue: After the conversation /after-the-conversation/"; got != want {
		t.Errorf("Continue after finishing chapter 9: got %q, want %q", got, want)
	}
	// Continue takes the place of Start reading, which the page has before
	// any script runs: on a slow phone nothing below it moves.
	served := eval[string](t, tab, "the home page as served", `fetch("/").then(r => r.text()).then(html => {
		const c = new DOMParser().parseFromString(html, "text/html").querySelector("[data-continue]");
		return c ? (c.hidden ? "hidden" : c.textContent.trim()) : "missing"; })`)
	if served != "Start reading: Safety first" {
		t.Errorf("the home page as served: the box Continue fills in is %q; want it shown, with Start reading", served)
	}
	noErrors(t, tab)
}

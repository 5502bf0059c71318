package serve

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/workbook-press/workbook/internal/browsertest"
)

// TestBrowserFollowsEdits opens a chapter in headless Chromium and edits
// its file: the page shows the new text without a manual reload; a broken
// file shows the overlay, and the fix clears it; a stylesheet change is
// applied without reloading the page. Nothing breaks the CSP.
func TestBrowserFollowsEdits(t *testing.T) {
	browsertest.Require(t)
	dir := t.TempDir()
	writeBook(t, dir, 3)
	write(t, filepath.Join(dir, "assets/css/app.css"), "body { color: rgb(0, 0, 128) }\n")
	p := startOn(t, dir)
	tab := browsertest.New(t)
	if err := chromedp.Do(tab.Ctx, chromedp.Navigate(p.srv.URL()+"chapter-2/")); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the page to connect for live reload", func() bool { return p.srv.b.hub.count() == 1 })
	js := func(expr string) string { // "" while the page is being replaced
		v, _ := chromedp.Run(tab.Ctx, chromedp.Evaluate[string](expr))
		return v
	}
	js(`window.sameDocument = "yes"`)

	p.write("content/"+chapterFile(2), chapterText(2, 3, "Words typed in the editor a moment ago."))
	waitFor(t, "the edit to show", func() bool {
		return strings.Contains(js(`document.body?.innerText ?? ""`), "Words typed in the editor a moment ago.")
	})

	p.write("content/"+chapterFile(2), "---\ntitle: Chapter 2\nwieght: 3\n---\n\nBroken.\n")
	waitFor(t, "the overlay to show the broken file", func() bool {
		return strings.Contains(js(`document.querySelector("#workbook-overlay .wb-where")?.textContent ?? ""`), "content/"+chapterFile(2)+":3")
	})
	if got := js(`document.querySelector("#workbook-overlay mark")?.textContent ?? ""`); !strings.Contains(got, "wieght: 3") {
		t.Errorf("the overlay marks %q, want the offending line", got)
	}
	if got := js(`getComputedStyle(document.getElementById("workbook-overlay")).position`); got != "fixed" {
		t.Errorf("the overlay's stylesheet did not apply: position %q", got)
	}
	p.write("content/"+chapterFile(2), chapterText(2, 3, "Fixed and calm again."))
	waitFor(t, "the fix to clear the overlay", func() bool {
		return js(`String(document.getElementById("workbook-overlay") === null && (document.body?.innerText ?? "").includes("Fixed and calm again."))`) == "true"
	})

	// The fix reloaded the page: a stylesheet saved before the new page
	// follows the builds again would rightly reload it once more.
	waitFor(t, "the reloaded page to follow the builds", func() bool {
		return js(`document.documentElement.dataset.live ?? ""`) != ""
	})
	js(`window.sameDocument = "still"`)
	p.write("assets/css/app.css", "body { color: rgb(128, 0, 0) }\n")
	waitFor(t, "the new stylesheet to apply", func() bool {
		return js(`getComputedStyle(document.body).color`) == "rgb(128, 0, 0)"
	})
	if got := js(`String(window.sameDocument)`); got != "still" {
		t.Errorf("the page reloaded for a stylesheet change (got %q), want it kept", got)
	}
	var errs []string
	for _, e := range tab.Errors() {
		if !strings.Contains(e, "/_workbook/events") { // a stream cut by a reload is no error
			errs = append(errs, e)
		}
	}
	if len(errs) > 0 {
		t.Errorf("the page reported errors: %q", errs)
	}
	if f := tab.Foreign(strings.TrimSuffix(p.srv.URL(), "/")); len(f) > 0 {
		t.Errorf("requests left the origin: %v", f)
	}
}

// waitFor polls cond for up to 15 seconds.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(15 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

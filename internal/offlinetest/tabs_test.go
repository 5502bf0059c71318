package offlinetest

import (
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/workbook-press/workbook/internal/browsertest"
)

// When the reader takes a new version in one tab, another tab of the book
// (where they may be typing) is told, and never reloaded.
func TestAnotherTabIsToldNotReloaded(t *testing.T) {
	browsertest.Require(t)
	out := filepath.Join(t.TempDir(), "public")
	build(t, book("The old opening."), out)
	srv := serve(t, out)
	reading := browsertest.New(t, browsertest.Options{Trap: true})
	visitUntilControlled(t, reading, srv.URL+"/second/")
	typing := reading.Open(t)
	open(t, typing, srv.URL+"/first/")
	run(t, typing, "type", chromedp.SendKeys("#ws-mood-more", "half a thought"))
	run(t, typing, "mark the page", chromedp.Evaluate[any](`window.samePage = true`))

	build(t, book("The new opening."), out)
	comeBackOnline(t, reading)
	acceptUpdate(t, reading, "The second chapter.")

	run(t, typing, "the banner in the other tab", chromedp.WaitVisible("#banner-update button"))
	state := run(t, typing, "the other tab", chromedp.Evaluate[string](`[window.samePage, document.querySelector("#ws-mood-more").value,
		document.querySelector("main").textContent.includes("The old opening.")].join("|")`))
	if state != "true|half a thought|true" {
		t.Errorf("the other tab after the update: got %q, want the same page, the typing kept, the old text until the reader reloads", state)
	}
	acceptUpdate(t, typing, "The new opening.")
	if got := run(t, typing, "answer", chromedp.Value("#ws-mood-more")); got != "half a thought" {
		t.Errorf("the other tab after its reload: got %q, want the answer kept", got)
	}
	if caught := reading.Trap.Caught(srv.URL); len(caught) > 0 {
		t.Errorf("requests tried to leave the machine: %v", caught)
	}
}

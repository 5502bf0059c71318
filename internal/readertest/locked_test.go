package readertest

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/workbook-press/workbook/internal/browsertest"
)

// TestLockedAnswersAreSearchedOnlyWhileUnlocked: with a passphrase set,
// the search box says the answers are locked and finds none of them; once
// unlocked, it finds them.
func TestLockedAnswersAreSearchedOnlyWhileUnlocked(t *testing.T) {
	const pass = "slow river 42"
	srv := serve(t)
	tab := browsertest.New(t, browsertest.Options{Trap: true})
	open(t, tab, srv.URL+"/how-trust-breaks/")
	run(t, tab, "type an answer", chromedp.SendKeys(chromedp.CSS("#ws-expectations-first"), answer))
	eventually(t, tab, "saved", `Object.values(localStorage).some(v => v.includes("`+answer+`"))`)

	run(t, tab, "Who is writing?", browsertest.Tap(chromedp.CSS("[data-who]")))
	eventually(t, tab, "the dialog", `document.querySelector(".who-dialog[open]") !== null`)
	run(t, tab, "set a passphrase", browsertest.Tap(chromedp.CSS("[data-who-lock]")))
	run(t, tab, "type it", chromedp.SendKeys(chromedp.CSS("dialog[open] input[name=pass]"), pass))
	run(t, tab, "again", chromedp.SendKeys(chromedp.CSS("dialog[open] input[name=again]"), pass))
	run(t, tab, "set", browsertest.Press("set"))
	eventually(t, tab, "locked", `document.querySelector("dialog[open]")?.textContent.includes("Your answers are locked")`)
	run(t, tab, "ok", browsertest.Press("ok"))
	// The page reloads itself, locked.
	eventually(t, tab, "the page is locked", `document.documentElement.classList.contains("js") && document.querySelector("#ws-expectations [data-unlock]") !== null`)
	if eval[bool](t, tab, "sealed", `Object.values(localStorage).some(v => v.includes("night train"))`) {
		t.Fatal("the answer is still in plain text after the lock was set")
	}
	search(t, tab, "night train")
	status := eval[string](t, tab, "status", `document.querySelector("[data-search-status]").textContent`)
	if len(results(t, tab)) != 0 || !strings.Contains(status, "locked") {
		t.Errorf("locked: got results %q, status %q; want none, and the status to say the answers are locked", results(t, tab), status)
	}

	run(t, tab, "Unlock", browsertest.Tap(chromedp.CSS("#ws-expectations [data-unlock]")))
	run(t, tab, "passphrase", chromedp.SendKeys(chromedp.CSS("dialog[open] input[name=pass]"), pass))
	run(t, tab, "enter", chromedp.KeyEvent(kb.Enter))
	eventually(t, tab, "unlocked", `!document.querySelector("dialog[open]") && document.querySelector("#ws-expectations-first").value === "`+answer+`"`)
	search(t, tab, "night train")
	if got := results(t, tab); len(got) != 1 || !strings.HasPrefix(got[0], "/how-trust-breaks/#ws-expectations") {
		t.Errorf("unlocked: got results %q, want the answer", got)
	}
	noErrors(t, tab)
}

package readertest

import (
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/workbook-press/workbook/internal/browsertest"
)

// TestListRemoveCanBeUndone: a removed list entry comes back in its place,
// with its text, and is saved again.
func TestListRemoveCanBeUndone(t *testing.T) {
	srv := serve(t)
	tab := browsertest.New(t, browsertest.Options{Trap: true})
	open(t, tab, srv.URL+"/how-trust-breaks/")
	entries := `#ws-expectations .field[data-field=expected] .list-entry textarea`
	long := "I expected that you would ask me before using our savings (maybe)."
	eval[any](t, tab, "fill", `(() => { const ins = document.querySelectorAll("`+entries+`");
	  ["first hope", "`+long+`", "third hope"].forEach((v, i) => { ins[i].value = v; ins[i].dispatchEvent(new Event("input", {bubbles: true})); }); })()`)
	saved := `JSON.parse(localStorage.getItem("workbook:rebuilding-trust/1:expectations") || "{}").fields?.expected?.value?.join("|")`
	eventually(t, tab, "saved", saved+` === "first hope|`+long+`|third hope"`)

	run(t, tab, "remove entry 2", browsertest.Tap(chromedp.CSS(`#ws-expectations .field[data-field=expected] .list-entry:nth-child(2) [data-remove]`)))
	eventually(t, tab, "removed and saved", saved+` === "first hope|third hope"`)
	if got := eval[string](t, tab, "note", `document.querySelector(".list-undo")?.textContent`); got != "Entry 2 removed. Undo" {
		t.Errorf("after Remove: got %q, want an Undo", got)
	}
	run(t, tab, "undo", browsertest.Tap(chromedp.CSS(`.list-undo button`)))
	eventually(t, tab, "back in its place and saved", saved+` === "first hope|`+long+`|third hope"`)
	if got := eval[string](t, tab, "names", `[...document.querySelectorAll("`+entries+`")].map(i => i.getAttribute("aria-label").replace(/.*, /, "")).join(",")`); got != "entry 1,entry 2,entry 3" {
		t.Errorf("entries are named %q after Undo", got)
	}
	noErrors(t, tab)
}

package readertest

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/workbook-press/workbook/internal/browsertest"
)

// TestSaveStateInViewWhileTyping: on a phone, the save state shows under
// the field being written, in view; when storage is full the warning is
// there, read out, and the count says the answers are not saved.
func TestSaveStateInViewWhileTyping(t *testing.T) {
	srv := serve(t)
	tab := browsertest.New(t, browsertest.Options{Trap: true})
	run(t, tab, "a phone's screen", chromedp.EmulateViewport(375, 740))
	open(t, tab, srv.URL+"/how-trust-breaks/")
	field := "#ws-expectations-first"
	run(t, tab, "type", chromedp.SendKeys(chromedp.CSS(field), "texting"))
	eventually(t, tab, "saved beside the field", `document.querySelector(".field[data-field=first] > .field-save")?.dataset.state === "saved"`)
	inView := `(() => { const f = document.querySelector("` + field + `").getBoundingClientRect(), s = document.querySelector(".field[data-field=first] > .field-save").getBoundingClientRect();
	  return f.top >= 0 && s.bottom <= innerHeight && s.top - f.bottom < 80; })()`
	if !eval[bool](t, tab, "in view", inView) {
		t.Error("the save state is not in view under the field being written")
	}
	if got := eval[string](t, tab, "text", `document.querySelector(".field-save").textContent`); got != "Saved on this device" {
		t.Errorf("save state: got %q", got)
	}

	eval[any](t, tab, "fill the storage", `Storage.prototype.setItem = function () { throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); }`)
	run(t, tab, "type more", chromedp.SendKeys(chromedp.CSS(field), " when plans change"))
	eventually(t, tab, "failure beside the field", `document.querySelector(".field[data-field=first] > .field-save")?.dataset.state === "failed"`)
	if !eval[bool](t, tab, "failure in view", inView+` && document.querySelector(".field-save").getAttribute("role") === "alert"`) {
		t.Errorf("the failed save is not in view under the field, or not read out: %s", eval[string](t, tab, "where", `JSON.stringify([document.querySelector("`+field+`").getBoundingClientRect(), document.querySelector(".field-save").getBoundingClientRect(), innerHeight, document.querySelector(".field-save").getAttribute("role")])`))
	}
	if got := eval[string](t, tab, "count", `document.querySelector("#ws-expectations [data-ws-progress]").textContent`); !strings.Contains(got, "not saved") {
		t.Errorf("the count says %q after a failed save, want it to say the answers are not saved", got)
	}
	if n := len(eval[[]any](t, tab, "marks", `[...document.querySelectorAll(".field-save")]`)); n != 1 {
		t.Errorf("%d save lines on the page, want 1", n)
	}
	noErrors(t, tab)
}

package worksheettest

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/workbook-press/workbook/internal/browsertest"
)

func testLeave(t *testing.T, b *browsertest.Tab) {
	d := publish(t, v1)
	r := newReader(t, b, d)
	other := newReader(t, b, d)
	r.open(chapter)
	other.open("/")
	r.do(chromedp.SendKeys(field("feeling", "input"), "typed just now"))
	r.do(browsertest.Tap(chromedp.CSS("[data-leave]")))
	neutral := `location.pathname.startsWith("/assets/search.") && document.title === "Search"`
	r.waitFor(neutral, "the neutral page")
	other.waitFor(neutral, "the other tab to leave too")
	if got := eval[string](r, `document.body.innerText`); strings.Contains(got, "Agreements") {
		t.Errorf("the neutral page shows %q", got)
	}
	eval[bool](r, `(setTimeout(() => history.back(), 0), true)`)
	time.Sleep(700 * time.Millisecond)
	if got := eval[string](r, `location.href`); strings.Contains(got, chapter) {
		t.Errorf("Back after leaving returns to the book: %s", got)
	}

	// Back to an earlier page of the book in the same tab leaves again.
	r.open("/")
	r.open("/plain/")
	r.do(browsertest.Tap(chromedp.CSS("[data-leave]")))
	r.waitFor(neutral, "the neutral page")
	eval[bool](r, `(window.leftPage = true, setTimeout(() => history.back(), 0), true)`)
	r.waitFor(`!window.leftPage && `+neutral, "Back to the home page to leave again")

	// Escape twice does the same, and what was typed was kept.
	r.open(chapter)
	if got := eval[string](r, `document.querySelector('#ws-agreements [data-field="feeling"] input').value`); got != "typed just now" {
		t.Errorf("after leaving quickly, the answer typed just before is %q", got)
	}
	r.do(chromedp.KeyEvent(kb.Escape), chromedp.KeyEvent(kb.Escape))
	r.waitFor(neutral, "the neutral page after Escape twice")
	if p := r.promptsSeen(); len(p) != 0 {
		t.Errorf("leaving quickly made the browser ask %q", p)
	}
}

package worksheettest

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/workbook-press/workbook/internal/browsertest"
)

// TestAnswerGivenBeforeTheScriptStarts: on a slow phone the worksheet shows
// before the page's script has run. What the reader types and ticks in
// that moment is kept and saved once the script starts, not wiped by the
// (empty) saved answers it reads.
func TestAnswerGivenBeforeTheScriptStarts(t *testing.T) {
	browsertest.Require(t)
	d := &deployment{}
	d.deploy(t, fixture(v1))
	gate := make(chan struct{})
	srv := browsertest.Serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.URL.Path, "/assets/js/app.") { // the script arrives late
			select {
			case <-gate:
			case <-time.After(20 * time.Second):
			}
		}
		(*d.current.Load()).ServeHTTP(w, r)
	}))
	d.URL = srv.URL
	r := newReader(t, browsertest.New(t), d)
	// Navigate without waiting for the load event, which waits for the script.
	if _, err := chromedp.Call(r.tab.Ctx, page.Navigate, page.NavigateParams{URL: d.URL + chapter}); err != nil {
		t.Fatal(err)
	}
	r.do(chromedp.WaitVisible(field("feeling", "input")))
	if eval[bool](r, `document.documentElement.classList.contains('js')`) {
		t.Fatal("the script ran before the reader typed: the test holds it back")
	}
	r.do(chromedp.SendKeys(field("feeling", "input"), "early"), browsertest.Tap(field("hurt", `input[value="4"]`)))
	close(gate)
	r.waitFor(`document.querySelector("#ws-agreements.ws-live")`, "the worksheet to start")
	if got := r.answersShown("agreements"); got["feeling"] != "early" || got["hurt"] != "4" {
		t.Errorf("once the script started the worksheet shows feeling %q, hurt %q; want what the reader gave: early, 4", got["feeling"], got["hurt"])
	}
	r.waitFor(`(localStorage.getItem("`+mine+`agreements") || "").includes("early")`, "the early answers to be saved")
	r.reload()
	if got := r.answersShown("agreements"); got["feeling"] != "early" || got["hurt"] != "4" {
		t.Errorf("after a reload: feeling %q, hurt %q; want early, 4", got["feeling"], got["hurt"])
	}
}

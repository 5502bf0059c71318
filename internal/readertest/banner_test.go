package readertest

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/workbook-press/workbook/internal/browsertest"
)

// TestBannerMovesNothing: on a first visit, once the service worker has
// saved the book, a note says that it now opens without a connection. It
// comes while the reader may be about to tap an answer: nothing on the
// page moves when it shows, on a phone or a wide screen; a field that takes
// the focus scrolls clear of it; and the end of the page still scrolls
// into view above it.
func TestBannerMovesNothing(t *testing.T) {
	for _, screen := range []struct{ w, h int }{{375, 740}, {1280, 900}} {
		t.Run(fmt.Sprintf("%dpx", screen.w), func(t *testing.T) {
			gate := make(chan struct{})
			srv := serve(t, func(files http.Handler) http.Handler {
				return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					if strings.HasSuffix(r.URL.Path, "/sw.js") { // the worker comes when the test says
						select {
						case <-gate:
						case <-time.After(30 * time.Second):
						}
					}
					files.ServeHTTP(w, r)
				})
			})
			tab := browsertest.New(t, browsertest.Options{Width: screen.w, Height: screen.h})
			open(t, tab, srv.URL+"/how-trust-breaks/")
			eventually(t, tab, "the worksheet started", `document.querySelector("section.worksheet.ws-live") !== null`)
			const fields = `JSON.stringify([window.scrollY, ...[...document.querySelectorAll("section.worksheet :is(input, textarea)")].slice(0, 4).map(e => Math.round(e.getBoundingClientRect().top))])`
			before := eval[string](t, tab, "where the fields are", fields)
			if eval[bool](t, tab, "a banner", `document.querySelector(".banner") !== null`) {
				t.Fatal("a banner shows before the test let the service worker in")
			}
			close(gate)
			eventually(t, tab, "the note that the book is saved", `document.querySelector("#banner-offline-ready") !== null`)
			eval[bool](t, tab, "two frames", `new Promise(done => requestAnimationFrame(() => requestAnimationFrame(() => done(true))))`)
			if after := eval[string](t, tab, "where the fields are", fields); after != before {
				t.Errorf("the banner moved the page: scroll and the first fields' tops went from %s to %s", before, after)
			}
			// A quiet note, not a wall: its OK sits beside the words (on a
			// phone it took 170 px of 740 with the button under them).
			h := eval[float64](t, tab, "the note's height", `document.querySelector("#banner-offline-ready").getBoundingClientRect().height`)
			t.Logf("the note that the book is saved: %.0f px high", h)
			if h > 0.15*float64(screen.h) {
				t.Errorf("the note that the book is saved is %.0f px high on a %d px screen: want at most 15%% of it", h, screen.h)
			}
			covered := eval[float64](t, tab, "a field under the banner takes the focus", `(() => {
				const field = document.querySelector("section.worksheet :is(input, textarea)");
				const banner = document.querySelector("#banner-offline-ready");
				scrollBy(0, field.getBoundingClientRect().top - banner.getBoundingClientRect().top - 10);
				field.focus();
				return field.getBoundingClientRect().bottom - banner.getBoundingClientRect().top })()`)
			if covered > 0 {
				t.Errorf("a field that takes the focus stays %.0f px under the banner", covered)
			}
			gap := eval[float64](t, tab, "the end of the page", `(() => { scrollTo(0, document.documentElement.scrollHeight);
				return document.querySelector("#banner-offline-ready").getBoundingClientRect().top - document.querySelector(".site-footer").getBoundingClientRect().bottom })()`)
			if gap < 0 {
				t.Errorf("scrolled to the end, the page's last %.0f px stay under the banner", -gap)
			}
			noErrors(t, tab)
		})
	}
}

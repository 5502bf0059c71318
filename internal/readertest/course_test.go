package readertest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/workbook-press/workbook/internal/browsertest"
)

// TestJournalShowsItsCourse: ten weekly check-ins draw one line of ten
// dated points for the scale, above the earlier entries, with a table of
// the same numbers for a screen reader.
func TestJournalShowsItsCourse(t *testing.T) {
	srv := serve(t)
	tab := browsertest.New(t, browsertest.Options{Trap: true})
	open(t, tab, srv.URL+"/the-weeks-that-follow/")
	var entries []string
	for i := range 10 {
		entries = append(entries, fmt.Sprintf(`"e%d-aa": {"saved": "2026-%02d-%02dT19:00:00.000Z", "fields": {"safe": {"value": "%d", "label": "How safe did I feel with you this week?"}}}`, i, 9+i/4, 1+(i%4)*7, i%11))
	}
	record := `{"schema": 2, "updated": null, "fields": {}, "entries": {` + strings.Join(entries, ",") + `}, "deleted": {}}`
	eval[any](t, tab, "ten entries", `localStorage.setItem("workbook:rebuilding-trust/1:weekly-check-in", `+"`"+record+"`"+`)`)
	open(t, tab, srv.URL+"/the-weeks-that-follow/")
	eventually(t, tab, "the chart", `document.querySelector("#ws-weekly-check-in .ws-course svg") !== null`)

	got := eval[string](t, tab, "chart", `(() => {
	  const fig = document.querySelector("#ws-weekly-check-in .ws-course");
	  const lines = fig.querySelectorAll("polyline");
	  const above = fig.nextElementSibling?.matches("h3") && fig.nextElementSibling.textContent === "Earlier entries";
	  const rows = [...fig.querySelectorAll("table tbody tr")].map(r => r.lastElementChild.textContent).join(",");
	  return [lines.length, lines[0]?.getAttribute("points").split(" ").length, above, rows, fig.querySelector("table caption")?.textContent.length > 0].join(" ");
	})()`)
	if want := "1 10 true 0,1,2,3,4,5,6,7,8,9 true"; got != want {
		t.Errorf("chart: got %q, want %q (lines, points, above Earlier entries, table values, caption)", got, want)
	}
	if eval[bool](t, tab, "svg hidden from screen readers", `document.querySelector(".ws-course svg").getAttribute("aria-hidden") !== "true"`) {
		t.Error("the drawing is read out as well as the table")
	}
	noErrors(t, tab)
}

package worksheettest

import (
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/workbook-press/workbook/internal/browsertest"
)

// longEntry is 70 characters, the length of a list answer that a one-line
// box on a phone cut to its first 20.
const longEntry = "I assumed you would ask me before we spent the savings on a used auto."

// noFieldSizing makes the page a browser without CSS field-sizing: the
// property does nothing and CSS.supports denies it, so the script sizes the
// boxes itself.
const noFieldSizing = `{
  const s = CSS.supports.bind(CSS); CSS.supports = (p, v) => String(p).includes("field-sizing") ? false : s(p, v);
  const off = new CSSStyleSheet(); off.replaceSync("textarea { field-sizing: fixed !important; }");
  document.adoptedStyleSheets = [off];
}`

type entryBox struct {
	ScrollWidth, ClientWidth, ScrollHeight, ClientHeight, Height, Width, FirstHeight float64
	Value                                                                            string
}

const measureEntry = `(() => {
  const boxes = document.querySelectorAll('#ws-agreements [data-field="unspoken"] .list-entry textarea'), b = boxes[0], r = b.getBoundingClientRect();
  return {ScrollWidth: b.scrollWidth, ClientWidth: b.clientWidth, ScrollHeight: b.scrollHeight, ClientHeight: b.clientHeight,
    Height: r.height, Width: r.width, FirstHeight: boxes[1].getBoundingClientRect().height, Value: b.value};
})()`

// TestLongListEntryWrapsOnAPhone: on a 375 px phone, a 70-character list
// entry wraps in a box as wide as the row allows and grows taller, so all
// of it can be read; Enter still starts the next entry, and both are back
// after a reload. In a browser without CSS field-sizing too.
func TestLongListEntryWrapsOnAPhone(t *testing.T) {
	browsertest.Require(t)
	if len(longEntry) != 70 {
		t.Fatalf("the entry is %d characters, want 70", len(longEntry))
	}
	b := browsertest.New(t)
	for name, before := range map[string][]string{"field-sizing": nil, "script": {noFieldSizing}} {
		t.Run(name, func(t *testing.T) {
			r := newReader(t, b, publish(t, v1), before...)
			// A headless window is at least 500 px wide: a phone's screen is
			// emulated instead.
			if _, err := chromedp.Call(r.tab.Ctx, emulation.SetDeviceMetricsOverride, emulation.SetDeviceMetricsOverrideParams{Width: 375, Height: 800, DeviceScaleFactor: 1, Mobile: true}); err != nil {
				t.Fatal(err)
			}
			r.open(chapter)
			if w := eval[int](r, "innerWidth"); w != 375 {
				t.Fatalf("the page is %d px wide, want 375", w)
			}
			r.do(chromedp.SendKeys(field("unspoken", ".list-entry:nth-child(1) textarea"), longEntry), chromedp.KeyEvent(kb.Enter), chromedp.KeyEvent("Cars"))
			checkWrapped(t, "typed", eval[entryBox](r, measureEntry))
			if got := eval[string](r, `document.activeElement.closest(".list-entry") === document.querySelectorAll('#ws-agreements [data-field="unspoken"] .list-entry')[1] ? "second" : document.activeElement.outerHTML`); got != "second" {
				t.Errorf("after Enter the focus is on %s, want the new second entry", got)
			}
			r.waitFor(`(localStorage.getItem("`+mine+`agreements") || "").includes("Cars")`, "the list to be saved")
			r.reload()
			if got := r.answersShown("agreements")["unspoken"]; got != longEntry+"|Cars" {
				t.Errorf("after a reload the list shows %q, want %q", got, longEntry+"|Cars")
			}
			checkWrapped(t, "after a reload", eval[entryBox](r, measureEntry))
		})
	}
}

func checkWrapped(t *testing.T, when string, b entryBox) {
	t.Helper()
	if b.Value != longEntry {
		t.Fatalf("%s: the entry holds %q, want %q", when, b.Value, longEntry)
	}
	if b.ScrollWidth > b.ClientWidth || b.ScrollHeight > b.ClientHeight+1 {
		t.Errorf("%s: the entry's text is %.0f×%.0f px in a %.0f×%.0f px box: part of it is hidden", when, b.ScrollWidth, b.ScrollHeight, b.ClientWidth, b.ClientHeight)
	}
	if b.Height < 1.5*b.FirstHeight {
		t.Errorf("%s: the 70-character entry's box is %.0f px tall, a one-line entry's %.0f px: want it grown to show more lines", when, b.Height, b.FirstHeight)
	}
	if b.Width < 200 {
		t.Errorf("%s: the entry's box is %.0f px wide on a 375 px screen, want at least 200 (the row less its number and ✕)", when, b.Width)
	}
}

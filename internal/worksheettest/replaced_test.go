package worksheettest

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/workbook-press/workbook/internal/browsertest"
)

func testReplaced(t *testing.T, b *browsertest.Tab) {
	d := publish(t, v1)
	one, two := newReader(t, b, d), newReader(t, b, d)
	one.open(chapter)
	two.open(chapter)
	one.do(chromedp.SendKeys(field("spoken", "textarea"), "We said we'd talk on Sundays."))
	two.waitFor(`document.querySelector('#ws-agreements textarea').value.includes("Sundays")`, "the first tab's text in the second")
	eval[bool](two, `(document.querySelector('#ws-agreements textarea').select(), true)`)
	two.do(chromedp.KeyEvent("Only when it suits us."))
	one.waitFor(`document.querySelector('#ws-agreements textarea').value === "Only when it suits us."`, "the later text in the first tab")
	one.waitFor(`document.querySelector('#ws-agreements [data-field="spoken"] [data-replaced]:not([hidden])')`, "a note that the text was replaced")
	if got := one.text(ws + ` [data-field="spoken"] [data-replaced]`); !strings.Contains(got, "We said we'd talk on Sundays.") {
		t.Errorf("the note under the replaced answer says %q; want it to show the replaced text", got)
	}
	if got := one.text(ws + " [data-ws-status]"); !strings.Contains(got, "Another tab") {
		t.Errorf("status of the tab whose text was replaced: %q; want it to say another tab changed it", got)
	}
	if two.visible(ws + ` [data-replaced]`) {
		t.Error("the tab that wrote last shows a note that its text was replaced")
	}
	// Put back makes it the answer again, in both tabs.
	one.do(browsertest.Tap(chromedp.CSS(ws + ` [data-field="spoken"] [data-put-back]`)))
	one.waitFor(`document.querySelector('#ws-agreements textarea').value === "We said we'd talk on Sundays."`, "the text put back")
	two.waitFor(`document.querySelector('#ws-agreements textarea').value === "We said we'd talk on Sundays."`, "the text put back in the other tab")
	if one.visible(ws + ` [data-field="spoken"] [data-replaced]`) {
		t.Error("the note stays after the text was put back")
	}
	time.Sleep(time.Second)
	if got := one.storedValue("agreements", "spoken"); got != `"We said we'd talk on Sundays."` {
		t.Errorf("after Put back, the saved answer is %s", got)
	}

	// Another tab's save that lands between a keystroke and this tab's own
	// save (400 ms later) is noticed too.
	one.do(chromedp.SendKeys(field("feeling", "input"), "calm"))
	later, _ := json.Marshal(oneAnswer("feeling", "tense", time.Now().Add(time.Minute).UTC().Format(time.RFC3339)))
	eval[bool](one, fmt.Sprintf(`(localStorage.setItem(%q, %q), true)`, mine+"agreements", later))
	one.waitFor(`document.querySelector('#ws-agreements [data-field="feeling"] [data-replaced]:not([hidden])')`, "a note that the text was replaced as it was saved")
	if got := one.text(ws + ` [data-field="feeling"] [data-replaced]`); !strings.Contains(got, `"calm"`) {
		t.Errorf("the note under an answer replaced as it was saved says %q; want it to show \"calm\"", got)
	}
	if got := one.text(ws + " [data-ws-status]"); !strings.Contains(got, "Another tab") {
		t.Errorf("status after an answer was replaced as it was saved: %q; want it to say so", got)
	}
}

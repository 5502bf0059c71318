package worksheettest

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/workbook-press/workbook/internal/browsertest"
)

const (
	pass   = "slow river 42"
	secret = "heron by the water"
)

func testLock(t *testing.T, b *browsertest.Tab) {
	d := publish(t, v1)
	r := newReader(t, b, d)
	r.open(chapter)
	r.do(chromedp.SendKeys(field("feeling", "input"), secret), chromedp.SendKeys(field("spoken", "textarea"), "the garden gate"))
	r.waitStored("agreements", 2)

	r.who()
	r.do(browsertest.Tap(chromedp.CSS("[data-who-lock]")))
	said := r.text("dialog[open]")
	if !strings.Contains(said, "can't be recovered") {
		t.Errorf("setting a passphrase: the dialog says %q; want it to say a forgotten one can't be recovered", said)
	}
	r.do(chromedp.SendKeys(chromedp.CSS("dialog[open] input[name=pass]"), pass), chromedp.SendKeys(chromedp.CSS("dialog[open] input[name=again]"), pass),
		browsertest.Press("set"))
	r.waitFor(`document.querySelector("dialog[open]") && document.querySelector("dialog[open]").textContent.includes("Your answers are locked")`, "the lock to be set")
	r.reloaded(func() { r.answer("Your answers are locked", "ok") })

	noPlaintext := func(when string, words ...string) {
		t.Helper()
		all := r.everything()
		for _, w := range append(words, secret, "the garden gate") {
			if strings.Contains(all, w) {
				t.Errorf("%s: localStorage holds %q in plain text", when, w)
			}
		}
		if !strings.Contains(all, mine+"agreements=") {
			t.Errorf("%s: the locked answers are gone from localStorage", when)
		}
	}
	noPlaintext("locked")
	r.waitFor(`document.querySelector("`+ws+` [data-unlock]")`, "Unlock, which comes with the lock's module")
	if r.shows(secret) || !r.visible(ws+" [data-unlock]") || r.visible("[data-lock-now]") {
		t.Errorf("locked page: answer shown %v, Unlock shown %v, Lock now shown %v", r.shows(secret), r.visible(ws+" [data-unlock]"), r.visible("[data-lock-now]"))
	}
	// A short idle time, so the test sees it lock by itself.
	eval[bool](r, `(() => { const k = "workbook:`+bookID+`/readers", d = JSON.parse(localStorage.getItem(k)); d.readers[0].idle = 0.1; localStorage.setItem(k, JSON.stringify(d)); return true; })()`)
	r.reload()

	before := r.everything()
	r.do(browsertest.Tap(chromedp.CSS(ws+" [data-unlock]")),
		chromedp.SendKeys(chromedp.CSS("dialog[open] input[name=pass]"), "slow river 41"), chromedp.KeyEvent(kb.Enter))
	r.waitFor(`(document.querySelector("dialog[open] .wb-dialog-error") || {}).textContent.includes("doesn't open")`, "the wrong passphrase to be refused")
	if got := r.text("dialog[open] .wb-dialog-error"); !strings.Contains(got, "Nothing was changed") {
		t.Errorf("a wrong passphrase says %q; want it to say nothing was changed", got)
	}
	if r.everything() != before || r.shows(secret) {
		t.Error("a wrong passphrase changed localStorage or showed the answers")
	}
	r.do(chromedp.SendKeys(chromedp.CSS("dialog[open] input[name=pass]"), pass), chromedp.KeyEvent(kb.Enter))
	r.waitFor(`!document.querySelector("dialog") && document.querySelector('#ws-agreements [data-field="feeling"] input').value === "`+secret+`"`, "the right passphrase to open the answers")
	if got := r.answersShown("agreements")["spoken"]; got != "the garden gate" {
		t.Errorf("unlocked: spoken = %q", got)
	}
	r.do(chromedp.SendKeys(chromedp.CSS("#ws-after input"), "a quiet lake"))
	r.waitFor(`localStorage.getItem("`+mine+`after")`, "the new answer to be saved, sealed")
	noPlaintext("unlocked, after typing", "a quiet lake")
	file := r.download(ws + " [data-download]")
	raw, _ := os.ReadFile(file.Path)
	if strings.Contains(string(raw), secret) || strings.Contains(string(raw), "a quiet lake") || !strings.Contains(string(raw), `"sealed"`) {
		t.Errorf("a locked reader's backup is not sealed: %s", raw)
	}
	// The sealed backup restores only with the passphrase.
	r.more(ws + " [data-clear-all]")
	r.answer("Clear all your answers?", "clear")
	r.do(chromedp.SetUploadFiles(chromedp.CSS(ws+" [data-restore]"), []string{file.Path}))
	r.waitFor(`document.querySelector("dialog[open] input[name=pass]")`, "the backup to ask for its passphrase")
	r.do(chromedp.SendKeys(chromedp.CSS("dialog[open] input[name=pass]"), pass), chromedp.KeyEvent(kb.Enter))
	r.waitFor(`(document.querySelector("dialog[open]") || {textContent: ""}).textContent.includes("Restore your answers")`, "the opened backup's restore dialog")
	r.answer("Restore your answers", "merge")
	r.waitFor(`document.querySelector('#ws-agreements [data-field="feeling"] input').value === "`+secret+`"`, "the sealed backup to restore")
	noPlaintext("after restoring the sealed backup", "a quiet lake")
	if !r.visible("[data-lock-now]") {
		t.Error("no Lock now in the bar while the answers are open")
	}

	// Six seconds without use: the page locks by itself.
	eval[bool](r, `(window.beforeReload = true)`)
	r.waitUpTo(15*time.Second, `!window.beforeReload && document.documentElement.classList.contains("answers-locked")`, "the idle lock")
	if r.shows(secret) || r.shows("a quiet lake") {
		t.Error("after the idle lock the answers still show")
	}
	noPlaintext("after the idle lock", "a quiet lake")

	// "Lock now" in the bar; then the passphrase is removed for good.
	r.unlock(pass)
	r.reloaded(func() { r.do(browsertest.Tap(chromedp.CSS("[data-lock-now]"))) })
	if !eval[bool](r, `document.documentElement.classList.contains("answers-locked")`) || r.shows(secret) {
		t.Error("Lock now did not lock the page")
	}
	r.unlock(pass)
	r.who()
	r.do(browsertest.Tap(chromedp.CSS("[data-who-unlock-for-good]")))
	r.reloaded(func() { r.answer("Remove the passphrase?", "remove") })
	if got := r.answersShown("agreements")["feeling"]; got != secret || r.visible(ws+" [data-unlock]") {
		t.Errorf("without the passphrase: feeling %q, Unlock shown %v; want the answers open", got, r.visible(ws+" [data-unlock]"))
	}
	if all := r.everything(); !strings.Contains(all, secret) || strings.Contains(all, `"iv"`) {
		t.Error("after removing the passphrase the records are not stored plainly again")
	}
}

// setLock gives the reader writing now a passphrase and waits for the page
// to come back locked.
func (r *reader) setLock(pass string) {
	r.t.Helper()
	r.who()
	r.do(browsertest.Tap(chromedp.CSS("[data-who-lock]")))
	r.do(chromedp.SendKeys(chromedp.CSS("dialog[open] input[name=pass]"), pass), chromedp.SendKeys(chromedp.CSS("dialog[open] input[name=again]"), pass),
		browsertest.Press("set"))
	r.waitFor(`document.querySelector("dialog[open]") && document.querySelector("dialog[open]").textContent.includes("Your answers are locked")`, "the lock to be set")
	r.reloaded(func() { r.answer("Your answers are locked", "ok") })
}

func (r *reader) unlock(pass string) {
	r.t.Helper()
	r.do(browsertest.Tap(chromedp.CSS(ws+" [data-unlock]")), chromedp.SendKeys(chromedp.CSS("dialog[open] input[name=pass]"), pass), chromedp.KeyEvent(kb.Enter))
	r.waitFor(`!document.querySelector("dialog") && !document.documentElement.classList.contains("answers-locked")`, "the answers to open")
}

func testLockTabs(t *testing.T, b *browsertest.Tab) {
	d := publish(t, v1)
	one, two := newReader(t, b, d), newReader(t, b, d)
	one.open(chapter)
	one.setLock(pass)
	two.open(chapter)
	if two.visible(ws + " textarea") {
		t.Error("a second tab shows the locked reader's worksheet before the passphrase")
	}
	one.unlock(pass)
	two.unlock(pass)
	one.do(chromedp.SendKeys(field("feeling", "input"), "in step"))
	two.waitFor(`document.querySelector('#ws-agreements [data-field="feeling"] input').value === "in step"`, "the sealed answer to reach the other tab")
	if strings.Contains(two.everything(), "in step") {
		t.Error("the answer typed in one tab is stored in plain text")
	}
	two.reloaded(func() { one.reloaded(func() { one.do(browsertest.Tap(chromedp.CSS("[data-lock-now]"))) }) })
	for i, r := range []*reader{one, two} {
		if !eval[bool](r, `document.documentElement.classList.contains("answers-locked")`) || r.shows("in step") {
			t.Errorf("tab %d after Lock now in the first: not locked", i+1)
		}
	}
}

package worksheettest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/workbook-press/workbook/internal/browsertest"
)

func testSideBySide(t *testing.T, b *browsertest.Tab) {
	d := publish(t, v1)
	r := newReader(t, b, d)
	r.open(chapter)
	r.do(chromedp.SendKeys(field("feeling", "input"), "sam-word"))
	r.waitStored("agreements", 1)
	r.addReader("Sam", "Alex")
	r.do(chromedp.SendKeys(field("feeling", "input"), "alex-word"))
	r.waitFor(`document.querySelector("#ws-agreements [data-ws-status]").textContent === "Saved on this device."`, "Alex's answer to be saved")

	r.do(browsertest.Tap(chromedp.CSS(ws + " [data-compare-with]")))
	r.answer("Sam, show your answers here?", "cancel")
	if r.shows("sam-word") || eval[bool](r, `!!document.querySelector(".ws-compare")`) {
		t.Fatal("Sam's answers were shown without Sam agreeing")
	}
	r.do(browsertest.Tap(chromedp.CSS(ws + " [data-compare-with]")))
	r.answer("Sam, show your answers here?", "show")
	if got := r.text(ws + " .ws-compare"); !strings.Contains(got, "sam-word") || !strings.Contains(got, "alex-word") || !strings.Contains(got, "Side by side: Alex and Sam") {
		t.Errorf("side by side: got %q", got)
	}
	r.do(browsertest.Tap(chromedp.CSS(ws + " [data-hide-compare]")))
	if r.shows("sam-word") {
		t.Error("Put away left Sam's answers on the page")
	}

	// Once Sam has a passphrase, only Sam's passphrase shows Sam's answers.
	r.writeAs("Sam")
	r.setLock(pass)
	r.writeAs("Alex")
	r.do(browsertest.Tap(chromedp.CSS(ws+" [data-compare-with]")),
		chromedp.SendKeys(chromedp.CSS("dialog[open] input[name=pass]"), "not it at all"), chromedp.KeyEvent(kb.Enter))
	r.waitFor(`(document.querySelector("dialog[open] .wb-dialog-error") || {}).textContent.includes("doesn't open")`, "the wrong passphrase to be refused")
	if r.shows("sam-word") {
		t.Error("a wrong passphrase showed Sam's answers")
	}
	r.do(chromedp.SendKeys(chromedp.CSS("dialog[open] input[name=pass]"), pass), chromedp.KeyEvent(kb.Enter))
	r.waitFor(`(document.querySelector("#ws-agreements .ws-compare") || {textContent: ""}).textContent.includes("sam-word")`, "Sam's answers next to Alex's")
	r.do(browsertest.Tap(chromedp.CSS(ws + " [data-hide-compare]")))

	// Alex shares this worksheet; on another device (another origin) its
	// reader keeps the file apart from their own answers.
	os.RemoveAll(r.downloads)
	os.Mkdir(r.downloads, 0o755)
	r.downloadHere()
	r.do(browsertest.Tap(chromedp.CSS(ws + " [data-share]")))
	r.answer("Share your answers to this worksheet?", "save")
	var file string
	for deadline := time.Now().Add(5 * time.Second); file == "" && time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if f, _ := filepath.Glob(filepath.Join(r.downloads, "*.json")); len(f) == 1 {
			file = f[0]
		}
	}
	if raw, _ := os.ReadFile(file); !strings.Contains(string(raw), "alex-word") || strings.Contains(string(raw), "sam-word") {
		t.Fatalf("the shared file %s: %s; want Alex's answer only", file, raw)
	}
	partner := newReader(t, b, publish(t, v1))
	partner.open(chapter)
	partner.do(chromedp.SendKeys(field("feeling", "input"), "own-word"))
	partner.waitStored("agreements", 1)
	partner.do(chromedp.SetUploadFiles(chromedp.CSS(ws+" [data-restore]"), []string{file}))
	partner.answer("Keep Alex's answers?", "keep")
	partner.reload()
	partner.waitFor(`document.querySelector("`+ws+` .ws-compare[data-shared]")`, "the shared answers, shown by a module loaded then")
	if got := partner.text(ws + " .ws-compare[data-shared]"); !strings.Contains(got, "alex-word") || !strings.Contains(got, "own-word") {
		t.Errorf("the shared answers after a reload: got %q", got)
	}
	if n := eval[int](partner, `document.querySelectorAll(".ws-compare input, .ws-compare textarea").length`); n != 0 {
		t.Errorf("the shared answers can be edited: %d boxes", n)
	}
	if got := fieldsOf(t, partner.stored()[mine+"agreements"])["feeling"]; got != `"own-word"` {
		t.Errorf("the partner's own answer after keeping the shared file: %s", got)
	}
	partner.do(browsertest.Tap(chromedp.CSS(ws + " [data-remove-shared]")))
	partner.reload()
	if partner.shows("alex-word") {
		t.Error("removed shared answers came back after a reload")
	}
}

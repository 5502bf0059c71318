package worksheettest

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/workbook-press/workbook/internal/browsertest"
)

// legacy is where answers were saved before books had readers.
const legacy = "workbook:" + bookID + ":"

// moved is the marker the upgrade leaves at an old key.
const moved = `{"schema":3,"moved":"readers"}`

func TestReaders(t *testing.T) {
	browsertest.Require(t)
	b := browsertest.New(t)
	t.Run("the upgrade keeps every answer and an old tab can't overwrite them", func(t *testing.T) { testUpgrade(t, b) })
	t.Run("two readers never see each other's answers", func(t *testing.T) { testTwoReaders(t, b) })
	t.Run("a locked reader's answers are sealed", func(t *testing.T) { testLock(t, b) })
	t.Run("two tabs of a locked reader stay in step and lock together", func(t *testing.T) { testLockTabs(t, b) })
	t.Run("leave quickly", func(t *testing.T) { testLeave(t, b) })
	t.Run("side by side only when the other agrees; a shared file restores read-only", func(t *testing.T) { testSideBySide(t, b) })
}

// beforeReaders is the book as the version before readers published it:
// its scripts (testdata/before-readers, copied from that version) override
// the theme's, as a tab opened before the upgrade still runs them.
func beforeReaders(t *testing.T) fstest.MapFS {
	t.Helper()
	project := fixture(v1)
	files, err := filepath.Glob("testdata/before-readers/*.js")
	if err != nil || len(files) == 0 {
		t.Fatalf("the scripts of the version before readers: %v", err)
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		project["assets/js/"+filepath.Base(f)] = &fstest.MapFile{Data: data}
	}
	return project
}

// storedUnder returns the localStorage entries whose keys start with prefix.
func (r *reader) storedUnder(prefix string) map[string]string {
	r.t.Helper()
	return eval[map[string]string](r, fmt.Sprintf(`Object.fromEntries(Object.keys(localStorage).filter(k => k.startsWith(%q)).map(k => [k, localStorage.getItem(k)]))`, prefix))
}

// fieldsOf reads the answers of a stored record, field id to value as JSON.
func fieldsOf(t *testing.T, text string) map[string]string {
	t.Helper()
	var rec struct {
		Fields map[string]struct{ Value json.RawMessage } `json:"fields"`
	}
	if err := json.Unmarshal([]byte(text), &rec); err != nil {
		t.Fatalf("record %q: %v", text, err)
	}
	out := map[string]string{}
	for id, f := range rec.Fields {
		out[id] = string(f.Value)
	}
	return out
}

func testUpgrade(t *testing.T, b *browsertest.Tab) {
	d := publishFS(t, beforeReaders(t))
	old := newReader(t, b, d)
	old.open(journal)
	old.write(week1)
	old.saveEntry()
	old.open(chapter)
	fill(old)
	old.waitFor(`Object.keys(JSON.parse(localStorage.getItem("`+legacy+`agreements") || '{"fields":{}}').fields).length === 7`, "the old version to save 7 answers")
	before := old.storedUnder(legacy)

	// The new version is published; the old tab stays open on the chapter.
	d.redeploy(t, v1)
	now := newReader(t, b, d)
	now.open(chapter)
	same(t, "answers after the upgrade", now.answersShown("agreements"), filled)
	if got := now.text(ws + " [data-ws-status]"); got != "Your saved answers are back." {
		t.Errorf("status after the upgrade: got %q", got)
	}
	if now.visible("[data-who-name]") || eval[bool](now, `!!document.querySelector("dialog")`) {
		t.Error("a book with one reader names the reader or asks who is writing")
	}
	after := now.stored()
	for _, ws := range []string{"agreements", "week"} {
		same(t, ws+": the first reader's answers", fieldsOf(t, after[mine+ws]), fieldsOf(t, before[legacy+ws]))
		if got := now.storedUnder(legacy)[legacy+ws]; got != moved {
			t.Errorf("the old key of %s holds %q; want the marker %s", ws, got, moved)
		}
	}
	if after[mine+"read:/agreements/"] == "" && before[legacy+"read:/agreements/"] != "" {
		t.Error("the mark of a chapter read was not carried over")
	}
	now.open(journal)
	now.reload()
	checkEntries(t, now, "the journal after the upgrade and a reload (not doubled)", week1)

	// The old tab can't write over the new layout: its save finds the
	// marker and stops, saying to reload.
	eval[bool](old, `(document.querySelector('#ws-agreements [data-field="feeling"] input').select(), true)`)
	old.do(chromedp.KeyEvent("overwritten"))
	old.waitFor(`document.querySelector("#ws-agreements [data-ws-status]").textContent.includes("newer version")`, "the old tab to stop saving")
	if got := fieldsOf(t, now.stored()[mine+"agreements"])["feeling"]; got != `"hopeful"` {
		t.Errorf("after the old tab typed: feeling = %s, want \"hopeful\"", got)
	}
	// Its "Clear all my answers" reaches only the old keys.
	old.do(chromedp.Click(chromedp.CSS(ws + " [data-clear-all]")))
	old.answer("Clear all your answers?", "clear")
	same(t, "the first reader's answers after the old tab cleared all", fieldsOf(t, now.stored()[mine+"agreements"]), fieldsOf(t, after[mine+"agreements"]))

	// What the old tab saves where no marker is (a worksheet it had no
	// record of) becomes the first reader's at the next load.
	old.do(chromedp.SendKeys(chromedp.CSS("#ws-after input"), "from the old tab"))
	old.waitFor(`localStorage.getItem("`+legacy+`after")`, "the old tab to save")
	now.open(chapter)
	if got := eval[string](now, `document.querySelector("#ws-after input").value`); got != "from the old tab" {
		t.Errorf("an answer the old tab saved after the upgrade: got %q, want it kept", got)
	}
	if got := now.storedUnder(legacy)[legacy+"after"]; got != moved {
		t.Errorf("the old key of after holds %q; want the marker", got)
	}
	same(t, "answers after all that", now.answersShown("agreements"), filled)
}

// who opens the "Who is writing?" dialog.
func (r *reader) who() {
	r.t.Helper()
	r.do(chromedp.Click(chromedp.CSS("[data-who]")))
	r.waitFor(`document.querySelector(".who-dialog[open]")`, "the Who is writing? dialog")
}

// addReader adds someone through "Who is writing?"; me names the reader
// so far, when the dialog asks. The new reader writes next.
func (r *reader) addReader(me, them string) {
	r.t.Helper()
	r.who()
	r.do(chromedp.Click(chromedp.CSS("[data-who-add]")))
	r.waitFor(`document.querySelector("dialog[open] input[name=them]")`, "the Add someone dialog")
	if me != "" {
		r.do(chromedp.SendKeys(chromedp.CSS("dialog[open] input[name=me]"), me))
	}
	r.do(chromedp.SendKeys(chromedp.CSS("dialog[open] input[name=them]"), them), chromedp.Click(chromedp.CSS(`dialog[open] button[data-choice="add"]`)))
	r.reloaded(func() { r.answer(them+" was added", "switch") })
}

// writeAs switches to another reader through "Who is writing?".
func (r *reader) writeAs(name string) {
	r.t.Helper()
	r.who()
	r.reloaded(func() {
		eval[bool](r, fmt.Sprintf(`([...document.querySelectorAll(".who-reader")].find(li => li.querySelector(".who-reader-name").textContent === %q).querySelector("[data-write-as]").click(), true)`, name))
	})
}

// shows reports whether any words of the page, or any of its boxes, hold text.
func (r *reader) shows(text string) bool {
	r.t.Helper()
	return eval[bool](r, fmt.Sprintf(`document.body.innerText.includes(%[1]q) || document.body.textContent.includes(%[1]q) ||
  [...document.querySelectorAll("input, textarea")].some(i => i.value.includes(%[1]q))`, text))
}

func testTwoReaders(t *testing.T, b *browsertest.Tab) {
	d := publish(t, v1)
	one := newReader(t, b, d)
	one.open(chapter)
	fill(one)
	one.waitStored("agreements", 7)
	one.addReader("Sam", "Alex")
	if got := one.text("[data-who-name]"); got != "Alex" {
		t.Errorf("the bar names %q; want Alex", got)
	}
	same(t, "Alex's worksheet", one.answersShown("agreements"), empty())
	if one.shows("hopeful") || one.shows("We share the cooking") {
		t.Error("Alex's page shows Sam's answers")
	}
	one.do(chromedp.SendKeys(field("feeling", "input"), "alex-steady"))
	one.waitFor(`document.querySelector("#ws-agreements [data-ws-status]").textContent === "Saved on this device."`, "Alex's answer to be saved")
	one.reload()
	if got := one.answersShown("agreements")["feeling"]; got != "alex-steady" || one.shows("hopeful") {
		t.Errorf("after a reload: feeling %q, Sam's shown %v; want Alex's answer only", got, one.shows("hopeful"))
	}

	// A second tab shows whoever writes now, and follows a switch.
	two := newReader(t, b, d)
	two.open("/print/")
	eval[bool](two, `(document.getElementById("print-fill").click(), true)`)
	if !two.shows("alex-steady") || two.shows("hopeful") {
		t.Errorf("the print page of a second tab: Alex's shown %v, Sam's %v; want Alex's only", two.shows("alex-steady"), two.shows("hopeful"))
	}
	two.reloaded(func() { one.writeAs("Sam") })
	same(t, "Sam's answers after switching back", one.answersShown("agreements"), filled)
	if one.shows("alex-steady") || two.shows("alex-steady") || !two.shows("hopeful") {
		t.Errorf("after switching to Sam: Alex's answer shown in the first tab %v, in the second %v; Sam's in the second %v",
			one.shows("alex-steady"), two.shows("alex-steady"), two.shows("hopeful"))
	}

	// Sam's backup holds Sam's answers only; restoring it leaves Alex's alone.
	file := one.download(ws + " [data-download]")
	raw, _ := os.ReadFile(file.Path)
	if strings.Contains(string(raw), "alex-steady") || !strings.Contains(string(raw), "hopeful") {
		t.Errorf("Sam's backup %s: holds Alex's answer %v, Sam's %v", file.Name, strings.Contains(string(raw), "alex-steady"), strings.Contains(string(raw), "hopeful"))
	}
	if !strings.HasPrefix(file.Name, "workbook-answers-") {
		t.Errorf("backup file name %q; want the neutral workbook-answers-DATE.json", file.Name)
	}
	one.do(chromedp.Click(chromedp.CSS(ws + " [data-clear-all]")))
	one.answer("Clear all your answers?", "clear")
	one.do(chromedp.SetUploadFiles(chromedp.CSS(ws+" [data-restore]"), []string{file.Path}))
	one.answer("Restore your answers", "merge")
	one.waitFor(`document.querySelector("#ws-agreements [data-ws-status]").textContent.includes("merged")`, "the restore")
	same(t, "Sam's answers after clear all and restore", one.answersShown("agreements"), filled)
	if one.shows("alex-steady") {
		t.Error("Sam's page shows Alex's answer after a restore")
	}
	one.writeAs("Alex")
	if got := one.answersShown("agreements")["feeling"]; got != "alex-steady" || one.shows("hopeful") {
		t.Errorf("Alex after Sam cleared and restored: feeling %q, Sam's shown %v", got, one.shows("hopeful"))
	}

	// Alex deletes their answers: asked first, with a download offered.
	one.who()
	one.do(chromedp.Click(chromedp.CSS("[data-who-delete]")))
	one.waitFor(`document.querySelector("dialog[open] [data-choice=download]")`, "the offer to download first")
	one.reloaded(func() { one.answer("Delete Alex's answers?", "delete") })
	same(t, "Sam's answers once Alex is gone", one.answersShown("agreements"), filled)
	if all := one.everything(); strings.Contains(all, "alex-steady") || strings.Contains(all, `"name":"Alex"`) {
		t.Errorf("Alex's answers or name are left in localStorage:\n%s", all)
	}
}

// everything is every key and value of localStorage, as one text.
func (r *reader) everything() string {
	r.t.Helper()
	return eval[string](r, `Object.keys(localStorage).sort().map(k => k + "=" + localStorage.getItem(k)).join("\n")`)
}

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
	r.do(chromedp.Click(chromedp.CSS("[data-who-lock]")))
	said := r.text("dialog[open]")
	if !strings.Contains(said, "can't be recovered") {
		t.Errorf("setting a passphrase: the dialog says %q; want it to say a forgotten one can't be recovered", said)
	}
	r.do(chromedp.SendKeys(chromedp.CSS("dialog[open] input[name=pass]"), pass), chromedp.SendKeys(chromedp.CSS("dialog[open] input[name=again]"), pass),
		chromedp.Click(chromedp.CSS(`dialog[open] button[data-choice="set"]`)))
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
	if r.shows(secret) || !r.visible(ws+" [data-unlock]") || r.visible("[data-lock-now]") {
		t.Errorf("locked page: answer shown %v, Unlock shown %v, Lock now shown %v", r.shows(secret), r.visible(ws+" [data-unlock]"), r.visible("[data-lock-now]"))
	}
	// A short idle time, so the test sees it lock by itself.
	eval[bool](r, `(() => { const k = "workbook:`+bookID+`/readers", d = JSON.parse(localStorage.getItem(k)); d.readers[0].idle = 0.1; localStorage.setItem(k, JSON.stringify(d)); return true; })()`)
	r.reload()

	before := r.everything()
	r.do(chromedp.Click(chromedp.CSS(ws+" [data-unlock]")),
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
	r.do(chromedp.Click(chromedp.CSS(ws + " [data-clear-all]")))
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
	r.reloaded(func() { r.do(chromedp.Click(chromedp.CSS("[data-lock-now]"))) })
	if !eval[bool](r, `document.documentElement.classList.contains("answers-locked")`) || r.shows(secret) {
		t.Error("Lock now did not lock the page")
	}
	r.unlock(pass)
	r.who()
	r.do(chromedp.Click(chromedp.CSS("[data-who-unlock-for-good]")))
	r.reloaded(func() { r.answer("Remove the passphrase?", "remove") })
	if got := r.answersShown("agreements")["feeling"]; got != secret || r.visible(ws+" [data-unlock]") {
		t.Errorf("without the passphrase: feeling %q, Unlock shown %v; want the answers open", got, r.visible(ws+" [data-unlock]"))
	}
	if all := r.everything(); !strings.Contains(all, secret) || strings.Contains(all, `"iv"`) {
		t.Error("after removing the passphrase the records are not stored plainly again")
	}
}

func testLeave(t *testing.T, b *browsertest.Tab) {
	d := publish(t, v1)
	r := newReader(t, b, d)
	other := newReader(t, b, d)
	r.open(chapter)
	other.open("/")
	r.do(chromedp.SendKeys(field("feeling", "input"), "typed just now"))
	r.do(chromedp.Click(chromedp.CSS("[data-leave]")))
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
	r.do(chromedp.Click(chromedp.CSS("[data-leave]")))
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

func testSideBySide(t *testing.T, b *browsertest.Tab) {
	d := publish(t, v1)
	r := newReader(t, b, d)
	r.open(chapter)
	r.do(chromedp.SendKeys(field("feeling", "input"), "sam-word"))
	r.waitStored("agreements", 1)
	r.addReader("Sam", "Alex")
	r.do(chromedp.SendKeys(field("feeling", "input"), "alex-word"))
	r.waitFor(`document.querySelector("#ws-agreements [data-ws-status]").textContent === "Saved on this device."`, "Alex's answer to be saved")

	r.do(chromedp.Click(chromedp.CSS(ws + " [data-compare-with]")))
	r.answer("Sam, show your answers here?", "cancel")
	if r.shows("sam-word") || eval[bool](r, `!!document.querySelector(".ws-compare")`) {
		t.Fatal("Sam's answers were shown without Sam agreeing")
	}
	r.do(chromedp.Click(chromedp.CSS(ws + " [data-compare-with]")))
	r.answer("Sam, show your answers here?", "show")
	if got := r.text(ws + " .ws-compare"); !strings.Contains(got, "sam-word") || !strings.Contains(got, "alex-word") || !strings.Contains(got, "Side by side: Alex and Sam") {
		t.Errorf("side by side: got %q", got)
	}
	r.do(chromedp.Click(chromedp.CSS(ws + " [data-hide-compare]")))
	if r.shows("sam-word") {
		t.Error("Put away left Sam's answers on the page")
	}

	// Once Sam has a passphrase, only Sam's passphrase shows Sam's answers.
	r.writeAs("Sam")
	r.setLock(pass)
	r.writeAs("Alex")
	r.do(chromedp.Click(chromedp.CSS(ws+" [data-compare-with]")),
		chromedp.SendKeys(chromedp.CSS("dialog[open] input[name=pass]"), "not it at all"), chromedp.KeyEvent(kb.Enter))
	r.waitFor(`(document.querySelector("dialog[open] .wb-dialog-error") || {}).textContent.includes("doesn't open")`, "the wrong passphrase to be refused")
	if r.shows("sam-word") {
		t.Error("a wrong passphrase showed Sam's answers")
	}
	r.do(chromedp.SendKeys(chromedp.CSS("dialog[open] input[name=pass]"), pass), chromedp.KeyEvent(kb.Enter))
	r.waitFor(`(document.querySelector("#ws-agreements .ws-compare") || {textContent: ""}).textContent.includes("sam-word")`, "Sam's answers next to Alex's")
	r.do(chromedp.Click(chromedp.CSS(ws + " [data-hide-compare]")))

	// Alex shares this worksheet; on another device (another origin) its
	// reader keeps the file apart from their own answers.
	os.RemoveAll(r.downloads)
	os.Mkdir(r.downloads, 0o755)
	r.downloadHere()
	r.do(chromedp.Click(chromedp.CSS(ws + " [data-share]")))
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
	if got := partner.text(ws + " .ws-compare[data-shared]"); !strings.Contains(got, "alex-word") || !strings.Contains(got, "own-word") {
		t.Errorf("the shared answers after a reload: got %q", got)
	}
	if n := eval[int](partner, `document.querySelectorAll(".ws-compare input, .ws-compare textarea").length`); n != 0 {
		t.Errorf("the shared answers can be edited: %d boxes", n)
	}
	if got := fieldsOf(t, partner.stored()[mine+"agreements"])["feeling"]; got != `"own-word"` {
		t.Errorf("the partner's own answer after keeping the shared file: %s", got)
	}
	partner.do(chromedp.Click(chromedp.CSS(ws + " [data-remove-shared]")))
	partner.reload()
	if partner.shows("alex-word") {
		t.Error("removed shared answers came back after a reload")
	}
}

// setLock gives the reader writing now a passphrase and waits for the page
// to come back locked.
func (r *reader) setLock(pass string) {
	r.t.Helper()
	r.who()
	r.do(chromedp.Click(chromedp.CSS("[data-who-lock]")))
	r.do(chromedp.SendKeys(chromedp.CSS("dialog[open] input[name=pass]"), pass), chromedp.SendKeys(chromedp.CSS("dialog[open] input[name=again]"), pass),
		chromedp.Click(chromedp.CSS(`dialog[open] button[data-choice="set"]`)))
	r.waitFor(`document.querySelector("dialog[open]") && document.querySelector("dialog[open]").textContent.includes("Your answers are locked")`, "the lock to be set")
	r.reloaded(func() { r.answer("Your answers are locked", "ok") })
}

func (r *reader) unlock(pass string) {
	r.t.Helper()
	r.do(chromedp.Click(chromedp.CSS(ws+" [data-unlock]")), chromedp.SendKeys(chromedp.CSS("dialog[open] input[name=pass]"), pass), chromedp.KeyEvent(kb.Enter))
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
	two.reloaded(func() { one.reloaded(func() { one.do(chromedp.Click(chromedp.CSS("[data-lock-now]"))) }) })
	for i, r := range []*reader{one, two} {
		if !eval[bool](r, `document.documentElement.classList.contains("answers-locked")`) || r.shows("in step") {
			t.Errorf("tab %d after Lock now in the first: not locked", i+1)
		}
	}
}

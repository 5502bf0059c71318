package worksheettest

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/chromedp/chromedp"

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
// its scripts and its worksheet markup (testdata/before-readers, copied
// from earlier versions) override the theme's, as a tab opened before the
// upgrade still runs them.
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
	// Its list entries were <input>s, which its scripts look for.
	data, err := os.ReadFile("testdata/before-readers/worksheet.html")
	if err != nil {
		t.Fatal(err)
	}
	project["layouts/partials/worksheet.html"] = &fstest.MapFile{Data: data}
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
	now.waitFor(`document.querySelector("`+ws+`.ws-live")`, "the worksheet to start, once the old answers moved (migrate.js, loaded then)")
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
	old.more(ws + " [data-clear-all]")
	old.answer("Clear all your answers?", "clear")
	same(t, "the first reader's answers after the old tab cleared all", fieldsOf(t, now.stored()[mine+"agreements"]), fieldsOf(t, after[mine+"agreements"]))

	// What the old tab saves where no marker is (a worksheet it had no
	// record of) becomes the first reader's at the next load.
	old.do(chromedp.SendKeys(chromedp.CSS("#ws-after input"), "from the old tab"))
	old.waitFor(`localStorage.getItem("`+legacy+`after")`, "the old tab to save")
	now.open(chapter)
	now.waitFor(`document.querySelector("#ws-after.ws-live")`, "the worksheet to start, once the old tab's answer moved")
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
	r.do(browsertest.Tap(chromedp.CSS("[data-who]")))
	r.waitFor(`document.querySelector(".who-dialog[open]")`, "the Who is writing? dialog")
}

// addReader adds someone through "Who is writing?"; me names the reader
// so far, when the dialog asks. The new reader writes next.
func (r *reader) addReader(me, them string) {
	r.t.Helper()
	r.who()
	r.do(browsertest.Tap(chromedp.CSS("[data-who-add]")))
	r.waitFor(`document.querySelector("dialog[open] input[name=them]")`, "the Add someone dialog")
	if me != "" {
		r.do(chromedp.SendKeys(chromedp.CSS("dialog[open] input[name=me]"), me))
	}
	r.do(chromedp.SendKeys(chromedp.CSS("dialog[open] input[name=them]"), them), browsertest.Press("add"))
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
	// A new tab asks who is writing before it shows anyone's answers.
	two := newReader(t, b, d)
	two.open("/print/")
	two.waitFor(`document.querySelector("dialog[open] [data-continue-as]")`, "the second tab to ask who is writing")
	if got := two.text("dialog[open] [data-continue-as]"); got != "Continue as Alex" || two.shows("alex-steady") || two.shows("hopeful") {
		t.Errorf("a new tab's question: %q; answers shown before the choice: Alex's %v, Sam's %v", got, two.shows("alex-steady"), two.shows("hopeful"))
	}
	two.do(browsertest.Tap(chromedp.CSS("dialog[open] [data-continue-as]")))
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
	one.more(ws + " [data-clear-all]")
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
	one.do(browsertest.Tap(chromedp.CSS("[data-who-delete]")))
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

package worksheettest

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/workbook-press/workbook/internal/browsertest"
)

const (
	chapter = "/agreements/"
	ws      = "#ws-agreements"
	saved   = "Saved on this device."
)

// filled is what fill types, as answersShown reads it back.
var filled = map[string]string{
	"spoken":   "We share the cooking.\nWe call when late.",
	"unspoken": "I drive|You plan|We never shout|Holidays alternate",
	"aware":    "Some",
	"hurt":     "7",
	"steps":    "Listen first|Write it down",
	"when":     "2026-12-01",
	"feeling":  "hopeful",
}

func field(id, inner string) chromedp.CSS {
	return chromedp.CSS(fmt.Sprintf(`%s .field[data-field="%s"] %s`, ws, id, inner))
}

// fill answers every field of the agreements worksheet the way a reader
// does: typing, Enter for a new list entry, clicks, arrow keys on the scale.
func fill(r *reader) {
	r.t.Helper()
	r.do(
		chromedp.SendKeys(field("spoken", "textarea"), "We share the cooking.\nWe call when late."),
		chromedp.SendKeys(field("unspoken", ".list-entry:nth-child(1) :is(textarea, input)"), "I drive"),
		chromedp.SendKeys(field("unspoken", ".list-entry:nth-child(2) :is(textarea, input)"), "You plan"),
		chromedp.SendKeys(field("unspoken", ".list-entry:nth-child(3) :is(textarea, input)"), "We never shout"),
		chromedp.KeyEvent(kb.Enter),
		chromedp.KeyEvent("Holidays alternate"),
		browsertest.Tap(field("aware", `input[value="Some"]`)),
		browsertest.Tap(field("hurt", `input[value="5"]`)),
		chromedp.KeyEvent(kb.ArrowRight),
		chromedp.KeyEvent(kb.ArrowRight),
		browsertest.Tap(field("steps", `input[value="Listen first"]`)),
		browsertest.Tap(field("steps", `input[value="Write it down"]`)),
		chromedp.SendKeys(field("feeling", "input"), "hopeful"),
	)
	// A date box's keyboard order follows the locale; set it as a picker does.
	eval[bool](r, `(() => { const d = document.querySelector('#ws-agreements [data-field="when"] input');
	  d.value = "2026-12-01"; d.dispatchEvent(new Event("input", {bubbles: true})); d.dispatchEvent(new Event("change", {bubbles: true})); return true; })()`)
}

func same(t *testing.T, what string, got, want map[string]string) {
	t.Helper()
	if !maps.Equal(got, want) {
		t.Errorf("%s:\n got %q\nwant %q", what, got, want)
	}
}

func empty() map[string]string {
	out := map[string]string{}
	for k := range filled {
		out[k] = ""
	}
	return out
}

func TestWorksheets(t *testing.T) {
	browsertest.Require(t)
	b := browsertest.New(t)
	t.Run("every field type is back after a reload", func(t *testing.T) { testFillReload(t, b) })
	t.Run("the form is accessible and works without JavaScript", func(t *testing.T) { testForm(t, b) })
	t.Run("a choice or scale answer can be taken back", func(t *testing.T) { testClearOne(t, b) })
	t.Run("two tabs stay in step field by field", func(t *testing.T) { testTwoTabs(t, b) })
	t.Run("download, clear all, restore", func(t *testing.T) { testBackup(t, b) })
	t.Run("a file that is not a backup of this book changes nothing", func(t *testing.T) { testBadFiles(t, b) })
	t.Run("storage full", func(t *testing.T) { testBrokenStorage(t, b, quotaFull, "storage is full") })
	t.Run("storage disabled", func(t *testing.T) { testBrokenStorage(t, b, storageDisabled, "not letting the book save") })
	t.Run("an unreadable record is set aside and reported", func(t *testing.T) { testCorrupt(t, b) })
	t.Run("a new deployment keeps renamed and removed answers", func(t *testing.T) { testRedeploy(t, b) })
	t.Run("a journal files dated entries, newest first", func(t *testing.T) { testJournal(t, b) })
	t.Run("two tabs share a journal's entries and deletions", func(t *testing.T) { testJournalTabs(t, b) })
	t.Run("a journal's entries are downloaded, cleared and restored", func(t *testing.T) { testJournalBackup(t, b) })
}

func testFillReload(t *testing.T, b *browsertest.Tab) {
	r := newReader(t, b, publish(t, v1))
	r.open(chapter)
	fill(r)
	// No wait for the save delay: leaving the page must save what is pending.
	r.reload()
	same(t, "answers after a reload", r.answersShown("agreements"), filled)
	if got := r.text(ws + " [data-ws-status]"); got != "Your saved answers are back." {
		t.Errorf("status after reload: got %q, want %q", got, "Your saved answers are back.")
	}
	if got := r.text(ws + " [data-ws-progress]"); got != "7 of 7 answered" {
		t.Errorf("progress: got %q, want %q", got, "7 of 7 answered")
	}

	var rec struct {
		Schema  int    `json:"schema"`
		Updated string `json:"updated"`
		Fields  map[string]struct {
			Value   any    `json:"value"`
			Updated string `json:"updated"`
			Label   string `json:"label"`
		} `json:"fields"`
	}
	raw := r.stored()[mine+"agreements"]
	if err := json.Unmarshal([]byte(raw), &rec); err != nil {
		t.Fatalf("record under %sagreements: %v in %q", mine, err, raw)
	}
	if rec.Schema != 1 || rec.Updated == "" || len(rec.Fields) != 7 || rec.Fields["feeling"].Value != "hopeful" || rec.Fields["feeling"].Updated == "" {
		t.Errorf("stored record: got %s; want schema 1, updated-at, 7 fields each with its own time, feeling = \"hopeful\"", raw)
	}

	// Reaching the end of a chapter marks it read.
	eval[bool](r, `(window.scrollTo(0, document.body.scrollHeight), true)`)
	r.waitFor(`localStorage.getItem("`+mine+`read:/agreements/")`, "the chapter to be marked read")
	r.open("/plain/")
	r.waitFor(`localStorage.getItem("`+mine+`read:/plain/")`, "the short chapter to be marked read")
	r.open("/")
	rows := eval[map[string]string](r, `Object.fromEntries([...document.querySelectorAll("[data-chapter]")].map(li => [li.dataset.chapter, li.querySelector(".progress").textContent]))`)
	same(t, "home page progress", rows, map[string]string{
		"/agreements/": "Read · 1 of 2 worksheets complete",
		"/plain/":      "Read",
		"/journal/":    "",
	})
	if got := r.download("#your-answers [data-download]").value("agreements", "feeling"); got != `"hopeful"` {
		t.Errorf("the home page's download: feeling = %s, want \"hopeful\"", got)
	}
}

func testForm(t *testing.T, b *browsertest.Tab) {
	r := newReader(t, b, publish(t, v1))
	r.do(chromedp.EmulateViewport(375, 800))
	r.open(chapter)
	problems := eval[[]string](r, `(() => {
  const out = [];
  for (const c of document.querySelectorAll(".worksheet input:not([type=file]), .worksheet textarea")) {
    const named = c.labels.length > 0 || c.getAttribute("aria-label");
    if (!named) out.push("no label: " + c.outerHTML);
  }
  for (const f of document.querySelectorAll(".worksheet .field")) {
    const t = f.dataset.type, group = ["choice", "checklist", "scale", "list"].includes(t);
    if (group && !f.querySelector("fieldset > legend")) out.push("no fieldset/legend: " + f.dataset.field);
    const help = f.querySelector(".field-help");
    if (help && !f.querySelector('[aria-describedby~="' + help.id + '"]')) out.push("help not tied: " + f.dataset.field);
  }
  if (document.documentElement.scrollWidth > 375) out.push("page is " + document.documentElement.scrollWidth + "px wide at 375px");
  return out;
})()`)
	for _, p := range problems {
		t.Error(p)
	}
	if r.visible(ws + " .ws-nojs") {
		t.Error("the no-JavaScript note shows while the script runs")
	}
	if !r.visible(ws+" .ws-privacy") || !strings.Contains(r.text(ws+" .ws-privacy"), "only in this browser on this device") {
		t.Errorf("privacy sentence: got %q visible=%v", r.text(ws+" .ws-privacy"), r.visible(ws+" .ws-privacy"))
	}

	// Keyboard only: Enter in a list entry adds the next entry and moves there.
	r.do(chromedp.Focus(field("unspoken", ".list-entry:nth-child(3) :is(textarea, input)")), chromedp.KeyEvent("c"), chromedp.KeyEvent(kb.Enter))
	got := eval[string](r, `document.activeElement.getAttribute("aria-label")`)
	if got != "Agreements I assumed, entry 4" {
		t.Errorf("after Enter in entry 3, focus is on %q; want the new entry 4", got)
	}
	if eval[string](r, `location.search`) != "" {
		t.Error("Enter in a box put the answers in the URL")
	}

	if _, err := chromedp.Call(r.tab.Ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	r.do(chromedp.Navigate(r.site.URL + chapter))
	// It comes two seconds in, when the script would have started.
	r.waitFor(`(e => !!e && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden" && getComputedStyle(e).position === "static")(document.querySelector("#ws-agreements .ws-nojs"))`, "the note that answers are not saved, without JavaScript")
	if !strings.Contains(r.text(ws+" .ws-nojs"), "can't be saved") {
		t.Errorf("without JavaScript: the note that answers are not saved says %q", r.text(ws+" .ws-nojs"))
	}
	if !r.visible(ws+` textarea`) || r.visible(ws+" .ws-actions") {
		t.Error("without JavaScript: want the form shown and the save buttons hidden")
	}
	chromedp.Call(r.tab.Ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: false})
}

// testClearOne takes back one answer where a click can't: a ticked radio
// stays ticked when clicked again.
func testClearOne(t *testing.T, b *browsertest.Tab) {
	r := newReader(t, b, publish(t, v1))
	r.do(chromedp.EmulateViewport(375, 800))
	r.open(chapter)
	clearAware, clearHurt := ws+` [data-field="aware"] [data-clear-field]`, ws+` [data-field="hurt"] [data-clear-field]`
	if r.visible(clearAware) || r.visible(clearHurt) {
		t.Error("a Clear this answer button shows on a question with no answer yet")
	}
	if n := eval[int](r, `document.querySelectorAll("#ws-agreements [data-clear-field]").length`); n != 2 {
		t.Errorf("got %d Clear this answer buttons; want 2, on the choice and on the scale only", n)
	}
	r.do(browsertest.Tap(field("aware", `input[value="Some"]`)), browsertest.Tap(field("hurt", `input[value="7"]`)))
	if !r.visible(clearAware) || !r.visible(clearHurt) {
		t.Fatalf("no Clear this answer button after answering the choice and the scale; the page: %s", r.state())
	}
	if got := r.text(clearHurt); got != "Clear this answer: How much does this still hurt?" {
		t.Errorf("the button's accessible text: got %q, want it to name its question", got)
	}
	r.waitStored("agreements", 2)

	r.do(browsertest.Tap(chromedp.CSS(clearHurt)))
	if got := eval[string](r, `document.activeElement.name + "=" + document.activeElement.value + ":" + document.activeElement.checked`); got != "ws-agreements-hurt=0:false" {
		t.Errorf("focus after clearing: got %s; want the scale's first point, unticked", got)
	}
	if r.visible(clearHurt) {
		t.Error("the Clear button of the scale still shows once its answer is gone")
	}
	r.waitFor(`JSON.parse(localStorage.getItem("`+mine+`agreements")).fields.hurt.value === ""`, "the cleared scale to be saved")
	r.reload()
	want := empty()
	want["aware"] = "Some"
	same(t, "answers after clearing the scale and reloading", r.answersShown("agreements"), want)
	if got := r.text(ws + " [data-ws-progress]"); got != "1 of 7 answered" {
		t.Errorf("progress after clearing: got %q, want %q", got, "1 of 7 answered")
	}
	if !r.visible(clearAware) || r.visible(clearHurt) {
		t.Error("after a reload the Clear button should show on the answered choice only")
	}
	r.checkClean()
}

func testTwoTabs(t *testing.T, b *browsertest.Tab) {
	d := publish(t, v1)
	one, two := newReader(t, b, d), newReader(t, b, d)
	one.open(chapter)
	two.open(chapter)
	one.do(chromedp.SendKeys(field("feeling", "input"), "calm"))
	two.do(chromedp.SendKeys(field("spoken", "textarea"), "Dinner together"))
	for _, r := range []*reader{one, two} {
		r.waitFor(`document.querySelector('#ws-agreements [data-field="feeling"] input').value === "calm" &&
			document.querySelector('#ws-agreements textarea').value === "Dinner together"`, "both tabs' answers in both tabs")
	}
	// The same field in both: the later write wins, in both tabs.
	eval[bool](two, `(document.querySelector('#ws-agreements [data-field="feeling"] input').select(), true)`)
	two.do(chromedp.KeyEvent("steady"))
	one.waitFor(`document.querySelector('#ws-agreements [data-field="feeling"] input').value === "steady"`, "the later write in the first tab")
	one.more(ws + " [data-clear]")
	one.answer("Clear this worksheet?", "cancel")
	if got := one.answersShown("agreements")["spoken"]; got != "Dinner together" {
		t.Errorf("after Cancel, spoken shows %q, want it kept", got)
	}
	one.more(ws + " [data-clear]")
	one.answer("Clear this worksheet?", "clear")
	two.waitFor(`document.querySelector('#ws-agreements textarea').value === ""`, "the clear to reach the second tab")
	if got := two.text(ws + " [data-ws-status]"); !strings.Contains(got, "cleared in another tab") {
		t.Errorf("second tab status: got %q, want it to say the worksheet was cleared in another tab", got)
	}
	two.reload()
	same(t, "second tab after reload", two.answersShown("agreements"), empty())
}

func testBackup(t *testing.T, b *browsertest.Tab) {
	r := newReader(t, b, publish(t, v1))
	r.open("/plain/")
	r.waitFor(`localStorage.getItem("`+mine+`read:/plain/")`, "the short chapter to be marked read")
	r.open(chapter)
	fill(r)
	r.waitStored("agreements", 7)
	if got := r.text(ws + " [data-ws-status]"); got != saved {
		t.Errorf("status after typing: got %q, want %q", got, saved)
	}
	if n := eval[int](r, `document.querySelectorAll('#ws-agreements [aria-live="polite"][data-ws-status]').length`); n != 1 {
		t.Errorf("want the status line to be an aria-live region; found %d", n)
	}
	before := r.stored()
	file := r.download(ws + " [data-download]")
	if file.Format != "workbook-answers" || file.Book != bookID || file.value("agreements", "feeling") != `"hopeful"` || file.Read["/plain/"] == "" {
		t.Errorf("downloaded %s: format %q, book %q, feeling %s, read %v", file.Name, file.Format, file.Book, file.value("agreements", "feeling"), file.Read)
	}

	r.more(ws + " [data-clear-all]")
	r.waitFor(`document.querySelector("dialog[open]")`, "the clear-all dialog")
	if got := eval[string](r, `document.activeElement.dataset.choice || document.activeElement.tagName`); got != "cancel" {
		t.Errorf("a dialog that destroys answers opens with the focus on %q, want Cancel", got)
	}
	r.answer("Clear all your answers?", "clear")
	same(t, "answers after clear all", r.answersShown("agreements"), empty())
	if left := r.stored(); len(left) != 0 {
		t.Errorf("clear all left %v in localStorage", left)
	}

	r.do(chromedp.SetUploadFiles(chromedp.CSS(ws+" [data-restore]"), []string{file.Path}))
	said := r.answer("Restore your answers", "merge")
	r.waitFor(`document.querySelector("#ws-agreements [data-ws-status]").textContent.includes("merged")`, "the restore to finish")
	if !strings.Contains(said, "holds 7 answers") || !strings.Contains(said, "Merge adds 7 answers") {
		t.Errorf("restore dialog: got %q; want it to say what will change (7 answers added)", said)
	}
	same(t, "answers after restore", r.answersShown("agreements"), filled)
	same(t, "localStorage after export, clear all, import", r.stored(), before)

	// Replace: an answer written after the backup is removed, and the dialog said so.
	r.do(chromedp.SendKeys(chromedp.CSS(`#ws-after input`), "extra"))
	r.waitFor(`localStorage.getItem("`+mine+`after")`, "the new answer to be saved")
	r.do(chromedp.SetUploadFiles(chromedp.CSS(ws+" [data-restore]"), []string{file.Path}))
	said = r.answer("Restore your answers", "replace")
	r.waitFor(`document.querySelector("#ws-agreements [data-ws-status]").textContent.includes("match the file")`, "the restore to finish")
	if !strings.Contains(said, "1 answer not in the file removed") {
		t.Errorf("replace dialog: got %q; want it to say 1 answer not in the file will be removed", said)
	}
	if got := eval[string](r, `document.querySelector("#ws-after input").value`); got != "" {
		t.Errorf("after replace, the answer not in the file is still shown: %q", got)
	}
	same(t, "saved answers after replace", answersOnly(r.stored()), answersOnly(before))
}

func testBadFiles(t *testing.T, b *browsertest.Tab) {
	r := newReader(t, b, publish(t, v1))
	r.open(chapter)
	r.do(chromedp.SendKeys(field("feeling", "input"), "mine"))
	// The whole word, not the first letters a slow machine saved on the way.
	r.waitFor(`JSON.parse(localStorage.getItem("`+mine+`agreements") ?? "{}").fields?.feeling?.value === "mine"`, "the answer to be saved")
	before := r.stored()
	dir := t.TempDir()
	files := map[string]struct{ body, says string }{
		"notes.json":   {"these are my notes, not JSON", "could not be read as a backup"},
		"other.json":   {`{"format":"workbook-answers","version":1,"book":"another-book","worksheets":{}}`, `another book ("another-book")`},
		"damaged.json": {`{"format":"workbook-answers","version":1,"book":"` + bookID + `","worksheets":{"agreements":{"schema":1,"fields":{"feeling":{"value":7}}}}}`, "damaged"},
		"random.json":  {`{"hello":"world"}`, "not a backup made by this book"},
	}
	for name, f := range files {
		path := filepath.Join(dir, name)
		os.WriteFile(path, []byte(f.body), 0o644)
		r.do(chromedp.SetUploadFiles(chromedp.CSS(ws+" [data-restore]"), []string{path}))
		said := r.answer("This file can't be used", "ok")
		if !strings.Contains(said, f.says) || !strings.Contains(said, "Nothing was changed") {
			t.Errorf("%s: dialog said %q; want %q and \"Nothing was changed\"", name, said, f.says)
		}
		same(t, name+": localStorage", r.stored(), before)
	}
	if got := eval[string](r, `document.querySelector('#ws-agreements [data-field="feeling"] input').value`); got != "mine" {
		t.Errorf("after refused files, feeling shows %q, want %q", got, "mine")
	}
}

// quotaFull makes every write fail as a full disk does.
const quotaFull = `Storage.prototype.setItem = function () { throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); };`

// storageDisabled makes localStorage unreachable, as blocked site data does.
const storageDisabled = `Object.defineProperty(window, "localStorage", { configurable: true, get() { throw new DOMException("Access is denied for this document.", "SecurityError"); } });`

func testBrokenStorage(t *testing.T, b *browsertest.Tab, breakIt, warning string) {
	r := newReader(t, b, publish(t, v1), breakIt)
	r.open(chapter)
	if !r.visible("#banner-storage") || !strings.Contains(r.text("#banner-storage"), warning) {
		t.Errorf("banner: got %q; want a visible warning saying %q", r.text("#banner-storage"), warning)
	}
	fill(r)
	r.waitFor(fmt.Sprintf(`document.querySelector(%q).textContent.includes(%q)`, ws+" [data-ws-status]", warning), "the warning in the status line")
	if !r.visible(ws + ` [data-ws-status][data-tone="warn"]`) {
		t.Error("the status warning is not shown as a warning")
	}
	same(t, "answers on the page", r.answersShown("agreements"), filled)
	file := r.download(ws + " [data-download]")
	for id, want := range map[string]string{"feeling": `"hopeful"`, "hurt": `"7"`, "unspoken": `["I drive","You plan","We never shout","Holidays alternate"]`} {
		if got := file.value("agreements", id); got != want {
			t.Errorf("downloaded %s: %s = %s, want %s", file.Name, id, got, want)
		}
	}
	// Still working: more typing is kept on the page. Leaving before it was
	// downloaded makes the browser ask; the reader stays and downloads it.
	r.do(chromedp.SendKeys(chromedp.CSS(`#ws-after input`), "still here"))
	r.stay = true
	eval[bool](r, `(setTimeout(() => { location.href = "/"; }), true)`)
	for i := 0; i < 100 && len(r.promptsSeen()) == 0; i++ {
		time.Sleep(50 * time.Millisecond)
	}
	if got := r.promptsSeen(); len(got) != 1 || got[0] != "beforeunload" {
		t.Errorf("leaving with answers held only in the page: browser dialogs %q, want one beforeunload", got)
	}
	if got := eval[string](r, `document.querySelector("#ws-after input").value`); got != "still here" {
		t.Errorf("after choosing to stay, the answer shows %q, want \"still here\"", got)
	}
	if got := r.download(ws+" [data-download]").value("after", "note"); got != `"still here"` {
		t.Errorf("second download: after.note = %s, want \"still here\"", got)
	}
	r.open("/")
	if got := r.promptsSeen(); len(got) != 1 {
		t.Errorf("leaving right after a download: browser dialogs %q, want no new one", got)
	}
}

func testCorrupt(t *testing.T, b *browsertest.Tab) {
	r := newReader(t, b, publish(t, v1))
	r.open(chapter)
	damaged := `{"schema":1,"fields":{"feeling":{"value":"kept","updated":"2026-01-01T00:00:00.000Z"},"spoken":{"value":42}}}`
	eval[bool](r, fmt.Sprintf(`(() => { localStorage.setItem("%[1]sagreements", %[2]q); localStorage.setItem("%[1]safter", "{not json"); return true; })()`, mine, damaged))
	r.reload()
	for _, sel := range []string{ws, "#ws-after"} {
		if got := r.text(sel + " [data-ws-status]"); !strings.Contains(got, "could not be read") || !strings.Contains(got, "set aside") {
			t.Errorf("%s status: got %q; want it to say answers could not be read and were set aside", sel, got)
		}
	}
	if got := eval[string](r, `document.querySelector('#ws-agreements [data-field="feeling"] input').value`); got != "kept" {
		t.Errorf("the readable answer of a damaged record: got %q, want %q", got, "kept")
	}
	aside := map[string]string{}
	for k, v := range r.stored() {
		if strings.HasPrefix(k, mine+"unreadable:") {
			aside[strings.SplitN(strings.TrimPrefix(k, mine+"unreadable:"), ":", 2)[0]] = v
		}
	}
	same(t, "records set aside, by worksheet", aside, map[string]string{"agreements": damaged, "after": "{not json"})
	file := r.download(ws + " [data-download]")
	var inFile []string
	for _, v := range file.Unreadable {
		inFile = append(inFile, v)
	}
	if len(inFile) != 2 || !strings.Contains(strings.Join(inFile, "\n"), damaged) {
		t.Errorf("backup's unreadable records: got %q, want both set-aside texts", inFile)
	}
	r.reload()
	if got := r.text(ws + " [data-ws-status]"); strings.Contains(got, "could not be read") {
		t.Errorf("after the record was repaired, a reload still warns: %q", got)
	}

	// A record from a later version of the book is left exactly as it is.
	newer := `{"schema":3,"answers":{"note":"from the future"}}`
	eval[bool](r, fmt.Sprintf(`(localStorage.setItem("%safter", %q), true)`, mine, newer))
	r.reload()
	if got := r.text("#ws-after [data-ws-status]"); !strings.Contains(got, "newer version") {
		t.Errorf("a record of schema 3: status %q, want it to mention a newer version", got)
	}
	r.do(chromedp.SendKeys(chromedp.CSS(`#ws-after input`), "typed now"))
	time.Sleep(800 * time.Millisecond)
	r.reload()
	if got := r.stored()[mine+"after"]; got != newer {
		t.Errorf("a record of schema 3 was changed to %s", got)
	}
}

func testRedeploy(t *testing.T, b *browsertest.Tab) {
	d := publish(t, v1)
	r := newReader(t, b, d)
	r.open(chapter)
	fill(r)
	r.do(chromedp.SendKeys(chromedp.CSS(`#ws-after input`), "it was easy"))
	r.waitStored("agreements", 7)
	r.waitStored("after", 1)
	r.open(journal)
	r.write(week1)
	r.saveEntry()
	d.redeploy(t, v2)
	r.reload()
	if r.visible(wk + " [data-save-entry]") {
		t.Error("the journal is no longer repeat: true, yet it offers to save entries")
	}
	checkEntries(t, r, "a journal's entry once the author turned repeat off", week1)
	r.open(chapter)
	r.reload()
	if n := eval[int](r, `document.querySelectorAll("#ws-after").length`); n != 0 {
		t.Fatal("the new deployment was not served")
	}
	want := maps.Clone(filled)
	want["word"] = want["feeling"]
	delete(want, "feeling")
	delete(want, "when")
	same(t, "answers after the author renamed feeling to word and removed when", r.answersShown("agreements"), want)
	if !r.visible(ws + " [data-ws-orphans]") {
		t.Fatal("the removed field's answer is not shown")
	}
	if got := r.text(ws + " [data-ws-orphans]"); !strings.Contains(got, "Answers to questions no longer in this worksheet") ||
		!strings.Contains(got, "When we'll talk") || !strings.Contains(got, "2026-12-01") {
		t.Errorf("orphaned answers box: got %q", got)
	}
	if n := eval[int](r, `document.querySelectorAll("#ws-agreements [data-ws-orphans] input, #ws-agreements [data-ws-orphans] textarea").length`); n != 0 {
		t.Errorf("orphaned answers should be read-only; found %d controls", n)
	}
	r.do(browsertest.Tap(chromedp.CSS(ws + " [data-clear-orphans]")))
	r.reload()
	if r.visible(ws + " [data-ws-orphans]") {
		t.Error("cleared old answers came back after a reload")
	}
	same(t, "answers after clearing the old ones", r.answersShown("agreements"), want)
	r.open("/plain/")
	if got := eval[string](r, `document.querySelector("#ws-after input").value`); got != "it was easy" {
		t.Errorf("a worksheet moved to another chapter shows %q, want its answer \"it was easy\"", got)
	}
}

// answersOnly drops the marks of chapters read from a localStorage snapshot.
func answersOnly(stored map[string]string) map[string]string {
	out := map[string]string{}
	for k, v := range stored {
		if !strings.Contains(k, ":read:") {
			out[k] = v
		}
	}
	return out
}

package worksheettest

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/workbook-press/workbook/internal/browsertest"
)

// TestRestore checks what a restored backup may change: answers written
// after it always stick, merge does what its summary says, a file that
// can't fit or that is not sane changes nothing and says why.
func TestRestore(t *testing.T) {
	browsertest.Require(t)
	b := browsertest.New(t)
	t.Run("a backup's times can't freeze an answer", func(t *testing.T) { testFrozen(t, b) })
	t.Run("merge does what its summary says, row by row", func(t *testing.T) { testMergeRows(t, b) })
	t.Run("a restore that can't fit changes nothing and says so", func(t *testing.T) { testNoRoom(t, b) })
	t.Run("a file past the limits or of a wrong version is refused, saying why", func(t *testing.T) { testInsane(t, b) })
	t.Run("two tabs typing in one field: the replaced text can be put back", func(t *testing.T) { testReplaced(t, b) })
	t.Run("a locked reader's restore: times fixed, all or nothing", func(t *testing.T) { testRestoreLocked(t, b) })
}

// backupOf is a backup of this book holding one record per worksheet.
func backupOf(worksheets map[string]any) map[string]any {
	return map[string]any{"format": "workbook-answers", "version": 1, "book": bookID,
		"exported": time.Now().UTC().Format(time.RFC3339), "worksheets": worksheets, "read": map[string]string{}}
}

// oneAnswer is a record of one text answer saved at a time.
func oneAnswer(field string, value any, at string) map[string]any {
	return map[string]any{"schema": 1, "updated": at, "fields": map[string]any{field: map[string]any{"value": value, "updated": at, "label": field}}}
}

// restoreFile offers a file to "Restore from a file" and returns what the
// dialog said once it is open (it stays open).
func (r *reader) restoreFile(data any) string {
	r.t.Helper()
	text, ok := data.(string)
	if !ok {
		b, err := json.Marshal(data)
		if err != nil {
			r.t.Fatal(err)
		}
		text = string(b)
	}
	path := filepath.Join(r.t.TempDir(), "backup.json")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		r.t.Fatal(err)
	}
	r.do(chromedp.SetUploadFiles(chromedp.CSS(ws+" [data-restore]"), []string{path}))
	r.waitFor(`document.querySelector("dialog[open]")`, "the restore dialog")
	return r.text("dialog[open]")
}

// storedValue is one field's saved value in the first reader's record.
func (r *reader) storedValue(wsID, field string) string {
	r.t.Helper()
	return eval[string](r, fmt.Sprintf(`JSON.stringify(((JSON.parse(localStorage.getItem(%q)) || {fields: {}}).fields[%q] || {}).value)`, mine+wsID, field))
}

// retype replaces a text field's answer the way a reader does.
func (r *reader) retype(field, text string) {
	r.t.Helper()
	eval[bool](r, fmt.Sprintf(`(document.querySelector('#ws-agreements [data-field="%s"] input').select(), true)`, field))
	r.do(chromedp.KeyEvent(text))
}

// sticks checks that an edit typed now is still shown and saved a second
// later (the save runs 400 ms after the last key).
func (r *reader) sticks(field, text, what string) {
	r.t.Helper()
	r.retype(field, text)
	r.waitFor(fmt.Sprintf(`localStorage.getItem(%q).includes(%q)`, mine+"agreements", text), what+": the edit to be saved")
	time.Sleep(time.Second)
	if got := r.answersShown("agreements")[field]; got != text {
		r.t.Errorf("%s: %s shows %q a second after the edit, want %q", what, field, got, text)
	}
	if got := r.storedValue("agreements", field); got != `"`+text+`"` {
		r.t.Errorf("%s: %s saved as %s a second after the edit, want %q", what, field, got, text)
	}
}

func testFrozen(t *testing.T, b *browsertest.Tab) {
	r := newReader(t, b, publish(t, v1))
	r.open(chapter)
	r.do(chromedp.SendKeys(field("feeling", "input"), "mine"))
	r.waitStored("agreements", 1)

	// A file from a device whose clock ran ahead (a day, or to 9999): its
	// answer counts as written now, and the reader's next edit wins.
	for _, ahead := range []string{time.Now().Add(24 * time.Hour).UTC().Format(time.RFC3339), "9999-01-01T00:00:00.000Z"} {
		said := r.restoreFile(backupOf(map[string]any{"agreements": oneAnswer("feeling", "frozen", ahead)}))
		if !strings.Contains(said, "later than now") {
			t.Errorf("restoring a file dated %s: dialog said %q; want it to say its time is later than now", ahead, said)
		}
		r.answer("Restore your answers", "merge")
		r.waitFor(`document.querySelector('#ws-agreements [data-field="feeling"] input').value === "frozen"`, "the file's answer")
		r.sticks("feeling", "later "+ahead[:4], "after restoring a file dated "+ahead)
	}

	// A time that is not a date and time refuses the file.
	before := r.stored()
	for _, bad := range []string{"zzzz", "2026-12-04", "9999999"} {
		said := r.restoreFile(backupOf(map[string]any{"agreements": oneAnswer("feeling", "frozen", bad)}))
		if !strings.Contains(said, "can't be used") || !strings.Contains(said, "not a date") || !strings.Contains(said, "Nothing was changed") {
			t.Errorf("a file with the time %q: dialog said %q; want it refused, saying the time is not a date", bad, said)
		}
		r.answer("This file can't be used", "ok")
		same(t, "storage after a file with the time "+bad, r.stored(), before)
	}

	// A record saved here earlier with a time far ahead (by an older copy
	// of the page) doesn't freeze the answer either.
	eval[bool](r, `(localStorage.setItem("`+mine+`agreements", JSON.stringify({schema: 1, updated: "9999-01-01T00:00:00.000Z",
		fields: {feeling: {value: "stuck", updated: "9999-01-01T00:00:00.000Z", label: "One word"}, spoken: {value: "odd", updated: "zzzz", label: "Said"}}})), true)`)
	r.reload()
	r.sticks("feeling", "free", "a stored time of 9999")
	eval[bool](r, `(document.querySelector('#ws-agreements textarea').value = "", true)`)
	r.do(chromedp.SendKeys(field("spoken", "textarea"), "fine"))
	r.waitFor(`localStorage.getItem("`+mine+`agreements").includes("fine")`, "the edit of a field stored with the time zzzz")
	time.Sleep(time.Second)
	if got := r.answersShown("agreements")["spoken"]; got != "fine" {
		t.Errorf("a field stored with the time zzzz: shows %q after the edit, want %q", got, "fine")
	}
}

// side is one answer to "feeling" on the device or in the file: a value
// saved hours ago (an emptied answer is ""), or none at all when nil.
type side struct {
	value string
	hours int
}

func testMergeRows(t *testing.T, b *browsertest.Tab) {
	at := func(hours int) string { return time.Now().Add(-time.Duration(hours) * time.Hour).UTC().Format(time.RFC3339) }
	rows := []struct {
		name         string
		device, file *side
		says, result string
	}{
		{"only in the file", nil, &side{"theirs", 2}, "Merge adds 1 answer you don't have here", "theirs"},
		{"cleared here, answered later in the file", &side{"", 3}, &side{"theirs", 2}, "brings back 1 answer you had cleared", "theirs"},
		{"answered in the file, cleared here later", &side{"", 2}, &side{"theirs", 3}, "keeps 1 answer you cleared here later than the file's (it stays empty)", ""},
		{"both answered, the file's later", &side{"mine", 3}, &side{"theirs", 2}, "takes 1 answer from the file, written there later", "theirs"},
		{"both answered, this device's later", &side{"mine", 2}, &side{"theirs", 3}, "keeps 1 answer written here later than the file's", "mine"},
		{"answered here, cleared later in the file", &side{"mine", 3}, &side{"", 2}, "empties 1 answer, cleared in the file later than written here", ""},
		{"cleared in the file, answered here later", &side{"mine", 2}, &side{"", 3}, "keeps 1 answer written here later than the file's", "mine"},
		{"the same answer in both", &side{"mine", 3}, &side{"mine", 2}, "Merge changes nothing", "mine"},
		{"only on this device", &side{"mine", 3}, nil, "Merge changes nothing", "mine"},
		{"empty in both", &side{"", 3}, &side{"", 2}, "Merge changes nothing", ""},
	}
	r := newReader(t, b, publish(t, v1))
	r.open(chapter)
	for _, row := range rows {
		key := mine + "agreements"
		if row.device == nil {
			eval[bool](r, fmt.Sprintf(`(localStorage.removeItem(%q), true)`, key))
		} else {
			rec, _ := json.Marshal(oneAnswer("feeling", row.device.value, at(row.device.hours)))
			eval[bool](r, fmt.Sprintf(`(localStorage.setItem(%q, %q), true)`, key, rec))
		}
		r.reload()
		file := map[string]any{"agreements": map[string]any{"schema": 1, "fields": map[string]any{}}}
		if row.file != nil {
			file["agreements"] = oneAnswer("feeling", row.file.value, at(row.file.hours))
		}
		said := r.restoreFile(backupOf(file))
		if !strings.Contains(said, row.says) {
			t.Errorf("%s: dialog said %q; want %q", row.name, said, row.says)
		}
		r.answer("Restore your answers", "merge")
		r.waitFor(`document.querySelector("#ws-agreements [data-ws-status]").textContent.includes("merged")`, row.name+": the restore to finish")
		if got := r.answersShown("agreements")["feeling"]; got != row.result {
			t.Errorf("%s: after merging, feeling shows %q, want %q", row.name, got, row.result)
		}
		r.reload()
		if got := r.answersShown("agreements")["feeling"]; got != row.result {
			t.Errorf("%s: after merging and a reload, feeling shows %q, want %q", row.name, got, row.result)
		}
	}

	// "Clear this answer" on a choice is an emptied answer like any other.
	eval[bool](r, `(localStorage.clear(), true)`)
	r.reload()
	r.do(chromedp.Click(chromedp.CSS(`#ws-agreements [data-field="aware"] input[value="Some"]`)))
	r.do(chromedp.Click(chromedp.CSS(`#ws-agreements [data-field="aware"] [data-clear-field]`)))
	r.waitFor(`localStorage.getItem("`+mine+`agreements")`, "the cleared answer to be saved")
	said := r.restoreFile(backupOf(map[string]any{"agreements": oneAnswer("aware", "Yes", at(1))}))
	if !strings.Contains(said, "keeps 1 answer you cleared here") || strings.Contains(said, "adds 1 answer") {
		t.Errorf("after Clear this answer: dialog said %q; want it to say the cleared answer stays empty", said)
	}
	r.answer("Restore your answers", "merge")
	r.waitFor(`document.querySelector("#ws-agreements [data-ws-status]").textContent.includes("merged")`, "the restore to finish")
	if got := r.answersShown("agreements")["aware"]; got != "" {
		t.Errorf("after Clear this answer and a merge: aware shows %q, want it empty as the dialog said", got)
	}
}

// failWrites makes writes of keys holding the text in window.failWrites
// fail as a full disk does, once the page set it.
const failWrites = `const set = Storage.prototype.setItem;
Storage.prototype.setItem = function (k, v) {
  if (window.failWrites && String(k).includes(window.failWrites)) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
  return set.call(this, k, v);
};`

func testNoRoom(t *testing.T, b *browsertest.Tab) {
	r := newReader(t, b, publish(t, v1), failWrites)
	r.open(chapter)
	fill(r)
	r.do(chromedp.SendKeys(chromedp.CSS(`#ws-after input`), "kept"))
	r.waitStored("agreements", 7)
	r.waitFor(`localStorage.getItem("`+mine+`after")`, "the second worksheet's answer to be saved")
	before := r.stored()
	refused := func(what, says string, data any, mode string) {
		t.Helper()
		said := r.restoreFile(data)
		if mode != "" {
			r.do(chromedp.Click(chromedp.CSS(fmt.Sprintf(`dialog[open] button[data-choice="%s"]`, mode))))
			r.waitFor(`(document.querySelector("dialog[open]") || {textContent: ""}).textContent.includes("not restored")`, what+": the answer to the restore")
			said = r.text("dialog[open]")
		}
		if !strings.Contains(said, says) || !strings.Contains(said, "Nothing was changed") {
			t.Errorf("%s: dialog said %q; want %q and \"Nothing was changed\"", what, said, says)
		}
		r.waitFor(`document.querySelector('dialog[open] button[data-choice="ok"]')`, what+": a refusal to acknowledge")
		r.do(chromedp.Click(chromedp.CSS(`dialog[open] button[data-choice="ok"]`)))
		r.waitFor(`!document.querySelector("dialog")`, what+": the dialog to close")
		same(t, what+": storage", r.stored(), before)
		same(t, what+": answers shown", r.answersShown("agreements"), filled)
		if st := r.text(ws + " [data-ws-status]"); strings.Contains(st, "merged") || strings.Contains(st, "match the file") {
			t.Errorf("%s: the status says %q after a restore that changed nothing", what, st)
		}
	}
	// A 12 MB file is refused before it is read.
	big := oneAnswer("spoken", strings.Repeat("a long evening, ", 12<<20/16), time.Now().UTC().Format(time.RFC3339))
	refused("a 12 MB file", "more than any backup", backupOf(map[string]any{"agreements": big}), "")

	// A file that fits as a file but not in what is left of storage.
	eval[bool](r, `(localStorage.setItem("someone-else", "x".repeat(4500000)), true)`)
	one := oneAnswer("spoken", strings.Repeat("a long evening, ", 1<<20/16), time.Now().UTC().Format(time.RFC3339))
	for _, mode := range []string{"merge", "replace"} {
		refused("a 1 MB file with 4.5 MB used ("+mode+")", "only about", backupOf(map[string]any{"agreements": one, "after": oneAnswer("note", "new", time.Now().UTC().Format(time.RFC3339))}), mode)
	}
	eval[bool](r, `(localStorage.removeItem("someone-else"), true)`)

	// Storage that fills up part way: what was written is taken back,
	// and Replace has removed nothing.
	eval[bool](r, `(window.failWrites = ":after", true)`)
	small := backupOf(map[string]any{"agreements": oneAnswer("feeling", "restored", time.Now().UTC().Format(time.RFC3339)), "after": oneAnswer("note", "new", time.Now().UTC().Format(time.RFC3339))})
	for _, mode := range []string{"merge", "replace"} {
		refused("storage full part way ("+mode+")", "filled up", small, mode)
	}
	eval[bool](r, `(window.failWrites = "", true)`)
	r.restoreFile(small)
	r.answer("Restore your answers", "replace")
	r.waitFor(`document.querySelector('#ws-agreements [data-field="feeling"] input').value === "restored"`, "the restore once there is room")
}

func testInsane(t *testing.T, b *browsertest.Tab) {
	r := newReader(t, b, publish(t, v1))
	r.open(chapter)
	r.do(chromedp.SendKeys(field("feeling", "input"), "mine"))
	r.waitStored("agreements", 1)
	before := r.stored()
	now := time.Now().UTC().Format(time.RFC3339)
	junk := map[string]string{}
	for i := range 50000 {
		junk[fmt.Sprintf("/junk-%d/", i)] = now
	}
	entries := map[string]any{}
	for i := range 20000 {
		entries[fmt.Sprintf("e%d", i)] = map[string]any{"saved": now, "fields": map[string]any{"notes": map[string]any{"value": "x"}}}
	}
	journal := map[string]any{"schema": 2, "updated": now, "fields": map[string]any{}, "entries": entries}
	withVersion := func(v any) map[string]any { f := backupOf(map[string]any{}); f["version"] = v; return f }
	withRead := backupOf(map[string]any{})
	withRead["read"] = junk
	for _, c := range []struct {
		what string
		file any
		says string
	}{
		{"50,000 junk read marks", withRead, "holds 50,000 chapters marked read, more than this book keeps (at most 10,000)"},
		{"20,000 journal entries", backupOf(map[string]any{"week": journal}), `holds 20,000 journal entries in "week"`},
		{`version "1"`, withVersion("1"), `version is written as text ("1") where this book writes a number`},
		{"version 1.5", withVersion(1.5), "no version this book knows (1.5)"},
		{"version 99", withVersion(99), "made by a newer version"},
	} {
		start := time.Now()
		said := r.restoreFile(c.file)
		if !strings.Contains(said, c.says) || !strings.Contains(said, "Nothing was changed") {
			t.Errorf("%s: dialog said %q; want %q and \"Nothing was changed\"", c.what, said, c.says)
		}
		if d := time.Since(start); d > 3*time.Second {
			t.Errorf("%s: took %v to refuse; want under 3 s", c.what, d)
		}
		r.waitFor(`document.querySelector('dialog[open] button[data-choice="ok"]')`, c.what+": a refusal to acknowledge")
		r.answer("This file can't be used", "ok")
		same(t, c.what+": storage", r.stored(), before)
	}

	// Read marks are kept for this book's chapters only; the others are
	// left out, and the dialog says so.
	f := backupOf(map[string]any{})
	f["read"] = map[string]string{"/plain/": now, "/nowhere/": now, "javascript:alert(1)": now}
	said := r.restoreFile(f)
	if !strings.Contains(said, "2 pages marked read in the file are not a chapter of this book now, and are left out") {
		t.Errorf("read marks of other pages: dialog said %q; want it to say 2 are left out", said)
	}
	r.answer("Restore your answers", "merge")
	r.waitFor(`localStorage.getItem("`+mine+`read:/plain/")`, "the chapter's read mark")
	for k := range r.stored() {
		if strings.Contains(k, "nowhere") || strings.Contains(k, "javascript") {
			t.Errorf("a read mark of a page that is not a chapter was saved: %s", k)
		}
	}
}

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
	one.do(chromedp.Click(chromedp.CSS(ws + ` [data-field="spoken"] [data-put-back]`)))
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

func testRestoreLocked(t *testing.T, b *browsertest.Tab) {
	r := newReader(t, b, publish(t, v1), failWrites)
	r.open(chapter)
	r.do(chromedp.SendKeys(field("feeling", "input"), "mine"))
	r.waitStored("agreements", 1)
	r.setLock(pass)
	r.unlock(pass)
	r.restoreFile(backupOf(map[string]any{"agreements": oneAnswer("feeling", "frozen", "9999-01-01T00:00:00.000Z")}))
	r.answer("Restore your answers", "merge")
	r.waitFor(`document.querySelector('#ws-agreements [data-field="feeling"] input').value === "frozen"`, "the file's answer")
	r.retype("feeling", "later")
	time.Sleep(1500 * time.Millisecond)
	if got := r.answersShown("agreements")["feeling"]; got != "later" {
		t.Errorf("a locked reader's edit after restoring a file dated 9999: shows %q, want %q", got, "later")
	}

	// Sealed records are written all or none.
	eval[bool](r, `(window.failWrites = ":after", true)`)
	before := r.stored()
	r.restoreFile(backupOf(map[string]any{"agreements": oneAnswer("feeling", "restored", time.Now().UTC().Format(time.RFC3339)), "after": oneAnswer("note", "new", time.Now().UTC().Format(time.RFC3339))}))
	r.do(chromedp.Click(chromedp.CSS(`dialog[open] button[data-choice="replace"]`)))
	r.waitFor(`(document.querySelector("dialog[open]") || {textContent: ""}).textContent.includes("filled up")`, "the restore to be refused")
	r.do(chromedp.Click(chromedp.CSS(`dialog[open] button[data-choice="ok"]`)))
	r.waitFor(`!document.querySelector("dialog")`, "the dialog to close")
	same(t, "a locked reader's storage after a restore that didn't fit", r.stored(), before)
	eval[bool](r, `(window.failWrites = "", true)`)
	r.reload()
	r.unlock(pass)
	if got := r.answersShown("agreements")["feeling"]; got != "later" {
		t.Errorf("a locked reader after a refused restore and a reload: feeling shows %q, want %q", got, "later")
	}
}

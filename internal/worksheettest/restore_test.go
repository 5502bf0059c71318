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

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
	t.Run("a file at the limits restores in seconds", func(t *testing.T) { testAtLimits(t, b) })
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
	at := func(hours int) string {
		return time.Now().Add(-time.Duration(hours) * time.Hour).UTC().Format(time.RFC3339)
	}
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
	r.do(browsertest.Tap(chromedp.CSS(`#ws-agreements [data-field="aware"] input[value="Some"]`)))
	r.do(browsertest.Tap(chromedp.CSS(`#ws-agreements [data-field="aware"] [data-clear-field]`)))
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

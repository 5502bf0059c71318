package worksheettest

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/workbook-press/workbook/internal/browsertest"
)

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
			r.do(browsertest.Press(mode))
			// Reading and checking a file of megabytes takes seconds on a busy machine.
			r.waitUpTo(browsertest.Scaled(20*time.Second), `(document.querySelector("dialog[open]") || {textContent: ""}).textContent.includes("not restored")`, what+": the answer to the restore")
			said = r.text("dialog[open]")
		}
		if !strings.Contains(said, says) || !strings.Contains(said, "Nothing was changed") {
			t.Errorf("%s: dialog said %q; want %q and \"Nothing was changed\"", what, said, says)
		}
		r.waitFor(`document.querySelector('dialog[open] button[data-choice="ok"]')`, what+": a refusal to acknowledge")
		r.do(browsertest.Press("ok"))
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
	// The file's answers must be the later ones, or a merge keeps the
	// short answers typed here, which fit (see stamp).
	one := oneAnswer("spoken", strings.Repeat("a long evening, ", 1<<20/16), stamp())
	for _, mode := range []string{"merge", "replace"} {
		refused("a 1 MB file with 4.5 MB used ("+mode+")", "only about", backupOf(map[string]any{"agreements": one, "after": oneAnswer("note", "new", stamp())}), mode)
	}
	eval[bool](r, `(localStorage.removeItem("someone-else"), true)`)

	// Storage that fills up part way: what was written is taken back,
	// and Replace has removed nothing.
	eval[bool](r, `(window.failWrites = ":after", true)`)
	small := backupOf(map[string]any{"agreements": oneAnswer("feeling", "restored", stamp()), "after": oneAnswer("note", "new", stamp())})
	for _, mode := range []string{"merge", "replace"} {
		refused("storage full part way ("+mode+")", "filled up", small, mode)
	}
	eval[bool](r, `(window.failWrites = "", true)`)
	r.restoreFile(small)
	r.answer("Restore your answers", "replace")
	r.waitFor(`document.querySelector('#ws-agreements [data-field="feeling"] input').value === "restored"`, "the restore once there is room")
}

// stamp is the time of a file's answer that is later than every answer
// typed before it: to the millisecond, as the page writes times. To the
// second, a file's answer lost a merge to one typed in the same second.
func stamp() string { return time.Now().UTC().Format("2006-01-02T15:04:05.000Z07:00") }

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
		if d, limit := time.Since(start), browsertest.Scaled(3*time.Second); d > limit {
			t.Errorf("%s: took %v to refuse; want under 3 s on an idle machine (%v at this load)", c.what, d, limit)
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
	r.do(browsertest.Press("replace"))
	r.waitFor(`(document.querySelector("dialog[open]") || {textContent: ""}).textContent.includes("filled up")`, "the restore to be refused")
	r.do(browsertest.Press("ok"))
	r.waitFor(`!document.querySelector("dialog")`, "the dialog to close")
	same(t, "a locked reader's storage after a restore that didn't fit", r.stored(), before)
	eval[bool](r, `(window.failWrites = "", true)`)
	r.reload()
	r.unlock(pass)
	if got := r.answersShown("agreements")["feeling"]; got != "later" {
		t.Errorf("a locked reader after a refused restore and a reload: feeling shows %q, want %q", got, "later")
	}
}

func testAtLimits(t *testing.T, b *browsertest.Tab) {
	r := newReader(t, b, publish(t, v1))
	r.open(chapter)
	now := time.Now().UTC().Format(time.RFC3339)
	entries := map[string]any{}
	for i := range 5000 {
		entries[fmt.Sprintf("e%d", i)] = map[string]any{"saved": now, "fields": map[string]any{"notes": map[string]any{"value": "a quiet week"}}}
	}
	sheets := map[string]any{"week": map[string]any{"schema": 2, "updated": now, "fields": map[string]any{}, "entries": entries}}
	for i := range 999 {
		sheets[fmt.Sprintf("sheet-%d", i)] = oneAnswer("note", "kept", now)
	}
	f := backupOf(sheets)
	read := map[string]string{}
	for i := range 10000 {
		read[fmt.Sprintf("/chapter-%d/", i)] = now
	}
	f["read"] = read
	start := time.Now()
	r.restoreFile(f)
	r.do(browsertest.Press("merge"))
	r.waitUpTo(20*time.Second, `document.querySelector("#ws-agreements [data-ws-status]").textContent.includes("merged")`, "the restore to finish")
	took := time.Since(start)
	t.Logf("a file with 5,000 journal entries, 1,000 worksheets and 10,000 read marks: asked and restored in %v", took.Round(10*time.Millisecond))
	if took > 5*time.Second {
		t.Errorf("restoring a file at the limits took %v; want under 5 s", took)
	}
	if n := eval[int](r, `Object.keys(JSON.parse(localStorage.getItem("`+mine+`week")).entries).length`); n != 5000 {
		t.Errorf("after restoring 5,000 journal entries, %d are saved", n)
	}
}

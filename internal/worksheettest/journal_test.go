package worksheettest

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/workbook-press/workbook/internal/browsertest"
)

// journalChapter holds a worksheet with repeat: true, filled in week by week.
const journalChapter = `---
title: Week by week
worksheets:
  - id: week
    title: My weekly journal
    repeat: true
    fields:
      - {id: day, type: date, label: "The week of"}
      - {id: trust, type: scale, label: "How much do I trust today?", min: 0, max: 10}
      - {id: done, type: checklist, label: "This week I", options: ["kept my word", "asked first", "rested"]}
      - {id: people, type: list, label: "Who helped", min: 2}
      - {id: notes, type: textarea, label: "What moved it"}
---

Write a little every week.

{{< worksheet week >}}
`

const (
	journal = "/journal/"
	wk      = "#ws-week"
)

// week is one journal entry as the reader writes it.
type week struct {
	day, trust, notes string
	done, people      []string
}

var (
	week1 = week{"2026-11-02", "3", "First week was hard.\nI checked the phone twice.", []string{"kept my word"}, []string{"Ana"}}
	week2 = week{"2026-11-09", "7", "Second week, calmer.", []string{"asked first", "rested"}, []string{"Sam", "Ana"}}
	week3 = week{"2026-11-16", "8", "Third week: a quiet walk.", nil, []string{"Leah"}}
)

func wkField(id, inner string) string {
	return fmt.Sprintf(`%s .field[data-field="%s"] %s`, wk, id, inner)
}

// write fills in the journal's questions the way a reader does.
func (r *reader) write(w week) {
	r.t.Helper()
	r.do(browsertest.Tap(chromedp.CSS(wkField("trust", fmt.Sprintf(`input[value="%s"]`, w.trust)))))
	for _, d := range w.done {
		r.do(browsertest.Tap(chromedp.CSS(wkField("done", fmt.Sprintf(`input[value="%s"]`, d)))))
	}
	for i, p := range w.people {
		r.do(chromedp.SendKeys(chromedp.CSS(wkField("people", fmt.Sprintf(".list-entry:nth-child(%d) :is(textarea, input)", i+1))), p))
	}
	r.do(chromedp.SendKeys(chromedp.CSS(wkField("notes", "textarea")), w.notes))
	eval[bool](r, fmt.Sprintf(`(() => { const d = document.querySelector(%q);
	  d.value = %q; d.dispatchEvent(new Event("input", {bubbles: true})); d.dispatchEvent(new Event("change", {bubbles: true})); return true; })()`,
		wkField("day", "input"), w.day))
}

// shownEntry is an earlier entry as the page lists it.
type shownEntry struct {
	Title   string            `json:"title"`
	Answers map[string]string `json:"answers"` // question -> answer, list items joined with "|"
}

// entries reads the journal's earlier entries, top to bottom.
func (r *reader) entries() []shownEntry {
	r.t.Helper()
	return eval[[]shownEntry](r, `[...document.querySelectorAll("#ws-week [data-ws-entries]:not([hidden]) .ws-entry")].map(li => {
  const answers = {};
  for (const dt of li.querySelectorAll("dt")) {
    const dd = dt.nextElementSibling, items = [...dd.querySelectorAll("li")];
    answers[dt.textContent] = items.length ? items.map(i => i.textContent).join("|") : dd.textContent;
  }
  return {title: li.querySelector("h4").textContent, answers};
})`)
}

// summary is how an entry of w reads in the list.
func (w week) summary() map[string]string {
	out := map[string]string{
		"The week of":                map[string]string{"2026-11-02": "November 2, 2026", "2026-11-09": "November 9, 2026", "2026-11-16": "November 16, 2026"}[w.day],
		"How much do I trust today?": w.trust + " of 10",
		"Who helped":                 strings.Join(w.people, "|"),
		"What moved it":              w.notes,
	}
	if len(w.done) > 0 {
		out["This week I"] = strings.Join(w.done, "|")
	}
	return out
}

func (r *reader) saveEntry() {
	r.t.Helper()
	n := eval[int](r, `document.querySelectorAll("#ws-week .ws-entry").length`)
	r.do(browsertest.Tap(chromedp.CSS(wk + " [data-save-entry]")))
	r.waitFor(fmt.Sprintf(`document.querySelectorAll("#ws-week .ws-entry").length === %d`, n+1), "the entry to be listed")
}

func checkEntries(t *testing.T, r *reader, what string, want ...week) {
	t.Helper()
	got := r.entries()
	if len(got) != len(want) {
		t.Fatalf("%s: %d entries listed, want %d: %v", what, len(got), len(want), got)
	}
	for i, w := range want {
		same(t, fmt.Sprintf("%s: entry %d", what, i+1), got[i].Answers, w.summary())
		if !strings.Contains(got[i].Title, "2026") {
			t.Errorf("%s: entry %d is headed %q; want the date it was saved, written out", what, i+1, got[i].Title)
		}
	}
}

var blankWeek = map[string]string{"day": "", "trust": "", "done": "", "people": "", "notes": ""}

func testJournal(t *testing.T, b *browsertest.Tab) {
	r := newReader(t, b, publish(t, v1))
	r.open(journal)
	if !r.visible(wk+" [data-save-entry]") || r.visible(wk+" [data-ws-entries]") {
		t.Fatal("a journal with no entries: want the save button shown and no list of entries")
	}
	r.do(browsertest.Tap(chromedp.CSS(wk + " [data-save-entry]")))
	if got := r.text(wk + " [data-ws-status]"); !strings.Contains(got, "Nothing to save yet") {
		t.Errorf("saving an empty entry: status %q, want it to say there is nothing to save", got)
	}

	r.write(week1)
	r.saveEntry()
	if got := r.text(wk + " [data-ws-status]"); !strings.HasPrefix(got, "Entry saved: ") || !strings.Contains(got, "empty for your next one") {
		t.Errorf("status after saving: got %q, want it to announce the entry and the empty questions", got)
	}
	if got := eval[string](r, `document.activeElement.closest(".ws-entry") ? "entry:" + document.activeElement.tagName : document.activeElement.outerHTML.slice(0, 80)`); got != "entry:H4" {
		t.Errorf("after saving, the focus is on %s; want the new entry's heading", got)
	}
	same(t, "the questions after saving an entry", r.answersShown("week"), blankWeek)
	r.write(week2)
	r.saveEntry()

	r.reload()
	checkEntries(t, r, "after a reload", week2, week1)
	same(t, "the questions after a reload", r.answersShown("week"), blankWeek)
	if got := r.text(wk + " [data-ws-progress]"); got != "0 of 5 answered · 2 earlier entries" {
		t.Errorf("progress: got %q", got)
	}
	if n := eval[int](r, `document.querySelectorAll("#ws-week [data-ws-entries] input, #ws-week [data-ws-entries] textarea").length`); n != 0 {
		t.Errorf("earlier entries should be read-only; found %d controls", n)
	}

	// A draft counts too: typing after the entries keeps them and the draft.
	r.do(chromedp.SendKeys(chromedp.CSS(wkField("notes", "textarea")), "half a thought"))
	r.waitFor(`(localStorage.getItem("`+mine+`week") || "").includes("half a thought")`, "the draft to be saved")
	r.open("/")
	if got := r.text(`[data-chapter="/journal/"] .progress`); !strings.HasSuffix(got, "Worksheet started · 2 journal entries") {
		t.Errorf("home page progress of the journal: got %q", got)
	}
	r.open(journal)
	if got := r.answersShown("week")["notes"]; got != "half a thought" {
		t.Errorf("the draft after leaving and coming back: got %q", got)
	}

	// Delete the older entry: Cancel keeps it, Delete removes it for good.
	del := wk + ` .ws-entry:nth-child(2) [data-delete-entry]`
	r.do(browsertest.Tap(chromedp.CSS(del)))
	r.answer("Delete this entry?", "cancel")
	checkEntries(t, r, "after Cancel", week2, week1)
	r.do(browsertest.Tap(chromedp.CSS(del)))
	r.answer("Delete this entry?", "delete")
	checkEntries(t, r, "after deleting the older entry", week2)
	if got := eval[string](r, `document.activeElement.closest(".ws-entry") ? document.activeElement.textContent : document.activeElement.outerHTML.slice(0, 80)`); got != r.entries()[0].Title {
		t.Errorf("after deleting, the focus is on %q; want the remaining entry's heading", got)
	}
	if got := r.text(wk + " [data-ws-status]"); got != "Entry deleted." {
		t.Errorf("status after deleting: got %q", got)
	}
	r.reload()
	checkEntries(t, r, "after deleting and a reload", week2)

	// Clearing the worksheet says it clears the entries too.
	r.more(wk + " [data-clear]")
	if said := r.answer("Clear this worksheet?", "clear"); !strings.Contains(said, "earlier entries (1 saved)") {
		t.Errorf("the clear dialog says %q; want it to say the entries go too", said)
	}
	r.reload()
	if n := len(r.entries()); n != 0 || r.answersShown("week")["notes"] != "" {
		t.Errorf("after clearing: %d entries and notes %q; want none", n, r.answersShown("week")["notes"])
	}
}

func testJournalTabs(t *testing.T, b *browsertest.Tab) {
	d := publish(t, v1)
	one, two := newReader(t, b, d), newReader(t, b, d)
	one.open(journal)
	two.open(journal)
	one.write(week1)
	one.saveEntry()
	two.waitFor(`document.querySelectorAll("#ws-week .ws-entry").length === 1`, "the first tab's entry in the second tab")
	two.write(week2)
	two.saveEntry()
	one.waitFor(`document.querySelectorAll("#ws-week .ws-entry").length === 2`, "the second tab's entry in the first tab")
	for _, r := range []*reader{one, two} {
		checkEntries(t, r, "both tabs", week2, week1)
	}
	two.do(browsertest.Tap(chromedp.CSS(wk + ` .ws-entry:nth-child(1) [data-delete-entry]`)))
	two.answer("Delete this entry?", "delete")
	one.waitFor(`document.querySelectorAll("#ws-week .ws-entry").length === 1`, "the deletion in the first tab")
	// The first tab still held the deleted entry: its next save must not bring it back.
	one.write(week3)
	one.saveEntry()
	two.waitFor(`document.querySelectorAll("#ws-week .ws-entry").length === 2`, "the third entry in the second tab")
	for _, r := range []*reader{one, two} {
		r.reload()
		checkEntries(t, r, "after a deletion in one tab and a save in the other", week3, week1)
	}
}

func testJournalBackup(t *testing.T, b *browsertest.Tab) {
	r := newReader(t, b, publish(t, v1))
	r.open(journal)
	r.write(week1)
	r.saveEntry()
	r.write(week2)
	r.saveEntry()
	r.do(chromedp.SendKeys(chromedp.CSS(wkField("notes", "textarea")), "a draft"))
	r.waitFor(`(localStorage.getItem("`+mine+`week") || "").includes("a draft")`, "the draft to be saved")
	// The chapter's read mark may land at any moment, so answers only are compared.
	before := r.stored()
	file := r.download(wk + " [data-download]")
	var rec struct {
		Schema  int                        `json:"schema"`
		Entries map[string]json.RawMessage `json:"entries"`
	}
	json.Unmarshal(file.Worksheets["week"], &rec)
	if file.Version != 2 || rec.Schema != 2 || len(rec.Entries) != 2 {
		t.Errorf("downloaded %s: version %d, the journal's schema %d with %d entries; want 2, 2 and 2", file.Name, file.Version, rec.Schema, len(rec.Entries))
	}
	r.more(wk + " [data-clear-all]")
	if said := r.answer("Clear all your answers?", "clear"); !strings.Contains(said, "journal entries included") {
		t.Errorf("the clear-all dialog says %q; want it to mention journal entries", said)
	}
	if n := len(r.entries()); n != 0 {
		t.Fatalf("after clear all, %d entries are still listed", n)
	}
	r.do(chromedp.SetUploadFiles(chromedp.CSS(wk+" [data-restore]"), []string{file.Path}))
	said := r.answer("Restore your answers", "merge")
	r.waitFor(`document.querySelector("#ws-week [data-ws-status]").textContent.includes("merged")`, "the restore to finish")
	if !strings.Contains(said, "holds 1 answer and 2 journal entries") || !strings.Contains(said, "Merge adds 1 answer and 2 journal entries") {
		t.Errorf("restore dialog: got %q; want it to count the 2 journal entries", said)
	}
	checkEntries(t, r, "after restoring", week2, week1)
	same(t, "saved answers after download, clear all, restore", answersOnly(r.stored()), answersOnly(before))
	if got := r.answersShown("week")["notes"]; got != "a draft" {
		t.Errorf("the draft after restoring: got %q", got)
	}
}

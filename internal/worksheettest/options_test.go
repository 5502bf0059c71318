package worksheettest

import (
	"maps"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/workbook-press/workbook/internal/browsertest"
)

// optionsV2 is the author's later edit of the options: the choice's
// "Some" reworded to "Partly" and the checklist's "Listen first" to
// "Listen before speaking" (both with was:), and "Write it down" removed.
var optionsV2 = edition{strings.NewReplacer(
	`options: ["Yes", "Some", "No", "Not sure"]`, `options: ["Yes", {label: "Partly", was: ["Some"]}, "No", "Not sure"]`,
	`options: ["Listen first", "Ask before assuming", "Write it down"]`, `options: [{label: "Listen before speaking", was: ["Listen first", "Listen"]}, "Ask before assuming"]`,
).Replace(chapterV1), plainV1, journalChapter}

func TestRenamedOptions(t *testing.T) {
	browsertest.Require(t)
	if optionsV2.agreements == chapterV1 {
		t.Fatal("the options of the fixture changed: optionsV2 edits nothing")
	}
	b := browsertest.New(t)
	d := publish(t, v1)
	r := newReader(t, b, d)
	r.open(chapter)
	fill(r)
	r.waitStored("agreements", 7)
	d.redeploy(t, optionsV2)
	r.reload()
	if n := eval[int](r, `document.querySelectorAll('#ws-agreements input[value="Partly"]').length`); n != 1 {
		t.Fatal("the new deployment was not served")
	}

	want := maps.Clone(filled)
	want["aware"] = "Partly"
	want["steps"] = "Listen before speaking"
	same(t, "answers after the author reworded two options and removed one", r.answersShown("agreements"), want)
	fields := fieldsOf(t, r.stored()[mine+"agreements"])
	if got := fields["aware"]; got != `"Partly"` {
		t.Errorf("stored choice: %s, want the reworded option \"Partly\"", got)
	}
	if got := fields["steps"]; got != `["Listen before speaking","Write it down"]` {
		t.Errorf("stored checklist: %s, want the reworded option and the removed one's tick", got)
	}

	if !r.visible(ws + " [data-ws-orphans]") {
		t.Fatal("the removed option's answer is not shown")
	}
	got := r.text(ws + " [data-ws-orphans]")
	if !strings.Contains(got, "Answers to questions no longer in this worksheet") || !strings.Contains(got, "This week I will") ||
		!strings.Contains(got, "Write it down") || strings.Contains(got, "Listen") || strings.Contains(got, "Some") {
		t.Errorf("orphaned answers box: got %q, want the checklist's question with only the removed option", got)
	}

	// A new tick keeps the removed option's answer until the reader clears it.
	r.do(browsertest.Tap(field("steps", `input[value="Ask before assuming"]`)))
	r.waitFor(`JSON.parse(localStorage.getItem("`+mine+`agreements")).fields.steps.value.length === 3`, "the new tick to be saved")
	if got := fieldsOf(t, r.stored()[mine+"agreements"])["steps"]; got != `["Listen before speaking","Ask before assuming","Write it down"]` {
		t.Errorf("stored checklist after a new tick: %s", got)
	}
	r.reload()
	if !r.visible(ws+" [data-ws-orphans]") || !strings.Contains(r.text(ws+" [data-ws-orphans]"), "Write it down") {
		t.Error("the removed option's answer is gone after a new tick and a reload")
	}
	r.do(browsertest.Tap(chromedp.CSS(ws + " [data-clear-orphans]")))
	r.reload()
	if r.visible(ws + " [data-ws-orphans]") {
		t.Error("a cleared removed option came back after a reload")
	}
	want["steps"] = "Listen before speaking|Ask before assuming"
	same(t, "answers after clearing the removed option", r.answersShown("agreements"), want)
	if got := fieldsOf(t, r.stored()[mine+"agreements"])["steps"]; got != `["Listen before speaking","Ask before assuming"]` {
		t.Errorf("stored checklist after clearing: %s", got)
	}
}

package printtest

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/workbook-press/workbook/internal/browsertest"
)

const journalWS = "#ws-weekly"

// journalWeek fills in the journal and saves it as an entry.
func journalWeek(t *testing.T, tab *browsertest.Tab, day, trust, notes string) {
	t.Helper()
	f := func(field string) string { return journalWS + " [data-field=" + field + "] " }
	paste(t, tab, f("day")+"input", day)
	paste(t, tab, f("notes")+"textarea", notes)
	radio := f("trust") + fmt.Sprintf(`input[value="%s"]`, trust)
	run(t, tab, browsertest.Tap(radio))
	waitFor(t, tab, fmt.Sprintf(`document.querySelector(%q).checked`, radio))
	n := eval[int](t, tab, `document.querySelectorAll("#ws-weekly .ws-entry").length`)
	run(t, tab, browsertest.Tap(journalWS+" [data-save-entry]"))
	waitFor(t, tab, fmt.Sprintf(`document.querySelectorAll("#ws-weekly .ws-entry").length === %d`, n+1))
}

func waitFor(t *testing.T, tab *browsertest.Tab, js string) {
	t.Helper()
	for deadline := time.Now().Add(5 * time.Second); !eval[bool](t, tab, js); time.Sleep(50 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("waited 5s for %s", js)
		}
	}
}

// TestJournalPrintsEveryEntry prints a journal (repeat: true) with its
// answers: the entry being written, then every earlier entry with its date;
// blank, none of them; and the booklet likewise.
func TestJournalPrintsEveryEntry(t *testing.T) {
	RequirePdftotext(t)
	base := Serve(t, "testdata/book")
	paper := Papers[0]
	tab := newTab(t)
	run(t, tab, chromedp.Navigate(base+"/week-by-week/"), chromedp.WaitVisible(journalWS+" [data-save-entry]"))
	waitFor(t, tab, `document.querySelector("`+journalWS+`.ws-live") && document.readyState === "complete"`) // started, its saved state read
	journalWeek(t, tab, "2026-11-02", "3", "Firstweek the station call helped.")
	journalWeek(t, tab, "2026-11-09", "7", "Secondweek a walk by the river.")
	paste(t, tab, journalWS+" [data-field=notes] textarea", "Draftweek still writing this one.")
	waitSaved(t, tab, "Draftweek")
	saved := eval[[]string](t, tab, `[...document.querySelectorAll("#ws-weekly .ws-entry h4")].map(h => h.textContent)`)

	run(t, tab, browsertest.Tap(journalWS+" [data-print=answers]"))
	text := squeeze(Print(t, tab, paper, "journal-answers").Text(t))
	for _, want := range append([]string{"Draftweek still writing this one.", "Secondweek a walk by the river.", "Firstweek the station call helped.",
		"November 2, 2026", "November 9, 2026", "7 of 10", "3 of 10", "What moved it this week", "Earlier entries"}, saved...) {
		if !strings.Contains(text, squeeze(want)) {
			t.Errorf("journal with answers: %q is not on paper", want)
		}
	}
	if d, s, f := strings.Index(text, "DRAFTWEEK"), strings.Index(text, "SECONDWEEK"), strings.Index(text, "FIRSTWEEK"); !(d < s && s < f) {
		t.Errorf("journal with answers: the draft, the newer and the older entry print at %d, %d, %d; want them in that order", d, s, f)
	}
	for _, s := range []string{"SAVETHISENTRY", "DELETETHISENTRY"} {
		if strings.Contains(text, s) {
			t.Errorf("journal with answers: the button %q reached paper", s)
		}
	}

	run(t, tab, browsertest.Tap(journalWS+" [data-print=blank]"))
	blank := squeeze(Print(t, tab, paper, "journal-blank").Text(t))
	for _, s := range []string{"DRAFTWEEK", "FIRSTWEEK", "SECONDWEEK", "EARLIERENTRIES"} {
		if strings.Contains(blank, s) {
			t.Errorf("journal printed blank: %q is on paper", s)
		}
	}

	// Nothing being written: with answers prints the entries alone.
	paste(t, tab, journalWS+" [data-field=notes] textarea", "")
	run(t, tab, browsertest.Tap(journalWS+" [data-print=answers]"))
	entriesOnly := Print(t, tab, paper, "journal-entries-only").Text(t)
	if !strings.Contains(squeeze(entriesOnly), "SECONDWEEK") || strings.Count(entriesOnly, "What moved it this week") != 2 {
		t.Errorf("journal with no entry being written: want the two entries alone (the question twice); got\n%s", entriesOnly)
	}

	run(t, tab, chromedp.Navigate(base+"/print/"), chromedp.WaitVisible("[data-print=booklet]"))
	run(t, tab, browsertest.Tap("[data-print=booklet]"))
	if strings.Contains(squeeze(Print(t, tab, paper, "journal-booklet-blank").Text(t)), "FIRSTWEEK") {
		t.Error("blank booklet: a journal entry is on paper")
	}
	run(t, tab, browsertest.Tap("#print-fill"), browsertest.Tap("[data-print=booklet]"))
	booklet := squeeze(Print(t, tab, paper, "journal-booklet-answers").Text(t))
	for _, want := range []string{"FIRSTWEEK", "SECONDWEEK", "7OF10"} {
		if !strings.Contains(booklet, want) {
			t.Errorf("booklet with saved answers: %q is not on paper", want)
		}
	}
}

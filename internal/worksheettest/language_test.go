package worksheettest

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/chromedp/chromedp"

	"github.com/workbook-press/workbook"
	"github.com/workbook-press/workbook/internal/browsertest"
	"github.com/workbook-press/workbook/internal/i18n"
)

// germanBook is a small book written in German, with a worksheet of every
// kind and a journal, so that any English on its pages is the theme's.
func germanBook(lang string) fstest.MapFS {
	return fstest.MapFS{
		"content/_index.md": {Data: []byte("---\nid: " + bookID + "\ntitle: Ein Buch der kleinen Übungen\nlanguage: " + lang + "\n---\n\nWillkommen. Schreib beim Lesen.\n")},
		"content/01-absprachen.md": {Data: []byte(`---
title: Absprachen
worksheets:
  - id: agreements
    title: Die unausgesprochenen Absprachen
    intro: Nimm dir zehn ruhige Minuten.
    minutes: 10
    example: Wir rufen an, wenn es später wird.
    fields:
      - {id: spoken, type: textarea, label: "Was wir ausgesprochen haben", help: "Schreib alles auf, was dir einfällt.", example: "Sonntags kochen wir zusammen."}
      - {id: unspoken, type: list, label: "Was ich angenommen habe", min: 2}
      - {id: aware, type: choice, label: "Weiß mein Gegenüber davon?", options: ["Ja", "Teilweise", "Nein"]}
      - {id: hurt, type: scale, label: "Wie sehr tut es noch weh?", min: 0, max: 10, low: "gar nicht", high: "sehr"}
      - {id: when, type: date, label: "Wann wir reden"}
---

## Vorher

Etwas Text vor dem Arbeitsblatt.

## Das Blatt

{{< worksheet agreements >}}

## Danach

Noch etwas Text.
`)},
		"content/02-tagebuch.md": {Data: []byte(`---
title: Woche für Woche
worksheets:
  - id: week
    title: Mein Wochentagebuch
    repeat: true
    fields:
      - {id: trust, type: scale, label: "Wie sehr vertraue ich heute?", min: 0, max: 10}
      - {id: notes, type: textarea, label: "Was mich bewegt hat"}
---

Schreib jede Woche ein wenig.

{{< worksheet week >}}
`)},
	}
}

// english lists the theme's English: each string of the English table
// whose version in lang differs, cut at its {placeholders} into pieces of at least
// four letters; the English names of days and months, which a date
// written the English way would show; and English's commonest small words,
// which a string written in a script but left out of the table would show.
func english(t *testing.T, lang string) []*regexp.Regexp {
	t.Helper()
	en, _, err := i18n.Load(workbook.Theme, nil, "en", "")
	if err != nil {
		t.Fatal(err)
	}
	de, _, err := i18n.Load(workbook.Theme, nil, lang, "") // the book's language
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, sec := range []string{i18n.Page, i18n.Script} {
		enSec, deSec := en.Section(sec), de.Section(sec)
		for key, v := range enSec {
			if fmt.Sprint(v) == fmt.Sprint(deSec[key]) {
				continue // the same in both, like "OK"
			}
			for _, text := range texts(v) {
				for _, piece := range regexp.MustCompile(`\{\w+\}`).Split(text, -1) {
					piece = strings.Trim(piece, " .,:;()\"“”?!")
					if len([]rune(piece)) >= 4 && regexp.MustCompile(`[A-Za-z]{2}`).MatchString(piece) {
						seen[piece] = true
					}
				}
			}
		}
	}
	// English's small words catch a sentence that never reached the table.
	for _, w := range strings.Fields("the of and your you is are this that with from not saved answered entry entries") {
		seen[w] = true
	}
	for _, w := range strings.Fields("Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April June July August September October November December") {
		seen[w] = true
	}
	// A piece the language's own table uses is a word of that language too
	// ("minutes" and "Date" are French as well).
	var own []string
	for _, sec := range []string{i18n.Page, i18n.Script} {
		for _, v := range de.Section(sec) {
			own = append(own, texts(v)...)
		}
	}
	ownText := strings.Join(own, "\n")
	var out []*regexp.Regexp
	for piece := range seen {
		re := regexp.MustCompile(`(^|[^\p{L}])` + regexp.QuoteMeta(piece) + `($|[^\p{L}])`)
		if !re.MatchString(ownText) {
			out = append(out, re)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].String() < out[j].String() })
	return out
}

func texts(v any) []string {
	if forms, ok := v.(map[string]string); ok {
		var out []string
		for _, s := range forms {
			out = append(out, s)
		}
		return out
	}
	return []string{fmt.Sprint(v)}
}

// pageWords is every word the page holds for the reader: its title, its
// text (hidden or not, scripts and styles left out), the names and hints of
// its controls, and its open dialogs.
const pageWords = `(() => {
  const out = [document.title];
  const w = document.createTreeWalker(document.documentElement, NodeFilter.SHOW_TEXT);
  while (w.nextNode()) {
    const p = w.currentNode.parentElement;
    if (p && p.tagName !== "SCRIPT" && p.tagName !== "STYLE") out.push(w.currentNode.data);
  }
  for (const el of document.querySelectorAll("[aria-label], [placeholder], [title], [alt]")) {
    for (const a of ["aria-label", "placeholder", "title", "alt"]) if (el.hasAttribute(a)) out.push(el.getAttribute(a));
  }
  return out.join("\n");
})()`

// noEnglish fails the test for every piece of the English table on the page.
func noEnglish(r *reader, where string, english []*regexp.Regexp) {
	r.t.Helper()
	words := eval[string](r, pageWords)
	for _, re := range english {
		if m := re.FindString(words); m != "" {
			i := re.FindStringIndex(words)[0]
			r.t.Errorf("%s: English %q on the page, in %q", where, strings.TrimSpace(m), words[max(0, i-40):min(len(words), i+60)])
		}
	}
}

// TestGermanBook: a book with language: de shows no string of the English
// table on any page, nor after anything a reader does that shows text; and
// likewise in French and Spanish. (The book's own text is German in all
// three: only the theme's words are under test.)
func TestGermanBook(t *testing.T) {
	browsertest.Require(t)
	b := browsertest.New(t)
	for _, lang := range []string{"de", "fr", "es"} {
		t.Run(lang, func(t *testing.T) { speaks(t, b, lang) })
	}
}

func speaks(t *testing.T, b *browsertest.Tab, lang string) {
	tab, _, err := i18n.Load(workbook.Theme, nil, lang, "")
	if err != nil {
		t.Fatal(err)
	}
	saved, _ := tab.T("saved")
	en := english(t, lang)
	if len(en) < 150 {
		t.Fatalf("got %d pieces of English to look for, want the whole table", len(en))
	}
	d := publishFS(t, germanBook(lang))
	r := newReader(t, b, d)
	for _, path := range []string{"/", "/absprachen/", "/tagebuch/", "/print/", "/print/book/", "/offline/", "/404.html"} {
		r.open(path)
		noEnglish(r, path, en)
		if got := eval[string](r, `document.documentElement.lang`); got != lang {
			t.Errorf("%s: lang %q, want %s", path, got, lang)
		}
	}

	// The neutral page "Leave quickly" opens.
	r.open("/")
	leave := eval[string](r, `document.querySelector("[data-leave]").dataset.fallback`)
	r.do(chromedp.Navigate(r.site.URL + leave))
	noEnglish(r, "the page Leave quickly opens", en)
	if got := eval[string](r, `document.documentElement.lang`); got != lang {
		t.Errorf("the page Leave quickly opens: lang %q, want %s", got, lang)
	}

	r.open("/absprachen/")
	r.do(chromedp.SendKeys(chromedp.CSS(`#ws-agreements textarea`), "Wir reden sonntags."))
	r.waitFor(`document.querySelector("#ws-agreements [data-ws-status]").textContent !== ""`, "the saved note")
	r.do(browsertest.Tap(chromedp.CSS(`#ws-agreements input[type=radio][value="Ja"]`)))
	noEnglish(r, "after typing", en)
	if got := r.text("#ws-agreements [data-ws-status]"); got != saved {
		t.Errorf("status after typing: got %q, want %q", got, saved)
	}

	r.do(browsertest.Tap(chromedp.CSS(`#ws-agreements .ws-more summary`)))
	noEnglish(r, "the More menu", en)
	r.do(browsertest.Tap(chromedp.CSS(`#ws-agreements [data-clear]`)))
	r.waitFor(`document.querySelector("dialog[open]")`, "the clear dialog")
	noEnglish(r, "the clear dialog", en)
	r.do(browsertest.Press("cancel"))
	r.waitFor(`!document.querySelector("dialog")`, "the dialog to close")

	r.restoreFile(backupOf(map[string]any{"agreements": oneAnswer("spoken", "Aus der Datei", "2026-01-02T10:00:00.000Z")}))
	noEnglish(r, "the restore dialog", en)
	r.do(browsertest.Press("merge"))
	r.waitFor(`!document.querySelector("dialog")`, "the dialog to close")
	noEnglish(r, "after restoring", en)

	r.open("/tagebuch/")
	for i, v := range []string{"4", "7"} {
		r.do(browsertest.Tap(chromedp.CSS(`#ws-week input[type=radio][value="` + v + `"]`)))
		r.do(chromedp.SendKeys(chromedp.CSS(`#ws-week textarea`), "Eine ruhige Woche."))
		r.waitFor(`document.querySelector("#ws-week [data-ws-status]").textContent !== ""`, "the saved note")
		r.do(browsertest.Tap(chromedp.CSS(`#ws-week [data-save-entry]`)))
		r.waitFor(fmt.Sprintf(`document.querySelectorAll("#ws-week .ws-entry").length === %d`, i+1), "the entry to be listed")
	}
	noEnglish(r, "a journal with two entries and its chart", en)
	// Search, as the reader types in the box.
	eval[bool](r, `(() => { const i = document.querySelector("#search-q"); i.closest("form").hidden = false; i.value = "Woche"; i.dispatchEvent(new Event("input", { bubbles: true })); return true; })()`)
	r.waitFor(`document.querySelector("[data-search-status]").textContent !== ""`, "the search's results")
	noEnglish(r, "search results", en)
	eval[bool](r, `(() => { const i = document.querySelector("#search-q"); i.value = "zzzz"; i.dispatchEvent(new Event("input", { bubbles: true })); return true; })()`)
	r.waitFor(`document.querySelector("[data-search-status]").textContent.includes("zzzz")`, "the search's empty result")
	noEnglish(r, "search without results", en)
	r.do(chromedp.SendKeys(chromedp.CSS(`#ws-week textarea`), "Eine ruhige Woche."))
	r.waitFor(`document.querySelector("#ws-week [data-ws-status]").textContent !== ""`, "the saved note")
	r.do(browsertest.Tap(chromedp.CSS(`#ws-week [data-save-entry]`)))
	r.waitFor(`document.querySelectorAll("#ws-week .ws-entry").length === 3`, "the entry to be listed")
	noEnglish(r, "after saving a journal entry", en)
	r.do(browsertest.Tap(chromedp.CSS(`#ws-week [data-delete-entry]`)))
	r.waitFor(`document.querySelector("dialog[open]")`, "the delete dialog")
	noEnglish(r, "the delete dialog", en)
	r.do(browsertest.Press("cancel"))
	r.waitFor(`!document.querySelector("dialog")`, "the dialog to close")

	r.open("/")
	r.waitFor(`[...document.querySelectorAll(".progress")].some(p => !p.hidden)`, "the progress marks")
	noEnglish(r, "the contents with progress", en)
	r.do(browsertest.Tap(chromedp.CSS(`[data-answer-tools] [data-clear-all]`)))
	r.waitFor(`document.querySelector("dialog[open]")`, "the clear-all dialog")
	noEnglish(r, "the clear-all dialog", en)
	r.do(browsertest.Press("cancel"))

	// Two readers and a lock: "Who is writing?", adding someone, setting a
	// passphrase, the locked page and its unlock dialog.
	r.open("/absprachen/")
	r.who()
	noEnglish(r, "Who is writing?", en)
	r.do(browsertest.Tap(chromedp.CSS("[data-who-add]")))
	r.waitFor(`document.querySelector("dialog[open] input[name=them]")`, "the Add someone dialog")
	noEnglish(r, "the Add someone dialog", en)
	r.do(chromedp.SendKeys(chromedp.CSS("dialog[open] input[name=me]"), "Anna"), chromedp.SendKeys(chromedp.CSS("dialog[open] input[name=them]"), "Ben"),
		browsertest.Press("add"))
	r.waitFor(`document.querySelector("dialog[open] button[data-choice=ok]")`, "the dialog saying Ben was added")
	noEnglish(r, "Ben was added", en)
	r.do(browsertest.Press("ok"))
	r.waitFor(`!document.querySelector("dialog[open]")`, "the dialog to close")
	r.who()
	noEnglish(r, "Who is writing? with two readers", en)
	r.do(browsertest.Tap(chromedp.CSS("[data-who-lock]")))
	r.waitFor(`document.querySelector("dialog[open] input[name=again]")`, "the passphrase dialog")
	noEnglish(r, "the passphrase dialog", en)
	r.do(chromedp.SendKeys(chromedp.CSS("dialog[open] input[name=pass]"), "ein langes Passwort"), chromedp.SendKeys(chromedp.CSS("dialog[open] input[name=again]"), "ein langes Passwort"),
		browsertest.Press("set"))
	r.waitFor(`document.querySelector("dialog[open] button[data-choice=ok]")`, "the lock to be set")
	noEnglish(r, "the lock is set", en)
	r.reloaded(func() { r.do(browsertest.Press("ok")) })
	r.waitFor(`document.documentElement.classList.contains("answers-locked") || document.querySelector("dialog[open]")`, "the page to show the lock")
	noEnglish(r, "the locked page", en)

	full := newReader(t, b, publishFS(t, germanBook(lang)), quotaFull)
	full.open("/absprachen/")
	full.waitFor(`document.querySelector("#banner-storage")`, "the storage banner")
	noEnglish(full, "storage full", en)
}

package printtest

import (
	"fmt"
	"image"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/workbook-press/workbook/internal/browsertest"
)

const (
	bookTitle = "Mending Fences"
	sheet     = "What happened, in my words" // the worksheet of /looking-back/
)

// labels are the questions of that worksheet, in order.
var labels = []string{
	"What happened, as I remember it", "One word for how I feel now", "People I have talked to about it",
	"Did I tell my partner how I found out?", "What I need this week", "How much does it hurt today?",
	"When we will talk next",
}

// siteChrome is text of the site that must never reach paper.
var siteChrome = []string{
	"Skip to the text", "Contents", "Print with my answers", "Print blank", "Download my answers",
	"Restore from a file", "Clear this worksheet", "Clear this answer", "Add an entry", "Remove", "Saved on this device",
	"Your answers are saved only in this browser", "See an example", "answered", "Previous", "Next",
}

// noPrintDialog stands in for the browser's print dialog: the page's
// buttons call window.print(), and the test prints with PrintToPDF instead.
const noPrintDialog = `window.print = () => { window.__printed = (window.__printed || 0) + 1; };`

// newTab opens a fresh browser whose print dialog only counts its calls.
func newTab(t *testing.T) *browsertest.Tab {
	t.Helper()
	tab := browsertest.New(t)
	if _, err := chromedp.Call(tab.Ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: noPrintDialog}); err != nil {
		t.Fatal(err)
	}
	return tab
}

// longAnswer is a 3,000-character answer of distinct words in paragraphs,
// so a word missing from the paper is easy to name.
func longAnswer() string {
	var b strings.Builder
	for i := 1; b.Len() < 3000; i++ {
		w := fmt.Sprintf("memory%03d", i)
		switch {
		case i%40 == 0:
			w += ".\n\n"
		case i%9 == 0:
			w += ", "
		default:
			w += " "
		}
		b.WriteString(w)
	}
	return strings.TrimSpace(b.String()[:3000])
}

func run(t *testing.T, tab *browsertest.Tab, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(tab.Ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

func eval[T any](t *testing.T, tab *browsertest.Tab, js string) T {
	t.Helper()
	v, err := chromedp.Run(tab.Ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// paste puts text into a box the way pasting does: one input event.
func paste(t *testing.T, tab *browsertest.Tab, sel, text string) {
	t.Helper()
	js := fmt.Sprintf(`(() => { const el = document.querySelector(%q); el.focus(); el.value = %q;
		el.dispatchEvent(new Event("input", {bubbles: true})); el.dispatchEvent(new Event("change", {bubbles: true})); return true; })()`, sel, text)
	eval[bool](t, tab, js)
}

// answerWorksheet types answers into every field of the worksheet.
func answerWorksheet(t *testing.T, tab *browsertest.Tab, long string) {
	t.Helper()
	f := func(field string) string { return "#ws-what-happened [data-field=" + field + "] " }
	paste(t, tab, f("story")+"textarea", long)
	run(t, tab,
		chromedp.SendKeys(f("word")+"input", "Bruised"),
		chromedp.SendKeys(f("people")+"li:nth-child(1) textarea", "Sam from work"),
		chromedp.SendKeys(f("people")+"li:nth-child(2) textarea", "My sister Ana"),
		chromedp.SendKeys(f("people")+"li:nth-child(3) textarea", "Doctor Okafor"),
		browsertest.Tap(f("told")+`input[value="Partly"]`),
		browsertest.Tap(f("needs")+`input[value="A walk together"]`),
		browsertest.Tap(f("needs")+`input[value="Sleep"]`),
		browsertest.Tap(f("hurt")+`input[value="7"]`),
	)
	paste(t, tab, f("when")+"input", "2026-03-01")
}

// words returns the whitespace-separated words of s, punctuation trimmed.
func words(s string) map[string]bool {
	out := map[string]bool{}
	for _, w := range strings.Fields(s) {
		out[strings.Trim(w, ".,;:")] = true
	}
	return out
}

// checkPages checks the running head and the page number of every page:
// the book's title, the given title, and "n of total".
func checkPages(t *testing.T, pdf *PDF, title func(page int) string) {
	t.Helper()
	n := pdf.Pages(t)
	for i := 1; i <= n; i++ {
		text := pdf.Page(t, i)
		if want := title(i); want != "" && !strings.Contains(text, want) {
			t.Errorf("page %d: running head %q missing; got\n%s", i, want, text)
		}
		if !strings.Contains(squeeze(text), squeeze(bookTitle)) {
			t.Errorf("page %d: the book's title is not in the running head; got\n%s", i, text)
		}
		if want := fmt.Sprintf("%d of %d", i, n); !strings.Contains(text, want) {
			t.Errorf("page %d: page number %q missing; got\n%s", i, want, text)
		}
	}
}

func checkNoChrome(t *testing.T, what, text string) {
	t.Helper()
	for _, s := range siteChrome {
		if strings.Contains(text, s) {
			t.Errorf("%s: site text %q reached paper", what, s)
		}
	}
}

func waitSaved(t *testing.T, tab *browsertest.Tab, text string) {
	t.Helper()
	js := fmt.Sprintf(`Object.keys(localStorage).some(k => (localStorage.getItem(k) || "").includes(%q))`, text)
	for deadline := time.Now().Add(5 * time.Second); !eval[bool](t, tab, js); {
		if time.Now().After(deadline) {
			t.Fatalf("%q was never saved in localStorage", text)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func TestWorksheetPrintsWithAnswersAndBlank(t *testing.T) {
	RequirePdftotext(t)
	base := Serve(t, "testdata/book")
	long := longAnswer()
	for _, paper := range Papers {
		t.Run(paper.Name, func(t *testing.T) {
			tab := newTab(t)
			run(t, tab, chromedp.Navigate(base+"/looking-back/"), chromedp.WaitVisible("#ws-what-happened [data-print=answers]"))
			answerWorksheet(t, tab, long)

			run(t, tab, browsertest.Tap("#ws-what-happened [data-print=answers]"))
			if n := eval[int](t, tab, "window.__printed || 0"); n != 1 {
				t.Fatalf("Print with my answers: window.print called %d times, want 1", n)
			}
			marked := eval[string](t, tab, `[...document.querySelectorAll("#ws-what-happened .print-chosen")].map(l => l.textContent.trim()).join("|")`)
			if want := "Partly|A walk together|Sleep|7"; marked != want {
				t.Errorf("with answers: options marked for print %q, want %q", marked, want)
			}
			filled := Print(t, tab, paper, "worksheet-answers")
			checkAnswers(t, filled, long)

			run(t, tab, browsertest.Tap("#ws-what-happened [data-print=blank]"))
			blank := Print(t, tab, paper, "worksheet-blank")
			checkBlank(t, blank, long)
		})
	}
}

func checkAnswers(t *testing.T, pdf *PDF, long string) {
	t.Helper()
	text := pdf.Text(t)
	got := words(text)
	var missing []string
	for w := range words(long) {
		if !got[w] {
			missing = append(missing, w)
		}
	}
	if len(missing) > 0 {
		t.Errorf("with answers: %d words of the 3,000-character answer are not on paper, e.g. %v", len(missing), missing[:min(5, len(missing))])
	}
	for _, want := range append([]string{"Bruised", "Sam from work", "My sister Ana", "Doctor Okafor", "March 1, 2026"}, labels...) {
		if !strings.Contains(text, want) {
			t.Errorf("with answers: %q is not on paper", want)
		}
	}
	for _, chosen := range []string{"A walk together", "Sleep"} {
		if !strings.Contains(text, "✓"+chosen) && !strings.Contains(text, "✓ "+chosen) {
			t.Errorf("with answers: the checked option %q is not ticked on paper", chosen)
		}
	}
	if strings.Contains(text, "✓Time alone") || strings.Contains(text, "✓ Time alone") {
		t.Error("with answers: an option that was not checked is ticked")
	}
	if strings.Contains(text, "Some things are easier") {
		t.Error("with answers: the chapter's text printed with the worksheet; want the worksheet alone")
	}
	checkNoChrome(t, "with answers", text)
	checkPages(t, pdf, func(int) string { return sheet })
}

func checkBlank(t *testing.T, pdf *PDF, long string) {
	t.Helper()
	text := pdf.Text(t)
	got := words(text)
	for _, w := range []string{"memory001", "memory050", "Bruised", "Okafor", "2026"} {
		if got[w] {
			t.Errorf("blank: the answer word %q is on paper", w)
		}
	}
	for _, want := range labels {
		if !strings.Contains(text, want) {
			t.Errorf("blank: label %q is missing", want)
		}
	}
	if n := pdf.Pages(t); n != 1 {
		t.Errorf("blank: got %d pages, want the worksheet on 1 page", n)
	}
	checkNoChrome(t, "blank", text)
	checkPages(t, pdf, func(int) string { return sheet })
}

// bodyLines returns page n's lines without its running head and page number.
func bodyLines(t *testing.T, pdf *PDF, n int) []string {
	t.Helper()
	lines := pdf.Lines(t, n)
	var body []string
	for i, l := range lines {
		if i < 2 || strings.HasSuffix(l, fmt.Sprintf(" of %d", pdf.Pages(t))) {
			continue // the top-left and top-right boxes come first
		}
		body = append(body, l)
	}
	return body
}

// starts returns the pages whose text begins with a line starting with
// kicker followed by one of titles, and the title each begins with.
func starts(t *testing.T, pdf *PDF, kicker string, titles []string) (pages []int, got []string) {
	t.Helper()
	for p := 1; p <= pdf.Pages(t); p++ {
		body := bodyLines(t, pdf, p)
		if len(body) < 2 || !strings.HasPrefix(squeeze(body[0]), squeeze(kicker)) {
			continue
		}
		for _, title := range titles {
			if body[1] == title {
				pages, got = append(pages, p), append(got, title)
			}
		}
	}
	return pages, got
}

// squeeze drops spaces and case: pdftotext spells letter-spaced capitals
// "W O R K S H E E T".
func squeeze(s string) string { return strings.ToUpper(strings.Join(strings.Fields(s), "")) }

var worksheets = []string{sheet, "Planning the first talk", "After the talk", "My weekly journal"}

func TestBookletPrintsEveryWorksheetOnItsOwnPages(t *testing.T) {
	RequirePdftotext(t)
	base := Serve(t, "testdata/book")
	for _, paper := range Papers {
		t.Run(paper.Name, func(t *testing.T) {
			tab := newTab(t)
			run(t, tab, chromedp.Navigate(base+"/print/"), chromedp.WaitVisible("#ws-what-happened [data-print=answers]"))
			run(t, tab, chromedp.SendKeys("#ws-first-talk [data-field=place] input", "The bench by the river"))
			waitSaved(t, tab, "The bench by the river")
			run(t, tab, chromedp.Reload(), chromedp.WaitVisible("#ws-what-happened [data-print=answers]"))
			if eval[bool](t, tab, `document.getElementById("print-fill").checked`) {
				t.Fatal("the booklet's switch is on at first; want blank by default")
			}

			run(t, tab, browsertest.Tap("[data-print=booklet]"))
			blank := Print(t, tab, paper, "booklet-blank")
			text := blank.Text(t)
			if strings.Contains(text, "The bench by the river") {
				t.Error("blank booklet: a saved answer is on paper")
			}
			checkBooklet(t, blank)
			if n := blank.Pages(t); n != len(worksheets) {
				t.Errorf("blank booklet: got %d pages, want %d: each worksheet of the book fits its own page", n, len(worksheets))
			}

			run(t, tab, browsertest.Tap("#print-fill"), browsertest.Tap("[data-print=booklet]"))
			filled := Print(t, tab, paper, "booklet-answers")
			if !strings.Contains(filled.Text(t), "The bench by the river") {
				t.Error("booklet with the switch on: the saved answer is not on paper")
			}
			checkBooklet(t, filled)
		})
	}
}

func checkBooklet(t *testing.T, pdf *PDF) {
	t.Helper()
	pages, got := starts(t, pdf, "Worksheet", worksheets)
	if strings.Join(got, "|") != strings.Join(worksheets, "|") || pages[0] != 1 {
		t.Errorf("worksheets begin pages %v: %q; want each of %q to begin a page, in order, from page 1", pages, got, worksheets)
	}
	text := pdf.Text(t)
	checkNoChrome(t, "booklet", text)
	for _, s := range []string{"Contents", "all worksheets", "Fill in my saved answers", "Some things are easier"} {
		if strings.Contains(text, s) {
			t.Errorf("booklet: %q reached paper", s)
		}
	}
	// Each page's head names the worksheet the page belongs to.
	checkPages(t, pdf, func(p int) string {
		title := ""
		for i, start := range pages {
			if p >= start {
				title = got[i]
			}
		}
		return title
	})
}

func TestBookPrintsWithContents(t *testing.T) {
	RequirePdftotext(t)
	base := Serve(t, "testdata/book")
	chapters := []string{"Looking back", "Talking again"}
	for _, paper := range Papers {
		t.Run(paper.Name, func(t *testing.T) {
			tab := newTab(t)
			run(t, tab, chromedp.Navigate(base+"/print/book/"), chromedp.WaitVisible("[data-print=book]"))
			pdf := Print(t, tab, paper, "book")
			text := pdf.Text(t)

			cover := pdf.Page(t, 1)
			if !strings.Contains(cover, bookTitle) || !strings.Contains(cover, "A small book to test printing") || strings.Contains(cover, " of ") {
				t.Errorf("cover: want the title and subtitle and no running head or page number; got\n%s", cover)
			}
			toc := strings.Join(bodyLines(t, pdf, 2), "\n")
			for _, want := range append([]string{"Contents"}, append(chapters, worksheets...)...) {
				if !strings.Contains(toc, want) {
					t.Errorf("page 2, the contents: %q missing; got\n%s", want, toc)
				}
			}
			if chPages, got := starts(t, pdf, "Chapter", chapters); len(got) != len(chapters) {
				t.Errorf("chapters begin pages %v: %q; want each of %q to begin a page", chPages, got, chapters)
			}
			if wsPages, got := starts(t, pdf, "Worksheet", worksheets); len(got) != len(worksheets) {
				t.Errorf("worksheets begin pages %v: %q; want each of %q to begin a page", wsPages, got, worksheets)
			}
			if !strings.Contains(text, "(https://example.org/listening)") {
				t.Error("an external link does not show its address")
			}
			if strings.Contains(text, "/talking/") || strings.Contains(text, "/looking-back/") {
				t.Error("a link to another chapter shows its address; want its text only")
			}
			for _, s := range []string{"Skip to the text", "Print the book", "Download my answers", "Your answers are saved only"} {
				if strings.Contains(text, s) {
					t.Errorf("book: site text %q reached paper", s)
				}
			}
		})
	}
}

// TestChapterPrintsBlackOnWhite prints a chapter as the browser's own
// print command does, from a reader in dark mode.
func TestChapterPrintsBlackOnWhite(t *testing.T) {
	RequirePdftotext(t)
	base := Serve(t, "testdata/book")
	tab := browsertest.New(t, browsertest.Options{Dark: true})
	if _, err := chromedp.Call(tab.Ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
		Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}},
	}); err != nil {
		t.Fatal(err)
	}
	run(t, tab, chromedp.Navigate(base+"/looking-back/"), chromedp.WaitVisible("#ws-what-happened [data-print=answers]"))
	pdf := Print(t, tab, Papers[0], "chapter-dark")
	text := pdf.Text(t)
	for _, want := range []string{"Some things are easier to write", "(https://example.org/listening)", "After writing", sheet} {
		if !strings.Contains(text, want) {
			t.Errorf("chapter: %q is not on paper", want)
		}
	}
	if strings.Contains(text, "/talking/") {
		t.Error("chapter: the link to the next chapter shows its address; want its text only")
	}
	checkNoChrome(t, "chapter", text)
	checkPages(t, pdf, func(p int) string {
		if strings.Contains(pdf.Page(t, p), "WORKSHEET") {
			return sheet
		}
		return "Looking back"
	})
	white, colour := inks(pdf.Image(t, 1, 40))
	if white < 0.9 || colour > 0 {
		t.Errorf("page 1 in dark mode: %.0f%% white and %d coloured pixels; want black on white (over 90%% white, none coloured)", white*100, colour)
	}
}

// inks returns the share of near-white pixels and the number of pixels
// with a visible colour.
func inks(img image.Image) (white float64, colour int) {
	b := img.Bounds()
	n := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			r, g, bl = r>>8, g>>8, bl>>8
			if r > 235 && g > 235 && bl > 235 {
				n++
			}
			if max(r, g, bl)-min(r, g, bl) > 40 {
				colour++
			}
		}
	}
	return float64(n) / float64(b.Dx()*b.Dy()), colour
}

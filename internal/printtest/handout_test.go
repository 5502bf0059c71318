package printtest

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBlankWorksheetHasNameAndDate: a worksheet printed blank is a handout,
// with lines for a name and a date above its title; printed with answers,
// it has none.
func TestBlankWorksheetHasNameAndDate(t *testing.T) {
	RequirePdftotext(t)
	base := Serve(t, "testdata/book")
	tab := newTab(t)
	run(t, tab, chromedp.Navigate(base+"/print/"), chromedp.WaitVisible("[data-print=booklet]"))
	pdf := Print(t, tab, Papers[0], "handout-blank")
	first := pdf.Page(t, 2)
	if !strings.Contains(first, "Name") || !strings.Contains(first, "Date") {
		t.Errorf("a blank worksheet's first page has no Name and Date lines:\n%s", first)
	}
	run(t, tab, chromedp.Click(chromedp.CSS("#print-fill")))
	filled := Print(t, tab, Papers[0], "handout-answers")
	if p := filled.Page(t, 2); strings.Contains(p, "Name") && strings.Contains(p, "Date") {
		t.Errorf("a worksheet printed with answers has Name and Date lines:\n%s", p)
	}
}

// TestShippedBookPrintsWithoutNearlyEmptyPages prints the whole shipped
// book on A4 and counts its pages, and the pages that hold only a few
// words (text that a worksheet pushed onto a page of its own).
func TestShippedBookPrintsWithoutNearlyEmptyPages(t *testing.T) {
	RequirePdftotext(t)
	base := Serve(t, "../..")
	tab := newTab(t)
	run(t, tab, chromedp.Navigate(base+"/print/book/"), chromedp.WaitVisible("[data-print=book]"))
	pdf := Print(t, tab, Papers[0], "shipped-book")
	n := pdf.Pages(t)
	var short []int
	for p := 2; p <= n; p++ {
		if len(strings.Fields(pdf.Page(t, p))) <= 52 {
			short = append(short, p)
		}
	}
	t.Logf("the shipped book prints on %d A4 pages; pages with 52 words or fewer: %v", n, short)
	if n > 60 { // 67 pages, five nearly empty, before a worksheet's short tail printed above it
		t.Errorf("the book prints on %d pages, want at most 60", n)
	}
	if len(short) > 0 {
		t.Errorf("pages %v hold 52 words or fewer", short)
	}
}

// TestBookletPrintsTheChosenWorksheetsInCopies: a counsellor unticks a
// worksheet and asks for two blank copies of another.
func TestBookletPrintsTheChosenWorksheetsInCopies(t *testing.T) {
	RequirePdftotext(t)
	base := Serve(t, "testdata/book")
	tab := newTab(t)
	run(t, tab, chromedp.Navigate(base+"/print/"), chromedp.WaitVisible("[data-print-pick]"))
	before := Print(t, tab, Papers[0], "booklet-all")
	all, once := before.Pages(t), strings.Count(squeeze(before.Text(t)), squeeze("What happened, in my words"))
	eval[any](t, tab, `(() => {
	  const pick = document.querySelectorAll("[data-pick]"), copies = document.querySelectorAll("[data-copies]");
	  pick[1].click();
	  copies[0].value = "2";
	  window.dispatchEvent(new Event("beforeprint"));
	})()`)
	pdf := Print(t, tab, Papers[0], "booklet-chosen")
	if got := pdf.Pages(t); got != all {
		t.Errorf("one worksheet left out and one printed twice: got %d pages, want %d as before", got, all)
	}
	text := pdf.Text(t)
	if n := strings.Count(squeeze(text), squeeze("What happened, in my words")); n != 2*once {
		t.Errorf("the first worksheet's title appears %d times in the print, want %d: two copies", n, 2*once)
	}
	if strings.Contains(text, "Planning the first talk") {
		t.Error("the worksheet left out was printed")
	}
	eval[any](t, tab, `window.dispatchEvent(new Event("afterprint"))`)
	if n := eval[int](t, tab, `document.querySelectorAll(".print-copy").length`); n != 0 {
		t.Errorf("%d copies left on the page after printing", n)
	}
}

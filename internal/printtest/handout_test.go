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

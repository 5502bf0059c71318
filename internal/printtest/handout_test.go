package printtest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/workbook-press/workbook/internal/browsertest"
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
	run(t, tab, browsertest.Tap(chromedp.CSS("#print-fill")))
	filled := Print(t, tab, Papers[0], "handout-answers")
	if p := filled.Page(t, 2); strings.Contains(p, "Name") && strings.Contains(p, "Date") {
		t.Errorf("a worksheet printed with answers has Name and Date lines:\n%s", p)
	}
}

// TestNameDateCanBeTurnedOff: the journal of the test book says
// name_date: false, so its blank page has no Name and Date lines while the
// other worksheets keep theirs; with name_date: false in content/_index.md,
// no worksheet has them.
func TestNameDateCanBeTurnedOff(t *testing.T) {
	RequirePdftotext(t)
	off := withSetting(t, "name_date: false")
	for _, tc := range []struct {
		dir  string
		want map[string]bool // worksheet title: has Name and Date lines
	}{
		{"testdata/book", map[string]bool{sheet: true, "Planning the first talk": true, "After the talk": true, "My weekly journal": false}},
		{off, map[string]bool{sheet: false, "Planning the first talk": false, "After the talk": false, "My weekly journal": false}},
	} {
		tab := newTab(t)
		run(t, tab, chromedp.Navigate(Serve(t, tc.dir)+"/print/"), chromedp.WaitVisible("[data-print=booklet]"))
		pdf := Print(t, tab, Papers[0], "namedate-"+filepath.Base(filepath.Dir(tc.dir)))
		for p := 1; p <= pdf.Pages(t); p++ {
			body := bodyLines(t, pdf, p)
			for title, want := range tc.want {
				if len(body) < 2 || !strings.HasPrefix(body[1], title) {
					continue
				}
				text := pdf.Page(t, p)
				if got := strings.Contains(text, "Name") && strings.Contains(text, "Date"); got != want {
					t.Errorf("%s: %q printed blank: Name and Date lines %v, want %v; its page reads\n%s", tc.dir, title, got, want, text)
				}
				delete(tc.want, title)
			}
		}
		if len(tc.want) > 0 {
			t.Errorf("%s: no page begins with worksheets %v", tc.dir, tc.want)
		}
	}
}

// withSetting returns a copy of the test book with a line added to the
// settings of its content/_index.md.
func withSetting(t *testing.T, line string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "book")
	if err := os.CopyFS(dir, os.DirFS("testdata/book")); err != nil {
		t.Fatal(err)
	}
	index := filepath.Join(dir, "content", "_index.md")
	src, err := os.ReadFile(index)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(index, []byte(strings.Replace(string(src), "\n---\n", "\n"+line+"\n---\n", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestShippedBookPrintsWithoutNearlyEmptyPages prints the whole shipped
// book on A4 and US Letter and counts its pages, the pages that hold only a
// few words (text that a worksheet pushed onto a page of its own, or a
// chapter's title whose text went on to the next page) and the blank ones.
func TestShippedBookPrintsWithoutNearlyEmptyPages(t *testing.T) {
	RequirePdftotext(t)
	base := Serve(t, "../..")
	tab := newTab(t)
	run(t, tab, chromedp.Navigate(base+"/print/book/"), chromedp.WaitVisible("[data-print=book]"))
	for _, paper := range Papers {
		pdf := Print(t, tab, paper, "shipped-book")
		n := pdf.Pages(t)
		var short []int
		for p := 2; p <= n; p++ {
			if len(strings.Fields(pdf.Page(t, p))) <= 52 {
				short = append(short, p)
			}
			// A worksheet that filled page 50 on Letter once pushed the space
			// under its last question onto page 51, which printed its
			// running head alone.
			if len(bodyLines(t, pdf, p)) == 0 {
				t.Errorf("%s: page %d of %d is blank but for its running head", paper.Name, p, n)
			}
		}
		t.Logf("the shipped book prints on %d %s pages; pages with 52 words or fewer: %v", n, paper.Name, short)
		if n > 60 { // 67 A4 pages, five nearly empty, before a worksheet's short tail printed above it
			t.Errorf("%s: the book prints on %d pages, want at most 60", paper.Name, n)
		}
		if len(short) > 0 { // on Letter, chapters 3 and 8 printed their titles alone on pages 8 and 30
			t.Errorf("%s: pages %v hold 52 words or fewer", paper.Name, short)
		}
	}
	// A chapter printed from its own page: its last two lines, after its
	// worksheet, printed on a fourth page of their own.
	run(t, tab, chromedp.Navigate(base+"/how-trust-breaks/"), chromedp.WaitVisible("#ws-expectations"))
	for _, paper := range Papers {
		pdf := Print(t, tab, paper, "shipped-chapter")
		for p := 1; p <= pdf.Pages(t); p++ {
			if n := len(strings.Fields(pdf.Page(t, p))); n <= 52 {
				t.Errorf("chapter 3 on %s: page %d of %d holds %d words", paper.Name, p, pdf.Pages(t), n)
			}
		}
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

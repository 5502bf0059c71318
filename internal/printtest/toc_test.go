package printtest

import (
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/chromedp/chromedp"

	"github.com/workbook-press/workbook/internal/browsertest"
)

// tocEntry is a line of the printed contents, as the page holds it.
type tocEntry struct {
	Title   string // as the contents word it
	Kicker  string // the line above the heading: "Chapter 2", "Worksheet · From …"
	Heading string // the heading the entry points at
}

const tocEntries = `[...document.querySelectorAll("[data-toc-page]")].map(e => {
  const h = document.getElementById(e.dataset.tocPage);
  return {Title: e.closest("a").querySelector(".print-toc-title").textContent.trim(),
    Kicker: h.previousElementSibling.textContent.trim(), Heading: h.textContent.trim()};
})`

// numbered is a contents line that ends in a page number; right to left,
// one that begins with it.
var (
	numbered    = regexp.MustCompile(`^(.*\S)\s{2,}(\d+)$`)
	numberedRTL = regexp.MustCompile(`^(\d+)\s{2,}(.*\S)$`)
)

// TestBookContentsHavePageNumbers prints the whole book, the test book
// (blank, and with a long answer filled in) and the shipped one, on A4 and
// US Letter, and checks every entry of the printed contents: the number
// printed beside it is the page on which its chapter's or worksheet's
// heading is printed.
func TestBookContentsHavePageNumbers(t *testing.T) {
	RequirePdftotext(t)
	long := longAnswer()
	for _, book := range []struct {
		name, dir, answer string
		rtl               bool
	}{
		{"test", "testdata/book", "", false}, {"test-answered", "testdata/book", long, false},
		{"test-rtl", withSetting(t, "direction: rtl"), "", true}, {"shipped", "../..", "", false},
	} {
		base := Serve(t, book.dir)
		for _, paper := range Papers {
			t.Run(book.name+"-"+paper.Name, func(t *testing.T) {
				tab := newTab(t)
				run(t, tab, chromedp.Navigate(base+"/print/book/"), chromedp.WaitVisible("[data-print=book]"))
				if book.answer != "" { // printed with a 3,000-character answer, which takes pages
					paste(t, tab, "#ws-what-happened [data-field=story] textarea", book.answer)
					waitSaved(t, tab, book.answer[:40])
					run(t, tab, browsertest.Tap("#print-fill"))
				}
				entries := eval[[]tocEntry](t, tab, tocEntries)
				pdf := Print(t, tab, paper, book.name+"-book-contents")
				first := headingPage(t, pdf, entries[0].Kicker, entries[0].Heading)
				printed := contentsNumbers(t, pdf, first, book.rtl)
				if len(printed) != len(entries) {
					t.Fatalf("the contents (pages 2 to %d) have %d numbered lines, want one for each of %d entries: %q", first-1, len(printed), len(entries), printed)
				}
				for i, e := range entries {
					line, n := printed[i][0], printed[i][1]
					words := strings.Fields(e.Title)
					if !strings.Contains(squeeze(line), squeeze(words[len(words)-1])) {
						t.Errorf("contents line %d %q is not the entry %q", i+1, line, e.Title)
					}
					if at := headingPage(t, pdf, e.Kicker, e.Heading); strconv.Itoa(at) != n {
						t.Errorf("contents: %q says page %s; its heading is on page %d", e.Title, n, at)
					}
				}
			})
		}
	}
}

// contentsNumbers returns the contents lines that end in a number (begin,
// right to left), from page 2 to the page before first, and the number.
func contentsNumbers(t *testing.T, pdf *PDF, first int, rtl bool) [][2]string {
	t.Helper()
	var out [][2]string
	for p := 2; p < first; p++ {
		s := strconv.Itoa(p)
		for _, l := range strings.Split(pdf.run(t, "pdftotext", "-layout", "-enc", "UTF-8", "-f", s, "-l", s, pdf.path, "-"), "\n") {
			l = strings.TrimSpace(l)
			if m := numbered.FindStringSubmatch(l); m != nil && !rtl {
				out = append(out, [2]string{m[1], m[2]})
			}
			if m := numberedRTL.FindStringSubmatch(l); m != nil && rtl {
				out = append(out, [2]string{m[2], m[1]})
			}
		}
	}
	return out
}

// letters keeps the letters and digits of s, in capitals: pdftotext spaces
// letter-spaced capitals and, right to left, moves quotation marks.
func letters(s string) string {
	return strings.ToUpper(strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return r
		}
		return -1
	}, s))
}

// headingPage returns the first page that has, near its top, the kicker
// and, within a few lines after it, the heading (a Name and Date line may
// come between); 0 when there is none.
func headingPage(t *testing.T, pdf *PDF, kicker, heading string) int {
	t.Helper()
	for p := 1; p <= pdf.Pages(t); p++ {
		lines := pdf.Lines(t, p)
		for i := 0; i < min(6, len(lines)); i++ {
			if !strings.HasPrefix(letters(lines[i]), letters(kicker)) {
				continue
			}
			for j := i + 1; j < min(i+5, len(lines)); j++ {
				if strings.HasPrefix(letters(strings.Join(lines[j:min(j+3, len(lines))], " ")), letters(heading)) {
					return p
				}
			}
		}
	}
	return 0
}

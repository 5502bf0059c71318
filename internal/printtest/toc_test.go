package printtest

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
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

// numbered is a contents line that ends in a page number.
var numbered = regexp.MustCompile(`^(.*\S)\s{2,}(\d+)$`)

// TestBookContentsHavePageNumbers prints the whole book, the test book and
// the shipped one, on A4 and US Letter, and checks every entry of the
// printed contents: the number printed beside it is the page on which its
// chapter's or worksheet's heading is printed.
func TestBookContentsHavePageNumbers(t *testing.T) {
	RequirePdftotext(t)
	for name, dir := range map[string]string{"test": "testdata/book", "shipped": "../.."} {
		base := Serve(t, dir)
		for _, paper := range Papers {
			t.Run(name+"-"+paper.Name, func(t *testing.T) {
				tab := newTab(t)
				run(t, tab, chromedp.Navigate(base+"/print/book/"), chromedp.WaitVisible("[data-print=book]"))
				entries := eval[[]tocEntry](t, tab, tocEntries)
				pdf := Print(t, tab, paper, name+"-book-contents")
				first := headingPage(t, pdf, entries[0].Kicker, entries[0].Heading)
				printed := contentsNumbers(t, pdf, first)
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

// contentsNumbers returns the contents lines that end in a number, from
// page 2 to the page before first, and the number each ends in.
func contentsNumbers(t *testing.T, pdf *PDF, first int) [][2]string {
	t.Helper()
	var out [][2]string
	for p := 2; p < first; p++ {
		s := strconv.Itoa(p)
		for _, l := range strings.Split(pdf.run(t, "pdftotext", "-layout", "-enc", "UTF-8", "-f", s, "-l", s, pdf.path, "-"), "\n") {
			if m := numbered.FindStringSubmatch(strings.TrimSpace(l)); m != nil {
				out = append(out, [2]string{m[1], m[2]})
			}
		}
	}
	return out
}

// headingPage returns the first page whose text, under its running head,
// begins with kicker and then heading; 0 when there is none.
func headingPage(t *testing.T, pdf *PDF, kicker, heading string) int {
	t.Helper()
	for p := 1; p <= pdf.Pages(t); p++ {
		body := bodyLines(t, pdf, p)
		if len(body) > 1 && strings.HasPrefix(squeeze(body[0]), squeeze(kicker)) && strings.HasPrefix(squeeze(strings.Join(body[1:], " ")), squeeze(heading)) {
			return p
		}
	}
	return 0
}

package printtest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// leadIns are the texts of the page that lead into what follows them and
// must not end a printed page: headings, the line above a chapter's or a
// worksheet's title, a sentence that introduces a list, and a question
// whose help, options or scale follow it as text.
const leadIns = `[...document.querySelectorAll([
  "main h1", "main h2", "main h3", "main h4", ".chapter-part", ".ws-kicker", ".print-toc-part",
  ".prose p:has(+ ul)", ".prose p:has(+ ol)", ".field:has(.field-help, .options, .scale) .field-label",
].join(", "))].map(e => e.textContent.trim()).filter(Boolean)`

// TestNoPageEndsWithAHeading prints the shipped book whole, all its
// worksheets blank and a chapter from its page, on A4 and US Letter, and
// checks that no page ends with a heading or another lead-in whose text
// goes on on the next page.
func TestNoPageEndsWithAHeading(t *testing.T) {
	RequirePdftotext(t)
	base := Serve(t, "../..")
	for _, doc := range []struct{ name, path, ready string }{
		{"book", "/print/book/", "[data-print=book]"},
		{"worksheets", "/print/", "[data-print=booklet]"},
		{"chapter", "/how-trust-breaks/", "#ws-expectations"},
	} {
		for _, paper := range Papers {
			t.Run(doc.name+"-"+paper.Name, func(t *testing.T) {
				tab := newTab(t)
				run(t, tab, chromedp.Navigate(base+doc.path), chromedp.WaitVisible(doc.ready))
				heads := eval[[]string](t, tab, leadIns)
				if len(heads) == 0 {
					t.Fatalf("%s: no headings found on the page", doc.path)
				}
				pdf := Print(t, tab, paper, "lead-ins-"+doc.name)
				n := pdf.Pages(t)
				for p := 1; p <= n; p++ {
					if h := endsWith(bodyLines(t, pdf, p), heads); h != "" {
						t.Errorf("%s on %s: page %d of %d ends with %q; what follows it begins page %d:\n%s",
							doc.path, paper.Name, p, n, h, p+1, firstLines(t, pdf, p+1))
					}
				}
			})
		}
	}
}

// endsWith returns the lead-in that the last lines of a page spell, alone
// or after a question's number; "" when they spell none.
func endsWith(lines, heads []string) string {
	for k := 1; k <= min(3, len(lines)); k++ {
		last := squeeze(strings.Join(lines[len(lines)-k:], " "))
		for _, h := range heads {
			rest, ok := strings.CutSuffix(last, squeeze(h))
			if ok && strings.Trim(rest, "0123456789") == "" {
				return h
			}
		}
	}
	return ""
}

// firstLines returns the first lines of page p's text, or a note that
// there is no such page.
func firstLines(t *testing.T, pdf *PDF, p int) string {
	t.Helper()
	if p > pdf.Pages(t) {
		return fmt.Sprintf("(there is no page %d)", p)
	}
	body := bodyLines(t, pdf, p)
	return strings.Join(body[:min(3, len(body))], "\n")
}

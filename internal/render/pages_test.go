package render

import (
	"strings"
	"testing"

	"github.com/workbook-press/workbook/internal/book"
)

func TestPageNamesCSS(t *testing.T) {
	c := &book.Chapter{Slug: "talk", Title: `Say "sorry" \ mean it`, Index: 2}
	c.Worksheets = []*book.Worksheet{{ID: "plan-1", Title: "The plan\nfor today"}}
	b := &book.Book{Site: book.Site{Title: "Rebuilding Trust"}, Chapters: []*book.Chapter{c}}
	got := string(PageNamesCSS(b))
	for _, want := range []string{
		`:root { --print-book-title: "Rebuilding Trust"; }`,
		`body[data-chapter="/talk/"] main, #chapter-2 { page: ch-2; }`,
		`@page ch-2 { @top-left { content: "Say \"sorry\" \\ mean it"; } }`,
		`#ws-plan-1 { page: ws-plan-1; }`,
		`@page ws-plan-1 { @top-left { content: "The plan\a for today"; } }`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("got\n%s\nwant it to contain\n%s", got, want)
		}
	}
}

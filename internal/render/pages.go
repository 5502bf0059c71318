package render

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/workbook-press/workbook/internal/book"
	"github.com/workbook-press/workbook/internal/i18n"
)

// PageNamesCSS is the generated stylesheet behind the printed running head:
// the book's title (--print-book-title, placed by print.css) in the top
// margin of every page, and opposite it the title of the worksheet or
// chapter the page belongs to. Chromium draws
// @page margin boxes but has no string-set, so each chapter and worksheet
// gets a named page (ch-N, ws-ID) carrying its title; the layouts provide
// the ids and attributes selected here. A named page also starts a new
// sheet of paper, which is what a worksheet wants anyway. In a book
// written right to left the title of the page sits at the top right.
func PageNamesCSS(b *book.Book) []byte {
	head := "top-left"
	if i18n.Direction(b.Site.Language, b.Site.Direction) == "rtl" {
		head = "top-right"
	}
	var buf bytes.Buffer
	buf.WriteString("/* Generated from the book by the build: the running heads of printed pages. */\n")
	fmt.Fprintf(&buf, ":root { --print-book-title: %s; }\n", cssString(b.Site.Title))
	for _, c := range b.Chapters {
		name := fmt.Sprintf("ch-%d", c.Index)
		fmt.Fprintf(&buf, "body[data-chapter=%s] main, #chapter-%d { page: %s; }\n", cssString(c.URL()), c.Index, name)
		fmt.Fprintf(&buf, "@page %s { @%s { content: %s; } }\n", name, head, cssString(c.Title))
		for _, ws := range c.Worksheets {
			// Worksheet ids are lowercase letters, digits and "-", so
			// "ws-" + id is a valid CSS identifier and matches the
			// worksheet's element id.
			fmt.Fprintf(&buf, "#ws-%s { page: ws-%s; }\n", ws.ID, ws.ID)
			fmt.Fprintf(&buf, "@page ws-%s { @top-left { content: %s; } }\n", ws.ID, cssString(ws.Title))
		}
	}
	return buf.Bytes()
}

// StringsCSS is the printed pages' own words in the book's language, as
// custom properties that print.css reads: the running head of the
// contents, the page numbers ("3 of 12") and the word before an example.
func StringsCSS(tab *i18n.Table) []byte {
	contents, _ := tab.T("contents")
	example, _ := tab.T("for_example")
	pages, _ := tab.T("print_page")
	var tokens []string
	for i, part := range strings.Split(strings.ReplaceAll(pages, "{pages}", "\x00pages\x00"), "\x00") {
		switch {
		case i%2 == 1:
			tokens = append(tokens, "counter(pages)")
		case part != "":
			for j, lit := range strings.Split(part, "{page}") {
				if j > 0 {
					tokens = append(tokens, "counter(page)")
				}
				if lit != "" {
					tokens = append(tokens, cssString(lit))
				}
			}
		}
	}
	css := fmt.Appendf(nil, ":root { --print-contents: %s; --print-example: %s; --print-page: %s; }\n",
		cssString(contents), cssString(example+" "), strings.Join(tokens, " "))
	if tab.Dir == "rtl" {
		css = append(css, rtlPages...)
	}
	return css
}

// rtlPages mirrors print.css's running heads for a book written right to
// left: the page's title at the top right, the book's at the top left, the
// page number at the bottom left. @page margin boxes have no logical
// names, so this is the one place the theme says left and right on
// purpose (reviewed in the theme's stylesheet test).
const rtlPages = `@page {
  @top-right { content: ""; font: 8.5pt/1.2 serif; color: #444; vertical-align: bottom; padding-bottom: 5mm; text-align: right; }
  @top-left { content: var(--print-book-title, ""); font: 7.5pt/1.2 serif; letter-spacing: normal; color: #444; vertical-align: bottom; padding-bottom: 5mm; text-align: left; }
  @bottom-right { content: none; }
  @bottom-left { content: var(--print-page); font: 8.5pt/1.2 serif; color: #444; vertical-align: top; padding-top: 5mm; }
}
@page cover { @top-left { content: none; } @top-right { content: none; } @bottom-left { content: none; } }
@page contents { @top-right { content: var(--print-contents); } }
`

// cssString quotes s as a CSS string.
func cssString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\%x ", r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

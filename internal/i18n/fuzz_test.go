package i18n

import (
	"errors"
	"strings"
	"testing"

	"github.com/workbook-press/workbook"
	"github.com/workbook-press/workbook/internal/book"
)

// FuzzBookTable loads a book's own i18n/de.toml of any text. It must not
// panic, and every error must name a line of the file: a translator looks
// for it there.
func FuzzBookTable(f *testing.F) {
	for _, s := range []string{
		"[page]\nprint_blank = \"x\"\n",
		"[page]\n\nprint_blnak = \"x\"\n",
		"[pages]\nprint_blank = \"x\"\n",
		"print_blank = \"x\"\n",
		"[page]\nworksheet_count = { one = \"ein Blatt\" }\n",
		"[page]\n\"print_blnak\" = \"x\"\n",
		"[ pages ]\nx = \"y\"\n",
		"page.print_blnak = \"x\"\n",
		"[page.worksheet_count]\none = \"x\"\n",
		"[page]\nprint_blank_x = \"x\"\n[script]\nprint_blank_x = \"y\"\n",
		"[page]\nprint = 3\n",
		"[page\n",
		"[[page]]\nx = \"y\"\n",
		"page = { print_blnak = \"x\" }",
		"[page]\nskip_link = \"\"\"\n[script]\n\"\"\"\nprint_blnak = \"x\"",
		"\"a=b\" = \"x\"",
		"[page]\nprint_blank = \"ab\\",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		_, _, err := Load(workbook.Theme, bookFS(map[string]string{"i18n/de.toml": src}), "de", "")
		var list book.Errors
		if err == nil || !errors.As(err, &list) {
			return
		}
		lines := strings.Count(src, "\n") + 1
		for _, e := range list {
			if e.Line < 1 || e.Line > lines {
				t.Fatalf("error %q names line %d of a file of %d lines:\n%s", e.Error(), e.Line, lines, src)
			}
		}
	})
}

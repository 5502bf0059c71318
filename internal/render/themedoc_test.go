package render

import (
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/workbook-press/workbook/internal/book"
)

// TestThemeDocListsEveryField keeps docs/theme.md, where authors read what
// a layout can use, in step with the types layouts get.
func TestThemeDocListsEveryField(t *testing.T) {
	doc, err := os.ReadFile("../../docs/theme.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range []any{Data{}, book.Site{}, book.Book{}, book.Page{}, book.Chapter{}, book.Part{}, book.Worksheet{}, book.Field{}, book.Heading{}} {
		typ := reflect.TypeOf(v)
		for _, name := range names(typ) {
			if name == "Link" { // book.Book's setup, not for layouts
				continue
			}
			if !strings.Contains(string(doc), "`."+name) {
				t.Errorf("docs/theme.md does not list %s.%s", typ, name)
			}
		}
	}
	for name := range (&Renderer{}).funcs() {
		if !strings.Contains(string(doc), "`"+name) {
			t.Errorf("docs/theme.md does not list the function %s", name)
		}
	}
}

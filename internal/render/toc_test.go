package render

import (
	"fmt"
	"strings"
	"testing"

	"workbook/internal/book"
)

func TestTOCTree(t *testing.T) {
	var hs []book.Heading
	for _, h := range []string{"3a", "2b", "3c", "3d", "2e", "2f", "3g"} {
		hs = append(hs, book.Heading{Level: int(h[0] - '0'), ID: h[1:]})
	}
	var got []string
	for _, e := range tocTree(hs) {
		var kids []string
		for _, c := range e.Children {
			kids = append(kids, c.ID)
		}
		got = append(got, fmt.Sprintf("%s(%s)", e.ID, strings.Join(kids, ",")))
	}
	if want := "a() b(c,d) e() f(g)"; strings.Join(got, " ") != want {
		t.Errorf("got %s, want %s", strings.Join(got, " "), want)
	}
}

package render

import (
	"fmt"
	"html/template"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/workbook-press/workbook/internal/book"
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

// TestTOCItemsEscapeAsTheLayoutDid compares tocItems with the markup the
// chapter layout made with range, for random headings with every kind of
// character an id or a title may hold.
func TestTOCItemsEscapeAsTheLayoutDid(t *testing.T) {
	layout := template.Must(template.New("toc").Funcs(template.FuncMap{"tocTree": tocTree}).Parse(
		`{{range tocTree .}}<li><a href="#{{.ID}}">{{.Text}}</a>{{with .Children}}<ol>{{range .}}<li><a href="#{{.ID}}">{{.Text}}</a></li>{{end}}</ol>{{end}}</li>{{end}}`))
	pieces := []string{"a", "Z", "9", "-", "_", ".", "~", " ", "%", "%41", "#", "&", "<", ">", "\"", "'", "+", "/", "?", "=", ":", "\x00", "é", "日本", "\xff", "\u2028", "\ufdd0"}
	r := rand.New(rand.NewPCG(1, 2))
	word := func() string {
		var b strings.Builder
		for range r.IntN(6) {
			b.WriteString(pieces[r.IntN(len(pieces))])
		}
		return b.String()
	}
	for range 2000 {
		var hs []book.Heading
		for range r.IntN(6) {
			hs = append(hs, book.Heading{Level: 2 + r.IntN(2), ID: word(), Text: word()})
		}
		var want strings.Builder
		if err := layout.Execute(&want, hs); err != nil {
			t.Fatal(err)
		}
		if got := string(tocItems(hs)); got != want.String() {
			t.Fatalf("headings %+v:\n got %s\nwant %s", hs, got, want.String())
		}
	}
}

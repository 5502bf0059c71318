package search

import (
	"bufio"
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/workbook-press/workbook/internal/book"
)

func testBook() *book.Book {
	ws := &book.Worksheet{ID: "plan", Title: "Our plan", Intro: "Ten quiet minutes.",
		Fields: []book.Field{{ID: "first", Label: "What comes first?", Type: book.Text}}}
	c := &book.Chapter{Slug: "talk", Title: "Talking", Segments: []book.Segment{
		{HTML: `<p>Before any heading &amp; more.</p><h2 id="listen">Listening <em>well</em></h2><p>Hear the whole sentence.</p><script>x()</script>`},
		{Worksheet: ws},
		{HTML: `<p>After the worksheet.</p>`},
	}}
	ws.Chapter = c
	c.Worksheets = []*book.Worksheet{ws}
	return &book.Book{Chapters: []*book.Chapter{c}}
}

func write(b *book.Book) []byte {
	var buf bytes.Buffer
	w := bufio.NewWriter(&buf)
	if err := Write(w, b, ChapterJSON); err != nil {
		panic(err)
	}
	w.Flush()
	return buf.Bytes()
}

func TestBuild(t *testing.T) {
	data := write(testBook())
	var ix Index
	if err := json.Unmarshal(data, &ix); err != nil {
		t.Fatal(err)
	}
	want := []Entry{
		{URL: "/talk/", Text: "Before any heading & more."},
		{URL: "/talk/#listen", Title: "Listening well", Text: "Hear the whole sentence."},
		{URL: "/talk/#ws-plan", Title: "Our plan", Kind: "w", ID: "plan", Fields: map[string]string{"first": "What comes first?"}, Text: "Ten quiet minutes."},
		{URL: "/talk/", Text: "After the worksheet."},
	}
	if len(ix.Entries) != len(want) {
		t.Fatalf("got %d entries %+v, want %d", len(ix.Entries), ix.Entries, len(want))
	}
	for i, e := range ix.Entries {
		g, _ := json.Marshal(e)
		w, _ := json.Marshal(want[i])
		if string(g) != string(w) {
			t.Errorf("entry %d: got %s, want %s", i, g, w)
		}
	}
	if got := strings.Join(ix.Chapters, ","); got != "Talking" {
		t.Errorf("chapters: got %q, want Talking", got)
	}
}

// Write writes what json.Marshal writes of the Index, whatever the number
// of chapters and entries (compact: it is not minified).
func TestWriteIsTheIndexAsJSON(t *testing.T) {
	for _, chapters := range [][]*book.Chapter{
		nil,
		{{Slug: "empty", Title: "Empty"}},
		testBook().Chapters,
		{{Slug: "a", Title: "A", Segments: []book.Segment{{HTML: "<p>One & two</p>"}}}, {Slug: "b", Title: "B <b>"}, {Slug: "c", Title: "C", Segments: []book.Segment{{HTML: `<h2 id="x">X</h2><p>three</p>`}}}},
	} {
		b := &book.Book{Chapters: chapters}
		var ix Index
		for n, c := range chapters {
			ix.Chapters = append(ix.Chapters, c.Title)
			ix.Entries = append(ix.Entries, Chapter(c, n)...)
		}
		want, _ := json.Marshal(ix)
		if got := write(b); string(got) != string(want) {
			t.Errorf("got %s\nwant %s", got, want)
		}
	}
}

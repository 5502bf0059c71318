// Package search makes the book's search index: the build's one step from
// the book model to a small JSON file that the reader's browser searches
// (assets/js/find.js), offline, once the search box is first used.
//
// The index holds the book's own text only, never a reader's answers:
// those are searched in the browser, from the reader's record.
//
// Each entry is one stretch of a chapter a result can link to: the text
// before the first heading, each h2 or h3 section, and each worksheet
// (its title, intro and questions). Text is plain, with runs of white
// space collapsed; the browser finds, ranks and highlights.
package search

import (
	"bytes"
	"encoding/json"
	stdhtml "html"
	"strings"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/html"

	"github.com/workbook-press/workbook/internal/book"
)

// Entry is one place a result links to. The short JSON names keep the file
// small: it is downloaded on a phone.
type Entry struct {
	URL     string            `json:"u"`           // e.g. "/talk/#listening"
	Title   string            `json:"t,omitempty"` // heading or worksheet title; "" for the chapter's own text
	Chapter int               `json:"c"`           // index into Index.Chapters
	Kind    string            `json:"k,omitempty"` // "w" for a worksheet, "" for text
	ID      string            `json:"id,omitempty"`
	Fields  map[string]string `json:"f,omitempty"` // a worksheet's field ids to labels (searched too)
	Text    string            `json:"x,omitempty"`
}

// Index is the whole file.
type Index struct {
	Chapters []string `json:"chapters"` // titles, in reading order
	Entries  []Entry  `json:"entries"`
}

// Build returns the index of b as JSON.
func Build(b *book.Book) ([]byte, error) { return BuildFrom(b, ChapterJSON) }

// BuildFrom is Build with each chapter's entries, as a JSON array, from
// entries: ChapterJSON or the preview server's memo of it. It writes what
// json.Marshal writes of an Index.
func BuildFrom(b *book.Book, entries func(c *book.Chapter, n int) ([]byte, error)) ([]byte, error) {
	var titles []string
	for _, c := range b.Chapters {
		titles = append(titles, c.Title)
	}
	out, err := json.Marshal(Index{Chapters: titles})
	if err != nil {
		return nil, err
	}
	parts, size := make([][]byte, len(b.Chapters)), len(out)
	for n, c := range b.Chapters {
		if parts[n], err = entries(c, n); err != nil {
			return nil, err
		}
		size += len(parts[n])
	}
	out = append(append(make([]byte, 0, size+8), bytes.TrimSuffix(out, []byte("null}"))...), '[')
	for _, e := range parts {
		if len(e) > 2 && e[0] == '[' { // not null, not []
			if out[len(out)-1] != '[' {
				out = append(out, ',')
			}
			out = append(out, e[1:len(e)-1]...)
		}
	}
	if out[len(out)-1] == '[' {
		return append(out[:len(out)-1], "null}"...), nil
	}
	return append(out, "]}"...), nil
}

// ChapterJSON is the entries of c, the n-th chapter, as JSON.
func ChapterJSON(c *book.Chapter, n int) ([]byte, error) { return json.Marshal(Chapter(c, n)) }

// Chapter returns the entries of c, the n-th chapter.
func Chapter(c *book.Chapter, n int) []Entry {
	var entries []Entry
	cur := &Entry{URL: c.URL(), Chapter: n}
	var text strings.Builder
	flush := func() {
		cur.Text = squash(text.String())
		if cur.Text != "" || cur.URL != c.URL() {
			entries = append(entries, *cur)
		}
		text.Reset()
	}
	for _, s := range c.Segments {
		if ws := s.Worksheet; ws != nil {
			flush()
			entries = append(entries, worksheet(ws, c, n))
			cur = &Entry{URL: c.URL(), Chapter: n}
			continue
		}
		sections(string(s.HTML), &text, func(id, title string) {
			flush()
			cur = &Entry{URL: c.URL() + "#" + id, Title: title, Chapter: n}
		})
	}
	flush()
	return entries
}

func worksheet(ws *book.Worksheet, c *book.Chapter, n int) Entry {
	e := Entry{URL: c.URL() + "#ws-" + ws.ID, Title: ws.Title, Chapter: n, Kind: "w", ID: ws.ID, Fields: map[string]string{}}
	parts := []string{ws.Intro}
	for _, f := range ws.Fields {
		e.Fields[f.ID] = f.Label
		parts = append(parts, f.Help)
		parts = append(parts, f.Options...)
	}
	e.Text = squash(strings.Join(parts, " "))
	return e
}

// sections writes the text of a body's HTML to text and calls heading at
// each h2 or h3 that has an id, with the heading's text, before writing
// what follows it.
func sections(body string, text *strings.Builder, heading func(id, title string)) {
	l := html.NewLexer(parse.NewInputString(body))
	var id string
	var inHeading, skip int
	var title strings.Builder
	for {
		tt, data := l.Next()
		switch tt {
		case html.ErrorToken:
			return
		case html.StartTagToken:
			switch name := string(l.Text()); name {
			case "h2", "h3":
				inHeading, id = 1, ""
				title.Reset()
			case "script", "style", "template":
				skip++
			}
		case html.AttributeToken:
			if inHeading == 1 && string(l.AttrKey()) == "id" {
				id = strings.Trim(string(l.AttrVal()), `"'`)
			}
		case html.StartTagCloseToken:
			if inHeading == 1 {
				inHeading = 2
			}
		case html.EndTagToken:
			switch string(l.Text()) {
			case "h2", "h3":
				if inHeading > 0 && id != "" {
					heading(id, squash(title.String()))
				} else {
					text.WriteString(" " + title.String() + " ")
				}
				inHeading = 0
			case "script", "style", "template":
				skip = max(skip-1, 0)
			case "p", "li", "td", "th", "blockquote", "pre", "dd", "dt", "figcaption":
				text.WriteByte(' ')
			}
		case html.TextToken:
			if skip > 0 {
				continue
			}
			if inHeading > 0 {
				title.WriteString(unescape(data))
			} else {
				text.WriteString(unescape(data))
			}
		}
	}
}

func unescape(b []byte) string { return stdhtml.UnescapeString(string(b)) }

// squash collapses runs of white space into one space.
func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

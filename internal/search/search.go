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
	"bufio"
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

// Write writes the index of b to w as JSON, the bytes json.Marshal makes
// of its Index: compact, so it need not be minified. Each chapter's
// entries, a JSON array from entries (ChapterJSON, or the preview server's
// memo of it), go straight to w, so the index is never whole in memory:
// at 1,000 generated chapters (an 8.6 MB index) holding it, its encoding
// and the minifier's copy raised the build's peak memory by 55 MB. An
// error writing shows at w's Flush.
func Write(w *bufio.Writer, b *book.Book, entries func(c *book.Chapter, n int) ([]byte, error)) error {
	var titles []string
	for _, c := range b.Chapters {
		titles = append(titles, c.Title)
	}
	data, _ := json.Marshal(titles) // strings: cannot fail
	w.WriteString(`{"chapters":`)
	w.Write(data)
	w.WriteString(`,"entries":`)
	sep := "["
	for n, c := range b.Chapters {
		e, err := entries(c, n)
		if err != nil {
			return err
		}
		if len(e) > 2 && e[0] == '[' { // not null, not []
			w.WriteString(sep)
			w.Write(e[1 : len(e)-1])
			sep = ","
		}
	}
	if sep == "[" {
		w.WriteString("null}")
	} else {
		w.WriteString("]}")
	}
	return nil
}

// ChapterJSON is the entries of c, the n-th chapter, as JSON.
func ChapterJSON(c *book.Chapter, n int) ([]byte, error) { return json.Marshal(Chapter(c, n)) }

// Chapter returns the entries of c, the n-th chapter.
func Chapter(c *book.Chapter, n int) []Entry {
	var entries []Entry
	cur := Entry{URL: c.URL(), Chapter: n}
	var text bytes.Buffer // reused from section to section
	flush := func() {
		cur.Text = squash(text.Bytes())
		if cur.Text != "" || cur.URL != c.URL() {
			entries = append(entries, cur)
		}
		text.Reset()
	}
	for _, s := range c.Segments {
		if ws := s.Worksheet; ws != nil {
			flush()
			entries = append(entries, worksheet(ws, c, n))
			cur = Entry{URL: c.URL(), Chapter: n}
			continue
		}
		sections(string(s.HTML), &text, func(id, title string) {
			flush()
			cur = Entry{URL: c.URL() + "#" + id, Title: title, Chapter: n}
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
	e.Text = squash([]byte(strings.Join(parts, " ")))
	return e
}

// sections writes the text of a body's HTML to text and calls heading at
// each h2 or h3 that has an id, with the heading's text, before writing
// what follows it.
func sections(body string, text *bytes.Buffer, heading func(id, title string)) {
	l := html.NewLexer(parse.NewInputString(body))
	var id string
	var inHeading, skip int
	var title bytes.Buffer
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
					heading(id, squash(title.Bytes()))
				} else {
					text.WriteByte(' ')
					text.Write(title.Bytes())
					text.WriteByte(' ')
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
				unescape(&title, data)
			} else {
				unescape(text, data)
			}
		}
	}
}

// unescape writes text with its character references replaced.
func unescape(buf *bytes.Buffer, text []byte) {
	if bytes.IndexByte(text, '&') < 0 {
		buf.Write(text)
		return
	}
	buf.WriteString(stdhtml.UnescapeString(string(text)))
}

// squash collapses runs of white space into one space.
func squash(s []byte) string {
	var b strings.Builder
	b.Grow(len(s))
	for w := range bytes.FieldsSeq(s) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.Write(w)
	}
	return b.String()
}

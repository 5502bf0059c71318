package site

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"io/fs"
	"strings"

	"github.com/tdewolff/parse/v2"

	"github.com/workbook-press/workbook/internal/book"
	"github.com/workbook-press/workbook/internal/render"
)

// locateMinifyError turns the minifier's error on page j (its line is a
// line of the page, of no use to the author) into one at the chapter and
// line the failing text came from: raw HTML or a script let through by
// unsafe_html. It returns err unchanged when the text is not found.
func locateMinifyError(project fs.FS, b *book.Book, j render.Job, err error) error {
	var pe *parse.Error
	if !errors.As(err, &pe) {
		return err
	}
	// The context is "    228: the line\n        ^".
	first, _, _ := strings.Cut(pe.Context, "\n")
	if _, rest, ok := strings.Cut(first, ": "); ok {
		first = rest
	}
	text := strings.TrimSpace(html.UnescapeString(first))
	if text == "" {
		return err
	}
	chapters := b.Chapters
	if j.Chapter != nil {
		chapters = []*book.Chapter{j.Chapter}
	}
	for _, c := range chapters {
		src, rerr := fs.ReadFile(project, c.SourcePath)
		if rerr != nil {
			continue
		}
		for i, line := range bytes.Split(src, []byte("\n")) {
			if bytes.Contains(line, []byte(text)) {
				return &book.Error{Path: c.SourcePath, Line: i + 1, Msg: fmt.Sprintf("the page /%s cannot be minified: %s", j.Path, pe.Message),
					Hint: "check the raw HTML or script on this line: unsafe_html: true publishes it as written"}
			}
		}
	}
	return err
}

package site

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/workbook-press/workbook/internal/assets"
	"github.com/workbook-press/workbook/internal/book"
)

// remoteCSS finds a stylesheet's reference to another host: a font or an
// image in url(…), or an @import.
var remoteCSS = regexp.MustCompile(`(?i)(?:url\(\s*["']?|@import\s+(?:url\(\s*)?["'])((?:https?:)?//[^"')\s]+)`)

// cssWarnings warns about what the stylesheets load from other hosts: the
// Content-Security-Policy (style-src, font-src and img-src 'self') blocks
// it.
func cssWarnings(set *assets.Set) book.Errors {
	var out book.Errors
	for _, f := range set.Files() {
		if !strings.HasSuffix(f.Name, ".css") {
			continue
		}
		for _, m := range remoteCSS.FindAllSubmatchIndex(f.Data, -1) {
			line, _ := book.Position(f.Data, m[0])
			out = append(out, &book.Error{Path: "assets/" + f.Name, Line: line,
				Msg:  fmt.Sprintf("%s is on another host: the site's Content-Security-Policy will block it", f.Data[m[2]:m[3]]),
				Hint: "download the font or file into assets/ and refer to it by a relative path"})
		}
	}
	return out
}

// strictErrors are the warnings of a build that refuses them, each saying
// it is a warning made an error.
func strictErrors(ws book.Errors) book.Errors {
	out := make(book.Errors, len(ws))
	for i, w := range ws {
		e := *w
		e.Msg = "warning (an error with --strict): " + e.Msg
		out[i] = &e
	}
	return out
}

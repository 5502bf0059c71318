package publish

import (
	"bytes"
	"io"
	"path"
	"regexp"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"
)

// minifier holds one configured minify.M, shared by all writers: its
// minifiers keep no state between calls.
type minifier struct {
	m     *minify.M
	byExt map[string]string
}

func newMinifier() *minifier {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true})
	m.Add("text/css", &css.Minifier{})
	m.Add("image/svg+xml", &svg.Minifier{})
	m.AddRegexp(regexp.MustCompile(`^(application|text)/(x-)?(java|ecma)script$`), &js.Minifier{})
	m.AddRegexp(regexp.MustCompile(`[/+]json$`), &json.Minifier{})
	m.AddRegexp(regexp.MustCompile(`[/+]xml$`), &xml.Minifier{})
	return &minifier{
		m: m,
		byExt: map[string]string{
			".html": "text/html", ".css": "text/css", ".js": "application/javascript",
			".mjs": "application/javascript", ".svg": "image/svg+xml", ".json": "application/json",
			".webmanifest": "application/manifest+json", ".xml": "text/xml",
		},
	}
}

// handles reports whether files at p are minified (HTML, CSS, JS, SVG,
// JSON, XML; not images, fonts or text).
func (mf *minifier) handles(p string) bool {
	_, ok := mf.byExt[path.Ext(p)]
	return ok
}

// minifyTo writes data minified to w for the type p's extension names.
// The minifier works on data in place (and appends its terminating NUL
// there when there is room), so data must be the caller's to give.
func (mf *minifier) minifyTo(w io.Writer, p string, data []byte) error {
	return mf.m.Minify(mf.byExt[path.Ext(p)], w, bytes.NewBuffer(data))
}

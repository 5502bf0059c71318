package publish

import (
	"bytes"
	"path"
	"regexp"
	"sync"

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

// minify returns data minified into a new slice for the type its extension
// names.
func (mf *minifier) minify(p string, data []byte) ([]byte, error) {
	var buf bytes.Buffer
	if err := mf.minifyTo(&buf, p, data); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// minifyTo appends data minified to buf. The minifier works on its input
// in place, so it gets a copy, in a reused buffer (given a plain reader it
// reads each page into a new, growing one).
func (mf *minifier) minifyTo(buf *bytes.Buffer, p string, data []byte) error {
	in := inputs.Get().(*bytes.Buffer)
	defer inputs.Put(in)
	in.Reset()
	in.Grow(len(data) + 1) // room for the terminating NUL the parser adds
	in.Write(data)
	buf.Grow(len(data))
	return mf.m.Minify(mf.byExt[path.Ext(p)], buf, in)
}

var inputs = sync.Pool{New: func() any { return new(bytes.Buffer) }}

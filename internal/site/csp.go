package site

import (
	"strings"

	"github.com/workbook-press/workbook"
	"github.com/workbook-press/workbook/internal/netlify"
)

// metaOnlyHeader are the directives a browser ignores in a <meta
// http-equiv> policy: only a header can carry them.
var metaOnlyHeader = map[string]bool{"frame-ancestors": true, "report-uri": true, "report-to": true, "sandbox": true}

// metaCSP is the shipped netlify.toml's Content-Security-Policy for pages,
// without the directives a <meta> cannot carry. One definition: the
// header Netlify and the preview send.
func metaCSP() string {
	rules, err := netlify.ParseHeaders(workbook.Netlify)
	if err != nil {
		panic("the shipped netlify.toml: " + err.Error()) // a test reads it too
	}
	var keep []string
	for _, d := range strings.Split(netlify.HeadersFor(rules, "/")["Content-Security-Policy"], ";") {
		d = strings.TrimSpace(d)
		if name, _, _ := strings.Cut(d, " "); d != "" && !metaOnlyHeader[name] {
			keep = append(keep, d)
		}
	}
	return strings.Join(keep, "; ")
}

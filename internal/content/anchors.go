package content

import (
	"maps"
	"regexp"
)

// htmlID finds an id attribute in a tag of raw HTML: <a id="old-heading"></a>.
var htmlID = regexp.MustCompile(`(?i)<[a-z][a-z0-9-]*\s[^>]*?\bid\s*=\s*["']?([^"'\s>]+)`)

// linkIDs are the ids a link into the file may name: its headings', and,
// when the book lets raw HTML through, those of its raw HTML elements
// (an anchor kept for an old heading's links).
func linkIDs(p *Parsed, unsafe bool) map[string]bool {
	if !unsafe || len(p.Outline.HTML) == 0 {
		return p.Outline.IDs
	}
	ids := maps.Clone(p.Outline.IDs)
	for _, h := range p.Outline.HTML {
		for _, m := range htmlID.FindAllStringSubmatch(h.Text, -1) {
			ids[m[1]] = true
		}
	}
	return ids
}

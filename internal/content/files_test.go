package content

import (
	"errors"
	"strings"
	"testing"

	"github.com/workbook-press/workbook/internal/book"
)

// scriptSVGs are SVG files that run script when opened as a page.
var scriptSVGs = map[string]string{
	"script":        `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`,
	"script-ns":     `<svg:svg xmlns:svg="http://www.w3.org/2000/svg"><svg:script href="evil.js"/></svg:svg>`,
	"script-case":   `<svg xmlns="http://www.w3.org/2000/svg"><SCRIPT>alert(1)</SCRIPT></svg>`,
	"onload":        `<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>`,
	"onclick-upper": `<svg xmlns="http://www.w3.org/2000/svg"><rect ONCLICK="alert(1)"/></svg>`,
	"href":          `<svg xmlns="http://www.w3.org/2000/svg"><a href="javascript:alert(1)"><text>x</text></a></svg>`,
	"href-entity":   `<svg xmlns="http://www.w3.org/2000/svg"><a xlink:href="jav&#x61;script:alert(1)"><text>x</text></a></svg>`,
	"href-space":    `<svg xmlns="http://www.w3.org/2000/svg"><a href=" java	script:alert(1)"><text>x</text></a></svg>`,
	"animate":       `<svg xmlns="http://www.w3.org/2000/svg"><a><set attributeName="href" to="javascript:alert(1)"/><text>x</text></a></svg>`,
	"foreign":       `<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><body xmlns="http://www.w3.org/1999/xhtml"><iframe src="evil.html"/></body></foreignObject></svg>`,
	"entity":        `<!DOCTYPE svg [<!ENTITY s "&#60;script&#62;alert(1)&#60;/script&#62;">]><svg xmlns="http://www.w3.org/2000/svg">&s;</svg>`,
	"stylesheet":    `<?xml-stylesheet type="text/xsl" href="evil.xsl"?><svg xmlns="http://www.w3.org/2000/svg"/>`,
	"data-url":      `<svg xmlns="http://www.w3.org/2000/svg"><image href="data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;"/></svg>`,
	"iframe":        `<svg xmlns="http://www.w3.org/2000/svg"><iframe src="evil.html"/></svg>`,
	"handler":       `<svg xmlns="http://www.w3.org/2000/svg" xmlns:ev="http://www.w3.org/2001/xml-events"><handler ev:event="load">alert(1)</handler></svg>`,
	"broken":        `<svg xmlns="http://www.w3.org/2000/svg"><script`,
}

// TestContentFileTypes: content/ publishes the files a book needs and
// refuses pages, scripts and SVGs with scripts, naming the file, unless
// the book says unsafe_html: true.
func TestContentFileTypes(t *testing.T) {
	ok := []string{"img/a.png", "img/b.JPG", "img/c.jpeg", "img/d.gif", "img/e.webp", "img/f.avif", "sound.mp3", "sound.ogg", "film.mp4", "film.webm",
		"sub.vtt", "sheet.pdf", "font.woff2", "font.ttf", "data.csv", "data.json", "notes.txt"}
	refused := []string{"evil.html", "evil.htm", "evil.xhtml", "evil.js", "evil.mjs", "evil.xml", "evil.xsl", "evil.wasm", "evil.swf", "page.shtml", "README", "run.sh"}
	files := map[string]string{"content/img/clean.svg": `<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"><a href="/talk/"><rect width="1" height="1" style="fill:red"/></a></svg>`}
	for _, p := range ok {
		files["content/"+p] = "data"
	}
	for _, p := range refused {
		files["content/"+p] = "<script>alert(1)</script>"
	}
	for name, svg := range scriptSVGs {
		files["content/svg/"+name+".svg"] = svg
		refused = append(refused, "svg/"+name+".svg")
	}
	_, err := Load(bookWith(files), Options{})
	var errs book.Errors
	if !errors.As(err, &errs) {
		t.Fatalf("got %v, want book.Errors", err)
	}
	got := map[string]string{}
	for _, e := range errs {
		got[e.Path] = e.Error()
	}
	for _, p := range refused {
		if msg, ok := got["content/"+p]; !ok || !strings.Contains(msg, "unsafe_html") {
			t.Errorf("content/%s: got %q, want it refused with a hint naming unsafe_html", p, msg)
		}
	}
	if len(got) != len(refused) {
		t.Errorf("got %d errors, want %d (one per refused file):\n%v", len(got), len(refused), err)
	}

	files["content/_index.md"] = "---\nid: b\ntitle: T\nunsafe_html: true\n---\n"
	b, err := Load(bookWith(files), Options{})
	if err != nil {
		t.Fatalf("with unsafe_html: true: %v", err)
	}
	if len(b.Files) != len(files)-1 {
		t.Errorf("with unsafe_html: true: got %d files, want %d", len(b.Files), len(files)-1)
	}
}

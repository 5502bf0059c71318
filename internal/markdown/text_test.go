package markdown

import (
	"html"
	"regexp"
	"testing"
)

// TestHeadingTextIsPlain: the contents and titles take a heading's words
// as a reader sees them on the page, not its Markdown or HTML: the
// layouts escape them once. Each case's text is also what the page's own
// heading shows.
func TestHeadingTextIsPlain(t *testing.T) {
	heading := regexp.MustCompile(`<h2[^>]*>(.*)</h2>`)
	tags := regexp.MustCompile(`<[^>]*>`)
	for _, tc := range []struct{ src, want string }{
		{"## When there's a setback", "When there’s a setback"},
		{`## "Quoted" -- and... more`, "“Quoted” – and… more"},
		{"## Tom &amp; Jerry &copy; &#169;", "Tom & Jerry © ©"},
		{`## Not \*emphasis\* \# here`, "Not *emphasis* # here"},
		{"## *Some* `code & <b>` **bold**", "Some code & <b> bold"},
		{"## A <b>tag</b><!-- note -->", "A <b>tag</b>"}, // raw HTML shows as text, unless the book allows it
		{`## Tom \&amp; Jerry, &#38;copy;`, "Tom &amp; Jerry, &copy;"},
	} {
		o := New().Convert([]byte(tc.src+"\n"), Options{})
		if len(o.TOC) != 1 || o.TOC[0].Text != tc.want {
			t.Errorf("%s: got contents %+v, want the text %q", tc.src, o.TOC, tc.want)
		}
		parts, _ := o.Resolve(Links{Self: "content/01-a.md"})
		m := heading.FindStringSubmatch(string(parts[0]))
		if m == nil || html.UnescapeString(tags.ReplaceAllString(m[1], "")) != tc.want {
			t.Errorf("%s: the page's heading is %q, which does not show %q", tc.src, m, tc.want)
		}
	}
	if o := New().Convert([]byte("## A <b>tag</b><!-- note -->\n"), Options{Unsafe: true}); o.TOC[0].Text != "A tag" {
		t.Errorf("with raw HTML allowed, got contents %q, want A tag", o.TOC[0].Text)
	}
	if o := New().Convert([]byte("# It's mine\n"), Options{}); o.Title != "It’s mine" {
		t.Errorf("got title %q, want It’s mine", o.Title)
	}
}

package markdown

import "testing"

// TestHeadingTextIsPlain: the contents and titles take a heading's words
// as a reader sees them on the page, not its Markdown or HTML: the
// layouts escape them once.
func TestHeadingTextIsPlain(t *testing.T) {
	for _, tc := range []struct{ src, want string }{
		{"## When there's a setback", "When there’s a setback"},
		{`## "Quoted" -- and... more`, "“Quoted” – and… more"},
		{"## Tom &amp; Jerry &copy; &#169;", "Tom & Jerry © ©"},
		{`## Not \*emphasis\* \# here`, "Not *emphasis* # here"},
		{"## *Some* `code & <b>` **bold**", "Some code & <b> bold"},
		{"## A <b>tag</b>", "A tag"},
	} {
		o := New().Convert([]byte(tc.src+"\n"), Options{})
		if len(o.TOC) != 1 || o.TOC[0].Text != tc.want {
			t.Errorf("%s: got contents %+v, want the text %q", tc.src, o.TOC, tc.want)
		}
	}
	if o := New().Convert([]byte("# It's mine\n"), Options{}); o.Title != "It’s mine" {
		t.Errorf("got title %q, want It’s mine", o.Title)
	}
}

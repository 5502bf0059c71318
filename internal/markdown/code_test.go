package markdown

import (
	"strings"
	"testing"
)

func TestFencesHighlightedByTheirFirstWord(t *testing.T) {
	for _, tc := range []struct{ info, class string }{
		{"rust", "language-rust"},
		{"rust,ignore", "language-rust"},
		{"rust,should_panic,edition2021", "language-rust"},
		{"js {linenos=true}", "language-js"},
		{"js{hl_lines=[2]}", "language-js"},
		{"console", "language-console"},
		{"no-such-language", ""},
	} {
		html, problems := renderBody(t, "```"+tc.info+"\nfn main() { let x = 1; }\n```\n", false)
		if len(problems) > 0 {
			t.Errorf("%q: problems %v", tc.info, problems)
		}
		highlighted := strings.Contains(html, `<pre class="chroma">`)
		switch {
		case tc.class != "" && (!highlighted || !strings.Contains(html, `class="`+tc.class+`"`)):
			t.Errorf("fence %q: got %s, want it highlighted with %s", tc.info, html, tc.class)
		case tc.class == "" && (highlighted || !strings.Contains(html, "<pre><code>fn main()")):
			t.Errorf("fence %q: got %s, want plain text", tc.info, html)
		}
	}
}

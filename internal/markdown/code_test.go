package markdown

import (
	"strings"
	"testing"
	"time"

	"github.com/alecthomas/chroma/v2"
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

// stalling lexes "a" as a keyword, except that its first try stalls and
// gives plain text: a timed-out match is skipped, and a later rule, not an
// error token, takes its place.
type stalling struct {
	chroma.Lexer
	tries int
}

func (l *stalling) Tokenise(*chroma.TokeniseOptions, string) (chroma.Iterator, error) {
	l.tries++
	if l.tries == 1 {
		time.Sleep(matchTimeout)
		return chroma.Literator(chroma.Token{Type: chroma.Text, Value: "a"}), nil
	}
	return chroma.Literator(chroma.Token{Type: chroma.Keyword, Value: "a"}), nil
}

// A try slow enough for a match to have timed out is made again; a quick
// one is final, so a fence highlights the same on a busy machine.
func TestSlowLexingIsRedone(t *testing.T) {
	l := &stalling{}
	tokens, err := tokenise(l, "a")
	if err != nil {
		t.Fatal(err)
	}
	if len(tokens) != 1 || tokens[0].Type != chroma.Keyword || l.tries < 2 {
		t.Errorf("got %v after %d tries; want the keyword of the second, quick try", tokens, l.tries)
	}
}

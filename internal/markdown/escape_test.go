package markdown

import (
	"math/rand/v2"
	"net/url"
	"testing"
)

// TestEscapeURLShortcut: a plain destination comes out as goldmark's
// escaping makes it, and parses without a scheme (resolve skips parsing
// it); random destinations, plain or not, escape as without the shortcut.
func TestEscapeURLShortcut(t *testing.T) {
	alphabet := []byte("aZ09/-_.~#:%&<>\"' ?=+;@!$()*,[]\x00\x7f\xc3\xa9")
	r := rand.New(rand.NewPCG(3, 4))
	plain := 0
	for range 20000 {
		b := make([]byte, r.IntN(24))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		dest := string(b)
		for _, image := range []bool{false, true} {
			for _, unsafe := range []bool{false, true} {
				if got, want := escapeURL(dest, image, unsafe), escapeURLAsGoldmark(dest, image, unsafe); got != want {
					t.Fatalf("escapeURL(%q, image %v, unsafe %v) = %q, want %q", dest, image, unsafe, got, want)
				}
			}
		}
		if plainURL(dest) {
			plain++
			if u, err := url.Parse(dest); err != nil || u.Scheme != "" {
				t.Fatalf("plain %q: url.Parse gives scheme %q, error %v", dest, u.Scheme, err)
			}
		}
	}
	if plain < 100 {
		t.Errorf("only %d plain destinations were tried", plain)
	}
	for _, dest := range []string{"/chapter/#a-heading", "../img/photo.png", "#top", "javascript:alert(1)", "data:text/html,x", "a b", "/x?y=1&z=2"} {
		if got, want := escapeURL(dest, false, false), escapeURLAsGoldmark(dest, false, false); got != want {
			t.Errorf("escapeURL(%q) = %q, want %q", dest, got, want)
		}
	}
}

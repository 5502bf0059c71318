package markdown

import (
	"math/rand/v2"
	"net/url"
	"testing"
)

// TestPlainURLsHaveNoScheme: resolve skips parsing a plain destination,
// which must then parse without a scheme.
func TestPlainURLsHaveNoScheme(t *testing.T) {
	alphabet := []byte("aZ09/-_.~#:%&<>\"' ?=+;@!$()*,[]\x00\x7f\xc3\xa9")
	r := rand.New(rand.NewPCG(3, 4))
	plain := 0
	for range 20000 {
		b := make([]byte, r.IntN(24))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		if dest := string(b); plainURL(dest) {
			plain++
			if u, err := url.Parse(dest); err != nil || u.Scheme != "" {
				t.Fatalf("plain %q: url.Parse gives scheme %q, error %v", dest, u.Scheme, err)
			}
		}
	}
	if plain < 100 {
		t.Errorf("only %d plain destinations were tried", plain)
	}
}

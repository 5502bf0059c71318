package markdown

import (
	"math/rand/v2"
	"testing"
	"unicode"
	"unicode/utf8"
)

// countWordsByRune is countWords decoding every rune: what the ASCII fast
// path must agree with.
func countWordsByRune(b []byte) int {
	n, in := 0, false
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		b = b[size:]
		word := unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'' || r == '’'
		if word && !in {
			n++
		}
		in = word
	}
	return n
}

func TestCountWords(t *testing.T) {
	for _, c := range []struct {
		text string
		want int
	}{
		{"", 0},
		{"Trust is rebuilt slowly.", 4},
		{"It’s what we don't say", 5},
		{"  twelve  12  ", 2},
		{"café, naïve — résumé", 3},
		{"一緒に 話す", 2},
		{"a-b_c", 3},
		{"\xff\xfeword", 1},
	} {
		if got := countWords([]byte(c.text)); got != c.want {
			t.Errorf("countWords(%q) = %d, want %d", c.text, got, c.want)
		}
	}
	alphabet := []rune("ab1 '’-é中\n\t.,\u00a0Ω")
	r := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		var s []rune
		for range r.IntN(40) {
			s = append(s, alphabet[r.IntN(len(alphabet))])
		}
		b := []byte(string(s))
		if r.IntN(10) == 0 && len(b) > 0 {
			b[r.IntN(len(b))] = 0xff // invalid UTF-8
		}
		if got, want := countWords(b), countWordsByRune(b); got != want {
			t.Fatalf("countWords(%q) = %d, decoding every rune gives %d", b, got, want)
		}
	}
}

func BenchmarkCountWords(b *testing.B) {
	text := []byte("The kind routine remembers patiently when the notebook is slow. It’s the parent we don’t repeat, and the evening waits. ")
	b.SetBytes(int64(len(text)))
	for b.Loop() {
		countWords(text)
	}
}

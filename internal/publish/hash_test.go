package publish

import (
	"bytes"
	"testing"
)

// TestFileHashStreamedEqualsWhole: a page written in pieces (the book
// printed on one page) gets the hash the same bytes get at once, and
// different bytes get different hashes.
func TestFileHashStreamedEqualsWhole(t *testing.T) {
	seen := map[string]int{}
	for _, n := range []int{0, 1, 15, 16, 17, 127, 128, 129, 240, 241, 1000, 1 << 16, 3<<20 + 7} {
		data := bytes.Repeat([]byte("<p>chapter</p>\n"), n/15+1)[:n]
		h := newFileHash()
		for p := data; len(p) > 0; p = p[min(len(p), 777):] {
			h.Write(p[:min(len(p), 777)])
		}
		whole := fileHash(data)
		if got := hashString(h); got != whole {
			t.Errorf("%d bytes: streamed hash %s, whole %s", n, got, whole)
		}
		if len(whole) != 32 {
			t.Errorf("%d bytes: hash %q is not 32 hex digits", n, whole)
		}
		if m, dup := seen[whole]; dup {
			t.Errorf("%d and %d bytes have the same hash", m, n)
		}
		seen[whole] = n
	}
}

package book

import (
	"fmt"
	"strings"
)

// Nearest returns the word of known closest to got (case aside) within two
// edits, or "" when none is: the "did you mean" of every error.
func Nearest(got string, known []string) string {
	best, bestDist := "", 3
	for _, k := range known {
		if dist := editDistance(strings.ToLower(got), strings.ToLower(k)); dist < bestDist {
			best, bestDist = k, dist
		}
	}
	return best
}

// Suggest is the hint for an unknown name: "did you mean" the known word
// nearest to got, or else otherwise.
func Suggest(got string, known []string, otherwise string) string {
	if best := Nearest(got, known); best != "" {
		return fmt.Sprintf("did you mean %q?", best)
	}
	return otherwise
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

package content

import (
	"bytes"
	"fmt"
)

// MaxNesting is how deep lists and block quotes may nest in a chapter.
// Markdown's nesting costs more than linear time per level (a list 1,000
// levels deep took 1.8 s to parse, 2,000 levels 10 s, and a 96 MB one
// never ended), and no book nests deeper than a few levels; a deeper line
// is refused with its file and line.
const MaxNesting = 32

// checkNesting returns the 0-based line of body and the depth of the first
// line nested deeper than MaxNesting, or -1. A line's depth is its list
// and quote markers at its start, plus its indentation in columns over 2
// (a nested list item is indented at least 2 columns per level). Lines in
// fenced code are not counted.
func checkNesting(body []byte) (line, depth int) {
	fence := false
	for i := 0; len(body) > 0; i++ {
		l, rest, _ := bytes.Cut(body, []byte("\n"))
		body = rest
		if t := bytes.TrimLeft(l, " \t"); bytes.HasPrefix(t, []byte("```")) || bytes.HasPrefix(t, []byte("~~~")) {
			fence = !fence
		}
		if d := lineDepth(l); !fence && d > MaxNesting {
			return i, d
		}
	}
	return -1, 0
}

// lineDepth is the nesting depth a line's start asks for.
func lineDepth(l []byte) int {
	indent, markers, i := 0, 0, 0
	for ; i < len(l) && (l[i] == ' ' || l[i] == '\t'); i++ {
		indent++
		if l[i] == '\t' {
			indent += 3 // a tab stop is 4 columns
		}
	}
	for i < len(l) {
		j := marker(l, i)
		if j == i {
			break
		}
		markers++
		for i = j; i < len(l) && (l[i] == ' ' || l[i] == '\t'); i++ {
		}
	}
	return indent/2 + markers
}

// marker returns the offset after the list or quote marker at l[i], or i
// when there is none.
func marker(l []byte, i int) int {
	switch c := l[i]; {
	case c == '>':
		return i + 1
	case c == '-' || c == '*' || c == '+':
		if i+1 == len(l) || l[i+1] == ' ' || l[i+1] == '\t' {
			return i + 1
		}
	case c >= '0' && c <= '9':
		j := i
		for j < len(l) && j-i < 9 && l[j] >= '0' && l[j] <= '9' {
			j++
		}
		if j < len(l) && (l[j] == '.' || l[j] == ')') && (j+1 == len(l) || l[j+1] == ' ' || l[j+1] == '\t') {
			return j + 1
		}
	}
	return i
}

// nestingError describes a line nested too deep.
func nestingError(depth int) (msg, hint string) {
	return fmt.Sprintf("lists or quotes nested %d deep, more than the %d a chapter may nest", depth, MaxNesting),
		"flatten the list: a reader follows three or four levels at most"
}

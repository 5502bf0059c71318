package content

import (
	"strings"

	"github.com/workbook-press/workbook/internal/book"
)

// yamlProblem turns a YAML syntax error into a problem at the line that is
// wrong. The parser reports where it gave up, which for a bad indent is
// often the start of the enclosing block (the "fields:" above the line),
// and for a tab the line before it; the author needs the line to change.
// line is the parser's and the problem's, counted in the frontmatter.
func yamlProblem(front []byte, line int, msg string) book.Error {
	lines := strings.Split(string(front), "\n")
	if n := tabIndented(lines); n > 0 {
		return book.Error{Line: n, Col: 1, Msg: "YAML: a tab indents this line", Hint: "indent with spaces only: YAML does not accept tabs"}
	}
	if n := overIndented(lines, line); n > 0 {
		return book.Error{Line: n, Col: indentOf(lines[n-1]) + 1, Msg: "YAML: " + msg + ": this line is indented more than the one before it, which opens no block",
			Hint: "check the indentation: indent it like the line above (items of one list start in the same column), or put it under a `key:` that opens a block"}
	}
	return book.Error{Line: line, Msg: "YAML: " + msg, Hint: "check the indentation, and put quotes around text with a colon, a # or a leading quote"}
}

// tabIndented returns the first line (1-based) with a tab in its
// indentation, or 0.
func tabIndented(lines []string) int {
	for i, l := range lines {
		if strings.Contains(l[:len(l)-len(strings.TrimLeft(l, " \t"))], "\t") {
			return i + 1
		}
	}
	return 0
}

// overIndented returns the first line from `from` on that is indented more
// than the line before it although that line opens no block (it does not
// end with ":", "|" or ">", and is not a list item whose mapping continues
// at this column), or 0.
func overIndented(lines []string, from int) int {
	prev := -1
	for i := range lines {
		t := strings.TrimSpace(lines[i])
		if t == "" || strings.HasPrefix(t, "#") {
			continue
		}
		if prev >= 0 && i+1 >= from && indentOf(lines[i]) > indentOf(lines[prev]) && !opensBlock(lines[prev], indentOf(lines[i])) {
			return i + 1
		}
		prev = i
	}
	return 0
}

// opensBlock reports whether line lets the next line be indented to col.
func opensBlock(line string, col int) bool {
	t := strings.TrimSpace(stripComment(line))
	if strings.HasSuffix(t, ":") || strings.HasSuffix(t, "|") || strings.HasSuffix(t, ">") ||
		strings.HasSuffix(t, "|-") || strings.HasSuffix(t, ">-") || strings.HasSuffix(t, "[") || strings.HasSuffix(t, "{") || strings.HasSuffix(t, ",") {
		return true
	}
	if rest, ok := strings.CutPrefix(t, "- "); ok && !strings.ContainsAny(rest[:1], "{[\"'") && strings.Contains(rest, ":") {
		return col == indentOf(line)+2 // "- id: x" goes on at the column after "- "
	}
	return false
}

// stripComment drops a " # comment" that is not inside quotes.
func stripComment(line string) string {
	quote := rune(0)
	for i, r := range line {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote == 0 && (r == '"' || r == '\''):
			quote = r
		case quote == 0 && r == '#' && (i == 0 || line[i-1] == ' '):
			return line[:i]
		}
	}
	return line
}

func indentOf(line string) int { return len(line) - len(strings.TrimLeft(line, " ")) }

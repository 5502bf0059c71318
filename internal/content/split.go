package content

import (
	"bytes"
	"unicode/utf8"

	"github.com/workbook-press/workbook/internal/book"
)

// Format is the language of a frontmatter block.
type Format int

// Frontmatter formats.
const (
	NoFrontmatter Format = iota
	YAML
	TOML
)

// Split is a source file divided into frontmatter and body.
type Split struct {
	Format      Format
	Frontmatter []byte // without the fences
	FrontLine   int    // file line of the frontmatter's first line
	Body        []byte
	BodyLine    int // lines of the file before the body
}

// SplitFile normalises a file (UTF-8 check, byte order mark, CRLF and CR) and
// splits off a frontmatter between "---" (YAML) or "+++" (TOML) lines. Line
// numbers are kept so later errors point at the real line.
// A problem is returned with its line and column, but no path.
func SplitFile(src []byte) (Split, *book.Error) {
	if !utf8.Valid(src) {
		bad := firstInvalid(src)
		line, col := book.Position(src, bad)
		return Split{}, &book.Error{Line: line, Col: col, Msg: "the file is not UTF-8 text", Hint: "save it as UTF-8 in your editor"}
	}
	src = bytes.TrimPrefix(src, []byte("\ufeff"))
	src = normalizeNewlines(src)
	fence, format := "", NoFrontmatter
	switch {
	case hasFence(src, "---"):
		fence, format = "---", YAML
	case hasFence(src, "+++"):
		fence, format = "+++", TOML
	default:
		return Split{Body: src}, nil
	}
	rest := src[bytes.IndexByte(src, '\n')+1:]
	for off, line := 0, 2; off <= len(rest); line++ {
		l, body, _ := bytes.Cut(rest[off:], []byte("\n"))
		if string(bytes.TrimRight(l, " \t")) == fence {
			return Split{Format: format, Frontmatter: rest[:off], FrontLine: 2, Body: body, BodyLine: line}, nil
		}
		off += len(l) + 1
	}
	return Split{}, &book.Error{Line: 1, Col: 1, Msg: "the frontmatter opened here is never closed", Hint: "did you forget the closing `" + fence + "` line after the frontmatter?"}
}

func hasFence(src []byte, fence string) bool {
	if !bytes.HasPrefix(src, []byte(fence)) {
		return false
	}
	rest := bytes.TrimLeft(src[len(fence):], " \t")
	return len(rest) > 0 && rest[0] == '\n'
}

func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(b)
}

// normalizeNewlines turns CRLF and lone CR line endings into LF: YAML and
// Markdown both count a lone CR as a line break, so the line numbers of
// errors only agree when every part of the build sees the same lines.
func normalizeNewlines(src []byte) []byte {
	if bytes.IndexByte(src, '\r') < 0 {
		return src
	}
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	return bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
}

package book

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Error is a problem in an author's input, located at a file, line and
// column, with a hint on how to fix it.
type Error struct {
	Path string // slash-separated, relative to the project root, e.g. "content/03-talk.md"
	Line int    // 1-based; 0 when the whole file is concerned
	Col  int    // 1-based; 0 when unknown
	Msg  string // what is wrong
	Hint string // how to fix it, optional
}

// Error formats the problem as "path:line:col: msg (hint)".
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(QuotePath(e.Path))
	if e.Line > 0 {
		fmt.Fprintf(&b, ":%d", e.Line)
		if e.Col > 0 {
			fmt.Fprintf(&b, ":%d", e.Col)
		}
	}
	b.WriteString(": ")
	b.WriteString(e.Msg)
	if e.Hint != "" {
		b.WriteString(" (")
		b.WriteString(e.Hint)
		b.WriteString(")")
	}
	return b.String()
}

// Position returns the line and column, both from 1 and the column in
// characters, of byte offset at in src: where an error found by its offset
// is placed.
func Position(src []byte, at int) (line, col int) {
	start := bytes.LastIndexByte(src[:at], '\n') + 1
	return 1 + bytes.Count(src[:at], []byte("\n")), 1 + utf8.RuneCount(src[start:at])
}

// Warning formats the problem as a warning a build let through:
// "path:line:col: warning: msg (hint)".
func (e *Error) Warning() string {
	w := *e
	w.Msg = "warning: " + w.Msg
	return w.Error()
}

// QuotePath returns p as it may be printed to a terminal: as it is, or
// Go-quoted when it holds a control character, an escape sequence or an
// invisible format character (a file name could otherwise clear the
// author's screen or rewrite what the error says).
func QuotePath(p string) string {
	for _, r := range p {
		if !unicode.IsPrint(r) {
			return strconv.Quote(p)
		}
	}
	return p
}

// Errors is every problem a stage found, so an author can fix them all in
// one pass rather than one per build.
type Errors []*Error

// Error joins the problems one per line.
func (es Errors) Error() string {
	lines := make([]string, len(es))
	for i, e := range es {
		lines[i] = e.Error()
	}
	return strings.Join(lines, "\n")
}

// Err returns es as an error, or nil when it is empty.
func (es Errors) Err() error {
	if len(es) == 0 {
		return nil
	}
	return es
}

// Split takes apart a build error joined from several stages, looking
// through the stage names wrapped around them: the author's problems, in
// order, and every other error.
func Split(err error) (list Errors, others []error) {
	switch e := err.(type) {
	case interface{ Unwrap() []error }:
		for _, inner := range e.Unwrap() {
			l, o := Split(inner)
			list, others = append(list, l...), append(others, o...)
		}
		return list, others
	case interface{ Unwrap() error }:
		inner := e.Unwrap()
		if _, joined := inner.(interface{ Unwrap() []error }); joined {
			list, others = Split(inner)
			// A plain error keeps the stage named around it ("assets: ").
			if stage, ok := strings.CutSuffix(err.Error(), inner.Error()); ok && stage != "" {
				for i, o := range others {
					others[i] = fmt.Errorf("%s%w", stage, o)
				}
			}
			return list, others
		}
	}
	var many Errors
	var one *Error
	switch {
	case errors.As(err, &many):
		return many, nil
	case errors.As(err, &one):
		return Errors{one}, nil
	}
	return nil, []error{err}
}

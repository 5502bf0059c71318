package main

import (
	"errors"
	"strings"
	"testing"

	"github.com/workbook-press/workbook/internal/book"
)

// TestReportQuotesEscapes: no escape sequence in a file name reaches the
// terminal, whether the error is an author's problem or any other.
func TestReportQuotesEscapes(t *testing.T) {
	err := errors.Join(book.Errors{{Path: "content/\x1b[2Jx.md", Line: 1, Msg: "bad"}},
		errors.New("write: minify \x1b]0;owned\x07/index.html: unexpected &\n    1: line"))
	var out strings.Builder
	reportBuildError(&out, err, "public")
	if strings.ContainsAny(out.String(), "\x1b\x07") {
		t.Errorf("got %q, want no raw escape", out.String())
	}
	if !strings.Contains(out.String(), `\x1b]0;owned\a/index.html`) || !strings.Contains(out.String(), "\n    1: line") {
		t.Errorf("got %q, want the escapes shown quoted and the line breaks kept", out.String())
	}
}

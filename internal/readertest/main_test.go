// Package readertest checks, in headless Chromium, how a reader finds their
// way in the shipped book: the contents beside the page at 1,280 px and
// behind "Menu" at 375 px, where a chapter is in the book, the worksheets
// in "On this page", Continue, the arrow keys (nav_test.go), and search of
// the book's text and of the reader's own answers, offline, with nothing
// of the answers written anywhere but the reader's record (search_test.go).
// The book is built once; each test serves it on its own origin.
package readertest

import (
	"testing"

	"github.com/workbook-press/workbook/internal/browsertest"
)

// TestMain shares one browser among the package's browser tests.
func TestMain(m *testing.M) { browsertest.Main(m) }

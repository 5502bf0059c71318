package content

import (
	"errors"
	"strings"
	"testing"

	"github.com/workbook-press/workbook/internal/book"
)

// TestProblemsPerFileAreCapped: a chapter with 1,000 broken links reports
// the first MaxProblemsPerFile of them and a count of the rest, not 1,000
// lines.
func TestProblemsPerFileAreCapped(t *testing.T) {
	md := "# Links\n\n" + strings.Repeat("[x](missing.md)\n", 1000)
	_, err := Load(bookWith(map[string]string{"content/02-links.md": md}), Options{})
	var errs book.Errors
	if !errors.As(err, &errs) {
		t.Fatalf("got %v, want book.Errors", err)
	}
	if len(errs) != MaxProblemsPerFile+1 {
		t.Fatalf("got %d errors, want %d", len(errs), MaxProblemsPerFile+1)
	}
	if last := errs[len(errs)-1].Error(); !strings.Contains(last, "content/02-links.md:53:1: and 950 more problems from here on") {
		t.Errorf("got last error %q, want the count of the rest", last)
	}
}

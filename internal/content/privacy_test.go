package content

import (
	"errors"
	"testing"

	"github.com/workbook-press/workbook/internal/book"
)

// TestQuickExitStaysOnTheSite: "Leave quickly" must not ask another site
// for anything, and a backup's name must not carry more than a plain word.
func TestQuickExitStaysOnTheSite(t *testing.T) {
	index := func(extra string) map[string]string {
		return map[string]string{"content/_index.md": "---\nid: test-book\ntitle: A Test Book\n" + extra + "---\n\nWelcome.\n"}
	}
	b, err := Load(bookWith(index("quick_exit: /weather/\nbackup_name: my-notes\n")), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if b.Site.QuickExit != "/weather/" || b.Site.BackupName != "my-notes" {
		t.Errorf("got quick_exit %q, backup_name %q; want /weather/ and my-notes", b.Site.QuickExit, b.Site.BackupName)
	}
	for _, tc := range []struct{ extra, pos, msg string }{
		{"quick_exit: https://example.com/\n", "content/_index.md:4:13", "not a page of this site"},
		{"quick_exit: //example.com/\n", "content/_index.md:4:13", "not a page of this site"},
		{"backup_name: Our Affair Notes\n", "content/_index.md:4:14", "not a plain name"},
	} {
		_, err := Load(bookWith(index(tc.extra)), Options{})
		var errs book.Errors
		if !errors.As(err, &errs) || len(errs) != 1 || position(errs[0]) != tc.pos || !want(want{tc.pos, tc.msg, ""}).matches(errs[0]) {
			t.Errorf("%q: got %v; want one error at %s: …%s…", tc.extra, err, tc.pos, tc.msg)
		}
	}
}

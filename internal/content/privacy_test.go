package content

import (
	"errors"
	"fmt"
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

// TestNameDateLines: blank printed worksheets have Name and Date lines
// unless the book's name_date: or the worksheet's own turns them off; a
// worksheet's own setting wins. A value that is not true or false is an
// error at its line.
func TestNameDateLines(t *testing.T) {
	sheets := "---\ntitle: X\nworksheets:\n  - {id: plain, title: P, fields: [{id: a, label: A}]}\n" +
		"  - {id: off, title: O, name_date: false, fields: [{id: a, label: A}]}\n" +
		"  - {id: on, title: N, name_date: true, fields: [{id: a, label: A}]}\n---\n"
	for _, tc := range []struct{ index, want string }{
		{indexMD, "map[off:false on:true plain:true]"},
		{"---\nid: test-book\ntitle: T\nname_date: false\n---\n", "map[off:false on:true plain:false]"},
	} {
		got := map[string]bool{}
		for _, ws := range load(t, map[string]string{"content/_index.md": tc.index, x: sheets}, Options{}).Worksheets() {
			got[ws.ID] = ws.NameDate
		}
		if fmt.Sprint(got) != tc.want {
			t.Errorf("index %q: Name and Date lines by worksheet %v, want %v", tc.index, got, tc.want)
		}
	}
	for _, tc := range []struct {
		files map[string]string
		pos   string
	}{
		{map[string]string{"content/_index.md": "---\nid: b\ntitle: T\nname_date: \"no lines\"\n---\n"}, "content/_index.md:4:12"},
		{one("---\ntitle: X\nworksheets:\n  - id: w\n    title: W\n    name_date: [name]\n    fields: [{id: a, label: A}]\n---\n"), x + ":6:16"},
	} {
		_, err := Load(bookWith(tc.files), Options{})
		var errs book.Errors
		if !errors.As(err, &errs) || len(errs) != 1 || !(want{tc.pos, "name_date must be true or false", "write true or false"}).matches(errs[0]) {
			t.Errorf("got %v; want one error at %s: name_date must be true or false", err, tc.pos)
		}
	}
}

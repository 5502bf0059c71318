package render

import (
	"reflect"
	"slices"
	"testing"

	"github.com/workbook-press/workbook/internal/book"
	"github.com/workbook-press/workbook/internal/memo"
)

// A page's key covers what its layout can read, and no more: no page but
// the book printed on one page can reach another chapter's text, its
// headings or its length, and no page but that one and a chapter's own
// page can reach the chapter's text.
func TestPagesReachOnlyTheirInputs(t *testing.T) {
	b, r := fixture(t)
	for _, j := range Plan(b) {
		if j.Kind == PrintBook {
			continue
		}
		d, err := r.data(j)
		if err != nil {
			t.Fatal(err)
		}
		reach(reflect.ValueOf(d), map[uintptr]bool{}, func(c *book.Chapter) {
			if c != j.Chapter && (c.Segments != nil || c.TOC != nil || c.Words != 0) {
				t.Errorf("%s: its layout can read the text of %s", j.Path, c.SourcePath)
			}
			if j.Chapter == nil && c.Worksheets != nil && j.Kind != Home && j.Kind != Print {
				t.Errorf("%s: its layout can read the worksheets of %s", j.Path, c.SourcePath)
			}
		})
	}
}

// reach calls found with every chapter reachable from v.
func reach(v reflect.Value, seen map[uintptr]bool, found func(*book.Chapter)) {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() || seen[v.Pointer()] {
			return
		}
		seen[v.Pointer()] = true
		if c, ok := v.Interface().(*book.Chapter); ok {
			found(c)
		}
		reach(v.Elem(), seen, found)
	case reflect.Interface:
		if !v.IsNil() {
			reach(v.Elem(), seen, found)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			reach(v.Index(i), seen, found)
		}
	case reflect.Struct:
		for i := range v.NumField() {
			reach(v.Field(i), seen, found)
		}
	}
}

// Editing a chapter's text changes the key of its page and of the book
// printed on one page; its title changes every page's contents.
func TestKeyChangesWithWhatThePageShows(t *testing.T) {
	b, r := fixture(t)
	keys := func() map[string]memo.Key {
		r.books = nil // a build's renderer hashes its book once; this test changes it in place
		out := map[string]memo.Key{}
		for _, j := range Plan(b) {
			k, err := r.Key(j, memo.Key{})
			if err != nil {
				t.Fatal(err)
			}
			out[j.Path] = k
		}
		return out
	}
	changed := func(before, after map[string]memo.Key) []string {
		var paths []string
		for p, k := range after {
			if before[p] != k {
				paths = append(paths, p)
			}
		}
		slices.Sort(paths)
		return paths
	}
	c := b.Chapters[1]
	before := keys()
	if again := keys(); len(changed(before, again)) > 0 {
		t.Fatalf("the keys changed with nothing else: %v", changed(before, again))
	}
	c.Segments = append(slices.Clone(c.Segments), book.Segment{HTML: "<p>One more line.</p>"})
	c.Words++
	after := keys()
	if got, want := changed(before, after), []string{"print/book/index.html", c.OutputPath()}; !slices.Equal(got, want) {
		t.Errorf("after editing a chapter's text, the pages %v changed, want %v", got, want)
	}
	c.Title += " again"
	if got := changed(after, keys()); len(got) != len(after) {
		t.Errorf("after changing a title, only %v changed, want every page", got)
	}
}

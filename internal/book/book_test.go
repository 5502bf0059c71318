package book

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

func TestLinkAndGroups(t *testing.T) {
	b := &Book{}
	for i, part := range []string{"", "One", "One", "", "Two", "One"} {
		b.Chapters = append(b.Chapters, &Chapter{Slug: fmt.Sprint(i), Part: part})
	}
	b.Link()
	var got []string
	for _, g := range b.Groups() {
		var slugs []string
		for _, c := range g.Chapters {
			slugs = append(slugs, c.Slug)
		}
		got = append(got, g.Title+":"+strings.Join(slugs, ","))
	}
	if want := ":0|One:1,2|:3|Two:4|One:5"; strings.Join(got, "|") != want {
		t.Errorf("groups: got %s, want %s", strings.Join(got, "|"), want)
	}
	if len(b.Parts) != 3 || b.Parts[0].Title != "One" || len(b.Parts[0].Chapters) != 2 {
		t.Errorf("parts: got %+v, want One (2 chapters), Two, One", b.Parts)
	}
	first, last := b.Chapters[0], b.Chapters[5]
	if first.Prev != nil || first.Next != b.Chapters[1] || last.Next != nil || last.Prev != b.Chapters[4] || last.Index != 5 {
		t.Errorf("prev/next/index wrong at the ends")
	}
}

func TestScalePoints(t *testing.T) {
	for _, c := range []struct {
		f    Field
		want string
	}{
		{Field{Type: Scale, Min: 0, Max: 3, Low: "not at all", High: "very much"}, `0:"0 (not at all)" 1:"" 2:"" 3:"3 (very much)"`},
		{Field{Type: Scale, Min: 1, Max: 2}, `1:"1" 2:"2"`},
		{Field{Type: Scale, Min: 5, Max: 5, Low: "low", High: "high"}, `5:"5 (low) (high)"`},
		{Field{Type: Scale, Min: 2, Max: 1}, ``},
		{Field{Type: Choice, Min: 0, Max: 3}, ``},
	} {
		var got []string
		for _, p := range c.f.ScalePoints() {
			got = append(got, fmt.Sprintf("%d:%q", p.Value, p.Label))
		}
		if strings.Join(got, " ") != c.want {
			t.Errorf("%+v: got %s, want %s", c.f, strings.Join(got, " "), c.want)
		}
	}
	for _, typ := range FieldTypes {
		f := Field{Type: typ}
		grouped := typ == Choice || typ == Checklist || typ == Scale || typ == List
		if f.Grouped() != grouped || f.Clearable() != (typ == Choice || typ == Scale) {
			t.Errorf("%s: Grouped %v, Clearable %v", typ, f.Grouped(), f.Clearable())
		}
	}
}

// TestErrorQuotesOddFileNames: a file name with a terminal escape sequence
// or another control character is printed quoted, never raw.
func TestErrorQuotesOddFileNames(t *testing.T) {
	for _, tc := range []struct{ path, want string }{
		{"content/03-talk.md", "content/03-talk.md:2: bad"},
		{"content/été.md", "content/été.md:2: bad"},
		{"content/\x1b[2J\x1b]0;owned\x07.md", `"content/\x1b[2J\x1b]0;owned\a.md":2: bad`},
		{"content/a\nb.md", `"content/a\nb.md":2: bad`},
		{"content/\u202eevil.md", `"content/\u202eevil.md":2: bad`},
	} {
		if got := (&Error{Path: tc.path, Line: 2, Msg: "bad"}).Error(); got != tc.want {
			t.Errorf("got %s, want %s", got, tc.want)
		}
	}
}

// TestSplitReportsEveryProblem: a stage's name wrapped around joined errors
// hides none of them (the build command once printed only the first list),
// and a plain error among them still says which stage it came from.
func TestSplitReportsEveryProblem(t *testing.T) {
	err := fmt.Errorf("assets: %w", errors.Join(
		Errors{{Path: "content/01-a.md", Line: 2, Msg: "unknown key"}},
		errors.New("assets/css/app.css refers to x.css"),
		&Error{Path: "layouts/base.html", Line: 3, Msg: "bad action"},
	))
	list, others := Split(err)
	if len(list) != 2 || list[0].Path != "content/01-a.md" || list[1].Path != "layouts/base.html" || len(others) != 1 || others[0].Error() != "assets: assets/css/app.css refers to x.css" {
		t.Errorf("got %v and %v, want the two located problems and the assets error, named by its stage", list, others)
	}
}

package book

import (
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

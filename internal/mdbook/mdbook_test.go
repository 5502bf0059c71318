package mdbook

import (
	"path"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"go.yaml.in/yaml/v3"
)

func TestParseSummary(t *testing.T) {
	src := "# Summary\n\n[Intro](README.md)\n\n# Part one\n\n- [A](a.md)\n    - [B](./sub/b.md)\n        - [C](sub/c.md)\n\t- [D](d.md)\n- [Later]()\n\nsome prose\n\n---\n\n[Thanks](thanks.md)\n"
	entries, drafts, skipped := parseSummary([]byte(src))
	want := []entry{
		{Title: "Intro", Path: "README.md", Line: 3},
		{Title: "A", Path: "a.md", Part: "Part one", Line: 7},
		{Title: "B", Path: "sub/b.md", Part: "Part one", Depth: 1, Line: 8},
		{Title: "C", Path: "sub/c.md", Part: "Part one", Depth: 2, Line: 9},
		{Title: "D", Path: "d.md", Part: "Part one", Depth: 1, Line: 10}, // a tab is four spaces
		{Title: "Thanks", Path: "thanks.md", Line: 17},
	}
	if !reflect.DeepEqual(entries, want) {
		t.Errorf("entries:\n%+v\nwant\n%+v", entries, want)
	}
	if len(drafts) != 1 || drafts[0].Title != "Later" || drafts[0].Line != 11 {
		t.Errorf("drafts %+v, want Later at line 11", drafts)
	}
	if len(skipped) != 1 || skipped[0].Title != "some prose" || skipped[0].Line != 13 {
		t.Errorf("skipped %+v, want the prose at line 13", skipped)
	}
}

func TestInclude(t *testing.T) {
	listing := "// ANCHOR: all\nline 2\n// ANCHOR: main\nfn main() {}\n// ANCHOR_END: main\nline 6\n// ANCHOR_END: all\n"
	c := &converter{src: fstest.MapFS{"src/x.rs": {Data: []byte(listing)}}}
	for _, tc := range []struct{ arg, want, err string }{
		{arg: "x.rs", want: "line 2\nfn main() {}\nline 6"},
		{arg: "x.rs:main", want: "fn main() {}"},
		{arg: "x.rs:all", want: "line 2\nfn main() {}\nline 6"},
		{arg: "x.rs:2", want: "line 2"},
		{arg: "x.rs:2:4", want: "line 2\nfn main() {}"},
		{arg: "x.rs:6:", want: "line 6"},
		{arg: "x.rs::2", want: "line 2"},
		{arg: "x.rs:0", err: "x.rs has 7 lines, not 0"},
		{arg: "x.rs:5:3", err: "x.rs has 7 lines, not 5:3"},
		{arg: "x.rs:9:", err: "x.rs has 7 lines, not 9:"},
		{arg: "x.rs:mai", err: `no anchor "mai"`},
		{arg: "y.rs", err: "cannot read src/y.rs"},
	} {
		got, err := c.include("src", tc.arg)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("include %s: error %v, want one with %q", tc.arg, err, tc.err)
			}
			continue
		}
		if err != nil || got != tc.want {
			t.Errorf("include %s = %q, %v; want %q", tc.arg, got, err, tc.want)
		}
	}
}

// FuzzConvert imports books made of any book.toml, SUMMARY.md, chapter
// and included file. It must not panic, must write only clean paths inside
// the new book, and every chapter and the home page must start with
// frontmatter that parses, each chapter weighted by its place.
func FuzzConvert(f *testing.F) {
	f.Add("[book]\ntitle = \"A \\\"small\\\" book\"\nauthors = [\"Ada\"]\n",
		"# Summary\n\n[Intro](README.md)\n# Part\n- [One](one.md)\n    - [Two](sub/two.md)\n- [Soon]()\n",
		"# The one: a \\ title\n\nSee [two](sub/two.html#x), ![img](img/a.png) and [out](../book.toml).\n\n```rust\n{{#include ../x.rs:main}}\n```\n{{#include x.rs:2:3}} {{#playground x.rs}}\n",
		"// ANCHOR: main\nfn main() {}\n// ANCHOR_END: main\n")
	f.Add("[book]\nsrc = \"../..\"\n", "- [x](../../../etc/passwd)\n- [y](/abs.md)\n[z](one.md)\n[z](one.md)\n", "no heading\n# late heading\n", "")
	f.Add("[book]\ntitle = \"\\u2028\\u0000\"\ndescription = \"---\\nid: x\"\n", "- [\u00e9t\u00e9](one.md)\n", "\xff# \xfe\n", "\n\n")
	f.Add("[book]\n", strings.Repeat("- [Gone](gone.md)\n", 10)+"- [One](one.md)\n", "# Eleventh\n", "") // chapter 11: a two-digit number
	slug := regexp.MustCompile(`[^a-z0-9]+`)
	slugify := func(s string) string { return strings.Trim(slug.ReplaceAllString(strings.ToLower(s), "-"), "-") }
	f.Fuzz(func(t *testing.T, toml, summary, chapter, listing string) {
		fsys := fstest.MapFS{
			"book.toml":       {Data: []byte(toml)},
			"src/SUMMARY.md":  {Data: []byte(summary)},
			"src/one.md":      {Data: []byte(chapter)},
			"src/sub/two.md":  {Data: []byte(chapter)},
			"src/README.md":   {Data: []byte(chapter)},
			"src/x.rs":        {Data: []byte(listing)},
			"src/img/a.png":   {Data: []byte("PNG")},
			"x.rs":            {Data: []byte(listing)},
			"notes/extra.txt": {Data: []byte(listing)},
		}
		res, err := Convert(fsys, slugify)
		if err != nil {
			return // a book.toml that does not parse, or no SUMMARY.md where it says
		}
		for name, data := range res.Files {
			if path.Clean(name) != name || !strings.HasPrefix(name, "content/") {
				t.Fatalf("writes %q: not a clean path inside content/", name)
			}
			if chapterFile.MatchString(name) || name == "content/_index.md" {
				checkFrontmatter(t, name, data)
			}
		}
	})
}

// chapterFile is a chapter the import writes: content/NN-name.md.
var chapterFile = regexp.MustCompile(`^content/[0-9]+-[^/]*\.md$`)

// checkFrontmatter fails unless data starts with frontmatter that parses,
// with a title, and for a chapter NN-….md a weight of NN.
func checkFrontmatter(t *testing.T, name string, data []byte) {
	t.Helper()
	text, ok := strings.CutPrefix(string(data), "---\n")
	end := strings.Index(text, "\n---\n")
	if !ok || end < 0 {
		t.Fatalf("%s has no frontmatter:\n%s", name, data)
	}
	var fm struct {
		ID, Title, Description, Author, Language *string
		Weight                                   int
		Part                                     string
	}
	dec := yaml.NewDecoder(strings.NewReader(text[:end]))
	dec.KnownFields(true) // as the book's loader: a key it does not know is an error
	if err := dec.Decode(&fm); err != nil || fm.Title == nil {
		t.Fatalf("%s: the frontmatter does not parse, or has no title (%v):\n%s", name, err, text[:end])
	}
	if name == "content/_index.md" {
		return
	}
	num, _, _ := strings.Cut(path.Base(name), "-")
	if n, err := strconv.Atoi(num); err != nil || n != fm.Weight {
		t.Fatalf("%s has weight %d, want %s", name, fm.Weight, num)
	}
}

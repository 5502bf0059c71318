package workbook_test

import (
	"os"
	"regexp"
	"strings"
	"testing"

	"workbook/internal/book"
	"workbook/internal/content"
)

// TestShippedBook checks the book in content/ the way its editor would:
// enough chapters and worksheets, every field type exercised, chapters of a
// readable length, no broken link (the loader refuses those).
func TestShippedBook(t *testing.T) {
	b, err := content.Load(os.DirFS("."), content.Options{})
	if err != nil {
		t.Fatalf("content/ does not load:\n%v", err)
	}
	if n := len(b.Chapters); n < 8 || n > 12 {
		t.Errorf("got %d chapters, want 8 to 12", n)
	}
	if n := len(b.Worksheets()); n < 12 {
		t.Errorf("got %d worksheets, want 12 or more", n)
	}
	used := map[book.FieldType]int{}
	for _, ws := range b.Worksheets() {
		for _, f := range ws.Fields {
			used[f.Type]++
		}
		if ws.Intro == "" || ws.Minutes == 0 {
			t.Errorf("%s: worksheet %q needs an intro and a time estimate (minutes)", ws.Chapter.SourcePath, ws.ID)
		}
	}
	for _, ft := range book.FieldTypes {
		if used[ft] == 0 {
			t.Errorf("no worksheet uses the field type %q", ft)
		}
	}
	for _, c := range b.Chapters {
		if c.Words < 700 || c.Words > 1500 {
			t.Errorf("%s: %d words, want 700 to 1,500", c.SourcePath, c.Words)
		}
		if c.Description == "" {
			t.Errorf("%s: no description for the table of contents", c.SourcePath)
		}
	}
}

// TestShippedBookIsOriginal fails when eight or more words in a row of the
// seed article appear in the book: its ideas are welcome, its sentences not.
func TestShippedBookIsOriginal(t *testing.T) {
	seed, err := os.ReadFile("../shared/seed/rebuilding-trust.txt")
	if err != nil {
		t.Skipf("the seed article is not beside the repo (%v); nothing to compare", err)
	}
	const n = 8
	seen := map[string]bool{}
	for _, s := range shingles(string(seed), n) {
		seen[s] = true
	}
	files, _ := os.ReadDir("content")
	for _, f := range files {
		if !strings.HasSuffix(f.Name(), ".md") {
			continue
		}
		data, err := os.ReadFile("content/" + f.Name())
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range shingles(string(data), n) {
			if seen[s] {
				t.Errorf("content/%s repeats %d words of the seed article: %q", f.Name(), n, s)
			}
		}
	}
}

var word = regexp.MustCompile(`[\p{L}\p{N}']+`)

// shingles returns every run of n consecutive words, lowercased, with
// curly apostrophes made straight.
func shingles(text string, n int) []string {
	text = strings.NewReplacer("’", "'", "‘", "'").Replace(strings.ToLower(text))
	words := word.FindAllString(text, -1)
	var out []string
	for i := 0; i+n <= len(words); i++ {
		out = append(out, strings.Join(words[i:i+n], " "))
	}
	return out
}

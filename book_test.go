package workbook_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/workbook-press/workbook/internal/book"
	"github.com/workbook-press/workbook/internal/content"
)

// TestShippedBook checks the book in content/ the way its editor would:
// enough chapters and worksheets, every field type exercised, chapters of a
// readable length, no broken link (the loader refuses those).
func TestShippedBook(t *testing.T) {
	b, err := content.Load(os.DirFS("."), content.Options{})
	if err != nil {
		t.Fatalf("content/ does not load:\n%v", err)
	}
	if n := len(b.Chapters); n < 10 || n > 14 {
		t.Errorf("got %d chapters, want 10 to 14", n)
	}
	if n := len(b.Worksheets()); n < 12 {
		t.Errorf("got %d worksheets, want 12 or more", n)
	}
	used := map[book.FieldType]int{}
	for _, ws := range b.Worksheets() {
		for _, f := range ws.Fields {
			used[f.Type]++
		}
		if ws.Intro == "" || ws.Minutes == 0 || ws.Example == "" {
			t.Errorf("%s: worksheet %q needs an intro, a time estimate (minutes) and an example", ws.Chapter.SourcePath, ws.ID)
		}
	}
	for _, ft := range book.FieldTypes {
		if used[ft] == 0 {
			t.Errorf("no worksheet uses the field type %q", ft)
		}
	}
	for _, c := range b.Chapters {
		if c.Words < 600 || c.Words > 1800 {
			t.Errorf("%s: %d words, want 600 to 1,800", c.SourcePath, c.Words)
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

// TestShippedBookReadsEasily keeps every chapter plain enough for a
// reader who is upset and tired: a Flesch reading ease of 80 or more
// (scripts/readability, run in CI, prints the table and checks the same).
func TestShippedBookReadsEasily(t *testing.T) {
	files, _ := filepath.Glob("content/*.md")
	if len(files) == 0 {
		t.Fatal("no chapters in content/")
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		// The frontmatter's prompts are short, not prose: score the body.
		split, serr := content.SplitFile(data)
		if serr != nil {
			t.Fatalf("%s: the frontmatter does not split", f)
		}
		score := fleschReadingEase(string(split.Body))
		t.Logf("%s: Flesch reading ease %.0f", f, score)
		if score < 80 {
			t.Errorf("%s: Flesch reading ease %.0f, want 80 or more: shorter sentences, plainer words", f, score)
		}
	}
}

func TestFleschReadingEase(t *testing.T) {
	plain := "The cat sat on the mat. It was warm. We ate some bread and jam."
	dense := "Institutional accountability necessitates comprehensive organizational transformation, notwithstanding considerable administrative complications inherently associated with interdepartmental communication."
	if got := fleschReadingEase(plain); got < 90 {
		t.Errorf("plain text scores %.0f, want 90 or more", got)
	}
	if got := fleschReadingEase(dense); got > 10 {
		t.Errorf("dense text scores %.0f, want 10 or less", got)
	}
	for w, want := range map[string]int{"cat": 1, "table": 2, "trust": 1, "promise": 2, "conversation": 4, "make": 1, "the": 1} {
		if got := syllables(w); got != want {
			t.Errorf("syllables(%q) = %d, want %d", w, got, want)
		}
	}
}

var sentenceEnd = regexp.MustCompile(`[.!?…]+["”’)]*(\s|$)|\n\s*\n|\n\s*[-*#]`)

// fleschReadingEase scores English text: 206.835 - 1.015 words per
// sentence - 84.6 syllables per word. Headings and list items count as
// sentences of their own.
func fleschReadingEase(text string) float64 {
	words := word.FindAllString(strings.ToLower(text), -1)
	sentences := len(sentenceEnd.FindAllString(text, -1))
	if len(words) == 0 || sentences == 0 {
		return 0
	}
	syl := 0
	for _, w := range words {
		syl += syllables(w)
	}
	return 206.835 - 1.015*float64(len(words))/float64(sentences) - 84.6*float64(syl)/float64(len(words))
}

var vowelGroup = regexp.MustCompile(`[aeiouy]+`)

// syllables estimates the syllables of a lowercase English word: vowel
// groups, less a silent final e.
func syllables(w string) int {
	w = strings.Trim(w, "'")
	n := len(vowelGroup.FindAllString(w, -1))
	if strings.HasSuffix(w, "e") && !strings.HasSuffix(w, "le") && n > 1 {
		n--
	}
	return max(n, 1)
}

// TestWorksheetIDsSurvive keeps the answers readers saved under an earlier
// edition: every worksheet and field id of the first edition
// (testdata/ids/edition-1.txt) must still exist, be taken over by a field's `was:`,
// or be listed in testdata/ids/retired.txt; and no retired id may be used again.
func TestWorksheetIDsSurvive(t *testing.T) {
	b, err := content.Load(os.DirFS("."), content.Options{})
	if err != nil {
		t.Fatalf("content/ does not load:\n%v", err)
	}
	current := map[string]string{} // id -> where it is used now
	taken := map[string]string{}   // old id named in a was: list -> the field that took it over
	for _, ws := range b.Worksheets() {
		current[ws.ID] = ws.Chapter.SourcePath
		for _, f := range ws.Fields {
			current[ws.ID+"/"+f.ID] = ws.Chapter.SourcePath
			for _, w := range f.Was {
				taken[ws.ID+"/"+w] = ws.ID + "/" + f.ID
			}
		}
	}
	old := readIDs(t, "testdata/ids/edition-1.txt")
	retired := readIDs(t, "testdata/ids/retired.txt")
	if len(old) == 0 {
		t.Fatal("testdata/ids/edition-1.txt lists no ids")
	}
	for id := range retired {
		if where, ok := current[id]; ok {
			t.Errorf("%s uses %q, which testdata/ids/retired.txt retires: choose a new id", where, id)
		}
		if by, ok := taken[id]; ok {
			t.Errorf("%q is both retired (testdata/ids/retired.txt) and taken over by %s's was:; it is one or the other", id, by)
		}
		if !old[id] {
			t.Logf("%q is retired but was not in the first edition", id)
		}
	}
	for id := range old {
		if _, ok := current[id]; ok {
			continue
		}
		if _, ok := taken[id]; ok {
			continue
		}
		if retired[id] {
			continue
		}
		t.Errorf("%q of the first edition is gone: rename it with was: in its field, or list it in testdata/ids/retired.txt", id)
	}
}

// readIDs reads a list of ids, one a line; "#" starts a comment.
func readIDs(t *testing.T, path string) map[string]bool {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, line := range strings.Split(string(data), "\n") {
		if i := strings.Index(line, "#"); i >= 0 {
			line = line[:i]
		}
		if line = strings.TrimSpace(line); line != "" {
			ids[line] = true
		}
	}
	return ids
}

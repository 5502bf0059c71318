package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

const newUsage = `Usage: workbook new chapter [--src DIR] "Title of the chapter"

Creates content/NN-title-of-the-chapter.md, numbered after the last chapter
in the book's own style (after ch03-01-intro.md comes ch03-02-…), with a
frontmatter to fill in.
`

func runNew(args []string, stdout, stderr io.Writer) error {
	words, src := valueFlag(args, "src")
	if src == "" {
		src = "."
	}
	if len(words) < 2 || words[0] != "chapter" {
		return wrongUsage(stderr, newUsage, `want: workbook new chapter "Title"`)
	}
	title := strings.TrimSpace(strings.Join(words[1:], " "))
	slug := slugify(title)
	if slug == "" {
		return fmt.Errorf("%w: the title %q has no letters or digits to make a file name from", errUsage, title)
	}
	dir := filepath.Join(src, "content")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	prefix, same, err := scanChapters(dir, slug)
	if err != nil {
		return err
	}
	if same != "" {
		return fmt.Errorf("%s already exists with the URL /%s/; give the new chapter another title, or edit that file", filepath.Join(dir, same), slug)
	}
	path := filepath.Join(dir, prefix+slug+".md")
	body := fmt.Sprintf("---\ntitle: %s\ndescription: \"\"\n---\n\nWrite the chapter here.\n", strconv.Quote(title))
	if err := writeNew(path, []byte(body)); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "created", path)
	return nil
}

// scanChapters returns the file name prefix of the next chapter in the
// book's own numbering, and the name of a chapter file whose name without
// its prefix is already slug.
func scanChapters(dir, slug string) (prefix, same string, err error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return "", "", err
	}
	var names []string
	for _, e := range ents {
		name, ok := strings.CutSuffix(e.Name(), ".md")
		if !ok || e.IsDir() || strings.HasPrefix(name, "_") {
			continue
		}
		if strings.TrimPrefix(name, numbering.FindString(name)) == slug {
			same = e.Name()
		}
		names = append(names, name)
	}
	return nextPrefix(names), same, nil
}

// numbering matches a file name's numbering: letters, then numbers each
// followed by "-", "_" or ".": "03-", "ch03-01-", "part2_07_".
var numbering = regexp.MustCompile(`^[A-Za-z]*(?:\d+[-_.])+`)

var digitRun = regexp.MustCompile(`\d+`)

// nextPrefix numbers a chapter after the last one of names, in its style:
// after "ch03-01-intro" comes "ch03-02-", after "7-x" comes "8-", and a
// book without numbers starts at "01-".
func nextPrefix(names []string) string {
	last := ""
	for _, n := range names {
		p := numbering.FindString(n)
		if p != "" && (last == "" || naturalLess(last, p)) {
			last = p
		}
	}
	if last == "" {
		return "01-"
	}
	digits := digitRun.FindAllStringIndex(last, -1)
	at := digits[len(digits)-1]
	n, _ := strconv.Atoi(last[at[0]:at[1]])
	return fmt.Sprintf("%s%0*d%s", last[:at[0]], at[1]-at[0], n+1, last[at[1]:])
}

// naturalLess compares numberings number by number: "ch3-10-" is after "ch3-9-".
func naturalLess(a, b string) bool {
	na, nb := digitRun.FindAllString(a, -1), digitRun.FindAllString(b, -1)
	for i := 0; i < len(na) && i < len(nb); i++ {
		x, _ := strconv.Atoi(na[i])
		y, _ := strconv.Atoi(nb[i])
		if x != y {
			return x < y
		}
	}
	if len(na) != len(nb) {
		return len(na) < len(nb)
	}
	return a < b
}

// slugify turns a title into a lowercase, hyphenated file name part.
func slugify(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFKD.String(title) {
		switch {
		case unicode.Is(unicode.Mn, r), r == '\'', r == '’': // "It's" is "its", not "it-s"
			continue
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(unicode.ToLower(r))
		default:
			dash = true
		}
	}
	return b.String()
}

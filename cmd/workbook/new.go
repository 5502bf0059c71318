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

Creates content/NN-title-of-the-chapter.md, numbered after the last chapter,
with a frontmatter to fill in.
`

var numberPrefix = regexp.MustCompile(`^(\d+)-`)

func runNew(args []string, stdout, stderr io.Writer) error {
	src := "."
	var words []string
	for i := 0; i < len(args); i++ {
		switch a := args[i]; {
		case (a == "--src" || a == "-src") && i+1 < len(args):
			src = args[i+1]
			i++
		case strings.HasPrefix(a, "--src="):
			src = strings.TrimPrefix(a, "--src=")
		case a == "-h" || a == "-help" || a == "--help":
			fmt.Fprint(stdout, newUsage)
			return nil
		default:
			words = append(words, a)
		}
	}
	if len(words) < 2 || words[0] != "chapter" {
		fmt.Fprint(stderr, newUsage)
		return fmt.Errorf("%w: want: workbook new chapter \"Title\"", errUsage)
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
	next, width, same, err := scanChapters(dir, slug)
	if err != nil {
		return err
	}
	if same != "" {
		return fmt.Errorf("%s already exists with the URL /%s/; give the new chapter another title, or edit that file", filepath.Join(dir, same), slug)
	}
	name := fmt.Sprintf("%0*d-%s.md", width, next, slug)
	path := filepath.Join(dir, name)
	body := fmt.Sprintf("---\ntitle: %s\ndescription: \"\"\n---\n\nWrite the chapter here.\n", strconv.Quote(title))
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("create %s: %w (nothing was overwritten)", path, err)
	}
	if _, err := f.WriteString(body); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "created", path)
	return nil
}

// scanChapters returns the number after the highest "NN-" prefix in dir,
// the width the existing prefixes use, and the name of a chapter file whose
// name without its prefix is already slug.
func scanChapters(dir, slug string) (next, width int, same string, err error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return 0, 0, "", err
	}
	width = 2
	for _, e := range ents {
		name := e.Name()
		if !strings.HasSuffix(name, ".md") {
			continue
		}
		if numberPrefix.ReplaceAllString(strings.TrimSuffix(name, ".md"), "") == slug {
			same = name
		}
		if m := numberPrefix.FindStringSubmatch(name); m != nil {
			n, _ := strconv.Atoi(m[1])
			next = max(next, n)
			width = max(width, len(m[1]))
		}
	}
	return next + 1, width, same, nil
}

// slugify turns a title into a lowercase, hyphenated file name part.
func slugify(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFKD.String(title) {
		switch {
		case unicode.Is(unicode.Mn, r):
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

package content

import (
	"cmp"
	"fmt"
	"io/fs"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/sync/errgroup"

	"github.com/workbook-press/workbook"
	"github.com/workbook-press/workbook/internal/book"
	"github.com/workbook-press/workbook/internal/markdown"
	"github.com/workbook-press/workbook/internal/memo"
)

// Options tunes loading.
type Options struct {
	Drafts  bool   // keep chapters marked draft
	BaseURL string // absolute site URL, copied into book.Site
	// Memo, when set, keeps each file's parse by its path and bytes, so
	// the preview server converts only the files that changed.
	Memo *memo.Memo
}

// Dir is the folder of a project that holds the book's Markdown.
const Dir = "content"

// IndexPath is the home page and settings file.
const IndexPath = Dir + "/_index.md"

var conv = markdown.New()

// Load reads content/ of the project in fsys and returns the validated
// book, or book.Errors listing every problem found.
func Load(fsys fs.FS, opts Options) (*book.Book, error) {
	mdPaths, files, err := walk(fsys)
	if err != nil {
		return nil, err
	}
	var index *Parsed
	var errs book.Errors
	if i := slices.Index(mdPaths, IndexPath); i >= 0 {
		index = readAndParse(fsys, IndexPath, false, opts.Memo)
		errs = append(errs, index.Errors...)
		mdPaths = slices.Delete(mdPaths, i, i+1)
	}
	parsed := parseAll(fsys, mdPaths, index != nil && index.Site.UnsafeHTML, opts.Memo)
	b := &book.Book{Files: files}
	var chapters []*Parsed
	drafts := map[string]bool{}
	for _, p := range parsed {
		errs = append(errs, p.Errors...)
		if p.Matter.Draft && !opts.Drafts {
			drafts[p.Path] = true
		} else {
			chapters = append(chapters, p)
		}
	}
	if index == nil {
		errs = append(errs, &book.Error{Path: IndexPath, Msg: "the book has no home page",
			Hint: "create content/_index.md with `id:` and `title:` in its frontmatter"})
	} else {
		b.Site = index.Site
	}
	b.Site.BaseURL = strings.TrimSuffix(opts.BaseURL, "/")
	b.Site.BasePath = book.BasePath(b.Site.BaseURL)
	errs = append(errs, checkFiles(fsys, files, b.Site.UnsafeHTML)...)
	errs = append(errs, assemble(b, chapters)...)
	errs = append(errs, checkParts(chapters)...)
	if len(errs) == 0 {
		b.Warnings = bookWarnings(b, index, chapters) // before renderBodies lets the chapters' Markdown go
	}
	errs = append(errs, renderBodies(fsys, b, index, chapters, drafts)...)
	if len(errs) > 0 {
		sortErrors(errs)
		return nil, errs
	}
	for _, ws := range b.Worksheets() {
		if !ws.NameDateSet {
			ws.NameDate = b.Site.NameDate
		}
	}
	b.Link()
	return b, nil
}

// walk lists the Markdown files and the other files of content/.
func walk(fsys fs.FS) (md []string, files []book.File, err error) {
	if _, err := fs.Stat(fsys, Dir); err != nil {
		return nil, nil, fmt.Errorf("no %s/ folder: %w", Dir, err)
	}
	err = fs.WalkDir(fsys, Dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		// "_" names are the author's to keep out of the book, _index.md aside.
		if p != Dir && (workbook.Ignored(name) || strings.HasPrefix(name, "_")) && p != IndexPath {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		switch {
		case d.IsDir():
		case strings.HasSuffix(name, ".md"):
			md = append(md, p)
		default:
			files = append(files, book.File{SourcePath: p, OutputPath: strings.TrimPrefix(p, Dir+"/")})
		}
		return nil
	})
	return md, files, err
}

// parseAll parses every Markdown file on all cores.
func parseAll(fsys fs.FS, paths []string, unsafe bool, m *memo.Memo) []*Parsed {
	out := make([]*Parsed, len(paths))
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i, p := range paths {
		g.Go(func() error {
			out[i] = readAndParse(fsys, p, unsafe, m)
			return nil
		})
	}
	g.Wait()
	return out
}

// readAndParse reads and parses file p, or finds its parse in the memo.
func readAndParse(fsys fs.FS, p string, unsafe bool, m *memo.Memo) *Parsed {
	src, err := fs.ReadFile(fsys, p)
	if err != nil {
		return &Parsed{Path: p, Outline: conv.Convert(nil, markdown.Options{}), Errors: book.Errors{{Path: p, Msg: "cannot read the file: " + err.Error(),
			Hint: "check that it exists and that you may read it (a link to a missing file?)"}}}
	}
	k := memo.KeyOf([]byte("parse"), []byte(p), src, []byte(strconv.FormatBool(unsafe)))
	parsed, _ := memo.Do(m, k, func() (*Parsed, error) { return ParseFile(p, src, unsafe), nil })
	return parsed
}

var numberPrefix = regexp.MustCompile(`^\d+-`)

// slugOf returns the default URL slug of a chapter file:
// content/part/03-talk.md becomes part/talk.
func slugOf(p string) string {
	rel := strings.TrimSuffix(strings.TrimPrefix(p, Dir+"/"), ".md")
	parts := strings.Split(rel, "/")
	for i, s := range parts {
		if stripped := numberPrefix.ReplaceAllString(s, ""); stripped != "" {
			parts[i] = stripped
		}
		parts[i] = strings.ToLower(strings.ReplaceAll(parts[i], " ", "-"))
	}
	return strings.Join(parts, "/")
}

var slugPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]*(/[a-z0-9][a-z0-9_-]*)*$`)

// assemble turns parsed chapters into ordered book chapters and checks what
// spans files: slugs and worksheet ids.
func assemble(b *book.Book, parsed []*Parsed) book.Errors {
	var errs book.Errors
	slices.SortStableFunc(parsed, func(a, b *Parsed) int {
		return cmp.Or(cmp.Compare(a.Matter.Weight, b.Matter.Weight), strings.Compare(a.Path, b.Path))
	})
	slugs := map[string]string{}
	sheets := map[string]string{}
	for _, p := range parsed {
		c := &book.Chapter{
			SourcePath:  p.Path,
			Slug:        p.Matter.Slug,
			Title:       p.Matter.Title,
			Description: p.Matter.Description,
			Part:        p.Matter.Part,
			Weight:      p.Matter.Weight,
			Draft:       p.Matter.Draft,
			Words:       p.Outline.Words,
			TOC:         p.Outline.TOC,
			BasePath:    b.Site.BasePath,
		}
		if c.Slug == "" {
			c.Slug = slugOf(p.Path)
		}
		line, col := max(p.Matter.SlugLine, 1), p.Matter.SlugCol
		if !slugPattern.MatchString(c.Slug) {
			errs = append(errs, &book.Error{Path: p.Path, Line: line, Col: col, Msg: fmt.Sprintf("the URL slug %q is not usable", c.Slug),
				Hint: "set `slug:` to lowercase letters, digits and hyphens"})
		}
		if other, dup := slugs[c.Slug]; dup {
			errs = append(errs, &book.Error{Path: p.Path, Line: line, Col: col, Msg: fmt.Sprintf("the URL /%s/ is also the URL of %s", c.Slug, other),
				Hint: "give one of them another `slug:` or file name"})
		}
		slugs[c.Slug] = p.Path
		if c.Title = strings.TrimSpace(c.Title); c.Title == "" {
			c.Title = p.Outline.Title
		}
		if c.Title == "" && len(p.Errors) == 0 { // a broken frontmatter may hold the title
			errs = append(errs, &book.Error{Path: p.Path, Line: 1, Msg: "the chapter has no title",
				Hint: "add `title: ...` to the frontmatter or start the text with a `# Heading`"})
		}
		c.ReadingMinutes = max(1, (c.Words+199)/200)
		for _, ws := range p.Matter.Worksheets {
			if ws.ID == "" {
				continue
			}
			if other, dup := sheets[ws.ID]; dup {
				errs = append(errs, &book.Error{Path: p.Path, Line: ws.Line, Msg: fmt.Sprintf("worksheet id %q is already used in %s", ws.ID, other),
					Hint: "worksheet ids must be unique in the book: they key the readers' saved answers"})
			}
			sheets[ws.ID] = fmt.Sprintf("%s:%d", p.Path, ws.Line)
		}
		b.Chapters = append(b.Chapters, c)
	}
	return errs
}

func sortErrors(errs book.Errors) {
	slices.SortStableFunc(errs, func(a, b *book.Error) int {
		return cmp.Or(strings.Compare(a.Path, b.Path), cmp.Compare(a.Line, b.Line), cmp.Compare(a.Col, b.Col))
	})
}

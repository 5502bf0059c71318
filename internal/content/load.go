package content

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/workbook-press/workbook/internal/book"
	"github.com/workbook-press/workbook/internal/cache"
	"github.com/workbook-press/workbook/internal/markdown"
	"github.com/workbook-press/workbook/internal/spill"
)

// Options tunes loading.
type Options struct {
	Drafts  bool   // keep chapters marked draft
	BaseURL string // absolute site URL, copied into book.Site
	// Cache, when set, keeps parsed and rendered files between loads, so
	// only changed files are parsed again and only files whose links
	// changed are rendered again. A cache on disk also holds the bodies
	// the book refers to (book.Stored), as Spill would.
	Cache *cache.Store
	// Spill, when set, receives each chapter's rendered HTML as soon as it
	// is made; the book then holds only where it is (book.Stored), so a
	// large book's bodies are not all in memory at once.
	Spill *spill.File
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
	st := loadStamps(opts.Cache)
	// The home page comes first: its unsafe_html decides how every body
	// is rendered.
	var index *Parsed
	var errs book.Errors
	for i, p := range mdPaths {
		if p == IndexPath {
			index = readAndParse(fsys, p, opts.Cache, st, false)
			errs = append(errs, index.Errors...)
			mdPaths = append(mdPaths[:i:i], mdPaths[i+1:]...)
			break
		}
	}
	unsafe := index != nil && index.Site.UnsafeHTML
	parsed, more := parseAll(fsys, mdPaths, opts, st, unsafe)
	st.save() // best effort: without it the next build reads every file
	errs = append(errs, more...)
	b := &book.Book{Files: files}
	var chapters []*Parsed
	drafts := map[string]bool{}
	for _, p := range parsed {
		switch {
		case !p.Matter.Draft || opts.Drafts:
			chapters = append(chapters, p)
		default:
			drafts[p.Path] = true
		}
	}
	if index == nil {
		errs = append(errs, &book.Error{Path: IndexPath, Msg: "the book has no home page",
			Hint: "create content/_index.md with `id:` and `title:` in its frontmatter"})
	} else {
		b.Site = index.Site
	}
	b.Site.BaseURL = strings.TrimSuffix(opts.BaseURL, "/")
	errs = append(errs, assemble(b, chapters)...)
	errs = append(errs, checkParts(chapters)...)
	errs = append(errs, render(fsys, b, index, chapters, drafts, opts)...)
	if len(errs) > 0 {
		sortErrors(errs)
		return nil, errs
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
		if p != Dir && skipped(name) && p != IndexPath {
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

// skipped reports hidden files, editor droppings and "_" files.
func skipped(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasPrefix(name, "_") || strings.HasSuffix(name, "~") ||
		strings.HasSuffix(name, ".swp") || name == "4913"
}

// parseAll parses every Markdown file on all cores.
func parseAll(fsys fs.FS, paths []string, opts Options, st *stamps, unsafe bool) ([]*Parsed, book.Errors) {
	store := opts.Cache
	out := make([]*Parsed, len(paths))
	stashErrs := make([]error, len(paths))
	var wg sync.WaitGroup
	next := make(chan int)
	for range min(runtime.GOMAXPROCS(0), max(len(paths), 1)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				out[i] = readAndParse(fsys, paths[i], store, st, unsafe)
				if store == nil || store.Persistent() {
					out[i].Doc.Compact() // a build renders it once, as prepared
				}
				if opts.Spill != nil && out[i].stashed.From == nil {
					stashErrs[i] = stash(out[i], opts.Spill)
				}
			}
		}()
	}
	for i := range paths {
		next <- i
	}
	close(next)
	wg.Wait()
	var errs book.Errors
	for i, p := range out {
		errs = append(errs, p.Errors...)
		if stashErrs[i] != nil {
			errs = append(errs, &book.Error{Path: p.Path, Msg: stashErrs[i].Error()})
		}
	}
	return out, errs
}

// stash puts a parsed file's prepared HTML in the spill file until its
// links are filled in (renderBody takes it back).
func stash(p *Parsed, sp *spill.File) error {
	h := p.Doc.TakeHTML()
	off, err := sp.Put(h)
	if err != nil {
		p.Doc.PutHTML(h)
		return err
	}
	p.stashed = book.Stored{From: sp, Off: off, Len: len(h)}
	return nil
}

func readAndParse(fsys fs.FS, p string, store *cache.Store, st *stamps, unsafe bool) *Parsed {
	var fi fs.FileInfo
	if st != nil {
		fi, _ = fs.Stat(fsys, p) // before reading: a change after it is seen next time
		if sum, ok := st.known(p, fi); ok {
			if parsed := parseKept(store, parseKey(p, sum, unsafe)); parsed != nil {
				return parsed
			}
		}
	}
	now := time.Now()
	src, err := fs.ReadFile(fsys, p)
	if err != nil {
		return &Parsed{Path: p, Doc: conv.Parse(nil, 0), Errors: book.Errors{{Path: p, Msg: "cannot read the file: " + err.Error(),
			Hint: "check that it exists and that you may read it (a link to a missing file?)"}}}
	}
	sum := sha256.Sum256(src)
	if store == nil {
		return parseFile(p, src, sum, unsafe)
	}
	st.record(p, fi, sum, now)
	return parseCached(store, p, src, sum, unsafe)
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
	sort.SliceStable(parsed, func(i, j int) bool {
		wi, wj := parsed[i].Matter.Weight, parsed[j].Matter.Weight
		if wi != wj {
			return wi < wj
		}
		return parsed[i].Path < parsed[j].Path
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
			Words:       p.Doc.Words,
			TOC:         p.Doc.TOC,
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
			c.Title = p.Doc.Title
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
	sort.SliceStable(errs, func(i, j int) bool {
		if errs[i].Path != errs[j].Path {
			return errs[i].Path < errs[j].Path
		}
		if errs[i].Line != errs[j].Line {
			return errs[i].Line < errs[j].Line
		}
		return errs[i].Col < errs[j].Col
	})
}

package content

import (
	"crypto/sha256"
	"sync"

	"workbook/internal/book"
	"workbook/internal/markdown"
)

// Parsed is one Markdown file read on its own: frontmatter decoded and
// validated, body parsed. It depends only on the file's path and bytes, so
// it can be cached by their hash.
type Parsed struct {
	Path   string
	Site   book.Site // for content/_index.md
	Matter chapterMatter
	Doc    *markdown.Doc
	Errors book.Errors
}

// ParseFile splits, decodes and parses one file. Problems are returned in
// Parsed.Errors, each with its line; it never panics on any input.
func ParseFile(p string, src []byte) *Parsed {
	out := &Parsed{Path: p}
	fail := func(line, col int, msg, hint string) {
		out.Errors = append(out.Errors, &book.Error{Path: p, Line: line, Col: col, Msg: msg, Hint: hint})
	}
	if len(src) == 0 {
		fail(0, 0, "the file is empty", "write a `# Title` and some text, or delete the file")
		out.Doc = conv.Parse(nil, 0)
		return out
	}
	s, serr := SplitFile(src)
	if serr != nil {
		fail(serr.line, 0, serr.msg, serr.hint)
		out.Doc = conv.Parse(nil, 0)
		return out
	}
	d := &decoder{}
	if s.Format != NoFrontmatter {
		if root := d.parseFrontmatter(s); root != nil {
			if p == IndexPath {
				out.Site = d.siteMatter(root)
			} else {
				out.Matter = d.chapterMatter(root)
			}
		}
	} else if p == IndexPath {
		fail(1, 0, "content/_index.md has no frontmatter", "start it with ---, `id: my-book`, `title: My Book`, ---")
	}
	for _, pr := range d.problems {
		fail(pr.line, pr.col, pr.msg, pr.hint)
	}
	out.Doc = conv.Parse(s.Body, s.BodyLine)
	if out.Matter.Title == "" && out.Doc.Title != "" {
		out.Doc.DropTitle()
	}
	return out
}

// Cache keeps parsed files by path and content hash, so a rebuild parses
// only the files that changed. It is safe for concurrent use.
type Cache struct {
	mu    sync.Mutex
	files map[string]cached
}

type cached struct {
	sum    [32]byte
	parsed *Parsed
}

// NewCache returns an empty cache.
func NewCache() *Cache { return &Cache{files: map[string]cached{}} }

func (c *Cache) parse(p string, src []byte) *Parsed {
	sum := sha256.Sum256(src)
	c.mu.Lock()
	hit, ok := c.files[p]
	c.mu.Unlock()
	if ok && hit.sum == sum {
		return hit.parsed
	}
	parsed := ParseFile(p, src)
	c.mu.Lock()
	c.files[p] = cached{sum, parsed}
	c.mu.Unlock()
	return parsed
}

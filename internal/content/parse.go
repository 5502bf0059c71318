package content

import (
	"crypto/sha256"
	"fmt"

	"github.com/workbook-press/workbook/internal/book"
	"github.com/workbook-press/workbook/internal/cache"
	"github.com/workbook-press/workbook/internal/markdown"
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
	Sum    [32]byte // hash of the path, the source and how it was rendered
	Blank  []bool   // which parts of the body, split at worksheet markers, are blank

	stashed book.Stored // where Doc's prepared HTML was put, when it was (Options.Spill or a cache on disk)
}

const indexHint = "start it with a frontmatter: a `---` line, `id: my-book`, `title: My Book`, and a `---` line"

// ParseFile splits, decodes and parses one file. Problems are returned in
// Parsed.Errors, each with its line; it never panics on any input.
func ParseFile(p string, src []byte) *Parsed { return parseFile(p, src, sha256.Sum256(src), false) }

// parseFile parses one file and renders its body at once (raw HTML passed
// through when unsafe), so its syntax tree is not kept while other files
// are parsed; links are filled in later, when every file is known. sum is
// the SHA-256 of src.
func parseFile(p string, src []byte, sum [32]byte, unsafe bool) *Parsed {
	out := parseOnly(p, src)
	out.Doc.Prepare(unsafe)
	out.Blank = out.Doc.BlankParts()
	out.Sum = cache.NewKey("source").String(p).Bool(unsafe).Bytes(sum[:]).Key()
	return out
}

func parseOnly(p string, src []byte) *Parsed {
	out := &Parsed{Path: p}
	fail := func(line, col int, msg, hint string) {
		out.Errors = append(out.Errors, &book.Error{Path: p, Line: line, Col: col, Msg: msg, Hint: hint})
	}
	if len(src) == 0 {
		hint := "write a `# Title` and some text, or delete the file"
		if p == IndexPath {
			hint = indexHint
		}
		fail(1, 0, "the file is empty", hint)
		out.Doc = conv.Parse(nil, 0)
		return out
	}
	s, serr := SplitFile(src)
	if serr != nil {
		fail(serr.line, serr.col, serr.msg, serr.hint)
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
		fail(1, 0, "content/_index.md has no frontmatter", indexHint)
	}
	for _, pr := range d.problems {
		fail(pr.line, pr.col, pr.msg, pr.hint)
	}
	out.Doc = conv.Parse(s.Body, s.BodyLine)
	for _, a := range out.Doc.BadAttrs {
		fail(a.Line, 0, fmt.Sprintf("the heading attribute %q is not allowed", a.ID),
			"only {#id} and {.class} are: put styles in assets/css (the site's Content-Security-Policy blocks inline ones)")
	}
	for _, r := range out.Doc.Repeated {
		fail(r.Line, 0, fmt.Sprintf("an earlier heading already has the id %q", r.ID),
			"give this heading its own id, e.g. `## Heading {#"+r.ID+"-2}`: links to #"+r.ID+" could only reach the first")
	}
	if out.Matter.Title == "" && out.Doc.Title != "" {
		out.Doc.DropTitle()
	}
	return out
}

// parseKey keys the parse of file p, whose bytes hash to sum.
func parseKey(p string, sum [32]byte, unsafe bool) cache.Key {
	return cache.NewKey("parse").String(p).Bool(unsafe).Bytes(sum[:]).
		Bytes(parsedCodec.Version()).Bytes(markdown.CacheFormat()).Key()
}

// parseCached parses a file, or returns the result of parsing the same
// path and bytes (hashing to sum) before: kept as it is by the preview
// server's store, or written to the build cache on disk by a store opened
// on a directory.
func parseCached(store *cache.Store, p string, src []byte, sum [32]byte, unsafe bool) *Parsed {
	k := parseKey(p, sum, unsafe)
	if !store.Persistent() {
		if v, ok := store.Get(k); ok {
			return v.(*Parsed)
		}
		parsed := parseFile(p, src, sum, unsafe)
		store.Put(k, parsed)
		return parsed
	}
	if parsed := parseKept(store, k); parsed != nil {
		return parsed
	}
	parsed := parseFile(p, src, sum, unsafe)
	h := parsed.Doc.TakeHTML()
	if b, err := parsedCodec.Marshal(parsed); err == nil {
		store.PutBytes(k, b)
		store.PutBytes(htmlKey(k), []byte(h))
	}
	var ok bool
	if parsed.stashed, ok = located(store, htmlKey(k)); !ok {
		parsed.Doc.PutHTML(h)
	}
	return parsed
}

// parseKept returns the parse kept under k in the build cache on disk, or
// nil. The prepared HTML is a record of its own, which the book refers to
// (Parsed.stashed) rather than holds: a page reads it when it shows the
// chapter, and most builds never read an unchanged body.
func parseKept(store *cache.Store, k cache.Key) *Parsed {
	b, ok := store.GetBytes(k)
	if !ok {
		return nil
	}
	var parsed Parsed
	html, found := located(store, htmlKey(k))
	if !found || parsedCodec.Unmarshal(b, &parsed) != nil {
		return nil
	}
	parsed.stashed = html
	return &parsed
}

func htmlKey(k cache.Key) cache.Key { return cache.NewKey("parse-html").Bytes(k[:]).Key() }

// located returns where the record k lies in the build cache on disk.
func located(store *cache.Store, k cache.Key) (book.Stored, bool) {
	off, n, ok := store.Locate(k)
	if !ok {
		return book.Stored{}, false
	}
	return book.Stored{From: store.Located(), Off: off, Len: n}, true
}

// parsedCodec writes parses for the build cache.
var parsedCodec = cache.NewCodec[Parsed]()

// Package mdbook is `workbook import mdbook`: it reads an mdBook (book.toml,
// src/SUMMARY.md and the chapters it lists) from an fs.FS and returns the
// files of a workbook book, with a note for everything it could not
// convert.
//
//   - SUMMARY.md's order becomes each chapter's weight and file number; its
//     part headings become part:, and a chapter with nested chapters
//     becomes a part of its own holding them (workbook has no nesting).
//   - A chapter's first "# " heading becomes its title.
//   - Links between chapters (x.md or x.html, with or without #anchor) are
//     rewritten to the new chapter files; other files a chapter links to
//     (images) are copied beside them.
//   - {{#include file}}, {{#include file:anchor}}, {{#include file:N:M}}
//     and {{#rustdoc_include …}} are replaced by the lines they name.
package mdbook

import (
	"fmt"
	"io/fs"
	"path"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
)

// Result is a converted book.
type Result struct {
	Files map[string][]byte // by slash path below the new book's folder: content/_index.md, content/01-x.md, …
	Notes []string          // what could not be converted, as "src/x.md:12: …"
	Title string
}

// Slugify makes a file name part from a title; the importer is given the
// generator's, so chapter names follow `workbook new chapter`'s.
type Slugify func(string) string

type converter struct {
	src     fs.FS
	srcDir  string            // the book's src folder in src, usually "src"
	names   map[string]string // chapter path below srcDir -> its new file name
	files   map[string][]byte
	notes   []string
	slugify Slugify
}

type bookTOML struct {
	Book struct {
		Title, Description, Language string
		Authors                      []string
		Src                          string
	}
}

// Convert reads the mdBook at the root of src.
func Convert(src fs.FS, slugify Slugify) (*Result, error) {
	data, err := fs.ReadFile(src, "book.toml")
	if err != nil {
		return nil, fmt.Errorf("no book.toml: is this an mdBook's folder? (%w)", err)
	}
	var bt bookTOML
	if _, err := toml.Decode(string(data), &bt); err != nil {
		return nil, fmt.Errorf("book.toml: %w", err)
	}
	c := &converter{src: src, srcDir: "src", names: map[string]string{}, files: map[string][]byte{}, slugify: slugify}
	if bt.Book.Src != "" {
		c.srcDir = path.Clean(bt.Book.Src)
	}
	summary, err := fs.ReadFile(src, path.Join(c.srcDir, "SUMMARY.md"))
	if err != nil {
		return nil, fmt.Errorf("no %s/SUMMARY.md: %w", c.srcDir, err)
	}
	entries := c.entries(summary)
	for i, e := range entries {
		c.chapter(e, i+1)
	}
	title := bt.Book.Title
	if title == "" {
		title = "My Book"
	}
	c.files["content/_index.md"] = homePage(title, bt, slugify(title))
	return &Result{Files: c.files, Notes: c.notes, Title: title}, nil
}

// entries reads SUMMARY.md, names each chapter's new file and gives the
// chapters with nested ones a part of their own.
func (c *converter) entries(summary []byte) []entry {
	entries, drafts, skipped := parseSummary(summary)
	sum := path.Join(c.srcDir, "SUMMARY.md")
	for _, d := range drafts {
		c.notef(sum, d.Line, "%q is a draft chapter (no file): left out", d.Title)
	}
	for _, s := range skipped {
		c.notef(sum, s.Line, "%q is not a chapter link or part heading: left out", s.Title)
	}
	width := max(2, len(strconv.Itoa(len(entries))))
	used := map[string]bool{}
	group := ""
	for i := range entries {
		e := &entries[i]
		if e.Depth == 0 {
			group = ""
			if i+1 < len(entries) && entries[i+1].Depth > 0 {
				group = e.Title
			}
		}
		if group != "" {
			e.Part = group
		}
		slug := c.slugify(strings.TrimSuffix(path.Base(e.Path), ".md"))
		if slug == "readme" || slug == "index" || slug == "" {
			slug = c.slugify(e.Title)
		}
		for base, n := slug, 2; used[slug]; n++ {
			slug = fmt.Sprintf("%s-%d", base, n)
		}
		used[slug] = true
		c.names[path.Clean(e.Path)] = fmt.Sprintf("%0*d-%s.md", width, i+1, slug)
	}
	return entries
}

// chapter converts one chapter.
func (c *converter) chapter(e entry, weight int) {
	file := path.Join(c.srcDir, e.Path)
	data, err := fs.ReadFile(c.src, file)
	if err != nil {
		c.notef(path.Join(c.srcDir, "SUMMARY.md"), e.Line, "cannot read the chapter %s: left out", file)
		return
	}
	body := c.includes(file, strings.ReplaceAll(string(data), "\r\n", "\n"))
	title, body := firstHeading(body)
	if title == "" {
		title = e.Title
	}
	body = c.links(path.Clean(e.Path), body)
	var fm strings.Builder
	fmt.Fprintf(&fm, "---\ntitle: %s\nweight: %d\n", strconv.Quote(title), weight)
	if e.Part != "" {
		fmt.Fprintf(&fm, "part: %s\n", strconv.Quote(e.Part))
	}
	fm.WriteString("---\n\n")
	c.files["content/"+c.names[path.Clean(e.Path)]] = []byte(fm.String() + strings.TrimLeft(body, "\n"))
}

// firstHeading takes the first "# " heading out of a body, outside code.
func firstHeading(body string) (string, string) {
	lines := strings.Split(body, "\n")
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			return "", body
		}
		if title, ok := strings.CutPrefix(t, "# "); ok {
			return strings.TrimSpace(title), strings.Join(append(lines[:i:i], lines[i+1:]...), "\n")
		}
		if t != "" && !strings.HasPrefix(t, "<!--") {
			return "", body
		}
	}
	return "", body
}

func homePage(title string, bt bookTOML, id string) []byte {
	var b strings.Builder
	fmt.Fprintf(&b, "---\n# Imported from mdBook. Never change the id once readers use the book:\n# it is the key of their saved answers.\nid: %s\ntitle: %s\n", id, strconv.Quote(title))
	if d := bt.Book.Description; d != "" {
		fmt.Fprintf(&b, "description: %s\n", strconv.Quote(d))
	}
	if len(bt.Book.Authors) > 0 {
		fmt.Fprintf(&b, "author: %s\n", strconv.Quote(strings.Join(bt.Book.Authors, ", ")))
	}
	if l := bt.Book.Language; l != "" {
		fmt.Fprintf(&b, "language: %s\n", strconv.Quote(l))
	}
	b.WriteString("---\n\n")
	if d := bt.Book.Description; d != "" {
		b.WriteString(d + "\n")
	} else {
		b.WriteString("Welcome.\n")
	}
	return []byte(b.String())
}

func (c *converter) notef(file string, line int, format string, args ...any) {
	c.notes = append(c.notes, fmt.Sprintf("%s:%d: ", file, line)+fmt.Sprintf(format, args...))
}

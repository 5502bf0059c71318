// Package book is the shared model of a workbook: the book's settings, its
// chapters in reading order, the parts that group them and the worksheets
// they hold. Every later stage (render, publish, serve) reads this model;
// only the content stage builds it.
//
// The model holds no behaviour beyond ordering and lookups, so it is cheap to
// build in tests by hand.
package book

import (
	"encoding/json"
	"html/template"
	"strconv"
	"strings"
)

// Book is a whole loaded and validated book.
type Book struct {
	Site     Site
	Home     Page       // content/_index.md
	Chapters []*Chapter // in reading order, drafts already removed unless asked for
	Parts    []Part     // in order of their first chapter; empty when no chapter names a part
	Files    []File     // non-Markdown files found in content/, copied as they are
	Warnings Errors     // what the build lets through but readers would see broken; --strict makes them errors
}

// Site holds the book-wide settings read from the frontmatter of
// content/_index.md.
type Site struct {
	ID             string // stable id that namespaces the reader's saved answers; never change it after publishing
	Title          string
	Subtitle       string
	Description    string
	Language       string // BCP 47 tag for <html lang> and the interface strings, default "en"
	Direction      string // "rtl" or "ltr" to override the language's own direction, "" for the language's
	Author         string
	UnsafeHTML     bool   // raw HTML in Markdown is passed through only when true
	PrecacheBudget int64  // bytes of pages the service worker precaches; 0 means the default
	ThemeColor     string // CSS colour for the browser UI and the web app manifest
	BaseURL        string // absolute site URL without trailing slash, or "" for relative links
	BasePath       string // the site's folder on its host without trailing slash ("/mybook"), "" at the root; every URL starts with it
	QuickExit      string // root-relative page "Leave quickly" opens, "" for the theme's blank search page
	BackupName     string // start of a backup file's name, "" for "workbook-answers"
	NameDate       bool   // blank printed worksheets have Name and Date lines (name_date:, default true)
}

// Page is a rendered Markdown document that is not a chapter (the home page).
type Page struct {
	SourcePath string // slash-separated path relative to the project root, e.g. "content/_index.md"
	Body       template.HTML
	TOC        []Heading
}

// Chapter is one Markdown file of content/ other than _index.md.
type Chapter struct {
	SourcePath     string // slash-separated path relative to the project root, e.g. "content/03-talk.md"
	Slug           string // URL path segment(s), e.g. "talk" or "partner/talk"
	Title          string
	Description    string
	Part           string // name of the part this chapter belongs to, "" for none
	Weight         int
	Draft          bool
	Segments       []Segment // the body: HTML interleaved with worksheets at their markers
	TOC            []Heading // h2 and h3 headings of the body
	Words          int
	ReadingMinutes int
	Worksheets     []*Worksheet // in the order they appear on the page
	Index          int          // position in Book.Chapters
	Prev, Next     *Chapter     // neighbours in reading order, nil at the ends
	BasePath       string       // Site.BasePath, which URL starts with
}

// URL returns the chapter's path on the site, e.g. "/talk/", or
// "/mybook/talk/" for a site in the folder /mybook of its host.
func (c *Chapter) URL() string { return c.BasePath + "/" + c.Slug + "/" }

// OutputPath returns the file the chapter is written to inside the output
// directory, e.g. "talk/index.html".
func (c *Chapter) OutputPath() string { return c.Slug + "/index.html" }

// HighlightedCode opens every code block internal/markdown highlights
// (chroma's classes, coloured by assets/css/syntax.css).
const HighlightedCode = `<pre class="chroma">`

// HasCode reports whether the chapter shows highlighted code, so its page
// links assets/css/syntax.css and others do not.
func (c *Chapter) HasCode() bool {
	for _, s := range c.Segments {
		if strings.Contains(string(s.HTML), HighlightedCode) {
			return true
		}
	}
	return false
}

// Segment is one run of a chapter body: either HTML, its links already
// resolved, or a worksheet placed by a marker line. Exactly one of the two
// is set.
type Segment struct {
	HTML      template.HTML
	Worksheet *Worksheet
}

// Heading is an entry of a page's table of contents.
type Heading struct {
	Level int    // 2 or 3
	ID    string // anchor id
	Text  string
}

// Part groups consecutive chapters under a heading on the home page.
type Part struct {
	Title    string
	Chapters []*Chapter
}

// File is a non-Markdown file in content/, copied to the same relative path.
type File struct {
	SourcePath string // relative to the project root, e.g. "content/img/a.png"
	OutputPath string // relative to the output directory, e.g. "img/a.png"
}

// Worksheet is an exercise declared in a chapter's frontmatter.
type Worksheet struct {
	ID      string // unique in the book; the storage key of its answers
	Title   string
	Intro   string // short instruction shown above the fields
	Minutes int    // time estimate, 0 when not given
	Example string // an example answer or approach, optional
	Repeat  bool   // a journal: the reader files dated entries of the same fields again and again
	// NameDate: printed blank, it has Name and Date lines; the book's
	// setting unless NameDateSet (its own name_date: is written).
	NameDate, NameDateSet bool
	Fields                []Field
	Chapter               *Chapter // the chapter that holds it
	Line                  int      // line of its `- id:` entry in the source, for errors
}

// Field is one prompt of a worksheet.
type Field struct {
	ID          string
	Type        FieldType
	Label       string
	Help        string
	Placeholder string
	Example     string   // an example answer, optional
	Lines       int      // writing lines when printed blank; 0 means the type's default
	Options     []string // choice and checklist
	Min, Max    int      // scale bounds; for list, Min is the number of entries shown at first
	Low, High   string   // scale end labels
	Was         []string // earlier ids whose saved answers this field takes over
	OptionWas   []OptionWas
	Line        int // line of the field in the source, for errors
}

// OptionWas is an option of a choice or checklist that the author
// reworded: answers saved with one of its earlier words (Was) are read as
// the current one (Label). It is what the page carries, as JSON, for the
// browser to map old saved answers.
type OptionWas struct {
	Label string   `json:"label"`
	Was   []string `json:"was"`
}

// OptionWasJSON is the field's reworded options as JSON for the page, or
// "" when there are none.
func (f Field) OptionWasJSON() string {
	if len(f.OptionWas) == 0 {
		return ""
	}
	b, err := json.Marshal(f.OptionWas)
	if err != nil {
		return ""
	}
	return string(b)
}

// FieldType names the kind of control a field is.
type FieldType string

// The field types a worksheet may use.
const (
	Text      FieldType = "text"
	Textarea  FieldType = "textarea"
	List      FieldType = "list"
	Choice    FieldType = "choice"
	Checklist FieldType = "checklist"
	Scale     FieldType = "scale"
	Date      FieldType = "date"
)

// FieldTypes lists every field type, in the order the docs present them.
var FieldTypes = []FieldType{Text, Textarea, List, Choice, Checklist, Scale, Date}

// PrintLines returns how many ruled lines the field gets when printed blank.
func (f Field) PrintLines() int {
	if f.Lines > 0 {
		return f.Lines
	}
	switch f.Type {
	case Textarea:
		return 5
	case List:
		if f.Min > 0 {
			return f.Min
		}
		return 3
	}
	return 1
}

// Grouped reports whether the field is a group of controls under one
// question, shown as a fieldset with a legend: a choice, a checklist, a
// scale or a list.
func (f Field) Grouped() bool {
	switch f.Type {
	case Choice, Checklist, Scale, List:
		return true
	}
	return false
}

// Clearable reports whether the reader needs a button to take an answer
// back: a ticked radio (a choice, a point of a scale) stays ticked when
// clicked again.
func (f Field) Clearable() bool { return f.Type == Choice || f.Type == Scale }

// ScalePoint is one point of a scale. Label is set on the two ends only:
// the number and the end's words, for a screen reader, as "0 (not at all)".
type ScalePoint struct {
	Value int
	Label string
}

// ScalePoints returns the points of a scale field, Min to Max inclusive.
func (f Field) ScalePoints() []ScalePoint {
	if f.Type != Scale || f.Max < f.Min {
		return nil
	}
	pts := make([]ScalePoint, 0, f.Max-f.Min+1)
	for i := f.Min; i <= f.Max; i++ {
		p := ScalePoint{Value: i}
		if i == f.Min || i == f.Max {
			p.Label = strconv.Itoa(i)
		}
		if i == f.Min && f.Low != "" {
			p.Label += " (" + f.Low + ")"
		}
		if i == f.Max && f.High != "" {
			p.Label += " (" + f.High + ")"
		}
		pts = append(pts, p)
	}
	return pts
}

// Worksheets returns every worksheet of the book in reading order.
func (b *Book) Worksheets() []*Worksheet {
	var all []*Worksheet
	for _, c := range b.Chapters {
		all = append(all, c.Worksheets...)
	}
	return all
}

// Groups returns the chapters in reading order, consecutive chapters of one
// part together; chapters outside any part form groups with an empty Title.
// The home page's table of contents nests each part's chapters under it.
func (b *Book) Groups() []Part {
	var groups []Part
	for _, c := range b.Chapters {
		if n := len(groups); n > 0 && groups[n-1].Title == c.Part {
			groups[n-1].Chapters = append(groups[n-1].Chapters, c)
			continue
		}
		groups = append(groups, Part{Title: c.Part, Chapters: []*Chapter{c}})
	}
	return groups
}

// Link sets Index, Prev and Next on every chapter and regroups Parts from
// the chapters' Part names. Call it after ordering Chapters.
func (b *Book) Link() {
	for i, c := range b.Chapters {
		c.Index = i
		c.Prev, c.Next = nil, nil
		if i > 0 {
			c.Prev = b.Chapters[i-1]
			b.Chapters[i-1].Next = c
		}
	}
	b.Parts = nil
	for _, g := range b.Groups() {
		if g.Title != "" {
			b.Parts = append(b.Parts, g)
		}
	}
}

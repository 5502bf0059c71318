package content

import (
	"fmt"
	"html/template"
	"io/fs"
	"runtime"
	"slices"

	"golang.org/x/sync/errgroup"

	"github.com/workbook-press/workbook/internal/book"
	"github.com/workbook-press/workbook/internal/markdown"
)

// renderBodies resolves the links of every body once all chapters are
// known, so links between them can be checked and rewritten, and places
// each chapter's worksheets in its body. Bodies render on all cores.
func renderBodies(fsys fs.FS, b *book.Book, index *Parsed, parsed []*Parsed, drafts map[string]bool) book.Errors {
	targets := make(map[string]markdown.Target, len(parsed)+1)
	for i, p := range parsed {
		targets[p.Path] = markdown.Target{URL: b.Chapters[i].URL(), IDs: linkIDs(p, b.Site.UnsafeHTML)}
	}
	if index != nil { // [the contents](_index.md) links to the home page
		targets[index.Path] = markdown.Target{URL: b.Site.BasePath + "/", IDs: linkIDs(index, b.Site.UnsafeHTML)}
	}
	exists := func(p string) bool {
		st, err := fs.Stat(fsys, p)
		return err == nil && !st.IsDir()
	}
	convert := func(p *Parsed) ([]template.HTML, []markdown.Problem) {
		links := markdown.Links{Self: p.Path, Chapters: targets, Drafts: drafts, Exists: exists, Base: b.Site.BasePath}
		return p.Outline.Resolve(links)
	}
	errs := make([]book.Errors, len(parsed)+1)
	var g errgroup.Group
	g.SetLimit(runtime.GOMAXPROCS(0))
	if index != nil {
		g.Go(func() error { errs[0] = renderHome(b, index, convert); return nil })
	}
	for i, p := range parsed {
		g.Go(func() error {
			errs[i+1] = renderChapter(b.Chapters[i], p, convert)
			parsed[i] = nil // the body is made: its Markdown can go now, not after the last
			return nil
		})
	}
	g.Wait()
	return slices.Concat(errs...)
}

// convertFunc converts a file's body, its links resolved.
type convertFunc func(*Parsed) ([]template.HTML, []markdown.Problem)

func renderHome(b *book.Book, p *Parsed, convert convertFunc) book.Errors {
	parts, problems := convert(p)
	b.Home = book.Page{SourcePath: p.Path, Body: parts[0], TOC: p.Outline.TOC}
	errs := problemErrors(p.Path, problems)
	for _, m := range p.Outline.Markers {
		errs = append(errs, &book.Error{Path: p.Path, Line: m.Line, Col: 1, Msg: "the home page cannot hold a worksheet", Hint: "move the worksheet to a chapter"})
	}
	return errs
}

// renderChapter renders a chapter body and places its worksheets at their
// markers; worksheets without a marker follow the text.
func renderChapter(c *book.Chapter, p *Parsed, convert convertFunc) book.Errors {
	parts, problems := convert(p)
	errs := problemErrors(p.Path, problems)
	byID := map[string]*book.Worksheet{}
	sheets := make([]*book.Worksheet, len(p.Matter.Worksheets))
	for i, ws := range p.Matter.Worksheets {
		copied := *ws // the parse is the preview server's to reuse in the next build
		copied.Chapter = c
		sheets[i] = &copied
		byID[ws.ID] = &copied
	}
	placed := map[string]bool{}
	addHTML := func(i int) {
		if i < len(parts) && parts[i] != "" {
			c.Segments = append(c.Segments, book.Segment{HTML: parts[i]})
		}
	}
	addHTML(0)
	for i, m := range p.Outline.Markers {
		ws, ok := byID[m.ID]
		if !ok && p.Unread {
			continue // the frontmatter's error is the one to fix
		}
		if err := checkMarker(p, m, ok, placed[m.ID]); err != nil {
			errs = append(errs, err)
		} else {
			placed[m.ID] = true
			c.Segments = append(c.Segments, book.Segment{Worksheet: ws})
			c.Worksheets = append(c.Worksheets, ws)
		}
		addHTML(i + 1)
	}
	for _, ws := range sheets {
		if !placed[ws.ID] {
			c.Segments = append(c.Segments, book.Segment{Worksheet: ws})
			c.Worksheets = append(c.Worksheets, ws)
		}
	}
	return errs
}

// checkMarker reports a worksheet marker that places nothing: one naming
// no worksheet, one this chapter does not declare, or a second one.
func checkMarker(p *Parsed, m markdown.Marker, declared, placed bool) *book.Error {
	at := &book.Error{Path: p.Path, Line: m.Line, Col: 1}
	switch {
	case m.ID == "":
		at.Msg, at.Hint = "the worksheet marker names no worksheet", "write the worksheet's id in it: {{< worksheet my-id >}}"
	case !declared:
		at.Msg, at.Hint = fmt.Sprintf("the marker names worksheet %q, which this chapter does not declare", m.ID), markerHint(m.ID, p.Matter.Worksheets)
	case placed:
		at.Msg, at.Hint = fmt.Sprintf("worksheet %q is placed twice", m.ID), "keep one marker"
	default:
		return nil
	}
	return at
}

// markerHint says how to fix a marker naming no worksheet of its chapter.
func markerHint(id string, list []*book.Worksheet) string {
	if len(list) == 0 {
		return "declare the worksheet under `worksheets:` in this chapter's frontmatter, or remove the marker"
	}
	var ids []string
	for _, ws := range list {
		if !slices.Contains(ids, ws.ID) {
			ids = append(ids, ws.ID)
		}
	}
	return suggest(id, ids, "this chapter declares")
}

// MaxProblemsPerFile is how many problems of its text a file reports; the
// rest are counted in one more line. A chapter with 100,000 broken links
// printed 100,001 lines, which no author reads.
const MaxProblemsPerFile = 50

func problemErrors(p string, problems []markdown.Problem) book.Errors {
	var errs book.Errors
	for _, pr := range problems[:min(len(problems), MaxProblemsPerFile)] {
		errs = append(errs, &book.Error{Path: p, Line: pr.Line, Col: pr.Col, Msg: pr.Msg, Hint: pr.Hint})
	}
	if rest := len(problems) - MaxProblemsPerFile; rest > 0 {
		next := problems[MaxProblemsPerFile]
		errs = append(errs, &book.Error{Path: p, Line: next.Line, Col: next.Col, Msg: fmt.Sprintf("and %d more problems from here on", rest), Hint: "fix the ones above and build again"})
	}
	return errs
}

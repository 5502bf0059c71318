package content

import (
	"fmt"
	"html/template"
	"io/fs"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/workbook-press/workbook/internal/book"
	"github.com/workbook-press/workbook/internal/cache"
	"github.com/workbook-press/workbook/internal/markdown"
)

// render converts every body to HTML once all chapters are known, so links
// between them can be checked and rewritten. Without a cache to keep them,
// each document's own copy of its body is released once rendered.
func render(fsys fs.FS, b *book.Book, index *Parsed, parsed []*Parsed, drafts map[string]bool, opts Options) book.Errors {
	store := opts.Cache
	release := store == nil || store.Persistent() // the preview server's store keeps documents
	targets := make(map[string]markdown.Target, len(parsed))
	for i, p := range parsed {
		targets[p.Path] = markdown.Target{URL: b.Chapters[i].URL(), IDs: p.Doc.IDs}
	}
	if index != nil { // [the contents](_index.md) links to the home page
		targets[index.Path] = markdown.Target{URL: "/", IDs: index.Doc.IDs}
	}
	exists := func(p string) bool {
		st, err := fs.Stat(fsys, p)
		return err == nil && !st.IsDir()
	}
	m := bodyMemo{store: store, spill: opts.Spill}
	if !release {
		m.links = linkSum(targets, drafts)
	}
	jobs := append([]*Parsed{index}, parsed...)
	errs := make([]book.Errors, len(jobs))
	next := make(chan int)
	var wg sync.WaitGroup
	// A few workers, not a goroutine per file: each holds a body while it
	// works, and one blocked reading the spill file would let another start.
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				p := jobs[i]
				links := markdown.Links{Self: p.Path, Chapters: targets, Drafts: drafts, Exists: exists}
				if i == 0 {
					errs[i] = renderHome(b, p, links, m)
				} else {
					errs[i] = renderChapter(b.Chapters[i-1], p, links, b.Site.UnsafeHTML, m)
				}
				if release {
					p.Doc.Release()
				}
			}
		}()
	}
	for i, p := range jobs {
		if p != nil {
			next <- i
		}
	}
	close(next)
	wg.Wait()
	var all book.Errors
	for _, e := range errs {
		all = append(all, e...)
	}
	return all
}

func renderHome(b *book.Book, p *Parsed, links markdown.Links, m bodyMemo) book.Errors {
	body, sum, problems := renderBody(p, links, b.Site.UnsafeHTML, m)
	part, _ := body.part(0)
	home, err := part.HTML()
	if err != nil {
		problems = append(problems, markdown.Problem{Line: 1, Msg: err.Error()})
	}
	b.Home = book.Page{SourcePath: p.Path, Body: home, TOC: p.Doc.TOC, Sum: sum}
	errs := problemErrors(p.Path, problems)
	for _, m := range p.Doc.Markers {
		errs = append(errs, &book.Error{Path: p.Path, Line: m.Line, Col: 1, Msg: "the home page cannot hold a worksheet", Hint: "move the worksheet to a chapter"})
	}
	return errs
}

// renderChapter renders a chapter body and places its worksheets at their
// markers; worksheets without a marker follow the text.
func renderChapter(c *book.Chapter, p *Parsed, links markdown.Links, unsafe bool, m bodyMemo) book.Errors {
	body, sum, problems := renderBody(p, links, unsafe, m)
	c.Sum = sum
	errs := problemErrors(p.Path, problems)
	byID := map[string]*book.Worksheet{}
	sheets := make([]*book.Worksheet, len(p.Matter.Worksheets))
	for i, ws := range p.Matter.Worksheets {
		copied := *ws // the parsed file may be cached and reused by the next build
		copied.Chapter = c
		sheets[i] = &copied
		byID[ws.ID] = &copied
	}
	placed := map[string]bool{}
	addHTML := func(i int) {
		seg, blank := body.part(i)
		switch {
		case blank:
		case seg.Stored.From != nil:
			c.Segments = append(c.Segments, seg)
		default:
			seg, err := m.segment(string(seg.Text))
			if err != nil {
				errs = append(errs, &book.Error{Path: p.Path, Msg: err.Error()})
			}
			c.Segments = append(c.Segments, seg)
		}
	}
	addHTML(0)
	for i, m := range p.Doc.Markers {
		ws, ok := byID[m.ID]
		switch {
		case m.ID == "":
			errs = append(errs, &book.Error{Path: p.Path, Line: m.Line, Col: 1, Msg: "the worksheet marker names no worksheet",
				Hint: "write the worksheet's id in it: {{< worksheet my-id >}}"})
		case !ok:
			errs = append(errs, &book.Error{Path: p.Path, Line: m.Line, Col: 1, Msg: fmt.Sprintf("the marker names worksheet %q, which this chapter does not declare", m.ID),
				Hint: markerHint(m.ID, p.Matter.Worksheets)})
		case placed[m.ID]:
			errs = append(errs, &book.Error{Path: p.Path, Line: m.Line, Col: 1, Msg: fmt.Sprintf("worksheet %q is placed twice", m.ID), Hint: "keep one marker"})
		default:
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

// body is a file's filled body, split at its worksheet markers: in
// memory (text), or kept in the build cache on disk with placeholders for
// its links and filled in only when a page reads a part (kept), so an
// unchanged chapter's body is never read.
type body struct {
	text []template.HTML
	kept *filling
}

// part returns the i-th part as a segment's HTML, and whether it is blank.
func (b body) part(i int) (book.Segment, bool) {
	if b.kept != nil {
		blank := i < len(b.kept.blank) && b.kept.blank[i]
		return book.Segment{Stored: book.Stored{From: b.kept, Off: int64(i)}}, blank
	}
	if i < len(b.text) {
		return book.Segment{Text: b.text[i]}, strings.TrimSpace(string(b.text[i])) == ""
	}
	return book.Segment{}, true
}

// filling is a body kept in the build cache with placeholders for its
// links (Parsed.stashed): a book.Store whose Get(i, _) returns the i-th
// part filled in. It keeps the last body it filled, as a page reads the
// parts of one body in turn.
type filling struct {
	html  book.Stored
	urls  []string
	blank []bool // which parts are blank, known without reading the body

	mu   sync.Mutex
	last []template.HTML
}

func (f *filling) Get(i int64, _ int) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.last == nil {
		h, err := f.html.From.Get(f.html.Off, f.html.Len)
		if err != nil {
			return "", err
		}
		f.last = markdown.FillHTML(h, f.urls)
	}
	if i < 0 || int(i) >= len(f.last) {
		return "", fmt.Errorf("a body has %d parts, not %d", len(f.last), i+1)
	}
	part := f.last[i]
	if f.lastShown(int(i)) {
		f.last = nil // the page read the last part it shows: let the body go
	}
	return string(part), nil
}

// lastShown reports whether every part after i is blank.
func (f *filling) lastShown(i int) bool {
	for j := i + 1; j < len(f.last); j++ {
		if j >= len(f.blank) || !f.blank[j] {
			return false
		}
	}
	return true
}

// renderBody resolves the links of a parsed file and fills them in. The
// body depends only on the source (p.Sum) and the resolved URLs, so their
// hash is the body's Sum: the preview server keeps the filled body in
// memory under it. A build with the cache on disk keeps the body there,
// filled in when a page reads it.
func renderBody(p *Parsed, links markdown.Links, unsafe bool, m bodyMemo) (body, [32]byte, []markdown.Problem) {
	urls, problems := m.resolve(p, links, unsafe)
	h := cache.NewKey("body").Bytes(p.Sum[:])
	for _, u := range urls {
		h.String(u)
	}
	sum := h.Key()
	if v, ok := m.store.Get(sum); ok {
		return body{text: v.([]template.HTML)}, sum, problems
	}
	if st := p.stashed; st.From != nil && m.store.Persistent() && m.spill == nil {
		return body{kept: &filling{html: st, urls: urls, blank: p.Blank}}, sum, problems
	}
	if st := p.stashed; st.From != nil {
		h, err := st.From.Get(st.Off, st.Len)
		if err != nil {
			return body{}, sum, append(problems, markdown.Problem{Line: 1, Col: 1, Msg: err.Error()})
		}
		p.Doc.PutHTML(h)
		p.stashed = book.Stored{}
	}
	filled := p.Doc.Fill(urls)
	if m.store.InMemory() { // a store on disk would only hold them until the process ends
		m.store.Put(sum, filled)
	}
	return body{text: filled}, sum, problems
}

// segment is a run of a chapter's HTML, put in the spill file when there is one.
func (m bodyMemo) segment(h string) (book.Segment, error) {
	if m.spill == nil {
		return book.Segment{Text: template.HTML(h)}, nil
	}
	off, err := m.spill.Put(h)
	return book.Segment{Stored: book.Stored{From: m.spill, Off: off, Len: len(h)}}, err
}

func problemErrors(p string, problems []markdown.Problem) book.Errors {
	var errs book.Errors
	for _, pr := range problems {
		errs = append(errs, &book.Error{Path: p, Line: pr.Line, Col: pr.Col, Msg: pr.Msg, Hint: pr.Hint})
	}
	return errs
}

// Package corpus writes a deterministic, generated workbook of any size, for
// benchmarks: N chapters of about 1,200 words of Markdown each, with
// headings, lists, a GFM table, a fenced code block, footnotes, a
// definition list, links to headings of other chapters, and a worksheet of
// 4 to 8 fields (every field type across the book) on every third chapter.
//
// The same seed and chapter count always give the same bytes. With
// Options.Hugo the same book is written as a Hugo site instead (content,
// minimal layouts printing the title, the content and prev/next, and a
// configuration whose goldmark settings match ours), so both generators can
// be timed on the same text.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"

	"golang.org/x/sync/errgroup"
)

// Options says what to generate.
type Options struct {
	Chapters int   // number of chapters, besides the home page
	Seed     int64 // the same seed gives the same book
	Hugo     bool  // write a Hugo site instead of a workbook project
}

// chapter is what other chapters need to know of a chapter before any body
// is written: its file, URL slug, title and heading ids.
type chapter struct {
	index    int
	file     string // e.g. "0042-quiet-trust.md"
	slug     string // e.g. "quiet-trust"
	title    string
	headings []string // "## " heading texts, in order
}

// Write generates the book into dir (created if needed): content/_index.md
// and the chapters, plus the Hugo configuration and layouts with opts.Hugo.
func Write(dir string, opts Options) error {
	if opts.Chapters < 1 {
		return fmt.Errorf("corpus: need at least one chapter, got %d", opts.Chapters)
	}
	content := filepath.Join(dir, "content")
	if err := os.MkdirAll(content, 0o755); err != nil {
		return err
	}
	plan := planBook(opts)
	if err := os.WriteFile(filepath.Join(content, "_index.md"), []byte(homePage(plan, opts)), 0o644); err != nil {
		return err
	}
	if opts.Hugo {
		if err := writeHugoFiles(dir); err != nil {
			return err
		}
	}
	var g errgroup.Group // chapters are independent: written on all cores
	g.SetLimit(runtime.GOMAXPROCS(0))
	for i := range plan {
		g.Go(func() error {
			return os.WriteFile(filepath.Join(content, plan[i].file), []byte(chapterPage(plan, i, opts)), 0o644)
		})
	}
	return g.Wait()
}

// rng returns the random stream of one chapter (stream 0) or of its body
// (stream 1); chapters are independent, so they can be written in parallel.
func rng(seed int64, i, stream int) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(seed), uint64(i)<<1|uint64(stream)))
}

// planBook chooses every chapter's title, file and headings.
func planBook(opts Options) []chapter {
	width := max(4, len(fmt.Sprint(opts.Chapters)))
	plan := make([]chapter, opts.Chapters)
	used := map[string]int{}
	for i := range plan {
		r := rng(opts.Seed, i, 0)
		title := chapterTitle(r)
		slug := slugify(title)
		if n := used[slug]; n > 0 {
			used[slug] = n + 1
			slug = fmt.Sprintf("%s-%d", slug, n+1)
		}
		used[slug]++
		seen := map[string]bool{}
		var heads []string
		for len(heads) < sectionsPerChapter {
			h := headingText(r)
			if !seen[slugify(h)] {
				seen[slugify(h)] = true
				heads = append(heads, h)
			}
		}
		plan[i] = chapter{index: i, file: fmt.Sprintf("%0*d-%s.md", width, i+1, slug), slug: slug, title: title, headings: heads}
	}
	return plan
}

// slugify lowercases letters and digits and joins words with "-", which is
// also what goldmark's and Hugo's automatic heading ids do to plain words.
func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	return b.String()
}

func homePage(plan []chapter, opts Options) string {
	var b strings.Builder
	b.WriteString("---\nid: generated-book\ntitle: A Generated Workbook\n")
	b.WriteString("subtitle: Written by a program, for timing builds\n")
	b.WriteString("description: Generated chapters of plain prose, lists, tables, code and worksheets.\n---\n\n")
	fmt.Fprintf(&b, "This book has %d chapters. Start with [%s](%s).\n", len(plan), plan[0].title, chapterLink(plan[0], "", opts))
	return b.String()
}

// chapterLink is a link to a chapter (and a heading id) as each generator
// wants it: a file link we check and rewrite, or Hugo's page URL.
func chapterLink(c chapter, id string, opts Options) string {
	dest := c.file
	if opts.Hugo {
		dest = "/" + c.slug + "/"
	}
	if id != "" {
		dest += "#" + id
	}
	return dest
}

package render

import (
	"bytes"
	"io"
	"testing"

	"github.com/workbook-press/workbook/internal/cache"
)

// BenchmarkWorksheet executes the worksheet partial for the fixture's
// worksheet of seven fields, one of each type: a cold build runs it once
// for each worksheet of the book.
func BenchmarkWorksheet(b *testing.B) {
	bk, r := fixture(b)
	ws := bk.Worksheets()[0]
	tmpl := r.pages[Chapter]
	for b.Loop() {
		if err := tmpl.ExecuteTemplate(io.Discard, "worksheet", ws); err != nil {
			b.Fatal(err)
		}
	}
}

type allKept struct{}

func (allKept) Recall(cache.Key) (string, bool)      { return "<p>kept</p>", true }
func (allKept) Mark(_ cache.Key, html string) string { return html }

// BenchmarkChapterShell renders the fixture's chapter pages with every
// {{cached}} piece already kept: what a page costs beyond its pieces.
func BenchmarkChapterShell(b *testing.B) {
	bk, r := fixture(b)
	r.Pieces = allKept{}
	var jobs []Job
	for _, j := range Plan(bk) {
		if j.Kind == Chapter {
			jobs = append(jobs, j)
		}
	}
	var buf bytes.Buffer
	for b.Loop() {
		for _, j := range jobs {
			buf.Reset()
			if err := r.Render(&buf, bk, j); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(jobs)), "ns/page")
}

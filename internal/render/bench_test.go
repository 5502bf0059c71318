package render

import (
	"bytes"
	"io"
	"testing"
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

// BenchmarkChapterPages renders the fixture's chapter pages.
func BenchmarkChapterPages(b *testing.B) {
	bk, r := fixture(b)
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
			if err := r.Render(&buf, j); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(jobs)), "ns/page")
}

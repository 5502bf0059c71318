package serve

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"workbook/internal/corpus"
)

// BenchmarkEditToReload measures what an author waits for: from writing a
// chapter file to the reload event reaching an open page, over 50 edits,
// for the shipped book and a generated 1,000-chapter book. It reports the
// median and the 90th percentile (targets: 100 ms and 300 ms median).
//
//	go test ./internal/serve -run '^$' -bench EditToReload -benchtime 1x
func BenchmarkEditToReload(b *testing.B) {
	b.Run("shipped", func(b *testing.B) {
		dir := b.TempDir()
		if err := os.CopyFS(filepath.Join(dir, "content"), os.DirFS("../../content")); err != nil {
			b.Fatal(err)
		}
		measureEdits(b, dir)
	})
	b.Run("chapters=1000", func(b *testing.B) {
		dir := b.TempDir()
		if err := corpus.Write(dir, corpus.Options{Chapters: 1000, Seed: 1}); err != nil {
			b.Fatal(err)
		}
		measureEdits(b, dir)
	})
}

// measureEdits serves dir and edits one chapter in the middle of the book
// 50 times, each time waiting for the reload.
func measureEdits(b *testing.B, dir string) {
	chapters, _ := fs.Glob(os.DirFS(dir), "content/[0-9]*.md")
	file := filepath.Join(dir, chapters[len(chapters)/2])
	orig, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	p := startOn(b, dir)
	ev := p.listen()
	const edits = 50
	var took []time.Duration
	for i := 0; i < b.N; i++ {
		took = took[:0]
		for n := range edits {
			text := fmt.Sprintf("%s\nEdit number %d, %d.\n", orig, i, n)
			start := time.Now()
			if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
				b.Fatal(err)
			}
			ev.expect(b, "reload")
			took = append(took, time.Since(start))
		}
	}
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, "ms-median")
	b.ReportMetric(float64(took[len(took)*9/10].Microseconds())/1000, "ms-p90")
	b.ReportMetric(0, "ns/op")
}

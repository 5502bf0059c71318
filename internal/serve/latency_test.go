package serve

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/workbook-press/workbook/internal/corpus"
)

// BenchmarkEditToReload measures what an author waits for: from writing a
// chapter file to the reload event reaching an open page, over 50 edits,
// for the shipped book and a generated 1,000-chapter book. It reports the
// median and the 90th percentile (targets: medians of 30 ms and 150 ms), and
// the same for a save that changes nothing (ms-noop-*).
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
// 50 times, each time waiting for the reload; then saves it 50 times
// unchanged, each time waiting for the rebuild to report no change.
func measureEdits(b *testing.B, dir string) {
	chapters, _ := fs.Glob(os.DirFS(dir), "content/[0-9]*.md")
	file := filepath.Join(dir, chapters[len(chapters)/2])
	orig, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	p := startOn(b, dir)
	ev := p.listen()
	var edits, noops []time.Duration
	for i := 0; i < b.N; i++ {
		edits, noops = edits[:0], noops[:0]
		for n := range 50 {
			text := fmt.Appendf(nil, "%s\nEdit number %d, %d.\n", orig, i, n)
			edits = append(edits, timeSave(b, ev, file, text, "reload"))
		}
		last, _ := os.ReadFile(file)
		for range 50 {
			noops = append(noops, timeSave(b, ev, file, last, "unchanged"))
		}
	}
	report(b, edits, "ms-median", "ms-p90")
	report(b, noops, "ms-noop-median", "ms-noop-p90")
	b.ReportMetric(0, "ns/op")
}

// timeSave writes text to file and returns how long the event took. A
// save is a truncation and a write, which the watcher may see as two
// batches: the second build, of the same text, then says "unchanged",
// perhaps after the next edit was written, so a wait for a reload skips
// it.
func timeSave(b *testing.B, ev *events, file string, text []byte, want string) time.Duration {
	start := time.Now()
	if err := os.WriteFile(file, text, 0o644); err != nil {
		b.Fatal(err)
	}
	skip := []string{"hello"}
	if want == "reload" {
		skip = append(skip, "unchanged")
	}
	if e := ev.next(b, 10*time.Second, skip...); e.Name != want {
		b.Fatalf("got event %s %s, want %s", e.Name, e.Data, want)
	}
	return time.Since(start)
}

func report(b *testing.B, took []time.Duration, median, p90 string) {
	slices.Sort(took)
	b.ReportMetric(float64(took[len(took)/2].Microseconds())/1000, median)
	b.ReportMetric(float64(took[len(took)*9/10].Microseconds())/1000, p90)
}

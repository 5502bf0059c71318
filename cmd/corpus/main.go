// Command corpus writes a generated workbook of N chapters for benchmarks,
// or the same book as a Hugo site:
//
//	go run ./cmd/corpus -n 1000 -out /tmp/book          # then: workbook build --src /tmp/book
//	go run ./cmd/corpus -n 1000 -out /tmp/hugo -hugo    # then: hugo --minify -s /tmp/hugo
//
// The same -n and -seed always give the same files.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/workbook-press/workbook/internal/corpus"
)

func main() {
	n := flag.Int("n", 1000, "number of `chapters`")
	out := flag.String("out", "", "`dir` to write the book into (created if needed)")
	seed := flag.Int64("seed", 1, "random seed; the same seed gives the same book")
	hugo := flag.Bool("hugo", false, "write the book as a Hugo site instead")
	flag.Parse()
	if *out == "" || flag.NArg() > 0 {
		fmt.Fprintln(os.Stderr, "usage: corpus -n CHAPTERS -out DIR [-seed N] [-hugo]")
		os.Exit(2)
	}
	if err := corpus.Write(*out, corpus.Options{Chapters: *n, Seed: *seed, Hugo: *hugo}); err != nil {
		fmt.Fprintln(os.Stderr, "corpus:", err)
		os.Exit(1)
	}
}

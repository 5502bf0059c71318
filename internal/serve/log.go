package serve

import (
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/workbook-press/workbook/internal/book"
	"github.com/workbook-press/workbook/internal/site"
)

// logger writes what the author should see in the terminal: errors always,
// a line per rebuild unless quiet, stage timings when verbose.
type logger struct {
	mu             sync.Mutex
	stdout, stderr io.Writer
	quiet, verbose bool
}

func (l *logger) printf(w io.Writer, format string, args ...any) {
	if w == nil {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	fmt.Fprintf(w, format, args...)
}

func (l *logger) info(format string, args ...any) {
	if !l.quiet {
		l.printf(l.stdout, format+"\n", args...)
	}
}

func (l *logger) warn(format string, args ...any) { l.printf(l.stderr, format+"\n", args...) }

// problems reports a failed build; "still serving" only when there is a
// good build to serve.
func (l *logger) problems(ps []problem, serving bool) {
	what := "build failed; the page shows the errors until they are fixed"
	if serving {
		what = "build failed; still serving the last good build"
	}
	l.printf(l.stderr, "%s:\n%s", what, terminalText(ps))
}

// warnings prints what the build let through but readers would see broken.
func (l *logger) warnings(ws book.Errors) {
	for _, e := range ws {
		l.warn("%s", e.Warning())
	}
}

func (l *logger) built(res *site.Result, took time.Duration, first, fixed bool) {
	switch {
	case first:
		l.info("built %d pages in %s", res.Pages, took.Round(time.Millisecond))
	case fixed:
		l.info("fixed: rebuilt in %s", took.Round(time.Millisecond))
	case l.verbose:
		l.info("rebuilt in %s", took.Round(time.Millisecond))
	}
	if l.verbose {
		for _, s := range res.Stages {
			l.info("  %-10s %s", s.Name, s.Elapsed.Round(time.Microsecond))
		}
	}
}

package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/workbook-press/workbook/internal/book"
)

// needContent is the check build, check and serve make before anything
// else: without content/ there is no book, and the same sentence says so
// whichever command was run.
func needContent(src string) error {
	fi, err := os.Stat(filepath.Join(src, "content"))
	if err == nil && fi.IsDir() {
		return nil
	}
	return fmt.Errorf("no content/ folder in %s (run workbook in a book's folder, pass --src DIR, or start a book with workbook init)", src)
}

// reportWarnings prints what the build let through but readers would see
// broken, as path:line: warning: …, and how to make them stop a build.
func reportWarnings(w io.Writer, ws book.Errors) {
	for _, e := range ws {
		fmt.Fprintln(w, e.Warning())
	}
	if len(ws) > 0 {
		fmt.Fprintf(w, "%s (the site was built; workbook build --strict refuses to)\n", plural(len(ws), "warning"))
	}
}

package main

import (
	"fmt"
	"os"
	"path/filepath"
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

package main

import (
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/workbook-press/workbook/internal/mdbook"
)

const importUsage = `Usage: workbook import mdbook SRC [DEST]

Turns the mdBook in SRC (book.toml, src/SUMMARY.md) into a workbook book in
DEST (default: the current folder), which must not hold a book yet:
SUMMARY.md's order becomes the chapters' weights, its parts and nesting
their part:, each chapter's first heading its title; links between
chapters (.md or .html) are rewritten, {{#include}} and {{#rustdoc_include}}
are replaced by the lines they name, and everything it could not convert is
listed with its file and line. A .gitignore and netlify.toml are added as
workbook init writes them.
`

func runImport(args []string, stdout, stderr io.Writer) error {
	if len(args) < 2 || len(args) > 3 || args[0] != "mdbook" {
		return wrongUsage(stderr, importUsage, "want: workbook import mdbook SRC [DEST]")
	}
	src, dest := args[1], "."
	if len(args) == 3 {
		dest = args[2]
	}
	if err := refuseBook(dest); err != nil {
		return err
	}
	res, err := mdbook.Convert(os.DirFS(src), slugify)
	if err != nil {
		return fmt.Errorf("%s: %w", src, err)
	}
	extra, err := skeletonFiles(dest, "")
	if err != nil {
		return err
	}
	for _, name := range []string{".gitignore", "netlify.toml"} {
		if _, err := os.Lstat(filepath.Join(dest, name)); err != nil {
			res.Files[name] = extra[name]
		}
	}
	for _, name := range slices.Sorted(maps.Keys(res.Files)) {
		if err := writeNew(filepath.Join(dest, filepath.FromSlash(name)), res.Files[name]); err != nil {
			return err
		}
	}
	chapters := 0
	for name := range res.Files {
		if strings.HasPrefix(name, "content/") && strings.HasSuffix(name, ".md") && name != "content/_index.md" {
			chapters++
		}
	}
	fmt.Fprintf(stdout, "imported %q: %s into %s\n", res.Title, plural(chapters, "chapter"), filepath.Join(dest, "content"))
	if len(res.Notes) > 0 {
		fmt.Fprintf(stdout, "%s to look at (paths in %s):\n", plural(len(res.Notes), "thing"), src)
		for _, n := range res.Notes {
			fmt.Fprintln(stdout, "  "+n)
		}
	}
	fmt.Fprintf(stdout, "\nNext: check the id and settings in %s, then workbook serve.\n", filepath.Join(dest, "content", "_index.md"))
	return nil
}

package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	workbook "github.com/workbook-press/workbook"
)

const themeUsage = `Usage: workbook theme export [DIR]

Copies the default theme compiled into workbook, layouts/, assets/ and the
interface strings i18n/, into DIR (default: the current folder, a book's
folder), so you can start from it. A file already there is kept as it was.
A book's layouts/x.html or assets/x replaces the default file of the same
name (i18n/x.toml key by key), and files you leave
unchanged would stop following workbook's updates: keep the ones you
change, delete the rest. docs/theme.md lists the blocks, CSS variables and
fields a layout can use.
`

func runTheme(args []string, stdout, stderr io.Writer) error {
	if len(args) < 1 || len(args) > 2 || args[0] != "export" {
		return wrongUsage(stderr, themeUsage, "want: workbook theme export [DIR]")
	}
	dir := "."
	if len(args) == 2 {
		dir = args[1]
	}
	var wrote, kept int
	err := fs.WalkDir(workbook.Theme, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		dst := filepath.Join(dir, filepath.FromSlash(p))
		if _, err := os.Lstat(dst); err == nil {
			fmt.Fprintf(stdout, "kept %s as it was\n", dst)
			kept++
			return nil
		} else if !errors.Is(err, fs.ErrNotExist) {
			return err
		}
		data, err := fs.ReadFile(workbook.Theme, p)
		if err != nil {
			return err
		}
		wrote++
		return writeNew(dst, data)
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote %s of the default theme into %s (layouts/, assets/, i18n/)", plural(wrote, "file"), dir)
	if kept > 0 {
		fmt.Fprintf(stdout, "; kept %d already there", kept)
	}
	fmt.Fprintln(stdout, "\nKeep the files you change and delete the others, so they follow workbook's updates.")
	return nil
}

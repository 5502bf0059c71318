package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	workbook "github.com/workbook-press/workbook"
)

func TestThemeExport(t *testing.T) {
	dir := writeBook(t, goodBook())
	os.MkdirAll(filepath.Join(dir, "layouts"), 0o755)
	os.WriteFile(filepath.Join(dir, "layouts", "404.html"), []byte(`{{define "main"}}<p>Mine</p>{{end}}`), 0o644)
	stdout, stderr, code := runCLI(t, "theme", "export", dir)
	if code != 0 || !strings.Contains(stdout, "kept "+filepath.Join(dir, "layouts", "404.html")) {
		t.Fatalf("theme export: status %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	fs.WalkDir(workbook.Theme, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && p != "layouts/404.html" {
			want, _ := fs.ReadFile(workbook.Theme, p)
			if got, err := os.ReadFile(filepath.Join(dir, p)); err != nil || string(got) != string(want) {
				t.Errorf("%s was not exported as it is: %v", p, err)
			}
		}
		return nil
	})
	if got, _ := os.ReadFile(filepath.Join(dir, "layouts", "404.html")); !strings.Contains(string(got), "Mine") {
		t.Errorf("the book's own layout was overwritten: %q", got)
	}
	// The exported theme builds the same book.
	if _, stderr, code := runCLI(t, "build", "-q", "--src", dir); code != 0 {
		t.Errorf("build with the exported theme: status %d, %s", code, stderr)
	}
}

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestWarningsAndStrict(t *testing.T) {
	files := goodBook()
	files["content/03-third.md"] = "# Third\n\n<b>bold</b>\n"
	files["assets/css/app.css"] = "@import url(\"https://fonts.example.org/css?family=X\");\nbody { font-family: X; }\n"
	dir := writeBook(t, files)
	_, stderr, code := runCLI(t, "build", "-q", "--src", dir)
	for _, want := range []string{
		"content/03-third.md:3: warning: raw HTML `<b>` will show as text",
		"assets/css/app.css:1: warning: https://fonts.example.org/css?family=X is on another host",
		"2 warnings (the site was built; workbook build --strict refuses to)",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("build with warnings: stderr %q, want %q", stderr, want)
		}
	}
	if code != 0 {
		t.Errorf("build with warnings: status %d, want 0", code)
	}
	os.RemoveAll(filepath.Join(dir, "public"))
	_, stderr, code = runCLI(t, "build", "--strict", "--src", dir)
	if code != 1 || !strings.Contains(stderr, "content/03-third.md:3: warning (an error with --strict): raw HTML") || !strings.Contains(stderr, "2 problems found") {
		t.Errorf("build --strict with warnings: status %d, stderr %q; want 1 and the warnings as errors", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); !os.IsNotExist(err) {
		t.Errorf("build --strict with warnings wrote public/: %v", err)
	}
	if _, _, code := runCLI(t, "check", "--strict", "-q", "--src", dir); code != 1 {
		t.Errorf("check --strict with warnings: status %d, want 1", code)
	}
}

package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/workbook-press/workbook/internal/netlify"
)

func TestInitBuilds(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "my-first-book")
	stdout, stderr, code := runCLI(t, "init", dir)
	if code != 0 {
		t.Fatalf("init: status %d, stderr %q", code, stderr)
	}
	for _, want := range []string{"created " + filepath.Join(dir, "content", "_index.md"), "cd " + dir, "workbook serve", "workbook new chapter", "workbook build"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("init printed %q; want it to contain %q", stdout, want)
		}
	}
	for _, f := range []string{".gitignore", "netlify.toml", "content/_index.md", "content/01-getting-started.md"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("init wrote no %s: %v", f, err)
		}
	}
	index, _ := os.ReadFile(filepath.Join(dir, "content", "_index.md"))
	if !strings.Contains(string(index), "id: my-first-book\ntitle: \"My first book\"") {
		t.Errorf("_index.md does not take its id and title from the folder:\n%s", index)
	}
	if _, stderr, code := runCLI(t, "build", "-q", "--src", dir); code != 0 {
		t.Fatalf("build of a new book: status %d, stderr %q", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "getting-started", "index.html")); err != nil {
		t.Errorf("the first chapter was not built: %v", err)
	}
	stdout, _, _ = runCLI(t, "new", "chapter", "Second steps", "--src", dir)
	if !strings.Contains(stdout, "02-second-steps.md") {
		t.Errorf("new chapter in a new book printed %q, want 02-second-steps.md", stdout)
	}
}

func TestInitRefusesABook(t *testing.T) {
	dir := writeBook(t, goodBook())
	before := listFiles(t, dir)
	_, stderr, code := runCLI(t, "init", dir)
	if code != 1 {
		t.Errorf("init in a book: status %d, want 1 (stderr %q)", code, stderr)
	}
	if after := listFiles(t, dir); len(after) != len(before) {
		t.Errorf("init in a book wrote files: %v, before %v", after, before)
	}
}

func TestInitKeepsExistingFiles(t *testing.T) {
	dir := writeBook(t, map[string]string{".gitignore": "node_modules/\n"})
	stdout, _, code := runCLI(t, "init", dir)
	if code != 0 || !strings.Contains(stdout, "kept "+filepath.Join(dir, ".gitignore")) {
		t.Errorf("init beside a .gitignore: status %d, stdout %q", code, stdout)
	}
	if got, _ := os.ReadFile(filepath.Join(dir, ".gitignore")); string(got) != "node_modules/\n" {
		t.Errorf(".gitignore was changed: %q", got)
	}
}

func TestInitNetlifyTOML(t *testing.T) {
	for _, tc := range []struct{ version, want string }{
		{"v0.3.0", "go install github.com/workbook-press/workbook/cmd/workbook@v0.3.0 && "},
		{"", "go install github.com/workbook-press/workbook/cmd/workbook@latest && "},
	} {
		got := string(netlifyTOML(tc.version))
		if !strings.Contains(got, tc.want) || strings.Contains(got, "./cmd/workbook") {
			t.Errorf("netlifyTOML(%q) has no %q, or still builds ./cmd/workbook:\n%s", tc.version, tc.want, got)
		}
		if (tc.version == "") != strings.Contains(got, "development build") {
			t.Errorf("netlifyTOML(%q): the note on @latest is wrong", tc.version)
		}
		rules, err := netlify.ParseHeaders([]byte(got))
		if err != nil || len(rules) == 0 || netlify.HeadersFor(rules, "/")["Content-Security-Policy"] == "" {
			t.Errorf("netlifyTOML(%q) lost its headers: %v, %v", tc.version, rules, err)
		}
	}
}

func TestNextPrefix(t *testing.T) {
	for _, tc := range []struct {
		names []string
		want  string
	}{
		{nil, "01-"},
		{[]string{"intro", "about"}, "01-"},
		{[]string{"01-a", "03-b", "02-c"}, "04-"},
		{[]string{"9-a", "10-b"}, "11-"},
		{[]string{"099-a"}, "100-"},
		{[]string{"ch03-01-intro", "ch03-02-more", "ch02-09-x"}, "ch03-03-"},
		{[]string{"ch3-9-a", "ch3-10-b"}, "ch3-11-"},
		{[]string{"part1_07_x"}, "part1_08_"},
	} {
		if got := nextPrefix(tc.names); got != tc.want {
			t.Errorf("nextPrefix(%q) = %q, want %q", tc.names, got, tc.want)
		}
	}
}

func TestServeWithoutContent(t *testing.T) {
	_, _, code := runCLI(t, "serve", "--port", "0", "--src", t.TempDir())
	if code != 1 {
		t.Errorf("serve without content/: status %d, want 1", code)
	}
}

// TestInitLanguage: init --language de starts a German book.
func TestInitLanguage(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "buch")
	if _, stderr, code := runCLI(t, "init", "--language", "de", dir); code != 0 {
		t.Fatalf("init --language de: status %d, stderr %q", code, stderr)
	}
	index, err := os.ReadFile(filepath.Join(dir, "content", "_index.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(index), "\nlanguage: de ") {
		t.Errorf("content/_index.md: want the line language: de, got\n%s", index)
	}
	if _, stderr, code := runCLI(t, "build", "--src", dir, "--out", filepath.Join(dir, "public")); code != 0 {
		t.Fatalf("build: status %d, stderr %q", code, stderr)
	}
	page, err := os.ReadFile(filepath.Join(dir, "public", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(page), "Zum Text springen") {
		t.Errorf("the new German book's home page does not speak German")
	}
}

package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/workbook-press/workbook/internal/content"
)

// runCLI runs the command line as main would and returns its output and
// exit status.
func runCLI(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(context.Background(), args, &out, &errOut)
	return out.String(), errOut.String(), exitCode(err)
}

// writeBook writes files below a fresh directory and returns it.
func writeBook(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for p, data := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func goodBook() map[string]string {
	return map[string]string{
		"content/_index.md":   "---\nid: cli-book\ntitle: CLI Book\n---\n\nWelcome.\n",
		"content/01-first.md": "# First\n\nText.\n",
		"content/03-third.md": "# Third\n\nMore.\n",
	}
}

// listFiles returns every file below dir.
func listFiles(t *testing.T, dir string) []string {
	t.Helper()
	var files []string
	filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			files = append(files, filepath.ToSlash(rel))
		}
		return err
	})
	return files
}

func TestBadCommandLines(t *testing.T) {
	for _, args := range [][]string{
		{},
		{"bogus"},
		{"build", "--nope"},
		{"check", "-minify=maybe"},
		{"build", "stray"},
		{"new"},
		{"new", "page", "X"},
		{"help", "bogus"},
		{"serve", "--base-url", "https://example.org"}, // the preview links from its own root
	} {
		stdout, stderr, code := runCLI(t, args...)
		if code != 2 {
			t.Errorf("workbook %s: exit status %d, want 2", strings.Join(args, " "), code)
		}
		if !strings.Contains(strings.ToLower(stderr), "usage") {
			t.Errorf("workbook %s: no usage line on stderr:\n%s", strings.Join(args, " "), stderr)
		}
		if stdout != "" {
			t.Errorf("workbook %s: wrote to stdout: %q", strings.Join(args, " "), stdout)
		}
	}
	_, stderr, _ := runCLI(t, "build", "--nope")
	if lines := strings.Count(stderr, "\n"); lines != 2 || !strings.Contains(stderr, "flag provided but not defined: -nope") {
		t.Errorf("a bad flag should give the problem and one usage line, got %d lines:\n%s", lines, stderr)
	}
}

func TestVersionAndHelp(t *testing.T) {
	stdout, _, code := runCLI(t, "version")
	if want := " " + runtime.Version() + "\n"; code != 0 || !strings.HasPrefix(stdout, "workbook ") || !strings.HasSuffix(stdout, want) {
		t.Errorf("version: got %q, status %d; want \"workbook …%s\", 0", stdout, code, want)
	}
	stdout, _, code = runCLI(t, "help")
	if code != 0 || !strings.Contains(stdout, "workbook build [flags]") || !strings.Contains(stdout, `workbook new chapter "Title"`) {
		t.Errorf("help: status %d, want 0 and every command listed:\n%s", code, stdout)
	}
	stdout, _, code = runCLI(t, "help", "build")
	for _, flag := range []string{"-src", "-out", "-base-url", "-drafts", "-minify", "-q", "-v"} {
		if !regexp.MustCompile(`\s` + flag + `\s`).MatchString(stdout) {
			t.Errorf("help build: flag %s not described:\n%s", flag, stdout)
		}
	}
	if code != 0 {
		t.Errorf("help build: status %d, want 0", code)
	}
	stdout, _, code = runCLI(t, "new", "-h")
	if code != 0 || !strings.HasPrefix(stdout, "Usage: workbook new chapter") {
		t.Errorf("new -h: status %d, stdout %q; want 0 and the usage", code, stdout)
	}
	_, stderr, code := runCLI(t, "build", "-h")
	if code != 0 || !strings.Contains(stderr, "-base-url") {
		t.Errorf("build -h: status %d, want 0 and the flags:\n%s", code, stderr)
	}
}

func TestBuildReportsEveryErrorWithPositions(t *testing.T) {
	files := goodBook()
	files["content/02-bad.md"] = "---\ntitel: Bad\nworksheets:\n  - id: plan\n    title: P\n    fields: [{id: a, type: texterea, label: A}]\n---\n\nSee [nothing](99-none.md).\n"
	dir := writeBook(t, files)
	if err := os.MkdirAll(filepath.Join(dir, "public"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "public", "old.html"), []byte("old"), 0o644)
	stdout, stderr, code := runCLI(t, "build", "--src", dir)
	if code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	for _, want := range []string{
		"content/02-bad.md:2:1: chapter: unknown key \"titel\" (did you mean \"title\"?)\n",
		"content/02-bad.md:6:28: worksheet \"plan\": field 1: unknown type \"texterea\" (did you mean \"textarea\"?)\n",
		"content/02-bad.md:9:5: link to 99-none.md: no such chapter",
		"3 problems found; " + filepath.Join(dir, "public") + " was left as it was\n",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
	if stdout != "" {
		t.Errorf("stdout: got %q, want nothing", stdout)
	}
	if got := listFiles(t, filepath.Join(dir, "public")); len(got) != 1 || got[0] != "old.html" {
		t.Errorf("public/ after a failed build: got %v, want only old.html", got)
	}
}

func TestBuildAndCheck(t *testing.T) {
	dir := writeBook(t, goodBook())
	before := listFiles(t, dir)
	stdout, stderr, code := runCLI(t, "check", "--src", dir)
	if code != 0 || !strings.HasPrefix(stdout, "ok: 2 chapters, 0 worksheets") {
		t.Errorf("check: status %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if after := listFiles(t, dir); strings.Join(after, " ") != strings.Join(before, " ") {
		t.Errorf("check wrote files: before %v, after %v", before, after)
	}
	stdout, stderr, code = runCLI(t, "build", "-q", "--src", dir)
	if code != 0 || stdout != "" || stderr != "" {
		t.Errorf("build -q: status %d, stdout %q, stderr %q; want 0 and silence", code, stdout, stderr)
	}
	for _, p := range []string{"index.html", "first/index.html", "third/index.html", "404.html", "sitemap.xml", "robots.txt"} {
		if _, err := os.Stat(filepath.Join(dir, "public", p)); err != nil {
			t.Errorf("after build: %v", err)
		}
	}
	stdout, _, code = runCLI(t, "build", "-v", "--src", dir, "--out", filepath.Join(dir, "elsewhere"))
	if code != 0 || !strings.Contains(stdout, "built "+filepath.Join(dir, "elsewhere")) || !strings.Contains(stdout, "  load ") {
		t.Errorf("build -v --out: status %d, stdout:\n%s", code, stdout)
	}
	err := run(context.Background(), []string{"build", "--src", t.TempDir()}, io.Discard, io.Discard)
	if exitCode(err) != 1 || err == nil || !strings.Contains(err.Error(), "no content/ folder") {
		t.Errorf("build without content/: got %v (status %d), want the missing content/ named and status 1", err, exitCode(err))
	}
}

func TestBaseURLFromEnvironment(t *testing.T) {
	dir := writeBook(t, goodBook())
	t.Setenv("URL", "https://book.example.org/")
	if _, stderr, code := runCLI(t, "build", "-q", "--src", dir); code != 0 {
		t.Fatalf("build: status %d: %s", code, stderr)
	}
	sitemap, _ := os.ReadFile(filepath.Join(dir, "public", "sitemap.xml"))
	if !strings.Contains(string(sitemap), "<loc>https://book.example.org/first/</loc>") {
		t.Errorf("sitemap.xml does not use $URL:\n%s", sitemap)
	}
	if _, stderr, code := runCLI(t, "build", "-q", "--src", dir, "--base-url", "https://other.example/"); code != 0 {
		t.Fatalf("build: status %d: %s", code, stderr)
	}
	sitemap, _ = os.ReadFile(filepath.Join(dir, "public", "sitemap.xml"))
	if !strings.Contains(string(sitemap), "<loc>https://other.example/first/</loc>") {
		t.Errorf("--base-url does not win over $URL:\n%s", sitemap)
	}
}

func TestNewChapter(t *testing.T) {
	dir := writeBook(t, goodBook())
	stdout, stderr, code := runCLI(t, "new", "chapter", "Talking about what happened", "--src", dir)
	want := filepath.Join(dir, "content", "04-talking-about-what-happened.md")
	if code != 0 || stdout != "created "+want+"\n" {
		t.Fatalf("new chapter: status %d, stdout %q, stderr %q; want %s created", code, stdout, stderr, want)
	}
	written, err := os.ReadFile(want)
	if err != nil {
		t.Fatal(err)
	}
	parsed := content.ParseFile("content/04-talking-about-what-happened.md", written, false)
	if len(parsed.Errors) > 0 || parsed.Matter.Title != "Talking about what happened" {
		t.Errorf("the new chapter does not load cleanly: title %q, errors %v", parsed.Matter.Title, parsed.Errors)
	}
	if _, _, code := runCLI(t, "check", "-q", "--src", dir); code != 0 {
		t.Errorf("check after new chapter: status %d", code)
	}

	// The same title again would make a second /talking-about-what-happened/.
	os.WriteFile(want, []byte("# Edited by the author\n"), 0o644)
	_, _, code = runCLI(t, "new", "chapter", "Talking About What Happened", "--src", dir)
	if code != 1 {
		t.Errorf("new chapter with an existing title: status %d, want 1", code)
	}
	if got, _ := os.ReadFile(want); string(got) != "# Edited by the author\n" {
		t.Errorf("the existing chapter was overwritten: %q", got)
	}
	if files := listFiles(t, filepath.Join(dir, "content")); len(files) != 4 {
		t.Errorf("content/ holds %v, want the 4 chapters and nothing new", files)
	}

	// In an empty book the first chapter is 01.
	empty := t.TempDir()
	stdout, _, _ = runCLI(t, "new", "chapter", "--src="+empty, "Élan & Ça va?")
	if want := filepath.Join(empty, "content", "01-elan-ca-va.md"); stdout != "created "+want+"\n" {
		t.Errorf("got %q, want %s created", stdout, want)
	}
}

func TestExitCodes(t *testing.T) {
	for _, tc := range []struct {
		err  error
		want int
	}{
		{nil, 0},
		{errReported, 1},
		{errors.New("disk full"), 1},
		{errUsage, 2},
	} {
		if got := exitCode(tc.err); got != tc.want {
			t.Errorf("exitCode(%v) = %d, want %d", tc.err, got, tc.want)
		}
	}
}

func TestCheckReportsContentAndLayoutProblemsTogether(t *testing.T) {
	files := goodBook()
	files["content/02-bad.md"] = "---\ntitel: Bad\n---\n"
	files["layouts/404.html"] = "{{define \"main\"}}\n{{if .Site}}\n{{end}\n"
	_, stderr, code := runCLI(t, "check", "--src", writeBook(t, files))
	want := "content/02-bad.md:2:1: chapter: unknown key \"titel\" (did you mean \"title\"?)\n" +
		"layouts/404.html:3: bad character U+007D '}' (check the template syntax there: each {{ needs its }}, each {{if}}, {{range}}, {{with}} and {{define}} its {{end}})\n" +
		"2 problems found\n"
	if code != 1 || stderr != want {
		t.Errorf("status %d, stderr:\n%s\nwant status 1 and:\n%s", code, stderr, want)
	}
}

// TestCacheFlagsAreGone: --cache and --no-cache were removed; like any
// unknown flag they are a usage error, and a build leaves nothing beside
// the book but its output.
func TestCacheFlagsAreGone(t *testing.T) {
	dir := writeBook(t, goodBook())
	for _, flag := range []string{"--no-cache", "--cache=x"} {
		if _, stderr, code := runCLI(t, "build", flag, "--src", dir); code != 2 || !strings.Contains(stderr, "flag provided but not defined") {
			t.Errorf("build %s: status %d, stderr %q; want status 2 and the flag named as unknown", flag, code, stderr)
		}
	}
	if _, stderr, code := runCLI(t, "build", "-q", "--src", dir); code != 0 {
		t.Fatalf("build: status %d: %s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, ".workbook-cache")); !os.IsNotExist(err) {
		t.Errorf("a build made .workbook-cache (%v)", err)
	}
}

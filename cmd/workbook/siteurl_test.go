package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSiteURL(t *testing.T) {
	for _, c := range []struct{ in, want, problem string }{
		{"", "", ""},
		{"https://book.example.org", "https://book.example.org", ""},
		{"https://book.example.org/", "https://book.example.org", ""},
		{"http://localhost:8080/", "http://localhost:8080", ""},
		{"https://example.org/book", "https://example.org/book", ""},
		{"https://alice.github.io/mybook/", "https://alice.github.io/mybook", ""},
		{"https://example.org/a/b.c/", "https://example.org/a/b.c", ""},
		{"https://example.org/a%20b/", "", `a folder (/a%20b)`},
		{"https://example.org/a//b/", "", `a folder (/a//b)`},
		{"https://example.org/book?x=1", "", "more than a site's address"},
		{"https://example.org/?x=1", "", "more than a site's address"},
		{"https://example.org/#top", "", "more than a site's address"},
		{"https://me:secret@example.org", "", "more than a site's address"},
		{"example.org", "", "not the address of a web site"},
		{"//example.org", "", "not the address of a web site"},
		{"ftp://example.org", "", "not the address of a web site"},
		{"https://", "", "not the address of a web site"},
		{"https://exa mple.org", "", "not the address of a web site"},
	} {
		got, err := siteURL(c.in)
		switch {
		case c.problem == "" && (err != nil || got != c.want):
			t.Errorf("siteURL(%q) = %q, %v; want %q", c.in, got, err, c.want)
		case c.problem != "" && (err == nil || !strings.Contains(err.Error(), c.problem)):
			t.Errorf("siteURL(%q) = %q, %v; want an error saying %q", c.in, got, err, c.problem)
		}
	}
}

func TestBadBaseURLIsRefused(t *testing.T) {
	dir := writeBook(t, goodBook())
	_, stderr, code := runCLI(t, "build", "-q", "--src", dir, "--base-url", "https://example.org/my%20book/")
	if code != 2 || !strings.Contains(stderr, "folder names of letters") || !strings.Contains(stderr, "like https://example.org/mybook") {
		t.Errorf("--base-url in a folder with a space: status %d, stderr %q; want 2 and how to fix it", code, stderr)
	}
	t.Setenv("URL", "https://example.org/my%20book")
	err := run(context.Background(), []string{"build", "-q", "--src", dir}, io.Discard, io.Discard)
	if exitCode(err) != 1 || err == nil || !strings.Contains(err.Error(), "URL environment variable") || !strings.Contains(err.Error(), "--base-url") {
		t.Errorf("$URL in a folder: got %v (status %d); want status 1 and an error naming $URL and --base-url", err, exitCode(err))
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); !os.IsNotExist(err) {
		t.Errorf("a refused base URL still built public/: %v", err)
	}
	if _, stderr, code := runCLI(t, "build", "-q", "--src", dir, "--base-url", "https://example.org"); code != 0 {
		t.Errorf("--base-url wins over a bad $URL: status %d: %s", code, stderr)
	}
}

// FuzzSiteURL checks that any accepted base URL is a site's root that
// parses back to itself, and that nothing panics.
func FuzzSiteURL(f *testing.F) {
	for _, s := range []string{"", "https://example.org/", "http://[::1]:8080", "https://example.org/book", "https://a@b/?#", "%zz"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		root, err := siteURL(raw)
		if err != nil || raw == "" {
			return
		}
		again, err := siteURL(root)
		if err != nil || again != root || strings.HasSuffix(root, "/") || !strings.HasPrefix(root, "http") {
			t.Errorf("siteURL(%q) = %q, which gives %q, %v", raw, root, again, err)
		}
	})
}

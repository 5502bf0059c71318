package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// rootLink is an href or src that starts at the host's root.
var rootLink = regexp.MustCompile(`(?:href|src)="?(/[^"\s>]*)`)

func TestBuildInAFolder(t *testing.T) {
	files := goodBook()
	files["content/img/dot.png"] = "png"
	files["content/01-first.md"] = "# First\n\n[Third](03-third.md#third), [home](_index.md), ![dot](img/dot.png).\n"
	dir := writeBook(t, files)
	if _, stderr, code := runCLI(t, "build", "-q", "--minify=false", "--src", dir, "--base-url", "https://alice.github.io/mybook/"); code != 0 {
		t.Fatalf("build under /mybook/: status %d, stderr %q", code, stderr)
	}
	out := filepath.Join(dir, "public")
	for _, f := range listFiles(t, out) {
		if !strings.HasSuffix(f, ".html") {
			continue
		}
		data, _ := os.ReadFile(filepath.Join(out, f))
		for _, m := range rootLink.FindAllStringSubmatch(string(data), -1) {
			if !strings.HasPrefix(m[1], "/mybook/") {
				t.Errorf("%s links to %s, outside /mybook/", f, m[1])
			}
		}
	}
	for file, wants := range map[string][]string{
		"first/index.html":     {`href="/mybook/third/#third"`, `href="/mybook/"`, `src="/mybook/img/dot.png"`, `data-sw="/mybook/sw.js"`, `<link rel="canonical" href="https://alice.github.io/mybook/first/">`},
		"manifest.webmanifest": {`"start_url":"/mybook/"`, `"scope":"/mybook/"`, `"src":"/mybook/assets/icons/`},
		"sitemap.xml":          {"<loc>https://alice.github.io/mybook/</loc>", "<loc>https://alice.github.io/mybook/first/</loc>"},
		"robots.txt":           {"Sitemap: https://alice.github.io/mybook/sitemap.xml"},
	} {
		data, err := os.ReadFile(filepath.Join(out, file))
		if err != nil {
			t.Error(err)
			continue
		}
		for _, want := range wants {
			if !strings.Contains(strings.ReplaceAll(string(data), " ", ""), strings.ReplaceAll(want, " ", "")) {
				t.Errorf("%s has no %s", file, want)
			}
		}
	}
}

func TestBuildWithMetaCSP(t *testing.T) {
	dir := writeBook(t, goodBook())
	if _, stderr, code := runCLI(t, "build", "-q", "--csp-meta", "--src", dir); code != 0 {
		t.Fatalf("build --csp-meta: status %d, stderr %q", code, stderr)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "public", "first", "index.html"))
	meta := regexp.MustCompile(`<meta http-equiv=(?:"?)Content-Security-Policy"? content="([^"]+)"`).FindSubmatch(data)
	if meta == nil || !strings.Contains(string(meta[1]), "script-src 'self'") || strings.Contains(string(meta[1]), "frame-ancestors") {
		t.Errorf("build --csp-meta: got %q, want the policy without frame-ancestors", meta)
	}
	dir = writeBook(t, goodBook())
	runCLI(t, "build", "-q", "--src", dir)
	if data, _ := os.ReadFile(filepath.Join(dir, "public", "first", "index.html")); strings.Contains(string(data), "http-equiv") {
		t.Errorf("a build without --csp-meta has a <meta http-equiv>")
	}
}

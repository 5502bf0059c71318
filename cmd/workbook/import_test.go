package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestImportMdBook imports testdata/mdbook: parts and nesting in
// SUMMARY.md, includes of whole files, anchors and line ranges, .html and
// .md links, an image, and things it cannot convert.
func TestImportMdBook(t *testing.T) {
	dest := filepath.Join(t.TempDir(), "book")
	stdout, stderr, code := runCLI(t, "import", "mdbook", "testdata/mdbook", dest)
	if code != 0 {
		t.Fatalf("import: status %d, stderr %q", code, stderr)
	}
	for _, want := range []string{
		`imported "The Small Book": 6 chapters`,
		`src/SUMMARY.md:11: "Coming soon" is a draft chapter`,
		`src/installing.md:21: {{#playground ../listings/main.rs}}: workbook has no "playground"`,
		`src/ch2/using.md:4: the link to nowhere.md leads to no chapter`,
		`src/ch2/examples.md:3: {{#include ../../listings/nothere.rs}}: cannot read`,
	} {
		if !strings.Contains(stdout, want) {
			t.Errorf("import printed\n%s\nwant %q", stdout, want)
		}
	}
	files := map[string][]string{
		"content/_index.md":          {"id: the-small-book\ntitle: \"The Small Book\"", `author: "Ada, Grace"`},
		"content/01-introduction.md": {"title: \"Introduction\"\nweight: 1\n---", "[installing](02-installing.md)", "[use it](03-using.md#first-run)", "![logo](img/logo.png)"},
		"content/02-installing.md": {"weight: 2\npart: \"Getting going\"", "```console\n#!/bin/sh\nset -e\ncargo install small\necho done\n```",
			"```rust,ignore\nfn main() {\n    println!(\"hello\");\n}\n```", "```\nset -e\ncargo install small\n```", "[introduction](01-introduction.md)", "[options](04-options.md#flags)"},
		"content/03-using.md":    {"title: \"Using it\"\nweight: 3\npart: \"Using it\""},
		"content/04-options.md":  {"part: \"Using it\"", "[using it](03-using.md)"},
		"content/05-examples.md": {"part: \"Using it\""},
		"content/06-thanks.md":   {"title: \"Thanks\"\nweight: 6\n---"},
		"content/img/logo.png":   {"PNG"},
		".gitignore":             {"/public/"},
		"netlify.toml":           {"cmd/workbook@"},
	}
	for name, wants := range files {
		data, err := os.ReadFile(filepath.Join(dest, filepath.FromSlash(name)))
		if err != nil {
			t.Error(err)
			continue
		}
		for _, w := range wants {
			if !strings.Contains(string(data), w) {
				t.Errorf("%s:\n%s\nwant %q", name, data, w)
			}
		}
		if strings.Contains(string(data), "ANCHOR") {
			t.Errorf("%s keeps an anchor line:\n%s", name, data)
		}
	}
	// The book checks, but for the link the import reported.
	_, stderr, _ = runCLI(t, "check", "-q", "--src", dest)
	if lines := strings.Split(strings.TrimSpace(stderr), "\n"); len(lines) != 2 || !strings.Contains(lines[0], "content/03-using.md") || !strings.Contains(lines[0], "nowhere.md") {
		t.Errorf("check after import: %q, want only the broken link the import reported", stderr)
	}

	// A folder with a book is refused.
	if _, _, code := runCLI(t, "import", "mdbook", "testdata/mdbook", dest); code != 1 {
		t.Errorf("import into a book: status %d, want 1", code)
	}
}

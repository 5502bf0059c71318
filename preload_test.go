package workbook

import (
	"io/fs"
	"regexp"
	"testing"
)

// TestOneScript: the base layout loads one script, js/app.js, which the
// build publishes as one bundle of every module it imports, so a phone
// fetches the page's script in one request, with no modules to preload.
func TestOneScript(t *testing.T) {
	base, err := fs.ReadFile(Theme, "layouts/base.html")
	if err != nil {
		t.Fatal(err)
	}
	var srcs []string
	for _, m := range regexp.MustCompile(`<script[^>]*\bsrc="(\{\{[^}]*\}\}|[^"]*)"`).FindAllSubmatch(base, -1) {
		srcs = append(srcs, string(m[1]))
	}
	// The preview server's live-reload script is the only other one
	// (written above head-assets' definition in the file).
	want := []string{"/_workbook/live.js", `{{asset "js/app.js"}}`}
	if len(srcs) != len(want) || srcs[0] != want[0] || srcs[1] != want[1] {
		t.Errorf("layouts/base.html loads scripts %q, want %q", srcs, want)
	}
	if regexp.MustCompile(`modulepreload`).Match(base) {
		t.Error("layouts/base.html preloads modules: js/app.js is one bundle, there is nothing to preload")
	}
}

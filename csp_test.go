package workbook_test

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/workbook-press/workbook/internal/site"
)

var (
	scriptTag   = regexp.MustCompile(`(?is)<script\b[^>]*>`)
	styleTag    = regexp.MustCompile(`(?is)<style\b`)
	styleAttr   = regexp.MustCompile(`(?is)<[a-z][^>]*\sstyle=`)
	handlerAttr = regexp.MustCompile(`(?is)<[a-z][^>]*\son[a-z]+=`)
	dataBlock   = regexp.MustCompile(`(?i)\stype="?application/json"?[\s>]`) // data, never run: the interface strings
	jsURL       = regexp.MustCompile(`(?i)(href|src|action)="?javascript:`)
	loadedURL   = regexp.MustCompile(`(?is)<(?:script|img|iframe|source|audio|video|link)\b[^>]*\s(?:src|href)="?([^"\s>]+)`)
)

// TestOutputHonoursTheCSP reads every page of the shipped book as built for
// production and fails on anything the Content-Security-Policy would
// block or that would load from another origin: an inline script or
// style, a style attribute, an event handler attribute, a javascript: URL,
// a resource with an absolute URL.
func TestOutputHonoursTheCSP(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(context.Background(), site.Config{Src: ".", Out: out, Minify: true, BaseURL: "https://book.example"}); err != nil {
		t.Fatal(err)
	}
	pages := 0
	err := filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".html") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		pages++
		for _, problem := range cspProblems(string(data)) {
			t.Errorf("%s: %.160s", strings.TrimPrefix(p, out), problem)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if pages < 10 {
		t.Errorf("checked %d pages, want the whole book (10 or more)", pages)
	}
}

// cspProblems lists what in page the policy would block or what would
// load from another origin.
func cspProblems(page string) []string {
	var out []string
	for _, tag := range scriptTag.FindAllString(page, -1) {
		if !strings.Contains(tag, "src=") && !dataBlock.MatchString(tag) {
			out = append(out, "inline script "+tag)
		}
	}
	for what, re := range map[string]*regexp.Regexp{"a <style> element": styleTag, "a style attribute": styleAttr, "an event handler attribute": handlerAttr, "a javascript: URL": jsURL} {
		if m := re.FindString(page); m != "" {
			out = append(out, what+": "+m)
		}
	}
	for _, m := range loadedURL.FindAllStringSubmatch(page, -1) {
		if strings.Contains(m[0], "canonical") {
			continue // the page's own address, not a resource
		}
		if strings.Contains(m[1], "//") {
			out = append(out, "loads a resource from "+m[1])
		}
	}
	return out
}

func TestCSPProblemsFindsWhatThePolicyBlocks(t *testing.T) {
	for _, bad := range []string{
		`<p>x<script>alert(1)</script>`,
		`<style>p{color:red}</style>`,
		`<p style="color:red">`,
		`<p style=color:red>`,
		`<button onclick="x()">`,
		`<a href="javascript:x()">`,
		`<img src="https://tracker.example/pixel.gif">`,
		`<link rel=stylesheet href=//cdn.example/a.css>`,
		`<script src="https://cdn.example/a.js"></script>`,
	} {
		if len(cspProblems(bad)) == 0 {
			t.Errorf("no problem found in %s", bad)
		}
	}
	good := `<link rel=canonical href=https://book.example/a/><link rel=stylesheet href=/assets/css/app.1.css><script type=module src=/assets/js/app.1.js></script><p>The style= of this sentence is fine, and so is onward.</p><a href="https://example.org/">a link is not a request</a>`
	if p := cspProblems(good); len(p) != 0 {
		t.Errorf("problems found in a good page: %v", p)
	}
}

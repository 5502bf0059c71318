package printtest

import (
	"bytes"
	"context"
	"flag"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/workbook-press/workbook"
	"github.com/workbook-press/workbook/internal/browsertest"
	"github.com/workbook-press/workbook/internal/netlify"
	"github.com/workbook-press/workbook/internal/site"
)

var pdfDir = flag.String("pdfdir", "", "keep the printed PDFs in this folder")

// Paper is a sheet size to print on.
type Paper struct {
	Name string
	Size chromedp.PaperSize
}

// Papers are the sizes every printed page must work on.
var Papers = []Paper{{"A4", chromedp.PaperA4}, {"Letter", chromedp.PaperLetter}}

// RequirePdftotext skips or fails the test, like a missing browser, when
// poppler-utils is not installed.
func RequirePdftotext(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err == nil {
		return
	}
	msg := "!!! PRINT TEST NOT RUN: pdftotext is missing (apt-get install poppler-utils) !!!"
	if os.Getenv("WORKBOOK_REQUIRE_BROWSER") == "1" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// Serve builds the book in dir and serves it on loopback with the headers
// of the repository's netlify.toml, so the strict CSP applies.
func Serve(t testing.TB, dir string) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(context.Background(), site.Config{Src: dir, Out: out, Minify: true}); err != nil {
		t.Fatal(err)
	}
	rules, err := netlify.ParseHeaders(workbook.Netlify)
	if err != nil {
		t.Fatal(err)
	}
	return browsertest.Serve(t, browsertest.Static(out, rules)).URL
}

// PDF is a printed document.
type PDF struct {
	Data  []byte
	path  string
	pages int
	text  map[int]string // by page
}

// Print prints the tab's page on paper, with the margins its CSS asks for,
// and keeps the file as name.pdf in -pdfdir when given.
func Print(t testing.TB, tab *browsertest.Tab, paper Paper, name string) *PDF {
	t.Helper()
	data, err := chromedp.Run(tab.Ctx, chromedp.PrintToPDF(chromedp.PDFPaper(paper.Size)))
	if err != nil {
		t.Fatalf("print %s: %v", name, err)
	}
	dir := *pdfDir
	if dir == "" {
		dir = t.TempDir()
	}
	p := filepath.Join(dir, name+"-"+paper.Name+".pdf")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return &PDF{Data: data, path: p, text: map[int]string{}}
}

var pagesLine = regexp.MustCompile(`(?m)^Pages:\s+(\d+)$`)

// Pages returns the number of pages.
func (p *PDF) Pages(t testing.TB) int {
	t.Helper()
	if p.pages > 0 {
		return p.pages
	}
	out, err := exec.Command("pdfinfo", p.path).Output()
	if err != nil {
		t.Fatalf("pdfinfo %s: %v", p.path, err)
	}
	m := pagesLine.FindSubmatch(out)
	if m == nil {
		t.Fatalf("pdfinfo %s: no page count in\n%s", p.path, out)
	}
	p.pages, _ = strconv.Atoi(string(m[1]))
	return p.pages
}

// Text returns the text of the whole document.
func (p *PDF) Text(t testing.TB) string {
	t.Helper()
	return p.run(t, "pdftotext", "-enc", "UTF-8", p.path, "-")
}

// Page returns the text of page n (from 1), in reading order.
func (p *PDF) Page(t testing.TB, n int) string {
	t.Helper()
	if text, ok := p.text[n]; ok {
		return text
	}
	s := strconv.Itoa(n)
	p.text[n] = p.run(t, "pdftotext", "-enc", "UTF-8", "-f", s, "-l", s, p.path, "-")
	return p.text[n]
}

// Lines returns the non-empty lines of page n, trimmed.
func (p *PDF) Lines(t testing.TB, n int) []string {
	t.Helper()
	var lines []string
	for _, l := range strings.Split(p.Page(t, n), "\n") {
		if l = strings.TrimSpace(strings.Trim(l, "\f")); l != "" {
			lines = append(lines, l)
		}
	}
	return lines
}

func (p *PDF) run(t testing.TB, name string, args ...string) string {
	t.Helper()
	RequirePdftotext(t)
	var stderr bytes.Buffer
	cmd := exec.Command(name, args...)
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, stderr.String())
	}
	return string(out)
}

// Image renders page n at dpi dots per inch.
func (p *PDF) Image(t testing.TB, n, dpi int) image.Image {
	t.Helper()
	s := strconv.Itoa(n)
	root := filepath.Join(t.TempDir(), "page")
	p.run(t, "pdftoppm", "-png", "-r", strconv.Itoa(dpi), "-f", s, "-l", s, "-singlefile", p.path, root)
	f, err := os.Open(root + ".png")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("page %d as PNG: %v", n, err)
	}
	return img
}

// Package a11ytest checks the shipped book in a real browser as a reader
// meets it in production: served with netlify.toml's headers, on a phone and
// a desktop, in light and dark mode. Every page type must raise no
// Content-Security-Policy violation, make no request to another origin, and
// have no serious or critical axe-core violation.
package a11ytest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/workbook-press/workbook"
	"github.com/workbook-press/workbook/internal/browsertest"
	"github.com/workbook-press/workbook/internal/netlify"
	"github.com/workbook-press/workbook/internal/site"
)

// axePaths are where .ci/run (or a developer) installs the axe-core package.
var axePaths = []string{
	os.Getenv("WORKBOOK_AXE"),
	filepath.Join(os.Getenv("HOME"), ".cache/workbook-axe/node_modules/axe-core/axe.min.js"),
	"../../node_modules/axe-core/axe.min.js",
}

func axeSource(t *testing.T) string {
	for _, p := range axePaths {
		if p == "" {
			continue
		}
		if data, err := os.ReadFile(p); err == nil {
			return string(data)
		}
	}
	msg := "!!! ACCESSIBILITY TEST NOT RUN: axe-core is missing (npm install --prefix ~/.cache/workbook-axe axe-core@4, as .ci/run does) !!!"
	if os.Getenv("WORKBOOK_REQUIRE_BROWSER") == "1" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// recordViolations runs before any script of every page.
const recordViolations = `
window.__csp = [];
document.addEventListener('securitypolicyviolation', e => {
  window.__csp.push(e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber);
});`

const runAxe = `(async () => {
  const r = await axe.run(document, {resultTypes: ['violations'], rules: {'target-size': {enabled: true}}});
  return JSON.stringify(r.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', ')));
})()`

// serveShippedBook builds the book of this repository for production and
// serves it on loopback with the headers of netlify.toml.
func serveShippedBook(t *testing.T) (*site.Result, *browsertest.Server) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	res, err := site.Build(context.Background(), site.Config{Src: "../..", Out: out, Minify: true})
	if err != nil {
		t.Fatal(err)
	}
	rules, err := netlify.ParseHeaders(workbook.Netlify)
	if err != nil {
		t.Fatal(err)
	}
	return res, browsertest.Serve(t, browsertest.Static(out, rules))
}

func TestEveryPageTypeIsAccessibleAndPrivate(t *testing.T) {
	browsertest.Require(t)
	axe := axeSource(t)
	res, srv := serveShippedBook(t)

	pages := []string{"/", "/print/", "/print/book/", "/offline/", "/no-such-page/"}
	for _, c := range res.Book.Chapters {
		if len(c.Worksheets) > 0 {
			pages = append(pages, c.URL())
			break
		}
	}
	for _, c := range res.Book.Chapters {
		if len(c.Worksheets) == 0 {
			pages = append(pages, c.URL())
			break
		}
	}

	for _, width := range []int64{375, 1280} {
		for _, scheme := range []string{"light", "dark"} {
			t.Run(fmt.Sprintf("%dpx-%s", width, scheme), func(t *testing.T) {
				tab := browsertest.New(t)
				if _, err := chromedp.Call(tab.Ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: recordViolations}); err != nil {
					t.Fatal(err)
				}
				if _, err := chromedp.Call(tab.Ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
					Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}},
				}); err != nil {
					t.Fatal(err)
				}
				if err := chromedp.Do(tab.Ctx, chromedp.EmulateViewport(width, 900)); err != nil {
					t.Fatal(err)
				}
				for _, p := range pages {
					checkPage(t, tab, srv.URL+p, axe)
				}
				if f := tab.Foreign(srv.URL); len(f) > 0 {
					t.Errorf("requests left the site: %v", f)
				}
			})
		}
	}
}

func checkPage(t *testing.T, tab *browsertest.Tab, url, axe string, ready ...string) {
	t.Helper()
	seen := len(tab.Errors())
	if err := chromedp.Do(tab.Ctx, chromedp.Navigate(url)); err != nil {
		t.Fatalf("%s: %v", url, err)
	}
	for _, expr := range ready { // what the page's scripts show once they have run
		if _, err := chromedp.Run(tab.Ctx, chromedp.Poll[bool](expr, chromedp.WithPollingTimeout(30*time.Second))); err != nil {
			t.Fatalf("%s: still not true after 30 s (%v): %s", url, err, expr)
		}
	}
	for _, e := range tab.Errors()[seen:] {
		if strings.HasSuffix(url, "/no-such-page/") && strings.Contains(e, "404") && strings.Contains(e, url) {
			continue // the page itself is meant to be missing
		}
		t.Errorf("%s: the page reported an error: %s", url, e)
	}
	csp, err := chromedp.Run(tab.Ctx, chromedp.Evaluate[[]string](`window.__csp`))
	if err != nil {
		t.Fatalf("%s: %v", url, err)
	}
	if len(csp) > 0 {
		t.Errorf("%s: Content-Security-Policy violations: %s", url, strings.Join(csp, "; "))
	}
	for _, v := range axeViolations(t, tab, axe) {
		t.Errorf("%s: %s", url, v)
	}
}

// axeViolations runs axe-core on the tab's page and returns its serious and
// critical violations.
func axeViolations(t *testing.T, tab *browsertest.Tab, axe string) []string {
	t.Helper()
	if _, err := chromedp.Run(tab.Ctx, chromedp.Evaluate[any](axe)); err != nil {
		t.Fatalf("inject axe-core: %v", err)
	}
	report, err := chromedp.Run(tab.Ctx, chromedp.Evaluate[string](runAxe, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("run axe-core: %v", err)
	}
	var violations []string
	if err := json.Unmarshal([]byte(report), &violations); err != nil {
		t.Fatal(err)
	}
	return violations
}

// TestAxeFindsViolations proves the check above can fail: a page with an
// unlabelled field, grey-on-white text and a tiny button is reported.
func TestAxeFindsViolations(t *testing.T) {
	browsertest.Require(t)
	axe := axeSource(t)
	dir := t.TempDir()
	bad := `<!doctype html><html lang=en><title>bad</title><link rel=stylesheet href=/bad.css><main><h1>Bad</h1>
<p class=faint>Hard to read.</p><input type=text><p>Some text <button class=tiny>x</button><button class=tiny>y</button> inline.</p></main>`
	os.WriteFile(filepath.Join(dir, "index.html"), []byte(bad), 0o644)
	os.WriteFile(filepath.Join(dir, "bad.css"), []byte(".faint{color:#ccc;background:#fff}.tiny{width:10px;height:10px;padding:0;border:0;display:block;position:absolute;top:0;left:0}.tiny+.tiny{left:12px}"), 0o644)
	srv := browsertest.Serve(t, browsertest.Static(dir, nil))
	tab := browsertest.New(t)
	if err := chromedp.Do(tab.Ctx, chromedp.Navigate(srv.URL+"/")); err != nil {
		t.Fatal(err)
	}
	got := strings.Join(axeViolations(t, tab, axe), "\n")
	for _, want := range []string{"color-contrast", "label", "target-size"} {
		if !strings.Contains(got, want) {
			t.Errorf("axe-core did not report %s; got:\n%s", want, got)
		}
	}
}

// TestJournalWithEntriesIsAccessible runs axe-core over a journal of the
// shipped book (a worksheet with repeat: true) holding two earlier
// entries, on a phone in light mode and a desktop in dark mode.
func TestJournalWithEntriesIsAccessible(t *testing.T) {
	browsertest.Require(t)
	axe := axeSource(t)
	res, srv := serveShippedBook(t)
	var url, key, record string
	for _, ws := range res.Book.Worksheets() {
		if ws.Repeat && url == "" {
			url, key = ws.Chapter.URL(), "workbook:"+res.Book.Site.ID+":"+ws.ID
			record = journalRecord(ws.Fields[0].ID)
		}
	}
	if url == "" {
		t.Fatal("the shipped book has no worksheet with repeat: true")
	}
	for _, o := range []browsertest.Options{{Width: 375, Height: 900}, {Width: 1280, Height: 900, Dark: true}} {
		tab := browsertest.New(t, o)
		if _, err := chromedp.Call(tab.Ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: recordViolations}); err != nil {
			t.Fatal(err)
		}
		if err := chromedp.Do(tab.Ctx, chromedp.Navigate(srv.URL+url)); err != nil {
			t.Fatal(err)
		}
		js := fmt.Sprintf(`(localStorage.setItem(%q, %q), true)`, key, record)
		if _, err := chromedp.Run(tab.Ctx, chromedp.Evaluate[bool](js)); err != nil {
			t.Fatal(err)
		}
		const entries = `document.querySelectorAll(".ws-entry [data-delete-entry]").length`
		checkPage(t, tab, srv.URL+url, axe, entries+" === 2") // the record is moved to the reader and its entries drawn by lazily loaded scripts
		n, err := chromedp.Run(tab.Ctx, chromedp.Evaluate[int](entries))
		if err != nil || n != 2 {
			t.Errorf("%dpx: %d entries with a delete button shown (%v), want 2: axe checked no entries", o.Width, n, err)
		}
	}
}

// journalRecord is a stored journal with two entries answering field.
func journalRecord(field string) string {
	entry := func(saved, text string) string {
		return fmt.Sprintf(`{"saved":%q,"fields":{%q:{"value":%q,"label":"A question"}}}`, saved, field, text)
	}
	return `{"schema":2,"updated":"2026-11-09T19:00:00.000Z","fields":{},"entries":{"e1":` +
		entry("2026-11-02T19:00:00.000Z", "2026-11-02") + `,"e2":` + entry("2026-11-09T19:00:00.000Z", "2026-11-09") + `}}`
}

// Package worksheettest checks, in headless Chromium, what a reader of a
// worksheet relies on: answers saved as they type and back after a reload,
// two tabs kept in step, backup and restore, calm warnings when storage
// fails with nothing typed lost, unreadable records set aside, answers
// kept across a new deployment, and (readers_test.go) two readers on one
// device kept apart, the upgrade from the version before readers (its
// scripts are in testdata/before-readers), the lock, Leave quickly and the
// side-by-side view. A small book with every field type is built
// with site.Build and served on loopback with netlify.toml's headers; one
// browser serves every test, each test on its own origin (its own port), so
// their saved answers never meet.
package worksheettest

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/workbook-press/workbook"
	"github.com/workbook-press/workbook/internal/browsertest"
	"github.com/workbook-press/workbook/internal/netlify"
	"github.com/workbook-press/workbook/internal/site"
)

const bookID = "sheets-test"

// mine is where the first reader's keys start: a book with one reader
// keeps its answers there.
const mine = "workbook:" + bookID + "/1:"

// edition is the book's content at one deployment.
type edition struct{ agreements, plain, journal string }

// v1's first chapter holds one worksheet with every field type and a
// second, small one. v2 is the author's later edit: "feeling" renamed to
// "word" (with was:), "when" removed, the small worksheet moved to the
// other chapter, and the journal no longer repeat: true.
var (
	v1 = edition{chapterV1, plainV1, journalChapter}
	v2 = edition{chapterV2, plainV2, strings.Replace(journalChapter, "    repeat: true\n", "", 1)}
)

const chapterV1 = `---
title: Agreements
worksheets:
  - id: agreements
    title: The agreements nobody said out loud
    intro: Take ten quiet minutes. There are no wrong answers.
    fields:
      - {id: spoken, type: textarea, label: "Agreements we said out loud", lines: 6, help: "Write as many as come to mind."}
      - {id: unspoken, type: list, label: "Agreements I assumed", min: 3}
      - {id: aware, type: choice, label: "Does my partner know about them?", options: ["Yes", "Some", "No", "Not sure"]}
      - {id: hurt, type: scale, label: "How much does this still hurt?", min: 0, max: 10, low: "not at all", high: "very much", help: "Zero is not at all."}
      - {id: steps, type: checklist, label: "This week I will", options: ["Listen first", "Ask before assuming", "Write it down"]}
      - {id: when, type: date, label: "When we'll talk"}
      - {id: feeling, type: text, label: "One word for how I feel", placeholder: "calm"}
` + afterWorksheet + `---

Some text before the worksheet.

{{< worksheet agreements >}}

More text between.

{{< worksheet after >}}
`

const afterWorksheet = `  - id: after
    title: After the talk
    fields:
      - {id: note, type: text, label: "What surprised me"}
`

const (
	plainV1 = "---\ntitle: Plain words\n---\n\nJust reading here.\n"
	plainV2 = "---\ntitle: Plain words\nworksheets:\n" + afterWorksheet + "---\n\nJust reading here.\n\n{{< worksheet after >}}\n"
)

var chapterV2 = strings.NewReplacer(
	`      - {id: when, type: date, label: "When we'll talk"}`+"\n", "",
	`{id: feeling, type: text, label: "One word for how I feel"`, `{id: word, type: text, was: [feeling], label: "One word for how I feel"`,
	afterWorksheet, "",
	"{{< worksheet after >}}\n", "",
).Replace(chapterV1)

func fixture(e edition) fstest.MapFS {
	return fstest.MapFS{
		"content/_index.md":        {Data: []byte("---\nid: " + bookID + "\ntitle: A Book of Small Exercises\n---\n\nWelcome. Write as you read.\n")},
		"content/01-agreements.md": {Data: []byte(e.agreements)},
		"content/02-plain.md":      {Data: []byte(e.plain)},
		"content/03-journal.md":    {Data: []byte(e.journal)},
	}
}

// deployment is a site on one loopback origin whose files can be replaced
// by a new build, as a new deployment replaces them.
type deployment struct {
	URL     string
	current atomic.Pointer[http.Handler]
}

var (
	rulesOnce sync.Once
	rules     []netlify.HeaderRule
	rulesErr  error
)

func publish(t *testing.T, e edition) *deployment {
	t.Helper()
	return publishFS(t, fixture(e))
}

// publishFS publishes a book project, which may override the theme.
func publishFS(t *testing.T, project fstest.MapFS) *deployment {
	t.Helper()
	d := &deployment{}
	d.deploy(t, project)
	srv := browsertest.Serve(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		(*d.current.Load()).ServeHTTP(w, r)
	}))
	d.URL = srv.URL
	return d
}

func (d *deployment) redeploy(t *testing.T, e edition) {
	t.Helper()
	d.deploy(t, fixture(e))
}

func (d *deployment) deploy(t *testing.T, project fstest.MapFS) {
	t.Helper()
	rulesOnce.Do(func() { rules, rulesErr = netlify.ParseHeaders(workbook.Netlify) })
	if rulesErr != nil {
		t.Fatal(rulesErr)
	}
	out := filepath.Join(t.TempDir(), "public")
	if _, err := site.Build(context.Background(), site.Config{Project: project, Out: out, Minify: true}); err != nil {
		t.Fatal(err)
	}
	h := browsertest.Static(out, rules)
	d.current.Store(&h)
}

// watchPage runs before any script of every page: it reports CSP
// violations on the console, where the reader's listener collects them. It
// also notes where each click landed and what moved on the page, for
// state() to tell a missed click from a page that did nothing.
const watchPage = `document.addEventListener('securitypolicyviolation', e => {
  console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber);
});
window.__seen = [];
const __name = n => n && n.nodeType === 1 ? n.tagName.toLowerCase() + (n.id ? "#" + n.id : "") + (n.name ? "[name=" + n.name + "]" : "") + (n.value ? "[value=" + String(n.value).slice(0, 10) + "]" : "") + (n.className && typeof n.className === "string" ? "." + n.className.split(" ")[0] : "") : String(n && n.nodeName);
document.addEventListener('click', e => window.__seen.push(Math.round(performance.now()) + "ms click " + __name(e.target) + " at " + Math.round(e.clientX) + "," + Math.round(e.clientY)), true);
try {
  new PerformanceObserver(l => { for (const s of l.getEntries()) window.__seen.push(Math.round(s.startTime) + "ms shift " + s.sources.map(x => __name(x.node) + " y " + x.previousRect.y + "->" + x.currentRect.y).join(", ")); }).observe({ type: "layout-shift", buffered: true });
} catch (e) {}`

// reader is one browser tab with the reader's eyes and hands.
type reader struct {
	t         *testing.T
	tab       *browsertest.Tab
	site      *deployment
	downloads string
	mu        sync.Mutex
	problems  []string // console errors, CSP violations, uncaught exceptions
	prompts   []string // types of the browser's own dialogs, e.g. "beforeunload"
	stay      bool     // answer "leave this page?" with stay (else leave)
}

// newReader opens a tab on the shared browser. Scripts in before run ahead
// of the page's own on every page load (to break storage, for example).
func newReader(t *testing.T, b *browsertest.Tab, d *deployment, before ...string) *reader {
	t.Helper()
	r := &reader{t: t, tab: b.Open(t), site: d, downloads: t.TempDir()}
	chromedp.Listen(r.tab.Ctx, r.listen)
	for _, src := range append([]string{watchPage}, before...) {
		if _, err := chromedp.Call(r.tab.Ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: src}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := chromedp.Call(r.tab.Ctx, runtime.Enable, cdp.Empty{}); err != nil {
		t.Fatal(err)
	}
	r.downloadHere()
	t.Cleanup(r.checkClean)
	return r
}

// listen runs in the tab's event loop: it must return fast.
func (r *reader) listen(ev any) {
	var msg string
	switch e := ev.(type) {
	case *page.EventJavascriptDialogOpening:
		r.mu.Lock()
		r.prompts = append(r.prompts, string(e.Type))
		accept := !r.stay
		r.mu.Unlock()
		// A command can't run inside a listener.
		go chromedp.Call(r.tab.Ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: accept})
		return
	case *runtime.EventExceptionThrown:
		msg = "uncaught: " + e.ExceptionDetails.Text
		if e.ExceptionDetails.Exception != nil {
			msg += " " + e.ExceptionDetails.Exception.Description
		}
	case *runtime.EventConsoleAPICalled:
		if e.Type != runtime.ConsoleAPICalledTypeError {
			return
		}
		var parts []string
		for _, a := range e.Args {
			parts = append(parts, strings.Trim(string(a.Value), `"`))
		}
		msg = "console error: " + strings.Join(parts, " ")
	default:
		return
	}
	r.mu.Lock()
	r.problems = append(r.problems, msg)
	r.mu.Unlock()
}

// promptsSeen returns the types of the browser dialogs shown so far.
func (r *reader) promptsSeen() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]string(nil), r.prompts...)
}

// checkClean runs when the test ends: no request left the origin, and the
// pages raised no error and no Content-Security-Policy violation.
func (r *reader) checkClean() {
	if f := r.tab.Foreign(r.site.URL); len(f) > 0 {
		r.t.Errorf("requests left the origin %s: %v", r.site.URL, f)
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, p := range r.problems {
		r.t.Errorf("page reported: %s", p)
	}
}

func (r *reader) do(steps ...chromedp.Action[chromedp.Void]) {
	r.t.Helper()
	if err := chromedp.Do(r.tab.Ctx, steps...); err != nil {
		r.t.Fatal(err)
	}
}

// more clicks a button of a worksheet's "More" menu (backup and
// clearing), opening the menu first as a reader does.
func (r *reader) more(sel string) {
	r.t.Helper()
	eval[any](r, fmt.Sprintf(`document.querySelector(%q).closest("details").open = true`, sel))
	r.do(browsertest.Tap(chromedp.CSS(sel)))
}

// open loads a page of the site and waits for its script to have started.
func (r *reader) open(path string) {
	r.t.Helper()
	r.do(chromedp.Navigate(r.site.URL + path))
	r.waitFor(`document.documentElement.classList.contains('js')`, "the page script to start")
}

func (r *reader) reload() {
	r.t.Helper()
	r.do(chromedp.Reload())
	r.waitFor(`document.documentElement.classList.contains('js')`, "the page script to start")
}

// reloaded waits for the page to load again by itself, as it does when
// the reader writing changes: act is what makes it.
func (r *reader) reloaded(act func()) {
	r.t.Helper()
	eval[bool](r, `(window.beforeReload = true)`)
	act()
	r.waitFor(`!window.beforeReload && document.documentElement.classList.contains('js') && document.readyState === "complete"`, "the page to load again")
}

// eval runs a JavaScript expression in the page and decodes its value.
func eval[T any](r *reader, js string) T {
	r.t.Helper()
	v, err := chromedp.Run(r.tab.Ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		r.t.Fatalf("evaluate %s: %v", js, err)
	}
	return v
}

// waitFor polls a JavaScript condition until it holds, for up to 5 s.
func (r *reader) waitFor(cond, what string) {
	r.t.Helper()
	r.waitUpTo(5*time.Second, cond, what)
}

// waitUpTo polls a JavaScript condition until it holds, for up to d.
func (r *reader) waitUpTo(d time.Duration, cond, what string) {
	r.t.Helper()
	deadline := time.Now().Add(d)
	for {
		ok, err := chromedp.Run(r.tab.Ctx, chromedp.Evaluate[bool]("Boolean("+cond+")"))
		if err == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			r.t.Fatalf("waited %v for %s (%s); last error: %v; the page shows %s", d, what, cond, err, r.state())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// state says what a reader would see when a wait runs out: the dialogs,
// the worksheets' status lines and text boxes (their lengths), the
// banners, what is in storage, and the page's errors.
func (r *reader) state() string {
	v, err := chromedp.Run(r.tab.Ctx, chromedp.Evaluate[string](`JSON.stringify({dialogs: [...document.querySelectorAll("dialog")].map(d => (d.open ? "open: " : "closed: ") + d.textContent.trim().slice(0, 300)),
		status: [...document.querySelectorAll("[data-ws-status]")].map(s => s.textContent.trim()).filter(Boolean), banners: (document.getElementById("banners") || {}).textContent || "",
		storage: Object.keys(localStorage).map(k => k + " " + localStorage.getItem(k).length),
		boxes: [...document.querySelectorAll("section.worksheet textarea")].map(b => b.name + " " + b.value.length),
		seen: (window.__seen || []).slice(-12), now: Math.round(performance.now()) + "ms"})`))
	if err != nil {
		v = err.Error()
	}
	return fmt.Sprintf("%s, page errors %q", v, r.tab.Errors())
}

func (r *reader) text(sel string) string {
	r.t.Helper()
	return eval[string](r, fmt.Sprintf(`(document.querySelector(%q) || {textContent: %q}).textContent.trim()`, sel, "<"+sel+" missing>"))
}

func (r *reader) visible(sel string) bool {
	r.t.Helper()
	return eval[bool](r, fmt.Sprintf(`(() => { const e = document.querySelector(%q); return !!e && e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden"; })()`, sel))
}

// answersShown reads every field of a worksheet as the page shows it, with
// the page's own code left out: lists and checklists are joined with "|".
func (r *reader) answersShown(ws string) map[string]string {
	r.t.Helper()
	return eval[map[string]string](r, fmt.Sprintf(`(() => {
  const out = {};
  for (const el of document.querySelectorAll("#ws-%s .field[data-field]")) {
    const t = el.dataset.type, ins = [...el.querySelectorAll("input, textarea")];
    let v;
    if (t === "choice" || t === "scale") v = (ins.find(i => i.checked) || {value: ""}).value;
    else if (t === "checklist") v = ins.filter(i => i.checked).map(i => i.value).join("|");
    else if (t === "list") v = ins.map(i => i.value).filter(Boolean).join("|");
    else v = ins[0].value;
    out[el.dataset.field] = v;
  }
  return out;
})()`, ws))
}

// stored returns every localStorage entry of the book, key to text.
func (r *reader) stored() map[string]string {
	r.t.Helper()
	return eval[map[string]string](r, `(() => {
  const out = {};
  for (let i = 0; i < localStorage.length; i++) {
    const k = localStorage.key(i);
    if (k.startsWith("`+mine+`")) out[k] = localStorage.getItem(k);
  }
  return out;
})()`)
}

// waitStored waits until a worksheet's stored record holds n fields.
func (r *reader) waitStored(ws string, n int) {
	r.t.Helper()
	r.waitFor(fmt.Sprintf(`Object.keys((JSON.parse(localStorage.getItem("%s%s")) || {fields: {}}).fields).length >= %d`, mine, ws, n),
		fmt.Sprintf("%d answers of %s to be saved", n, ws))
}

// answer picks the dialog button with this label once the dialog is open.
func (r *reader) answer(title, button string) string {
	r.t.Helper()
	r.waitFor(`document.querySelector("dialog[open]")`, "a dialog: "+title)
	got := r.text("dialog[open]")
	if !strings.Contains(got, title) {
		r.t.Errorf("dialog says %q; want it to contain %q", got, title)
	}
	r.do(browsertest.Press(button))
	r.waitFor(`!document.querySelector("dialog")`, "the dialog to close and be gone")
	return got
}

// downloadHere sends the downloads of this reader's browser context to its
// folder: the setting is the context's, shared by its tabs, so the last tab
// to set it would win.
func (r *reader) downloadHere() {
	r.t.Helper()
	if _, err := chromedp.CallBrowser(r.tab.Ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: r.downloads,
		BrowserContextID: chromedp.FromContext(r.tab.Ctx).BrowserContextID,
	}); err != nil {
		r.t.Fatal(err)
	}
}

// download clicks a "Download my answers" button and returns the file.
func (r *reader) download(sel string) backupFile {
	r.t.Helper()
	os.RemoveAll(r.downloads)
	os.Mkdir(r.downloads, 0o755)
	r.downloadHere()
	if strings.HasPrefix(sel, "#ws-") {
		r.more(sel)
	} else {
		r.do(browsertest.Tap(chromedp.CSS(sel)))
	}
	deadline := time.Now().Add(5 * time.Second)
	for time.Now().Before(deadline) {
		files, _ := filepath.Glob(filepath.Join(r.downloads, "*.json"))
		if len(files) == 1 {
			data, err := os.ReadFile(files[0])
			var b backupFile
			if err == nil && json.Unmarshal(data, &b) == nil {
				b.Path, b.Name = files[0], filepath.Base(files[0])
				return b
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	r.t.Fatalf("no file was downloaded into %s within 5s", r.downloads)
	return backupFile{}
}

// backupFile is the shape of a downloaded backup, as far as tests read it.
type backupFile struct {
	Path, Name string                     `json:"-"`
	Format     string                     `json:"format"`
	Version    int                        `json:"version"`
	Book       string                     `json:"book"`
	Worksheets map[string]json.RawMessage `json:"worksheets"`
	Read       map[string]string          `json:"read"`
	Unreadable map[string]string          `json:"unreadable"`
}

// value returns the saved value of one field in the backup, as compact JSON.
func (b backupFile) value(ws, field string) string {
	var rec struct {
		Fields map[string]struct{ Value json.RawMessage } `json:"fields"`
	}
	json.Unmarshal(b.Worksheets[ws], &rec)
	var out bytes.Buffer
	json.Compact(&out, rec.Fields[field].Value)
	return out.String()
}

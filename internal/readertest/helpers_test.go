package readertest

import (
	"bytes"
	"compress/gzip"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/workbook-press/workbook"
	"github.com/workbook-press/workbook/internal/browsertest"
	"github.com/workbook-press/workbook/internal/netlify"
	"github.com/workbook-press/workbook/internal/site"
)

var (
	builtOnce sync.Once
	builtDir  string
	builtErr  error
)

// shipped builds the book in content/ once for the package, minified as
// it is published.
func shipped(t *testing.T) string {
	t.Helper()
	builtOnce.Do(func() {
		dir, err := os.MkdirTemp("", "readertest-")
		if err != nil {
			builtErr = err
			return
		}
		builtDir = filepath.Join(dir, "public")
		_, builtErr = site.Build(context.Background(), site.Config{Project: os.DirFS("../.."), Out: builtDir, Minify: true})
	})
	if builtErr != nil {
		t.Fatal(builtErr)
	}
	return builtDir
}

// serve serves the shipped book with netlify.toml's headers on a new
// origin; each of through, if any, wraps the handler (to hold a file back).
func serve(t *testing.T, through ...func(http.Handler) http.Handler) *browsertest.Server {
	t.Helper()
	dir := shipped(t)
	rules, err := netlify.ParseHeaders(workbook.Netlify)
	if err != nil {
		t.Fatal(err)
	}
	h := gzipped(browsertest.Static(dir, rules))
	for _, wrap := range through {
		h = wrap(h)
	}
	return browsertest.Serve(t, h)
}

// gzipped compresses text responses as a static host does, so the slow
// phone downloads what it would in production.
func gzipped(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Accept-Encoding"), "gzip") || strings.HasSuffix(r.URL.Path, ".png") {
			h.ServeHTTP(w, r)
			return
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		for k, v := range rec.Header() {
			w.Header()[k] = v
		}
		var b bytes.Buffer
		z, _ := gzip.NewWriterLevel(&b, 6)
		z.Write(rec.Body.Bytes())
		z.Close()
		w.Header().Set("Content-Encoding", "gzip")
		w.Header().Set("Content-Length", strconv.Itoa(b.Len()))
		w.Header().Add("Vary", "Accept-Encoding")
		w.WriteHeader(rec.Code)
		w.Write(b.Bytes())
	})
}

func run[T any](t *testing.T, tab *browsertest.Tab, what string, a chromedp.Action[T]) T {
	t.Helper()
	ctx, cancel := context.WithTimeout(tab.Ctx, 30*time.Second)
	defer cancel()
	v, err := chromedp.Run(ctx, a)
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	return v
}

func eval[T any](t *testing.T, tab *browsertest.Tab, what, expr string) T {
	t.Helper()
	return run(t, tab, what, chromedp.Evaluate[T](expr, chromedp.EvalAwaitPromise))
}

// eventually waits until expr is true, across page loads.
func eventually(t *testing.T, tab *browsertest.Tab, what, expr string) {
	t.Helper()
	var err error
	for deadline := time.Now().Add(15 * time.Second); time.Now().Before(deadline); time.Sleep(100 * time.Millisecond) {
		var ok bool
		if ok, err = chromedp.Run(tab.Ctx, chromedp.Evaluate[bool](expr, chromedp.EvalAwaitPromise)); ok && err == nil {
			return
		}
	}
	t.Fatalf("%s: still not true after 15 s (last error %v): %s", what, err, expr)
}

func open(t *testing.T, tab *browsertest.Tab, url string) {
	t.Helper()
	run(t, tab, "open "+url, chromedp.Navigate(url))
	eventually(t, tab, "the page's script ran", `document.documentElement.classList.contains("js")`)
}

func noErrors(t *testing.T, tab *browsertest.Tab) {
	t.Helper()
	for _, e := range tab.Errors() {
		t.Errorf("page error: %s", e)
	}
}

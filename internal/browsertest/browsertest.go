// Package browsertest starts real headless Chromium for tests of what a
// reader does in the browser (saving, restoring, printing, offline), and
// serves a built site on loopback for it to visit.
//
// Each test gets a tab in a browser context of its own; the tests of a
// package whose TestMain calls Main share the browser, which saves
// starting one per test.
//
// Without /usr/bin/chromium the tests skip with a loud message, unless
// WORKBOOK_REQUIRE_BROWSER=1 (set by CI), where a missing browser fails.
package browsertest

import (
	"context"
	"net"
	"net/http"
	"os"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Path is where Debian installs Chromium.
const Path = "/usr/bin/chromium"

// Require skips or fails the test when Chromium is missing.
func Require(t testing.TB) {
	t.Helper()
	if _, err := os.Stat(Path); err == nil {
		return
	}
	msg := "!!! BROWSER TEST NOT RUN: " + Path + " is missing (apt-get install chromium) !!!"
	if os.Getenv("WORKBOOK_REQUIRE_BROWSER") == "1" {
		t.Fatal(msg)
	}
	t.Skip(msg)
}

// Options adjusts the browser of a test's tab.
type Options struct {
	Width, Height int // viewport; default 1280x900
	Dark          bool
	Trap          bool // record in Tab.Trap what the pages and workers ask of other hosts, and fail it
}

// Tab is one tab of headless Chromium, recording every request it makes.
type Tab struct {
	Ctx    context.Context // pass to chromedp.Run and chromedp.Do
	Trap   *Trap           // with Options.Trap: what the context's pages and workers asked of other hosts
	mu     sync.Mutex
	urls   []string
	errors []string
}

// New returns a tab of headless Chromium in a fresh browser context: an
// empty profile of its own, closed when the test ends. The browser is the
// package's shared one (see Main) or, without Main, the test's own.
func New(t testing.TB, opts ...Options) *Tab {
	t.Helper()
	Require(t)
	o := Options{}
	if len(opts) > 0 {
		o = opts[0]
	}
	if o.Width == 0 {
		o.Width, o.Height = 1280, 900
	}
	b := browserFor(t, o)
	var trap *Trap
	if o.Trap {
		trap = &Trap{}
	}
	tab := open(t, b.ctx, trap, chromedp.WithNewBrowserContext())
	if _, err := chromedp.Call(tab.Ctx, log.Enable, cdp.Empty{}); err != nil {
		t.Fatalf("listen to the browser's log: %v", err)
	}
	// A headless window is never narrower than 500 px: the page is laid
	// out at the width asked for by emulating the screen.
	if err := chromedp.Do(tab.Ctx, chromedp.EmulateViewport(int64(o.Width), int64(o.Height))); err != nil {
		t.Fatalf("set the screen to %dx%d: %v", o.Width, o.Height, err)
	}
	if o.Trap {
		b.trap(t, tab)
	}
	return tab
}

// Open returns another tab in the same browser context, which shares the
// first tab's profile (and so its localStorage) and its trap. It records its own
// requests and closes when the test ends.
func (tab *Tab) Open(t testing.TB) *Tab {
	t.Helper()
	return open(t, tab.Ctx, tab.Trap)
}

// open makes a tab as a child of parent that records its requests and, with
// a trap, has the trap listen to it and hold its requests; it closes when
// the test ends.
func open(t testing.TB, parent context.Context, trap *Trap, opts ...chromedp.ContextOption) *Tab {
	t.Helper()
	tab := &Tab{Trap: trap}
	opts = append(opts, chromedp.WithListener(tab.record))
	if trap != nil {
		opts = append(opts, chromedp.WithListener(trap.listen(&tab.Ctx, "page")))
	}
	ctx, cancel := chromedp.NewContext(parent, opts...)
	tab.Ctx = ctx // before the first event: the trap's listener reads it
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("open a tab: %v", err)
	}
	if trap != nil {
		if err := intercept(ctx); err != nil {
			t.Fatalf("trap the tab's requests: %v", err)
		}
	}
	return tab
}

// record runs in the tab's event loop: it must return fast.
func (tab *Tab) record(ev any) {
	tab.mu.Lock()
	defer tab.mu.Unlock()
	switch e := ev.(type) {
	case *network.EventRequestWillBeSent:
		tab.urls = append(tab.urls, e.Request.URL)
	case *runtime.EventExceptionThrown:
		tab.errors = append(tab.errors, "uncaught: "+exceptionText(e.ExceptionDetails))
	case *runtime.EventConsoleAPICalled:
		if e.Type == runtime.ConsoleAPICalledTypeError {
			tab.errors = append(tab.errors, "console.error: "+consoleText(e.Args))
		}
	case *log.EventEntryAdded:
		if e.Entry.Level == log.EntryLevelError {
			tab.errors = append(tab.errors, string(e.Entry.Source)+": "+e.Entry.Text+" ("+e.Entry.URL+")")
		}
	}
}

func exceptionText(d *runtime.ExceptionDetails) string {
	if d.Exception != nil && d.Exception.Description != "" {
		return d.Exception.Description
	}
	return d.Text
}

func consoleText(args []*runtime.RemoteObject) string {
	var parts []string
	for _, a := range args {
		if a.Description != "" {
			parts = append(parts, a.Description)
		} else {
			parts = append(parts, strings.Trim(string(a.Value), `"`))
		}
	}
	return strings.Join(parts, " ")
}

// Errors returns what the page reported as errors so far: uncaught
// exceptions, console.error calls and the browser's own error log (a
// blocked resource, a Content-Security-Policy violation, a 404 asset).
func (tab *Tab) Errors() []string {
	tab.mu.Lock()
	defer tab.mu.Unlock()
	return append([]string(nil), tab.errors...)
}

// Requests returns the URL of every request the tab made so far.
func (tab *Tab) Requests() []string {
	tab.mu.Lock()
	defer tab.mu.Unlock()
	return append([]string(nil), tab.urls...)
}

// Foreign returns the requests that went anywhere but origin (e.g.
// "http://127.0.0.1:41234"). data: and blob: URLs stay on the device and are
// not counted.
func (tab *Tab) Foreign(origin string) []string {
	return slices.DeleteFunc(tab.Requests(), func(u string) bool { return onOrigin(u, origin) })
}

// Server serves a handler on a free loopback port for the browser to visit.
type Server struct {
	URL  string // e.g. "http://127.0.0.1:41234"
	srv  *http.Server
	ln   net.Listener
	once sync.Once
}

// Serve starts h on 127.0.0.1 (on addr's port when addr is not empty, so a
// test can restart a server on the same origin) and stops it when the test
// ends.
func Serve(t testing.TB, h http.Handler, addr ...string) *Server {
	t.Helper()
	a := "127.0.0.1:0"
	if len(addr) > 0 && addr[0] != "" {
		a = addr[0]
	}
	ln, err := net.Listen("tcp", a)
	if err != nil {
		t.Fatal(err)
	}
	s := &Server{URL: "http://" + ln.Addr().String(), srv: &http.Server{Handler: h}, ln: ln}
	go s.srv.Serve(ln)
	t.Cleanup(s.Close)
	return s
}

// Addr returns the host:port the server listens on.
func (s *Server) Addr() string { return strings.TrimPrefix(s.URL, "http://") }

// Close stops the server at once, dropping open connections.
func (s *Server) Close() {
	s.once.Do(func() { s.srv.Close() })
}

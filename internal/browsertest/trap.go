package browsertest

import (
	"context"
	"fmt"
	"net"
	"net/url"
	"slices"
	"strings"
	"sync"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/fetch"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/cdproto/target"
	"github.com/chromedp/chromedp"
)

// Trap records every request that the pages of a test's browser context
// (the tab New made with Options.Trap, and those it opens) and their
// service and shared workers make, and fails each one for another machine
// before it is sent.
//
// It tells the book's requests from the browser's own by who made them, not
// by host: it listens, through the DevTools protocol, to each page target
// and to each worker target, where Network reports what the target asks for
// and Fetch, with a pattern that matches every URL, holds each request until
// the trap lets it go on or fails it. The browser's own calls (updates,
// safe browsing, the clock) belong to no page or worker, so they never reach
// the trap, whatever host the next Chromium calls.
//
// The browser pauses a worker when it starts, before the first line of its
// script, and the worker runs only once the trap listens to it.
type Trap struct {
	mu   sync.Mutex
	seen []string // "METHOD URL (who)", each once, in order
	urls []string // the URL of each entry of seen
	errs []string // a target the trap could not listen to
}

// Caught returns the requests that the pages and workers made for anything
// but origin (e.g. "http://127.0.0.1:41234"), as "METHOD URL (who)", each
// once; and a line for any worker the trap failed to listen to, since its
// requests went unseen. data: and blob: URLs stay on the device and are not
// counted.
func (tr *Trap) Caught(origin string) []string {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	var out []string
	for i, u := range tr.urls {
		if !onOrigin(u, origin) {
			out = append(out, tr.seen[i])
		}
	}
	return append(out, tr.errs...)
}

// listen returns the listener of one target, named who in what the trap
// records. ctx points to the context of the target; it is set before the
// target is attached, so before the first event.
func (tr *Trap) listen(ctx *context.Context, who string) func(ev any) {
	return func(ev any) {
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			// Also a request that the page's service worker answers,
			// which never reaches the page's Fetch.
			tr.note(e.Request.Method, e.Request.URL, who)
		case *fetch.EventRequestPaused:
			tr.note(e.Request.Method, e.Request.URL, who)
			// The listener runs in the target's event loop, which the
			// answer to a command needs: answer from another goroutine.
			go answer(*ctx, e.RequestID, e.Request.URL)
		}
	}
}

func (tr *Trap) note(method, u, who string) {
	entry := method + " " + u + " (" + who + ")"
	tr.mu.Lock()
	defer tr.mu.Unlock()
	if !slices.Contains(tr.seen, entry) {
		tr.seen = append(tr.seen, entry)
		tr.urls = append(tr.urls, u)
	}
}

func (tr *Trap) fail(format string, args ...any) {
	tr.mu.Lock()
	defer tr.mu.Unlock()
	tr.errs = append(tr.errs, fmt.Sprintf(format, args...))
}

// answer lets a paused request for this machine go on and fails any other.
// An error means the target is gone, and its request with it.
func answer(ctx context.Context, id fetch.RequestID, u string) {
	if onMachine(u) {
		chromedp.Call(ctx, fetch.ContinueRequest, fetch.ContinueRequestParams{RequestID: id})
		return
	}
	chromedp.Call(ctx, fetch.FailRequest, fetch.FailRequestParams{RequestID: id, ErrorReason: network.ErrorReasonBlockedByClient})
}

// intercept holds every request of the target of ctx for the trap.
func intercept(ctx context.Context) error {
	_, err := chromedp.Call(ctx, fetch.Enable, fetch.EnableParams{Patterns: []*fetch.RequestPattern{{URLPattern: "*"}}})
	return err
}

// watchWorker listens to a paused worker in a session of its own, which
// ends with parent, the context of the tab; then it lets the worker run.
func (tr *Trap) watchWorker(parent context.Context, info *target.Info) {
	who := info.Type + " " + info.URL
	var ctx context.Context
	ctx, _ = chromedp.NewContext(parent, chromedp.WithTargetID(info.TargetID),
		chromedp.WithDetachOnCancel(), chromedp.WithListener(tr.listen(&ctx, who)))
	err := chromedp.Do(ctx) // attaches, and enables Network
	if err == nil {
		err = intercept(ctx)
	}
	if err == nil {
		_, err = chromedp.Call(ctx, runtime.RunIfWaitingForDebugger, cdp.Empty{})
	}
	if err != nil && parent.Err() == nil {
		tr.fail("the trap could not listen to %s: %v", who, err)
	}
}

// resume lets a paused worker that no trap wants run.
func resume(parent context.Context, info *target.Info) {
	ctx, cancel := chromedp.NewContext(parent, chromedp.WithTargetID(info.TargetID), chromedp.WithDetachOnCancel())
	defer cancel()
	if chromedp.Do(ctx) == nil {
		chromedp.Call(ctx, runtime.RunIfWaitingForDebugger, cdp.Empty{})
	}
}

// onOrigin reports whether u is on origin, or stays on the device.
func onOrigin(u, origin string) bool {
	return u == origin || strings.HasPrefix(u, origin+"/") || localScheme(u)
}

// onMachine reports whether a request for u stays on this machine.
func onMachine(u string) bool {
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	ip := net.ParseIP(p.Hostname())
	return localScheme(u) || p.Hostname() == "localhost" || ip != nil && ip.IsLoopback()
}

func localScheme(u string) bool {
	return strings.HasPrefix(u, "data:") || strings.HasPrefix(u, "blob:")
}
